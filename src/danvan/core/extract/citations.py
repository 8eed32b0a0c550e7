"""Citations: other documents the text cites by number (type, số ký hiệu, date, issuer).

State numbers ("130/KH-TTDVVL", "91/2017/NĐ-CP", "79/TTDVVL-HCTH") and Party
numbers ("11-CT/TU", "48-KHPH/BDVTU-HNB-BSL-ĐPTTH") are both read; the number
is normalised per the contract: spaces around "-" and "/" removed, dashes unified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from danvan.core.dates import parse_date
from danvan.core.extract.scan import finditer_near
from danvan.core.extract.textmap import FlatText
from danvan.core.text import DASHES

# Type words as they appear in running text, longest first; matched case-insensitively.
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("bộ luật", "bo_luat"),
    ("nghị quyết", "nghi_quyet"),
    ("nghị định", "nghi_dinh"),
    ("thông tư", "thong_tu"),
    ("chỉ thị", "chi_thi"),
    ("quyết định", "quyet_dinh"),
    ("kế hoạch", "ke_hoach"),
    ("công văn", "cong_van"),
    ("văn bản", "van_ban"),
    ("kết luận", "ket_luan"),
    ("quy định", "quy_dinh"),
    ("chương trình", "chuong_trinh"),
    ("hướng dẫn", "huong_dan"),
    ("đề án", "de_an"),
    ("quy chế", "quy_che"),
    ("công điện", "cong_dien"),
    ("thông tri", "thong_tri"),
    ("phương án", "phuong_an"),
    ("biên bản", "bien_ban"),
    ("báo cáo", "bao_cao"),
    ("tờ trình", "to_trinh"),
    ("thông báo", "thong_bao"),
    ("hiến pháp", "other"),
    ("pháp lệnh", "other"),
    ("điều lệ", "other"),
    ("luật", "luat"),
)

# Type abbreviations used in ký hiệu (ND 30/2020 Phụ lục III and Party practice).
ABBREVIATIONS: dict[str, str] = {
    "NQ": "nghi_quyet",
    "NQLT": "nghi_quyet",
    "NĐ": "nghi_dinh",
    "TT": "thong_tu",
    "TTLT": "thong_tu",
    "CT": "chi_thi",
    "QĐ": "quyet_dinh",
    "KH": "ke_hoach",
    "KHPH": "ke_hoach",
    "KL": "ket_luan",
    "QYĐ": "quy_dinh",
    "QC": "quy_che",
    "CTR": "chuong_trinh",
    "CTPH": "chuong_trinh",
    "CTHĐ": "chuong_trinh",
    "HD": "huong_dan",
    "HDLT": "huong_dan",
    "ĐA": "de_an",
    "CĐ": "cong_dien",
    "PA": "phuong_an",
    "BB": "bien_ban",
    "BC": "bao_cao",
    "TTR": "to_trinh",
    "TB": "thong_bao",
    "QH": "luat",
}

_TYPE_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in TYPE_WORDS)
TYPE_RE = re.compile(r"(?<![\w])(" + _TYPE_ALT + r")(?![\w])", re.IGNORECASE)
_TYPE_CODE = {w: c for w, c in TYPE_WORDS}

_SEG = r"[0-9A-ZĐ][0-9A-Za-zĐđ]*"
# the look-behind comes after the first digit so that the search skips to digits at C speed
NUMBER_RE = re.compile(
    r"(\d(?<![\w/.\-]\d)\d{0,4}[a-zA-Z]?(?:\s?[-‐‑–—/]\s?" + _SEG + r")+)(?![\w])"
)
_DATE = r"\d{1,2}\s*([/.\-])\s*\d{1,2}\s*\2\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
DATE_AFTER_RE = re.compile(r"\s*,?\s*(?:được\s+)?(?:ban\s+hành\s+)?ngày\s+(" + _DATE + r")", re.I)
OF_RE = re.compile(r"\s*,?\s*(?:của|do)(?=\s|$)", re.IGNORECASE)
SO_BEFORE_RE = re.compile(r"số\s*$", re.IGNORECASE)
SHORT_RE = re.compile(r"(?<![\w])số\s+(\d{1,5})(?![\w/\-]|[.,]\d)", re.IGNORECASE)
ANAPHOR_RE = re.compile(
    r"(?<![\w])(?:nêu\s+trên|trên|này|đã\s+nêu|nói\s+trên)(?![\w])", re.IGNORECASE
)
TYPE_END_RE = re.compile(r"(?<![\w])(" + _TYPE_ALT + r")\s+$", re.IGNORECASE)

# Words that start the name of a body, used to stop or extend issuer phrases.
ORG_HEADS = (
    "ban",
    "bộ",
    "sở",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "hội đồng",
    "trung tâm",
    "phòng",
    "cục",
    "chi cục",
    "chi nhánh",
    "tổng cục",
    "văn phòng",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "đảng ủy",
    "đảng uỷ",
    "đảng bộ",
    "chi bộ",
    "công đoàn",
    "liên đoàn",
    "đoàn",
    "hội",
    "mặt trận",
    "ủy ban mặt trận",
    "mttq",
    "trường",
    "bệnh viện",
    "viện",
    "công an",
    "bộ chỉ huy",
    "thanh tra",
    "kho bạc",
    "ngân hàng",
    "chính phủ",
    "thủ tướng",
    "quốc hội",
    "tòa án",
    "toà án",
    "cơ quan",
    "công ty",
    "tập đoàn",
    "học viện",
    "đại học",
    "chủ tịch",
    "thường trực",
    "bch",
    "btv",
    "tw",
    "đài",
    "báo",
)
_ORG_HEAD_RE = re.compile(
    r"(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in ORG_HEADS) + r")(?![\w])",
    re.IGNORECASE,
)

_STOP_LOWER = frozenset(
    "về v/v nhằm đối tại theo với trong ngày số đã để phê sửa kèm "
    "giai là được cho gồm như đến từ nay mà khi vì do năm trước sau áp tổ đẩy tiếp tăng xây "
    "phát lần khóa khoá và hoặc cũng nhưng thì đều đang sẽ có".split()
)
_STOP_PAIRS = frozenset(
    {"quy định", "hướng dẫn", "ban hành", "triển khai", "thực hiện", "về việc", "phê duyệt"}
)
_VERB_PAIRS = frozenset(
    {"báo cáo", "xây dựng", "đề nghị", "tổ chức", "kính gửi", "kính trình", "tham mưu", "chỉ đạo"}
)
_WORD_RE = re.compile(r"[^\s,;.:()“”\"]+|[,;.:()“”\"]")


@dataclass
class Mention:
    start: int  # offsets into the original text
    end: int
    text: str
    short: bool = False


@dataclass
class Citation:
    doc_type: str
    number: str
    raw_number: str
    issued_on: date | None
    issuer: str | None
    text: str
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)
    dates_seen: list[date] = field(default_factory=list)
    issuer_missing_after_cua: bool = False
    flat_start: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "issuer": self.issuer,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "mentions": [
                {"text": m.text, "start": m.start, "end": m.end, "short": m.short}
                for m in self.mentions
            ],
        }


def normalise_number(raw: str) -> str:
    """'22 - CTr/BCSĐ - BDVTU' → '22-CTr/BCSĐ-BDVTU'; dashes unified to '-'."""
    text = raw.translate(DASHES)
    return re.sub(r"\s*([-/])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()


def type_from_number(number: str) -> str | None:
    """The type a ký hiệu names: 130/KH-TTDVVL → ke_hoach, 11-CT/TU → chi_thi."""
    segments = re.split(r"[-/]", number)
    for seg in segments[1:]:
        if seg.isdigit():
            continue
        code = ABBREVIATIONS.get(seg.upper())
        return code
    return None


def _resolve_type(word_code: str, number: str) -> str:
    if word_code == "van_ban":
        return type_from_number(number) or "cong_van"
    return word_code


def _type_code(word: str) -> str:
    return _TYPE_CODE[_WS.sub(" ", word.lower())]


def read_issuer(flat: str, pos: int) -> tuple[str | None, int]:
    """The body named from ``pos`` on ("Ban Thường vụ Tỉnh ủy về ..." → "Ban Thường vụ Tỉnh ủy")."""
    found = _WORD_RE.finditer(flat, pos, pos + 220)
    words: list[tuple[str, int, int]] = []

    def have(k: int) -> bool:
        """Whether there is a word ``k`` (read from the text only as far as needed)."""
        while len(words) <= k:
            m = next(found, None)
            if m is None:
                return False
            words.append((m.group(0), m.start(), m.end()))
        return True

    taken_end = pos
    count = 0
    i = 0
    before_comma: int | None = None
    stopped_by_word = False
    while have(i) and count < 16:
        w, _s, e = words[i]
        nxt = words[i + 1][0] if have(i + 1) else ""
        pair = f"{w} {nxt}".lower()
        if pair in _VERB_PAIRS:
            stopped_by_word = True
            break
        if w in ",":
            if nxt and nxt[:1].isupper() and _ORG_HEAD_RE.match(flat, words[i + 1][1]):
                before_comma = taken_end
                i += 1
                continue
            break
        if w in ';.:()“”"':
            break
        if pair in _STOP_PAIRS or w.lower() in ("về", "v/v"):
            break
        if w[0].isdigit():
            break
        if w in ("và", "và/hoặc"):
            if nxt[:1].isupper():
                i += 1
                continue
            break
        if w[0].islower() and w in _STOP_LOWER:
            break
        if w in ("-", "–"):
            i += 1
            continue
        count += 1
        taken_end = e
        i += 1
    if stopped_by_word and before_comma is not None:
        taken_end = before_comma  # "UBND tỉnh X, Sở Y báo cáo ...": Sở Y is a new subject
    if taken_end == pos:
        return None, pos
    issuer = re.sub(r"\s+", " ", flat[pos:taken_end]).strip(" ,-")
    return (issuer or None), taken_end


_SUBJECT_VERB_RE = re.compile(
    r"(?<![\w])(?:đã\s+)?(?:(?:xây\s+dựng|ký)\s+(?:và\s+)?)?(?:ban\s+hành|xây\s+dựng|phát\s+hành)"
    r"(?=\s)",
    re.IGNORECASE,
)


_BREAK_WORDS = _STOP_LOWER | {
    "tham",
    "mưu",
    "chỉ",
    "đạo",
    "phối",
    "giao",
    "đề",
    "nghị",
    "cùng",
    "lãnh",
}


def subject_name(clause: str) -> str | None:
    """The body named at the end of ``clause`` (the words right before a verb).

    "Ban Dân vận đã tham mưu Ban Thường vụ Tỉnh ủy" → "Ban Thường vụ Tỉnh ủy";
    "Trung tâm Dịch vụ việc làm Sơn La đã" → "Trung tâm Dịch vụ việc làm Sơn La".
    """
    clause = re.sub(r"\s+(?:đã|đang|sẽ|xin|trân\s+trọng|kính|cũng|đều)$", "", clause.strip())
    words = clause.split(" ")
    keep = len(words)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in _BREAK_WORDS and not (
            w == "và" and i + 1 < len(words) and words[i + 1][:1].isupper()
        ):
            break
        keep = i
    tail = " ".join(words[keep:])
    for cand in _ORG_HEAD_RE.finditer(tail):
        if tail[cand.start()].isupper() and (cand.start() == 0 or tail[cand.start() - 1] == " "):
            name = tail[cand.start() :].strip()
            if 1 <= len(name.split()) <= 14 and not re.search(r"\d", name):
                return name
            return None
    return None


_NOT_SUBJECT = re.compile(r"(?:của|với|cho|tại|gửi|về|theo|đến|từ)\s*$", re.IGNORECASE)


_PREAMBLE_RE = re.compile(r"(?<![\w])(?:Căn\s+cứ|Xét)(?![\w])")
# "đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số ...": the body named right before the mention
_OF_BEFORE_RE = re.compile(
    r"(?<![\w])của\s+([^,;.()]{2,80}?)\s+(?:tại|theo|qua)\s*$", re.IGNORECASE
)


def issuer_before(flat: str, pos: int) -> str | None:
    """The body in "... của X tại <type> số ...", where the mention starts at ``pos``."""
    m = _OF_BEFORE_RE.search(flat, max(0, pos - 100), pos)
    if m is None:
        return None
    name, end = read_issuer(flat, m.start(1))
    if name is None or end < m.end(1) or not _ORG_HEAD_RE.search(name):
        return None
    return name


def subject_issuer(flat: str, pos: int) -> str | None:
    """Issuer named as the subject of the sentence: "X đã xây dựng và ban hành Kế hoạch số ..."."""
    sent_start = max(flat.rfind(". ", 0, pos), 0)
    # each "Căn cứ ..." / "Xét ..." line of a decision is a sentence of its own
    for m in _PREAMBLE_RE.finditer(flat, sent_start, pos):
        sent_start = m.start()
    sentence = flat[sent_start:pos]
    verbs = list(_SUBJECT_VERB_RE.finditer(sentence))
    if not verbs:
        return None
    verb = verbs[-1]
    before = sentence[: verb.start()].rstrip()
    cut = max(before.rfind(c) for c in ",;:.()")
    clause = before[cut + 1 :].strip() if cut >= 0 else before.strip()
    return subject_name(clause)


_WS = re.compile(r"\s+")
_LATIN_LETTER = re.compile(r"[A-Za-zĐđ]")
_OWN_NUMBER_BEFORE = re.compile(r"số\s*:\s*$", re.IGNORECASE)  # the document's own "Số: ..."


def find_citations(
    text: str, flat: FlatText | None = None, own_number: str | None = None
) -> list[Citation]:
    """Every numbered citation in ``text``, one per distinct (doc_type, number), in order."""
    flat = flat or FlatText.of(text)
    s = flat.text
    found: dict[tuple[str, str], Citation] = {}
    own = normalise_number(own_number).casefold() if own_number else None
    for m in NUMBER_RE.finditer(s):
        raw = m.group(1)
        if not _LATIN_LETTER.search(raw):
            continue
        number = normalise_number(raw)
        if own and number.casefold() == own:
            continue
        before = s[max(0, m.start() - 120) : m.start()]
        has_so = SO_BEFORE_RE.search(before.rstrip()) is not None
        if _OWN_NUMBER_BEFORE.search(before):
            continue  # the document's own "Số: ..." line
        type_start = None
        word_code = None
        types = list(TYPE_RE.finditer(before))
        if types:
            t = types[-1]
            gap = before[t.end() :]
            gap_words = gap.split()
            if has_so:
                filler = gap_words[:-1]
                ok = len(filler) <= 8 and not re.search(r"[;.()]", " ".join(filler))
            else:
                ok = not gap_words
            if ok:
                # "Thông báo kết luận số 12-TB/TU": the type word the ký hiệu agrees with wins
                if len(types) > 1:
                    prev = types[-2]
                    by_number = type_from_number(normalise_number(raw))
                    if (
                        not before[prev.end() : t.start()].strip()
                        and _type_code(prev.group(1)) == by_number
                        and _type_code(t.group(1)) != by_number
                    ):
                        t = prev
                type_start = m.start() - len(before) + t.start()
                word_code = _type_code(t.group(1))
        if word_code is None:
            if not has_so:
                continue
            inferred = type_from_number(number)
            if inferred is None:
                continue
            word_code = inferred
            type_start = m.start() - len(before) + before.lower().rfind("số")
        assert type_start is not None
        doc_type = _resolve_type(word_code, number)
        end = m.end()
        issued: date | None = None
        dm = DATE_AFTER_RE.match(s, end)
        if dm:
            issued = parse_date(dm.group(1))
            end = dm.end()
        issuer: str | None = None
        missing_after_cua = False
        om = OF_RE.match(s, end)
        if om:
            name_start = om.end()
            while name_start < len(s) and s[name_start] == " ":
                name_start += 1
            issuer, iend = read_issuer(s, name_start)
            if issuer:
                end = iend
            else:
                missing_after_cua = s[om.start() : om.end()].strip(" ,").lower() == "của"
        if issuer is None:
            issuer = issuer_before(s, type_start) or subject_issuer(s, type_start)
        o_start, o_end = flat.span(type_start, end)
        mention_text = _WS.sub(" ", s[type_start:end]).strip()
        key = (doc_type, number.casefold())
        cit = found.get(key)
        mention = Mention(o_start, o_end, mention_text)
        if cit is None:
            cit = Citation(
                doc_type,
                number,
                raw,
                issued,
                issuer,
                mention_text,
                o_start,
                o_end,
                flat_start=type_start,
            )
            found[key] = cit
        else:
            if cit.issued_on is None and issued is not None:
                cit.issued_on = issued
            if cit.issuer is None and issuer is not None:
                cit.issuer = issuer
        cit.mentions.append(mention)
        if issued is not None:
            cit.dates_seen.append(issued)
        cit.issuer_missing_after_cua = cit.issuer_missing_after_cua or missing_after_cua
    citations = list(found.values())
    _link_short_forms(flat, citations)
    return citations


# where the short forms can be: every match holds the anchor, at most ``before``
# characters after its start and ``after`` characters before its end (whitespace
# in the flat text is single spaces)
_SHORT_ANCHOR = (("số",), 0, 20)
_ANAPHOR_ANCHOR = (("trên", "này", "nêu"), 8, 10)


def _link_short_forms(flat: FlatText, citations: list[Citation]) -> None:
    s = flat.text
    for m in finditer_near(SHORT_RE, flat.hay, *_SHORT_ANCHOR):
        tm = TYPE_END_RE.search(s, max(0, m.start() - 20), m.start())
        if tm is None:
            continue
        code = _type_code(tm.group(1))
        digits = m.group(1).lstrip("0")
        for c in citations:
            lead = re.match(r"\d+", c.number)
            if (
                c.doc_type == _resolve_type(code, c.number)
                and lead
                and lead.group(0).lstrip("0") == digits
            ):
                a, b = flat.span(tm.start(), m.end())
                c.mentions.append(
                    Mention(a, b, " ".join(s[tm.start() : m.end()].split()), short=True)
                )
                break
    for m in finditer_near(ANAPHOR_RE, flat.hay, *_ANAPHOR_ANCHOR):
        tm = TYPE_END_RE.search(s, max(0, m.start() - 20), m.start())
        if tm is None:
            continue
        code = _type_code(tm.group(1))
        prior = [
            c
            for c in citations
            if c.flat_start < m.start() and c.doc_type == _resolve_type(code, c.number)
        ]
        if prior:
            c = max(prior, key=lambda x: x.flat_start)
            a, b = flat.span(tm.start(), m.end())
            c.mentions.append(Mention(a, b, " ".join(s[tm.start() : m.end()].split()), short=True))
