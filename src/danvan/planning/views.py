"""Planning pages: movements and the initiative registry, initiatives with
their lifecycle, plans and tasks, the indicator catalogue and targets.
Thin: parse, call one service, render; every lookup through access helpers."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.accounts.access import can, get_for_user, visible_units
from danvan.core.errors import DomainError
from danvan.documents import services as documents_services
from danvan.jobs import exports
from danvan.jobs.pages import job_of
from danvan.orgunits.models import OrgUnit
from danvan.web.actions import create_action, form_action, named_action
from danvan.web.forms import pick
from danvan.web.sorting import SECTION_PARAM, Column, render_sorted, section

from . import forms, services
from .access import (
    can_manage_catalogue,
    can_review_initiative,
    get_initiative,
    get_movement,
    initiatives_for,
    movements_for,
    plans_for,
    targets_for,
)
from .jobs import REGISTRY_KEYS, TARGET_KEYS, asked, registry_rows, target_rows
from .models import Indicator, InitiativeStatus, Plan, PlanTask
from .routes import pages


def _error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _version(request) -> int:
    """The version the edit started from (optimistic concurrency)."""
    return int(request.POST.get("version", 0))


def _without(data: dict, *names: str) -> dict:
    return {k: v for k, v in data.items() if k not in names}


_create_page = partial(create_action, template="planning/form.html")


def _edit_units(user):
    return list(visible_units(user, "edit").filter(valid_to__isnull=True))


PLAN_COLUMNS = [
    Column("nam", "Kỳ", ("year", "unit__path")),
    Column("ten", "Kế hoạch", ("title", "-year")),
    Column("don_vi", "Đơn vị", ("unit__path", "-year")),
    Column("trang_thai", "Trạng thái", ("status", "-year")),
]


@pages.route("")
@login_required
def index(request):
    user = request.user
    return render(
        request,
        "planning/index.html",
        {
            "ds": ds if (ds := request.GET.get(SECTION_PARAM)) in ("ke-hoach", "mo-hinh") else "",
            "plans": section(
                request,
                "ke-hoach",
                plans_for(user).select_related("unit"),
                PLAN_COLUMNS,
                "-nam",
                30,
            ),
            "initiatives": section(
                request,
                "mo-hinh",
                initiatives_for(user).select_related("unit"),
                INITIATIVE_COLUMNS,
                "-nam",
                30,
            ),
            "movements": movements_for(user),
            "can_edit": bool(_edit_units(user)),
            "can_catalogue": can_manage_catalogue(user),
        },
    )


# --- movements and the registry ----------------------------------------------


@pages.route("phong-trao/moi/")
@login_required
def movement_create(request):
    organisers = list(visible_units(request.user, "review"))
    if not organisers:
        raise PermissionDenied("Chỉ cán bộ thẩm định được tạo phong trào thi đua.")
    form = forms.MovementForm(request.POST or None)
    form.fields["organiser"].queryset = visible_units(request.user, "review")
    return _create_page(
        request,
        form,
        services.create_movement,
        detail="planning:movement_detail",
        title="Phát động phong trào thi đua",
    )


INITIATIVE_COLUMNS = [
    Column("nam", "Năm", ("year", "unit__path")),
    Column("don_vi", "Đơn vị", ("unit__path", "-year")),
    Column("ten", "Tên mô hình", ("name",)),
    Column("trang_thai", "Trạng thái", ("status", "-year")),
    Column("dang_ky", "Đăng ký", ("registered_on",)),
]


@pages.route("phong-trao/<int:pk>/")
@login_required
def movement_detail(request, pk):
    movement = get_movement(request.user, pk)
    years = sorted(
        set(initiatives_for(request.user).filter(movement=movement).values_list("year", flat=True)),
        reverse=True,
    )
    year, unit = request.GET.get("year"), request.GET.get("unit")
    qs = registry_rows(request.user, movement, request.GET)
    if request.GET.get("format") == "xlsx":
        params = asked(request.GET, REGISTRY_KEYS)
        return exports.download_or_job(
            request,
            "planning_registry",
            {"movement": movement.pk, **params},
            rows=qs.count(),
            back=reverse("planning:movement_detail", args=[movement.pk])
            + ("?" + urlencode(params) if params else ""),
            title=f"Xuất Excel sổ đăng ký mô hình: {movement}",
        )
    refs = services.movement_references(request.user, movement)
    return render_sorted(
        request,
        "planning/movement_detail.html",
        qs.select_related("unit"),
        INITIATIVE_COLUMNS,
        "-nam",
        {
            "job": job_of(request),
            "movement": movement,
            "years": years,
            "year": year,
            "units": sorted(
                {i.unit for i in initiatives_for(request.user).filter(movement=movement)},
                key=lambda u: u.path,
            ),
            "unit": unit,
            "references": refs,
            "basis_lines": services.other_basis_lines(movement, refs),
            "can_edit_movement": services.can_edit_movement(request.user, movement),
        },
    )


@pages.route("phong-trao/<int:pk>/sua/")
@login_required
def movement_edit(request, pk):
    movement = get_movement(request.user, pk)
    if not services.can_edit_movement(request.user, movement):
        raise PermissionDenied("Chỉ cán bộ thẩm định của cơ quan phát động được sửa phong trào.")
    linked = services.movement_references(request.user, movement)
    posted = request.method == "POST"
    searching = posted and "tim" in request.POST
    form = forms.MovementEditForm(
        request.POST if posted else None,
        instance=movement,
        initial={"legal_references": [r.pk for r in linked]},
    )
    query = (request.POST if posted else request.GET).get("q", "").strip()
    if posted and not searching and form.is_valid():
        d = dict(form.cleaned_data)
        ids = d.pop("legal_references")
        try:
            services.update_movement(request.user, movement, legal_reference_ids=ids, **d)
        except DomainError as exc:
            _error(form, exc)
        else:
            messages.success(request, "Đã lưu phong trào và các văn bản căn cứ.")
            return redirect("planning:movement_detail", pk=movement.pk)
    if posted:
        chosen = {int(i) for i in request.POST.getlist("legal_references") if i.isdigit()}
    else:
        chosen = {r.pk for r in linked}
    candidates = documents_services.references(request.user, {"q": query})[:50]
    shown = {r.pk: r for r in documents_services.references(request.user).filter(pk__in=chosen)}
    for ref in candidates:
        shown.setdefault(ref.pk, ref)
    return render(
        request,
        "planning/movement_edit.html",
        {
            "movement": movement,
            "form": form,
            "query": query,
            "references": list(shown.values()),
            "chosen": chosen,
            "searched": bool(query),
        },
    )


# --- initiatives --------------------------------------------------------------


@pages.route("mo-hinh/moi/")
@login_required
def initiative_create(request):
    units = _edit_units(request.user)
    if not units:
        raise PermissionDenied("Bạn không có quyền đăng ký mô hình.")
    form = forms.InitiativeForm(
        request.POST or None, initial={"unit": getattr(request.unit, "pk", None)}
    )
    form.fields["unit"].queryset = visible_units(request.user, "edit").filter(valid_to__isnull=True)
    form.fields["movement"].queryset = movements_for(request.user)
    return _create_page(
        request,
        form,
        services.register_initiative,
        detail="planning:initiative_detail",
        title="Đăng ký mô hình “Dân vận khéo”",
        success="Đã đăng ký mô hình.",
    )


@pages.route("mo-hinh/<int:pk>/")
@login_required
def initiative_detail(request, pk):
    item = get_initiative(request.user, pk)
    user = request.user
    flow = item.next_statuses()
    labels = dict(InitiativeStatus.choices)
    moves = [
        (status, labels[status])
        for status, right in flow.items()
        if (
            can_review_initiative(user, item) if right == "review" else can(user, "edit", item.unit)
        )
    ]
    return render(
        request,
        "planning/initiative_detail.html",
        {
            "item": item,
            "moves": moves,
            "steps": InitiativeStatus.choices,
            "evaluations": item.evaluations.select_related("author"),
            "targets": item.targets.select_related("indicator"),
            "may_edit": can(user, "edit", item.unit),
            "may_review": can_review_initiative(user, item),
            "eval_form": forms.EvaluationForm(),
            "target_form": forms.InitiativeTargetForm(),
        },
    )


@pages.route("mo-hinh/<int:pk>/sua/")
@login_required
def initiative_edit(request, pk):
    item = get_initiative(request.user, pk, "edit")
    form = forms.InitiativeForm(request.POST or None, instance=item)
    for f in ("movement", "unit"):
        form.fields[f].disabled = True
    return form_action(
        request,
        form,
        lambda data: services.update_initiative(
            request.user, item, version=_version(request), **_without(data, "movement", "unit")
        ),
        success="Đã lưu mô hình.",
        then=reverse("planning:initiative_detail", args=[item.pk]),
        template="planning/form.html",
        context={"title": f"Sửa mô hình: {item.name}", "version": item.version},
    )


@pages.route("mo-hinh/<int:pk>/<str:action>/")
@login_required
@require_POST
def initiative_action(request, pk, action):
    item = get_initiative(request.user, pk)
    user, post = request.user, request.POST
    text, rating = post.get("text", ""), post.get("rating", "")
    return named_action(
        request,
        action,
        {
            "advance": (
                lambda: services.advance_initiative(
                    user, item, post.get("to", ""), text=text, rating=rating
                ),
                "Đã cập nhật trạng thái mô hình.",
            ),
            "comment": (
                lambda: services.comment_initiative(user, item, text, rating),
                "Đã ghi nhận đánh giá.",
            ),
            "target": (
                lambda: services.set_initiative_target(
                    user, item, _posted_indicator(request), post.get("value", "")
                ),
                "Đã lưu chỉ tiêu của mô hình.",
            ),
        },
        reverse("planning:initiative_detail", args=[item.pk]),
    )


def _posted_indicator(request) -> Indicator:
    indicator = Indicator.objects.filter(pk=request.POST.get("indicator") or 0).first()
    if indicator is None:
        raise DomainError("Vui lòng chọn chỉ tiêu.")
    return indicator


# --- plans --------------------------------------------------------------------


@pages.route("ke-hoach/moi/")
@login_required
def plan_create(request):
    if not _edit_units(request.user):
        raise PermissionDenied("Bạn không có quyền lập kế hoạch.")
    form = forms.PlanForm(request.POST or None, initial={"unit": getattr(request.unit, "pk", None)})
    form.fields["unit"].queryset = visible_units(request.user, "edit").filter(valid_to__isnull=True)
    return _create_page(
        request, form, services.create_plan, detail="planning:plan_detail", title="Lập kế hoạch"
    )


def _plan(request, pk, action="view") -> Plan:
    return get_for_user(Plan.objects.select_related("unit"), request.user, pk, action)


@pages.route("ke-hoach/<int:pk>/")
@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    may_edit = can(request.user, "edit", plan.unit)
    form = forms.TaskForm(request.POST or None)
    form.fields["responsible_unit"].queryset = visible_units(request.user).filter(
        path__startswith=plan.unit.path
    )
    if request.method == "POST" and not may_edit:
        raise PermissionDenied()
    return form_action(
        request,
        form,
        lambda data: services.add_task(request.user, plan, **data),
        success="Đã thêm nhiệm vụ.",
        then=reverse("planning:plan_detail", args=[plan.pk]),
        template="planning/plan_detail.html",
        context={
            "plan": plan,
            "tasks": plan.tasks.select_related("responsible_unit"),
            "may_edit": may_edit,
            "may_issue": can(request.user, "approve", plan.unit),
            "statuses": PlanTask._meta.get_field("status").choices,
        },
    )


@pages.route("ke-hoach/<int:pk>/sua/")
@login_required
def plan_edit(request, pk):
    plan = _plan(request, pk, "edit")
    form = forms.PlanForm(request.POST or None, instance=plan, initial={"period": plan.period})
    form.fields["unit"].disabled = True
    return form_action(
        request,
        form,
        lambda data: services.update_plan(
            request.user, plan, version=_version(request), **_without(data, "unit")
        ),
        success=None,
        then=reverse("planning:plan_detail", args=[plan.pk]),
        template="planning/form.html",
        context={"title": "Sửa kế hoạch", "version": plan.version},
    )


@pages.route("ke-hoach/<int:pk>/ban-hanh/")
@login_required
@require_POST
def plan_issue(request, pk):
    plan = _plan(request, pk)
    try:
        services.issue_plan(request.user, plan, number=request.POST.get("number", ""))
        messages.success(request, "Đã ban hành kế hoạch.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("planning:plan_detail", pk=plan.pk)


@pages.route("nhiem-vu/<int:pk>/")
@login_required
@require_POST
def task_update(request, pk):
    task = get_for_user(
        PlanTask.objects.select_related("plan", "plan__unit"),
        request.user,
        pk,
        "view",
        "plan__unit",
    )
    try:
        services.update_task(
            request.user,
            task,
            status=request.POST.get("status", task.status),
            result=request.POST.get("result", task.result),
        )
        messages.success(request, "Đã cập nhật nhiệm vụ.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("planning:plan_detail", pk=task.plan_id)


# --- indicators and targets ------------------------------------------------------


@pages.route("chi-tieu/", name="indicators")
@login_required
def indicator_list(request):
    manage = can_manage_catalogue(request.user)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied("Chỉ cán bộ thẩm định hoặc quản trị được thêm chỉ tiêu.")
        if form.is_valid():
            try:
                services.create_indicator(request.user, **form.cleaned_data)
            except DomainError as exc:
                _error(form, exc)
            else:
                messages.success(request, "Đã thêm chỉ tiêu vào danh mục.")
                return redirect("planning:indicators")
    return render(
        request,
        "planning/indicators.html",
        {
            "indicators": Indicator.objects.select_related("numerator", "denominator"),
            "form": form if manage else None,
        },
    )


@pages.route("chi-tieu/<int:pk>/")
@login_required
def indicator_edit(request, pk):
    if not can_manage_catalogue(request.user):
        raise PermissionDenied("Chỉ cán bộ thẩm định hoặc quản trị được sửa danh mục chỉ tiêu.")
    try:
        indicator = Indicator.objects.get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404() from None
    form = forms.IndicatorForm(request.POST or None, instance=indicator)
    return form_action(
        request,
        form,
        lambda data: services.update_indicator(request.user, Indicator.objects.get(pk=pk), **data),
        success=None,
        then=reverse("planning:indicators"),
        template="planning/form.html",
        context={"title": f"Sửa chỉ tiêu {indicator.code}"},
    )


TARGET_COLUMNS = [
    Column("don_vi", "Đơn vị", ("unit__path", "indicator__code", "-year")),
    Column("chi_tieu", "Chỉ tiêu", ("indicator__code", "unit__path", "-year")),
    Column("ky", "Kỳ", ("-year", "period", "unit__path", "indicator__code")),
    Column("ke_hoach", "Kế hoạch", ("value", "unit__path")),
]


@pages.route("chi-tieu-ke-hoach/")
@login_required
def targets(request):
    user = request.user
    # the units where can_set_target holds (edit or review rights), as one query
    units = OrgUnit.objects.filter(
        Q(pk__in=visible_units(user, "edit")) | Q(pk__in=visible_units(user, "review")),
        valid_to__isnull=True,
    )
    form = forms.TargetForm(request.POST or None, units=units)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                t = services.set_target(
                    user,
                    **pick(d, "indicator unit period value note"),
                )
            except DomainError as exc:
                _error(form, exc)
            else:
                if t.value == 0:
                    messages.warning(
                        request, "Kế hoạch bằng 0: hệ thống sẽ không tính tỷ lệ % so với kế hoạch."
                    )
                messages.success(request, "Đã lưu chỉ tiêu kế hoạch.")
                return redirect(request.get_full_path())
    year = request.GET.get("year")
    qs = target_rows(user, request.GET)
    if request.GET.get("format") == "xlsx":
        params = asked(request.GET, TARGET_KEYS)
        return exports.download_or_job(
            request,
            "planning_targets",
            params,
            rows=qs.count(),
            back=reverse("planning:targets") + ("?" + urlencode(params) if params else ""),
            title="Xuất Excel chỉ tiêu kế hoạch",
        )
    return render_sorted(
        request,
        "planning/targets.html",
        qs.select_related("unit", "indicator"),
        TARGET_COLUMNS,
        "ky",
        {
            "job": job_of(request),
            "form": form if units.exists() else None,
            "year": year,
            "years": sorted(set(targets_for(user).values_list("year", flat=True)), reverse=True),
        },
    )
