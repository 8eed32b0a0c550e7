"""Optional external tools: are they here, and what is degraded without them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ToolStatus:
    name: str
    present: bool
    detail: str
    degraded: str  # what does not work without it (Vietnamese)


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else ""


def libreoffice() -> ToolStatus:
    path = shutil.which(settings.DANVAN_SOFFICE)
    return ToolStatus(
        "LibreOffice (soffice)",
        bool(path),
        _version([path, "--version"]) if path else "không tìm thấy",
        "Không chuyển được văn bản sang PDF (vẫn tạo được DOCX).",
    )


def tesseract() -> ToolStatus:
    path = shutil.which(settings.DANVAN_TESSERACT)
    if not path:
        return ToolStatus(
            "Tesseract OCR",
            False,
            "không tìm thấy",
            "Không đọc được bản scan và ảnh (PDF có lớp chữ, DOCX, TXT vẫn đọc được).",
        )
    langs = _version_list([path, "--list-langs"])
    has_vie = "vie" in langs
    return ToolStatus(
        "Tesseract OCR",
        has_vie,
        f"{_version([path, '--version'])}; tiếng Việt (vie): {'có' if has_vie else 'không có'}",
        "Không đọc được bản scan tiếng Việt (cần gói tesseract-ocr-vie).",
    )


def _version_list(cmd: list[str]) -> list[str]:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.strip() for line in (out.stdout + out.stderr).splitlines()]


def pdftoppm() -> ToolStatus:
    path = shutil.which("pdftoppm")
    return ToolStatus(
        "Poppler (pdftoppm)",
        bool(path),
        path or "không tìm thấy",
        "Không tạo được ảnh xem trước trang PDF.",
    )


def all_tools() -> list[ToolStatus]:
    return [libreoffice(), tesseract(), pdftoppm()]
