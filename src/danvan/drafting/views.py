"""Drafting pages: entry points (the user's reports, plans and requests with
"Soạn văn bản"), a draft's preview with traceability, editing, files,
issuing; the numbering register; house templates and their placeholders.
Thin: parse, call one service, render; every lookup through access helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from danvan.accounts.access import can, can_here, get_unit_for_user, visible_units
from danvan.core.errors import DomainError
from danvan.core.render import Heading
from danvan.core.render.document import date_line, heading_label, recipient_lines, signer_lines
from danvan.core.text import collapse_ws
from danvan.jobs.pages import job_of, start_and_follow
from danvan.orgunits.models import head_title
from danvan.planning.access import get_plan, plans_for
from danvan.reporting.access import get_report, get_request, reports_for, requests_for
from danvan.web.actions import (
    Refusal,
    add_refusal,
    confirm_page,
    page_of_result,
    run_action,
    show_refusal,
)
from danvan.web.downloads import DOCX, PDF, attachment
from danvan.web.forms import pick
from danvan.web.sorting import SECTION_PARAM, Column, section

from . import forms, services, signoff
from .access import (
    can_issue,
    can_manage_templates,
    drafts_for,
    get_draft,
    get_file,
    register_for,
    templates_for,
)
from .content import DraftParts, default_signer
from .jobs import start_combined, start_render, start_render_request
from .models import DRAFT_TYPES, DraftStatus, HouseTemplate
from .outputs import pdf_possible, spec_of
from .routes import pages
from .trace import figure_traces

TYPE_NAMES = dict(DRAFT_TYPES)


def _draft_units(user):
    q = visible_units(user, "edit") | visible_units(user, "review")
    return list(q.filter(valid_to__isnull=True).distinct().order_by("path"))


DRAFT_COLUMNS = [
    Column("loai", "Loại", ("doc_type", "-updated_at")),
    Column("trich_yeu", "Trích yếu", ("title",)),
    Column("co_quan", "Cơ quan ban hành", ("unit__path", "-updated_at")),
    Column("trang_thai", "Trạng thái", ("status", "-updated_at")),
    Column("cap_nhat", "Cập nhật", ("updated_at",)),
]
REPORT_COLUMNS = [
    Column("dot", "Đợt báo cáo", ("request__deadline", "unit__path")),
    Column("don_vi", "Đơn vị", ("unit__path", "-request__deadline")),
    Column("trang_thai", "Trạng thái", ("status", "-request__deadline")),
]
PLAN_COLUMNS = [
    Column("ten", "Kế hoạch", ("title", "-year")),
    Column("don_vi", "Đơn vị", ("unit__path", "-year")),
    Column("ky", "Kỳ", ("year", "unit__path")),
]


@pages.route("")
@login_required
def index(request):

    user = request.user
    ds = request.GET.get(SECTION_PARAM)
    return render(
        request,
        "drafting/index.html",
        {
            "ds": ds if ds in ("du-thao", "bao-cao", "ke-hoach") else "",
            "drafts": section(
                request,
                "du-thao",
                drafts_for(user).select_related("unit"),
                DRAFT_COLUMNS,
                "-cap_nhat",
                40,
            ),
            "reports": section(
                request,
                "bao-cao",
                reports_for(user, "edit").select_related("request", "unit"),
                REPORT_COLUMNS,
                "-dot",
                30,
            ),
            "plans": section(
                request,
                "ke-hoach",
                plans_for(user, "edit").select_related("unit"),
                PLAN_COLUMNS,
                "-ky",
                30,
            ),
            "can_new": bool(_draft_units(user)),
        },
    )


def _confirm(request, what: str, action_url: str, back_url: str):
    return render(
        request,
        "drafting/confirm.html",
        {"what": what, "action_url": action_url, "back_url": back_url},
    )


_opened = page_of_result("drafting:draft_detail")


def _drafted(request, call, success: str, on_refusal: str):
    """Make a draft, then open it (or go back to ``on_refusal`` saying why not)."""
    return run_action(request, call, success=success, then=_opened, on_refusal=on_refusal)


def _draft_on_post(request, what: str, back_url: str, call, success: str):
    """GET asks to confirm making the draft; POST makes it and opens it."""
    if request.method != "POST":
        return _confirm(request, what, request.path, back_url)
    return _drafted(request, call, success, reverse("drafting:index"))


@pages.route("bao-cao/<int:unitreport_pk>/soan/")
@login_required
def from_report(request, unitreport_pk: int):
    report = get_report(request.user, unitreport_pk, "view")
    return _draft_on_post(
        request,
        f"Soạn báo cáo của {report.unit.name} cho “{report.request.title}”",
        reverse("reporting:report_detail", args=[report.pk]),
        lambda: services.draft_from_report(request.user, report),
        "Đã soạn bản dự thảo báo cáo từ số liệu và nội dung của đơn vị.",
    )


@pages.route("ke-hoach/<int:plan_pk>/soan/")
@login_required
def from_plan(request, plan_pk: int):
    plan = get_plan(request.user, plan_pk)
    return _draft_on_post(
        request,
        f"Soạn kế hoạch “{plan.title}” của {plan.unit.name}",
        reverse("planning:plan_detail", args=[plan.pk]),
        lambda: services.draft_from_plan(request.user, plan),
        "Đã soạn bản dự thảo kế hoạch.",
    )


@pages.route("tong-hop/")
@login_required
def combined(request):
    """Requests the user may sum up (review or edit on the requester), with a button
    each for the combined report and for the files of all its reports. Both run as
    jobs: a province's request has thousands of reports."""
    user = request.user
    here = reverse("drafting:combined")
    if request.method == "POST":
        req = get_request(user, request.POST.get("request_id"))
        what = request.POST.get("action", "combined")
        if what in ("docx", "pdf"):
            return start_and_follow(
                request, lambda: start_render_request(user, req, pdf=what == "pdf"), here
            )
        return start_and_follow(request, lambda: start_combined(user, req), here)
    items = [
        r
        for r in requests_for(user).order_by("-deadline")[:100]
        if can(user, "review", r.requester_unit) or can(user, "edit", r.requester_unit)
    ]
    return render(
        request,
        "drafting/combined.html",
        {"requests": items, "job": job_of(request), "pdf_possible": pdf_possible()},
    )


