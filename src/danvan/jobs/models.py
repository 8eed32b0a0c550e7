"""A job: one piece of background work a person (or the command line) started.

The task queue (django-tasks with its database backend) only carries
"run job N"; everything a person sees — progress, result, error, who started
it — lives here, with the lease that lets another worker take the job over
when the worker running it died.
"""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    WAITING = "waiting", "Đang chạy các phần việc"
    SUCCEEDED = "succeeded", "Hoàn thành"
    FAILED = "failed", "Lỗi"


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Job(models.Model):
    kind = models.CharField("loại", max_length=40)
    title = models.CharField("công việc", max_length=300)
    owner = optional_user("người khởi tạo", related_name="jobs")
    unit = optional_fk(OrgUnit, "đơn vị", related_name=None)
    parent = optional_fk("self", on_delete=models.CASCADE, related_name="children")
    params = models.JSONField(default=dict)
    # Same kind + key while a job is unfinished (or succeeded, when the kind says so)
    # gives back that job instead of a second one.
    key = models.CharField(max_length=200, blank=True, default="")

    status = models.CharField(
        "trạng thái", max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField("bước", max_length=300, blank=True, default="")
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField("lỗi", blank=True, default="")

    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    worker = models.CharField(max_length=80, blank=True, default="")
    lease_until = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.UUIDField(null=True, blank=True)

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "công việc"
        verbose_name_plural = "công việc"
        indexes = [
            models.Index(fields=["status", "lease_until"], name="job_lease_idx"),
            models.Index(fields=["owner", "-created_at"], name="job_owner_idx"),
            models.Index(fields=["unit", "-created_at"], name="job_unit_idx"),
            models.Index(fields=["kind", "key"], name="job_key_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))
