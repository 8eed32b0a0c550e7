"""Plain data of a report for rendering (DOCX/PDF, issue 5) and for the
snapshot kept at each submission. No models leave this module."""

from __future__ import annotations

from typing import Any

from danvan.planning.models import TaskStatus
from danvan.reporting.models import UnitReport
from danvan.reporting.models.requests import RequestKind

from .rows import report_rows, task_lines


def report_render_data(report: UnitReport) -> dict[str, Any]:
    request = report.request
    period = request.period_obj
    unit = report.unit
    sections = {s.heading_id: s.text for s in report.sections.all()}
    statuses = dict(TaskStatus.choices)
    return {
        "schema": "danvan.report/1",
        "report_id": report.pk,
        "status": report.status,
        "status_label": report.get_status_display(),
        "late": report.late,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "request": {
            "id": request.pk,
            "title": request.title,
            "number": request.number,
            "kind": request.kind,
            "kind_label": dict(RequestKind.choices).get(request.kind, request.kind),
            "requester": request.requester_unit.name,
            "deadline": request.deadline.isoformat(),
            "cutoff_start": request.cutoff_start.isoformat(),
            "cutoff_end": request.cutoff_end.isoformat(),
        },
        "period": {
            "code": period.code,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "year": period.year,
            "is_part_year": period.is_part_year,
            "previous_year": period.same_period_last_year().year,
        },
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "short_code": unit.short_code,
            "place_name": unit.place_name,
            "parent": unit.parent.name if unit.parent is not None else "",
        },
        "sections": [
            {
                "heading_id": h.pk,
                "number": h.number,
                "title": h.title,
                "text": sections.get(h.pk, ""),
            }
            for h in request.headings.all()
        ],
        "indicators": [row.as_dict() for row in report_rows(report)],
        "tasks": [
            {
                "title": line.title,
                "status": line.status,
                "status_label": statuses.get(line.status, line.status),
                "result": line.result,
            }
            for line in task_lines(report)
        ],
    }
