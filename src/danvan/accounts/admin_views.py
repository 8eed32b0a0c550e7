"""The “Quản trị” pages: the hub, users and their roles. Thin: parse, call a service, render.

Users are looked up through services.get_user_for_admin (404 outside the
admin's reach); account-wide actions on a visible user the admin may not
fully manage answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from danvan.audit.views import history_url
from danvan.core.errors import DomainError
from danvan.orgunits.models import StaffMember
from danvan.orgunits.widgets import picker_context
from danvan.web.actions import Refusal, form_action, posted, run_action, show_refusal
from danvan.web.filters import by_status
from danvan.web.forms import pick
from danvan.web.paging import query_without_page
from danvan.web.sorting import Column, render_sorted

from . import services as svc
from .access import can_admin_site, is_global_admin, scope, visible_units
from .forms import PasswordResetForm, RoleForm, UserCreateForm, UserEditForm
from .models import Role
from .routes import pages
from .search import search_users

USER_TYPE = "auth.user"


def _require_site_admin(request) -> None:
    if not can_admin_site(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống hoặc quản trị đơn vị được vào trang này.")


def _target(request, pk):
    _require_site_admin(request)
    return svc.get_user_for_admin(request.user, pk)


def _managed_target(request, pk):
    target = _target(request, pk)
    if not svc.can_manage_account(request.user, target):
        raise PermissionDenied(
            "Người dùng này còn vai trò ở đơn vị ngoài phạm vi quản trị của bạn."
        )
    return target


@pages.route("quan-tri/")
@login_required
def admin_index(request):
    _require_site_admin(request)
    user = request.user
    units = visible_units(user, "admin")
    staff = scope(StaffMember.objects.filter(active_to__isnull=True), user, "admin")
    return render(
        request,
        "accounts/admin_index.html",
        {
            "unit_count": units.filter(valid_to__isnull=True).count(),
            "staff_count": staff.count(),
            "user_count": svc.manageable_users(user).filter(is_active=True).count(),
            "admin_roots": [r.unit for r in user.roles.filter(kind="admin").select_related("unit")],
            "is_superuser": is_global_admin(user),
        },
    )


USER_COLUMNS = [
    Column("ten_dang_nhap", "Tên đăng nhập", ("username",)),
    Column("ho_ten", "Họ và tên", ("first_name", "last_name", "username")),
    Column("vai_tro", "Vai trò theo đơn vị", ("role_total", "username")),
    Column("tinh_trang", "Tình trạng", ("is_active", "username")),
]


@pages.route("quan-tri/nguoi-dung/")
@login_required
def user_list(request):
    _require_site_admin(request)
    actor = request.user
    qs = svc.manageable_users(actor)
    unit = None
    if request.GET.get("don_vi"):
        unit = visible_units(actor, "admin").filter(pk=request.GET["don_vi"]).first()
        if unit is None:
            raise Http404("Không tìm thấy đơn vị hoặc bạn không có quyền quản trị.")
        qs = qs.filter(roles__unit__path__startswith=unit.path).distinct()
    qs, status = by_status(
        request, qs, {"hoat-dong": Q(is_active=True), "khoa": Q(is_active=False)}, "hoat-dong"
    )
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = search_users(qs, q)
    shown = scope(Role.objects.select_related("unit"), actor, "admin")
    qs = qs.annotate(role_total=Count("roles", distinct=True)).prefetch_related(
        Prefetch("roles", queryset=shown, to_attr="shown_roles")
    )
    return render_sorted(
        request,
        "accounts/user_list.html",
        qs,
        USER_COLUMNS,
        "ten_dang_nhap",
        {
            "unit": unit,
            "unit_picker": picker_context("don_vi", [unit], source="admin"),
            "status": status,
            "q": q,
            "querystring": query_without_page(request),
        },
    )


def _show_password(request, target, password: str, title: str):
    response = render(
        request,
        "accounts/password_shown.html",
        {"target": target, "password": password, "title": title},
    )
    response["Cache-Control"] = "no-store"
    return response


@pages.route("quan-tri/nguoi-dung/them/")
@never_cache
@login_required
def user_create(request):
    _require_site_admin(request)
    actor = request.user
    form = UserCreateForm(
        posted(request),
        units=svc.admin_units(actor),
        role_required=not is_global_admin(actor),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = svc.create_user(
                actor,
                **pick(data, "username full_name email password unit"),
                kind=data["kind"] or "",
            )
        except (DomainError, PermissionDenied) as err:
            form.apply_error(err)
        else:
            messages.success(request, f"Đã tạo người dùng {user.username}.")
            if data["password"]:
                return redirect("accounts:user_detail", pk=user.pk)
            return _show_password(request, user, password, "Đã tạo người dùng")
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": "Thêm người dùng", "submit": "Tạo người dùng"},
    )


def _roles_context(request, target, form=None):
    actor = request.user
    roles = list(svc.visible_roles(actor, target))
    hidden = Role.objects.filter(user=target).count() - len(roles)
    return {
        "target": target,
        "roles": roles,
        "hidden_roles": hidden,
        "role_form": form or RoleForm(units=svc.admin_units(actor)),
    }


@pages.route("quan-tri/nguoi-dung/<int:pk>/")
@login_required
def user_detail(request, pk):
    target = _target(request, pk)
    ctx = _roles_context(request, target)
    ctx.update(
        {
            "can_manage": svc.can_manage_account(request.user, target),
            "history_url": history_url(USER_TYPE, target.pk),
            "actions_url": reverse("audit:user", args=[target.pk]),
        }
    )
    return render(request, "accounts/user_detail.html", ctx)


@pages.route("quan-tri/nguoi-dung/<int:pk>/sua/")
@login_required
def user_edit(request, pk):
    target = _managed_target(request, pk)
    return form_action(
        request,
        UserEditForm(
            posted(request),
            initial={"full_name": target.get_full_name(), "email": target.email},
        ),
        lambda data: svc.update_user(request.user, target, **data),
        success="Đã lưu thông tin người dùng.",
        then=reverse("accounts:user_detail", args=[target.pk]),
        template="accounts/user_form.html",
        context={"target": target, "title": f"Sửa thông tin: {target.username}", "submit": "Lưu"},
    )


def _roles_response(request, target, form=None, status=200):
    if request.htmx:
        return render(
            request, "accounts/_roles.html", _roles_context(request, target, form), status=status
        )
    return redirect("accounts:user_detail", pk=target.pk)


@pages.route("quan-tri/nguoi-dung/<int:pk>/vai-tro/", name="user_role_add")
@login_required
def role_add(request, pk):
    target = _target(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RoleForm(request.POST, units=svc.admin_units(request.user))
    if form.is_valid():
        try:
            role = svc.add_role(
                request.user, target, form.cleaned_data["unit"], form.cleaned_data["kind"]
            )
        except (DomainError, PermissionDenied) as err:
            form.apply_error(err)
        else:
            messages.success(
                request, f"Đã giao vai trò {role.get_kind_display()} – {role.unit.name}."
            )
            return _roles_response(request, target)
    if request.htmx:
        return _roles_response(request, target, form)
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)
    return redirect("accounts:user_detail", pk=target.pk)


@pages.route("quan-tri/nguoi-dung/<int:pk>/vai-tro/<int:role_pk>/go/", name="user_role_remove")
@login_required
def role_remove(request, pk, role_pk):
    target = _target(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    role = svc.visible_roles(request.user, target).filter(pk=role_pk).first()
    if role is None:
        raise Http404("Không tìm thấy vai trò.")
    label = f"{role.get_kind_display()} – {role.unit.name}"
    try:
        svc.remove_role(request.user, role)
    except Refusal as err:
        show_refusal(request, err)
    else:
        messages.success(request, f"Đã gỡ vai trò {label}.")
    return _roles_response(request, target)


@pages.route("quan-tri/nguoi-dung/<int:pk>/mat-khau/", name="user_password_reset")
@never_cache
@login_required
def password_reset(request, pk):
    target = _managed_target(request, pk)
    form = PasswordResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["password"]
        try:
            password = svc.reset_password(request.user, target, typed)
        except (DomainError, PermissionDenied) as err:
            form.apply_error(err)
        else:
            if typed:
                messages.success(request, f"Đã đặt lại mật khẩu cho {target.username}.")
                return redirect("accounts:user_detail", pk=target.pk)
            return _show_password(request, target, password, "Đã đặt lại mật khẩu")
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "target": target,
            "title": f"Đặt lại mật khẩu: {target.username}",
            "intro": "Người dùng nên đổi mật khẩu sau lần đăng nhập đầu tiên.",
            "submit": "Đặt lại mật khẩu",
        },
    )


def _lock_or_unlock(request, pk, change: Callable[[Any, Any], Any], done: str):
    """POST only: lock or unlock (``change``) an account the admin manages; the
    refusal or ``done`` and the account's name on its page."""
    target = _managed_target(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return run_action(
        request,
        lambda: change(request.user, target),
        success=f"{done} {target.username}.",
        then=reverse("accounts:user_detail", args=[target.pk]),
    )


@pages.route("quan-tri/nguoi-dung/<int:pk>/khoa/")
@login_required
def user_deactivate(request, pk):
    return _lock_or_unlock(request, pk, svc.deactivate_user, "Đã khóa tài khoản")


@pages.route("quan-tri/nguoi-dung/<int:pk>/mo-khoa/")
@login_required
def user_activate(request, pk):
    return _lock_or_unlock(request, pk, svc.activate_user, "Đã mở khóa tài khoản")
