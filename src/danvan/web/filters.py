"""Narrowing a list page to what its query string asks for (?trang_thai=…)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

STATUS_PARAM = "trang_thai"


def by_status(
    request: HttpRequest, qs: QuerySet, states: dict[str, Q], default: str
) -> tuple[QuerySet, str]:
    """``qs`` narrowed to the state ?trang_thai= names (``default`` when absent;
    a value not in ``states``, such as "tat-ca": every row), and that state."""
    status = request.GET.get(STATUS_PARAM, default)
    if status in states:
        qs = qs.filter(states[status])
    return qs, status
