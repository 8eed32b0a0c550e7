"""Working days and Vietnamese public holidays, as data.

Bộ luật Lao động 2019 (Luật 45/2019/QH14) Điều 112 khoản 1 lists the paid public
holidays: Tết Dương lịch 01 day (1/1), Tết Âm lịch 05 days, Ngày Chiến thắng
01 day (30/4), Ngày Quốc tế lao động 01 day (1/5), Quốc khánh 02 days (2/9 and
one day next to it), Giỗ Tổ Hùng Vương 01 day (10/3 âm lịch). Points d–e were
read quoted verbatim; see src/danvan/citizens/README.md for the grading.

The lunar dates (Tết = mùng 1 tháng Giêng, Giỗ Tổ = mùng 10 tháng Ba) and the
days the Prime Minister's yearly notice actually gives (which days around Tết,
which day next to 2/9, swapped working days) change every year, so they are
data: ``YEARS`` below, one entry per year. A year that is not in the data still
gets its solar holidays, and ``is_complete(year)`` says the calendar is partial,
so callers can warn instead of silently counting Tết as working days.

Nothing here reads settings: the Django side may pass its own ``Calendar``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

BASIS = "Bộ luật Lao động 2019, Điều 112 khoản 1"


@dataclass(frozen=True)
class YearHolidays:
    """The lunar anchors of one year and the official days off around them.

    tet: the first day of the lunar year. tet_days_off: the five statutory
    Tết days (default: the last day of the old year and the first four of the
    new one — the usual pattern; the yearly notice may choose another).
    national_day_extra: the day next to 2/9 (default 3/9).
    extra_off / extra_work: days the yearly notice swaps (nghỉ bù, làm bù).
    """

    year: int
    tet: date
    gio_to: date
    tet_days_off: tuple[date, ...] = ()
    national_day_extra: date | None = None
    extra_off: tuple[date, ...] = ()
    extra_work: tuple[date, ...] = ()
    note: str = ""

    def tet_days(self) -> tuple[date, ...]:
        if self.tet_days_off:
            return self.tet_days_off
        return tuple(self.tet + timedelta(days=k) for k in range(-1, 4))


def _y(year: int, tet: tuple[int, int], gio_to: tuple[int, int]) -> YearHolidays:
    return YearHolidays(year, date(year, *tet), date(year, *gio_to))


# Lunar anchors (Vietnamese calendar, UTC+7). Tết and Giỗ Tổ per year.
YEARS: dict[int, YearHolidays] = {
    y.year: y
    for y in (
        _y(2019, (2, 5), (4, 14)),
        _y(2020, (1, 25), (4, 2)),
        _y(2021, (2, 12), (4, 21)),
        _y(2022, (2, 1), (4, 10)),
        _y(2023, (1, 22), (4, 29)),
        _y(2024, (2, 10), (4, 18)),
        _y(2025, (1, 29), (4, 7)),
        _y(2026, (2, 17), (4, 26)),
        _y(2027, (2, 6), (4, 16)),
        _y(2028, (1, 26), (4, 4)),
        _y(2029, (2, 13), (4, 23)),
        _y(2030, (2, 3), (4, 12)),
    )
}


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


@dataclass
class Calendar:
    """Public holidays by year, weekends Saturday and Sunday.

    ``compensate``: a holiday falling on a weekend gives the next working day
    off (nghỉ bù). Off by default: for civil servants the yearly notice states
    the days, entered as ``extra_off``."""

    years: Mapping[int, YearHolidays] = field(default_factory=lambda: dict(YEARS))
    compensate: bool = False
    _cache: dict[int, dict[date, str]] = field(default_factory=dict, repr=False)

    def is_complete(self, year: int) -> bool:
        return year in self.years

    def holidays(self, year: int) -> list[Holiday]:
        return [Holiday(d, n) for d, n in sorted(self._days(year).items())]

    def _days(self, year: int) -> dict[date, str]:
        found = self._cache.get(year)
        if found is not None:
            return found
        days: dict[date, str] = {
            date(year, 1, 1): "Tết Dương lịch",
            date(year, 4, 30): "Ngày Chiến thắng",
            date(year, 5, 1): "Ngày Quốc tế lao động",
            date(year, 9, 2): "Quốc khánh",
        }
        info = self.years.get(year)
        if info is not None:
            days[info.national_day_extra or date(year, 9, 3)] = "Quốc khánh"
            days[info.gio_to] = "Giỗ Tổ Hùng Vương"
            for d in info.extra_off:
                days.setdefault(d, "Nghỉ bù")
        # Tết of the next lunar year may start in late December/January of this one.
        for anchor in (self.years.get(year), self.years.get(year + 1)):
            if anchor is not None:
                for d in anchor.tet_days():
                    if d.year == year:
                        days[d] = "Tết Âm lịch"
        if self.compensate:
            for d in sorted(days):
                if d.weekday() >= 5:
                    nxt = d + timedelta(days=1)
                    while nxt.weekday() >= 5 or nxt in days:
                        nxt += timedelta(days=1)
                    if nxt.year == year:
                        days[nxt] = f"Nghỉ bù {days[d]}"
        if info is not None:
            for d in info.extra_work:
                days.pop(d, None)
        self._cache[year] = days
        return days

    def holiday_name(self, day: date) -> str | None:
        return self._days(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self._days(day.year):
            return False
        info = self.years.get(day.year)
        if info is not None and day in info.extra_work:
            return True
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The day on which a limit of ``n`` working days counted from ``start``
        ends: the n-th working day after ``start`` (the start day itself is not
        counted). n == 0 gives ``start``."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        left = n
        while left:
            d += timedelta(days=1)
            if self.is_working_day(d):
                left -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative
        when ``end`` is before ``start``)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start
        while d < end:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next one (a limit
        that would end on a holiday moves to the next working day)."""
        d = day
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d


DEFAULT = Calendar()


def add_working_days(start: date, n: int, calendar: Calendar | None = None) -> date:
    return (calendar or DEFAULT).add_working_days(start, n)


def add_days(start: date, n: int, day_kind: str, calendar: Calendar | None = None) -> date:
    """A limit of ``n`` days from ``start``: ``"working"`` days skip weekends and
    holidays; ``"calendar"`` days count every day, and the end moves to the
    next working day when it falls on a day off."""
    cal = calendar or DEFAULT
    if day_kind == "working":
        return cal.add_working_days(start, n)
    if day_kind == "calendar":
        return cal.next_working_day(start + timedelta(days=n))
    raise ValueError(f"day_kind must be 'working' or 'calendar', not {day_kind!r}")
