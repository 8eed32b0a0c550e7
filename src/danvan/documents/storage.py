"""Content-addressed store for original files: MEDIA_ROOT/originals/ab/abcdef...

Files arrive through a staging copy (hashed while copied, size-limited) that
is renamed into place, so a crash never leaves a half-written original.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

CHUNK = 1024 * 1024
# A staging copy or a .part file untouched this long belongs to an import that was
# killed (a live one touches its files far more often: extraction times out in minutes).
STALE_AFTER_S = 3600


class TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "originals"


def path_for(sha256: str) -> Path:
    return root() / sha256[:2] / sha256


def staging_dir() -> Path:
    path = root() / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Staged:
    path: Path  # the staged copy, with the original's suffix so readers can hint on it
    sha256: str
    size: int

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def stage(source: BinaryIO, suffix: str, max_bytes: int) -> Staged:
    """Copy `source` into the staging area, hashing it; refuse past max_bytes."""
    digest = hashlib.sha256()
    target = staging_dir() / f"{uuid.uuid4().hex}{suffix}"
    size = 0
    try:
        with open(target, "xb") as out:
            while True:
                chunk = source.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(size)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        raise
    return Staged(path=target, sha256=digest.hexdigest(), size=size)


def commit(staged: Staged) -> bool:
    """Move the staged copy to its content address. True when this call created it.

    Writes to a temporary name in the final directory and renames, so the final
    path either does not exist or holds the whole file.
    """
    final = path_for(staged.sha256)
    if final.exists():
        return False
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{staged.sha256}.{uuid.uuid4().hex}.part"
    try:
        os.link(staged.path, tmp)
    except OSError:
        shutil.copyfile(staged.path, tmp)
    try:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    return True


def remove(sha256: str) -> None:
    try:
        path_for(sha256).unlink()
    except FileNotFoundError:
        pass


def clean_stale(max_age_s: float = STALE_AFTER_S) -> int:
    """Remove staging copies and half-renamed ``.part`` files left by a killed import
    (older than ``max_age_s``, so a running import elsewhere keeps its files); the count."""
    base = root()
    if not base.is_dir():
        return 0
    cutoff = time.time() - max_age_s
    candidates = [*(base / "tmp").glob("*"), *base.glob("??/.*.part")]
    removed = 0
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
