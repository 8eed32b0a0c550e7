"""REST API of planning: /api/v1/planning/… (indicators, targets, movements,
initiatives, plans and tasks). Reads through the access helpers (out of
scope → 404), writes through services (rights → 403, rules → 400)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from danvan.accounts.access import get_for_user, get_unit_for_user
from danvan.api_common import (
    LegalReferenceRef,
    Pagination,
    StatusLabelOut,
    UnitOwnedOut,
    UnitRef,
    filtered,
    paged_list,
    responses,
    unit_ref,
    user_of,
)

from . import services
from .access import get_initiative, initiatives_for, movements_for, plans_for, targets_for
from .models import Indicator, Movement, Plan, PlanTask

router = Router(tags=["Kế hoạch, mô hình, chỉ tiêu"])


# -- indicators --------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit_of_measure: str
    group: str
    aggregation: str = Field(..., description="sum, average, ratio (tỷ lệ của tổng) hoặc latest")
    higher_is_better: bool
    allow_negative: bool
    allow_non_numeric: bool
    decimals: int
    numerator_id: int | None
    denominator_id: int | None
    scale: Decimal
    description: str
    active: bool


class IndicatorIn(Schema):
    code: str
    name: str
    unit_of_measure: str = ""
    group: str = ""
    aggregation: str = "sum"
    higher_is_better: bool = True
    allow_negative: bool = False
    allow_non_numeric: bool = False
    decimals: int = 0
    numerator_id: int | None = None
    denominator_id: int | None = None
    scale: Decimal = Decimal(100)
    description: str = ""
    active: bool = True


class IndicatorPatch(Schema):
    name: str | None = None
    unit_of_measure: str | None = None
    group: str | None = None
    higher_is_better: bool | None = None
    allow_negative: bool | None = None
    allow_non_numeric: bool | None = None
    decimals: int | None = None
    description: str | None = None
    active: bool | None = None


def _indicator(pk: int) -> Indicator:
    try:
        return Indicator.objects.get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404("Không tìm thấy chỉ tiêu.") from None


def _indicator_data(payload: IndicatorIn) -> dict[str, Any]:
    data = payload.dict()
    for key in ("numerator", "denominator"):
        pk = data.pop(f"{key}_id")
        data[key] = _indicator(pk) if pk else None
    return data


@router.get("/indicators", response=list[IndicatorOut], summary="Danh mục chỉ tiêu")
@paginate(Pagination)
def list_indicators(request, active: bool | None = None):
    qs = Indicator.objects.all()
    return qs if active is None else qs.filter(active=active)


@router.get("/indicators/{pk}", response=responses(IndicatorOut, 200, 401, 404))
def get_indicator(request, pk: int):
    return _indicator(pk)


@router.post("/indicators", response=responses(IndicatorOut, 201), summary="Thêm chỉ tiêu")
def create_indicator(request, payload: IndicatorIn):
    return 201, services.create_indicator(user_of(request), **_indicator_data(payload))


@router.patch("/indicators/{pk}", response=responses(IndicatorOut))
def update_indicator(request, pk: int, payload: IndicatorPatch):
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return services.update_indicator(user_of(request), _indicator(pk), **data)


# -- targets ---------------------------------------------------------------------------


class TargetOut(UnitOwnedOut):
    id: int
    indicator_id: int
    indicator_code: str = Field(..., alias="indicator.code")
    unit: UnitRef
    period: str
    year: int
    value: Decimal
    note: str


class TargetIn(Schema):
    indicator_id: int
    unit_id: int
    period: str = Field(
        ..., description="Mã kỳ: 2023-Y, 2023-H1, 2023-Q2, 2023-M05, 2023-9M, 2021-2025"
    )
    value: Decimal
    note: str = ""


@paged_list(
    router, "/targets", TargetOut, "Chỉ tiêu kế hoạch", unit_id=int, indicator_id=int, year=int
)
def list_targets(request, filters):
    return filtered(
        targets_for(user_of(request)), filters, "-year", "unit__path", "indicator__code"
    )


@router.put("/targets", response=responses(TargetOut), summary="Đặt (hoặc sửa) chỉ tiêu kế hoạch")
def set_target(request, payload: TargetIn):
    user = user_of(request)
    unit = get_unit_for_user(user, payload.unit_id)
    return services.set_target(
        user,
        indicator=_indicator(payload.indicator_id),
        unit=unit,
        period=payload.period,
        value=payload.value,
        note=payload.note,
    )


@router.delete("/targets/{pk}", response=responses(None, 204))
def delete_target(request, pk: int):
    user = user_of(request)
    target = get_for_user(targets_for(user), user, pk)
    services.delete_target(user, target)
    return 204, None


# -- movements and initiatives -------------------------------------------------------


class MovementOut(Schema):
    id: int
    name: str
    organiser: UnitRef
    start_year: int
    end_year: int
    description: str
    legal_bases: list[str]
    legal_references: list[LegalReferenceRef] = Field(
        ...,
        description="Văn bản căn cứ trong kho văn bản được dẫn chiếu (những văn bản bạn xem được)",
    )

    @staticmethod
    def resolve_organiser(obj):
        return unit_ref(obj.organiser)

    @staticmethod
    def resolve_legal_bases(obj):
        return obj.legal_basis_lines

    @staticmethod
    def resolve_legal_references(obj, context):
        return services.movement_references(user_of(context["request"]), obj)


class MovementIn(Schema):
    organiser_id: int
    name: str
    start_year: int
    end_year: int
    description: str = ""
    legal_bases: str = Field("", description="Mỗi dòng một văn bản căn cứ")


@router.get("/movements", response=list[MovementOut], summary="Phong trào thi đua")
@paginate(Pagination)
def list_movements(request):
    return movements_for(user_of(request))


@router.get("/movements/{pk}", response=responses(MovementOut, 200, 401, 404))
def get_movement(request, pk: int):
    try:
        return movements_for(user_of(request)).get(pk=pk)
    except Movement.DoesNotExist:
        raise Http404() from None


@router.post("/movements", response=responses(MovementOut, 201))
def create_movement(request, payload: MovementIn):
    user = user_of(request)
    data = payload.dict()
    organiser = get_unit_for_user(user, data.pop("organiser_id"))
    return 201, services.create_movement(user, organiser=organiser, **data)


class MovementPatch(Schema):
    name: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    description: str | None = None
    legal_bases: str | None = None
    legal_reference_ids: list[int] | None = Field(
        None,
        description="Mã các văn bản căn cứ trong kho văn bản được dẫn chiếu (thay cả danh sách)",
    )


@router.patch("/movements/{pk}", response=responses(MovementOut))
def update_movement(request, pk: int, payload: MovementPatch):
    user = user_of(request)
    try:
        movement = movements_for(user).get(pk=pk)
    except Movement.DoesNotExist:
        raise Http404() from None
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return services.update_movement(user, movement, **data)


class EvaluationOut(Schema):
    id: int
    kind: str
    on: dt.date
    rating: str
    text: str
    status_from: str
    status_to: str
    author: str | None

    @staticmethod
    def resolve_author(obj):
        return (obj.author.get_full_name() or obj.author.username) if obj.author else None


class InitiativeTargetOut(Schema):
    indicator_id: int
    value: Decimal
    note: str


class InitiativeOut(UnitOwnedOut, StatusLabelOut):
    id: int
    movement_id: int
    unit: UnitRef
    year: int
    name: str
    situation: str
    objectives: str
    content: str
    area_and_beneficiaries: str
    lead_and_partners: str
    resources: str
    timeframe: str
    start_on: dt.date | None
    end_on: dt.date | None
    outputs: str
    sustainability: str
    status: str = Field(
        ..., description="registered, implementing, evaluated, exemplar, replicated"
    )
    status_label: str
    registered_on: dt.date | None
    version: int = Field(..., description="Gửi lại khi sửa; bản cũ bị từ chối")


class InitiativeDetailOut(InitiativeOut):
    targets: list[InitiativeTargetOut]
    evaluations: list[EvaluationOut]

    @staticmethod
    def resolve_targets(obj):
        return list(obj.targets.all())

    @staticmethod
    def resolve_evaluations(obj):
        return list(obj.evaluations.select_related("author"))


class InitiativeIn(Schema):
    movement_id: int
    unit_id: int
    year: int
    name: str
    situation: str = ""
    objectives: str = ""
    content: str = ""
    area_and_beneficiaries: str = ""
    lead_and_partners: str = ""
    resources: str = ""
    timeframe: str = ""
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    outputs: str = ""
    sustainability: str = ""


class InitiativePatch(Schema):
    version: int
    name: str | None = None
    situation: str | None = None
    objectives: str | None = None
    content: str | None = None
    area_and_beneficiaries: str | None = None
    lead_and_partners: str | None = None
    resources: str | None = None
    timeframe: str | None = None
    start_on: dt.date | None = None
    end_on: dt.date | None = None
    outputs: str | None = None
    sustainability: str | None = None
    year: int | None = None


class StatusIn(Schema):
    status: str
    text: str = ""
    rating: str = ""


class EvaluationIn(Schema):
    text: str
    rating: str = ""


class InitiativeTargetIn(Schema):
    indicator_id: int
    value: Decimal
    note: str = ""


@paged_list(
    router,
    "/initiatives",
    InitiativeOut,
    "Sổ đăng ký mô hình",
    movement_id=int,
    unit_id=int,
    year=int,
    status=str,
)
def list_initiatives(request, filters):
    return filtered(initiatives_for(user_of(request)), filters, "-year", "unit__path")


@router.get("/initiatives/{pk}", response=responses(InitiativeDetailOut, 200, 401, 404))
def get_initiative_api(request, pk: int):
    return get_initiative(user_of(request), pk)


@router.post(
    "/initiatives", response=responses(InitiativeDetailOut, 201), summary="Đăng ký mô hình"
)
def create_initiative(request, payload: InitiativeIn):
    user = user_of(request)
    data = payload.dict()
    try:
        movement = movements_for(user).get(pk=data.pop("movement_id"))
    except Movement.DoesNotExist:
        raise Http404() from None
    unit = get_unit_for_user(user, data.pop("unit_id"))
    year = data.pop("year")
    return 201, services.register_initiative(user, movement=movement, unit=unit, year=year, **data)


@router.patch("/initiatives/{pk}", response=responses(InitiativeDetailOut))
def update_initiative(request, pk: int, payload: InitiativePatch):
    user = user_of(request)
    item = get_initiative(user, pk)
    data = {k: v for k, v in payload.dict().items() if v is not None and k != "version"}
    return services.update_initiative(user, item, version=payload.version, **data)


@router.post(
    "/initiatives/{pk}/status", response=responses(InitiativeDetailOut), summary="Chuyển bước"
)
def advance_initiative(request, pk: int, payload: StatusIn):
    user = user_of(request)
    return services.advance_initiative(
        user, get_initiative(user, pk), payload.status, text=payload.text, rating=payload.rating
    )


@router.post("/initiatives/{pk}/evaluations", response=responses(EvaluationOut, 201))
def evaluate_initiative(request, pk: int, payload: EvaluationIn):
    user = user_of(request)
    return 201, services.comment_initiative(
        user, get_initiative(user, pk), payload.text, payload.rating
    )


@router.put("/initiatives/{pk}/targets", response=responses(InitiativeTargetOut))
def set_initiative_target(request, pk: int, payload: InitiativeTargetIn):
    user = user_of(request)
    return services.set_initiative_target(
        user,
        get_initiative(user, pk),
        _indicator(payload.indicator_id),
        payload.value,
        payload.note,
    )


# -- plans and tasks ---------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    order: int
    section: str
    code: str
    title: str
    responsible_unit_id: int | None
    responsible_text: str
    deadline: dt.date | None
    status: str
    result: str


class PlanOut(UnitOwnedOut):
    id: int
    unit: UnitRef
    period: str
    year: int
    title: str
    number: str
    issued_on: dt.date | None
    legal_bases: str
    purposes: str
    requirements: str
    implementation: str
    status: str
    version: int


class PlanDetailOut(PlanOut):
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj):
        return list(obj.tasks.all())


class PlanIn(Schema):
    unit_id: int
    period: str
    title: str
    number: str = ""
    issued_on: dt.date | None = None
    legal_bases: str = ""
    purposes: str = ""
    requirements: str = ""
    implementation: str = ""


class PlanPatch(Schema):
    version: int
    period: str | None = None
    title: str | None = None
    number: str | None = None
    issued_on: dt.date | None = None
    legal_bases: str | None = None
    purposes: str | None = None
    requirements: str | None = None
    implementation: str | None = None


class TaskIn(Schema):
    title: str
    section: str = ""
    code: str = ""
    responsible_unit_id: int | None = None
    responsible_text: str = ""
    deadline: dt.date | None = None
    status: str = "not_started"
    result: str = ""


class TaskPatch(Schema):
    title: str | None = None
    deadline: dt.date | None = None
    status: str | None = None
    result: str | None = None
    responsible_text: str | None = None


def _plan(user, pk) -> Plan:
    return get_for_user(plans_for(user), user, pk)


@paged_list(router, "/plans", PlanOut, "Kế hoạch", unit_id=int, year=int)
def list_plans(request, filters):
    return filtered(plans_for(user_of(request)), filters, "-year", "unit__path")


@router.get("/plans/{pk}", response=responses(PlanDetailOut, 200, 401, 404))
def get_plan(request, pk: int):
    return _plan(user_of(request), pk)


@router.post("/plans", response=responses(PlanDetailOut, 201))
def create_plan(request, payload: PlanIn):
    user = user_of(request)
    data = payload.dict()
    unit = get_unit_for_user(user, data.pop("unit_id"))
    period = data.pop("period")
    return 201, services.create_plan(user, unit=unit, period=period, **data)


@router.patch("/plans/{pk}", response=responses(PlanDetailOut))
def update_plan(request, pk: int, payload: PlanPatch):
    user = user_of(request)
    data = {k: v for k, v in payload.dict().items() if v is not None and k != "version"}
    return services.update_plan(user, _plan(user, pk), version=payload.version, **data)


@router.post("/plans/{pk}/issue", response=responses(PlanDetailOut))
def issue_plan(request, pk: int, number: str = ""):
    user = user_of(request)
    return services.issue_plan(user, _plan(user, pk), number=number)


@router.post("/plans/{pk}/tasks", response=responses(TaskOut, 201))
def add_task(request, pk: int, payload: TaskIn):
    user = user_of(request)
    plan = _plan(user, pk)
    data = payload.dict()
    rid = data.pop("responsible_unit_id")
    data["responsible_unit"] = get_unit_for_user(user, rid) if rid else None
    return 201, services.add_task(user, plan, **data)


@router.patch("/tasks/{pk}", response=responses(TaskOut))
def update_task(request, pk: int, payload: TaskPatch):
    user = user_of(request)
    task = get_for_user(
        PlanTask.objects.select_related("plan__unit"), user, pk, "view", "plan__unit"
    )
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return services.update_task(user, task, **data)
