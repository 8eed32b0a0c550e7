"""Writes and scoped reads of the emulation app.

Each write runs in a transaction, checks rights through the access helpers,
writes the audit log and raises DomainError (Vietnamese) or PermissionDenied.
The engine (danvan.core.rules) decides eligibility and quotas; these
functions only build its scenario from the records and keep its answers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.dates import format_date_short
from danvan.core.errors import DomainError
from danvan.core.render import SpecError, build_symbol
from danvan.core.rules import (
    AUTHORITIES,
    COLLECTIVE_TITLES,
    DISCIPLINE_LEVELS,
    INDIVIDUAL_TITLES,
    RATINGS,
    SCOPES,
    TITLES,
    Outcome,
    Result,
    ScenarioError,
    authority_status,
    evaluate,
    regime_for_year,
    suggest,
    title_label,
)
from danvan.core.rules.serialize import check_to_json
from danvan.orgunits.models import OrgUnit, StaffMember

from .models import (
    CLOSED_STATUSES,
    AwardDecision,
    AwardRecord,
    AwardRound,
    CollectiveRating,
    DisciplinaryAction,
    DisclosureComment,
    EmulationPledge,
    Innovation,
    Nomination,
    NominationStatus,
    PerformanceRating,
    QuotaRule,
    RoundKind,
)
from .scenario import Built, build_for_round, engine_config, live_nominations, round_staff

S = NominationStatus


def today() -> dt.date:
    return dt.date.today()


def _require(user, action: str, unit: OrgUnit, message: str) -> None:
    if not access.can(user, action, unit):
        raise PermissionDenied(message)


def _year_ok(year: int, field: str = "year") -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError("Năm không hợp lệ.", field=field) from None
    if not 2000 <= year <= today().year + 1:
        raise DomainError(f"Năm {year} nằm ngoài khoảng cho phép (2000–{today().year + 1}).", field)
    return year


# --- scoped reads ------------------------------------------------------------------


def rounds_for_user(user, action: str = "view") -> QuerySet[AwardRound]:
    return access.scope(AwardRound.objects.select_related("unit", "deciding_unit"), user, action)


def get_round_for_user(user, pk, action: str = "view") -> AwardRound:
    return access.get_for_user(
        AwardRound.objects.select_related("unit", "deciding_unit"), user, pk, action
    )


def get_nomination_for_user(user, pk, action: str = "view") -> Nomination:
    return access.get_for_user(
        Nomination.objects.select_related(
            "round", "round__unit", "round__deciding_unit", "staff", "staff__unit", "collective"
        ),
        user,
        pk,
        action,
    )


def get_decision_for_user(user, pk, action: str = "view") -> AwardDecision:
    return access.get_for_user(
        AwardDecision.objects.select_related("round", "issuer", "unit"), user, pk, action
    )


def get_staff_for_user(user, pk, action: str = "view") -> StaffMember:
    return access.get_for_user(StaffMember.objects.select_related("unit"), user, pk, action)


def staff_for_user(user) -> QuerySet[StaffMember]:
    return access.scope(StaffMember.objects.select_related("unit"), user)


def decisions_for_user(user) -> QuerySet[AwardDecision]:
    return access.scope(AwardDecision.objects.select_related("issuer", "unit", "round"), user)


def nominations_for_user(user) -> QuerySet[Nomination]:
    return access.scope(
        Nomination.objects.select_related("round", "staff", "collective", "unit"), user
    )


def quotas_for_user(user) -> QuerySet[QuotaRule]:
    """Quotas set by units in scope, and by the deciding units of rounds in scope
    (an officer sees the caps that apply to their own round)."""
    deciding = rounds_for_user(user).values("deciding_unit_id")
    q = access.unit_q(user, "view", "unit")
    qs = QuotaRule.objects.select_related("unit")
    if q is None:
        return qs
    return qs.filter(q | Q(unit_id__in=deciding))


def person_records(staff: StaffMember) -> dict[str, Any]:
    """Everything the engine reads about a person, newest first."""
    return {
        "ratings": list(staff.ratings.all()),
        "awards": list(staff.award_records.select_related("unit")),
        "innovations": list(staff.innovations.all()),
        "discipline": list(staff.discipline.all()),
        "nominations": list(staff.nominations.select_related("round").order_by("-year", "-pk")),
    }


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
    obj = PerformanceRating.objects.filter(staff=staff, year=year).first()
    if obj is None:
        obj = PerformanceRating.objects.create(
            staff=staff,
            year=year,
            rating=rating,
            leave_working_days=leave_working_days,
            note=note,
        )
        audit.created(user, obj, unit_id=staff.unit_id)
        return obj
    before = audit.snapshot(obj)
    obj.rating, obj.leave_working_days, obj.note = rating, leave_working_days, note
    obj.save()
    audit.updated(user, obj, before, unit_id=staff.unit_id)
    return obj


@transaction.atomic
def set_collective_rating(user, unit: OrgUnit, *, year: int, rating: str) -> CollectiveRating:
    _require(user, "edit", unit, "Bạn không có quyền cập nhật xếp loại của tập thể này.")
    year = _year_ok(year)
    rating = _rating_code(rating)
    obj = CollectiveRating.objects.filter(unit=unit, year=year).first()
    if obj is None:
        obj = CollectiveRating.objects.create(unit=unit, year=year, rating=rating)
        audit.created(user, obj, unit_id=unit.pk)
        return obj
    before = audit.snapshot(obj)
    obj.rating = rating
    obj.save()
    audit.updated(user, obj, before, unit_id=unit.pk)
    return obj


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
) -> AwardRecord:
    """A title or award already held (entered from an earlier decision)."""
    if (staff is None) == (collective is None):
        raise DomainError("Cần chọn đúng một cá nhân hoặc một tập thể.")
    unit = staff.unit if staff is not None else collective
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
    try:
        with transaction.atomic():
            record = AwardRecord.objects.create(
                staff=staff,
                collective=collective,
                unit=unit,
                title=title,
                year=year,
                decision_number=decision_number.strip(),
                decided_on=decided_on,
                decided_by=decided_by.strip(),
                decision=decision,
            )
    except IntegrityError:
        raise DomainError(
            f"{staff or collective} đã được tặng {title_label(title)} năm {year}.", "title"
        ) from None
    audit.created(user, record, unit_id=unit.pk)
    return record


@transaction.atomic
def delete_award_record(user, record: AwardRecord) -> None:
    unit = record.staff.unit if record.staff_id else record.collective
    _require(user, "edit", unit, "Bạn không có quyền xóa bản ghi này.")
    if record.decision_id:
        raise DomainError(
            "Danh hiệu này được ghi theo quyết định khen thưởng trong hệ thống; không xóa được ở đây."
        )
    before = audit.snapshot(record)
    audit.deleted(user, record, before, unit_id=unit.pk)
    record.delete()


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
    obj = Innovation.objects.create(
        staff=staff,
        title=title.strip(),
        year=_year_ok(year),
        scope=scope,
        recognised_by=recognised_by.strip(),
        decision_number=decision_number.strip(),
        applied=applied,
    )
    audit.created(user, obj, unit_id=staff.unit_id)
    return obj


@transaction.atomic
def add_discipline(
    user,
    staff: StaffMember,
    *,
    level: str,
    decided_on: dt.date,
    effective_until: dt.date | None = None,
    decision_number: str = "",
    note: str = "",
) -> DisciplinaryAction:
    _require_staff_edit(user, staff)
    if level not in DISCIPLINE_LEVELS:
        raise DomainError(f"Hình thức kỷ luật “{level}” không hợp lệ.", field="level")
    if decided_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định kỷ luật.", field="decided_on")
    if effective_until is not None and effective_until < decided_on:
        raise DomainError("Ngày hết hiệu lực phải sau ngày quyết định.", field="effective_until")
    obj = DisciplinaryAction.objects.create(
        staff=staff,
        level=level,
        decided_on=decided_on,
        effective_until=effective_until,
        decision_number=decision_number.strip(),
        note=note.strip(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.created(user, obj, unit_id=staff.unit_id)
    return obj


_RECORD_MODELS = {
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
    before = audit.snapshot(obj)
    audit.deleted(user, obj, before, unit_id=staff.unit_id)
    obj.delete()


# --- rounds and quotas -------------------------------------------------------------


@transaction.atomic
def create_round(
    user,
    *,
    unit: OrgUnit,
    year: int,
    deciding_unit: OrgUnit,
    authority: str = "giam_doc_so",
    kind: str = RoundKind.ANNUAL,
    name: str = "",
    approval_threshold: Decimal | int = Decimal("50"),
    disclosure_days: int = 5,
) -> AwardRound:
    _require(user, "edit", unit, "Bạn không có quyền mở đợt xét khen thưởng cho đơn vị này.")
    year = _year_ok(year)
    if kind not in RoundKind.values:
        raise DomainError("Loại đợt không hợp lệ.", field="kind")
    if authority not in AUTHORITIES:
        raise DomainError("Thẩm quyền quyết định không hợp lệ.", field="authority")
    if not unit.is_within(deciding_unit):
        raise DomainError(
            "Cơ quan quyết định phải là chính đơn vị hoặc cơ quan cấp trên của đơn vị.",
            field="deciding_unit",
        )
    threshold = Decimal(str(approval_threshold))
    if not Decimal("0") < threshold <= Decimal("100"):
        raise DomainError(
            "Tỷ lệ đồng ý tối thiểu phải trong khoảng (0; 100] %.", "approval_threshold"
        )
    if not 1 <= int(disclosure_days) <= 60:
        raise DomainError("Số ngày công khai phải từ 1 đến 60.", field="disclosure_days")
    if (
        kind == RoundKind.ANNUAL
        and AwardRound.objects.filter(unit=unit, year=year, kind=RoundKind.ANNUAL).exists()
    ):
        raise DomainError(
            f"{unit.name} đã có đợt xét khen thưởng hằng năm cho năm {year}.", field="year"
        )
    name = (name or "").strip() or (
        f"Xét khen thưởng năm {year}"
        if kind == RoundKind.ANNUAL
        else f"Khen thưởng đột xuất năm {year}"
    )
    rnd = AwardRound.objects.create(
        unit=unit,
        year=year,
        kind=kind,
        name=name,
        deciding_unit=deciding_unit,
        authority=authority,
        approval_threshold=threshold,
        disclosure_days=int(disclosure_days),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.created(user, rnd, unit_id=unit.pk)
    return rnd


def _require_quota_rights(user, unit: OrgUnit) -> None:
    if not (access.can(user, "review", unit) or access.can(user, "approve", unit)):
        raise PermissionDenied("Chỉ cơ quan quyết định khen thưởng được đặt hạn mức.")


@transaction.atomic
def set_quota(
    user,
    *,
    unit: OrgUnit,
    year: int,
    title: str,
    max_percent_of: str = "",
    percent: Decimal | None = None,
    max_count: int | None = None,
    basis: str = "",
) -> QuotaRule:
    _require_quota_rights(user, unit)
    year = _year_ok(year)
    if title not in TITLES:
        raise DomainError(f"Danh hiệu “{title}” không có trong danh mục.", field="title")
    if max_percent_of and max_percent_of not in TITLES:
        raise DomainError("Danh hiệu làm cơ sở tính tỷ lệ không hợp lệ.", field="max_percent_of")
    if (percent is None) != (not max_percent_of):
        raise DomainError(
            "Hạn mức theo tỷ lệ cần cả tỷ lệ (%) và danh hiệu làm cơ sở tính.", field="percent"
        )
    if percent is not None and not Decimal("0") <= Decimal(percent) <= Decimal("100"):
        raise DomainError("Tỷ lệ phải từ 0 đến 100%.", field="percent")
    if percent is None and max_count is None:
        raise DomainError("Cần nhập tỷ lệ tối đa hoặc số lượng tối đa.", field="max_count")
    quota = QuotaRule.objects.create(
        unit=unit,
        year=year,
        title=title,
        max_percent_of=max_percent_of or "",
        percent=percent,
        max_count=max_count,
        basis=basis.strip(),
    )
    audit.created(user, quota, unit_id=unit.pk)
    return quota


@transaction.atomic
def delete_quota(user, quota: QuotaRule) -> None:
    _require_quota_rights(user, quota.unit)
    before = audit.snapshot(quota)
    audit.deleted(user, quota, before, unit_id=quota.unit_id)
    quota.delete()


# --- subjects ----------------------------------------------------------------------


def _check_subject(
    rnd: AwardRound, staff: StaffMember | None, collective: OrgUnit | None, title: str
) -> None:
    """A nomination's subject and title suit the round (Vietnamese errors)."""
    if (staff is None) == (collective is None):
        raise DomainError("Cần chọn đúng một cá nhân hoặc một tập thể.", field="subject")
    if title not in TITLES:
        raise DomainError(f"Danh hiệu “{title}” không có trong danh mục.", field="title")
    if staff is not None:
        if title not in INDIVIDUAL_TITLES:
            raise DomainError(
                f"{title_label(title)} là danh hiệu tập thể, không đề nghị cho cá nhân.", "title"
            )
        if not staff.unit.is_within(rnd.unit):
            raise DomainError(
                f"{staff.full_name} không thuộc {rnd.unit.name} (hiện công tác tại "
                f"{staff.unit.name}); đơn vị nơi người đó công tác mới được đề nghị.",
                field="subject",
            )
        if staff.active_to is not None and staff.active_to < today():
            raise DomainError(
                f"{staff.full_name} đã thôi công tác từ ngày {format_date_short(staff.active_to)}; "
                "không thể đề nghị khen thưởng trong đợt này.",
                field="subject",
            )
    else:
        assert collective is not None
        if title not in COLLECTIVE_TITLES:
            raise DomainError(
                f"{title_label(title)} là danh hiệu cá nhân, không đề nghị cho tập thể.", "title"
            )
        if not collective.is_within(rnd.unit):
            raise DomainError(f"{collective.name} không thuộc {rnd.unit.name}.", field="subject")
        if not collective.is_active:
            raise DomainError(f"{collective.name} đã giải thể hoặc hết hiệu lực.", field="subject")


