"""Reporting periods, data cut-off windows and aggregation, as plain data.

A period is written as a short code that sorts and reads well in a URL:

    2023-M05   tháng 5/2023            2023-Q2   quý II/2023
    2022-H1    6 tháng đầu năm 2022    2022-H2   6 tháng cuối năm 2022
    2023-9M    9 tháng năm 2023        2022-Y    năm 2022
    2021-2025  giai đoạn 2021–2025 (multi-year review)

Cut-off windows (thời gian chốt số liệu) are data: a `CutoffRule` says on
which day of the month before the period the window opens. Nghị định
09/2019/NĐ-CP (Điều 12) uses the 15th: a half-year report counts data from
15 December of the previous year to 14 June. A rule with day 1 and no month
shift gives calendar windows. Requests may override the rule.

Aggregation up the org tree: sum, average, ratio of sums and latest.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from danvan.core.enums import LabelledEnum

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(LabelledEnum):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    YEAR = "year", "Năm"
    MULTI_YEAR = "multi_year", "Nhiều năm (sơ kết, tổng kết giai đoạn)"


KIND_LABELS: dict[PeriodKind, str] = PeriodKind.labels()

_CODE = re.compile(
    r"^(?P<y>\d{4})-(?:M(?P<m>\d{2})|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<nine>9M)|(?P<year>Y)|(?P<y2>\d{4}))$"
)


class PeriodError(ValueError):
    """A period code or combination that does not exist."""


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. `number` is the month, quarter or half (0 otherwise);
    `end_year` is used by multi-year reviews only."""

    year: int
    kind: PeriodKind
    number: int = 0
    end_year: int = 0

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2999:
            raise PeriodError(f"year out of range: {self.year}")
        limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}
        if self.kind in limits:
            if not 1 <= self.number <= limits[self.kind]:
                raise PeriodError(f"{self.kind.value} number out of range: {self.number}")
        elif self.number:
            raise PeriodError(f"{self.kind.value} takes no number")
        if self.kind is PeriodKind.MULTI_YEAR:
            if self.end_year <= self.year or self.end_year - self.year > 20:
                raise PeriodError("a multi-year review needs an end year after the start year")
        elif self.end_year:
            raise PeriodError("only a multi-year review has an end year")

    # constructors -----------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, PeriodKind.MONTH, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, PeriodKind.QUARTER, quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        return cls(year, PeriodKind.HALF, half)

    @classmethod
    def nine_months(cls, year: int) -> Period:
        return cls(year, PeriodKind.NINE_MONTHS)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, PeriodKind.YEAR)

    @classmethod
    def multi_year(cls, first: int, last: int) -> Period:
        return cls(first, PeriodKind.MULTI_YEAR, 0, last)

    @classmethod
    def parse(cls, code: str) -> Period:
        m = _CODE.match((code or "").strip().upper())
        if not m:
            raise PeriodError(f"not a period code: {code!r}")
        y = int(m["y"])
        if m["m"]:
            return cls.month(y, int(m["m"]))
        if m["q"]:
            return cls.quarter(y, int(m["q"]))
        if m["h"]:
            return cls.half(y, int(m["h"]))
        if m["nine"]:
            return cls.nine_months(y)
        if m["year"]:
            return cls.whole_year(y)
        return cls.multi_year(y, int(m["y2"]))

    # identity ---------------------------------------------------------
    @property
    def code(self) -> str:
        return _WRITTEN[self.kind][0](self)

    @property
    def label(self) -> str:
        return _WRITTEN[self.kind][1](self)

    def __str__(self) -> str:
        return self.label

    # calendar ---------------------------------------------------------
    @property
    def first_month(self) -> int:
        return self._months[0]

    @property
    def last_month(self) -> int:
        return self._months[1]

    @property
    def _months(self) -> tuple[int, int]:
        """The first and last month the period covers (in its first and last year)."""
        n = self.number
        return {
            PeriodKind.MONTH: (n, n),
            PeriodKind.QUARTER: (3 * n - 2, 3 * n),
            PeriodKind.HALF: (6 * n - 5, 6 * n),
            PeriodKind.NINE_MONTHS: (1, 9),
        }.get(self.kind, (1, 12))

    @property
    def last_year(self) -> int:
        return self.end_year or self.year

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        y, m = self.last_year, self.last_month
        return date(y, m, calendar.monthrange(y, m)[1])

    @property
    def is_part_year(self) -> bool:
        return self.kind not in (PeriodKind.YEAR, PeriodKind.MULTI_YEAR)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) pairs the period covers."""
        out = []
        y, m = self.year, self.first_month
        while (y, m) <= (self.last_year, self.last_month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    # neighbours -------------------------------------------------------
    def same_period_last_year(self) -> Period:
        if self.kind is PeriodKind.MULTI_YEAR:
            span = self.end_year - self.year + 1
            return Period.multi_year(self.year - span, self.end_year - span)
        return Period(self.year - 1, self.kind, self.number)

    def previous(self) -> Period:
        """The period of the same kind just before (the "kỳ trước")."""
        k = self.kind
        if k is PeriodKind.MONTH:
            return (
                Period.month(self.year - 1, 12)
                if self.number == 1
                else Period.month(self.year, self.number - 1)
            )
        if k is PeriodKind.QUARTER:
            return (
                Period.quarter(self.year - 1, 4)
                if self.number == 1
                else Period.quarter(self.year, self.number - 1)
            )
        if k is PeriodKind.HALF:
            return Period.half(self.year - 1, 2) if self.number == 1 else Period.half(self.year, 1)
        return self.same_period_last_year()

    def year_period(self) -> Period:
        """The whole year a part-year period belongs to (its annual plan)."""
        if self.kind is PeriodKind.MULTI_YEAR:
            return self
        return Period.whole_year(self.year)

    def year_to_date(self) -> Period | None:
        """The period from 1 January to this period's end, when it has a code.

        Month 6 → 6 tháng đầu năm; quarter 3 → 9 tháng; month 12 → năm."""
        if self.kind is PeriodKind.MULTI_YEAR:
            return None
        last = self.last_month
        if last == 6:
            return Period.half(self.year, 1)
        if last == 9:
            return Period.nine_months(self.year)
        if last == 12:
            return Period.whole_year(self.year)
        if last == 3:
            return Period.quarter(self.year, 1)
        if last == 1:
            return Period.month(self.year, 1)
        return None

    def parts(self, kind: PeriodKind) -> list[Period]:
        """The periods of `kind` that tile this one exactly (months of a
        quarter, quarters of a year...). Empty when they do not tile it."""
        if kind is PeriodKind.MONTH:
            return [Period.month(y, m) for y, m in self.months()]
        if kind is PeriodKind.QUARTER:
            if (self.first_month - 1) % 3 or self.last_month % 3:
                return []
            out = []
            for y, m in self.months():
                if m % 3 == 0:
                    out.append(Period.quarter(y, m // 3))
            return out
        if kind is PeriodKind.HALF:
            if self.first_month not in (1, 7) or self.last_month not in (6, 12):
                return []
            return [Period.half(y, 1 if m == 6 else 2) for y, m in self.months() if m in (6, 12)]
        if kind is PeriodKind.YEAR:
            if self.first_month != 1 or self.last_month != 12:
                return []
            return [Period.whole_year(y) for y in range(self.year, self.last_year + 1)]
        return []


def period_choices(years: Iterable[int]) -> list[tuple[str, str]]:
    """(code, label) for every period of the given years, in calendar order."""
    out: list[tuple[str, str]] = []
    for y in years:
        items = (
            [Period.month(y, m) for m in range(1, 13)]
            + [Period.quarter(y, q) for q in range(1, 5)]
            + [Period.half(y, 1), Period.nine_months(y), Period.half(y, 2), Period.whole_year(y)]
        )
        out.extend((p.code, p.label) for p in items)
    return out


# How each kind of period is written: its code, then its label.
_WRITTEN: dict[PeriodKind, tuple[Callable[[Period], str], Callable[[Period], str]]] = {
    PeriodKind.MONTH: (
        lambda p: f"{p.year}-M{p.number:02d}",
        lambda p: f"Tháng {p.number}/{p.year}",
    ),
    PeriodKind.QUARTER: (
        lambda p: f"{p.year}-Q{p.number}",
        lambda p: f"Quý {ROMAN[p.number]}/{p.year}",
    ),
    PeriodKind.HALF: (
        lambda p: f"{p.year}-H{p.number}",
        lambda p: f"6 tháng {'đầu' if p.number == 1 else 'cuối'} năm {p.year}",
    ),
    PeriodKind.NINE_MONTHS: (lambda p: f"{p.year}-9M", lambda p: f"9 tháng năm {p.year}"),
    PeriodKind.YEAR: (lambda p: f"{p.year}-Y", lambda p: f"Năm {p.year}"),
    PeriodKind.MULTI_YEAR: (
        lambda p: f"{p.year}-{p.end_year}",
        lambda p: f"Giai đoạn {p.year}–{p.end_year}",
    ),
}

# ---------------------------------------------------------------------------
# Cut-off windows


@dataclass(frozen=True)
class CutoffRule:
    """The data window opens on `day` of the month `months_before` months before
    the period's first month and closes the day before `day` of its last month
    (or at the period's end when the window is the calendar one)."""

    day: int = 15
    months_before: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 28:
            raise PeriodError("the cut-off day must be between 1 and 28")
        if self.months_before not in (0, 1):
            raise PeriodError("the window opens in the period's first month or the month before")


ND09 = CutoffRule(15, 1)
CALENDAR = CutoffRule(1, 0)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def cutoff_window(period: Period, rule: CutoffRule = ND09) -> tuple[date, date]:
    """(first day, last day) of data counted in the period's report."""
    y, m = _shift_month(period.year, period.first_month, -rule.months_before)
    start = date(y, m, rule.day)
    ly, lm = _shift_month(period.last_year, period.last_month, 1 - rule.months_before)
    end = date(ly, lm, rule.day) - timedelta(days=1)
    return start, end


class WorkingDays(Protocol):
    """A holiday calendar (danvan.core.workdays.Calendar) a caller may pass."""

    def add_working_days(self, start: date, n: int) -> date: ...


def add_working_days(day: date, n: int, holidays: WorkingDays | None = None) -> date:
    """`n` working days after `day`: Monday–Friday, or, with ``holidays`` (a
    danvan.core.workdays.Calendar), also skipping public holidays."""
    if holidays is not None:
        return holidays.add_working_days(day, n)
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def earliest_deadline(
    period: Period, rule: CutoffRule = ND09, holidays: WorkingDays | None = None
) -> date:
    """The first allowed deadline: one working day after the cut-off closes
    (Nghị định 09/2019, Điều 8 khoản 5)."""
    return add_working_days(cutoff_window(period, rule)[1], 1, holidays)
