"""An archived document: the original file, its text, the extraction result
and its metadata (extracted values overlaid with an officer's corrections)."""

from __future__ import annotations

from django.db import models

from danvan.core.doctypes import DOC_TYPES
from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit

DOC_TYPE_CHOICES = [(t.code, t.name) for t in DOC_TYPES]


class DocumentFormat(models.TextChoices):
    TXT = "txt", "Văn bản thuần (.txt)"
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"
    IMAGE = "image", "Ảnh"


# Metadata fields an officer may correct. Their columns on Document always hold
# the effective value: the extracted one unless a DocumentCorrection overrides it.
META_FIELDS = (
    "doc_type",
    "number",
    "issued_on",
    "place",
    "issuer",
    "title",
    "period_label",
    "period_start",
    "period_end",
    "signer_name",
    "signer_position",
    "signer_authority",
    "signer_on_behalf_of",
    "recipients",
)


class Document(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị lưu trữ", on_delete=models.PROTECT, related_name="documents"
    )
    uploaded_by = optional_user("người nạp")
    # The original file, content-addressed under MEDIA_ROOT/originals/sha[:2]/sha.
    sha256 = models.CharField("mã băm SHA-256", max_length=64, db_index=True)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    size = models.BigIntegerField("dung lượng (byte)")
    format = models.CharField("định dạng", max_length=10, choices=DocumentFormat.choices)
    pages = models.PositiveIntegerField("số trang", default=1)
    ocr_used = models.BooleanField("đã nhận dạng ảnh (OCR)", default=False)
    read_warnings = models.JSONField("cảnh báo khi đọc", default=list, blank=True)

    text = models.TextField("nội dung văn bản", blank=True)
    # fold(metadata + text): searched with LIKE on the folded query, on any database.
    search_text = models.TextField(editable=False, blank=True)
    extraction = models.JSONField("kết quả trích xuất", default=dict, blank=True)

    doc_type = models.CharField(
        "loại văn bản", max_length=20, choices=DOC_TYPE_CHOICES, default="other", db_index=True
    )
    number = models.CharField("số, ký hiệu", max_length=120, blank=True)
    number_key = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True, db_index=True)
    place = models.CharField("địa danh", max_length=120, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True, db_index=True)
    title = models.TextField("trích yếu", blank=True)
    period_label = models.CharField("kỳ báo cáo", max_length=120, blank=True)
    period_start = models.DateField("kỳ từ ngày", null=True, blank=True)
    period_end = models.DateField("kỳ đến ngày", null=True, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_authority = models.CharField(
        "thẩm quyền ký",
        max_length=4,
        blank=True,
        choices=[("TM", "TM."), ("KT", "KT."), ("TL", "TL."), ("TUQ", "TUQ."), ("Q", "Q.")],
    )
    signer_on_behalf_of = models.CharField("ký thay/thừa lệnh", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    # The year used by the list filter: issued_on's, else the period's.
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True, db_index=True)

    # The archived document that IS a cited legal document (same type + number).
    legal_reference = optional_fk("documents.LegalReference", related_name="archived_documents")

    imported_at = models.DateTimeField("ngày nạp", auto_now_add=True)
    extracted_at = models.DateTimeField("ngày trích xuất")

    class Meta:
        ordering = ["-issued_on", "-imported_at", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        constraints = [
            models.UniqueConstraint(fields=["unit", "sha256"], name="unique_original_per_unit"),
        ]
        indexes = [models.Index(fields=["doc_type", "number_key"])]

    def __str__(self) -> str:
        label = self.get_doc_type_display()
        if self.number:
            label += f" số {self.number}"
        if self.title:
            label += f": {self.title[:120]}"
        return label if (self.number or self.title) else f"{label} ({self.original_name})"


class DocumentCorrection(models.Model):
    """One field an officer corrected. A re-extraction never overwrites it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=40)
    value = models.JSONField(null=True, blank=True)
    corrected_by = optional_user()
    corrected_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["field"]
        constraints = [
            models.UniqueConstraint(fields=["document", "field"], name="unique_correction_field"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}.{self.field}"
