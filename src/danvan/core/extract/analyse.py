"""The text-analysis pipeline: plain text in, danvan.extraction/1 dict out."""

from __future__ import annotations

from typing import Any

SCHEMA = "danvan.extraction/1"


def analyse(text: str, source: str) -> dict[str, Any]:
    """Analyse one document's text (already NFC); offsets index into ``text``."""
    return {
        "schema": SCHEMA,
        "source": source,
        "document": {
            "doc_type": None,
            "number": None,
            "issued_on": None,
            "place": None,
            "issuer": None,
            "title": None,
            "period": None,
            "recipients": [],
            "signer": None,
        },
        "citations": [],
        "figures": [],
        "checks": [],
    }
