"""A unit's report page: read, fill in (narrative, figures, tasks), submit,
recall; the reviewer returns, accepts or unlocks. Excel export and import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.accounts.access import can, can_here
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.orgunits.models import head_title
from danvan.planning.models import TaskStatus
from danvan.reporting import services
from danvan.reporting.access import can_review, get_report
from danvan.reporting.forms import ImportForm, ReasonForm
from danvan.reporting.models import ImportBatch, ReportStatus
from danvan.reporting.routes import pages
from danvan.reporting.services import excel
from danvan.web.actions import named_action
from danvan.web.downloads import xlsx_response


def _posted(request, report):
    """What the form sent: sections, values, notes, tasks."""
    post = request.POST
    sections = {h.pk: post.get(f"section-{h.pk}", "") for h in report.request.headings.all()}
    values, notes = {}, {}
    for ind in services.form_indicators(report):
        if ind.is_ratio:
            continue
        if f"value-{ind.pk}" in post:
            values[ind.pk] = post.get(f"value-{ind.pk}", "")
            notes[ind.pk] = post.get(f"note-{ind.pk}", "").strip()[:500]
    tasks = {}
    for line in services.task_lines(report):
        if line.task_id and f"task-{line.task_id}-status" in post:
            tasks[line.task_id] = (
                post.get(f"task-{line.task_id}-status", ""),
                post.get(f"task-{line.task_id}-result", ""),
            )
    return sections, values, notes, tasks


def step_hint(user, report, *, unit: bool, head: bool, reviewer: bool) -> str:
    """Who takes the next step, when it is not this user."""
    status = report.status
    if status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and not unit:
        return f"Bước này do cán bộ {report.unit.name} thực hiện (soạn và trình lãnh đạo duyệt)."
    if status == ReportStatus.PENDING and not head:
        title = head_title(report.unit.kind)
        return f"Bước này do {title} {report.unit.name} thực hiện (duyệt và ký, hoặc trả lại)."
    if status == ReportStatus.SIGNED and not (unit or head):
        return (
            f"Bước này do {report.unit.name} thực hiện (gửi báo cáo tới "
            f"{report.request.requester_unit.name})."
        )
    if status == ReportStatus.SUBMITTED and not reviewer:
        return (
            f"Bước này do cán bộ thẩm định của {report.request.requester_unit.name} thực hiện "
            "(chấp nhận hoặc trả lại)."
        )
    return ""


def _requester_only(user, report) -> bool:
    """The viewer reads the report as the requester, from outside the unit's branch."""
    return not can(user, "view", report.unit)  # reading: the subtree is enough


def _context(request, report, *, posted=None, errors=None, version=None):
    user = request.user
    lock = services.lock_info(report, user)
    snapshot = None
    if _requester_only(user, report) and report.status == ReportStatus.RETURNED:
        snapshot = report.submitted_snapshot  # what was submitted, not the unit's new draft
    rows = services.report_rows(report)
    sections = {s.heading_id: s.text for s in report.sections.all()}
    headings = list(report.request.headings.all())
    tasks = services.task_lines(report)
    if posted is not None:
        p_sections, p_values, p_notes, p_tasks = posted
        sections.update(p_sections)
        for row in rows:
            if row.indicator.pk in p_values:
                row.extra["typed"] = p_values[row.indicator.pk]
                row.note = p_notes.get(row.indicator.pk, row.note)
        for line in tasks:
            if line.task_id in p_tasks:
                line.status, line.result = p_tasks[line.task_id]
    for row in rows:
        row.extra.setdefault("error", (errors or {}).get(f"value-{row.indicator.pk}", ""))
        if "typed" in row.extra:
            row.extra["shown"] = row.extra["typed"]
        elif row.value is not None:
            row.extra["shown"] = format_number(row.value)
        else:
            row.extra["shown"] = row.text_value
    unit = can_here(user, "edit", report.unit)
    head = services.can_sign(user, report)
    reviewer = can_review(user, report.request)
    status = report.status
    has_actions = (
        (unit and status in ("draft", "returned", "pending", "submitted"))
        or (head and status == "pending")
        or ((unit or head) and status == "signed")
        or (reviewer and status in ("submitted", "accepted"))
    )
    return {
        "step_hint": step_hint(user, report, unit=unit, head=head, reviewer=reviewer),
        "is_head": head,
        "may_send": unit or head,
        "has_actions": has_actions,
        "report": report,
        "req": report.request,
        "lock": lock,
        "rows": rows,
        "sections": [(h, sections.get(h.pk, "")) for h in headings],
        "tasks": tasks,
        "task_statuses": TaskStatus.choices,
        "version": version or report.version,
        "reviewer": reviewer,
        "may_edit": unit,
        "snapshot": snapshot,
        "events": report.events.select_related("user").order_by("-at")[:20],
        "reason_form": ReasonForm(),
        "import_form": ImportForm(),
        "period": report.request.period_obj,
    }


