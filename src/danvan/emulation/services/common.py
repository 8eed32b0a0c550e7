"""Shared helpers of the emulation services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.emulation.models import (
    NominationStatus,
)
from danvan.orgunits.models import OrgUnit

S = NominationStatus


def today() -> dt.date:
    return dt.date.today()


def _require(user, action: str, unit: OrgUnit, message: str) -> None:
    if not access.can(user, action, unit):
        raise PermissionDenied(message)


def unit_step_allowed(user, action: str, rnd) -> bool:
    """A round's own steps (pledges, nominations, council vote, disclosure,
    submission, recall) belong to the proposing unit: the right must be held
    below the deciding unit. Its leaders and officers appraise and decide; they
    never propose, vote or submit for the unit (as with reports, issue 12)."""
    if access.is_global_admin(user):
        return True
    deciding = rnd.deciding_unit.path
    return any(
        rnd.unit.path.startswith(u.path) and not deciding.startswith(u.path)
        for u in access.role_units(user, action)
    )


def _require_unit_step(user, action: str, rnd, message: str) -> None:
    if not unit_step_allowed(user, action, rnd):
        raise PermissionDenied(message)


def _year_ok(year: int, field: str = "year") -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError("Năm không hợp lệ.", field=field) from None
    if not 2000 <= year <= today().year + 1:
        raise DomainError(f"Năm {year} nằm ngoài khoảng cho phép (2000–{today().year + 1}).", field)
    return year
