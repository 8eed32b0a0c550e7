"""A draft (dự thảo) of a document the system writes, and the files made from it.

The draft's text lives in ``content`` (JSON: addressees, bases, body blocks,
signer, recipients), so a person can edit it while figure blocks keep the
trace to the values they were computed from. Each generation is a new
GeneratedDocument version; files are never rewritten. Issuing assigns the
number from the register and locks the draft and its issued file.
"""

from __future__ import annotations

from django.db import models

from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit

# The six types the ND 30 renderer lays out, with their Vietnamese names.
DRAFT_TYPES: list[tuple[str, str]] = [
    ("bao_cao", "Báo cáo"),
    ("ke_hoach", "Kế hoạch"),
    ("to_trinh", "Tờ trình"),
    ("quyet_dinh", "Quyết định"),
    ("cong_van", "Công văn"),
    ("thong_bao", "Thông báo"),
]


class DraftSource(models.TextChoices):
    REPORT = "report", "Báo cáo của đơn vị"
    PLAN = "plan", "Kế hoạch"
    COMBINED = "combined", "Báo cáo tổng hợp của cấp trên"
    SUBMISSION = "submission", "Tờ trình đề nghị"
    MANUAL = "manual", "Soạn trực tiếp"


class DraftStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    PENDING = "pending", "Chờ lãnh đạo duyệt"
    ISSUED = "issued", "Đã ban hành"


class Draft(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="drafts"
    )
    doc_type = models.CharField("loại văn bản", max_length=12, choices=DRAFT_TYPES)
    source = models.CharField(
        "soạn từ", max_length=12, choices=DraftSource.choices, default=DraftSource.MANUAL
    )
    report = optional_fk("reporting.UnitReport")
    plan = optional_fk("planning.Plan")
    request = optional_fk("reporting.ReportRequest")
    source_ref = models.CharField("tham chiếu nguồn", max_length=120, blank=True)
    title = models.CharField("trích yếu", max_length=1000)
    content = models.JSONField(default=dict, blank=True)
    template = optional_fk("drafting.HouseTemplate", "mẫu văn bản")
    status = models.CharField(
        "trạng thái", max_length=8, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    # Why the head sent the draft back (shown until it is proposed again).
    return_reason = models.TextField("lý do trả lại", blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=80, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = optional_user()
    derived_from = optional_fk("self", "dự thảo lại từ", related_name="redrafts")
    # Optimistic concurrency: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status"])]
        verbose_name = "dự thảo văn bản"
        verbose_name_plural = "dự thảo văn bản"

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.symbol} {self.title}".replace("  ", " ")

    @property
    def is_issued(self) -> bool:
        return self.status == DraftStatus.ISSUED


def _docx_path(instance: GeneratedDocument, filename: str) -> str:
    return f"drafting/{instance.unit_id}/{instance.draft_id}/{filename}"


class GeneratedDocument(models.Model):
    """One generation of a draft: the DOCX (always), the PDF and a page-1 PNG when
    LibreOffice could make them. Never rewritten; ``issued`` marks the locked copy."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField("phiên bản")
    docx = models.FileField(upload_to=_docx_path, max_length=255)
    docx_sha256 = models.CharField(max_length=64)
    docx_size = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to=_docx_path, max_length=255, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    preview = models.FileField(upload_to=_docx_path, max_length=255, blank=True)
    pdf_message = models.TextField("ghi chú PDF", blank=True)
    pdf_seconds = models.FloatField(null=True, blank=True)
    template_name = models.CharField("mẫu", max_length=255, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    issued = models.BooleanField("bản ban hành (đã khóa)", default=False)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "version"], name="one_file_per_draft_version")
        ]
        verbose_name = "tệp văn bản đã tạo"
        verbose_name_plural = "tệp văn bản đã tạo"

    def __str__(self) -> str:
        return f"{self.draft_id} v{self.version}"
