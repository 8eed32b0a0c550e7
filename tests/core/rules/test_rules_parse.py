"""parse_scenario: dataclasses out, and errors that name the offending field."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from danvan.core.rules import Discipline, Innovation, ScenarioError, parse_scenario
from tests.core.rules.rules_builders import collective, nominate, person, scenario


def error_of(obj) -> ScenarioError:
    with pytest.raises(ScenarioError) as error:
        parse_scenario(obj)
    return error.value


def test_a_contract_scenario_becomes_dataclasses():
    obj = scenario(
        2024,
        people=[
            person(
                "p1",
                ratings={"2024": "htt"},
                innovations=[{"year": 2024, "scope": "co_so", "applied": True}],
                discipline=[{"level": "khien_trach", "decided_on": "2024-03-01"}],
            )
        ],
        collectives=[collective("u1", ["p1"])],
        nominations=[nominate("p1", "lao_dong_tien_tien")],
        quotas=[
            {
                "title": "chien_si_thi_dua_co_so",
                "max_percent_of": "lao_dong_tien_tien",
                "percent": 15,
            }
        ],
    )
    parsed = parse_scenario(obj)
    (p1,) = parsed.people
    assert p1.ratings == {2024: "htt"}
    assert p1.innovations == (Innovation(2024, "co_so", True),)
    assert p1.discipline == (Discipline("khien_trach", date(2024, 3, 1)),)
    assert parsed.collectives[0].members == ("p1",)
    assert parsed.quotas[0].percent == Fraction(15)
    assert parsed.regime is None


def test_absent_facts_stay_none_and_empty_ones_stay_empty():
    parsed = parse_scenario(scenario(2024, people=[{"id": "p1", "discipline": []}]))
    (p1,) = parsed.people
    assert p1.discipline == ()
    assert p1.ratings is None and p1.innovations is None and p1.titles is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            lambda o: o["people"][2]["ratings"].update({"2024": "abc"}),
            "people[2].ratings.2024",
            "xếp loại không hợp lệ 'abc'",
        ),
        (
            lambda o: o["people"][0].update(recruited_on="01/08/2019"),
            "people[0].recruited_on",
            "ngày không hợp lệ",
        ),
        (
            lambda o: o["people"][1]["titles"].update({"2023": ["huan_chuong"]}),
            "people[1].titles.2023[0]",
            "danh hiệu không hợp lệ 'huan_chuong'",
        ),
        (
            lambda o: o["people"][1]["titles"].update({"2023": ["tap_the_lao_dong_tien_tien"]}),
            "people[1].titles.2023[0]",
            "không dùng cho đối tượng này",
        ),
        (
            lambda o: o["people"][0]["ratings"].update({"20x4": "htt"}),
            "people[0].ratings.20x4",
            "năm không hợp lệ",
        ),
        (
            lambda o: o["people"][0].update(innovations=[{"year": 2024, "scope": "xa"}]),
            "people[0].innovations[0].scope",
            "phạm vi sáng kiến không hợp lệ 'xa'",
        ),
        (
            lambda o: o["people"][0].update(
                innovations=[{"year": 2024, "scope": "co_so", "applied": "yes"}]
            ),
            "people[0].innovations[0].applied",
            "true hoặc false",
        ),
        (
            lambda o: o["people"][0].update(discipline=[{"level": "canh_cao"}]),
            "people[0].discipline[0].decided_on",
            "thiếu ngày",
        ),
        (
            lambda o: o["people"][0].update(
                discipline=[{"level": "phat", "decided_on": "2024-01-01"}]
            ),
            "people[0].discipline[0].level",
            "hình thức kỷ luật không hợp lệ",
        ),
        (
            lambda o: o["people"][0].update(leave_working_days={"2024": -3}),
            "people[0].leave_working_days.2024",
            "số ngày nghỉ không hợp lệ",
        ),
        (lambda o: o["people"][1].update(id="p0"), "people[1].id", "bị trùng"),
        (
            lambda o: o["nominations"].append({"subject": "p9", "title": "lao_dong_tien_tien"}),
            "nominations[1].subject",
            "không có cá nhân hay tập thể 'p9'",
        ),
        (
            lambda o: o["nominations"].append({"subject": "u1", "title": "lao_dong_tien_tien"}),
            "nominations[1].title",
            "không xét tặng cho tập thể",
        ),
        (
            lambda o: o["nominations"].append(
                {"subject": "p1", "title": "tap_the_lao_dong_xuat_sac"}
            ),
            "nominations[1].title",
            "không xét tặng cho cá nhân",
        ),
        (
            lambda o: o["nominations"][0].update(authority="vua"),
            "nominations[0].authority",
            "thẩm quyền không hợp lệ 'vua'",
        ),
        (
            lambda o: o["quotas"].append(
                {"title": "chien_si_thi_dua_co_so", "max_percent_of": "lao_dong_tien_tien"}
            ),
            "quotas[0].percent",
            "đi cùng nhau",
        ),
        (
            lambda o: o["quotas"].append(
                {
                    "title": "chien_si_thi_dua_co_so",
                    "max_percent_of": "lao_dong_tien_tien",
                    "percent": 150,
                }
            ),
            "quotas[0].percent",
            "từ 0 đến 100",
        ),
        (
            lambda o: o["quotas"].append({"title": "chien_si_thi_dua_co_so"}),
            "quotas[0].percent",
            "hoặc max_count",
        ),
        (lambda o: o.update(year="2024"), "year", "năm không hợp lệ"),
        (lambda o: o.pop("year"), "year", "thiếu năm"),
        (lambda o: o.update(regime="luat-1998"), "regime", "chế độ không hợp lệ 'luat-1998'"),
        (
            lambda o: o.update(schema="danvan.extraction/1"),
            "schema",
            "danvan.commendation-scenario/1",
        ),
        (lambda o: o.update(people={}), "people", "danh sách"),
    ],
)
def test_an_invalid_scenario_names_the_offending_field(change, field, message):
    obj = scenario(
        2024,
        people=[person("p0"), person("p1"), person("p2")],
        collectives=[collective("u1", ["p0", "p1", "p2"])],
        nominations=[nominate("p1", "lao_dong_tien_tien")],
    )
    change(obj)
    error = error_of(obj)
    assert error.field == field
    assert message in error.message
    assert str(error).startswith(f"{field}: ")


def test_a_scenario_that_is_not_an_object_is_refused():
    assert error_of([1, 2]).field == "scenario"


def test_members_the_scenario_does_not_describe_are_people_with_unknown_facts():
    from danvan.core.rules import evaluate

    obj = scenario(
        2024,
        people=[person("p1", ratings={"2024": "htxs"})],
        collectives=[collective("u1", ["p1", "p2", "p3"], ratings={"2024": "htxs"})],
    )
    obj["nominations"] = [nominate("u1", "tap_the_lao_dong_tien_tien")]
    result = evaluate(parse_scenario(obj))
    checks = {c.rule: c.result.value for c in result.nominations[0].checks}
    assert result.nominations[0].eligible is False
    assert "unknown" in checks.values()
