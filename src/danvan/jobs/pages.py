"""What a page that starts a job does: send the person back to a page that shows
the job's progress bar (``?cong-viec=N``), and read that parameter back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from danvan.core.errors import DomainError

from .models import Job
from .services import get_job_for_user

PARAM = "cong-viec"


def job_of(request) -> Job | None:
    """The job named in ?cong-viec= (its progress is shown), scoped to the user."""
    pk = request.GET.get(PARAM)
    return get_job_for_user(request.user, pk) if pk else None


def follow(url: str, job: Job):
    """Redirect to `url` showing the job's progress."""
    joiner = "&" if "?" in url else "?"
    return redirect(f"{url}{joiner}{PARAM}={job.pk}")


def start_and_follow(request, start, url: str):
    """Call `start()` (which queues a job); on a refusal show its Vietnamese message."""
    try:
        job = start()
    except (DomainError, PermissionDenied) as exc:
        messages.error(request, getattr(exc, "message", None) or str(exc))
        return redirect(url)
    return follow(url, job)
