"""Ingestion: a pipeline of steps over one plain data object per file.

    check name → stage (hash + size limit) → dedupe → read → analyse → store

Each step reads and fills an `IngestItem`; any step may stop the item with a
status ("unchanged", "failed") and a Vietnamese message. Reading and analysis
run outside any database transaction; `Store` writes everything for one file
in one transaction, with the original moved into the content-addressed store
atomically and removed again if the transaction does not commit.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry
from danvan.core.extract.analyse import analyse as run_analysis
from danvan.core.extract.pipeline import read_path
from danvan.core.extract.readers.base import (
    MB,
    ReadError,
    ReadLimits,
    ReadResult,
    StopReading,
    size_mb,
)
from danvan.core.extract.readers.sniff import EXTENSION_FORMATS, READABLE
from danvan.orgunits.models import OrgUnit

from . import registry, sameness, storage
from .metadata import apply_extraction, sync_figures
from .models import Document

log = logging.getLogger(__name__)

IMPORTED, UNCHANGED, FAILED, UPDATED = "imported", "unchanged", "failed", "updated"
SAME_CONTENT = "same_content"
STATUS_LABELS = {
    IMPORTED: "Đã nạp",
    UNCHANGED: "Không đổi (đã có)",
    SAME_CONTENT: "Trùng nội dung (không nạp thêm)",
    FAILED: "Lỗi",
    UPDATED: "Đã trích xuất lại",
}
SUPPORTED_SUFFIXES = tuple(EXTENSION_FORMATS)


def read_limits() -> ReadLimits:
    """The core's limits, built from settings (the core never reads settings)."""
    return ReadLimits(
        max_file_bytes=int(settings.DANVAN_MAX_UPLOAD_MB) * MB,
        max_unzipped_bytes=int(settings.DANVAN_MAX_UNZIPPED_MB) * MB,
        timeout_s=float(settings.DANVAN_EXTRACT_TIMEOUT_S),
        max_ocr_pages=int(settings.DANVAN_OCR_MAX_PAGES),
        ocr=bool(getattr(settings, "DANVAN_OCR", True)),
        tesseract_cmd=str(getattr(settings, "DANVAN_TESSERACT", "tesseract")),
        soffice_cmd=str(getattr(settings, "DANVAN_SOFFICE", "soffice") or "soffice"),
    )


def clean_name(name: str) -> str:
    """A file name safe to store and show: valid UTF-8, NFC, no control characters."""
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    # Names from a Linux file system may carry undecodable bytes as surrogates.
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch if ch.isprintable() else " " for ch in name).strip()
    name = name.replace("/", "_").replace("\\", "_")
    return (name or "tep-khong-ten")[-255:]


@dataclass
class IngestItem:
    name: str
    open: Callable[[], BinaryIO]
    unit: OrgUnit
    user: Any = None
    limits: ReadLimits = field(default_factory=read_limits)
    document: Document | None = None  # set for re-extraction, or when found/stored
    staged: storage.Staged | None = None
    read: ReadResult | None = None
    result: dict[str, Any] | None = None
    status: str = ""
    message: str = ""

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def stopped(self) -> bool:
        return bool(self.status)

    def stop(self, status: str, message: str = "") -> None:
        self.status, self.message = status, message


class Step(Protocol):
    def __call__(self, item: IngestItem) -> None: ...


def check_name(item: IngestItem) -> None:
    if item.suffix not in SUPPORTED_SUFFIXES:
        shown = item.suffix or "(không có đuôi)"
        item.stop(
            FAILED,
            f"Định dạng tệp {shown} không được hỗ trợ. Chỉ nạp được tệp {READABLE} "
            "(.png, .jpg, .tif).",
        )


def stage(item: IngestItem) -> None:
    limit = item.limits.max_file_bytes
    try:
        with item.open() as source:
            item.staged = storage.stage(source, item.suffix, limit)
    except storage.TooLarge:
        item.stop(
            FAILED,
            f"Tệp quá lớn: vượt giới hạn {size_mb(limit)} MB cho một tệp. "
            "Hãy tách tệp hoặc đề nghị quản trị tăng giới hạn.",
        )
        return
    except OSError as exc:
        log.warning("cannot open %s: %s", item.name, exc)
        item.stop(FAILED, "Không mở được tệp (tệp không tồn tại hoặc không có quyền đọc).")
        return
    if item.staged.size == 0:
        item.stop(FAILED, "Tệp rỗng (0 byte), không có nội dung để nạp.")


def dedupe(item: IngestItem) -> None:
    assert item.staged is not None
    found = Document.objects.filter(unit=item.unit, sha256=item.staged.sha256).first()
    if found is not None:
        item.document = found
        item.stop(UNCHANGED, "Tệp này đã có trong kho văn bản của đơn vị; không thay đổi gì.")


def read(item: IngestItem) -> None:
    assert item.staged is not None
    try:
        item.read = read_path(item.staged.path, item.limits)
    except ReadError as exc:
        item.stop(FAILED, exc.message)
        return
    if not item.read.text.strip():
        item.stop(FAILED, "Không tìm thấy chữ nào trong tệp để trích xuất.")


def analyse(item: IngestItem) -> None:
    assert item.read is not None
    item.result = run_analysis(item.read.text, item.name)


