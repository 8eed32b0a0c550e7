"""Indicator values: parsing what people type or import, storing one figure per
indicator, unit and period with its provenance, and reading them back with
the computed columns (plan %, change on the same period, year-to-date)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.indicators import Aggregation, change, plan_percent, year_to_date
from danvan.core.numbers import parse_number_detail, to_decimal
from danvan.core.periods import Period, PeriodKind
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator
from danvan.planning.services import targets_for_units
from danvan.reporting.models import IndicatorValue, Provenance, ReportStatus, UnitReport, ValueState

from . import subtree_sums


class FormErrors(DomainError):
    """Several field errors at once (a table of values); nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        first = next(iter(errors.values()))
        super().__init__(
            f"Có {len(errors)} ô chưa hợp lệ; chưa lưu gì. {first}" if len(errors) > 1 else first,
            field=next(iter(errors)),
        )
        self.errors = errors


def parse_value(indicator: Indicator, raw: Any) -> tuple[Decimal | None, str]:
    """(number, text) from what was typed or imported; raises DomainError.

    "8.794" → 8794; "94,3" → 94.3; "" → (None, "") (cleared). Text is kept
    only for indicators that allow it; negatives only where allowed."""
    name = f"“{indicator.name}”"
    if raw is None:
        return None, ""
    if isinstance(raw, bool):
        raise DomainError(f"{name}: giá trị không hợp lệ.")
    if isinstance(raw, (int, float, Decimal)):
        number = to_decimal(raw)
    else:
        text = str(raw).strip()
        if not text:
            return None, ""
        try:
            parsed, _ = parse_number_detail(text)
            number = to_decimal(parsed)
        except ValueError:
            if indicator.allow_non_numeric:
                return None, text[:255]
            raise DomainError(
                f"{name}: “{text}” không phải là số (chỉ tiêu này chỉ nhận số, "
                "ví dụ 8.794 hoặc 94,3)."
            ) from None
    if number < 0 and not indicator.allow_negative:
        raise DomainError(f"{name}: không nhận số âm ({number}).")
    if indicator.decimals == 0 and number != number.to_integral_value():
        raise DomainError(f"{name}: phải là số nguyên ({indicator.unit_of_measure}).")
    if abs(number) >= Decimal(10) ** 15:
        raise DomainError(f"{name}: số quá lớn.")
    return number, ""


def locking_report(
    unit_id: int, period: str, indicator_id: int, exclude: UnitReport | None = None
) -> UnitReport | None:
    """A submitted or accepted report holding this figure: it cannot change
    until that report is recalled, returned or unlocked."""
    return locking_reports(unit_id, period, [indicator_id], exclude).get(indicator_id)


