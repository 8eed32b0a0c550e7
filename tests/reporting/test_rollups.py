import datetime as dt
from decimal import Decimal

from danvan.core.periods import Period
from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit, UnitKind
from danvan.reporting import services
from danvan.reporting.models import ValueState
from danvan.reporting.services.rollups import rollup_children
from danvan.reporting.services.values import store_value


def _put(admin, ind, unit, period, value, state=ValueState.ACCEPTED):
    store_value(
        admin,
        indicator=ind,
        unit_id=unit.pk,
        period=Period.parse(period),
        number=Decimal(value),
        state=state,
    )


def test_a_rollup_sums_the_subtree_and_splits_it_by_branch(demo, ind):
    sldtbxh = demo.units["sldtbxh"]
    fig = services.rollup(ind["TV_LUOT"], "2022-Y", sldtbxh)
    assert fig.value == 23832 + 1250 and fig.units == 2
    head, rows = services.rollup_table(ind["TV_LUOT"], Period.parse("2022-Y"), sldtbxh)
    by_name = {r.unit.short_code: r for r in rows}
    assert by_name["TTDVVL"].value == 23832 and by_name["TTCTXH"].value == 1250
    assert head.target == 8500 + 1200 and head.last_year == 9062 + 980
    assert (by_name["TTDVVL"].target, by_name["TTCTXH"].target) == (8500, 1200)
    half, branches = services.rollup_table(ind["TV_LUOT"], Period.parse("2022-H1"), sldtbxh)
    ttdvvl = next(r for r in branches if r.unit.short_code == "TTDVVL")
    assert (ttdvvl.target, ttdvvl.target_is_annual) == (8500, True)


def test_drafts_are_left_out_unless_asked_for(demo, ind, admin_user):
    _put(admin_user, ind["TV_LUOT"], demo.units["cnmt"], "2022-Y", 100, ValueState.DRAFT)
    sldtbxh = demo.units["sldtbxh"]
    assert services.rollup(ind["TV_LUOT"], "2022-Y", sldtbxh).value == 25082
    everything = services.rollup(
        ind["TV_LUOT"], "2022-Y", sldtbxh, states=["draft", "submitted", "accepted"]
    )
    assert everything.value == 25182


def test_a_ratio_rolls_up_as_a_ratio_of_sums(demo, ind, admin_user):
    units = demo.units
    _put(admin_user, ind["HS_BHTN"], units["ttbtxh"], "2022-Y", 1)
    _put(admin_user, ind["QD_BHTN"], units["ttbtxh"], "2022-Y", 1)
    fig = services.rollup(ind["TL_BHTN"], "2022-Y", units["sldtbxh"])
    assert fig.value == Decimal(3363) * 100 / Decimal(3600)
    branches = rollup_children(ind["TL_BHTN"], "2022-Y", units["sldtbxh"])
    assert branches[units["ttbtxh"].path].value == 100


def test_units_merged_mid_year_keep_their_values_and_are_counted_once(demo, ind, admin_user):
    units = demo.units
    tv = ind["TV_LUOT"]
    _put(admin_user, tv, units["cnmt"], "2024-H1", 100)
    _put(admin_user, tv, units["qbtte"], "2024-H1", 50)
    merged = unit_services.merge_units(
        admin_user,
        [units["cnmt"], units["qbtte"]],
        on=dt.date(2024, 7, 1),
        kind=UnitKind.DON_VI_SU_NGHIEP,
        name="Trung tâm Hỗ trợ xã hội tỉnh Sơn La",
        short_code="TTHTXH",
    )
    _put(admin_user, tv, merged, "2024-H2", 70)
    sldtbxh = OrgUnit.objects.get(pk=units["sldtbxh"].pk)
    assert services.rollup(tv, "2024-H1", sldtbxh).value == 150
    assert services.rollup(tv, "2024-H1", merged).value == 150  # the values followed the lineage
    assert services.rollup(tv, "2024-H2", sldtbxh).value == 70
    _, rows = services.rollup_table(tv, Period.parse("2024-H1"), sldtbxh)
    assert [r.value for r in rows if r.unit == merged] == [150]
    assert all(r.unit.pk not in (units["cnmt"].pk, units["qbtte"].pk) for r in rows)


def test_a_unit_moved_mid_year_takes_its_values_along(demo, ind, admin_user):
    units = demo.units
    tv = ind["TV_LUOT"]
    unit_services.move_unit(admin_user, units["ttbtxh"], units["snv"], dt.date(2023, 1, 1))
    snv = OrgUnit.objects.get(pk=units["snv"].pk)
    sldtbxh = OrgUnit.objects.get(pk=units["sldtbxh"].pk)
    ubnd = OrgUnit.objects.get(pk=units["ubnd"].pk)
    assert services.rollup(tv, "2022-Y", snv).value == 1250
    assert services.rollup(tv, "2022-Y", sldtbxh).value == 23832
    assert services.rollup(tv, "2022-Y", ubnd).value == 23832 + 1250


def test_year_to_date_comes_from_monthly_figures(demo, ind, admin_user):
    ttdvvl = demo.units["ttdvvl"]
    for month, value in [(1, 100), (2, 120), (3, 90), (4, 110)]:
        _put(admin_user, ind["TCD"], ttdvvl, f"2024-M{month:02d}", value)
    row = services.unit_rows(ttdvvl.pk, [ind["TCD"]], Period.month(2024, 4))[0]
    assert row.value == 110 and row.previous == 90 and row.ytd == 420
    assert row.ytd_label == "Lũy kế đến hết tháng 4/2024"


def test_comparing_units(demo, ind):
    units = demo.units
    rows = services.compare_units(
        ind["TV_LUOT"], Period.parse("2022-Y"), [units["ttdvvl"], units["ttbtxh"]]
    )
    assert [r.value for r in rows] == [23832, 1250]
    assert rows[0].change_percent is not None and rows[1].target == 1200
