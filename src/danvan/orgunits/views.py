"""Pages of the org tree: units and staff. Thin: parse, call one service, render.

Every lookup goes through the access helpers: an object outside the user's
subtrees is a 404; an object the user may see but not change is a 403.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.accounts.access import (
    can,
    can_admin_site,
    get_for_user,
    get_unit_for_user,
    is_global_admin,
    scope,
    visible_units,
)
from danvan.accounts.models import Role
from danvan.audit.views import history_url
from danvan.core.errors import DomainError
from danvan.web.actions import form_action, page_of_result, posted
from danvan.web.filters import by_status
from danvan.web.forms import pick
from danvan.web.paging import page_of, query_without_page
from danvan.web.sorting import Column, sort

from . import forms
from . import services as svc
from .models import OrgUnit, StaffAssignment, StaffMember, UnitSuccession, search_folded
from .routes import pages
from .widgets import picker_context

UNIT_TYPE = "orgunits.orgunit"
STAFF_TYPE = "orgunits.staffmember"

SUCCESSION_OUT = {
    UnitSuccession.MERGE: "sáp nhập vào",
    UnitSuccession.SPLIT: "chia tách thành",
    UnitSuccession.RENAME: "đổi tên thành",
    UnitSuccession.MOVE: "chuyển thành",
}
SUCCESSION_IN = {
    UnitSuccession.MERGE: "tiếp nhận sáp nhập từ",
    UnitSuccession.SPLIT: "chia tách từ",
    UnitSuccession.RENAME: "đổi tên từ",
    UnitSuccession.MOVE: "chuyển từ",
}


# --- helpers -----------------------------------------------------------------


def _unit_for(request, pk, action: str) -> OrgUnit:
    """The unit if visible (else 404) and the user may `action` it (else 403)."""
    unit = get_unit_for_user(request.user, pk, "view")
    if not can(request.user, action, unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với đơn vị.")
    return unit


def _staff_for(request, pk, action: str) -> StaffMember:
    staff = get_for_user(StaffMember.objects.select_related("unit"), request.user, pk, "view")
    if not can(request.user, action, staff.unit):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với cán bộ.")
    return staff


def _refuse_closed(request, unit: OrgUnit):
    if unit.valid_to is not None:
        messages.error(request, f"Đơn vị “{unit.name}” đã giải thể; không thể thực hiện thao tác.")
        return redirect("orgunits:unit_detail", pk=unit.pk)
    return None


def _history_url(object_type: str, pk) -> str:
    return history_url(object_type, pk)


def _lineage(unit_ids: list[int], visible_ids: set[int]) -> tuple[dict, dict]:
    """Successions out of and into the given units, naming only visible units."""
    out: dict[int, list] = {}
    into: dict[int, list] = {}
    rows = UnitSuccession.objects.filter(
        Q(predecessor_id__in=unit_ids) | Q(successor_id__in=unit_ids)
    ).select_related("predecessor", "successor")
    for s in rows:
        if s.predecessor_id in unit_ids:
            other = s.successor if s.successor_id in visible_ids else None
            out.setdefault(s.predecessor_id, []).append(
                {"label": SUCCESSION_OUT.get(s.kind, s.kind), "unit": other, "on": s.on}
            )
        if s.successor_id in unit_ids:
            other = s.predecessor if s.predecessor_id in visible_ids else None
            into.setdefault(s.successor_id, []).append(
                {"label": SUCCESSION_IN.get(s.kind, s.kind), "unit": other, "on": s.on}
            )
    return out, into


# --- units -------------------------------------------------------------------


TREE_PAGE = 100  # rows per request: the tree page stays small at any province size
SEARCH_PAGE = 50
MAX_LEVEL = 8  # indentation classes lvl-0 … lvl-8 in site.css


def _tree_units(user, qs, hide_closed: bool):
    if hide_closed:
        qs = qs.filter(valid_to__isnull=True)
    children = Q(children__valid_to__isnull=True) if hide_closed else Q()
    return qs.annotate(
        staff_count=Count("staff", filter=Q(staff__active_to__isnull=True), distinct=True),
        child_count=Count("children", filter=children, distinct=True),
    )


def _tree_rows(user, units: list[OrgUnit], level: int) -> list[dict]:
    """Rows of the tree for these units only (never the whole subtree)."""
    ids = [u.pk for u in units]
    admin_ids = set(visible_units(user, "admin").filter(pk__in=ids).values_list("pk", flat=True))
    linked = UnitSuccession.objects.filter(
        Q(predecessor_id__in=ids) | Q(successor_id__in=ids)
    ).values_list("predecessor_id", "successor_id")
    others = {i for pair in linked for i in pair}
    visible_ids = set(visible_units(user).filter(pk__in=others).values_list("pk", flat=True))
    out, into = _lineage(ids, visible_ids)
    return [
        {
            "unit": u,
            "level": level,
            "indent": min(level, MAX_LEVEL),
            "is_admin": u.pk in admin_ids,
            "successions": out.get(u.pk, []),
            "predecessions": into.get(u.pk, []),
        }
        for u in units
    ]


def _level(request) -> int:
    try:
        return max(0, min(int(request.GET.get("cap", 0)), 50))
    except ValueError:
        return 0


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("trang", 1)))
    except ValueError:
        return 1


@pages.route("", name="list")
@login_required
def unit_list(request):
    """The org tree, opened at the tops of the user's scope (their direct
    children shown when there are few tops); deeper levels load on demand
    (unit_children), so the page does not grow with the number of units."""
    user = request.user
    hide_closed = request.GET.get("an_giai_the") == "1"
    query = " ".join(request.GET.get("q", "").split())[:100]
    visible = visible_units(user)
    admin_count = visible_units(user, "admin")[:2].count()
    ctx = {
        "hide_closed": hide_closed,
        "query": query,
        "can_merge": admin_count > 1,
        "can_create_top": is_global_admin(user),
        "total": visible.count(),
    }
    if query:
        found = _tree_units(
            user,
            search_folded(visible, query),
            hide_closed,
        ).select_related("parent")
        page = page_of(request, found.order_by("path"), SEARCH_PAGE)
        ctx.update(rows=_tree_rows(user, list(page), 0), page=page, search=True)
        return render(request, "orgunits/unit_list.html", ctx)
    tops = _tree_units(user, visible.exclude(parent__in=visible), hide_closed).order_by("path")
    page = page_of(request, tops, TREE_PAGE)
    rows = []
    open_tops = len(page) <= 5
    for row in _tree_rows(user, list(page), 0):
        rows.append(row)
        unit = row["unit"]
        if open_tops and unit.child_count:
            row["open"] = True
            kids = _tree_units(user, visible.filter(parent=unit), hide_closed).order_by("path")
            kid_page = Paginator(kids, TREE_PAGE).get_page(1)
            rows += _tree_rows(user, list(kid_page), 1)
            if kid_page.has_next():
                rows.append({"more": unit, "level": 1, "next": 2})
    ctx.update(rows=rows, page=page)
    return render(request, "orgunits/unit_list.html", ctx)


@pages.route("<int:pk>/con/")
@login_required
def unit_children(request, pk):
    """Rows of one unit's children (HTMX): a page of them and a "more" row."""
    user = request.user
    unit = get_unit_for_user(user, pk, "view")
    hide_closed = request.GET.get("an_giai_the") == "1"
    level = _level(request)
    kids = _tree_units(user, visible_units(user).filter(parent=unit), hide_closed)
    page = Paginator(kids.order_by("path"), TREE_PAGE).get_page(_page_number(request))
    rows = _tree_rows(user, list(page), level)
    if page.has_next():
        rows.append({"more": unit, "level": level, "next": page.next_page_number()})
    return render(
        request,
        "orgunits/_tree_rows.html",
        {
            "rows": rows,
            "hide_closed": hide_closed,
            "can_merge": visible_units(user, "admin")[:2].count() > 1,
        },
    )


