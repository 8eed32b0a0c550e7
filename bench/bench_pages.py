"""Size and time of the main pages on a province-sized tree (issue 13 §2).

Run: .venv/bin/python bench/bench_pages.py [--units 10000] [--indicators 20] [--repeat 3]

Builds once, with `danvan gendata` (4 levels: province, departments, offices,
communes), a province of --units units with one year of accepted values and a
request to every unit, in a SQLite file kept in $DANVAN_BENCH_DIR (default
/tmp/danvan-bench-pages) or in DATABASE_URL when set. Then fetches each main
page through the Django test client as the superuser and as the province
reviewer and prints its HTML size in KiB and the median time in ms, marking
pages over the 300 KiB budget. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

BUDGET_KIB = 300


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10000)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL"):
        root = Path(os.environ.get("DANVAN_BENCH_DIR", "/tmp/danvan-bench-pages"))
        root.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{root}/bench-{args.units}.sqlite3"
        os.environ.setdefault("DANVAN_DATA_DIR", str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from danvan.orgunits.models import OrgUnit
    from danvan.reporting.models import ReportRequest

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "gendata",
        units=args.units,
        indicators=args.indicators,
        years=1,
        periods="Y",
        name=f"Tỉnh đo trang {args.units}",
    )
    print(f"data ready in {time.perf_counter() - started:.0f} s")

    top = OrgUnit.objects.get(parent__isnull=True, name=f"Tỉnh đo trang {args.units}")
    level1 = OrgUnit.objects.filter(parent=top).order_by("path").first()
    level2 = OrgUnit.objects.filter(parent=level1).order_by("path").first()
    request = ReportRequest.objects.filter(requester_unit=top).order_by("-pk").first()
    User = get_user_model()
    users = {
        "superuser": User.objects.get(username="gendata"),
        "reviewer": User.objects.get(username=f"thamdinh.{top.pk}"),
    }
    print(f"{OrgUnit.objects.count():,} units; request #{request.pk}".replace(",", "."))

    pages = [
        ("home", reverse("home")),
        ("unit tree", reverse("orgunits:list")),
        (
            "unit tree: children of a department",
            reverse("orgunits:unit_children", args=[level1.pk]),
        ),
        ("unit tree: search", reverse("orgunits:list") + "?q=Xã thử nghiệm 1"),
        ("unit page (office)", reverse("orgunits:unit_detail", args=[level2.pk])),
        ("staff list", reverse("orgunits:staff_list")),
        ("users list", reverse("accounts:user_list")),
        ("audit log", reverse("audit:index")),
        ("reports: requests", reverse("reporting:index")),
        ("reports: request (every unit)", reverse("reporting:request_detail", args=[request.pk])),
        ("reports: new request form", reverse("reporting:request_create")),
        ("reports: dashboard", reverse("reporting:dashboard") + f"?unit={top.pk}"),
        ("reports: roll-up", reverse("reporting:rollup") + f"?unit={top.pk}"),
        ("reports: compare", reverse("reporting:compare")),
        ("documents", reverse("documents:list")),
        ("plans", reverse("planning:index")),
        ("plan targets", reverse("planning:targets")),
        ("emulation", reverse("emulation:index")),
        ("drafting", reverse("drafting:index")),
    ]
    print(f"{'page':<38} {'who':<10} {'status':>6} {'KiB':>8} {'ms':>8}")
    worst = 0.0
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        for label, url in pages:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            kib = len(response.content) / 1024
            if response.status_code == 200:
                worst = max(worst, kib)
            flag = "  OVER BUDGET" if kib > BUDGET_KIB else ""
            print(
                f"{label:<38} {who:<10} {response.status_code:>6} {kib:>8.1f} "
                f"{statistics.median(times):>8.0f}{flag}"
            )
    print(f"largest page: {worst:.1f} KiB (budget {BUDGET_KIB} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
