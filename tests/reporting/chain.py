"""The sign-off chain inside a unit, for tests that need a report sent up."""

from __future__ import annotations

from danvan.accounts.models import Role, RoleKind
from danvan.orgunits.models import head_title
from danvan.reporting import services


def head_of(unit):
    return Role.objects.filter(unit=unit, kind=RoleKind.HEAD).select_related("user").get().user


def sign(officer, report, head=None):
    """Officer proposes, the unit's head signs (a numbered document)."""
    head = head or head_of(report.unit)
    report = services.propose_report(officer, report)
    signer = services.Signer(head.get_full_name(), head_title(report.unit.kind))
    return services.sign_report(head, report, signer)


def send_up(officer, report, head=None):
    """Proposed, signed by the head, sent to the requester by the officer."""
    return services.submit_report(officer, sign(officer, report, head))
