"""OCR with Tesseract (``-l vie``): scanned PDF pages and images.

Tesseract is run directly (image piped in as PGM, text read from stdout),
which keeps our overhead over bare tesseract small and lets a hung run be
killed at the file's deadline.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image, ImageFilter, ImageSequence

from danvan.core.extract.normalise import clean_pages, fix_ocr_confusions, to_nfc
from danvan.core.extract.readers.base import (
    ReadError,
    ReadLimits,
    ReadResult,
    check_deadline,
    report_pages,
    timeout_error,
)

_T = TypeVar("_T")
_R = TypeVar("_R")
MAX_IMAGE_PIXELS = 150_000_000  # 600 dpi A3 is 70 MP
# an image with fewer words read with confidence than this (and most of what Tesseract
# found noise) is a photo or a drawing, not a page of text
MIN_WELL_READ_WORDS = 10
NOT_A_DOCUMENT = (
    "Ảnh không phải trang văn bản (có thể là ảnh chụp người, cảnh vật hoặc hình vẽ): "
    "không nhận dạng được chữ nào đủ tin cậy."
)
LOW_CONFIDENCE = (
    "Độ tin cậy nhận dạng chữ thấp (ảnh mờ, chụp nghiêng hoặc có nhiều hình): "
    "cần đối chiếu lại với bản gốc."
)


@dataclass(frozen=True)
class OcrWord:
    """One word of Tesseract's TSV output, in image pixels."""

    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract grouped it

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Words (level 5 rows with text) of ``tesseract … tsv`` output, NFC, Đ repaired."""
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = to_nfc(fix_ocr_confusions(cells[11])).strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(c) for c in cells[6:10])
            conf = float(cells[10])
        except ValueError:
            continue
        words.append(
            OcrWord(
                left, top, width, height, conf, text, (int(cells[2]), int(cells[3]), int(cells[4]))
            )
        )
    return words


@functools.lru_cache(maxsize=8)
def tesseract_languages(cmd: str = "tesseract") -> frozenset[str]:
    """Languages the tesseract at ``cmd`` has; empty when it is not installed."""
    exe = shutil.which(cmd)
    if exe is None:
        return frozenset()
    try:
        result = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def ocr_available(cmd: str = "tesseract", language: str = "vie") -> bool:
    """True when Tesseract is installed with every language of ``language`` ("vie+eng")."""
    languages = tesseract_languages(cmd)
    return bool(languages) and all(part in languages for part in language.split("+"))


def soffice_available() -> bool:
    """True when LibreOffice (soffice) is on PATH."""
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def ocr_unavailable_error(limits: ReadLimits, what: str) -> ReadError:
    """``what``: the kind of input, e.g. "Tệp PDF không có lớp chữ (bản quét)"."""
    if not limits.ocr:
        reason = "chức năng nhận dạng chữ (OCR) đang tắt"
    elif not tesseract_languages(limits.tesseract_cmd):
        reason = "máy chủ chưa cài phần mềm nhận dạng chữ Tesseract OCR"
    else:
        reason = (
            f"Tesseract OCR chưa có dữ liệu ngôn ngữ “{limits.ocr_language}” "
            "(gói tesseract-ocr-vie)"
        )
    return ReadError("no_text_no_ocr", f"{what} nhưng {reason}, nên không đọc được chữ.")


def require_ocr(limits: ReadLimits, what: str) -> None:
    if not limits.ocr or not ocr_available(limits.tesseract_cmd, limits.ocr_language):
        raise ocr_unavailable_error(limits, what)


def prepare(image: Any) -> Any:
    """Greyscale and a 3×3 median filter: removes scan speckle before OCR. A colour scan
    is read through its red channel, where the red ink of seals and stamps turns to white
    and the black print and blue handwriting stay dark: a seal over the signature block
    otherwise hides the lines under it from Tesseract."""

    if image.mode in ("RGB", "RGBA", "CMYK", "P"):
        image = image.convert("RGB").getchannel("R")
    elif image.mode != "L":
        image = image.convert("L")
    return image.filter(ImageFilter.MedianFilter(3))


def _tesseract_env() -> dict[str, str]:
    """One OpenMP thread per tesseract unless the caller says otherwise: on a
    busy machine its spinning threads cost 3-5× the CPU for the same page,
    and parallelism comes from reading several files at once instead."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def run_tesseract(
    image: Any, limits: ReadLimits, deadline: float, dpi: int | None = None, output: str = "txt"
) -> str:
    """Tesseract's output for one PIL image (already prepared): plain text, or ``tsv``
    for word boxes. One OpenMP thread per run (see ``_tesseract_env``). A list of images
    is read in one run (the model loads once), each image a page of the ``tsv``."""
    if isinstance(image, list):
        with tempfile.TemporaryDirectory(prefix="danvan-ocr-") as folder:
            names = []
            for index, one in enumerate(image):
                names.append(str(Path(folder, f"{index}.ppm")))
                one.save(names[-1], format="PPM")
            listing = Path(folder, "pages.txt")
            listing.write_text("\n".join(names) + "\n", encoding="utf-8")
            return _tesseract(str(listing), b"", limits, deadline, dpi, output)
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return _tesseract("stdin", buffer.getvalue(), limits, deadline, dpi, output)


