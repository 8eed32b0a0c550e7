"""Who may see and act on drafts, their files, the register and templates.

Everything hangs off the issuing unit and follows danvan.accounts.access:
view for reading, edit for drafting and generating, approve for issuing,
admin for house templates. A reviewer drafting the combined report drafts
for their own unit (the requester), so no cross-branch rule is needed here.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.accounts.access import can, get_in, is_global_admin, scope
from danvan.reporting.access import reports_for

from .models import Draft, DraftStatus, GeneratedDocument, HouseTemplate, IssuedNumber


def drafts_for(user, action: str = "view") -> QuerySet[Draft]:
    """Drafts of the user's units; for reading, also the signed document of a report
    sent to a request of the user's (the superior sees the data and the document)."""
    qs = Draft.objects.select_related("unit", "unit__parent", "template")
    own = scope(qs, user, action, "unit")
    if action != "view" or is_global_admin(user):
        return own
    sent = reports_for(user).filter(first_submitted_at__isnull=False).values("pk")
    return qs.filter(Q(pk__in=own.values("pk")) | Q(status=DraftStatus.ISSUED, report__in=sent))


def get_draft(user, pk, action: str = "view") -> Draft:
    return get_in(drafts_for(user, action), pk)


def files_for(user) -> QuerySet[GeneratedDocument]:
    qs = GeneratedDocument.objects.select_related("draft")
    return qs.filter(
        Q(pk__in=scope(qs, user, "view", "unit").values("pk"))
        | Q(issued=True, draft__in=drafts_for(user).filter(status=DraftStatus.ISSUED).values("pk"))
    )


def get_file(user, pk) -> GeneratedDocument:
    return get_in(files_for(user), pk)


def register_for(user) -> QuerySet[IssuedNumber]:
    qs = IssuedNumber.objects.select_related("unit", "issued_by", "draft")
    return scope(qs, user, "view", "unit")


def templates_for(user) -> QuerySet[HouseTemplate]:
    return scope(HouseTemplate.objects.select_related("unit"), user, "view", "unit")


def can_manage_templates(user, unit) -> bool:
    return is_global_admin(user) or can(user, "admin", unit)


def can_issue(user, unit) -> bool:
    return can(user, "approve", unit)
