"""Import 1,000 documents in one `danvan import` run into a fresh database.

Run: .venv/bin/python bench/bench_import.py [--count 1000] [--database-url URL] [--keep DIR]

The three shared samples are replicated with variations (numbers, dates,
document numbers, place names) so every file has its own hash, written to a
temporary folder, and imported by the management command in a single run into
a fresh temporary database: a SQLite file by default, or PostgreSQL when
--database-url names a server (a throwaway database is created and dropped).
Prints the total time, documents/s, the database size and the originals' size,
plus the time of a diacritic-blind search over the archive.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
PLACES = ["Sơn La", "Lai Châu", "Điện Biên", "Hòa Bình", "Yên Bái", "Lào Cai", "Hà Giang"]
_BIG_NUMBER = re.compile(r"(?<![\d/.,-])(\d{1,3})\.(\d{3})(?![\d])")
_OWN_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (20\d\d)")
_PERIOD_YEAR = re.compile(r"(?<=năm )(20(1[5-9]|2[0-4]))\b")


def variant(text: str, i: int) -> str:
    """The i-th variation: other figures, dates, reporting years and place.

    Cited documents ("Chỉ thị số 11-CT/TU ngày 28/9/2021") are left alone, as in
    a real archive where many reports cite the same few documents."""
    shift_year = i % 5

    def bump(m: re.Match[str]) -> str:
        value = int(m.group(1) + m.group(2)) + (i * 37) % 900
        return f"{value // 1000}.{value % 1000:03d}"

    text = _BIG_NUMBER.sub(bump, text)
    text = _OWN_DATE.sub(
        lambda m: f"ngày {1 + i % 28:02d} tháng {m.group(2)} năm {int(m.group(3)) + shift_year}",
        text,
    )
    text = _PERIOD_YEAR.sub(lambda m: str(int(m.group(1)) + shift_year), text)
    text = text.replace("Sơn La", PLACES[i % len(PLACES)])
    return text + f"\n(Bản lưu số {i + 1})\n"


def make_inputs(folder: Path, count: int) -> int:
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        sys.exit(f"no samples in {SAMPLES}")
    texts = [p.read_text(encoding="utf-8") for p in samples]
    total = 0
    for i in range(count):
        sub = folder / f"{2015 + i % 10}" / f"dot-{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = variant(texts[i % len(texts)], i).encode("utf-8")
        (sub / f"{samples[i % len(samples)].stem}-{i:04d}.txt").write_bytes(data)
        total += len(data)
    return total


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def child(folder: Path, count: int) -> None:
    """Runs with DANVAN_DATA_DIR and DATABASE_URL set for the fresh database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from danvan.accounts import demo
    from danvan.documents import ingest, services
    from danvan.documents.models import Citation, Document, DocumentFigure, LegalReference

    call_command("migrate", verbosity=0)
    demo.load()
    step_times: dict[str, float] = {}

    def timed_step(step):
        def run(item):
            t = time.perf_counter()
            try:
                step(item)
            finally:
                step_times[step.__name__] = step_times.get(step.__name__, 0.0) + (
                    time.perf_counter() - t
                )

        run.__name__ = step.__name__
        return run

    ingest.IMPORT_STEPS = tuple(timed_step(s) for s in ingest.IMPORT_STEPS)
    out = io.StringIO()
    start = time.perf_counter()
    try:
        call_command("import", str(folder), unit="TTDVVL", user="canbo.ttdvvl", stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    elapsed = time.perf_counter() - start
    docs = Document.objects.count()
    print(f"  exit code            {code}  ({out.getvalue().strip().splitlines()[-1]})")
    print(
        f"  documents stored     {docs:,} (figures {DocumentFigure.objects.count():,}, "
        f"citations {Citation.objects.count():,}, registry {LegalReference.objects.count():,}, "
        f"conflicts {LegalReference.objects.filter(conflict=True).count():,})"
    )
    print(f"  total time           {elapsed:.1f} s")
    print(f"  throughput           {docs / elapsed:.1f} documents/s")
    steps = ", ".join(f"{name} {1000 * t / max(docs, 1):.1f}" for name, t in step_times.items())
    print(f"  ms per document      {steps}")

    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="canbo.ttdvvl")
    t0 = time.perf_counter()
    hits = services.search_documents(officer, {"q": "dan van kheo"}).count()
    t1 = time.perf_counter()
    hits2 = services.search_documents(officer, {"q": "Dân vận khéo", "year": 2022}).count()
    t2 = time.perf_counter()
    print(
        f"  search 'dan van kheo' {hits:,} hits in {1000 * (t1 - t0):.0f} ms; "
        f"with year filter {hits2:,} hits in {1000 * (t2 - t1):.0f} ms"
    )

    again = time.perf_counter()
    try:
        call_command("import", str(folder), unit="TTDVVL", stdout=io.StringIO())
    except SystemExit:
        pass
    print(f"  re-import (all unchanged) {time.perf_counter() - again:.1f} s")

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(settings.DATABASES["default"]["NAME"])
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            size = cur.fetchone()[0]
    originals = sum(p.stat().st_size for p in (Path(settings.MEDIA_ROOT)).rglob("*") if p.is_file())
    print(f"  database size        {size / 1e6:.1f} MB ({connection.vendor})")
    print(f"  originals on disk    {originals / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--database-url", default="", help="postgres://... (default: SQLite file)")
    parser.add_argument("--keep", type=Path, help="keep the inputs and data here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.count)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="danvan-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs = work / "inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    size = make_inputs(inputs, args.count)
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    env = {**os.environ, "DANVAN_DATA_DIR": str(data), "SECRET_KEY": "bench"}
    db_name = None
    if args.database_url:
        db_name = f"bench_import_{uuid.uuid4().hex[:8]}"
        _pg_admin(args.database_url, f'CREATE DATABASE "{db_name}"')
        env["DATABASE_URL"] = args.database_url.rsplit("/", 1)[0] + "/" + db_name
        label = "PostgreSQL"
    else:
        env["DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
        label = "SQLite"
    print(f"danvan import: {args.count:,} documents ({size / 1e6:.1f} MB of text) into {label}")
    try:
        subprocess.run(
            [sys.executable, __file__, "--child", str(inputs), "--count", str(args.count)],
            env=env,
            check=True,
        )
    finally:
        if db_name:
            _pg_admin(args.database_url, f'DROP DATABASE IF EXISTS "{db_name}"')
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
