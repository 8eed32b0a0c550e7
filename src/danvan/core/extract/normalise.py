"""Turn raw text from any reader into the NFC text that offsets refer to.

- Unicode forms: NFC, which also composes Windows-1258 style base letter +
  combining tone mark sequences.
- Legacy 8-bit Vietnamese encodings still found in agencies' files:
  TCVN3 (ABC, fonts ``.VnTime``/``.VnTimeH``) and VNI (fonts ``VNI-Times``...).
  The conversion tables below are written from the encodings' definitions
  (TCVN 5712:1993 VN3 code points; VNI's base letter + mark-byte scheme).
- Byte decoding for plain-text files with encoding detection.
- Page-break debris for paged text (PDF, OCR): lone page numbers, repeated
  running headers/footers, syllables hyphenated across lines.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

_T = TypeVar("_T")

# ---------------------------------------------------------------------------
# Unicode forms

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+(?=[\u0300-\u036f])")


def to_nfc(text: str) -> str:
    """NFC, composing base letters with following combining marks (Windows-1258 style)."""
    return unicodedata.normalize("NFC", text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_detached_marks(text: str) -> str:
    """Drop spaces a PDF text layer sometimes leaves between a letter and its mark."""
    return _SPACE_BEFORE_MARK.sub("", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Remove C0 control characters other than tab, newline, form feed, CR."""
    return _CONTROL.sub("", text)


# ---------------------------------------------------------------------------
# TCVN3 (ABC), VN3 font set: one byte per letter; the ``.VnTimeH`` style
# fonts draw the same codes as capitals, so case comes from the font.

_TCVN3_CODES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# Legacy text reaches us as str whose characters are the 8-bit codes read as
# Windows-1252/Latin-1 (Word stores legacy-font runs that way), so the tables
# are keyed by those characters.
_TCVN3_DECODE = str.maketrans({chr(code): char for code, char in _TCVN3_CODES.items()})
_TCVN3_ENCODE: dict[str, str] = {char: chr(code) for code, char in _TCVN3_CODES.items()}


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """Convert TCVN3 text (8-bit codes as Latin-1 characters) to Unicode NFC.

    ``upper`` is for runs in a ``.VnTimeH``-style font, which shows capitals.
    """
    out = text.translate(_TCVN3_DECODE)
    return to_nfc(out.upper() if upper else out)


def unicode_to_tcvn3(text: str) -> str:
    """Encode Vietnamese text as TCVN3 characters (lossy: TCVN3 has few capitals).

    Capitals that TCVN3 lacks are written lower-case, as a typist using
    ``.VnTime`` would have to (or would switch to ``.VnTimeH``).
    """
    out: list[str] = []
    for char in to_nfc(text):
        code = _TCVN3_ENCODE.get(char)
        if code is None and char != char.lower():
            code = _TCVN3_ENCODE.get(char.lower())
        out.append(code if code is not None else char)
    return "".join(out)


# ---------------------------------------------------------------------------
# VNI (Windows): a base letter followed by one or two mark bytes; a few
# letters are single bytes. Capital letters use the capital form of the mark.

_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# The same tone bytes, in the positions used after a circumflex mark.
_VNI_CIRC_TONES = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_TONES = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Single-byte letters (lower case; capitals are the upper-case byte).
_VNI_SINGLES = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _build_vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            decode[base + mark] = base + tone
    for base in "aeo":
        decode[base + "â"] = base + "\u0302"
        for mark, tone in _VNI_CIRC_TONES.items():
            decode[base + mark] = base + "\u0302" + tone
    decode["aê"] = "ă"
    for mark, tone in _VNI_BREVE_TONES.items():
        decode["a" + mark] = "ă" + tone
    for single, letter in _VNI_SINGLES.items():
        decode[single] = letter
    for single in ("ô", "ö"):  # ơ and ư take tone bytes like a base letter
        for mark, tone in _VNI_TONES.items():
            decode[single + mark] = _VNI_SINGLES[single] + tone
    full: dict[str, str] = {}
    encode: dict[str, str] = {}
    for seq, value in decode.items():
        composed = to_nfc(value)
        full[seq] = composed
        full[seq.upper()] = composed.upper()
        # A capital base letter with lower-case marks also occurs (mixed typing).
        full[seq[0].upper() + seq[1:]] = composed[0].upper() + composed[1:]
        encode[composed] = seq
        encode[composed.upper()] = seq.upper()
    return full, encode


_VNI_DECODE, _VNI_ENCODE = _build_vni_tables()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(seq) for seq in sorted(_VNI_DECODE, key=len, reverse=True))
)


def vni_to_unicode(text: str) -> str:
    """Convert VNI text (8-bit codes as Latin-1 characters) to Unicode NFC."""
    return to_nfc(_VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text))


