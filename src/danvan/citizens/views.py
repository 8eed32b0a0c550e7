"""Pages of the citizen book, the petition board, deadlines, dialogues and the
report section. Thin: parse, call a service, render; lookups through access."""

from __future__ import annotations

from functools import partial
from typing import cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms import ModelChoiceField
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from danvan.accounts.access import can, get_unit_for_user, visible_units
from danvan.core import petition_limits
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.core.periods import Period, PeriodError, period_choices
from danvan.jobs import exports
from danvan.jobs.pages import job_of
from danvan.web.actions import create_action
from danvan.web.paging import query_without_page
from danvan.web.sorting import PARAM, Column, render_sorted

from . import access, excel, figures, forms, services, sync
from . import dialogues as dialogue_services
from .jobs import BOOK_EXPORT_KEYS, reception_book
from .models import Commitment, Kind, Petition, Stage
from .routes import pages

BOARD = [
    Stage.RECEIVED,
    Stage.CLASSIFIED,
    Stage.ACCEPTED,
    Stage.ASSIGNED,
    Stage.CONCLUDED,
    Stage.REPLIED,
    Stage.FORWARDED,
    Stage.CLOSED,
    Stage.FILED,
]


def _book_units(user):
    ids = access.own_unit_ids(user)
    return visible_units(user).filter(pk__in=ids, valid_to__isnull=True)


_create_page = partial(create_action, template="citizens/form.html")


def _book_form(user, form, refusal: str):
    """``form`` with its unit field limited to the user's own open units (the
    books they keep); a user who keeps none is refused with ``refusal``."""
    units = _book_units(user)
    if not units.exists():
        raise PermissionDenied(refusal)
    form.fields["unit"].queryset = units
    if len(units) == 1:
        form.fields["unit"].empty_label = None
    return form


def _error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _filters(request, qs, date_field: str):
    return access.filtered(request.user, qs, request.GET, date_field)


@pages.route("")
@login_required
def index(request):
    user = request.user
    petitions = access.petitions_for(user)
    return render(
        request,
        "citizens/index.html",
        {
            "receptions": access.receptions_for(user)[:10],
            "overdue": services.overdue(petitions).count(),
            "due_soon": services.due_soon(petitions).count(),
            "can_edit": _book_units(user).exists(),
            "dialogues": access.dialogues_for(user)[:5],
        },
    )


# ----- the reception book -------------------------------------------------------------


# The board shows each stage's most urgent cards; "Xem tất cả" opens the stage as a list.
BOARD_CARDS = 30
PETITION_COLUMNS = [
    Column("han", "Hạn", ("current_due", "received_on")),
    Column("don", "Đơn", ("pk",)),
    Column("ngay_nhan", "Ngày nhận", ("received_on",)),
    Column("don_vi", "Đơn vị", ("unit__path", "current_due")),
    Column("loai", "Loại đơn", ("kind", "current_due")),
]
RECEPTION_COLUMNS = [
    Column("ngay", "Ngày", ("received_on",)),
    Column("don_vi", "Đơn vị", ("unit__path", "-received_on")),
    Column("so_nguoi", "Số người", ("group_size", "-received_on")),
    Column("linh_vuc", "Lĩnh vực", ("field", "-received_on")),
    Column("ket_qua", "Kết quả", ("outcome", "-received_on")),
]
DIALOGUE_COLUMNS = [
    Column("ngay", "Ngày", ("held_on",)),
    Column("chu_de", "Chủ đề", ("title",)),
    Column("don_vi", "Đơn vị", ("unit__path", "-held_on")),
    Column("chu_tri", "Chủ trì", ("chaired_by", "-held_on")),
    Column("so_nguoi", "Số người", ("participant_count", "-held_on")),
]


