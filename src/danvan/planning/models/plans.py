"""Plans (kế hoạch) of a unit for a period, and their tasks (nhiệm vụ trọng tâm)."""

from __future__ import annotations

from django.db import models

from danvan.modelfields import PeriodCoded, optional_fk, optional_user
from danvan.orgunits.models import OrgUnit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Không thực hiện"


class Plan(PeriodCoded, models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="plans"
    )
    period = models.CharField("kỳ kế hoạch", max_length=12)
    year = models.PositiveSmallIntegerField(db_index=True)
    title = models.CharField("trích yếu", max_length=500)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    legal_bases = models.TextField("căn cứ", blank=True, help_text="Mỗi dòng một văn bản.")
    purposes = models.TextField("mục đích", blank=True)
    requirements = models.TextField("yêu cầu", blank=True)
    implementation = models.TextField("tổ chức thực hiện", blank=True)
    status = models.CharField(
        "trạng thái", max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = optional_user()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "unit__path", "title"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField("thứ tự", default=0)
    section = models.CharField("mục", max_length=255, blank=True)
    code = models.CharField("số thứ tự", max_length=20, blank=True)
    title = models.TextField("nhiệm vụ")
    responsible_unit = optional_fk(OrgUnit, "đơn vị chủ trì", related_name="plan_tasks")
    responsible_text = models.CharField("chủ trì, phối hợp", max_length=255, blank=True)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    result = models.TextField("kết quả", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}".strip()
