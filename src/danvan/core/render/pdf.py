"""DOCX → PDF through LibreOffice, and PDF page → PNG through pdftoppm.

Each conversion gets its own LibreOffice profile (two soffice processes
sharing one profile fail: ../shared/reference/stack-notes.md) and runs in its
own process group, so a hung soffice and its children are killed together.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from danvan.core.soffice import (
    ConversionError,
    output_tail,
    run_group,
    soffice_available,
    soffice_convert,
)

__all__ = ["ConversionError", "convert_to_pdf", "pdf_page_png", "soffice_available"]


def convert_to_pdf(docx_bytes: bytes, soffice: str = "soffice", timeout_s: float = 60) -> bytes:
    """The PDF LibreOffice makes of ``docx_bytes``; ConversionError when it cannot."""
    pdf = soffice_convert(docx_bytes, ".docx", "pdf", soffice=soffice, timeout_s=timeout_s)
    if not pdf.startswith(b"%PDF"):
        raise ConversionError("LibreOffice không tạo được tệp PDF từ văn bản này.")
    return pdf


def pdf_page_png(
    pdf_bytes: bytes,
    page: int = 1,
    dpi: int = 80,
    pdftoppm: str = "pdftoppm",
    timeout_s: float = 30,
) -> bytes:
    """One page of a PDF as PNG (a preview); ConversionError for a missing tool or page."""
    if page < 1:
        raise ConversionError(f"Số trang phải từ 1 trở lên, không phải {page}.")
    if shutil.which(pdftoppm) is None:
        raise ConversionError(
            "Máy chủ chưa cài pdftoppm (poppler-utils) nên không tạo được ảnh xem trước."
        )
    with tempfile.TemporaryDirectory(prefix="danvan-png-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf_bytes)
        prefix = Path(tmp) / "page"
        args = [
            pdftoppm,
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            str(source),
            str(prefix),
        ]
        try:
            result = run_group(args, timeout_s, cwd=tmp)
        except subprocess.TimeoutExpired:
            raise ConversionError("Tạo ảnh xem trước quá lâu nên đã dừng.") from None
        png = prefix.with_suffix(".png")
        if result.returncode != 0 or not png.exists():
            raise ConversionError(
                f"Không tạo được ảnh trang {page} của tệp PDF.", output_tail(result.stderr)
            )
        return png.read_bytes()
