"""The rows of a unit's report: its form's indicators with their values, and
the plan tasks it carries. Read by the report services and the render data."""

from __future__ import annotations

from danvan.planning.models import Indicator
from danvan.planning.services import tasks_for_period
from danvan.reporting.models import ReportTaskLine, UnitReport

from .values import Row, locking_reports, unit_rows


def form_indicators(report: UnitReport) -> list[Indicator]:
    return [
        r.indicator
        for r in report.request.form_rows.select_related(
            "indicator", "indicator__numerator", "indicator__denominator"
        )
    ]


def report_rows(report: UnitReport) -> list[Row]:
    rows = unit_rows(report.unit_id, form_indicators(report), report.request.period_obj)
    typed = [row.indicator.pk for row in rows if not row.computed]
    holders = locking_reports(report.unit_id, report.request.period, typed, report)
    for row in rows:
        holder = holders.get(row.indicator.pk)
        if holder is not None and not row.computed:
            row.locked_by = holder.request.title
    return rows


def task_lines(report: UnitReport) -> list[ReportTaskLine]:
    """The plan tasks carried into the report: saved lines, or (before the
    first save) fresh ones from the unit's plans for the period."""
    lines = list(report.task_lines.select_related("task"))
    if lines:
        return lines
    return [
        ReportTaskLine(
            report=report, task=t, title=t.title, status=t.status, result=t.result, order=i
        )
        for i, t in enumerate(tasks_for_period(report.unit, report.request.period_obj), start=1)
    ]