def _tesseract(
    source: str, data: bytes, limits: ReadLimits, deadline: float, dpi: int | None, output: str
) -> str:
    exe = shutil.which(limits.tesseract_cmd) or limits.tesseract_cmd
    language = "osd" if output == "osd" else limits.ocr_language
    args = [exe, source, "stdout", "-l", language]
    if output == "osd":  # the page's orientation only (Tesseract's OSD)
        args += ["--psm", "0"]
    if dpi:
        args += ["--dpi", str(dpi)]
    if output == "tsv":
        args.append("tsv")
    elif output in ("digits", "digits_tsv"):  # one line of digits (a handwritten number)
        args += ["--psm", "7", "-c", "tessedit_char_whitelist=0123456789"]
        args += ["tsv"] if output == "digits_tsv" else []
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise timeout_error(limits)
    try:
        result = subprocess.run(
            args,
            input=data,
            capture_output=True,
            timeout=remaining,
            check=False,
            env=_tesseract_env(),
        )
    except subprocess.TimeoutExpired:
        raise timeout_error(limits)
    except OSError:
        raise ocr_unavailable_error(limits, "Cần nhận dạng chữ (OCR)")
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ReadError(
            "ocr_failed",
            "Nhận dạng chữ (OCR) thất bại với tệp này" + (f" ({detail[0]})." if detail[0] else "."),
        )
    return result.stdout.decode("utf-8", "replace")


_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_ORIENTATION_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)
MIN_ORIENTATION_CONFIDENCE = 2.0


