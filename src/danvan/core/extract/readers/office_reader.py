"""Old and other word-processor files (.doc, .odt, .rtf): LibreOffice
converts them to .docx (own profile, time limit), then the .docx reader reads
that, legacy fonts and tables included."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from danvan.core.extract.readers.base import ReadError, ReadLimits, ReadResult, timeout_error
from danvan.core.extract.readers.docx_reader import DocxReader
from danvan.core.soffice import ConversionError, soffice_available, soffice_convert

LABELS = {"doc": "Word đời cũ (.doc)", "odt": "OpenDocument (.odt)", "rtf": "RTF (.rtf)"}
SUFFIXES = {"doc": ".doc", "odt": ".odt", "rtf": ".rtf"}


class OfficeReader:
    """One instance per format; ``format`` is "doc", "odt" or "rtf"."""

    format = "doc"

    def read(self, path: Path, limits: ReadLimits, deadline: float) -> ReadResult:
        label = LABELS[self.format]
        if not soffice_available(limits.soffice_cmd):
            raise ReadError(
                "no_converter",
                f"Tệp {label} cần LibreOffice để đọc nhưng máy chủ chưa cài LibreOffice; "
                "hãy lưu lại tệp thành .docx hoặc .pdf rồi nạp lại.",
            )
        remaining = deadline - time.monotonic()
        if remaining <= 1:
            raise timeout_error(limits)
        try:
            docx = soffice_convert(
                path.read_bytes(),
                SUFFIXES[self.format],
                "docx",
                soffice=limits.soffice_cmd,
                timeout_s=remaining,
                what=f"tệp {label}",
            )
        except ConversionError as exc:
            if exc.code == "timeout":
                raise timeout_error(limits) from None
            raise ReadError(
                "conversion_failed",
                f"LibreOffice không mở được tệp {label} này (tệp hỏng, có mật khẩu "
                "hoặc không đúng định dạng); hãy lưu lại thành .docx hoặc .pdf rồi nạp lại.",
            ) from None
        with tempfile.TemporaryDirectory(prefix="danvan-office-") as tmp:
            converted = Path(tmp) / "converted.docx"
            converted.write_bytes(docx)
            result = DocxReader().read(converted, limits, deadline)
        result.format = self.format
        result.warnings.append(
            f"Tệp {label} được chuyển sang .docx bằng LibreOffice trước khi đọc; "
            "bố cục có thể khác bản gốc đôi chút."
        )
        return result


class DocReader(OfficeReader):
    format = "doc"


class OdtReader(OfficeReader):
    format = "odt"


class RtfReader(OfficeReader):
    format = "rtf"
