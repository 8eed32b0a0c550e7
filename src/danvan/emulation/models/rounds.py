"""The award round: pledges, nominations, council vote, disclosure,
submission, appraisal and the award decision; quotas as data."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.rules import AUTHORITIES
from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit, StaffMember

from .records import TITLE_CHOICES, SubjectTitle, one_subject

AUTHORITY_CHOICES = list(AUTHORITIES.items())


class RoundKind(models.TextChoices):
    ANNUAL = "annual", "Hằng năm"
    SPECIAL = "special", "Đột xuất, chuyên đề"


class AwardRound(models.Model):
    """One unit's round of nominations for an achievement year (đợt xét khen thưởng).

    `unit` proposes; `deciding_unit` (the unit itself or one above it)
    appraises and decides, with the powers of `authority` (Luật 2022 Điều
    79–80), under the quotas it sets for the year (QuotaRule)."""

    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="award_rounds",
        verbose_name="đơn vị đề nghị",
    )
    year = models.PositiveSmallIntegerField("năm thành tích")
    kind = models.CharField("loại đợt", max_length=10, choices=RoundKind.choices)
    name = models.CharField("tên đợt", max_length=255)
    deciding_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan quyết định"
    )
    authority = models.CharField(
        "thẩm quyền quyết định", max_length=40, choices=AUTHORITY_CHOICES, default="giam_doc_so"
    )
    approval_threshold = models.DecimalField(
        "tỷ lệ đồng ý tối thiểu của Hội đồng (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        help_text="Đề nghị được thông qua khi tỷ lệ phiếu đồng ý trên số thành viên dự họp "
        "đạt từ mức này trở lên.",
    )
    disclosure_days = models.PositiveSmallIntegerField(
        "số ngày công khai", default=5, help_text="Số ngày niêm yết danh sách để lấy ý kiến."
    )
    council_members = models.PositiveSmallIntegerField(
        "số thành viên Hội đồng", null=True, blank=True
    )
    council_present = models.PositiveSmallIntegerField(
        "số thành viên dự họp", null=True, blank=True
    )
    council_held_on = models.DateField("ngày họp Hội đồng", null=True, blank=True)
    disclosure_start = models.DateField("công khai từ", null=True, blank=True)
    disclosure_end = models.DateField("công khai đến", null=True, blank=True)
    submitted_on = models.DateField("ngày trình", null=True, blank=True)
    submitted_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = optional_user()

    class Meta:
        ordering = ["-year", "unit__path", "pk"]
        verbose_name = "đợt xét khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(kind="annual"),
                name="emulation_one_annual_round_per_unit_year",
            )
        ]

    def __str__(self) -> str:
        return self.name


class QuotaRule(models.Model):
    """A cap set by a deciding unit for a year: a share of another title
    and/or a count (kept as data, checked by the engine)."""

    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="quota_rules",
        verbose_name="cơ quan quyết định",
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("danh hiệu bị giới hạn", max_length=40, choices=TITLE_CHOICES)
    max_percent_of = models.CharField(
        "tính theo tỷ lệ của", max_length=40, choices=TITLE_CHOICES, blank=True
    )
    percent = models.DecimalField(
        "tỷ lệ tối đa (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    max_count = models.PositiveIntegerField("số lượng tối đa", null=True, blank=True)
    basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        ordering = ["unit", "-year", "title"]
        verbose_name = "hạn mức khen thưởng"

    def __str__(self) -> str:
        return f"{self.get_title_display()} {self.year}"


class ClusterLeader(models.Model):
    """A collective voted the leader of a cụm, khối thi đua for a year, as the
    ministry or province running the clusters records it (NĐ 152/2025 Điều 7
    khoản 1): the fact behind Cờ thi đua của Chính phủ, and, with
    `meets_flag_criteria`, the base of its 20% cap."""

    organiser = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="cluster_leaders",
        verbose_name="cơ quan tổ chức cụm, khối thi đua",
    )
    year = models.PositiveSmallIntegerField("năm")
    cluster = models.CharField("cụm, khối thi đua", max_length=255)
    leader = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="tập thể dẫn đầu"
    )
    meets_flag_criteria = models.BooleanField(
        "đủ tiêu chuẩn Cờ thi đua cấp bộ, tỉnh", default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organiser", "-year", "cluster"]
        verbose_name = "tập thể dẫn đầu cụm, khối thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "year", "cluster"], name="emulation_one_leader_per_cluster"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.leader}"


class EmulationPledge(models.Model):
    """Đăng ký thi đua: who aims for which title (a plan; optional since 2022)."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="pledges")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    staff = optional_fk(StaffMember, on_delete=models.CASCADE, related_name="pledges")
    collective = optional_fk(OrgUnit, on_delete=models.CASCADE)
    title = models.CharField("danh hiệu đăng ký", max_length=40, choices=TITLE_CHOICES)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = "đăng ký thi đua"

    @property
    def subject_name(self) -> str:
        return str(self.staff or self.collective)


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Dự kiến"
    COUNCIL_VOTED = "council_voted", "Hội đồng đã thông qua"
    REJECTED = "rejected", "Hội đồng không thông qua"
    DISCLOSED = "disclosed", "Đang công khai"
    SUBMITTED = "submitted", "Đã trình cấp trên"
    APPRAISED = "appraised", "Đã thẩm định"
    RETURNED = "returned", "Bị trả lại"
    RECALLED = "recalled", "Đơn vị đã rút"
    DECIDED = "decided", "Đã có quyết định"


