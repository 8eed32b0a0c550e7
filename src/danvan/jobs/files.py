"""Files a job makes (an Excel export, a zip of reports): kept under the data
folder, one folder per job, where every worker and the web server can read
them; downloaded through `jobs:file`, which checks the person may see the job.
Saving the same name again replaces the file, so a re-run never makes two."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.urls import reverse

_SAFE = re.compile(r"^[\w.-]{1,150}$")


def folder(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / str(int(job_id))


def path_of(job_id: int, name: str) -> Path:
    if not _SAFE.match(name or "") or name.startswith("."):
        raise Http404("Không có tệp này.")
    return folder(job_id) / name


def url(job_id: int, name: str) -> str:
    return reverse("jobs:file", args=[job_id, name])


def save(job_id: int, name: str, data: bytes) -> str:
    """Write the file atomically (a reader never sees half of it); its URL."""
    target = path_of(job_id, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)
    return url(job_id, name)


def exists(job_id: int, name: str) -> bool:
    return path_of(job_id, name).is_file()


def save_zip(job_id: int, name: str, members: list[str]) -> str:
    """A zip of files the job saved before (stored, not compressed again: DOCX and
    PDF are compressed already). Written aside, then renamed."""
    target = path_of(job_id, name)
    partial = target.with_name(f".{name}.{os.getpid()}.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
        for member in members:
            archive.write(path_of(job_id, member), member)
    partial.replace(target)
    return url(job_id, name)
