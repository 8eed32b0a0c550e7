"""Archive search at province scale on PostgreSQL: the list page's time for a
common term, a rare one and one that matches nothing, with and without the
trigram index (documents migration 0002).

Run (PostgreSQL only; a database `danvan_bench_search` is made on that server,
kept for the next run, dropped with --drop):
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres \\
        .venv/bin/python bench/bench_archive_search.py [--documents 21000] [--repeat 5]

The demo archive is loaded, then copied with SQL (generate_series) until the
archive holds --documents documents, each copy's folded text ending with its own
number (so a rare term matches a handful). Pages are fetched through the Django
test client as the province reviewer of the demo. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DB = "danvan_bench_search"
INDEX = "documents_document_search_trgm"
QUERIES = [
    ("a term every document has", "dân vận"),
    ("a rare term (one copy's number)", "so 20999"),
    ("no match", "không có chữ này xyz"),
    ("no term (the list)", ""),
]
COPY = """
INSERT INTO documents_document (unit_id, uploaded_by_id, sha256, original_name, size,
  format, pages, ocr_used, read_warnings, text, search_text, extraction, doc_type, number,
  number_key, issued_on, place, issuer, title, period_label, period_start, period_end,
  signer_name, signer_position, signer_authority, signer_on_behalf_of, recipients, year,
  imported_at, extracted_at)
SELECT unit_id, uploaded_by_id, md5(sha256 || g), original_name, size, format, pages,
  ocr_used, read_warnings, text, search_text || ' so ' || (g * %(n)s + row), extraction,
  doc_type, number, number_key, issued_on, place, issuer, title, period_label, period_start,
  period_end, signer_name, signer_position, signer_authority, signer_on_behalf_of,
  recipients, year, imported_at, extracted_at
FROM (SELECT *, row_number() OVER (ORDER BY id) AS row FROM documents_document) d,
  generate_series(1, %(copies)s) g
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=21000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("DATABASE_URL must name a PostgreSQL server (make pg-start)")
        return 2
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
            c.execute(f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{DB}"))
    os.environ.setdefault("DANVAN_DATA_DIR", f"/tmp/{DB}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from danvan.documents.models import Document

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    if not Document.objects.exists():
        call_command("demo", verbosity=0)
    have = Document.objects.count()
    if have < args.documents:
        started = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(COPY, {"n": have, "copies": (args.documents - have) // have})
            cur.execute("ANALYZE documents_document")
        print(
            f"copied to {Document.objects.count()} documents in {time.perf_counter() - started:.0f} s"
        )
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('documents_document')), "
            "pg_size_pretty(coalesce(pg_relation_size(to_regclass(%s)), 0))",
            [INDEX],
        )
        table, index = cur.fetchone()
    client = Client()
    client.force_login(get_user_model().objects.get(username="thamdinh.sldtbxh"))

    def timings(label: str) -> None:
        print(f"== {label}: {Document.objects.count()} documents, table {table} ==")
        for name, q in QUERIES:
            page = f"/van-ban/?q={quote_plus(q)}"
            client.get(page)
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                response = client.get(page)
                times.append((time.perf_counter() - t) * 1000)
            print(
                f"   {name:<34} HTTP {response.status_code}  "
                f"median {statistics.median(times):7.0f} ms  max {max(times):7.0f} ms"
            )

    timings(f"with the trigram index ({index})")
    with connection.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute(f"DROP INDEX {INDEX}")  # rolled back below: the database keeps it
        try:
            timings("without it (same data, index dropped inside a transaction)")
        finally:
            cur.execute("ROLLBACK")
    if args.drop:
        connection.close()
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
