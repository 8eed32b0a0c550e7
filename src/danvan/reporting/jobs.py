"""Background kinds of reporting: the daily deadline reminders, the e-mail of a
reviewer's “Nhắc hạn” (through the mail job, retried while the server is down),
and the Excel tables of a large request."""

from __future__ import annotations

from typing import Any

from danvan.core.errors import DomainError
from danvan.jobs import registry, services
from danvan.jobs.mail import queue_mail
from danvan.jobs.models import Job

from . import table_exports  # noqa: F401  (registers the roll-up and comparison exports)
from .access import get_request
from .models import Reminder
from .services import exports, send_reminders
from .services.requests import reminder_message, unit_emails


@registry.kind("reminders", "Nhắc hạn báo cáo", reuse_succeeded=False)
def reminders(ctx: services.JobContext) -> dict:
    """Idempotent: one reminder per report and day (a re-run the same day adds none)."""
    made = send_reminders()
    emailed = sum(1 for r in made if r.emailed_to)
    return {"message": f"Đã nhắc {len(made)} báo cáo ({emailed} có gửi thư điện tử)."}


def start_reminders(user=None, unit=None) -> Job:
    """Queue today's reminders (the "Nhắc hạn" action and the daily timer call this)."""
    return services.start("reminders", user=user, unit=unit, key="reminders")


def queue_reminder_email(user, reminder: Reminder) -> Job | None:
    """Queue the e-mail of one reviewer's reminder to the unit's officers and heads."""
    emails = unit_emails(reminder.report)
    if not emails:
        return None
    subject, body = reminder_message(reminder.report)
    job = queue_mail(
        subject, body, emails, user=user, unit=reminder.report.unit, key=f"reminder:{reminder.pk}"
    )
    Reminder.objects.filter(pk=reminder.pk).update(emailed_to=emails)
    return job


@registry.kind("export_request", "Xuất Excel của yêu cầu báo cáo", max_attempts=2)
def export_request(ctx: services.JobContext) -> dict:
    """Idempotent: the file is written again under the same name."""
    req = get_request(ctx.user, ctx.params["request"])  # the starter's scope, at run time
    kind = ctx.params["kind"]
    made = exports.build(ctx.user, req, kind, step=lambda n, total: ctx.progress(n, total))
    url = ctx.save_file(made.filename, made.data)
    return {"url": url, "label": f"Tải tệp Excel {exports.KINDS[kind]}", "file": made.filename}


def start_for_request(job_kind: str, user, req, what: str, variant: str, /, **params: Any) -> Job:
    """Queue a job over a report request (run for the requesting unit), one per request,
    variant and user: a second click while it runs gives the same job back."""
    return services.start(
        job_kind,
        user=user,
        unit=req.requester_unit,
        params={"request": req.pk, **params},
        title=f"{what}: {req.title}",
        key=f"{req.pk}:{variant}:{getattr(user, 'pk', '')}",
    )


def start_export(user, req, kind: str) -> Job:
    """Queue one of the request's Excel tables; a second click while it runs gives it back."""
    if kind not in exports.KINDS:
        raise DomainError("Không có bảng Excel này.")
    return start_for_request(
        "export_request", user, req, f"Xuất Excel {exports.KINDS[kind]}", kind, kind=kind
    )