@pages.route("so-tiep/")
@login_required
def receptions(request):
    qs = reception_book(request.user, request.GET)
    if request.GET.get("format") == "xlsx":
        asked = {k: request.GET[k] for k in BOOK_EXPORT_KEYS if request.GET.get(k)}
        return exports.download_or_job(
            request,
            "citizens_receptions",
            asked,
            rows=qs.count(),
            back=reverse("citizens:receptions") + "?" + urlencode(asked),
            title="Xuất Excel sổ tiếp công dân",
        )
    return render_sorted(
        request,
        "citizens/receptions.html",
        qs.select_related("unit"),
        RECEPTION_COLUMNS,
        "-ngay",
        lambda page: {
            "rows": [(r, services.show_person(request.user, r)) for r in page],
            "count": page.paginator.count,
            "job": job_of(request),
            "can_edit": _book_units(request.user).exists(),
            "query": request.GET.urlencode(),
        },
    )


@pages.route("so-tiep/moi/")
@login_required
def reception_create(request):
    form = _book_form(
        request.user,
        forms.ReceptionForm(request.POST or None, initial={"received_on": timezone.localdate()}),
        "Chỉ cán bộ, lãnh đạo của đơn vị tiếp công dân được ghi sổ.",
    )
    return _create_page(
        request,
        form,
        services.record_reception,
        detail="citizens:reception_detail",
        title="Ghi sổ tiếp công dân",
        success="Đã ghi vào sổ tiếp công dân.",
    )


@pages.route("so-tiep/<int:pk>/")
@login_required
def reception_detail(request, pk):
    r = access.get_reception(request.user, pk)
    return render(
        request,
        "citizens/reception_detail.html",
        {
            "r": r,
            "person": services.show_person(request.user, r),
            "petition_visible": r.petition_id
            and access.petitions_for(request.user).filter(pk=r.petition_id).exists(),
        },
    )


@pages.route("so-tiep/nhap-excel/")
@login_required
def reception_import(request):
    form = _book_form(
        request.user,
        forms.ImportForm(request.POST or None, request.FILES or None),
        "Chỉ cán bộ, lãnh đạo của đơn vị tiếp công dân được nhập sổ.",
    )
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = excel.import_receptions(
                request.user, form.cleaned_data["unit"], form.cleaned_data["file"].read()
            )
        except excel.ImportErrors as exc:
            form.add_error(None, exc.message)
            result = exc
        except DomainError as exc:
            _error(form, exc)
        else:
            messages.success(request, f"Đã nhập {len(result)} lượt tiếp công dân.")
            return redirect("citizens:receptions")
    return render(
        request,
        "citizens/import.html",
        {"form": form, "errors": getattr(result, "rows", []), "columns": excel.COLUMNS},
    )


# ----- petitions ------------------------------------------------------------------------


@pages.route("don-thu/")
@login_required
def petitions(request):
    g = request.GET
    date_field = "concluded_on" if g.get("date") == "concluded" else "received_on"
    qs = _filters(request, access.petitions_for(request.user), date_field)
    if g.get("kind"):
        qs = qs.filter(kind__in=g["kind"].split(","))
    if g.get("competent") == "1":
        qs = qs.filter(competent=True)
    if g.get("resolved") == "1":
        qs = qs.filter(stage__in=[Stage.CONCLUDED, Stage.REPLIED, Stage.CLOSED])
    if g.get("on_time") == "1":
        qs = qs.filter(on_time=True)
    if g.get("handled") == "1":
        qs = qs.filter(stage__in=[Stage.CONCLUDED, Stage.REPLIED, Stage.CLOSED, Stage.FORWARDED])
    if date_field == "received_on":
        qs = qs.filter(duplicate_of__isnull=True) if g.get("from") else qs
    can_edit = _book_units(request.user).exists()
    stage = g.get("buoc")
    if stage in BOARD:  # one stage's petitions as a sorted, paged list
        return render_sorted(
            request,
            "citizens/petition_list.html",
            services.for_list(qs.filter(stage=stage)),
            PETITION_COLUMNS,
            "han",
            {
                "stage": Stage(stage),
                "today": timezone.localdate(),
                "can_edit": can_edit,
                "board": query_without_page(request, "buoc", PARAM),
            },
        )
    counts = dict(qs.order_by().values_list("stage").annotate(n=Count("pk")))
    urgent = services.for_list(qs.order_by("current_due", "-received_on", "pk"))
    columns = [
        (Stage(s).label, s, list(urgent.filter(stage=s)[:BOARD_CARDS]), counts.get(s, 0))
        for s in BOARD
    ]
    return render(
        request,
        "citizens/board.html",
        {
            "columns": columns,
            "count": sum(counts.values()),
            "cards": BOARD_CARDS,
            "today": timezone.localdate(),
            "can_edit": can_edit,
        },
    )


