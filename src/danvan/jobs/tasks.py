"""The one django-tasks task: run a job. Everything else about a job is in services."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def run_job(job_id: int) -> str:
    return services.execute(job_id)
