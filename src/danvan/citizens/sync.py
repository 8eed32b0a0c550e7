"""The book's figures into reporting, through planning's and reporting's
services (this app never writes their models itself).

``ensure_indicators`` adds the book's indicators to the shared catalogue;
``fill_values`` records a unit's own figures for a period as its indicator
values (drafts, like typed ones), so the unit's report form shows them and
reporting's roll-ups, comparisons and dashboard count them like any other
indicator once the report is submitted. A figure held by a submitted or
accepted report is left alone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.accounts.access import can
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.planning import services as planning_services
from danvan.planning.models import Aggregation, Indicator
from danvan.reporting.models import Provenance
from danvan.reporting.services import store_value
from danvan.reporting.services.values import locking_report, refresh_states

from . import figures

GROUP = "Tiếp công dân, đơn thư, đối thoại"
SOURCE = "Tính từ sổ tiếp công dân, đơn thư, đối thoại"


def ensure_indicators(user) -> dict[str, Indicator]:
    """The catalogue entries of the book's indicators (created when missing;
    needs the catalogue right, see planning.access.can_manage_catalogue)."""
    have = {i.code: i for i in Indicator.objects.filter(code__in=list(figures.BY_CODE))}
    for d in figures.INDICATORS:
        if d.code in have or d.code == "CD_TY_LE_DUNG_HAN":
            continue
        have[d.code] = planning_services.create_indicator(
            user,
            code=d.code,
            name=d.name,
            unit_of_measure=d.unit_of_measure,
            group=GROUP,
            description=SOURCE,
        )
    if "CD_TY_LE_DUNG_HAN" not in have:
        d = figures.BY_CODE["CD_TY_LE_DUNG_HAN"]
        have[d.code] = planning_services.create_indicator(
            user,
            code=d.code,
            name=d.name,
            unit_of_measure="%",
            group=GROUP,
            aggregation=Aggregation.RATIO,
            numerator=have["CD_DUNG_HAN"],
            denominator=have["CD_DA_GIAI_QUYET"],
            decimals=1,
            description=SOURCE,
        )
    return have


@transaction.atomic
def fill_values(user, unit: OrgUnit, period: Period) -> tuple[int, int]:
    """Record the unit's own figures of the period. Returns (stored, locked)."""
    if not can(user, "edit", unit):
        raise PermissionDenied("Bạn không có quyền nhập số liệu cho đơn vị này.")
    catalogue = {
        i.code: i for i in Indicator.objects.filter(code__in=list(figures.BY_CODE), active=True)
    }
    values = figures.compute(unit, period.start, period.end, own=True)
    stored = locked = 0
    ids = []
    for code, indicator in catalogue.items():
        if indicator.is_ratio:
            continue
        if locking_report(unit.pk, period.code, indicator.pk) is not None:
            locked += 1
            continue
        store_value(
            user,
            indicator=indicator,
            unit_id=unit.pk,
            period=period,
            number=values.get(code),
            source=Provenance.TYPED,
            source_ref=SOURCE,
        )
        ids.append(indicator.pk)
        stored += 1
    refresh_states(unit.pk, period.code, ids)
    return stored, locked