@pages.route("don-vi/<int:pk>/")
@login_required
def report_detail(request, pk):
    report = get_report(request.user, pk)
    if request.method != "POST":
        return render(request, "reporting/report_detail.html", _context(request, report))
    if not can_here(request.user, "edit", report.unit):
        raise PermissionDenied("Chỉ cán bộ của đơn vị lập báo cáo được sửa báo cáo.")
    posted = _posted(request, report)
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = 0
    sections, values, notes, tasks = posted
    try:
        report = services.save_report(
            request.user,
            report,
            version=version,
            sections=sections,
            values=values,
            notes=notes,
            tasks=tasks,
        )
    except services.FormErrors as exc:
        messages.error(request, exc.message)
        ctx = _context(request, report, posted=posted, errors=exc.errors, version=version)
        return render(request, "reporting/report_detail.html", ctx, status=400)
    except DomainError as exc:
        messages.error(request, exc.message)
        ctx = _context(request, report, posted=posted, version=version)
        ctx["stale"] = exc.code == "stale"
        return render(
            request, "reporting/report_detail.html", ctx, status=409 if exc.code == "stale" else 400
        )
    messages.success(request, "Đã lưu báo cáo.")
    if request.POST.get("then") == "propose":
        return redirect("reporting:report_propose", pk=report.pk)
    return redirect("reporting:report_detail", pk=report.pk)


def _submit(request, report):
    try:
        report = services.submit_report(request.user, report)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:report_detail", pk=report.pk)
    if report.late:
        messages.warning(request, services.late_message(report))
    messages.success(request, f"Đã gửi báo cáo tới {report.request.requester_unit.name}.")
    return redirect("reporting:report_detail", pk=report.pk)


@pages.route("don-vi/<int:pk>/<str:action>/")
@login_required
@require_POST
def report_action(request, pk, action):
    report = get_report(request.user, pk)
    if action == "submit":
        return _submit(request, report)
    user, reason = request.user, request.POST.get("reason", "")
    return named_action(
        request,
        action,
        {
            "recall": (
                lambda: services.recall_report(user, report),
                "Đã thu hồi báo cáo để sửa.",
            ),
            "return": (
                lambda: services.return_report(user, report, reason),
                "Đã trả lại báo cáo cho đơn vị.",
            ),
            "unlock": (
                lambda: services.unlock_report(user, report, reason),
                "Đã mở khóa báo cáo để đơn vị sửa.",
            ),
            "accept": (
                lambda: services.accept_report(user, report),
                "Đã chấp nhận báo cáo; báo cáo được khóa.",
            ),
        },
        reverse("reporting:report_detail", args=[report.pk]),
    )


@pages.route("don-vi/<int:pk>/excel/")
@login_required
def report_export(request, pk):
    report = get_report(request.user, pk)
    return xlsx_response(excel.report_table_xlsx(report), f"bao-cao-{report.pk}.xlsx")


@pages.route("don-vi/<int:pk>/mau-nhap/")
@login_required
def report_template(request, pk):
    report = get_report(request.user, pk, "edit")
    return xlsx_response(excel.template_xlsx(report), f"mau-nhap-bao-cao-{report.pk}.xlsx")


@pages.route("don-vi/<int:pk>/nhap/")
@login_required
def report_import(request, pk):
    report = get_report(request.user, pk, "edit")
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            f = form.cleaned_data["file"]
            batch = excel.create_import(request.user, report, f.name, f.read())
            return redirect("reporting:import_preview", batch=batch.pk)
        for e in form.errors.get("file", []):
            messages.error(request, e)
    return redirect("reporting:report_detail", pk=report.pk)


@pages.route("nhap-excel/<int:batch>/")
@login_required
def import_preview(request, batch):
    """The parsed rows of an uploaded file, with their errors, before saving."""
    found = ImportBatch.objects.filter(pk=batch).values_list("report_id", flat=True).first()
    if found is None:
        raise Http404()
    report = get_report(request.user, found, "edit")
    batch = report.imports.get(pk=batch)
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", "0"))
            excel.apply_import(
                request.user,
                batch,
                version=version,
                confirm_overwrite=request.POST.get("ghi_de") == "1",
            )
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "Dữ liệu không hợp lệ."))
            return redirect("reporting:import_preview", batch=batch.pk)
        messages.success(request, f"Đã nhập số liệu từ tệp {batch.filename}.")
        return redirect("reporting:report_detail", pk=report.pk)
    good = excel.importable_rows(batch)
    return render(
        request,
        "reporting/import_preview.html",
        {
            "report": report,
            "batch": batch,
            "good": good,
            "bad": sum(1 for r in batch.rows if r["error"]),
            "kept": sum(1 for r in batch.rows if r.get("keep") and not r["error"]),
            "overwritten": excel.overwritten_rows(batch),
            "lock": services.lock_info(report, request.user),
        },
    )
