"""Archive pages: list and search, upload, document, corrections, registry.

Thin: parse input, call one service, render. Every lookup is scoped."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.accounts.access import can
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.jobs.pages import job_of, start_and_follow
from danvan.jobs.services import get_job_for_user
from danvan.web.paging import query_without_page
from danvan.web.sorting import Column, render_sorted

from . import check_messages, services, storage
from .forms import FilterForm, MetadataForm, UploadForm
from .highlight import pieces
from .jobs import outcomes as import_outcomes
from .jobs import start_reextract, start_upload
from .metadata import FIELD_LABELS, extracted_values, to_confirm
from .models.document import DOC_TYPE_CHOICES, META_FIELDS
from .routes import pages

CHECK_LABELS = {
    "percent_mismatch": "Tỷ lệ phần trăm không khớp",
    "sum_mismatch": "Tổng các phần không khớp",
    "citation_conflict": "Trích dẫn mâu thuẫn",
    "incomplete_citation": "Trích dẫn thiếu thông tin",
    "period_mismatch": "Lệch kỳ báo cáo",
    "number_format": "Cách viết số không chuẩn",
    "other": "Khác",
}


DOCUMENT_COLUMNS = [
    Column("van_ban", "Văn bản", ("doc_type", "title")),
    Column("so", "Số, ký hiệu", ("number",)),
    Column("ngay", "Ngày", ("issued_on", "imported_at")),
    Column("co_quan", "Cơ quan ban hành", ("issuer", "-issued_on")),
    Column("don_vi", "Đơn vị lưu", ("unit__path", "-issued_on")),
]


def _edit_unit(request):
    unit = getattr(request, "unit", None)
    if unit is not None and can(request.user, "edit", unit):
        return unit
    return services.default_unit(request.user)


@pages.route("", name="list")
@login_required
def document_list(request):
    form = FilterForm(request.GET or None, choices=services.filter_choices(request.user))
    qs = services.search_documents(request.user, form.filters()).select_related("unit")
    # a row shows the header fields only: the whole text and the extraction stay behind
    qs = qs.defer(*services.HEAVY_FIELDS)
    return render_sorted(
        request,
        "documents/list.html",
        qs,
        DOCUMENT_COLUMNS,
        "-ngay",
        {
            "form": form,
            "query": query_without_page(request),
            "can_upload": _edit_unit(request) is not None,
        },
    )


@pages.route("nap/")
@login_required
def upload(request):
    """Files are imported in the background (one job, a part per file); the page
    shows the job's progress and, once done, the result of each file."""
    unit = _edit_unit(request)
    job = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = start_upload(request.user, unit, form.cleaned_data["files"])
            except (DomainError, PermissionDenied) as exc:
                messages.error(request, getattr(exc, "message", None) or str(exc))
            else:
                form = UploadForm()
    else:
        form = UploadForm()
        if request.GET.get("cong-viec"):
            job = get_job_for_user(request.user, request.GET["cong-viec"])
    outcomes = import_outcomes(job) if job is not None and job.finished else None
    rows = []
    if outcomes is not None:
        ok = sum(o.ok for o in outcomes)
        level = messages.SUCCESS if ok == len(outcomes) else messages.WARNING
        messages.add_message(request, level, f"Đã xử lý {len(outcomes)} tệp: {ok} thành công.")
        # each file with what was recognised: type, number, title (scoped lookup)
        ids = [o.document_id for o in outcomes if o.document_id]
        docs = {d.pk: d for d in services.documents_for_user(request.user).filter(pk__in=ids)}
        rows = [(o, docs.get(o.document_id)) for o in outcomes]
    return render(
        request,
        "documents/upload.html",
        {"form": form, "unit": unit, "outcomes": outcomes, "rows": rows, "job": job},
    )


@pages.route("<int:pk>/")
@login_required
def document_detail(request, pk: int):
    doc = services.get_document_for_user(request.user, pk)
    figures = list(doc.figures.all())
    citations = list(doc.citations.select_related("reference"))
    spans = [
        (f.start, f.end, "fig", f"fig-{f.pk}", f"{format_number(f.value)} {f.unit}".strip())
        for f in figures
    ]
    spans += [(c.start, c.end, "cit", f"cit-{c.pk}", str(c.reference)) for c in citations]
    corrected = services.corrected_fields(doc)
    extraction = doc.extraction or {}
    checks = [
        {
            **c,
            "label": CHECK_LABELS.get(c.get("kind"), c.get("kind") or ""),
            "message": check_messages.vietnamese(c.get("kind") or "", c.get("message") or ""),
        }
        for c in extraction.get("checks") or []
    ]
    return render(
        request,
        "documents/detail.html",
        {
            "doc": doc,
            "figures": figures,
            "citations": citations,
            "pieces": pieces(doc.text, spans),
            "checks": checks,
            "corrected": corrected,
            "corrected_labels": [FIELD_LABELS[f] for f in META_FIELDS if f in corrected],
            "to_confirm": to_confirm(extraction, corrected),
            "job": job_of(request),
            "can_edit": can(request.user, "edit", doc.unit),
        },
    )


