"""`make prod-check`: the production recipe, run for real on this machine.

Against a throwaway PostgreSQL (started by the Makefile, URL in PRODCHECK_DB_URL):
migrate, load the demo, collectstatic; start gunicorn (deploy/gunicorn.conf.py)
and two `danvan worker` processes; log in and open every main page; run one
job of each kind (import with OCR, re-extraction, DOCX/PDF of a draft, e-mail,
reminders) and wait for each to succeed; back up with deploy/backup.sh and
restore into a second database with deploy/restore.sh, comparing row counts.
Everything it started is stopped at the end, whatever happened.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PORT = int(os.environ.get("PRODCHECK_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "DanVan@2026"
TABLES = ["auth_user", "orgunits_orgunit", "documents_document", "jobs_job", "drafting_draft"]
failures: list[str] = []


def say(msg: str) -> None:
    print(f"[prod-check] {msg}", flush=True)


def check(ok: bool, what: str) -> None:
    say(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def psql(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql)
        return list(cur.fetchall()) if cur.description else []


class Browser:
    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(BASE + path))

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        req = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        return self._open(req)

    def _open(self, req) -> tuple[int, str, str]:
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.headers.get("Location", "")

    def login(self, username: str) -> bool:
        self.get("/dang-nhap/")
        status, _, location = self.post("/dang-nhap/", {"username": username, "password": PASSWORD})
        return status == 302 and "dang-nhap" not in location


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    admin_url = os.environ["PRODCHECK_DB_URL"]
    db_url, restore_url = with_db(admin_url, "danvan_prod"), with_db(admin_url, "danvan_restored")
    for name in ("danvan_prod", "danvan_restored"):
        psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(admin_url, f"CREATE DATABASE {name}")
    root = Path(tempfile.mkdtemp(prefix="danvan-prodcheck-"))
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DANVAN_DATA_DIR": str(root / "data"),
        "SECRET_KEY": "prod-check-" + "x" * 50,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DANVAN_MANIFEST_STATIC": "true",
        "DANVAN_JOBS_BACKEND": "default",
        "DANVAN_JOB_LEASE_S": "30",
        "DANVAN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "3",
        "OMP_THREAD_LIMIT": "1",
        "GUNICORN_ACCESS_LOG": str(root / "access.log"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    procs: list[subprocess.Popen] = []

    def run(*args: str, **kw) -> str:
        out = subprocess.run(
            [str(BIN / "danvan"), *args], env=env, capture_output=True, text=True, **kw
        )
        if out.returncode != 0:
            raise RuntimeError(f"danvan {' '.join(args)}: {out.stderr[-1500:]}")
        return out.stdout

    try:
        t = time.monotonic()
        run("migrate", "--noinput", "-v", "0")
        run("demo")
        run("collectstatic", "--noinput", "-v", "0")
        say(f"database migrated, demo loaded, static collected ({time.monotonic() - t:.0f} s)")
        logs = open(root / "servers.log", "w")
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "-c",
                    str(REPO / "deploy" / "gunicorn.conf.py"),
                    "--no-control-socket",
                ],
                env=env,
                stdout=logs,
                stderr=subprocess.STDOUT,
                cwd=REPO,
            )
        )
        for i in (1, 2):
            procs.append(
                subprocess.Popen(
                    [str(BIN / "danvan"), "worker", "--worker-id", f"prodcheck-{i}"],
                    env=env,
                    stdout=logs,
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Browser().get("/dang-nhap/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        say("gunicorn (3 workers) and 2 task workers started")
        smoke_pages(env)
        smoke_jobs(env, run, db_url, root)
        backup_and_restore(env, db_url, restore_url, root)
    except Exception as exc:  # noqa: BLE001 - report, then stop everything
        failures.append(f"{type(exc).__name__}: {exc}")
        say(f"FAIL {exc}")
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        for name in ("danvan_prod", "danvan_restored"):
            try:
                psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except Exception:  # noqa: BLE001
                pass
        if failures and os.environ.get("PRODCHECK_KEEP"):
            say(f"kept {root} for inspection")
        else:
            shutil.rmtree(root, ignore_errors=True)
        say("everything stopped")
    if failures:
        say(f"{len(failures)} check(s) failed:")
        for f in failures:
            say(f"  - {f}")
        return 1
    say("all checks passed")
    return 0


def smoke_pages(env) -> None:
    for user in ("canbo.ttdvvl", "thamdinh.sldtbxh", "quantri"):
        b = Browser()
        check(b.login(user), f"{user} logs in")
        status, home, _ = b.get("/")
        links = sorted(set(re.findall(r'<li><a href="(/[^"]*)"', home)))
        check(
            status == 200 and len(links) >= 5,
            f"{user}: home page and its menu ({len(links)} links)",
        )
        for path in [*links, "/cong-viec/", "/cong-viec/?cua=don-vi"]:
            status, body, _ = b.get(path)
            check(status == 200 and "Traceback" not in body, f"{user}: {path} → {status}")
    status, css, _ = Browser().get("/static/danvan/site.css")
    check(status == 200 and len(css) > 100, "static files served (WhiteNoise, manifest)")


def smoke_jobs(env, run, db_url, root) -> None:
    from PIL import Image, ImageDraw, ImageFont

    folder = root / "incoming"
    folder.mkdir()
    image = Image.new("L", (2000, 500), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 44)
    for i, line in enumerate(
        ["BÁO CÁO KIỂM TRA", "Kết quả phong trào Dân vận khéo", f"Số {time.time_ns()}"]
    ):
        draw.text((80, 60 + 110 * i), line, font=font, fill=0)
    image.save(folder / "ban-quet.png", dpi=(300, 300))
    jobs: dict[str, int] = {}
    jobs["import (OCR)"] = int(
        run("import", "--background", "--user", "canbo.ttdvvl", str(folder)).strip()
    )
    shell = (
        "from danvan.documents.models import Document\n"
        "from danvan.documents.jobs import start_reextract\n"
        "from danvan.jobs.mail import queue_mail\n"
        "from danvan.reporting.jobs import start_reminders\n"
        "from django.contrib.auth import get_user_model\n"
        "u = get_user_model().objects.get(username='canbo.ttdvvl')\n"
        "d = Document.objects.filter(unit__short_code__isnull=False, original_name__endswith='.txt').first()\n"
        "print(start_reextract(u, d).pk, queue_mail('Kiểm tra', 'Thư thử', ['a@example.vn'], user=u).pk, start_reminders(u).pk)\n"
    )
    ids = run("shell", "-c", shell).split()
    jobs["re-extraction"], jobs["e-mail"], jobs["reminders"] = (int(x) for x in ids[-3:])
    b = Browser()
    b.login("canbo.ttdvvl")
    draft = psql(
        db_url,
        "SELECT d.id FROM drafting_draft d JOIN orgunits_orgunit u ON u.id = d.unit_id "
        "WHERE d.status <> 'issued' ORDER BY d.id LIMIT 1",
    )
    status, _, location = b.post(f"/soan-thao/du-thao/{draft[0][0]}/tao-tep/", {})
    found = re.search(r"cong-viec=(\d+)", location)
    check(status == 302 and found is not None, f"draft files queued from the page ({location})")
    if found:
        jobs["DOCX/PDF of a draft"] = int(found.group(1))
        status, page, _ = b.get(location)
        check(status == 200 and "job-progress" in page, "the draft page shows the job's progress")
    t = time.monotonic()
    pending = dict(jobs)
    while pending and time.monotonic() - t < 300:
        for label, pk in list(pending.items()):
            row = psql(db_url, f"SELECT status, error FROM jobs_job WHERE id = {pk}")
            if row and row[0][0] in ("succeeded", "failed"):
                check(
                    row[0][0] == "succeeded",
                    f"job {label} #{pk}: {row[0][0]} {row[0][1]} ({time.monotonic() - t:.1f} s)",
                )
                del pending[label]
        time.sleep(0.5)
    for label in pending:
        check(False, f"job {label} finished within 300 s")
    data = json.loads(run("jobs", str(jobs["import (OCR)"]), "--format", "json"))
    check(
        data["status"] == "succeeded" and data["children"][0]["status"] == "succeeded",
        "danvan jobs --format json shows the import and its file",
    )
    status, page, _ = b.get(f"/cong-viec/{jobs['import (OCR)']}/")
    check(status == 200 and "Hoàn thành" in page, "the job page shows the finished import")


def backup_and_restore(env, db_url, restore_url, root) -> None:
    backup_env = {**env, "BACKUP_DIR": str(root / "backups")}
    out = subprocess.run(
        ["bash", str(REPO / "deploy" / "backup.sh")], env=backup_env, capture_output=True, text=True
    )
    check(out.returncode == 0, f"backup.sh {out.stderr[-300:]}")
    dump, files = out.stdout.split()[-2:]
    restore_env = {**env, "DATABASE_URL": restore_url, "DANVAN_DATA_DIR": str(root / "restored")}
    out = subprocess.run(
        ["bash", str(REPO / "deploy" / "restore.sh"), dump, files],
        env=restore_env,
        capture_output=True,
        text=True,
    )
    check(out.returncode == 0, f"restore.sh {out.stderr[-300:]}")
    for table in TABLES:
        a = psql(db_url, f"SELECT COUNT(*) FROM {table}")[0][0]
        b = psql(restore_url, f"SELECT COUNT(*) FROM {table}")[0][0]
        check(a == b and a > 0, f"restored {table}: {b} rows (original {a})")
    original = sorted(p.name for p in (root / "data" / "files").rglob("*") if p.is_file())
    restored = sorted(p.name for p in (root / "restored" / "files").rglob("*") if p.is_file())
    check(original == restored and bool(original), f"restored files: {len(restored)}")


if __name__ == "__main__":
    sys.exit(main())
