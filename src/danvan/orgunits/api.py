"""REST API for the org tree: /api/v1/orgunits/… and /api/v1/staff/….

Reads go through danvan.accounts.access (out of scope → 404); writes call
danvan.orgunits.services, which check rights (403) and audit.
"""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.accounts import access
from danvan.api_common import (
    ERRORS,
    ObjectActions,
    Pagination,
    UnitRef,
    active_q,
    annotate_parent_visible,
    pick,
    require,
    responses,
    unit_ref,
    user_of,
    visible_ids,
)
from danvan.core.errors import DomainError

from . import services
from .models import OrgUnit, StaffMember, UnitKind, search_folded

units_router = Router(tags=["Đơn vị"])
staff_router = Router(tags=["Cán bộ"])
ROUTERS = [("orgunits", units_router), ("staff", staff_router)]

KIND_HELP = "Loại đơn vị, một trong: " + ", ".join(
    f"{value} ({label})" for value, label in UnitKind.choices
)


# -- schemas -----------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    kind: str = Field(..., description=KIND_HELP)
    kind_label: str
    name: str
    short_code: str
    place_name: str
    parent_id: int | None = Field(
        None, description="Đơn vị cấp trên; null nếu là cấp cao nhất hoặc nằm ngoài phạm vi xem"
    )
    depth: int = Field(..., description="Độ sâu trong cây tổ chức (0: cấp cao nhất)")
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_active: bool

    # Resolvers serve model instances (lists); detail answers are built as dicts.

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj["kind_label"] if isinstance(obj, dict) else obj.get_kind_display()

    @staticmethod
    def resolve_parent_id(obj) -> int | None:
        if isinstance(obj, dict):
            return obj["parent_id"]
        # Only units annotated by annotate_parent_visible() show their parent.
        return obj.parent_id if getattr(obj, "parent_visible", False) else None


class LineageOut(Schema):
    unit: UnitRef
    kind: str = Field(..., description="merge, split, rename hoặc move")
    kind_label: str
    on: dt.date
    note: str


class FormerNameOut(Schema):
    name: str
    short_code: str
    until: dt.date


class UnitDetailOut(UnitOut):
    note: str
    parent: UnitRef | None = Field(None, description="Null nếu ngoài phạm vi xem của bạn")
    ancestors: list[UnitRef] = Field(
        ..., description="Các cấp trên trong phạm vi xem, từ cao xuống thấp"
    )
    children_count: int = Field(..., description="Số đơn vị trực thuộc trong phạm vi xem")
    predecessors: list[LineageOut] = Field(
        ..., description="Đơn vị tiền thân (sáp nhập, chia tách) trong phạm vi xem"
    )
    successors: list[LineageOut] = Field(
        ..., description="Đơn vị kế tục (sáp nhập, chia tách) trong phạm vi xem"
    )
    former_names: list[FormerNameOut]


class UnitFilters(Schema):
    active: bool | None = Field(None, description="true: đang hoạt động; false: đã giải thể")
    kind: str | None = Field(None, description=KIND_HELP)
    under: int | None = Field(None, description="Chỉ lấy đơn vị thuộc cây con của đơn vị này")
    q: str | None = Field(None, description="Tìm theo tên hoặc tên viết tắt")


class UnitCreateIn(Schema):
    parent_id: int | None = Field(None, description="Đơn vị cấp trên; null: cấp cao nhất")
    kind: str = Field(..., description=KIND_HELP)
    name: str = Field(..., max_length=255)
    short_code: str = Field("", max_length=40)
    place_name: str = Field("", max_length=120)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""


class UnitUpdateIn(Schema):
    kind: str | None = Field(None, description=KIND_HELP)
    name: str | None = Field(None, max_length=255)
    short_code: str | None = Field(None, max_length=40)
    place_name: str | None = Field(None, max_length=120)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None


class UnitMoveIn(Schema):
    parent_id: int | None = Field(..., description="Đơn vị cấp trên mới; null: cấp cao nhất")
    on: dt.date | None = Field(None, description="Ngày điều chuyển (mặc định hôm nay)")


class UnitCloseIn(Schema):
    on: dt.date = Field(..., description="Ngày giải thể (hết hiệu lực)")
    note: str = ""


# -- helpers -----------------------------------------------------------------------


def _units(user):
    return annotate_parent_visible(access.visible_units(user, "view"), user)