def _lines(text: str) -> list[str]:
    return [collapse_ws(x) for x in (text or "").splitlines() if collapse_ws(x)]


_ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]\s*(.*)$", re.IGNORECASE)


@pages.route("moi/", name="new")
@login_required
def new_document(request):
    user = request.user
    units = _draft_units(user)
    if not units:
        raise PermissionDenied("Bạn không có quyền soạn văn bản.")
    form = forms.NewDocumentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = get_unit_for_user(user, data["unit"], "view")
        doc_type = data["doc_type"]
        lines = _lines(data["body"])
        paragraphs, articles = [], []
        if doc_type == "quyet_dinh":
            for line in lines:
                m = _ARTICLE.match(line)
                if m:
                    articles.append([m.group(1), []])
                elif articles:
                    articles[-1][1].append(line)
                else:
                    paragraphs.append(line)
        else:
            paragraphs = lines
        bases = _lines(data["legal_bases"])
        if doc_type != "quyet_dinh":
            paragraphs = [
                f"Căn cứ {b.removeprefix('Căn cứ ').strip(' ;.')};" for b in bases
            ] + paragraphs
            bases = []
        try:
            draft = services.draft_document(
                user,
                unit=unit,
                doc_type=doc_type,
                title=data["title"],
                addressees=_lines(data["addressees"]),
                legal_bases=bases,
                paragraphs=paragraphs,
                articles=[(t, x) for t, x in articles],
                drafting_unit=data["drafting_unit"],
                decision_authority=(
                    f"{default_signer(unit)['position'] or 'Thủ trưởng'} {unit.name}"
                    if doc_type == "quyet_dinh"
                    else ""
                ),
            )
        except (DomainError, PermissionDenied) as exc:
            form.add_error(
                getattr(exc, "field", None) if getattr(exc, "field", None) in form.fields else None,
                getattr(exc, "message", str(exc)),
            )
        else:
            messages.success(request, "Đã tạo bản dự thảo.")
            return redirect("drafting:draft_detail", draft.pk)
    return render(request, "drafting/new.html", {"form": form})


_NUMBER = re.compile(r"\d[\d.,]*\d%?|\d%?")


