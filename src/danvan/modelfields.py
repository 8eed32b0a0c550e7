"""Field factories for the field shapes the apps' models repeat.

They build ordinary Django fields with the same arguments a model would spell
out, so a model using them has the same schema (makemigrations sees no change).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def optional_fk(
    to: Any,
    verbose_name: str | None = None,
    *,
    on_delete: Any = models.SET_NULL,
    related_name: str | None = "+",
    **kw: Any,
) -> models.ForeignKey:
    """A reference that may stay empty (null and blank), cleared by default
    when its target goes and with no reverse accessor unless one is named."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        **kw,
    )


def optional_user(verbose_name: str | None = None, *, related_name: str = "+") -> models.ForeignKey:
    """The person who did something, kept empty when the account is deleted."""
    return optional_fk(settings.AUTH_USER_MODEL, verbose_name, related_name=related_name)
