"""The kinds other apps run in the background: e-mail, reminders, draft files."""

from __future__ import annotations

import socket

import pytest
from django.core import mail

from danvan.drafting import services as drafting
from danvan.drafting.jobs import start_render
from danvan.jobs import services
from danvan.jobs.mail import queue_mail
from danvan.jobs.models import Job, JobStatus
from danvan.reporting.jobs import start_reminders
from danvan.reporting.models import UnitReport
from danvan.web.demo import load_all


@pytest.fixture
def full_world_drafts(db):
    world = load_all()
    report = UnitReport.objects.get(unit=world.units["ttdvvl"], request__period="2022-H1")
    return world.users["canbo.ttdvvl"], report


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_email_is_retried_while_the_mail_server_is_down_then_fails_clearly(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_TIMEOUT = 2
    job = queue_mail("Nhắc hạn", "Nội dung", ["a@example.vn"], user=world.admin, key="m1")
    assert job.status == JobStatus.FAILED and job.attempts == 5
    assert "máy chủ thư không trả lời" in job.error


def test_an_email_job_sends_once_and_a_queued_duplicate_is_not_made(world):
    job = queue_mail("Nhắc hạn", "Nội dung", ["b@example.vn", "a@example.vn"], key="m2")
    assert job.status == JobStatus.SUCCEEDED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.vn", "b@example.vn"]


def test_the_reminders_job_runs_the_daily_reminders_and_says_how_many(world):
    job = start_reminders(world.admin)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["message"].startswith("Đã nhắc ")


def test_a_draft_rerun_after_a_crash_reuses_the_version_it_made(full_world_drafts):
    officer, report = full_world_drafts
    draft = drafting.draft_from_report(officer, report)
    job = start_render(officer, draft, pdf=False)
    assert job.status == JobStatus.SUCCEEDED and job.result["version"] == 1
    # A re-run of the same job (as after a crash past the DOCX step) makes no second version.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    assert services.execute(job.pk) == "succeeded"
    assert draft.files.count() == 1


def test_a_second_click_while_the_files_are_being_made_gives_back_the_same_job(
    full_world_drafts,
):
    officer, report = full_world_drafts
    draft = drafting.draft_from_report(officer, report)
    queued = Job.objects.create(
        kind="render_draft", title="x", key=f"{draft.pk}:{draft.version}:1", owner=officer
    )
    assert start_render(officer, draft).pk == queued.pk
