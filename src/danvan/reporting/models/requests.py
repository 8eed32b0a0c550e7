"""Report requests (đợt báo cáo): who asks whom, for which period, what form,
which outline, by when. Cut-off rules are data (Nghị định 09/2019 by default)."""

from __future__ import annotations

import datetime as dt

from django.db import models

from danvan.core.periods import CutoffRule as CoreCutoffRule
from danvan.core.periods import Period, PeriodError
from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator


class CutoffRule(models.Model):
    """A data cut-off rule: the window opens on `day` of the month
    `months_before` months before the period's first month."""

    name = models.CharField("tên", max_length=120)
    day = models.PositiveSmallIntegerField("ngày bắt đầu", default=15)
    months_before = models.PositiveSmallIntegerField("lùi số tháng", default=1)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    is_default = models.BooleanField("mặc định", default=False)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = "quy tắc chốt số liệu"

    def __str__(self) -> str:
        return self.name

    def as_core(self) -> CoreCutoffRule:
        return CoreCutoffRule(self.day, self.months_before)


class RequestKind(models.TextChoices):
    PERIODIC = "periodic", "Báo cáo định kỳ"
    TOPICAL = "topical", "Báo cáo chuyên đề"
    AD_HOC = "ad_hoc", "Báo cáo đột xuất"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Đang thu thập"
    CLOSED = "closed", "Đã kết thúc"


class ReportRequest(models.Model):
    requester_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="cơ quan yêu cầu",
        on_delete=models.PROTECT,
        related_name="report_requests",
    )
    title = models.CharField("tên báo cáo", max_length=500)
    kind = models.CharField(
        "loại", max_length=10, choices=RequestKind.choices, default=RequestKind.PERIODIC
    )
    number = models.CharField("số, ký hiệu văn bản yêu cầu", max_length=60, blank=True)
    period = models.CharField("kỳ báo cáo", max_length=12)
    year = models.PositiveSmallIntegerField(db_index=True)
    cutoff_rule = optional_fk(CutoffRule)
    cutoff_start = models.DateField("chốt số liệu từ ngày")
    cutoff_end = models.DateField("chốt số liệu đến ngày")
    deadline = models.DateField("hạn nộp")
    grace_days = models.PositiveSmallIntegerField("số ngày gia hạn", default=0)
    reminder_days = models.PositiveSmallIntegerField("nhắc trước hạn (ngày)", default=3)
    instructions = models.TextField("hướng dẫn", blank=True)
    scope_note = models.CharField("phạm vi", max_length=255, blank=True)
    status = models.CharField(
        "trạng thái", max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = "yêu cầu báo cáo"
        verbose_name_plural = "yêu cầu báo cáo"

    def __str__(self) -> str:
        return self.title

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    @property
    def period_label(self) -> str:
        try:
            return self.period_obj.label
        except PeriodError:
            return self.period

    @property
    def due_date(self) -> dt.date:
        """The last day a report counts as on time: deadline plus grace days."""
        return self.deadline + dt.timedelta(days=self.grace_days)


class RequestIndicator(models.Model):
    """One row of the request's form (biểu mẫu số liệu)."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="form_rows")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)
    required = models.BooleanField("bắt buộc", default=True)

    class Meta:
        ordering = ["request", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "indicator"], name="unique_request_row")
        ]


class OutlineHeading(models.Model):
    """One heading of the outline (đề cương) the narrative follows."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="headings")
    order = models.PositiveIntegerField(default=0)
    number = models.CharField("số mục", max_length=20, blank=True)
    title = models.CharField("đề mục", max_length=500)
    guidance = models.TextField("gợi ý nội dung", blank=True)

    class Meta:
        ordering = ["request", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Reminder(models.Model):
    """A reminder sent for a report not yet submitted (one per report and day)."""

    report = models.ForeignKey(
        "reporting.UnitReport", on_delete=models.CASCADE, related_name="reminders"
    )
    on = models.DateField()
    emailed_to = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A reviewer's "Nhắc hạn" (manual) rather than the daily automatic one.
    sent_by = optional_user()

    class Meta:
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["report", "on"], name="one_reminder_a_day")]