@pages.route("don-thu/moi/")
@login_required
def petition_create(request):
    form = _book_form(
        request.user,
        forms.PetitionForm(request.POST or None, initial={"received_on": timezone.localdate()}),
        "Chỉ cán bộ, lãnh đạo của đơn vị tiếp nhận được vào sổ đơn.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = services.receive_petition(request.user, **form.cleaned_data)
        except DomainError as exc:
            _error(form, exc)
        else:
            if p.duplicate_of_id:
                messages.warning(request, p.note)
            else:
                messages.success(request, "Đã vào sổ đơn.")
            return redirect("citizens:petition_detail", pk=p.pk)
    return render(request, "citizens/form.html", {"form": form, "title": "Vào sổ đơn thư"})


def _assignees(petition):
    User = get_user_model()
    return User.objects.filter(roles__unit_id=petition.unit_id, is_active=True).distinct()


def _action_forms(user, p: Petition) -> dict:
    if not access.can_handle(user, p):
        return {}
    f: dict = {}
    decide = access.can_decide(user, p)
    if p.stage in (Stage.RECEIVED, Stage.CLASSIFIED):
        f["classify"] = forms.ClassifyForm(
            prefix="classify",
            initial={
                "kind": p.kind,
                "eligible": p.eligible is not False,
                "competent": bool(p.competent),
                "complex_case": p.complex_case,
                "very_complex": p.very_complex,
                "remote_area": p.remote_area,
            },
        )
        if decide:
            f["accept"] = forms.OnForm(prefix="accept")
            f["forward"] = forms.ForwardForm(prefix="forward")
    if p.stage in (Stage.ACCEPTED, Stage.ASSIGNED) and decide:
        a = forms.AssignForm(prefix="assign")
        cast(ModelChoiceField, a.fields["assignee"]).queryset = _assignees(p)
        f["assign"] = a
        f["extend"] = forms.ReasonForm(prefix="extend")
        f["conclude"] = forms.DateTextForm(prefix="conclude")
    if p.stage == Stage.ASSIGNED:
        f["verify"] = forms.DateTextForm(prefix="verify")
    if p.stage == Stage.CONCLUDED or (
        p.stage in (Stage.ACCEPTED, Stage.ASSIGNED) and p.kind in (Kind.KIEN_NGHI, Kind.PHAN_ANH)
    ):
        f["reply"] = forms.DateTextForm(prefix="reply")
    if p.stage in (Stage.REPLIED, Stage.CONCLUDED) or (
        p.stage == Stage.CLASSIFIED and p.eligible is False
    ):
        f["close"] = forms.ConfirmForm(prefix="close")
    return f


@pages.route("don-thu/<int:pk>/")
@login_required
def petition_detail(request, pk):
    p = access.get_petition(request.user, pk)
    limit = petition_limits.limit_for(p.kind, "resolve")
    return render(
        request,
        "citizens/petition_detail.html",
        {
            "p": p,
            "person": services.show_person(request.user, p),
            "events": p.events.select_related("user"),
            "actions": _action_forms(request.user, p),
            "limit": limit,
            "process_limit": petition_limits.limit_for(p.kind, "process"),
            "today": timezone.localdate(),
        },
    )


ACTIONS = {
    "classify": (forms.ClassifyForm, services.classify, "Đã phân loại đơn."),
    "accept": (forms.OnForm, services.accept, "Đã thụ lý đơn."),
    "forward": (forms.ForwardForm, services.forward, "Đã chuyển đơn và cấp số công văn."),
    "assign": (forms.AssignForm, services.assign, "Đã giao xác minh."),
    "extend": (forms.ReasonForm, services.extend, "Đã gia hạn giải quyết."),
    "verify": (forms.DateTextForm, services.record_verification, "Đã ghi kết quả xác minh."),
    "conclude": (forms.DateTextForm, services.conclude, "Đã ghi kết luận, quyết định."),
    "reply": (forms.DateTextForm, services.reply, "Đã ghi trả lời công dân."),
    "close": (forms.ConfirmForm, services.close, "Đã kết thúc, lưu hồ sơ."),
}


@pages.route("don-thu/<int:pk>/<str:action>/")
@login_required
@require_POST
def petition_action(request, pk, action):
    p = access.get_petition(request.user, pk)
    if action not in ACTIONS:
        raise Http404()
    form_class, service, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if action == "assign":
        form.fields["assignee"].queryset = _assignees(p)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        messages.error(request, f"Chưa lưu: {first}")
        return redirect("citizens:petition_detail", pk=p.pk)
    data = dict(form.cleaned_data)
    if action in ("verify",):
        data.pop("on", None)
    try:
        service(request.user, p, **data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("citizens:petition_detail", pk=p.pk)


# The deadlines page: one paged, sorted table at a time (overdue, due soon, dialogue
# commitments past due), each tab with its count.
DEADLINE_TABS = {
    "qua_han": "Quá hạn",
    "sap_den_han": "Sắp đến hạn trong 5 ngày làm việc",
    "cam_ket": "Cam kết đối thoại quá hạn",
}
PETITION_DUE_COLUMNS = [
    Column("han", "Hạn", ("current_due",)),
    Column("don", "Đơn", ("pk",)),
    Column("don_vi", "Đơn vị", ("unit__path", "current_due")),
    Column("giai_doan", "Giai đoạn", ("stage", "current_due")),
]
COMMITMENT_COLUMNS = [
    Column("han", "Hạn", ("due_on",)),
    Column("noi_dung", "Nội dung", ("content", "due_on")),
    Column("phu_trach", "Người, nơi thực hiện", ("owner", "due_on")),
]


@pages.route("han-xu-ly/")
@login_required
def deadlines(request):
    qs = access.petitions_for(request.user)
    commitments = services.open_commitments_due(
        Commitment.objects.filter(dialogue__in=access.dialogues_for(request.user))
    ).select_related("dialogue")
    lists = {
        "qua_han": services.for_list(services.overdue(qs)),
        "sap_den_han": services.for_list(services.due_soon(qs)),
        "cam_ket": commitments,
    }
    tab = request.GET.get("nhom") if request.GET.get("nhom") in DEADLINE_TABS else "qua_han"
    columns = COMMITMENT_COLUMNS if tab == "cam_ket" else PETITION_DUE_COLUMNS
    return render_sorted(
        request,
        "citizens/deadlines.html",
        lists[tab],
        columns,
        "han",
        {
            "tabs": [(key, label, lists[key].count()) for key, label in DEADLINE_TABS.items()],
            "tab": tab,
            "today": timezone.localdate(),
        },
    )


@pages.route("thoi-han/")
@login_required
def time_limits(request):
    return render(request, "citizens/time_limits.html", {"limits": petition_limits.LIMITS})


# ----- dialogues ----------------------------------------------------------------------


@pages.route("doi-thoai/")
@login_required
def dialogues(request):
    qs = _filters(request, access.dialogues_for(request.user), "held_on")
    return render_sorted(
        request,
        "citizens/dialogues.html",
        qs.select_related("unit").annotate(commitment_count=Count("commitments")),
        DIALOGUE_COLUMNS,
        "-ngay",
        {"can_edit": _book_units(request.user).exists()},
    )


@pages.route("doi-thoai/moi/")
@login_required
def dialogue_create(request):
    form = _book_form(
        request.user,
        forms.DialogueForm(request.POST or None, initial={"held_on": timezone.localdate()}),
        "Chỉ cán bộ, lãnh đạo của đơn vị được ghi cuộc đối thoại.",
    )
    return _create_page(
        request,
        form,
        dialogue_services.create_dialogue,
        detail="citizens:dialogue_detail",
        title="Ghi cuộc đối thoại",
    )


@pages.route("doi-thoai/<int:pk>/")
@login_required
def dialogue_detail(request, pk):
    d = access.get_dialogue(request.user, pk)
    can_edit = access.can_edit_book(request.user, d.unit)
    form = forms.CommitmentForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn không có quyền thêm cam kết.")
        if form.is_valid():
            try:
                dialogue_services.add_commitment(request.user, d, **form.cleaned_data)
            except DomainError as exc:
                _error(form, exc)
            else:
                messages.success(request, "Đã thêm cam kết.")
                return redirect("citizens:dialogue_detail", pk=d.pk)
    return render(
        request,
        "citizens/dialogue_detail.html",
        {
            "d": d,
            "commitments": d.commitments.all(),
            "form": form if can_edit else None,
            "follow": forms.FollowUpForm() if can_edit else None,
            "today": timezone.localdate(),
        },
    )


@pages.route("cam-ket/<int:pk>/")
@login_required
@require_POST
def commitment_update(request, pk):
    try:
        c = Commitment.objects.select_related("dialogue__unit").get(
            pk=pk, dialogue__in=access.dialogues_for(request.user)
        )
    except (Commitment.DoesNotExist, ValueError):
        raise Http404(access.NOT_FOUND) from None
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            dialogue_services.follow_up(request.user, c, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã cập nhật tình trạng cam kết.")
    else:
        messages.error(request, "Tình trạng không hợp lệ.")
    return redirect("citizens:dialogue_detail", pk=c.dialogue_id)


# ----- the report section -------------------------------------------------------------


def _shown(value) -> str:
    return "—" if value is None else format_number(value, 2 if value % 1 else 0)


@pages.route("bao-cao/")
@login_required
def report_section(request):
    units = list(visible_units(request.user).filter(valid_to__isnull=True))
    if not units:
        raise PermissionDenied("Bạn chưa có đơn vị nào.")
    unit_id = request.GET.get("unit")
    unit = get_unit_for_user(request.user, unit_id) if unit_id and unit_id.isdigit() else units[0]
    year = timezone.localdate().year
    code = request.GET.get("period") or Period.whole_year(year).code
    try:
        period = Period.parse(code)
    except PeriodError:
        period = Period.whole_year(year)
        messages.error(request, "Kỳ báo cáo không hợp lệ; đang hiển thị cả năm.")
    sec = figures.section(unit, period)
    return render(
        request,
        "citizens/report_section.html",
        {
            "section": sec,
            "unit": unit,
            "period": period,
            "units": units,
            "periods": period_choices([year - 1, year]),
            "can_fill": can(request.user, "edit", unit),
            "definitions": [(d, _shown(sec.figures.get(d.code))) for d in figures.INDICATORS],
        },
    )


@pages.route("bao-cao/ghi-so-lieu/")
@login_required
@require_POST
def report_values(request):
    """Record the unit's own figures of the period as its indicator values."""
    unit_id = request.POST.get("unit", "")
    if not unit_id.isdigit():
        raise Http404(access.NOT_FOUND)
    unit = get_unit_for_user(request.user, int(unit_id))
    try:
        period = Period.parse(request.POST.get("period", ""))
    except PeriodError:
        messages.error(request, "Kỳ báo cáo không hợp lệ.")
        return redirect("citizens:report_section")
    try:
        stored, locked = sync.fill_values(request.user, unit, period)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        note = f"; {locked} chỉ tiêu đang khóa trong báo cáo đã gửi, giữ nguyên" if locked else ""
        if stored or locked:
            messages.success(
                request,
                f"Đã ghi {stored} chỉ tiêu vào số liệu báo cáo {period.label.lower()}{note}.",
            )
        else:
            messages.warning(request, "Danh mục chưa có các chỉ tiêu tiếp công dân, đơn thư.")
    return redirect(f"{reverse('citizens:report_section')}?unit={unit.pk}&period={period.code}")
