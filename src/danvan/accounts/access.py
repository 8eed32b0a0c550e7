"""Access helpers: every lookup a face makes goes through these.

A user sees the subtrees of the units where they hold a role (and, through
the lineage, the units merged or split into those). Superusers see all.
Objects outside that scope are answered with 404, never their data.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.orgunits.models import OrgUnit, OrgUnitQuerySet, UnitSuccession

from .models import Role, RoleKind

ALL = "__all__"

# Which role kinds allow which actions on units in the role's subtree.
ACTIONS: dict[str, set[str]] = {
    "view": {RoleKind.OFFICER, RoleKind.HEAD, RoleKind.REVIEWER, RoleKind.COUNCIL, RoleKind.ADMIN},
    "edit": {RoleKind.OFFICER, RoleKind.HEAD, RoleKind.ADMIN},
    "approve": {RoleKind.HEAD, RoleKind.ADMIN},
    "review": {RoleKind.REVIEWER, RoleKind.ADMIN},
    "council": {RoleKind.COUNCIL, RoleKind.HEAD, RoleKind.ADMIN},
    "admin": {RoleKind.ADMIN},
}


def _roles(user) -> list[Role]:
    cache = getattr(user, "_danvan_roles", None)
    if cache is None:
        cache = list(Role.objects.filter(user=user).select_related("unit"))
        user._danvan_roles = cache
    return cache


def role_units(user, action: str = "view") -> list[OrgUnit]:
    if not getattr(user, "is_authenticated", False):
        return []
    kinds = ACTIONS[action]
    seen: dict[int, OrgUnit] = {}
    for role in _roles(user):
        if role.kind in kinds:
            seen[role.unit_id] = role.unit
    return list(seen.values())


def is_global_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def unit_q(user, action: str = "view", field: str = "") -> Q | None:
    """A Q that keeps rows whose unit (reached through `field`) is in scope.

    Returns None for global admins (no restriction)."""
    if is_global_admin(user):
        return None
    prefix = f"{field}__" if field else ""
    units = role_units(user, action)
    q = Q(pk__in=[]) if not field else Q(**{f"{prefix}pk__in": []})
    for unit in _roots(units):
        q |= Q(**{f"{prefix}path__startswith": unit.path})
    extra = _lineage_for(user, action)
    if extra:
        q |= Q(**{f"{prefix}pk__in": extra})
    return q


def either_q(a: Q | None, b: Q | None) -> Q | None:
    """Rows in either of two unit_q scopes (None, no restriction, wins)."""
    if a is None or b is None:
        return None
    return a | b


def _roots(units: Iterable[OrgUnit]) -> list[OrgUnit]:
    """Drop units that lie inside another unit of the list."""
    ordered = sorted(units, key=lambda u: len(u.path))
    roots: list[OrgUnit] = []
    for u in ordered:
        if not any(u.path.startswith(r.path) for r in roots):
            roots.append(u)
    return roots


def _lineage_for(user, action: str) -> list[int]:
    """lineage_ids of the user's role units, computed once per request's user object."""
    cache = getattr(user, "_danvan_lineage", None)
    if cache is None:
        cache = user._danvan_lineage = {}
    if action not in cache:
        cache[action] = lineage_ids(role_units(user, action))
    return cache[action]


def lineage_ids(units: Iterable[OrgUnit]) -> list[int]:
    """Ids of units whose history continues in the given subtrees (merged, split)."""
    roots = _roots(units)
    if not roots:
        return []
    q = Q()
    for r in roots:
        q |= Q(successor__path__startswith=r.path)
    frontier = set(UnitSuccession.objects.filter(q).values_list("predecessor_id", flat=True))
    found: set[int] = set()
    while frontier:
        found |= frontier
        more = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", flat=True
            )
        )
        frontier = more - found
    return sorted(found)


def visible_units(user, action: str = "view") -> OrgUnitQuerySet:
    q = unit_q(user, action)
    qs = OrgUnit.objects.all()
    return qs if q is None else qs.filter(q)


def scope(qs: QuerySet, user, action: str = "view", unit_field: str = "unit") -> QuerySet:
    """Restrict any queryset whose rows hang off a unit to the user's scope."""
    q = unit_q(user, action, unit_field)
    return qs if q is None else qs.filter(q)


NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem."


def get_in(scoped: QuerySet, pk):
    """One object of an already scoped queryset, or 404 (a malformed id is a 404 too)."""
    try:
        return scoped.get(pk=pk)
    except (scoped.model.DoesNotExist, ValueError, TypeError):
        raise Http404(NOT_FOUND) from None


def get_for_user(qs: QuerySet, user, pk, action: str = "view", unit_field: str = "unit"):
    """One object in scope, or 404 (never 403: the object's existence is not disclosed)."""
    return get_in(scope(qs, user, action, unit_field), pk)


def get_unit_for_user(user, pk, action: str = "view") -> OrgUnit:
    return get_for_user(OrgUnit.objects.all(), user, pk, action, unit_field="")


def can(user, action: str, unit: OrgUnit) -> bool:
    if is_global_admin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    for root in role_units(user, action):
        if unit.path.startswith(root.path):
            return True
    return unit.pk in _lineage_for(user, action)


def can_here(user, action: str, unit: OrgUnit) -> bool:
    """The right held in the unit itself, not through a unit above it: a superior's
    officer or head may read a subordinate's work but never write, sign or send it."""
    if is_global_admin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return any(u.pk == unit.pk for u in role_units(user, action))


def can_admin_site(user) -> bool:
    return is_global_admin(user) or bool(role_units(user, "admin"))


def user_units(user) -> list[OrgUnit]:
    """The units where the user holds any role (for the unit switcher)."""
    if not getattr(user, "is_authenticated", False):
        return []
    seen: dict[int, OrgUnit] = {}
    for role in _roles(user):
        seen.setdefault(role.unit_id, role.unit)
    return sorted(seen.values(), key=lambda u: u.path)
