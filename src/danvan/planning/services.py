"""Writes to planning data. Each runs in a transaction, checks rights, audits,
and raises DomainError (Vietnamese) or PermissionDenied."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from danvan.accounts.access import can
from danvan.audit import services as audit
from danvan.core import numbers
from danvan.core.errors import DomainError
from danvan.core.periods import Period, PeriodError
from danvan.documents import services as documents_services
from danvan.documents.registry import number_key
from danvan.orgunits.models import OrgUnit

from .access import can_manage_catalogue, can_review_initiative, can_set_target
from .models import (
    Aggregation,
    Indicator,
    Initiative,
    InitiativeEvaluation,
    InitiativeStatus,
    InitiativeTarget,
    Movement,
    Plan,
    PlanStatus,
    PlanTask,
    Target,
    TaskStatus,
)
from .models.indicators import INDICATOR_FIELDS
from .models.movements import INITIATIVE_TEXT_FIELDS

STALE_MESSAGE = (
    "Nội dung này vừa được người khác cập nhật sau khi bạn mở trang. "
    "Thay đổi của bạn chưa được lưu để không ghi đè lên bản mới; "
    "hãy tải lại trang, xem bản mới nhất rồi nhập lại."
)


def _deny(message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
    raise PermissionDenied(message)


def parse_period(code: str, field: str = "period") -> Period:
    try:
        return Period.parse(code)
    except PeriodError:
        raise DomainError("Kỳ không hợp lệ.", field=field) from None


def to_decimal(value: Any, field: str = "value") -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None or value == "":
        raise DomainError("Vui lòng nhập một số.", field=field)
    if isinstance(value, (int, float)):
        return numbers.to_decimal(value)
    try:
        number, _ = numbers.parse_number_detail(str(value))
    except ValueError:
        raise DomainError(f"“{value}” không phải là số.", field=field) from None
    return numbers.to_decimal(number)


# ---------------------------------------------------------------------------
# Indicator catalogue


def _validate_indicator(data: dict[str, Any], exclude: Indicator | None = None) -> None:
    code = (data.get("code") or "").strip().upper()
    data["code"] = code
    if not code:
        raise DomainError("Vui lòng nhập mã chỉ tiêu.", field="code")
    qs = Indicator.objects.filter(code=code)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise DomainError(f"Mã chỉ tiêu “{code}” đã có trong danh mục.", field="code")
    if not (data.get("name") or "").strip():
        raise DomainError("Vui lòng nhập tên chỉ tiêu.", field="name")
    if data.get("aggregation", Aggregation.SUM) not in Aggregation.values:
        raise DomainError("Cách tổng hợp không hợp lệ.", field="aggregation")
    if data.get("aggregation") == Aggregation.RATIO:
        num, den = data.get("numerator"), data.get("denominator")
        if num is None or den is None:
            raise DomainError(
                "Chỉ tiêu tỷ lệ cần chọn chỉ tiêu tử số và chỉ tiêu mẫu số.", field="numerator"
            )
        if num.pk == den.pk:
            raise DomainError(
                "Tử số và mẫu số phải là hai chỉ tiêu khác nhau.", field="denominator"
            )
        if num.is_ratio or den.is_ratio:
            raise DomainError("Tử số và mẫu số phải là chỉ tiêu nhập số liệu.", field="numerator")
        if data.get("allow_non_numeric"):
            raise DomainError("Chỉ tiêu tỷ lệ luôn là số.", field="allow_non_numeric")
    else:
        data["numerator"] = data["denominator"] = None


@transaction.atomic
def create_indicator(user, **data: Any) -> Indicator:
    if not can_manage_catalogue(user):
        _deny("Chỉ cán bộ thẩm định hoặc quản trị được thêm chỉ tiêu vào danh mục.")
    data = {k: v for k, v in data.items() if k in INDICATOR_FIELDS}
    _validate_indicator(data)
    return audit.add(user, Indicator(**data))


@transaction.atomic
def update_indicator(user, indicator: Indicator, **data: Any) -> Indicator:
    if not can_manage_catalogue(user):
        _deny("Chỉ cán bộ thẩm định hoặc quản trị được sửa danh mục chỉ tiêu.")
    fields = [f for f in INDICATOR_FIELDS if f not in ("numerator", "denominator")]
    before = audit.snapshot(indicator, [*fields, "numerator_id", "denominator_id"])
    merged = {k: getattr(indicator, k) for k in INDICATOR_FIELDS}
    merged.update({k: v for k, v in data.items() if k in INDICATOR_FIELDS})
    _validate_indicator(merged, exclude=indicator)
    for k, v in merged.items():
        setattr(indicator, k, v)
    indicator.save()
    audit.updated(user, indicator, before)
    return indicator


# ---------------------------------------------------------------------------
# Targets


@transaction.atomic
def set_target(
    user, *, indicator: Indicator, unit: OrgUnit, period: str, value: Any, note: str = ""
) -> Target:
    """Create or change a target. A target of 0 is kept (the plan may really be
    0) but no percentage of plan is ever computed against it."""
    if not can_set_target(user, unit):
        _deny("Bạn không có quyền đặt chỉ tiêu kế hoạch cho đơn vị này.")
    p = parse_period(period)
    if indicator.is_ratio:
        raise DomainError(
            "Chỉ tiêu tỷ lệ được tính từ tử số và mẫu số; hãy đặt kế hoạch cho tỷ lệ mong muốn "
            "ở phần ghi chú hoặc cho hai chỉ tiêu thành phần.",
            field="indicator",
        )
    number = to_decimal(value)
    if number < 0 and not indicator.allow_negative:
        raise DomainError("Chỉ tiêu kế hoạch không được là số âm.", field="value")
    return audit.put(
        user,
        Target,
        {"indicator": indicator, "unit": unit, "period": p.code},
        unit_id=unit.pk,
        logged=["value", "note"],
        year=p.year,
        value=number,
        note=note,
        set_by=audit.author(user),
    )


@transaction.atomic
def delete_target(user, target: Target) -> None:
    if not can_set_target(user, target.unit):
        _deny()
    audit.delete(user, target, unit_id=target.unit_id)


def target_for(indicator: Indicator, unit: OrgUnit, period: Period) -> tuple[Decimal | None, bool]:
    """The plan a value is compared with, and whether it is the annual plan
    standing in for a part-year period.

    The period's own target when there is one; otherwise, for a part-year
    period, the annual plan, as the samples do ("6 tháng: 8.794 lượt người,
    đạt 103% so với kế hoạch" with a yearly plan of 8.500)."""
    found = targets_for_units([indicator.pk], [unit.pk], period)
    return found.get((indicator.pk, unit.pk), (None, False))


def targets_for_units(
    indicator_ids: list[int], unit_ids: list[int], period: Period
) -> dict[tuple[int, int], tuple[Decimal, bool]]:
    """{(indicator_id, unit_id): (value, is_annual)} with the same fallback as target_for."""
    codes = [period.code]
    if period.is_part_year:
        codes.append(period.year_period().code)
    out: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    rows = Target.objects.filter(
        indicator_id__in=indicator_ids, unit_id__in=unit_ids, period__in=codes
    ).values_list("indicator_id", "unit_id", "period", "value")
    for ind, unit, code, value in sorted(rows, key=lambda r: r[2] == period.code):
        out[(ind, unit)] = (value, code != period.code)
    return out


# ---------------------------------------------------------------------------
# Movements and initiatives


def _check_years(start: int, end: int) -> None:
    if not start or not end or end < start:
        raise DomainError("Năm kết thúc phải bằng hoặc sau năm bắt đầu.", field="end_year")


@transaction.atomic
def create_movement(user, *, organiser: OrgUnit, **data: Any) -> Movement:
    if not (can(user, "review", organiser) or can(user, "admin", organiser)):
        _deny("Chỉ cán bộ thẩm định của cơ quan phát động được tạo phong trào.")
    fields = ("name", "start_year", "end_year", "description", "legal_bases")
    data = {k: v for k, v in data.items() if k in fields}
    if not (data.get("name") or "").strip():
        raise DomainError("Vui lòng nhập tên phong trào.", field="name")
    _check_years(data.get("start_year") or 0, data.get("end_year") or 0)
    return audit.add(user, Movement(organiser=organiser, **data), unit_id=organiser.pk)


MOVEMENT_FIELDS = ("name", "start_year", "end_year", "description", "legal_bases")


def can_edit_movement(user, movement: Movement) -> bool:
    return can(user, "review", movement.organiser) or can(user, "admin", movement.organiser)


def movement_references(user, movement: Movement) -> list:
    """The movement's legal bases linked to the legal-reference registry, in
    the order they were chosen, limited to the entries the user can reach."""
    ids = [i for i in movement.legal_reference_ids or [] if isinstance(i, int)]
    if not ids:
        return []
    found = {r.pk: r for r in documents_services.references(user).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def registry_matches(user, lines: list[str]) -> list:
    """Registry entries (reachable by the user) whose number a free-text line
    of legal bases quotes, in the order of the lines."""
    out = []
    for line in lines:
        keys = {number_key(w.strip(",.;:()")) for w in line.split() if "/" in w}
        if keys:
            out += list(documents_services.references(user).filter(number_key__in=keys))
    return list(dict.fromkeys(out))


def other_basis_lines(movement: Movement, references: list) -> list[str]:
    """Free-text legal bases not already shown as linked registry entries."""
    keys = {r.number_key for r in references}
    return [
        line
        for line in movement.legal_basis_lines
        if not any(number_key(w.strip(",.;:()")) in keys for w in line.split())
    ]


@transaction.atomic
def update_movement(
    user, movement: Movement, *, legal_reference_ids: list[int] | None = None, **data: Any
) -> Movement:
    """Change a movement's details and its legal bases. Registry entries are
    linked by id; the user may link only entries they can reach, and links to
    entries they cannot see (made by someone else) are kept."""
    fresh = Movement.objects.select_for_update().select_related("organiser").get(pk=movement.pk)
    if not can_edit_movement(user, fresh):
        _deny("Chỉ cán bộ thẩm định của cơ quan phát động được sửa phong trào.")
    before = audit.snapshot(fresh, (*MOVEMENT_FIELDS, "legal_reference_ids"))
    merged = {**before, **{k: v for k, v in data.items() if k in MOVEMENT_FIELDS}}
    if not (merged.get("name") or "").strip():
        raise DomainError("Vui lòng nhập tên phong trào.", field="name")
    _check_years(merged.get("start_year") or 0, merged.get("end_year") or 0)
    outside = fresh.initiatives.exclude(
        year__gte=merged["start_year"], year__lte=merged["end_year"]
    )
    if outside.exists():
        years = sorted(set(outside.values_list("year", flat=True)))
        raise DomainError(
            "Đã có mô hình đăng ký năm "
            + ", ".join(map(str, years))
            + " nên giai đoạn phong trào phải bao gồm các năm đó.",
            field="start_year",
        )
    if legal_reference_ids is not None:
        merged["legal_reference_ids"] = _reference_ids(
            user, fresh.legal_reference_ids or [], legal_reference_ids
        )
    for key in (*MOVEMENT_FIELDS, "legal_reference_ids"):
        setattr(fresh, key, merged[key])
    fresh.save()
    audit.updated(user, fresh, before, unit_id=fresh.organiser_id)
    return fresh


def _reference_ids(user, old: list[int], chosen: list[int]) -> list[int]:
    try:
        wanted = list(dict.fromkeys(int(i) for i in chosen))
    except (TypeError, ValueError):
        raise DomainError("Văn bản căn cứ không hợp lệ.", field="legal_references") from None
    reachable = documents_services.references(user)
    seen = set(reachable.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [i for i in wanted if i not in seen]
    if missing:
        raise DomainError(
            "Không tìm thấy văn bản căn cứ đã chọn trong kho văn bản được dẫn chiếu "
            "(hoặc bạn không có quyền xem).",
            field="legal_references",
        )
    old_ids = [i for i in old if isinstance(i, int)]
    visible_old = set(reachable.filter(pk__in=old_ids).values_list("pk", flat=True))
    hidden = [i for i in old_ids if i not in visible_old and i not in seen]
    return wanted + hidden


def _validate_initiative(movement: Movement, year: int, data: dict[str, Any]) -> None:
    if not (data.get("name") or "").strip():
        raise DomainError("Vui lòng nhập tên mô hình.", field="name")
    if not movement.start_year <= year <= movement.end_year:
        raise DomainError(
            f"Năm đăng ký phải trong giai đoạn của phong trào "
            f"({movement.start_year}–{movement.end_year}).",
            field="year",
        )
    s, e = data.get("start_on"), data.get("end_on")
    if s and e and e < s:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu.", field="end_on")


@transaction.atomic
def register_initiative(
    user, *, movement: Movement, unit: OrgUnit, year: int, **data: Any
) -> Initiative:
    if not can(user, "edit", unit):
        _deny("Bạn không có quyền đăng ký mô hình cho đơn vị này.")
    allowed = (*INITIATIVE_TEXT_FIELDS, "start_on", "end_on", "registered_on")
    data = {k: v for k, v in data.items() if k in allowed}
    _validate_initiative(movement, year, data)
    data.setdefault("registered_on", dt.date.today())
    return audit.add(
        user, Initiative(movement=movement, unit=unit, year=year, **data), unit_id=unit.pk
    )


@transaction.atomic
def update_initiative(user, initiative: Initiative, *, version: int, **data: Any) -> Initiative:
    if not can(user, "edit", initiative.unit):
        _deny("Bạn không có quyền sửa mô hình của đơn vị này.")
    allowed = (*INITIATIVE_TEXT_FIELDS, "start_on", "end_on", "year")
    fresh = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if fresh.version != version:
        raise DomainError(STALE_MESSAGE, code="stale")
    before = audit.snapshot(fresh, allowed)
    merged = {**before, **{k: v for k, v in data.items() if k in allowed}}
    for key in ("start_on", "end_on"):
        if isinstance(merged.get(key), str) and merged[key]:
            merged[key] = dt.date.fromisoformat(merged[key])
    _validate_initiative(fresh.movement, int(merged["year"]), merged)
    for k in allowed:
        setattr(fresh, k, merged[k])
    return audit.updated_version(user, fresh, before)


@transaction.atomic
def set_initiative_target(
    user, initiative: Initiative, indicator: Indicator, value: Any, note: str = ""
) -> InitiativeTarget:
    if not can(user, "edit", initiative.unit):
        _deny()
    number = to_decimal(value)
    if number < 0 and not indicator.allow_negative:
        raise DomainError("Chỉ tiêu không được là số âm.", field="value")
    row, made = InitiativeTarget.objects.update_or_create(
        initiative=initiative, indicator=indicator, defaults={"value": number, "note": note}
    )
    audit.record(
        user,
        "update",
        initiative,
        verb="target",
        unit_id=initiative.unit_id,
        extra={"indicator": indicator.code, "value": str(number)},
    )
    return row


def _may_move(user, initiative: Initiative, right: str) -> bool:
    if right == "review":
        return can_review_initiative(user, initiative)
    return can(user, "edit", initiative.unit)


@transaction.atomic
def advance_initiative(
    user, initiative: Initiative, to_status: str, *, text: str = "", rating: str = ""
) -> Initiative:
    """Move an initiative along đăng ký → triển khai → sơ kết, đánh giá → công nhận
    điển hình → nhân rộng. Evaluation steps need a written assessment; the
    reviewer's steps are recorded as the reviewer's comment."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    flow = initiative.next_statuses()
    if to_status not in flow:
        label = dict(InitiativeStatus.choices).get(to_status, to_status)
        raise DomainError(
            f"Không thể chuyển mô hình từ “{initiative.get_status_display()}” sang “{label}”."
        )
    right = flow[to_status]
    if not _may_move(user, initiative, right):
        _deny(
            "Bước này do cán bộ thẩm định cấp trên hoặc cơ quan phát động phong trào thực hiện."
            if right == "review"
            else "Bước này do đơn vị đăng ký mô hình thực hiện."
        )
    needs_text = to_status in (
        InitiativeStatus.EVALUATED,
        InitiativeStatus.EXEMPLAR,
        InitiativeStatus.REPLICATED,
    ) or (right == "review")
    if needs_text and not text.strip():
        raise DomainError("Vui lòng ghi nội dung đánh giá hoặc ý kiến.", field="text")
    before = audit.snapshot(initiative, ["status"])
    if text.strip():
        InitiativeEvaluation.objects.create(
            initiative=initiative,
            kind=InitiativeEvaluation.REVIEW if right == "review" else InitiativeEvaluation.SELF,
            on=dt.date.today(),
            rating=rating,
            text=text.strip(),
            status_from=initiative.status,
            status_to=to_status,
            author=audit.author(user),
        )
    initiative.status = to_status
    initiative.version = F("version") + 1
    initiative.save(update_fields=["status", "version", "updated_at"])
    initiative.refresh_from_db()
    audit.updated(user, initiative, before, unit_id=initiative.unit_id, verb="status")
    return initiative


@transaction.atomic
def comment_initiative(
    user, initiative: Initiative, text: str, rating: str = ""
) -> InitiativeEvaluation:
    """An evaluation without a status change: the unit's own sơ kết or the reviewer's comment."""
    reviewer = can_review_initiative(user, initiative)
    if not (reviewer or can(user, "edit", initiative.unit)):
        _deny()
    if not text.strip():
        raise DomainError("Vui lòng ghi nội dung đánh giá hoặc ý kiến.", field="text")
    if rating and rating not in dict(InitiativeEvaluation.RATINGS):
        raise DomainError("Xếp loại không hợp lệ.", field="rating")
    row = InitiativeEvaluation.objects.create(
        initiative=initiative,
        kind=InitiativeEvaluation.REVIEW if reviewer else InitiativeEvaluation.SELF,
        on=dt.date.today(),
        rating=rating,
        text=text.strip(),
        author=audit.author(user),
    )
    audit.record(user, "update", initiative, verb="evaluation", unit_id=initiative.unit_id)
    return row


# ---------------------------------------------------------------------------
# Plans and tasks

PLAN_FIELDS = (
    "title",
    "number",
    "issued_on",
    "legal_bases",
    "purposes",
    "requirements",
    "implementation",
)
TASK_FIELDS = (
    "order",
    "section",
    "code",
    "title",
    "responsible_unit",
    "responsible_text",
    "deadline",
    "status",
    "result",
)


@transaction.atomic
def create_plan(user, *, unit: OrgUnit, period: str, **data: Any) -> Plan:
    if not can(user, "edit", unit):
        _deny("Bạn không có quyền lập kế hoạch cho đơn vị này.")
    p = parse_period(period)
    data = {k: v for k, v in data.items() if k in PLAN_FIELDS}
    if not (data.get("title") or "").strip():
        raise DomainError("Vui lòng nhập trích yếu kế hoạch.", field="title")
    return audit.add(user, Plan(unit=unit, period=p.code, year=p.year, **data), unit_id=unit.pk)


@transaction.atomic
def update_plan(user, plan: Plan, *, version: int, **data: Any) -> Plan:
    if not can(user, "edit", plan.unit):
        _deny()
    fresh = Plan.objects.select_for_update().get(pk=plan.pk)
    if fresh.version != version:
        raise DomainError(STALE_MESSAGE, code="stale")
    before = audit.snapshot(fresh, [*PLAN_FIELDS, "period"])
    for k, v in data.items():
        if k in PLAN_FIELDS:
            setattr(fresh, k, v)
    if "period" in data:
        p = parse_period(data["period"])
        fresh.period, fresh.year = p.code, p.year
    if not fresh.title.strip():
        raise DomainError("Vui lòng nhập trích yếu kế hoạch.", field="title")
    return audit.updated_version(user, fresh, before)


@transaction.atomic
def issue_plan(user, plan: Plan, *, number: str = "", issued_on: dt.date | None = None) -> Plan:
    if not can(user, "approve", plan.unit):
        _deny("Chỉ lãnh đạo đơn vị được ban hành kế hoạch.")
    if not plan.tasks.exists():
        raise DomainError("Kế hoạch chưa có nhiệm vụ nào.")
    before = audit.snapshot(plan, ["status", "number", "issued_on"])
    plan.status = PlanStatus.ISSUED
    plan.number = number or plan.number
    plan.issued_on = issued_on or plan.issued_on or dt.date.today()
    plan.save()
    audit.updated(user, plan, before, unit_id=plan.unit_id, verb="issue")
    return plan


def _validate_task(data: dict[str, Any]) -> None:
    if not (data.get("title") or "").strip():
        raise DomainError("Vui lòng nhập nội dung nhiệm vụ.", field="title")
    if data.get("status", TaskStatus.NOT_STARTED) not in TaskStatus.values:
        raise DomainError("Tình trạng nhiệm vụ không hợp lệ.", field="status")


@transaction.atomic
def add_task(user, plan: Plan, **data: Any) -> PlanTask:
    if not can(user, "edit", plan.unit):
        _deny()
    data = {k: v for k, v in data.items() if k in TASK_FIELDS}
    _validate_task(data)
    if "order" not in data:
        data["order"] = plan.tasks.count() + 1
    return audit.add(user, PlanTask(plan=plan, **data), unit_id=plan.unit_id)


@transaction.atomic
def update_task(user, task: PlanTask, **data: Any) -> PlanTask:
    """Change a task; its status and result may also be updated from a report."""
    if not can(user, "edit", task.plan.unit):
        _deny()
    before = audit.snapshot(task, [f for f in TASK_FIELDS if f != "responsible_unit"])
    merged = {k: getattr(task, k) for k in TASK_FIELDS}
    merged.update({k: v for k, v in data.items() if k in TASK_FIELDS})
    _validate_task(merged)
    for k, v in merged.items():
        setattr(task, k, v)
    task.save()
    audit.updated(user, task, before, unit_id=task.plan.unit_id)
    return task


def tasks_for_period(unit: OrgUnit, period: Period) -> list[PlanTask]:
    """Tasks of the unit's plans that concern the period (plans of the same
    year, or a multi-year plan spanning it): carried into the period's report."""
    ids = []
    for plan in Plan.objects.filter(unit=unit, year__lte=period.last_year):
        p = plan.period_obj
        if p is not None and p.start <= period.end and period.start <= p.end:
            ids.append(plan.pk)
    return list(
        PlanTask.objects.filter(plan_id__in=ids)
        .select_related("plan", "responsible_unit")
        .order_by("plan__year", "plan_id", "order", "pk")
    )
