"""Indicator maths: share of plan achieved, change against the same period.

Pure arithmetic on Decimals, without rounding: rounding belongs to the text
that shows the figure (danvan.core.render.figures). A zero or missing
denominator gives None, never an exception, because drafts and new units
often have no plan or no previous year yet.
"""

from __future__ import annotations

from decimal import Decimal

Number = int | float | Decimal

HUNDRED = Decimal(100)


def to_decimal(value: Number) -> Decimal:
    """Decimal from int, float or Decimal; floats through repr so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number here")
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


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
