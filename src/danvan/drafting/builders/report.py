"""A unit's report: its figures from stored values and its content."""

from __future__ import annotations

from typing import Any

from danvan.core.render import Citer, LegalRef
from danvan.core.text import collapse_ws
from danvan.planning.models import Plan, PlanStatus
from danvan.reporting.models import IndicatorValue, UnitReport
from danvan.reporting.services import report_rows, task_lines

from .common import (
    ComputedFigure,
    as_follows,
    figure_blocks,
    lower_first,
    outline,
    paragraphs,
    report_base,
    request_ref,
    signer_notes,
)


def report_figures(report: UnitReport) -> tuple[list[ComputedFigure], list[str]]:
    """The report's indicator rows as Figures, and the names of rows without a value."""

    period = report.request.period_obj
    prev_year = period.same_period_last_year().year
    rows = report_rows(report)
    # Computed rows trace to their numerator and denominator values.
    parts: dict[int, tuple[int | None, int | None]] = {
        r.indicator.pk: (r.indicator.numerator_id, r.indicator.denominator_id)
        for r in rows
        if r.computed
    }
    part_ids: dict[int, int] = {}
    if parts:
        wanted = {i for pair in parts.values() for i in pair if i is not None}
        part_ids = dict(
            IndicatorValue.objects.filter(
                unit_id=report.unit_id, period=period.code, indicator_id__in=wanted
            ).values_list("indicator_id", "pk")
        )
    figures, missing = [], []
    for r in rows:
        ind = r.indicator
        ids = [r.value_id] if r.value_id else []
        if r.computed:
            ids = [part_ids[i] for i in parts[ind.pk] if i in part_ids]
        fig = ComputedFigure.of(
            ind,
            value=r.value,
            text_value=r.text_value,
            target=r.target,
            target_is_annual=bool(r.target_is_annual),
            last_year=r.last_year,
            previous_year=prev_year,
            period=period.code,
            value_ids=ids,
            unit_ids=[report.unit_id],
            computed=r.computed,
        )
        if r.value is None and not r.text_value:
            missing.append(ind.name)
        figures.append(fig)
    return figures, missing


def report_content(report: UnitReport) -> tuple[str, dict[str, Any]]:
    """A Báo cáo from a unit's report: narrative per outline heading, figure sentences
    and the indicator table under the results heading, the tasks of its plan."""

    request = report.request
    unit = report.unit
    period = request.period_obj
    title, content = report_base(unit, request.title)
    content["kinh_gui"] = [request.requester_unit.name]
    content["recipients"] = ["Lãnh đạo đơn vị"]
    citer = Citer()
    body: list[dict[str, Any]] = []

    intro = []
    ref = request_ref(request.number, request.requester_unit.name, request.title)
    if ref is not None:
        intro.append(f"Thực hiện {citer.cite(ref)}")
    plan = (
        Plan.objects.filter(unit=unit, year=period.year, status=PlanStatus.ISSUED)
        .exclude(number="")
        .order_by("-issued_on")
        .first()
    )
    plan_ref = None
    if plan is not None:
        plan_ref = LegalRef("ke_hoach", plan.number, plan.issued_on, unit.name, plan.title)
        intro.append(f"{'căn cứ' if intro else 'Căn cứ'} {citer.cite(plan_ref)}")
    lead = "; ".join(intro)
    lead = f"{lead}, {unit.name}" if lead else unit.name
    body.append(as_follows(f"{lead} báo cáo", title))

    figures, missing = report_figures(report)
    shown = figure_blocks(figures, period.same_period_last_year().year)
    texts = {s.heading_id: s.text for s in report.sections.all()}
    heading_items, results_at = outline(request)
    for i, (hid, heading) in enumerate(heading_items):
        text = texts.get(hid, "") if hid is not None else ""
        body.append({"k": "heading", "text": heading, "level": 1})
        body += [{"k": "para", "text": p} for p in paragraphs(text)]
        if i == results_at:
            body.append({"k": "heading", "text": "Kết quả thực hiện các chỉ tiêu", "level": 2})
            body += shown or [{"k": "para", "text": "Chưa có số liệu chỉ tiêu trong kỳ báo cáo."}]
            if missing and shown:
                body.append(
                    {
                        "k": "para",
                        "text": "Các chỉ tiêu chưa có số liệu: " + ", ".join(missing) + ".",
                    }
                )
            lines = task_lines(report)
            if lines:
                what = citer.cite(plan_ref) if plan_ref is not None else "kế hoạch của đơn vị"
                body.append(
                    {"k": "heading", "text": f"Kết quả thực hiện nhiệm vụ theo {what}", "level": 2}
                )
                for line in lines:
                    status = line.get_status_display()
                    result = collapse_ws(line.result)
                    text = f"{collapse_ws(line.title)} ({lower_first(status)})"
                    body.append(
                        {"k": "para", "text": f"- {text}" + (f": {result}" if result else "")}
                    )
        elif not text.strip():
            body.append({"k": "para", "text": "(Đơn vị chưa nhập nội dung mục này.)"})
    content["body"] = body
    if not any(f.value is not None or f.text_value for f in figures):
        content["notes"].append(
            "Báo cáo chưa có số liệu chỉ tiêu nào: bản dự thảo không có câu số liệu."
        )
    elif missing:
        content["notes"].append("Chưa có số liệu: " + ", ".join(missing) + ".")
    for f in figures:
        if f.value is not None and f.target is not None and f.target == 0:
            content["notes"].append(
                f"Kế hoạch của chỉ tiêu “{f.name}” bằng 0: không tính tỷ lệ % kế hoạch."
            )
    signer_notes(content)
    return title, content
