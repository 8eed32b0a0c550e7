"""The forms the Thủ tướng decides (legal-verified rows 26, 32, 39–42):
Cờ thi đua của Chính phủ, Bằng khen của Thủ tướng Chính phủ, and CSTĐ toàn
quốc's council vote, in both decrees of Luật 2022 and under the 2003 law."""

from __future__ import annotations

import pytest

from danvan.core.rules import (
    RULES,
    EngineConfig,
    ScenarioError,
    authorities_for,
    can_grant,
    parse_scenario,
    result_to_json,
    suggest,
)

from .rules_builders import check, collective, nominate, nomination, outcome, person, run, scenario
from .test_rules_cli import SCENARIOS, by_pair, danvan

CO_CP, BK_TTG = "co_thi_dua_chinh_phu", "bang_khen_thu_tuong"
TQ = "chien_si_thi_dua_toan_quoc"
ALL = EngineConfig(include_unconfirmed=True)
DEFAULT = EngineConfig(include_unconfirmed=False)
ND152, ND98 = "2025-12-20", "2025-06-30"


def flag_round(
    received_on: str | None = ND152,
    leader: bool | None = True,
    council: dict | None = None,
    year: int = 2025,
    **extra,
) -> dict:
    facts = {} if leader is None else {"cluster_leader": {str(year): leader}}
    unit = collective("s1", ["p1"], **facts)
    nom = nominate("s1", CO_CP, **({"council": council} if council else {}))
    if received_on:
        extra["received_on"] = received_on
    return scenario(
        year,
        people=[person("p1")],
        collectives=[unit],
        nominations=[nom],
        authority="thu_tuong",
        **extra,
    )


def rules_of(result, subject, title) -> dict[str, str]:
    return {c.rule: str(c.result) for c in nomination(result, subject, title).checks}


# --- Cờ thi đua của Chính phủ (row 32) --------------------------------------------


@pytest.mark.parametrize(
    ("leader", "expected"), [(True, "pass"), (False, "fail"), (None, "unknown")]
)
def test_row32_the_flag_needs_a_cluster_leader_under_nd_152(leader, expected):
    result = run(flag_round(leader=leader), DEFAULT)
    found = check(result, "s1", CO_CP, "cluster_leader_voted")
    assert found.result == expected
    assert "Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP" in found.basis and "mức A" in found.basis


def test_row32_the_text_of_dieu_25_khoan_1_is_left_to_the_council_not_invented():
    result = run(flag_round(council={"members": 15, "votes_for": 15}, cluster_leaders=5), DEFAULT)
    found = check(result, "s1", CO_CP, "co_thi_dua_cp_criteria_not_encoded")
    assert found.result == "unknown" and "cần Hội đồng Thi đua – Khen thưởng xét" in found.message
    assert found.basis.startswith("Điều 25 khoản 1 Luật Thi đua, khen thưởng 2022")
    # Everything else passes: the authority is the Thủ tướng (row 40).
    rules = rules_of(result, "s1", CO_CP)
    assert rules["authority_can_grant"] == "pass" and rules["council_vote_threshold"] == "pass"
    assert not nomination(result, "s1", CO_CP).eligible  # a person must still decide


def test_row32_under_nd_98_only_the_law_applies_no_decree_rules():
    result = run(flag_round(received_on=ND98, leader=False), DEFAULT)
    rules = rules_of(result, "s1", CO_CP)
    assert "cluster_leader_voted" not in rules and "council_vote_threshold" not in rules
    assert rules["co_thi_dua_cp_criteria_not_encoded"] == "unknown"
    assert result.quotas == ()


def test_the_flag_under_the_2003_law_is_unconfirmed_and_off_by_default():
    obj = flag_round(received_on=None, year=2023)
    assert rules_of(run(obj, DEFAULT), "s1", CO_CP)["no_active_criteria"] == "unknown"
    found = check(run(obj, ALL), "s1", CO_CP, "co_thi_dua_cp_criteria_not_encoded")
    assert "quy định chưa được xác nhận" in found.basis


def test_the_flag_is_for_collectives_only():
    obj = flag_round()
    obj["nominations"] = [nominate("p1", CO_CP)]
    with pytest.raises(ScenarioError) as err:
        parse_scenario(obj)
    assert err.value.field == "nominations[0].title"


