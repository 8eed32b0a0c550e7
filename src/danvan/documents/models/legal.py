"""The legal-reference registry: one entry per distinct cited document."""

from __future__ import annotations

from django.db import models

from .document import DOC_TYPE_CHOICES, Document


class LegalReference(models.Model):
    """A document cited somewhere in the archive, keyed by type + normalised number.

    Metadata is shared across units (it describes a public document); which
    documents cite it is scoped like the documents themselves.
    """

    doc_type = models.CharField("loại văn bản", max_length=20, choices=DOC_TYPE_CHOICES)
    number = models.CharField("số, ký hiệu", max_length=120)
    number_key = models.CharField(max_length=120, editable=False)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    title = models.TextField("trích yếu", blank=True)
    # Variants seen across the citations; a conflict is flagged, never merged silently.
    variants = models.JSONField(default=list, blank=True)
    conflict = models.BooleanField("có dị bản", default=False, db_index=True)
    conflict_notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["doc_type", "number_key"]
        verbose_name = "văn bản được dẫn chiếu"
        verbose_name_plural = "văn bản được dẫn chiếu"
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "number_key"], name="unique_legal_ref"),
        ]
        indexes = [models.Index(fields=["issued_on"]), models.Index(fields=["number_key"])]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} số {self.number}"


class Citation(models.Model):
    """One document citing one legal reference, with the words and where they are."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    reference = models.ForeignKey(
        LegalReference, on_delete=models.PROTECT, related_name="citations"
    )
    position = models.PositiveIntegerField(default=0)
    doc_type = models.CharField(max_length=20, choices=DOC_TYPE_CHOICES)
    number = models.CharField("số, ký hiệu như in", max_length=120)
    issued_on = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    text = models.TextField(blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "position"]
        verbose_name = "trích dẫn"
        verbose_name_plural = "trích dẫn"

    def __str__(self) -> str:
        return f"{self.document_id} → {self.reference}"