PICKER_PAGE = 20


@pages.route("tim/")
@login_required
def unit_search(request):
    """Units matching what was typed in a unit picker (HTMX fragment): the
    picker's source resolved against the user, 20 at a time."""
    user = request.user
    source = request.GET.get("nguon", "visible")
    if source == "active":
        units = OrgUnit.objects.filter(valid_to__isnull=True)
    elif source == "admin":
        units = visible_units(user, "admin").filter(valid_to__isnull=True)
    else:
        units = visible_units(user)
    field = request.GET.get("ten", "")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", field):
        field = "don_vi"
    query = " ".join(request.GET.get(f"{field}__tim", request.GET.get("q", "")).split())[:100]
    if query:
        units = search_folded(units, query)
    page = Paginator(
        units.select_related("parent").order_by("depth", "name"), PICKER_PAGE
    ).get_page(1)
    return render(
        request,
        "orgunits/_unit_options.html",
        {
            "page": page,
            "more": page.paginator.count - len(page),
            "field": field,
            "multiple": request.GET.get("nhieu") == "1",
            "query": query,
        },
    )


@pages.route("<int:pk>/")
@login_required
def unit_detail(request, pk):
    user = request.user
    unit = get_unit_for_user(user, pk, "view")
    visible = visible_units(user)
    visible_ids = set(visible.values_list("pk", flat=True))
    out, into = _lineage([unit.pk], visible_ids)
    staff = StaffMember.objects.filter(unit=unit).order_by("active_to", "full_name")
    former_staff = (
        StaffAssignment.objects.filter(unit=unit, end__isnull=False)
        .exclude(staff__unit=unit)
        .select_related("staff")
        .order_by("-end")
    )
    is_admin = can(user, "admin", unit)
    roles = []
    if is_admin:
        roles = list(Role.objects.filter(unit=unit).select_related("user"))
    return render(
        request,
        "orgunits/unit_detail.html",
        {
            "unit": unit,
            "ancestors": [a for a in unit.ancestors() if a.pk in visible_ids],
            "children": unit.children.order_by("valid_to", "name"),
            "staff": staff,
            "former_staff": former_staff,
            "former_names": unit.former_names.all(),
            "successions": out.get(unit.pk, []),
            "predecessions": into.get(unit.pk, []),
            "is_admin": is_admin,
            "can_edit_staff": can(user, "edit", unit),
            "roles": roles,
            "history_url": _history_url(UNIT_TYPE, unit.pk) if can_admin_site(user) else "",
        },
    )


