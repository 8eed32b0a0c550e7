"""The text-analysis pipeline: plain text in, danvan.extraction/1 dict out.

Steps, each a function over plain data that can be tested alone:
document (header/footer) → period → citations → figures → checks.
"""

from __future__ import annotations

from typing import Any

from danvan.core.extract.checks import run_checks
from danvan.core.extract.citations import find_citations
from danvan.core.extract.document import issuer_from_body, read_document
from danvan.core.extract.figures import NumberNote, find_figures
from danvan.core.extract.periods import Period, find_periods
from danvan.core.extract.textmap import FlatText
from danvan.core.text import collapse_ws

SCHEMA = "danvan.extraction/1"


def document_period(
    title: str | None, flat: str, body_start: int, default_year: int | None
) -> Period | None:
    """The period the document reports on or plans for: the first one in the trích yếu,
    else the first one in the opening of the body."""
    if title:
        found = find_periods(title, default_year)
        if found:
            return found[0]
    opening = flat[body_start : body_start + 1500]
    found = [p for p in find_periods(opening, default_year) if "giai đoạn" not in p.label.lower()]
    if found:
        return found[0]
    return None


def analyse(text: str, source: str) -> dict[str, Any]:
    """Analyse one document's text (already NFC); offsets index into ``text``."""
    flat = FlatText.of(text)
    info = read_document(text)
    if info.issuer is None:
        info.issuer = issuer_from_body(flat.text, info.doc_type)
    body_flat_start = len(collapse_ws(text[: info.body_start]))
    default_year = info.issued_on.year if info.issued_on else None
    period = document_period(info.title, flat.text, body_flat_start, default_year)
    citations = find_citations(text, flat, own_number=info.number)
    notes: list[NumberNote] = []
    figures = find_figures(text, flat, info, period, notes)
    checks = run_checks(text, flat, info, period, citations, figures, notes)
    return {
        "schema": SCHEMA,
        "source": source,
        "document": {
            "doc_type": info.doc_type,
            "number": info.number,
            "issued_on": info.issued_on.isoformat() if info.issued_on else None,
            "place": info.place,
            "issuer": info.issuer,
            "title": info.title,
            "period": period.as_dict() if period else None,
            "recipients": info.recipients,
            "signer": info.signer.as_dict() if info.signer else None,
        },
        "citations": [c.as_dict() for c in citations],
        "figures": [f.as_dict() for f in figures],
        "checks": [c.as_dict() for c in checks],
    }
