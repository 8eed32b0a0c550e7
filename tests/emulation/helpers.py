"""Helpers shared by the emulation tests."""

from __future__ import annotations

import io

import docx


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)
