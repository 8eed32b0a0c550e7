"""check_layout: read a DOCX back and report what falls outside the style sheet.

Checks the page (size, margins), page numbering (none on page 1, PAGE field
in the top margin from page 2), and every run of text: font on every script
(no theme font), size within the range of its component, the emphasis and case
Phụ lục I fixes, and for body paragraphs alignment, first-line indent, space
after and line spacing. A run's component is known from its paragraph style
(the "DV …" styles render_docx writes); runs in other styles (a house
template) are held to the font and to the union of all size ranges.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.core.render.ooxml import THEME_ATTRS
from danvan.core.render.style import DEFAULT_STYLE, RULE_STYLE_NAME, Range, StyleSheet, TextStyle

A4 = (210.0, 297.0)
PAGE_TOLERANCE_MM = 1.0


@dataclass(frozen=True)
class LayoutProblem:
    where: str  # "trang", "đoạn 12 “Kết quả…”", "đầu trang"
    item: str  # what was checked, in Vietnamese: "cỡ chữ", "lề trên"
    value: str
    allowed: str

    @property
    def message(self) -> str:
        return f"{self.where}: {self.item} — {self.value} (quy định: {self.allowed})."


def _mm(length: Any) -> float:
    return round(length.mm, 1) if length is not None else 0.0


def _num(v: float) -> str:
    return f"{v:g}".replace(".", ",")


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _defaults_rpr(doc: Any) -> Any:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    rpr_default = defaults.find(qn("w:rPrDefault"))
    return None if rpr_default is None else rpr_default.find(qn("w:rPr"))


class _Resolver:
    """Effective run properties: run → character style → paragraph style chain → defaults."""

    def __init__(self, doc: Any) -> None:
        self.defaults = _defaults_rpr(doc)

    def _levels(self, run: Any, paragraph: Any) -> Iterator[Any]:
        yield run._r.rPr
        if run._r.rPr is not None and run._r.rPr.find(qn("w:rStyle")) is not None:
            for st in _style_chain(run.style):
                yield st.element.rPr
        for st in _style_chain(paragraph.style):
            yield st.element.rPr
        yield self.defaults

    def font(self, run: Any, paragraph: Any, attr: str) -> str | None:
        """Font name for one script attribute ("w:ascii"), "theme:…" for a theme font."""
        theme_attr = {"w:ascii": "w:asciiTheme", "w:hAnsi": "w:hAnsiTheme"}[attr]
        for rpr in self._levels(run, paragraph):
            if rpr is None:
                continue
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                continue
            if fonts.get(qn(theme_attr)) is not None:
                return "theme:" + str(fonts.get(qn(theme_attr)))
            if fonts.get(qn(attr)) is not None:
                return str(fonts.get(qn(attr)))
        return None

    def size(self, run: Any, paragraph: Any) -> float | None:
        for rpr in self._levels(run, paragraph):
            if rpr is None:
                continue
            sz = rpr.find(qn("w:sz"))
            if sz is not None and sz.get(qn("w:val")) is not None:
                return int(str(sz.get(qn("w:val")))) / 2
        return None

    def flag(self, run: Any, paragraph: Any, tag: str) -> bool:
        for rpr in self._levels(run, paragraph):
            if rpr is None:
                continue
            el = rpr.find(qn(tag))
            if el is not None:
                val = el.get(qn("w:val"))
                return val not in ("0", "false", "off")
        return False


def _paragraph_format(paragraph: Any, name: str) -> Any:
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for st in _style_chain(paragraph.style):
        value = getattr(st.paragraph_format, name)
        if value is not None:
            return value
    return None


def _iter_blocks(container: Any, where: str) -> Iterator[tuple[Any, str]]:
    for item in container.iter_inner_content():
        if isinstance(item, DocxParagraph):
            yield item, where
        elif isinstance(item, DocxTable):
            for r, row in enumerate(item.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    yield from _iter_blocks(cell, f"{where}bảng, ô ({r},{c}) ")


def _has_page_field(part: Any) -> bool:
    for instr in part._element.iter(qn("w:instrText")):
        if "PAGE" in (instr.text or "").split():
            return True
    for simple in part._element.iter(qn("w:fldSimple")):
        if "PAGE" in (simple.get(qn("w:instr")) or "").split():
            return True
    return False


def check_layout(docx_bytes: bytes, style: StyleSheet = DEFAULT_STYLE) -> list[LayoutProblem]:
    """Every value outside ``style``'s ranges; an empty list means the layout conforms."""
    doc: Any = Document(io.BytesIO(docx_bytes))
    problems: list[LayoutProblem] = []
    add = problems.append

    for n, section in enumerate(doc.sections, 1):
        where = "trang" if len(doc.sections) == 1 else f"phần {n}"
        size = sorted((_mm(section.page_width), _mm(section.page_height)))
        if abs(size[0] - A4[0]) > PAGE_TOLERANCE_MM or abs(size[1] - A4[1]) > PAGE_TOLERANCE_MM:
            add(
                LayoutProblem(
                    where, "khổ giấy", f"{_num(size[0])} × {_num(size[1])} mm", "A4 (210 × 297 mm)"
                )
            )
        for label, value, dim in (
            ("lề trên", section.top_margin, style.margin_top_mm),
            ("lề dưới", section.bottom_margin, style.margin_bottom_mm),
            ("lề trái", section.left_margin, style.margin_left_mm),
            ("lề phải", section.right_margin, style.margin_right_mm),
        ):
            mm = _mm(value)
            if mm not in dim.allowed:
                add(LayoutProblem(where, label, f"{_num(mm)} mm", f"{dim.allowed.text()} mm"))
        if not section.different_first_page_header_footer:
            add(LayoutProblem(where, "số trang", "có ở trang đầu", "không đánh số trang đầu"))
        elif _has_page_field(section.first_page_header):
            add(LayoutProblem(where, "số trang", "có ở trang đầu", "không đánh số trang đầu"))
        if not _has_page_field(section.header):
            add(LayoutProblem(where, "số trang", "không có", "ở giữa lề trên từ trang 2"))

    resolver = _Resolver(doc)
    blocks: list[tuple[Any, str]] = list(_iter_blocks(doc, ""))
    for section in doc.sections:
        for part, label in (
            (section.header, "đầu trang "),
            (section.first_page_header, "đầu trang đầu "),
            (section.footer, "chân trang "),
        ):
            if not part.is_linked_to_previous:
                blocks.extend(_iter_blocks(part, label))

    counter = 0
    for paragraph, prefix in blocks:
        counter += 1
        _check_paragraph(paragraph, f"{prefix}đoạn {counter}", style, resolver, add)
    return problems


