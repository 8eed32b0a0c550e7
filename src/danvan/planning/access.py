"""Who may see and change planning data.

Plans, targets and initiatives hang off a unit and follow the unit scoping of
danvan.accounts.access. One deliberate extension: a movement's organiser (for
"Dân vận khéo", the Ban Dân vận of the Tỉnh ủy, outside the state branch)
sees and reviews the initiatives registered under its movement, and nothing
else of those units.
"""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.accounts.access import can, either_q, get_in, is_global_admin, role_units, unit_q

from .models import Indicator, Initiative, Movement, Plan, Target


def initiatives_for(user, action: str = "view") -> QuerySet[Initiative]:
    qs = Initiative.objects.select_related("unit", "movement", "movement__organiser")
    own = unit_q(user, action, "unit")
    organiser_action = "review" if action in ("review", "approve") else "view"
    organiser = unit_q(user, organiser_action, "movement__organiser")
    q = either_q(own, organiser) if action in ("view", "review") else own
    return qs if q is None else qs.filter(q)


def get_initiative(user, pk, action: str = "view") -> Initiative:
    return get_in(initiatives_for(user, action), pk)


def can_review_initiative(user, initiative: Initiative) -> bool:
    return can(user, "review", initiative.unit) or can(
        user, "review", initiative.movement.organiser
    )


def movements_for(user) -> QuerySet[Movement]:
    """Movements are province-wide campaigns: every signed-in user sees them."""
    if not getattr(user, "is_authenticated", False):
        return Movement.objects.none()
    return Movement.objects.select_related("organiser")


def indicators_for(user) -> QuerySet[Indicator]:
    """The indicator catalogue is shared: every signed-in user reads it."""
    if not getattr(user, "is_authenticated", False):
        return Indicator.objects.none()
    return Indicator.objects.select_related("numerator", "denominator")


def get_indicator(user, pk) -> Indicator:
    return get_in(indicators_for(user), pk)


def can_manage_catalogue(user) -> bool:
    """The indicator catalogue is shared: reviewers and administrators keep it."""
    return is_global_admin(user) or bool(role_units(user, "review") or role_units(user, "admin"))


def can_set_target(user, unit) -> bool:
    return can(user, "edit", unit) or can(user, "review", unit)


def plans_for(user, action: str = "view") -> QuerySet[Plan]:
    q = unit_q(user, action, "unit")
    qs = Plan.objects.select_related("unit")
    return qs if q is None else qs.filter(q)


def get_plan(user, pk, action: str = "view") -> Plan:
    return get_in(plans_for(user, action), pk)


def get_movement(user, pk) -> Movement:
    return get_in(movements_for(user), pk)


def targets_for(user) -> QuerySet[Target]:
    q = unit_q(user, "view", "unit")
    qs = Target.objects.select_related("unit", "indicator")
    return qs if q is None else qs.filter(q)


__all__ = [
    "can_manage_catalogue",
    "can_review_initiative",
    "can_set_target",
    "get_indicator",
    "get_initiative",
    "indicators_for",
    "initiatives_for",
    "movements_for",
    "plans_for",
    "targets_for",
]
