"""Demo data for the archive: the three real sample documents (idempotent)."""

from __future__ import annotations

from django.conf import settings

from . import services
from .ingest import FAILED, IMPORTED


def samples_dir():
    return settings.PROJECT_DIR.parent / "shared" / "samples"


def extend(ctx, stdout=None) -> None:
    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    folder = samples_dir()
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        say(f"Văn bản mẫu: không thấy thư mục {folder}, bỏ qua.")
        return
    unit = ctx.units["ttdvvl"]
    user = ctx.users.get("canbo.ttdvvl")
    done = 0
    for path in files:
        outcome = services.import_path(user, unit, path)
        if outcome.status == FAILED:
            say(f"Văn bản mẫu {path.name}: lỗi – {outcome.message}")
        done += outcome.status == IMPORTED
    say(f"Văn bản mẫu: đã nạp {done} văn bản mới ({len(files)} tệp).")
