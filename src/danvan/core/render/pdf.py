"""DOCX → PDF through LibreOffice, and PDF page → PNG through pdftoppm.

Each conversion gets its own LibreOffice profile (two soffice processes
sharing one profile fail: ../shared/reference/stack-notes.md) and runs in its
own process group, so a hung soffice and its children are killed together.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path


class ConversionError(RuntimeError):
    """PDF or preview could not be made; ``message_vi`` is for the user."""

    def __init__(self, message_vi: str, detail: str = "") -> None:
        super().__init__(message_vi + (f" ({detail})" if detail else ""))
        self.message_vi = message_vi
        self.detail = detail


def soffice_available(soffice: str = "soffice") -> bool:
    path = shutil.which(soffice)
    return path is not None and os.access(path, os.X_OK)


def _run(
    args: list[str], timeout_s: float, cwd: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run in a new session; on timeout kill the whole process group, then raise TimeoutExpired."""
    proc = subprocess.Popen(
        args,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def _tail(data: bytes, limit: int = 300) -> str:
    return data.decode("utf-8", "replace").strip()[-limit:]


def convert_to_pdf(docx_bytes: bytes, soffice: str = "soffice", timeout_s: float = 60) -> bytes:
    """The PDF LibreOffice makes of ``docx_bytes``; ConversionError when it cannot."""
    if not soffice_available(soffice):
        raise ConversionError(
            "Máy chủ chưa cài LibreOffice (soffice) nên không chuyển được văn bản sang PDF.",
            soffice,
        )
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(docx_bytes)
        profile = work / "profile"
        out_dir = work / "out"
        out_dir.mkdir()
        env = dict(os.environ, HOME=str(work))
        args = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            result = _run(args, timeout_s, cwd=tmp, env=env)
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"Chuyển văn bản sang PDF quá {timeout_s:g} giây nên đã dừng; hãy thử lại sau."
            ) from None
        except OSError as exc:
            raise ConversionError(
                "Không chạy được LibreOffice để chuyển sang PDF.", str(exc)
            ) from None
        pdf = out_dir / "van-ban.pdf"
        data = pdf.read_bytes() if pdf.exists() else b""
        if not data.startswith(b"%PDF"):
            raise ConversionError(
                "LibreOffice không tạo được tệp PDF từ văn bản này.",
                f"mã thoát {result.returncode}: {_tail(result.stderr or result.stdout)}",
            )
        return data


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
            result = _run(args, timeout_s, cwd=tmp)
        except subprocess.TimeoutExpired:
            raise ConversionError("Tạo ảnh xem trước quá lâu nên đã dừng.") from None
        png = prefix.with_suffix(".png")
        if result.returncode != 0 or not png.exists():
            raise ConversionError(
                f"Không tạo được ảnh trang {page} của tệp PDF.", _tail(result.stderr)
            )
        return png.read_bytes()
