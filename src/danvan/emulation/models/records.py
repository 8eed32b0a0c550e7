"""Records a nomination is judged on: yearly ratings, titles and awards held,
innovations (sáng kiến) and discipline.

A person's records hang off the StaffMember, never the unit, so they follow
the person who moves. Collective records hang off the OrgUnit.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from danvan.core.rules import DISCIPLINE_LEVELS, RATINGS, SCOPES, TITLES
from danvan.core.rules.awards import REVOCATION_GROUNDS
from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit, StaffMember

RATING_CHOICES = list(RATINGS.items())
TITLE_CHOICES = [(code, label) for code, label in TITLES.items()]
REVOCATION_CHOICES = list(REVOCATION_GROUNDS.items())
SCOPE_CHOICES = list(SCOPES.items())
DISCIPLINE_CHOICES = list(DISCIPLINE_LEVELS.items())


def one_subject(name: str) -> models.CheckConstraint:
    """Exactly one of ``staff`` (a person) and ``collective`` (a unit) is set."""
    return models.CheckConstraint(
        condition=(Q(staff__isnull=False) & Q(collective__isnull=True))
        | (Q(staff__isnull=True) & Q(collective__isnull=False)),
        name=name,
    )


class SubjectTitle:
    """Mixin for a title or award of a person or a collective in a year
    (an award held, a nomination): named after its subject."""

    staff: object
    collective: object
    year: int

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.get_title_display()} {self.year}"  # type: ignore[attr-defined]

    @property
    def subject_name(self) -> str:
        return str(self.staff or self.collective)


class PerformanceRating(models.Model):
    """A person's yearly rating (xếp loại chất lượng) and the leave that year.

    `leave_working_days` is the leave that does not count as working time;
    empty means not entered (the engine then answers "unknown")."""

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="ratings", verbose_name="cán bộ"
    )
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=4, choices=RATING_CHOICES)
    leave_working_days = models.PositiveSmallIntegerField(
        "số ngày nghỉ không tính thời gian công tác", null=True, blank=True
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["staff", "-year"]
        verbose_name = "xếp loại cá nhân"
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="emulation_rating_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.staff} – {self.year}: {self.get_rating_display()}"


class CollectiveRating(models.Model):
    """A collective's (unit's) yearly rating."""

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="emulation_ratings", verbose_name="tập thể"
    )
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=4, choices=RATING_CHOICES)

    class Meta:
        ordering = ["unit", "-year"]
        verbose_name = "xếp loại tập thể"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="emulation_collective_rating_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}: {self.get_rating_display()}"


class AwardRecord(SubjectTitle, models.Model):
    """A title or award held (danh hiệu thi đua, hình thức khen thưởng).

    Exactly one of `staff` (a person) and `collective` (a unit) is set.
    `unit` is where the subject was when awarded (for year-end summaries);
    the record itself follows the person."""

    staff = optional_fk(
        StaffMember, "cá nhân", on_delete=models.CASCADE, related_name="award_records"
    )
    collective = optional_fk(
        OrgUnit, "tập thể", on_delete=models.CASCADE, related_name="collective_awards"
    )
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị khi được khen"
    )
    title = models.CharField("danh hiệu, hình thức", max_length=40, choices=TITLE_CHOICES)
    year = models.PositiveSmallIntegerField("năm thành tích")
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decided_by = models.CharField("cơ quan quyết định", max_length=255, blank=True)
    decision = optional_fk(
        "emulation.AwardDecision", on_delete=models.PROTECT, related_name="records"
    )
    # NĐ 152/2025 Điều 4 khoản 3 (legal-verified row 45): an award given by
    # theme (chuyên đề) or for a sudden achievement (đột xuất) is not a basis
    # for proposing higher merit awards; the engine does not count it.
    theme_based = models.BooleanField("khen thưởng theo chuyên đề, đột xuất", default=False)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "danh hiệu, khen thưởng đã có"
        constraints = [
            one_subject("emulation_award_record_one_subject"),
            # One achievement, one award (Luật 2022 Điều 5).
            models.UniqueConstraint(
                fields=["staff", "title", "year"],
                condition=Q(staff__isnull=False),
                name="emulation_award_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["collective", "title", "year"],
                condition=Q(collective__isnull=False),
                name="emulation_award_once_per_collective",
            ),
        ]


class Innovation(models.Model):
    """A recognised innovation (sáng kiến)."""

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="innovations", verbose_name="tác giả"
    )
    title = models.CharField("tên sáng kiến", max_length=300)
    year = models.PositiveSmallIntegerField("năm công nhận")
    scope = models.CharField("phạm vi ảnh hưởng", max_length=10, choices=SCOPE_CHOICES)
    recognised_by = models.CharField("cơ quan công nhận", max_length=255, blank=True)
    decision_number = models.CharField("số quyết định công nhận", max_length=60, blank=True)
    applied = models.BooleanField("đã áp dụng", null=True, blank=True)

    class Meta:
        ordering = ["staff", "-year"]
        verbose_name = "sáng kiến"

    def __str__(self) -> str:
        return self.title


class DisciplinaryAction(models.Model):
    """A disciplinary measure (kỷ luật)."""

    staff = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="discipline", verbose_name="cán bộ"
    )
    level = models.CharField(
        "hình thức kỷ luật", max_length=20, choices=DISCIPLINE_CHOICES, blank=True
    )
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    # NĐ 152/2025 Điều 4 khoản 4: being considered for discipline, or under
    # inspection or investigation (no decision yet).
    pending = models.BooleanField("đang xem xét kỷ luật, thanh tra, điều tra", default=False)
    effective_until = models.DateField("hiệu lực đến", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    created_by = optional_user()

    class Meta:
        ordering = ["staff", "-decided_on"]
        verbose_name = "kỷ luật"

    def __str__(self) -> str:
        return f"{self.staff} – {self.get_level_display()}"


class Revocation(models.Model):
    """Hủy bỏ a title or award of a decision (Luật 2022 Điều 93 khoản 2; NĐ
    152/2025 Điều 56): the grounds, the money and certificate recovered. The
    record stays, marked revoked, for the audit trail; the engine no longer
    counts it (e.g. for "n consecutive years")."""

    record = models.OneToOneField(
        AwardRecord, on_delete=models.PROTECT, related_name="revocation", verbose_name="danh hiệu"
    )
    ground = models.CharField("căn cứ hủy bỏ", max_length=30, choices=REVOCATION_CHOICES)
    decided_on = models.DateField("ngày quyết định hủy bỏ")
    decision_number = models.CharField("số quyết định hủy bỏ", max_length=60)
    recovered_amount = models.PositiveBigIntegerField("số tiền đã thu hồi (đồng)", default=0)
    certificate_recovered = models.BooleanField("đã thu hồi bằng, giấy chứng nhận", default=False)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = optional_user()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "hủy bỏ khen thưởng"

    def __str__(self) -> str:
        return f"Hủy bỏ {self.record}"


class BaseSalaryRate(models.Model):
    """Mức lương cơ sở from a date: entered by an administrator from the decree
    that sets it (the prize money of NĐ 152/2025 Điều 49–50 is a multiple)."""

    valid_from = models.DateField("áp dụng từ ngày", unique=True)
    amount = models.PositiveIntegerField("mức lương cơ sở (đồng/tháng)")
    basis = models.CharField("căn cứ (văn bản quy định)", max_length=255)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "mức lương cơ sở"

    def __str__(self) -> str:
        return f"{self.amount} đ từ {self.valid_from}"