def linked_numbers(text: str, href: str) -> str:
    """The sentence as HTML with each number a link to its source. The numbers are found
    in the text as typed and every piece is escaped on its own, so an escaped character
    (an apostrophe becomes ``&#x27;``) is never cut by a link."""
    pieces: list[str] = []
    last = 0
    for m in _NUMBER.finditer(text):
        pieces.append(escape(text[last : m.start()]))
        pieces.append(f'<a class="fig" href="{escape(href)}">{escape(m.group())}</a>')
        last = m.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def _rendered_blocks(user, content) -> list[tuple[int, dict]]:
    """Blocks as the preview shows them: headings numbered like the DOCX, the
    numbers of figure sentences linked to their sources."""

    traces = {t.index: t for t in figure_traces(user, content)}
    counters = [0, 0, 0]
    articles = 0
    out = []
    for i, block in enumerate(content.get("body") or []):
        b = dict(block)
        if b.get("k") == "heading":
            b["label"] = heading_label(
                Heading(collapse_ws(b.get("text") or ""), int(b.get("level") or 1)), counters
            )
        elif b.get("k") == "figure":
            b["html"] = linked_numbers(b.get("text") or "", f"#nguon-{i}")
            b["trace_info"] = traces.get(i)
        elif b.get("k") == "article":
            articles += 1
            b["n"] = articles
        out.append((i, b))
    return out


@pages.route("du-thao/<int:draft_pk>/")
@login_required
def draft_detail(request, draft_pk: int):
    """The preview: the draft's content as HTML, every figure linked to its sources."""
    user = request.user
    draft = get_draft(user, draft_pk)
    content = draft.content or {}
    files = list(draft.files.order_by("-version"))
    latest = files[0] if files else None
    spec_warnings: list[str] = []
    symbol = draft.symbol
    try:
        spec, spec_warnings = spec_of(
            DraftParts(
                draft.unit, draft.doc_type, draft.title, content, draft.number, draft.issued_on
            )
        )
        symbol = spec.symbol

        header = {
            "date_line": date_line(spec),
            "recipients": recipient_lines(spec),
            "signer_lines": signer_lines(spec.signer, spec.issuer.party) if spec.signer else [],
            "party": spec.issuer.party,
            "governing": spec.issuer.governing_body or "",
        }
    except Exception as exc:  # noqa: BLE001 - the preview must show even a broken draft
        header = {
            "date_line": "",
            "recipients": [],
            "signer_lines": [],
            "party": False,
            "governing": "",
        }
        spec_warnings.append(getattr(exc, "message_vi", str(exc)))
    may_edit = services.can_draft(user, draft.unit) and not draft.is_issued
    may_issue = can_issue(user, draft.unit) and not draft.is_issued
    templates = (
        list(HouseTemplate.objects.filter(unit=draft.unit, doc_type=draft.doc_type, active=True))
        if may_edit
        else []
    )
    return render(
        request,
        "drafting/detail.html",
        {
            "draft": draft,
            "content": content,
            "rendered": _rendered_blocks(user, content),
            "header": header,
            "symbol": symbol,
            "warnings": spec_warnings,
            "files": files,
            "latest": latest,
            "may_edit": may_edit,
            "may_issue": may_issue,
            "may_propose": can_here(user, "edit", draft.unit)
            and draft.status == DraftStatus.DRAFT
            and not may_issue,
            "step_hint": ""
            if may_issue or draft.is_issued
            else f"Bước ban hành (cấp số, khóa) do {head_title(draft.unit.kind)} "
            f"{draft.unit.name} thực hiện"
            + (
                ": văn bản đang chờ lãnh đạo duyệt." if draft.status == DraftStatus.PENDING else "."
            ),
            "issue_form": forms.IssueForm(initial={"version": draft.version}),
            "templates": templates,
            "pdf_possible": pdf_possible(),
            "type_name": TYPE_NAMES.get(draft.doc_type, ""),
            "job": job_of(request),
        },
    )