def _check_authority(rnd: AwardRound, title: str) -> None:
    regime = regime_for_year(rnd.year)
    if regime is None:
        raise DomainError(f"Chưa có quy định khen thưởng áp dụng cho năm {rnd.year}.", "year")
    on = dt.date(rnd.year, 12, 31)
    outcome, grant = authority_status(rnd.authority, title, regime.id, on)
    # Refused only when the notes confirm the powers (or they had ended): a
    # title missing from an unconfirmed list is left to the engine ("unknown").
    expired = grant is not None and grant.valid_to is not None and on > grant.valid_to
    if outcome is Outcome.FAIL and grant is not None and (grant.basis.confirmed or expired):
        who = AUTHORITIES[rnd.authority]
        raise DomainError(
            f"{who} không có thẩm quyền tặng {title_label(title)} ({grant.basis.text()}). "
            "Hãy đề nghị trong đợt của cơ quan có thẩm quyền.",
            field="title",
        )


def _check_not_duplicate(
    rnd: AwardRound, staff: StaffMember | None, collective: OrgUnit | None, title: str
) -> None:
    name = str(staff or collective)
    held = _held(staff, collective, title, rnd.year)
    if held is not None:
        raise DomainError(_already_awarded_message(name, held), field="title")
    subject = Q(staff=staff) if staff is not None else Q(collective=collective)
    other = (
        Nomination.objects.filter(subject, title=title, year=rnd.year)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("round")
        .first()
    )
    if other is not None:
        where = "trong đợt này" if other.round_id == rnd.pk else f"trong “{other.round.name}”"
        raise DomainError(
            f"{name} đã có đề nghị {title_label(title)} năm {rnd.year} {where} "
            f"(trạng thái: {other.get_status_display().lower()}). Không tạo đề nghị trùng.",
            field="title",
        )


