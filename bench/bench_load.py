"""Load on loopback: N concurrent logged-in users against gunicorn.

Run (it starts and stops everything itself):
    .venv/bin/python bench/bench_load.py --users 100 --requests 10
    .venv/bin/python bench/bench_load.py --users 20 --requests 10   # SQLite when DATABASE_URL is unset

With DATABASE_URL (PostgreSQL) a database `danvan_bench_load` is made on that
server and dropped at the end; without it, a SQLite file under /tmp (WAL, busy
timeout from settings). The demo is loaded; each simulated user has its own
session (officers, heads and reviewers of the demo) and does --requests
requests in a loop, picking from the mix: reviewer dashboard, report entry page,
archive search, document view, jobs page. Only 127.0.0.1 is ever contacted;
the run is bounded by --requests per user and --max-seconds overall.

Prints p50/p95/max latency per page and overall, errors, and whether the
server log says "database is locked". Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
PORT = 8791

SETUP = """
import json
from django.test import Client
from django.contrib.auth import get_user_model
from danvan.documents.models import Document
from danvan.reporting.models import UnitReport, ReportRequest
User = get_user_model()
names = ["canbo.ttdvvl", "giamdoc.ttdvvl", "thamdinh.sldtbxh", "bandanvan", "thidua.snv", "canbo.syt"]
users = [User.objects.get(username=n) for n in names]
sessions = []
for i in range({users}):
    c = Client()
    c.force_login(users[i % len(users)])
    sessions.append([users[i % len(users)].username, c.cookies["sessionid"].value])
doc = Document.objects.order_by("pk").first().pk
report = UnitReport.objects.filter(unit__short_code__isnull=False).order_by("pk").first().pk
req = ReportRequest.objects.order_by("pk").first()
print(json.dumps({{"sessions": sessions, "doc": doc, "report": report, "period": req.period,
                  "unit": req.requester_unit_id}}))
