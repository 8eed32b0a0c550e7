"""Figures found in a document, with where they came from (offsets into its text)."""

from __future__ import annotations

from django.db import models

from .document import Document


class DocumentFigure(models.Model):
    """A quantity a document reports. Stable: other apps attach indicator values to it."""

    KINDS = [("result", "Kết quả"), ("target", "Chỉ tiêu"), ("state", "Hiện trạng")]

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(default=0)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField("đoạn trích")
    label = models.TextField("nội dung", blank=True)
    value = models.DecimalField("giá trị", max_digits=24, decimal_places=6)
    unit = models.CharField("đơn vị tính", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=10, choices=KINDS, default="result")
    plan_percent = models.DecimalField(
        "% kế hoạch", max_digits=14, decimal_places=4, null=True, blank=True
    )
    change_percent = models.DecimalField(
        "% so với cùng kỳ", max_digits=14, decimal_places=4, null=True, blank=True
    )
    change_value = models.DecimalField(
        "tăng/giảm so với cùng kỳ", max_digits=24, decimal_places=6, null=True, blank=True
    )
    target = models.DecimalField("chỉ tiêu", max_digits=24, decimal_places=6, null=True, blank=True)
    approximate = models.BooleanField("ước tính", default=False)

    class Meta:
        ordering = ["document", "position"]
        verbose_name = "số liệu trích từ văn bản"
        verbose_name_plural = "số liệu trích từ văn bản"

    def __str__(self) -> str:
        return f"{self.value} {self.unit}".strip()