def page_rotation(image: Any, limits: ReadLimits, deadline: float, dpi: int | None) -> int:
    """Degrees (90, 180, 270) to turn a page clockwise to make it upright, by Tesseract's
    orientation detection; 0 when it is upright, or the detection is unsure or missing."""
    if "osd" not in tesseract_languages(limits.tesseract_cmd):
        return 0
    try:
        report = run_tesseract(image, limits, deadline, dpi, "osd")
    except ReadError as exc:
        if exc.code == "timeout":
            raise
        return 0  # too few letters to tell
    rotate = _ROTATE.search(report)
    confidence = _ORIENTATION_CONFIDENCE.search(report)
    if rotate is None or confidence is None:
        return 0
    if float(confidence.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360


def ocr_page_choice(pages: list[int], cap: int) -> list[int]:
    """The scanned pages to OCR when there are more than ``cap``: the first ones (letterhead,
    body) and the last one (signature), so a long scan stays within time and memory."""
    if cap <= 0 or len(pages) <= cap:
        return pages
    return pages[: max(0, cap - 1)] + pages[-1:]


def ocr_cap_warning(scanned: int, read: int) -> str:
    return (
        f"Tệp có {scanned} trang quét, vượt giới hạn nhận dạng chữ (OCR) {read} trang mỗi tệp: "
        f"đã đọc {read - 1} trang đầu và trang cuối; {scanned - read} trang ở giữa chưa được đọc."
    )


def ocr_workers(limits: ReadLimits) -> int:
    """Tesseract runs at once for one file: the caller's choice, else one per core."""
    if limits.ocr_workers > 0:
        return limits.ocr_workers
    return max(1, min(8, os.cpu_count() or 1))


def ocr_parallel(work: Callable[[_T], _R], items: Iterable[_T], limits: ReadLimits) -> Iterator[_R]:
    """``work`` over ``items`` with up to ``ocr_workers`` tesseract processes at once, results
    in order. Threads suffice: each waits on its own tesseract process, which does the work
    on its own core; the items (rendered pages) are made lazily, so at most a few bitmaps
    are held at once."""
    workers = ocr_workers(limits)
    if workers == 1:
        yield from map(work, items)
        return

    pending: list[Future[_R]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        try:
            for item in items:
                pending.append(pool.submit(work, item))
                while len(pending) > workers:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


@contextlib.contextmanager
def _open_image(path: Path) -> Iterator[Any]:
    """The image file, open; its faults as Vietnamese ReadErrors."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                yield image
    except ReadError:
        raise
    except Image.DecompressionBombError:
        raise ReadError("too_large", "Ảnh có kích thước điểm ảnh quá lớn, đã dừng đọc.")
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ReadError("corrupt", "Tệp ảnh bị hỏng hoặc không đầy đủ, không đọc được.")


def image_plan(frames: int, limits: ReadLimits) -> list[int]:
    """The frames (pages, from 0) of an image file that are OCR'd."""
    return ocr_page_choice(list(range(min(frames, limits.max_pages))), limits.max_ocr_pages)


def _frame_texts(
    image: Any, chosen: set[int], limits: ReadLimits, deadline: float
) -> Iterator[tuple[str, int, int]]:
    """(text, words read well, words read) of each chosen frame, in order; from
    ``limits.page_cache`` when it holds the frame, else recognised and put there."""
    # (the layout module uses this one's tesseract runner: a cycle at import time)
    from danvan.core.extract.readers.ocr_layout import image_page_text

    dpi_info = image.info.get("dpi")
    dpi = int(round(float(dpi_info[0]))) if dpi_info and dpi_info[0] else None
    if dpi is not None and not 70 <= dpi <= 1200:
        dpi = None
    cache = limits.page_cache
    done = 0
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        if index >= limits.max_pages:
            break
        if index not in chosen:
            continue
        check_deadline(deadline, limits)
        cached = cache.get(index) if cache is not None else None
        if isinstance(cached, list) and len(cached) == 3:
            page = (str(cached[0]), int(cached[1]), int(cached[2]))
        else:
            if frame.width * frame.height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(frame.size)  # a later frame
            page = image_page_text(frame.copy(), limits, deadline, dpi)
            if cache is not None:
                cache.put(index, list(page))
        done += 1
        report_pages(limits, done, len(chosen))
        yield page


def image_ocr_plan(path: Path, limits: ReadLimits, deadline: float) -> list[int]:
    if not (limits.ocr and ocr_available(limits.tesseract_cmd, limits.ocr_language)):
        return []
    with _open_image(path) as image:
        return image_plan(getattr(image, "n_frames", 1), limits)


def image_ocr_range(path: Path, pages: list[int], limits: ReadLimits, deadline: float) -> int:
    """OCR the frames ``pages`` into ``limits.page_cache``; returns how many."""
    require_ocr(limits, "Tệp ảnh cần nhận dạng chữ (OCR)")
    with _open_image(path) as image:
        return sum(1 for _ in _frame_texts(image, set(pages), limits, deadline))


class ImageReader:
    format = "image"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        require_ocr(limits, "Tệp ảnh cần nhận dạng chữ (OCR)")
        pages: list[str] = []
        well = words = 0
        with _open_image(path) as image:
            frames = getattr(image, "n_frames", 1)
            chosen = set(image_plan(frames, limits))
            for text, read_well, read in _frame_texts(image, chosen, limits, deadline):
                pages.append(text)
                well, words = well + read_well, words + read
        text = clean_pages(pages)
        if well < MIN_WELL_READ_WORDS and well < 0.3 * words:
            raise ReadError("not_a_document", NOT_A_DOCUMENT)
        if not text.strip():
            raise ReadError("no_text", "Không nhận dạng được chữ nào trong ảnh.")
        notes = ["Văn bản được nhận dạng từ ảnh (OCR), có thể còn lỗi chính tả."]
        if len(chosen) < frames:
            notes.append(ocr_cap_warning(frames, len(chosen)))
        if well < 0.6 * words:
            notes.append(LOW_CONFIDENCE)
        return ReadResult(
            text=text,
            format="image",
            pages=len(pages),
            ocr_used=True,
            ocr_pages=len(pages),
            ocr_first_page=True,
            ocr_last_page=True,
            warnings=notes,
        )
