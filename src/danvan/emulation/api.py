"""REST API of thi đua – khen thưởng: /api/v1/emulation/…

Reads are scoped through the access helpers (out of scope → 404); every
write calls one service (rights → 403, bad input → 400 in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from danvan.accounts import access
from danvan.api_common import (
    ObjectActions,
    Pagination,
    StatusLabelOut,
    pick,
    responses,
    user_of,
)
from danvan.core.errors import DomainError
from danvan.core.rules import AUTHORITIES, TITLES
from danvan.core.rules.serialize import nomination_to_json, quota_to_json
from danvan.emulation import access as scoped

from . import services

PREFIX = "emulation"
router = Router(tags=["Thi đua – Khen thưởng"])

TITLE_HELP = "Mã danh hiệu, hình thức: " + ", ".join(
    f"{c} ({label})" for c, label in TITLES.items()
)


# -- schemas -------------------------------------------------------------------------


class RoundOut(Schema):
    id: int
    name: str
    year: int
    kind: str
    unit_id: int
    unit_name: str
    deciding_unit_id: int
    deciding_unit_name: str
    authority: str = Field(..., description="Thẩm quyền quyết định: " + ", ".join(AUTHORITIES))
    approval_threshold: Decimal
    disclosure_days: int
    council_held_on: dt.date | None
    council_members: int | None
    council_present: int | None
    disclosure_start: dt.date | None
    disclosure_end: dt.date | None
    submitted_on: dt.date | None
    stage: str

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_deciding_unit_name(obj) -> str:
        return obj.deciding_unit.name

    @staticmethod
    def resolve_stage(obj) -> str:
        return services.round_stage(obj)


class RoundIn(Schema):
    unit_id: int
    year: int
    deciding_unit_id: int
    authority: str = "giam_doc_so"
    kind: str = Field("annual", description="annual (hằng năm) hoặc special (đột xuất)")
    name: str = ""
    approval_threshold: Decimal = Decimal("50")
    disclosure_days: int = 5


class CheckOut(Schema):
    rule: str
    result: str = Field(..., description="pass, fail hoặc unknown")
    basis: str
    message: str


class NominationOut(StatusLabelOut):
    id: int
    round_id: int
    subject: str = Field(..., description="p<id cán bộ> hoặc u<id đơn vị>")
    subject_name: str
    is_collective: bool
    title: str = Field(..., description=TITLE_HELP)
    title_label: str
    year: int
    status: str
    status_label: str
    achievement: str
    votes_for: int | None
    votes_against: int | None
    approval_percent: Decimal | None
    eligible: bool | None
    checks: list[CheckOut]
    return_reason: str
    decision_id: int | None

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.subject_key

    @staticmethod
    def resolve_title_label(obj) -> str:
        return obj.get_title_display()


class NominationIn(Schema):
    subject: str = Field(..., description="p<id cán bộ> hoặc u<id đơn vị>")
    title: str = Field(..., description=TITLE_HELP)
    achievement: str = ""


class SuggestionOut(Schema):
    subject: str
    name: str
    unit_name: str
    title: str
    label: str
    eligible: bool
    is_collective: bool
    nominated: bool
    pledged: bool
    checks: list[CheckOut]
    missing: list[CheckOut]


class QuotaOut(Schema):
    title: str
    nominated: int
    allowed: int
    result: str
    message: str


class CheckResultOut(Schema):
    regime: str
    nominations: list[dict[str, Any]]
    quotas: list[QuotaOut]


class VoteIn(Schema):
    nomination_id: int
    votes_for: int = Field(..., ge=0)
    votes_against: int = Field(..., ge=0)


class CouncilIn(Schema):
    held_on: dt.date
    members: int = Field(..., ge=1)
    present: int = Field(..., ge=1)
    votes: list[VoteIn]


class CommentIn(Schema):
    text: str
    nomination_id: int | None = None


class CommentOut(Schema):
    id: int
    nomination_id: int | None
    text: str
    created_at: dt.datetime


class AppraisalIn(Schema):
    accept: bool
    note: str = ""


class RecallIn(Schema):
    reason: str = ""


class DecisionIn(Schema):
    signed_on: dt.date
    signer_name: str
    signer_position: str
    number: int | None = Field(None, description="Bỏ trống: số tiếp theo của cơ quan trong năm")


class DecisionOut(Schema):
    id: int
    round_id: int
    unit_id: int
    issuer_id: int
    issuer_name: str
    year: int
    number: int
    symbol: str
    signed_on: dt.date
    signer_name: str
    signer_position: str
    nomination_ids: list[int]

    @staticmethod
    def resolve_issuer_name(obj) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_nomination_ids(obj) -> list[int]:
        return list(obj.nominations.values_list("pk", flat=True))


class RecordsOut(Schema):
    staff_id: int
    full_name: str
    unit_id: int
    recruited_on: dt.date | None
    ratings: list[dict[str, Any]]
    awards: list[dict[str, Any]]
    innovations: list[dict[str, Any]]
    discipline: list[dict[str, Any]]


# -- rounds --------------------------------------------------------------------------


@router.get("/rounds", response=list[RoundOut], summary="Các đợt xét khen thưởng (trong phạm vi)")
@paginate(Pagination)
def list_rounds(request: HttpRequest, year: int | None = None):
    qs = scoped.rounds_for(user_of(request)).order_by("-year", "unit__path", "pk")
    if year is not None:
        qs = qs.filter(year=year)
    return qs


@router.post("/rounds", response=responses(RoundOut, 201), summary="Mở đợt xét khen thưởng")
def create_round(request: HttpRequest, payload: RoundIn):
    user = user_of(request)
    unit = access.get_unit_for_user(user, payload.unit_id)
    deciding = next(
        (u for u in [*unit.ancestors(), unit] if u.pk == payload.deciding_unit_id), None
    )
    if deciding is None:
        raise DomainError(
            "Cơ quan quyết định phải là chính đơn vị hoặc cơ quan cấp trên của đơn vị.",
            field="deciding_unit_id",
        )
    rnd = services.create_round(
        user,
        unit=unit,
        year=payload.year,
        deciding_unit=deciding,
        authority=payload.authority,
        kind=payload.kind,
        name=payload.name,
        approval_threshold=payload.approval_threshold,
        disclosure_days=payload.disclosure_days,
    )
    return 201, rnd


rounds = ObjectActions(router, __name__, "/rounds/{awardround_id}", scoped.get_round)


@rounds.route("GET", "", responses(RoundOut), "Một đợt xét")
def get_round(user, rnd):
    return rnd


@rounds.route(
    "GET",
    "/suggestions",
    responses(list[SuggestionOut]),
    "Gợi ý đề nghị: đủ tiêu chuẩn và gần đạt (còn thiếu gì)",
)
def round_suggestions(user, rnd):
    return [vars(row) for row in services.round_suggestions(rnd)]


@rounds.route(
    "GET",
    "/check",
    responses(CheckResultOut),
    "Kiểm tra các đề nghị còn hiệu lực của đợt và hạn mức (bộ quy tắc)",
)
def round_check(user, rnd):
    ev = services.evaluate_round(rnd)
    return {
        "regime": ev.result.regime,
        "nominations": [
            {"nomination_id": nom.pk, **nomination_to_json(ev.by_nomination[nom.pk])}
            for nom in ev.built.nominations
        ],
        "quotas": [quota_to_json(q) for q in ev.result.quotas],
    }


@router.get(
    "/rounds/{awardround_id}/nominations",
    response=list[NominationOut],
    summary="Đề nghị của một đợt",
)
@paginate(Pagination)
def round_nominations(request: HttpRequest, awardround_id: int):
    rnd = scoped.get_round(user_of(request), awardround_id)
    return rnd.nominations.select_related("staff", "collective").order_by("pk")


@rounds.route("POST", "/nominations", responses(NominationOut, 201), "Thêm đề nghị khen thưởng")
def create_nomination(user, rnd, payload: NominationIn):
    staff, collective = services.subject_from_key(rnd, payload.subject)
    data = payload.dict(exclude={"subject"})
    return services.nominate(user, rnd, staff=staff, collective=collective, **data)


@rounds.route(
    "POST", "/council-vote", responses(list[NominationOut]), "Ghi kết quả bỏ phiếu của Hội đồng"
)
def council_vote(user, rnd, payload: CouncilIn):
    votes = {v.nomination_id: (v.votes_for, v.votes_against) for v in payload.votes}
    data = payload.dict(exclude={"votes"})
    return services.record_council_vote(user, rnd, votes=votes, **data)


@rounds.route("POST", "/comments", responses(CommentOut, 201), "Góp ý danh sách đang công khai")
def add_comment(user, rnd, payload: CommentIn):
    nom = None
    if payload.nomination_id is not None:
        nom = rnd.nominations.filter(pk=payload.nomination_id).first()
        if nom is None:
            raise DomainError("Đề nghị không thuộc đợt này.", field="nomination_id")
    return services.add_comment(user, rnd, payload.text, nomination=nom)


@rounds.route(
    "POST",
    "/decision",
    responses(DecisionOut, 201),
    "Ban hành quyết định khen thưởng cho các đề nghị đã thẩm định",
)
def issue_decision(user, rnd, payload: DecisionIn):
    return services.issue_decision(user, rnd, **payload.dict())


# -- nominations ---------------------------------------------------------------------


nominations = ObjectActions(router, __name__, "/nominations/{nomination_id}", scoped.get_nomination)


@nominations.route("GET", "", responses(NominationOut), "Một đề nghị")
def get_nomination(user, nom):
    return nom


rounds.add(
    "POST",
    "/disclosure",
    "open_disclosure",
    services.open_disclosure,
    responses(RoundOut),
    "Công khai danh sách đề nghị để lấy ý kiến",
)
rounds.add(
    "POST",
    "/submit",
    "submit_round",
    services.submit_round,
    responses(list[NominationOut]),
    "Trình cấp trên (lãnh đạo đơn vị)",
)
nominations.add(
    "DELETE",
    "",
    "delete_nomination",
    services.delete_nomination,
    responses(None, 204),
    "Xóa đề nghị dự kiến",
)
nominations.add(
    "POST",
    "/recall",
    "recall",
    services.recall_nomination,
    responses(NominationOut),
    "Đơn vị rút đề nghị (trước khi thẩm định)",
    RecallIn,
)
nominations.add(
    "POST",
    "/appraisal",
    "appraise",
    services.appraise_nomination,
    responses(NominationOut),
    "Thẩm định: chấp thuận hoặc trả lại kèm lý do",
    AppraisalIn,
)


# -- decisions, records, summary -----------------------------------------------------


@router.get(
    "/decisions/{awarddecision_id}", response=responses(DecisionOut), summary="Một quyết định"
)
def get_decision(request: HttpRequest, awarddecision_id: int):
    return scoped.get_decision(user_of(request), awarddecision_id)


staff_members = ObjectActions(router, __name__, "/staff/{staff_id}", scoped.get_staff)


@staff_members.route(
    "GET",
    "/records",
    responses(RecordsOut),
    "Hồ sơ thi đua của một cán bộ (đi theo cá nhân khi chuyển đơn vị)",
)
def staff_records(user, staff):
    rec = services.person_records(staff)
    return {
        "staff_id": staff.pk,
        **pick(staff, "full_name", "unit_id", "recruited_on"),
        "ratings": [pick(r, "year", "rating", "leave_working_days") for r in rec["ratings"]],
        "awards": [
            pick(a, "year", "title", "decision_number", "decided_on", "decided_by", "theme_based")
            for a in rec["awards"]
        ],
        "innovations": [pick(i, "year", "title", "scope", "applied") for i in rec["innovations"]],
        "discipline": [
            pick(d, "level", "decided_on", "effective_until") for d in rec["discipline"]
        ],
    }


@router.get(
    "/summary",
    response=responses(dict[str, Any]),
    summary="Tổng hợp kết quả khen thưởng của đơn vị trong năm (cho báo cáo năm)",
)
def summary(request: HttpRequest, unit_id: int, year: int):
    unit = access.get_unit_for_user(user_of(request), unit_id)
    return services.commendation_summary(unit, year)


# -- records and quotas (writes) -------------------------------------------------------


class RatingIn(Schema):
    year: int
    rating: str = Field(..., description="htxs, htt, ht hoặc kht")
    leave_working_days: int | None = Field(
        None, description="Ngày nghỉ không tính thời gian công tác; null: chưa có số liệu"
    )


class AwardRecordIn(Schema):
    title: str = Field(..., description=TITLE_HELP)
    year: int
    decision_number: str = ""
    decided_on: dt.date | None = None
    decided_by: str = ""
    theme_based: bool = Field(
        False,
        description="Khen thưởng theo chuyên đề (không dùng làm căn cứ đề nghị khen cao hơn)",
    )


class InnovationIn(Schema):
    title: str
    year: int
    scope: str = Field(..., description="co_so, cap_tinh hoặc toan_quoc")
    recognised_by: str = ""
    decision_number: str = ""
    applied: bool | None = None


class DisciplineIn(Schema):
    level: str = Field(
        ..., description="khien_trach, canh_cao, ha_bac_luong, cach_chuc, buoc_thoi_viec"
    )
    decided_on: dt.date
    effective_until: dt.date | None = None
    decision_number: str = ""
    note: str = ""


class CreatedOut(Schema):
    id: int


class QuotaIn(Schema):
    unit_id: int = Field(..., description="Cơ quan quyết định khen thưởng đặt hạn mức")
    year: int
    title: str = Field(..., description=TITLE_HELP)
    max_percent_of: str = ""
    percent: Decimal | None = None
    max_count: int | None = None
    basis: str = ""


class QuotaRuleOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    max_percent_of: str
    percent: Decimal | None
    max_count: int | None
    basis: str


def _add_award(user, staff, **record):
    return services.add_award_record(user, staff=staff, **record)


# Records kept for a staff member: (path, handler, service, summary, payload).
STAFF_RECORDS: list[tuple[str, str, Callable[..., Any], str, type[Schema]]] = [
    ("/ratings", "add_rating", services.set_rating, "Ghi xếp loại năm", RatingIn),
    ("/awards", "add_award", _add_award, "Ghi danh hiệu đã có", AwardRecordIn),
    ("/innovations", "add_innovation", services.add_innovation, "Ghi sáng kiến", InnovationIn),
    ("/discipline", "add_discipline", services.add_discipline, "Ghi kỷ luật", DisciplineIn),
]
for suffix, name, service, label, payload in STAFF_RECORDS:
    staff_members.add("POST", suffix, name, service, responses(CreatedOut, 201), label, payload)


@router.get("/quotas", response=list[QuotaRuleOut], summary="Hạn mức khen thưởng (trong phạm vi)")
@paginate(Pagination)
def list_quotas(request: HttpRequest, year: int | None = None):
    qs = scoped.quotas_for(user_of(request)).order_by("-year", "pk")
    return qs if year is None else qs.filter(year=year)


@router.post("/quotas", response=responses(QuotaRuleOut, 201), summary="Đặt hạn mức khen thưởng")
def add_quota(request: HttpRequest, payload: QuotaIn):
    user = user_of(request)
    unit = access.get_unit_for_user(user, payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    return 201, services.set_quota(user, unit=unit, **data)
