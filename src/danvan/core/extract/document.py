"""The document's own header and footer: type, số ký hiệu, place and date, issuer,
trích yếu, Nơi nhận and signer.

Works on lines split into segments, so both layouts are read: letterhead and
motto side by side on one line (pdftotext -layout, columns separated by wide
gaps) and the same blocks one after the other (DOCX tables read cell by cell).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from danvan.core.dates import parse_date
from danvan.core.extract.citations import (
    _ORG_HEAD_RE,
    TYPE_WORDS,
    read_issuer,
    subject_name,
    type_from_number,
)
from danvan.core.extract.header_ocr import (
    INCOMING,
    MARK,
    NUMBER_LABEL,
    read_date,
    read_number_segment,
    repair_upper_lines,
)
from danvan.core.extract.normalise import is_vietnamese_syllable
from danvan.core.text import collapse_ws, fold


@dataclass(frozen=True)
class Segment:
    text: str  # stripped
    start: int  # offset in the original text
    line: int
    column: int  # offset of the segment within its line


@dataclass
class Signer:
    name: str | None = None
    position: str | None = None
    authority: str | None = None
    on_behalf_of: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass
class DocumentInfo:
    doc_type: str | None = None
    number: str | None = None
    issued_on: date | None = None
    place: str | None = None
    issuer: str | None = None
    governing_body: str | None = None
    title: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    body_start: int = 0  # offset where the body begins (after the title)
    footer_start: int | None = None  # offset of "Nơi nhận" or the signature block
    notes: list[str] = field(default_factory=list)  # what a person should check (Vietnamese)
    repaired: set[str] = field(default_factory=set)  # fields read through an OCR repair


_COL_SPLIT = re.compile(r"\t+| {3,}")
_TYPE_NAMES = sorted(
    ((fold(w), c) for w, c in TYPE_WORDS if c != "van_ban"), key=lambda x: -len(x[0])
)
_MOTTO = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "dang cong san viet nam",
    # the Youth Union's heading stands where the Party's does, opposite the letterhead
    "doan tncs ho chi minh",
    "doan thanh nien cong san ho chi minh",
)
_NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(.*)$")
# (OCR glues the handwritten day to "ngày": "ngày3|", "ngàyÂD")
_PLACE_DATE = re.compile(r"^([^\d,;:]{2,50}?)\s*,\s*ngày(.*)$", re.IGNORECASE)
# "Nơi nhận", also with the N lost to OCR
_NOI_NHAN = re.compile(r"^N?ơi\s*nhận\b", re.IGNORECASE)
_NOI_NHAN_LABEL = re.compile(r"^N?ơi\s*nhận\s*[:.]?\s*", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-_=*.~–—]+$")
_VV = re.compile(r"^(?:V/v|V/V|v/v|Về việc)\s*[:.]?\s*(.*)$")
_AUTH = re.compile(r"^(TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|T\.L|TUQ|T/UQ|Q)\s*[.:/]?\s+(\S.*)$")
_BODY_START = re.compile(
    r"^(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Theo\b|Để\b|Nhằm\b|Ngày\s+\d|Trong\b|Qua\b|"
    r"Triển\s+khai|Sau\s+khi|Xét\b|Hôm\s+nay|Hưởng\s+ứng|Phần\b|Chương\b|Điều\s+\d|Vào\b|"
    r"Tiếp\s+tục|Được\b|Năm\s+\d{4}\s*,|Tính\s+đến|Thời\s+gian\s+(?:qua|vừa\s+qua)|"
    r"Những\s+năm\s+qua|Năm\s+qua|Từ\s+đầu\s+năm|Vừa\s+qua|Với\s+sự|Dưới\s+sự|Thi\s+hành|[IVX]+\s*[./]|\d+\s*[./)]|[a-zđ]\)|[-+*•])",
)
_FIRST_BODY = re.compile(r"^(?:Kính\s+gửi|Căn\s+cứ|[IVX]+\s*\.|\d+\s*\.\s|[-+*•])")
_POSITION_WORDS = (
    "giam doc",
    "chu tich",
    "truong ban",
    "pho truong ban",
    "bi thu",
    "pho bi thu",
    "truong phong",
    "chanh van phong",
    "pho chanh van phong",
    "hieu truong",
    "thu truong",
    "cuc truong",
    "chi cuc truong",
    "vien truong",
    "chu nhiem",
    "tong giam doc",
    "bo truong",
    "thu tuong",
    "chanh thanh tra",
    "truong",
    "pho",
    "uy vien",
    "tong bien tap",
)
_NAME_NOISE = re.compile(r"^\(.*\)$|^\[.*\]$|đã\s+ký|ký\s+bởi|^ký\b|^\d", re.IGNORECASE)
_AUTH_MAP = {"TM": "TM", "KT": "KT", "TL": "TL", "TUQ": "TUQ", "Q": "Q"}


def segments_of(text: str) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for n, line in enumerate(text.split("\n")):
        cursor = 0
        # most lines hold one column: no need to split them
        parts = _COL_SPLIT.split(line) if "\t" in line or "   " in line else (line,)
        for part in parts:
            idx = line.find(part, cursor) if part else cursor
            cursor = idx + len(part)
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                out.append(Segment(stripped, pos + idx + lead, n, idx + lead))
        pos += len(line) + 1
    return out


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _is_motto(text: str) -> bool:
    f = fold(text)
    return any(m in f for m in _MOTTO) or f.startswith("doc lap")


def sentence_case(text: str) -> str:
    """'PHÓ GIÁM ĐỐC' → 'Phó Giám đốc'; 'GIÁM ĐỐC' → 'Giám đốc'."""
    words = collapse_ws(text).lower().split(" ")
    if not words or not words[0]:
        return ""
    words[0] = words[0][:1].upper() + words[0][1:]
    if words[0] == "Phó" and len(words) > 1:
        words[1] = words[1][:1].upper() + words[1][1:]
    return " ".join(words)


_PLACE_WORDS = ("tỉnh", "huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "thành phố")


_VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|th|tr|kh|ph|gh|gi|qu|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]+"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
_PARTY_BODIES = frozenset({"tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ"})


# Words that name the kind of body: the word after them starts the body's own
# name and takes a capital (NĐ 30/2020 Phụ lục II: "Sở Lao động – Thương binh
# và Xã hội", "Trung tâm Dịch vụ việc làm", "Ban Dân vận").
_BODY_WORDS = frozenset(
    {
        "sở", "bộ", "ban", "cục", "phòng", "viện", "vụ", "hội", "đoàn", "trường",
        "trung tâm", "văn phòng", "ủy ban", "uỷ ban", "chi cục", "tổng cục",
        "hội đồng", "liên đoàn", "thanh tra", "bảo hiểm", "kho bạc", "chi nhánh",
    }
)  # fmt: skip


def nxt_is(lows: list[str], i: int, word: str) -> bool:
    return i + 1 < len(lows) and lows[i + 1] == word


def name_case(text: str) -> str:
    """An upper-case body name in running-text case: 'SỞ NỘI VỤ TỈNH SƠN LA' → 'Sở Nội vụ tỉnh Sơn La'.

    Initialisms (UBND, LĐ-TBXH) stay upper case; words after a place word are
    capitalised, and so is the first word of each part of a compound name (after
    the body word, after "–" and after "và": "Lao động – Thương binh và Xã hội").
    """
    words = collapse_ws(text).split(" ")
    lows = [w.lower() for w in words]
    out: list[str] = []
    in_place = False
    for i, w in enumerate(words):
        low = lows[i]
        prev = lows[i - 1] if i else ""
        prev2 = " ".join(lows[max(0, i - 2) : i])
        if not _is_upper(w):
            out.append(w)
        elif len(w) > 1 and ("-" in w.strip("-") or not _SYLLABLE.match(low)):
            out.append(w)  # an initialism
        elif low in ("ủy", "uỷ") and prev in ("tỉnh", "huyện", "thành", "đảng"):
            out.append(low)  # "Tỉnh ủy", "Huyện ủy", "Đảng ủy"
            out[-2] = out[-2][:1].upper() + out[-2][1:]
        elif low == "nhân" and nxt_is(lows, i, "dân") and prev2 in ("ủy ban", "uỷ ban", "hội đồng"):
            out.append(low)  # "Ủy ban nhân dân", "Hội đồng nhân dân"
        elif (
            i == 0
            or in_place
            or (i == 1 and prev in _BODY_WORDS and " ".join(lows[:2]) not in _BODY_WORDS)
            or (i == 2 and prev2 in _BODY_WORDS)
            or prev in ("–", "-", "và")
        ):
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        nxt = lows[i + 1] if i + 1 < len(words) else ""
        last2 = " ".join(lows[max(0, i - 1) : i + 1])
        society = low == "xã" and nxt == "hội"  # "xã hội" is society, not a commune
        if (i > 0 and not society and (low in _PLACE_WORDS or last2 in _PLACE_WORDS)) or (
            last2 in _PARTY_BODIES
        ):
            in_place = True
    return " ".join(out)


def _type_of_line(text: str) -> tuple[str, str] | None:
    """('bao_cao', rest) when an upper-case line names the document type."""
    if not _is_upper(text):
        return None
    f = fold(text)
    for name, code in _TYPE_NAMES:
        if f == name or f.startswith(name + " "):
            rest = collapse_ws(text)[len(name) :].strip(" :")
            if rest and fold(rest).split(" ")[0] in ("phoi", "lien", "hanh", "tom"):
                rest = ""  # "KẾ HOẠCH PHỐI HỢP", "CHƯƠNG TRÌNH HÀNH ĐỘNG"
            return code, rest
    return None


def _merge_letterhead(lines: list[str]) -> list[str]:
    """The letterhead's names (governing body, issuer) from its upper-case lines,
    joining the lines a name was wrapped into."""
    named = [t for t in (collapse_ws(line).strip("* ") for line in lines) if t]
    # more lines than the two names: a line that does not start like a body's name
    # ("VIỆT NAM", "LHPN TỈNH QUẢNG NGÃI", "HÀ GIANG") goes on with the one above
    wrapped = len(named) > 2
    merged: list[str] = []
    for line in lines:
        t = collapse_ws(line).strip("* ")
        if not t:
            continue
        cont = False
        if merged and wrapped and not _ORG_HEAD_RE.match(t) and not t.startswith("UBMTTQ"):
            cont = True
        elif merged:
            prev = merged[-1]
            ft, fp = fold(t), fold(prev)
            cont = (
                ft.startswith(("va ", "- ", "& "))
                or fp.endswith((" -", " va", ",", "&"))
                or t[:1].islower()
                or (
                    fp
                    in (
                        "uy ban nhan dan",
                        "hoi dong nhan dan",
                        "ban chap hanh",
                        "uy ban mat tran to quoc viet nam",
                    )
                    and ft.startswith(
                        (
                            "tinh ",
                            "huyen ",
                            "xa ",
                            "thanh pho ",
                            "quan ",
                            "phuong ",
                            "thi xa ",
                            "thi tran ",
                        )
                    )
                )
            )
        if cont:
            merged[-1] = f"{merged[-1]} {t}"
        else:
            merged.append(t)
    return merged


_ISSUER_VERBS: dict[str, str] = {
    "bao_cao": r"báo\s+cáo",
    "ke_hoach": r"xây\s+dựng|ban\s+hành",
    "to_trinh": r"kính\s+trình|trình",
    "thong_bao": r"thông\s+báo",
    "huong_dan": r"hướng\s+dẫn",
    "chuong_trinh": r"xây\s+dựng|ban\s+hành",
}
_ANY_ISSUER_VERB = (
    r"báo\s+cáo|xây\s+dựng|ban\s+hành|thông\s+báo|hướng\s+dẫn|kính\s+trình|trình|đề\s+nghị"
)
_NOT_SUBJECT = re.compile(r"(?:của|với|cho|tại|gửi|về|và|theo|đến|từ)\s*$", re.IGNORECASE)


def _subject_before(flat: str, verb_start: int) -> str | None:
    before = flat[max(0, verb_start - 200) : verb_start].rstrip()
    cut = max(before.rfind(c) for c in ',;:.()“”"')
    clause = before[cut + 1 :].strip()
    name = subject_name(clause)
    if name is None:
        return None
    if _NOT_SUBJECT.search(clause[: len(clause) - len(name)].rstrip()):
        return None
    return name


def issuer_from_body(flat: str, doc_type: str | None = None) -> str | None:
    """The issuing body named in the body: "..., Trung tâm X báo cáo ..." or "Trên đây là ... của X."."""
    head = flat[:4000]
    patterns = []
    if doc_type in _ISSUER_VERBS:
        patterns.append(_ISSUER_VERBS[doc_type])
    patterns.append(_ANY_ISSUER_VERB)
    for pat in patterns:
        verb_re = re.compile(r"(?:(?:trân\s+trọng|kính|xin)\s+)?(?:" + pat + r")(?=\s)")
        for m in verb_re.finditer(head):
            name = _subject_before(head, m.start())
            if name:
                return name
    closings = list(re.finditer(r"Trên\s+đây\s+là\s+[^.]{0,300}?\s+của\s+", flat))
    if closings:
        closing = closings[-1]
        found, _ = read_issuer(flat, closing.end())
        if found and _ORG_HEAD_RE.match(found):
            return found
    return None


def _blank_lines_meaningful(text: str) -> bool:
    lines = text.split("\n")
    blanks = sum(1 for ln in lines if not ln.strip())
    return blanks < 0.3 * max(1, len(lines))


def _motto_part(folded: str) -> bool:
    """The first words of a motto, cut by a line wrap ("cong hoa xa hoi chu")."""
    return any(m.startswith(folded + " ") for m in _MOTTO)


def _completes_motto(folded: str) -> bool:
    return any(m == folded or m.startswith(folded + " ") or folded.startswith(m) for m in _MOTTO)


_DATE_START = re.compile(r"^(?:ngày\b|tháng\b|năm\b|\d)", re.IGNORECASE)


_NGAY_FIRST = re.compile(r"^ngày\b", re.IGNORECASE)
_YEAR_LAST = re.compile(r"(?:năm|/)\s*\d{4}\s*$")


def _open_date(text: str) -> bool:
    """A place-and-date line cut by a line wrap: "Hà Nam, ngày 22 tháng 01 năm"."""
    return bool(_PLACE_DATE.match(text) or _NGAY_FIRST.match(text)) and (
        parse_date(text) is None or not _YEAR_LAST.search(text)
    )


def join_wrapped_header(segs: list[Segment], limit: int) -> list[Segment]:
    """The first ``limit`` segments with the lines that a narrow letterhead column wrapped
    put back together: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" + "VIỆT NAM", "Hà Nam, ngày 22 tháng 01
    năm" + "2024". The continuation may come a few segments later (the other column's
    lines in between)."""
    head = list(segs[:limit])
    i = 0
    while i < len(head):
        t = head[i].text
        joined = False
        motto = len(t) < 40 and _motto_part(fold(t))
        date = not motto and len(t) < 80 and _open_date(t)
        for j in range(i + 1, min(len(head), i + 4) if motto or date else i):
            u = head[j].text
            both = f"{t} {u}"
            if motto and _completes_motto(fold(both)):
                joined = True
            elif date and _DATE_START.match(u) and parse_date(both) is not None:
                joined = not _open_date(both) or parse_date(t) is None
            if joined:
                head[i] = Segment(both, head[i].start, head[i].line, head[i].column)
                del head[j]
                break
        if not joined:
            i += 1
    return head + list(segs[limit:])


def _take_number(
    info: DocumentInfo, text: str, following: str | None, i: int, skip: set[int]
) -> None:
    found = read_number_segment(text, following)
    if found is None:
        return
    info.number = found.number
    if found.used_next:
        skip.add(i + 1)
    if found.repaired:
        info.repaired.add("number")
    if found.printed_only:
        info.notes.append(
            f"Số văn bản viết tay không đọc được; chỉ giữ phần in sẵn “{found.number}”. "
            "Cần nhập số theo bản gốc."
        )


def read_header(text: str, segs: list[Segment]) -> DocumentInfo:
    info = DocumentInfo()
    segs = join_wrapped_header(segs, 40)
    limit = min(len(segs), 60)
    type_idx = None
    for i in range(limit):
        typed = _type_of_line(segs[i].text)
        if typed is not None and not _is_motto(segs[i].text) and not MARK.match(segs[i].text):
            type_idx = i
            info.doc_type = typed[0]
            break
    header_end = type_idx if type_idx is not None else limit
    letterhead: list[str] = []
    title_parts: list[str] = []
    vv_idx = None
    skip: set[int] = set()
    for i in range(header_end):
        s = segs[i]
        t = s.text
        if _is_motto(t) or _RULE.match(t):
            continue
        if re.match(r"^Kính\s+gửi", t):
            header_end = min(header_end, i)
            break
        if i in skip or MARK.match(t):
            continue
        if NUMBER_LABEL.match(t):
            incoming = INCOMING.search(t) or (i > 0 and INCOMING.search(segs[i - 1].text))
            if info.number is None and not incoming:
                _take_number(info, t, segs[i + 1].text if i + 1 < header_end else None, i, skip)
            continue
        pd = _PLACE_DATE.match(t)
        if pd and ("tháng" in t or "/" in t or "năm" in t) and info.issued_on is None:
            info.place = collapse_ws(pd.group(1))
            found = read_date(t)
            info.issued_on = found.issued_on
            if found.repaired:
                info.repaired.add("issued_on")
            if found.unreadable:
                info.notes.append(
                    "Ngày ban hành viết tay không đọc được; phần in sẵn: "
                    f"“{found.unreadable}”. Cần nhập ngày theo bản gốc."
                )
            continue
        vv = _VV.match(t)
        if vv and vv_idx is None:
            vv_idx = i
            title_parts.append(vv.group(1))
            continue
        if (
            vv_idx is not None
            and i == vv_idx + len(title_parts)
            and not _is_upper(t)
            and len(title_parts) < 8  # a narrow column wraps a subject into many lines
            and sum(len(p) for p in title_parts) + len(t) <= 300
        ):
            if not (_BODY_START.match(t) or _PLACE_DATE.match(t)):
                title_parts.append(t)
                continue
        if _is_upper(t) and type_idx is not None or (_is_upper(t) and i < 12 and vv_idx is None):
            if not _BODY_START.match(t):
                letterhead.append(t)
    names = _merge_letterhead(letterhead)
    if names:
        info.issuer = name_case(names[-1])
        if len(names) > 1:
            info.governing_body = name_case(names[-2])
    body_from = 0
    if vv_idx is not None:
        info.title = collapse_ws(" ".join(title_parts)) or None
        if info.doc_type is None:
            info.doc_type = "cong_van"
        body_from = segs[vv_idx].start
    if type_idx is not None:
        rest = _type_of_line(segs[type_idx].text)
        parts: list[str] = [rest[1]] if rest and rest[1] else []
        blank_stops = _blank_lines_meaningful(text)
        prev_line = segs[type_idx].line
        j = type_idx + 1
        while j < len(segs) and len(parts) < 5:
            s = segs[j]
            t = s.text
            if blank_stops and parts and s.line > prev_line + 1:
                break
            if _RULE.match(t):
                if parts:
                    break
                j += 1
                continue
            if _is_motto(t) or t.endswith(":") or _FIRST_BODY.match(t):
                break
            if parts and _BODY_START.match(t):
                break
            if (
                parts
                and _is_upper(t)
                and (_ORG_HEAD_RE.match(t) or fold(t).startswith(_POSITION_WORDS))
            ):
                break
            # a one-line body paragraph (DOCX) is long and ends a sentence; a trích yếu is not
            if parts and (len(t) > 160 or (len(t) > 100 and t.rstrip().endswith((".", ";")))):
                break
            if parts and sum(len(p) for p in parts) + len(t) > 400:
                break
            parts.append(t)
            prev_line = s.line
            j += 1
        if parts:
            info.title = collapse_ws(" ".join(parts))
        body_from = segs[j].start if j < len(segs) else len(text)
    info.body_start = body_from
    return info


def _upper_entry_end(text: str) -> bool:
    """An initialism that ends a wrapped Nơi nhận entry ("- Trang thông tin điện tử của" /
    "TT;"), not a line of the signature block."""
    return (
        len(text.split()) <= 3
        and text.rstrip().endswith((";", ".", ","))
        and not fold(text).startswith(_POSITION_WORDS)
    )


# Family names: an upper-case line that starts with one is the signer's name, not
# the rest of a wrapped position ("PHÓ TRƯỞNG BAN" / "THƯỜNG TRỰC").
_SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lò lường hà
    vàng đinh đào trịnh mai tô tạ cao lương lưu triệu thái quách kiều châu vi sầm nông mạc
    lâm chu tăng tống đoàn khổng la giàng sùng rơ ksor nay điểu thào cầm quàng tòng hứa
    doãn kim từ phùng âu thân nghiêm đàm lã hầu bế lục lường giáp văn""".split()
)


