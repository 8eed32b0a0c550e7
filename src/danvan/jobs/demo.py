"""Demo data: one finished job, so "Công việc" shows what a done job looks like (idempotent)."""

from __future__ import annotations

from django.utils import timezone

from .models import Job, JobStatus


def extend(ctx, stdout=None) -> None:
    unit = ctx.units["ttdvvl"]
    user = ctx.users.get("canbo.ttdvvl")
    if Job.objects.filter(kind="import_batch", key="demo").exists():
        return
    now = timezone.now()
    Job.objects.create(
        kind="import_batch",
        key="demo",
        title="Nạp văn bản mẫu của Trung tâm",
        owner=user,
        unit=unit,
        status=JobStatus.SUCCEEDED,
        done=3,
        total=3,
        attempts=1,
        result={"url": "/van-ban/", "label": "Mở kho văn bản", "children": 0, "failed": 0},
        started_at=now,
        finished_at=now,
    )
    if stdout is not None:
        stdout.write("Công việc mẫu: 1 việc đã hoàn thành.")
