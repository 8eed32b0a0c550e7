"""Background kinds of the archive: import a batch of files (one child job per
file, so several workers share the OCR) and re-extract a document."""

from __future__ import annotations

import os
from pathlib import Path

from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.jobs import registry
from danvan.jobs import services as jobs
from danvan.jobs.services import MISSING_FILE, JobContext

from . import ingest, services
from .models import Document


@registry.kind("import_batch", "Nạp văn bản vào kho")
def import_batch(ctx: JobContext) -> None:
    """One child per file. Re-running finds the children made before (keyed by position and path)."""
    entries = list(services.expand_paths(Path(p) for p in ctx.params["paths"]))
    for i, entry in enumerate(entries):
        path = entry[0] if isinstance(entry, tuple) else entry
        name = os.fsdecode(path.name) or str(path)
        ctx.spawn(
            "import_file",
            params={"path": os.fsdecode(path)},
            title=f"Nạp tệp {name}",
            key=f"{i}:{os.fsdecode(path)}"[:200],
        )
        if i % 50 == 0:
            ctx.progress(0, len(entries), f"Đã xếp hàng {i + 1}/{len(entries)} tệp")
    ctx.wait_for_children({"url": reverse("documents:list"), "label": "Mở kho văn bản"})


@registry.kind("import_file", "Nạp một tệp vào kho")
def import_file(ctx: JobContext) -> dict:
    """Idempotent: the archive keeps one document per unit and content (sha256)."""
    path = Path(ctx.params["path"])
    if not path.is_file():
        raise DomainError(f"{MISSING_FILE} ({path.name})")
    if ctx.unit is None:
        raise DomainError("Đơn vị lưu trữ không còn tồn tại.")
    ctx.progress(0, 1, f"Đang đọc {path.name}")
    outcome = services.import_path(ctx.user, ctx.unit, path)
    if outcome.status == ingest.FAILED:
        raise DomainError(outcome.message or "Không nạp được tệp.")
    result = {"status": outcome.status, "message": outcome.message or outcome.status_label}
    if outcome.document_id:
        result["url"] = reverse("documents:document_detail", args=[outcome.document_id])
        result["label"] = "Xem văn bản"
    return result


@registry.kind("reextract", "Trích xuất lại văn bản")
def reextract(ctx: JobContext) -> dict:
    """Idempotent: re-extraction replaces the extracted layer of the same document."""
    document = Document.objects.filter(pk=ctx.params["document"]).first()
    if document is None:
        raise DomainError("Văn bản không còn trong kho.")
    ctx.progress(0, 1, f"Đang đọc lại {document.original_name}")
    outcome = services.reextract(ctx.user, document)
    if outcome.status == ingest.FAILED:
        raise DomainError(outcome.message or "Không trích xuất lại được.")
    return {
        "message": outcome.status_label,
        "url": reverse("documents:document_detail", args=[document.pk]),
        "label": "Xem văn bản",
    }


def start_import(user, unit, paths: list[Path]):
    """Queue the import of files or folders (absolute paths: a worker may run elsewhere)."""
    services.require_import_rights(user, unit)
    absolute = [os.fsdecode(Path(p).resolve()) for p in paths]
    shown = ", ".join(Path(p).name for p in absolute[:3]) + ("…" if len(absolute) > 3 else "")
    return jobs.start(
        "import_batch",
        user=user,
        unit=unit,
        params={"paths": absolute},
        title=f"Nạp văn bản: {shown}",
    )