def _require_round_editable(rnd: AwardRound) -> None:
    if rnd.submitted_on is not None:
        raise DomainError("Đợt này đã trình cấp trên; không thêm hoặc sửa đề nghị được nữa.")


@transaction.atomic
def add_pledge(
    user,
    rnd: AwardRound,
    *,
    staff: StaffMember | None = None,
    collective: OrgUnit | None = None,
    title: str,
    note: str = "",
) -> EmulationPledge:
    _require(user, "edit", rnd.unit, "Bạn không có quyền đăng ký thi đua cho đơn vị này.")
    _check_subject(rnd, staff, collective, title)
    subject = Q(staff=staff) if staff is not None else Q(collective=collective)
    if rnd.pledges.filter(subject, title=title).exists():
        raise DomainError(f"{staff or collective} đã đăng ký {title_label(title)} trong đợt này.")
    pledge = EmulationPledge.objects.create(
        round=rnd, unit=rnd.unit, staff=staff, collective=collective, title=title, note=note.strip()
    )
    audit.created(user, pledge, unit_id=rnd.unit_id)
    return pledge


@transaction.atomic
def delete_pledge(user, pledge: EmulationPledge) -> None:
    _require(user, "edit", pledge.unit, "Bạn không có quyền sửa đăng ký thi đua của đơn vị này.")
    before = audit.snapshot(pledge)
    audit.deleted(user, pledge, before, unit_id=pledge.unit_id)
    pledge.delete()


