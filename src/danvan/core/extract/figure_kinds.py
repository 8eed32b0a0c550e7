"""Whether a figure reports a result, sets a target or states a stock: cues
in its sentence, the section heading above it and what the document is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from danvan.core.extract.sentences import Sentences, clause_start
from danvan.core.extract.textmap import FlatText, flat_index

if TYPE_CHECKING:
    from danvan.core.extract.document import DocumentInfo
    from danvan.core.extract.periods import PeriodMention

_TARGET_CUE = re.compile(
    r"phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu\s+(?:giao|đề\s+ra|đặt\s+ra|là|năm|chủ\s+yếu)|dự\s+kiến|"
    r"kế\s+hoạch\s+(?:giao|đề\s+ra)|phải\s+đạt|tối\s+thiểu|ít\s+nhất|định\s+hướng\s+đến|"
    r"đến\s+năm\s+\d{4}|sẽ\s+|khẩn\s+trương",
    re.IGNORECASE,
)


# a stock at a point in time: "hiện có 684 đảng viên", "dư nợ 2.856 tỷ đồng", "Còn 144 hộ chưa ..."
_STATE_CUE = re.compile(
    r"hiện\s+(?:có|nay|đang|còn)|đang\s+(?:có|quản\s+lý|sinh\s+hoạt)|có\s+tổng\s+số|dư\s+nợ|"
    r"(?:đến\s+nay|toàn\s+(?:tỉnh|huyện|xã|thành\s+phố|quốc|ngành))(?:\s+\S+){0,3}\s+có\s+$|"
    r"tổng\s+số\s+[^,;]{0,40}\s(?:là|có)\s+$|(?:^|[,;:])\s*còn\s+$|(?:giảm|tăng)\s+từ\s+$|"
    # the size of a place or a herd, an overdue debt: "diện tích tự nhiên 318,5 km², dân số
    # 24.560 người với 5.612 hộ", "tổng đàn gia súc 14.320 con", "nợ quá hạn 2.318 triệu đồng"
    r"diện\s+tích(?:\s+tự\s+nhiên)?\s+(?:là\s+)?$|dân\s+số(?:\s+[\d.,]+\s+\S+\s+(?:với|và|gồm))?\s+$|"
    r"tổng\s+đàn(?:\s+\S+){0,2}\s+$|(?:^|[,;:.]\s*)nợ\s+quá\s+hạn\s+(?:là\s+)?$",
    re.IGNORECASE,
)


_OF_A_STOCK = re.compile(r"\s*(?:so\s+với\s+|trên\s+)?(?:tổng\s+)?dư\s+nợ(?![\w])", re.I)


# after the counted noun: an achievement, not a stock ("có 31/35 xã đạt chuẩn")
_ACHIEVED_AFTER = re.compile(
    r"\s*(?:[^\s,;.]+\s+){0,3}?(?<!chưa\s)(?<!không\s)(?:đạt|được|hoàn\s+thành)(?![\w])", re.I
)


_PLAN_DOC_TYPES = frozenset({"ke_hoach", "chuong_trinh", "de_an", "phuong_an", "huong_dan"})


# section headings, numbered ("II. PHƯƠNG HƯỚNG ...") or not ("Phần thứ hai" / "PHƯƠNG HƯỚNG ...")
_HEADING_NUMBER = (
    r"^[ \t]*(?:(?:[IVX]+|\d{1,2})\s*[.)/]\s*|(?:phần\s+thứ\s+\w+|phần\s+[IVX\d]+)\s*[.:]?\s*|"
    r"điều\s+\d{1,3}\s*[.:]\s*)?"
)


_FUTURE_HEADING = re.compile(
    _HEADING_NUMBER + r"(?:(?:các\s+)?phương\s+hướng|(?:các\s+|một\s+số\s+)?mục\s+tiêu|"
    r"(?:các\s+|một\s+số\s+|hệ\s+thống\s+)?chỉ\s+tiêu|"
    r"nhiệm\s+vụ\s+(?:trọng\s+tâm|chủ\s+yếu|tiếp\s+theo|thời\s+gian\s+tới|năm|quý|\d|6|9)|"
    r"nhiệm\s+vụ,\s+giải\s+pháp|kế\s+hoạch\s+(?:năm|\d)|(?:đề\s+xuất,\s+)?kiến\s+nghị|đề\s+xuất)",
    re.IGNORECASE | re.MULTILINE,
)


_PAST_HEADING = re.compile(
    _HEADING_NUMBER + r"(?:kết\s+quả|đánh\s+giá|tình\s+hình|công\s+tác|"
    r"tồn\s+tại|khó\s+khăn|hạn\s+chế|những)",
    re.IGNORECASE | re.MULTILINE,
)


def _looks_ahead(info: DocumentInfo | None, period: PeriodMention | None) -> bool:
    """A document about a period that begins after its own date (a resolution or
    decision of December on next year's tasks) sets targets unless a section
    says it reports results."""
    if info is None or period is None or info.issued_on is None:
        return False
    return period.start > info.issued_on


_NUMBERED = re.compile(r"(?:[IVX]+|\d{1,2})\s*[.)/]|phần\s|điều\s+\d", re.IGNORECASE)


def _mostly_upper(line: str) -> bool:
    """Four fifths of the line's letters or more are capitals."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _heading_starts(rx: re.Pattern[str], text: str, flat: FlatText) -> list[int]:
    """Flat offsets of headings: a numbered line, or an unnumbered line in capitals."""
    out = []
    for m in rx.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start() : line_end if line_end >= 0 else len(text)].strip()
        if _NUMBERED.match(line) or _mostly_upper(line):
            out.append(flat_index(flat, m.start()))
    return out


