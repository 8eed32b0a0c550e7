"""REST API of the archive: documents (scoped), figures, the legal-reference registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema

from danvan.api_common import LegalReferenceRef, bounded

from . import services

PREFIX = "documents"
router = Router(tags=["Văn bản"])


class DocumentOut(Schema):
    id: int
    unit_id: int
    doc_type: str
    number: str
    issued_on: dt.date | None
    place: str
    issuer: str
    title: str
    period_label: str
    period_start: dt.date | None
    period_end: dt.date | None
    signer_name: str
    signer_position: str
    signer_authority: str
    signer_on_behalf_of: str
    recipients: list[str]
    original_name: str
    sha256: str
    format: str
    legal_reference_id: int | None


class FigureOut(Schema):
    id: int
    document_id: int
    start: int
    end: int
    text: str
    label: str
    value: Decimal
    unit: str
    kind: str
    plan_percent: Decimal | None
    change_percent: Decimal | None
    change_value: Decimal | None
    target: Decimal | None
    approximate: bool


class CitationOut(Schema):
    id: int
    reference_id: int
    doc_type: str
    number: str
    issued_on: dt.date | None
    issuer: str
    text: str
    start: int
    end: int


class ReferenceOut(LegalReferenceRef):
    conflict: bool
    conflict_notes: list[str]


class DocumentDetailOut(DocumentOut):
    text: str
    corrected_fields: list[str]
    figures: list[FigureOut]
    citations: list[CitationOut]
    checks: list[dict]


@router.get("/", response=list[DocumentOut], summary="Danh sách văn bản (trong phạm vi)")
def list_documents(
    request: HttpRequest,
    q: str = "",
    doc_type: str = "",
    year: int | None = None,
    limit: int = 100,
    offset: int = 0,
):
    limit, offset = bounded(limit, offset)
    qs = services.search_documents(request.user, {"q": q, "doc_type": doc_type, "year": year})
    return list(qs[offset : offset + limit])


@router.get("/references", response=list[ReferenceOut], summary="Văn bản được dẫn chiếu")
def list_references(
    request: HttpRequest, q: str = "", conflict: bool = False, limit: int = 100, offset: int = 0
):
    limit, offset = bounded(limit, offset)
    refs = services.references(request.user, {"q": q, "conflict": conflict})
    return list(refs[offset : offset + limit])


@router.get("/references/{pk}", response=ReferenceOut, summary="Một văn bản được dẫn chiếu")
def get_reference(request: HttpRequest, pk: int):
    return services.get_reference_for_user(request.user, pk)


@router.get("/figures/{pk}", response=FigureOut, summary="Một số liệu trích từ văn bản")
def get_figure(request: HttpRequest, pk: int):
    return services.get_figure_for_user(request.user, pk)


@router.get("/{pk}", response=DocumentDetailOut, summary="Một văn bản")
def get_document(request: HttpRequest, pk: int):
    doc = services.get_document_for_user(request.user, pk)
    return {
        **DocumentOut.from_orm(doc).model_dump(),
        "text": doc.text,
        "corrected_fields": sorted(services.corrected_fields(doc)),
        "figures": list(doc.figures.all()),
        "citations": list(doc.citations.all()),
        "checks": list((doc.extraction or {}).get("checks") or []),
    }
