"""Indicator values: one figure per indicator, unit and period, reported once
and reused by every request that asks for it, with where it came from.

Roll-ups join the value's unit to OrgUnit.path (prefix match) rather than
copying the path here: a unit moved or merged mid-year keeps its values and
they follow it to its new place, counted once.
"""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit
from danvan.planning.models import Indicator


class ValueState(models.TextChoices):
    DRAFT = "draft", "Chưa gửi"
    SUBMITTED = "submitted", "Đã gửi"
    ACCEPTED = "accepted", "Đã chấp nhận"


class Provenance(models.TextChoices):
    TYPED = "typed", "Nhập tay"
    EXCEL = "excel", "Nhập từ tệp Excel"
    DOCUMENT = "document", "Lấy từ văn bản lưu trữ"


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="indicator_values")
    period = models.CharField("kỳ", max_length=12)
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField("giá trị (chữ)", max_length=255, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=ValueState.choices, default=ValueState.DRAFT)
    # Provenance: typed in, imported from an Excel row, or taken from an
    # archived document's figure. The document and figure are real references
    # (reporting sits above documents); readers show them only when the
    # document is in their own scope (see reporting.access / the API).
    source = models.CharField(
        "nguồn", max_length=10, choices=Provenance.choices, default=Provenance.TYPED
    )
    source_ref = models.CharField("tham chiếu nguồn", max_length=255, blank=True)
    document = optional_fk("documents.Document", "văn bản nguồn", related_name="indicator_values")
    figure = optional_fk(
        "documents.DocumentFigure", "số liệu nguồn", related_name="indicator_values"
    )
    figure_start = models.PositiveIntegerField(null=True, blank=True)
    figure_end = models.PositiveIntegerField(null=True, blank=True)
    source_sentence = models.TextField("câu trích", blank=True)
    excel_row = models.PositiveIntegerField(null=True, blank=True)
    confirmed_by = optional_user()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    entered_by = optional_user()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator__code", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="one_value_per_indicator_unit_period"
            )
        ]
        indexes = [
            # Roll-ups: one indicator and period, all units under a path. The
            # state and value are key columns so both SQLite and PostgreSQL
            # answer from the index alone (SQLite has no INCLUDE columns).
            models.Index(
                fields=["indicator", "period", "unit", "state", "value"],
                name="value_rollup_cover_idx",
            ),
            # A unit's history (report table, same period last year).
            models.Index(fields=["unit", "indicator", "period"], name="value_unit_idx"),
        ]
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit_id} {self.period}: {self.value}"


class ValueRollup(models.Model):
    """Sums of the values below a unit: one row per (unit, indicator, period,
    state) holding the total and the number of non-empty values of every unit
    strictly under it (its own values are not included: a leaf unit has no
    rows). Kept by the services that write values (services/subtree_sums.py) in the
    same transaction, and moved with a unit that changes place, so a subtree's
    roll-up reads a few rows instead of thousands of values.
    `danvan rollups --rebuild` recomputes it from the values."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=12)
    state = models.CharField(max_length=10, choices=ValueState.choices)
    total = models.DecimalField(max_digits=26, decimal_places=4, default=0)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "period", "state"], name="one_rollup_per_key"
            )
        ]
        verbose_name = "tổng hợp số liệu theo nhánh"
        verbose_name_plural = "tổng hợp số liệu theo nhánh"


class ImportBatch(models.Model):
    """An uploaded Excel file, parsed and shown as a preview before it is saved."""

    report = models.ForeignKey(
        "reporting.UnitReport", on_delete=models.CASCADE, related_name="imports"
    )
    filename = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
