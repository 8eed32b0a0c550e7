"""Latency of the administration pages on a province-sized tree.

Run: .venv/bin/python bench/bench_admin_pages.py [--departments 12] [--offices 20] [--teams 6]

Builds, in a throw-away SQLite database (or DATABASE_URL if set), a tree of
departments × offices × teams through the services (so every unit and person
has its audit entries), two staff per team, a unit admin on one department
and a user with an officer role per office; then times (median of 7 requests
through the Django test client) the unit tree, a unit page, the staff list,
the users list, the audit log and one object's history, for the superuser
and for the unit admin. Prints milliseconds and the queries each page makes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, default=12)
    parser.add_argument("--offices", type=int, default=20)
    parser.add_argument("--teams", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="danvan-bench-admin-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)

    from danvan.accounts import services as accounts
    from danvan.accounts.models import Role
    from danvan.audit.models import AuditEntry
    from danvan.audit.views import history_url
    from danvan.orgunits import services
    from danvan.orgunits.models import OrgUnit, StaffMember

    User = get_user_model()
    admin = User.objects.create_superuser("bench.admin", password="x")
    started = time.perf_counter()
    top = services.create_unit(admin, parent=None, kind="ubnd_tinh", name="UBND tỉnh")
    first_dept = None
    sample_office = None
    for d in range(args.departments):
        dept = services.create_unit(
            admin, parent=top, kind="so", name=f"Sở số {d + 1}", short_code=f"S{d + 1}"
        )
        first_dept = first_dept or dept
        for o in range(args.offices):
            office = services.create_unit(
                admin,
                parent=dept,
                kind="trung_tam",
                name=f"Trung tâm {d + 1}.{o + 1}",
                short_code=f"TT{o + 1}",
            )
            sample_office = sample_office or office
            accounts.create_user(
                admin,
                username=f"canbo.{d + 1}.{o + 1}",
                full_name=f"Cán bộ {d + 1}.{o + 1}",
                password="Bench@2026xyz",
                unit=office,
                kind="officer",
            )
            for t in range(args.teams):
                team = services.create_unit(
                    admin,
                    parent=office,
                    kind="phong",
                    name=f"Phòng {d + 1}.{o + 1}.{t + 1}",
                    short_code=f"P{t + 1}",
                )
                for s in range(2):
                    services.create_staff(
                        admin, unit=team, full_name=f"Người {d + 1}.{o + 1}.{t + 1}.{s + 1}"
                    )
    built = time.perf_counter() - started
    unit_admin = User.objects.create_user("bench.unitadmin", password="x")
    Role.objects.create(user=unit_admin, unit=first_dept, kind="admin")
    print(
        f"built {OrgUnit.objects.count()} units, {StaffMember.objects.count()} staff, "
        f"{User.objects.count()} users, {AuditEntry.objects.count()} audit entries "
        f"in {built:.1f} s"
    )

    pages = [
        ("unit tree", reverse("orgunits:list")),
        ("unit page", reverse("orgunits:unit_detail", args=[sample_office.pk])),
        ("staff list", reverse("orgunits:staff_list")),
        ("users list", reverse("accounts:user_list")),
        ("audit log", reverse("audit:index")),
        ("unit history", history_url("orgunits.orgunit", sample_office.pk)),
    ]
    print(f"{'page':<14} {'who':<11} {'median ms':>10} {'queries':>8} {'KiB':>7}")
    for who, user in (("superuser", admin), ("unit admin", unit_admin)):
        client = Client()
        client.force_login(user)
        for label, url in pages:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, who, response.status_code)
            print(
                f"{label:<14} {who:<11} {statistics.median(times):>10.1f} "
                f"{len(queries):>8} {len(response.content) / 1024:>7.0f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
