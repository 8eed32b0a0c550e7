"""Quotas: data from the scenario (and the old regime's 15% ceiling), rounded down."""

from __future__ import annotations

from danvan.core.rules import EngineConfig
from tests.core.rules.rules_builders import nominate, person, run, scenario

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTDCS_QUOTA_15 = {"title": CSTDCS, "max_percent_of": LDTT, "percent": 15}
INNOVATION = [{"year": 2024, "scope": "co_so", "applied": True}]


def round_of(ldtt: int, cstdcs: int, year: int = 2024, quotas=None, **ldtt_facts):
    """`ldtt` people nominated for LĐTT; the first `cstdcs` also for CSTĐCS."""
    people = [person(f"p{i}", innovations=INNOVATION, **ldtt_facts) for i in range(ldtt)]
    noms = [nominate(f"p{i}", LDTT) for i in range(ldtt)]
    noms += [nominate(f"p{i}", CSTDCS) for i in range(cstdcs)]
    return run(scenario(year, people=people, nominations=noms, quotas=quotas or []))


def test_a_quota_rounds_down_and_fails_with_the_contract_message():
    result = round_of(14, 3, quotas=[CSTDCS_QUOTA_15])
    (quota,) = result.quotas
    assert (quota.title, quota.nominated, quota.allowed, quota.result) == (CSTDCS, 3, 2, "fail")
    assert quota.message == (
        "3 đề nghị Chiến sĩ thi đua cơ sở vượt 15% của 14 Lao động tiên tiến (tối đa 2)"
    )


def test_a_quota_passes_at_its_limit():
    (quota,) = round_of(14, 2, quotas=[CSTDCS_QUOTA_15]).quotas
    assert quota.result == "pass"
    assert quota.message.startswith("2 đề nghị Chiến sĩ thi đua cơ sở trong giới hạn 15% của 14")


def test_the_base_counts_holders_and_eligible_nominees_but_not_ineligible_ones():
    people = [person(f"p{i}", innovations=INNOVATION) for i in range(10)]
    people += [person(f"h{i}", titles={"2024": [LDTT]}) for i in range(10)]  # already LĐTT
    people += [person(f"x{i}", ratings={"2024": "ht"}) for i in range(5)]  # not eligible
    noms = [nominate(p["id"], LDTT) for p in people if not p["id"].startswith("h")]
    noms += [nominate("p0", CSTDCS), nominate("p1", CSTDCS), nominate("p2", CSTDCS)]
    result = run(scenario(2024, people=people, nominations=noms, quotas=[CSTDCS_QUOTA_15]))
    (quota,) = result.quotas
    assert quota.allowed == 3  # 15% of 20, the 5 ineligible nominees left out
    assert "của 20 Lao động tiên tiến" in quota.message
    assert quota.result == "pass"


def test_an_absolute_cap_is_checked_alone_or_with_a_percentage():
    (alone,) = round_of(14, 3, quotas=[{"title": CSTDCS, "max_count": 2}]).quotas
    assert (alone.allowed, alone.result) == (2, "fail")
    assert alone.message == "3 đề nghị Chiến sĩ thi đua cơ sở vượt số lượng tối đa 2"
    both = round_of(40, 5, quotas=[dict(CSTDCS_QUOTA_15, max_count=4)]).quotas[0]
    assert (both.allowed, both.result) == (4, "fail")  # 15% of 40 = 6, capped at 4


def test_a_fractional_percentage_is_written_with_a_decimal_comma():
    quota = {"title": CSTDCS, "max_percent_of": LDTT, "percent": 12.5}
    (result,) = round_of(16, 2, quotas=[quota]).quotas
    assert result.allowed == 2
    assert "12,5% của 16" in result.message


def test_the_old_regime_caps_cstdcs_at_15_percent_without_a_scenario_quota():
    result = round_of(14, 3, year=2023)
    (quota,) = result.quotas
    assert (quota.allowed, quota.result, quota.rule) == (
        2,
        "fail",
        "quota_cstdcs_15_percent_of_ldtt",
    )
    assert "91/2017/NĐ-CP" in (quota.basis or "")


def test_the_new_regime_has_no_national_default_quota():
    assert round_of(14, 3, year=2024).quotas == ()


def test_a_stricter_scenario_quota_replaces_the_old_regime_default():
    quota = {"title": CSTDCS, "max_percent_of": LDTT, "percent": 10}
    result = round_of(20, 2, year=2023, quotas=[quota])
    assert [q.allowed for q in result.quotas] == [2]
    assert result.quotas[0].rule is None


def test_a_looser_scenario_quota_does_not_lift_the_old_regime_ceiling():
    quota = {"title": CSTDCS, "max_percent_of": LDTT, "percent": 30}
    result = round_of(20, 5, year=2023, quotas=[quota])
    assert [(q.allowed, q.result) for q in result.quotas] == [(6, "pass"), (3, "fail")]


def test_the_old_regime_default_quota_can_be_switched_off_by_its_rule_id():
    config = EngineConfig(disabled_rules=frozenset({"quota_cstdcs_15_percent_of_ldtt"}))
    people = [person("p0", innovations=INNOVATION)]
    noms = [nominate("p0", LDTT), nominate("p0", CSTDCS)]
    assert run(scenario(2023, people=people, nominations=noms), config).quotas == ()


def test_a_quota_is_unknown_while_the_base_depends_on_nominations_lacking_facts():
    people = [person(f"p{i}", innovations=INNOVATION) for i in range(7)]
    people += [person(f"u{i}", leave_working_days=None) for i in range(7)]  # unknown LĐTT
    noms = [nominate(p["id"], LDTT) for p in people]
    noms += [nominate("p0", CSTDCS), nominate("p1", CSTDCS)]
    (quota,) = run(scenario(2024, people=people, nominations=noms, quotas=[CSTDCS_QUOTA_15])).quotas
    # 15% of 7 = 1, 15% of 14 = 2: two nominations may or may not fit.
    assert (quota.allowed, quota.result) == (1, "unknown")
    assert "7–14" in quota.message


def test_quota_results_do_not_change_the_eligibility_of_nominations():
    result = round_of(14, 3, quotas=[CSTDCS_QUOTA_15])
    assert all(n.eligible for n in result.nominations)
    assert not result.quotas_respected
