"""Latency of the REST API's org-tree reads on a province-sized tree.

Run: .venv/bin/python bench/bench_api.py [--departments 12] [--offices 25] [--teams 8]

Builds, in a throw-away SQLite database (or DATABASE_URL if set), a tree of
departments × offices × teams through the services, two staff per team, an
officer with a role on one department and a token for them; then times
(median of 15 calls through the Django test client, token auth) the lists at
limit 500, one unit, a subtree and the users list, for the officer and for
the administrator. Prints milliseconds and the queries each call makes.
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
    parser.add_argument("--offices", type=int, default=25)
    parser.add_argument("--teams", type=int, default=8)
    args = parser.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="danvan-bench-api-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
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
    call_command("migrate", verbosity=0)

    from danvan.accounts import tokens
    from danvan.accounts.models import Role
    from danvan.orgunits import services

    User = get_user_model()
    admin = User.objects.create_superuser("bench.admin", password="x")
    officer = User.objects.create_user("bench.officer", password="x")
    started = time.perf_counter()
    top = services.create_unit(admin, parent=None, kind="ubnd_tinh", name="UBND tỉnh")
    first_department = None
    for d in range(args.departments):
        dep = services.create_unit(admin, parent=top, kind="so", name=f"Sở {d}", short_code=f"S{d}")
        first_department = first_department or dep
        for o in range(args.offices):
            office = services.create_unit(admin, parent=dep, kind="phong", name=f"Phòng {d}.{o}")
            for t in range(args.teams):
                team = services.create_unit(
                    admin, parent=office, kind="khac", name=f"Tổ {d}.{o}.{t}"
                )
                for s in range(2):
                    services.create_staff(admin, unit=team, full_name=f"Cán bộ {d}.{o}.{t}.{s}")
    Role.objects.create(user=officer, unit=first_department, kind="officer")
    units = 1 + args.departments * (1 + args.offices * (1 + args.teams))
    staff = args.departments * args.offices * args.teams * 2
    print(f"tree: {units} units, {staff} staff, built in {time.perf_counter() - started:.1f} s")

    office = first_department.children.first()
    calls = [
        ("GET /orgunits/?limit=500", "/api/v1/orgunits/?limit=500"),
        ("GET /orgunits/?under=…&active=true", f"/api/v1/orgunits/?under={office.pk}&active=true"),
        ("GET /orgunits/{id}", f"/api/v1/orgunits/{office.pk}"),
        ("GET /orgunits/{id}/subtree", f"/api/v1/orgunits/{first_department.pk}/subtree?limit=500"),
        ("GET /staff/?limit=500", "/api/v1/staff/?limit=500"),
        ("GET /users/", "/api/v1/users/"),
    ]
    for who in (officer, admin):
        raw = tokens.issue_token(None, who, "bench")[1]
        client = Client(headers={"Authorization": f"Bearer {raw}"})
        print(f"\n{who.username}:")
        for label, url in calls:
            assert client.get(url).status_code == 200, url
            times = []
            for _ in range(15):
                t0 = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            with CaptureQueriesContext(connection) as ctx:
                body = client.get(url).json()
            size = body.get("count", 1) if isinstance(body, dict) else len(body)
            print(
                f"  {label:<36} {statistics.median(times):7.1f} ms  "
                f"{len(ctx.captured_queries):2d} queries  ({size} rows match)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
