"""Users and roles: who may manage whom, and the writes that do it.

A superuser manages everyone. A unit admin (a user with the admin role in a
unit) sees the users holding a role inside their subtrees, and may add or
remove roles inside those subtrees. Account-wide changes (name, e-mail,
password, lock) need more: every role of the target must lie inside the
admin's subtrees, so a unit admin can never take over an account that also
acts for a unit above or beside theirs. Superusers are managed only by
superusers. Passwords never reach the audit log: only the fact of a reset.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError
from danvan.orgunits.models import OrgUnit

from .access import can, can_admin_site, is_global_admin, scope, visible_units
from .models import Role, RoleKind

User = get_user_model()

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,149}$")

# Letters and digits that are hard to confuse when read aloud or copied by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

PASSWORD_MESSAGES = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự.",
    "password_too_common": "Mật khẩu quá phổ biến, dễ bị đoán.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm chữ số.",
    "password_too_similar": "Mật khẩu quá giống tên đăng nhập, họ tên hoặc email.",
}


# --- who manages whom ------------------------------------------------------------


def _require_admin(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or not can_admin_site(actor):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống hoặc quản trị đơn vị được quản lý người dùng."
        )


def admin_units(actor) -> QuerySet[OrgUnit]:
    """The units where `actor` may grant roles (active ones)."""
    return visible_units(actor, "admin").filter(valid_to__isnull=True)


def manageable_users(actor) -> QuerySet:
    """Users the actor may see on the admin pages (holding a role in their subtrees)."""
    if is_global_admin(actor):
        return User.objects.all()
    if not can_admin_site(actor):
        return User.objects.none()
    role_user_ids = scope(Role.objects.all(), actor, "admin").values("user_id")
    return User.objects.filter(pk__in=role_user_ids, is_superuser=False)


def get_user_for_admin(actor, pk):
    """A user the actor may see, else 404 (the user's existence is not disclosed)."""
    try:
        return manageable_users(actor).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy người dùng hoặc bạn không có quyền xem.") from None


def visible_roles(actor, target) -> QuerySet[Role]:
    """The target's roles the actor may see (those inside the actor's subtrees)."""
    qs = Role.objects.filter(user=target).select_related("unit")
    return scope(qs, actor, "admin")


def can_manage_account(actor, target) -> bool:
    """Whether actor may change target's account (name, password, lock)."""
    if is_global_admin(actor):
        return True
    if target.is_superuser or not can_admin_site(actor):
        return False
    roles = list(Role.objects.filter(user=target).select_related("unit"))
    return bool(roles) and all(can(actor, "admin", r.unit) for r in roles)


def _require_account(actor, target) -> None:
    _require_admin(actor)
    if not can_manage_account(actor, target):
        raise PermissionDenied(
            "Người dùng này còn vai trò ở đơn vị ngoài phạm vi quản trị của bạn; "
            "hãy nhờ quản trị cấp trên thực hiện."
        )


def _home_unit_id(target) -> int | None:
    """The unit under which an account-wide change is logged (its top role unit)."""
    role = Role.objects.filter(user=target).select_related("unit").order_by("unit__path").first()
    return role.unit_id if role else None


# --- passwords ---------------------------------------------------------------------


def generate_password(length: int = 12) -> str:
    while True:
        pw = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if (
            any(c.isdigit() for c in pw)
            and any(c.isupper() for c in pw)
            and any(c.islower() for c in pw)
        ):
            return pw


def check_password_strength(password: str, user=None) -> None:
    """Django's validators, with the reasons in Vietnamese (DomainError on 'password')."""
    if not password:
        raise DomainError("Vui lòng nhập mật khẩu.", field="password")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as err:
        reasons = []
        for e in err.error_list:
            template = PASSWORD_MESSAGES.get(e.code or "")
            if template is None:
                reasons.append("Mật khẩu chưa đủ mạnh.")
            else:
                reasons.append(template.format(**(e.params or {})))
        raise DomainError(" ".join(dict.fromkeys(reasons)), field="password") from None


# --- writes --------------------------------------------------------------------------


def _split_name(full_name: str) -> tuple[str, str]:
    """(first_name, last_name) for Django's fields: the whole Vietnamese name goes
    into first_name so get_full_name() prints it in the right order (as the demo does)."""
    return " ".join((full_name or "").split()), ""


def _clean_identity(username: str, full_name: str, email: str) -> tuple[str, str, str]:
    username = (username or "").strip().lower()
    full_name = " ".join((full_name or "").split())
    email = (email or "").strip()
    if not username:
        raise DomainError("Vui lòng nhập tên đăng nhập.", field="username")
    if not USERNAME_RE.match(username):
        raise DomainError(
            "Tên đăng nhập gồm 3–150 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, "
            "gạch ngang; bắt đầu bằng chữ hoặc số.",
            field="username",
        )
    if not full_name:
        raise DomainError("Vui lòng nhập họ và tên.", field="full_name")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError("Địa chỉ email không hợp lệ.", field="email") from None
    return username, full_name, email


def _check_role(actor, unit: OrgUnit | None, kind: str) -> OrgUnit:
    if unit is None:
        raise DomainError("Vui lòng chọn đơn vị cho vai trò.", field="unit")
    if kind not in RoleKind.values:
        raise DomainError("Vai trò không hợp lệ.", field="kind")
    if not can(actor, "admin", unit):
        raise PermissionDenied("Bạn không có quyền quản trị đơn vị đã chọn.")
    if unit.valid_to is not None:
        raise DomainError("Đơn vị đã giải thể; không thể giao vai trò.", field="unit")
    return unit


@transaction.atomic
def create_user(
    actor,
    *,
    username: str,
    full_name: str,
    email: str = "",
    password: str = "",
    unit: OrgUnit | None = None,
    kind: str = "",
) -> tuple[Any, str]:
    """Create an account (and its first role). Returns (user, password).

    The password is generated when none is given; the caller shows it once.
    A unit admin must give the first role (inside their subtrees), so the new
    account is theirs to manage."""
    _require_admin(actor)
    username, full_name, email = _clean_identity(username, full_name, email)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(f"Tên đăng nhập “{username}” đã có người dùng.", field="username")
    if unit is not None or kind or not is_global_admin(actor):
        _check_role(actor, unit, kind)
    first, last = _split_name(full_name)
    user = User(username=username, first_name=first, last_name=last, email=email)
    if password:
        check_password_strength(password, user)
    else:
        password = generate_password()
    user.set_password(password)
    user.save()
    role = None
    if unit is not None:
        role = Role.objects.create(user=user, unit=unit, kind=kind)
    audit.record(
        actor,
        AuditEntry.CREATE,
        user,
        after=audit.snapshot(user, USER_FIELDS),
        unit_id=role.unit_id if role else None,
    )
    if role is not None:
        _audit_role(actor, user, role, added=True)
    return user, password


@transaction.atomic
def update_user(actor, target, *, full_name: str, email: str = "") -> Any:
    _require_account(actor, target)
    _, full_name, email = _clean_identity(target.username, full_name, email)
    target = User.objects.select_for_update().get(pk=target.pk)
    before = audit.snapshot(target, USER_FIELDS)
    target.first_name, target.last_name = _split_name(full_name)
    target.email = email
    target.save(update_fields=["first_name", "last_name", "email"])
    audit.updated(actor, target, before, unit_id=_home_unit_id(target))
    return target


def _audit_role(actor, target, role: Role, *, added: bool) -> None:
    label = f"{role.get_kind_display()} – {role.unit.name}"
    audit.record(
        actor,
        AuditEntry.UPDATE,
        target,
        before={"role": None if added else label},
        after={"role": label if added else None},
        verb="add_role" if added else "remove_role",
        unit_id=role.unit_id,
    )


@transaction.atomic
def add_role(actor, target, unit: OrgUnit | None, kind: str) -> Role:
    _require_admin(actor)
    if not manageable_users(actor).filter(pk=target.pk).exists():
        # A unit admin reaches only accounts already holding a role in their
        # subtrees (accounts they create always do); others stay out of reach.
        raise PermissionDenied("Bạn không có quyền quản lý người dùng này.")
    unit = _check_role(actor, unit, kind)
    if Role.objects.filter(user=target, unit=unit, kind=kind).exists():
        raise DomainError("Người dùng đã có vai trò này ở đơn vị đã chọn.", field="kind")
    role = Role.objects.create(user=target, unit=unit, kind=kind)
    _audit_role(actor, target, role, added=True)
    return role


@transaction.atomic
def remove_role(actor, role: Role) -> None:
    _require_admin(actor)
    if not can(actor, "admin", role.unit):
        raise PermissionDenied("Bạn không có quyền quản trị đơn vị của vai trò này.")
    if role.user_id == actor.pk and role.kind == RoleKind.ADMIN and not is_global_admin(actor):
        raise DomainError("Bạn không thể tự gỡ vai trò quản trị của mình; hãy nhờ quản trị khác.")
    target = role.user
    _audit_role(actor, target, role, added=False)
    role.delete()


@transaction.atomic
def set_roles(actor, target, roles: list[tuple[OrgUnit, str]]) -> list[Role]:
    """Make target's roles inside actor's subtrees exactly `roles`.

    Roles outside the actor's subtrees are left as they are."""
    _require_admin(actor)
    wanted = {(u.pk, k) for u, k in roles}
    for unit, kind in roles:
        _check_role(actor, unit, kind)
    current = list(visible_roles(actor, target))
    have = {(r.unit_id, r.kind) for r in current}
    # Add before removing: removing first could leave the target out of reach.
    for unit, kind in roles:
        if (unit.pk, kind) not in have:
            add_role(actor, target, unit, kind)
            have.add((unit.pk, kind))
    for role in current:
        if (role.unit_id, role.kind) not in wanted:
            remove_role(actor, role)
    return list(Role.objects.filter(user=target).select_related("unit"))


@transaction.atomic
def reset_password(actor, target, new_password: str = "") -> str:
    """Set a new password (typed by the admin, or generated). Returns it, to show once."""
    _require_account(actor, target)
    if new_password:
        check_password_strength(new_password, target)
    else:
        new_password = generate_password()
    target.set_password(new_password)
    target.save(update_fields=["password"])
    audit.record(
        actor,
        AuditEntry.ACTION,
        target,
        before={},
        after={},
        verb="reset_password",
        unit_id=_home_unit_id(target),
    )
    return new_password


@transaction.atomic
def deactivate_user(actor, target) -> Any:
    _require_account(actor, target)
    if target.pk == actor.pk:
        raise DomainError("Bạn không thể tự khóa tài khoản của mình.")
    before = audit.snapshot(target, ["is_active"])
    target.is_active = False
    target.save(update_fields=["is_active"])
    audit.updated(actor, target, before, unit_id=_home_unit_id(target), verb="deactivate")
    return target


@transaction.atomic
def activate_user(actor, target) -> Any:
    _require_account(actor, target)
    before = audit.snapshot(target, ["is_active"])
    target.is_active = True
    target.save(update_fields=["is_active"])
    audit.updated(actor, target, before, unit_id=_home_unit_id(target), verb="activate")
    return target
