"""Audit log: who changed what, when, with the values before and after."""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_user


class AuditEntry(models.Model):
    CREATE, UPDATE, DELETE, ACTION = "create", "update", "delete", "action"
    ACTIONS = [
        (CREATE, "Tạo mới"),
        (UPDATE, "Cập nhật"),
        (DELETE, "Xóa"),
        (ACTION, "Thao tác"),
    ]

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = optional_user("người thực hiện")
    action = models.CharField("loại", max_length=10, choices=ACTIONS)
    verb = models.CharField("thao tác", max_length=60, blank=True)
    object_type = models.CharField("loại đối tượng", max_length=60, db_index=True)
    object_id = models.CharField("mã đối tượng", max_length=40, db_index=True)
    object_repr = models.CharField("đối tượng", max_length=300)
    unit_id = models.BigIntegerField("đơn vị", null=True, blank=True, db_index=True)
    changes = models.JSONField("thay đổi", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
