"""Readers: one per file type, behind the ``Reader`` protocol.

``reader_for(fmt)`` returns the reader for a format found by
``sniff_format``; heavy libraries (python-docx, pdfplumber, Pillow) are
imported only when a reader of that type runs.
"""

from __future__ import annotations

import importlib
from typing import Any

from danvan.core.extract.readers.base import (
    MB,
    Reader,
    ReadError,
    ReadLimits,
    ReadResult,
)
from danvan.core.extract.readers.sniff import mismatch_warning, sniff_format
from danvan.core.soffice import soffice_available

_READERS = {
    "txt": ("danvan.core.extract.readers.text_reader", "TextReader"),
    "docx": ("danvan.core.extract.readers.docx_reader", "DocxReader"),
    "pdf": ("danvan.core.extract.readers.pdf_reader", "PdfReader"),
    "image": ("danvan.core.extract.readers.ocr", "ImageReader"),
    "doc": ("danvan.core.extract.readers.office_reader", "DocReader"),
    "odt": ("danvan.core.extract.readers.office_reader", "OdtReader"),
    "rtf": ("danvan.core.extract.readers.office_reader", "RtfReader"),
    "html": ("danvan.core.extract.readers.html_reader", "HtmlReader"),
}
FORMATS = tuple(_READERS)


def __getattr__(name: str) -> Any:
    """``ocr_available`` lives with the OCR reader, which loads Pillow: it is looked up on
    first use, so that reading a .txt file loads no image library."""
    if name == "ocr_available":
        return importlib.import_module("danvan.core.extract.readers.ocr").ocr_available
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reader_for(fmt: str) -> Reader:
    module_name, class_name = _READERS[fmt]
    reader: Reader = getattr(importlib.import_module(module_name), class_name)()
    return reader


__all__ = [
    "FORMATS",
    "MB",
    "ReadError",
    "ReadLimits",
    "ReadResult",
    "Reader",
    "mismatch_warning",
    "ocr_available",
    "reader_for",
    "sniff_format",
    "soffice_available",
]
