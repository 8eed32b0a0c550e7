"""What every reader shares: limits in, a ReadResult or a ReadError out."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

MB = 1024 * 1024

# (pages done, pages to do, stage): "layer" while the text layer is read, "ocr" while
# pages are recognised. Called in the reading process's main thread.
PageProgress = Callable[[int, int, str], None]


class PageCache(Protocol):
    """Recognised pages kept between runs and processes (a long scan's pages are OCR'd
    by several workers, then read from here). Values are JSON-able."""

    def get(self, page: int) -> Any | None: ...

    def put(self, page: int, value: Any) -> None: ...


class StopReading(Exception):
    """Raised by a progress callback to stop the read (the job was taken over); readers
    and the pipeline let it through untouched."""


@dataclass(frozen=True)
class ReadLimits:
    """How much a reader may take on for one file. Built by the caller."""

    max_file_bytes: int = 100 * MB
    max_unzipped_bytes: int = 200 * MB  # docx: total of the zip's parts
    timeout_s: float = 120.0
    ocr: bool = True
    ocr_language: str = "vie"
    # 200 dpi: on the nine real scans (bench/score_real.py) the header read better than at
    # 300 dpi (0.93 vs 0.84 in the printed view, same code) for about half the CPU
    ocr_dpi: int = 200
    ocr_workers: int = 0  # tesseract runs at once per file; 0: one per core
    tesseract_cmd: str = "tesseract"
    soffice_cmd: str = "soffice"  # converts .doc, .odt and .rtf to .docx
    max_pages: int = 2000
    # scanned pages OCR'd per file (the first ones and the last): a 200-page scan stays
    # within time and memory; 0: no cap
    max_ocr_pages: int = 60
    # Run non-text readers in a child process that is killed at the timeout.
    isolate: bool = True
    progress: PageProgress | None = field(default=None, compare=False, repr=False)
    page_cache: PageCache | None = field(default=None, compare=False, repr=False)


@dataclass
class ReadResult:
    """The text of one file, NFC; offsets of the analysis refer to it."""

    text: str
    format: str  # "txt", "docx", "pdf", "image", "doc", "odt", "rtf", "html"
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    ocr_used: bool = False
    ocr_pages: int = 0  # pages read by OCR
    # where the header (first page) and the signature (last page read) came from
    ocr_first_page: bool = False
    ocr_last_page: bool = False
    encoding: str | None = None


class ReadError(Exception):
    """A file could not be read. ``message`` is Vietnamese, for the user;
    ``code`` is a stable English slug for programs and logs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (ReadError, (self.code, self.message))


class Reader(Protocol):
    """One file type. ``deadline`` is a time.monotonic() value to stop by."""

    format: str

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult: ...


def report_pages(limits: ReadLimits, done: int, total: int, stage: str = "ocr") -> None:
    if limits.progress is not None:
        limits.progress(done, total, stage)


def check_deadline(deadline: float, limits: ReadLimits) -> None:
    if time.monotonic() > deadline:
        raise timeout_error(limits)


def timeout_error(limits: ReadLimits) -> ReadError:
    seconds = f"{limits.timeout_s:g}"
    return ReadError(
        "timeout",
        f"Đọc tệp quá thời gian cho phép ({seconds} giây) nên đã dừng. "
        "Tệp có thể quá lớn hoặc bị hỏng.",
    )


def size_mb(n: int) -> str:
    """Vietnamese notation: 1,5 MB."""
    value = n / MB
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return text.replace(".", ",").removesuffix(",0")
