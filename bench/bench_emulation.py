"""The emulation app at unit scale: a round of N staff built from the database.

Run:
    .venv/bin/python bench/bench_emulation.py [--staff 2000] [--units 40] [--repeat 5]

Uses DATABASE_URL when set (PostgreSQL), otherwise a fresh SQLite file in
$DANVAN_BENCH_DIR (default /tmp/danvan-bench-emulation). Builds one centre
with --units departments and --staff people (5 years of ratings and leave,
LĐTT/CSTĐCS history, one innovation in three, a few disciplined), opens a
round and times, in ms (median and p95 of --repeat runs):

- building the engine's scenario from the records (queries + dataclasses);
- the suggestions (every person × every title the authority may grant);
- evaluating the round with an LĐTT nomination for everyone, 10% CSTĐCS and
  every collective, with a CSTĐCS quota;
- the round's page and the suggestions page through the Django test client.

Prints figures only; nothing is asserted.
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


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()
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
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL"):
        base = Path(os.environ.get("DANVAN_BENCH_DIR", "/tmp/danvan-bench-emulation"))
        base.mkdir(parents=True, exist_ok=True)
        db = base / "bench.sqlite3"
        if db.exists():
            db.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
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

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    from danvan.emulation import services
    from danvan.emulation.models import (
        AwardRecord,
        AwardRound,
        DisciplinaryAction,
        Innovation,
        Nomination,
        PerformanceRating,
        QuotaRule,
    )
    from danvan.emulation.scenario import build_for_round
    from danvan.orgunits import services as unit_services
    from danvan.orgunits.models import OrgUnit, StaffMember, UnitKind

    print(f"== bench_emulation on {connection.vendor} ==")
    call_command("migrate", verbosity=0)
    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="bench", defaults={"is_superuser": True})
    name = f"Sở thử nghiệm {args.staff}"
    so = OrgUnit.objects.filter(name=name).first()
    t0 = time.perf_counter()
    if so is None:
        so = unit_services.create_unit(
            admin, parent=None, kind=UnitKind.SO, name=name, short_code="STN"
        )
        centre = unit_services.create_unit(
            admin,
            parent=so,
            kind=UnitKind.TRUNG_TAM,
            name="Trung tâm thử nghiệm",
            short_code="TTTN",
        )
        depts = [
            unit_services.create_unit(
                admin,
                parent=centre,
                kind=UnitKind.PHONG,
                name=f"Phòng {i + 1}",
                short_code=f"P{i + 1}",
            )
            for i in range(args.units)
        ]
        rng = random.Random(7)
        StaffMember.objects.bulk_create(
            StaffMember(
                full_name=f"Cán bộ {i + 1}",
                unit=depts[i % len(depts)],
                position="Viên chức",
                recruited_on=dt.date(2010 + i % 15, 1 + i % 12, 1),
            )
            for i in range(args.staff)
        )
        staff = list(StaffMember.objects.filter(unit__path__startswith=centre.path))
        years = range(2021, 2026)
        PerformanceRating.objects.bulk_create(
            PerformanceRating(
                staff=s,
                year=y,
                rating=rng.choices(["htxs", "htt", "ht", "kht"], [30, 55, 12, 3])[0],
                leave_working_days=rng.choice([0, 0, 0, 5, 12, 45]),
            )
            for s in staff
            for y in years
        )
        AwardRecord.objects.bulk_create(
            AwardRecord(staff=s, unit=s.unit, title=t, year=y, decision_number="1/QĐ-STN")
            for s in staff
            for y in range(2021, 2025)
            for t in (
                ["lao_dong_tien_tien"] + (["chien_si_thi_dua_co_so"] if s.pk % 7 == 0 else [])
            )
        )
        Innovation.objects.bulk_create(
            Innovation(staff=s, title="Sáng kiến", year=2025, scope="co_so", applied=True)
            for s in staff
            if s.pk % 3 == 0
        )
        DisciplinaryAction.objects.bulk_create(
            DisciplinaryAction(staff=s, level="khien_trach", decided_on=dt.date(2025, 3, 1))
            for s in staff
            if s.pk % 50 == 0
        )
        rnd = services.create_round(admin, unit=centre, year=2025, deciding_unit=so)
        QuotaRule.objects.create(
            unit=so,
            year=2025,
            title="chien_si_thi_dua_co_so",
            max_percent_of="lao_dong_tien_tien",
            percent=15,
        )
        noms = [
            Nomination(round=rnd, unit=centre, staff=s, title="lao_dong_tien_tien", year=2025)
            for s in staff
        ]
        noms += [
            Nomination(round=rnd, unit=centre, staff=s, title="chien_si_thi_dua_co_so", year=2025)
            for s in staff
            if s.pk % 10 == 0
        ]
        noms += [
            Nomination(
                round=rnd, unit=centre, collective=u, title="tap_the_lao_dong_tien_tien", year=2025
            )
            for u in [centre, *depts]
        ]
        Nomination.objects.bulk_create(noms)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    centre = OrgUnit.objects.get(parent=so)
    rnd = AwardRound.objects.get(unit=centre, year=2025)
    print(f"   dataset ready in {time.perf_counter() - t0:.1f} s")
    n_staff = StaffMember.objects.filter(unit__path__startswith=centre.path).count()
    n_noms = rnd.nominations.count()
    print(f"   staff: {n_staff}; units: {args.units + 1}; nominations: {n_noms}")

    def show(label, fn):
        med, p95 = timed(fn, args.repeat)
        print(f"   {label:<58} median {med:8.1f} ms   p95 {p95:8.1f} ms")

    show("scenario built from the records (no nominations)", lambda: build_for_round(rnd, []))
    show("suggestions (everyone × every grantable title)", lambda: services.round_suggestions(rnd))
    show(f"evaluate the round ({n_noms} nominations, quota)", lambda: services.evaluate_round(rnd))
    client = Client()
    client.force_login(admin)
    show("round page (test client)", lambda: client.get(f"/thi-dua/dot/{rnd.pk}/"))
    show("suggestions page (test client)", lambda: client.get(f"/thi-dua/dot/{rnd.pk}/goi-y/"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
