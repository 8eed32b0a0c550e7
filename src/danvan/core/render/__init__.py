"""Rendering administrative documents: ND 30/2020 layout, figure phrases, DOCX, PDF.

Pure Python (python-docx, docxtpl, and the soffice / pdftoppm programs for
PDF and previews); the Django apps pass plain dataclasses in.
"""

from danvan.core.render.check import LayoutProblem, check_layout
from danvan.core.render.citations import Citer, LegalRef, cite_again, cite_first
from danvan.core.render.document import figure_refs, render_docx, signer_lines, validate_spec
from danvan.core.render.figures import figure_sentence, percent_text
from danvan.core.render.model import (
    Article,
    DocumentSpec,
    FigureParagraph,
    Heading,
    Issuer,
    Paragraph,
    Signer,
    SpecError,
    Table,
    build_symbol,
)
from danvan.core.render.pdf import ConversionError, convert_to_pdf, pdf_page_png, soffice_available
from danvan.core.render.style import DEFAULT_STYLE, StyleSheet
from danvan.core.render.templates import (
    TEMPLATE_PLACEHOLDERS,
    TemplateError,
    render_with_template,
    template_context,
    validate_template,
)

__all__ = [
    "DEFAULT_STYLE",
    "TEMPLATE_PLACEHOLDERS",
    "ConversionError",
    "TemplateError",
    "convert_to_pdf",
    "pdf_page_png",
    "render_with_template",
    "soffice_available",
    "template_context",
    "validate_template",
    "Article",
    "Citer",
    "DocumentSpec",
    "FigureParagraph",
    "Heading",
    "Issuer",
    "LayoutProblem",
    "LegalRef",
    "Paragraph",
    "Signer",
    "SpecError",
    "StyleSheet",
    "Table",
    "build_symbol",
    "check_layout",
    "cite_again",
    "cite_first",
    "figure_refs",
    "figure_sentence",
    "percent_text",
    "render_docx",
    "signer_lines",
    "validate_spec",
]
