"""The archive: documents, their figures, and the legal-reference registry."""

from .document import Document, DocumentCorrection, DocumentFormat
from .figure import DocumentFigure
from .legal import Citation, LegalReference

__all__ = [
    "Citation",
    "Document",
    "DocumentCorrection",
    "DocumentFigure",
    "DocumentFormat",
    "LegalReference",
]
