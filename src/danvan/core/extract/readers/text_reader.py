"""Plain-text files: Unicode with or without BOM, Windows-1258, TCVN3, VNI."""

from __future__ import annotations

from pathlib import Path

from danvan.core.extract.normalise import UndecodableText, decode_text_bytes
from danvan.core.extract.readers.base import ReadLimits, ReadResult
from danvan.core.extract.readers.sniff import not_text_error

_LEGACY_NOTES = {
    "tcvn3": "Tệp mã TCVN3 (ABC) đã được chuyển sang Unicode; chữ in hoa gõ bằng phông "
    ".VnTimeH có thể thành chữ thường vì tệp .txt không giữ phông chữ.",
    "vni": "Tệp mã VNI đã được chuyển sang Unicode.",
    "windows-1258": "Tệp mã Windows-1258 đã được chuyển sang Unicode.",
}


class TextReader:
    format = "txt"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        data = path.read_bytes()
        try:
            text, encoding = decode_text_bytes(data)
        except UndecodableText:
            raise not_text_error(path)
        warnings = [note for key, note in _LEGACY_NOTES.items() if encoding.endswith(key)]
        return ReadResult(text=text, format="txt", pages=1, warnings=warnings, encoding=encoding)
