"""Audit of the confirmed rules against shared/reference/legal-notes.md §2, §4.

Each file under scenarios/audit/ is written the way an outside examiner writes
one (plain contract shape, minimal facts, some facts left out, members listed
but not described). The expected outcome of each nomination and quota is
written here from the notes, not from the engine:

- LĐTT: rating hoàn thành tốt nhiệm vụ or better (Luật 2022 Điều 24 khoản 1);
  not recruited less than 6 months (TT 01/2024) / 10 months (NĐ 91/2017).
- CSTĐCS: LĐTT that year (held or nominated and eligible) and a sáng kiến
  applied at unit level or wider that year (Điều 23).
- CSTĐ tỉnh: 3 consecutive CSTĐCS and a provincial sáng kiến; CSTĐ toàn
  quốc: 2 consecutive CSTĐ tỉnh and a nationwide one (Điều 23).
- Bằng khen: 2 consecutive CSTĐCS or 2 consecutive years HTXSNV, with 2
  sáng kiến applied in that time (Điều 74 khoản 1 điểm d).
- TTLĐTT: more than 50% of members LĐTT, no member cảnh cáo or above
  (Điều 28); TTLĐXS: rated HTXSNV, 100% complete tasks, at least 70% LĐTT,
  at least one CSTĐCS (Điều 27).
- Quotas round down (15% of 14 = 2); old regime CSTĐCS ≤ 15% of LĐTT.
- One achievement, one award (Điều 5); a fact not given is unknown.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
from typing import Any

import pytest

from danvan.cli.rules import check_file, config_from
from danvan.core.rules import EngineConfig

AUDIT = pathlib.Path(__file__).parent / "scenarios" / "audit"
DANVAN = str(pathlib.Path(sys.executable).parent / "danvan")

LDTT, CS = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
CT, TQ = "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc"
TT, XS, BK = "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac", "bang_khen_cap_tinh"

Expected = tuple[bool, dict[str, str]]
OK: Expected = (True, {})


def no(**rules: str) -> Expected:
    """Not eligible, with these checks giving these results."""
    return (False, rules)


RULES: dict[str, str] = {
    "rating": "rating_at_least_htt",
    "recruited": "recruited_long_enough",
    "leave": "leave_under_40_working_days",
    "discipline": "no_discipline_in_year",
    "holds": "holds_lao_dong_tien_tien",
    "inno": "innovation_applied_at_unit",
    "three": "three_consecutive_cstdcs",
    "inno_tinh": "innovation_provincial_scope",
    "two_tinh": "two_consecutive_cstd_cap_tinh",
    "inno_tq": "innovation_nationwide_scope",
    "two_years": "two_years_cstdcs_or_htxs",
    "two_inno": "two_innovations_applied",
    "bk_old": "bang_khen_criteria_not_encoded",
    "c_rating": "collective_rating_at_least_htt",
    "c_htxs": "collective_rating_htxs",
    "half": "members_ldtt_over_half",
    "seventy": "members_ldtt_at_least_70_percent",
    "complete": "members_all_complete_tasks",
    "has_cs": "has_member_cstdcs",
    "canh_cao": "no_member_disciplined_canh_cao_or_above",
    "one": "one_award_per_achievement",
}


def ldtt_ratings(regime: str) -> dict[str, Any]:
    return {
        "regime": regime,
        "noms": {
            ("htxs", LDTT): OK,
            ("htt", LDTT): OK,
            ("ht", LDTT): no(rating="fail"),
            ("kht", LDTT): no(rating="fail"),
            ("upper", LDTT): OK,  # "HTT": the same code in another case
            ("norating", LDTT): no(rating="unknown"),  # only last year's rating given
        },
        "quotas": [],
    }


def cstdcs(regime: str) -> dict[str, Any]:
    # legal-verified row 16: under the 2022 law an htxs rating alone meets the
    # second criterion (these people are all htxs); the 2003 law needs the sáng kiến.
    htxs_suffices = regime == "luat-2022"
    return {
        "regime": regime,
        "noms": {
            ("nom", LDTT): OK,
            ("badldtt", LDTT): no(rating="fail"),
            ("nom", CS): OK,  # LĐTT nominated in the same round and eligible
            ("held", CS): OK,
            ("noldtt", CS): no(holds="fail", inno="pass"),  # "titles": {} and no LĐTT nomination
            ("badldtt", CS): no(holds="fail"),  # an ineligible LĐTT nomination does not count
            ("notapplied", CS): OK if htxs_suffices else no(inno="fail"),  # "applied": false
            ("province", CS): OK,  # cấp tỉnh ≥ cơ sở
            ("lastyear", CS): OK if htxs_suffices else no(inno="fail"),
            ("undecided", CS): OK if htxs_suffices else no(inno="unknown"),  # "applied" not given
            ("noinno", CS): OK if htxs_suffices else no(inno="unknown"),  # no innovations
            ("notitles", CS): no(holds="unknown", one="pass"),  # no record: no known first award
        },
    }


def cstd_tinh(regime: str) -> dict[str, Any]:
    return {
        "regime": regime,
        "noms": {
            ("ok", CT): OK,
            ("national", CT): OK,  # toàn quốc ≥ cấp tỉnh
            ("unitonly", CT): no(three="pass", inno_tinh="fail"),
            ("gap", CT): no(three="fail"),
            ("twoonly", CT): no(three="fail"),
            ("notapplied", CT): no(inno_tinh="fail"),
            ("nominated", LDTT): OK,
            ("nominated", CS): OK,
            ("nominated", CT): OK,  # third CSTĐCS nominated in the same round
        },
    }


def ttldtt(regime: str) -> dict[str, Any]:
    return {
        "regime": regime,
        "noms": {
            ("half", TT): no(half="fail"),  # exactly 50% is not more than half
            ("over", TT): OK,
            ("canhcao", TT): no(half="pass", canh_cao="fail"),
            ("khientrach", TT): OK,  # khiển trách is below cảnh cáo
            ("lowrating", TT): no(c_rating="fail"),
            # members x1, x2 listed but not described: 1 of 3 known LĐTT
            ("undescribed", TT): no(half="unknown", canh_cao="unknown", c_rating="pass"),
        },
        "quotas": [],
    }


def ttldxs(regime: str) -> dict[str, Any]:
    return {
        "regime": regime,
        "noms": {
            ("seventy", XS): OK,  # exactly 70% is enough
            ("sixty", XS): no(seventy="fail"),
            ("nocstdcs", XS): no(has_cs="fail", seventy="pass"),
            ("onekht", XS): no(complete="fail"),
            ("htt", XS): no(c_htxs="fail"),
        },
        "quotas": [],
    }


EXPECTED: dict[str, dict[str, Any]] = {
    "ldtt-2023-ratings": ldtt_ratings("luat-2003"),
    "ldtt-2024-ratings": ldtt_ratings("luat-2022"),
    "ldtt-2024-recruitment": {
        "regime": "luat-2022",
        "noms": {
            ("jul1", LDTT): OK,  # 01/7–31/12: exactly 6 months
            ("jul2", LDTT): no(recruited="fail"),
            ("mar1", LDTT): OK,
            ("next", LDTT): no(recruited="fail"),  # recruited after the year
            ("norec", LDTT): no(recruited="unknown"),
        },
    },
    "ldtt-2023-recruitment": {
        "regime": "luat-2003",
        "noms": {
            ("mar1", LDTT): OK,  # 01/3–31/12: exactly 10 months
            ("mar2", LDTT): no(recruited="fail"),
            ("jul1", LDTT): no(recruited="fail"),  # 6 months is not enough before 2024
            ("prev", LDTT): OK,
        },
        "quotas": [],
    },
    "ldtt-2023-leave-discipline": {
        "regime": "luat-2003",
        "noms": {
            ("leave39", LDTT): OK,
            ("leave40", LDTT): no(leave="fail"),
            ("kt", LDTT): no(discipline="fail"),
            ("kt_prev", LDTT): OK,  # disciplined the year before
        },
        "quotas": [],
    },
    "cstdcs-2023": cstdcs("luat-2003"),
    "cstdcs-2024": cstdcs("luat-2022"),
    "cstd-tinh-2023": cstd_tinh("luat-2003"),
    "cstd-tinh-2024": cstd_tinh("luat-2022"),
    "cstd-toan-quoc-2024": {
        "regime": "luat-2022",
        "noms": {
            ("ok", TQ): OK,
            ("provincial", TQ): no(two_tinh="pass", inno_tq="fail"),
            ("once", TQ): no(two_tinh="fail"),
        },
    },
    "bang-khen-2024": {
        "regime": "luat-2022",
        "noms": {
            ("cstdcs", BK): OK,
            ("htxs", BK): OK,
            ("onehtxs", BK): no(two_years="fail", two_inno="pass"),
            ("oneinno", BK): no(two_years="pass", two_inno="fail"),
            ("unapplied", BK): no(two_inno="fail"),
            ("old", BK): no(two_inno="fail"),  # one sáng kiến outside the two years
        },
    },
    # Bằng khen under the 2003 law: criteria not in the notes, never eligible.
    "bang-khen-2023": {"regime": "luat-2003", "noms": {("htxs", BK): no(bk_old="unknown")}},
    "ttldtt-2023": ttldtt("luat-2003"),
    "ttldtt-2024": ttldtt("luat-2022"),
    "ttldxs-2023": ttldxs("luat-2003"),
    "ttldxs-2024": ttldxs("luat-2022"),
    "see-each-other-2024": {
        "regime": "luat-2022",
        "noms": {
            ("m1", LDTT): OK,
            ("m2", LDTT): no(rating="fail"),
            # m1 (nominated, eligible) + m3 (held) = 2 of 4; m2 does not count
            ("unit", TT): no(half="fail"),
        },
    },
    "see-each-other-2024-cstdcs": {
        "regime": "luat-2022",
        "noms": {
            ("m1", LDTT): OK,
            ("m2", LDTT): no(rating="fail"),
            ("m1", CS): OK,
            ("m2", CS): no(holds="fail"),
            # 2 of 3 LĐTT = 66,7% < 70%; m1's CSTĐCS nomination counts
            ("unit", XS): no(seventy="fail", has_cs="pass", complete="pass"),
        },
    },
    "implied-ldtt-2024": {
        "regime": "luat-2022",
        "noms": {
            # a holds CSTĐCS 2024, so was LĐTT 2024: a, b of 3 are LĐTT
            ("unit", TT): OK,
            ("unit", XS): no(seventy="fail", complete="pass"),
            # b has no rating but holds LĐTT: completed the tasks
            ("team", XS): OK,
        },
        # a (CSTĐCS, so LĐTT) and b: 50% of 2 = 1
        "quotas": [(CS, 0, 1, "pass")],
    },
    "codes-case-2024": {"regime": "luat-2022", "noms": {("p1", CS): OK}},
    # "2024": null is a fact not given: unknown, not an error
    "null-facts-2024": {
        "regime": "luat-2022",
        "noms": {
            ("p1", LDTT): no(rating="unknown", leave="unknown", recruited="pass"),
            ("p2", LDTT): OK,
            ("p2", CS): no(holds="pass", inno="unknown"),  # "innovations": null
        },
    },
    "quota-2023-default-15-of-14": {
        "regime": "luat-2003",
        "noms": {(f"h{i}", CS): OK for i in range(3)},
        # No quota in the scenario: the old regime's own cap (NĐ 91/2017).
        "quotas": [(CS, 3, 2, "fail")],
    },
    "quota-2023-default-2-of-14": {
        "regime": "luat-2003",
        "noms": {(f"h{i}", CS): OK for i in range(2)},
        "quotas": [(CS, 2, 2, "pass")],
    },
    # 2024 regime: no national percentage (notes §2.7).
    "quota-2024-none": {
        "regime": "luat-2022",
        "noms": {(f"h{i}", CS): OK for i in range(3)},
        "quotas": [],
    },
    "quota-2024-scenario-15": {
        "regime": "luat-2022",
        "noms": {(f"h{i}", CS): OK for i in range(3)},
        "quotas": [(CS, 3, 2, "fail")],
    },
    "quota-2024-denominator": {
        "regime": "luat-2022",
        "noms": {
            ("n0", LDTT): OK,
            ("n1", LDTT): OK,
            ("bad0", LDTT): no(rating="fail"),
            ("bad1", LDTT): no(rating="fail"),
            ("h0", CS): OK,
            ("h1", CS): OK,
        },
        # 12 held + 2 eligible nominations = 14 (the 2 ineligible do not count)
        "quotas": [(CS, 2, 2, "pass")],
    },
    "quota-2024-denominator-13": {
        "regime": "luat-2022",
        "noms": {("h0", CS): OK, ("h1", CS): OK},
        "quotas": [(CS, 2, 1, "fail")],  # 15% of 13 = 1,95 → 1
    },
    "one-award-2024": {
        "regime": "luat-2022",
        "noms": {
            ("held", LDTT): no(one="fail", rating="pass"),
            ("twice", LDTT): no(one="fail"),
            ("lastyear", LDTT): OK,
        },
    },
    "unknown-facts-2024": {
        "regime": "luat-2022",
        "noms": {
            ("bare", LDTT): no(rating="unknown", recruited="unknown", one="pass"),
            ("rated", LDTT): no(rating="pass", recruited="unknown"),
            ("rated", CS): no(holds="unknown", inno="pass"),  # htxs suffices (row 16)
            ("unit", TT): no(c_rating="unknown", half="unknown", canh_cao="unknown"),
            ("unit", XS): no(complete="unknown", seventy="unknown", has_cs="unknown"),
        },
    },
}


def result_of(name: str, config: EngineConfig | None = None) -> dict[str, Any]:
    line, ok = check_file(str(AUDIT / f"{name}.json"), config or config_from([], False, None))
    assert ok, line
    return line


def test_every_audit_file_has_expectations():
    assert sorted(p.stem for p in AUDIT.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_audit_scenario_is_decided_as_the_notes_say(name):
    expected = EXPECTED[name]
    result = result_of(name)
    assert result["regime"] == expected["regime"]
    seen = set()
    for nom in result["nominations"]:
        pair = (nom["subject"], nom["title"])
        assert pair in expected["noms"], f"unexpected nomination {pair}"
        seen.add(pair)
        eligible, rules = expected["noms"][pair]
        results = {c["rule"]: c["result"] for c in nom["checks"]}
        assert nom["eligible"] is eligible, (pair, results)
        assert nom["eligible"] is all(r == "pass" for r in results.values())
        for short, want in rules.items():
            assert results.get(RULES[short]) == want, (pair, short, results)
    assert seen == set(expected["noms"])
    if "quotas" in expected:
        got = [(q["title"], q["nominated"], q["allowed"], q["result"]) for q in result["quotas"]]
        assert got == expected["quotas"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_switching_off_unconfirmed_rules_keeps_every_confirmed_decision(name):
    """--no-unconfirmed: every check left is confirmed, and each confirmed
    check decides exactly as with all rules on."""
    full = result_of(name)
    strict = result_of(name, EngineConfig(include_unconfirmed=False))
    for a, b in zip(full["nominations"], strict["nominations"], strict=True):
        assert all("chưa được xác nhận" not in c["basis"] for c in b["checks"])
        confirmed = {
            c["rule"]: c["result"] for c in a["checks"] if "chưa được xác nhận" not in c["basis"]
        }
        assert {c["rule"]: c["result"] for c in b["checks"]} == confirmed or any(
            c["rule"] == "no_active_criteria" for c in b["checks"]
        )


def test_ttldtt_2024_keeps_its_criteria_without_unconfirmed_rules():
    strict = result_of("ttldtt-2024", EngineConfig(include_unconfirmed=False))
    by_pair = {(n["subject"], n["title"]): n for n in strict["nominations"]}
    assert by_pair[("over", TT)]["eligible"] is True
    assert by_pair[("half", TT)]["eligible"] is False


def test_the_2024_unconfirmed_exclusions_are_flagged_and_can_be_switched_off():
    # Khiển trách in 2024 excludes only under an UNCONFIRMED rule (notes §2.6).
    result = result_of("ldtt-2024-ratings")
    check = [c for c in result["nominations"][1]["checks"] if c["rule"] == RULES["discipline"]]
    assert check and "chưa được xác nhận" in check[0]["basis"]


def test_the_cli_reads_every_audit_file_and_exits_0():
    files = sorted(str(p) for p in AUDIT.glob("*.json"))
    done = subprocess.run(
        [DANVAN, "rules", "check", *files], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout.decode()
    assert len(done.stdout.decode("utf-8").splitlines()) == len(files)
