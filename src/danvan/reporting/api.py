"""REST API of reporting: /api/v1/reporting/… (periods, requests, unit reports,
values, roll-ups, completeness). Same access rules as the pages: a reviewer
reads the subtree and what was submitted to its requests, an officer writes
their unit's reports. A stale save answers 400 with code "stale"."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from danvan.accounts.access import can, get_unit_for_user, visible_units
from danvan.api_common import (
    ObjectActions,
    Pagination,
    StatusLabelOut,
    UnitOwnedOut,
    UnitRef,
    filtered,
    local,
    paged_list,
    responses,
    unit_ref,
    user_of,
)
from danvan.core.errors import DomainError
from danvan.core.periods import Period, PeriodError, cutoff_window, earliest_deadline
from danvan.documents.services import documents_for_user, get_figure_for_user
from danvan.orgunits.models import OrgUnit, head_title
from danvan.planning.access import get_indicator
from danvan.planning.models import Indicator
from danvan.planning.services import parse_period

from . import services
from .access import (
    get_report,
    get_request,
    get_value,
    is_requester_side,
    reports_for,
    requests_for,
    values_for,
)
from .models import ReportStatus
from .services.rollups import ALL_STATES, REPORTED

router = Router(tags=["Báo cáo"])


# -- periods ---------------------------------------------------------------------------


class PeriodOut(Schema):
    code: str
    label: str
    start: dt.date
    end: dt.date
    cutoff_start: dt.date = Field(..., description="Chốt số liệu từ (Nghị định 09/2019)")
    cutoff_end: dt.date
    earliest_deadline: dt.date = Field(..., description="Sau ngày chốt ít nhất 01 ngày làm việc")
    previous: str
    same_period_last_year: str


@router.get(
    "/periods/{code}",
    response=responses(PeriodOut, 200, 400, 401),
    summary="Kỳ báo cáo và thời gian chốt số liệu",
)
def get_period(request, code: str):
    try:
        p = Period.parse(code)
    except PeriodError:
        raise DomainError(
            "Mã kỳ không hợp lệ (ví dụ 2023-H1, 2023-Y, 2023-Q2, 2023-M05).", field="code"
        ) from None
    start, end = cutoff_window(p)
    return {
        "code": p.code,
        "label": p.label,
        "start": p.start,
        "end": p.end,
        "cutoff_start": start,
        "cutoff_end": end,
        "earliest_deadline": earliest_deadline(p),
        "previous": p.previous().code,
        "same_period_last_year": p.same_period_last_year().code,
    }


# -- requests ------------------------------------------------------------------------------


class HeadingOut(Schema):
    id: int
    number: str
    title: str
    guidance: str


class RequestOut(Schema):
    id: int
    requester: UnitRef
    title: str
    kind: str
    number: str
    period: str
    period_label: str
    cutoff_start: dt.date
    cutoff_end: dt.date
    deadline: dt.date
    grace_days: int
    reminder_days: int
    status: str
    indicator_ids: list[int]
    headings: list[HeadingOut]

    @staticmethod
    def resolve_requester(obj):
        return unit_ref(obj.requester_unit)

    @staticmethod
    def resolve_indicator_ids(obj):
        return list(obj.form_rows.values_list("indicator_id", flat=True))

    @staticmethod
    def resolve_headings(obj):
        return list(obj.headings.all())


class RequestIn(Schema):
    requester_unit_id: int
    title: str
    period: str
    deadline: dt.date
    unit_ids: list[int] = Field(default_factory=list, description="Danh sách đơn vị phải báo cáo")
    scope_root_id: int | None = Field(None, description="Hoặc: đơn vị gốc của cây")
    scope: str = Field(
        "list", description="list, children (trực thuộc) hoặc subtree (toàn bộ cấp dưới)"
    )
    indicator_ids: list[int] = Field(default_factory=list)
    headings: list[str] = Field(
        default_factory=list, description="Đề cương, mỗi mục một dòng: “1. Kết quả”"
    )
    kind: str = "periodic"
    number: str = ""
    grace_days: int = 0
    reminder_days: int = 3
    cutoff_start: dt.date | None = None
    cutoff_end: dt.date | None = None
    instructions: str = ""


# RequestIn's fields that name other objects, resolved by create_request below.
REQUEST_REFS = {"requester_unit_id", "unit_ids", "scope_root_id", "scope", "indicator_ids"}


@router.get("/requests", response=list[RequestOut], summary="Yêu cầu báo cáo")
@paginate(Pagination)
def list_requests(request, status: str | None = None):
    qs = requests_for(user_of(request)).order_by("-deadline", "-pk")
    return qs if status is None else qs.filter(status=status)


@router.get("/requests/{pk}", response=responses(RequestOut, 200, 401, 404))
def get_request_api(request, pk: int):
    return get_request(user_of(request), pk)


@router.post("/requests", response=responses(RequestOut, 201), summary="Phát hành yêu cầu báo cáo")
def create_request(request, payload: RequestIn):
    user = user_of(request)
    requester = get_unit_for_user(user, payload.requester_unit_id)
    if payload.scope == "list":
        # Requests cross the tree: any active unit may be asked (its data stays hidden).
        units = list(OrgUnit.objects.filter(pk__in=payload.unit_ids))
        if len(units) != len(set(payload.unit_ids)):
            raise Http404("Không tìm thấy một số đơn vị.")
    else:
        root = OrgUnit.objects.filter(pk=payload.scope_root_id or 0).first()
        if root is None:
            raise Http404("Không tìm thấy đơn vị gốc.")
        units = services.units_in_scope(root, payload.scope)
    by_id = Indicator.objects.in_bulk(payload.indicator_ids)
    indicators = [by_id[i] for i in payload.indicator_ids if i in by_id]
    # The other fields (title, period, deadline, outline, dates…) go to the service as they are.
    data = payload.dict(exclude=REQUEST_REFS)
    return 201, services.create_request(
        user, requester_unit=requester, units=units, indicators=indicators, **data
    )


@router.post("/requests/{pk}/close", response=responses(RequestOut))
def close_request(request, pk: int):
    user = user_of(request)
    return services.close_request(user, get_request(user, pk))


class TallyOut(Schema):
    expected: int
    submitted: int
    accepted: int
    returned: int
    on_time: int
    late: int
    overdue: int
    completeness: Decimal | None
    timeliness: Decimal | None


class NodeOut(Schema):
    unit: UnitRef
    tally: TallyOut
    has_branches: bool


class LateOut(Schema):
    report_id: int
    unit_id: int
    unit: str
    status: str
    submitted_at: dt.datetime | None
    late: bool
    overdue: bool


class CompletenessOut(Schema):
    total: TallyOut
    nodes: list[NodeOut]
    late: list[LateOut]
    definitions: dict[str, str]


def _tally(t) -> dict[str, Any]:
    return {
        **{k: getattr(t, k) for k in t.__dataclass_fields__},
        "completeness": t.completeness,
        "timeliness": t.timeliness,
    }


@router.get(
    "/requests/{pk}/completeness",
    response=responses(CompletenessOut, 200, 401, 404),
    summary="Tiến độ nộp báo cáo theo cây đơn vị",
)
def request_completeness(request, pk: int, node_id: int | None = None):
    user = user_of(request)
    req = get_request(user, pk)
    reports = (
        req.reports.all() if is_requester_side(user, req) else reports_for(user).filter(request=req)
    )
    node = None
    if node_id is not None:
        node = OrgUnit.objects.filter(pk=node_id).first()
        if node is None or not reports.filter(unit__path__startswith=node.path).exists():
            raise Http404()
    result = services.completeness(req, reports=reports, node=node)
    return {
        "total": _tally(result.total),
        "nodes": [
            {"unit": unit_ref(u), "tally": _tally(t), "has_branches": more}
            for u, t, more in result.nodes
        ],
        "late": [{**r, "submitted_at": local(r["submitted_at"])} for r in result.late],
        "definitions": services.DEFINITIONS,
    }


# -- unit reports ------------------------------------------------------------------------------


class ReportOut(UnitOwnedOut, StatusLabelOut):
    id: int
    request_id: int
    unit: UnitRef
    status: str
    status_label: str
    version: int
    late: bool
    first_submitted_at: dt.datetime | None
    submitted_at: dt.datetime | None
    return_reason: str
    unlock_reason: str


class LockOut(Schema):
    editable: bool
    kind: str
    message: str


class ReportDetailOut(ReportOut):
    lock: LockOut
    content: dict[str, Any] = Field(..., description="Nội dung báo cáo (schema danvan.report/1)")


class ReportSave(Schema):
    version: int = Field(
        ...,
        description="Phiên bản đọc được; nếu đã có người lưu sau đó, yêu cầu bị từ chối (code stale)",
    )
    sections: dict[int, str] = Field(default_factory=dict, description="{id đề mục: nội dung}")
    values: dict[int, str | Decimal | None] = Field(
        default_factory=dict, description="{id chỉ tiêu: giá trị}"
    )
    notes: dict[int, str] = Field(default_factory=dict)


class ReasonIn(Schema):
    reason: str


class DocumentValueIn(Schema):
    figure_id: int = Field(
        ..., description="Số liệu trích từ văn bản lưu trữ (GET /documents/{id}: figures)"
    )
    indicator_id: int
    confirmed: bool = Field(
        False, description="Phải là true: người dùng đã đối chiếu với câu trích"
    )
    replace: bool = Field(False, description="Thay thế số liệu đã có của kỳ này")


def _detail(user, report):
    lock = services.lock_info(report, user)
    if not can(user, "view", report.unit) and report.status == ReportStatus.RETURNED:
        content = report.submitted_snapshot or {}
    else:
        content = services.report_render_data(report)
    report.lock = lock.__dict__
    report.content = content
    return report


@paged_list(
    router, "/reports", ReportOut, "Báo cáo của đơn vị", request_id=int, unit_id=int, status=str
)
def list_reports(request, filters):
    return filtered(reports_for(user_of(request)), filters, "-request__deadline", "unit__path")


@router.get("/reports/{pk}", response=responses(ReportDetailOut, 200, 401, 404))
def get_report_api(request, pk: int):
    user = user_of(request)
    return _detail(user, get_report(user, pk))


@router.put("/reports/{pk}", response=responses(ReportDetailOut), summary="Lưu nội dung và số liệu")
def save_report(request, pk: int, payload: ReportSave):
    user = user_of(request)
    report = get_report(user, pk)
    report = services.save_report(
        user,
        report,
        version=payload.version,
        sections=payload.sections,
        values={k: ("" if v is None else v) for k, v in payload.values.items()},
        notes=payload.notes,
    )
    return _detail(user, report)


class SignIn(Schema):
    name: str
    position: str


@router.post(
    "/reports/{pk}/sign",
    response=responses(ReportDetailOut),
    summary="Lãnh đạo duyệt và ký (cấp số trong sổ đăng ký, khóa)",
)
def sign_report(request, pk: int, payload: SignIn):
    user = user_of(request)
    report = get_report(user, pk)
    signer = services.Signer(payload.name, payload.position, head_title(report.unit.kind))
    return _detail(user, services.sign_report(user, report, signer))


# The report's steps: (path, service, summary, payload: the reason, when one is asked).
REPORT_STEPS: list[tuple[str, Callable[..., Any], str, type[Schema] | None]] = [
    ("propose", services.propose_report, "Trình lãnh đạo đơn vị duyệt", None),
    ("decline", services.decline_report, "Lãnh đạo trả lại cho cán bộ soạn, kèm lý do", ReasonIn),
    (
        "submit",
        services.submit_report,
        "Gửi báo cáo đã ký tới cơ quan yêu cầu (sau hạn: vẫn nhận, ghi nộp muộn)",
        None,
    ),
    ("recall", services.recall_report, "Thu hồi khi cấp trên chưa xem xét", None),
    ("return", services.return_report, "Trả lại kèm lý do", ReasonIn),
    ("accept", services.accept_report, "Chấp nhận (khóa)", None),
    ("unlock", services.unlock_report, "Mở khóa kèm lý do", ReasonIn),
]
report_steps = ObjectActions(router, __name__, "/reports/{pk}", get_report, answer=_detail)
for step, service, summary, payload in REPORT_STEPS:
    report_steps.add(
        "POST", f"/{step}", f"{step}_report", service, responses(ReportDetailOut), summary, payload
    )


# -- values --------------------------------------------------------------------------------------


class ValueOut(UnitOwnedOut):
    id: int
    indicator_id: int
    unit: UnitRef
    period: str
    value: Decimal | None
    text_value: str
    note: str
    state: str
    source: str = Field(..., description="typed, excel hoặc document")
    source_ref: str
    document_id: int | None = Field(
        ..., description="Văn bản nguồn (null nếu bạn không có quyền xem văn bản đó)"
    )
    figure_id: int | None
    figure_start: int | None
    figure_end: int | None
    source_sentence: str
    excel_row: int | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_document_id(obj):
        return obj.document_id if getattr(obj, "document_visible", False) else None

    @staticmethod
    def resolve_figure_id(obj):
        return obj.figure_id if getattr(obj, "document_visible", False) else None


def _with_sources(qs, user):
    """Say for each value whether its source document is in the caller's scope."""
    visible = documents_for_user(user).filter(pk=OuterRef("document_id"))
    return qs.annotate(document_visible=Exists(visible))


