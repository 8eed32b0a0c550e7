"""The worker itself: real `danvan worker` processes on a database of their own
(SQLite file, or a fresh database on the PostgreSQL server the suite uses).

- a worker killed with SIGKILL in the middle of an OCR job loses nothing: another
  worker takes the job over when the lease runs out and it completes once;
- two workers started at the same moment never run a job twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.core.extract.conftest import SCAN_LINES, render_scan

SRC = Path(__file__).resolve().parents[2] / "src"
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
TIMEOUT = 180

pytestmark = pytest.mark.slow


class Site:
    """A migrated danvan database with the demo, and ways to run the CLI on it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "DANVAN_DATA_DIR": str(root / "data"),
            "DANVAN_JOB_LEASE_S": "3",
            "DANVAN_JOB_BACKOFF_S": "1",
            "DANVAN_JOBS_BACKEND": "default",
        }
        self.pg_url = None
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            name = f"danvan_workers_{uuid.uuid4().hex[:8]}"
            parts = urlsplit(url)
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self._pg(f"CREATE DATABASE {name}")
            self.pg_url = urlunsplit(parts._replace(path=f"/{name}"))
            self.env["DATABASE_URL"] = self.pg_url
            self.pg_name = name
        else:
            self.env.pop("DATABASE_URL", None)

    def _pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        if self.pg_url:
            self._pg(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "danvan.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def worker(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "danvan.cli", "worker", *args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.pg_url:
            import psycopg

            with psycopg.connect(self.pg_url) as conn:
                return list(conn.execute(sql.replace("?", "%s"), params).fetchall())
        with sqlite3.connect(self.root / "data" / "danvan.sqlite3", timeout=30) as conn:
            return list(conn.execute(sql, params).fetchall())

    def wait_for(self, sql: str, params: tuple, test, what: str) -> list[tuple]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = self.rows(sql, params)
            if test(found):
                return found
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}: {found}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    s = Site(tmp_path_factory.mktemp("worker-site"))
    try:
        s.cli("migrate", "--noinput", "-v", "0")
        # The org tree and the personas only (the full demo is not needed here).
        s.cli("shell", "-c", "from danvan.accounts import demo; demo.load()")
        yield s
    finally:
        s.drop()


def _import(site: Site, folder: Path) -> int:
    return int(site.cli("import", "--background", "--user", "canbo.ttdvvl", str(folder)).strip())


CHILDREN = "SELECT id, status, attempts, result FROM jobs_job WHERE parent_id = ? ORDER BY id"


def _kill_mid_job_then_finish(site: Site, job: int, running: str, params: tuple) -> list[tuple]:
    """A worker SIGKILLed as soon as `running` finds a job it runs, then another worker
    until the import `job` ends. The rows `running` found just after the kill."""
    first = site.worker("--concurrency", "1", "--interval", "0.2")
    try:
        site.wait_for(running, params, bool, "a job to start")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    killed = site.rows(running, params)
    second = site.worker("--concurrency", "1", "--interval", "0.2")
    try:
        site.wait_for(
            "SELECT status FROM jobs_job WHERE id = ?",
            (job,),
            lambda r: r and r[0][0] in ("succeeded", "failed"),
            "the import to finish",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    return killed


def test_a_worker_killed_mid_job_loses_nothing_and_the_job_completes_once(site, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for page in range(1, 3):
        lines = [
            f"Trang {page} của hồ sơ lưu trữ số {uuid.uuid4().hex[:6]}",
            "BÁO CÁO",
            "Dân vận khéo",
        ]
        render_scan(lines).save(folder / f"trang-{page}.png", dpi=(300, 300))
    job = _import(site, folder)
    running = "SELECT id FROM jobs_job WHERE parent_id = ? AND status = 'running'"
    killed = _kill_mid_job_then_finish(site, job, running, (job,))
    assert killed, "the killed worker left its job running (held by a lease)"
    children = site.rows(CHILDREN, (job,))
    assert [c[1] for c in children] == ["succeeded"] * 2
    retried = [c for c in children if c[0] == killed[0][0]]
    assert retried and retried[0][2] == 2  # run again once, by the second worker
    documents = site.rows(
        "SELECT COUNT(*) FROM documents_document WHERE original_name LIKE ?", ("trang-%",)
    )
    assert documents[0][0] == 2  # one document per page, none twice
    out = site.cli("jobs", str(job))
    assert "Hoàn thành 2/2" in out


def test_two_workers_claiming_at_once_run_nothing_twice(site, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    # twelve different documents (copies of one would be recognised as the same content)
    texts = sorted(
        (Path(__file__).resolve().parents[1] / "core" / "extract" / "docs").glob("*.txt")
    )
    for i, text in enumerate(texts[:12]):
        (folder / f"bao-cao-{i:02d}.txt").write_text(text.read_text(encoding="utf-8"), "utf-8")
    job = _import(site, folder)
    workers = [site.worker("--batch", "--interval", "0") for _ in range(2)]
    for w in workers:
        assert w.wait(timeout=TIMEOUT) == 0
    # A batch worker may stop before the parent queued every child: finish the rest.
    site.cli("worker", "--batch", "--interval", "0")
    children = site.rows(CHILDREN, (job,))
    assert len(children) == 12
    assert {c[1] for c in children} == {"succeeded"}
    assert {c[2] for c in children} == {1}  # each claimed exactly once
    tasks = site.rows("SELECT worker_ids FROM django_tasks_database_dbtaskresult")
    assert all(len(_ids(t[0])) == 1 for t in tasks)
    names = site.rows(
        "SELECT COUNT(DISTINCT original_name), COUNT(*) FROM documents_document "
        "WHERE original_name LIKE ?",
        ("bao-cao-%",),
    )
    assert names[0] == (12, 12)


def _ids(value) -> list:
    import json

    return value if isinstance(value, list) else json.loads(value)


def test_a_long_scans_parts_run_on_workers_and_a_killed_workers_part_is_taken_over(site, tmp_path):
    """A 5-page scan split in parts of 2 pages: the worker running a part is killed, the
    part is run again by the other worker after the lease, the file's job resumes when the
    last part ends and stores one document read from the parts' pages."""
    folder = tmp_path / "long"
    folder.mkdir()
    pages = [render_scan([*SCAN_LINES, f"Trang số {n + 1} của bản quét."]) for n in range(5)]
    pages[0].save(
        folder / "ban-quet.pdf", "PDF", resolution=300.0, save_all=True, append_images=pages[1:]
    )
    saved = dict(site.env)
    site.env["DANVAN_OCR_SPLIT_PAGES"] = "2"
    try:
        job = _import(site, folder)
        running = "SELECT id FROM jobs_job WHERE kind = 'ocr_pages' AND status = 'running'"
        assert _kill_mid_job_then_finish(site, job, running, ())
    finally:
        site.env.clear()
        site.env.update(saved)
    ((file_job, status, attempts, _),) = site.rows(CHILDREN, (job,))
    assert status == "succeeded"
    parts = site.rows(CHILDREN, (file_job,))
    assert [p[1] for p in parts] == ["succeeded"] * 3
    assert sorted(p[2] for p in parts)[-1] == 2  # the killed worker's part, run once more
    text = site.rows(
        "SELECT pages, text FROM documents_document WHERE original_name = 'ban-quet.pdf'"
    )
    assert len(text) == 1 and text[0][0] == 5
    assert all(f"Trang số {n} của bản quét." in text[0][1] for n in range(1, 6))
    assert not any((site.root / "data" / "files" / "ocr-cache").glob("*/*"))
