"""Attribute phrases: percentages and differences that qualify a figure
("đạt 103% so với kế hoạch", "tăng 43% so với cùng kỳ", "giảm 56 hồ sơ so với
cùng kỳ", "chiếm 12%", "kế hoạch 38.000") rather than stand as figures, and
how they attach to the figure they qualify."""

from __future__ import annotations

import re
from typing import NamedTuple

from danvan.core.extract.quantities import NUM, FoundFigure, NumberNote, read_number, read_unit
from danvan.core.extract.scan import Haystack, finditer_near
from danvan.core.extract.sentences import Sentences, clause_start
from danvan.core.extract.textmap import FlatText

_NUM_IN = r"(" + NUM + r")"


_PLAN_RE = re.compile(
    r"(?<!\w)(?=\w)(?:(đạt|bằng|hoàn\s+thành|vượt|được)\s+(?:tỷ\s+lệ\s+)?)?" + _NUM_IN + r"\s*%\s*"
    r"(?:(?:so\s+với|của|trên)\s+)?(?:(?:tổng\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu|"
    r"(?:số\s+)?(?:đăng\s+ký|cam\s+kết)))(?![\w])",
    re.IGNORECASE,
)


_CHANGE_PCT_RE = re.compile(
    r"(tăng|giảm|bằng)\s+(?:thêm\s+|khoảng\s+|hơn\s+|gần\s+)?" + _NUM_IN + r"\s*%\s*"
    r"(?:\([^)]{0,40}\)\s*)?(?:so\s+với\s+)(?!kế\s+hoạch|KH\b|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu)",
    re.IGNORECASE,
)


_CHANGE_VAL_RE = re.compile(
    r"(tăng|giảm)\s+(?:thêm\s+)?" + _NUM_IN + r"(?:\s+[^\s\d,;.()]+){0,3}?\s+so\s+với\s+"
    r"(?!kế\s+hoạch|KH\b|chỉ\s+tiêu|dự\s+toán)",
    re.IGNORECASE,
)


# "tăng 1,5 lần", "gấp 2 lần": a ratio, neither a figure nor a percentage change
_TIMES_RE = re.compile(
    r"(?:tăng|giảm|gấp)\s+(?:hơn\s+)?(" + NUM + r")\s+lần(?![\w])", re.IGNORECASE
)


REACH_PCT_RE = re.compile(r"(?:đạt|bằng|=)\s+(?:tỷ\s+lệ\s+)?" + _NUM_IN + r"\s*%", re.IGNORECASE)


_SHARE_RE = re.compile(
    r"chiếm\s+(?:tỷ\s+lệ\s+)?(?:khoảng\s+|hơn\s+|gần\s+)?" + _NUM_IN + r"\s*%", re.I
)


_TARGET_AFTER_RE = re.compile(
    r"(?<![\w])(?:kế\s+hoạch|KH|chỉ\s+tiêu)(?:\s+(?:giao|đề\s+ra|được\s+giao|năm\s+\d{4}))?\s*(?::|là)?\s*"
    + _NUM_IN
    + r"(?!\s*%|[\d.,])",
    re.IGNORECASE,
)


_NUM_AT = re.compile(NUM)


class Attribute(NamedTuple):
    start: int  # the phrase, flat offsets
    end: int
    kind: str  # plan, change_pct, change_val, share, target
    value: float | int
    num_start: int
    printed: float | int  # the number as written ("vượt 10%": 10, its value 110)


_SLOTS = {
    "plan": "plan_percent",
    "change_pct": "change_percent",
    "change_val": "change_value",
    "share": "share_percent",
    "target": "target",
}
# where each phrase's matches lie around its anchor (flat text: single spaces)
_PERCENT_ANCHOR = (("%",), 80, 60)
_VERB_FIRST = (_PLAN_RE, _CHANGE_PCT_RE, _CHANGE_VAL_RE)  # group 1 the verb, group 2 the number


def mark_ratios(hay: Haystack, body_start: int, body_end: int, taken: bytearray) -> None:
    """ "tăng 1,5 lần": the number is neither a figure nor a percentage change."""
    for m in finditer_near(_TIMES_RE, hay, ("lần",), 60, 10, body_start, body_end):
        taken[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))


