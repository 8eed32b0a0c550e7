"""Reporting periods written in Vietnamese, read into ISO start and end dates.

"6 tháng đầu năm 2022" → 2022-01-01..2022-06-30; "quý III năm 2022";
"9 tháng năm 2023"; "tháng 5/2023"; "năm 2023"; "giai đoạn 2021-2025";
"từ ngày 01/01/2023 đến ngày 30/6/2023"; "năm học 2022-2023".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from danvan.core.dates import parse_date
from danvan.core.text import collapse_ws


@dataclass(frozen=True)
class PeriodMention:
    label: str
    start: date
    end: date
    begin: int = 0  # offsets of the phrase in the text it was found in
    finish: int = 0

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:19|20)\d{2}"
_S = r"\s+"

_DATE = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"

PERIOD_RE = re.compile(
    r"(?<!\w)(?=\w)(?:(?P<range>từ\s+ngày\s+(?P<d1>"
    + _DATE
    + r")\s*(?:đến|tới|-)\s*(?:hết\s+)?ngày\s+"
    r"(?P<d2>" + _DATE + r"))"
    r"|(?P<span>(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(?P<y1>" + _YEAR + r")\s*[-–—]\s*"
    r"(?P<y2>" + _YEAR + r"))"
    r"|(?P<school>năm\s+học\s+(?P<sy1>" + _YEAR + r")\s*[-–—]\s*(?P<sy2>" + _YEAR + r"))"
    r"|(?P<months>(?P<n>\d{1,2})\s+tháng(?:\s+(?P<half>đầu|cuối))?"
    r"(?:\s+năm(?:" + _S + r"(?P<my>" + _YEAR + r"))?|\s*/\s*(?P<my2>" + _YEAR + r"))?)"
    r"|(?P<quarter>quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*(?:năm\s+|/\s*)(?P<qy>"
    + _YEAR
    + r"))?)"
    r"|(?P<month>tháng\s+(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<mmy>" + _YEAR + r"))"
    r"|(?P<year>năm\s+(?P<yy>" + _YEAR + r"))(?!\s*[-–—]\s*\d))",
    re.IGNORECASE,
)


_BARE_YEAR = re.compile(r"(?<!\d)(" + _YEAR + r")(?!\d)")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def find_periods(text: str, default_year: int | None = None) -> list[PeriodMention]:
    """Every period phrase in ``text``, in order.

    A phrase without a year ("6 tháng đầu năm") takes the next year written in
    the same text, else ``default_year``; without either it is skipped.
    """
    out: list[PeriodMention] = []
    matches = list(PERIOD_RE.finditer(text))
    for i, m in enumerate(matches):
        period = _period_from_match(m, text, matches[i + 1 :], default_year)
        if period is not None:
            out.append(period)
    return out


def _next_year(later: list[re.Match[str]], text: str, pos: int) -> int | None:
    m = _BARE_YEAR.search(text, pos, pos + 160)
    return int(m.group(1)) if m else None


def _period_from_match(
    m: re.Match[str], text: str, later: list[re.Match[str]], default_year: int | None
) -> PeriodMention | None:
    label = collapse_ws(m.group(0))
    g = m.groupdict()
    try:
        if g["range"]:
            d1, d2 = parse_date(g["d1"]), parse_date(g["d2"])
            if d1 is None or d2 is None or d2 < d1:
                return None
            return PeriodMention(label, d1, d2, m.start(), m.end())
        if g["span"]:
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 < y1:
                return None
            return PeriodMention(label, date(y1, 1, 1), date(y2, 12, 31), m.start(), m.end())
        if g["school"]:
            y1, y2 = int(g["sy1"]), int(g["sy2"])
            return PeriodMention(label, date(y1, 9, 1), date(y2, 8, 31), m.start(), m.end())
        if g["months"]:
            n = int(g["n"])
            if not 1 <= n <= 12:
                return None
            year_text = g["my"] or g["my2"]
            if year_text:
                year = int(year_text)
            else:
                # "6 tháng đầu năm" / "9 tháng": the year comes later in the same phrase group
                year_opt = _next_year(later, text, m.end()) or default_year
                if year_opt is None:
                    return None
                year = year_opt
                if g["half"] or n in (3, 6, 9, 12) or "năm" in label:
                    label = f"{label} {year}" if "năm" in label else f"{label} năm {year}"
                else:
                    return None
            if g["half"] and g["half"].lower() == "cuối":
                return PeriodMention(
                    label, date(year, 13 - n, 1), date(year, 12, 31), m.start(), m.end()
                )
            return PeriodMention(label, date(year, 1, 1), _month_end(year, n), m.start(), m.end())
        if g["quarter"]:
            q = _ROMAN[g["q"].lower()]
            year_q = int(g["qy"]) if g["qy"] else (_next_year(later, text, m.end()) or default_year)
            if year_q is None:
                return None
            return PeriodMention(
                label,
                date(year_q, 3 * q - 2, 1),
                _month_end(year_q, 3 * q),
                m.start(),
                m.end(),
            )
        if g["month"]:
            month, year = int(g["m"]), int(g["mmy"])
            if not 1 <= month <= 12:
                return None
            return PeriodMention(
                label, date(year, month, 1), _month_end(year, month), m.start(), m.end()
            )
        if g["year"]:
            year = int(g["yy"])
            return PeriodMention(label, date(year, 1, 1), date(year, 12, 31), m.start(), m.end())
    except ValueError:
        return None
    return None


def parse_period(text: str, default_year: int | None = None) -> PeriodMention | None:
    """The first period phrase in ``text``, or None."""
    found = find_periods(text, default_year)
    return found[0] if found else None
