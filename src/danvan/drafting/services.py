"""Drafting services: drafts from reports, plans, requests and plain data; editing;
generating versioned files; issuing with a number from the register; house templates.

Each write runs in a transaction, checks rights through danvan.accounts.access,
writes the audit log and raises DomainError (Vietnamese) or PermissionDenied.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any, Unpack

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from docx import Document as DocxDocument

from danvan.accounts.access import can
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.render import (
    TEMPLATE_PLACEHOLDERS,
    SpecError,
    TemplateError,
    build_symbol,
    validate_template,
)
from danvan.core.text import collapse_ws
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import PlanStatus
from danvan.planning.services import issue_plan

from . import builders, outputs
from .content import NO_SHORT_CODE_MESSAGE
from .models import (
    DRAFT_TYPES,
    Draft,
    DraftSource,
    DraftStatus,
    GeneratedDocument,
    HouseTemplate,
    IssuedNumber,
    NumberRegister,
)

TYPE_NAMES = dict(DRAFT_TYPES)
STALE_MESSAGE = (
    "Dự thảo vừa được người khác sửa sau khi bạn mở trang; thay đổi của bạn chưa được lưu "
    "để không ghi đè lên bản của họ. Hãy tải lại trang rồi sửa lại."
)
ISSUED_MESSAGE = (
    "Văn bản đã ban hành nên đã khóa, không sửa được. Hãy tạo bản dự thảo mới từ văn bản này."
)
# What a new draft made from another one takes over as it is (the content is copied).
REDRAFT_FIELDS = (
    "unit",
    "doc_type",
    "source",
    "report",
    "plan",
    "request",
    "source_ref",
    "title",
    "template",
)
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
SIGNER_FIELDS = ("name", "position", "authority", "on_behalf_of", "collective")
AUTHORITY_CHOICES = [
    ("", "Ký trực tiếp"),
    ("KT", "KT. (ký thay)"),
    ("TM", "TM. (thay mặt)"),
    ("TL", "TL. (thừa lệnh)"),
    ("TUQ", "TUQ. (thừa ủy quyền)"),
    ("Q", "Q. (quyền)"),
]


def can_draft(user, unit: OrgUnit) -> bool:
    """Officers and heads draft for their units; reviewers draft their own unit's
    combined reports."""
    return can(user, "edit", unit) or can(user, "review", unit)


def _require_draft(user, unit: OrgUnit) -> None:
    if not can_draft(user, unit):
        raise PermissionDenied("Bạn không có quyền soạn văn bản cho đơn vị này.")


def _create(
    user,
    *,
    unit: OrgUnit,
    doc_type: str,
    title: str,
    content: dict[str, Any],
    source: str,
    **links: Any,
) -> Draft:
    if doc_type not in TYPE_NAMES:
        raise DomainError(f"Loại văn bản “{doc_type}” không được hỗ trợ.", field="doc_type")
    title = collapse_ws(title)[:1000]
    if not title:
        raise DomainError("Vui lòng nhập trích yếu văn bản.", field="title")
    draft = Draft(
        unit=unit,
        doc_type=doc_type,
        title=title,
        content=content,
        source=source,
        **links,
    )
    return audit.add(user, draft, unit_id=unit.pk)


# ----- drafts from what the system holds ---------------------------------------------


# The document type of a draft made from a record, by the record it is made from.
_SOURCE_DOC_TYPES: dict[str, str] = {
    DraftSource.REPORT: "bao_cao",
    DraftSource.PLAN: "ke_hoach",
    DraftSource.COMBINED: "bao_cao",
}


def _create_from(
    user, source: str, unit: OrgUnit, built: tuple[str, dict[str, Any]], **links: Any
) -> Draft:
    """A draft built from a record of the system (``built``: the builder's title and
    content), of the document type that record makes, linked to it."""
    title, content = built
    return _create(
        user,
        unit=unit,
        doc_type=_SOURCE_DOC_TYPES[source],
        title=title,
        content=content,
        source=source,
        **links,
    )


def create_report_draft(user, report, title: str, content: dict[str, Any]) -> Draft:
    """The Báo cáo draft of a unit's report, linked to the report and its request."""
    return _create_from(
        user,
        DraftSource.REPORT,
        report.unit,
        (title, content),
        report=report,
        request=report.request,
    )


