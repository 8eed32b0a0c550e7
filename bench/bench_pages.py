"""Size and time of the main pages on a province-sized tree (issue 13 §2).

Run: .venv/bin/python bench/bench_pages.py [--units 10000] [--indicators 20] [--repeat 3]

Builds once, with `danvan gendata` (4 levels: province, departments, offices,
communes), a province of --units units with one year of accepted values and a
request to every unit, in a SQLite file kept in $DANVAN_BENCH_DIR (default
/tmp/danvan-bench-pages) or in DATABASE_URL when set. Then fetches each main
page through the Django test client as the superuser and as the province
reviewer and prints its HTML size in KiB and the median time in ms, marking
pages over the 300 KiB budget. Prints figures only; nothing is asserted.

For the paged lists (emulation, citizen book) it also seeds, once, 2 staff
members a unit, one award record each for last year, a province round with
--nominations nominations (half of them submitted to the province), 5,000
receptions and 2,000 dialogues spread over the tree.
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
    parser.add_argument("--nominations", type=int, default=2000)
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
    rnd = seed_lists(top, args.nominations)

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
        ("legal references", reverse("documents:references")),
        ("plans", reverse("planning:index")),
        ("plan targets", reverse("planning:targets")),
        ("emulation", reverse("emulation:index")),
        ("emulation: round (nominations)", reverse("emulation:awardround_detail", args=[rnd.pk])),
        ("emulation: council vote", reverse("emulation:awardround_council", args=[rnd.pk])),
        ("emulation: submit", reverse("emulation:awardround_submit", args=[rnd.pk])),
        ("emulation: decide", reverse("emulation:awardround_decide", args=[rnd.pk])),
        ("emulation: appraisal queue", reverse("emulation:appraisal_queue")),
        ("emulation: records staff list", reverse("emulation:staff_list")),
        (
            "emulation: summary by unit",
            reverse("emulation:summary") + f"?unit={top.pk}&year={rnd.year}",
        ),
        ("citizens: reception book", reverse("citizens:receptions")),
        ("citizens: dialogues", reverse("citizens:dialogues")),
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


def seed_lists(top, nominations: int):
    """The rows the paged lists show at province scale (made once, then found)."""
    import datetime as dt

    from danvan.citizens.models import Dialogue, Reception
    from danvan.core.text import fold
    from danvan.emulation.models import AwardRecord, AwardRound, Nomination
    from danvan.orgunits.models import OrgUnit, StaffMember

    year = dt.date.today().year - 1
    found = AwardRound.objects.filter(unit=top, year=year).first()
    if found is not None:
        return found
    started = time.perf_counter()
    units = list(OrgUnit.objects.filter(path__startswith=top.path).order_by("path"))
    people = StaffMember.objects.bulk_create(
        StaffMember(full_name=name, unit=u, position="Chuyên viên", search_key=fold(name))
        for i, u in enumerate(units)
        for name in (f"Nguyễn Văn Thử {i:05d}", f"Trần Thị Đo {i:05d}")
    )
    AwardRecord.objects.bulk_create(
        AwardRecord(staff=p, unit=p.unit, title="lao_dong_tien_tien", year=year, decided_by="UBND")
        for p in people
    )
    rnd = AwardRound.objects.create(
        unit=top, year=year, kind="annual", name=f"Khen thưởng năm {year}", deciding_unit=top
    )
    Nomination.objects.bulk_create(
        Nomination(
            round=rnd,
            unit=p.unit,
            staff=p,
            title="chien_si_thi_dua_co_so",
            year=year,
            status="submitted" if n % 2 else "draft",
        )
        for n, p in enumerate(people[:nominations])
    )
    day = dt.date(year, 1, 1)
    Reception.objects.bulk_create(
        Reception(
            unit=units[n % len(units)],
            received_on=day + dt.timedelta(days=n % 365),
            content=f"Công dân hỏi về chính sách {n}",
            group_size=1 + n % 5,
        )
        for n in range(5000)
    )
    Dialogue.objects.bulk_create(
        Dialogue(
            unit=units[n % len(units)],
            held_on=day + dt.timedelta(days=n % 365),
            title=f"Đối thoại về chủ đề {n}",
            chaired_by="Chủ tịch",
            participant_count=n % 90,
        )
        for n in range(2000)
    )
    print(f"list rows seeded in {time.perf_counter() - started:.0f} s")
    return rnd


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
