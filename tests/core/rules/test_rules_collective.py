"""Collective titles: member counting, discipline, and nominations that depend on each other."""

from __future__ import annotations

import pytest

from danvan.core.rules import RULE_TITLES, EngineConfig
from tests.core.rules.rules_builders import (
    check,
    collective,
    nominate,
    nomination,
    outcome,
    person,
    run,
    scenario,
)

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
OLD, NEW = 2023, 2024
BOTH = pytest.mark.parametrize("year", [OLD, NEW], ids=["luat-2003", "luat-2022"])


def team(size: int, holders: int, year: int, **member_facts: object) -> list[dict]:
    """`size` members, the first `holders` already holding LĐTT for `year`."""
    return [
        person(f"m{i}", titles={str(year): [LDTT]} if i < holders else {}, **member_facts)
        for i in range(size)
    ]


def evaluate_collective(year: int, title: str, members: list[dict], extra=(), **facts):
    unit = collective("u1", [m["id"] for m in members], **facts)
    return run(
        scenario(
            year,
            people=members,
            collectives=[unit],
            nominations=[*extra, nominate("u1", title)],
        )
    )


# --- Tập thể lao động tiên tiến -------------------------------------------------


@BOTH
@pytest.mark.parametrize(("holders", "expected"), [(3, "pass"), (2, "fail")])
def test_ttldtt_needs_more_than_half_of_members_ldtt(year, holders, expected):
    result = evaluate_collective(year, TTLDTT, team(4, holders, year))
    found = check(result, "u1", TTLDTT, "members_ldtt_over_half")
    assert found.result == expected
    assert f"{holders}/4 thành viên" in found.message


@BOTH
@pytest.mark.parametrize(("rating", "expected"), [("htt", "pass"), ("ht", "fail")])
def test_ttldtt_needs_the_collective_to_complete_tasks_well(year, rating, expected):
    result = evaluate_collective(year, TTLDTT, team(3, 3, year), ratings={str(year): rating})
    assert outcome(result, "u1", TTLDTT, "collective_rating_at_least_htt") == expected


@BOTH
@pytest.mark.parametrize(("level", "expected"), [("canh_cao", "fail"), ("khien_trach", "pass")])
def test_ttldtt_fails_when_a_member_is_disciplined_at_canh_cao_or_above(year, level, expected):
    members = team(3, 3, year)
    members[1]["discipline"] = [{"level": level, "decided_on": f"{year}-05-10"}]
    result = evaluate_collective(year, TTLDTT, members)
    assert outcome(result, "u1", TTLDTT, "no_member_disciplined_canh_cao_or_above") == expected


def test_ttldtt_criteria_are_confirmed_in_both_regimes_with_the_2022_wording_flagged():
    # Notes §2.4: old Điều 28 confirmed, the 2022 law keeps the title
    # (confirmed); only the 2022 wording is unconfirmed (as for CSTĐCS).
    for year in (NEW, OLD):
        result = evaluate_collective(year, TTLDTT, team(3, 3, year))
        found = check(result, "u1", TTLDTT, "members_ldtt_over_half")
        assert found.confirmed
        assert "chưa được xác nhận" not in found.basis
        assert "Điều 28" in found.basis
        assert ("câu chữ chưa xác nhận" in found.basis) is (year == NEW)


def test_a_member_ldtt_nomination_counts_only_when_it_is_itself_eligible():
    members = team(3, 1, NEW)
    members[2]["ratings"] = {"2024": "ht"}  # m2 is nominated but not eligible
    noms = [nominate("m1", LDTT), nominate("m2", LDTT)]
    result = evaluate_collective(NEW, TTLDTT, members, extra=noms)
    assert nomination(result, "m1", LDTT).eligible
    assert not nomination(result, "m2", LDTT).eligible
    found = check(result, "u1", TTLDTT, "members_ldtt_over_half")
    assert found.result == "pass"
    assert found.message.startswith("2/3 thành viên")

    members[1]["ratings"] = {"2024": "kht"}  # now m1 is not eligible either
    result = evaluate_collective(NEW, TTLDTT, members, extra=noms)
    assert outcome(result, "u1", TTLDTT, "members_ldtt_over_half") == "fail"


