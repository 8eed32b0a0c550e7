"""House templates: a unit's own DOCX layout with docxtpl placeholders."""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_user
from danvan.orgunits.models import OrgUnit

from .drafts import DRAFT_TYPES


def _template_path(instance: HouseTemplate, filename: str) -> str:
    return f"drafting/templates/{instance.unit_id}/{filename}"


class HouseTemplate(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="house_templates"
    )
    doc_type = models.CharField("loại văn bản", max_length=12, choices=DRAFT_TYPES)
    name = models.CharField("tên mẫu", max_length=255)
    file = models.FileField(upload_to=_template_path, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    placeholders = models.JSONField(default=list, blank=True)
    active = models.BooleanField("đang dùng", default=True)
    uploaded_by = optional_user()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "doc_type", "-uploaded_at"]
        verbose_name = "mẫu văn bản riêng"
        verbose_name_plural = "mẫu văn bản riêng"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_doc_type_display()})"