@transaction.atomic
def draft_from_report(user, report) -> Draft:
    """A Báo cáo from a unit's report (the unit's own officers and heads)."""
    _require_draft(user, report.unit)
    title, content = builders.report_content(report)
    return create_report_draft(user, report, title, content)


@transaction.atomic
def draft_from_plan(user, plan) -> Draft:
    _require_draft(user, plan.unit)
    return _create_from(user, DraftSource.PLAN, plan.unit, builders.plan_content(plan), plan=plan)


@transaction.atomic
def draft_combined_report(user, request) -> Draft:
    """The requester's combined report, for a reviewer of the requester unit."""
    unit = request.requester_unit
    if not can(user, "review", unit) and not can(user, "edit", unit):
        raise PermissionDenied("Chỉ cán bộ của cơ quan yêu cầu báo cáo được lập báo cáo tổng hợp.")
    built = builders.combined_content(request)
    return _create_from(user, DraftSource.COMBINED, unit, built, request=request)


@transaction.atomic
def draft_document(
    user,
    *,
    unit: OrgUnit,
    doc_type: str,
    title: str,
    source: str = DraftSource.MANUAL,
    source_ref: str = "",
    **parts: Unpack[builders.PlainParts],
) -> Draft:
    """Any of the six types from plain data (strings and lists): the parts are
    builders.plain_content's."""
    _require_draft(user, unit)
    content = builders.plain_content(unit, **parts)
    if doc_type == "quyet_dinh" and not content["legal_bases"]:
        content["notes"].append("Quyết định chưa có căn cứ ban hành.")
    return _create(
        user,
        unit=unit,
        doc_type=doc_type,
        title=title,
        content=content,
        source=source,
        source_ref=source_ref[:120],
    )


def draft_submission(
    user,
    *,
    unit: OrgUnit,
    title: str,
    addressees: Iterable[str],
    legal_bases: Iterable[str] = (),
    paragraphs: Iterable[str] = (),
    table_header: Sequence[str] = (),
    table_rows: Sequence[Sequence[str]] = (),
    proposal: str = "",
    recipients: Iterable[str] = (),
    signer: dict[str, Any] | None = None,
    source_ref: str = "",
) -> Draft:
    """A Tờ trình (e.g. đề nghị khen thưởng) from plain data, for the emulation app.

    legal_bases are cited in the opening paragraph ("Căn cứ …;"), paragraphs are
    the reasons, table_header/table_rows the list proposed (STT, họ tên, …),
    proposal the closing request ("… kính trình … xem xét, quyết định").
    signer: {"name", "position", "authority", "on_behalf_of"} or None for the
    unit's head. Returns the saved Draft; generate() makes its files.
    """
    _require_draft(user, unit)
    content = builders.submission_content(
        unit,
        addressees=addressees,
        legal_bases=legal_bases,
        paragraphs_=paragraphs,
        table=(table_header, table_rows) if (table_header or table_rows) else None,
        proposal=proposal,
        recipients=recipients,
        signer=signer,
    )
    with transaction.atomic():
        return _create(
            user,
            unit=unit,
            doc_type="to_trinh",
            title=title,
            content=content,
            source=DraftSource.SUBMISSION,
            source_ref=source_ref[:120],
        )


# ----- editing -----------------------------------------------------------------------


def _locked_check(user, draft: Draft, version: int | None) -> Draft:
    fresh = Draft.objects.select_for_update(of=("self",)).select_related("unit").get(pk=draft.pk)
    _require_draft(user, fresh.unit)
    if fresh.is_issued:
        raise DomainError(ISSUED_MESSAGE, code="locked")
    if version is not None and fresh.version != version:
        raise DomainError(STALE_MESSAGE, code="stale")
    return fresh


def _split_lines(text: str | Iterable[str]) -> list[str]:
    items = text.splitlines() if isinstance(text, str) else list(text)
    return [collapse_ws(i).lstrip("-–+ ").strip() for i in items if collapse_ws(i).lstrip("-–+ ")]