@transaction.atomic
def nominate(
    user,
    rnd: AwardRound,
    *,
    staff: StaffMember | None = None,
    collective: OrgUnit | None = None,
    title: str,
    achievement: str = "",
) -> Nomination:
    """A draft nomination; refused for a person who left or is not in the unit,
    a title the round's authority cannot grant, or a duplicate."""
    _require(user, "edit", rnd.unit, "Bạn không có quyền lập đề nghị khen thưởng cho đơn vị này.")
    _require_round_editable(rnd)
    _check_subject(rnd, staff, collective, title)
    _check_authority(rnd, title)
    _check_not_duplicate(rnd, staff, collective, title)
    nomination = Nomination.objects.create(
        round=rnd,
        unit=rnd.unit,
        staff=staff,
        collective=collective,
        title=title,
        year=rnd.year,
        achievement=(achievement or "").strip(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.created(user, nomination, unit_id=rnd.unit_id)
    return nomination


def subject_from_key(rnd: AwardRound, key: str) -> tuple[StaffMember | None, OrgUnit | None]:
    """'p12' / 'u5' → the staff member or unit, looked up inside the round's unit."""
    key = (key or "").strip()
    try:
        kind, pk = key[0], int(key[1:])
    except (IndexError, ValueError):
        raise DomainError("Chưa chọn cá nhân hoặc tập thể.", field="subject") from None
    if kind == "p":
        staff = StaffMember.objects.select_related("unit").filter(pk=pk).first()
        if staff is None or not staff.unit.is_within(rnd.unit):
            raise DomainError("Cá nhân không thuộc đơn vị của đợt này.", field="subject")
        return staff, None
    if kind == "u":
        unit = OrgUnit.objects.filter(pk=pk).first()
        if unit is None or not unit.is_within(rnd.unit):
            raise DomainError("Tập thể không thuộc đơn vị của đợt này.", field="subject")
        return None, unit
    raise DomainError("Chưa chọn cá nhân hoặc tập thể.", field="subject")


@transaction.atomic
def nominate_many(user, rnd: AwardRound, items: list[tuple[str, str]]) -> list[Nomination]:
    """Several nominations at once (from the suggestions); all or nothing."""
    if not items:
        raise DomainError("Chưa chọn đề nghị nào.")
    made = []
    for key, title in items:
        staff, collective = subject_from_key(rnd, key)
        made.append(nominate(user, rnd, staff=staff, collective=collective, title=title))
    return made


@transaction.atomic
def delete_nomination(user, nomination: Nomination) -> None:
    rnd = nomination.round
    _require(user, "edit", rnd.unit, "Bạn không có quyền xóa đề nghị của đơn vị này.")
    if nomination.status not in (S.DRAFT, S.REJECTED):
        raise DomainError(
            "Chỉ xóa được đề nghị dự kiến hoặc bị Hội đồng không thông qua; "
            "đề nghị đã trình thì đơn vị rút lại."
        )
    before = audit.snapshot(nomination)
    audit.deleted(user, nomination, before, unit_id=rnd.unit_id)
    nomination.delete()


# --- engine ------------------------------------------------------------------------


@dataclass
class Evaluation:
    """The engine's answer for a round's live nominations, keyed back to them."""

    built: Built
    result: Result
    by_nomination: dict[int, Any] = field(default_factory=dict)

    @property
    def quotas(self):
        return self.result.quotas

    @property
    def failed_quotas(self):
        return [q for q in self.result.quotas if q.result is Outcome.FAIL]


def _run_engine(built: Built) -> Result:
    try:
        return evaluate(built.scenario, engine_config())
    except ScenarioError as exc:
        raise DomainError(f"Không kiểm tra được tiêu chuẩn: {exc.message} ({exc.field}).") from None


def evaluate_round(rnd: AwardRound, statuses=None) -> Evaluation:
    noms = live_nominations(rnd, statuses)
    built = build_for_round(rnd, noms)
    result = _run_engine(built)
    ev = Evaluation(built, result)
    for nom, res in zip(noms, result.nominations, strict=True):
        ev.by_nomination[nom.pk] = res
    return ev


def _store_checks(nomination: Nomination, res) -> None:
    nomination.checks = [check_to_json(c) for c in res.checks]
    nomination.eligible = res.eligible


@dataclass
class SuggestionRow:
    subject: str
    name: str
    unit_name: str
    title: str
    label: str
    eligible: bool
    checks: list[dict]
    missing: list[dict]
    is_collective: bool
    nominated: bool = False
    pledged: bool = False


def round_suggestions(rnd: AwardRound) -> list[SuggestionRow]:
    """Who the engine finds eligible this year (with reasons), and the near
    misses (with what is missing); marks those already nominated or pledged."""
    built = build_for_round(rnd, nominations=[])
    try:
        found = suggest(built.scenario, engine_config())
    except ScenarioError as exc:
        raise DomainError(f"Không lập được gợi ý: {exc.message} ({exc.field}).") from None
    nominated = {
        (n.subject_key, n.title) for n in rnd.nominations.exclude(status__in=CLOSED_STATUSES)
    }
    pledged = {
        (f"u{p.collective_id}" if p.collective_id else f"p{p.staff_id}", p.title)
        for p in rnd.pledges.all()
    }
    rows = []
    for s in found:
        obj = built.staff.get(s.subject) or built.units.get(s.subject)
        is_collective = s.subject.startswith("u")
        unit_name = obj.name if is_collective else obj.unit.name  # type: ignore[union-attr]
        rows.append(
            SuggestionRow(
                subject=s.subject,
                name=built.name(s.subject),
                unit_name=unit_name,
                title=s.title,
                label=title_label(s.title),
                eligible=s.eligible,
                checks=[check_to_json(c) for c in s.checks],
                missing=[check_to_json(c) for c in s.missing],
                is_collective=is_collective,
                nominated=(s.subject, s.title) in nominated,
                pledged=(s.subject, s.title) in pledged,
            )
        )
    order = {code: i for i, code in enumerate(TITLES)}
    rows.sort(key=lambda r: (not r.eligible, order[r.title], r.is_collective, r.name))
    return rows


# --- council, disclosure, submission -----------------------------------------------


def approval_percent(votes_for: int, present: int) -> Decimal:
    if present <= 0:
        return Decimal("0")
    return (Decimal(votes_for) * 100 / Decimal(present)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@transaction.atomic
def record_council_vote(
    user,
    rnd: AwardRound,
    *,
    held_on: dt.date,
    members: int,
    present: int,
    votes: dict[int, tuple[int, int]],
) -> list[Nomination]:
    """The council's vote on the round's nominations: for each nomination id,
    (votes for, votes against). Passed when for/present ≥ the round's threshold."""
    _require(
        user,
        "council",
        rnd.unit,
        "Chỉ thư ký hoặc lãnh đạo Hội đồng thi đua – khen thưởng được ghi kết quả bỏ phiếu.",
    )
    if rnd.disclosure_start is not None:
        raise DomainError("Danh sách đã được công khai; không ghi lại kết quả bỏ phiếu được nữa.")
    if held_on is None:
        raise DomainError("Vui lòng nhập ngày họp Hội đồng.", field="held_on")
    if held_on > today():
        raise DomainError("Ngày họp Hội đồng không thể sau ngày hôm nay.", field="held_on")
    if members is None or members < 1:
        raise DomainError("Số thành viên Hội đồng phải lớn hơn 0.", field="members")
    if present is None or not 1 <= present <= members:
        raise DomainError(
            f"Số thành viên dự họp phải từ 1 đến {members} (số thành viên Hội đồng).", "present"
        )
    if present * 2 <= members:
        raise DomainError(
            f"Chỉ {present}/{members} thành viên dự họp: cần quá nửa số thành viên Hội đồng.",
            field="present",
        )
    if not votes:
        raise DomainError("Chưa có đề nghị nào để bỏ phiếu.")
    noms = {
        n.pk: n
        for n in rnd.nominations.filter(
            pk__in=list(votes), status__in=(S.DRAFT, S.COUNCIL_VOTED, S.REJECTED)
        ).select_related("staff", "collective")
    }
    done = []
    for pk, (yes, no) in votes.items():
        nom = noms.get(pk)
        if nom is None:
            raise DomainError(
                "Có đề nghị không còn ở trạng thái chờ Hội đồng xét; hãy tải lại trang."
            )
        if yes is None or no is None or yes < 0 or no < 0:
            raise DomainError(f"{nom}: số phiếu phải là số không âm.", field="votes")
        if yes + no > present:
            raise DomainError(
                f"{nom}: {yes} phiếu đồng ý và {no} phiếu không đồng ý vượt {present} "
                "thành viên dự họp.",
                field="votes",
            )
        before = audit.snapshot(nom, ["status", "votes_for", "votes_against", "approval_percent"])
        nom.votes_for, nom.votes_against = yes, no
        nom.approval_percent = approval_percent(yes, present)
        nom.status = (
            S.COUNCIL_VOTED if nom.approval_percent >= rnd.approval_threshold else S.REJECTED
        )
        nom.save(update_fields=["votes_for", "votes_against", "approval_percent", "status"])
        audit.updated(user, nom, before, unit_id=rnd.unit_id, verb="council_vote")
        done.append(nom)
    before = audit.snapshot(rnd, ["council_members", "council_present", "council_held_on"])
    rnd.council_members, rnd.council_present, rnd.council_held_on = members, present, held_on
    rnd.save(update_fields=["council_members", "council_present", "council_held_on"])
    audit.updated(user, rnd, before, unit_id=rnd.unit_id, verb="council_vote")
    return done


def disclosure_open(rnd: AwardRound, on: dt.date | None = None) -> bool:
    on = on or today()
    return (
        rnd.disclosure_start is not None
        and rnd.disclosure_end is not None
        and rnd.disclosure_start <= on <= rnd.disclosure_end
    )


@transaction.atomic
def open_disclosure(user, rnd: AwardRound, on: dt.date | None = None) -> AwardRound:
    """Publish the proposals the council passed, for comments within the unit."""
    _require(user, "edit", rnd.unit, "Bạn không có quyền công khai danh sách của đơn vị này.")
    if rnd.disclosure_start is not None:
        raise DomainError("Danh sách đã được công khai.")
    passed = list(rnd.nominations.filter(status=S.COUNCIL_VOTED))
    if not passed:
        raise DomainError("Chưa có đề nghị nào được Hội đồng thông qua để công khai.")
    on = on or today()
    before = audit.snapshot(rnd, ["disclosure_start", "disclosure_end"])
    rnd.disclosure_start = on
    rnd.disclosure_end = on + dt.timedelta(days=rnd.disclosure_days - 1)
    rnd.save(update_fields=["disclosure_start", "disclosure_end"])
    audit.updated(user, rnd, before, unit_id=rnd.unit_id, verb="disclose")
    for nom in passed:
        nom.status = S.DISCLOSED
        nom.save(update_fields=["status"])
    return rnd


@transaction.atomic
def add_comment(
    user,
    rnd: AwardRound,
    text: str,
    nomination: Nomination | None = None,
    on: dt.date | None = None,
) -> DisclosureComment:
    """A comment on the disclosed list, from someone of the unit, during the period."""
    _require(user, "view", rnd.unit, "Bạn không có quyền góp ý danh sách của đơn vị này.")
    if not disclosure_open(rnd, on):
        if rnd.disclosure_start is None:
            raise DomainError("Danh sách chưa được công khai.")
        raise DomainError(
            f"Thời hạn góp ý đã kết thúc ngày {format_date_short(rnd.disclosure_end)}."
        )
    text = (text or "").strip()
    if not text:
        raise DomainError("Vui lòng nhập nội dung góp ý.", field="text")
    if nomination is not None and nomination.round_id != rnd.pk:
        raise DomainError("Đề nghị không thuộc đợt này.", field="nomination")
    comment = DisclosureComment.objects.create(
        round=rnd, unit=rnd.unit, nomination=nomination, author=user, text=text[:4000]
    )
    audit.created(user, comment, unit_id=rnd.unit_id)
    return comment


def submission_problems(
    rnd: AwardRound, on: dt.date | None = None
) -> tuple[list[str], Evaluation | None]:
    """Why the round cannot be submitted yet (empty: it can), and the engine's answer."""
    on = on or today()
    problems: list[str] = []
    if rnd.submitted_on is not None:
        return ["Đợt này đã được trình cấp trên."], None
    if rnd.disclosure_start is None:
        return ["Danh sách chưa được công khai để lấy ý kiến."], None
    if on <= rnd.disclosure_end:
        problems.append(
            f"Chưa hết thời hạn công khai (đến hết ngày {format_date_short(rnd.disclosure_end)})."
        )
    ev = evaluate_round(rnd, statuses=(S.DISCLOSED,))
    if not ev.built.nominations:
        problems.append("Không có đề nghị nào đã công khai để trình.")
    for quota in ev.failed_quotas:
        problems.append(f"Vượt hạn mức: {quota.message}.")
    for nom in ev.built.nominations:
        res = ev.by_nomination[nom.pk]
        failing = [c for c in res.checks if c.result is Outcome.FAIL]
        if failing:
            why = "; ".join(c.message for c in failing)
            problems.append(f"{nom.subject_name} – {nom.get_title_display()}: {why}.")
    return problems, ev


@transaction.atomic
def submit_round(user, rnd: AwardRound, on: dt.date | None = None) -> list[Nomination]:
    """The head sends the disclosed proposals up (Tờ trình and lists); blocked by
    an open disclosure period, an exceeded quota or a failing criterion."""
    _require(user, "approve", rnd.unit, "Chỉ lãnh đạo đơn vị được ký trình đề nghị khen thưởng.")
    rnd = AwardRound.objects.select_for_update().get(pk=rnd.pk)
    problems, ev = submission_problems(rnd, on)
    if problems:
        raise DomainError("Chưa trình được: " + " ".join(problems))
    assert ev is not None
    sent = []
    for nom in ev.built.nominations:
        _store_checks(nom, ev.by_nomination[nom.pk])
        nom.status = S.SUBMITTED
        nom.save(update_fields=["checks", "eligible", "status"])
        sent.append(nom)
    before = audit.snapshot(rnd, ["submitted_on", "submitted_by_id"])
    rnd.submitted_on = on or today()
    rnd.submitted_by = user
    rnd.save(update_fields=["submitted_on", "submitted_by"])
    audit.updated(
        user,
        rnd,
        before,
        unit_id=rnd.unit_id,
        verb="submit",
        extra={"nominations": [n.pk for n in sent]},
    )
    return sent


RECALLABLE = (S.COUNCIL_VOTED, S.DISCLOSED, S.SUBMITTED)


@transaction.atomic
def recall_nomination(user, nomination: Nomination, reason: str = "") -> Nomination:
    """The unit withdraws a nomination it has passed, disclosed or submitted,
    as long as the superior has not appraised it (e.g. to keep within a quota)."""
    rnd = nomination.round
    _require(user, "approve", rnd.unit, "Chỉ lãnh đạo đơn vị được rút đề nghị.")
    if nomination.status not in RECALLABLE:
        raise DomainError(
            "Chỉ rút được đề nghị đã được Hội đồng thông qua, đang công khai hoặc đã trình "
            f"mà chưa được thẩm định (hiện: {nomination.get_status_display().lower()})."
        )
    before = audit.snapshot(nomination, ["status", "return_reason"])
    nomination.status = S.RECALLED
    nomination.return_reason = (reason or "").strip()
    nomination.save(update_fields=["status", "return_reason"])
    audit.updated(user, nomination, before, unit_id=rnd.unit_id, verb="recall")
    return nomination


def _require_review(user, rnd: AwardRound) -> None:
    _require(
        user,
        "review",
        rnd.deciding_unit,
        "Chỉ cán bộ thẩm định của cơ quan quyết định khen thưởng được thẩm định đề nghị.",
    )


def recheck(nomination: Nomination):
    """The engine's answer for one nomination now, seen with the round's others."""
    ev = evaluate_round(nomination.round, statuses=(S.SUBMITTED, S.APPRAISED))
    return ev.by_nomination.get(nomination.pk), ev


@transaction.atomic
def appraise_nomination(
    user, nomination: Nomination, *, accept: bool, note: str = ""
) -> Nomination:
    """Thẩm định: accept (after the engine re-checks) or return with a reason."""
    rnd = nomination.round
    _require_review(user, rnd)
    if nomination.status != S.SUBMITTED:
        raise DomainError(
            f"Đề nghị đang ở trạng thái “{nomination.get_status_display()}”, không thẩm định được."
        )
    note = (note or "").strip()
    before = audit.snapshot(nomination, ["status", "return_reason", "appraisal_note", "eligible"])
    if accept:
        res, _ev = recheck(nomination)
        failing = [c for c in res.checks if c.result is Outcome.FAIL] if res else []
        if failing:
            raise DomainError(
                "Không chấp thuận được: "
                + "; ".join(c.message for c in failing)
                + ". Hãy trả lại đơn vị kèm lý do."
            )
        if res is not None:
            _store_checks(nomination, res)
        nomination.status = S.APPRAISED
        nomination.appraisal_note = note
    else:
        if not note:
            raise DomainError("Vui lòng ghi lý do trả lại đề nghị.", field="note")
        nomination.status = S.RETURNED
        nomination.return_reason = note
    nomination.appraised_by = user
    nomination.save()
    audit.updated(
        user, nomination, before, unit_id=rnd.unit_id, verb="appraise" if accept else "return"
    )
    return nomination


# --- decision ------------------------------------------------------------------------


def next_decision_number(issuer_unit: OrgUnit, year: int) -> int:
    """The next free number in the issuer's Quyết định series for the year.

    Numbers run per issuer, type and calendar year from 01 (NĐ 30/2020 Điều 15),
    in the shared numbering register of the drafting app: an award decision
    takes its number from the same series as every other Quyết định."""
    from danvan.drafting.services import next_number

    used = AwardDecision.objects.filter(issuer=issuer_unit, year=year).aggregate(m=Max("number"))
    return max((used["m"] or 0) + 1, next_number(issuer_unit, "quyet_dinh", year))


def decision_symbol(issuer: OrgUnit, number: int) -> str:
    try:
        return build_symbol(number, "quyet_dinh", issuer.short_code)
    except SpecError as exc:
        raise DomainError(exc.message_vi) from None


@transaction.atomic
def issue_decision(
    user,
    rnd: AwardRound,
    *,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    number: int | None = None,
) -> AwardDecision:
    """The award decision for the round's appraised nominations: numbered,
    and each title written into its subject's record with the decision number."""
    issuer = rnd.deciding_unit
    _require(
        user, "approve", issuer, "Chỉ lãnh đạo cơ quan quyết định được ký quyết định khen thưởng."
    )
    if signed_on is None:
        raise DomainError("Vui lòng nhập ngày ký quyết định.", field="signed_on")
    if signed_on > today():
        raise DomainError("Ngày ký không thể sau ngày hôm nay.", field="signed_on")
    if not (signer_name or "").strip() or not (signer_position or "").strip():
        raise DomainError("Vui lòng nhập họ tên và chức vụ người ký.", field="signer_name")
    noms = list(
        rnd.nominations.filter(status=S.APPRAISED).select_related(
            "staff", "staff__unit", "collective"
        )
    )
    if not noms:
        raise DomainError("Chưa có đề nghị nào được thẩm định chấp thuận để ra quyết định.")
    year = signed_on.year
    if number is None:
        number = next_decision_number(issuer, year)
    if number < 1:
        raise DomainError("Số quyết định phải là số nguyên dương.", field="number")
    symbol = decision_symbol(issuer, number)
    if AwardDecision.objects.filter(issuer=issuer, year=year, number=number).exists():
        raise DomainError(
            f"Số quyết định {symbol} năm {year} đã được dùng. "
            f"Số tiếp theo còn trống: {next_decision_number(issuer, year):02d}.",
            field="number",
        )
    from danvan.drafting.services import issue_number

    # Reserve the number in the shared register (refuses a number already given
    # to another Quyết định of the issuer that year).
    issue_number(
        user,
        unit=issuer,
        doc_type="quyet_dinh",
        issued_on=signed_on,
        title=f"Quyết định khen thưởng năm {rnd.year}",
        number=number,
        source="emulation",
        source_ref=f"award-round:{rnd.pk}",
    )
    try:
        with transaction.atomic():
            decision = AwardDecision.objects.create(
                round=rnd,
                unit=rnd.unit,
                issuer=issuer,
                year=year,
                number=number,
                symbol=symbol,
                signed_on=signed_on,
                signer_name=signer_name.strip(),
                signer_position=signer_position.strip(),
                created_by=user,
            )
    except IntegrityError:
        raise DomainError(
            f"Số quyết định {symbol} năm {year} vừa được dùng; hãy thử lại.", "number"
        ) from None
    audit.created(user, decision, unit_id=rnd.unit_id)
    for nom in noms:
        add_award_record(
            user,
            staff=nom.staff,
            collective=nom.collective,
            title=nom.title,
            year=nom.year,
            decision_number=symbol,
            decided_on=signed_on,
            decided_by=issuer.name,
            decision=decision,
        )
        before = audit.snapshot(nom, ["status", "decision_id"])
        nom.status, nom.decision = S.DECIDED, decision
        nom.save(update_fields=["status", "decision"])
        audit.updated(user, nom, before, unit_id=rnd.unit_id, verb="decide")
    return decision


# --- stage of a round (for pages) ---------------------------------------------------


def round_stage(rnd: AwardRound, counts: Counter | None = None) -> str:
    if counts is None:
        counts = Counter(rnd.nominations.values_list("status", flat=True))
    if counts.get(S.DECIDED) and not (counts.get(S.SUBMITTED) or counts.get(S.APPRAISED)):
        return "Đã có quyết định khen thưởng"
    if rnd.submitted_on is not None:
        return "Đã trình, chờ thẩm định và quyết định"
    if rnd.disclosure_start is not None:
        return "Đang công khai, lấy ý kiến" if disclosure_open(rnd) else "Đã công khai, chờ trình"
    if counts.get(S.COUNCIL_VOTED) or counts.get(S.REJECTED):
        return "Hội đồng đã họp"
    return "Đang lập đề nghị"


# --- summaries ---------------------------------------------------------------------


def commendation_summary(unit: OrgUnit, year: int) -> dict[str, Any]:
    """Titles and awards of a year in a unit's subtree, counted by title, by
    unit and by level (individual/collective), with the deciding body: the
    "Kết quả khen thưởng" section of a year-end report, as plain data."""
    records = list(
        AwardRecord.objects.filter(unit__path__startswith=unit.path, year=year).select_related(
            "unit", "staff", "collective"
        )
    )
    order = {code: i for i, code in enumerate(TITLES)}
    by_title: dict[tuple[str, str, str], int] = Counter()
    by_unit: dict[tuple[int, str, str], int] = Counter()
    units: dict[int, OrgUnit] = {}
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in records:
        level = "collective" if r.collective_id else "individual"
        by_title[(level, r.title, r.decided_by)] += 1
        by_unit[(r.unit_id, level, r.title)] += 1
        units[r.unit_id] = r.unit
        names[(level, r.title)].append(r.subject_name)

    def rows(level: str) -> list[dict[str, Any]]:
        out = [
            {
                "title": title,
                "label": title_label(title),
                "decided_by": decided_by,
                "count": n,
            }
            for (lv, title, decided_by), n in by_title.items()
            if lv == level
        ]
        out.sort(key=lambda r: (order[r["title"]], r["decided_by"]))
        return out

    individual, collective = rows("individual"), rows("collective")
    unit_rows = [
        {
            "unit_id": uid,
            "unit": units[uid].name,
            "level": level,
            "title": title,
            "label": title_label(title),
            "count": n,
        }
        for (uid, level, title), n in by_unit.items()
    ]
    unit_rows.sort(key=lambda r: (units[r["unit_id"]].path, r["level"], order[r["title"]]))

    def line(row: dict[str, Any], who: str) -> str:
        giver = f"{row['decided_by']} tặng " if row["decided_by"] else "Được tặng "
        return f"{giver}{row['label']} cho {row['count']:02d} {who}"

    return {
        "unit": {"id": unit.pk, "name": unit.name},
        "year": year,
        "individual": individual,
        "collective": collective,
        "by_unit": unit_rows,
        "totals": {
            "individual": sum(r["count"] for r in individual),
            "collective": sum(r["count"] for r in collective),
        },
        "names": {f"{lv}:{title}": sorted(n) for (lv, title), n in names.items()},
        "lines": {
            "collective": [line(r, "tập thể") for r in collective],
            "individual": [line(r, "cá nhân") for r in individual],
        },
    }


def round_staff_choices(rnd: AwardRound) -> list[StaffMember]:
    return sorted(round_staff(rnd), key=lambda s: (s.unit.path, s.full_name))
