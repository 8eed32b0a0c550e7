"""Background kinds of the archive: import a batch of files (one child job per
file, so several workers share the OCR) and re-extract a document."""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.accounts.access import can
from danvan.core.errors import DomainError
from danvan.core.extract.readers.base import StopReading
from danvan.jobs import registry
from danvan.jobs import services as jobs
from danvan.jobs.models import FINISHED, Job, JobStatus
from danvan.jobs.services import MISSING_FILE, JobContext, LeaseLost

from . import ingest, long_scans, services, storage
from .models import Document


@registry.kind("import_batch", "Nạp văn bản vào kho")
def import_batch(ctx: JobContext) -> None:
    """One child per file. Re-running finds the children made before (keyed by position and path).
    An upload's batch runs once more when every file has its outcome, to remove the uploaded
    copies (the archive keeps its own; a failed file has to be sent again anyway)."""
    if ctx.params.get("upload") and _every_file_done(ctx.job):
        remove_uploads(ctx.params["paths"])
        url = reverse("documents:upload") + f"?cong-viec={ctx.job.pk}"
        ctx.wait_for_children({"url": url, "label": "Xem kết quả từng tệp"})
        return
    storage.clean_stale()
    long_scans.clean_stale()
    entries = list(services.expand_paths(Path(p) for p in ctx.params["paths"]))
    names = ctx.params.get("names") or {}
    if not entries:
        raise DomainError(
            "Không có tệp nào để nạp: thư mục trống, không có tệp được hỗ trợ, "
            "hoặc tệp đã bị xoá, di chuyển trước khi xử lý."
        )
    for i, entry in enumerate(entries):
        path = entry[0] if isinstance(entry, tuple) else entry
        name = names.get(os.fsdecode(path)) or os.fsdecode(path.name) or str(path)
        ctx.spawn(
            "import_file",
            params={"path": os.fsdecode(path), "name": name},
            title=f"Nạp tệp {name}",
            key=f"{i}:{os.fsdecode(path)}"[:200],
        )
        if i % 50 == 0:
            ctx.progress(0, len(entries), f"Đã xếp hàng {i + 1}/{len(entries)} tệp")
    if ctx.params.get("upload"):
        ctx.wait_for_children(resume=True)
    else:
        ctx.wait_for_children({"url": reverse("documents:list"), "label": "Mở kho văn bản"})


@registry.kind("import_file", "Nạp một tệp vào kho")
def import_file(ctx: JobContext) -> dict | None:
    """Idempotent: the archive keeps one document per unit and content (sha256). A long
    scan's pages are recognised first by child jobs (``ocr_pages``, any worker), into the
    page cache this job's read then takes them from."""
    path = Path(ctx.params["path"])
    name = ctx.params.get("name") or os.fsdecode(path.name)
    if not path.is_file():
        raise DomainError(f"{MISSING_FILE} ({name})")
    if ctx.unit is None:
        raise DomainError("Đơn vị lưu trữ không còn tồn tại.")
    ctx.progress(0, 1, f"Đang đọc {name}")
    limits = ingest.read_limits()
    sha256 = ""
    if long_scans.split_pages():
        sha256 = _sha256(path)
        stored = Document.objects.filter(unit=ctx.unit, sha256=sha256).exists()
        if not stored and long_scans.ocr_in_parts(ctx, path, name, sha256, limits):
            return None  # queued again when the parts are done
        limits = replace(limits, page_cache=long_scans.cache(sha256, limits))
    limits = replace(limits, progress=long_scans.reporter(ctx, name))
    try:
        outcome = services.import_file(ctx.user, ctx.unit, name, lambda: open(path, "rb"), limits)
    except StopReading as exc:
        raise LeaseLost(ctx.job.pk) from exc
    if sha256:
        long_scans.forget(sha256)
    if outcome.status == ingest.FAILED:
        raise DomainError(outcome.message or "Không nạp được tệp.")
    result = {
        "name": name,
        "status": outcome.status,
        "message": outcome.message or outcome.status_label,
        "warnings": outcome.warnings,
    }
    if outcome.document_id:
        result["document"] = outcome.document_id
        result["url"] = reverse("documents:document_detail", args=[outcome.document_id])
        result["label"] = "Xem văn bản"
    return result


@registry.kind("ocr_pages", "Nhận dạng chữ một phần bản quét")
def ocr_pages(ctx: JobContext) -> dict:
    """Idempotent: pages already in the page cache are not recognised again."""
    return long_scans.ocr_part(ctx)