def unicode_to_vni(text: str) -> str:
    """Encode Vietnamese text as VNI characters (for tests and round trips)."""
    return "".join(_VNI_ENCODE.get(char, char) for char in to_nfc(text))


# ---------------------------------------------------------------------------
# How Vietnamese does a text look? Count words that are valid syllables.

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui "
    "uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi ươi ươu uyê uya uyu uê"
).split()
_SYLLABLE = re.compile(
    rf"^(?P<initial>{_INITIALS})?(?P<nucleus>{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
    r"(?:ch|ng|nh|c|m|n|p|t)?$"
)
# Spelling: k, gh, ngh before e, ê, i (y); c, g, ng elsewhere.
_FRONT_ONLY = {"k", "gh", "ngh"}
_NOT_FRONT = {"c", "g", "ng"}
_TOKEN_SPLIT = re.compile(r"[\s0-9!-/:-@\[-`{-~\u2013\u2014\u2018-\u201d\u2026]+")


def is_vietnamese_syllable(word: str) -> bool:
    """True for one written Vietnamese syllable ("người", "Việt", "khoẻ")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(mark) for mark in _TONE_MARKS)
    if tones > 1:
        return False
    bare = to_nfc("".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    match = _SYLLABLE.match(bare)
    if not match:
        return False
    initial, nucleus = match.group("initial"), match.group("nucleus")
    front = nucleus[0] in "eêiy"
    if initial in _FRONT_ONLY and not front:
        return False
    return not (initial in _NOT_FRONT and front and not (initial == "g" and nucleus[0] == "i"))


def vietnamese_score(text: str) -> tuple[int, int]:
    """(valid, invalid) counts over the words that contain non-ASCII letters."""
    valid = invalid = 0
    for token in _TOKEN_SPLIT.split(to_nfc(text)):
        if not token or token.isascii():
            continue
        if is_vietnamese_syllable(token):
            valid += 1
        else:
            invalid += 1
    return valid, invalid


def _quality(text: str) -> float:
    valid, invalid = vietnamese_score(text)
    return valid - 2.0 * invalid


_CP1252_EXTRAS = re.compile(
    "[" + "".join(sorted({chr(c) for c in range(0x2000, 0x2070)} | set("€ŠšŒœŽžŸƒˆ˜™"))) + "]"
)


def detect_legacy(text: str) -> str | None:
    """ "tcvn3" or "vni" when a str holds legacy-encoded Vietnamese, else None.

    The str is expected to carry the legacy codes as Latin-1/Windows-1252
    characters (a legacy file decoded as Windows-1252, or a docx run).
    """
    # Legacy text holds no letters beyond Latin-1; real Unicode Vietnamese does.
    if text.isascii():
        return None
    high = len(text) - len(text.encode("ascii", "ignore"))
    # Characters past Latin-1, less the Windows-1252 punctuation legacy text has.
    beyond = len(text) - len(text.encode("latin-1", "ignore"))
    beyond -= len(_CP1252_EXTRAS.findall(text))
    if beyond > 0.1 * high:
        return None
    valid, invalid = vietnamese_score(text)
    if invalid == 0:
        return None
    best: tuple[float, str | None] = (valid - 2.0 * invalid, None)
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        converted_valid, converted_invalid = vietnamese_score(convert(text))
        score = converted_valid - 2.0 * converted_invalid
        # Demand a clear majority of real syllables after conversion.
        if converted_valid >= 2 * converted_invalid and score > best[0]:
            best = (score, name)
    return best[1]


def legacy_font(name: str | None) -> tuple[str, bool] | None:
    """(encoding, upper) for a legacy Vietnamese font name, else None.

    ``.VnTime`` → TCVN3; ``.VnTimeH`` (the capitals font) → TCVN3 upper-cased;
    ``VNI-Times`` and other ``VNI-`` fonts → VNI. PDF names are accepted too:
    a subset prefix (``ABCDEF+``) and a style suffix (``,Bold``) are ignored.
    """
    if not name:
        return None
    clean = name.strip()
    if len(clean) > 7 and clean[6] == "+" and clean[:6].isupper():
        clean = clean[7:]
    lower = clean.lower()
    if lower.startswith(".vn"):
        family = re.split(r"[,\-]", clean, maxsplit=1)[0].strip()
        return ("tcvn3", family.endswith("H"))
    if lower.startswith(("vni-", "vni ")):
        return ("vni", False)
    return None


def join_split_u(before: str, after: str) -> str | None:
    """TCVN3 codes ư as 0xAD, which some PDF text layers turn into a space
    ("ng ời" for "người"). The joined word when that is what happened, else None."""
    if not before or not after or not before[-1].isalpha() or not after[0].isalpha():
        return None
    joined = before + ("Ư" if before[-1].isupper() and after[0].isupper() else "ư") + after
    if not is_vietnamese_syllable(joined):
        return None
    if is_vietnamese_syllable(before) and is_vietnamese_syllable(after):
        return None
    return joined


def repair_split_u(text: str) -> str:
    """Apply join_split_u along a line of converted TCVN3 text."""
    out: list[str] = []
    for line in text.split("\n"):
        words = line.split(" ")
        merged: list[str] = []
        for word in words:
            joined = join_split_u(merged[-1], word) if merged else None
            if joined is not None:
                merged[-1] = joined
            else:
                merged.append(word)
        out.append(" ".join(merged))
    return "\n".join(out)


def convert_legacy(text: str, encoding: str, upper: bool = False) -> str:
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text, upper=upper)
    if encoding == "vni":
        out = vni_to_unicode(text)
        return out.upper() if upper else out
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# ---------------------------------------------------------------------------
# Bytes → text for plain-text files

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Windows-1252 leaves five codes undefined; legacy files still use them rarely.
_CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252", errors="strict")
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    else chr(b)
    for b in range(256)
)


def decode_cp1252(data: bytes) -> str:
    """Windows-1252 that never fails: undefined codes map to the same code point."""
    return data.decode("latin-1").translate({i: _CP1252_TABLE[i] for i in range(0x80, 0xA0)})


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 bytes the way Vietnamese Windows writes them: letter + tone mark."""
    out = bytearray()
    for char in to_nfc(text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
        base = to_nfc("".join(ch for ch in decomposed if ch not in _TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we know."""


def control_ratio(text: str) -> float:
    """Share of C0 control characters other than tab, newline, CR and form feed."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_text_bytes(data: bytes) -> tuple[str, str]:
    """Decode a plain-text file: returns (NFC text, encoding name).

    Order: BOM; UTF-16 without BOM (NUL pattern); UTF-8; otherwise the best
    of Windows-1258, TCVN3 and VNI by how many words are real syllables.
    A UTF-8 file that holds TCVN3/VNI characters (legacy text pasted into a
    Unicode editor) is converted too. Raises UndecodableText for binary data.
    """
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise UndecodableText(str(exc)) from exc
            encoding = name.replace("-le", "").replace("-be", "") + "-bom"
            break
    if text is None:
        utf16 = _looks_utf16(data)
        if utf16:
            try:
                text, encoding = data.decode(utf16), utf16
            except UnicodeDecodeError:
                text = None
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    if text is not None:
        if control_ratio(text) > 0.01:
            raise UndecodableText("control characters")
        text = to_nfc(normalise_newlines(text))
        if not text.isascii():
            legacy = detect_legacy(text)
            if legacy:
                return convert_legacy(text, legacy), f"{encoding}+{legacy}"
        return text, encoding
    # Not Unicode: an 8-bit Vietnamese code page.
    if b"\x00" in data or control_ratio(data[:65536].decode("latin-1")) > 0.01:
        raise UndecodableText("binary")
    as_1252 = normalise_newlines(decode_cp1252(data))
    candidates: list[tuple[float, str, str]] = []
    cp1258 = to_nfc(normalise_newlines(data.decode("cp1258", errors="replace")))
    candidates.append((_quality(cp1258) - 3 * cp1258.count("\ufffd"), "windows-1258", cp1258))
    for name in ("tcvn3", "vni"):
        converted = convert_legacy(as_1252, name)
        candidates.append((_quality(converted), name, converted))
    candidates.append((_quality(as_1252), "windows-1252", to_nfc(as_1252)))
    score, name, best = max(candidates, key=lambda item: item[0])
    return best, name


# ---------------------------------------------------------------------------
# Page-break debris

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?(?:(?:trang|page)\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.I
)
_DIGITS = re.compile(r"\d+")
_HYPHEN_END = re.compile(r"([^\W\d_]+)[-\u00ad]$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_EDGE_LINES = 3


_PAGE_WORD = re.compile(r"\b(?:trang|page)\s*\d", re.I)


def _line_key(line: str) -> str:
    """Lines that differ only by their page number share a key."""
    key = " ".join(line.split()).casefold()
    return _DIGITS.sub("#", key) if _PAGE_WORD.search(key) else key


def _top_bottom(content: list[_T]) -> tuple[list[_T], list[_T]]:
    """Where running headers and footers sit: the first and last lines of a page."""
    width = _EDGE_LINES if len(content) > 2 * _EDGE_LINES else 1
    return content[:width], content[-width:]


def _running_lines(pages: Sequence[list[str]]) -> set[str]:
    """Keys of lines repeated at the top (or at the bottom) of most pages.

    Needs three pages at least: on shorter documents a repeated line is more
    likely content (a signature block printed twice) than a running header.
    """
    if len(pages) < 3:
        return set()
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in pages:
        top, bottom = _top_bottom([line for line in lines if line.strip()])
        tops.update({_line_key(line) for line in top})
        bottoms.update({_line_key(line) for line in bottom})
    needed = max(3, -(-len(pages) * 6 // 10))  # 60 % of the pages
    return {
        key
        for key, n in (tops + bottoms).items()
        if (tops[key] >= needed or bottoms[key] >= needed) and key.strip("# ")
    }


def _drop_page_edges(lines: list[str], running: set[str]) -> list[str]:
    content_idx = [i for i, line in enumerate(lines) if line.strip()]
    drop: set[int] = set()
    top, bottom = _top_bottom(content_idx)
    for i in top + bottom:
        if _line_key(lines[i]) in running:
            drop.add(i)
    # A page number is the first or last line that is left.
    remaining = [i for i in content_idx if i not in drop]
    for i in remaining[:1] + remaining[-1:]:
        if _PAGE_NUMBER.match(lines[i]):
            drop.add(i)
    return [line for i, line in enumerate(lines) if i not in drop]


def _join_hyphenated(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        stripped_prev = out[-1].rstrip() if out else ""
        head = _HYPHEN_END.search(stripped_prev)
        start = _WORD_START.match(line.lstrip())
        if head and start and start.group(1)[0].islower():
            joined = head.group(1) + start.group(1)
            if is_vietnamese_syllable(joined) or (joined.isascii() and joined.isalpha()):
                prefix = stripped_prev[: head.end(1)]
                out[-1] = prefix + line.lstrip()
                continue
        out.append(line)
    return out


def clean_pages(pages: Sequence[str]) -> str:
    """Join page texts into one text without page-break debris.

    Removes running headers/footers repeated on most pages, lone page
    numbers at page edges, and joins syllables hyphenated across lines.
    Pages are separated by a blank line.
    """
    split = [normalise_newlines(page).split("\n") for page in pages]
    running = _running_lines(split)
    cleaned: list[str] = []
    for lines in split:
        kept = _join_hyphenated(_drop_page_edges(lines, running))
        text = "\n".join(line.rstrip() for line in kept).strip("\n")
        if text.strip():
            cleaned.append(text)
    return "\n\n".join(cleaned)


# Icelandic eth never occurs in Vietnamese: fonts and OCR use it for Đ.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
_OCR_DOUBLED_D = re.compile("ĐÐ|ÐĐ|ÐÐ")


def fix_eth(text: str) -> str:
    """Ð/ð (Icelandic eth) → Đ/đ, the letter Vietnamese text means."""
    if "Ð" not in text and "ð" not in text:
        return text  # the common case, without copying the text
    return text.translate(_ETH)


def fix_ocr_confusions(text: str) -> str:
    """Tesseract (vie) quirks: Đ read twice as "ĐÐ", and Ð for Đ."""
    return fix_eth(_OCR_DOUBLED_D.sub("Đ", text))


def normalise_extracted(text: str) -> str:
    """Final pass for text a reader pulled out of a layout (PDF, OCR, docx)."""
    text = strip_controls(normalise_newlines(text)).replace("\u00ad", "")
    return to_nfc(fix_eth(repair_detached_marks(text)))


# OCR noise inside numbers, repaired without changing the text's length so that
# offsets into the repaired text still index the text as read:
# "l2.468" / "1.0l2" (l for 1), "8. 794" (a space after the thousands dot),
# and a lone "|" left by a table border.
_OCR_L_IN_NUMBER = re.compile(r"(?<![^\W\d_])l(?=\d)|(?<=\d[.,])l(?=\d)")
_OCR_SPACED_THOUSANDS = re.compile(
    r"(?<![\w.,])(?<!tháng )(?<!ngày )(?<!năm )(\d{1,3})\. (\d{3})(?![\d.,]*\d)(?=\s+[^\W\d_])",
    re.IGNORECASE,
)
_OCR_L_QUICK = re.compile(r"l\d")
_OCR_SPACED_QUICK = re.compile(r"\d\. \d{3}")
_OCR_STRAY_BAR = re.compile(r"(?:(?<=\s)|^)\|(?=\s|$)", re.MULTILINE)


def repair_ocr_noise(text: str) -> str:
    """Length-preserving repair of OCR quirks in numbers (see above) and Ð for Đ."""
    text = fix_eth(text)
    if _OCR_L_QUICK.search(text):
        text = _OCR_L_IN_NUMBER.sub("1", text)
    if _OCR_SPACED_QUICK.search(text):
        text = _OCR_SPACED_THOUSANDS.sub(lambda m: f"{m.group(1)}.{m.group(2)} ", text)
    if "|" in text:
        text = _OCR_STRAY_BAR.sub(" ", text)
    return text
