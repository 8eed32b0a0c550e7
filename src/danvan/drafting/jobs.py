"""Background kinds of drafting: DOCX/PDF files of a draft (LibreOffice takes seconds)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.jobs import registry
from danvan.jobs import services as jobs
from danvan.jobs.models import Job

from . import services
from .models import Draft, GeneratedDocument


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
