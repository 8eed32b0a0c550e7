"""Vietnamese dates as administrative documents write them.

Nghị định 30/2020, Phụ lục I Mục II.4: days 1–9 and months 1–2 take a leading
zero; other months do not ("Sơn La, ngày 09 tháng 3 năm 2022").
"""

from __future__ import annotations

import re
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


_DATE_LONG = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_SHORT = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")


def parse_date(text: str) -> date | None:
    """Read the first date in ``text``; None when there is none or it is impossible.

    Accepts "ngày 09 tháng 3 năm 2022", "09 tháng 03 năm 2022", "28/9/2021",
    "28-9-2021" and "28.9.2021" (day first, as Vietnamese documents write it).
    """
    found = [m for m in (_DATE_LONG.search(text), _DATE_SHORT.search(text)) if m]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())
    if m.re is _DATE_LONG:
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        day, month, year = m.group(1), m.group(3), m.group(4)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
