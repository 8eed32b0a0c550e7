"""Content-addressed store for original files: MEDIA_ROOT/originals/ab/abcdef...

Files arrive through a staging copy (hashed while copied, size-limited) that
is renamed into place, so a crash never leaves a half-written original.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

CHUNK = 1024 * 1024


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
        import shutil

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
