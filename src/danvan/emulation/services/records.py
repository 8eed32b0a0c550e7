"""Per-person records: ratings, awards, innovations, discipline, pledges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.rules import (
    COLLECTIVE_TITLES,
    DISCIPLINE_LEVELS,
    INDIVIDUAL_TITLES,
    RATINGS,
    SCOPES,
    TITLES,
    title_label,
)
from danvan.emulation.models import (
    AwardDecision,
    AwardRecord,
    CollectiveRating,
    DisciplinaryAction,
    Innovation,
    PerformanceRating,
)
from danvan.emulation.services.common import _require, _year_ok
from danvan.orgunits.models import OrgUnit, StaffMember

# --- records -----------------------------------------------------------------------


def _require_staff_edit(user, staff: StaffMember) -> None:
    _require(user, "edit", staff.unit, "Bạn không có quyền cập nhật hồ sơ thi đua của cán bộ này.")


def _rating_code(value: str, field: str = "rating") -> str:
    if value not in RATINGS:
        raise DomainError(f"Xếp loại “{value}” không hợp lệ.", field=field)
    return value


@transaction.atomic
def set_rating(
    user,
    staff: StaffMember,
    *,
    year: int,
    rating: str,
    leave_working_days: int | None = None,
    note: str = "",
) -> PerformanceRating:
    """Record (or correct) a person's rating for a year."""
    _require_staff_edit(user, staff)
    year = _year_ok(year)
    rating = _rating_code(rating)
    if leave_working_days is not None and not 0 <= int(leave_working_days) <= 366:
        raise DomainError("Số ngày nghỉ phải từ 0 đến 366.", field="leave_working_days")
    return audit.put(
        user,
        PerformanceRating,
        {"staff": staff, "year": year},
        unit_id=staff.unit_id,
        rating=rating,
        leave_working_days=leave_working_days,
        note=note,
    )


@transaction.atomic
def set_collective_rating(user, unit: OrgUnit, *, year: int, rating: str) -> CollectiveRating:
    _require(user, "edit", unit, "Bạn không có quyền cập nhật xếp loại của tập thể này.")
    year = _year_ok(year)
    rating = _rating_code(rating)
    return audit.put(
        user, CollectiveRating, {"unit": unit, "year": year}, unit_id=unit.pk, rating=rating
    )


def _held(staff: StaffMember | None, collective: OrgUnit | None, title: str, year: int):
    if staff is not None:
        return AwardRecord.objects.filter(staff=staff, title=title, year=year).first()
    return AwardRecord.objects.filter(collective=collective, title=title, year=year).first()


def _already_awarded_message(name: str, record: AwardRecord) -> str:
    where = f" theo Quyết định số {record.decision_number}" if record.decision_number else ""
    return (
        f"{name} đã được tặng {title_label(record.title)} năm {record.year}{where}. "
        "Mỗi thành tích chỉ được khen thưởng một lần (Điều 5 Luật Thi đua, khen thưởng 2022)."
    )


@transaction.atomic
def add_award_record(
    user,
    *,
    staff: StaffMember | None = None,
    collective: OrgUnit | None = None,
    title: str,
    year: int,
    decision_number: str = "",
    decided_on: dt.date | None = None,
    decided_by: str = "",
    decision: AwardDecision | None = None,
    theme_based: bool = False,
) -> AwardRecord:
    """A title or award already held (entered from an earlier decision).

    ``theme_based``: a theme or ad-hoc award, not a basis for a higher one
    (NĐ 152/2025 Điều 4 khoản 3)."""
    if (staff is None) == (collective is None):
        raise DomainError("Cần chọn đúng một cá nhân hoặc một tập thể.")
    unit = staff.unit if staff is not None else collective
    assert unit is not None  # exactly one of staff and collective, checked above
    if decision is None:
        _require(user, "edit", unit, "Bạn không có quyền cập nhật hồ sơ thi đua của đơn vị này.")
    year = _year_ok(year)
    allowed = INDIVIDUAL_TITLES if staff is not None else COLLECTIVE_TITLES
    if title not in TITLES:
        raise DomainError(f"Danh hiệu “{title}” không có trong danh mục.", field="title")
    if title not in allowed:
        who = "cá nhân" if staff is not None else "tập thể"
        raise DomainError(f"{title_label(title)} không dùng cho {who}.", field="title")
    existing = _held(staff, collective, title, year)
    if existing is not None:
        raise DomainError(_already_awarded_message(str(staff or collective), existing), "title")
    record = AwardRecord(
        staff=staff,
        collective=collective,
        unit=unit,
        title=title,
        year=year,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        decision=decision,
        theme_based=theme_based,
    )
    return audit.add(
        user,
        record,
        unit_id=unit.pk,
        taken=DomainError(
            f"{staff or collective} đã được tặng {title_label(title)} năm {year}.", "title"
        ),
    )


