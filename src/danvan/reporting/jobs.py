"""Background kinds of reporting: the daily deadline reminders."""

from __future__ import annotations

from danvan.jobs import registry, services
from danvan.jobs.models import Job

from .services import send_reminders


@registry.kind("reminders", "Nhắc hạn báo cáo", reuse_succeeded=False)
def reminders(ctx: services.JobContext) -> dict:
    """Idempotent: one reminder per report and day (a re-run the same day adds none)."""
    made = send_reminders()
    emailed = sum(1 for r in made if r.emailed_to)
    return {"message": f"Đã nhắc {len(made)} báo cáo ({emailed} có gửi thư điện tử)."}


def start_reminders(user=None, unit=None) -> Job:
    """Queue today's reminders (the "Nhắc hạn" action and the daily timer call this)."""
    return services.start("reminders", user=user, unit=unit, key="reminders")
