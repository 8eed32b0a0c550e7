"""Background kinds of drafting: DOCX/PDF files of a draft (LibreOffice takes seconds),
the superior's combined report of a request (it reads every unit's report), and the
files of all the reports of a request (one DOCX, and PDF if asked, per unit, zipped)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.jobs import files as job_files
from danvan.jobs import registry
from danvan.jobs import services as jobs
from danvan.jobs.models import Job
from danvan.reporting.access import get_request, reports_for
from danvan.reporting.jobs import start_for_request

from . import builders, outputs, services
from .models import Draft, GeneratedDocument

LISTED_FILES = 500  # files linked one by one on the page; the zip always has them all


@registry.kind("render_draft", "Tạo tệp DOCX/PDF", max_attempts=2)
def render_draft(ctx: jobs.JobContext) -> dict:
    """Idempotent: the new version's id is saved with it (checkpoint), so a re-run
    after a crash converts that version to PDF instead of making another one."""
    gen_id = (ctx.job.result or {}).get("gen")
    gen = GeneratedDocument.objects.filter(pk=gen_id).first() if gen_id else None
    if gen is None:
        draft = Draft.objects.filter(pk=ctx.params["draft"]).first()
        if draft is None:
            raise DomainError("Dự thảo không còn tồn tại.")
        ctx.progress(0, 2, "Đang tạo tệp DOCX")
        with transaction.atomic():
            gen = services.generate(ctx.user, draft, pdf=False)
            ctx.checkpoint(gen=gen.pk)
    if ctx.params.get("pdf", True) and not gen.pdf:
        ctx.progress(1, 2, "Đang chuyển sang PDF")
        gen = services.attach_pdf(gen)
    return {
        "gen": gen.pk,
        "draft": gen.draft_id,
        "version": gen.version,
        "pdf_message": gen.pdf_message,
        "url": reverse("drafting:draft_detail", args=[gen.draft_id]),
        "label": f"Xem tệp phiên bản {gen.version}",
    }


def start_render(user, draft: Draft, *, pdf: bool = True) -> Job:
    """Queue the files of a draft. A second click while it runs gives back the same job."""
    if not services.can_draft(user, draft.unit):
        raise PermissionDenied("Bạn không có quyền tạo tệp cho dự thảo này.")
    return jobs.start(
        "render_draft",
        user=user,
        unit=draft.unit,
        params={"draft": draft.pk, "pdf": pdf},
        title=f"Tạo tệp: {draft.title or 'dự thảo'}"[:300],
        key=f"{draft.pk}:{draft.version}:{int(pdf)}",
    )


@registry.kind("combined_report", "Lập báo cáo tổng hợp", max_attempts=2)
def combined_report(ctx: jobs.JobContext) -> dict:
    """Idempotent: the draft's id is saved in the same transaction that makes it."""
    draft_id = (ctx.job.result or {}).get("draft")
    draft = Draft.objects.filter(pk=draft_id).first() if draft_id else None
    if draft is None:
        req = get_request(ctx.user, ctx.params["request"])
        ctx.progress(0, 1, f"Đang tổng hợp số liệu và nội dung các đơn vị: {req.title}")
        with transaction.atomic():
            draft = services.draft_combined_report(ctx.user, req)
            ctx.checkpoint(draft=draft.pk)
    return {
        "draft": draft.pk,
        "message": "Đã lập bản dự thảo báo cáo tổng hợp; hãy đọc lại và sửa trước khi ban hành.",
        "url": reverse("drafting:draft_detail", args=[draft.pk]),
        "label": "Mở bản dự thảo",
    }


def start_combined(user, req) -> Job:
    unit = req.requester_unit
    if not (services.can_draft(user, unit)):
        raise PermissionDenied("Chỉ cán bộ của cơ quan yêu cầu báo cáo được lập báo cáo tổng hợp.")
    return jobs.start(
        "combined_report",
        user=user,
        unit=unit,
        params={"request": req.pk},
        title=f"Lập báo cáo tổng hợp: {req.title}"[:300],
        key=f"{req.pk}:{user.pk}",
    )


@registry.kind("render_request", "Xuất tệp các báo cáo của một đợt", max_attempts=3)
def render_request(ctx: jobs.JobContext) -> dict:
    """One DOCX (and PDF) per unit report the starter may read, then a zip of all.
    Idempotent: a file an earlier run made is kept, so a re-run after a crash
    goes on where it stopped."""
    req = get_request(ctx.user, ctx.params["request"])
    pdf = bool(ctx.params.get("pdf"))
    reports = list(
        reports_for(ctx.user)
        .filter(request=req)
        .select_related("unit", "request", "request__requester_unit")
        .order_by("unit__path")
    )
    if not reports:
        raise DomainError("Đợt báo cáo này chưa có báo cáo nào bạn được xem.")
    names: list[str] = []
    listed: list[list[str]] = []
    problems: list[str] = []
    for n, report in enumerate(reports):
        unit = report.unit
        stem = f"{n + 1:05d}-{unit.short_code or unit.pk}"
        stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:80]
        docx, pdf_name = f"{stem}.docx", f"{stem}.pdf"
        if not ctx.has_file(docx) or (pdf and not ctx.has_file(pdf_name)):
            ctx.progress(n, len(reports), f"Đang tạo báo cáo của {unit.name}")
            title, content = builders.report_content(report)
            rendered = outputs.render(unit, "bao_cao", title, content)
            if pdf:
                made = outputs.make_pdf(rendered.docx)
                if made.pdf is None:
                    problems.append(f"{unit.name}: {made.message}")
                else:
                    ctx.save_file(pdf_name, made.pdf)
            ctx.save_file(docx, rendered.docx)
        names.append(docx)
        if len(listed) < LISTED_FILES:
            listed.append([f"{unit.name} (DOCX)", job_files.url(ctx.job.pk, docx)])
        if pdf and ctx.has_file(pdf_name):
            names.append(pdf_name)
            if len(listed) < LISTED_FILES:
                listed.append([f"{unit.name} (PDF)", job_files.url(ctx.job.pk, pdf_name)])
    ctx.progress(len(reports), len(reports), "Đang nén các tệp")
    archive = f"bao-cao-yeu-cau-{req.pk}.zip"
    url = ctx.save_zip(archive, names)
    message = f"Đã tạo tệp của {len(reports)} báo cáo."
    if problems:
        message += f" {len(problems)} báo cáo không chuyển được sang PDF: " + "; ".join(
            problems[:5]
        )
    return {
        "url": url,
        "label": f"Tải tất cả ({len(reports)} báo cáo, tệp nén)",
        "message": message,
        "files": listed,
    }


def start_render_request(user, req, *, pdf: bool) -> Job:
    """Queue the files of every report of the request the user may read."""
    what = f"Xuất tệp các báo cáo{' (DOCX, PDF)' if pdf else ' (DOCX)'}"
    return start_for_request("render_request", user, req, what, str(int(pdf)), pdf=pdf)