@router.post(
    "/reports/{pk}/document-values",
    response=responses(ValueOut, 201),
    summary="Lấy số liệu từ văn bản lưu trữ (cần xác nhận)",
)
def take_document_value(request, pk: int, payload: DocumentValueIn):
    """The figure is looked up in the caller's scope (404 otherwise, nothing stored);
    its value, sentence and offsets come from the archive, never from the request."""
    user = user_of(request)
    report = get_report(user, pk)
    figure = get_figure_for_user(user, payload.figure_id)
    indicator = get_indicator(user, payload.indicator_id)
    row = services.take_value_from_document(
        user,
        report,
        figure=figure,
        indicator=indicator,
        confirmed=payload.confirmed,
        replace=payload.replace,
    )
    return 201, _with_sources(values_for(user), user).get(pk=row.pk)


@paged_list(
    router,
    "/values",
    ValueOut,
    "Số liệu chỉ tiêu (trong phạm vi)",
    indicator_id=int,
    unit_id=int,
    period=str,
    year=int,
)
def list_values(request, filters):
    user = user_of(request)
    order = ("unit__path", "indicator__code", "period")
    return filtered(_with_sources(values_for(user), user), filters, *order)


@router.get(
    "/values/{pk}",
    response=responses(ValueOut, 200, 401, 404),
    summary="Một số liệu và nguồn của nó",
)
def get_value_api(request, pk: int):
    user = user_of(request)
    value = get_value(user, pk)
    visible = (
        value.document_id is not None
        and documents_for_user(user).filter(pk=value.document_id).exists()
    )
    value.document_visible = visible  # type: ignore[attr-defined]  # read by ValueOut
    return value


