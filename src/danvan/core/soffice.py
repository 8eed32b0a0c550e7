"""LibreOffice (soffice) and other helper programs, run safely.

Every LibreOffice conversion gets its own user profile (two soffice processes
sharing one profile fail: ../shared/reference/stack-notes.md) and its own
process group, so a hung soffice and its children are killed together at the
time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path


class ConversionError(RuntimeError):
    """A conversion could not be made; ``message_vi`` is for the user, ``code``
    ("missing", "timeout", "failed") for programs."""

    def __init__(self, message_vi: str, detail: str = "", code: str = "failed") -> None:
        super().__init__(message_vi + (f" ({detail})" if detail else ""))
        self.message_vi = message_vi
        self.detail = detail
        self.code = code


def soffice_available(soffice: str = "soffice") -> bool:
    path = shutil.which(soffice)
    return path is not None and os.access(path, os.X_OK)


def run_group(
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


def output_tail(data: bytes, limit: int = 300) -> str:
    return data.decode("utf-8", "replace").strip()[-limit:]


def soffice_convert(
    data: bytes,
    source_suffix: str,
    target: str,
    *,
    soffice: str = "soffice",
    timeout_s: float = 60,
    what: str = "văn bản",
) -> bytes:
    """``data`` (a file ending in ``source_suffix``) converted by LibreOffice to
    ``target`` ("pdf", "docx", "doc:MS Word 97", ...). ConversionError with a Vietnamese message
    when LibreOffice is missing, too slow, or makes nothing."""
    extension = target.split(":", 1)[0]  # "doc:MS Word 97" names a filter too
    target_label = extension.upper() if extension == "pdf" else f".{extension}"
    if not soffice_available(soffice):
        raise ConversionError(
            f"Máy chủ chưa cài LibreOffice (soffice) nên không chuyển được {what} "
            f"sang {target_label}.",
            soffice,
            code="missing",
        )
    with tempfile.TemporaryDirectory(prefix="danvan-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"van-ban{source_suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        out_dir.mkdir()
        env = dict(os.environ, HOME=str(work))
        args = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            result = run_group(args, timeout_s, cwd=tmp, env=env)
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"Chuyển {what} sang {target_label} quá {timeout_s:g} giây nên đã dừng; "
                "hãy thử lại sau.",
                code="timeout",
            ) from None
        except OSError as exc:
            raise ConversionError(
                f"Không chạy được LibreOffice để chuyển sang {target_label}.",
                str(exc),
                code="missing",
            ) from None
        produced = out_dir / f"van-ban.{extension}"
        output = produced.read_bytes() if produced.exists() else b""
        if not output:
            raise ConversionError(
                f"LibreOffice không tạo được tệp {target_label} từ {what} này.",
                f"exit code {result.returncode}: {output_tail(result.stderr or result.stdout)}",
            )
        return output
