"""REST API of the citizen book: /api/v1/citizens/… Reads through the access
helpers (out of scope → 404) with personal data shown by the same rule as
the pages (each shown record audited); writes through services."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.accounts.access import get_unit_for_user
from danvan.api_common import Pagination, UnitOwnedOut, UnitRef, responses, unit_ref, user_of
from danvan.core import petition_limits
from danvan.core.errors import DomainError
from danvan.core.periods import Period, PeriodError

from . import access, figures, services
from .models import Petition, Reception

router = Router(tags=["Tiếp công dân, đơn thư, đối thoại"])


class PersonOut(Schema):
    name: str = Field(..., description="Họ tên, hoặc “[đã ẩn]” khi người gọi không được xem")
    address: str
    id_number: str


class ReceptionOut(Schema):
    id: int
    unit: UnitRef
    received_on: dt.date
    place: str
    citizen: PersonOut
    group_size: int
    content: str
    field: str
    outcome: str
    petition_id: int | None


class PetitionOut(Schema):
    id: int
    unit: UnitRef
    received_on: dt.date
    channel: str
    kind: str
    anonymous: bool
    complainant: PersonOut
    subject: str
    stage: str
    stage_label: str
    eligible: bool | None
    competent: bool | None
    duplicate_of_id: int | None
    process_due: dt.date | None
    accepted_on: dt.date | None
    due_on: dt.date | None
    current_due: dt.date | None
    forwarded_to: str
    forward_symbol: str
    concluded_on: dt.date | None
    on_time: bool | None
    replied_on: dt.date | None


class CommitmentOut(Schema):
    id: int
    content: str
    owner: str
    due_on: dt.date
    status: str
    follow_up: str


class DialogueOut(UnitOwnedOut):
    id: int
    unit: UnitRef
    held_on: dt.date
    title: str
    chaired_by: str
    audience: str
    participant_count: int
    topics: str
    commitments: list[CommitmentOut]

    @staticmethod
    def resolve_commitments(obj) -> list[Any]:
        return list(obj.commitments.all())


class PetitionIn(Schema):
    unit_id: int
    received_on: dt.date
    kind: str
    subject: str
    channel: str = "post"
    anonymous: bool = False
    complainant_name: str = ""
    complainant_address: str = ""
    complainant_id_number: str = ""
    field: str = "other"
    forwarded_from: str = ""


class ActionIn(Schema):
    text: str = ""
    on: dt.date | None = None
    to_name: str = ""
    reason: str = ""
    kind: str = ""
    eligible: bool = False
    competent: bool = False
    complex_case: bool = False
    very_complex: bool = False
    remote_area: bool = False
    assignee_id: int | None = None


class LimitOut(Schema):
    code: str
    kind: str
    step: str
    label: str
    days: int
    day_kind: str
    complex_days: int | None
    remote_days: int | None
    remote_complex_days: int | None
    extension_days: int
    max_extensions: int
    max_extensions_very_complex: int
    basis: str
    verified: bool


class FigureOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    value: float | None
    entries_url: str


class SectionOut(Schema):
    unit: UnitRef
    period: str
    title: str
    text: str
    figures: list[FigureOut]


def _reception(user, r: Reception) -> dict[str, Any]:
    p = services.show_person(user, r)
    return {
        "id": r.pk,
        "unit": unit_ref(r.unit),
        "received_on": r.received_on,
        "place": r.place,
        "citizen": {"name": p["name"], "address": p["address"], "id_number": p["id_number"]},
        "group_size": r.group_size,
        "content": r.content,
        "field": r.field,
        "outcome": r.outcome,
        "petition_id": r.petition_id,
    }


def _petition(user, p: Petition) -> dict[str, Any]:
    person = services.show_person(user, p)
    out = {f: getattr(p, f) for f in PetitionOut.model_fields if hasattr(p, f)}
    out.update(
        {
            "unit": unit_ref(p.unit),
            "complainant": {k: person[k] for k in ("name", "address", "id_number")},
            "stage_label": p.get_stage_display(),
        }
    )
    return out


class Filters(Schema):
    unit: int | None = Field(None, description="Chỉ đơn vị này và các đơn vị trực thuộc")
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")


def _filter(user, qs, f: Filters, field: str):
    if f.unit is not None:
        qs = qs.filter(unit__path__startswith=get_unit_for_user(user, f.unit).path)
    if f.date_from:
        qs = qs.filter(**{f"{field}__gte": f.date_from})
    if f.date_to:
        qs = qs.filter(**{f"{field}__lte": f.date_to})
    return qs


@router.get("/receptions", response=list[ReceptionOut], summary="Sổ tiếp công dân")
@paginate(Pagination)
def list_receptions(request, filters: Query[Filters]):
    user = user_of(request)
    qs = _filter(user, access.receptions_for(user), filters, "received_on")
    return _Mapped(qs, lambda r: _reception(user, r))


@router.get("/receptions/{pk}", response=responses(ReceptionOut), summary="Một lượt tiếp")
def get_reception(request, pk: int):
    user = user_of(request)
    return _reception(user, access.get_reception(user, pk))


@router.get("/petitions", response=list[PetitionOut], summary="Đơn thư")
@paginate(Pagination)
def list_petitions(request, filters: Query[Filters], stage: str = ""):
    user = user_of(request)
    qs = _filter(user, access.petitions_for(user), filters, "received_on")
    if stage:
        qs = qs.filter(stage=stage)
    return _Mapped(qs, lambda p: _petition(user, p))


@router.post("/petitions", response=responses(PetitionOut, 201), summary="Vào sổ đơn thư")
def create_petition(request, payload: PetitionIn):
    user = user_of(request)
    data = payload.dict()
    unit = get_unit_for_user(user, data.pop("unit_id"))
    return 201, _petition(user, services.receive_petition(user, unit=unit, **data))


@router.get("/petitions/{pk}", response=responses(PetitionOut), summary="Một đơn")
def get_petition(request, pk: int):
    user = user_of(request)
    return _petition(user, access.get_petition(user, pk))


def _action_args(action: str, a: ActionIn, petition: Petition) -> dict[str, Any]:
    if action == "classify":
        return {
            k: getattr(a, k)
            for k in (
                "kind",
                "eligible",
                "competent",
                "complex_case",
                "very_complex",
                "remote_area",
            )
        }
    if action == "assign":
        User = get_user_model()
        assignee = User.objects.filter(pk=a.assignee_id).first() if a.assignee_id else None
        return {"assignee": assignee}
    args: dict[str, dict[str, Any]] = {
        "accept": {"on": a.on},
        "forward": {"to_name": a.to_name, "on": a.on},
        "extend": {"reason": a.reason},
        "verify": {"text": a.text},
        "conclude": {"text": a.text, "on": a.on},
        "reply": {"text": a.text, "on": a.on},
        "close": {},
    }
    return args[action]


ACTIONS: dict[str, Callable[..., Petition]] = {
    "classify": services.classify,
    "accept": services.accept,
    "forward": services.forward,
    "assign": services.assign,
    "extend": services.extend,
    "verify": services.record_verification,
    "conclude": services.conclude,
    "reply": services.reply,
    "close": services.close,
}


@router.post(
    "/petitions/{pk}/{action}",
    response=responses(PetitionOut),
    summary="Một bước xử lý đơn: classify, accept, forward, assign, extend, verify, "
    "conclude, reply, close",
)
def petition_action(request, pk: int, action: str, payload: ActionIn):
    user = user_of(request)
    petition = access.get_petition(user, pk)
    if action not in ACTIONS:
        raise Http404("Không có bước xử lý này.")
    done = ACTIONS[action](user, petition, **_action_args(action, payload, petition))
    return _petition(user, done)


class DeadlinesOut(Schema):
    overdue: list[PetitionOut]
    due_soon: list[PetitionOut]


@router.get("/deadlines", response=DeadlinesOut, summary="Đơn quá hạn và sắp đến hạn")
def deadlines(request):
    user = user_of(request)
    qs = access.petitions_for(user)
    return {
        "overdue": [_petition(user, p) for p in services.overdue(qs)[:200]],
        "due_soon": [_petition(user, p) for p in services.due_soon(qs)[:200]],
    }


@router.get("/dialogues", response=list[DialogueOut], summary="Đối thoại")
@paginate(Pagination)
def list_dialogues(request, filters: Query[Filters]):
    user = user_of(request)
    qs = _filter(user, access.dialogues_for(user), filters, "held_on")
    return qs.prefetch_related("commitments")


@router.get("/dialogues/{pk}", response=responses(DialogueOut), summary="Một cuộc đối thoại")
def get_dialogue(request, pk: int):
    return access.get_dialogue(user_of(request), pk)


@router.get("/time-limits", response=list[LimitOut], summary="Thời hạn xử lý đơn và căn cứ")
def time_limits(request):
    return [lim.__dict__ for lim in petition_limits.LIMITS]


@router.get(
    "/section",
    response=responses(SectionOut),
    summary="Phần báo cáo dân vận chính quyền: số liệu và câu văn",
)
def section(request, unit: int, period: str = ""):
    user = user_of(request)
    root = get_unit_for_user(user, unit)
    try:
        p = Period.parse(period) if period else Period.whole_year(timezone.localdate().year)
    except PeriodError:
        raise DomainError("Kỳ không hợp lệ.", field="period") from None
    sec = figures.section(root, p)
    return {
        "unit": unit_ref(root),
        "period": p.code,
        "title": sec.title,
        "text": sec.plain_text(),
        "figures": [
            {
                "code": d.code,
                "name": d.name,
                "unit_of_measure": d.unit_of_measure,
                "value": None if (v := sec.figures.get(d.code)) is None else float(v),
                "entries_url": figures.list_url(d.code, root, p.start, p.end),
            }
            for d in figures.INDICATORS
        ],
    }


class _Mapped:
    """A queryset whose page is mapped to dicts after slicing (pagination
    counts and slices the queryset; personal data is shown per record)."""

    def __init__(self, qs, fn) -> None:
        self.qs, self.fn = qs, fn

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        rows = self.qs[item]
        return [self.fn(r) for r in rows] if isinstance(item, slice) else self.fn(rows)