def _lineage(rows, attr: str, shown: set[int]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        other = getattr(row, attr)
        if other.pk in shown:
            out.append(
                {
                    "unit": unit_ref(other),
                    "kind": row.kind,
                    "kind_label": row.get_kind_display(),
                    "on": row.on,
                    "note": row.note,
                }
            )
    return out


def unit_detail(user, unit: OrgUnit) -> dict[str, Any]:
    """Everything about one unit the caller may see (parents and lineage filtered)."""
    ancestors = unit.ancestors()
    preds = list(unit.predecessions.select_related("predecessor"))
    succs = list(unit.successions.select_related("successor"))
    shown = visible_ids(
        user,
        [a.pk for a in ancestors]
        + [r.predecessor_id for r in preds]
        + [r.successor_id for r in succs],
    )
    parent_shown = unit.parent_id in shown
    children = access.visible_units(user, "view").filter(parent=unit).count()
    return {
        "id": unit.pk,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "name": unit.name,
        "short_code": unit.short_code,
        "place_name": unit.place_name,
        "parent_id": unit.parent_id if parent_shown else None,
        "depth": unit.depth,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "is_active": unit.is_active,
        "note": unit.note,
        "parent": unit_ref(unit.parent) if parent_shown else None,
        "ancestors": [unit_ref(a) for a in ancestors if a.pk in shown],
        "children_count": children,
        "predecessors": _lineage(preds, "predecessor", shown),
        "successors": _lineage(succs, "successor", shown),
        "former_names": [pick(n, "name", "short_code", "until") for n in unit.former_names.all()],
    }


def _parent(user, parent_id: int | None) -> OrgUnit | None:
    return None if parent_id is None else access.get_unit_for_user(user, parent_id)


def _refuse_closed(unit: OrgUnit | None) -> None:
    """As on the pages: a dissolved unit takes no new children, moves or closing."""
    if unit is not None and unit.valid_to is not None:
        raise DomainError(
            f"Đơn vị “{unit.name}” đã giải thể; không thể thực hiện thao tác.", code="closed"
        )


# -- org units ---------------------------------------------------------------------


@units_router.get(
    "/", response={200: list[UnitOut], **ERRORS}, summary="Danh sách đơn vị trong phạm vi xem"
)
@paginate(Pagination)
def list_units(request, filters: Query[UnitFilters]):
    user = user_of(request)
    qs = _units(user)
    if filters.under is not None:
        qs = qs.subtree_of(access.get_unit_for_user(user, filters.under))
    if filters.active is not None:
        qs = qs.filter(active_q("valid_to", filters.active))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = search_folded(qs, filters.q)
    return qs.order_by("path")


units = ObjectActions(units_router, __name__, "/{unit_id}", access.get_unit_for_user, unit_detail)


@units.route("GET", "", responses(UnitDetailOut, 200, 401, 404), "Một đơn vị")
def get_unit(user, unit):
    """Một đơn vị: cấp trên, độ sâu, đơn vị tiền thân và kế tục, tên cũ."""
    return unit


@units_router.get(
    "/{unit_id}/subtree", response={200: list[UnitOut], **ERRORS}, summary="Cây con của một đơn vị"
)
@paginate(Pagination)
def unit_subtree(request, unit_id: int, active: bool | None = None):
    """Đơn vị và mọi đơn vị trực thuộc (nhiều cấp) trong phạm vi xem, theo thứ tự cây."""
    user = user_of(request)
    unit = access.get_unit_for_user(user, unit_id)
    qs = _units(user).subtree_of(unit)
    if active is not None:
        qs = qs.filter(active_q("valid_to", active))
    return qs.order_by("path")


@units_router.post("/", response=responses(UnitDetailOut, 201), summary="Tạo đơn vị")
def create_unit(request, payload: UnitCreateIn):
    user = user_of(request)
    data = payload.dict()
    parent = _parent(user, data.pop("parent_id"))
    require(user, "admin", parent)
    _refuse_closed(parent)
    unit = services.create_unit(user, parent=parent, **data)
    return 201, unit_detail(user, unit)


@units.route("PATCH", "", responses(UnitDetailOut), "Sửa đơn vị")
def update_unit(user, unit, payload: UnitUpdateIn):
    """Chỉ các trường gửi lên được thay đổi. Đổi tên, tên viết tắt được lưu vào lịch sử tên."""
    return services.update_unit(user, unit, **payload.dict(exclude_unset=True))


@units.route("POST", "/move", responses(UnitDetailOut), "Chuyển đơn vị sang cấp trên khác")
def move_unit(user, unit, payload: UnitMoveIn):
    new_parent = _parent(user, payload.parent_id)
    require(user, "admin", unit)
    require(user, "admin", new_parent)
    _refuse_closed(unit)
    _refuse_closed(new_parent)
    return services.move_unit(user, unit, new_parent, payload.on)


@units.route("POST", "/close", responses(UnitDetailOut), "Giải thể đơn vị")
def close_unit(user, unit, payload: UnitCloseIn):
    """Đơn vị không bị xóa: được ghi ngày hết hiệu lực, dữ liệu cũ vẫn còn."""
    require(user, "admin", unit)
    _refuse_closed(unit)
    return services.close_unit(user, unit, payload.on, payload.note)


@units.route("DELETE", "", {204: None, **ERRORS}, "Xóa đơn vị chưa có dữ liệu")
def delete_unit(user, unit):
    services.delete_unit(user, unit)


# -- staff -------------------------------------------------------------------------


class StaffOut(Schema):
    id: int
    full_name: str
    code: str
    birth_date: dt.date | None
    gender: str = Field(..., description="nam, nu hoặc rỗng")
    position: str
    unit: UnitRef
    recruited_on: dt.date | None
    active_from: dt.date | None
    active_to: dt.date | None
    is_active: bool

    @staticmethod
    def resolve_unit(obj) -> dict[str, Any] | None:
        return obj["unit"] if isinstance(obj, dict) else unit_ref(obj.unit)


class AssignmentOut(Schema):
    unit: UnitRef | None = Field(None, description="Null nếu đơn vị nằm ngoài phạm vi xem")
    position: str
    start: dt.date
    end: dt.date | None


class StaffDetailOut(StaffOut):
    assignments: list[AssignmentOut]


class StaffFilters(Schema):
    unit: int | None = Field(None, description="Chỉ cán bộ thuộc đơn vị này (cả cây con)")
    direct: bool = Field(
        False, description="true: chỉ cán bộ trực tiếp của đơn vị, không lấy cây con"
    )
    active: bool | None = Field(None, description="true: đang công tác; false: đã nghỉ")
    q: str | None = Field(None, description="Tìm theo họ tên hoặc mã cán bộ")


Gender = Literal["nam", "nu", ""]


class StaffCreateIn(Schema):
    unit_id: int
    full_name: str = Field(..., max_length=120)
    code: str = Field("", max_length=40)
    birth_date: dt.date | None = None
    gender: Gender = ""
    position: str = Field("", max_length=120)
    recruited_on: dt.date | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class StaffUpdateIn(Schema):
    full_name: str | None = Field(None, max_length=120)
    code: str | None = Field(None, max_length=40)
    birth_date: dt.date | None = None
    gender: Gender | None = None
    position: str | None = Field(None, max_length=120)
    recruited_on: dt.date | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None


class StaffTransferIn(Schema):
    unit_id: int = Field(..., description="Đơn vị chuyển đến")
    on: dt.date = Field(..., description="Ngày bắt đầu công tác ở đơn vị mới")
    position: str = Field("", max_length=120, description="Chức vụ mới (bỏ trống: giữ nguyên)")


def _staff(user):
    return access.scope(StaffMember.objects.select_related("unit"), user, "view", "unit")


def _staff_member(user, pk: int) -> StaffMember:
    return access.get_for_user(_staff(user), user, pk)


def staff_detail(user, staff: StaffMember) -> dict[str, Any]:
    rows = list(staff.assignments.select_related("unit").order_by("start", "pk"))
    shown = visible_ids(user, [r.unit_id for r in rows])
    data = StaffOut.from_orm(staff).model_dump()
    data["assignments"] = [
        {
            "unit": unit_ref(r.unit) if r.unit_id in shown else None,
            "position": r.position,
            "start": r.start,
            "end": r.end,
        }
        for r in rows
    ]
    return data


@staff_router.get(
    "/", response={200: list[StaffOut], **ERRORS}, summary="Danh sách cán bộ trong phạm vi xem"
)
@paginate(Pagination)
def list_staff(request, filters: Query[StaffFilters]):
    user = user_of(request)
    qs = _staff(user)
    if filters.unit is not None:
        unit = access.get_unit_for_user(user, filters.unit)
        qs = qs.filter(unit=unit) if filters.direct else qs.filter(unit__path__startswith=unit.path)
    if filters.active is not None:
        qs = qs.filter(active_q("active_to", filters.active))
    if filters.q:
        qs = search_folded(qs, filters.q)
    return qs.order_by("unit__path", "full_name", "pk")


staff_members = ObjectActions(staff_router, __name__, "/{staff_id}", _staff_member, staff_detail)


@staff_members.route("GET", "", responses(StaffDetailOut, 200, 401, 404), "Một cán bộ")
def get_staff(user, staff):
    """Một cán bộ, kèm quá trình công tác."""
    return staff


@staff_router.post("/", response=responses(StaffDetailOut, 201), summary="Thêm cán bộ")
def create_staff(request, payload: StaffCreateIn):
    user = user_of(request)
    data = payload.dict()
    unit = access.get_unit_for_user(user, data.pop("unit_id"))
    staff = services.create_staff(user, unit=unit, **data)
    return 201, staff_detail(user, staff)


@staff_members.route("PATCH", "", responses(StaffDetailOut), "Sửa cán bộ")
def update_staff(user, staff, payload: StaffUpdateIn):
    return services.update_staff(user, staff, **payload.dict(exclude_unset=True))


@staff_members.route("POST", "/transfer", responses(StaffDetailOut), "Điều chuyển cán bộ")
def transfer_staff(user, staff, payload: StaffTransferIn):
    to = access.get_unit_for_user(user, payload.unit_id)
    return services.transfer_staff(user, staff, to, payload.on, payload.position)


@staff_members.route("DELETE", "", {204: None, **ERRORS}, "Xóa cán bộ")
def delete_staff(user, staff):
    """Chỉ xóa được cán bộ chưa có dữ liệu; nếu đã có, hãy ghi ngày kết thúc công tác."""
    services.delete_staff(user, staff)
