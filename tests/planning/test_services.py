import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.core.errors import DomainError
from danvan.core.periods import Period
from danvan.planning import services
from danvan.planning.access import get_initiative, initiatives_for, plans_for
from danvan.planning.models import Indicator, InitiativeStatus, Plan


def test_a_ratio_indicator_needs_two_typed_indicators(demo, admin_user, ind):
    with pytest.raises(DomainError) as exc:
        services.create_indicator(admin_user, code="TL_X", name="Tỷ lệ", aggregation="ratio")
    assert "tử số" in exc.value.message
    with pytest.raises(DomainError):
        services.create_indicator(
            admin_user,
            code="TL_Y",
            name="Tỷ lệ",
            aggregation="ratio",
            numerator=ind["TV_LUOT"],
            denominator=ind["TV_LUOT"],
        )


def test_indicator_codes_are_unique_whatever_the_case(demo, admin_user):
    with pytest.raises(DomainError) as exc:
        services.create_indicator(admin_user, code="tv_luot", name="Trùng")
    assert "đã có" in exc.value.message


def test_an_officer_cannot_change_the_catalogue(demo, officer):
    with pytest.raises(PermissionDenied):
        services.create_indicator(officer, code="NEW", name="Mới")


def test_targets_refuse_negatives_and_accept_zero(demo, officer, ind):
    unit = demo.units["ttdvvl"]
    with pytest.raises(DomainError):
        services.set_target(
            officer, indicator=ind["TV_LUOT"], unit=unit, period="2024-Y", value="-1"
        )
    target = services.set_target(
        officer, indicator=ind["TV_LUOT"], unit=unit, period="2024-Y", value="0"
    )
    assert target.value == 0
    with pytest.raises(DomainError):
        services.set_target(
            officer, indicator=ind["TV_LUOT"], unit=unit, period="2024-X", value="1"
        )


def test_a_part_year_period_is_measured_against_the_annual_plan(demo, ind):
    value, annual = services.target_for(ind["TV_LUOT"], demo.units["ttdvvl"], Period.half(2022, 1))
    assert value == 8500 and annual
    services.set_target(
        demo.admin,
        indicator=ind["TV_LUOT"],
        unit=demo.units["ttdvvl"],
        period="2022-H1",
        value=4000,
    )
    assert services.target_for(ind["TV_LUOT"], demo.units["ttdvvl"], Period.half(2022, 1)) == (
        4000,
        False,
    )


def test_the_outsider_cannot_set_a_target_for_another_branch(demo, outsider, ind):
    with pytest.raises(PermissionDenied):
        services.set_target(
            outsider, indicator=ind["TV_LUOT"], unit=demo.units["ttdvvl"], period="2024-Y", value=1
        )


def test_the_initiative_lifecycle_and_who_moves_it(demo, officer, head):
    initiative = services.register_initiative(
        officer, movement=demo.movement, unit=demo.units["ttdvvl"], year=2023, name="Mô hình mới"
    )
    assert initiative.status == InitiativeStatus.REGISTERED
    initiative = services.advance_initiative(officer, initiative, InitiativeStatus.IMPLEMENTING)
    with pytest.raises(DomainError):
        services.advance_initiative(officer, initiative, InitiativeStatus.EXEMPLAR)
    with pytest.raises(DomainError):
        services.advance_initiative(head, initiative, InitiativeStatus.EVALUATED)  # no text
    initiative = services.advance_initiative(
        head, initiative, InitiativeStatus.EVALUATED, text="Sơ kết tốt"
    )
    with pytest.raises(PermissionDenied):
        services.advance_initiative(
            head, initiative, InitiativeStatus.EXEMPLAR, text="Tự công nhận"
        )
    # the movement's organiser (Ban Dân vận Tỉnh ủy), outside the state branch, recognises it
    bandanvan = demo.users["bandanvan"]
    initiative = services.advance_initiative(
        bandanvan,
        initiative,
        InitiativeStatus.EXEMPLAR,
        text="Công nhận điển hình",
        rating="excellent",
    )
    assert initiative.status == InitiativeStatus.EXEMPLAR
    kinds = list(initiative.evaluations.values_list("kind", "status_to"))
    assert kinds == [("self", "evaluated"), ("review", "exemplar")]


def test_initiative_year_must_fall_in_the_movement(demo, officer):
    with pytest.raises(DomainError) as exc:
        services.register_initiative(
            officer, movement=demo.movement, unit=demo.units["ttdvvl"], year=2030, name="X"
        )
    assert "2021–2025" in exc.value.message


def test_a_stale_initiative_edit_is_refused(demo, officer, head):
    initiative = demo.initiative
    version = initiative.version
    services.update_initiative(officer, initiative, version=version, resources="Thêm nguồn lực")
    with pytest.raises(DomainError) as exc:
        services.update_initiative(head, initiative, version=version, resources="Ghi đè")
    assert exc.value.code == "stale"


def test_the_organiser_sees_the_registry_but_not_the_units_plans(demo):
    bandanvan = demo.users["bandanvan"]
    assert get_initiative(bandanvan, demo.initiative.pk) == demo.initiative
    assert not plans_for(bandanvan).exists()
    with pytest.raises(Http404):
        get_initiative(demo.users["canbo.syt"], demo.initiative.pk)
    assert initiatives_for(demo.users["canbo.syt"]).count() == 0


def test_plan_tasks_are_carried_into_the_periods_report(demo):
    tasks = services.tasks_for_period(demo.units["ttdvvl"], Period.half(2023, 1))
    assert len(tasks) == 14 and tasks[0].code == "1.1"
    assert services.tasks_for_period(demo.units["ttdvvl"], Period.half(2022, 1)) == []


def test_issuing_a_plan_needs_the_head(demo, officer, head):
    plan = services.create_plan(
        officer, unit=demo.units["ttdvvl"], period="2024-Y", title="Kế hoạch 2024"
    )
    services.add_task(officer, plan, title="Nhiệm vụ 1", deadline=dt.date(2024, 5, 10))
    with pytest.raises(PermissionDenied):
        services.issue_plan(officer, plan)
    assert services.issue_plan(head, plan, number="12/KH-TTDVVL").status == "issued"


def test_the_demo_catalogue_and_plan(demo):
    assert Indicator.objects.filter(code="TL_BHTN", aggregation="ratio").exists()
    plan = Plan.objects.get(unit=demo.units["ttdvvl"], year=2023)
    assert "19/KH-SLĐTBXH" in plan.legal_bases and plan.tasks.count() == 14