# --- council votes (row 42) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("council", "expected"),
    [
        ({"members": 15, "votes_for": 12}, "pass"),  # 80%
        ({"members": 15, "votes_for": 11}, "fail"),  # 73,3%
        (None, "unknown"),
    ],
)
def test_row42_the_flag_needs_80_percent_of_all_council_members(council, expected):
    found = check(run(flag_round(council=council), DEFAULT), "s1", CO_CP, "council_vote_threshold")
    assert found.result == expected
    assert "Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP" in found.basis
    assert "từ 80% tổng số thành viên" in found.message


def cstd_tq(council: dict | None, received_on: str) -> dict:
    p = person("p1")
    nom = nominate("p1", TQ, **({"council": council} if council else {}))
    return scenario(2025, people=[p], nominations=[nom], received_on=received_on)


def test_row42_cstd_toan_quoc_needs_90_percent_of_all_members_under_nd_152():
    fail = check(
        run(cstd_tq({"members": 11, "votes_for": 9}, ND152)), "p1", TQ, "council_vote_threshold"
    )
    assert fail.result == "fail" and "9/11" in fail.message and "10 phiếu" in fail.message
    ok = cstd_tq({"members": 11, "votes_for": 10}, ND152)
    assert outcome(run(ok), "p1", TQ, "council_vote_threshold") == "pass"
    # NĐ 98/2023 (dossier received before 01/7/2025): no threshold read.
    assert "council_vote_threshold" not in rules_of(run(cstd_tq(None, ND98)), "p1", TQ)


def test_row42_no_national_threshold_for_other_titles():
    obj = scenario(
        2025,
        people=[person("p1")],
        nominations=[nominate("p1", "lao_dong_tien_tien", council={"members": 9, "votes_for": 1})],
    )
    assert "council_vote_threshold" not in rules_of(run(obj), "p1", "lao_dong_tien_tien")


@pytest.mark.parametrize(
    ("council", "field"),
    [
        ({"members": 9, "votes_for": 10}, "nominations[0].council.votes_for"),
        ({"members": 0, "votes_for": 0}, "nominations[0].council.members"),
        ({"votes_for": 3}, "nominations[0].council.members"),
        ({"members": 9, "votes_for": -1}, "nominations[0].council.votes_for"),
    ],
)
def test_a_bad_council_vote_names_its_field(council, field):
    with pytest.raises(ScenarioError) as err:
        parse_scenario(flag_round(council=council))
    assert err.value.field == field


# --- the 20% cap of cụm, khối leaders (row 32) ------------------------------------------


def two_flags(leaders: int | None, received_on: str = ND152) -> dict:
    obj = flag_round(received_on=received_on)
    obj["collectives"].append(collective("s2", ["p1"], cluster_leader={"2025": True}))
    obj["nominations"].append(nominate("s2", CO_CP))
    if leaders is not None:
        obj["cluster_leaders"] = leaders
    return obj


@pytest.mark.parametrize(
    ("leaders", "allowed", "expected"), [(6, 1, "fail"), (10, 2, "pass"), (None, 0, "unknown")]
)
def test_row32_at_most_20_percent_of_the_cluster_leaders(leaders, allowed, expected):
    (quota,) = run(two_flags(leaders), DEFAULT).quotas
    assert quota.title == CO_CP and quota.nominated == 2
    assert quota.allowed == allowed and str(quota.result) == expected
    assert quota.rule == "quota_co_thi_dua_cp_20_percent_of_cluster_leaders"
    assert "Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP" in (quota.basis or "")
    if leaders == 6:
        assert "vượt 20% của 6 tập thể được suy tôn dẫn đầu cụm, khối thi đua" in quota.message


def test_row32_the_cap_is_a_nd_152_rule_and_can_be_switched_off():
    assert run(two_flags(6, ND98), DEFAULT).quotas == ()
    off = EngineConfig(
        include_unconfirmed=False,
        disabled_rules=frozenset({"quota_co_thi_dua_cp_20_percent_of_cluster_leaders"}),
    )
    assert run(two_flags(6), off).quotas == ()


