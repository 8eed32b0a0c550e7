"""The head's signature: approving a report issues the numbered, signed document.

Inside a unit a report goes officer → head → requester. The head (or a deputy,
KT.) approves it, which takes the number from the unit's register and makes the
signed document; that document is the drafting app's business, which sits above
this app. So this module holds the port (`register_issuer`) and the drafting app
plugs its issuer in when it starts: reporting never imports drafting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, QuerySet

from danvan.accounts.access import can_here, role_units, scope
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.reporting.models import ReportEvent, ReportStatus, UnitReport

from .reports import check_ready, lock_info


@dataclass(frozen=True)
class Signer:
    name: str
    position: str
    head_title: str = ""


@dataclass(frozen=True)
class Signed:
    """What the issuer hands back: the document's number, date and signature line."""

    symbol: str
    signed_on: dt.date
    signer_text: str


Issuer = Callable[[object, UnitReport, Signer, dt.date | None], Signed]
_ISSUER: list[Issuer] = []


def register_issuer(issuer: Issuer) -> None:
    _ISSUER[:] = [issuer]


def can_sign(user, report: UnitReport) -> bool:
    return can_here(user, "approve", report.unit)


@transaction.atomic
def sign_report(
    user, report: UnitReport, signer: Signer, *, signed_on: dt.date | None = None
) -> UnitReport:
    """Approve and sign: issue the numbered document from the report's values, lock
    the report (it waits to be sent to the requester)."""
    report = (
        UnitReport.objects.select_for_update().select_related("request", "unit").get(pk=report.pk)
    )
    if not can_sign(user, report):
        raise PermissionDenied("Chỉ lãnh đạo của đơn vị lập báo cáo được duyệt và ký.")
    if report.status != ReportStatus.PENDING:
        raise DomainError(
            "Chỉ ký được báo cáo đang chờ lãnh đạo duyệt. " + lock_info(report, user).message,
            code="state",
        )
    if not signer.name.strip() or not signer.position.strip():
        raise DomainError("Vui lòng ghi họ tên và chức vụ người ký.", field="name")
    check_ready(report)
    if not _ISSUER:
        raise DomainError("Chưa có sổ đăng ký văn bản để cấp số: không ký được.")
    signed = _ISSUER[0](user, report, signer, signed_on)
    before = audit.snapshot(report, ["status", "signed_symbol", "signed_on"])
    report.status = ReportStatus.SIGNED
    report.signed_symbol = signed.symbol
    report.signed_on = signed.signed_on
    report.signed_by = audit.author(user)
    report.signer_text = signed.signer_text[:255]
    report.return_reason = ""
    report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.SIGN, user=report.signed_by, reason=signed.symbol
    )
    audit.updated(user, report, before, unit_id=report.unit_id, verb="sign")
    return report


def waiting_for_head(user) -> QuerySet[UnitReport]:
    """Reports proposed to this user as the head of the unit (the head's queue)."""
    ids = [u.pk for u in role_units(user, "approve")]
    qs = scope(
        UnitReport.objects.select_related("request", "unit", "request__requester_unit"),
        user,
        "approve",
    ).filter(status=ReportStatus.PENDING)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(unit_id__in=ids)
    return qs.order_by("request__deadline", "unit__path")


def waiting_to_send(user) -> QuerySet[UnitReport]:
    """Signed reports of the user's own units, not yet sent to the requester."""
    ids = [u.pk for u in role_units(user, "edit")] + [u.pk for u in role_units(user, "approve")]
    qs = UnitReport.objects.select_related("request", "unit").filter(status=ReportStatus.SIGNED)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(unit_id__in=ids)
    return qs.order_by("request__deadline")


def returned_to_unit(user) -> QuerySet[UnitReport]:
    ids = [u.pk for u in role_units(user, "edit")]
    qs = UnitReport.objects.select_related("request", "unit").filter(status=ReportStatus.RETURNED)
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(unit_id__in=ids)
    return qs.order_by("request__deadline")
