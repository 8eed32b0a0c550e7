"""Criteria of individual titles, in both regimes (legal-notes §2.3, §2.5, §2.6)."""

from __future__ import annotations

import pytest

from tests.core.rules.rules_builders import (
    check,
    nominate,
    nomination,
    outcome,
    person,
    run,
    scenario,
)

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
CSTD_TQ = "chien_si_thi_dua_toan_quoc"
BANG_KHEN = "bang_khen_cap_tinh"

OLD, NEW = 2023, 2024  # achievement years of luat-2003 and luat-2022
BOTH = pytest.mark.parametrize("year", [OLD, NEW], ids=["luat-2003", "luat-2022"])


def ldtt(year: int, **facts: object):
    return run(scenario(year, people=[person("p1", **facts)], nominations=[nominate("p1", LDTT)]))


# --- Lao động tiên tiến -------------------------------------------------------


@BOTH
@pytest.mark.parametrize("rating", ["htt", "htxs"])
def test_ldtt_passes_with_a_rating_of_htt_or_better(year, rating):
    result = ldtt(year, ratings={str(year): rating})
    assert outcome(result, "p1", LDTT, "rating_at_least_htt") == "pass"
    assert nomination(result, "p1", LDTT).eligible


@BOTH
@pytest.mark.parametrize("rating", ["ht", "kht"])
def test_ldtt_fails_with_a_rating_below_htt(year, rating):
    result = ldtt(year, ratings={str(year): rating})
    assert outcome(result, "p1", LDTT, "rating_at_least_htt") == "fail"
    assert not nomination(result, "p1", LDTT).eligible


def test_the_rating_message_names_the_year_and_the_rating():
    result = ldtt(NEW, ratings={"2024": "htt"})
    found = check(result, "p1", LDTT, "rating_at_least_htt")
    assert found.message == "Năm 2024 xếp loại hoàn thành tốt nhiệm vụ"
    assert found.basis == (
        "Điều 24 khoản 1 Luật Thi đua, khen thưởng 2022 [đối chiếu trích dẫn chính thức: mức B]"
    )


def test_a_rating_of_another_year_does_not_count():
    result = ldtt(NEW, ratings={"2023": "htxs"})
    assert outcome(result, "p1", LDTT, "rating_at_least_htt") == "unknown"


@pytest.mark.parametrize(
    ("year", "recruited_on", "expected"),
    [
        (NEW, "2024-07-01", "pass"),  # 01/7–31/12: six full months
        (NEW, "2024-07-02", "fail"),
        (NEW, "2024-01-15", "pass"),
        (OLD, "2023-03-01", "pass"),  # 01/3–31/12: ten full months
        (OLD, "2023-03-02", "fail"),
        (OLD, "2023-07-01", "fail"),  # six months are not enough before 2024
    ],
)
def test_recruitment_is_measured_in_full_months_up_to_the_end_of_the_year(
    year, recruited_on, expected
):
    result = ldtt(year, recruited_on=recruited_on)
    assert outcome(result, "p1", LDTT, "recruited_long_enough") == expected


def test_someone_recruited_after_the_achievement_year_fails_recruitment():
    result = ldtt(NEW, recruited_on="2025-01-05")
    found = check(result, "p1", LDTT, "recruited_long_enough")
    assert found.result == "fail"
    assert found.message == "Tuyển dụng ngày 05/01/2025, sau năm xét 2024"


def test_the_recruitment_rule_cites_the_circular_in_the_new_regime_and_the_decree_in_the_old():
    new = check(ldtt(NEW), "p1", LDTT, "recruited_long_enough")
    old = check(ldtt(OLD), "p1", LDTT, "recruited_long_enough")
    assert "01/2024/TT-BNV" in new.basis and "6 tháng" in new.message
    assert "91/2017/NĐ-CP" in old.basis and "10 tháng" in old.message


@BOTH
@pytest.mark.parametrize(("days", "expected"), [(39, "pass"), (40, "fail"), (65, "fail")])
def test_leave_of_40_working_days_or_more_excludes(year, days, expected):
    result = ldtt(year, leave_working_days={str(year): days})
    assert outcome(result, "p1", LDTT, "leave_under_40_working_days") == expected


