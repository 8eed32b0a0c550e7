"""The header as scans give it: OCR confusions and handwritten blanks.

Agencies print the số ký hiệu and the date with blanks ("Số:     /TB-UBND",
"ngày    tháng 3 năm 2024") that are filled in by hand after signing. OCR reads the
handwriting badly or not at all, and confuses letters and digits in the printed
part ("Só", "S6", "I0" for 10, "l" for 1, "O" for 0). These rules read what is
there, repair what is certain, and keep only the printed part when the handwritten
part cannot be read, saying so, rather than inventing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from danvan.core.dates import parse_date
from danvan.core.extract.citations import NUMBER_RE, normalise_number
from danvan.core.extract.normalise import fix_ocr_confusions
from danvan.core.text import fold

# "Số", and what OCR makes of it: Só, Sô, Sồ, Sỗ, S6, SỐ, "S ố"
# (not a word that starts like it: "Sơn La, ngày ...", "So với ...")
NUMBER_LABEL = re.compile(r"^S\s?[ốỐóÓôÔồổỗộoO6ỏọõơ](?![^\W\d_])\s*[:.;,]?\s*(.*)$")
# letters OCR reads for digits, only where a digit must stand
_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "!": "1", "í": "1", "ì": "1", "S": "5", "B": "8", "Z": "2"})  # fmt: skip
_LOOKALIKES = "OoQIl|!íìSBZ"
_NUMERAL = re.compile(r"^[\d" + re.escape(_LOOKALIKES) + r"]{1,5}$")
# the printed ký hiệu after a blank: "/TB-UBND", "/2025/NQ-HĐND", "/QĐ-NĐ-UB"
_PRINTED_SYMBOL = re.compile(
    r"^/\s?((?:\d{4}\s?/\s?)?[A-ZĐ][A-Za-zĐđ0-9.]*(?:\s?[-/–]\s?[A-ZĐa-zđ0-9][A-Za-zĐđ0-9.]*)*)"
)
# an incoming-mail stamp: "CÔNG VĂN ĐẾN Số: 45 Ngày: …" has a number of its own
INCOMING = re.compile(r"\bĐ[ẾE]N\b|\bđến\s+số\b|\bCV\s+Đ", re.IGNORECASE)
# urgency, secrecy and draft marks stand in the header but name no body
MARK = re.compile(
    r"^(?:HỎA|HOẢ)\s+TỐC$|^(?:THƯỢNG\s+)?KHẨN$|^(?:TỐI\s+|TUYỆT\s+)?MẬT$|^DỰ\s+THẢO$"
    r"|^BẢN\s+SAO$|^(?:CÔNG\s+VĂN\s+|CV\s+)?ĐẾN\b"
)


@dataclass(frozen=True)
class NumberRead:
    number: str
    repaired: bool = False  # OCR look-alikes turned into digits
    printed_only: bool = False  # the handwritten part was not readable: ký hiệu only
    used_next: bool = False  # the number stood on the line after "Số:"


def _digits(token: str) -> tuple[str, bool] | None:
    """A numeral as OCR gave it ("I0", "l5", "O4") → ("10", True); None when it is not one."""
    if not _NUMERAL.match(token) or not any(c.isdigit() for c in token) and len(token) < 2:
        return None
    fixed = token.translate(_DIGIT_LOOKALIKE)
    return fixed, fixed != token


def read_number(rest: str) -> NumberRead | None:
    """The số ký hiệu in what follows "Số:" on its line, OCR-tolerant."""
    rest = fix_ocr_confusions(rest).strip()
    if not rest:
        return None
    found = NUMBER_RE.search(rest)
    if found and re.match(r"\s*\d", rest) and found.start() < 3:
        return NumberRead(normalise_number(found.group(1)))
    head, _, tail = rest.partition("/")
    head = head.strip()
    symbol = _PRINTED_SYMBOL.match("/" + tail) if tail else None
    if symbol is None:
        return None
    printed = "/" + normalise_number(symbol.group(1))
    if not head:
        return NumberRead(printed, printed_only=True)
    digits = _digits(head.replace(" ", ""))
    if digits is not None:
        return NumberRead(digits[0] + printed, repaired=digits[1])
    if len(head) <= 6:
        return NumberRead(printed, printed_only=True)  # the handwriting read as noise
    return None


def read_number_segment(text: str, following: str | None) -> NumberRead | None:
    """The number of a "Số: …" segment; ``following`` is the next segment of the header,
    read when "Số:" stands alone (the column put the number on the next line)."""
    label = NUMBER_LABEL.match(text)
    if label is None:
        return None
    found = read_number(label.group(1))
    if found is None and not label.group(1).strip() and following:
        nxt = read_number(following)
        if nxt is not None:
            return NumberRead(nxt.number, nxt.repaired, nxt.printed_only, used_next=True)
    return found


@dataclass(frozen=True)
class DateRead:
    issued_on: date | None
    repaired: bool = False
    unreadable: str | None = None  # "tháng 3 năm 2024": what was printed when the day was not read


_GLUED = re.compile(r"(?<=\S)(?=(?:tháng|năm)\b)|(?<=\bngày)(?=\S)|(?<=\btháng)(?=\d)", re.I)
_DATE_PARTS = re.compile(
    r"ngày\s*(?P<day>\S{0,4}?)\s*tháng\s*(?P<month>\S{0,3}?)\s*năm\s*(?P<year>\S{4})", re.I
)


def read_date(text: str) -> DateRead:
    """The date of a "Place, ngày … tháng … năm …" line, OCR-tolerant ("tháng I0năm 2025",
    "ngàyl5"); the printed month and year when the handwritten day cannot be read."""
    spaced = _GLUED.sub(" ", text)
    parts = _DATE_PARTS.search(spaced)
    if parts is None:
        return DateRead(parse_date(spaced))
    values: dict[str, str | None] = {}
    repaired = False
    for key in ("day", "month", "year"):
        token = parts.group(key).strip(".,")
        if key == "year" and re.match(r"^[Tt]\d{3}$", token):
            token = "1" + token[1:]  # a serif 1 read as T: "năm T999"
            repaired = True
        read = _digits(token) if token else None
        values[key] = read[0] if read else None
        repaired |= bool(read and read[1])
    day, month, year = values["day"], values["month"], values["year"]
    if day and month and year:
        try:
            return DateRead(date(int(year), int(month), int(day)), repaired=repaired)
        except ValueError:
            pass
    if month and year and 1 <= int(month) <= 12:
        return DateRead(None, repaired, unreadable=f"tháng {int(month)} năm {year}")
    if year:
        return DateRead(None, repaired, unreadable=f"năm {year}")
    return DateRead(None)


# Upper-case words of letterheads and signature blocks that OCR reads without their marks
# ("UY BAN NHAN DAN") or with the wrong one ("TĨNH" for "TỈNH": no body's name says
# "still"). Each replacement has the same length, so offsets into the text still hold.
_UPPER_WORDS = {
    "TĨNH": "TỈNH",
    "UY": "ỦY",
    "NHAN": "NHÂN",
    "DAN": "DÂN",
    "TINH": "TỈNH",
    "HUYEN": "HUYỆN",
    "CHU": "CHỦ",
    "TICH": "TỊCH",
    "PHO": "PHÓ",
    "GIAM": "GIÁM",
    "DOC": "ĐỐC",
    "TRUONG": "TRƯỞNG",
}
_TINH_NAME = re.compile(r"(?:\bHÀ\s*\||\|\s*GIA\b)")
# words read with a wrong mark that their neighbour gives away
_UPPER_PHRASES = (
    ("CHU TỊCH", "CHỦ TỊCH"),
    ("BẠN NHÂN DÂN", "BAN NHÂN DÂN"),
    ("DÂN TÍNH", "DÂN TỈNH"),
)
_UPPER_WORD = re.compile(r"(?<![\w])[A-ZĨ]{2,6}(?![\w])")
# a line can only change if it holds one of the words or phrases: the lines to look at
# (plain literals, so that the search skips ahead at C speed)
_REPAIRABLE = re.compile("|".join([*_UPPER_WORDS, *(re.escape(w) for w, _ in _UPPER_PHRASES)]))


def repair_upper_lines(text: str) -> tuple[str, list[int]]:
    """The text with those words repaired in upper-case lines, and the line numbers changed."""
    lines = text.split("\n")
    changed: list[int] = []
    candidates: list[int] = []
    n, pos = 0, 0
    for m in _REPAIRABLE.finditer(text):
        n += text.count("\n", pos, m.start())
        pos = m.start()
        if not candidates or candidates[-1] != n:
            candidates.append(n)
    for n in candidates:
        line = lines[n]
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.9 * len(letters):
            continue
        plain = line.isascii()

        def fix(m: re.Match[str], plain: bool = plain, line: str = line) -> str:
            word = m.group(0)
            if word == "TĨNH" and (
                _TINH_NAME.search(line[: m.start()] + "|" + line[m.end() :])
                or not line[m.end() :].strip()
            ):
                # Hà Tĩnh, Tĩnh Gia: the place is "Tĩnh"; and "tỉnh" is followed by the
                # province's name, so a "TĨNH" ending a line ("… TỈNH HÀ" / "TĨNH") stays
                return word
            if word == "TĨNH" or plain:
                return _UPPER_WORDS.get(word, word)
            return word

        fixed = _UPPER_WORD.sub(fix, line)
        for wrong, right in _UPPER_PHRASES:
            fixed = fixed.replace(wrong, right)
        if fixed != line:
            lines[n] = fixed
            changed.append(n)
    return "\n".join(lines), changed


# The common Vietnamese family names. OCR drops or changes a name's tone mark
# ("Nguyên" for "Nguyễn", "Tran" for "Trần"); a signer's first word that is none of them
# but folds (marks removed) to exactly one of them is that one.
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn "
    "Lương Trịnh Trương Mai Lâm Hà Tạ Cao Lưu Phùng Tô Thái Triệu Vương Quách Hứa Kiều Nông "
    "Lò Hoàng Châu Chu Doãn Giang Khổng Lã Mạc Nghiêm Quan Tăng Thân Tôn Từ Văn Viên"
).split()
_BY_FOLD: dict[str, list[str]] = {}
for _name in dict.fromkeys(SURNAMES):
    _BY_FOLD.setdefault(fold(_name), []).append(_name)


def repair_surname(name: str) -> str | None:
    """``name`` with its OCR-misread family name repaired, None when nothing changes."""
    first, sep, rest = name.partition(" ")
    if not sep or first in _BY_FOLD.get(fold(first), ()):
        return None
    candidates = _BY_FOLD.get(fold(first), [])
    if len(candidates) != 1:
        return None
    return f"{candidates[0]} {rest}"
