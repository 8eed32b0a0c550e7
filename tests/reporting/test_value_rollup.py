"""The branch sums (ValueRollup) stay equal to the values they sum, whatever
writes the values: typed, changed, cleared, submitted, accepted, returned,
unlocked, a unit moved or merged. Runs on SQLite and on PostgreSQL."""

import datetime as dt
from decimal import Decimal

from django.core.management import call_command

from danvan.core.periods import Period
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit, UnitKind
from danvan.reporting import services
from danvan.reporting.models import IndicatorValue, ValueRollup, ValueState
from danvan.reporting.services import subtree_sums
from danvan.reporting.services.rollups import REPORTED, rollup_children, rollup_many
from danvan.reporting.services.values import store_value

from .chain import send_up


def _direct(indicator, period, root, states=REPORTED):
    """The subtree's total read from the values themselves (no branch sums)."""
    total = Decimal(0)
    n = 0
    for v in IndicatorValue.objects.filter(
        indicator=indicator,
        period=period,
        unit__path__startswith=root.path,
        state__in=list(states),
        value__isnull=False,
    ):
        total += v.value
        n += 1
    return (total if n else None), n


def _assert_right():
    kept, right = subtree_sums.stored(), subtree_sums.computed()
    wrong = {k: (kept.get(k), right.get(k)) for k in kept.keys() | right.keys()}
    assert {k: v for k, v in wrong.items() if v[0] != v[1]} == {}


def _put(admin, ind, unit, period, value, state=ValueState.ACCEPTED):
    store_value(
        admin,
        indicator=ind,
        unit_id=unit.pk,
        period=Period.parse(period),
        number=None if value is None else Decimal(value),
        state=state,
    )


def test_the_demo_loaded_through_the_services_keeps_the_sums_right(demo, ind):
    assert ValueRollup.objects.exclude(count=0).exists()
    _assert_right()
    top = demo.units["sldtbxh"]
    for period in ("2022-Y", "2023-Y", "2022-H1"):
        fig = services.rollup(ind["TV_LUOT"], period, top)
        assert (fig.value, fig.units) == _direct(ind["TV_LUOT"], period, top)


def test_values_written_changed_and_cleared_keep_the_sums_right(demo, ind, admin_user):
    tv = ind["TV_LUOT"]
    top, leaf = demo.units["sldtbxh"], demo.units["cnmt"]
    before = services.rollup(tv, "2030-Y", top)
    assert before.value is None
    _put(admin_user, tv, leaf, "2030-Y", "120.5")
    _assert_right()
    assert services.rollup(tv, "2030-Y", top).value == Decimal("120.5")
    _put(admin_user, tv, leaf, "2030-Y", "80")  # changed
    _put(admin_user, tv, demo.units["ttdvvl"], "2030-Y", "20")
    _assert_right()
    assert services.rollup(tv, "2030-Y", top).value == 100
    _put(admin_user, tv, leaf, "2030-Y", None)  # cleared: the row stays, without a number
    _assert_right()
    fig = services.rollup(tv, "2030-Y", top)
    assert (fig.value, fig.units) == (20, 1) == _direct(tv, "2030-Y", top)
    _put(admin_user, tv, demo.units["ttdvvl"], "2030-Y", None)
    _assert_right()
    assert services.rollup(tv, "2030-Y", top).value is None
    # a draft counts only when drafts are asked for
    _put(admin_user, tv, leaf, "2030-Y", "7", ValueState.DRAFT)
    _assert_right()
    assert services.rollup(tv, "2030-Y", top).value is None
    assert services.rollup(tv, "2030-Y", top, states=summary_states()).value == 7


def summary_states():
    return [ValueState.DRAFT, ValueState.SUBMITTED, ValueState.ACCEPTED]


