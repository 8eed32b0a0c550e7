"""Jobs run eagerly here (the immediate backend): states, retries, leases, idempotence."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.documents.jobs import start_import
from danvan.documents.models import Document
from danvan.jobs import registry, services
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.services import JobContext, TransientError

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture
def test_kind():
    """Register a kind for one test; `calls` counts its runs."""
    added = []

    def add(name, func, **options):
        registry.kind(name, f"Việc thử {name}", **options)(func)
        added.append(name)

    yield add
    for name in added:
        registry.KINDS.pop(name, None)


def test_a_background_import_makes_one_child_per_file_and_one_document_each(
    officer, units, archive
):
    job = start_import(officer, units["ttdvvl"], [archive])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total) == (3, 3)
    assert job.owner == officer
    assert job.result["url"] == "/van-ban/" and job.result["failed"] == 0
    children = list(job.children.all())
    assert {c.status for c in children} == {JobStatus.SUCCEEDED}
    assert all(c.result["url"].startswith("/van-ban/") for c in children)
    assert Document.objects.filter(unit=units["ttdvvl"]).count() == 3


def test_running_the_same_import_again_makes_no_second_document(officer, units, archive):
    start_import(officer, units["ttdvvl"], [archive])
    again = start_import(officer, units["ttdvvl"], [archive])
    again.refresh_from_db()
    assert again.status == JobStatus.SUCCEEDED
    assert Document.objects.filter(unit=units["ttdvvl"]).count() == 3
    assert {c.result["status"] for c in again.children.all()} == {"unchanged"}


def test_a_vanished_input_file_fails_its_child_with_a_vietnamese_message(
    officer, units, archive, test_kind
):
    gone = archive / "da-xoa.txt"
    job = start_import(officer, units["ttdvvl"], [archive / _first_sample(), gone])
    job.refresh_from_db()
    failed = job.children.get(status=JobStatus.FAILED)
    assert "Không tìm thấy tệp đầu vào" in failed.error
    assert job.status == JobStatus.SUCCEEDED and job.result["failed"] == 1


def _first_sample() -> str:
    return sorted(SAMPLES.glob("*.txt"))[0].name


def test_a_transient_failure_is_retried_then_succeeds(world, test_kind):
    calls = []

    def flaky(ctx: JobContext):
        calls.append(ctx.job.attempts)
        if len(calls) < 3:
            raise TransientError("Máy chủ thư đang bận.")
        return {"message": "xong"}

    test_kind("t_flaky", flaky, max_attempts=3)
    job = services.start("t_flaky", user=world.admin)
    assert job.status == JobStatus.SUCCEEDED
    assert calls == [1, 2, 3] and job.attempts == 3


def test_a_transient_failure_that_persists_fails_after_max_attempts(world, test_kind):
    def always(ctx):
        raise TransientError("Máy chủ thư đang bận.")

    test_kind("t_always", always, max_attempts=2)
    job = services.start("t_always", user=world.admin)
    assert job.status == JobStatus.FAILED
    assert "Máy chủ thư đang bận." in job.error and "Đã thử 2 lần" in job.error


def test_an_unexpected_error_shows_a_vietnamese_message_not_a_traceback(world, test_kind):
    def broken(ctx):
        raise ZeroDivisionError("boom")

    test_kind("t_broken", broken)
    job = services.start("t_broken", user=world.admin)
    assert job.status == JobStatus.FAILED
    assert job.error == services.UNEXPECTED and "boom" not in job.error
    assert job.attempts == 1  # not transient: no retry


def test_progress_is_recorded_and_a_key_gives_back_the_unfinished_job(world, test_kind):
    seen = []

    def counting(ctx):
        for i in range(1, 5):
            ctx.progress(i, 4, f"Bước {i}")
            seen.append(Job.objects.get(pk=ctx.job.pk).done)
        return {}

    test_kind("t_count", counting)
    job = services.start("t_count", user=world.admin, key="k1")
    assert seen == [1, 2, 3, 4] and job.percent == 100
    # Finished jobs are not reused unless the kind says so: a new run is made.
    assert services.start("t_count", user=world.admin, key="k1").pk != job.pk
    queued = Job.objects.create(kind="t_count", title="x", key="k2")
    assert services.start("t_count", user=world.admin, key="k2").pk == queued.pk


def test_a_job_whose_worker_died_is_queued_again_and_completes(world, test_kind):
    runs = []
    test_kind("t_once", lambda ctx: runs.append(ctx.job.attempts) or {"n": len(runs)})
    job = Job.objects.create(
        kind="t_once",
        title="x",
        status=JobStatus.RUNNING,
        attempts=1,
        worker="dead-worker",
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    alive = Job.objects.create(
        kind="t_once",
        title="y",
        status=JobStatus.RUNNING,
        attempts=1,
        worker="live-worker",
        lease_until=timezone.now() + timedelta(minutes=1),
    )
    assert services.reap() == 1
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and runs == [2]
    assert alive.status == JobStatus.RUNNING


def test_a_job_that_keeps_killing_its_worker_fails_after_max_attempts(world):
    job = Job.objects.create(
        kind="import_file",
        title="x",
        status=JobStatus.RUNNING,
        attempts=3,
        max_attempts=3,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    services.reap()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "dừng đột ngột 3 lần" in job.error


def test_a_worker_that_lost_its_lease_cannot_finish_the_job(world, test_kind):
    def overtaken(ctx):
        # Meanwhile another worker took the job over (its attempt is newer).
        Job.objects.filter(pk=ctx.job.pk).update(attempts=5, worker="other")
        ctx.progress(1, 2)

    test_kind("t_overtaken", overtaken)
    job = services.start("t_overtaken", user=world.admin)
    assert job.status == JobStatus.RUNNING and job.worker == "other"
    job2 = Job.objects.create(kind="t_overtaken", title="z")
    assert services.execute(job2.pk) == "lost"
    assert services.execute(job2.pk) == "skipped"  # no longer queued: never run twice


def test_people_see_their_own_and_their_units_jobs_only(
    officer, reviewer, outsider, units, archive, client_for
):
    job = start_import(officer, units["ttdvvl"], [archive])
    assert client_for(officer).get(f"/cong-viec/{job.pk}/").status_code == 200
    assert client_for(reviewer).get(f"/cong-viec/{job.pk}/").status_code == 200
    assert client_for(outsider).get(f"/cong-viec/{job.pk}/").status_code == 404
    assert client_for(outsider).get(f"/cong-viec/{job.pk}/tien-do/").status_code == 404
    page = client_for(officer).get("/cong-viec/").content.decode()
    assert f"#{job.pk}" in page and "Hoàn thành" in page
    assert f"#{job.pk}" not in client_for(outsider).get("/cong-viec/?cua=don-vi").content.decode()


def test_the_progress_fragment_polls_until_the_job_is_finished(officer, units, client_for):
    job = Job.objects.create(
        kind="import_batch", title="Nạp", owner=officer, unit=units["ttdvvl"], total=4, done=1
    )
    client = client_for(officer)
    running = client.get(f"/cong-viec/{job.pk}/tien-do/").content.decode()
    assert 'hx-trigger="every 1s"' in running and 'value="25"' in running
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED, done=4, result={"url": "/van-ban/", "label": "Mở kho"}
    )
    done = client.get(f"/cong-viec/{job.pk}/tien-do/").content.decode()
    assert "hx-trigger" not in done and 'href="/van-ban/"' in done and "Mở kho" in done
    assert "<script" not in done and "style=" not in done


def test_the_jobs_command_prints_status_and_progress_as_json(officer, units, archive):
    job = start_import(officer, units["ttdvvl"], [archive])
    out = StringIO()
    call_command("jobs", str(job.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["id"] == job.pk and data["status"] == "succeeded"
    assert (data["done"], data["total"], data["owner"]) == (3, 3, "canbo.ttdvvl")
    text = StringIO()
    call_command("jobs", stdout=text)
    assert f"#{job.pk} Hoàn thành 3/3" in text.getvalue()


def test_import_background_prints_the_job_id(officer, units, archive, capsys):
    out = StringIO()
    call_command("import", str(archive), "--background", "--user", "canbo.ttdvvl", stdout=out)
    job = Job.objects.get(pk=int(out.getvalue().strip()))
    assert job.kind == "import_batch" and job.owner == officer
