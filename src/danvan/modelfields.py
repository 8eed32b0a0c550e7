"""Field factories for the field shapes the apps' models repeat, and a mixin
for the reading of a period code that several models hold.

They build ordinary Django fields with the same arguments a model would spell
out, so a model using them has the same schema (makemigrations sees no change).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from danvan.core.periods import Period, PeriodError


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


class PeriodCoded:
    """Mixin for a model whose ``period`` field holds a period code ("2024-H1")."""

    period: str

    @property
    def period_obj(self) -> Period | None:
        """The period, or None when the stored code does not parse."""
        try:
            return Period.parse(self.period)
        except PeriodError:
            return None

    @property
    def period_label(self) -> str:
        p = self.period_obj
        return p.label if p else self.period
