"""Tell a file's type from its bytes; the extension is only a hint."""

from __future__ import annotations

import zipfile
from pathlib import Path

from danvan.core.extract.readers.base import ReadError

EXTENSION_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
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
    "doc": "Word đời cũ (.doc)",
    "odt": "OpenDocument (.odt)",
    "rtf": "RTF (.rtf)",
    "html": "trang web (.html)",
}
READABLE = ".txt, .docx, .doc, .odt, .rtf, .html, .pdf và ảnh"
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml version")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# Stream names in an OLE2 (old Office) directory, stored as UTF-16LE.
_OLE_STREAMS = {
    "doc": _utf16("WordDocument"),
    "xls": _utf16("Workbook"),
    "xls95": _utf16("Book\x00"),
    "encrypted": _utf16("EncryptedPackage"),
}


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
            f"Tệp Excel chưa được hỗ trợ; chỉ đọc được {READABLE}.",
        )
    if "content.xml" in names:
        try:
            with zipfile.ZipFile(path) as archive:
                mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
            mimetype = b""
        if mimetype.strip() == _ODF_TEXT or (not mimetype and expected == "odt"):
            return "odt"
        raise ReadError(
            "unsupported_format",
            "Tệp OpenDocument này là bảng tính hoặc trình chiếu, chưa được hỗ trợ; "
            f"chỉ đọc được {READABLE}.",
        )
    if expected == "docx":
        raise ReadError(
            "corrupt", "Tệp .docx bị hỏng: thiếu phần nội dung chính (word/document.xml)."
        )
    raise ReadError(
        "unsupported_format",
        f"Tệp nén (zip) không phải tài liệu Word; chỉ đọc được {READABLE}.",
    )


def sniff_format(path: Path, head: bytes) -> str:
    """The reader format for this file: "txt", "docx", "pdf", "image",
    "doc", "odt", "rtf" or "html".

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
        return _sniff_ole2(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_like_html(head, expected):
        return "html"
    return "txt"


def _ole2_streams(path: Path, chunk: int = 1 << 20) -> set[str]:
    """Which known stream names an OLE2 file's directory holds (a bounded scan:
    the directory may sit anywhere in the file)."""
    found: set[str] = set()
    overlap = max(len(name) for name in _OLE_STREAMS.values())
    tail = b""
    try:
        with path.open("rb") as handle:
            while block := handle.read(chunk):
                window = tail + block
                found.update(kind for kind, name in _OLE_STREAMS.items() if name in window)
                tail = window[-overlap:]
    except OSError:
        pass
    return found


def _sniff_ole2(path: Path) -> str:
    streams = _ole2_streams(path)
    if "encrypted" in streams:
        raise ReadError(
            "encrypted",
            "Tệp Office có đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu, lưu lại "
            "thành .docx hoặc .pdf rồi nạp lại.",
        )
    if "doc" in streams:
        return "doc"
    if streams & {"xls", "xls95"}:
        raise ReadError(
            "unsupported_format",
            f"Tệp Excel đời cũ (.xls) chưa được hỗ trợ; chỉ đọc được {READABLE}.",
        )
    raise ReadError(
        "corrupt",
        "Tệp Office đời cũ này bị hỏng hoặc không phải tài liệu Word (không có phần nội "
        "dung văn bản). Hãy mở bằng Word, lưu lại thành .docx hoặc .pdf rồi nạp lại.",
    )


def _looks_like_html(head: bytes, expected: str | None) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith(_HTML_STARTS[:2]):
        return True
    if expected == "html" and start.startswith(b"<"):
        return True
    return start.startswith(_HTML_STARTS[2]) and b"<html" in head[:2048].lower()


def not_text_error(path: Path) -> ReadError:
    """For bytes that are neither a known binary format nor text."""
    expected = expected_format(path)
    if expected not in (None, "txt"):
        return ReadError(
            "corrupt",
            f"Tệp có đuôi {path.suffix} nhưng nội dung không phải {FORMAT_LABELS[expected]} "
            "hợp lệ (tệp bị hỏng hoặc đặt sai đuôi), không đọc được.",
        )
    return ReadError(
        "unknown_format",
        "Không nhận ra định dạng tệp: nội dung là dữ liệu nhị phân, không phải một trong "
        f"các định dạng đọc được ({READABLE}).",
    )


def mismatch_warning(path: Path, found: str) -> str | None:
    expected = expected_format(path)
    if expected is None or expected == found:
        return None
    return (
        f"Đuôi tệp {path.suffix} không khớp nội dung: tệp thực chất là "
        f"{FORMAT_LABELS[found]} và đã được đọc theo đúng định dạng đó."
    )