@transaction.atomic
def delete_award_record(user, record: AwardRecord) -> None:
    unit = record.staff.unit if record.staff is not None else record.collective
    assert unit is not None  # a record names a person or a collective
    _require(user, "edit", unit, "Bạn không có quyền xóa bản ghi này.")
    if record.decision_id:
        raise DomainError(
            "Danh hiệu này được ghi theo quyết định khen thưởng trong hệ thống; không xóa được ở đây."
        )
    audit.delete(user, record, unit_id=unit.pk)


@transaction.atomic
def add_innovation(
    user,
    staff: StaffMember,
    *,
    title: str,
    year: int,
    scope: str,
    recognised_by: str = "",
    decision_number: str = "",
    applied: bool | None = None,
) -> Innovation:
    _require_staff_edit(user, staff)
    if not (title or "").strip():
        raise DomainError("Vui lòng nhập tên sáng kiến.", field="title")
    if scope not in SCOPES:
        raise DomainError(f"Phạm vi sáng kiến “{scope}” không hợp lệ.", field="scope")
    obj = Innovation(
        staff=staff,
        title=title.strip(),
        year=_year_ok(year),
        scope=scope,
        recognised_by=recognised_by.strip(),
        decision_number=decision_number.strip(),
        applied=applied,
    )
    return audit.add(user, obj, unit_id=staff.unit_id)


@transaction.atomic
def add_discipline(
    user,
    staff: StaffMember,
    *,
    level: str,
    decided_on: dt.date | None,
    effective_until: dt.date | None = None,
    decision_number: str = "",
    note: str = "",
    pending: bool = False,
) -> DisciplinaryAction:
    """A discipline decided, or (pending) being considered or under inspection
    or investigation: NĐ 152/2025 Điều 4 khoản 4 proposes no award meanwhile."""
    _require_staff_edit(user, staff)
    if pending and not level:
        level = ""
    elif level not in DISCIPLINE_LEVELS:
        raise DomainError(f"Hình thức kỷ luật “{level}” không hợp lệ.", field="level")
    if decided_on is None and not pending:
        raise DomainError("Vui lòng nhập ngày quyết định kỷ luật.", field="decided_on")
    if effective_until is not None and decided_on is not None and effective_until < decided_on:
        raise DomainError("Ngày hết hiệu lực phải sau ngày quyết định.", field="effective_until")
    obj = DisciplinaryAction(
        staff=staff,
        level=level,
        pending=bool(pending),
        decided_on=decided_on,
        effective_until=effective_until,
        decision_number=decision_number.strip(),
        note=note.strip(),
    )
    return audit.add(user, obj, unit_id=staff.unit_id)


# What each kind of a person's record takes, for save_person_record.
_PERSON_RECORD_WRITERS: dict[str, tuple[Callable[..., Any], str]] = {
    "rating": (set_rating, "year rating leave_working_days"),
    "award": (add_award_record, "title year decision_number decided_on decided_by theme_based"),
    "innovation": (add_innovation, "title year scope recognised_by decision_number applied"),
    "discipline": (add_discipline, "level decided_on effective_until decision_number note pending"),
}


def save_person_record(user, staff: StaffMember, kind: str, values: dict[str, Any]):
    """One entry of a person's file (rating, award, innovation or discipline),
    from a page's form or an imported sheet alike; a value left out takes the
    writer's default."""
    write, names = _PERSON_RECORD_WRITERS[kind]
    return write(user, staff=staff, **{n: values[n] for n in names.split() if n in values})


_RECORD_MODELS: dict[str, Any] = {
    "rating": PerformanceRating,
    "innovation": Innovation,
    "discipline": DisciplinaryAction,
    "award": AwardRecord,
}


@transaction.atomic
def delete_person_record(user, staff: StaffMember, kind: str, pk) -> None:
    """Remove one of a person's records (a mistaken entry)."""
    model = _RECORD_MODELS.get(kind)
    if model is None:
        raise DomainError("Loại hồ sơ không hợp lệ.")
    obj = model.objects.filter(staff=staff, pk=pk).first()
    if obj is None:
        raise DomainError("Không tìm thấy bản ghi (có thể đã bị xóa).")
    if kind == "award":
        delete_award_record(user, obj)
        return
    _require_staff_edit(user, staff)
    audit.delete(user, obj, unit_id=staff.unit_id)
