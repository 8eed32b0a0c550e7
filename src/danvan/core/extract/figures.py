"""Figures: quantities that report a result, a target or a measured state.

A figure is a number with the noun it counts ("8.794 lượt người", "13.676,5
triệu đồng", "28.101/38.000 lao động") or a percentage that stands alone. Numbers
in document numbers, dates, periods, names, list numbering and quotations are
masked first; percentages that qualify a figure ("đạt 103% so với kế hoạch",
"tăng 43% so với cùng kỳ") become its attributes.

The reading goes in phases over the document's flat text: mask what cannot be a
figure; mark attribute phrases (figure_attrs); read tables (tables); read the
numbers of the running text with their units and kinds (figure_kinds); attach
the attributes; finish offsets and notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from danvan.core.extract.citations import NUMBER_RE
from danvan.core.extract.figure_attrs import (
    REACH_PCT_RE,
    Attribute,
    attach,
    attribute_phrases,
    mark_ratios,
)
from danvan.core.extract.figure_kinds import KindReader
from danvan.core.extract.periods import PERIOD_RE
from danvan.core.extract.quantities import (
    NUM,
    NUM_RE,
    UNIT_RE,
    FoundFigure,
    NumberNote,
    read_number,
    read_unit,
)
from danvan.core.extract.scan import Haystack, finditer_near
from danvan.core.extract.sentences import Sentences, clause_start
from danvan.core.extract.tables import table_figures
from danvan.core.extract.textmap import FlatText, flat_index

if TYPE_CHECKING:
    from danvan.core.extract.document import DocumentInfo
    from danvan.core.extract.periods import PeriodMention

__all__ = ["FoundFigure", "NumberNote", "find_figures"]

_NAME_BEFORE = re.compile(
    r"(?:nghị quyết|quyết định|chỉ thị|đề án|chương trình|kế hoạch|nghị định|thông tư|luật|"
    r"kết luận|quy định|hội nghị trung ương|trung ương|điều|khoản|điểm|mục|phần|chương|phụ lục|"
    r"biểu|bảng|tiểu khu|khu|tổ|thôn|bản|xóm|quốc lộ|ql|tỉnh lộ|đường|(?<!dân )số|lần thứ|khóa|khoá|"
    r"covid|iso|phiên bản|trang|tuyến|website|đại hội|lần|version|phòng|nhóm|đội|câu|bài|"
    r"hội nghị lần thứ|giai đoạn|tháng|quý|ngày|thứ|hạng|loại|cấp|lớp|tầng|km|xe|"
    r"mẫu|kỳ|đợt|nhiệm kỳ|ban chỉ đạo)\s*[-–]?\s*$",
    re.IGNORECASE,
)
# how far before the number a _NAME_BEFORE match can start in the flat text (single
# spaces): its longest word, " - ", and the look-behind's four characters
_NAME_REACH = len("hội nghị trung ương") + 3 + 4


_DATES = re.compile(  # every match starts with a digit or "ngày": a cheap first test
    r"(?=[\dn])(?<!\w)(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)"
    r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}(?!\s*/?\s*\d)|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|(?<!\d)(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}(?!\d)|\d{1,2}\s*giờ|\d{1,2}h\d{0,2}(?![\w])"
    r"|\d+:\d+)",
    re.IGNORECASE,
)


_QUOTED = re.compile(r"“[^”]{0,120}”|\"[^\"]{0,120}\"")


_NUMBERING = re.compile(
    r"^[ \t]*(?:\(?\d{1,2}(?:\.\d{1,2})*\s*[.)/]\s*(?=\D)|\d{1,2}(?:\.\d{1,2})+\s+(?=[^\d\s])"
    r"|[a-zđ]\)\s*|\(\d{1,2}\)\s*|\(?[IVX]+[.)]\s*)",
    re.MULTILINE,
)


_LONE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$", re.MULTILINE)


# a lower bound on votes ("phải đạt trên 90% số phiếu tán thành") sets a rule
_THRESHOLD_BEFORE = re.compile(r"(?:trên|từ|ít\s+nhất|tối\s+thiểu|không\s+dưới)\s+$", re.IGNORECASE)


_VOTES_AFTER = re.compile(r"\s*(?:tổng\s+)?số\s+phiếu", re.IGNORECASE)


_APPROX_BEFORE = re.compile(
    r"(?<![\w])(?:hơn|trên|khoảng|gần|xấp\s+xỉ|chừng|ngót|ước(?:\s+(?:đạt|tính|khoảng|có))?)\s+$",
    re.IGNORECASE,
)


_HAS_LETTER = re.compile(r"[A-Za-zĐđ]")


_PERCENT_INSIDE = re.compile(r"\d+(?:[.,]\d+)?\s*%")


# every period phrase holds one of these, its start at most a few characters before it
_PERIOD_ANCHOR = (("năm", "tháng", "quý", "ngày", "giai đoạn", "nhiệm kỳ", "thời kỳ"), 8, 80)


def _mask(text: str, flat: FlatText, hay: Haystack) -> bytearray:
    s = flat.text
    mask = bytearray(len(s))

    def put(a: int, b: int) -> None:
        mask[a:b] = b"\x01" * (b - a)

    periods = finditer_near(PERIOD_RE, hay, *_PERIOD_ANCHOR)
    for rx, found in (
        (NUMBER_RE, NUMBER_RE.finditer(s)),
        (_DATES, _DATES.finditer(s)),
        (PERIOD_RE, periods),
        (_QUOTED, _QUOTED.finditer(s)),
    ):
        for m in found:
            if rx is NUMBER_RE and not _HAS_LETTER.search(m.group(1)):
                continue
            if rx is _QUOTED and _PERCENT_INSIDE.search(m.group(0)):
                continue
            put(m.start(), m.end())
    for rx in (_NUMBERING, _LONE_NUMBER):
        for m in rx.finditer(text):
            if rx is _LONE_NUMBER:
                prev = text[max(0, m.start() - 200) : m.start()].rstrip().rsplit("\n", 1)[-1]
                if re.match(r"^\s*[-+–•*]?\s*(?:tổng\s+)?số\b", prev, re.IGNORECASE):
                    continue  # a table row: label line, then its value
            if m.end() > m.start():
                a = flat_index(flat, m.start())
                b = flat_index(flat, m.end())
                put(a, max(b, a + 1))
    return mask


_FUNCTION_WORDS = frozenset(
    "về của và so đến trong tại là được theo với để cho đã đang sẽ từ đối hoặc hay thì mà nên "
    "khi vì do bởi trên dưới gồm như tới hết kể năm tháng ngày quý".split()
)


_LABEL_START = re.compile(r"(?<![\w])(?:tổng\s+)?số(?:\s+lượng)?(?=\s)", re.IGNORECASE)


def _counted_after_name(s: str, before: str, b: int) -> bool:
    """A word that can start a name ("lớp 10A", "Trung ương 8") is a plain noun when a counted
    noun follows the number: "mỗi lớp 30 học viên", "ngân sách trung ương 120 tỷ đồng"."""
    if re.search(
        r"(?:lần\s+thứ|khóa|khoá|số|điều|khoản|điểm|mục|phần|chương|tháng|ngày|quý|năm)\s*$",
        before,
        re.IGNORECASE,
    ):
        return False
    if re.match(r"\s*[/.,:\-–]\s*\d", s[b : b + 4]):
        return False
    m = UNIT_RE.match(s, b + 1) if s[b : b + 1] == " " else None
    return m is not None and m.group(1).lower() not in ("hội nghị", "chương trình", "đề án")


def _unit_from_breakdown(
    s: str, a: int, b: int, figures: list[FoundFigure], floor: int
) -> str | None:
    """ "650 lao động, trong đó: nam 280, nữ 370": a bare number after a short label in a
    "trong đó" breakdown counts the same noun as the figure it breaks down."""
    if not re.match(r"\s*(?:[,.;)]|$)", s[b : b + 2]):
        return None
    opener = None
    for m in re.finditer(r"(?<![\w])trong\s+đó(?![\w])", s[floor:a], re.IGNORECASE):
        opener = floor + m.start()
    if opener is None:
        return None
    heads = [f for f in figures if floor <= f.num_start < opener and f.unit and f.unit != "%"]
    if not heads:
        return None
    label = s[max(opener, clause_start(s, a, opener), s.rfind(",", opener, a) + 1) : a]
    label = re.sub(r"^\s*trong\s+đó\s*:?", "", label, flags=re.IGNORECASE).strip(" :")
    words = label.split()
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.islower() for w in words):
        return None
    return heads[-1].unit


def _unit_from_label(s: str, a: int, floor: int) -> str | None:
    """ "Số hộ nghèo: 1.449" → "hộ nghèo": a value after a "Số ..." label takes its noun."""
    tail = re.match(r"[\d.,]+\s*", s[a : a + 40])
    if tail is None:
        return None
    nxt = s[a + tail.end() : a + tail.end() + 1]
    if nxt and not (nxt.isupper() or nxt in ".;,)-+–•*" or s[a + tail.end() :].startswith("số ")):
        return None
    before = s[max(floor, a - 120) : a]
    labels = list(_LABEL_START.finditer(before))
    if not labels:
        return None
    label = before[labels[-1].end() :]
    if re.search(r"[.;]|\d", label):
        return None
    unit, _ = read_unit(label, 0)
    return unit


@dataclass
class _Scan:
    """What the phases share while one document is read."""

    s: str  # the flat text
    hay: Haystack  # the same, for anchored searches
    flat: FlatText
    body_start: int
    body_end: int
    mask: bytearray  # numbers that cannot be figures (dates, document numbers, names...)
    taken: bytearray  # numbers already read (attribute phrases, table cells, pairs)
    sentences: Sentences
    kinds: KindReader
    notes: list[NumberNote] | None


def find_figures(
    text: str,
    flat: FlatText,
    info: DocumentInfo | None = None,
    period: PeriodMention | None = None,
    notes: list[NumberNote] | None = None,
) -> list[FoundFigure]:
    """Every figure in the body of ``text``; non-standard numbers are reported into ``notes``."""
    scan = _start(text, flat, info, period, notes)
    mark_ratios(scan.hay, scan.body_start, scan.body_end, scan.taken)
    attrs = attribute_phrases(
        scan.hay, flat, scan.body_start, scan.body_end, scan.mask, scan.taken, notes
    )
    year = info.issued_on.year if info and info.issued_on else None
    figures = table_figures(text, flat, scan.body_start, scan.body_end, scan.taken, year)
    for f in figures:  # a "Thực hiện" cell reports a result
        f.sentence = scan.sentences.index(f.num_start)
    from_tables = {id(f) for f in figures}
    _running_figures(scan, figures)
    figures = [
        f
        for f in figures
        if not (f.unit == "%" and scan.taken[f.num_start]) or id(f) in from_tables
    ]
    return _finish(scan, figures, attrs)


def _start(
    text: str,
    flat: FlatText,
    info: DocumentInfo | None,
    period: PeriodMention | None,
    notes: list[NumberNote] | None,
) -> _Scan:
    s = flat.text
    body_start = flat_index(flat, info.body_start) if info else 0
    body_end = len(s)
    if info and info.footer_start is not None:
        body_end = flat_index(flat, info.footer_start)
    # "./." closes the body; notes after it ("Hồ sơ kèm theo gồm 52 bộ") report nothing
    closing = s.rfind("./.", body_start, body_end)
    if closing >= 0 and closing > body_start + 0.6 * (body_end - body_start):
        body_end = closing + 3
    sentences = Sentences.of(text, flat)
    taken = bytearray(len(s))
    kinds = KindReader.build(text, flat, sentences, taken, info, period)
    hay = flat.hay
    return _Scan(
        s,
        hay,
        flat,
        body_start,
        body_end,
        _mask(text, flat, hay),
        taken,
        sentences,
        kinds,
        notes,
    )


def _running_figures(scan: _Scan, figures: list[FoundFigure]) -> None:
    """The figures of the running text, appended to ``figures`` (which holds the
    table figures, for "trong đó" breakdowns)."""
    s, mask, taken = scan.s, scan.mask, scan.taken
    for m in NUM_RE.finditer(s, scan.body_start, scan.body_end):
        a = m.start(1)
        if mask[a] or taken[a]:
            continue
        fig = _figure_at(scan, m, figures)
        if fig is None:
            continue
        figures.append(fig)
        if fig.unit != "%":
            _trailing_percent(scan, fig)
        upper = _range_upper(scan, a, fig.num_end, fig.value)
        if upper is not None and NUM_RE.match(s, upper.start(2)) is None:
            # "1-1,5%": an upper bound glued to its dash is not a number of its own
            bare = _BARE_NUM.match(s, upper.start(2))
            top = _figure_at(scan, bare, figures) if bare else None
            if top is not None:
                figures.append(top)


_PERCENT_AFTER = re.compile(r"\s*(%|phần\s+trăm)")
_PAIR_AFTER = re.compile(r"\s*/\s*(" + NUM + r")(?![\w/])")
_LEAD_MARKS = re.compile(r"^[\s\-–+•*:,]+")


def _figure_at(scan: _Scan, m: re.Match[str], figures: list[FoundFigure]) -> FoundFigure | None:
    """The figure of the number ``m`` matched, or None when it counts nothing."""
    s, taken = scan.s, scan.taken
    a, b = m.start(1), m.end(1)
    token = m.group(1)
    before = s[max(0, a - 40) : a]
    if _NAME_BEFORE.search(before, len(before) - _NAME_REACH) and not _counted_after_name(
        s, before, b
    ):
        return None
    try:
        value, nonstd = read_number(token)
    except ValueError:
        return None
    end = b
    unit: str | None
    target = None
    pm = _PERCENT_AFTER.match(s[b : b + 12])
    pair = _PAIR_AFTER.match(s[b : b + 20])
    if pm:
        unit, end = "%", b + pm.end()
        if _THRESHOLD_BEFORE.search(before) and _VOTES_AFTER.match(s, end):
            return None  # "đạt trên 90% số phiếu": a threshold, not a measure of the work
    elif pair:
        try:
            target, _ = read_number(pair.group(1))
        except ValueError:
            return None
        taken[b : b + pair.end()] = b"\x01" * pair.end()
        unit, end = read_unit(s, b + pair.end())
        date_like = (
            isinstance(value, int) and isinstance(target, int) and value <= 31 and 1 <= target <= 12
        )
        if date_like and not UNIT_RE.match(s, b + pair.end() + 1):
            return None  # "trước 10/5": a day and a month
        if unit is None:
            # "17/19 tiêu chí": in a pair even a rule word is what is counted
            wm = re.match(r" ([^\W\d_]+(?: [^\W\d_]+)?)", s[b + pair.end() : b + pair.end() + 30])
            if wm is None or wm.group(1).split()[0] in _FUNCTION_WORDS:
                return None  # "10/5" without a counted noun is a date, not a pair
            unit, end = wm.group(1).lower(), b + pair.end() + wm.end()
    else:
        unit, end = read_unit(s, b)
        if unit is None:
            upper = _range_upper(scan, a, b, value)
            unit = _unit_after(s, upper.end(2)) if upper else None
        if unit is None:
            unit = _unit_from_label(s, a, scan.body_start)
            if unit is None:
                unit = _unit_from_breakdown(s, a, b, figures, scan.sentences.floor(a))
            if unit is None:
                return None
        if isinstance(value, int) and 1900 <= value <= 2100 and re.search(r"năm\s*$", before):
            return None
        # "1,234 người": a count with three decimals is an English thousands group
        if isinstance(value, float) and re.fullmatch(r"\d{1,3},\d{3}", token):
            value, nonstd = int(token.replace(",", "")), True
    sent = scan.sentences.index(a)
    floor = scan.sentences.starts[sent]
    cstart = clause_start(s, a, floor)
    return FoundFigure(
        value=value,
        unit=unit,
        kind=scan.kinds.kind_at(a, end),
        label=_label(s, cstart, floor, a, end, unit),
        fstart=max(cstart, a - 80),
        fend=end,
        num_start=a,
        num_end=b,
        target=target,
        approximate=bool(_APPROX_BEFORE.search(s[max(0, a - 20) : a])),
        nonstandard=nonstd,
        raw=token,
        sentence=sent,
    )


# "3.500 - 4.000 lao động", "từ 12 đến 15 mô hình", "8,0 - 8,5%": the upper bound of a range
_RANGE_TO = re.compile(r"\s*(?:[-–—]|(đến|tới))\s*(" + NUM + r")(?![\d.,]*\d)")
_BARE_NUM = re.compile(r"(" + NUM + r")")
_FROM_BEFORE = re.compile(r"(?<![\w])từ\s*$", re.IGNORECASE)


def _range_upper(scan: _Scan, a: int, b: int, value: float | int) -> re.Match[str] | None:
    """The upper bound after the number at ``a``..``b`` when the two make a range: a dash,
    or "đến"/"tới" after "từ"; the upper bound larger, a number that may be a figure, and
    followed by what it counts."""
    s = scan.s
    m = _RANGE_TO.match(s, b)
    if m is None:
        return None
    if m.group(1) and not _FROM_BEFORE.search(s, max(0, a - 10), a):
        return None
    ua = m.start(2)
    if scan.mask[ua] or scan.taken[ua]:
        return None
    try:
        upper, _ = read_number(m.group(2))
    except ValueError:
        return None
    if not upper > value or _unit_after(s, m.end(2)) is None:
        return None
    return m


def _unit_after(s: str, b: int) -> str | None:
    """What the number ending at ``b`` counts: "%" or a counted noun."""
    if re.match(r"\s*(?:%|phần\s+trăm)", s[b : b + 12]):
        return "%"
    return read_unit(s, b)[0]


def _label(s: str, cstart: int, floor: int, a: int, end: int, unit: str | None) -> str:
    """What the figure counts, in the words before it: its clause, else its sentence, else
    the words after it."""
    label = _LEAD_MARKS.sub("", s[cstart:a]).strip(" :,-")
    if len(label.split()) < 2:
        label = _LEAD_MARKS.sub("", s[floor:a]).strip(" :,-")
    if len(label.split()) < 2:
        after = s[end : end + 100]
        stop = re.search(r"[,;.()]", after)
        label = ((unit or "") + " " + (after[: stop.start()] if stop else after)).strip()
    return " ".join(label.split()[-15:])


def _trailing_percent(scan: _Scan, fig: FoundFigure) -> None:
    """ "đạt 73,95%" right after an X/Y pair or a count in the same clause: the share of
    the target, or a share that qualifies the count."""
    s, end = scan.s, fig.fend
    rm = REACH_PCT_RE.match(s, end, min(len(s), end + 60)) or re.match(
        r"\s*[,(]?\s*(?:(?:đạt|bằng|=)\s+)?(?:tỷ\s+lệ\s+)?(" + NUM + r")\s*%\s*\)?",
        s[end : end + 40],
    )
    if rm is None:
        rm2 = re.search(
            r"[,(]\s*(?:đạt|bằng)\s+(?:tỷ\s+lệ\s+)?(" + NUM + r")\s*%", s[end : end + 60]
        )
        if rm2 and not re.search(r"\d", s[end : end + rm2.start(1) - 1]):
            rm = rm2
    if rm is None:
        return
    off = end if rm.re is not REACH_PCT_RE else 0
    ps = off + rm.start(1)
    if scan.taken[ps] or scan.mask[ps]:
        return
    following = s[off + rm.end() : off + rm.end() + 30].lower()
    to_plan = "kế hoạch" in following
    vs_other = re.match(r"\s*(?:so\s+với|trên|của)\s", following) and not to_plan
    reached = "đạt" in rm.group(0) or "bằng" in rm.group(0)
    try:
        pv, _ = read_number(rm.group(1))
    except ValueError:
        return
    if not (fig.target is not None or reached or vs_other):
        return
    if fig.plan_percent is None and (fig.target is not None or to_plan):
        fig.plan_percent = pv  # "28.101/38.000, đạt 73,95%": the share of the target
    else:
        # "298 ý kiến, đạt 83,7%", "254.300 người, đạt tỷ lệ 78,5% so với tổng số phụ nữ":
        # a share that qualifies the count, not a figure
        fig.share_percent = pv
    scan.taken[ps : ps + len(rm.group(1))] = b"\x01" * len(rm.group(1))


def _finish(scan: _Scan, figures: list[FoundFigure], attrs: list[Attribute]) -> list[FoundFigure]:
    """Attach the attributes, give lone percentages their kind, report odd numbers,
    and set the original offsets and text of every figure."""
    known = {id(f) for f in figures}
    attach(scan.s, figures, attrs, scan.sentences)
    for f in figures:
        if id(f) not in known:  # a percentage that stands alone ("chiếm 0,12% tổng dư nợ")
            f.kind = scan.kinds.kind_at(f.num_start, f.fend)
    flat = scan.flat
    if scan.notes is not None:
        for f in figures:
            if f.nonstandard:
                a0, b0 = flat.span(f.num_start, f.num_end)
                scan.notes.append(NumberNote(f.raw, f.value, a0, b0))
    for f in figures:
        f.start, f.end = flat.span(f.fstart, f.fend)
        f.text = " ".join(scan.s[f.fstart : f.fend].split()).strip(" ,;-")
    figures.sort(key=lambda f: f.num_start)
    return figures
