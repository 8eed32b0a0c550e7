"""The documents app's services: import, re-extract, correct, and scoped lookups.

Faces (pages, API, `danvan import`) call these; each write checks rights,
runs in a transaction (per file for imports) and is audited.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.accounts.access import (
    can,
    get_for_user,
    is_global_admin,
    role_units,
    scope,
    visible_units,
)
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit

from . import ingest, registry
from .metadata import extracted_values, from_json, refresh_derived, to_json
from .models import Citation, Document, DocumentCorrection, DocumentFigure, LegalReference
from .models.document import META_FIELDS

# --- importing -------------------------------------------------------------


@dataclass
class ImportOutcome:
    name: str
    status: str
    message: str = ""
    document_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != ingest.FAILED

    @property
    def status_label(self) -> str:
        return ingest.STATUS_LABELS.get(self.status, self.status)


def require_import_rights(user, unit: OrgUnit) -> None:
    # user None: the operator at the command line, who holds the server itself.
    if user is not None and not can(user, "edit", unit):
        raise PermissionDenied("Bạn không có quyền nạp văn bản vào đơn vị này.")


def default_unit(user) -> OrgUnit | None:
    """The uploader's unit: the first unit where they may edit."""
    units = sorted(role_units(user, "edit"), key=lambda u: u.path)
    return units[0] if units else None


def import_file(
    user,
    unit: OrgUnit,
    name: str,
    opener: Callable[[], Any],
    limits=None,
) -> ImportOutcome:
    """Import one file. Never raises for a bad file: the outcome says what happened."""
    require_import_rights(user, unit)
    item = ingest.IngestItem(
        name=ingest.clean_name(name),
        open=opener,
        unit=unit,
        user=user,
        limits=limits or ingest.read_limits(),
    )
    ingest.run(item)
    return ImportOutcome(
        name=item.name,
        status=item.status,
        message=item.message,
        document_id=item.document.pk if item.document else None,
        warnings=list(item.read.warnings) if item.read and item.status == ingest.IMPORTED else [],
    )


def import_path(user, unit: OrgUnit, path: Path, limits=None) -> ImportOutcome:
    path = Path(path)
    return import_file(user, unit, os.fsdecode(path.name), lambda: open(path, "rb"), limits)


def import_uploads(user, unit: OrgUnit | None, files: Iterable[Any]) -> list[ImportOutcome]:
    """The upload page: each uploaded file through the same pipeline as the command."""
    if unit is None:
        raise DomainError("Bạn chưa thuộc đơn vị nào nên chưa nạp được văn bản.")
    require_import_rights(user, unit)
    outcomes = []
    for upload in files:
        outcomes.append(import_file(user, unit, upload.name or "", _upload_opener(upload)))
    return outcomes


def _upload_opener(upload) -> Callable[[], Any]:
    def opener():
        upload.seek(0)
        return _NoClose(upload)

    return opener


