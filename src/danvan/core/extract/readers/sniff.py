"""Tell a file's type from its bytes; the extension is only a hint."""

from __future__ import annotations

import zipfile
from pathlib import Path

from danvan.core.extract.readers.base import ReadError

EXTENSION_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".bmp": "image",
    ".gif": "image",
    ".webp": "image",
}
FORMAT_LABELS = {
    "txt": "văn bản thuần (.txt)",
    "docx": "Word (.docx)",
    "pdf": "PDF",
    "image": "ảnh",
}
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def expected_format(path: Path) -> str | None:
    return EXTENSION_FORMATS.get(path.suffix.lower())


def _corrupt(expected: str | None) -> ReadError:
    if expected == "docx":
        return ReadError(
            "corrupt",
            "Tệp .docx bị hỏng hoặc không đầy đủ (có thể tải lên chưa xong), không đọc được.",
        )
    return ReadError("corrupt", "Tệp nén (zip) bị hỏng, không đọc được.")


def _sniff_zip(path: Path, expected: str | None) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _corrupt(expected)
    if "word/document.xml" in names:
        return "docx"
    if any(name.startswith("xl/") for name in names):
        raise ReadError(
            "unsupported_format",
            "Tệp Excel chưa được hỗ trợ; chỉ đọc được .txt, .docx, .pdf và ảnh.",
        )
    if "content.xml" in names:
        raise ReadError(
            "unsupported_format",
            "Tệp OpenDocument (.odt) chưa được hỗ trợ; hãy lưu lại thành .docx hoặc .pdf.",
        )
    if expected == "docx":
        raise ReadError(
            "corrupt", "Tệp .docx bị hỏng: thiếu phần nội dung chính (word/document.xml)."
        )
    raise ReadError(
        "unsupported_format",
        "Tệp nén (zip) không phải tài liệu Word; chỉ đọc được .txt, .docx, .pdf và ảnh.",
    )


def sniff_format(path: Path, head: bytes) -> str:
    """The reader format for this file: "txt", "docx", "pdf" or "image".

    ``head`` is the file's first bytes (a few KB). Raises ReadError for
    types we cannot read.
    """
    expected = expected_format(path)
    pdf_at = head.find(b"%PDF-", 0, 1024)
    # Readers accept junk before the header; a text merely quoting "%PDF-" is not a PDF.
    if pdf_at == 0 or (pdf_at > 0 and (expected == "pdf" or b"\x00" in head[:pdf_at])):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(path, expected)
    is_bmp = head.startswith(b"BM") and head[6:10] == b"\0\0\0\0"
    if head.startswith(_IMAGE_MAGIC) or is_bmp or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(_OLE2):
        raise ReadError(
            "unsupported_format",
            "Tệp Word/Excel đời cũ (.doc, .xls) hoặc tệp Office có đặt mật khẩu chưa đọc "
            "được. Hãy lưu lại thành .docx (không mật khẩu) hoặc .pdf rồi nạp lại.",
        )
    if head.startswith(b"{\\rtf"):
        raise ReadError(
            "unsupported_format", "Tệp RTF chưa được hỗ trợ; hãy lưu lại thành .docx hoặc .pdf."
        )
    return "txt"


def not_text_error(path: Path) -> ReadError:
    """For bytes that are neither a known binary format nor text."""
    expected = expected_format(path)
    if expected in ("docx", "pdf", "image"):
        return ReadError(
            "corrupt",
            f"Tệp có đuôi {path.suffix} nhưng nội dung không phải {FORMAT_LABELS[expected]} "
            "hợp lệ (tệp bị hỏng hoặc đặt sai đuôi), không đọc được.",
        )
    return ReadError(
        "unknown_format",
        "Không nhận ra định dạng tệp: nội dung là dữ liệu nhị phân, không phải văn bản, "
        ".docx, .pdf hay ảnh.",
    )


def mismatch_warning(path: Path, found: str) -> str | None:
    expected = expected_format(path)
    if expected is None or expected == found:
        return None
    return (
        f"Đuôi tệp {path.suffix} không khớp nội dung: tệp thực chất là "
        f"{FORMAT_LABELS[found]} và đã được đọc theo đúng định dạng đó."
    )
