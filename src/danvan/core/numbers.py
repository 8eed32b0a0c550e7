"""Vietnamese number formatting: dot for thousands, comma for decimals.

8794 → "8.794"; 73.95 → "73,95"; 8601610000 → "8.601.610.000".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def _to_decimal(value: float | int | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def format_number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    """Format a number the Vietnamese way.

    With ``decimals=None`` the number keeps its own decimals (trailing zeros
    dropped); otherwise it is rounded half-up to that many places.
    """
    if value is None:
        return ""
    d = _to_decimal(value)
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        d = d.normalize() if d == d.to_integral_value() else d
        if d == d.to_integral_value():
            d = d.quantize(Decimal(1))
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if frac:
        result += "," + frac
    return sign + result


def format_percent(value: float | int | Decimal | None, decimals: int = 2) -> str:
    """73.954 → "73,95%"; 103.0 → "103%" (trailing zeros dropped)."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text + "%"