def _wrapped_title_line(text: str) -> bool:
    """The rest of an authority or position line that a narrow column wrapped
    ("TM. BAN THƯỜNG VỤ" / "TỈNH ĐOÀN"; "PHÓ TRƯỞNG BAN" / "THƯỜNG TRỰC")."""
    words = text.split()
    return (
        _is_upper(text)
        and 1 <= len(words) <= 3
        and not _AUTH.match(text)
        and not re.search(r"[\d()]", text)
        and not fold(text).startswith(_POSITION_WORDS)
        and words[0].lower() not in _SURNAMES
        # a signature's scribble read as letters ("HH") is no word
        and all(is_vietnamese_syllable(w.lower()) for w in words)
    )


def read_footer(text: str, segs: list[Segment]) -> tuple[list[str], Signer | None, int | None]:
    """(recipients, signer, footer start offset) from the end of the document."""
    nn_idx = None
    for i in range(len(segs) - 1, max(-1, len(segs) - 120), -1):
        if _NOI_NHAN.match(segs[i].text):
            nn_idx = i
            break
    recipients: list[str] = []
    footer_start: int | None = None
    if nn_idx is not None:
        footer_start = segs[nn_idx].start
        first = _NOI_NHAN_LABEL.sub("", segs[nn_idx].text)
        pending = [first] if first else []
        col = segs[nn_idx].column
        last_open = False
        for s in segs[nn_idx + 1 :]:
            t = s.text
            if re.match(r"^[-+•–]\s*", t):
                pending.append(t)
                last_open = not t.rstrip().endswith((";", "."))
                continue
            if (
                last_open
                and pending
                and abs(s.column - col) < 25
                and (not _is_upper(t) or _upper_entry_end(t))
                and not _AUTH.match(t)
            ):
                pending[-1] = pending[-1] + " " + t
                last_open = not t.rstrip().endswith((";", "."))
                continue
            if _is_upper(t) or _AUTH.match(t) or not last_open:
                if s.column > col + 20 or _is_upper(t):
                    continue  # the signature block beside the list
                break
        for p in pending:
            entry = re.sub(r"^[-+•–]\s*", "", collapse_ws(p)).rstrip(";,.: ").strip()
            if entry:
                recipients.append(entry)
    signer = _read_signer(segs, nn_idx)
    if footer_start is None and signer is not None:
        footer_start = None
    return recipients, signer, footer_start


