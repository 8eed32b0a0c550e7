"""REST API for the audit log: /api/v1/audit/… (administrators only).

A global administrator sees every entry; a unit administrator sees the
entries of the units in their subtrees.
"""

import datetime as dt
from typing import Any

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.accounts import access
from danvan.api_common import (
    ERRORS,
    Pagination,
    local,
    require_site_admin,
    user_of,
)

from .models import AuditEntry

PREFIX = "audit"
router = Router(tags=["Nhật ký thay đổi"])


class AuditUserOut(Schema):
    id: int
    username: str


class AuditOut(Schema):
    id: int
    at: dt.datetime
    user: AuditUserOut | None = Field(
        None, description="Null: thao tác của hệ thống hoặc dòng lệnh"
    )
    action: str = Field(..., description="create, update, delete hoặc action")
    action_label: str
    verb: str
    object_type: str = Field(..., description="Ví dụ orgunits.orgunit, orgunits.staffmember")
    object_id: str
    object_repr: str
    unit_id: int | None
    changes: dict[str, Any] = Field(..., description="Trường → [giá trị cũ, giá trị mới]")

    @staticmethod
    def resolve_at(obj) -> dt.datetime | None:
        return local(obj.at)

    @staticmethod
    def resolve_action_label(obj) -> str:
        return obj.get_action_display()

    @staticmethod
    def resolve_user(obj) -> dict[str, Any] | None:
        return None if obj.user is None else {"id": obj.user.pk, "username": obj.user.username}


class AuditFilters(Schema):
    object_type: str | None = Field(None, description="Ví dụ orgunits.orgunit")
    object_id: str | None = None
    user: str | None = Field(None, description="Tên đăng nhập người thực hiện")
    unit: int | None = Field(None, description="Chỉ các thay đổi của đơn vị này (cả cây con)")
    action: str | None = Field(None, description="create, update, delete hoặc action")
    date_from: dt.date | None = Field(None, description="Từ ngày (tính cả ngày này)")
    date_to: dt.date | None = Field(None, description="Đến ngày (tính cả ngày này)")


def entries(user):
    """The entries `user` may read: all for a global admin, else those of their units."""
    require_site_admin(user)
    qs = AuditEntry.objects.select_related("user")
    if access.is_global_admin(user):
        return qs
    return qs.filter(unit_id__in=access.visible_units(user, "admin").values("pk"))


@router.get("/", response={200: list[AuditOut], **ERRORS}, summary="Nhật ký thay đổi")
@paginate(Pagination)
def list_entries(request, filters: Query[AuditFilters]):
    """Mới nhất trước. Chỉ quản trị được xem."""
    user = user_of(request)
    qs = entries(user)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type.strip().lower())
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id.strip())
    if filters.user:
        qs = qs.filter(user__username=filters.user.strip())
    if filters.unit is not None:
        unit = access.get_unit_for_user(user, filters.unit, "admin")
        qs = qs.filter(
            unit_id__in=access.visible_units(user, "admin").subtree_of(unit).values("pk")
        )
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    return qs.order_by("-at", "-id")
