"""Vietnamese dates as administrative documents write them.

Nghị định 30/2020, Phụ lục I Mục II.4: days 1–9 and months 1–2 take a leading
zero; other months do not ("Sơn La, ngày 09 tháng 3 năm 2022").
"""

from __future__ import annotations

from datetime import date


def day_text(d: date) -> str:
    return f"{d.day:02d}"


def month_text(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def format_date_long(d: date) -> str:
    """'ngày 09 tháng 3 năm 2022' (ND 30/2020 Phụ lục I Mục II.4)."""
    return f"ngày {day_text(d)} tháng {month_text(d)} năm {d.year}"


def format_place_date(place: str, d: date) -> str:
    """'Sơn La, ngày 09 tháng 3 năm 2022'."""
    return f"{place}, {format_date_long(d)}"


def format_date_short(d: date) -> str:
    """'09/3/2022': the short form used in citations and tables."""
    return f"{d.day:02d}/{d.month}/{d.year}"
