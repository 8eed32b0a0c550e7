"""From a path to the extraction object: check, sniff, read, analyse.

``read_path`` gives the text (for the archive, which stores it);
``extract_path`` gives the danvan.extraction/1 object, or an object with
``"error"`` set to a Vietnamese message when the file cannot be read.

Readers other than plain text run in a child process (fork) that is killed,
with anything it started, when the file's time limit passes; the parent
never holds a big PDF's parsed pages.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import multiprocessing
import os
import signal
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from danvan.core.extract.analyse import analyse
from danvan.core.extract.readers import (
    ReadError,
    ReadLimits,
    ReadResult,
    mismatch_warning,
    reader_for,
    sniff_format,
)
from danvan.core.extract.readers.base import StopReading, size_mb, timeout_error

log = logging.getLogger("danvan.extract")

_T = TypeVar("_T")
SCHEMA = "danvan.extraction/1"
HEAD_BYTES = 8192
INTERNAL_MESSAGE = (
    "Lỗi không mong đợi khi đọc tệp; tệp có thể bị hỏng hoặc có cấu trúc lạ. "
    "Hãy thử lưu lại tệp ở định dạng khác (.docx hoặc .pdf)."
)
_READER_MODULES = {
    "docx": "danvan.core.extract.readers.docx_reader",
    "pdf": "danvan.core.extract.readers.pdf_reader",
    "image": "danvan.core.extract.readers.ocr",
    "doc": "danvan.core.extract.readers.office_reader",
    "odt": "danvan.core.extract.readers.office_reader",
    "rtf": "danvan.core.extract.readers.office_reader",
}


def source_name(path: str | os.PathLike[str]) -> str:
    """The file's base name as printable NFC text (odd bytes replaced)."""
    raw = os.fspath(path)
    name = Path(raw).name or raw
    fixed = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", fixed)


def _check_file(path: Path, limits: ReadLimits) -> bytes:
    """The file's first bytes, after the checks that need no parsing."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError("missing", "Không tìm thấy tệp (đường dẫn sai hoặc tệp đã bị xóa).")
    except PermissionError:
        raise ReadError("permission", "Không có quyền truy cập tệp này.")
    except (OSError, ValueError):
        raise ReadError("missing", "Không mở được tệp: đường dẫn không hợp lệ.")
    if path.is_dir():
        raise ReadError("directory", "Đường dẫn là một thư mục, không phải tệp.")
    if not path.is_file():
        raise ReadError("not_a_file", "Đường dẫn không phải một tệp thông thường.")
    if st.st_size == 0:
        raise ReadError("empty", "Tệp rỗng (0 byte), không có nội dung để đọc.")
    if st.st_size > limits.max_file_bytes:
        raise ReadError(
            "too_large",
            f"Tệp quá lớn ({size_mb(st.st_size)} MB), vượt giới hạn "
            f"{size_mb(limits.max_file_bytes)} MB.",
        )
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except PermissionError:
        raise ReadError("permission", "Không có quyền đọc tệp này.")
    except OSError:
        raise ReadError("missing", "Không mở được tệp để đọc.")


def read_path(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> ReadResult:
    """Read one file into NFC text. Raises ReadError (Vietnamese ``message``)."""
    limits = limits or ReadLimits()
    file = Path(path)
    deadline = time.monotonic() + limits.timeout_s
    head = _check_file(file, limits)
    fmt = sniff_format(file, head)
    if fmt in ("txt", "html") or not limits.isolate:
        result = _read_here(file, fmt, limits, deadline)
    else:
        result = _isolated(_read_here, file, fmt, limits, deadline)
    warning = mismatch_warning(file, fmt)
    if warning:
        result.warnings.insert(0, warning)
    return result


# -- long scans: which pages need OCR, and OCR of a range of them into the page cache,
# so that several workers share one file's pages


def ocr_plan(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> list[int]:
    """The pages (from 0) reading the file would OCR; empty for other files."""
    limits = limits or ReadLimits()
    file = Path(path)
    fmt = sniff_format(file, _check_file(file, limits))
    if fmt not in _OCR_RANGES:
        return []
    return _run(_plan_here, file, fmt, limits, time.monotonic() + limits.timeout_s)


def ocr_range(path: str | os.PathLike[str], pages: list[int], limits: ReadLimits) -> int:
    """OCR these pages of a scan into ``limits.page_cache``; returns how many. Raises
    ReadError, as reading does."""
    file = Path(path)
    fmt = sniff_format(file, _check_file(file, limits))
    if fmt not in _OCR_RANGES:
        return 0
    read = functools.partial(_range_here, pages=list(pages))
    return _run(read, file, fmt, limits, time.monotonic() + limits.timeout_s)


_OCR_RANGES = {
    "pdf": ("danvan.core.extract.readers.pdf_reader", "ocr_plan", "ocr_range"),
    "image": ("danvan.core.extract.readers.ocr", "image_ocr_plan", "image_ocr_range"),
}


def _plan_here(path: Path, fmt: str, limits: ReadLimits, deadline: float) -> list[int]:
    module, plan, _ = _OCR_RANGES[fmt]
    return _guarded(getattr(importlib.import_module(module), plan), path, fmt, limits, deadline)


def _range_here(path: Path, fmt: str, limits: ReadLimits, deadline: float, pages: list[int]) -> int:
    module, _, ocr = _OCR_RANGES[fmt]
    read = getattr(importlib.import_module(module), ocr)
    return _guarded(lambda p, lim, d: read(p, pages, lim, d), path, fmt, limits, deadline)


def _run(work: Callable[..., _T], path: Path, fmt: str, limits: ReadLimits, deadline: float) -> _T:
    if limits.isolate:
        return _isolated(work, path, fmt, limits, deadline)
    return work(path, fmt, limits, deadline)


def _read_here(path: Path, fmt: str, limits: ReadLimits, deadline: float) -> ReadResult:
    return _guarded(reader_for(fmt).read, path, fmt, limits, deadline)


def _guarded(
    work: Callable[[Path, ReadLimits, float], _T],
    path: Path,
    fmt: str,
    limits: ReadLimits,
    deadline: float,
) -> _T:
    """``work``, its unexpected failures turned into Vietnamese ReadErrors."""
    try:
        return work(path, limits, deadline)
    except (ReadError, StopReading):
        raise
    except MemoryError:
        raise ReadError("too_large", "Tệp cần quá nhiều bộ nhớ để đọc, đã dừng.")
    except Exception:
        log.exception("reader %s failed on %s", fmt, path.name)
        raise ReadError("internal", INTERNAL_MESSAGE)


class _PipeProgress:
    """The child's progress callback: each report goes to the parent over the pipe."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __call__(self, done: int, total: int, stage: str) -> None:
        self.conn.send(("progress", done, total, stage))


