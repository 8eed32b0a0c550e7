"""Rendering administrative documents: ND 30/2020 layout, figure phrases, DOCX, PDF.

Pure Python (python-docx, docxtpl, and the soffice / pdftoppm programs for
PDF and previews); the Django apps pass plain dataclasses in.

Modules: model (DocumentSpec, build_symbol), style (the ND 30 style sheet as
data), document (render_docx), check (check_layout), figures
(figure_sentence), citations (cite_first, cite_again, Citer), templates
(house templates through docxtpl), pdf (LibreOffice and pdftoppm).

Decisions worth knowing:
- An issuer without a short code cannot get a ký hiệu: build_symbol and
  render_docx raise SpecError with a Vietnamese message rather than print
  "130/KH". A công văn without a drafting unit gets the legacy "146/TTDVVL".
- Drafts (number / issued_on None) print "Số:      /KH-TTDVVL" and
  "Sơn La, ngày ... tháng ... năm 2026"; validate_spec lists the gaps.
- An empty spec still renders (a skeleton to fill in); nothing crashes on
  missing values, plans of 0 or a previous value of 0.
- Every component is a Word paragraph style ("DV Quoc hieu", "DV Noi dung"…),
  so check_layout knows which range applies to each run.
- Party documents (Issuer.party) use HD 36: no Quốc hiệu, "ĐẢNG CỘNG SẢN
  VIỆT NAM" with a rule, "*" under the issuer, "Số 11-CT/TU", and the
  common T/M, K/T, T/L prefixes (StyleSheet.party_slash_prefixes).
- FigureParagraph.ref_id is kept as a bookmark plus a custom document
  property; figure_refs() reads them back.
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
