"""PDF: the text layer through pdfplumber, page by page; pages without
usable text go through OCR (rendered with pypdfium2) when it is available."""

from __future__ import annotations

import re
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
                    text = page.extract_text() or ""
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
