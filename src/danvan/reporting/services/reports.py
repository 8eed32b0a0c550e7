"""A unit's report: saving (with optimistic concurrency), submitting, recall,
return with a reason, acceptance (locks it), unlock with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from danvan.accounts.access import can_here
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.planning.models import Indicator, TaskStatus
from danvan.reporting.access import can_review
from danvan.reporting.models import (
    IndicatorValue,
    Provenance,
    ReportEvent,
    ReportSection,
    ReportStatus,
    UnitReport,
)
from danvan.reporting.models.requests import RequestStatus

from .figures import value_from_figure
from .render import report_render_data
from .requests import vn_date
from .rows import form_indicators, report_rows, task_lines
from .values import (
    FormErrors,
    locking_report,
    parse_value,
    refresh_states,
    store_value,
)


def _vn_time(value) -> str:
    local = timezone.localtime(value)
    return f"{local:%H:%M} ngày {local.day:02d}/{local.month}/{local.year}"


@dataclass
class Lock:
    editable: bool
    kind: str
    message: str


def lock_info(report: UnitReport, user) -> Lock:
    """Which lock applies to the report for this user, in words for the screen."""
    may_edit = can_here(user, "edit", report.unit)
    if report.status == ReportStatus.ACCEPTED:
        when = _vn_time(report.reviewed_at) if report.reviewed_at else ""
        return Lock(
            False,
            "accepted",
            f"Báo cáo đã được {report.request.requester_unit.name} chấp nhận {when}: đã khóa. "
            "Chỉ cán bộ thẩm định của cơ quan yêu cầu mở khóa được, kèm lý do.",
        )
    if report.status == ReportStatus.PENDING:
        return Lock(
            False,
            "pending",
            "Báo cáo đã trình lãnh đạo đơn vị duyệt: tạm khóa. Lãnh đạo duyệt và ký (cấp số) "
            "hoặc trả lại kèm lý do; người trình có thể rút lại để sửa.",
        )
    if report.status == ReportStatus.SIGNED:
        return Lock(
            False,
            "signed",
            f"Lãnh đạo đã ký văn bản số {report.signed_symbol}: báo cáo đã khóa, "
            f"chờ gửi tới {report.request.requester_unit.name}.",
        )
    if report.status == ReportStatus.SUBMITTED:
        when = _vn_time(report.submitted_at) if report.submitted_at else ""
        return Lock(
            False,
            "submitted",
            f"Báo cáo đã gửi {when}, đang chờ thẩm định: tạm khóa. "
            + (
                "Đơn vị có thể thu hồi để sửa khi cấp trên chưa xem xét."
                if may_edit
                else "Cán bộ thẩm định có thể chấp nhận hoặc trả lại kèm lý do."
            ),
        )
    if report.request.status == RequestStatus.CLOSED:
        return Lock(False, "closed", "Đợt báo cáo đã kết thúc: không nhận chỉnh sửa.")
    if not may_edit:
        return Lock(False, "read_only", "Bạn chỉ có quyền xem báo cáo này.")
    if report.status == ReportStatus.RETURNED:
        reason = report.unlock_reason or report.return_reason
        what = "mở khóa" if report.unlock_reason else "trả lại"
        return Lock(True, "returned", f"Báo cáo bị {what} để sửa. Lý do: {reason}")
    return Lock(True, "draft", "Báo cáo đang soạn: đơn vị có thể sửa và gửi.")


def _require_editable(user, report: UnitReport) -> None:
    if not can_here(user, "edit", report.unit):
        raise PermissionDenied("Bạn không có quyền sửa báo cáo của đơn vị này.")
    lock = lock_info(report, user)
    if not lock.editable:
        raise DomainError(lock.message, code="locked")


def _bump_version(user, report: UnitReport, version: int) -> None:
    done = UnitReport.objects.filter(pk=report.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=audit.author(user)
    )
    if not done:
        fresh = UnitReport.objects.select_related("updated_by").get(pk=report.pk)
        who = (
            fresh.updated_by.get_full_name() or fresh.updated_by.username
            if fresh.updated_by
            else "người khác"
        )
        raise DomainError(
            f"Báo cáo vừa được {who} lưu lúc {_vn_time(fresh.updated_at)}, sau khi bạn mở trang. "
            "Thay đổi của bạn chưa được lưu để không ghi đè lên bản của họ; nội dung bạn nhập "
            "vẫn còn trong biểu mẫu dưới đây. Hãy mở bản mới nhất (tải lại trang) rồi nhập lại.",
            code="stale",
        )


@transaction.atomic
def save_report(
    user,
    report: UnitReport,
    *,
    version: int,
    sections: dict[int, str] | None = None,
    values: dict[int, Any] | None = None,
    notes: dict[int, str] | None = None,
    tasks: dict[int, tuple[str, str]] | None = None,
    source: str = Provenance.TYPED,
    source_ref: str = "",
    excel_rows: dict[int, int] | None = None,
) -> UnitReport:
    """Save narrative, figures and task progress in one go. All figures are
    checked first; any error and nothing is saved. A save started from an
    older version of the report is refused (never a silent overwrite)."""
    report = (
        UnitReport.objects.select_for_update().select_related("request", "unit").get(pk=report.pk)
    )
    _require_editable(user, report)
    period = report.request.period_obj
    by_id = {i.pk: i for i in form_indicators(report)}
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    errors: dict[str, str] = {}
    for ind_id, raw in (values or {}).items():
        ind = by_id.get(int(ind_id))
        if ind is None or ind.is_ratio:
            continue
        try:
            parsed[ind.pk] = parse_value(ind, raw)
        except DomainError as exc:
            errors[f"value-{ind.pk}"] = exc.message
            continue
        holder = locking_report(report.unit_id, report.request.period, ind.pk, report)
        if holder is not None:
            current = IndicatorValue.objects.filter(
                indicator=ind, unit_id=report.unit_id, period=period.code
            ).first()
            cur = (current.value, current.text_value) if current else (None, "")
            if cur != parsed[ind.pk]:
                errors[f"value-{ind.pk}"] = (
                    f"“{ind.name}”: số liệu này đã gửi trong báo cáo “{holder.request.title}” "
                    "và đang khóa; hãy thu hồi hoặc đề nghị mở khóa báo cáo đó."
                )
    headings = set(report.request.headings.values_list("pk", flat=True))
    for heading_id in sections or {}:
        if int(heading_id) not in headings:
            # an id from another request (maybe another branch's): refused, nothing saved
            errors["sections"] = "Đề mục không thuộc đề cương của báo cáo này; chưa lưu gì."
    if errors:
        raise FormErrors(errors)
    _bump_version(user, report, version)
    for heading_id, text in (sections or {}).items():
        ReportSection.objects.update_or_create(
            report=report, heading_id=int(heading_id), defaults={"text": (text or "").strip()}
        )
    for ind_id, (number, text) in parsed.items():
        store_value(
            user,
            indicator=by_id[ind_id],
            unit_id=report.unit_id,
            period=period,
            number=number,
            text=text,
            note=(notes or {}).get(ind_id),
            source=source,
            source_ref=source_ref,
            excel_row=(excel_rows or {}).get(ind_id),
        )
    if tasks:
        _save_tasks(report, tasks)
    ReportEvent.objects.create(report=report, kind=ReportEvent.SAVE, user=audit.author(user))
    report.refresh_from_db()
    return report


def _save_tasks(report: UnitReport, tasks: dict[int, tuple[str, str]]) -> None:
    existing = {line.task_id: line for line in report.task_lines.all()}
    for line in task_lines(report):
        if line.task_id not in tasks:
            continue
        status, result = tasks[line.task_id]
        if status not in TaskStatus.values:
            raise DomainError("Tình trạng nhiệm vụ không hợp lệ.")
        saved = existing.get(line.task_id) or line
        saved.status, saved.result = status, (result or "").strip()
        saved.save()


def _snapshot(report: UnitReport) -> dict[str, Any]:
    return report_render_data(report)


@transaction.atomic
def submit_report(user, report: UnitReport) -> UnitReport:
    """Send the report. After the deadline (plus grace days) it is still
    accepted, and marked late."""
    report = (
        UnitReport.objects.select_for_update().select_related("request", "unit").get(pk=report.pk)
    )
    if not (can_here(user, "edit", report.unit) or can_here(user, "approve", report.unit)):
        raise PermissionDenied("Chỉ đơn vị lập báo cáo được gửi báo cáo của mình.")
    if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PENDING):
        raise DomainError(
            "Báo cáo chưa được lãnh đạo đơn vị duyệt và ký: hãy “Trình lãnh đạo duyệt” trước.",
            code="not_signed",
        )
    if report.status != ReportStatus.SIGNED:
        raise DomainError(lock_info(report, user).message, code="locked")
    check_ready(report)
    rows = report_rows(report)
    required = _required(report)
    now = timezone.now()
    before = audit.snapshot(report, ["status", "late"])
    first = report.first_submitted_at is None
    if first:
        report.first_submitted_at = now
        report.late = timezone.localtime(now).date() > report.request.due_date
    report.submitted_at = now
    report.status = ReportStatus.SUBMITTED
    report.return_reason = ""
    report.unlock_reason = ""
    report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.SUBMIT, user=audit.author(user), late=first and report.late
    )
    refresh_states(report.unit_id, report.request.period, required | {r.indicator.pk for r in rows})
    report.submitted_snapshot = _snapshot(report)
    report.save(update_fields=["submitted_snapshot"])
    audit.updated(user, report, before, unit_id=report.unit_id, verb="submit")
    return report


def _required(report: UnitReport) -> set[int]:
    return set(
        report.request.form_rows.filter(required=True).values_list("indicator_id", flat=True)
    )


def check_ready(report: UnitReport) -> None:
    """The request is open and every required figure is there (before proposing,
    signing and sending)."""
    if report.request.status == RequestStatus.CLOSED:
        raise DomainError("Đợt báo cáo đã kết thúc: không nhận báo cáo.")
    required = _required(report)
    missing = [
        r.indicator.name
        for r in report_rows(report)
        if r.indicator.pk in required and not r.computed and r.value is None and not r.text_value
    ]
    if missing:
        raise DomainError("Chưa nhập số liệu bắt buộc: " + "; ".join(missing) + ".")


def late_message(report: UnitReport) -> str:
    return (
        f"Báo cáo được gửi sau hạn ({vn_date(report.request.deadline)}"
        + (f", gia hạn {report.request.grace_days} ngày" if report.request.grace_days else "")
        + ") và được ghi nhận là nộp muộn."
    )


# A step of a report's life: the statuses it starts from, the status it leads
# to, the right it takes, and whether it needs a reason.
_STEPS: dict[str, tuple[tuple[str, ...], str, str, bool]] = {
    ReportEvent.RECALL: (
        (ReportStatus.PENDING, ReportStatus.SUBMITTED),
        ReportStatus.DRAFT,
        "edit",
        False,
    ),
    ReportEvent.PROPOSE: (
        (ReportStatus.DRAFT, ReportStatus.RETURNED),
        ReportStatus.PENDING,
        "edit",
        False,
    ),
    ReportEvent.DECLINE: ((ReportStatus.PENDING,), ReportStatus.RETURNED, "approve", True),
    ReportEvent.RETURN: ((ReportStatus.SUBMITTED,), ReportStatus.RETURNED, "review", True),
    ReportEvent.ACCEPT: ((ReportStatus.SUBMITTED,), ReportStatus.ACCEPTED, "review", False),
    ReportEvent.UNLOCK: ((ReportStatus.ACCEPTED,), ReportStatus.RETURNED, "review", True),
}


@transaction.atomic
def _transition(user, report: UnitReport, event: str, reason: str = "") -> UnitReport:
    allowed_from, to, right, reason_required = _STEPS[event]
    report = (
        UnitReport.objects.select_for_update().select_related("request", "unit").get(pk=report.pk)
    )
    if right == "review":
        if not can_review(user, report.request):
            raise PermissionDenied(
                "Chỉ cán bộ thẩm định của cơ quan yêu cầu được thực hiện bước này."
            )
    elif right == "approve":
        if not can_here(user, "approve", report.unit):
            raise PermissionDenied("Chỉ lãnh đạo của đơn vị lập báo cáo được thực hiện bước này.")
    elif not can_here(user, "edit", report.unit):
        raise PermissionDenied("Chỉ đơn vị lập báo cáo được thực hiện thao tác này.")
    if report.status not in allowed_from:
        raise DomainError(
            f"Không thể thực hiện: báo cáo đang ở trạng thái “{report.get_status_display()}”.",
            code="state",
        )
    reason = (reason or "").strip()
    if reason_required and not reason:
        raise DomainError("Vui lòng ghi lý do.", field="reason")
    before = audit.snapshot(report, ["status", "return_reason", "unlock_reason"])
    report.status = to
    if event in (ReportEvent.RETURN, ReportEvent.DECLINE):
        report.return_reason, report.unlock_reason = reason, ""
    if event == ReportEvent.UNLOCK:
        report.unlock_reason = reason
    if event in (ReportEvent.RETURN, ReportEvent.ACCEPT, ReportEvent.UNLOCK):
        report.reviewed_at, report.reviewed_by = timezone.now(), audit.author(user)
    report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    ReportEvent.objects.create(report=report, kind=event, user=audit.author(user), reason=reason)
    refresh_states(
        report.unit_id,
        report.request.period,
        report.request.form_rows.values_list("indicator_id", flat=True),
    )
    audit.updated(user, report, before, unit_id=report.unit_id, verb=event)
    return report


def recall_report(user, report: UnitReport) -> UnitReport:
    """Take a report back to edit: a proposal the head has not decided, or a
    submitted report the reviewer has not decided (it must be signed again)."""
    return _transition(user, report, ReportEvent.RECALL)


@transaction.atomic
def propose_report(user, report: UnitReport) -> UnitReport:
    """“Trình lãnh đạo duyệt”: the officer hands the finished report to the head."""
    check_ready(report)
    return _transition(user, report, ReportEvent.PROPOSE)


@transaction.atomic
def decline_report(user, report: UnitReport, reason: str) -> UnitReport:
    """The head sends the proposal back to the officer, with a reason."""
    return _transition(user, report, ReportEvent.DECLINE, reason)


@transaction.atomic
def return_report(user, report: UnitReport, reason: str) -> UnitReport:
    return _transition(user, report, ReportEvent.RETURN, reason)


@transaction.atomic
def accept_report(user, report: UnitReport) -> UnitReport:
    return _transition(user, report, ReportEvent.ACCEPT)


@transaction.atomic
def unlock_report(user, report: UnitReport, reason: str) -> UnitReport:
    """Reopen an accepted report for the unit to correct, with a reason."""
    return _transition(user, report, ReportEvent.UNLOCK, reason)


@transaction.atomic
def take_value_from_document(
    user,
    report: UnitReport,
    *,
    figure,
    indicator: Indicator,
    confirmed: bool = False,
    replace: bool = False,
) -> IndicatorValue:
    """Fill a figure of `report` from an archived document's extracted figure
    (a documents.DocumentFigure the caller looked up in the user's scope).

    The same path as the page (figures.value_from_figure): an explicit
    confirmation, no silent replacement of a value already recorded, and the
    value keeps a reference to the figure and its sentence."""
    report = (
        UnitReport.objects.select_for_update().select_related("request", "unit").get(pk=report.pk)
    )
    _require_editable(user, report)
    if not report.request.form_rows.filter(indicator=indicator).exists():
        raise DomainError("Chỉ tiêu này không có trong biểu mẫu của báo cáo.", field="indicator")
    row = value_from_figure(
        user,
        figure,
        indicator=indicator,
        unit=report.unit,
        period=report.request.period_obj,
        confirmed=confirmed,
        replace=replace,
    )
    UnitReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    return row