@pages.route("<int:pk>/sua/")
@login_required
def document_edit(request, pk: int):
    doc = services.get_document_for_user(request.user, pk, "edit")
    corrected = services.corrected_fields(doc)
    if request.method == "POST":
        form = MetadataForm(request.POST, instance=doc)
        if form.is_valid():
            try:
                changed = services.correct_metadata(request.user, doc, form.changes())
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                if changed:
                    labels = ", ".join(FIELD_LABELS[f] for f in changed)
                    messages.success(request, f"Đã lưu hiệu chỉnh: {labels}.")
                else:
                    messages.info(request, "Không có thay đổi nào.")
                return redirect("documents:document_detail", pk=doc.pk)
    else:
        form = MetadataForm(instance=doc)
    extracted = extracted_values(doc.extraction or {})
    rows = [
        {"field": f, "label": FIELD_LABELS[f], "correction": c, "extracted": extracted.get(f)}
        for f, c in corrected.items()
    ]
    return render(request, "documents/edit.html", {"doc": doc, "form": form, "corrections": rows})


@pages.route("<int:pk>/sua/bo/", name="document_withdraw")
@login_required
def withdraw_correction(request, pk: int):
    # Scope first, so an out-of-scope id answers 404 whatever the method.
    doc = services.get_document_for_user(request.user, pk, "edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    field = request.POST.get("field", "")
    try:
        services.withdraw_correction(request.user, doc, field)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã bỏ hiệu chỉnh “{FIELD_LABELS.get(field, field)}”.")
    return redirect("documents:document_edit", pk=doc.pk)


@pages.route("<int:pk>/trich-xuat-lai/", name="document_reextract")
@login_required
def reextract(request, pk: int):
    """Re-extraction runs as a job (OCR of a long scan takes minutes); the document
    page shows its progress and the outcome."""
    doc = services.get_document_for_user(request.user, pk, "edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    url = reverse("documents:document_detail", args=[doc.pk])
    return start_and_follow(request, lambda: start_reextract(request.user, doc), url)


@pages.route("<int:pk>/tep-goc/", name="document_original")
@login_required
def original(request, pk: int):
    doc = services.get_document_for_user(request.user, pk)
    path = storage.path_for(doc.sha256)
    if not path.exists():
        raise Http404("Không tìm thấy tệp gốc.")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=doc.original_name)


REFERENCE_COLUMNS = [
    Column("van_ban", "Văn bản", ("doc_type", "number_key")),
    Column("ngay", "Ngày ban hành", ("issued_on", "doc_type", "number_key")),
    Column("co_quan", "Cơ quan ban hành", ("issuer", "doc_type", "number_key")),
    Column("dan_chieu", "Số văn bản dẫn chiếu", ("cited_by", "doc_type", "number_key")),
]


@pages.route("dan-chieu/", name="references")
@login_required
def reference_list(request):
    filters = {
        "q": request.GET.get("q", ""),
        "doc_type": request.GET.get("doc_type", ""),
        "conflict": request.GET.get("conflict") == "1",
    }
    qs = services.references_with_counts(request.user, filters)
    return render_sorted(
        request,
        "documents/references.html",
        qs,
        REFERENCE_COLUMNS,
        "van_ban",
        {
            "filters": filters,
            "doc_types": DOC_TYPE_CHOICES,
            "query": query_without_page(request),
        },
    )


@pages.route("dan-chieu/<int:pk>/")
@login_required
def reference_detail(request, pk: int):
    ref = services.get_reference_for_user(request.user, pk)
    return render(
        request,
        "documents/reference.html",
        {
            "ref": ref,
            "variants": services.reference_variants(ref),
            "citations": services.citing_citations(request.user, ref),
            "copies": services.archived_copies(request.user, ref),
        },
    )
