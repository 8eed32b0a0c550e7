"""Regime choice, one achievement one award, deciding authority, per-deployment switches."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from danvan.core.rules import (
    AUTHORITIES,
    RATINGS,
    RULES,
    TITLES,
    Collective,
    EngineConfig,
    Nomination,
    Person,
    Scenario,
    ScenarioError,
    can_grant,
    evaluate,
    parse_scenario,
    regime_for_year,
    title_label,
)
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
TTLDXS = "tap_the_lao_dong_xuat_sac"


# --- regimes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "regime"),
    [(2017, "luat-2003"), (2023, "luat-2003"), (2024, "luat-2022"), (2026, "luat-2022")],
)
def test_the_regime_follows_the_achievement_year(year, regime):
    assert run(scenario(year)).regime == regime
    assert regime_for_year(year).id == regime


def test_a_scenario_may_force_the_regime():
    obj = scenario(2024, people=[person("p1", recruited_on="2024-05-01")], regime="luat-2003")
    obj["nominations"] = [nominate("p1", LDTT)]
    result = run(obj)
    assert result.regime == "luat-2003"
    # 10 months apply under the old regime: recruited in May is too late.
    assert outcome(result, "p1", LDTT, "recruited_long_enough") == "fail"


def test_every_year_up_to_2023_falls_under_the_2003_law_as_the_contract_says():
    assert run(scenario(2015)).regime == "luat-2003"
    assert run(scenario(2023)).regime == "luat-2003"
    assert run(scenario(2024)).regime == "luat-2022"


# --- one achievement, one award (Điều 5) ---------------------------------------


def test_two_nominations_of_the_same_subject_for_the_same_title_both_fail():
    result = run(
        scenario(
            2024, people=[person("p1")], nominations=[nominate("p1", LDTT), nominate("p1", LDTT)]
        )
    )
    for nom in result.nominations:
        found = [c for c in nom.checks if c.rule == "one_award_per_achievement"][0]
        assert found.result == "fail"
        assert "2 đề nghị Lao động tiên tiến năm 2024" in found.message
        assert found.basis == "Điều 5 Luật Thi đua, khen thưởng 2022"


def test_a_nomination_for_a_title_already_held_that_year_fails():
    result = run(
        scenario(
            2024, people=[person("p1", titles={"2024": [LDTT]})], nominations=[nominate("p1", LDTT)]
        )
    )
    found = check(result, "p1", LDTT, "one_award_per_achievement")
    assert found.result == "fail"
    assert "đã được tặng Lao động tiên tiến năm 2024" in found.message


def test_a_title_held_in_another_year_is_no_duplicate():
    result = run(
        scenario(
            2024, people=[person("p1", titles={"2023": [LDTT]})], nominations=[nominate("p1", LDTT)]
        )
    )
    assert outcome(result, "p1", LDTT, "one_award_per_achievement") == "pass"
    assert nomination(result, "p1", LDTT).eligible


def test_without_a_title_record_there_is_no_known_first_award_to_refuse():
    result = run(
        scenario(2024, people=[person("p1", titles=None)], nominations=[nominate("p1", LDTT)])
    )
    assert outcome(result, "p1", LDTT, "one_award_per_achievement") == "pass"
    # a second nomination in the same round is still refused
    twice = run(
        scenario(
            2024,
            people=[person("p1", titles=None)],
            nominations=[nominate("p1", LDTT), nominate("p1", LDTT)],
        )
    )
    assert outcome(twice, "p1", LDTT, "one_award_per_achievement") == "fail"


# --- deciding authority (Điều 79–80) --------------------------------------------


@pytest.mark.parametrize(
    ("authority", "title", "expected"),
    [
        ("giam_doc_so", LDTT, True),
        ("giam_doc_so", CSTDCS, True),
        ("giam_doc_so", "tap_the_lao_dong_tien_tien", True),
        ("giam_doc_so", "giay_khen", True),
        ("giam_doc_so", TTLDXS, False),
        ("giam_doc_so", "bang_khen_cap_tinh", False),
        ("chu_tich_ubnd_xa", LDTT, True),
        ("chu_tich_ubnd_xa", CSTDCS, False),
        ("giam_doc_doanh_nghiep", CSTDCS, True),
        ("chu_tich_ubnd_tinh", TTLDXS, True),
        ("chu_tich_ubnd_tinh", "chien_si_thi_dua_cap_tinh", True),
        ("bo_truong", "bang_khen_cap_tinh", True),
        ("chu_tich_ubnd_tinh", "chien_si_thi_dua_toan_quoc", False),
    ],
)
def test_can_grant_follows_articles_79_and_80(authority, title, expected):
    assert can_grant(authority, title, "luat-2022") is expected


def test_district_chairs_lose_their_powers_with_the_district_level():
    assert can_grant("chu_tich_ubnd_huyen", LDTT, "luat-2022", on=date(2025, 6, 30))
    assert not can_grant("chu_tich_ubnd_huyen", LDTT, "luat-2022", on=date(2025, 7, 1))
    assert can_grant("chu_tich_ubnd_huyen", LDTT, "luat-2003")


def test_powers_the_notes_do_not_give_for_the_old_regime_are_not_granted():
    assert can_grant("giam_doc_so", CSTDCS, "luat-2003")
    assert not can_grant("chu_tich_ubnd_tinh", TTLDXS, "luat-2003")


def authority_round(authority: str, title: str = LDTT, year: int = 2024, where: str = "scenario"):
    members = [person(f"m{i}", titles={str(year): [LDTT, CSTDCS]}) for i in range(3)]
    subject = "u1" if title == TTLDXS else "m0"
    nom = nominate(subject, title, **({"authority": authority} if where == "nomination" else {}))
    extra = {"authority": authority} if where == "scenario" else {}
    obj = scenario(
        year,
        people=members,
        collectives=[collective("u1", ["m0", "m1", "m2"])],
        nominations=[nom],
        **extra,
    )
    if title == LDTT:
        obj["people"][0]["titles"] = {}
    return run(obj), subject


@pytest.mark.parametrize("where", ["scenario", "nomination"])
def test_an_authority_that_cannot_grant_the_title_fails_the_nomination(where):
    result, subject = authority_round("giam_doc_so", TTLDXS, where=where)
    found = check(result, subject, TTLDXS, "authority_can_grant")
    assert found.result == "fail"
    # Rows 34–40: the refusal names who can grant it.
    assert found.message == (
        "Giám đốc Sở không có thẩm quyền tặng Tập thể lao động xuất sắc; "
        "thẩm quyền tặng: Chủ tịch Ủy ban nhân dân cấp tỉnh, Bộ trưởng"
    )
    assert not nomination(result, subject, TTLDXS).eligible


def test_an_authority_that_can_grant_passes_and_cites_its_article():
    result, subject = authority_round("giam_doc_so", LDTT)
    found = check(result, subject, LDTT, "authority_can_grant")
    assert found.result == "pass"
    assert found.basis.startswith("Điều 80 khoản 1 Luật Thi đua, khen thưởng 2022 [")
    assert "mức A" in found.basis


def test_provincial_powers_are_confirmed_by_nd_152_article_6():
    # legal-verified row 38 (grade A): the provincial list is confirmed in
    # substance by NĐ 152/2025 Điều 6 khoản 2 điểm b; LĐTT is not on it.
    result, subject = authority_round("chu_tich_ubnd_tinh", TTLDXS)
    found = check(result, subject, TTLDXS, "authority_can_grant")
    assert found.result == "pass" and "Điều 6 khoản 2 điểm b" in found.basis
    assert "chưa được xác nhận" not in found.basis
    result, subject = authority_round("chu_tich_ubnd_tinh", LDTT)
    found = check(result, subject, LDTT, "authority_can_grant")
    assert found.result == "fail" and "Giám đốc Sở" in found.message


def test_a_district_chair_cannot_decide_titles_for_2025():
    result, subject = authority_round("chu_tich_ubnd_huyen", LDTT, year=2025)
    assert outcome(result, subject, LDTT, "authority_can_grant") == "fail"
    result, subject = authority_round("chu_tich_ubnd_huyen", LDTT, year=2024)
    assert outcome(result, subject, LDTT, "authority_can_grant") == "pass"


def test_without_an_authority_no_authority_check_is_made():
    result = run(scenario(2024, people=[person("p1")], nominations=[nominate("p1", LDTT)]))
    assert "authority_can_grant" not in [c.rule for c in nomination(result, "p1", LDTT).checks]


# --- per-deployment configuration -----------------------------------------------


def ldtt_round(config: EngineConfig | None = None, **facts):
    return run(
        scenario(2024, people=[person("p1", **facts)], nominations=[nominate("p1", LDTT)]), config
    )


def test_a_disabled_rule_is_not_checked():
    config = EngineConfig(disabled_rules=frozenset({"leave_under_40_working_days"}))
    result = ldtt_round(config, leave_working_days={"2024": 60})
    rules = [c.rule for c in nomination(result, "p1", LDTT).checks]
    assert "leave_under_40_working_days" not in rules
    assert nomination(result, "p1", LDTT).eligible


def test_unconfirmed_rules_can_be_left_out():
    result = ldtt_round(EngineConfig(include_unconfirmed=False), leave_working_days={"2024": 60})
    checks = nomination(result, "p1", LDTT).checks
    assert all(c.confirmed for c in checks)
    assert {"rating_at_least_htt", "recruited_long_enough"} <= {c.rule for c in checks}
    assert nomination(result, "p1", LDTT).eligible


def test_a_title_with_every_criterion_switched_off_is_not_eligible_by_default():
    config = EngineConfig(disabled_rules=frozenset(r.id for r in RULES if r.title == LDTT))
    nom = nomination(ldtt_round(config), "p1", LDTT)
    assert [c.rule for c in nom.checks][0] == "no_active_criteria"
    assert nom.checks[0].result == "unknown"
    assert not nom.eligible


# --- labels and messages ----------------------------------------------------------


def test_labels_are_vietnamese():
    assert title_label(LDTT) == "Lao động tiên tiến"
    assert title_label(CSTDCS) == "Chiến sĩ thi đua cơ sở"
    assert title_label(TTLDXS) == "Tập thể lao động xuất sắc"
    assert RATINGS["htxs"] == "hoàn thành xuất sắc nhiệm vụ"
    assert set(TITLES) == {
        LDTT,
        CSTDCS,
        "chien_si_thi_dua_cap_tinh",
        "chien_si_thi_dua_toan_quoc",
        "tap_the_lao_dong_tien_tien",
        TTLDXS,
        "giay_khen",
        "bang_khen_cap_tinh",
        "bang_khen_thu_tuong",
        "co_thi_dua_chinh_phu",
    }


def test_every_rule_of_both_regimes_cites_a_provision_and_marks_unconfirmed_ones():
    for rule in RULES:
        text = rule.basis.text()
        assert any(w in text for w in ("Luật", "Nghị định", "Thông tư", "Quy định riêng")), rule.id
        assert ("chưa được xác nhận" in text) is (not rule.confirmed), rule.id


def test_every_message_and_basis_is_nfc():
    people = [
        person(
            "p1",
            titles=None,
            ratings={"2024": "ht"},
            discipline=[{"level": "canh_cao", "decided_on": "2024-01-02"}],
        )
    ]
    people += [person("p2")]
    noms = [
        nominate("p1", t)
        for t in (
            LDTT,
            CSTDCS,
            "chien_si_thi_dua_cap_tinh",
            "chien_si_thi_dua_toan_quoc",
            "bang_khen_cap_tinh",
            "giay_khen",
        )
    ]
    noms += [nominate("u1", t) for t in ("tap_the_lao_dong_tien_tien", TTLDXS)]
    for year in (2023, 2024):
        obj = scenario(
            year,
            people=people,
            collectives=[collective("u1", ["p1", "p2"])],
            nominations=noms,
            authority="giam_doc_so",
        )
        result = evaluate(parse_scenario(obj))
        texts = [c.message for n in result.nominations for c in n.checks]
        texts += [c.basis for n in result.nominations for c in n.checks]
        texts += [q.message for q in result.quotas] + list(AUTHORITIES.values())
        assert texts and all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_scenarios_built_as_dataclasses_are_checked_for_dangling_references():
    people = (Person("p1"),)
    with pytest.raises(ScenarioError) as error:
        evaluate(Scenario(2024, people=people, nominations=(Nomination("p2", LDTT),)))
    assert error.value.field == "nominations[0].subject"
    with pytest.raises(ScenarioError) as error:
        evaluate(
            Scenario(2024, people=people, collectives=(Collective("u1", members=("p1", "p9")),))
        )
    assert error.value.field == "collectives[0].members[1]"
    with pytest.raises(ScenarioError) as error:
        evaluate(Scenario(2024, people=people, nominations=(Nomination("p1", TTLDXS),)))
    assert error.value.field == "nominations[0].title"


def test_the_old_regime_also_refuses_a_second_award_for_the_same_year():
    result = run(
        scenario(
            2023, people=[person("p1", titles={"2023": [LDTT]})], nominations=[nominate("p1", LDTT)]
        )
    )
    found = check(result, "p1", LDTT, "one_award_per_achievement")
    assert found.result == "fail"
    assert "Luật Thi đua, khen thưởng 2003" in found.basis
