"""Background jobs: OCR throughput with 1 and 2 workers, and the fault cases.

Run:
    .venv/bin/python bench/bench_jobs.py [--pages 100] [--queue 10000] [--faults] [--no-ocr]

Uses DATABASE_URL when set (PostgreSQL: a database `danvan_bench_jobs` is made on
that server and dropped at the end), otherwise a SQLite file under /tmp. Workers
are separate `danvan worker` processes sharing the database, as they would be
on several machines. Prints:

- OCR of a scanned archive of --pages pages (one image file per page, distinct
  text), imported with `danvan import --background`: wall time and pages/s with
  1 worker, 2 in one process (`--concurrency 2`) and 2 separate worker
  processes (as on two machines), and the speed-ups;
- with --faults: an input file deleted before the worker ran (the state
  `danvan jobs` shows); a worker killed with SIGKILL in the middle (the job is
  taken over after the lease, nothing lost, nothing twice); the database
  restarted under 2 running workers (PostgreSQL, BENCH_PGDATA=its data folder);
  --queue probe jobs queued then drained by 2 workers (enqueue and drain rates).
  Probe jobs append their id to a log when they complete: counting the lines
  proves that no job was lost and none ran twice.

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.core.extract.conftest import render_scan  # noqa: E402

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA DÂN VẬN KHÉO",
    "Trung tâm đã tư vấn cho 8.794 lượt người lao động.",
    "Giới thiệu việc làm cho 1.250 lượt người, đạt 104,2% kế hoạch.",
    "Tổ chức 24 phiên giao dịch việc làm tại các huyện.",
    "Nơi nhận: Sở Lao động - Thương binh và Xã hội.",
]


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.procs: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "src"),
            "DANVAN_DATA_DIR": str(root / "data"),
            "DANVAN_JOB_LEASE_S": "10",
            "DANVAN_JOB_BACKOFF_S": "1",
            "DANVAN_JOBS_BACKEND": "default",
            "OMP_THREAD_LIMIT": "1",
        }
        url = os.environ.get("DATABASE_URL", "")
        self.pg = None
        if url.startswith("postgres"):
            parts = urlsplit(url)
            self.admin = urlunsplit(parts._replace(path="/postgres"))
            self.pg = urlunsplit(parts._replace(path="/danvan_bench_jobs"))
            self.sql_admin("DROP DATABASE IF EXISTS danvan_bench_jobs WITH (FORCE)")
            self.sql_admin("CREATE DATABASE danvan_bench_jobs")
            self.env["DATABASE_URL"] = self.pg
        else:
            self.env.pop("DATABASE_URL", None)

    def sql_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as c:
            c.execute(sql)

    def rows(self, sql: str) -> list[tuple]:
        for _ in range(60):
            try:
                if self.pg:
                    import psycopg

                    with psycopg.connect(self.pg) as c:
                        return list(c.execute(sql).fetchall())
                with sqlite3.connect(self.root / "data" / "danvan.sqlite3", timeout=30) as c:
                    return list(c.execute(sql).fetchall())
            except Exception:  # noqa: BLE001 - the database may be restarting
                time.sleep(1)
        raise RuntimeError("database unreachable")

    def cli(self, *args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "danvan.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
        )
        if out.returncode:
            raise RuntimeError(out.stderr[-2000:])
        return out.stdout

    def worker(self, n: int) -> subprocess.Popen:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "danvan.cli",
                "worker",
                "--concurrency",
                str(n),
                "--interval",
                "0.2",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "workers.log", "a"),
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def wait(self, job: int, timeout: float = 3600) -> str:
        t = time.monotonic()
        while time.monotonic() - t < timeout:
            row = self.rows(f"SELECT status FROM jobs_job WHERE id = {job}")
            if row and row[0][0] in ("succeeded", "failed"):
                return row[0][0]
            time.sleep(0.5)
        return "timeout"

    def drop(self) -> None:
        for proc in self.procs:  # never leave a worker behind (an interrupted run)
            stop(proc)
        if self.pg:
            self.sql_admin("DROP DATABASE IF EXISTS danvan_bench_jobs WITH (FORCE)")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def archive(root: Path, pages: int) -> Path:
    folder = root / f"archive-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    tag = uuid.uuid4().hex[:8]
    for i in range(pages):
        lines = [*LINES, f"Trang {i + 1} - hồ sơ {tag}"]
        render_scan(lines).save(folder / f"trang-{i + 1:03d}.png", dpi=(300, 300))
    return folder


def children(site: Site, job: int) -> list[tuple]:
    return site.rows(f"SELECT status, attempts FROM jobs_job WHERE parent_id = {job}")


def _cpu() -> float:
    """CPU seconds of the finished children (workers, their tesseract runs)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ocr_run(site: Site, pages: int, workers: int, processes: int = 1) -> float:
    """`workers` job slots in `processes` separate `danvan worker` processes
    (one process with --concurrency N, or N processes as on N machines)."""
    folder = archive(site.root, pages)
    job = int(site.cli("import", "--background", "--user", "canbo.ttdvvl", str(folder)).strip())
    cpu = _cpu()
    t = time.monotonic()
    procs = [site.worker(workers // processes) for _ in range(processes)]
    status = site.wait(job)
    elapsed = time.monotonic() - t
    for proc in procs:
        stop(proc)
    cpu = _cpu() - cpu
    kids = children(site, job)
    ok = sum(s == "succeeded" for s, _ in kids)
    print(
        f"   {workers} worker(s) in {processes} process(es): {pages} pages in {elapsed:6.1f} s = {pages / elapsed:5.2f} pages/s"
        f"   [{status}, {ok}/{len(kids)} files ok]; {cpu:.0f} CPU s "
        f"({cpu / pages:.2f} s a page, {cpu / elapsed:.2f} cores busy on average); "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return elapsed


def kill_run(site: Site, pages: int) -> None:
    folder = archive(site.root, pages)
    job = int(site.cli("import", "--background", "--user", "canbo.ttdvvl", str(folder)).strip())
    victim = site.worker(1)
    other = site.worker(1)
    while not site.rows(f"SELECT id FROM jobs_job WHERE parent_id = {job} AND status = 'running'"):
        time.sleep(0.2)
    time.sleep(0.5)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    status = site.wait(job)
    stop(other)
    kids = children(site, job)
    docs = site.rows(
        f"SELECT COUNT(*) FROM jobs_job WHERE parent_id = {job} AND status = 'succeeded'"
    )
    again = sum(a > 1 for _, a in kids)
    print(
        f"   SIGKILL of 1 of 2 workers mid-run: parent {status}; {docs[0][0]}/{pages} files ok; "
        f"{again} job(s) taken over after the lease and run once more; none failed: "
        f"{all(s == 'succeeded' for s, _ in kids)}",
        flush=True,
    )


def probes(site: Site, count: int, sleep: float = 0) -> tuple[Path, float]:
    """Queue `count` probe jobs (each appends its id to a log when it completes)."""
    log = site.root / f"probe-{uuid.uuid4().hex[:6]}.log"
    t = time.monotonic()
    site.cli(
        "shell",
        "-c",
        "from danvan.jobs import services\n"
        f"for i in range({count}):\n"
        f"    services.start('probe', params={{'log': {str(log)!r}, 'sleep': {sleep}}})\n",
    )
    return log, time.monotonic() - t


def tally(site: Site, log: Path, count: int) -> str:
    """No job lost, none run twice: every probe succeeded and logged its id exactly once."""
    ids = log.read_text().split() if log.exists() else []
    runs: dict[str, int] = {}
    for i in ids:
        runs[i] = runs.get(i, 0) + 1
    states = dict(
        site.rows(
            "SELECT status, COUNT(*) FROM jobs_job WHERE kind = 'probe' "
            f"AND params->>'log' = '{log}' GROUP BY 1"
            if site.pg
            else "SELECT status, COUNT(*) FROM jobs_job WHERE kind = 'probe' "
            f"AND json_extract(params, '$.log') = '{log}' GROUP BY 1"
        )
    )
    twice = sum(n > 1 for n in runs.values())
    lost = count - len(runs)
    verdict = "OK" if (lost, twice, states.get("succeeded", 0)) == (0, 0, count) else "FAULT"
    return (
        f"{verdict}: {states.get('succeeded', 0)}/{count} succeeded, states {states}; "
        f"completed runs logged {len(ids)} for {len(runs)} distinct jobs; "
        f"lost {lost}, run twice {twice}"
    )


def wait_probes(site: Site, log: Path, timeout: float = 7200) -> None:
    t = time.monotonic()
    pending = (
        "SELECT COUNT(*) FROM jobs_job WHERE kind='probe' AND status IN ('queued','running') "
        + (
            f"AND params->>'log' = '{log}'"
            if site.pg
            else f"AND json_extract(params, '$.log') = '{log}'"
        )
    )
    while site.rows(pending)[0][0] and time.monotonic() - t < timeout:
        time.sleep(1)


def restart_run(site: Site, count: int) -> None:
    pgdata = os.environ.get("BENCH_PGDATA")
    if not site.pg or not pgdata:
        print("   (database restart: needs PostgreSQL and BENCH_PGDATA; skipped)")
        return
    log, _ = probes(site, count, sleep=0.3)
    proc = site.worker(2)
    while not log.exists() or len(log.read_text().split()) < 20:  # workers under way
        time.sleep(0.2)
    before = len(log.read_text().split())
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    t = time.monotonic()
    # -l: the restarted server must not inherit (and hold open) our stdout.
    log_file = os.environ.get("BENCH_PGLOG") or str(Path(pgdata).parent / "log")
    subprocess.run(
        [*prefix, str(pg_ctl), "-D", pgdata, "-l", log_file, "-m", "fast", "-w", "restart"],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    down = time.monotonic() - t
    wait_probes(site, log)
    stop(proc)
    retried = site.rows(
        "SELECT COUNT(*) FROM jobs_job WHERE kind='probe' AND attempts > 1 "
        f"AND params->>'log' = '{log}'"
    )[0][0]
    print(
        f"   database restarted ({down:.1f} s) under 2 workers running {count} jobs of 0.3 s "
        f"({before} done before): {tally(site, log, count)}; retried after the restart {retried}",
        flush=True,
    )


def vanished_run(site: Site) -> None:
    folder = site.root / f"gone-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    gone = folder / "bao-cao.txt"
    gone.write_text("BÁO CÁO\nKết quả công tác dân vận.\n", "utf-8")
    job = int(site.cli("import", "--background", "--user", "canbo.ttdvvl", str(gone)).strip())
    gone.unlink()
    proc = site.worker(1)
    site.wait(job)
    stop(proc)
    print("   input file deleted before the worker ran: `danvan jobs` says")
    for line in site.cli("jobs", str(job)).splitlines():
        print("     " + line)


def queue_run(site: Site, count: int) -> None:
    log, enq = probes(site, count)
    t = time.monotonic()
    proc = site.worker(2)
    wait_probes(site, log)
    drain = time.monotonic() - t
    stop(proc)
    attempts = site.rows(
        "SELECT attempts, COUNT(*) FROM jobs_job WHERE kind='probe' GROUP BY 1 ORDER BY 1"
    )
    print(
        f"   {count} queued jobs: enqueued in {enq:.1f} s ({count / enq:.0f}/s), drained by 2 "
        f"workers in {drain:.1f} s ({count / drain:.1f} jobs/s); attempts {attempts}\n"
        f"   {tally(site, log, count)}",
        flush=True,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--queue", type=int, default=10000)
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--no-ocr", action="store_true", help="only the fault cases")
    args = parser.parse_args(argv)
    site = Site(Path(tempfile.mkdtemp(prefix="danvan-bench-jobs-")))
    engine = "postgresql" if site.pg else "sqlite"
    print(f"== bench_jobs on {engine}, {os.cpu_count()} cores ==", flush=True)
    try:
        site.cli("migrate", "--noinput", "-v", "0")
        site.cli("shell", "-c", "from danvan.accounts import demo; demo.load()")
        if not args.no_ocr:
            print(f"-- OCR of a scanned archive ({args.pages} pages, one file per page)")
            one = ocr_run(site, args.pages, 1)
            two = ocr_run(site, args.pages, 2)
            print(f"   speed-up with 2 workers: {one / two:.2f}×")
            apart = ocr_run(site, args.pages, 2, processes=2)
            print(f"   speed-up with 2 separate worker processes: {one / apart:.2f}×")
        if args.faults:
            print("-- faults")
            vanished_run(site)
            if not args.no_ocr:
                kill_run(site, max(6, args.pages // 5))
            restart_run(site, 200)
            queue_run(site, args.queue)
    finally:
        site.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