def _child(
    conn: Any, work: Callable[..., Any], path: str, fmt: str, limits: ReadLimits, deadline: float
) -> None:
    try:
        os.setpgrp()  # so a timeout kills tesseract and friends too
    except OSError:
        pass
    try:
        result = work(Path(path), fmt, limits, deadline)
        conn.send(("ok", result))
    except ReadError as exc:
        conn.send(("error", exc.code, exc.message))
    except BaseException:  # pragma: no cover - last resort, the parent reports it
        conn.send(("error", "internal", INTERNAL_MESSAGE))
    finally:
        conn.close()


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _isolated(
    work: Callable[..., _T], path: Path, fmt: str, limits: ReadLimits, deadline: float
) -> _T:
    """``work(path, fmt, limits, deadline)`` in a child process killed at the deadline;
    its page progress relayed to ``limits.progress`` here."""

    # Import the reader here first: forked children inherit the loaded library.
    importlib.import_module(_READER_MODULES[fmt])
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child_limits = dataclasses.replace(
        limits, progress=_PipeProgress(sender) if limits.progress else None
    )
    process = context.Process(
        target=_child, args=(sender, work, str(path), fmt, child_limits, deadline), daemon=True
    )
    try:
        process.start()
    except (AssertionError, OSError):
        # Daemonic pool workers may not start children: read here instead.
        log.warning("could not start a reader process; reading %s in-process", path.name)
        sender.close()
        receiver.close()
        return work(path, fmt, limits, deadline)
    sender.close()
    message: tuple[Any, ...] | None = None
    finished = False
    try:
        while message is None:
            # A little grace so the child's own deadline check reports first.
            if not receiver.poll(max(0.0, deadline - time.monotonic()) + 1.0):
                raise timeout_error(limits)
            try:
                received = receiver.recv()
            except (EOFError, OSError):
                break
            if received[0] == "progress":
                if limits.progress is not None:
                    limits.progress(*received[1:])
                continue
            message = received
        finished = True
        if message is None and process.is_alive():
            process.join(1.0)
    finally:
        receiver.close()
        if not finished and process.pid is not None:
            _kill_group(process.pid)  # timed out, or the caller stopped the read
        process.join(5.0)
        if process.is_alive() and process.pid is not None:
            _kill_group(process.pid)
            process.join()
    if message is None:
        log.error("reader process for %s ended with code %s", path.name, process.exitcode)
        if process.exitcode is not None and process.exitcode < 0:
            raise ReadError(
                "internal",
                "Trình đọc tệp bị dừng đột ngột (tệp quá nặng hoặc bị hỏng), không đọc được.",
            )
        raise ReadError("internal", INTERNAL_MESSAGE)
    if message[0] == "ok":
        result: _T = message[1]
        return result
    raise ReadError(message[1], message[2])


def error_object(source: str, message: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "source": source, "error": message}


def extract_path(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> dict[str, Any]:
    """The danvan.extraction/1 object for one file; never raises for bad input."""
    return read_and_extract(path, limits)[1]


def read_and_extract(
    path: str | os.PathLike[str], limits: ReadLimits | None = None
) -> tuple[ReadResult | None, dict[str, Any]]:
    """Both the text (to store and show; offsets point into it) and the
    extraction object; the ReadResult is None when the file could not be read."""
    source = source_name(path)
    try:
        result = read_path(path, limits)
    except ReadError as exc:
        return None, error_object(source, exc.message)
    ocr = (result.ocr_first_page, result.ocr_last_page)
    return result, analyse_text(result.text, source, ocr)


def analyse_text(text: str, source: str, ocr: tuple[bool, bool] = (False, False)) -> dict[str, Any]:
    """Run the analysis; a failure becomes an error object, logged in English."""

    try:
        return analyse(text, source, ocr)
    except Exception:
        log.exception("analysis failed on %s", source)
        return error_object(
            source,
            "Đọc được tệp nhưng gặp lỗi khi phân tích nội dung văn bản; "
            "hãy báo cho quản trị hệ thống.",
        )
