"""Emulation movements (phong trào thi đua) and the initiatives units register
under them (mô hình “Dân vận khéo”), with their lifecycle and evaluations."""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit

from .indicators import Indicator


class Movement(models.Model):
    name = models.CharField("tên phong trào", max_length=255)
    organiser = models.ForeignKey(
        OrgUnit,
        verbose_name="cơ quan phát động",
        on_delete=models.PROTECT,
        related_name="movements",
    )
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    description = models.TextField("nội dung", blank=True)
    legal_bases = models.TextField(
        "căn cứ",
        blank=True,
        help_text="Mỗi dòng một văn bản, ví dụ: Chỉ thị số 11-CT/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy",
    )
    # Ids of legal references in the documents archive, when it knows them.
    legal_reference_ids = models.JSONField(default=list, blank=True)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"

    @property
    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", "Đăng ký"
    IMPLEMENTING = "implementing", "Triển khai"
    EVALUATED = "evaluated", "Sơ kết, đánh giá"
    EXEMPLAR = "exemplar", "Công nhận điển hình"
    REPLICATED = "replicated", "Nhân rộng"


# Allowed moves in the lifecycle, and who may make them ("edit": the unit;
# "review": the superior or the movement's organiser).
INITIATIVE_FLOW: dict[str, dict[str, str]] = {
    InitiativeStatus.REGISTERED: {InitiativeStatus.IMPLEMENTING: "edit"},
    InitiativeStatus.IMPLEMENTING: {InitiativeStatus.EVALUATED: "edit"},
    InitiativeStatus.EVALUATED: {
        InitiativeStatus.EXEMPLAR: "review",
        InitiativeStatus.IMPLEMENTING: "review",
    },
    InitiativeStatus.EXEMPLAR: {InitiativeStatus.REPLICATED: "review"},
    InitiativeStatus.REPLICATED: {},
}

# The registration's written items: the plan of the model, then what it will leave.
_PLAN_TEXT_FIELDS = (
    "name",
    "situation",
    "objectives",
    "content",
    "area_and_beneficiaries",
    "lead_and_partners",
    "resources",
    "timeframe",
)
_RESULT_TEXT_FIELDS = ("outputs", "sustainability")
INITIATIVE_TEXT_FIELDS = (*_PLAN_TEXT_FIELDS, *_RESULT_TEXT_FIELDS)
# The registration form's items in the model's order: the dates between the plan and its results.
INITIATIVE_FORM_FIELDS = (*_PLAN_TEXT_FIELDS, "start_on", "end_on", *_RESULT_TEXT_FIELDS)


class Initiative(models.Model):
    movement = models.ForeignKey(
        Movement, verbose_name="phong trào", on_delete=models.PROTECT, related_name="initiatives"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị đăng ký", on_delete=models.PROTECT, related_name="initiatives"
    )
    year = models.PositiveSmallIntegerField("năm đăng ký")
    name = models.CharField("tên mô hình", max_length=500)
    situation = models.TextField("thực trạng, lý do xây dựng mô hình", blank=True)
    objectives = models.TextField("mục tiêu và tiêu chí", blank=True)
    content = models.TextField("nội dung và cách làm", blank=True)
    area_and_beneficiaries = models.TextField("địa bàn và đối tượng", blank=True)
    lead_and_partners = models.TextField("chủ trì và phối hợp", blank=True)
    resources = models.TextField("nguồn lực", blank=True)
    timeframe = models.CharField("thời gian thực hiện", max_length=255, blank=True)
    start_on = models.DateField("bắt đầu", null=True, blank=True)
    end_on = models.DateField("kết thúc", null=True, blank=True)
    outputs = models.TextField("sản phẩm đầu ra kiểm chứng được", blank=True)
    sustainability = models.TextField("khả năng duy trì và nhân rộng", blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=14,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.REGISTERED,
    )
    registered_on = models.DateField("ngày đăng ký", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = optional_user()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "unit__path", "name"]
        indexes = [models.Index(fields=["movement", "year"])]
        verbose_name = "mô hình “Dân vận khéo”"
        verbose_name_plural = "mô hình “Dân vận khéo”"

    def __str__(self) -> str:
        return self.name

    def next_statuses(self) -> dict[str, str]:
        return INITIATIVE_FLOW.get(self.status, {})


class InitiativeTarget(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField("chỉ tiêu", max_digits=20, decimal_places=4)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "indicator"], name="unique_initiative_target"
            )
        ]


class InitiativeEvaluation(models.Model):
    SELF, REVIEW = "self", "review"
    KINDS = [(SELF, "Đơn vị tự đánh giá, sơ kết"), (REVIEW, "Ý kiến của cấp trên")]
    RATINGS = [
        ("", "—"),
        ("excellent", "Xuất sắc"),
        ("good", "Tốt"),
        ("fair", "Đạt"),
        ("poor", "Chưa đạt"),
    ]

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField("loại", max_length=8, choices=KINDS)
    on = models.DateField("ngày")
    rating = models.CharField("xếp loại", max_length=10, choices=RATINGS, blank=True)
    text = models.TextField("nội dung đánh giá, ý kiến")
    status_from = models.CharField(max_length=14, blank=True)
    status_to = models.CharField(max_length=14, blank=True)
    author = optional_user()
    author_unit = optional_fk(OrgUnit)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "created_at"]
