"""Writes to the org tree. Each runs in a transaction, checks rights, audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Length, Substr

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.render.model import Issuer

from .models import (
    PATH_STEP,
    OrgUnit,
    StaffAssignment,
    StaffMember,
    UnitKind,
    UnitNameHistory,
    UnitSuccession,
    path_segment,
)
from .signals import unit_moved

UNIT_FIELDS = ("kind", "name", "short_code", "place_name", "valid_from", "valid_to", "note")


# Rights are held in the accounts app, which sits above this one; it plugs its
# checker in at start-up (AccountsConfig.ready) so this app never imports it.
_checker: Callable[[Any, str, OrgUnit | None], bool] | None = None


def set_permission_checker(checker: Callable[[Any, str, OrgUnit | None], bool]) -> None:
    global _checker
    _checker = checker


def _require(user, action: str, unit: OrgUnit | None) -> None:
    if _checker is None or not _checker(user, action, unit):
        if unit is None:
            raise PermissionDenied("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.")
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với đơn vị.")


def _clean_code(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")


def issuer_of(unit: OrgUnit) -> Issuer:
    """The unit as the issuer in a document's header (ND 30/2020): its name, short code,
    the governing body above it, and whether it is a Party body."""
    parent = unit.parent if unit.parent_id else None
    return Issuer(
        name=unit.name,
        short_code=(unit.short_code or "").strip() or None,
        governing_body=parent.name if parent is not None else None,
        party=unit.is_party,
    )


def _check_code_free(parent: OrgUnit | None, code: str, exclude: OrgUnit | None = None) -> None:
    if not code:
        return
    qs = OrgUnit.objects.filter(parent=parent, short_code=code, valid_to__isnull=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise DomainError(
            f"Tên viết tắt “{code}” đã được dùng cho một đơn vị khác cùng cấp.", field="short_code"
        )


def _validate(data: dict[str, Any]) -> None:
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError("Vui lòng nhập tên đơn vị.", field="name")
    if data.get("kind") not in UnitKind.values:
        raise DomainError("Loại đơn vị không hợp lệ.", field="kind")
    vf, vt = data.get("valid_from"), data.get("valid_to")
    if vf and vt and vt < vf:
        raise DomainError("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", field="valid_to")


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent is not None else ""
    unit.path = parent_path + path_segment(unit.pk)
    unit.depth = len(unit.path) // PATH_STEP - 1


@transaction.atomic
def create_unit(user, *, parent: OrgUnit | None, **data: Any) -> OrgUnit:
    _require(user, "admin", parent)
    data = {k: v for k, v in data.items() if k in UNIT_FIELDS}
    data["short_code"] = _clean_code(data.get("short_code", ""))
    data["name"] = (data.get("name") or "").strip()
    _validate(data)
    _check_code_free(parent, data["short_code"])
    try:
        with transaction.atomic():
            unit = OrgUnit.objects.create(parent=parent, **data)
    except IntegrityError:
        raise DomainError("Tên viết tắt đã tồn tại.", field="short_code") from None
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.created(user, unit, unit_id=unit.pk)
    return unit


@transaction.atomic
def update_unit(user, unit: OrgUnit, **data: Any) -> OrgUnit:
    _require(user, "admin", unit)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    merged = {**before, **{k: v for k, v in data.items() if k in UNIT_FIELDS}}
    if "valid_from" in merged and isinstance(merged["valid_from"], str):
        merged["valid_from"] = dt.date.fromisoformat(merged["valid_from"])
    if "valid_to" in merged and isinstance(merged["valid_to"], str):
        merged["valid_to"] = dt.date.fromisoformat(merged["valid_to"])
    merged["short_code"] = _clean_code(merged.get("short_code", ""))
    merged["name"] = (merged.get("name") or "").strip()
    _validate(merged)
    _check_code_free(unit.parent, merged["short_code"], exclude=unit)
    if merged["name"] != unit.name or merged["short_code"] != unit.short_code:
        UnitNameHistory.objects.create(
            unit=unit, name=unit.name, short_code=unit.short_code, until=dt.date.today()
        )
    for k in UNIT_FIELDS:
        setattr(unit, k, merged[k])
    unit.save()
    audit.updated(user, unit, before, unit_id=unit.pk, verb="rename")
    return unit


def _repath_subtree(unit: OrgUnit, old_path: str) -> None:
    """Rewrite the paths of unit's descendants after unit.path changed."""
    start = len(old_path) + 1
    OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", start)),
        depth=(Length(Concat(Value(unit.path), Substr("path", start))) / PATH_STEP) - 1,
    )


