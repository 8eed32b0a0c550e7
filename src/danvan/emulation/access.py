"""Scoped reads of the emulation app: every id a request carries resolves here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from danvan.accounts import access
from danvan.orgunits.models import StaffMember

from .models import (
    AwardDecision,
    AwardRound,
    Nomination,
    QuotaRule,
)

# --- scoped reads ------------------------------------------------------------------


def rounds_for(user, action: str = "view") -> QuerySet[AwardRound]:
    return access.scope(AwardRound.objects.select_related("unit", "deciding_unit"), user, action)


def get_round(user, pk, action: str = "view") -> AwardRound:
    return access.get_for_user(
        AwardRound.objects.select_related("unit", "deciding_unit"), user, pk, action
    )


def get_nomination(user, pk, action: str = "view") -> Nomination:
    return access.get_for_user(
        Nomination.objects.select_related(
            "round", "round__unit", "round__deciding_unit", "staff", "staff__unit", "collective"
        ),
        user,
        pk,
        action,
    )


def get_decision(user, pk, action: str = "view") -> AwardDecision:
    return access.get_for_user(
        AwardDecision.objects.select_related("round", "issuer", "unit"), user, pk, action
    )


def get_staff(user, pk, action: str = "view") -> StaffMember:
    return access.get_for_user(StaffMember.objects.select_related("unit"), user, pk, action)


def staff_for(user) -> QuerySet[StaffMember]:
    return access.scope(StaffMember.objects.select_related("unit"), user)


def decisions_for(user) -> QuerySet[AwardDecision]:
    return access.scope(AwardDecision.objects.select_related("issuer", "unit", "round"), user)


def nominations_for(user) -> QuerySet[Nomination]:
    return access.scope(
        Nomination.objects.select_related("round", "staff", "collective", "unit"), user
    )


def quotas_for(user) -> QuerySet[QuotaRule]:
    """Quotas set by units in scope, and by the deciding units of rounds in scope
    (an officer sees the caps that apply to their own round)."""
    deciding = rounds_for(user).values("deciding_unit_id")
    q = access.unit_q(user, "view", "unit")
    qs = QuotaRule.objects.select_related("unit")
    if q is None:
        return qs
    return qs.filter(q | Q(unit_id__in=deciding))


def person_records(staff: StaffMember) -> dict[str, Any]:
    """Everything the engine reads about a person, newest first."""
    return {
        "ratings": list(staff.ratings.all()),
        "awards": list(staff.award_records.select_related("unit")),
        "innovations": list(staff.innovations.all()),
        "discipline": list(staff.discipline.all()),
        "nominations": list(staff.nominations.select_related("round").order_by("-year", "-pk")),
    }
