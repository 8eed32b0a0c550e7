"""The movement feeds commendation: facts for theme-based awards.

An initiative of the "Dân vận khéo" movement recognised as a mô hình tiêu
biểu (status "Công nhận điển hình" or "Nhân rộng"), and a unit's indicator
results against its plan, become suggestions for khen thưởng theo chuyên đề
(sơ kết, tổng kết phong trào), each citing its initiative or figures. Such
awards may not be used as the basis for proposing higher merit awards (NĐ
152/2025/NĐ-CP Điều 4 khoản 3, legal-verified row 45): a record made from them
is marked theme-based and the engine does not count it.

Planning and reporting are read only through their access helpers and
services, in the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from danvan.core.indicators import plan_percent
from danvan.core.numbers import format_number
from danvan.core.periods import Period
from danvan.core.rules.awards import THEME_BASIS, THEME_NOTE
from danvan.emulation.models import AwardRound
from danvan.planning import access as planning_access
from danvan.planning.models import InitiativeStatus
from danvan.reporting.services import rollup

RECOGNISED = (InitiativeStatus.EXEMPLAR, InitiativeStatus.REPLICATED)


@dataclass
class ThemeFact:
    unit_name: str
    kind: str  # "initiative" or "indicator"
    text: str
    achieved: bool


def theme_facts(user, rnd: AwardRound) -> dict:
    """Facts from the movement for the round's units, in the user's scope."""
    facts: list[ThemeFact] = []
    initiatives = (
        planning_access.initiatives_for(user)
        .filter(year=rnd.year, status__in=RECOGNISED, unit__path__startswith=rnd.unit.path)
        .order_by("unit__path", "name")
    )
    for ini in initiatives:
        facts.append(
            ThemeFact(
                ini.unit.name,
                "initiative",
                f"Mô hình “{ini.name}” ({ini.get_status_display().lower()}) trong phong trào "
                f"“{ini.movement.name}” năm {ini.year}",
                True,
            )
        )
    targets = (
        planning_access.targets_for(user)
        .filter(year=rnd.year, unit__path__startswith=rnd.unit.path)
        .order_by("unit__path", "indicator__name", "period")
    )
    for target in targets:
        figure = rollup(target.indicator, target.period, target.unit)
        if figure.value is None:
            continue
        percent = plan_percent(figure.value, target.value)
        if percent is None:
            continue
        achieved = percent >= 100
        facts.append(
            ThemeFact(
                target.unit.name,
                "indicator",
                f"{target.indicator.name}, {Period.parse(target.period).label.lower()}: "
                f"thực hiện {format_number(figure.value)}/{format_number(target.value)} "
                f"kế hoạch ({format_number(percent.quantize(Decimal('0.1')))}%)",
                achieved,
            )
        )
    return {"facts": facts, "basis": THEME_BASIS.text(), "note": THEME_NOTE}
