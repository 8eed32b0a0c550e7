"""The indicator catalogue (chỉ tiêu) and targets (kế hoạch) per unit and period."""

from __future__ import annotations

from django.db import models

from danvan.core.indicators import AGGREGATION_LABELS
from danvan.core.indicators import Aggregation as CoreAggregation
from danvan.modelfields import PeriodCoded, optional_fk, optional_user
from danvan.orgunits.models import OrgUnit


class Aggregation(models.TextChoices):
    SUM = CoreAggregation.SUM.value, AGGREGATION_LABELS[CoreAggregation.SUM]
    AVERAGE = CoreAggregation.AVERAGE.value, AGGREGATION_LABELS[CoreAggregation.AVERAGE]
    RATIO = CoreAggregation.RATIO.value, AGGREGATION_LABELS[CoreAggregation.RATIO]
    LATEST = CoreAggregation.LATEST.value, AGGREGATION_LABELS[CoreAggregation.LATEST]


# What the catalogue page edits and the service accepts.
INDICATOR_FIELDS = (
    "code",
    "name",
    "unit_of_measure",
    "group",
    "aggregation",
    "higher_is_better",
    "allow_negative",
    "allow_non_numeric",
    "decimals",
    "numerator",
    "denominator",
    "scale",
    "description",
    "active",
)


class Indicator(models.Model):
    """What is measured. Ratio indicators are computed from two other
    indicators (numerator and denominator) and are never typed in."""

    code = models.CharField("mã chỉ tiêu", max_length=30, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    group = models.CharField("nhóm", max_length=120, blank=True)
    aggregation = models.CharField(
        "cách tổng hợp lên cấp trên",
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    higher_is_better = models.BooleanField("càng cao càng tốt", default=True)
    allow_negative = models.BooleanField("cho phép số âm", default=False)
    allow_non_numeric = models.BooleanField(
        "cho phép giá trị không phải số",
        default=False,
        help_text="Ví dụ “Đạt”, “Hoàn thành”; giá trị chữ không được cộng dồn.",
    )
    decimals = models.PositiveSmallIntegerField("số chữ số thập phân", default=0)
    numerator = optional_fk("self", "tử số", on_delete=models.PROTECT)
    denominator = optional_fk("self", "mẫu số", on_delete=models.PROTECT)
    scale = models.DecimalField("hệ số", max_digits=10, decimal_places=2, default=100)
    description = models.TextField("mô tả, cách tính", blank=True)
    active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        # Shown in pickers: people choose by name; the code is an internal key.
        return self.name

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO


class Target(PeriodCoded, models.Model):
    """The planned value of an indicator for a unit and period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="targets")
    period = models.CharField("kỳ", max_length=12)
    year = models.PositiveSmallIntegerField(db_index=True)
    value = models.DecimalField("chỉ tiêu kế hoạch", max_digits=20, decimal_places=4)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    set_by = optional_user()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator__code", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="unique_target_per_period"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period", "unit"])]
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"
