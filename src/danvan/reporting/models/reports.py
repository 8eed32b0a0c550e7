"""A unit's report to a request: narrative per outline heading, the indicator
table (values live in IndicatorValue), the plan's tasks, and the review trail."""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import PlanTask, TaskStatus

from .requests import OutlineHeading, ReportRequest


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    PENDING = "pending", "Chờ lãnh đạo duyệt"
    SIGNED = "signed", "Lãnh đạo đã ký, chờ gửi"
    SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
    RETURNED = "returned", "Bị trả lại"
    ACCEPTED = "accepted", "Đã chấp nhận"


class UnitReport(models.Model):
    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Optimistic concurrency: every save must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    first_submitted_at = models.DateTimeField("nộp lần đầu", null=True, blank=True)
    submitted_at = models.DateTimeField("gửi lần cuối", null=True, blank=True)
    late = models.BooleanField("nộp muộn", default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = optional_user()
    return_reason = models.TextField("lý do trả lại", blank=True)
    unlock_reason = models.TextField("lý do mở khóa", blank=True)
    # What the requester saw at the last submission (shown while the unit edits again).
    submitted_snapshot = models.JSONField(null=True, blank=True)
    # The signed, numbered document (issued from the unit's register by the head).
    signed_symbol = models.CharField("số, ký hiệu văn bản", max_length=80, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    signed_by = optional_user()
    signer_text = models.CharField("người ký", max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = optional_user()

    class Meta:
        ordering = ["request", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="one_report_per_unit")
        ]
        indexes = [models.Index(fields=["request", "status"])]
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"

    def __str__(self) -> str:
        return f"{self.request.title} – {self.unit.name}"

    @property
    def was_submitted(self) -> bool:
        return self.first_submitted_at is not None

    @property
    def is_internal(self) -> bool:
        """Still inside the unit: drafting, waiting for the head, or signed and not sent."""
        return self.status in (
            ReportStatus.DRAFT,
            ReportStatus.PENDING,
            ReportStatus.SIGNED,
            ReportStatus.RETURNED,
        )

    @property
    def is_in(self) -> bool:
        """Counts as submitted for completeness (returned reports must be sent again)."""
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class ReportSection(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="sections")
    heading = models.ForeignKey(OutlineHeading, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["heading__order", "heading_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "heading"], name="one_section_per_heading")
        ]


class ReportTaskLine(models.Model):
    """A plan task carried into the report, with its progress for the period."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="task_lines")
    task = optional_fk(PlanTask)
    title = models.TextField()
    status = models.CharField(
        max_length=12, choices=TaskStatus.choices, default=TaskStatus.IN_PROGRESS
    )
    result = models.TextField("kết quả trong kỳ", blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "order", "pk"]


class ReportEvent(models.Model):
    """The review trail: submitted, recalled, returned, accepted, unlocked."""

    SUBMIT, RECALL, RETURN, ACCEPT, UNLOCK, SAVE = (
        "submit",
        "recall",
        "return",
        "accept",
        "unlock",
        "save",
    )
    PROPOSE, SIGN, DECLINE = "propose", "sign", "decline"
    KINDS = [
        (PROPOSE, "Trình lãnh đạo duyệt"),
        (SIGN, "Lãnh đạo duyệt, ký (cấp số)"),
        (DECLINE, "Lãnh đạo trả lại"),
        (SUBMIT, "Gửi báo cáo"),
        (RECALL, "Thu hồi để sửa"),
        (RETURN, "Trả lại"),
        (ACCEPT, "Chấp nhận"),
        (UNLOCK, "Mở khóa"),
        (SAVE, "Lưu"),
    ]

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=KINDS)
    at = models.DateTimeField(auto_now_add=True)
    user = optional_user()
    reason = models.TextField(blank=True)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]