@transaction.atomic
def update_draft(
    user,
    draft: Draft,
    *,
    version: int,
    title: str | None = None,
    addressees: str | Iterable[str] | None = None,
    legal_bases: str | Iterable[str] | None = None,
    recipients: str | Iterable[str] | None = None,
    closing: str | None = None,
    signer: dict[str, Any] | None = None,
    block_texts: dict[int, str] | None = None,
    place: str | None = None,
) -> Draft:
    """Edit a draft. Text blocks take new text (blank lines split a block into
    paragraphs; an emptied block is removed); figure and table blocks keep their
    computed text and trace."""
    fresh = _locked_check(user, draft, version)
    before = audit.snapshot(fresh, ["title", "content"])
    content = copy.deepcopy(fresh.content or {})
    if title is not None:
        title = collapse_ws(title)
        if not title:
            raise DomainError("Vui lòng nhập trích yếu văn bản.", field="title")
        fresh.title = title[:1000]
    if addressees is not None:
        content["kinh_gui"] = _split_lines(addressees)
    if legal_bases is not None:
        content["legal_bases"] = _split_lines(legal_bases)
    if recipients is not None:
        content["recipients"] = _split_lines(recipients)
    if closing is not None:
        content["closing"] = collapse_ws(closing)
    if place is not None:
        content["place"] = collapse_ws(place)
    if signer is not None:
        authority = (signer.get("authority") or "").strip()
        if authority not in dict(AUTHORITY_CHOICES):
            raise DomainError("Thẩm quyền ký không hợp lệ.", field="authority")
        if authority in ("KT", "TL", "TUQ") and not collapse_ws(signer.get("on_behalf_of") or ""):
            raise DomainError(
                f"Ký {authority}. cần ghi rõ ký cho chức danh nào (ví dụ: Giám đốc).",
                field="on_behalf_of",
            )
        content["signer"] = {k: collapse_ws(signer.get(k) or "") for k in SIGNER_FIELDS}
    if block_texts:
        blocks = content.get("body") or []
        new_blocks: list[dict[str, Any]] = []
        for i, block in enumerate(blocks):
            if i in block_texts and block.get("k") in ("para", "heading"):
                raw = block_texts[i] or ""
                pieces = [collapse_ws(p) for p in raw.replace("\r", "").split("\n\n")]
                pieces = [p for p in pieces if p]
                if block.get("k") == "heading":
                    if pieces:
                        new_blocks.append({**block, "text": " ".join(pieces)})
                    continue
                new_blocks += [{"k": "para", "text": p} for p in pieces]
            elif i in block_texts and block.get("k") == "article":
                lines = [collapse_ws(p) for p in (block_texts[i] or "").splitlines()]
                new_blocks.append({**block, "text": [x for x in lines if x]})
            else:
                new_blocks.append(block)
        content["body"] = new_blocks
    fresh.content = content
    return audit.updated_version(user, fresh, before)


@transaction.atomic
def set_template(user, draft: Draft, template: HouseTemplate | None, *, version: int) -> Draft:
    fresh = _locked_check(user, draft, version)
    if template is not None and (
        template.unit_id != fresh.unit_id
        or template.doc_type != fresh.doc_type
        or not template.active
    ):
        raise DomainError(
            "Mẫu này không dùng được cho văn bản này (khác đơn vị, khác loại hoặc đã ngừng dùng).",
            field="template",
        )
    before = audit.snapshot(fresh, ["template_id"])
    fresh.template = template
    return audit.updated_version(user, fresh, before)


# ----- generating files --------------------------------------------------------------


def _file_stem(draft: Draft, version: int) -> str:
    kind = draft.doc_type.replace("_", "-")
    return f"{kind}-{draft.pk}-v{version}"


def _render(draft: Draft) -> outputs.Rendered:
    template_bytes = None
    name = ""
    if draft.template_id and draft.template and draft.template.active:
        try:
            with draft.template.file.open("rb") as fh:
                template_bytes = fh.read()
            name = draft.template.name
        except OSError:
            template_bytes = None
    rendered = outputs.render(
        draft.unit,
        draft.doc_type,
        draft.title,
        draft.content or {},
        draft.number,
        draft.issued_on,
        template_bytes,
        name,
    )
    if draft.template_id and template_bytes is None:
        rendered.warnings.append(
            "Không đọc được tệp mẫu riêng; văn bản được tạo theo mẫu mặc định."
        )
    return rendered