@pages.route("them/")
@pages.route("<int:pk>/them-don-vi/", name="unit_create_child")
@login_required
def unit_create(request, pk=None):
    """A child of unit `pk`, or a top-level unit (global admins only)."""
    if pk is None:
        if not is_global_admin(request.user):
            raise PermissionDenied("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.")
        parent = None
    else:
        parent = _unit_for(request, pk, "admin")
        if response := _refuse_closed(request, parent):
            return response
    initial = {"place_name": parent.place_name if parent else ""}
    title = f"Thêm đơn vị trực thuộc {parent.name}" if parent else "Thêm đơn vị cấp cao nhất"
    return form_action(
        request,
        forms.UnitForm(posted(request), initial=initial),
        lambda data: svc.create_unit(request.user, parent=parent, **data),
        success=lambda unit: f"Đã tạo đơn vị “{unit.name}”.",
        then=page_of_result("orgunits:unit_detail"),
        template="orgunits/unit_form.html",
        context={"title": title, "unit": parent, "submit": "Tạo đơn vị"},
    )


@pages.route("<int:pk>/sua/")
@login_required
def unit_edit(request, pk):
    unit = _unit_for(request, pk, "admin")
    initial = {f: getattr(unit, f) for f in forms.UnitForm.base_fields}
    return form_action(
        request,
        forms.UnitForm(posted(request), initial=initial),
        lambda data: svc.update_unit(request.user, unit, **data),
        success="Đã lưu thông tin đơn vị.",
        then=reverse("orgunits:unit_detail", args=[unit.pk]),
        template="orgunits/unit_form.html",
        context={"title": f"Sửa thông tin: {unit.name}", "unit": unit, "submit": "Lưu"},
    )


