"""E-mail as a job: sent by a worker, retried with backoff while the mail server
is unreachable. Other apps call `queue_mail` (reminders, notifications)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from . import registry, services
from .models import Job


@registry.kind("send_mail", "Gửi thư điện tử", max_attempts=5)
def send(ctx: services.JobContext) -> dict:
    recipients = [r for r in ctx.params.get("to", []) if r]
    if not recipients:
        return {"message": "Không có địa chỉ nhận; không gửi."}
    try:
        send_mail(
            subject=ctx.params["subject"],
            message=ctx.params["body"],
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as exc:
        raise services.TransientError(
            "Không gửi được thư điện tử (máy chủ thư không trả lời)."
        ) from exc
    return {"message": f"Đã gửi tới {len(recipients)} địa chỉ.", "to": recipients}


def queue_mail(
    subject: str, body: str, to: list[str], *, user=None, unit=None, key: str = ""
) -> Job:
    """Queue one e-mail. The same `key` while it is unsent gives back the queued job,
    so a double click or a re-run of a reminder does not send twice."""
    return services.start(
        "send_mail",
        user=user,
        unit=unit,
        params={"subject": subject, "body": body, "to": sorted(set(to))},
        title=f"Gửi thư: {subject}"[:300],
        key=key,
    )
