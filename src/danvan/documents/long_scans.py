"""Long scans in the background: page progress of a file's read, and the pages of a
long scan recognised in parts by child jobs (any worker, on any machine sharing the
data folder) into a page cache the file's own read then takes them from.

    import_file ── more than DANVAN_OCR_SPLIT_PAGES pages to OCR?
        ├─ ocr_pages (pages 1–20)  ─┐  each into MEDIA_ROOT/ocr-cache/<sha256>/…
        ├─ ocr_pages (pages 21–40) ─┤  (a killed worker's part is taken over by the lease)
        └─ …                        ┘
    import_file again (resumed when the last part ends): reads, cached pages taken, stores
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db.models import Sum

from danvan.core.errors import DomainError
from danvan.core.extract import pipeline
from danvan.core.extract.readers import page_cache
from danvan.core.extract.readers.base import ReadError, ReadLimits, StopReading
from danvan.jobs.models import FINISHED, Job, JobStatus
from danvan.jobs.services import MISSING_FILE, JobContext, LeaseLost

from . import ingest

PART_KIND = "ocr_pages"
PLAN = "ocr_plan"  # the pages to OCR, kept in the file job's result while its parts run
# a folder of pages no import has touched for this long is an import that never finished
CACHE_MAX_AGE_S = 3 * 24 * 3600


def split_pages() -> int:
    """Scans with more pages to OCR than this are recognised in parts of this many pages by
    child jobs; 0: never split."""
    return max(0, int(settings.DANVAN_OCR_SPLIT_PAGES))


def cache_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "ocr-cache"


def cache(sha256: str, limits: ReadLimits) -> page_cache.DirPageCache:
    return page_cache.DirPageCache(cache_root(), sha256, limits)


def forget(sha256: str) -> None:
    """The file's document is stored (or the file failed): its pages are not needed."""
    page_cache.remove(cache_root(), sha256)


def clean_stale() -> int:
    return page_cache.clean(cache_root(), CACHE_MAX_AGE_S)


def page_step(name: str, done: int, total: int, stage: str) -> str:
    """The progress line shown for a reader's page report."""
    if stage == "layer":
        return f"Đang đọc lớp chữ trang {done}/{total} của {name}"
    return f"Đang nhận dạng chữ (OCR) trang {done}/{total} của {name}"


def reporter(ctx: JobContext, name: str) -> Callable[[int, int, str], None]:
    """The reader's page progress as the job's progress (a database write at most every
    second); a job taken over by another worker stops its read."""
    report = ctx.throttled(float(settings.DANVAN_PROGRESS_EVERY_S))

    def pages(done: int, total: int, stage: str) -> None:
        try:
            report(done, total, page_step(name, done, total, stage))
        except LeaseLost as exc:
            raise StopReading() from exc

    return pages


def part_reporter(ctx: JobContext, name: str, scan_pages: int) -> Callable[[int, int, str], None]:
    """A part's page progress: its own row (pages recognised in the part), and the file's
    row the part belongs to, which shows the pages recognised over all its parts."""
    report = ctx.throttled(float(settings.DANVAN_PROGRESS_EVERY_S))
    own = _range(ctx.params.get("pages") or [])

    def pages(done: int, total: int, stage: str) -> None:
        if stage != "ocr":
            return  # the text layer of the part's few pages: quick, and not what it counts
        try:
            wrote = report(done, total, page_step(f"{name} (phần trang {own})", done, total, stage))
        except LeaseLost as exc:
            raise StopReading() from exc
        if wrote and ctx.job.parent_id:
            parts = Job.objects.filter(parent_id=ctx.job.parent_id, kind=PART_KIND)
            recognised = parts.aggregate(n=Sum("done"))["n"] or 0
            Job.objects.filter(pk=ctx.job.parent_id, status=JobStatus.WAITING).update(
                step=page_step(name, min(recognised, scan_pages), scan_pages, "ocr")
            )

    return pages


def ocr_in_parts(ctx: JobContext, path: Path, name: str, sha256: str, limits: ReadLimits) -> bool:
    """Start the child jobs that recognise a long scan's pages (when it has more than
    ``split_pages()`` to OCR), or find those a run before started. True while they are not
    all done (this job then waits and is queued again); a part that failed fails the file.

    The pages to OCR are kept in the job's result first (``PLAN``): a run stopped while it
    started the parts starts the missing ones when run again, and finds the others."""
    pages = (ctx.job.result or {}).get(PLAN)
    if pages is None:
        try:
            pages = pipeline.ocr_plan(path, limits)
        except ReadError:
            return False  # the file's own read says what is wrong with it
        if len(pages) <= split_pages():
            return False
        ctx.checkpoint(**{PLAN: pages})
        ctx.progress(0, len(pages), f"Đang chia {len(pages)} trang của {name} để nhận dạng chữ")
    size = max(1, split_pages())
    parts = []
    for start in range(0, len(pages), size):
        chunk = pages[start : start + size]
        first, last = chunk[0] + 1, chunk[-1] + 1
        parts.append(
            ctx.spawn(
                PART_KIND,
                params={
                    "path": str(path),
                    "name": name,
                    "sha256": sha256,
                    "pages": chunk,
                    "scan_pages": len(pages),
                },
                title=f"Nhận dạng chữ trang {first}–{last} của {name}"[:300],
                key=f"{first}-{last}",
            )
        )
    parts = list(ctx.job.children.filter(kind=PART_KIND, pk__in=[p.pk for p in parts]))
    if any(part.status not in FINISHED for part in parts):
        ctx.progress(
            0,
            len(parts),
            f"Đang nhận dạng chữ {len(pages)} trang của {name} ({len(parts)} phần việc)",
        )
        ctx.wait_for_children({PLAN: pages}, resume=True)
        return True
    failed = sorted(
        (part for part in parts if part.status == JobStatus.FAILED), key=lambda p: p.params["pages"]
    )
    if failed:
        forget(sha256)
        shown = ", ".join(_range(part.params.get("pages") or []) for part in failed[:5])
        raise DomainError(
            f"Không nhận dạng được chữ ở trang {shown} của tệp: {failed[0].error}".rstrip()
        )
    return False


def _range(pages: list[int]) -> str:
    return f"{pages[0] + 1}–{pages[-1] + 1}" if pages else "?"


def ocr_part(ctx: JobContext) -> dict:
    """The ``ocr_pages`` job: one part of a long scan into the page cache."""
    path = Path(ctx.params["path"])
    name = ctx.params.get("name") or path.name
    pages = [int(p) for p in ctx.params["pages"]]
    if not path.is_file():
        raise DomainError(f"{MISSING_FILE} ({name})")
    limits = ingest.read_limits()
    ctx.progress(0, len(pages), f"Đang nhận dạng chữ trang {_range(pages)} của {name}")
    limits = dataclasses.replace(
        limits,
        page_cache=cache(str(ctx.params["sha256"]), limits),
        progress=part_reporter(ctx, name, int(ctx.params.get("scan_pages") or len(pages))),
    )
    try:
        count = pipeline.ocr_range(path, pages, limits)
    except StopReading as exc:
        raise LeaseLost(ctx.job.pk) from exc
    except ReadError as exc:
        raise DomainError(exc.message) from exc
    return {"pages": count, "message": f"Đã nhận dạng chữ {count} trang ({_range(pages)})."}
