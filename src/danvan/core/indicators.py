"""Indicator maths: share of plan achieved, change against the same period,
and aggregation of values up the org tree and over shorter periods.

Pure arithmetic on Decimals, without rounding: rounding belongs to the text
that shows the figure (danvan.core.render.figures). A zero or missing
denominator gives None, never an exception, because drafts and new units
often have no plan or no previous year yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from danvan.core.enums import LabelledEnum
from danvan.core.numbers import Number, to_decimal
from danvan.core.periods import Period, PeriodKind

HUNDRED = Decimal(100)


def plan_percent(actual: Number | None, target: Number | None) -> Decimal | None:
    """actual / target × 100, or None when either is missing or the target is 0.

    plan_percent(8794, 8538) → Decimal('102.99...'); plan_percent(5, 0) → None.
    """
    if actual is None or target is None:
        return None
    t = to_decimal(target)
    if t == 0:
        return None
    return to_decimal(actual) * HUNDRED / t


def change(actual: Number, previous: Number) -> tuple[Decimal, Decimal | None]:
    """(actual − previous, that difference as a percent of previous).

    The percent is None when previous is 0 (no base to compare with); the
    difference is still given, so the text can say "tăng 90 người".
    """
    a = to_decimal(actual)
    p = to_decimal(previous)
    diff = a - p
    if p == 0:
        return diff, None
    return diff, diff * HUNDRED / abs(p)


# ---------------------------------------------------------------------------
# Aggregation up the tree and over shorter periods


class Aggregation(LabelledEnum):
    SUM = "sum", "Cộng dồn (tổng)"
    AVERAGE = "average", "Trung bình"
    RATIO = "ratio", "Tỷ lệ của tổng (tử số / mẫu số)"
    LATEST = "latest", "Số liệu mới nhất"


AGGREGATION_LABELS: dict[Aggregation, str] = Aggregation.labels()


@dataclass(frozen=True)
class Observation:
    """One unit's value; `numerator`/`denominator` serve ratio indicators,
    `at` orders values for "latest"."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    at: date | None = None


def aggregate(
    method: Aggregation | str, observations: Sequence[Observation], scale: Number = 100
) -> Decimal | None:
    """Combine unit values into the value of their parent.

    sum: total; average: mean of the units that reported; ratio: sum of
    numerators over sum of denominators × scale (never an average of ratios);
    latest: the value with the latest date. None when nothing can be said.
    """
    method = Aggregation(method)
    if method is Aggregation.RATIO:
        nums = [o.numerator for o in observations if o.numerator is not None]
        dens = [o.denominator for o in observations if o.denominator is not None]
        if not dens:
            return None
        den = sum(dens, Decimal(0))
        if den == 0:
            return None
        return sum(nums, Decimal(0)) * to_decimal(scale) / den
    values = [o for o in observations if o.value is not None]
    if not values:
        return None
    if method is Aggregation.SUM:
        return sum((o.value for o in values if o.value is not None), Decimal(0))
    if method is Aggregation.AVERAGE:
        total = sum((o.value for o in values if o.value is not None), Decimal(0))
        return total / len(values)
    dated = sorted(values, key=lambda o: o.at or date.min)
    return dated[-1].value


def compose(
    period: Period,
    known: Mapping[str, Decimal],
    method: Aggregation | str,
) -> tuple[Decimal | None, list[str]]:
    """A period's value from shorter periods when it was not given directly.

    `known` maps period codes to values. Tries months, then quarters, then
    halves; the first complete tiling wins. Returns (value, codes used);
    (None, []) when no tiling is complete. Used for year-to-date figures.
    """
    method = Aggregation(method)
    if period.code in known:
        return known[period.code], [period.code]
    for kind in (PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.MONTH):
        parts = period.parts(kind)
        if not parts or parts == [period]:
            continue
        if all(p.code in known for p in parts):
            obs = [Observation(value=known[p.code], at=p.end) for p in parts]
            if method is Aggregation.RATIO:
                return None, []
            return aggregate(method, obs), [p.code for p in parts]
    return None, []


def year_to_date(
    period: Period, known: Mapping[str, Decimal], method: Aggregation | str
) -> tuple[Decimal | None, list[str]]:
    """From 1 January to the end of `period`, from directly given or composed values."""
    if period.kind is PeriodKind.MULTI_YEAR:
        return None, []
    span = period.year_to_date()
    if span is not None:
        value, used = compose(span, known, method)
        if value is not None:
            return value, used
    months = [Period.month(period.year, m) for m in range(1, period.last_month + 1)]
    if all(p.code in known for p in months):
        obs = [Observation(value=known[p.code], at=p.end) for p in months]
        if Aggregation(method) is Aggregation.RATIO:
            return None, []
        return aggregate(method, obs), [p.code for p in months]
    return None, []
