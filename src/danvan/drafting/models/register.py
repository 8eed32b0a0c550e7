"""The numbering register (sổ đăng ký văn bản đi).

Numbers run per issuer, document type and calendar year from 01 (Nghị định
30/2020 Điều 15). NumberRegister holds the last number given and is locked
(select_for_update) while the next one is taken; IssuedNumber is one line of
the register, unique per register and number, so two concurrent issues can
never share a number even where row locks are not available.
"""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit

from .drafts import DRAFT_TYPES


class NumberRegister(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField("loại văn bản", max_length=12, choices=DRAFT_TYPES)
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        ordering = ["unit__path", "-year", "doc_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_type", "year"], name="one_register_per_unit_type_year"
            )
        ]
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"

    def __str__(self) -> str:
        return f"{self.unit} {self.get_doc_type_display()} {self.year}"


class IssuedNumber(models.Model):
    register = models.ForeignKey(NumberRegister, on_delete=models.PROTECT, related_name="entries")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(max_length=12, choices=DRAFT_TYPES)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("số, ký hiệu", max_length=80)
    title = models.CharField("trích yếu", max_length=1000, blank=True)
    issued_on = models.DateField("ngày ban hành")
    issued_by = optional_user()
    issued_at = models.DateTimeField(auto_now_add=True)
    draft = optional_fk("drafting.Draft")
    # Who asked for the number when it was not a draft of this app ("emulation", ...).
    source = models.CharField("nơi lấy số", max_length=40, default="drafting")
    source_ref = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="unique_number_in_register"
            ),
            models.UniqueConstraint(
                fields=["unit", "doc_type", "year", "number"], name="unique_number_per_issuer_year"
            ),
        ]
        verbose_name = "số văn bản đã cấp"
        verbose_name_plural = "số văn bản đã cấp"

    def __str__(self) -> str:
        return self.symbol
