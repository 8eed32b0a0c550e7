"""The rules as corrected against shared/reference/legal-verified.md (issue 11).

One scenario per corrected row, in both regimes (or both decrees) where it
applies; the additions (authorities, votes, money, regimes as data).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from danvan.core.rules import (
    REGIMES,
    RULES,
    EngineConfig,
    ScenarioError,
    authorities_for,
    can_grant,
    parse_scenario,
    register_regime,
    unregister_regime,
)
from danvan.core.rules.awards import (
    BaseSalary,
    cluster_leader_cap,
    paid_titles,
    prize,
    round_up,
    vote_passes,
    votes_needed,
)
from danvan.core.rules.regimes import LUAT_2022, Phase

from .rules_builders import check, nominate, nomination, outcome, person, run, scenario

LDTT, CS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
TINH, TQ = "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc"
ALL = EngineConfig(include_unconfirmed=True)
DEFAULT = EngineConfig(include_unconfirmed=False)


def cstdcs_round(year: int, **facts) -> dict:
    p = person("p1", titles={str(year): [LDTT]}, **facts)
    return scenario(year, people=[p], nominations=[nominate("p1", CS)])


# --- row 16: CSTĐCS under Luật 2022 is any one of -------------------------


def test_row16_htxs_without_a_sang_kien_meets_cstdcs_under_the_2022_law():
    obj = cstdcs_round(2024, ratings={"2024": "htxs"}, innovations=[])
    result = run(obj, DEFAULT)
    found = check(result, "p1", CS, "innovation_applied_at_unit")
    assert found.result == "pass" and "hoàn thành xuất sắc" in found.message
    assert "Điều 23 điểm 2" in found.basis and "mức B" in found.basis
    assert nomination(result, "p1", CS).eligible


def test_row16_the_2003_law_still_requires_the_sang_kien():
    obj = cstdcs_round(2023, ratings={"2023": "htxs"}, innovations=[])
    assert outcome(run(obj, DEFAULT), "p1", CS, "innovation_applied_at_unit") == "fail"


@pytest.mark.parametrize(
    ("rating", "innovations", "expected"),
    [
        ("htt", [{"year": 2024, "scope": "co_so", "applied": True}], "pass"),
        ("htt", [{"year": 2024, "scope": "co_so", "kind": "de_tai"}], "pass"),
        ("htt", [], "fail"),
        ("htt", [{"year": 2024, "scope": "co_so"}], "unknown"),  # applied not given
        (None, [], "unknown"),  # no rating, no innovation: htxs might still hold
    ],
)
def test_row16_any_one_of_rating_sang_kien_or_accepted_research(rating, innovations, expected):
    ratings = {"2024": rating} if rating else {}
    obj = cstdcs_round(2024, ratings=ratings, innovations=innovations)
    assert outcome(run(obj, DEFAULT), "p1", CS, "innovation_applied_at_unit") == expected


# --- row 14: discipline under NĐ 152/2025 Điều 4 khoản 4 -------------------


def ldtt_2025(discipline: list, received_on: str | None) -> dict:
    extra = {"received_on": received_on} if received_on else {}
    p = person("p1", discipline=discipline)
    return scenario(2025, people=[p], nominations=[nominate("p1", LDTT)], **extra)


PENDING = [{"pending": True}]


def test_row14_a_pending_discipline_blocks_under_nd_152():
    result = run(ldtt_2025(PENDING, "2025-12-20"), DEFAULT)
    found = check(result, "p1", LDTT, "discipline_pending_or_term")
    assert found.result == "fail" and "Đang bị xem xét kỷ luật" in found.message
    assert "Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP" in found.basis and "mức A" in found.basis
    assert not nomination(result, "p1", LDTT).eligible


def test_row14_a_dossier_received_before_1_7_2025_stays_under_nd_98():
    result = run(ldtt_2025(PENDING, "2025-06-30"), DEFAULT)
    rules = [c.rule for c in nomination(result, "p1", LDTT).checks]
    assert "discipline_pending_or_term" not in rules
    assert nomination(result, "p1", LDTT).eligible


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # term served before the year began: the whole year counts
        (
            {"level": "khien_trach", "decided_on": "2024-03-01", "term_ends_on": "2024-09-01"},
            "pass",
        ),
        # term runs into the year: achievement counts only from its end
        (
            {"level": "khien_trach", "decided_on": "2024-10-01", "term_ends_on": "2025-04-01"},
            "fail",
        ),
        # decided in the year with no end recorded: still under its term
        ({"level": "canh_cao", "decided_on": "2025-02-01"}, "fail"),
        # decided before the year, end not recorded: cannot tell
        ({"level": "khien_trach", "decided_on": "2024-11-01"}, "unknown"),
    ],
)
def test_row14_achievement_counts_only_after_the_term(entry, expected):
    result = run(ldtt_2025([entry], "2026-01-15"), DEFAULT)
    assert outcome(result, "p1", LDTT, "discipline_pending_or_term") == expected


def test_row14_the_khien_trach_in_year_rule_is_only_a_switchable_local_rule():
    entry = {"level": "khien_trach", "decided_on": "2024-03-01"}
    obj = scenario(
        2024, people=[person("p1", discipline=[entry])], nominations=[nominate("p1", LDTT)]
    )
    rules = [c.rule for c in nomination(run(obj, DEFAULT), "p1", LDTT).checks]
    assert "no_discipline_in_year" not in rules  # off by default
    found = check(run(obj, ALL), "p1", LDTT, "no_discipline_in_year")
    assert found.result == "fail" and found.basis.startswith("Quy định riêng")


def test_row14_pending_needs_no_decided_on_but_a_decided_one_does():
    parse_scenario(ldtt_2025(PENDING, None))
    bad = ldtt_2025([{"level": "khien_trach"}], None)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad)
    assert err.value.field == "people[0].discipline[0].decided_on"
    bad = ldtt_2025(
        [{"level": "khien_trach", "decided_on": "2025-03-01", "term_ends_on": "2025-01-01"}], None
    )
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad)
    assert err.value.field == "people[0].discipline[0].term_ends_on"


# --- rows 2–3: which decree, by the dossier's received date ----------------


def test_rows2_3_nd_152_lapses_on_1_3_2027_and_the_engine_says_so():
    obj = ldtt_2025([], "2027-03-05")
    result = run(obj, DEFAULT)
    found = check(result, "p1", LDTT, "decree_in_force")
    assert found.result == "unknown"
    assert "Nghị định 152/2025/NĐ-CP hết hiệu lực từ ngày 01/3/2027" in found.message
    assert not nomination(result, "p1", LDTT).eligible
    # The day before it lapses the decree applies and the nomination passes.
    assert nomination(run(ldtt_2025([], "2027-02-28"), DEFAULT), "p1", LDTT).eligible


def test_rows2_3_without_received_on_the_last_day_of_the_year_is_used():
    # Year 2024 → 31/12/2024 → NĐ 98: no NĐ 152 discipline check.
    obj = scenario(
        2024, people=[person("p1", discipline=PENDING)], nominations=[nominate("p1", LDTT)]
    )
    rules = [c.rule for c in nomination(run(obj, DEFAULT), "p1", LDTT).checks]
    assert "discipline_pending_or_term" not in rules
    obj["year"] = 2025  # → 31/12/2025 → NĐ 152
    assert outcome(run(obj, DEFAULT), "p1", LDTT, "discipline_pending_or_term") == "fail"


def test_received_on_must_be_a_date():
    obj = ldtt_2025([], "01/7/2025")
    with pytest.raises(ScenarioError) as err:
        parse_scenario(obj)
    assert err.value.field == "received_on"


# --- row 20: article numbers; no internal markers ---------------------------


def test_row20_cstd_tinh_and_toan_quoc_never_cite_dieu_23_under_the_2022_law():
    for rule in RULES:
        text = rule.basis.text()
        assert "UNCONFIRMED" not in text and "CHƯA XÁC NHẬN" not in text, rule.id
        if rule.regime == "luat-2022" and rule.title in (TINH, TQ):
            assert "Điều 23" not in text, rule.id
            assert "số điều chưa xác nhận" in text or "Nghị định 152" in text, rule.id


# --- row 43: the 15% CSTĐCS cap is not in any text read --------------------


def test_row43_the_15_percent_default_quota_is_off_by_default():
    people = [person(f"p{i}", titles={"2023": [LDTT]}) for i in range(5)]
    people[0]["innovations"] = [{"year": 2023, "scope": "co_so", "applied": True}]
    obj = scenario(2023, people=people, nominations=[nominate("p0", CS)])
    assert run(obj, DEFAULT).quotas == ()
    (quota,) = run(obj, ALL).quotas
    assert quota.rule == "quota_cstdcs_15_percent_of_ldtt" and quota.result == "fail"
    assert "chưa được xác nhận" in (quota.basis or "")


# --- rows 34–40: authorities -------------------------------------------------


def test_rows39_40_the_prime_minister_decides_cstd_toan_quoc():
    assert can_grant("thu_tuong", TQ, "luat-2022")
    assert authorities_for(TQ, "luat-2022") == ["thu_tuong"]
    assert not can_grant("chu_tich_ubnd_tinh", TQ, "luat-2022")


def test_row37_the_board_chair_grants_giay_khen_only():
    assert can_grant("chu_tich_hdqt", "giay_khen", "luat-2022")
    assert not can_grant("chu_tich_hdqt", LDTT, "luat-2022")


def test_rows35_6_no_district_level_from_1_7_2025_and_the_refusal_names_who_can():
    assert "chu_tich_ubnd_huyen" in authorities_for(LDTT, "luat-2022", date(2025, 6, 30))
    assert "chu_tich_ubnd_huyen" not in authorities_for(LDTT, "luat-2022", date(2025, 7, 1))
    obj = scenario(2025, people=[person("p1")], nominations=[nominate("p1", LDTT)])
    obj["authority"] = "chu_tich_ubnd_huyen"
    found = check(run(obj, DEFAULT), "p1", LDTT, "authority_can_grant")
    assert found.result == "fail" and "thẩm quyền tặng: Giám đốc Sở" in found.message


# --- rows 42, 32: votes and the cluster cap ----------------------------------


def test_row42_vote_thresholds_count_all_council_members():
    assert votes_needed(TQ, 11) == 10  # 90% of 11 = 9.9 → 10
    assert vote_passes(TQ, 9, 11) is False and vote_passes(TQ, 10, 11) is True
    assert votes_needed("co_thi_dua_chinh_phu", 15) == 12
    assert votes_needed(LDTT, 15) is None  # no national threshold


def test_row32_cluster_leader_cap_is_20_percent_rounded_down():
    assert cluster_leader_cap(12) == 2 and cluster_leader_cap(4) == 0


# --- row 46: the run is explained -------------------------------------------


def test_row46_consecutive_years_are_explained_in_the_2022_regime():
    titles = {str(y): [CS] for y in (2022, 2023)}
    p = person(
        "p1",
        titles=titles,
        innovations=[{"year": 2024, "scope": "cap_tinh", "applied": True}],
    )
    obj = scenario(
        2024,
        people=[p],
        nominations=[nominate("p1", LDTT), nominate("p1", CS), nominate("p1", TINH)],
    )
    obj["people"][0]["innovations"].append({"year": 2024, "scope": "co_so", "applied": True})
    found = check(run(obj, DEFAULT), "p1", TINH, "three_consecutive_cstdcs")
    assert found.result == "pass"
    assert "quyết định khen thưởng trước" in found.message and "bị hủy bỏ" in found.message


# --- rows 51–52: money ---------------------------------------------------------

TABLE = (BaseSalary(date(2023, 7, 1), 1_800_000), BaseSalary(date(2024, 7, 1), 2_340_000))


def test_rows51_52_money_uses_the_base_salary_of_the_decision_date_rounded_up():
    assert prize(LDTT, "person", date(2024, 6, 30), TABLE).amount == 540_000
    assert prize(LDTT, "person", date(2024, 7, 1), TABLE).amount == 710_000  # 702,000 ↑
    assert prize(TQ, "person", date(2025, 1, 1), TABLE).amount == 10_530_000
    assert prize("giay_khen", "collective", date(2025, 1, 1), TABLE).amount == 1_410_000
    assert prize("giay_khen", "household", date(2025, 1, 1), TABLE).amount == 1_060_000
    missing = prize(LDTT, "person", date(2020, 1, 1), TABLE)
    assert missing.amount is None and "Chưa nhập mức lương cơ sở" in missing.message
    assert round_up(Decimal("10000")) == 10_000 and round_up(Decimal("10001")) == 20_000


def test_row52_only_the_highest_title_of_the_same_period_is_paid():
    assert paid_titles([LDTT, CS]) == [CS]
    assert paid_titles([LDTT, "giay_khen"]) == [LDTT]


# --- regimes as data -----------------------------------------------------------


def test_a_fictional_regime_is_added_as_data_without_engine_changes():
    fictional = replace(
        LUAT_2022,
        id="luat-thu-2031",
        name="Luật thi đua giả định 2031",
        first_year=2031,
        rules_from="luat-2022",
        rules_off=frozenset({"recruited_long_enough"}),
        phases=(
            Phase(
                "nd-gia-dinh",
                "Nghị định giả định",
                received_from=date(2031, 1, 1),
                rules_on=frozenset({"discipline_pending_or_term"}),
            ),
        ),
    )
    register_regime(fictional)
    try:
        obj = scenario(2031, people=[person("p1", ratings={"2031": "htt"}, discipline=PENDING)])
        obj["nominations"] = [nominate("p1", LDTT)]
        result = run(obj, DEFAULT)
        assert result.regime == "luat-thu-2031"
        rules = {c.rule: c.result for c in nomination(result, "p1", LDTT).checks}
        assert "recruited_long_enough" not in rules  # switched off by the regime
        assert rules["rating_at_least_htt"] == "pass"
        assert rules["discipline_pending_or_term"] == "fail"  # switched on by its decree
    finally:
        unregister_regime("luat-thu-2031")
    assert "luat-thu-2031" not in REGIMES
