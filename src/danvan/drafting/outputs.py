"""Making the files of a draft: DOCX (always), PDF and a page-1 PNG through
LibreOffice when it is installed. Pure helpers over the core renderer; the
services decide when to call them and store the results."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from danvan.core.render import (
    ConversionError,
    SpecError,
    TemplateError,
    convert_to_pdf,
    pdf_page_png,
    render_docx,
    render_with_template,
    soffice_available,
    template_context,
    validate_spec,
)
from danvan.core.render.model import DocumentSpec

from .content import NO_SHORT_CODE_MESSAGE, DraftParts, UncodedSpec, build_spec


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def soffice_path() -> str:
    return getattr(settings, "DANVAN_SOFFICE", "soffice") or "soffice"


def pdf_timeout() -> float:
    return float(getattr(settings, "DANVAN_PDF_TIMEOUT_S", 60))


def pdf_possible() -> bool:
    return soffice_available(soffice_path())


@dataclass
class Rendered:
    docx: bytes
    spec: DocumentSpec
    warnings: list[str] = field(default_factory=list)
    template_name: str = ""


def spec_of(parts: DraftParts) -> tuple[DocumentSpec, list[str]]:
    """The spec and the warnings about it (missing short code first)."""
    warnings: list[str] = []
    year = parts.issued_on.year if parts.issued_on else dt.date.today().year
    spec = build_spec(parts, draft_year=year)
    if isinstance(spec, UncodedSpec):
        warnings.append(NO_SHORT_CODE_MESSAGE.format(name=parts.unit.name))
    else:
        try:
            spec.symbol  # noqa: B018 - a malformed code raises here
        except SpecError as exc:
            warnings.append(exc.message_vi + " Bản dự thảo dùng “Số: .../...”.")
            spec = build_spec(parts, draft_year=year)
            spec = UncodedSpec(**{f: getattr(spec, f) for f in spec.__dataclass_fields__})
    warnings += [w for w in validate_spec(spec) if w.code != "unnumbered"]
    warnings += list(parts.content.get("notes") or [])
    return spec, warnings


def render(
    unit,
    doc_type: str,
    title: str,
    content: dict[str, Any],
    number: int | None = None,
    issued_on: dt.date | None = None,
    template_bytes: bytes | None = None,
    template_name: str = "",
) -> Rendered:
    """The DOCX of a draft. A house template that fails falls back to the built-in
    ND 30 layout with a warning naming the problem, so a DOCX is always produced."""
    spec, warnings = spec_of(DraftParts(unit, doc_type, title, content, number, issued_on))
    if template_bytes is not None:
        try:
            data = render_with_template(template_bytes, template_context(spec))
            return Rendered(data, spec, warnings, template_name)
        except TemplateError as exc:
            warnings.append(
                f"Không dùng được mẫu “{template_name}”: {exc.message_vi} "
                "Văn bản được tạo theo mẫu mặc định (Nghị định 30/2020)."
            )
    try:
        data = render_docx(spec)
    except SpecError as exc:
        # Only impossible specs get here (e.g. Kính gửi on a type without it):
        # drop the offending part and say so, rather than lose the draft.
        warnings.append(exc.message_vi)
        fields = {f: getattr(spec, f) for f in spec.__dataclass_fields__}
        fields.update(addressees=(), signer=None if exc.code == "signer" else spec.signer)
        data = render_docx(type(spec)(**fields))
    return Rendered(data, spec, warnings, "")


@dataclass
class PdfResult:
    pdf: bytes | None = None
    png: bytes | None = None
    message: str = ""
    seconds: float | None = None


def make_pdf(docx: bytes) -> PdfResult:
    """PDF and page-1 PNG; a clear Vietnamese message instead when LibreOffice is
    missing, fails or hangs past the time limit (the DOCX is unaffected)."""
    start = time.perf_counter()
    try:
        pdf = convert_to_pdf(docx, soffice_path(), pdf_timeout())
    except ConversionError as exc:
        return PdfResult(message=exc.message_vi + " Tệp DOCX vẫn được lưu và tải về được.")
    seconds = time.perf_counter() - start
    try:
        png = pdf_page_png(pdf, 1, dpi=70)
    except ConversionError as exc:
        return PdfResult(pdf=pdf, message=exc.message_vi, seconds=seconds)
    return PdfResult(pdf=pdf, png=png, seconds=seconds)
