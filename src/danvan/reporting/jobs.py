"""Background kinds of reporting: the daily deadline reminders, and the e-mail of a
reviewer's “Nhắc hạn” (through the mail job, retried while the server is down)."""

from __future__ import annotations

from danvan.jobs import registry, services
from danvan.jobs.mail import queue_mail
from danvan.jobs.models import Job

from .models import Reminder
from .services import send_reminders
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
