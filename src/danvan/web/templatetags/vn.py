"""Template filters that write numbers and dates the Vietnamese way."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from danvan.core.dates import format_date_long
from danvan.core.numbers import format_number, format_percent
from danvan.core.periods import Period, PeriodError

register = template.Library()


@register.filter
def vnnum(value, decimals=None):
    """8794 → 8.794; 13676.5 → 13.676,5."""
    if value in (None, ""):
        return ""
    try:
        return format_number(value, None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def vnpct(value, decimals=2):
    """73.954 → 73,95%; None → empty."""
    if value in (None, ""):
        return ""
    try:
        return format_percent(value, int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def vndate(value):
    """09/3/2022: day with two digits, month without a leading zero."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day:02d}/{value.month}/{value.year}"
    return f"{value.day:02d}/{value.month}/{value.year}"


@register.filter
def vndatetime(value):
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value:%H:%M} {value.day:02d}/{value.month}/{value.year}"


@register.filter
def vndatelong(value):
    return format_date_long(value) if value else ""


@register.filter
def period_label(code):
    """A period code as people write it: "2026-M11" → "tháng 11/2026";
    "2022-H1" → "6 tháng đầu năm 2022". Anything else is shown as it is."""
    if not code:
        return ""
    try:
        label = Period.parse(str(code)).label
    except PeriodError:
        return code
    return label[:1].lower() + label[1:]


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