@BOTH
def test_discipline_decided_in_the_year_excludes(year):
    result = ldtt(year, discipline=[{"level": "khien_trach", "decided_on": f"{year}-03-01"}])
    found = check(result, "p1", LDTT, "no_discipline_in_year")
    assert found.result == "fail"
    assert "khiển trách" in found.message and f"01/3/{year}" in found.message


@BOTH
def test_discipline_of_an_earlier_year_does_not_exclude(year):
    result = ldtt(year, discipline=[{"level": "canh_cao", "decided_on": f"{year - 1}-11-20"}])
    assert outcome(result, "p1", LDTT, "no_discipline_in_year") == "pass"


def test_leave_and_discipline_exclusions_are_unconfirmed_only_in_the_new_regime():
    for rule in ("leave_under_40_working_days", "no_discipline_in_year"):
        new = check(ldtt(NEW), "p1", LDTT, rule)
        old = check(ldtt(OLD), "p1", LDTT, rule)
        assert "chưa được xác nhận" in new.basis and not new.confirmed
        assert "chưa được xác nhận" not in old.basis and old.confirmed


# --- Chiến sĩ thi đua cơ sở ---------------------------------------------------

INNOVATION = {"year": 2024, "scope": "co_so", "applied": True}


def cstdcs(year: int = NEW, nominate_ldtt: bool = True, **facts: object):
    facts.setdefault("innovations", [dict(INNOVATION, year=year)])
    noms = [nominate("p1", CSTDCS)]
    if nominate_ldtt:
        noms.insert(0, nominate("p1", LDTT))
    return run(scenario(year, people=[person("p1", **facts)], nominations=noms))


@BOTH
def test_cstdcs_passes_with_an_eligible_ldtt_nomination_and_an_applied_innovation(year):
    result = cstdcs(year)
    assert outcome(result, "p1", CSTDCS, "holds_lao_dong_tien_tien") == "pass"
    assert outcome(result, "p1", CSTDCS, "innovation_applied_at_unit") == "pass"
    assert nomination(result, "p1", CSTDCS).eligible


@BOTH
def test_cstdcs_fails_when_the_ldtt_nomination_is_itself_not_eligible(year):
    result = cstdcs(year, ratings={str(year): "ht"})
    assert not nomination(result, "p1", LDTT).eligible
    assert outcome(result, "p1", CSTDCS, "holds_lao_dong_tien_tien") == "fail"


@BOTH
def test_cstdcs_fails_without_ldtt_held_or_nominated(year):
    result = cstdcs(year, nominate_ldtt=False)
    found = check(result, "p1", CSTDCS, "holds_lao_dong_tien_tien")
    assert found.result == "fail"
    assert "không được đề nghị Lao động tiên tiến" in found.message


def test_cstdcs_counts_ldtt_already_held_that_year():
    result = cstdcs(nominate_ldtt=False, titles={"2024": [LDTT]})
    assert outcome(result, "p1", CSTDCS, "holds_lao_dong_tien_tien") == "pass"


def test_cstdcs_is_unknown_when_the_ldtt_nomination_lacks_a_fact():
    result = cstdcs(leave_working_days=None)
    assert outcome(result, "p1", CSTDCS, "holds_lao_dong_tien_tien") == "unknown"


@BOTH
@pytest.mark.parametrize(
    ("innovation", "expected"),
    [
        ({"scope": "co_so", "applied": True}, "pass"),
        ({"scope": "cap_tinh", "applied": True}, "pass"),
        ({"scope": "co_so", "applied": False}, "fail"),
        ({"scope": "co_so"}, "unknown"),
    ],
)
def test_cstdcs_needs_an_innovation_recognised_and_applied_that_year(year, innovation, expected):
    result = cstdcs(year, innovations=[dict(innovation, year=year)])
    assert outcome(result, "p1", CSTDCS, "innovation_applied_at_unit") == expected


def test_an_innovation_of_another_year_does_not_count_for_cstdcs():
    result = cstdcs(innovations=[dict(INNOVATION, year=2023)])
    assert outcome(result, "p1", CSTDCS, "innovation_applied_at_unit") == "fail"