def _without_attrs(text: str, offset: int, taken: bytearray) -> str:
    """``text`` (found at flat ``offset``) with attribute phrases' numbers and the plan words after
    them blanked: "đạt 38% chỉ tiêu năm" reports a result, it does not set a target."""
    if not any(taken[offset : offset + len(text)]):
        return text
    chars = list(text)
    i = 0
    while i < len(chars):
        if taken[offset + i]:
            j = i
            while j < len(chars) and (taken[offset + j] or not chars[j].isspace() or j == i):
                j += 1
            k = min(len(chars), j + 40)
            tail = text[j:k]
            pm = re.match(
                r"[\s%]*(?:so\s+với\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu)"
                r"(?:\s+\w+){0,2}",
                tail,
                re.IGNORECASE,
            )
            end = j + (pm.end() if pm else 0)
            for n in range(i, end):
                chars[n] = " "
            i = max(end, i + 1)
        else:
            i += 1
    return "".join(chars)


@dataclass
class KindReader:
    """Reads the kind of the number at a flat offset. ``taken`` marks the numbers
    of attribute phrases (it fills while the figures are read)."""

    s: str
    sentences: Sentences
    taken: bytearray
    future_headings: list[int]
    past_headings: list[int]
    plan_doc: bool

    @classmethod
    def build(
        cls,
        text: str,
        flat: FlatText,
        sentences: Sentences,
        taken: bytearray,
        info: DocumentInfo | None,
        period: PeriodMention | None,
    ) -> KindReader:
        plan_doc = bool(info and info.doc_type in _PLAN_DOC_TYPES) or _looks_ahead(info, period)
        return cls(
            flat.text,
            sentences,
            taken,
            _heading_starts(_FUTURE_HEADING, text, flat),
            _heading_starts(_PAST_HEADING, text, flat),
            plan_doc,
        )

    def kind_at(self, a: int, end: int) -> str:
        """result, target or state for the number at flat offset ``a`` (its phrase ends at ``end``)."""
        s = self.s
        floor = self.sentences.floor(a)
        clause_before = s[clause_start(s, a, floor) : a]
        if _TARGET_CUE.search(_without_attrs(s[floor:a], floor, self.taken)):
            return "target"
        if _STATE_CUE.search(clause_before) and not _ACHIEVED_AFTER.match(s, end, end + 40):
            return "state"
        if _OF_A_STOCK.match(s, end):
            return "state"  # "tỷ lệ nợ quá hạn chiếm 0,06% tổng dư nợ": the cue follows
        fut = max((h for h in self.future_headings if h <= a), default=-1)
        past = max((h for h in self.past_headings if h <= a), default=-1)
        if fut > past or (self.plan_doc and past < 0):
            return "target"
        return "result"
