"""Pages of report requests: the area's index, issuing a request, following it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.access import can, role_units, unit_q
from danvan.core.errors import DomainError
from danvan.jobs.pages import job_of, start_and_follow
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker
from danvan.reporting import services
from danvan.reporting.access import (
    can_review,
    get_request,
    is_requester_side,
    reports_for,
    requests_for,
)
from danvan.reporting.forms import RequestForm
from danvan.reporting.jobs import start_export
from danvan.reporting.models import ReportStatus
from danvan.reporting.models.requests import RequestStatus
from danvan.reporting.routes import pages
from danvan.reporting.services import exports
from danvan.web.actions import confirm_page, run_action
from danvan.web.downloads import xlsx_response
from danvan.web.forms import pick
from danvan.web.sorting import SECTION_PARAM, Column, section, sorted_page

from .common import bar_chart

LIST_LIMIT = 100  # "your reports" on the request page: at most this many
REPORT_COLUMNS = [
    Column("don_vi", "Đơn vị", ("unit__path",)),
    Column("trang_thai", "Trạng thái", ("status", "unit__path")),
    Column("gui", "Gửi lần đầu", ("first_submitted_at", "unit__path")),
]


DUE_SHOWN = 30  # the reminder list on the index stays short at province scale


MY_REPORT_COLUMNS = [
    Column("bao_cao", "Báo cáo", ("request__title", "unit__path")),
    Column("don_vi", "Đơn vị", ("unit__path", "-request__deadline")),
    Column("ky", "Kỳ", ("request__period", "unit__path")),
    Column("han", "Hạn nộp", ("request__deadline", "unit__path")),
    Column("trang_thai", "Trạng thái", ("status", "-request__deadline")),
]
ISSUED_COLUMNS = [
    Column("yeu_cau", "Yêu cầu", ("title", "-created_at")),
    Column("ky", "Kỳ", ("period", "-created_at")),
    Column("han", "Hạn nộp", ("deadline", "-created_at")),
    Column("tao", "Phát hành", ("created_at",)),
]


@pages.route("")
@login_required
def index(request):
    user = request.user
    mine = reports_for(user, "edit").filter(request__status=RequestStatus.OPEN)
    due = services.due_soon(mine)
    own = unit_q(user, "view", "requester_unit")
    issued_qs = requests_for(user) if own is None else requests_for(user).filter(own)
    my_reports = section(
        request,
        "bao-cao",
        reports_for(user).select_related("request", "request__requester_unit", "unit"),
        MY_REPORT_COLUMNS,
        "-han",
        30,
    )
    issued = section(request, "yeu-cau", issued_qs, ISSUED_COLUMNS, "-tao", 30)
    issued["rows"] = [(req, services.completeness(req).total) for req in issued["rows"]]
    return render(
        request,
        "reporting/index.html",
        {
            "due": due[:DUE_SHOWN],
            "due_more": max(0, len(due) - DUE_SHOWN),
            "today": timezone.localdate(),
            "ds": ds if (ds := request.GET.get(SECTION_PARAM)) in ("bao-cao", "yeu-cau") else "",
            "my_reports": my_reports,
            "issued": issued,
            "can_issue": bool(role_units(user, "review")) or user.is_superuser,
        },
    )


@pages.route("yeu-cau/moi/")
@login_required
def request_create(request):
    units = role_units(request.user, "review")
    if request.user.is_superuser and not units:
        units = list(OrgUnit.objects.filter(valid_to__isnull=True))
    if not units:
        raise PermissionDenied("Chỉ cán bộ thẩm định được phát hành yêu cầu báo cáo.")
    form = RequestForm(request.POST or None, requester_units=units)
    if len(units) > 20:  # a superuser with no role: search, not a dropdown of every unit
        form.fields["requester_unit"].widget = UnitPicker(source="active")
        form.fields["requester_unit"].widget.choices = form.fields["requester_unit"].choices
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["scope"] == "list":
                targets = list(d["units"])
                note = ""
            else:
                root = d["scope_root"]
                targets = services.units_in_scope(root, d["scope"])
                note = (
                    "Các đơn vị trực thuộc " if d["scope"] == "children" else "Các đơn vị thuộc "
                ) + root.name
            req = services.create_request(
                request.user,
                **pick(
                    d,
                    "requester_unit title kind number period deadline grace_days reminder_days "
                    "cutoff_rule cutoff_start cutoff_end",
                ),
                units=targets,
                indicators=list(d["indicators"]),
                headings=(d["headings"] or "").splitlines(),
                instructions=d["instructions"],
                scope_note=note,
            )
        except DomainError as exc:
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"Đã phát hành yêu cầu báo cáo tới {req.reports.count()} đơn vị."
            )
            return redirect("reporting:request_detail", pk=req.pk)
    return render(request, "reporting/request_form.html", {"form": form})


def _progress_context(request, req, node_id=None):
    user = request.user
    requester = is_requester_side(user, req)
    # The requester sees every unit's status (not content); others their own scope.
    reports = req.reports.all() if requester else reports_for(user).filter(request=req)
    node = None
    if node_id:
        # Only branches that hold a report of this request can be opened.
        node = OrgUnit.objects.filter(pk=node_id).first() if str(node_id).isdigit() else None
        if node is None or not reports.filter(unit__path__startswith=node.path).exists():
            raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
    result = services.completeness(req, reports=reports, node=node)
    chart = None
    if result.nodes:
        chart = bar_chart(
            [n[0].short_code or n[0].name for n in result.nodes],
            [
                ("Tỷ lệ đầy đủ", [n[1].completeness for n in result.nodes]),
                ("Tỷ lệ đúng hạn", [n[1].timeliness for n in result.nodes]),
            ],
            title="Tiến độ nộp báo cáo theo đơn vị",
            percent=True,
            reference=100,
        )
    return {
        "req": req,
        "result": result,
        "node": node,
        "definitions": services.DEFINITIONS,
        "charts": [chart] if chart else [],
    }


@pages.route("yeu-cau/<int:pk>/")
@login_required
def request_detail(request, pk):
    req = get_request(request.user, pk)
    user = request.user
    visible = reports_for(user).filter(request=req).select_related("unit")
    page, sorting = sorted_page(request, visible, REPORT_COLUMNS, "don_vi")
    mine = [r for r in visible.order_by("unit__path")[:LIST_LIMIT] if can(user, "edit", r.unit)]
    ctx = _progress_context(request, req)
    ctx.update(
        {
            "page": page,
            "sorting": sorting,
            "mine": mine,
            "requester": is_requester_side(user, req),
            "reviewer": can_review(user, req),
            "form_rows": req.form_rows.select_related("indicator"),
            "headings": req.headings.all(),
            "statuses": ReportStatus,
            "today": timezone.localdate(),
            "job": job_of(request),
        }
    )
    return render(request, "reporting/request_detail.html", ctx)


@pages.route("yeu-cau/<int:pk>/tien-do/")
@login_required
def request_progress(request, pk):
    """The completeness tree of one branch (htmx drill-down)."""
    req = get_request(request.user, pk)
    node_id = request.GET.get("node") or None
    ctx = _progress_context(request, req, node_id)
    template = "reporting/_progress.html" if request.htmx else "reporting/request_progress.html"
    return render(request, template, ctx)


@pages.route("yeu-cau/<int:pk>/ket-thuc/")
@login_required
def request_close(request, pk):
    req = get_request(request.user, pk)
    back = reverse("reporting:request_detail", args=[pk])
    if request.method != "POST":
        if not can_review(request.user, req):
            raise PermissionDenied("Bạn không có quyền kết thúc đợt báo cáo này.")
        return confirm_page(
            request,
            title=f"Kết thúc đợt báo cáo: {req.title}",
            consequence=(
                "Đợt báo cáo đóng lại: đơn vị chưa gửi sẽ không gửi được nữa, báo cáo đang soạn "
                "không sửa được. Không mở lại được đợt đã kết thúc."
            ),
            button="Kết thúc đợt báo cáo",
            back_url=back,
            danger=True,
        )
    return run_action(
        request,
        lambda: services.close_request(request.user, req),
        success="Đã kết thúc đợt báo cáo.",
        then=back,
    )


@pages.route("yeu-cau/<int:pk>/excel/")
@login_required
def request_export(request, pk):
    """The request's indicator table: one row per unit whose report the user
    may read (for the requester: reports submitted or accepted)."""
    return _export(request, get_request(request.user, pk), "values")


@pages.route("yeu-cau/<int:pk>/tien-do/excel/")
@login_required
def progress_export(request, pk):
    return _export(request, get_request(request.user, pk), "progress")


def _export(request, req, kind: str):
    """Small tables download at once; a large one is made by a job whose progress
    the request page shows, with the file linked when it is done."""
    if exports.row_count(request.user, req, kind) <= settings.DANVAN_EXPORT_INLINE_ROWS:
        made = exports.build(request.user, req, kind)
        return xlsx_response(made.data, made.filename)
    url = reverse("reporting:request_detail", args=[req.pk])
    return start_and_follow(request, lambda: start_export(request.user, req, kind), url)
