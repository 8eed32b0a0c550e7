"""PDF: the text layer through pdfplumber, page by page; pages without
usable text go through OCR (rendered with pypdfium2) when it is available."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from danvan.core.extract.normalise import clean_pages, normalise_extracted
from danvan.core.extract.readers.base import (
    ReadError,
    ReadLimits,
    ReadResult,
    check_deadline,
)
from danvan.core.extract.readers.ocr import (
    ocr_available,
    ocr_image,
    ocr_unavailable_error,
    prepare,
)
from danvan.core.text import fold

ENCRYPTED_MESSAGE = (
    "Tệp PDF được bảo vệ bằng mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi nạp lại."
)
CORRUPT_MESSAGE = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được."
_CID = re.compile(r"\(cid:\d+\)")
_WORDCHAR = re.compile(r"\w")
MIN_PAGE_CHARS = 8


def _is_password_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
        if current is None and exc.args and isinstance(exc.args[0], BaseException):
            current = exc.args[0]
    return False


def usable_text(text: str) -> bool:
    """A text layer worth keeping: enough word characters, not font codes."""
    cids = len(_CID.findall(text))
    cleaned = _CID.sub("", text)
    letters = len(_WORDCHAR.findall(cleaned))
    return letters >= MIN_PAGE_CHARS and cids <= letters / 10


# -- page layout: lines from words; the two-column blocks of a letterhead and
# of the "Nơi nhận" / signature area are read column by column, like the
# table cells of the .docx they usually come from.

Y_TOLERANCE = 3.0
LETTERHEAD_LINES = 6
MAX_LETTERHEAD_ROWS = 8


@dataclass
class Segment:
    x0: float
    x1: float
    text: str


def page_lines(words: list[dict[str, Any]]) -> list[list[Segment]]:
    """Words (pdfplumber dicts) → lines top to bottom, each a list of segments
    split where the horizontal gap is wider than two line heights."""
    lines: list[list[dict[str, Any]]] = []
    last_top: float | None = None
    for word in sorted(words, key=lambda w: (round(float(w["top"]), 1), float(w["x0"]))):
        top = float(word["top"])
        if last_top is None or top - last_top > Y_TOLERANCE:
            lines.append([])
        lines[-1].append(word)
        last_top = top
    result: list[list[Segment]] = []
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))
        height = max(float(w["bottom"]) - float(w["top"]) for w in line)
        segments: list[Segment] = []
        for word in line:
            x0, x1 = float(word["x0"]), float(word["x1"])
            if segments and x0 - segments[-1].x1 <= 2 * height:
                segments[-1].x1 = x1
                segments[-1].text += " " + word["text"]
            else:
                segments.append(Segment(x0, x1, word["text"]))
        result.append(segments)
    return result


def _is_recipients(segment: Segment) -> bool:
    return fold(segment.text).startswith("noi nhan")


_NUMBER_LINE = re.compile(r"^\s*s[oố]\s*:", re.I)
_DATE_LINE = re.compile(r"ngày\s+\S+\s+tháng\s+\S+\s+năm", re.I)
_SUBJECT_LINE = re.compile(r"^\s*v/v\b", re.I)


def layout_text(lines: list[list[Segment]], first_page: bool) -> str:
    """Page text; two-column letterhead/signature blocks come out column by column.

    Letterhead: the first lines of the first page, while the left block has
    not yet given its "Số:" line and the right block its date (a "V/v" subject
    under the number still belongs to the left block). Signature: from the
    "Nơi nhận:" line down while lines stay within one of the two columns.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        letterhead = first_page and i < LETTERHEAD_LINES
        if not (len(line) == 2 and (letterhead or _is_recipients(line[0]))):
            out.append(" ".join(segment.text for segment in line))
            i += 1
            continue
        left_end, right_start = line[0].x1, line[1].x0
        left: list[str] = [line[0].text]
        right: list[str] = [line[1].text]
        seen_number = bool(_NUMBER_LINE.match(line[0].text))
        seen_date = bool(_DATE_LINE.search(line[1].text))
        in_subject = bool(_SUBJECT_LINE.match(line[0].text))
        start = i
        i += 1
        while i < len(lines) and not (letterhead and i - start >= MAX_LETTERHEAD_ROWS):
            segments = lines[i]
            first = segments[0]
            header_done = letterhead and seen_number and seen_date
            if len(segments) == 2 and first.x1 < right_start + 1 and segments[1].x0 > left_end - 1:
                left.append(first.text)
                right.append(segments[1].text)
                seen_date = seen_date or bool(_DATE_LINE.search(segments[1].text))
            elif (
                len(segments) == 1
                and first.x1 < right_start
                and (not header_done or in_subject or _SUBJECT_LINE.match(first.text))
            ):
                left.append(first.text)
                in_subject = in_subject or bool(_SUBJECT_LINE.match(first.text))
            elif len(segments) == 1 and first.x0 > left_end and not header_done:
                right.append(first.text)
                seen_date = seen_date or bool(_DATE_LINE.search(first.text))
            else:
                break
            seen_number = seen_number or bool(_NUMBER_LINE.match(first.text))
            i += 1
        out.extend(left + right)
    return "\n".join(out)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        import pdfplumber  # lazy: keeps `danvan extract` on .txt light

        try:
            pdf = pdfplumber.open(path)
        except Exception as exc:
            if _is_password_error(exc):
                raise ReadError("encrypted", ENCRYPTED_MESSAGE)
            raise ReadError("corrupt", CORRUPT_MESSAGE)
        warnings: list[str] = []
        texts: list[str] = []
        needs_ocr: list[int] = []
        with pdf:
            try:
                pages = pdf.pages
            except Exception as exc:
                if _is_password_error(exc):
                    raise ReadError("encrypted", ENCRYPTED_MESSAGE)
                raise ReadError("corrupt", CORRUPT_MESSAGE)
            if len(pages) > limits.max_pages:
                raise ReadError(
                    "too_large",
                    f"Tệp PDF có {len(pages)} trang, vượt giới hạn {limits.max_pages} trang.",
                )
            unreadable = 0
            for index, page in enumerate(pages):
                check_deadline(deadline, limits)
                try:
                    words = page.extract_words(x_tolerance=3, y_tolerance=Y_TOLERANCE)
                    text = layout_text(page_lines(words), first_page=index == 0)
                    has_images = bool(page.images)
                except Exception:
                    text, has_images = "", True
                    unreadable += 1
                finally:
                    # Drop the page's parsed objects: memory stays flat on long PDFs.
                    page.close()
                if usable_text(text):
                    texts.append(text)
                else:
                    texts.append("")
                    if has_images or text.strip():
                        needs_ocr.append(index)
            page_count = len(pages)
        if unreadable:
            warnings.append(f"{unreadable} trang PDF bị lỗi cấu trúc, đã bỏ qua lớp chữ.")
        ocr_used = False
        if needs_ocr:
            if limits.ocr and ocr_available(limits.tesseract_cmd, limits.ocr_language):
                self._ocr_pages(path, needs_ocr, texts, limits, deadline)
                ocr_used = True
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang không có lớp chữ, đã nhận dạng bằng "
                    "OCR; có thể còn lỗi chính tả."
                )
            elif not any(t.strip() for t in texts):
                raise ocr_unavailable_error(limits, "Tệp PDF không có lớp chữ (bản quét)")
            else:
                warnings.append(
                    f"{len(needs_ocr)}/{page_count} trang là ảnh quét nhưng không có OCR "
                    "nên đã bỏ qua các trang này."
                )
        text = normalise_extracted(clean_pages(texts))
        if not text.strip():
            raise ReadError("no_text", "Tệp PDF không có chữ nào đọc được.")
        return ReadResult(
            text=text, format="pdf", pages=page_count, warnings=warnings, ocr_used=ocr_used
        )

    @staticmethod
    def _ocr_pages(
        path: Path, indexes: list[int], texts: list[str], limits: ReadLimits, deadline: float
    ) -> None:
        import pypdfium2 as pdfium

        try:
            document: Any = pdfium.PdfDocument(str(path))
        except Exception:
            raise ReadError("corrupt", CORRUPT_MESSAGE)
        try:
            scale = limits.ocr_dpi / 72
            for index in indexes:
                check_deadline(deadline, limits)
                page = document[index]
                try:
                    image = page.render(scale=scale, grayscale=True).to_pil()
                finally:
                    page.close()
                texts[index] = ocr_image(prepare(image), limits, deadline, limits.ocr_dpi)
        finally:
            document.close()
