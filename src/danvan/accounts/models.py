"""Roles of users in units, and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from danvan.orgunits.models import OrgUnit


class RoleKind(models.TextChoices):
    OFFICER = "officer", "Cán bộ nhập liệu"
    HEAD = "head", "Lãnh đạo đơn vị"
    REVIEWER = "reviewer", "Cán bộ thẩm định cấp trên"
    COUNCIL = "council", "Thư ký Hội đồng thi đua – khen thưởng"
    ADMIN = "admin", "Quản trị"


class Role(models.Model):
    """A user's role in a unit. Rights reach the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField("vai trò", max_length=10, choices=RoleKind.choices)

    class Meta:
        ordering = ["unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "kind"], name="unique_role"),
        ]
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.unit}"


def token_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.DANVAN_TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored. It expires after
    DANVAN_TOKEN_DAYS and is revoked when its owner's password changes or the
    account is locked (danvan.accounts.tokens)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("tên", max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} (#{self.pk})"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        raw = "dv_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=cls.hash(raw),
            expires_at=timezone.now() + token_lifetime(),
        )
        return token, raw


class UserSearchKey(models.Model):
    """A user's names and e-mail folded (no case, no diacritics, đ = d) and indexed, so
    searching people behaves the same on SQLite and PostgreSQL; kept by a post_save
    signal (danvan.accounts.search)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folded"
    )
    search_key = models.CharField(max_length=300, blank=True, db_index=True)

    class Meta:
        verbose_name = "khóa tìm kiếm người dùng"
