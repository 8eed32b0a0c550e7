"""Is a newly read file the same document as one already in the archive?

The same report saved as DOCX and as PDF has different bytes (so a different
SHA-256) but the same content. Two documents of one unit are the same when
their identifying fields agree (type, number and date of issue; or, without a
number, type, year and trích yếu) and their normalised texts share nearly all
word sequences: page numbers, line breaks, hyphenation and running headers
that differ between formats do not matter, a different figure or paragraph does.
"""

from __future__ import annotations

import re
import unicodedata

from .models import Document

# Share of word trigrams two texts must have in common (Jaccard index).
SAME_TEXT = 0.9
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    words = [w for w in words if not w.isdigit() or len(w) > 2]  # page numbers
    return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}


def similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def same_content(doc: Document) -> Document | None:
    """An archived document of the same unit with the same content as the
    unsaved `doc` (fields filled from its extraction), if any."""
    candidates = Document.objects.filter(unit_id=doc.unit_id, doc_type=doc.doc_type)
    if doc.number_key and doc.issued_on:
        candidates = candidates.filter(number_key=doc.number_key, issued_on=doc.issued_on)
    elif doc.title and doc.year:
        candidates = candidates.filter(title=doc.title, year=doc.year)
    else:
        return None
    for other in candidates.order_by("pk")[:5]:
        if similarity(doc.text, other.text) >= SAME_TEXT:
            return other
    return None
