"""A folder of recognised pages: one JSON file per page of one file (by its sha256) and
OCR settings, so the pages of a long scan can be OCR'd by several workers (on other
machines too, when the folder is shared) and then read by the one that lays out the
document, and a re-run after a crash OCRs no page twice.

    <root>/<sha256[:2]>/<sha256>/<settings>/<page>.json

``settings`` is a digest of what changes a page's recognition (resolution, language,
this format's version); pages read with other settings are never mixed in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from danvan.core.extract.readers.base import ReadLimits

# raised when what a cached page holds, or how it is recognised, changes
CACHE_VERSION = 1


def settings_key(limits: ReadLimits) -> str:
    recipe = f"{CACHE_VERSION}|{limits.ocr_dpi}|{limits.ocr_language}|{limits.tesseract_cmd}"
    return hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16]


class DirPageCache:
    """The ``PageCache`` of one file in a folder. Writes are atomic (a temporary file
    renamed), so a reader never sees half a page, and two writers of one page agree."""

    def __init__(self, root: Path, sha256: str, limits: ReadLimits) -> None:
        if len(sha256) < 8 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("sha256 must be a hex digest")
        self.root = Path(root)
        self.sha256 = sha256
        self.folder = self.root / sha256[:2] / sha256 / settings_key(limits)

    def _path(self, page: int) -> Path:
        return self.folder / f"{int(page)}.json"

    def get(self, page: int) -> Any | None:
        try:
            with self._path(page).open(encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, page: int, value: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".page-", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, ensure_ascii=False)
            os.replace(temporary, self._path(page))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def pages(self) -> set[int]:
        """The pages held (with these settings)."""
        try:
            names = [p.stem for p in self.folder.glob("*.json")]
        except OSError:
            return set()
        return {int(n) for n in names if n.isdigit()}


def remove(root: Path, sha256: str) -> None:
    """Forget every page of a file (once its document is stored)."""
    if len(sha256) >= 8:
        shutil.rmtree(Path(root) / sha256[:2] / sha256, ignore_errors=True)


def clean(root: Path, max_age_s: float) -> int:
    """Remove the files' folders not written to for ``max_age_s`` (imports that never
    finished); returns how many."""
    removed = 0
    limit = time.time() - max_age_s
    for folder in Path(root).glob("??/*"):
        try:
            newest = max(
                (p.stat().st_mtime for p in folder.rglob("*")), default=folder.stat().st_mtime
            )
        except OSError:
            continue
        if newest < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