"""


def main(argv: list[str]) -> int:
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--web-workers", type=int, default=0, help="gunicorn workers (2×cores+1)")
    parser.add_argument(
        "--think",
        default="0,0",
        help="seconds a user waits between two clicks, uniform in MIN,MAX (0,0: a closed "
        "loop without pause, which measures capacity rather than what people feel)",
    )
    args = parser.parse_args(argv)
    think = tuple(float(x) for x in args.think.split(","))
    root = Path(tempfile.mkdtemp(prefix="danvan-bench-load-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "DANVAN_DATA_DIR": str(root / "data"),
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DANVAN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": str(root / "access.log"),
        "DB_CONN_MAX_AGE": "60",
    }
    if args.web_workers:
        env["WEB_CONCURRENCY"] = str(args.web_workers)
    pg = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if pg:
        import psycopg

        parts = urlsplit(os.environ["DATABASE_URL"])
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS danvan_bench_load WITH (FORCE)")
            c.execute("CREATE DATABASE danvan_bench_load")
        env["DATABASE_URL"] = urlunsplit(parts._replace(path="/danvan_bench_load"))
    else:
        env.pop("DATABASE_URL", None)

    def cli(*a: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "danvan.cli", *a], env=env, capture_output=True, text=True
        )
        if out.returncode:
            raise RuntimeError(out.stderr[-1500:])
        return out.stdout

    cli("migrate", "--noinput", "-v", "0")
    cli("demo")
    info = json.loads(cli("shell", "-c", SETUP.format(users=args.users)).strip().splitlines()[-1])
    log = open(root / "gunicorn.log", "w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            str(REPO / "deploy/gunicorn.conf.py"),
            "--no-control-socket",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    mix = {
        "dashboard": f"/bao-cao/bang-dieu-khien/?unit={info['unit']}&period={info['period']}",
        "report entry": f"/bao-cao/don-vi/{info['report']}/",
        "archive search": "/van-ban/?q=d%C3%A2n+v%E1%BA%ADn",
        "document view": f"/van-ban/{info['doc']}/",
        "jobs page": "/cong-viec/",
    }
    times: dict[str, list[float]] = {k: [] for k in mix}
    errors: list[str] = []
    lock = threading.Lock()
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/dang-nhap/", timeout=5)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((root / "gunicorn.log").read_text()[-2000:]) from None
                time.sleep(0.5)
        # Warm every gunicorn worker as a running server is: each worker's first request
        # to a page imports modules and compiles templates (a second or two). Sequential
        # requests tend to reach the same worker, so the warm-up runs 3 requests per page
        # on as many threads as there are workers, with the sessions of several personas.
        workers = int(env.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1)

        def warm(n: int) -> None:
            session = info["sessions"][n % len(info["sessions"])][1]
            for url in mix.values():
                for _ in range(3):
                    req = urllib.request.Request(
                        f"http://127.0.0.1:{PORT}{url}", headers={"Cookie": f"sessionid={session}"}
                    )
                    try:
                        urllib.request.urlopen(req, timeout=60).read()
                    except OSError:
                        pass

        warmers = [threading.Thread(target=warm, args=(n,)) for n in range(workers * 2)]
        for th in warmers:
            th.start()
        for th in warmers:
            th.join()
        deadline = time.monotonic() + args.max_seconds
        start = threading.Barrier(args.users)

        def user(i: int, session: str) -> None:
            rng = random.Random(i)
            start.wait()
            for n in range(args.requests):
                if time.monotonic() > deadline:
                    return
                if think[1] > 0:
                    # people do not all click at the same instant: the first click
                    # comes anywhere in the first pause, then one per pause
                    time.sleep(rng.uniform(*think) if n else rng.uniform(0, think[1]))
                label = rng.choice(list(mix))
                req = urllib.request.Request(
                    f"http://127.0.0.1:{PORT}{mix[label]}",
                    headers={"Cookie": f"sessionid={session}"},
                )
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(req, timeout=60) as r:
                        r.read()
                        ok = r.status in (200, 403, 404)  # an outsider gets 404 on others' objects
                except urllib.error.HTTPError as e:
                    ok = e.code in (403, 404)
                    if not ok:
                        with lock:
                            errors.append(f"{label}: HTTP {e.code}")
                except OSError as e:
                    ok = False
                    with lock:
                        errors.append(f"{label}: {e}")
                with lock:
                    if ok:
                        times[label].append((time.perf_counter() - t) * 1000)

        started_at = sum(1 for _ in open(root / "access.log", errors="replace"))
        t0 = time.monotonic()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        threads = [
            threading.Thread(target=user, args=(i, s[1])) for i, s in enumerate(info["sessions"])
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.monotonic() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        if pg:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute("DROP DATABASE IF EXISTS danvan_bench_load WITH (FORCE)")
    every = sorted(x for v in times.values() for x in v) or [float("nan")]

    def p95(v: list[float]) -> float:
        return sorted(v)[max(0, round(0.95 * len(v)) - 1)] if v else float("nan")

    engine = "postgresql" if pg else "sqlite"
    print(
        f"== bench_load on {engine}: {args.users} users × {args.requests} requests, "
        f"think {think[0]:g}–{think[1]:g} s, "
        f"gunicorn {env.get('WEB_CONCURRENCY') or f'{os.cpu_count()}×2+1'} workers, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end =="
    )
    for label, v in times.items():
        if v:
            print(
                f"   {label:<16} n={len(v):4d}  p50 {statistics.median(v):7.0f} ms  "
                f"p95 {p95(v):7.0f} ms  max {max(v):7.0f} ms"
            )
    print(
        f"   {'all':<16} n={len(every):4d}  p50 {statistics.median(every):7.0f} ms  "
        f"p95 {p95(every):7.0f} ms  max {max(every):7.0f} ms   ({len(every) / wall:.1f} req/s)"
    )
    print(
        f"   the load client itself (this script's {args.users} threads) used "
        f"{client_cpu / wall * 100:.0f}% of one core during the run"
    )
    server = server_times(root / "access.log", mix, started_at)
    print("   time inside gunicorn per request (from its access log, the client's queue left out):")
    for label, v in server.items():
        if v:
            print(
                f"   {label:<16} n={len(v):4d}  p50 {statistics.median(v):7.0f} ms  "
                f"p95 {p95(v):7.0f} ms  max {max(v):7.0f} ms"
            )
    locked = "database is locked" in (root / "gunicorn.log").read_text(errors="replace")
    print(
        f"   errors: {len(errors)} {errors[:5]}; 'database is locked' in the server log: {locked}"
    )
    return 0


def server_times(log: Path, mix: dict[str, str], skip: int) -> dict[str, list[float]]:
    """Per page, the milliseconds gunicorn logged (`%(M)s`) for the run's requests
    (the first `skip` lines are the warm-up)."""
    by_path = {url: label for label, url in mix.items()}
    out: dict[str, list[float]] = {label: [] for label in mix}
    with open(log, errors="replace") as f:
        for i, line in enumerate(f):
            if i < skip or not line.rstrip().endswith("ms"):
                continue
            try:
                path = line.split('"')[1].split(" ")[1]
                ms = float(line.rstrip()[:-2].rsplit(" ", 1)[1])
            except (IndexError, ValueError):
                continue
            if path in by_path:
                out[by_path[path]].append(ms)
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
