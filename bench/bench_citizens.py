"""Citizen book at scale: the overdue list and the report section of one busy
unit, and the petition indicators rolled up over a province.

Run (PostgreSQL, the target of issue 14):
    make pg-start PGPORT=54338 PGROOT=/tmp/pg-citizen
    DATABASE_URL=postgres://postgres@127.0.0.1:54338/postgres \\
        .venv/bin/python bench/bench_citizens.py [--units 2000] [--repeat 15]

Builds (once; bulk inserts, this is test data, not user input) a tree of
--units units under a new top unit, one unit with 5,000 receptions and 3,000
petitions in the year, and 20 receptions and 15 petitions for every other
unit. Then prints, in ms (median and p95 of --repeat runs):

- the unit's overdue list (services.overdue, rows fetched) and due-soon list;
- the unit's report section for the year (figures.section: this year and
  the same period last year, sentences and links);
- the province roll-up of every indicator (figures.compute) and the split by
  branch (figures.compute_children) over all units.

Targets: < 200 ms for the unit, < 500 ms for the province. Nothing asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TOP_NAME = "Tỉnh thử nghiệm tiếp công dân"


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, round(0.95 * len(runs)) - 1)]


def build(units: int, year: int):
    from django.db import transaction

    from danvan.citizens.models import Kind, Petition, Reception, Sector, Stage
    from danvan.core.workdays import add_working_days
    from danvan.orgunits.models import OrgUnit, UnitKind, path_segment

    top = OrgUnit.objects.filter(name=TOP_NAME, parent__isnull=True).first()
    if top is not None:
        return top, OrgUnit.objects.get(path__startswith=top.path, short_code="BUSY")
    rng = random.Random(14)
    with transaction.atomic():
        top = OrgUnit.objects.create(kind=UnitKind.UBND_TINH, name=TOP_NAME)
        top.path = path_segment(top.pk)
        top.save(update_fields=["path"])
        branches = max(1, units // 100)
        level1 = OrgUnit.objects.bulk_create(
            [
                OrgUnit(kind=UnitKind.SO, name=f"Sở {i}", short_code=f"S{i}", parent=top, depth=1)
                for i in range(branches)
            ]
        )
        for u in level1:
            u.path = top.path + path_segment(u.pk)
        OrgUnit.objects.bulk_update(level1, ["path"])
        leaves = []
        per = max(1, (units - 1 - branches) // branches)
        for b in level1:
            leaves += [
                OrgUnit(
                    kind=UnitKind.PHONG,
                    name=f"Đơn vị {b.pk}-{j}",
                    short_code=f"U{j}",
                    parent=b,
                    depth=2,
                )
                for j in range(per)
            ]
        leaves = OrgUnit.objects.bulk_create(leaves, batch_size=2000)
        parents = {u.pk: u.path for u in level1}
        for u in leaves:
            u.path = parents[u.parent_id] + path_segment(u.pk)
        OrgUnit.objects.bulk_update(leaves, ["path"], batch_size=2000)
        busy = leaves[0]
        busy.short_code = "BUSY"
        busy.save(update_fields=["short_code"])
        start = dt.date(year, 1, 1)
        kinds = Kind.values
        stages = [
            Stage.RECEIVED,
            Stage.CLASSIFIED,
            Stage.ACCEPTED,
            Stage.ASSIGNED,
            Stage.CONCLUDED,
            Stage.REPLIED,
            Stage.CLOSED,
            Stage.FORWARDED,
        ]

        def receptions(unit, n):
            return [
                Reception(
                    unit=unit,
                    received_on=start + dt.timedelta(days=rng.randrange(365)),
                    citizen_name="Công dân thử",
                    content="Nội dung thử",
                    group_size=1 if rng.random() > 0.02 else 8,
                    field=Sector.OTHER,
                )
                for _ in range(n)
            ]

        def petitions(unit, n):
            out = []
            for _ in range(n):
                day = start + dt.timedelta(days=rng.randrange(365))
                stage = rng.choice(stages)
                due = add_working_days(day, 40)
                done = stage in (Stage.CONCLUDED, Stage.REPLIED, Stage.CLOSED)
                concluded = add_working_days(day, rng.randrange(20, 50)) if done else None
                out.append(
                    Petition(
                        unit=unit,
                        received_on=day,
                        kind=rng.choice(kinds),
                        subject="Đơn thử",
                        complainant_name="Công dân thử",
                        stage=stage,
                        competent=rng.random() > 0.2,
                        eligible=True,
                        process_due=add_working_days(day, 10),
                        due_on=due,
                        accepted_on=day if stage != Stage.RECEIVED else None,
                        current_due=None if done or stage == Stage.FORWARDED else due,
                        concluded_on=concluded,
                        on_time=(concluded <= due) if concluded else None,
                        forwarded_on=day if stage == Stage.FORWARDED else None,
                    )
                )
            return out

        Reception.objects.bulk_create(receptions(busy, 5000), batch_size=5000)
        Petition.objects.bulk_create(petitions(busy, 3000), batch_size=3000)
        r_rows, p_rows = [], []
        for u in leaves[1:]:
            r_rows += receptions(u, 20)
            p_rows += petitions(u, 15)
        Reception.objects.bulk_create(r_rows, batch_size=5000)
        Petition.objects.bulk_create(p_rows, batch_size=5000)
    return top, busy


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        base = Path(os.environ.get("DANVAN_BENCH_DIR", "/tmp/danvan-bench-citizens"))
        base.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{base}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.citizens import figures, services
    from danvan.citizens.models import Petition, Reception
    from danvan.core.periods import Period

    call_command("migrate", verbosity=0)
    year = dt.date.today().year - 1
    t = time.perf_counter()
    top, busy = build(args.units, year)
    print(f"database: {connection.vendor}; data ready in {time.perf_counter() - t:.1f} s")
    n_units = top.__class__.objects.filter(path__startswith=top.path).count()
    print(
        f"units in the tree: {n_units}; receptions: "
        f"{Reception.objects.filter(unit__path__startswith=top.path).count()}; petitions: "
        f"{Petition.objects.filter(unit__path__startswith=top.path).count()}"
    )
    period = Period.whole_year(year)
    today = dt.date(year, 12, 15)
    qs = Petition.objects.filter(unit=busy)
    rows = [
        (
            "unit: overdue list (all rows)",
            lambda: list(services.for_list(services.overdue(qs, today))),
        ),
        (
            "unit: overdue page (count + 300 rows)",
            lambda: (
                services.overdue(qs, today).count(),
                list(services.for_list(services.overdue(qs, today))[:300]),
            ),
        ),
        ("unit: due-soon list", lambda: list(services.due_soon(qs, today))),
        ("unit: report section, year", lambda: figures.section(busy, period)),
        (
            "province: all indicators rolled up",
            lambda: figures.compute(top, period.start, period.end),
        ),
        (
            "province: indicators by branch",
            lambda: figures.compute_children(top, period.start, period.end),
        ),
    ]
    print(f"overdue rows for the unit: {len(list(services.overdue(qs, today)))}")
    for label, fn in rows:
        med, p95 = timed(fn, args.repeat)
        print(f"{label:40s} median {med:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
