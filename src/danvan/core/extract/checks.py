"""Checks: arithmetic and consistency problems a person should review.

Each check recomputes what it can from the figures and citations already found;
messages are short and quote the numbers the Vietnamese way (73,95%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from danvan.core.dates import parse_date
from danvan.core.extract.scan import finditer_near
from danvan.core.extract.textmap import flat_index
from danvan.core.numbers import format_number, format_percent
from danvan.core.text import fold

if TYPE_CHECKING:
    from danvan.core.extract.citations import Citation
    from danvan.core.extract.document import DocumentInfo
    from danvan.core.extract.figures import FoundFigure, NumberNote
    from danvan.core.extract.periods import PeriodMention
    from danvan.core.extract.textmap import FlatText


@dataclass
class Check:
    kind: str
    message: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message, "start": self.start, "end": self.end}


def _decimals(value: float | int) -> int:
    text = repr(float(value))
    if "e" in text or float(value).is_integer():
        return 0
    return len(text.split(".")[1])


def percent_matches(part: float, whole: float, stated: float) -> bool:
    """True when part/whole, rounded as the stated percentage is, gives the stated value.

    Truncation is accepted as well as rounding (73,958 → "73,95%").
    """
    if whole == 0:
        return False
    actual = part / whole * 100
    step = 10 ** -_decimals(stated)
    return abs(actual - stated) <= step * 0.5 + 1e-9 or 0 <= actual - stated < step


def percent_checks(figures: list[FoundFigure]) -> list[Check]:
    out: list[Check] = []
    for f in figures:
        stated = f.plan_percent if f.plan_percent is not None else f.share_percent
        if f.target and stated is not None:
            if not percent_matches(float(f.value), float(f.target), float(stated)):
                actual = float(f.value) / float(f.target) * 100
                out.append(
                    Check(
                        "percent_mismatch",
                        f"{format_number(f.value)}/{format_number(f.target)} = "
                        f"{format_percent(actual)} (stated {format_percent(stated)})",
                        f.start,
                        f.end,
                    )
                )
        if f.change_value is not None and f.change_percent is not None:
            previous = float(f.value) - float(f.change_value)
            if previous > 0 and not percent_matches(
                float(f.change_value), previous, float(f.change_percent)
            ):
                actual = float(f.change_value) / previous * 100
                out.append(
                    Check(
                        "percent_mismatch",
                        f"change {format_number(f.change_value)} on {format_number(previous)} = "
                        f"{format_percent(actual)} (stated {format_percent(f.change_percent)})",
                        f.start,
                        f.end,
                    )
                )
    return out


_BREAKDOWN = re.compile(r"\b(?:trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)\b|:", re.IGNORECASE)


def _same_unit(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    fa, fb = fold(a), fold(b)
    return fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " ")


def sum_checks(s: str, figures: list[FoundFigure]) -> list[Check]:
    """Parts that exceed their whole ("trong đó") or do not add up to it ("gồm")."""
    out: list[Check] = []
    by_sentence: dict[int, list[FoundFigure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence, []).append(f)
    for group in by_sentence.values():
        group.sort(key=lambda f: f.num_start)
        for i, whole in enumerate(group):
            if whole.unit == "%" or whole.approximate:
                continue
            rest = group[i + 1 :]
            if not rest:
                continue
            gap = s[whole.num_end : rest[0].num_start]
            cue = _BREAKDOWN.search(gap)
            if not cue:
                continue
            parts = []
            for g in rest:
                if not _same_unit(g.unit, whole.unit) or re.search(
                    r";|\.\s", s[whole.num_end : g.num_start]
                ):
                    break
                parts.append(g)
            if len(parts) < 2 or any(p.approximate for p in parts):
                continue
            total = sum(float(p.value) for p in parts)
            exhaustive = "gồm" in cue.group(0).lower() or cue.group(0) == ":"
            if total > float(whole.value) + 1e-9 or (
                exhaustive and abs(total - float(whole.value)) > 1e-9
            ):
                shown = " + ".join(format_number(p.value) for p in parts)
                out.append(
                    Check(
                        "sum_mismatch",
                        f"{shown} = {format_number(total)} {whole.unit or ''}".rstrip()
                        + f", whole {format_number(whole.value)}",
                        whole.start,
                        parts[-1].end,
                    )
                )
            break
    return out


def citation_checks(citations: list[Citation]) -> list[Check]:
    out: list[Check] = []
    for c in citations:
        dates = sorted({d for d in c.dates_seen})
        if len(dates) > 1:
            out.append(
                Check(
                    "citation_conflict",
                    f"{c.number} cited with dates "
                    + ", ".join(d.strftime("%d/%m/%Y") for d in dates),
                    c.start,
                    c.end,
                )
            )
        if c.issued_on is None:
            out.append(
                Check("incomplete_citation", f"{c.text}: cited without a date", c.start, c.end)
            )
        elif c.issuer_missing_after_cua:
            out.append(
                Check(
                    "incomplete_citation",
                    f"{c.text}: “của” is not followed by the issuing body",
                    c.start,
                    c.end,
                )
            )
    # one document printed with two numbers: same type, date and issuer, same leading number
    seen: dict[tuple[str, object, str], Citation] = {}
    for c in citations:
        if c.issued_on is None:
            continue
        lead = re.match(r"\d+", c.number)
        key = (c.doc_type, c.issued_on, lead.group(0).lstrip("0") if lead else c.number)
        other = seen.get(key)
        if other is not None and fold(other.number) != fold(c.number):
            out.append(
                Check(
                    "citation_conflict",
                    f"one {c.doc_type} of {c.issued_on.strftime('%d/%m/%Y')} printed as "
                    f"{other.number} and {c.number}",
                    c.start,
                    c.end,
                )
            )
        seen.setdefault(key, c)
    # same number cited as two types
    by_number: dict[str, Citation] = {}
    for c in citations:
        prior = by_number.get(fold(c.number))
        if prior is not None and prior.doc_type != c.doc_type:
            out.append(
                Check(
                    "citation_conflict",
                    f"{c.number} cited as {prior.doc_type} and {c.doc_type}",
                    c.start,
                    c.end,
                )
            )
        by_number.setdefault(fold(c.number), c)
    return out


_CUTOFF = re.compile(
    r"(?:tính\s+đến|tính\s+từ\s+đầu\s+năm\s+đến|đến\s+hết)\s+(?:hết\s+)?ngày\s+"
    r"(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    re.IGNORECASE,
)
# every cut-off phrase holds "ngày": at most 24 characters of flat text before it
# ("tính từ đầu năm đến hết "), the date after it at most 21 ("  12 tháng 12 năm 2024")
_CUTOFF_ANCHOR = (("ngày",), 30, 30)


def period_checks(flat: FlatText, period: PeriodMention | None, body_start: int) -> list[Check]:
    out: list[Check] = []
    if period is None:
        return out
    for m in finditer_near(_CUTOFF, flat.hay, *_CUTOFF_ANCHOR, start=body_start):
        d = parse_date(m.group(1))
        if d is None:
            continue
        if period.start <= d < period.end - timedelta(days=1) or d > period.end:
            a, b = flat.span(m.start(), m.end())
            out.append(
                Check(
                    "period_mismatch",
                    f"figures “{' '.join(m.group(0).split())}” but the document covers "
                    f"{period.label} (to {period.end.strftime('%d/%m/%Y')})",
                    a,
                    b,
                )
            )
    return out


def format_checks(notes: list[NumberNote]) -> list[Check]:
    return [
        Check(
            "number_format",
            f"“{n.raw}” is not standard Vietnamese notation; read as {format_number(n.value)}",
            n.start,
            n.end,
        )
        for n in notes
    ]


def run_checks(
    text: str,
    flat: FlatText,
    info: DocumentInfo,
    period: PeriodMention | None,
    citations: list[Citation],
    figures: list[FoundFigure],
    notes: list[NumberNote] | None = None,
) -> list[Check]:
    checks: list[Check] = []
    checks += percent_checks(figures)
    checks += sum_checks(flat.text, figures)
    checks += citation_checks(citations)
    checks += period_checks(flat, period, flat_index(flat, info.body_start))
    checks += format_checks(notes or [])
    checks.sort(key=lambda c: c.start)
    return checks
