"""The head's sign-off inside a unit, on the drafting side.

* Reports: the reporting app's port (reporting.services.signoff) calls
  `issue_for_report` when the head approves a report: the Báo cáo is built from
  the report's saved values (the report is locked from then on, so the document's
  figures are the report's), numbered from the unit's register and locked.
* Plans and submissions (tờ trình) are drafts here: the officer proposes a draft
  (“Trình lãnh đạo duyệt”), the head issues it (cấp số, khóa) or returns it with
  a reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from danvan.accounts.access import can_here, role_units, scope
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.text import collapse_ws
from danvan.orgunits.models import head_title
from danvan.reporting.services.signoff import Signed, Signer

from . import builders
from .content import signer_dict
from .models import Draft, DraftStatus
from .services import _issue, attach_pdf, create_report_draft


def signature_text(signer: dict) -> str:
    """“KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC Lò Thị Anh Hoa” (one line, for lists and the trail)."""
    position = (signer.get("position") or "").upper()
    if signer.get("authority"):
        position = (
            f"{signer['authority']}. {(signer.get('on_behalf_of') or '').upper()} / {position}"
        )
    return collapse_ws(f"{position} {signer.get('name') or ''}")


def issue_for_report(user, report, signer: Signer, signed_on: dt.date | None) -> Signed:
    title, content = builders.report_content(report)
    content["signer"] = signer_dict(
        signer.name, signer.position, signer.head_title or head_title(report.unit.kind)
    )
    draft = create_report_draft(user, report, title, content)
    gen = _issue(user, draft, None, signed_on)
    transaction.on_commit(lambda: attach_pdf(gen))
    draft.refresh_from_db()
    assert draft.issued_on is not None
    return Signed(draft.symbol, draft.issued_on, signature_text(content["signer"]))


def signed_document(report) -> Draft | None:
    """The latest issued document signed for a report."""
    return (
        Draft.objects.filter(report=report, status=DraftStatus.ISSUED)
        .order_by("-issued_at", "-pk")
        .first()
    )


# ----- drafts of plans and submissions ---------------------------------------------


def _locked(draft: Draft) -> Draft:
    return Draft.objects.select_for_update(of=("self",)).select_related("unit").get(pk=draft.pk)


@transaction.atomic
def propose_draft(user, draft: Draft) -> Draft:
    """“Trình lãnh đạo duyệt”: the officer hands the draft to the unit's head."""
    fresh = _locked(draft)
    if not can_here(user, "edit", fresh.unit):
        raise PermissionDenied("Chỉ cán bộ của đơn vị soạn văn bản được trình duyệt.")
    if fresh.status != DraftStatus.DRAFT:
        raise DomainError(
            f"Không trình được: văn bản đang ở trạng thái “{fresh.get_status_display()}”.",
            code="state",
        )
    before = audit.snapshot(fresh, ["status", "return_reason"])
    fresh.status, fresh.return_reason = DraftStatus.PENDING, ""
    return audit.updated_version(user, fresh, before, verb="propose")


@transaction.atomic
def decline_draft(user, draft: Draft, reason: str) -> Draft:
    """The head returns a proposed draft to the officer, with a reason."""
    fresh = _locked(draft)
    if not can_here(user, "approve", fresh.unit):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được trả lại văn bản trình duyệt.")
    if fresh.status != DraftStatus.PENDING:
        raise DomainError("Văn bản không ở trạng thái chờ lãnh đạo duyệt.", code="state")
    reason = collapse_ws(reason or "")
    if not reason:
        raise DomainError("Vui lòng ghi lý do trả lại.", field="reason")
    before = audit.snapshot(fresh, ["status", "return_reason"])
    fresh.status, fresh.return_reason = DraftStatus.DRAFT, reason
    return audit.updated_version(user, fresh, before, verb="decline")


def drafts_waiting_for_head(user) -> QuerySet[Draft]:
    """Plans, submissions and other drafts proposed to this user as the unit's head."""
    qs = scope(Draft.objects.select_related("unit"), user, "approve").filter(
        status=DraftStatus.PENDING
    )
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(unit_id__in=[u.pk for u in role_units(user, "approve")])
    return qs.order_by("updated_at")