class _NoClose:
    """Lets the pipeline use `with` on an upload without closing Django's temp file."""

    def __init__(self, f) -> None:
        self._f = f

    def read(self, n: int = -1) -> bytes:
        return self._f.read(n)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | tuple[Path, str]]:
    """Files named, and supported files inside folders (recursive, sorted).

    A missing path yields (path, message) so the report can list it."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ingest.SUPPORTED_SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        else:
            yield (path, "Không tìm thấy tệp hoặc thư mục này.")


def resolve_unit(code_or_id: str) -> OrgUnit:
    """--unit: a unit id or short code (active units)."""
    value = (code_or_id or "").strip()
    if value.isdigit():
        unit = OrgUnit.objects.filter(pk=int(value)).first()
        if unit:
            return unit
    matches = list(OrgUnit.objects.filter(short_code__iexact=value, valid_to__isnull=True))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise DomainError(
            f"Tên viết tắt “{value}” trùng ở nhiều đơn vị; hãy dùng mã số đơn vị (id).", "unit"
        )
    raise DomainError(f"Không tìm thấy đơn vị “{value}”.", "unit")


def resolve_user(username: str):
    User = get_user_model()
    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise DomainError(f"Không tìm thấy tài khoản “{username}”.", "user")


# --- re-extraction and corrections ------------------------------------------


def reextract(user, document: Document, limits=None) -> ImportOutcome:
    if not can(user, "edit", document.unit):
        raise PermissionDenied("Bạn không có quyền trích xuất lại văn bản này.")
    item = ingest.IngestItem(
        name=document.original_name,
        open=lambda: open(os.devnull, "rb"),
        unit=document.unit,
        user=user,
        document=document,
        limits=limits or ingest.read_limits(),
    )
    ingest.run(item, ingest.REEXTRACT_STEPS)
    return ImportOutcome(
        name=item.name,
        status=item.status,
        message=item.message,
        document_id=document.pk,
    )


def correct_metadata(user, document: Document, data: dict[str, Any]) -> list[str]:
    """Keep an officer's values in the corrected layer. Returns the fields changed.

    A field whose submitted value differs from the current one is corrected; a
    re-extraction never overwrites it (until the correction is withdrawn)."""
    if not can(user, "edit", document.unit):
        raise PermissionDenied("Bạn không có quyền sửa thông tin văn bản này.")
    _validate(data, document)
    with transaction.atomic():
        doc = Document.objects.select_for_update().get(pk=document.pk)
        before = audit.snapshot(doc, META_FIELDS)
        changed = []
        for name in META_FIELDS:
            if name not in data:
                continue
            value = from_json(name, data[name])
            if value == getattr(doc, name):
                continue
            setattr(doc, name, value)
            DocumentCorrection.objects.update_or_create(
                document=doc,
                field=name,
                defaults={"value": to_json(name, value), "corrected_by": _actor(user)},
            )
            changed.append(name)
        if not changed:
            return []
        _save_metadata(user, doc, before, verb="correct_metadata", fields=changed)
    document.refresh_from_db()
    return changed


def withdraw_correction(user, document: Document, field_name: str) -> None:
    """Go back to the extracted value of one field."""
    if not can(user, "edit", document.unit):
        raise PermissionDenied("Bạn không có quyền sửa thông tin văn bản này.")
    if field_name not in META_FIELDS:
        raise DomainError("Trường thông tin không hợp lệ.", "field")
    with transaction.atomic():
        doc = Document.objects.select_for_update().get(pk=document.pk)
        deleted, _ = DocumentCorrection.objects.filter(document=doc, field=field_name).delete()
        if not deleted:
            return
        before = audit.snapshot(doc, META_FIELDS)
        setattr(doc, field_name, extracted_values(doc.extraction)[field_name])
        _save_metadata(user, doc, before, verb="withdraw_correction", fields=[field_name])
    document.refresh_from_db()


def _save_metadata(user, doc: Document, before, verb: str, fields: list[str]) -> None:
    refresh_derived(doc)
    doc.save()
    touched = registry.link_document(doc)
    registry.refresh(touched)
    audit.updated(user, doc, before, verb=verb, unit_id=doc.unit_id, extra={"fields": fields})


def _actor(user):
    return audit.author(user)


def _validate(data: dict[str, Any], doc: Document) -> None:
    start = from_json(
        "period_start", data.get("period_start", to_json("period_start", doc.period_start))
    )
    end = from_json("period_end", data.get("period_end", to_json("period_end", doc.period_end)))
    if start and end and end < start:
        raise DomainError("Ngày kết thúc kỳ phải sau ngày bắt đầu kỳ.", "period_end")


# --- scoped lookups -----------------------------------------------------------


def documents_for_user(user) -> QuerySet[Document]:
    return scope(Document.objects.select_related("unit"), user, "view", unit_field="unit")


def get_document_for_user(user, pk, action: str = "view") -> Document:
    return get_for_user(Document.objects.select_related("unit"), user, pk, action, "unit")


def get_figure_for_user(user, pk) -> DocumentFigure:
    """A figure the user may see (through its document's unit), or 404."""
    return get_for_user(
        DocumentFigure.objects.select_related("document", "document__unit"),
        user,
        pk,
        "view",
        unit_field="document__unit",
    )


# What a list row never shows: the whole text, its folded copy and the extraction
# (tens of kilobytes a document), left out of list queries.
HEAVY_FIELDS = ("text", "search_text", "extraction", "read_warnings", "recipients")


def search_documents(user, filters: dict[str, Any]) -> QuerySet[Document]:
    """The archive list: filters type, issuer, year, unit and a diacritic-blind search."""
    qs = documents_for_user(user)
    qs = qs.filter(**{f: filters[f] for f in ("doc_type", "issuer", "year") if filters.get(f)})
    unit = filters.get("unit")
    if unit:
        qs = qs.filter(unit__path__startswith=unit.path)
    query = fold(filters.get("q") or "")
    for term in query.split():
        qs = qs.filter(search_text__contains=term)
    return qs


def filter_choices(user) -> dict[str, Any]:
    docs = documents_for_user(user)
    return {
        "issuers": list(
            docs.exclude(issuer="").values_list("issuer", flat=True).distinct().order_by("issuer")
        ),
        "years": list(
            docs.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
        ),
        "units": list(visible_units(user).filter(documents__isnull=False).distinct()),
    }


def references(user, filters: dict[str, Any] | None = None) -> QuerySet[LegalReference]:
    """Registry entries the user can reach: cited by, or archived as, a document
    in their scope. An entry is one row shared by the whole archive (its
    metadata and variants come from every unit's citations); who cites it is
    scoped separately (citing_citations)."""
    filters = filters or {}
    qs = LegalReference.objects.all()
    if not is_global_admin(user):
        visible = documents_for_user(user).values("pk")
        qs = qs.filter(
            Q(pk__in=Citation.objects.filter(document__in=visible).values("reference_id"))
            | Q(pk__in=Document.objects.filter(pk__in=visible).values("legal_reference_id"))
        )
    if filters.get("doc_type"):
        qs = qs.filter(doc_type=filters["doc_type"])
    if filters.get("conflict"):
        qs = qs.filter(conflict=True)
    query = (filters.get("q") or "").strip()
    if query:
        key = registry.number_key(query)
        qs = qs.filter(Q(number_key__contains=key) | Q(issuer__icontains=query))
    return qs.order_by("doc_type", "number_key")


def references_with_counts(user, filters=None) -> QuerySet[LegalReference]:
    """Registry rows with the number of citing documents the user may see."""
    visible = Q(citations__document__in=documents_for_user(user).values("pk"))
    return (
        references(user, filters)
        .annotate(cited_by=Count("citations__document", filter=visible, distinct=True))
        .order_by("doc_type", "number_key")
    )


def get_reference_for_user(user, pk) -> LegalReference:
    """A registry entry the user can reach, or 404."""

    try:
        return references(user).get(pk=pk)
    except (LegalReference.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy văn bản được dẫn chiếu.")


def reference_variants(reference: LegalReference) -> list[dict]:
    """Shared metadata: how the entry is cited across the archive (no document named)."""
    return registry.variant_counts(reference)


def citing_citations(user, reference: LegalReference) -> QuerySet[Citation]:
    """Who cites it, restricted to documents the user may see."""
    return scope(
        Citation.objects.filter(reference=reference).select_related("document", "document__unit"),
        user,
        "view",
        unit_field="document__unit",
    ).order_by("-document__issued_on", "document_id", "position")


def archived_copies(user, reference: LegalReference) -> QuerySet[Document]:
    return documents_for_user(user).filter(legal_reference=reference)


def corrected_fields(document: Document) -> dict[str, DocumentCorrection]:
    return {c.field: c for c in document.corrections.select_related("corrected_by")}
