"""Reporting at province scale: roll-ups, completeness and the reviewer's dashboard.

Run:
    .venv/bin/python bench/bench_reporting.py [--units 2000] [--indicators 100] [--years 5]
                                              [--periods Y] [--small 100] [--repeat 15]

Uses DATABASE_URL when set (PostgreSQL), otherwise a SQLite file kept in
$DANVAN_BENCH_DIR (default /tmp/danvan-bench-reporting) so the dataset is
generated once. `danvan gendata` builds two trees: the province (--units in
4 levels, --indicators × --years × --periods accepted values per unit) and a
small one (--small units) for the growth comparison. Then it times, in ms
(median and p95 of --repeat runs):

- roll-up of one indicator over the whole tree for one period (sum over the
  subtree: one indexed query joining values to OrgUnit.path);
- the same split by the top unit's branches (the drill-down table);
- roll-ups over subtrees of about 20, 200 and all units;
- completeness (expected / submitted / on time, rolled up the tree) of the
  request to every unit, and of requests to 100 and 500 units;
- the province reviewer's dashboard page and the roll-up page through the
  Django test client (with the number of queries).

Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm caches once
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, max(0, round(0.95 * len(runs)) - 1))]
    return statistics.median(runs), p95


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--periods", default="Y")
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--period", default="Y", help="the period code rolled up (e.g. M12 for monthly data)"
    )
    args = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL"):
        base = Path(os.environ.get("DANVAN_BENCH_DIR", "/tmp/danvan-bench-reporting"))
        base.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{base}/bench.sqlite3"
        os.environ.setdefault("DANVAN_DATA_DIR", str(base))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    from danvan.core.periods import Period
    from danvan.orgunits.models import OrgUnit
    from danvan.planning.models import Indicator
    from danvan.reporting import services
    from danvan.reporting.models import IndicatorValue, ReportRequest, UnitReport
    from danvan.reporting.services.rollups import rollup_children

    engine = connection.vendor
    print(f"== bench_reporting on {engine} ==")
    call_command("migrate", verbosity=0)
    last_year = 2025
    big_name, small_name = "Tỉnh thử nghiệm", f"Tỉnh thử nghiệm {args.small}"
    for name, units in ((big_name, args.units), (small_name, args.small)):
        t = time.perf_counter()
        call_command(
            "gendata",
            units=units,
            indicators=args.indicators,
            years=args.years,
            periods=args.periods,
            name=name,
            last_year=last_year,
        )
        print(f"   dataset “{name}” ready in {time.perf_counter() - t:.0f} s")
    if engine == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

    top = OrgUnit.objects.get(parent__isnull=True, name=big_name)
    small = OrgUnit.objects.get(parent__isnull=True, name=small_name)
    n_units = OrgUnit.objects.filter(path__startswith=top.path).count()
    n_values = IndicatorValue.objects.count()
    print(
        f"   units in the province tree: {n_units}; values in the table: {n_values:,}".replace(
            ",", "."
        )
    )
    indicator = Indicator.objects.get(code="TN001")
    period = Period.parse(f"{last_year}-{args.period}")
    r = args.repeat

    def show(label: str, fig: tuple[float, float]) -> None:
        print(f"   {label:<62} median {fig[0]:7.1f} ms   p95 {fig[1]:7.1f} ms")

    print("-- roll-up of one indicator for one period")
    show(
        f"whole tree ({n_units} units)",
        timed(lambda: services.rollup(indicator, period.code, top), r),
    )
    show(
        "whole tree split by branches (drill-down)",
        timed(lambda: rollup_children(indicator, period.code, top), r),
    )
    show(
        "table with plan, same period last year, branches",
        timed(lambda: services.rollup_table(indicator, period, top), r),
    )
    level1 = OrgUnit.objects.filter(parent=top).first()
    level2 = OrgUnit.objects.filter(parent=level1).first()
    for unit in (level2, level1, top, small):
        size = OrgUnit.objects.filter(path__startswith=unit.path).count()
        show(
            f"subtree of {size} units ({unit.name})",
            timed(lambda u=unit: services.rollup(indicator, period.code, u), r),
        )
    value = services.rollup(indicator, period.code, top).value
    print(f"   (whole-tree total: {value})")

    print("-- completeness of a request, rolled up the tree")
    big_req = ReportRequest.objects.get(requester_unit=top, title__endswith="(thử nghiệm)")
    for size in (100, 500):
        title = f"Đo tiến độ {size} đơn vị"
        req = ReportRequest.objects.filter(title=title, requester_unit=top).first()
        if req is None:
            admin = get_user_model().objects.get(username="gendata")
            asked = list(
                OrgUnit.objects.filter(path__startswith=top.path)
                .exclude(pk=top.pk)
                .order_by("?")[:size]
            )
            req = services.create_request(
                admin,
                requester_unit=top,
                title=title,
                period=period.code,
                deadline=big_req.deadline,
                units=asked,
                indicators=[indicator],
                headings=["1. Kết quả"],
            )
            ids = list(req.reports.values_list("pk", flat=True))
            UnitReport.objects.filter(pk__in=ids[: int(size * 0.7)]).update(
                status="submitted",
                first_submitted_at=big_req.created_at,
                submitted_at=big_req.created_at,
            )
        show(f"request to {size} units", timed(lambda q=req: services.completeness(q), r))
    show(
        f"request to {big_req.reports.count()} units",
        timed(lambda: services.completeness(big_req), r),
    )
    total = services.completeness(big_req).total
    print(
        f"   (expected {total.expected}, submitted {total.submitted}, on time {total.on_time}, "
        f"late {total.late}, completeness {total.completeness:.1f}%)"
    )

    print("-- pages of the province reviewer (Django test client, whole request/response)")
    reviewer = get_user_model().objects.get(username=f"thamdinh.{top.pk}")
    client = Client()
    client.force_login(reviewer)
    urls = {
        "dashboard": f"/bao-cao/bang-dieu-khien/?unit={top.pk}&period={period.code}",
        "roll-up page": f"/bao-cao/tong-hop/?unit={top.pk}&period={period.code}&indicator={indicator.pk}",
        "request page (completeness tree, late list)": f"/bao-cao/yeu-cau/{big_req.pk}/",
        "unit tree page": "/don-vi/",
    }
    for label, url in urls.items():
        first = client.get(url)
        with CaptureQueriesContext(connection) as q:
            client.get(url)
        show(
            f"{label} [{first.status_code}, {len(first.content) // 1024} KiB, "
            f"{len(q.captured_queries)} queries]",
            timed(lambda u=url: client.get(u), r),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