def attribute_phrases(
    hay: Haystack,
    flat: FlatText,
    body_start: int,
    body_end: int,
    mask: bytearray,
    taken: bytearray,
    notes: list[NumberNote] | None,
) -> list[Attribute]:
    """The attribute phrases of the body; their numbers are marked in ``taken``."""
    s = hay.text
    attrs: list[Attribute] = []
    for rx, kind, (needles, before, after) in (
        (_PLAN_RE, "plan", _PERCENT_ANCHOR),
        (_CHANGE_PCT_RE, "change_pct", (("%",), 80, 100)),
        (_CHANGE_VAL_RE, "change_val", (("so với",), 160, 40)),
        (_SHARE_RE, "share", _PERCENT_ANCHOR),
        (_TARGET_AFTER_RE, "target", (("kế hoạch", "chỉ tiêu", "KH"), 5, 80)),
    ):
        group = 2 if rx in _VERB_FIRST else 1
        for m in finditer_near(rx, hay, needles, before, after, body_start, body_end):
            ns = m.start(group)
            if taken[ns] or mask[ns]:
                continue
            token = m.group(group)
            try:
                value, odd = read_number(token)
            except ValueError:
                continue
            if odd and notes is not None:
                a0, b0 = flat.span(ns, ns + len(token))
                notes.append(NumberNote(token, value, a0, b0))
            verb = (m.group(1) or "").lower() if group == 2 else ""
            printed = value
            if kind == "plan" and verb.startswith("vượt"):
                value = 100 + value
            if kind == "change_pct":
                if verb == "giảm":
                    value = -value
                elif verb == "bằng":
                    value = round(value - 100, 6)
            if kind == "change_val" and verb == "giảm":
                value = -value
            if kind == "change_val" and re.match(r"\s*%", s[m.end(2) : m.end(2) + 3]):
                continue
            attrs.append(Attribute(m.start(), m.end(), kind, value, ns, printed))
            taken[ns : ns + len(token)] = b"\x01" * len(token)
    return attrs


def attach(
    s: str, figures: list[FoundFigure], attrs: list[Attribute], sentences: Sentences
) -> None:
    """Each attribute to the figure it qualifies; a percentage with no figure to
    qualify becomes a figure of its own (appended to ``figures``)."""
    starts = sentences.starts
    ordered = sorted(figures, key=lambda f: f.num_start)
    for start, end, kind, value, ns, printed in sorted(attrs):
        sent = sentences.index(ns)
        cands = [f for f in ordered if f.num_start < start and f.sentence == sent]
        if not cands and kind != "share":
            # "3.599 người. (Giảm 10% so với cùng kỳ)": the phrase opens the next sentence
            if start - starts[sent] <= 3:
                prev = [f for f in ordered if f.sentence == sent - 1]
                if prev and start - prev[-1].fend < 40:
                    cands = prev
        else:
            clause_from = clause_start(s, start, starts[sent])
            own = [f for f in cands if f.num_start >= clause_from]
            if kind == "share" and own and _RATE_SUBJECT.search(s[own[-1].fend : start]):
                own = []  # "2.318 triệu đồng, tỷ lệ nợ quá hạn chiếm 0,06%": a rate of its own
            if not own and len(s[clause_from:start].split()) >= 3:
                cands = []  # "...; số hồ sơ tồn đọng giảm 56 hồ sơ": another subject
        if not cands:
            # a percentage or a difference with no figure to qualify is a figure of its own,
            # as written: "Kim ngạch xuất khẩu tăng 12,3% so với năm 2023", "vượt 10% so với
            # dự toán", "Số doanh nghiệp thành lập mới tăng 15 doanh nghiệp so với năm trước"
            unit = "%" if kind in ("plan", "change_pct", "share") else None
            number = _NUM_AT.match(s, ns)
            if kind == "change_val" and number:
                unit = read_unit(s, number.end())[0]
            if unit is not None:
                fig = FoundFigure(printed, unit, "result", "", start, end, ns, ns, sentence=sent)
                fig.label = s[starts[sent] : start].strip(" -,:")[-120:]
                figures.append(fig)
            continue
        head = _head_of(cands)
        attr = _SLOTS[kind]
        if getattr(head, attr) is None:
            setattr(head, attr, value)
            head.fend = max(head.fend, end)


_RATE_SUBJECT = re.compile(r"[,;]\s*tỷ\s+lệ(?:\s+[^\s\d,;]+){0,6}\s*$", re.IGNORECASE)


def _head_of(cands: list[FoundFigure]) -> FoundFigure:
    """The figure a trailing attribute belongs to: the nearest one, unless it ends a breakdown
    ("221 lao động, trong nước 204 lao động, ngoài nước 17 lao động (đạt 63% ...)")."""
    nearest = cands[-1]
    run = [nearest]
    for f in reversed(cands[:-1]):
        if f.unit == nearest.unit and f.unit != "%":
            run.insert(0, f)
        else:
            break
    if len(run) >= 3:
        total = sum(float(f.value) for f in run[1:])
        if abs(float(run[0].value) - total) < 1e-6:
            return run[0]
    return nearest
