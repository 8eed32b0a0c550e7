"""Who may see and act on requests, reports and values.

Reports hang off two units: the unit that writes the report and the unit that
asked for it. The second may sit in another branch of the tree (the Ban Dân
vận of the Tỉnh ủy asks a Sở of the UBND for its dân vận report). So the
usual unit scoping is extended by one rule, spelled out here:

* own branch: the report's unit is within the user's scope for the action
  (view for reading; edit for writing; approve for heads);
* "submitted to my request": the request's requester unit is within the
  user's scope, and the report has been submitted to it at least once. Such a
  user sees that report (and, while the unit edits it again after a return,
  the version it last submitted) and the values of the request's form rows
  for the request's period, and nothing else of the unit: not its other
  reports, drafts, plans or values of other indicators or periods.
* reviewing (return, accept, unlock) needs the review right on the requester
  unit.

Whether a unit has answered (status and dates, not content) is visible to
the requester for every unit asked, since completeness needs it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from danvan.accounts.access import can, either_q, get_in, unit_q

from .models import IndicatorValue, ReportRequest, UnitReport


def reports_for(user, action: str = "view") -> QuerySet[UnitReport]:
    qs = UnitReport.objects.select_related("request", "unit", "request__requester_unit")
    own = unit_q(user, action, "unit")
    if action != "view":
        return qs if own is None else qs.filter(own)
    requester = unit_q(user, "view", "request__requester_unit")
    if requester is not None:
        requester &= Q(first_submitted_at__isnull=False)
    q = either_q(own, requester)
    return qs if q is None else qs.filter(q)


def get_report(user, pk, action: str = "view") -> UnitReport:
    return get_in(reports_for(user, action), pk)


def is_requester_side(user, request: ReportRequest) -> bool:
    return can(user, "view", request.requester_unit)


def can_review(user, request: ReportRequest) -> bool:
    return can(user, "review", request.requester_unit)


def requests_for(user) -> QuerySet[ReportRequest]:
    """Requests issued within the user's scope, and requests that ask a unit of
    the user's scope for a report (so the unit can answer them)."""
    qs = ReportRequest.objects.select_related("requester_unit")
    own = unit_q(user, "view", "requester_unit")
    if own is None:
        return qs
    mine = unit_q(user, "view", "unit")
    asked = UnitReport.objects.filter(request=OuterRef("pk")).filter(mine)
    return qs.filter(own | Q(Exists(asked)))


def get_request(user, pk) -> ReportRequest:
    return get_in(requests_for(user), pk)


def values_for(user) -> QuerySet[IndicatorValue]:
    """Values of units in the user's scope (requesters read request values
    through the request, see services.request_values)."""
    q = unit_q(user, "view", "unit")
    qs = IndicatorValue.objects.select_related("indicator", "unit")
    return qs if q is None else qs.filter(q)


def get_value(user, pk) -> IndicatorValue:
    """A value in the user's scope, or one submitted to a request of theirs."""
    try:
        return values_for(user).get(pk=pk)
    except (IndicatorValue.DoesNotExist, ValueError, TypeError):
        pass
    try:
        value = IndicatorValue.objects.select_related("indicator", "unit").get(pk=pk)
    except (IndicatorValue.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.") from None
    reports = reports_for(user).filter(
        unit_id=value.unit_id,
        request__period=value.period,
        request__form_rows__indicator_id=value.indicator_id,
        status__in=["submitted", "accepted"],
    )
    if reports.exists():
        return value
    raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