def test_nomination_order_in_the_scenario_does_not_change_collective_counting():
    members = team(3, 1, NEW)
    noms = [nominate("m1", LDTT), nominate("m2", LDTT)]
    unit = collective("u1", ["m0", "m1", "m2"])
    first = run(
        scenario(
            NEW, people=members, collectives=[unit], nominations=[nominate("u1", TTLDTT), *noms]
        )
    )
    last = run(
        scenario(
            NEW, people=members, collectives=[unit], nominations=[*noms, nominate("u1", TTLDTT)]
        )
    )
    assert nomination(first, "u1", TTLDTT) == nomination(last, "u1", TTLDTT)
    assert nomination(first, "u1", TTLDTT).eligible


def test_members_whose_ldtt_is_unknown_make_the_share_unknown_not_failed():
    members = team(4, 2, NEW)
    for m in members[2:]:
        del m["titles"]  # no record: cannot tell whether they hold LĐTT
    found = check(evaluate_collective(NEW, TTLDTT, members), "u1", TTLDTT, "members_ldtt_over_half")
    assert found.result == "unknown"
    assert "2 thành viên chưa rõ" in found.message


def test_a_collective_without_a_member_list_is_unknown():
    unit = collective("u1", [])
    del unit["members"]
    result = run(scenario(NEW, collectives=[unit], nominations=[nominate("u1", TTLDTT)]))
    assert outcome(result, "u1", TTLDTT, "members_ldtt_over_half") == "unknown"


# --- Tập thể lao động xuất sắc ---------------------------------------------------


def xuat_sac_team(year: int, size: int = 10, holders: int = 10) -> list[dict]:
    members = team(size, holders, year)
    members[0]["titles"] = {str(year): [LDTT, CSTDCS]}
    return members


@BOTH
def test_ttldxs_passes_when_all_five_criteria_hold(year):
    result = evaluate_collective(year, TTLDXS, xuat_sac_team(year))
    nom = nomination(result, "u1", TTLDXS)
    assert [c.result for c in nom.checks] == ["pass"] * len(nom.checks)
    assert nom.eligible


@BOTH
@pytest.mark.parametrize(("holders", "expected"), [(7, "pass"), (6, "fail")])
def test_ttldxs_needs_at_least_70_percent_of_members_ldtt(year, holders, expected):
    result = evaluate_collective(year, TTLDXS, xuat_sac_team(year, 10, holders))
    assert outcome(result, "u1", TTLDXS, "members_ldtt_at_least_70_percent") == expected


@BOTH
def test_ttldxs_fails_when_one_member_does_not_complete_tasks(year):
    members = xuat_sac_team(year)
    members[9]["ratings"] = {str(year): "kht"}
    found = check(
        evaluate_collective(year, TTLDXS, members), "u1", TTLDXS, "members_all_complete_tasks"
    )
    assert found.result == "fail"
    assert "Cán bộ m9" in found.message


def test_ttldxs_member_without_a_rating_is_unknown_rather_than_failing():
    members = xuat_sac_team(NEW, holders=9)  # m9 holds no LĐTT
    del members[9]["ratings"]
    result = evaluate_collective(NEW, TTLDXS, members)
    assert outcome(result, "u1", TTLDXS, "members_all_complete_tasks") == "unknown"


def test_ttldxs_member_without_a_rating_but_holding_ldtt_completed_the_tasks():
    # LĐTT needs hoàn thành tốt nhiệm vụ or better (Điều 24 khoản 1).
    members = xuat_sac_team(NEW)
    del members[9]["ratings"]
    result = evaluate_collective(NEW, TTLDXS, members)
    assert outcome(result, "u1", TTLDXS, "members_all_complete_tasks") == "pass"


