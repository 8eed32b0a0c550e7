"""Issuing report requests and reminding units before the deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from danvan.accounts.access import can
from danvan.accounts.models import Role, RoleKind
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.numbers import format_number
from danvan.core.periods import ND09, add_working_days, cutoff_window
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator
from danvan.planning.services import parse_period
from danvan.reporting.access import can_review
from danvan.reporting.models import (
    CutoffRule,
    OutlineHeading,
    Reminder,
    ReportRequest,
    ReportSection,
    ReportStatus,
    RequestIndicator,
    UnitReport,
)
from danvan.reporting.models.requests import RequestKind, RequestStatus


def vn_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month}/{d.year}"


def default_cutoff_rule() -> CutoffRule | None:
    return CutoffRule.objects.filter(is_default=True).first()


def ensure_default_rules() -> CutoffRule:
    rule, _ = CutoffRule.objects.get_or_create(
        name="Nghị định 09/2019/NĐ-CP: từ ngày 15 tháng trước đến ngày 14",
        defaults={
            "day": 15,
            "months_before": 1,
            "legal_basis": "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019, Điều 12",
            "is_default": True,
        },
    )
    CutoffRule.objects.get_or_create(
        name="Theo tháng dương lịch (ngày 01 đến cuối kỳ)",
        defaults={"day": 1, "months_before": 0, "legal_basis": "", "is_default": False},
    )
    return rule


def units_in_scope(root: OrgUnit, mode: str) -> list[OrgUnit]:
    """The units a request asks: the root's direct subordinates, or every active
    unit of its subtree (the root excluded)."""
    qs = OrgUnit.objects.filter(valid_to__isnull=True).exclude(pk=root.pk)
    if mode == "children":
        return list(qs.filter(parent=root))
    if mode == "subtree":
        return list(qs.filter(path__startswith=root.path))
    raise DomainError("Phạm vi không hợp lệ.", field="scope")


_HEADING_NUMBER = re.compile(r"^((?:[IVXLC]+|\d+(?:\.\d+)*)\.?)\s+(.+)$")


def _headings(items: Iterable[Any]) -> list[tuple[str, str, str]]:
    """Outline headings from lines ("1. Kết quả triển khai") or (number, title, guidance)."""
    out = []
    for item in items:
        if isinstance(item, str):
            text = item.strip()
            if not text:
                continue
            m = _HEADING_NUMBER.match(text)
            out.append((m.group(1), m.group(2).strip(), "") if m else ("", text, ""))
        else:
            number, title, guidance = (list(item) + ["", "", ""])[:3]
            if (title or "").strip():
                out.append(((number or "").strip(), title.strip(), (guidance or "").strip()))
    return out


@transaction.atomic
def create_request(
    user,
    *,
    requester_unit: OrgUnit,
    title: str,
    period: str,
    deadline: dt.date,
    units: Sequence[OrgUnit],
    indicators: Sequence[Indicator] = (),
    headings: Iterable[Any] = (),
    grace_days: int = 0,
    reminder_days: int = 3,
    kind: str = RequestKind.PERIODIC,
    number: str = "",
    instructions: str = "",
    cutoff_rule: CutoffRule | None = None,
    cutoff_start: dt.date | None = None,
    cutoff_end: dt.date | None = None,
    scope_note: str = "",
) -> ReportRequest:
    """Issue a request: one report per unit asked is opened at once."""
    if not can_review_unit(user, requester_unit):
        raise PermissionDenied(
            "Chỉ cán bộ thẩm định của cơ quan yêu cầu được phát hành yêu cầu báo cáo."
        )
    title = (title or "").strip()
    if not title:
        raise DomainError("Vui lòng nhập tên báo cáo.", field="title")
    p = parse_period(period)
    if kind not in RequestKind.values:
        raise DomainError("Loại báo cáo không hợp lệ.", field="kind")
    if not units:
        raise DomainError("Vui lòng chọn ít nhất một đơn vị phải báo cáo.", field="units")
    closed = [u.name for u in units if u.valid_to is not None]
    if closed:
        raise DomainError(
            "Không thể yêu cầu đơn vị đã giải thể hoặc sáp nhập báo cáo: " + ", ".join(closed),
            field="units",
        )
    rows = _headings(headings)
    if not indicators and not rows:
        raise DomainError(
            "Yêu cầu báo cáo cần có ít nhất một chỉ tiêu hoặc một đề mục đề cương.",
            field="indicators",
        )
    if grace_days < 0 or grace_days > 60:
        raise DomainError("Số ngày gia hạn phải từ 0 đến 60.", field="grace_days")
    if reminder_days < 0 or reminder_days > 60:
        raise DomainError("Số ngày nhắc trước hạn phải từ 0 đến 60.", field="reminder_days")
    rule = cutoff_rule or default_cutoff_rule()
    window = cutoff_window(p, rule.as_core() if rule else ND09)
    start = cutoff_start or window[0]
    end = cutoff_end or window[1]
    if end < start:
        raise DomainError("Ngày kết thúc chốt số liệu phải sau ngày bắt đầu.", field="cutoff_end")
    if deadline is None:
        raise DomainError("Vui lòng nhập hạn nộp.", field="deadline")
    earliest = add_working_days(end, 1)
    if deadline < earliest:
        raise DomainError(
            f"Hạn nộp {vn_date(deadline)} quá sớm: số liệu kỳ {p.label.lower()} được chốt đến "
            f"ngày {vn_date(end)}, hạn nộp phải sau ngày chốt số liệu ít nhất 01 ngày làm việc "
            f"(từ ngày {vn_date(earliest)}), theo Nghị định 09/2019/NĐ-CP, Điều 8 khoản 5.",
            field="deadline",
        )
    unique_units = list({u.pk: u for u in units}.values())
    request = ReportRequest(
        requester_unit=requester_unit,
        title=title,
        kind=kind,
        number=number,
        period=p.code,
        year=p.year,
        cutoff_rule=rule,
        cutoff_start=start,
        cutoff_end=end,
        deadline=deadline,
        grace_days=grace_days,
        reminder_days=reminder_days,
        instructions=instructions,
        scope_note=scope_note,
    )
    audit.add(
        user,
        request,
        unit_id=requester_unit.pk,
        extra={"units": len(unique_units), "indicators": len(indicators)},
    )
    RequestIndicator.objects.bulk_create(
        RequestIndicator(request=request, indicator=ind, order=i)
        for i, ind in enumerate(dict.fromkeys(indicators), start=1)
    )
    heads = OutlineHeading.objects.bulk_create(
        OutlineHeading(request=request, order=i, number=n, title=t, guidance=g)
        for i, (n, t, g) in enumerate(rows, start=1)
    )
    reports = UnitReport.objects.bulk_create(
        UnitReport(request=request, unit=u) for u in unique_units
    )
    if not reports or reports[0].pk is None:  # backends without RETURNING ids
        reports = list(UnitReport.objects.filter(request=request))
    ReportSection.objects.bulk_create(
        ReportSection(report=r, heading=h) for r in reports for h in heads
    )
    return request


def can_review_unit(user, unit: OrgUnit) -> bool:
    return can(user, "review", unit)


@transaction.atomic
def close_request(user, request: ReportRequest) -> ReportRequest:
    if not can_review(user, request):
        raise PermissionDenied("Bạn không có quyền kết thúc đợt báo cáo này.")
    closed = {"status": RequestStatus.CLOSED}
    return audit.change(user, request, closed, unit_id=request.requester_unit_id, verb="close")


# ---------------------------------------------------------------------------
# Reminders


def due_soon(reports, today: dt.date | None = None):
    """Reports not yet in whose request is open and due within its reminder days
    (or already overdue)."""
    today = today or timezone.localdate()
    out = []
    for r in reports.filter(
        request__status=RequestStatus.OPEN,
        # Not sent yet, wherever it is inside the unit (drafting, with the head, signed).
        status__in=[
            ReportStatus.DRAFT,
            ReportStatus.RETURNED,
            ReportStatus.PENDING,
            ReportStatus.SIGNED,
        ],
    ).select_related("request", "unit"):
        if today >= r.request.deadline - dt.timedelta(days=r.request.reminder_days):
            out.append(r)
    return sorted(out, key=lambda r: r.request.deadline)


def send_reminders(today: dt.date | None = None) -> list[Reminder]:
    """Record today's reminders and e-mail the units' officers and heads who
    have an address. Run daily (`danvan nhac_han`); safe to run twice."""
    today = today or timezone.localdate()
    made: list[Reminder] = []
    for report in due_soon(UnitReport.objects.all(), today):
        if report.request.deadline < today - dt.timedelta(days=30):
            continue
        reminder, created = Reminder.objects.get_or_create(report=report, on=today)
        if not created:
            continue
        email_reminder(reminder, today)
        made.append(reminder)
    return made


def _unit_emails(report: UnitReport) -> list[str]:
    user_ids = Role.objects.filter(
        unit=report.unit, kind__in=[RoleKind.OFFICER, RoleKind.HEAD]
    ).values_list("user_id", flat=True)
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return sorted({e for e in users.values_list("email", flat=True) if e})


def reminder_message(report: UnitReport, today: dt.date | None = None) -> tuple[str, str]:
    """Subject and body of a reminder e-mail."""
    today = today or timezone.localdate()
    days = (report.request.deadline - today).days
    when = (
        f"còn {format_number(days)} ngày (hạn {vn_date(report.request.deadline)})"
        if days >= 0
        else f"đã quá hạn {format_number(-days)} ngày (hạn {vn_date(report.request.deadline)})"
    )
    return (
        f"[danvan] Nhắc hạn báo cáo: {report.request.title}",
        f"Kính gửi {report.unit.name},\n\n"
        f"Báo cáo “{report.request.title}” ({report.request.period_label}) "
        f"của {report.request.requester_unit.name} {when}.\n"
        "Đề nghị đơn vị hoàn thành và gửi báo cáo trên hệ thống danvan.\n",
    )


def unit_emails(report: UnitReport) -> list[str]:
    return _unit_emails(report)


def email_reminder(reminder: Reminder, today: dt.date | None = None) -> list[str]:
    """E-mail a recorded reminder to the unit's officers and heads (once)."""
    if reminder.emailed_to:
        return list(reminder.emailed_to)
    emails = _unit_emails(reminder.report)
    if not emails:
        return []
    subject, body = reminder_message(reminder.report, today)
    send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=emails,
        fail_silently=True,
    )
    reminder.emailed_to = emails
    reminder.save(update_fields=["emailed_to"])
    return emails