@transaction.atomic
def move_unit(
    user, unit: OrgUnit, new_parent: OrgUnit | None, on: dt.date | None = None
) -> OrgUnit:
    _require(user, "admin", unit)
    _require(user, "admin", new_parent)
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise DomainError("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")
    _check_code_free(new_parent, unit.short_code, exclude=unit)
    before = audit.snapshot(unit, ["parent_id", "path"])
    old_path = unit.path
    unit.parent = new_parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    _repath_subtree(unit, old_path)
    unit_moved.send(sender=OrgUnit, unit=unit, old_path=old_path)
    audit.updated(user, unit, before, unit_id=unit.pk, verb="move")
    return unit


@transaction.atomic
def close_unit(user, unit: OrgUnit, on: dt.date, note: str = "") -> OrgUnit:
    _require(user, "admin", unit)
    if unit.children.filter(valid_to__isnull=True).exists():
        raise DomainError(
            "Đơn vị còn đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc giải thể chúng trước."
        )
    if StaffMember.objects.filter(unit=unit, active_to__isnull=True).exists():
        raise DomainError("Đơn vị còn cán bộ đang công tác; hãy điều chuyển cán bộ trước.")
    before = audit.snapshot(unit, ["valid_to", "note"])
    unit.valid_to = on
    if note:
        unit.note = (unit.note + "\n" + note).strip()
    unit.save(update_fields=["valid_to", "note"])
    audit.updated(user, unit, before, unit_id=unit.pk, verb="close")
    return unit


@transaction.atomic
def merge_units(
    user, units: list[OrgUnit], *, into: OrgUnit | None = None, on: dt.date, **new_data: Any
) -> OrgUnit:
    """Merge `units` into `into` (an existing unit) or into a new unit.

    The merged units are closed on `on`, re-parented under the successor as
    historical units (so their data stays inside its subtree), their active
    staff and children move to the successor, and the lineage is recorded.
    """
    if len(units) < 2 and into is None:
        raise DomainError("Cần chọn ít nhất hai đơn vị để sáp nhập.")
    for u in units:
        _require(user, "admin", u)
    if into is None:
        parent = units[0].parent
        successor = create_unit(user, parent=parent, valid_from=on, **new_data)
    else:
        _require(user, "admin", into)
        successor = into
    for u in units:
        if u.pk == successor.pk:
            continue
        if successor.path.startswith(u.path):
            raise DomainError("Không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó.")
        for child in u.children.filter(valid_to__isnull=True):
            move_unit(user, child, successor, on)
        _transfer_staff(user, u, successor, on)
        u.refresh_from_db()
        before = audit.snapshot(u, ["valid_to", "parent_id"])
        u.valid_to = on - dt.timedelta(days=1)
        u.save(update_fields=["valid_to"])
        move_unit(user, u, successor, on)
        UnitSuccession.objects.create(
            predecessor=u, successor=successor, kind=UnitSuccession.MERGE, on=on
        )
        audit.updated(user, u, before, unit_id=u.pk, verb="merge", extra={"into": successor.pk})
    return successor


@transaction.atomic
def split_unit(user, unit: OrgUnit, parts: list[dict[str, Any]], *, on: dt.date) -> list[OrgUnit]:
    """Split `unit` into new units (same parent). The old unit is closed; each new
    unit records it as predecessor, so its data stays reachable from each of them."""
    _require(user, "admin", unit)
    if len(parts) < 2:
        raise DomainError("Chia tách cần ít nhất hai đơn vị mới.")
    successors = [create_unit(user, parent=unit.parent, valid_from=on, **p) for p in parts]
    for child in unit.children.filter(valid_to__isnull=True):
        move_unit(user, child, successors[0], on)
    _transfer_staff(user, unit, successors[0], on)
    audit.change(
        user,
        unit,
        {"valid_to": on - dt.timedelta(days=1)},
        unit_id=unit.pk,
        verb="split",
        extra={"into": [s.pk for s in successors]},
    )
    for s in successors:
        UnitSuccession.objects.create(
            predecessor=unit, successor=s, kind=UnitSuccession.SPLIT, on=on
        )
    return successors


def _has_data(unit: OrgUnit) -> bool:
    """Whether any other table refers to the unit (reports, values, documents...)."""
    for rel in unit._meta.related_objects:
        if rel.related_model in (UnitNameHistory,):
            continue
        accessor = rel.get_accessor_name()
        if accessor and getattr(unit, accessor).exists():
            return True
    return False


@transaction.atomic
def delete_unit(user, unit: OrgUnit) -> None:
    _require(user, "admin", unit)
    if unit.children.exists():
        raise DomainError("Không thể xóa đơn vị còn đơn vị trực thuộc.")
    if unit.staff.exists() or unit.assignments.exists():
        raise DomainError(
            "Không thể xóa đơn vị còn cán bộ; hãy điều chuyển cán bộ hoặc giải thể đơn vị."
        )
    if _has_data(unit):
        raise DomainError(
            "Không thể xóa đơn vị đã có dữ liệu; hãy dùng chức năng giải thể (đóng) đơn vị."
        )
    audit.delete(user, unit, unit_id=unit.pk)


