"""Small display helpers for report pages."""

from __future__ import annotations

from django import template

from danvan.core.numbers import format_number, format_percent, to_decimal

register = template.Library()

BADGES = {
    "draft": "",
    "pending": "warn",
    "signed": "ok",
    "submitted": "warn",
    "returned": "bad",
    "accepted": "ok",
}


@register.filter
def badge_class(status: str) -> str:
    return BADGES.get(status, "")


@register.filter
def pct(value) -> str:
    """103.46 → 103%; 94.29 → 94,3%; 2.754 → 2,75% (as reports write them)."""
    if value is None or value == "":
        return ""
    d = to_decimal(value)
    m = abs(d)
    places = 0 if m >= 100 else 1 if m >= 10 else 2
    return format_percent(d, places)


@register.filter
def signed_pct(value) -> str:
    if value is None or value == "":
        return ""
    d = to_decimal(value)
    text = pct(abs(d))
    return ("tăng " if d > 0 else "giảm " if d < 0 else "bằng ") + (text if d else "")


@register.filter
def num(value, decimals=None) -> str:
    if value is None or value == "":
        return ""
    try:
        d = to_decimal(value)
    except Exception:
        return str(value)
    if decimals in (None, ""):
        return format_number(d.normalize() if d == d.to_integral_value() else d)
    return format_number(d, int(decimals))


@register.filter
def signed_num(value) -> str:
    if value is None or value == "":
        return ""
    d = to_decimal(value)
    return ("+" if d > 0 else "−" if d < 0 else "") + num(abs(d))