def _new_file(user, draft: Draft, rendered: outputs.Rendered, issued: bool) -> GeneratedDocument:
    last = (
        GeneratedDocument.objects.filter(draft=draft)
        .order_by("-version")
        .values_list("version", flat=True)
    ).first() or 0
    version = last + 1
    gen = GeneratedDocument(
        draft=draft,
        unit_id=draft.unit_id,
        version=version,
        docx_sha256=outputs.sha256(rendered.docx),
        docx_size=len(rendered.docx),
        template_name=rendered.template_name,
        warnings=rendered.warnings,
        issued=issued,
        created_by=audit.author(user),
    )
    gen.docx.save(f"{_file_stem(draft, version)}.docx", ContentFile(rendered.docx), save=False)
    gen.save()
    return gen


def attach_pdf(gen: GeneratedDocument) -> GeneratedDocument:
    """Add the PDF and page-1 PNG to a generated file (outside any transaction: it
    may take seconds). Failure leaves a message; the DOCX is untouched."""
    with gen.docx.open("rb") as fh:
        docx = fh.read()
    result = outputs.make_pdf(docx)
    stem = _file_stem(gen.draft, gen.version)
    if result.pdf is not None:
        gen.pdf.save(f"{stem}.pdf", ContentFile(result.pdf), save=False)
        gen.pdf_sha256 = outputs.sha256(result.pdf)
    if result.png is not None:
        gen.preview.save(f"{stem}.png", ContentFile(result.png), save=False)
    gen.pdf_message = result.message
    gen.pdf_seconds = result.seconds
    GeneratedDocument.objects.filter(pk=gen.pk).update(
        pdf=gen.pdf.name or "",
        pdf_sha256=gen.pdf_sha256,
        preview=gen.preview.name or "",
        pdf_message=gen.pdf_message,
        pdf_seconds=gen.pdf_seconds,
    )
    return gen


@transaction.atomic
def _generate_docx(user, draft: Draft) -> GeneratedDocument:
    fresh = (
        Draft.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent", "template")
        .get(pk=draft.pk)
    )
    _require_draft(user, fresh.unit)
    if fresh.is_issued:
        raise DomainError(ISSUED_MESSAGE, code="locked")
    gen = _new_file(user, fresh, _render(fresh), issued=False)
    audit.record(
        user,
        "update",
        fresh,
        verb="generate",
        unit_id=fresh.unit_id,
        extra={"version": gen.version, "sha256": gen.docx_sha256},
    )
    return gen


def generate(user, draft: Draft, *, pdf: bool = True) -> GeneratedDocument:
    """A new version of the draft's files. An issued draft is never regenerated:
    a new draft is made from it (redraft) and that one is generated."""
    if Draft.objects.filter(pk=draft.pk, status=DraftStatus.ISSUED).exists():
        draft = redraft(user, Draft.objects.get(pk=draft.pk))
    gen = _generate_docx(user, draft)
    if pdf:
        attach_pdf(gen)
    return gen


@transaction.atomic
def redraft(user, draft: Draft) -> Draft:
    """A new draft (unnumbered) from any draft, e.g. to amend an issued document."""
    _require_draft(user, draft.unit)
    new = Draft(
        **{name: getattr(draft, name) for name in REDRAFT_FIELDS},
        content=copy.deepcopy(draft.content),
        derived_from=draft,
    )
    return audit.add(user, new, unit_id=new.unit_id, extra={"derived_from": draft.pk})


# ----- the numbering register ---------------------------------------------------------


def next_number(unit: OrgUnit, doc_type: str, year: int) -> int:
    """The number the next document of this type would get (no reservation)."""
    reg = NumberRegister.objects.filter(unit=unit, doc_type=doc_type, year=year).first()
    return (reg.last_number if reg else 0) + 1


def _register_row(unit: OrgUnit, doc_type: str, year: int) -> NumberRegister:
    """The register row, locked for this transaction (created on first use)."""
    qs = NumberRegister.objects.select_for_update()
    reg = qs.filter(unit=unit, doc_type=doc_type, year=year).first()
    if reg is None:
        try:
            with transaction.atomic():
                NumberRegister.objects.create(unit=unit, doc_type=doc_type, year=year)
        except IntegrityError:
            pass  # another transaction created it first: lock theirs
        reg = qs.get(unit=unit, doc_type=doc_type, year=year)
    return reg