@pages.route("du-thao/<int:draft_pk>/sua/")
@login_required
def draft_edit(request, draft_pk: int):
    user = request.user
    draft = get_draft(user, draft_pk)
    if draft.is_issued:
        messages.warning(request, services.ISSUED_MESSAGE)
        return redirect("drafting:draft_detail", draft.pk)
    if not services.can_draft(user, draft.unit):
        raise PermissionDenied("Bạn không có quyền sửa dự thảo này.")
    content = draft.content or {}
    signer = content.get("signer") or {}
    initial = {
        "version": draft.version,
        "title": draft.title,
        "place": content.get("place", ""),
        "addressees": "\n".join(content.get("kinh_gui") or []),
        "legal_bases": "\n".join(content.get("legal_bases") or []),
        "closing": content.get("closing", ""),
        "signer_name": signer.get("name", ""),
        "signer_position": signer.get("position", ""),
        "authority": signer.get("authority", ""),
        "on_behalf_of": signer.get("on_behalf_of", ""),
        "collective": signer.get("collective", ""),
        "recipients": "\n".join(content.get("recipients") or []),
    }
    form = forms.DraftForm(request.POST or None, initial=initial)
    blocks = list(enumerate(content.get("body") or []))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        block_texts = {}
        for i, block in blocks:
            key = f"block-{i}"
            if key in request.POST and block.get("k") in ("para", "heading", "article"):
                block_texts[i] = request.POST[key]
        try:
            services.update_draft(
                user,
                draft,
                **pick(d, "version title place addressees legal_bases closing recipients"),
                signer={
                    "name": d["signer_name"],
                    "position": d["signer_position"],
                    "authority": d["authority"],
                    "on_behalf_of": d["on_behalf_of"],
                    "collective": d["collective"],
                },
                block_texts=block_texts,
            )
        except Refusal as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("drafting:draft_detail", draft.pk)
    posted = request.POST if request.method == "POST" else {}
    editable = [
        (
            i,
            b,
            posted.get(f"block-{i}")
            if f"block-{i}" in posted
            else ("\n".join(b.get("text") or []) if b.get("k") == "article" else b.get("text", "")),
        )
        for i, b in blocks
    ]
    return render(
        request, "drafting/edit.html", {"draft": draft, "form": form, "editable": editable}
    )


def _post_on_draft(view: Callable[[HttpRequest, Any], HttpResponse]) -> Callable[..., HttpResponse]:
    """POST only, on one draft the user may see (``draft_pk``; a GET goes back to
    the draft's page): the view gets the draft instead of its id."""

    @wraps(view)
    def guarded(request: HttpRequest, draft_pk: int) -> HttpResponse:
        draft = get_draft(request.user, draft_pk)
        if request.method != "POST":
            return redirect(_opened(draft))
        return view(request, draft)

    return guarded


@pages.route("du-thao/<int:draft_pk>/tao-tep/")
@login_required
@_post_on_draft
def draft_generate(request, draft):
    user = request.user
    try:
        job = start_render(user, draft, pdf=request.POST.get("pdf") != "0")
    except (DomainError, PermissionDenied) as exc:
        show_refusal(request, exc)
        return redirect("drafting:draft_detail", draft.pk)
    if not job.finished:
        # A worker makes the files; the draft's page shows the progress.
        return redirect(reverse("drafting:draft_detail", args=[draft.pk]) + f"?cong-viec={job.pk}")
    if job.error:
        messages.error(request, job.error)
        return redirect("drafting:draft_detail", draft.pk)
    result = job.result
    if result["draft"] != draft.pk:
        messages.info(
            request,
            "Văn bản đã ban hành được giữ nguyên; đã tạo bản dự thảo mới để soạn lại.",
        )
    messages.success(request, f"Đã tạo tệp phiên bản {result['version']}.")
    if result.get("pdf_message"):
        messages.warning(request, result["pdf_message"])
    return redirect("drafting:draft_detail", result["draft"])