def test_cluster_facts_are_validated():
    obj = two_flags(-1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(obj)
    assert err.value.field == "cluster_leaders"
    obj = flag_round()
    obj["collectives"][0]["cluster_leader"] = {"2025": "có"}
    with pytest.raises(ScenarioError) as err:
        parse_scenario(obj)
    assert err.value.field == "collectives[0].cluster_leader.2025"


# --- Bằng khen của Thủ tướng Chính phủ (row 26) --------------------------------------------


@pytest.mark.parametrize("subject", ["p1", "s1"])
def test_row26_bang_khen_ttg_cites_dieu_73_and_leaves_the_unread_criteria_to_the_council(subject):
    obj = flag_round()
    obj["nominations"] = [nominate(subject, BK_TTG)]
    result = run(obj, DEFAULT)
    found = check(result, subject, BK_TTG, "bang_khen_ttg_criteria_not_encoded")
    assert found.result == "unknown" and "Điều 73" in found.basis and "mức A" in found.basis
    rules = rules_of(result, subject, BK_TTG)
    # Row 25: no lower form is required first; row 42: no national vote threshold.
    assert set(rules) == {
        "bang_khen_ttg_criteria_not_encoded",
        "one_award_per_achievement",
        "authority_can_grant",
        *(["discipline_pending_or_term"] if subject == "p1" else []),
    }


# --- authorities (rows 39–40) ---------------------------------------------------------------


@pytest.mark.parametrize("title", [TQ, CO_CP, BK_TTG])
def test_rows39_40_only_the_prime_minister_grants_the_state_level_forms(title):
    assert can_grant("thu_tuong", title, "luat-2022")
    assert authorities_for(title, "luat-2022") == ["thu_tuong"]
    assert not can_grant("chu_tich_ubnd_tinh", title, "luat-2022")


def test_a_province_round_is_refused_the_flag_naming_the_prime_minister():
    obj = flag_round()
    obj["authority"] = "chu_tich_ubnd_tinh"
    found = check(run(obj), "s1", CO_CP, "authority_can_grant")
    assert found.result == "fail" and "thẩm quyền tặng: Thủ tướng Chính phủ" in found.message


# --- suggestions, markers, the command line ---------------------------------------------------


def test_suggestions_do_not_count_the_council_vote_as_a_lack():
    found = {(s.subject, s.title): s for s in suggest(parse_scenario(flag_round()), DEFAULT)}
    flag = found[("s1", CO_CP)]
    assert [c.rule for c in flag.missing] == ["co_thi_dua_cp_criteria_not_encoded"]
    assert ("p1", BK_TTG) not in found  # no criterion the engine can check


def test_no_internal_marker_in_any_basis_or_message():
    for rule in RULES:
        assert "UNCONFIRMED" not in rule.basis.text(), rule.id
    text = str(result_to_json(run(two_flags(6)), "x.json"))
    assert "UNCONFIRMED" not in text and "NOT FOUND" not in text


def test_the_command_line_keeps_the_contract_with_the_new_optional_fields():
    code, (result,), _ = danvan("check", str(SCENARIOS / "luat-2022-state-awards.json"))
    assert code == 0 and result["regime"] == "luat-2022"
    pairs = by_pair(result)
    votes = {
        s: next(c for c in pairs[(s, CO_CP)]["checks"] if c["rule"] == "council_vote_threshold")
        for s in ("s1", "s2")
    }
    assert votes["s1"]["result"] == "pass" and votes["s2"]["result"] == "fail"
    (quota,) = result["quotas"]
    assert quota["rule"] == "quota_co_thi_dua_cp_20_percent_of_cluster_leaders"
    assert (quota["nominated"], quota["allowed"], quota["result"]) == (2, 1, "fail")
    assert not pairs[("p1", BK_TTG)]["eligible"]
    code, lines, _ = danvan("list")
    listed = {line["rule"] for line in lines}
    assert {
        "cluster_leader_voted",
        "bang_khen_ttg_criteria_not_encoded",
        "council_vote_threshold",
        "quota_co_thi_dua_cp_20_percent_of_cluster_leaders",
        "authority_can_grant",
    } <= listed
    vote = next(line for line in lines if line["rule"] == "council_vote_threshold")
    assert vote["title_label"] == "Chiến sĩ thi đua toàn quốc, Cờ thi đua của Chính phủ"
    assert "Điều 33 khoản 5" in vote["basis"] and "mức A" in vote["basis"]