def same_content(item: IngestItem) -> None:
    """The same document in another format (DOCX and PDF of one report) is not
    archived twice: the item points at the archived one."""
    assert item.read is not None and item.result is not None
    probe = Document(unit=item.unit)
    _fill(probe, item)
    found = sameness.same_content(probe)
    if found is not None:
        item.document = found
        item.stop(
            SAME_CONTENT,
            f"Trùng nội dung với văn bản đã có trong kho (nạp từ tệp “{found.original_name}”); "
            "không tạo bản thứ hai.",
        )


def store(item: IngestItem) -> None:
    assert item.staged is not None and item.read is not None and item.result is not None
    created_file = False
    try:
        with transaction.atomic():
            created_file = storage.commit(item.staged)
            doc = Document(
                unit=item.unit,
                uploaded_by=item.user if getattr(item.user, "is_authenticated", False) else None,
                sha256=item.staged.sha256,
                original_name=item.name,
                size=item.staged.size,
            )
            _save_extracted(doc, item)
            audit.record(
                item.user,
                AuditEntry.CREATE,
                doc,
                after=_audit_fields(doc),
                verb="import_document",
                unit_id=doc.unit_id,
            )
    except IntegrityError:
        if created_file:
            storage.remove(item.staged.sha256)
        # Another import of the same bytes into this unit won the race.
        found = Document.objects.filter(unit=item.unit, sha256=item.staged.sha256).first()
        if found is None:
            raise
        item.document = found
        item.stop(UNCHANGED, "Tệp này đã có trong kho văn bản của đơn vị; không thay đổi gì.")
        return
    except BaseException:
        if created_file:
            storage.remove(item.staged.sha256)
        raise
    item.document = doc
    item.stop(IMPORTED, "")


def _fill(doc: Document, item: IngestItem) -> None:
    assert item.read is not None and item.result is not None
    doc.format = item.read.format
    doc.pages = item.read.pages or 1
    doc.ocr_used = bool(item.read.ocr_used)
    doc.read_warnings = list(item.read.warnings or [])
    doc.text = item.read.text
    doc.extraction = item.result
    doc.extracted_at = timezone.now()
    corrections = {}
    if doc.pk:
        corrections = {c.field: c.value for c in doc.corrections.all()}
    apply_extraction(doc, item.result, corrections)


def _save_extracted(doc: Document, item: IngestItem) -> None:
    """Save the document with the item's extracted layer: fields, figures and
    citations, linked to the registry."""
    assert item.result is not None
    _fill(doc, item)
    doc.save()
    sync_figures(doc, item.result.get("figures") or [])
    touched = registry.store_citations(doc, item.result.get("citations") or [])
    touched |= registry.link_document(doc)
    registry.refresh(touched)


def _audit_fields(doc: Document) -> dict[str, Any]:
    return {
        "original_name": doc.original_name,
        "sha256": doc.sha256,
        "doc_type": doc.doc_type,
        "number": doc.number,
        "issued_on": doc.issued_on.isoformat() if doc.issued_on else None,
        "issuer": doc.issuer,
        "title": doc.title,
        "figures": doc.figures.count(),
        "citations": doc.citations.count(),
    }


# --- re-extraction: the same read and analyse steps over the stored original ---


def stage_original(item: IngestItem) -> None:
    assert item.document is not None
    path = storage.path_for(item.document.sha256)
    try:
        with open(path, "rb") as source:
            # No size limit: the file was accepted once; limits apply to reading.
            item.staged = storage.stage(source, item.suffix, max_bytes=1 << 62)
    except FileNotFoundError:
        item.stop(FAILED, "Không tìm thấy tệp gốc trong kho lưu trữ; không trích xuất lại được.")


def restore(item: IngestItem) -> None:
    """Replace the extracted layer of an existing document; corrections stay."""
    doc = item.document
    assert doc is not None and item.read is not None and item.result is not None
    with transaction.atomic():
        doc = Document.objects.select_for_update().get(pk=doc.pk)
        before = _audit_fields(doc)
        old_refs = set(doc.citations.values_list("reference_id", flat=True))
        _save_extracted(doc, item)
        registry.prune(old_refs - set(doc.citations.values_list("reference_id", flat=True)))
        audit.record(
            item.user,
            AuditEntry.ACTION,
            doc,
            before=before,
            after=_audit_fields(doc),
            verb="reextract_document",
            unit_id=doc.unit_id,
        )
    item.document = doc
    item.stop(UPDATED, "")


IMPORT_STEPS: tuple[Step, ...] = (check_name, stage, dedupe, read, analyse, same_content, store)
REEXTRACT_STEPS: tuple[Step, ...] = (stage_original, read, analyse, restore)


def run(item: IngestItem, steps: Sequence[Step] | None = None) -> IngestItem:
    """Run the steps until one stops the item. Unexpected errors fail the item
    (with a Vietnamese message; the traceback goes to the log), never the run."""
    try:
        for step in IMPORT_STEPS if steps is None else steps:
            step(item)
            if item.stopped:
                break
        else:
            item.stop(FAILED, "Không xử lý được tệp (quy trình nạp không hoàn tất).")
    except StopReading:
        raise  # the job running this import was taken over: stop, write nothing
    except Exception:
        log.exception("ingesting %s failed", item.name)
        item.stop(FAILED, "Lỗi không mong đợi khi xử lý tệp; đã ghi nhật ký để kiểm tra.")
    finally:
        if item.staged is not None:
            item.staged.discard()
    return item