@pages.route("du-thao/<int:draft_pk>/ban-hanh/")
@login_required
@_post_on_draft
def draft_issue(request, draft):
    user = request.user
    form = forms.IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày ban hành không hợp lệ (dạng ngày/tháng/năm).")
        return redirect("drafting:draft_detail", draft.pk)
    if request.POST.get("confirmed") != "1":
        if not can_issue(user, draft.unit):
            raise PermissionDenied("Chỉ lãnh đạo đơn vị được ban hành văn bản (cấp số, khóa).")
        return confirm_page(
            request,
            title=f"Ban hành {TYPE_NAMES.get(draft.doc_type, '').lower()}: {draft.title}",
            consequence=(
                f"Văn bản nhận số tiếp theo trong sổ đăng ký của {draft.unit.name} và bị khóa: "
                "số đã cấp không thu hồi được, nội dung không sửa được nữa (muốn sửa phải soạn "
                "bản dự thảo mới)."
            ),
            button="Ban hành (cấp số, khóa)",
            back_url=reverse("drafting:draft_detail", args=[draft.pk]),
            form=form,
        )
    try:
        gen = services.issue_draft(
            user,
            draft,
            version=form.cleaned_data["version"],
            issued_on=form.cleaned_data.get("issued_on"),
        )
    except (DomainError, PermissionDenied) as exc:
        show_refusal(request, exc)
        return redirect("drafting:draft_detail", draft.pk)
    gen.draft.refresh_from_db()
    messages.success(request, f"Đã ban hành văn bản số {gen.draft.symbol}; văn bản đã khóa.")
    if gen.pdf_message:
        messages.warning(request, gen.pdf_message)
    return redirect("drafting:draft_detail", draft.pk)


def _draft_action(success: str, then: Callable[[Any], str] | None = None):
    """Make ``action(request, draft)`` (one service call) a POST-only view of one
    draft (``draft_pk``, scoped to the user): a refusal is shown on the draft's
    page; done, back to the draft's page (or to ``then`` of the result)."""

    def wrap(action: Callable[[HttpRequest, Any], Any]) -> Callable[..., HttpResponse]:
        @_post_on_draft
        @wraps(action)
        def view(request: HttpRequest, draft) -> HttpResponse:
            back = _opened(draft)
            return run_action(
                request,
                lambda: action(request, draft),
                success=success,
                then=then or back,
                on_refusal=back,
            )

        return view

    return wrap


@pages.route("du-thao/<int:draft_pk>/du-thao-moi/")
@login_required
@_draft_action("Đã tạo bản dự thảo mới (chưa có số).", then=_opened)
def draft_redraft(request, draft):
    return services.redraft(request.user, draft)


@pages.route("du-thao/<int:draft_pk>/mau/")
@login_required
@_post_on_draft
def draft_template(request, draft):
    user = request.user
    tpl = None
    raw = request.POST.get("template") or ""
    if raw:
        tpl = templates_for(user).filter(pk=raw if raw.isdigit() else 0).first()
        if tpl is None:
            raise Http404("Không tìm thấy mẫu văn bản.")
    return run_action(
        request,
        lambda: services.set_template(
            user, draft, tpl, version=int(request.POST.get("version") or 0)
        ),
        success="Đã chọn mẫu; hãy tạo lại tệp để áp dụng.",
        then=reverse("drafting:draft_detail", args=[draft.pk]),
    )


def _download(field, filename: str, content_type: str, inline: bool = False):
    try:
        handle = field.open("rb")
    except (OSError, ValueError):
        raise Http404("Không tìm thấy tệp.") from None
    return FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )


def _nice_name(gen, ext: str) -> str:
    draft = gen.draft
    base = draft.symbol.replace("/", "-") if draft.symbol else f"du-thao-{draft.pk}"
    return f"{draft.doc_type}-{base}-v{gen.version}.{ext}"


@pages.route("tep/<int:generateddocument_pk>/docx/")
@login_required
def file_docx(request, generateddocument_pk: int):
    gen = get_file(request.user, generateddocument_pk)
    return _download(gen.docx, _nice_name(gen, "docx"), DOCX)


@pages.route("tep/<int:generateddocument_pk>/pdf/")
@login_required
def file_pdf(request, generateddocument_pk: int):
    gen = get_file(request.user, generateddocument_pk)
    if not gen.pdf:
        messages.warning(
            request, gen.pdf_message or "Phiên bản này chưa có PDF; tệp DOCX vẫn tải về được."
        )
        return redirect("drafting:draft_detail", gen.draft_id)
    return _download(gen.pdf, _nice_name(gen, "pdf"), PDF)


@pages.route("tep/<int:generateddocument_pk>/anh/")
@login_required
def file_preview(request, generateddocument_pk: int):
    gen = get_file(request.user, generateddocument_pk)
    if not gen.preview:
        return redirect("drafting:draft_detail", gen.draft_id)
    return _download(gen.preview, _nice_name(gen, "png"), "image/png", inline=True)