@registry.kind("reextract", "Trích xuất lại văn bản")
def reextract(ctx: JobContext) -> dict:
    """Idempotent: re-extraction replaces the extracted layer of the same document."""
    document = Document.objects.filter(pk=ctx.params["document"]).first()
    if document is None:
        raise DomainError("Văn bản không còn trong kho.")
    ctx.progress(0, 1, f"Đang đọc lại {document.original_name}")
    limits = replace(
        ingest.read_limits(), progress=long_scans.reporter(ctx, document.original_name)
    )
    try:
        outcome = services.reextract(ctx.user, document, limits)
    except StopReading as exc:
        raise LeaseLost(ctx.job.pk) from exc
    if outcome.status == ingest.FAILED:
        raise DomainError(outcome.message or "Không trích xuất lại được.")
    return {
        "message": "Đã trích xuất lại văn bản; các thông tin đã hiệu chỉnh được giữ nguyên.",
        "url": reverse("documents:document_detail", args=[document.pk]),
        "label": "Xem văn bản",
    }


def _every_file_done(job: Job) -> bool:
    """All the batch's files have a child (as many as it counted) and each has finished."""
    children = job.children.all()
    return (
        job.total > 0
        and children.count() == job.total
        and not children.exclude(status__in=FINISHED).exists()
    )


def incoming_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "incoming"


def remove_uploads(paths: list[str]) -> int:
    """Delete uploaded copies, and their folder once empty; only below the incoming
    folder (a batch imported from a folder on the server leaves that folder alone)."""
    root = incoming_root().resolve()
    removed, folders = 0, set()
    for name in paths:
        path = Path(name)
        if not path.resolve().is_relative_to(root) or path.is_symlink():
            continue
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        folders.add(path.parent)
    for folder in folders:
        if folder.resolve() != root:
            try:
                folder.rmdir()
            except OSError:  # not empty, or gone already
                pass
    return removed


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def start_import(
    user, unit, paths: list[Path], names: dict[str, str] | None = None, upload: bool = False
):
    """Queue the import of files or folders (absolute paths: a worker may run elsewhere).
    `names`: path → the name the person gave the file (uploads)."""
    if unit is None:
        raise DomainError("Bạn chưa thuộc đơn vị nào nên chưa nạp được văn bản.")
    services.require_import_rights(user, unit)
    absolute = [os.fsdecode(Path(p).resolve()) for p in paths]
    shown_names = [(names or {}).get(p) or Path(p).name for p in absolute]
    shown = ", ".join(shown_names[:3]) + ("…" if len(absolute) > 3 else "")
    return jobs.start(
        "import_batch",
        user=user,
        unit=unit,
        params={"paths": absolute, "names": names or {}, "upload": upload},
        title=f"Nạp văn bản: {shown}",
    )


def start_upload(user, unit, uploads) -> Job:
    """Keep the uploaded files where every worker can read them (the data folder),
    then queue their import. Files are numbered so the order and the names survive."""
    if unit is None:
        raise DomainError("Bạn chưa thuộc đơn vị nào nên chưa nạp được văn bản.")
    services.require_import_rights(user, unit)
    folder = incoming_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    paths, names = [], {}
    for i, upload in enumerate(uploads):
        original = ingest.clean_name(upload.name or "") or f"tep-{i + 1}"
        target = folder / f"{i:05d}{Path(original).suffix.lower()[:12]}"
        with open(target, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        paths.append(target)
        names[os.fsdecode(target.resolve())] = original
    return start_import(user, unit, paths, names, upload=True)


def outcomes(job: Job) -> list[services.ImportOutcome]:
    """The per-file results of a finished import job, in the order the files came."""
    rows = []
    for child in job.children.order_by("pk"):
        r = child.result or {}
        name = r.get("name") or child.params.get("name") or child.title
        if child.status == JobStatus.FAILED:
            rows.append(services.ImportOutcome(name, ingest.FAILED, child.error))
        elif child.status == JobStatus.SUCCEEDED:
            status = r.get("status", ingest.IMPORTED)
            message = "" if status == ingest.IMPORTED else r.get("message", "")
            rows.append(
                services.ImportOutcome(
                    name, status, message, r.get("document"), list(r.get("warnings") or [])
                )
            )
    return rows


def start_reextract(user, document: Document) -> Job:
    """Queue a re-extraction (OCR of a long scan takes minutes). A second request while
    one is queued or running gives back that job."""
    if not can(user, "edit", document.unit):
        raise PermissionDenied("Bạn không có quyền trích xuất lại văn bản này.")
    return jobs.start(
        "reextract",
        user=user,
        unit=document.unit,
        params={"document": document.pk},
        title=f"Trích xuất lại: {document.original_name}"[:300],
        key=str(document.pk),
    )
