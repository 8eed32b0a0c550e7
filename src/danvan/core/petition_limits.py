"""Time limits for handling citizens' petitions, as data with their legal basis.

Each limit says which step it bounds, from which event it counts, how many
days (and whether working or calendar days), the longer limit for complex
cases and for remote areas, the extensions allowed, the article it comes from
and whether that article's text was read (``verified``) — see
src/danvan/citizens/README.md for where each was read. Limits not verified are
kept so the book can show a deadline, but pages mark them "chưa kiểm chứng".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .workdays import Calendar, add_days

KHIEU_NAI, TO_CAO, KIEN_NGHI, PHAN_ANH = "khieu_nai", "to_cao", "kien_nghi", "phan_anh"


@dataclass(frozen=True)
class TimeLimit:
    code: str
    kind: str  # petition kind, or "*" for every kind
    step: str  # "process" (xử lý đơn), "accept" (thụ lý), "resolve" (giải quyết)
    label: str
    days: int
    day_kind: str  # "working" | "calendar"
    complex_days: int | None = None
    remote_days: int | None = None
    remote_complex_days: int | None = None
    extension_days: int = 0  # each extension
    max_extensions: int = 0  # for a complex case
    max_extensions_very_complex: int = 0
    basis: str = ""
    verified: bool = False
    source: str = ""

    def days_for(self, *, complex_case: bool = False, remote: bool = False) -> int:
        if remote and complex_case and self.remote_complex_days:
            return self.remote_complex_days
        if remote and self.remote_days:
            return self.remote_days
        if complex_case and self.complex_days:
            return self.complex_days
        return self.days

    def allowed_extensions(self, *, complex_case: bool, very_complex: bool) -> int:
        if very_complex:
            return self.max_extensions_very_complex
        return self.max_extensions if complex_case else 0


LIMITS: tuple[TimeLimit, ...] = (
    TimeLimit(
        code="xu_ly_don",
        kind="*",
        step="process",
        label="Xử lý đơn (phân loại, thụ lý hoặc chuyển đơn, hướng dẫn)",
        days=10,
        day_kind="working",
        basis="Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn)",
        verified=False,
        source="text not found with the search tool; the 10-working-day figure is not confirmed",
    ),
    TimeLimit(
        code="kn_thu_ly",
        kind=KHIEU_NAI,
        step="accept",
        label="Thụ lý khiếu nại lần đầu",
        days=10,
        day_kind="working",
        basis="Luật Khiếu nại 2011, Điều 27",
        verified=True,
        source="B: Điều 27 quoted verbatim on thuvienphapluat.vn (the day kind is not stated there)",
    ),
    TimeLimit(
        code="kn_giai_quyet_lan_dau",
        kind=KHIEU_NAI,
        step="resolve",
        label="Giải quyết khiếu nại lần đầu",
        days=30,
        day_kind="working",
        complex_days=45,
        remote_days=45,
        remote_complex_days=60,
        basis="Luật Khiếu nại 2011, Điều 28",
        verified=True,
        source="B: Article 28 quoted (30/45 days; remote areas 45/60) on lawnet.vn",
    ),
    TimeLimit(
        code="tc_giai_quyet",
        kind=TO_CAO,
        step="resolve",
        label="Giải quyết tố cáo",
        days=30,
        day_kind="working",
        extension_days=30,
        max_extensions=1,
        max_extensions_very_complex=2,
        basis="Luật Tố cáo 2018, Điều 30 khoản 1–3",
        verified=True,
        source="B: Điều 30 quoted verbatim (luatsubaoho.com, thuvienphapluat.vn)",
    ),
    TimeLimit(
        code="tc_thu_ly",
        kind=TO_CAO,
        step="accept",
        label="Kiểm tra điều kiện, thụ lý tố cáo",
        days=7,
        day_kind="working",
        basis="Luật Tố cáo 2018, Điều 29",
        verified=False,
        source="article text not read",
    ),
    TimeLimit(
        code="kien_nghi_phan_anh",
        kind="*kien_nghi_phan_anh",
        step="resolve",
        label="Xem xét, trả lời kiến nghị, phản ánh",
        days=10,
        day_kind="working",
        basis="Luật Tiếp công dân 2013, Điều 28",
        verified=False,
        source="article text not read",
    ),
)

BY_CODE = {lim.code: lim for lim in LIMITS}


def limit_for(kind: str, step: str) -> TimeLimit | None:
    for lim in LIMITS:
        if lim.step != step:
            continue
        if lim.kind == kind or lim.kind == "*":
            return lim
        if lim.kind == "*kien_nghi_phan_anh" and kind in (KIEN_NGHI, PHAN_ANH):
            return lim
    return None


def due_date(
    limit: TimeLimit,
    start: date,
    *,
    complex_case: bool = False,
    remote: bool = False,
    extensions: int = 0,
    calendar: Calendar | None = None,
) -> date:
    """The last day of the limit counted from ``start`` (the day of receipt or
    of acceptance), with ``extensions`` granted on top."""
    days = limit.days_for(complex_case=complex_case, remote=remote)
    days += max(0, extensions) * limit.extension_days
    return add_days(start, days, limit.day_kind, calendar)
