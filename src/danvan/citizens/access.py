"""Who may see citizens' records, and who may see the people in them.

Records follow the unit scoping of danvan.accounts.access (a superior sees its
subtree's records). Personal data is narrower (Luật Tiếp công dân, Luật Tố
cáo 2018 on protecting the complainant; Nghị định 13/2023/NĐ-CP and the Luật
Bảo vệ dữ liệu cá nhân 2025 on personal data — see README.md):

- names, addresses and ID numbers: the receiving unit's own staff (a role
  held on that very unit, not on a unit above) and, for a petition forwarded
  to a unit in the tree, that unit's own staff;
- a tố cáo's complainant: only those handling it — the receiving unit's head,
  the person who received it and the person assigned to verify it;
- superiors, reviewers and administrators see the case without the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.accounts.access import _roles, can, get_unit_for_user, unit_q
from danvan.accounts.models import RoleKind

from .models import Dialogue, Kind, Petition, Reception

STAFF_KINDS = (RoleKind.OFFICER, RoleKind.HEAD)
NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem."


def own_unit_ids(user, kinds=STAFF_KINDS) -> set[int]:
    """Units where the user holds one of ``kinds`` on the unit itself."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {r.unit_id for r in _roles(user) if r.kind in kinds}


def receptions_for(user) -> QuerySet[Reception]:
    q = unit_q(user, "view", "unit")
    qs = Reception.objects.select_related("unit")
    return qs if q is None else qs.filter(q)


def petitions_for(user) -> QuerySet[Petition]:
    own = unit_q(user, "view", "unit")
    qs = Petition.objects.select_related("unit", "forwarded_to_unit")
    if own is None:
        return qs
    return qs.filter(own | Q(forwarded_to_unit_id__in=own_unit_ids(user)))


def dialogues_for(user) -> QuerySet[Dialogue]:
    q = unit_q(user, "view", "unit")
    qs = Dialogue.objects.select_related("unit")
    return qs if q is None else qs.filter(q)


def _get(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404(NOT_FOUND) from None


def get_reception(user, pk) -> Reception:
    return _get(receptions_for(user), pk)


def get_petition(user, pk) -> Petition:
    return _get(petitions_for(user), pk)


def get_dialogue(user, pk) -> Dialogue:
    return _get(dialogues_for(user), pk)


def may_see_reception_person(user, reception: Reception) -> bool:
    return reception.unit_id in own_unit_ids(user)


def may_see_petition_person(user, petition: Petition) -> bool:
    if petition.anonymous:
        return False
    uid = getattr(user, "pk", None)
    if petition.kind == Kind.TO_CAO:
        handlers = {petition.created_by_id, petition.assignee_id}
        return uid in handlers or petition.unit_id in own_unit_ids(user, (RoleKind.HEAD,))
    units = own_unit_ids(user)
    return petition.unit_id in units or (
        petition.forwarded_to_unit_id is not None and petition.forwarded_to_unit_id in units
    )


def can_edit_book(user, unit) -> bool:
    """Entering receptions and petitions: the unit's own officers and head."""
    return unit.pk in own_unit_ids(user)


def can_handle(user, petition: Petition) -> bool:
    units = own_unit_ids(user)
    if petition.stage == "forwarded" and petition.forwarded_to_unit_id in units:
        return False  # the receiving body opens its own petition
    return petition.unit_id in units


def can_decide(user, petition: Petition) -> bool:
    """Acceptance, conclusion, forwarding: the receiving unit's head."""
    return petition.unit_id in own_unit_ids(user, (RoleKind.HEAD,)) and can(
        user, "approve", petition.unit
    )


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filtered(user, qs: QuerySet, params: Mapping, date_field: str) -> QuerySet:
    """The list's filters from a query string (or a job's saved copy of it): a
    unit of the user's scope (?unit=, resolved through the access helper) and
    a date window (?from=, ?to=, ISO dates; a bad date is ignored)."""
    unit = params.get("unit")
    if unit and str(unit).isdigit():
        root = get_unit_for_user(user, int(unit))
        qs = qs.filter(unit__path__startswith=root.path)
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start:
        qs = qs.filter(**{f"{date_field}__gte": start})
    if end:
        qs = qs.filter(**{f"{date_field}__lte": end})
    return qs
