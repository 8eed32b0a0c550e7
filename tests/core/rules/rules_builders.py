"""Small builders for scenario dicts used across the rules tests.

`person()` is a clean candidate for Lao động tiên tiến in any year 2017–2026
unless a fact is overridden; pass a key with value `None` to drop it (absent
fact), which is how tests make a fact unknown.
"""

from __future__ import annotations

from typing import Any

from danvan.core.rules import (
    Check,
    EngineConfig,
    NominationResult,
    Result,
    evaluate,
    parse_scenario,
)

YEARS = range(2015, 2027)


def person(pid: str = "p1", **facts: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": pid,
        "name": f"Cán bộ {pid}",
        "recruited_on": "2010-01-01",
        "ratings": {str(y): "htt" for y in YEARS},
        "titles": {},
        "innovations": [],
        "discipline": [],
        "leave_working_days": {str(y): 0 for y in YEARS},
    }
    for key, value in facts.items():
        if value is None:
            obj.pop(key, None)
        else:
            obj[key] = value
    return obj


def collective(cid: str, members: list[str], **facts: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": cid,
        "name": f"Phòng {cid}",
        "members": members,
        "ratings": {str(y): "htxs" for y in YEARS},
        "titles": {},
    }
    for key, value in facts.items():
        if value is None:
            obj.pop(key, None)
        else:
            obj[key] = value
    return obj


def nominate(subject: str, title: str, **extra: Any) -> dict[str, Any]:
    return {"subject": subject, "title": title, **extra}


def scenario(
    year: int = 2024,
    people: list[dict[str, Any]] | None = None,
    collectives: list[dict[str, Any]] | None = None,
    nominations: list[dict[str, Any]] | None = None,
    quotas: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "schema": "danvan.commendation-scenario/1",
        "year": year,
        "people": people or [],
        "collectives": collectives or [],
        "nominations": nominations or [],
        "quotas": quotas or [],
        **extra,
    }


def run(obj: dict[str, Any], config: EngineConfig | None = None) -> Result:
    return evaluate(parse_scenario(obj), config)


def nomination(result: Result, subject: str, title: str) -> NominationResult:
    found = [n for n in result.nominations if n.subject == subject and n.title == title]
    assert found, f"no nomination {subject} {title}"
    return found[0]


def check(result: Result, subject: str, title: str, rule: str) -> Check:
    checks = [c for c in nomination(result, subject, title).checks if c.rule == rule]
    assert len(checks) == 1, (
        f"{rule}: {[c.rule for c in nomination(result, subject, title).checks]}"
    )
    return checks[0]


def outcome(result: Result, subject: str, title: str, rule: str) -> str:
    return str(check(result, subject, title, rule).result)
