"""Extraction: read an administrative document and pull out its facts.

``analyse(text, source)`` turns plain NFC text into the danvan.extraction/1
object (../shared/spec/extraction.md). Readers (txt/docx/pdf/OCR) live in
``readers/``.
"""

from __future__ import annotations

from danvan.core.extract.analyse import SCHEMA, analyse

__all__ = ["SCHEMA", "analyse"]
