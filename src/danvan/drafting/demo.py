"""Demo drafting data: a leader for the Ban Dân vận (who signs its Party
documents), the Trung tâm's report of 6 tháng 2022 drafted as a Báo cáo with
one generated DOCX, and its 2023 plan drafted as a Kế hoạch. Idempotent and
fast (no PDF here: `danvan render --samples` makes those)."""

from __future__ import annotations

import datetime as dt

from danvan.orgunits import services as unit_services
from danvan.orgunits.models import StaffMember
from danvan.planning.models import Plan
from danvan.reporting.models import UnitReport

from . import services
from .models import Draft, DraftSource

BDVTU_LEADER = ("Cầm Thị Phong", "Phó Trưởng ban", dt.date(2012, 3, 1))


def extend(ctx, stdout=None) -> None:
    admin = ctx.admin
    units = ctx.units
    bdvtu = units.get("bdvtu")
    if bdvtu is not None and not StaffMember.objects.filter(unit=bdvtu).exists():
        name, position, since = BDVTU_LEADER
        unit_services.create_staff(
            admin,
            unit=bdvtu,
            full_name=name,
            position=position,
            recruited_on=since,
            active_from=since,
        )
    ttdvvl = units["ttdvvl"]
    report = (
        UnitReport.objects.filter(unit=ttdvvl, request__period="2022-H1")
        .select_related("request", "unit")
        .first()
    )
    if (
        report is not None
        and not Draft.objects.filter(unit=ttdvvl, source=DraftSource.REPORT, report=report).exists()
    ):
        draft = services.draft_from_report(admin, report)
        services.generate(admin, draft, pdf=False)
    plan = Plan.objects.filter(unit=ttdvvl, year=2023).first()
    if plan is not None and not Draft.objects.filter(unit=ttdvvl, plan=plan).exists():
        services.draft_from_plan(admin, plan)
    if stdout is not None:
        stdout.write(f"  soạn thảo: {Draft.objects.count()} bản dự thảo")
