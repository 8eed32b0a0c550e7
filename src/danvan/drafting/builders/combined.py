"""The superior's combined report over the units of a request."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from danvan.core.numbers import format_number
from danvan.core.render import Citer
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Aggregation
from danvan.planning.services import targets_for_units
from danvan.reporting.models import IndicatorValue, ReportRequest, ReportStatus
from danvan.reporting.services import rollup
from danvan.reporting.services.rollups import REPORTED, rollup_children, target_rollup

from .common import (
    ComputedFigure,
    as_follows,
    figure_blocks,
    outline,
    paragraphs,
    report_base,
    request_ref,
    signer_notes,
)


def _combine(indicator, figures: list[Any]) -> Decimal | None:
    values = [f.value for f in figures if f.value is not None]
    if not values:
        return None
    if indicator.aggregation == "average":
        return sum(values) / len(values)
    return sum(values)


class _NoFigure:
    value = None
    units = 0


def combined_figures(
    request: ReportRequest, units: Sequence[OrgUnit]
) -> tuple[list[ComputedFigure], dict]:
    """Totals of the request's indicators over the reporting units (reporting's roll-ups),
    and per unit {(unit id, indicator id): value} for the table."""

    period = request.period_obj
    last = period.same_period_last_year()
    indicators = [
        r.indicator
        for r in request.form_rows.select_related(
            "indicator", "indicator__numerator", "indicator__denominator"
        )
    ]
    per_unit: dict[tuple[int, int], Decimal | None] = {}
    figures = []
    requester = request.requester_unit
    # Units right under the requester (the usual case): one grouped roll-up query per
    # indicator and period (reporting's rollup_children) and one query for the plans,
    # instead of a roll-up per unit.
    children = bool(units) and all(u.parent_id == requester.pk for u in units)
    plans_of_units: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    if children:
        plans_of_units = targets_for_units(
            [i.pk for i in indicators], [u.pk for u in units], period
        )

    def by_unit(ind, code: str) -> dict[int, Any]:
        if children:
            branches = rollup_children(ind, code, requester, REPORTED)
            return {u.pk: branches.get(u.path, _NoFigure) for u in units}
        return {u.pk: rollup(ind, code, u, REPORTED) for u in units}

    for ind in indicators:
        now = by_unit(ind, period.code)
        before = by_unit(ind, last.code)
        for uid, fig in now.items():
            per_unit[(uid, ind.pk)] = fig.value
        if ind.is_ratio:
            num = [f.value for f in by_unit(ind.numerator, period.code).values()]
            den = [f.value for f in by_unit(ind.denominator, period.code).values()]
            n, d = sum(v for v in num if v is not None), sum(v for v in den if v is not None)
            total = n * ind.scale / d if d else None
            num0 = [f.value for f in by_unit(ind.numerator, last.code).values()]
            den0 = [f.value for f in by_unit(ind.denominator, last.code).values()]
            n0, d0 = sum(v for v in num0 if v is not None), sum(v for v in den0 if v is not None)
            total_last = n0 * ind.scale / d0 if d0 else None
        else:
            total = _combine(ind, list(now.values()))
            total_last = _combine(ind, list(before.values()))
        target = None
        annual = False
        if ind.aggregation == Aggregation.SUM:
            plans: list[tuple[Decimal | None, bool]]
            if children:
                plans = [plans_of_units.get((ind.pk, u.pk), (None, False)) for u in units]
            else:
                plans = [target_rollup(ind, period, u) for u in units]
            known = [p for p in plans if p[0] is not None]
            # A plan is only meaningful when every reporting unit has one.
            if known and len(known) == len(plans):
                target = sum((p[0] for p in known if p[0] is not None), Decimal(0))
                annual = any(p[1] for p in known)
        parts = (ind.numerator_id, ind.denominator_id) if ind.is_ratio else (ind.pk,)
        component_ids = [i for i in parts if i is not None]
        value_ids = list(
            IndicatorValue.objects.filter(
                indicator_id__in=component_ids,
                period=period.code,
                unit__in=[u.pk for u in units],
                state__in=list(REPORTED),
            ).values_list("pk", flat=True)[:500]
        )
        figures.append(
            ComputedFigure.of(
                ind,
                value=total,
                target=target,
                target_is_annual=annual,
                last_year=total_last,
                previous_year=last.year,
                period=period.code,
                value_ids=value_ids,
                unit_ids=[u.pk for u in units],
                computed=True,
            )
        )
    return figures, {"indicators": indicators, "per_unit": per_unit}


def combined_content(request: ReportRequest) -> tuple[str, dict[str, Any]]:
    """The requester's combined report: totals of the units' figures, and each unit's
    narrative quoted under the outline heading it answers."""

    requester = request.requester_unit
    period = request.period_obj
    title, content = report_base(requester, request.title)
    if requester.parent_id:
        content["kinh_gui"] = [requester.parent.name]
    content["recipients"] = ["Các đơn vị được yêu cầu báo cáo"]
    reports = list(
        request.reports.select_related("unit").prefetch_related("sections").order_by("unit__path")
    )
    answered = [r for r in reports if r.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    units = [r.unit for r in answered]
    citer = Citer()
    body: list[dict[str, Any]] = []
    ref = request_ref(request.number, requester.name, request.title)
    lead = f"Thực hiện {citer.cite(ref)}, " if ref is not None else ""
    body.append(
        as_follows(f"{lead}trên cơ sở báo cáo của các đơn vị, {requester.name} tổng hợp", title)
    )
    body.append(count_block("Tình hình gửi báo cáo", len(answered), len(reports), request))
    missing = [r.unit.name for r in reports if r not in answered]
    if missing:
        shown = ", ".join(missing[:30]) + (" …" if len(missing) > 30 else "")
        body.append({"k": "para", "text": f"Đơn vị chưa gửi báo cáo: {shown}."})
    figures, table = combined_figures(request, units) if units else ([], {})
    heading_items, results_at = outline(request)
    sections = {(s.report_id, s.heading_id): s.text for r in answered for s in r.sections.all()}
    for i, (hid, htitle) in enumerate(heading_items):
        body.append({"k": "heading", "text": htitle, "level": 1})
        if i == results_at:
            body.append({"k": "heading", "text": "Tổng hợp số liệu chỉ tiêu", "level": 2})
            blocks = figure_blocks(figures, period.same_period_last_year().year)
            if blocks:
                body += [*blocks, unit_table(units, table)]
            else:
                body.append({"k": "para", "text": "Chưa có số liệu chỉ tiêu của các đơn vị."})
            body.append({"k": "heading", "text": "Báo cáo của các đơn vị", "level": 2})
        quoted = 0
        for r in answered:
            text = sections.get((r.pk, hid), "") if hid is not None else ""
            parts = paragraphs(text)
            if parts:
                quoted += 1
                body.append({"k": "para", "text": f"{r.unit.name}: “{' '.join(parts)}”"})
        if not quoted and i != results_at:
            body.append({"k": "para", "text": "(Các đơn vị chưa báo cáo nội dung mục này.)"})
    content["body"] = body
    if not answered:
        content["notes"].append("Chưa có đơn vị nào gửi báo cáo: bản tổng hợp chưa có số liệu.")
    signer_notes(content)
    return title, content


def count_block(label: str, sent: int, total: int, request: ReportRequest) -> dict[str, Any]:
    """ "Tình hình gửi báo cáo: 3/4 đơn vị đã gửi báo cáo." as a figure with its trace
    (the reports of the request, not indicator values)."""
    return {
        "k": "figure",
        "text": f"{label}: {sent}/{total} đơn vị đã gửi báo cáo.",
        "trace": {
            "kind": "count",
            "indicator": "",
            "indicator_name": "Số đơn vị đã gửi báo cáo",
            "unit_of_measure": "đơn vị",
            "value": str(sent),
            "target": str(total),
            "value_ids": [],
            "unit_ids": [],
            "request_id": request.pk,
            "period": request.period,
        },
    }


def unit_table(units: Sequence[OrgUnit], table: dict) -> dict[str, Any]:
    indicators = table.get("indicators", [])[:6]
    per_unit = table.get("per_unit", {})
    header = ["STT", "Đơn vị"] + [
        f"{i.name} ({i.unit_of_measure})" if i.unit_of_measure else i.name for i in indicators
    ]
    rows = []
    for n, u in enumerate(units, start=1):
        cells = [str(n), u.name]
        for ind in indicators:
            v = per_unit.get((u.pk, ind.pk))
            cells.append(format_number(v, ind.decimals) if v is not None else "–")
        rows.append(cells)
    return {
        "k": "table",
        "caption": "Số liệu của từng đơn vị",
        "header": [header],
        "rows": rows,
        "numeric": list(range(2, 2 + len(indicators))),
    }
