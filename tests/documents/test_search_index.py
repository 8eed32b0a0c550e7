"""The archive's substring search has an index on PostgreSQL (documents 0002)."""

from django.db import connection

from danvan.core.text import fold
from danvan.documents import services
from danvan.documents.models import Document

INDEX = "documents_document_search_trgm"


def _index_names() -> set[str]:
    with connection.cursor() as cur:
        return set(connection.introspection.get_constraints(cur, "documents_document"))


def test_the_folded_text_has_a_trigram_index_on_postgresql_and_sqlite_has_none(db):
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
            (definition,) = cur.fetchone()
        assert "gin" in definition and "gin_trgm_ops" in definition
        assert "search_text" in definition
    else:
        assert INDEX not in _index_names()


def test_the_indexed_search_still_matches_inside_words(admin_user, units, samples):
    """A trigram index must not turn the substring match into a word match:
    a piece of a word still finds the document (re-checked by LIKE)."""
    imported = services.import_path(admin_user, units["ttdvvl"], samples["dvk"])
    doc = Document.objects.get(pk=imported.document_id)
    word = max(doc.search_text.split(), key=len)
    piece = word[1:-1]
    assert len(piece) >= 3
    found = services.search_documents(admin_user, {"q": piece})
    assert doc in found
    assert fold(piece) == piece
