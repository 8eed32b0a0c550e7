"""Speed of the commendation engine on a generated province-wide round.

Run: .venv/bin/python bench/bench_rules.py [--people 2000] [--seed 7]

Builds a 2,000-person round (one Sở per ~25 staff in collectives of 5–15,
five years of ratings, titles and sáng kiến history, nominations for every
title, quotas) and prints the time to parse, evaluate (target < 2 s),
serialise, and to compute suggestions for everyone.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from typing import Any

from danvan.core.rules import evaluate, parse_scenario, result_to_json, suggest

YEAR = 2024
HISTORY = range(YEAR - 5, YEAR)
TITLES_PERSON = [
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
    "bang_khen_cap_tinh",
    "giay_khen",
]


def build(people_count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    nominations: list[dict[str, Any]] = []
    for i in range(people_count):
        pid = f"p{i:05d}"
        ratings = {
            str(y): rng.choice(["htxs", "htt", "htt", "htt", "ht"]) for y in [*HISTORY, YEAR]
        }
        titles: dict[str, list[str]] = {}
        streak = 0
        for y in HISTORY:
            held = []
            if ratings[str(y)] in ("htt", "htxs"):
                held.append("lao_dong_tien_tien")
                if rng.random() < 0.3:
                    held.append("chien_si_thi_dua_co_so")
                    streak += 1
                    if streak >= 3 and rng.random() < 0.3:
                        held.append("chien_si_thi_dua_cap_tinh")
                else:
                    streak = 0
            if held:
                titles[str(y)] = held
        innovations = [
            {
                "year": rng.choice([*HISTORY, YEAR]),
                "scope": rng.choice(["co_so", "co_so", "co_so", "cap_tinh", "toan_quoc"]),
                "applied": rng.random() < 0.9,
            }
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))
        ]
        discipline = (
            [{"level": rng.choice(["khien_trach", "canh_cao"]), "decided_on": f"{YEAR}-04-02"}]
            if rng.random() < 0.03
            else []
        )
        people.append(
            {
                "id": pid,
                "name": f"Cán bộ {i}",
                "recruited_on": f"{rng.randint(2000, YEAR)}-{rng.randint(1, 12):02d}-01",
                "ratings": ratings,
                "titles": titles,
                "innovations": innovations,
                "discipline": discipline,
                "leave_working_days": {str(YEAR): rng.choice([0, 0, 2, 5, 12, 45])},
            }
        )
        if ratings[str(YEAR)] in ("htt", "htxs"):
            nominations.append({"subject": pid, "title": "lao_dong_tien_tien"})
            if rng.random() < 0.25:
                nominations.append({"subject": pid, "title": "chien_si_thi_dua_co_so"})
            if rng.random() < 0.1:
                nominations.append({"subject": pid, "title": rng.choice(TITLES_PERSON[2:])})

    collectives = []
    start = 0
    while start < people_count:
        size = rng.randint(5, 15)
        members = [p["id"] for p in people[start : start + size]]
        cid = f"u{len(collectives):04d}"
        collectives.append(
            {
                "id": cid,
                "name": f"Phòng {len(collectives)}",
                "members": members,
                "ratings": {str(YEAR): rng.choice(["htxs", "htt", "ht"])},
                "titles": {},
            }
        )
        nominations.append(
            {
                "subject": cid,
                "title": rng.choice(["tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"]),
            }
        )
        start += size

    quotas = [
        {"title": "chien_si_thi_dua_co_so", "max_percent_of": "lao_dong_tien_tien", "percent": 15},
        {
            "title": "tap_the_lao_dong_xuat_sac",
            "max_percent_of": "tap_the_lao_dong_tien_tien",
            "percent": 20,
        },
        {"title": "chien_si_thi_dua_cap_tinh", "max_count": 40},
        {"title": "bang_khen_cap_tinh", "max_count": 60},
    ]
    return {
        "schema": "danvan.commendation-scenario/1",
        "year": YEAR,
        "people": people,
        "collectives": collectives,
        "nominations": nominations,
        "quotas": quotas,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    obj = build(args.people, args.seed)

    t0 = time.perf_counter()
    scenario = parse_scenario(obj)
    t1 = time.perf_counter()
    result = evaluate(scenario)
    t2 = time.perf_counter()
    line = json.dumps(result_to_json(result, "bench"), ensure_ascii=False)
    t3 = time.perf_counter()
    suggestions = suggest(scenario)
    t4 = time.perf_counter()

    eligible = sum(n.eligible for n in result.nominations)
    print(
        f"{len(scenario.people)} people, {len(scenario.collectives)} collectives, "
        f"{len(scenario.nominations)} nominations ({eligible} eligible), {len(result.quotas)} quotas"
    )
    print(f"parse      {t1 - t0:.3f} s")
    print(f"evaluate   {t2 - t1:.3f} s  (target < 2 s)")
    print(f"serialise  {t3 - t2:.3f} s  ({len(line) / 1e6:.1f} MB of JSON)")
    print(f"suggest    {t4 - t3:.3f} s  ({len(suggestions)} suggestions and near misses)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