def _read_signer(segs: list[Segment], nn_idx: int | None) -> Signer | None:
    if nn_idx is not None:
        start = max(0, nn_idx - 4)
    else:
        start = max(0, len(segs) - 30)
        for i in range(len(segs) - 1, start, -1):
            if segs[i].text.rstrip().endswith("./.") or segs[i].text.rstrip().endswith("/."):
                start = i + 1
                break
    tail = segs[start:]
    auth_idx = None
    auth = None
    behalf = None
    for i, s in enumerate(tail):
        m = _AUTH.match(s.text)
        if m and _is_upper(m.group(2)):
            code = m.group(1).replace("/", "").replace(".", "")
            if code == "Q" and "." not in s.text[:3]:
                continue
            auth_idx = i
            auth = _AUTH_MAP.get(code)
            behalf = sentence_case(m.group(2))
    # an authority line wrapped in a narrow column goes on before the position line
    if auth_idx is not None and behalf:
        k = auth_idx + 1
        while (
            k + 1 < len(tail)
            and _wrapped_title_line(tail[k].text)
            and _is_upper(tail[k + 1].text)
            and fold(tail[k + 1].text).startswith(_POSITION_WORDS)
        ):
            behalf = sentence_case(f"{behalf} {tail[k].text}")
            auth_idx = k
            k += 1
    pos_idx = None
    search_from = auth_idx + 1 if auth_idx is not None else 0
    for i in range(search_from, len(tail)):
        t = tail[i].text
        if re.match(r"^[-+•–]", t) or re.match(r"^Nơi\s+nhận", t, re.IGNORECASE):
            continue
        if _is_upper(t) and not _AUTH.match(t) and len(t.split()) <= 8 and not re.search(r"\d", t):
            f = fold(t)
            if auth_idx is not None or f.startswith(_POSITION_WORDS):
                pos_idx = i
                break
    if auth_idx is None and pos_idx is None:
        return None
    signer = Signer(authority=auth, on_behalf_of=behalf)
    if pos_idx is not None:
        position = tail[pos_idx].text
        while pos_idx + 2 < len(tail) and _wrapped_title_line(tail[pos_idx + 1].text):
            position = f"{position} {tail[pos_idx + 1].text}"
            pos_idx += 1
        signer.position = sentence_case(position)
    elif behalf:
        signer.position = behalf
        signer.authority, signer.on_behalf_of = auth, None
    name_from = (pos_idx if pos_idx is not None else auth_idx or 0) + 1
    for s in tail[name_from:]:
        t = s.text
        if _NAME_NOISE.search(t) or re.match(r"^[-+•–]", t):
            continue
        if _is_upper(t) and fold(t).startswith(_POSITION_WORDS) and signer.position:
            # "CHỦ TỊCH" over "PHÓ CHỦ TỊCH": a deputy signing for the head, whose "KT."
            # the scan lost; a position is never the name
            if fold(t).startswith("pho ") and signer.authority in (None, "TM"):
                signer.authority, signer.on_behalf_of = "KT", signer.position
            signer.position = sentence_case(t)
            continue
        words = t.split()
        if (
            2 <= len(words) <= 6
            and all(w[:1].isupper() for w in words)
            # title case or all capitals, word by word: a scribble read as "ĐT AEAAã" is none
            and all(
                p[1:].islower() or p.isupper()
                for w in words
                for p in re.split(r"['’-]", w)
                if len(p) > 1
            )
            and not re.search(r"[\d:;,/]", t)
        ):
            if _ORG_HEAD_RE.match(t) and _is_upper(t):
                continue
            signer.name = t if not _is_upper(t) else " ".join(w[:1] + w[1:].lower() for w in words)
            break
    return signer