def symbol_for(
    unit: OrgUnit, doc_type: str, number: int | None, drafting_unit: str | None = None
) -> str:
    if not (unit.short_code or "").strip():
        raise DomainError(NO_SHORT_CODE_MESSAGE.format(name=unit.name), code="no_short_code")
    try:
        return build_symbol(number, doc_type, unit.short_code, drafting_unit, party=unit.is_party)
    except SpecError as exc:
        raise DomainError(exc.message_vi) from None


@transaction.atomic
def issue_number(
    user,
    *,
    unit: OrgUnit,
    doc_type: str,
    issued_on: dt.date,
    title: str = "",
    number: int | None = None,
    drafting_unit: str | None = None,
    draft: Draft | None = None,
    source: str = "drafting",
    source_ref: str = "",
) -> IssuedNumber:
    """Take the next number (or a given free one) of the unit's register for the type
    and the year of ``issued_on``. Safe under concurrent issue: the register row is
    locked and (register, number) is unique. For other apps (emulation decisions)."""
    if not can(user, "approve", unit):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được cấp số văn bản.")
    if doc_type not in TYPE_NAMES:
        raise DomainError(f"Loại văn bản “{doc_type}” không có sổ đăng ký.", field="doc_type")
    symbol_for(unit, doc_type, 1, drafting_unit)  # the ký hiệu can be built at all
    year = issued_on.year
    reg = _register_row(unit, doc_type, year)
    if number is None:
        number = reg.last_number + 1
    elif number < 1:
        raise DomainError("Số văn bản phải là số nguyên dương.", field="number")
    elif IssuedNumber.objects.filter(register=reg, number=number).exists():
        raise DomainError(
            f"Số {number:02d} của sổ {TYPE_NAMES[doc_type]} năm {year} đã được cấp. "
            f"Số tiếp theo còn trống: {reg.last_number + 1:02d}.",
            field="number",
        )
    symbol = symbol_for(unit, doc_type, number, drafting_unit)
    entry = IssuedNumber(
        register=reg,
        unit=unit,
        doc_type=doc_type,
        year=year,
        number=number,
        symbol=symbol,
        title=collapse_ws(title)[:1000],
        issued_on=issued_on,
        issued_by=audit.author(user),
        draft=draft,
        source=source,
        source_ref=source_ref[:120],
    )
    audit.add(user, entry, unit_id=unit.pk)
    if number > reg.last_number:
        NumberRegister.objects.filter(pk=reg.pk).update(last_number=number)
    return entry


@transaction.atomic
def _issue(user, draft: Draft, version: int | None, issued_on: dt.date | None) -> GeneratedDocument:
    fresh = (
        Draft.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent", "template")
        .get(pk=draft.pk)
    )
    if not can(user, "approve", fresh.unit):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được ban hành văn bản (cấp số, khóa).")
    if fresh.is_issued:
        raise DomainError(f"Văn bản đã ban hành với số {fresh.symbol}.", code="locked")
    if version is not None and fresh.version != version:
        raise DomainError(STALE_MESSAGE, code="stale")
    signer = (fresh.content or {}).get("signer") or {}
    if not collapse_ws(signer.get("name") or ""):
        raise DomainError("Chưa có họ tên người ký: hãy nhập người ký trước khi ban hành.")
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise DomainError("Ngày ban hành không thể sau ngày hôm nay.", field="issued_on")
    entry = issue_number(
        user,
        unit=fresh.unit,
        doc_type=fresh.doc_type,
        issued_on=issued_on,
        title=fresh.title,
        drafting_unit=(fresh.content or {}).get("drafting_unit") or None,
        draft=fresh,
    )
    before = audit.snapshot(fresh, ["status", "number", "symbol", "issued_on"])
    fresh.status = DraftStatus.ISSUED
    fresh.number = entry.number
    fresh.symbol = entry.symbol
    fresh.issued_on = issued_on
    fresh.issued_at = timezone.now()
    fresh.issued_by = audit.author(user)
    fresh.version = F("version") + 1
    fresh.save()
    fresh.refresh_from_db()
    gen = _new_file(user, fresh, _render(fresh), issued=True)
    _issue_plan_of(user, fresh)
    audit.updated(user, fresh, before, unit_id=fresh.unit_id, verb="issue")
    return gen


def _issue_plan_of(user, draft: Draft) -> None:
    """A plan's document issued: the plan itself is issued under the same number."""
    plan = draft.plan
    if draft.source != DraftSource.PLAN or plan is None or plan.status == PlanStatus.ISSUED:
        return
    if plan.tasks.exists():
        issue_plan(user, plan, number=draft.symbol, issued_on=draft.issued_on)