# -- roll-ups ---------------------------------------------------------------------------------------


class RollupRowOut(Schema):
    unit: UnitRef
    own: bool = Field(..., description="Số liệu của chính đơn vị gốc (không gồm cấp dưới)")
    has_children: bool
    value: Decimal | None
    units: int = Field(..., description="Số đơn vị có số liệu")
    target: Decimal | None
    target_is_annual: bool
    plan_percent: Decimal | None
    last_year: Decimal | None
    change_value: Decimal | None
    change_percent: Decimal | None


class RollupOut(Schema):
    indicator_id: int
    period: str
    total: RollupRowOut
    branches: list[RollupRowOut]


def _row(r) -> dict[str, Any]:
    return {
        **{k: getattr(r, k) for k in r.__dataclass_fields__ if k != "unit"},
        "unit": unit_ref(r.unit),
    }


class RollupQuery(Schema):
    indicator_id: int
    period: str
    unit_id: int
    drafts: bool = Field(False, description="Gồm cả số liệu chưa gửi")


@router.get(
    "/rollup",
    response=responses(RollupOut, 200, 400, 401, 404),
    summary="Tổng hợp một chỉ tiêu trên cây đơn vị",
)
def rollup(request, q: Query[RollupQuery]):
    user = user_of(request)
    root = get_unit_for_user(user, q.unit_id)
    try:
        indicator = Indicator.objects.select_related("numerator", "denominator").get(
            pk=q.indicator_id
        )
    except Indicator.DoesNotExist:
        raise Http404() from None
    period = parse_period(q.period)
    visible = None if user.is_superuser else set(visible_units(user).values_list("pk", flat=True))
    head, rows = services.rollup_table(
        indicator, period, root, ALL_STATES if q.drafts else REPORTED, visible_ids=visible
    )
    return {
        "indicator_id": indicator.pk,
        "period": period.code,
        "total": _row(head),
        "branches": [_row(r) for r in rows],
    }


@router.get(
    "/reminders",
    response=list[ReportOut],
    summary="Báo cáo của đơn vị tôi sắp đến hạn hoặc quá hạn",
)
def reminders(request):
    return services.due_soon(reports_for(user_of(request), "edit"))