def own_segments(segs: list[Segment], body_start: int) -> list[Segment]:
    """The document's own segments: a national motto after its "Nơi nhận" starts a document
    attached to it (a draft resolution with a Tờ trình, the forms with a decision), whose
    recipients and signer are not this document's."""
    nn = next(
        (i for i, s in enumerate(segs) if s.start >= body_start and _NOI_NHAN.match(s.text)),
        None,
    )
    if nn is None:
        return segs
    motto = next((j for j in range(nn + 1, len(segs)) if _is_motto(segs[j].text)), None)
    return segs if motto is None else segs[:motto]


def read_document(text: str) -> DocumentInfo:
    text, repaired_lines = repair_upper_lines(text)
    segs = segments_of(text)
    info = read_header(text, segs)
    if repaired_lines:
        body_line = text.count("\n", 0, info.body_start)
        if any(n < body_line for n in repaired_lines):
            info.repaired.add("issuer")
        if any(n >= body_line for n in repaired_lines):
            info.repaired.add("signer")
    recipients, signer, footer_start = read_footer(text, own_segments(segs, info.body_start))
    info.recipients = recipients
    info.signer = signer
    info.footer_start = footer_start
    if info.doc_type is None and info.number:
        info.doc_type = type_from_number(info.number) or "cong_van"
    return info