def issue_draft(
    user, draft: Draft, *, version: int | None = None, issued_on: dt.date | None = None
) -> GeneratedDocument:
    """Issue: take the number from the register, lock the draft, keep the issued DOCX
    (and its PDF when LibreOffice is there). Returns the issued file."""
    gen = _issue(user, draft, version, issued_on)
    attach_pdf(gen)
    return gen


# ----- house templates ---------------------------------------------------------------


def example_template() -> bytes:
    """A minimal house template using every placeholder (for admins to start from)."""
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    doc.add_paragraph("{{ co_quan_chu_quan }}")
    doc.add_paragraph("{{ co_quan_ban_hanh }}")
    doc.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    doc.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    doc.add_paragraph("Số: {{ so_ky_hieu }}")
    doc.add_paragraph("{{ dia_danh_ngay }}")
    doc.add_paragraph("{{ ten_loai }}")
    doc.add_paragraph("{{ trich_yeu }}")
    doc.add_paragraph("{% for x in kinh_gui %}Kính gửi: {{ x }}{% endfor %}")
    doc.add_paragraph("{% for x in can_cu %}{{ x }} {% endfor %}")
    doc.add_paragraph("{% for x in noi_dung %}{{ x }}\n{% endfor %}")
    doc.add_paragraph("{{ ket_luan }}")
    doc.add_paragraph("{% for x in chuc_vu_ky %}{{ x }} {% endfor %}")
    doc.add_paragraph("{{ nguoi_ky }}")
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("{% for x in noi_nhan %}{{ x }} {% endfor %}")
    doc.add_paragraph("{{ ten_co_quan }} – {{ dia_danh }} – {{ ngay_thang_nam }} – {{ nam }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@transaction.atomic
def upload_template(
    user, *, unit: OrgUnit, doc_type: str, name: str, filename: str, data: bytes
) -> HouseTemplate:
    """Validate and keep a house template. A broken template is refused with the
    broken placeholder named, and nothing is saved."""
    if not (can(user, "admin", unit)):
        raise PermissionDenied("Chỉ quản trị của đơn vị được tải lên mẫu văn bản.")
    if doc_type not in TYPE_NAMES:
        raise DomainError("Hãy chọn loại văn bản.", field="doc_type")
    name = collapse_ws(name) or collapse_ws(filename)
    if not name:
        raise DomainError("Vui lòng đặt tên cho mẫu.", field="name")
    if not data:
        raise DomainError("Tệp mẫu rỗng.", field="file")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise DomainError("Tệp mẫu quá lớn (tối đa 5 MB).", field="file")
    if not filename.lower().endswith(".docx"):
        raise DomainError("Mẫu văn bản phải là tệp Word .docx.", field="file")
    try:
        used = validate_template(data)
    except TemplateError as exc:
        raise DomainError(exc.message_vi, field="file") from None
    if not used:
        raise DomainError(
            "Mẫu không có trường nào (ví dụ {{ so_ky_hieu }}): hãy xem trang hướng dẫn trường mẫu.",
            field="file",
        )
    tpl = HouseTemplate(
        unit=unit,
        doc_type=doc_type,
        name=name[:255],
        original_name=filename[:255],
        sha256=outputs.sha256(data),
        placeholders=sorted(used),
        uploaded_by=audit.author(user),
    )
    tpl.file.save(f"{doc_type}-{outputs.sha256(data)[:12]}.docx", ContentFile(data), save=False)
    tpl.save()
    fields = ["unit_id", "doc_type", "name", "original_name", "sha256", "placeholders"]
    audit.record(user, "create", tpl, after=audit.snapshot(tpl, fields), unit_id=unit.pk)
    return tpl


@transaction.atomic
def deactivate_template(user, template: HouseTemplate) -> HouseTemplate:
    if not can(user, "admin", template.unit):
        raise PermissionDenied("Chỉ quản trị của đơn vị được ngừng dùng mẫu văn bản.")
    return audit.change(user, template, {"active": False}, unit_id=template.unit_id)


def placeholder_rows() -> list[tuple[str, str]]:
    return sorted(TEMPLATE_PLACEHOLDERS.items())