def test_no_innovation_record_is_unknown_but_an_empty_one_fails():
    assert outcome(cstdcs(innovations=None), "p1", CSTDCS, "innovation_applied_at_unit") == (
        "unknown"
    )
    assert outcome(cstdcs(innovations=[]), "p1", CSTDCS, "innovation_applied_at_unit") == "fail"


# --- Chiến sĩ thi đua cấp tỉnh and toàn quốc ------------------------------------


def cstd_tinh(year: int, titles: dict, innovations: list):
    return run(
        scenario(
            year,
            people=[person("p1", titles=titles, innovations=innovations)],
            nominations=[nominate("p1", LDTT), nominate("p1", CSTDCS), nominate("p1", CSTD_TINH)],
        )
    )


def two_years_cstdcs(year: int) -> dict:
    return {str(year - 2): [LDTT, CSTDCS], str(year - 1): [LDTT, CSTDCS]}


@BOTH
def test_cstd_tinh_passes_after_three_consecutive_cstdcs_and_a_provincial_innovation(year):
    innovations = [
        {"year": year, "scope": "co_so", "applied": True},
        {"year": year - 1, "scope": "cap_tinh", "applied": True},
    ]
    result = cstd_tinh(year, two_years_cstdcs(year), innovations)
    assert outcome(result, "p1", CSTD_TINH, "three_consecutive_cstdcs") == "pass"
    assert outcome(result, "p1", CSTD_TINH, "innovation_provincial_scope") == "pass"
    assert nomination(result, "p1", CSTD_TINH).eligible


@BOTH
def test_cstd_tinh_fails_when_one_of_the_three_years_lacks_cstdcs(year):
    titles = {str(year - 2): [LDTT], str(year - 1): [LDTT, CSTDCS]}
    innovations = [{"year": year, "scope": "cap_tinh", "applied": True}]
    found = check(cstd_tinh(year, titles, innovations), "p1", CSTD_TINH, "three_consecutive_cstdcs")
    assert found.result == "fail"
    assert str(year - 2) in found.message


@BOTH
def test_cstd_tinh_fails_with_only_unit_level_innovations(year):
    innovations = [{"year": year, "scope": "co_so", "applied": True}]
    result = cstd_tinh(year, two_years_cstdcs(year), innovations)
    assert outcome(result, "p1", CSTD_TINH, "innovation_provincial_scope") == "fail"


def test_cstd_tinh_article_number_is_flagged_unconfirmed_in_the_new_regime():
    innovations = [{"year": 2024, "scope": "cap_tinh", "applied": True}]
    found = check(
        cstd_tinh(NEW, two_years_cstdcs(NEW), innovations),
        "p1",
        CSTD_TINH,
        "three_consecutive_cstdcs",
    )
    assert "số điều chưa xác nhận" in found.basis and found.confirmed


def cstd_tq(year: int, titles: dict, scope: str):
    return run(
        scenario(
            year,
            people=[
                person(
                    "p1",
                    titles=titles,
                    innovations=[{"year": year, "scope": scope, "applied": True}],
                )
            ],
            nominations=[
                nominate("p1", LDTT),
                nominate("p1", CSTDCS),
                nominate("p1", CSTD_TINH),
                nominate("p1", CSTD_TQ),
            ],
        )
    )


def test_cstd_toan_quoc_passes_after_two_consecutive_cstd_tinh_and_a_nationwide_innovation():
    titles = {str(y): [LDTT, CSTDCS] for y in range(2019, 2024)} | {
        "2021": [LDTT, CSTDCS, CSTD_TINH]
    }
    result = cstd_tq(NEW, titles, "toan_quoc")
    assert outcome(result, "p1", CSTD_TQ, "two_consecutive_cstd_cap_tinh") == "pass"
    assert outcome(result, "p1", CSTD_TQ, "innovation_nationwide_scope") == "pass"
    assert nomination(result, "p1", CSTD_TQ).eligible


def test_cstd_toan_quoc_fails_without_the_previous_cstd_tinh():
    titles = {str(y): [LDTT, CSTDCS] for y in range(2019, 2024)}
    result = cstd_tq(NEW, titles, "toan_quoc")
    assert outcome(result, "p1", CSTD_TQ, "two_consecutive_cstd_cap_tinh") == "fail"