@BOTH
@pytest.mark.parametrize(("rating", "expected"), [("htxs", "pass"), ("htt", "fail")])
def test_ttldxs_needs_the_collective_rated_htxs(year, rating, expected):
    result = evaluate_collective(year, TTLDXS, xuat_sac_team(year), ratings={str(year): rating})
    assert outcome(result, "u1", TTLDXS, "collective_rating_htxs") == expected


@BOTH
def test_ttldxs_fails_without_any_member_cstdcs(year):
    result = evaluate_collective(year, TTLDXS, team(10, 10, year))
    assert outcome(result, "u1", TTLDXS, "has_member_cstdcs") == "fail"


def test_ttldxs_counts_a_member_cstdcs_nomination_only_when_eligible():
    members = team(10, 9, NEW)
    members[9]["innovations"] = [{"year": 2024, "scope": "co_so", "applied": True}]
    # m9 needs LĐTT (nominated here) to be CSTĐCS, and LĐTT needs a good rating.
    noms = [nominate("m9", LDTT), nominate("m9", CSTDCS)]
    result = evaluate_collective(NEW, TTLDXS, members, extra=noms)
    assert outcome(result, "u1", TTLDXS, "has_member_cstdcs") == "pass"
    assert outcome(result, "u1", TTLDXS, "members_ldtt_at_least_70_percent") == "pass"

    members[9]["ratings"] = {"2024": "ht"}
    result = evaluate_collective(NEW, TTLDXS, members, extra=noms)
    assert outcome(result, "u1", TTLDXS, "has_member_cstdcs") == "fail"


def test_ttldxs_discipline_clause_is_unconfirmed_in_2022_and_can_be_switched_off():
    members = xuat_sac_team(NEW)
    members[3]["discipline"] = [{"level": "canh_cao", "decided_on": "2024-02-01"}]
    result = evaluate_collective(NEW, TTLDXS, members)
    found = check(result, "u1", TTLDXS, "no_member_disciplined_canh_cao_or_above")
    assert found.result == "fail" and "chưa được xác nhận" in found.basis

    unit = collective("u1", [m["id"] for m in members])
    strict = run(
        scenario(NEW, people=members, collectives=[unit], nominations=[nominate("u1", TTLDXS)]),
        EngineConfig(include_unconfirmed=False),
    )
    rules = [c.rule for c in nomination(strict, "u1", TTLDXS).checks]
    assert "no_member_disciplined_canh_cao_or_above" not in rules
    assert nomination(strict, "u1", TTLDXS).eligible


def test_ttldxs_discipline_clause_is_confirmed_in_the_old_regime():
    members = xuat_sac_team(OLD)
    members[3]["discipline"] = [{"level": "ha_bac_luong", "decided_on": "2023-02-01"}]
    found = check(
        evaluate_collective(OLD, TTLDXS, members),
        "u1",
        TTLDXS,
        "no_member_disciplined_canh_cao_or_above",
    )
    assert found.result == "fail" and found.confirmed
    assert "hạ bậc lương" in found.message


def test_without_unconfirmed_rules_ttldtt_keeps_its_criteria_in_both_regimes():
    members = team(3, 3, NEW)
    unit = collective("u1", [m["id"] for m in members])
    result = run(
        scenario(NEW, people=members, collectives=[unit], nominations=[nominate("u1", TTLDTT)]),
        EngineConfig(include_unconfirmed=False),
    )
    nom = nomination(result, "u1", TTLDTT)
    assert "no_active_criteria" not in [c.rule for c in nom.checks]
    assert nom.eligible
    # The old regime's Điều 28 is confirmed, so its criteria stay.
    old = run(
        scenario(
            OLD, people=team(3, 3, OLD), collectives=[unit], nominations=[nominate("u1", TTLDTT)]
        ),
        EngineConfig(include_unconfirmed=False),
    )
    assert nomination(old, "u1", TTLDTT).eligible


def test_the_discipline_rule_id_applies_to_both_collective_titles():
    assert RULE_TITLES["no_member_disciplined_canh_cao_or_above"] == {TTLDTT, TTLDXS}