def locking_reports(
    unit_id: int, period: str, indicator_ids: Iterable[int], exclude: UnitReport | None = None
) -> dict[int, UnitReport]:
    """locking_report for several figures of one unit and period, in one query."""
    qs = (
        UnitReport.objects.filter(
            unit_id=unit_id,
            request__period=period,
            request__form_rows__indicator_id__in=list(indicator_ids),
            status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        )
        .select_related("request")
        .annotate(held=F("request__form_rows__indicator_id"))
        .order_by("pk")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found: dict[int, UnitReport] = {}
    for report in qs:
        found.setdefault(report.held, report)
    return found


@transaction.atomic
def store_value(
    user,
    *,
    indicator: Indicator,
    unit_id: int,
    period: Period,
    number: Decimal | None,
    text: str = "",
    note: str | None = None,
    source: str = Provenance.TYPED,
    source_ref: str = "",
    excel_row: int | None = None,
    figure: Any = None,
    source_sentence: str = "",
    state: str | None = None,
) -> IndicatorValue | None:
    """Write one figure (callers check rights and locks). Returns None when a
    missing value was cleared or nothing changed.

    `figure` is the documents.DocumentFigure the value was taken from (the
    caller looked it up in the user's scope): the value keeps a reference to
    it and its document, its offsets and its sentence."""
    provenance = {
        "document_id": figure.document_id if figure is not None else None,
        "figure_id": figure.pk if figure is not None else None,
        "figure_start": figure.start if figure is not None else None,
        "figure_end": figure.end if figure is not None else None,
        "source_sentence": figure.text if figure is not None else source_sentence,
    }
    row = IndicatorValue.objects.filter(
        indicator=indicator, unit_id=unit_id, period=period.code
    ).first()
    who = audit.author(user)
    if row is None:
        if number is None and not text:
            return None
        row = IndicatorValue(
            indicator=indicator,
            unit_id=unit_id,
            period=period.code,
            year=period.year,
            value=number,
            text_value=text,
            note=note or "",
            state=state or ValueState.DRAFT,
            source=source,
            source_ref=source_ref,
            excel_row=excel_row,
            **provenance,
            entered_by=who,
            confirmed_by=who if source == Provenance.DOCUMENT else None,
            confirmed_at=timezone.now() if source == Provenance.DOCUMENT else None,
        )
        audit.add(user, row, unit_id=unit_id)
        subtree_sums.record(unit_id, indicator.pk, period.code, None, (row.value, row.state))
        return row
    same = row.value == number and row.text_value == text and (note is None or note == row.note)
    if same and source == Provenance.TYPED:
        return None
    before = audit.snapshot(row, ["value", "text_value", "note", "source", "source_ref"])
    counted = (row.value, row.state)
    row.value, row.text_value = number, text
    if note is not None:
        row.note = note
    row.source, row.source_ref, row.excel_row = source, source_ref, excel_row
    for name, stored in provenance.items():
        setattr(row, name, stored)
    row.entered_by = who
    row.confirmed_by = who if source == Provenance.DOCUMENT else None
    row.confirmed_at = timezone.now() if source == Provenance.DOCUMENT else None
    if state:
        row.state = state
    row.save()
    subtree_sums.record(unit_id, indicator.pk, period.code, counted, (row.value, row.state))
    audit.updated(user, row, before, unit_id=unit_id)
    return row


def refresh_states(unit_id: int, period: str, indicator_ids: Iterable[int]) -> None:
    """A figure is accepted when an accepted report holds it, submitted when a
    submitted one does, otherwise a draft."""
    ids = list(indicator_ids)
    holders = UnitReport.objects.filter(
        unit_id=unit_id,
        request__period=period,
        status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        request__form_rows__indicator_id__in=ids,
    ).values_list("request__form_rows__indicator_id", "status")
    best: dict[int, str] = {}
    for ind, status in holders:
        if status == ReportStatus.ACCEPTED or ind not in best:
            best[ind] = (
                ValueState.ACCEPTED if status == ReportStatus.ACCEPTED else ValueState.SUBMITTED
            )
    changing = IndicatorValue.objects.filter(
        unit_id=unit_id, period=period, indicator_id__in=ids
    ).values_list("pk", "indicator_id", "value", "state")
    path = None
    with transaction.atomic():
        for pk, ind, value, was in changing.select_for_update():
            now = best.get(ind, ValueState.DRAFT)
            if was == now:
                continue
            IndicatorValue.objects.filter(pk=pk).update(state=now)
            if value is not None:
                if path is None:
                    path = OrgUnit.objects.filter(pk=unit_id).values_list("path", flat=True)[0]
                subtree_sums.record(unit_id, ind, period, (value, was), (value, now), path)


# ---------------------------------------------------------------------------
# Reading a unit's figures with the computed columns


@dataclass
class Row:
    indicator: Indicator
    value: Decimal | None = None
    text_value: str = ""
    note: str = ""
    value_id: int | None = None
    source: str = ""
    state: str = ""
    computed: bool = False
    previous: Decimal | None = None
    previous_label: str = ""
    last_year: Decimal | None = None
    last_year_label: str = ""
    target: Decimal | None = None
    target_is_annual: bool = False
    plan_percent: Decimal | None = None
    change_value: Decimal | None = None
    change_percent: Decimal | None = None
    ytd: Decimal | None = None
    ytd_label: str = ""
    ytd_partial: bool = False
    locked_by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def better(self) -> bool | None:
        """Whether the change on the same period is an improvement."""
        if self.change_value is None or self.change_value == 0:
            return None
        return (self.change_value > 0) == self.indicator.higher_is_better

    def as_dict(self) -> dict[str, Any]:
        def num(v: Decimal | None) -> str | None:
            return None if v is None else format(v.normalize(), "f")

        return {
            "code": self.indicator.code,
            "name": self.indicator.name,
            "unit_of_measure": self.indicator.unit_of_measure,
            "value": num(self.value),
            "text_value": self.text_value,
            "note": self.note,
            "computed": self.computed,
            "previous": num(self.previous),
            "previous_label": self.previous_label,
            "last_year": num(self.last_year),
            "last_year_label": self.last_year_label,
            "target": num(self.target),
            "target_is_annual": self.target_is_annual,
            "plan_percent": num(self.plan_percent),
            "change_value": num(self.change_value),
            "change_percent": num(self.change_percent),
            "year_to_date": num(self.ytd),
            "year_to_date_label": self.ytd_label,
            "higher_is_better": self.indicator.higher_is_better,
            "source": self.source,
        }


def _periods_needed(p: Period) -> list[Period]:
    out = [p, p.previous(), p.same_period_last_year()]
    if p.kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
        out += p.year_period().parts(PeriodKind.MONTH) + p.year_period().parts(PeriodKind.QUARTER)
        span = p.year_to_date()
        if span is not None:
            out.append(span)
    return list(dict.fromkeys(out))


def unit_rows(
    unit_id: int,
    indicators: list[Indicator],
    period: Period,
    *,
    states: Iterable[str] | None = None,
) -> list[Row]:
    """The table of a unit's figures for a period: value, previous period, same
    period last year, plan and the computed columns."""
    parts: dict[int, Indicator] = {}
    for ind in indicators:
        if ind.is_ratio:
            assert ind.numerator is not None and ind.denominator is not None
            parts[ind.numerator.pk] = ind.numerator
            parts[ind.denominator.pk] = ind.denominator
    all_ids = {i.pk for i in indicators} | set(parts)
    periods = _periods_needed(period)
    qs = IndicatorValue.objects.filter(
        unit_id=unit_id, indicator_id__in=all_ids, period__in=[x.code for x in periods]
    )
    if states is not None:
        qs = qs.filter(state__in=list(states))
    found: dict[tuple[int | None, str], IndicatorValue] = {
        (v.indicator_id, v.period): v for v in qs
    }

    def number(ind: Indicator, code: str) -> Decimal | None:
        if ind.is_ratio:
            n = found.get((ind.numerator_id, code))
            d = found.get((ind.denominator_id, code))
            if n is None or d is None or n.value is None or not d.value:
                return None
            return n.value * ind.scale / d.value
        v = found.get((ind.pk, code))
        return v.value if v is not None else None

    targets = targets_for_units([i.pk for i in indicators], [unit_id], period)
    prev, last = period.previous(), period.same_period_last_year()
    rows = []
    for ind in indicators:
        own = found.get((ind.pk, period.code))
        row = Row(
            indicator=ind,
            value=number(ind, period.code),
            text_value=own.text_value if own else "",
            note=own.note if own else "",
            value_id=own.pk if own else None,
            source=own.source if own else "",
            state=own.state if own else "",
            computed=ind.is_ratio,
            previous=number(ind, prev.code),
            previous_label=prev.label,
            last_year=number(ind, last.code),
            last_year_label=last.label,
        )
        t = targets.get((ind.pk, unit_id))
        if t is not None:
            row.target, row.target_is_annual = t
        fill_computed(row)
        if period.kind in (PeriodKind.MONTH, PeriodKind.QUARTER) and not ind.is_ratio:
            known = {
                code: v.value
                for (i, code), v in found.items()
                if i == ind.pk and v.value is not None
            }
            ytd, used = year_to_date(period, known, ind.aggregation)
            row.ytd = ytd
            row.ytd_label = f"Lũy kế đến hết {period.label.lower()}" if used else ""
            if ytd is None and ind.aggregation == Aggregation.SUM:
                row.ytd, row.ytd_label = partial_year_to_date(period, known)
                row.ytd_partial = row.ytd is not None
        rows.append(row)
    return rows


def partial_year_to_date(period: Period, known: dict[str, Decimal]) -> tuple[Decimal | None, str]:
    """When some months (quarters) of the year have no figure yet, the sum of
    those that have one, saying how many: "cộng 3/11 tháng có số liệu"."""
    if period.kind is PeriodKind.QUARTER:
        parts = [Period.quarter(period.year, q) for q in range(1, period.number + 1)]
        word = "quý"
    else:
        parts = [Period.month(period.year, m) for m in range(1, period.last_month + 1)]
        word = "tháng"
    have = [known[p.code] for p in parts if p.code in known]
    if not have:
        return None, ""
    return sum(have, Decimal(0)), f"cộng {len(have)}/{len(parts)} {word} có số liệu"


def fill_computed(row: Row) -> None:
    """% of plan and change on the same period: computed, never typed. A zero or
    missing plan gives no percentage."""
    row.plan_percent = plan_percent(row.value, row.target)
    if row.value is not None and row.last_year is not None:
        row.change_value, row.change_percent = change(row.value, row.last_year)