def test_a_report_sent_accepted_unlocked_and_returned_moves_its_values_between_states(
    demo, ind, reviewer, officer
):
    tv, kn = ind["TV_LUOT"], ind["KN_LD"]
    top = demo.units["sldtbxh"]
    req = services.create_request(
        reviewer,
        requester_unit=top,
        title="Báo cáo thử tổng hợp",
        period="2031-H1",
        deadline=dt.date(2031, 6, 20),
        units=[demo.units["ttdvvl"]],
        indicators=[tv, kn],
        headings=["1. Kết quả"],
    )
    report = req.reports.get()
    services.save_report(officer, report, version=1, values={tv.pk: "10", kn.pk: "2"})
    _assert_right()
    assert services.rollup(tv, "2031-H1", top).value is None  # drafts only
    report = send_up(officer, report)
    _assert_right()
    assert services.rollup(tv, "2031-H1", top).value == 10
    report = services.accept_report(reviewer, report)
    _assert_right()
    assert services.rollup(kn, "2031-H1", top).value == 2
    report = services.unlock_report(reviewer, report, "Sai số liệu")
    _assert_right()
    assert services.rollup(tv, "2031-H1", top).value is None
    services.save_report(officer, report, version=report.version, values={tv.pk: "12"})
    report = send_up(officer, report)
    report = services.return_report(reviewer, report, "Bổ sung")
    _assert_right()
    assert services.rollup(tv, "2031-H1", top, states=summary_states()).value == 12


def test_a_unit_moved_or_merged_takes_its_values_to_its_new_branch(demo, ind, admin_user):
    tv = ind["TV_LUOT"]
    units = demo.units
    _put(admin_user, tv, units["cnmt"], "2032-Y", 100)
    _put(admin_user, tv, units["qbtte"], "2032-Y", 50)
    _put(admin_user, tv, units["ttdvvl"], "2032-Y", 5)
    old_parent = OrgUnit.objects.get(pk=units["cnmt"].parent_id)
    target = units["ttdvvl"]
    unit_services.move_unit(admin_user, units["cnmt"], target)
    _assert_right()
    target.refresh_from_db()
    assert services.rollup(tv, "2032-Y", target).value == 105
    old_parent.refresh_from_db()
    assert services.rollup(tv, "2032-Y", old_parent).value == _direct(tv, "2032-Y", old_parent)[0]
    merged = unit_services.merge_units(
        admin_user,
        [OrgUnit.objects.get(pk=units["cnmt"].pk), OrgUnit.objects.get(pk=units["qbtte"].pk)],
        on=dt.date(2032, 7, 1),
        kind=UnitKind.DON_VI_SU_NGHIEP,
        name="Trung tâm Hỗ trợ xã hội tỉnh",
        short_code="TTHTXH2",
    )
    _assert_right()
    assert services.rollup(tv, "2032-Y", merged).value == 150
    top = OrgUnit.objects.get(pk=units["sldtbxh"].pk)
    assert services.rollup(tv, "2032-Y", top).value == _direct(tv, "2032-Y", top)[0]


def test_branches_and_the_dashboard_read_the_same_figures_as_the_values(demo, ind, admin_user):
    top = demo.units["sldtbxh"]
    tv = ind["TV_LUOT"]
    branches = rollup_children(tv, "2022-Y", top)
    for child in [top, *OrgUnit.objects.filter(parent=top)]:
        got = branches.get(child.path)
        if child == top:
            own = IndicatorValue.objects.filter(
                indicator=tv, period="2022-Y", unit=top, state__in=REPORTED
            ).exclude(value__isnull=True)
            assert (got.value if got else None) == (own.get().value if own else None)
        else:
            assert (got.value if got else None) == _direct(tv, "2022-Y", child)[0]
    many = rollup_many(list(ind.values()), ["2022-Y", "2023-Y"], top)
    for i in ind.values():
        if not i.is_ratio and i.aggregation == "sum":
            assert many[(i.pk, "2022-Y")].value == _direct(i, "2022-Y", top)[0]


def test_the_rebuild_repairs_a_damaged_table_and_the_check_says_so(demo, capsys):
    ValueRollup.objects.filter(pk__in=ValueRollup.objects.values("pk")[:3]).update(total=999999)
    call_command("rollups", "--check")
    assert "không khớp" in capsys.readouterr().out
    call_command("rollups", "--rebuild")
    _assert_right()
    call_command("rollups", "--check")
    out = capsys.readouterr().out
    assert "khớp số liệu" in out and "không khớp" not in out
