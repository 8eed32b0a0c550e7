"""A trigram index on the folded search text, on PostgreSQL only.

The archive search is a diacritic-blind substring match (``search_text LIKE
'%term%'``). Without an index PostgreSQL reads every document's text for each
search: 8–15 s at 21,000 documents on the benchmark machine. pg_trgm's GIN index
answers the same LIKE (same results: the index gives candidates, the LIKE is
re-checked) in 60 ms for a rare term and about 1 s for a term every document has
(bench/bench_archive_search.py). pg_trgm is a trusted extension (PostgreSQL 13+):
the database owner may create it. SQLite keeps scanning, which suits the embedded
single-unit default.
"""

from django.db import migrations

INDEX = "documents_document_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON documents_document "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
