"""The Excel tables of a request (submitted figures; submission progress), built
for one person. Small ones are sent inline; large ones (a province has thousands
of units) are made by a job with progress (reporting.jobs.export_request)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from danvan.reporting.access import is_requester_side, reports_for
from danvan.reporting.models import ReportStatus
from danvan.reporting.models.requests import ReportRequest

from .excel import table_xlsx
from .rollups import completeness
from .values import unit_rows

KINDS = {"values": "số liệu đã nộp", "progress": "tiến độ nộp báo cáo"}
Step = Callable[[int, int], None]


@dataclass
class Export:
    filename: str
    data: bytes


def _values_reports(user, req: ReportRequest):
    """Reports the user may read (for the requester: those submitted or accepted)."""
    return (
        reports_for(user)
        .filter(request=req, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .select_related("unit")
        .order_by("unit__path")
    )


def _progress_reports(user, req: ReportRequest):
    reports = (
        req.reports.all() if is_requester_side(user, req) else reports_for(user).filter(request=req)
    )
    return reports.filter(request=req)


def row_count(user, req: ReportRequest, kind: str) -> int:
    reports = _values_reports(user, req) if kind == "values" else _progress_reports(user, req)
    return reports.count()


def build(user, req: ReportRequest, kind: str, step: Step | None = None) -> Export:
    if kind == "values":
        return _values(user, req, step)
    return _progress(user, req, step)


def _values(user, req: ReportRequest, step: Step | None) -> Export:
    indicators = [r.indicator for r in req.form_rows.select_related("indicator")]
    reports = list(_values_reports(user, req))
    period = req.period_obj
    data = []
    for n, rep in enumerate(reports):
        values = {r.indicator.pk: r for r in unit_rows(rep.unit_id, indicators, period)}
        data.append(
            [rep.unit.name, rep.get_status_display(), "Muộn" if rep.late else "Đúng hạn"]
            + [
                values[i.pk].value if values[i.pk].value is not None else values[i.pk].text_value
                for i in indicators
            ]
        )
        if step is not None and n % 50 == 0:
            step(n, len(reports))
    headers = ["Đơn vị", "Trạng thái", "Thời hạn"] + [
        f"{i.name} ({i.unit_of_measure})" if i.unit_of_measure else i.name for i in indicators
    ]
    xlsx = table_xlsx(
        req.title, headers, data, subtitle=f"{req.requester_unit.name} – {req.period_label}"
    )
    return Export(f"yeu-cau-{req.pk}-so-lieu.xlsx", xlsx)


def _progress(user, req: ReportRequest, step: Step | None) -> Export:
    reports = _progress_reports(user, req)
    result = completeness(req, reports=reports)
    listed = list(reports.select_related("unit").order_by("unit__path"))
    rows: list[list] = []
    for n, r in enumerate(listed):
        rows.append(
            [
                r.unit.name,
                r.get_status_display(),
                r.first_submitted_at
                and timezone.localtime(r.first_submitted_at).strftime("%d/%m/%Y %H:%M"),
                "Muộn" if r.late else "",
            ]
        )
        if step is not None and n % 200 == 0:
            step(n, len(listed))
    rows.append([])
    rows.append(["Tỷ lệ đầy đủ (%)", float(result.total.completeness or 0)])
    rows.append(["Tỷ lệ đúng hạn (%)", float(result.total.timeliness or 0)])
    xlsx = table_xlsx(
        req.title,
        ["Đơn vị", "Trạng thái", "Gửi lần đầu", "Nộp muộn"],
        rows,
        subtitle="Tiến độ nộp báo cáo",
    )
    return Export(f"yeu-cau-{req.pk}-tien-do.xlsx", xlsx)