def _initials(words: list[str]) -> str:
    return "".join(fold(w)[:1] for w in words)


def expand_issuer(letterhead: str, body_name: str) -> str:
    """The body's own longer name for the letterhead's issuer, when it is the same body:
    "Chi nhánh tỉnh Điện Biên" / "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Điện Biên",
    "Hội CCB huyện Bát Xát" / "(Ban Thường vụ) Hội Cựu chiến binh huyện Bát Xát".
    Every letterhead word must appear in order (an initialism may stand for several words)."""
    short = collapse_ws(letterhead).split(" ")
    long_ = collapse_ws(body_name).split(" ")
    fs = [fold(w) for w in short]
    fl = [fold(w) for w in long_]
    if len(long_) <= len(short) or len(fs) < 2:
        return letterhead
    for start in reversed([k for k, w in enumerate(fl) if w == fs[0]]):
        i, j = 0, start
        while i < len(fs) and j < len(fl):
            word = short[i]
            if fs[i] == fl[j]:
                i, j = i + 1, j + 1
                continue
            n = len(word)
            if (
                j > start
                and 2 <= n <= 6
                and word.isupper()
                and _initials(long_[j : j + n]) == fs[i]
            ):
                i, j = i + 1, j + n
                continue
            if fl[j] == "va" or long_[j].endswith((",", ";")):
                break  # the words left out must not join another body's name
            j += 1
        if i == len(fs):
            name = " ".join(long_[start:])
            return name if len(name) > len(collapse_ws(letterhead)) else letterhead
    return letterhead