# A nomination in one of these no longer stands (another may be made).
CLOSED_STATUSES = (NominationStatus.REJECTED, NominationStatus.RETURNED, NominationStatus.RECALLED)


class Nomination(SubjectTitle, models.Model):
    """Đề nghị khen thưởng: a title or award for a person or a collective."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="nominations")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    staff = optional_fk(
        StaffMember, "cá nhân", on_delete=models.PROTECT, related_name="nominations"
    )
    collective = optional_fk(OrgUnit, "tập thể", on_delete=models.PROTECT)
    title = models.CharField("danh hiệu, hình thức", max_length=40, choices=TITLE_CHOICES)
    year = models.PositiveSmallIntegerField("năm thành tích")
    achievement = models.TextField("tóm tắt thành tích", blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
    )
    votes_for = models.PositiveSmallIntegerField("phiếu đồng ý", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("phiếu không đồng ý", null=True, blank=True)
    # All members of the council when it voted on this nomination: the base of
    # the national thresholds (NĐ 152/2025 Điều 33 khoản 5).
    council_members = models.PositiveSmallIntegerField(
        "số thành viên Hội đồng khi biểu quyết", null=True, blank=True
    )
    approval_percent = models.DecimalField(
        "tỷ lệ đồng ý (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    checks = models.JSONField("kết quả kiểm tra", default=list, blank=True)
    eligible = models.BooleanField("đủ tiêu chuẩn", null=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    appraisal_note = models.TextField("ý kiến thẩm định", blank=True)
    appraised_by = optional_user()
    decision = optional_fk(
        "emulation.AwardDecision", on_delete=models.PROTECT, related_name="nominations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = optional_user()

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = "đề nghị khen thưởng"
        constraints = [one_subject("emulation_nomination_one_subject")]

    @property
    def is_collective(self) -> bool:
        return self.collective_id is not None

    @property
    def subject_key(self) -> str:
        return f"u{self.collective_id}" if self.collective_id else f"p{self.staff_id}"


class DisclosureComment(models.Model):
    """A comment made on the public disclosure of a round's proposals."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="comments")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    nomination = optional_fk(Nomination, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField("ý kiến")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "ý kiến góp ý"


class AwardDecision(models.Model):
    """Quyết định khen thưởng: numbered per issuer and calendar year."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="decisions")
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị đề nghị"
    )
    issuer = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành"
    )
    year = models.PositiveSmallIntegerField("năm ban hành")
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("số, ký hiệu", max_length=60)
    signed_on = models.DateField("ngày ký")
    signer_name = models.CharField("người ký", max_length=120)
    signer_position = models.CharField("chức vụ người ký", max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = optional_user()

    class Meta:
        ordering = ["-signed_on", "-number"]
        verbose_name = "quyết định khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], name="emulation_decision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.symbol}"
