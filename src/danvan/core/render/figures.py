"""Figure sentences in the wording Vietnamese reports use.

    figure_sentence("tư vấn cho", 8794, "lượt người", plan=8538, previous=6150,
                    previous_year=2021)
    → "tư vấn cho 8.794 lượt người, đạt 103% so với kế hoạch,
       tăng 43% so với cùng kỳ năm 2021"

Missing data drops the clause instead of inventing one: no plan (or a plan of
0) gives no "đạt …%", no previous value gives no comparison. A missing value
(a draft) prints "..." where the number goes, as hand-made drafts do.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from danvan.core.indicators import Number, change, plan_percent, to_decimal
from danvan.core.numbers import format_number, format_percent

APPROXIMATE_WORDS: tuple[str, ...] = ("khoảng", "ước đạt", "gần", "hơn", "trên")
PLACEHOLDER = "..."


def auto_percent_decimals(value: Decimal) -> int:
    """How many decimals a percentage deserves when the caller does not say.

    100% and above: whole numbers ("103%", "280%"); 10–100: one decimal
    ("94,3%"); below 10: two ("2,75%"). Trailing zeros are dropped anyway.
    """
    magnitude = abs(value)
    if magnitude >= 100:
        return 0
    if magnitude >= 10:
        return 1
    return 2


def round_percent(value: Decimal, decimals: int | None = None) -> Decimal:
    places = auto_percent_decimals(value) if decimals is None else decimals
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_text(value: Number, decimals: int | None = None) -> str:
    """Decimal('102.998') → "103%"; 94.3 → "94,3%"; with decimals=2, 73.954 → "73,95%"."""
    d = to_decimal(value)
    places = auto_percent_decimals(d) if decimals is None else decimals
    return format_percent(d, places)


def _approx_word(approximate: bool | str) -> str | None:
    if approximate is False:
        return None
    if approximate is True:
        return "khoảng"
    word = approximate.strip()
    if word not in APPROXIMATE_WORDS:
        raise ValueError(f"approximate must be a bool or one of {APPROXIMATE_WORDS}, not {word!r}")
    return word


def value_text(value: Number | None, unit: str, value_decimals: int | None = None) -> str:
    """8794, "lượt người" → "8.794 lượt người"; money keeps every digit group."""
    number = PLACEHOLDER if value is None else format_number(value, value_decimals)
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def same_period_text(previous_year: int | None) -> str:
    if previous_year is None:
        return "cùng kỳ năm trước"
    return f"cùng kỳ năm {previous_year}"


def figure_sentence(
    label: str,
    value: Number | None,
    unit: str,
    plan: Number | None = None,
    plan_is_annual: bool = False,
    previous: Number | None = None,
    previous_year: int | None = None,
    approximate: bool | str = False,
    decimals: int | None = None,
    value_decimals: int | None = None,
    change_as: Literal["percent", "value"] = "percent",
    change_unit: str | None = None,
) -> str:
    """One figure as a clause of a report sentence (no final full stop).

    label: what was done, written before the number ("tư vấn cho").
    plan / plan_is_annual: the target; "đạt X% so với kế hoạch" or
        "đạt X% kế hoạch năm" when the period is part of the year.
    previous / previous_year: the same period of an earlier year.
    approximate: True for "khoảng", or one of APPROXIMATE_WORDS.
    decimals: decimals of percentages; None chooses (see auto_percent_decimals).
    change_as: "percent" ("tăng 43%") or "value" ("tăng 90 người"); when the
        previous value is 0 there is no percent and the value is used.
    change_unit: unit for a change given as a value, default ``unit``.
    """
    parts: list[str] = []
    word = _approx_word(approximate)
    head = value_text(value, unit, value_decimals)
    if word is not None and value is not None:
        head = f"{word} {head}"
    parts.append(f"{label.strip()} {head}".strip())

    if value is not None:
        pct = plan_percent(value, plan)
        if pct is not None:
            target_words = "kế hoạch năm" if plan_is_annual else "so với kế hoạch"
            parts.append(f"đạt {percent_text(pct, decimals)} {target_words}")

        if previous is not None:
            parts.append(
                _change_clause(
                    value,
                    previous,
                    previous_year,
                    decimals,
                    change_as,
                    change_unit or unit,
                    value_decimals,
                )
            )
    return ", ".join(parts)


def _change_clause(
    value: Number,
    previous: Number,
    previous_year: int | None,
    decimals: int | None,
    change_as: str,
    unit: str,
    value_decimals: int | None,
) -> str:
    period = same_period_text(previous_year)
    if change_as not in ("percent", "value"):
        raise ValueError(f"change_as must be 'percent' or 'value', not {change_as!r}")
    diff, pct = change(value, previous)
    if diff == 0:
        return f"bằng {period}"
    verb = "tăng" if diff > 0 else "giảm"
    # A percent is used when asked for and meaningful: previous 0 has no base,
    # and a change too small to show ("tăng 0%") is given as a value instead.
    if change_as == "percent" and pct is not None and round_percent(pct, decimals) != 0:
        return f"{verb} {percent_text(abs(pct), decimals)} so với {period}"
    return f"{verb} {value_text(abs(diff), unit, value_decimals)} so với {period}"
