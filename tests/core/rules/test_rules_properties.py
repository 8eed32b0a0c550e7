"""Properties of the engine over generated scenarios (hypothesis)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from math import floor

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.rules import INDIVIDUAL_TITLES
from tests.core.rules.rules_builders import collective, nominate, person, run, scenario

YEAR_CHOICES = [2023, 2024, 2025]
RATING = st.sampled_from(["htxs", "htt", "ht", "kht"])
INDIVIDUAL = sorted(INDIVIDUAL_TITLES)
HISTORY_TITLES = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"]
OPTIONAL_KEYS = [
    "recruited_on",
    "ratings",
    "leave_working_days",
    "titles",
    "innovations",
    "discipline",
]
PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fact(key: str, year: int) -> st.SearchStrategy:
    """A value for one optional fact of a person, around the achievement year."""
    years = st.integers(year - 6, year)
    if key == "recruited_on":
        start = date(year - 3, 1, 1)
        return st.integers(0, 4 * 365).map(lambda d: (start + timedelta(days=d)).isoformat())
    if key == "ratings":
        return st.dictionaries(years.map(str), RATING, max_size=4)
    if key == "leave_working_days":
        return st.dictionaries(st.just(str(year)), st.integers(0, 80), max_size=1)
    if key == "titles":
        return st.dictionaries(
            years.map(str), st.lists(st.sampled_from(HISTORY_TITLES), unique=True), max_size=6
        )
    if key == "innovations":
        innovation = st.fixed_dictionaries(
            {"year": years, "scope": st.sampled_from(["co_so", "cap_tinh", "toan_quoc"])},
            optional={"applied": st.booleans()},
        )
        return st.lists(innovation, max_size=3)
    assert key == "discipline"
    record = st.fixed_dictionaries(
        {
            "level": st.sampled_from(["khien_trach", "canh_cao", "cach_chuc"]),
            "decided_on": st.sampled_from([f"{year - 1}-06-01", f"{year}-02-10"]),
        }
    )
    return st.lists(record, max_size=2)


@st.composite
def people_facts(draw: st.DrawFn, year: int, pid: str) -> dict:
    obj = person(pid)
    for key in OPTIONAL_KEYS:
        if draw(st.booleans()):
            obj[key] = draw(fact(key, year))
        else:
            del obj[key]
    return obj


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    year = draw(st.sampled_from(YEAR_CHOICES))
    size = draw(st.integers(1, 4))
    people = [draw(people_facts(year, f"p{i}")) for i in range(size)]
    pairs = [(p["id"], t) for p in people for t in INDIVIDUAL]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8))
    noms = [nominate(s, t) for s, t in chosen]
    noms += [
        nominate("u1", t)
        for t in draw(
            st.lists(
                st.sampled_from(["tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"]),
                unique=True,
            )
        )
    ]
    unit = collective("u1", [p["id"] for p in people])
    return scenario(year, people=people, collectives=[unit], nominations=noms)


@PROFILE
@given(scenarios())
def test_a_nomination_is_eligible_exactly_when_every_check_passes(obj):
    for nom in run(obj).nominations:
        assert nom.checks
        assert nom.eligible == all(c.result == "pass" for c in nom.checks)
        assert nom.eligible == (nom.missing == ())


@PROFILE
@given(st.data())
def test_adding_a_fact_never_turns_a_pass_into_unknown(data):
    obj = data.draw(scenarios())
    year = obj["year"]
    candidates = [
        (i, key) for i, p in enumerate(obj["people"]) for key in OPTIONAL_KEYS if key not in p
    ]
    if not candidates:
        return
    index, key = data.draw(st.sampled_from(candidates))
    richer = copy.deepcopy(obj)
    richer["people"][index][key] = data.draw(fact(key, year))

    before, after = run(obj), run(richer)
    for old, new in zip(before.nominations, after.nominations, strict=True):
        new_results = {c.rule: c.result for c in new.checks}
        for check in old.checks:
            if check.result == "pass":
                assert new_results[check.rule] != "unknown", (old.subject, old.title, check)


@PROFILE
@given(scenarios(), st.randoms())
def test_the_order_of_nominations_does_not_change_any_result(obj, random):
    shuffled = copy.deepcopy(obj)
    random.shuffle(shuffled["nominations"])
    key = lambda n: (n.subject, n.title)  # noqa: E731
    assert sorted(run(obj).nominations, key=key) == sorted(run(shuffled).nominations, key=key)


@PROFILE
@given(
    holders=st.integers(0, 60),
    nominated=st.integers(0, 12),
    percent=st.integers(0, 100),
)
def test_quota_allowance_is_the_floor_of_the_percentage_of_the_base(holders, nominated, percent):
    people = [person(f"h{i}", titles={"2024": ["lao_dong_tien_tien"]}) for i in range(holders)]
    people += [person(f"n{i}") for i in range(nominated)]
    noms = [nominate(f"n{i}", "chien_si_thi_dua_co_so") for i in range(nominated)]
    quota = {
        "title": "chien_si_thi_dua_co_so",
        "max_percent_of": "lao_dong_tien_tien",
        "percent": percent,
    }
    (result,) = run(scenario(2024, people=people, nominations=noms, quotas=[quota])).quotas
    assert result.allowed == floor(percent * holders / 100)
    assert result.nominated == nominated
    assert (result.result == "pass") == (nominated <= result.allowed)