def _check_paragraph(
    paragraph: Any, where: str, style: StyleSheet, resolver: _Resolver, add: Any
) -> None:
    style_name = paragraph.style.name if paragraph.style is not None else ""
    if style_name == RULE_STYLE_NAME:
        return
    comp: TextStyle | None = style.by_style_name(style_name)
    text = paragraph.text.strip()
    if text:
        where = f"{where} “{text[:40]}{'…' if len(text) > 40 else ''}”"
    size_range: Range = comp.size if comp is not None else style.any_size
    label = comp.label_vi if comp is not None else "văn bản"
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        for attr in ("w:ascii", "w:hAnsi"):
            font = resolver.font(run, paragraph, attr)
            if font != style.font_name:
                add(LayoutProblem(where, f"phông chữ ({label})", str(font), style.font_name))
                break
        size = resolver.size(run, paragraph)
        if size is None or size not in size_range:
            add(
                LayoutProblem(
                    where,
                    f"cỡ chữ ({label})",
                    "không rõ" if size is None else _num(size),
                    size_range.text(),
                )
            )
        if comp is not None and comp.enforce_emphasis:
            if comp.bold and not resolver.flag(run, paragraph, "w:b"):
                add(LayoutProblem(where, f"kiểu chữ ({label})", "không đậm", "chữ đậm"))
            if comp.italic and not resolver.flag(run, paragraph, "w:i"):
                add(LayoutProblem(where, f"kiểu chữ ({label})", "không nghiêng", "chữ nghiêng"))
        if comp is not None and comp.upper and run.text != run.text.upper():
            add(LayoutProblem(where, f"chữ hoa ({label})", "có chữ thường", "in hoa"))
    if comp is None or comp.key not in ("noi_dung", "can_cu") or not text:
        return
    align = _paragraph_format(paragraph, "alignment")
    if align != WD_ALIGN_PARAGRAPH.JUSTIFY:
        add(LayoutProblem(where, "căn lề đoạn văn", str(align), "căn đều hai bên"))
    # Lengths in the unit the style states them in; an unset one is zero.
    for attr, what, allowed, unit, digits in (
        ("first_line_indent", "thụt đầu dòng", style.first_line_indent_cm.allowed, "cm", 2),
        ("space_after", "khoảng cách sau đoạn", style.space_after_pt.allowed, "pt", 1),
    ):
        length = _paragraph_format(paragraph, attr)
        got = round(getattr(length, unit), digits) if length is not None else 0.0
        if got not in allowed:
            add(LayoutProblem(where, what, f"{_num(got)} {unit}", f"{allowed.text()} {unit}"))
    spacing = _paragraph_format(paragraph, "line_spacing")
    rule = _paragraph_format(paragraph, "line_spacing_rule")
    if spacing is None:
        lines = 1.0
    elif isinstance(spacing, float):
        lines = round(spacing, 2)
    elif rule == WD_LINE_SPACING.EXACTLY or rule == WD_LINE_SPACING.AT_LEAST:
        size = comp.default_size
        lines = round(spacing.pt / (size * 1.15), 2)  # a "single" line is about 1.15 em
    else:
        lines = 1.0
    if lines not in style.line_spacing.allowed:
        add(
            LayoutProblem(
                where, "giãn dòng", _num(lines), f"{style.line_spacing.allowed.text()} dòng"
            )
        )


__all__ = ["LayoutProblem", "check_layout", "THEME_ATTRS"]
