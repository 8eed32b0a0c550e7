"""The current unit: which of the user's units the pages act for."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .access import user_units

SESSION_KEY = "danvan_unit_id"


def _current_unit(request):
    units = user_units(request.user)
    if not units:
        return None
    wanted = request.session.get(SESSION_KEY)
    for unit in units:
        if unit.pk == wanted:
            return unit
    return units[0]


class CurrentUnitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = SimpleLazyObject(lambda: _current_unit(request))
        return self.get_response(request)
