"""REST API for users (read) and the caller's own tokens: /api/v1/users/….

A caller sees the users holding a role in the units they may see, and only
those roles. E-mail and account flags are shown to administrators only.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.api_common import (
    ERRORS,
    MSG_NOT_FOUND,
    MSG_TOKEN_MINTS_TOKEN,
    Pagination,
    local,
    responses,
    user_of,
)

from . import access, tokens
from .models import Role, RoleKind
from .search import search_users

PREFIX = "users"
router = Router(tags=["Người dùng"])

User = get_user_model()


class RoleOut(Schema):
    unit_id: int
    unit_name: str
    kind: str = Field(..., description=", ".join(f"{v} ({label})" for v, label in RoleKind.choices))
    kind_label: str


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    roles: list[RoleOut] = Field(..., description="Vai trò ở các đơn vị trong phạm vi xem của bạn")
    email: str | None = Field(None, description="Chỉ hiện với quản trị")
    is_active: bool | None = Field(None, description="Chỉ hiện với quản trị")
    is_superuser: bool | None = Field(None, description="Chỉ hiện với quản trị")
    last_login: dt.datetime | None = Field(None, description="Chỉ hiện với quản trị")


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_superuser: bool
    can_admin_site: bool
    roles: list[RoleOut]
    current_unit_id: int | None = Field(
        None, description="Đơn vị đang làm việc (chọn trên trang web)"
    )


class UserFilters(Schema):
    unit: int | None = Field(None, description="Chỉ người có vai trò trong cây con của đơn vị này")
    role: str | None = Field(None, description="Chỉ người có vai trò này")
    q: str | None = Field(None, description="Tìm theo tên đăng nhập hoặc họ tên")


def _full_name(user) -> str:
    return user.get_full_name() or user.username


def _role(role: Role) -> dict[str, Any]:
    return {
        "unit_id": role.unit_id,
        "unit_name": role.unit.name,
        "kind": role.kind,
        "kind_label": role.get_kind_display(),
    }


def user_data(user, *, roles, admin: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": user.pk,
        "username": user.username,
        "full_name": _full_name(user),
        "roles": [_role(r) for r in roles],
    }
    if admin:
        data.update(
            email=user.email,
            is_active=user.is_active,
            is_superuser=user.is_superuser,
            last_login=local(user.last_login),
        )
    return data


def _visible_roles(caller):
    return access.scope(Role.objects.select_related("unit"), caller, "view", "unit")


def _users(caller, unit=None, role: str | None = None):
    """Users with a role in the caller's scope (all users, for a global admin),
    each with `visible_roles`: their roles in that scope."""
    visible = _visible_roles(caller)
    matching = visible
    if unit is not None:
        matching = matching.filter(unit__path__startswith=unit.path)
    if role:
        matching = matching.filter(kind=role)
    qs = User.objects.all()
    if unit is not None or role or not access.is_global_admin(caller):
        qs = qs.filter(pk__in=matching.values("user_id"))
    return qs.prefetch_related(Prefetch("roles", queryset=visible, to_attr="visible_roles"))


class _UserRows:
    """A lazy list of user dicts, so pagination slices the queryset first."""

    def __init__(self, qs, admin: bool):
        self.qs, self.admin = qs, admin

    def count(self) -> int:
        return self.qs.count()

    def all(self):
        return self

    def __getitem__(self, part: slice):
        return [user_data(u, roles=u.visible_roles, admin=self.admin) for u in self.qs[part]]


@router.get(
    "/",
    response={200: list[UserOut], **ERRORS},
    exclude_none=True,
    summary="Người dùng trong phạm vi xem",
)
@paginate(Pagination)
def list_users(request, filters: Query[UserFilters]):
    caller = user_of(request)
    unit = None if filters.unit is None else access.get_unit_for_user(caller, filters.unit)
    qs = _users(caller, unit, filters.role)
    if filters.q:
        text = filters.q.strip()
        qs = search_users(qs, text)
    return _UserRows(qs.order_by("username", "pk"), access.can_admin_site(caller))


@router.get("/me", response=responses(MeOut, 200, 401), summary="Tài khoản đang dùng")
def me(request):
    user = user_of(request)
    roles = list(Role.objects.filter(user=user).select_related("unit"))
    unit = getattr(request, "unit", None)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": _full_name(user),
        "email": user.email,
        "is_superuser": user.is_superuser,
        "can_admin_site": access.can_admin_site(user),
        "roles": [_role(r) for r in roles],
        "current_unit_id": unit.pk if unit else None,
    }


@router.get(
    "/{user_id}",
    response=responses(UserOut, 200, 401, 404),
    exclude_none=True,
    summary="Một người dùng",
)
def get_user(request, user_id: int):
    caller = user_of(request)
    found = _users(caller).filter(pk=user_id).first()
    if found is None:
        raise Http404(MSG_NOT_FOUND)
    return user_data(found, roles=found.visible_roles, admin=access.can_admin_site(caller))


# -- the caller's own tokens -------------------------------------------------------------


class TokenOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None

    @staticmethod
    def resolve_created_at(obj) -> dt.datetime | None:
        return local(obj.created_at)

    @staticmethod
    def resolve_expires_at(obj) -> dt.datetime | None:
        return local(obj.expires_at)

    @staticmethod
    def resolve_last_used_at(obj) -> dt.datetime | None:
        return local(obj.last_used_at)


class TokenIssuedOut(TokenOut):
    token: str = Field(..., description="Mã truy cập; chỉ hiện một lần, hãy lưu lại ngay")


class TokenIn(Schema):
    name: str = Field(..., max_length=80, description="Tên gợi nhớ, ví dụ chương trình dùng mã")


@router.get("/me/tokens", response=list[TokenOut], summary="Mã truy cập của tôi")
def my_tokens(request):
    return list(tokens.tokens_of(user_of(request)))


@router.post("/me/tokens", response=responses(TokenIssuedOut, 201), summary="Cấp mã truy cập mới")
def issue_my_token(request, payload: TokenIn):
    """Only with a signed-in session: a bearer token cannot mint another token."""
    if getattr(request, "api_token", None) is not None:
        raise PermissionDenied(MSG_TOKEN_MINTS_TOKEN)
    user = user_of(request)
    token, raw = tokens.issue_token(user, user, payload.name)
    token.token = raw  # type: ignore[attr-defined]  # shown this once; only the digest is stored
    return 201, token


@router.delete(
    "/me/tokens/{token_id}", response={204: None, **ERRORS}, summary="Thu hồi mã truy cập"
)
def revoke_my_token(request, token_id: int):
    user = user_of(request)
    token = tokens.tokens_of(user).filter(pk=token_id).first()
    if token is None:
        raise Http404(MSG_NOT_FOUND)
    tokens.revoke_token(user, token)
    return 204, None