@transaction.atomic
def remind_unit(user, report: UnitReport) -> Reminder:
    """A reviewer's “Nhắc hạn” for a unit that has not sent its report: recorded,
    audited, shown on the unit's pages, and e-mailed through the job queue."""
    if not can_review(user, report.request):
        raise PermissionDenied("Chỉ cán bộ thẩm định của cơ quan yêu cầu được nhắc hạn.")
    if report.is_in:
        raise DomainError(f"{report.unit.name} đã gửi báo cáo: không cần nhắc hạn.")
    if report.request.status == RequestStatus.CLOSED:
        raise DomainError("Đợt báo cáo đã kết thúc: không nhắc hạn nữa.")
    today = timezone.localdate()
    who = audit.author(user)
    reminder, created = Reminder.objects.get_or_create(
        report=report, on=today, defaults={"sent_by": who}
    )
    if not created:
        if reminder.sent_by_id is not None:
            raise DomainError(f"Hôm nay đã nhắc hạn {report.unit.name} rồi.")
        reminder.sent_by = who
        reminder.save(update_fields=["sent_by"])
    audit.created(user, reminder, unit_id=report.unit_id, extra={"manual": True})
    return reminder


def reminders_for_unit(units, days: int = 30):
    """Recent reminders of reports the given units have not sent (for their home page)."""
    since = timezone.localdate() - dt.timedelta(days=days)
    return (
        Reminder.objects.filter(report__unit__in=units, on__gte=since)
        .exclude(report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .select_related("report", "report__request", "report__unit", "sent_by")
        .order_by("-on", "-pk")
    )