def test_cstd_toan_quoc_fails_with_a_provincial_innovation_only():
    titles = {str(y): [LDTT, CSTDCS] for y in range(2019, 2024)} | {
        "2021": [LDTT, CSTDCS, CSTD_TINH]
    }
    result = cstd_tq(NEW, titles, "cap_tinh")
    assert outcome(result, "p1", CSTD_TQ, "innovation_nationwide_scope") == "fail"


# --- Bằng khen cấp tỉnh (Điều 74 khoản 1 điểm d) and Giấy khen -----------------

TWO_INNOVATIONS = [
    {"year": 2023, "scope": "co_so", "applied": True},
    {"year": 2024, "scope": "co_so", "applied": True},
]


def bang_khen(year: int = NEW, extra: list | None = None, **facts: object):
    return run(
        scenario(
            year,
            people=[person("p1", **facts)],
            nominations=[*(extra or []), nominate("p1", BANG_KHEN)],
        )
    )


def test_bang_khen_passes_after_two_years_htxs_with_two_applied_innovations():
    result = bang_khen(ratings={"2023": "htxs", "2024": "htxs"}, innovations=TWO_INNOVATIONS)
    assert outcome(result, "p1", BANG_KHEN, "two_years_cstdcs_or_htxs") == "pass"
    assert outcome(result, "p1", BANG_KHEN, "two_innovations_applied") == "pass"
    assert nomination(result, "p1", BANG_KHEN).eligible


def test_bang_khen_passes_after_two_consecutive_cstdcs_including_this_years_nomination():
    result = bang_khen(
        extra=[nominate("p1", LDTT), nominate("p1", CSTDCS)],
        titles={"2023": [LDTT, CSTDCS]},
        innovations=TWO_INNOVATIONS,
    )
    found = check(result, "p1", BANG_KHEN, "two_years_cstdcs_or_htxs")
    assert found.result == "pass"
    assert "Chiến sĩ thi đua cơ sở" in found.message


def test_bang_khen_fails_with_one_year_htxs_and_no_cstdcs():
    result = bang_khen(ratings={"2023": "htt", "2024": "htxs"}, innovations=TWO_INNOVATIONS)
    found = check(result, "p1", BANG_KHEN, "two_years_cstdcs_or_htxs")
    assert found.result == "fail"
    assert "2023: hoàn thành tốt nhiệm vụ" in found.message
    assert "Không đạt Chiến sĩ thi đua cơ sở năm 2023, 2024" in found.message


def test_bang_khen_fails_with_a_single_innovation():
    result = bang_khen(ratings={"2023": "htxs", "2024": "htxs"}, innovations=TWO_INNOVATIONS[:1])
    found = check(result, "p1", BANG_KHEN, "two_innovations_applied")
    assert found.result == "fail"
    assert "cần 2" in found.message


def test_bang_khen_criteria_of_the_old_regime_are_left_to_a_person():
    result = bang_khen(OLD, ratings={"2022": "htxs", "2023": "htxs"})
    nom = nomination(result, "p1", BANG_KHEN)
    criteria = [c for c in nom.checks if c.rule == "bang_khen_criteria_not_encoded"]
    assert criteria[0].result == "unknown" and "chưa được xác nhận" in criteria[0].basis
    assert not nom.eligible


@BOTH
def test_giay_khen_criteria_are_unconfirmed_so_never_decided_by_the_engine(year):
    result = run(scenario(year, people=[person("p1")], nominations=[nominate("p1", "giay_khen")]))
    found = check(result, "p1", "giay_khen", "giay_khen_criteria_not_encoded")
    assert found.result == "unknown"
    assert "chưa được xác nhận" in found.basis
    assert not nomination(result, "p1", "giay_khen").eligible


def test_cstd_toan_quoc_criteria_are_unconfirmed_under_the_old_regime():
    titles = {str(y): [LDTT, CSTDCS] for y in range(2018, 2023)} | {
        "2020": [LDTT, CSTDCS, CSTD_TINH]
    }
    result = cstd_tq(OLD, titles, "toan_quoc")
    found = check(result, "p1", CSTD_TQ, "two_consecutive_cstd_cap_tinh")
    assert found.result == "pass"
    assert not found.confirmed and "chưa được xác nhận" in found.basis