@pages.route("<int:pk>/chuyen/")
@login_required
def unit_move(request, pk):
    unit = _unit_for(request, pk, "admin")
    if response := _refuse_closed(request, unit):
        return response
    return form_action(
        request,
        forms.MoveForm(
            posted(request),
            unit=unit,
            choices=visible_units(request.user, "admin"),
            allow_top=is_global_admin(request.user),
            initial={"parent": unit.parent_id},
        ),
        lambda data: svc.move_unit(request.user, unit, data["parent"], data["on"]),
        success=f"Đã chuyển đơn vị “{unit.name}”.",
        then=reverse("orgunits:unit_detail", args=[unit.pk]),
        template="orgunits/unit_action.html",
        context={
            "unit": unit,
            "title": f"Chuyển đơn vị: {unit.name}",
            "intro": "Chọn cơ quan chủ quản mới. Đơn vị trực thuộc và dữ liệu đi theo đơn vị.",
            "submit": "Chuyển đơn vị",
        },
        error_on="",
    )


@pages.route("<int:pk>/giai-the/")
@login_required
def unit_close(request, pk):
    unit = _unit_for(request, pk, "admin")
    if response := _refuse_closed(request, unit):
        return response
    form = forms.CloseForm(posted(request), initial={"on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["on"]
        if unit.valid_from and on < unit.valid_from:
            form.add_error("on", "Ngày giải thể phải sau ngày đơn vị bắt đầu hiệu lực.")
        else:
            try:
                svc.close_unit(request.user, unit, on, form.cleaned_data["note"])
            except DomainError as err:
                form.apply_error(err)
            else:
                messages.success(request, f"Đã giải thể đơn vị “{unit.name}”.")
                return redirect("orgunits:unit_detail", pk=unit.pk)
    return render(
        request,
        "orgunits/unit_action.html",
        {
            "form": form,
            "unit": unit,
            "title": f"Giải thể đơn vị: {unit.name}",
            "intro": "Đơn vị giải thể vẫn được lưu cùng dữ liệu và lịch sử; "
            "chỉ không còn hoạt động từ ngày giải thể.",
            "submit": "Giải thể",
            "danger": True,
        },
    )


@pages.route("<int:pk>/xoa/")
@login_required
def unit_delete(request, pk):
    unit = _unit_for(request, pk, "admin")
    if request.method == "POST":
        name, parent_id = unit.name, unit.parent_id
        try:
            svc.delete_unit(request.user, unit)
        except DomainError as err:
            messages.error(request, err.message)
            return redirect("orgunits:unit_detail", pk=unit.pk)
        messages.success(request, f"Đã xóa đơn vị “{name}”.")
        if parent_id:
            return redirect("orgunits:unit_detail", pk=parent_id)
        return redirect("orgunits:list")
    return render(request, "orgunits/unit_delete.html", {"unit": unit})


@pages.route("sap-nhap/")
@login_required
def unit_merge(request):
    user = request.user
    choices = visible_units(user, "admin")
    if not choices.exists():
        raise PermissionDenied("Bạn không có quyền quản trị đơn vị nào.")
    if request.method == "POST":
        form = forms.MergeForm(request.POST, choices=choices)
    else:
        form = forms.MergeForm(
            choices=choices,
            initial={"units": request.GET.getlist("don_vi"), "on": dt.date.today()},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        units = list(data["units"])
        try:
            if data["mode"] == forms.MERGE_EXISTING:
                into = data["into"]
                units = [u for u in units if u.pk != into.pk]
                successor = svc.merge_units(user, units, into=into, on=data["on"])
            else:
                successor = svc.merge_units(
                    user,
                    units,
                    **pick(data, "on name short_code kind"),
                    place_name=units[0].place_name,
                )
        except (DomainError, PermissionDenied) as err:
            form.apply_error(err)
        else:
            messages.success(
                request,
                f"Đã sáp nhập {len(units)} đơn vị vào “{successor.name}”.",
            )
            return redirect("orgunits:unit_detail", pk=successor.pk)
    return render(request, "orgunits/unit_merge.html", {"form": form})


@pages.route("<int:pk>/chia-tach/")
@login_required
def unit_split(request, pk):
    unit = _unit_for(request, pk, "admin")
    if response := _refuse_closed(request, unit):
        return response
    form = forms.SplitForm(posted(request), initial={"on": dt.date.today()})
    formset = forms.SplitPartFormSet(
        posted(request), prefix="part", initial=[{"kind": unit.kind}] * 3
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            made = svc.split_unit(
                request.user, unit, formset.parts(unit.kind), on=form.cleaned_data["on"]
            )
        except DomainError as err:
            form.add_error(None, err.message)
        else:
            names = ", ".join(f"“{u.name}”" for u in made)
            messages.success(request, f"Đã chia tách “{unit.name}” thành {names}.")
            return redirect("orgunits:unit_detail", pk=unit.pk)
    return render(
        request, "orgunits/unit_split.html", {"form": form, "formset": formset, "unit": unit}
    )


# --- staff -------------------------------------------------------------------


STAFF_COLUMNS = [
    Column("ten", "Họ và tên", ("full_name",)),
    Column("chuc_vu", "Chức vụ", ("position", "full_name")),
    Column("don_vi", "Đơn vị", ("unit__path", "full_name")),
    Column("tinh_trang", "Tình trạng", ("active_to", "full_name")),
]


@pages.route("can-bo/")
@login_required
def staff_list(request):
    user = request.user
    qs = scope(StaffMember.objects.select_related("unit"), user)
    unit = None
    if request.GET.get("don_vi"):
        unit = get_unit_for_user(user, request.GET["don_vi"], "view")
        qs = qs.filter(unit__path__startswith=unit.path)
    qs, status = by_status(
        request, qs, {"dang": Q(active_to__isnull=True), "nghi": Q(active_to__isnull=False)}, "dang"
    )
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = search_folded(qs, q)
    qs, sorting = sort(request, qs, STAFF_COLUMNS, "don_vi")
    page = page_of(request, qs)
    return render(
        request,
        "orgunits/staff_list.html",
        {
            "page": page,
            "sorting": sorting,
            "unit": unit,
            "status": status,
            "q": q,
            "unit_picker": picker_context("don_vi", [unit]),
            "can_create": visible_units(user, "edit").exists(),
            "querystring": query_without_page(request),
        },
    )


@pages.route("can-bo/<int:pk>/")
@login_required
def staff_detail(request, pk):
    staff = _staff_for(request, pk, "view")
    visible_ids = set(visible_units(request.user).values_list("pk", flat=True))
    assignments = [
        {"a": a, "visible": a.unit_id in visible_ids}
        for a in staff.assignments.select_related("unit").order_by("-start", "-pk")
    ]
    return render(
        request,
        "orgunits/staff_detail.html",
        {
            "staff": staff,
            "assignments": assignments,
            "can_edit": can(request.user, "edit", staff.unit),
            "can_delete": can(request.user, "admin", staff.unit),
            "history_url": (
                _history_url(STAFF_TYPE, staff.pk) if can_admin_site(request.user) else ""
            ),
        },
    )


@pages.route("can-bo/them/")
@login_required
def staff_create(request):
    user = request.user
    choices = visible_units(user, "edit")
    if not choices.exists():
        raise PermissionDenied("Bạn không có quyền thêm cán bộ.")
    initial = {}
    if request.GET.get("don_vi"):
        initial["unit"] = _unit_for(request, request.GET["don_vi"], "edit").pk
    return form_action(
        request,
        forms.StaffCreateForm(posted(request), choices=choices, initial=initial),
        lambda data: svc.create_staff(user, **data),
        success=lambda staff: f"Đã thêm cán bộ {staff.full_name}.",
        then=page_of_result("orgunits:staff_detail"),
        template="orgunits/staff_form.html",
        context={"title": "Thêm cán bộ", "submit": "Thêm cán bộ"},
    )


@pages.route("can-bo/<int:pk>/sua/")
@login_required
def staff_edit(request, pk):
    staff = _staff_for(request, pk, "edit")
    initial = {f: getattr(staff, f) for f in forms.StaffForm.base_fields}
    return form_action(
        request,
        forms.StaffForm(posted(request), initial=initial),
        lambda data: svc.update_staff(request.user, staff, **data),
        success="Đã lưu thông tin cán bộ.",
        then=reverse("orgunits:staff_detail", args=[staff.pk]),
        template="orgunits/staff_form.html",
        context={"staff": staff, "title": f"Sửa thông tin: {staff.full_name}", "submit": "Lưu"},
    )


@pages.route("can-bo/<int:pk>/dieu-chuyen/")
@login_required
def staff_transfer(request, pk):
    staff = _staff_for(request, pk, "edit")
    form = forms.TransferForm(
        posted(request),
        choices=visible_units(request.user, "edit"),
        current=staff.unit,
        initial={"on": dt.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        current = staff.assignments.filter(end__isnull=True).order_by("-start").first()
        if current and data["on"] <= current.start:
            form.add_error("on", "Ngày điều chuyển phải sau ngày bắt đầu ở đơn vị hiện tại.")
        else:
            try:
                svc.transfer_staff(request.user, staff, data["to"], data["on"], data["position"])
            except (DomainError, PermissionDenied) as err:
                form.apply_error(err, on_form=True)
            else:
                messages.success(
                    request, f"Đã điều chuyển {staff.full_name} sang {data['to'].name}."
                )
                return redirect("orgunits:staff_detail", pk=staff.pk)
    return render(
        request,
        "orgunits/staff_form.html",
        {
            "form": form,
            "staff": staff,
            "title": f"Điều chuyển cán bộ: {staff.full_name}",
            "intro": f"Hiện công tác tại {staff.unit.name}. Quá trình công tác được lưu lại.",
            "submit": "Điều chuyển",
        },
    )


@pages.route("can-bo/<int:pk>/ket-thuc/")
@login_required
def staff_end(request, pk):
    staff = _staff_for(request, pk, "edit")
    return form_action(
        request,
        forms.EndServiceForm(posted(request), initial={"on": dt.date.today()}),
        lambda data: svc.update_staff(request.user, staff, active_to=data["on"]),
        success=f"Đã ghi nhận {staff.full_name} kết thúc công tác.",
        then=reverse("orgunits:staff_detail", args=[staff.pk]),
        template="orgunits/staff_form.html",
        context={
            "staff": staff,
            "title": f"Kết thúc công tác: {staff.full_name}",
            "intro": "Hồ sơ và quá trình công tác của cán bộ vẫn được lưu.",
            "submit": "Ghi nhận kết thúc công tác",
        },
        error_on="on",
    )


@pages.route("can-bo/<int:pk>/xoa/")
@login_required
def staff_delete(request, pk):
    staff = _staff_for(request, pk, "admin")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name, unit_id = staff.full_name, staff.unit_id
    try:
        svc.delete_staff(request.user, staff)
    except DomainError as err:
        messages.error(request, err.message)
        return redirect("orgunits:staff_detail", pk=staff.pk)
    messages.success(request, f"Đã xóa cán bộ {name}.")
    return redirect("orgunits:unit_detail", pk=unit_id)