@pages.route("so-dang-ky/")
@login_required
def register(request):
    user = request.user
    qs = register_for(user)
    units = list(visible_units(user).filter(pk__in=qs.values("unit_id")).order_by("path"))
    years = sorted(set(qs.values_list("year", flat=True)), reverse=True)
    unit_id = request.GET.get("don_vi") or ""
    year = request.GET.get("nam") or ""
    doc_type = request.GET.get("loai") or ""
    if unit_id.isdigit():
        qs = qs.filter(unit_id=int(unit_id))
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if doc_type in TYPE_NAMES:
        qs = qs.filter(doc_type=doc_type)
    return render(
        request,
        "drafting/register.html",
        {
            "entries": qs.order_by("unit__path", "-year", "doc_type", "-number")[:500],
            "units": units,
            "years": years,
            "types": DRAFT_TYPES,
            "selected": {"unit": unit_id, "year": year, "type": doc_type},
        },
    )


@pages.route("mau/", name="templates")
@login_required
def templates_page(request):
    user = request.user
    admin_units = [
        u for u in visible_units(user, "admin").filter(valid_to__isnull=True).order_by("path")
    ]
    form = forms.TemplateUploadForm(units=admin_units)
    if request.method == "POST":
        if request.POST.get("action") == "deactivate":
            tpl = templates_for(user).filter(pk=request.POST.get("template_id") or 0).first()
            if tpl is None:
                raise Http404("Không tìm thấy mẫu văn bản.")
            try:
                services.deactivate_template(user, tpl)
            except PermissionDenied as exc:
                show_refusal(request, exc)
            else:
                messages.success(request, f"Đã ngừng dùng mẫu “{tpl.name}”.")
            return redirect("drafting:templates")
        form = forms.TemplateUploadForm(request.POST, request.FILES, units=admin_units)
        if form.is_valid():
            d = form.cleaned_data
            unit = get_unit_for_user(user, d["unit"], "view")
            upload = d["file"]
            try:
                services.upload_template(
                    user,
                    unit=unit,
                    doc_type=d["doc_type"],
                    name=d["name"],
                    filename=upload.name,
                    data=upload.read(),
                )
            except Refusal as exc:
                add_refusal(form, exc)
            else:
                messages.success(request, "Đã tải lên mẫu văn bản.")
                return redirect("drafting:templates")
    return render(
        request,
        "drafting/templates.html",
        {
            "templates": templates_for(user).order_by("unit__path", "doc_type"),
            "form": form,
            "can_upload": bool(admin_units),
            "may_manage": {t.pk for t in templates_for(user) if can_manage_templates(user, t.unit)},
        },
    )


@pages.route("mau/truong/")
@login_required
def placeholders(request):
    return render(request, "drafting/placeholders.html", {"rows": services.placeholder_rows()})


@pages.route("mau/mau-vi-du.docx")
@login_required
def example_template(request):
    return attachment(services.example_template(), "mau-van-ban-vi-du.docx", DOCX)


@pages.route("du-thao/<int:draft_pk>/trinh-duyet/")
@login_required
@_draft_action("Đã trình lãnh đạo đơn vị duyệt văn bản.")
def draft_propose(request, draft):
    """“Trình lãnh đạo duyệt” for a plan, a submission (tờ trình) or any draft."""
    return signoff.propose_draft(request.user, draft)


@pages.route("du-thao/<int:draft_pk>/tra-lai/")
@login_required
@_draft_action("Đã trả lại văn bản cho cán bộ soạn, kèm lý do.")
def draft_decline(request, draft):
    return signoff.decline_draft(request.user, draft, request.POST.get("reason", ""))


@pages.route("bao-cao/<int:unitreport_pk>/van-ban-da-ky/")
@login_required
def report_document(request, unitreport_pk: int):
    """The signed document of a unit's report (for the unit and the requester)."""
    report = get_report(request.user, unitreport_pk)
    draft = signoff.signed_document(report)
    if draft is None:
        raise Http404("Báo cáo chưa có văn bản đã ký.")
    draft = get_draft(request.user, draft.pk)
    return redirect("drafting:draft_detail", draft.pk)