STAFF_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "position",
    "recruited_on",
    "active_from",
    "active_to",
    "code",
)


EARLIEST_BIRTH = dt.date(1900, 1, 1)


def birth_date_error(born: dt.date | None) -> str | None:
    """Why ``born`` cannot be a birth date (before 1900 or in the future), or None."""
    if born is None:
        return None
    if born < EARLIEST_BIRTH or born > dt.date.today():
        return (
            f"Ngày sinh phải trong khoảng từ 01/01/1900 đến hôm nay "
            f"(đã nhập {born.day:02d}/{born.month:02d}/{born.year})."
        )
    return None


def _validate_staff(data: dict[str, Any]) -> None:
    if not (data.get("full_name") or "").strip():
        raise DomainError("Vui lòng nhập họ và tên.", field="full_name")
    if (msg := birth_date_error(data.get("birth_date"))) is not None:
        raise DomainError(msg, field="birth_date")
    af, at = data.get("active_from"), data.get("active_to")
    if af and at and at < af:
        raise DomainError("Ngày kết thúc công tác phải sau ngày bắt đầu.", field="active_to")


@transaction.atomic
def create_staff(user, *, unit: OrgUnit, **data: Any) -> StaffMember:
    _require(user, "edit", unit)
    data = {k: v for k, v in data.items() if k in STAFF_FIELDS}
    data["full_name"] = (data.get("full_name") or "").strip()
    _validate_staff(data)
    staff = audit.add(user, StaffMember(unit=unit, **data), unit_id=unit.pk)
    StaffAssignment.objects.create(
        staff=staff,
        unit=unit,
        position=staff.position,
        start=staff.active_from or staff.recruited_on or dt.date.today(),
    )
    return staff


@transaction.atomic
def update_staff(user, staff: StaffMember, **data: Any) -> StaffMember:
    _require(user, "edit", staff.unit)
    before = audit.snapshot(staff, STAFF_FIELDS)
    # Start from the live values, not the snapshot: the snapshot holds dates as text.
    current = {k: getattr(staff, k) for k in STAFF_FIELDS}
    merged = {**current, **{k: v for k, v in data.items() if k in STAFF_FIELDS}}
    merged["full_name"] = (merged.get("full_name") or "").strip()
    _validate_staff(merged)
    for k in STAFF_FIELDS:
        setattr(staff, k, merged[k])
    staff.save()
    if staff.active_to:
        staff.assignments.filter(end__isnull=True).update(end=staff.active_to)
    audit.updated(user, staff, before, unit_id=staff.unit_id)
    return staff


@transaction.atomic
def transfer_staff(
    user, staff: StaffMember, to: OrgUnit, on: dt.date, position: str = ""
) -> StaffMember:
    _require(user, "edit", staff.unit)
    _require(user, "edit", to)
    before = audit.snapshot(staff, ["unit_id", "position"])
    staff.assignments.filter(end__isnull=True).update(end=on - dt.timedelta(days=1))
    staff.unit = to
    if position:
        staff.position = position
    staff.save(update_fields=["unit", "position"])
    StaffAssignment.objects.create(staff=staff, unit=to, position=staff.position, start=on)
    audit.updated(user, staff, before, unit_id=to.pk, verb="transfer")
    return staff


def _transfer_staff(user, src: OrgUnit, dst: OrgUnit, on: dt.date) -> None:
    for staff in StaffMember.objects.filter(unit=src, active_to__isnull=True):
        before = audit.snapshot(staff, ["unit_id"])
        staff.assignments.filter(end__isnull=True).update(end=on - dt.timedelta(days=1))
        staff.unit = dst
        staff.save(update_fields=["unit"])
        StaffAssignment.objects.create(staff=staff, unit=dst, position=staff.position, start=on)
        audit.updated(user, staff, before, unit_id=dst.pk, verb="transfer")


@transaction.atomic
def delete_staff(user, staff: StaffMember) -> None:
    _require(user, "admin", staff.unit)
    if _staff_has_data(staff):
        raise DomainError(
            "Không thể xóa cán bộ đã có hồ sơ thi đua hoặc dữ liệu; hãy ghi ngày kết thúc công tác."
        )
    audit.delete(user, staff, unit_id=staff.unit_id)


def _staff_has_data(staff: StaffMember) -> bool:
    for rel in staff._meta.related_objects:
        if rel.related_model is StaffAssignment:
            continue
        accessor = rel.get_accessor_name()
        if accessor and getattr(staff, accessor).exists():
            return True
    return False
