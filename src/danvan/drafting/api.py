"""REST API of drafting: drafts (scoped), their file versions, the numbering register.
Read-only; drafting, generating and issuing go through the pages (services)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from danvan.api_common import Pagination

from .access import drafts_for, get_draft, register_for

PREFIX = "drafting"
router = Router(tags=["Soạn thảo văn bản"])


class DraftOut(Schema):
    id: int
    unit_id: int
    doc_type: str
    source: str
    title: str
    status: str
    number: int | None
    symbol: str
    issued_on: dt.date | None
    version: int


class FileOut(Schema):
    id: int
    version: int
    docx_sha256: str
    docx_size: int
    has_pdf: bool
    pdf_message: str
    issued: bool
    warnings: list[str]


class DraftDetailOut(DraftOut):
    content: dict
    files: list[FileOut]


class NumberOut(Schema):
    unit_id: int
    doc_type: str
    year: int
    number: int
    symbol: str
    title: str
    issued_on: dt.date
    draft_id: int | None
    source: str


@router.get("/drafts", response=list[DraftOut], summary="Bản dự thảo (trong phạm vi)")
@paginate(Pagination)
def list_drafts(request: HttpRequest, doc_type: str = ""):
    qs = drafts_for(request.user).order_by("-updated_at", "-pk")
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    return qs


@router.get("/drafts/{draft_id}", response=DraftDetailOut, summary="Một bản dự thảo")
def get_one(request: HttpRequest, draft_id: int):
    draft = get_draft(request.user, draft_id)
    files = [
        {
            "id": f.pk,
            "version": f.version,
            "docx_sha256": f.docx_sha256,
            "docx_size": f.docx_size,
            "has_pdf": bool(f.pdf),
            "pdf_message": f.pdf_message,
            "issued": f.issued,
            "warnings": list(f.warnings or []),
        }
        for f in draft.files.order_by("-version")
    ]
    return {**DraftOut.from_orm(draft).model_dump(), "content": draft.content, "files": files}


@router.get("/register", response=list[NumberOut], summary="Sổ đăng ký văn bản (trong phạm vi)")
@paginate(Pagination)
def list_register(request: HttpRequest, year: int | None = None, doc_type: str = ""):
    qs = register_for(request.user).order_by("unit__path", "-year", "doc_type", "-number")
    if year:
        qs = qs.filter(year=year)
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    return qs
