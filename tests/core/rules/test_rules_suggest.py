"""suggest(): titles each person and collective could be nominated for, and near misses."""

from __future__ import annotations

from danvan.core.rules import parse_scenario, suggest
from tests.core.rules.rules_builders import collective, person, scenario

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
TTLDTT = "tap_the_lao_dong_tien_tien"
INNOVATION = [{"year": 2024, "scope": "co_so", "applied": True}]


def suggestions(obj):
    return {(s.subject, s.title): s for s in suggest(parse_scenario(obj))}


def test_it_suggests_ldtt_and_cstdcs_together_for_a_person_with_an_innovation():
    found = suggestions(scenario(2024, people=[person("p1", innovations=INNOVATION)]))
    assert found[("p1", LDTT)].eligible
    assert found[("p1", CSTDCS)].eligible


def test_a_near_miss_lists_the_single_missing_criterion():
    found = suggestions(scenario(2024, people=[person("p1")]))  # no innovation
    near = found[("p1", CSTDCS)]
    assert not near.eligible
    assert [c.rule for c in near.missing] == ["innovation_applied_at_unit"]


def test_subjects_far_from_a_title_are_not_suggested():
    found = suggestions(scenario(2024, people=[person("p1", ratings={"2024": "kht"})]))
    assert ("p1", CSTDCS) not in found  # LĐTT and innovation both missing
    assert [c.rule for c in found[("p1", LDTT)].missing] == ["rating_at_least_htt"]


def test_titles_already_held_and_titles_without_encoded_criteria_are_not_suggested():
    found = suggestions(scenario(2024, people=[person("p1", titles={"2024": [LDTT]})]))
    assert ("p1", LDTT) not in found
    assert not any(title == "giay_khen" for _subject, title in found)


def test_collectives_are_suggested_from_their_members_suggested_titles():
    people = [person(f"m{i}") for i in range(3)]
    found = suggestions(
        scenario(2024, people=people, collectives=[collective("u1", ["m0", "m1", "m2"])])
    )
    assert found[("u1", TTLDTT)].eligible  # members' LĐTT count as nominated and eligible


def test_the_rounds_authority_limits_the_suggested_titles():
    people = [person("p1", innovations=INNOVATION)]
    found = suggestions(scenario(2024, people=people, authority="chu_tich_ubnd_xa"))
    assert ("p1", LDTT) in found
    assert ("p1", CSTDCS) not in found
