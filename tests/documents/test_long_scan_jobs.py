"""Long scans in the background (jobs run eagerly, as in tests/jobs): the read's page
progress in the job's row, and a long scan's pages recognised in parts by child jobs."""

from __future__ import annotations

import hashlib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from danvan.documents import ingest, long_scans
from danvan.documents.jobs import start_import
from danvan.documents.models import Document
from danvan.jobs import services
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.services import JobContext
from tests.core.extract.conftest import SCAN_LINES, render_scan

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def scan_pdf(folder: Path, pages: int, name: str = "ban-quet.pdf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    images = [render_scan([*SCAN_LINES, f"Trang số {n + 1} của bản quét."]) for n in range(pages)]
    images[0].save(path, "PDF", resolution=300.0, save_all=True, append_images=images[1:])
    return path


@pytest.fixture
def progress_rows(monkeypatch):
    """Every progress write of a job, as the row holds it just after (the real write runs)."""
    rows: list[tuple[str, int, int, str]] = []
    write = JobContext.progress

    def recorded(self, done, total=None, step=None):
        write(self, done, total, step)
        job = Job.objects.get(pk=self.job.pk)
        rows.append((job.kind, job.done, job.total, job.step))

    monkeypatch.setattr(JobContext, "progress", recorded)
    return rows


def test_a_scan_import_shows_its_pages_in_the_job_progress(
    officer, units, tmp_path, settings, progress_rows
):
    settings.DANVAN_PROGRESS_EVERY_S = 0
    settings.DANVAN_OCR_SPLIT_PAGES = 0
    start_import(officer, units["ttdvvl"], [scan_pdf(tmp_path / "in", 3)])
    pages = [r[1:] for r in progress_rows if r[0] == "import_file"]
    assert pages == [
        (0, 1, "Đang đọc ban-quet.pdf"),
        *[(n, 3, f"Đang đọc lớp chữ trang {n}/3 của ban-quet.pdf") for n in (1, 2, 3)],
        *[(n, 3, f"Đang nhận dạng chữ (OCR) trang {n}/3 của ban-quet.pdf") for n in range(4)],
    ]
    assert Document.objects.get(unit=units["ttdvvl"]).ocr_used


def test_page_progress_is_written_at_most_every_so_often_and_always_at_the_end(
    officer, units, tmp_path, settings, progress_rows
):
    settings.DANVAN_PROGRESS_EVERY_S = 3600
    settings.DANVAN_OCR_SPLIT_PAGES = 0
    start_import(officer, units["ttdvvl"], [scan_pdf(tmp_path / "in", 3)])
    steps = [r[1:3] for r in progress_rows if r[0] == "import_file"]
    # the first page report, then only the last of each stage
    assert steps == [(0, 1), (1, 3), (3, 3), (3, 3)]


def test_a_long_scan_is_recognised_in_parts_by_child_jobs_then_read_once(
    officer, units, tmp_path, settings
):
    settings.DANVAN_OCR_SPLIT_PAGES = 2
    path = scan_pdf(tmp_path / "in", 5)
    batch = start_import(officer, units["ttdvvl"], [path])
    batch.refresh_from_db()
    assert batch.status == JobStatus.SUCCEEDED and batch.result["failed"] == 0
    file_job = batch.children.get()
    assert file_job.status == JobStatus.SUCCEEDED and file_job.attempts == 1
    parts = list(file_job.children.order_by("pk"))
    assert [p.kind for p in parts] == ["ocr_pages"] * 3
    assert [p.params["pages"] for p in parts] == [[0, 1], [2, 3], [4]]
    assert [p.title for p in parts] == [
        "Nhận dạng chữ trang 1–2 của ban-quet.pdf",
        "Nhận dạng chữ trang 3–4 của ban-quet.pdf",
        "Nhận dạng chữ trang 5–5 của ban-quet.pdf",
    ]
    assert [p.result["pages"] for p in parts] == [2, 2, 1]
    document = Document.objects.get(unit=units["ttdvvl"])
    assert document.pages == 5 and document.ocr_used
    for n in range(1, 6):
        assert f"Trang số {n} của bản quét." in document.text
    # the pages were needed only until the document was stored
    assert not any(long_scans.cache_root().glob("*/*"))

    # idempotent: the file's job run again (as after a crash) makes no second document
    Job.objects.filter(pk=file_job.pk).update(status=JobStatus.QUEUED)
    assert services.execute(file_job.pk) == "succeeded"
    file_job.refresh_from_db()
    assert file_job.result["status"] == "unchanged" and file_job.children.count() == 3
    assert Document.objects.filter(unit=units["ttdvvl"]).count() == 1


def test_a_resumed_file_job_takes_its_parts_pages_from_the_cache(
    officer, units, tmp_path, settings
):
    """A file job stopped after its parts finished (the document not stored yet) is run
    again: it finds its parts, starts none, and reads the pages they left in the cache."""
    settings.DANVAN_OCR_SPLIT_PAGES = 2
    path = scan_pdf(tmp_path / "in", 4)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    batch = start_import(officer, units["ttdvvl"], [path])
    file_job = batch.children.get()
    Document.objects.all().delete()  # as if the run had stopped before storing
    cache = long_scans.cache(sha256, ingest.read_limits())
    for page in range(4):
        word = {"text": f"ĐỌC-TỪ-BỘ-ĐỆM-{page}", "x0": 60.0, "x1": 260.0, "top": 60.0}
        cache.put(page, [{**word, "bottom": 72.0}])
    Job.objects.filter(pk=file_job.pk).update(status=JobStatus.QUEUED)
    assert services.execute(file_job.pk) == "succeeded"
    assert file_job.children.count() == 2
    document = Document.objects.get(unit=units["ttdvvl"])
    assert all(f"ĐỌC-TỪ-BỘ-ĐỆM-{page}" in document.text for page in range(4))
    assert "Trang số" not in document.text


def test_a_part_that_fails_fails_its_file_in_vietnamese_and_the_batch_goes_on(
    officer, units, tmp_path, settings
):
    settings.DANVAN_OCR_SPLIT_PAGES = 2
    folder = tmp_path / "in"
    path = scan_pdf(folder, 5)
    text = sorted(SAMPLES.glob("*.txt"))[0]
    shutil.copy(text, folder / text.name)
    # a fault on the disk where page 3 would be kept: that part cannot finish
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    cache = long_scans.cache(sha256, ingest.read_limits())
    (cache.folder / "2.json").mkdir(parents=True)
    batch = start_import(officer, units["ttdvvl"], [folder])
    batch.refresh_from_db()
    assert batch.status == JobStatus.SUCCEEDED and batch.result["failed"] == 1
    failed = batch.children.get(status=JobStatus.FAILED)
    assert failed.params["name"] == "ban-quet.pdf"
    assert failed.error.startswith("Không nhận dạng được chữ ở trang 3–4 của tệp: ")
    assert "Traceback" not in failed.error and "Error" not in failed.error
    part_states = [p.status for p in failed.children.order_by("pk")]
    assert part_states == [JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.SUCCEEDED]
    # the other file is in the archive; nothing of the scan is
    assert [d.original_name for d in Document.objects.filter(unit=units["ttdvvl"])] == [text.name]
    assert not cache.folder.exists()


def test_a_running_files_page_progress_shows_on_its_batch_page_and_in_the_jobs_command(
    officer, units, client_for
):
    batch = Job.objects.create(
        kind="import_batch", title="Nạp", owner=officer, unit=units["ttdvvl"], status="waiting"
    )
    step = "Đang nhận dạng chữ (OCR) trang 37/200 của ban-quet.pdf"
    Job.objects.create(
        kind="import_file",
        title="Nạp tệp ban-quet.pdf",
        owner=officer,
        unit=units["ttdvvl"],
        parent=batch,
        status="running",
        done=37,
        total=200,
        step=step,
    )
    page = client_for(officer).get(f"/cong-viec/{batch.pk}/").content.decode()
    assert f"{step} (37/200)" in page
    out = StringIO()
    call_command("jobs", str(batch.pk), stdout=out)
    assert f"37/200 Nạp tệp ban-quet.pdf · {step}" in out.getvalue()


def test_a_part_shows_its_pages_and_the_files_pages_over_all_parts(officer, units, settings):
    settings.DANVAN_PROGRESS_EVERY_S = 0
    file_job = Job.objects.create(
        kind="import_file", title="Nạp tệp x.pdf", owner=officer, status="waiting"
    )
    Job.objects.create(
        kind="ocr_pages", title="1–20", parent=file_job, status="succeeded", done=20, total=20
    )
    part = Job.objects.create(
        kind="ocr_pages",
        title="21–40",
        parent=file_job,
        status="running",
        worker="w1",
        attempts=1,
        params={"pages": list(range(20, 40)), "scan_pages": 40},
    )
    report = long_scans.part_reporter(JobContext(part), "x.pdf", 40)
    report(3, 20, "layer")  # the part's own text layer is not counted
    part.refresh_from_db()
    assert (part.done, part.total) == (0, 0)
    report(7, 20, "ocr")
    part.refresh_from_db()
    file_job.refresh_from_db()
    assert (part.done, part.total) == (7, 20)
    assert part.step == "Đang nhận dạng chữ (OCR) trang 7/20 của x.pdf (phần trang 21–40)"
    assert file_job.step == "Đang nhận dạng chữ (OCR) trang 27/40 của x.pdf"


def test_a_file_job_stopped_while_starting_its_parts_starts_the_missing_ones(
    officer, units, tmp_path, settings
):
    settings.DANVAN_OCR_SPLIT_PAGES = 2
    batch = start_import(officer, units["ttdvvl"], [scan_pdf(tmp_path / "in", 5)])
    file_job = batch.children.get()
    # as if the run had stopped after the plan and the first two parts
    file_job.children.filter(params__pages=[4]).delete()
    Document.objects.all().delete()
    Job.objects.filter(pk=file_job.pk).update(
        status=JobStatus.QUEUED, result={long_scans.PLAN: [0, 1, 2, 3, 4]}
    )
    before = set(file_job.children.values_list("pk", flat=True))
    assert services.execute(file_job.pk) == "succeeded"
    parts = list(file_job.children.order_by("pk"))
    assert [p.params["pages"] for p in parts] == [[0, 1], [2, 3], [4]]
    assert {p.pk for p in parts[:2]} == before  # found again, not made twice
    assert Document.objects.get(unit=units["ttdvvl"]).pages == 5
