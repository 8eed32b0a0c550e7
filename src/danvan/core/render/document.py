"""render_docx: a DocumentSpec laid out per Nghị định 30/2020 (or HD 36 for the Party).

Reading order of the result (what python-docx or an extractor sees):
header table row 1 (issuer | Quốc hiệu, Tiêu ngữ), row 2 ("Số: …" | place and
date), then the type name and trích yếu, căn cứ, Kính gửi, the body, and the
signature table ("Nơi nhận" list | signer block).
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.core.dates import format_date_long
from danvan.core.numbers import roman
from danvan.core.render import ooxml
from danvan.core.render.model import (
    AUTHORITIES,
    Article,
    DocumentSpec,
    FigureParagraph,
    Heading,
    Notice,
    Paragraph,
    Signer,
    SpecError,
    Table,
    doc_type_for,
)
from danvan.core.render.style import DEFAULT_STYLE, RULE_STYLE_NAME, StyleSheet, TextStyle
from danvan.core.text import collapse_ws, nfc

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
FIGURES_PROPERTY = "danvan.figures"
FIGURE_BOOKMARK_PREFIX = "dv_fig_"
SIGNATURE_BLANK_LINES = 4
NBSP = "\u00a0"

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese điểm: no j, w, z
_END_PUNCT = re.compile(r"[\s.;,:]+$")


def point_letter(n: int) -> str:
    """1 → "a", 23 → "y", 24 → "aa" (long lists of điểm are rare but must not crash)."""
    letters = ""
    n -= 1
    while True:
        letters = _LETTERS[n % len(_LETTERS)] + letters
        n = n // len(_LETTERS) - 1
        if n < 0:
            return letters


def upper_vi(text: str) -> str:
    return nfc(text).upper()


def _clean(text: str | None) -> str:
    return collapse_ws(nfc(text or ""))


def end_lines(items: Sequence[str], mid: str = ";", last: str = ".") -> list[str]:
    """Each line ends with ``mid``, the last with ``last`` (existing punctuation replaced)."""
    cleaned = [_END_PUNCT.sub("", _clean(i)) for i in items]
    cleaned = [c for c in cleaned if c]
    return [c + (last if i == len(cleaned) - 1 else mid) for i, c in enumerate(cleaned)]


def heading_label(block: Heading, counters: list[int]) -> str:
    """ "I. KẾT QUẢ", "1. Công tác …", "a) Về …"; ``counters`` (3 ints) carries the numbering."""
    level = min(max(block.level, 1), 3)
    text = _clean(block.text)
    if block.numbered:
        counters[level - 1] += 1
        for deeper in range(level, 3):
            counters[deeper] = 0
        n = counters[level - 1]
        mark = {1: f"{roman(n)}.", 2: f"{n}.", 3: f"{point_letter(n)})"}[level]
        text = f"{mark} {text}"
    return upper_vi(text) if level == 1 else text


def date_line(spec: DocumentSpec) -> str:
    """ "Sơn La, ngày 09 tháng 3 năm 2022"; a draft: "Sơn La, ngày ... tháng ... năm 2026"."""
    if spec.issued_on is not None:
        when = format_date_long(spec.issued_on)
    else:
        year = spec.draft_year or date.today().year
        when = f"ngày ... tháng ... năm {year}"
    place = _clean(spec.place)
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


def signer_lines(signer: Signer, party: bool = False, slash_prefixes: bool = True) -> list[str]:
    """Title lines of the signature block, upper case, without the name.

    KT: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]; TM with a collective and KT:
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; Q: ["Q. GIÁM ĐỐC"].
    """

    def prefix(auth: str) -> str:
        if party and slash_prefixes and auth in ("TM", "KT", "TL"):
            return f"{auth[0]}/{auth[1]} "
        return f"{auth}. "

    if signer.authority is not None and signer.authority not in AUTHORITIES:
        raise SpecError(
            f"Thẩm quyền ký “{signer.authority}” không hợp lệ; dùng một trong: "
            + ", ".join(f"{a}." for a in AUTHORITIES)
            + " hoặc để trống.",
            "signer",
        )
    position = upper_vi(_clean(signer.position))
    behalf = upper_vi(_clean(signer.on_behalf_of)) if signer.on_behalf_of else ""
    lines: list[str] = []
    if signer.collective and signer.authority != "TM":
        lines.append(prefix("TM") + upper_vi(_clean(signer.collective)))
    auth = signer.authority
    if auth is None:
        lines.append(position)
    elif auth == "Q":
        lines.append(prefix("Q") + (behalf or position))
    elif auth == "TM":
        lines.append(prefix("TM") + (behalf or upper_vi(_clean(signer.collective or ""))))
        lines.append(position)
    else:
        if not behalf:
            raise SpecError(
                f"Người ký với thẩm quyền {auth}. cần ghi rõ ký thay, ký thừa lệnh "
                "hoặc ký thừa ủy quyền cho chức danh nào (ví dụ: Giám đốc).",
                "signer",
            )
        lines.append(prefix(auth) + behalf)
        lines.append(position)
    return [line.strip() for line in lines if line.strip()]


def recipient_lines(spec: DocumentSpec) -> list[str]:
    """ "Nơi nhận" lines: "- Như trên;" first when there is a Kính gửi, "- Lưu: VT, …." last."""
    items: list[str] = []
    if spec.addressees and spec.type.has_addressees:
        items.append("Như trên")
    for r in spec.recipients:
        text = _END_PUNCT.sub("", _clean(r)).lstrip("-–+ ").strip()
        if not text or text.casefold() == "như trên" or text.casefold().startswith("lưu"):
            continue
        items.append(text)
    archive = "Lưu: VT"
    if spec.archive_unit:
        archive += f", {_clean(spec.archive_unit)}"
    if spec.archive_copies:
        archive += f"({spec.archive_copies:02d})"
    items.append(archive)
    return ["- " + line for line in end_lines(items)]


def validate_spec(spec: DocumentSpec) -> list[Notice]:
    """Gaps a person should fill before issuing, in Vietnamese; rendering still works."""
    warnings: list[Notice] = []
    if not _clean(spec.title):
        warnings.append(Notice("Văn bản chưa có trích yếu.", "title"))
    if not spec.body and not spec.closing:
        warnings.append(Notice("Văn bản chưa có nội dung.", "body"))
    if not _clean(spec.place):
        warnings.append(Notice("Chưa có địa danh ban hành.", "place"))
    if spec.signer is None or not _clean(spec.signer.name):
        warnings.append(Notice("Chưa có người ký.", "signer"))
    if spec.type.has_addressees and spec.doc_type != "bao_cao" and not spec.addressees:
        warnings.append(Notice(f"{spec.type.name} cần ghi nơi được kính gửi.", "addressee"))
    if spec.doc_type == "quyet_dinh" and not spec.legal_bases:
        warnings.append(Notice("Quyết định chưa có căn cứ ban hành.", "legal_bases"))
    if spec.number is None:
        warnings.append(Notice("Văn bản chưa được cấp số (bản dự thảo).", "unnumbered"))
    return warnings


@functools.lru_cache(maxsize=8)
def _base_document(style: StyleSheet) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """The empty, styled document for ``style`` (page, styles, page-number header).

    Building the styles costs about half of a short report, so it is done
    once per style sheet and each render starts from these bytes.
    """
    builder = _Renderer(None, style, base=None)
    builder.setup()
    out = io.BytesIO()
    builder.doc.save(out)
    return out.getvalue(), tuple(builder.style_ids.items())


class _Renderer:
    def __init__(
        self,
        spec: DocumentSpec | None,
        style: StyleSheet,
        base: tuple[bytes, tuple[tuple[str, str], ...]] | None,
    ) -> None:
        self._spec = spec
        self.style = style
        self.party = spec.issuer.party if spec is not None else False
        self.text_width_cm = (
            style.page_width_mm - style.margin_left_mm.default - style.margin_right_mm.default
        ) / 10
        self.figures: dict[str, str] = {}
        if base is None:
            self.doc: Any = Document()
            self.style_ids: dict[str, str] = {}
        else:
            self.doc = Document(io.BytesIO(base[0]))
            self.style_ids = dict(base[1])
        self.counters = [0, 0, 0]
        self.articles = 0

    @property
    def spec(self) -> DocumentSpec:
        assert self._spec is not None, "the base document has no spec"
        return self._spec

    # ----- document setup -------------------------------------------------
    def setup(self) -> None:
        st = self.style
        styles = self.doc.styles
        # docDefaults and every built-in style: our font on every script, no theme.
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        ooxml.set_fonts(rpr, st.font_name)
        ooxml.set_lang(rpr)
        for rfonts in styles.element.iter(qn("w:rFonts")):
            for attr in ooxml.THEME_ATTRS:
                if qn(attr) in rfonts.attrib:
                    del rfonts.attrib[qn(attr)]
            for attr in ooxml.FONT_ATTRS:
                rfonts.set(qn(attr), st.font_name)
        normal = styles["Normal"]
        ooxml.set_fonts(normal.element, st.font_name)
        normal.font.size = Pt(st.component("noi_dung").default_size)
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0

        for comp in st.components:
            self._add_style(comp)
        rule = styles.add_style(RULE_STYLE_NAME, WD_STYLE_TYPE.PARAGRAPH)
        self.style_ids[RULE_STYLE_NAME] = rule.style_id
        rule.base_style = normal
        rule.font.size = Pt(2)
        rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        rule.paragraph_format.line_spacing = Pt(5)
        rule.paragraph_format.space_after = Pt(0)

        section = self.doc.sections[0]
        section.page_width = Mm(st.page_width_mm)
        section.page_height = Mm(st.page_height_mm)
        section.top_margin = Mm(st.margin_top_mm.default)
        section.bottom_margin = Mm(st.margin_bottom_mm.default)
        section.left_margin = Mm(st.margin_left_mm.default)
        section.right_margin = Mm(st.margin_right_mm.default)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        # Page numbers centred in the top margin from page 2 (Phụ lục I Mục I).
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        first = section.first_page_header.paragraphs[0]
        self.set_style(first, st.component("so_trang").style_name)
        header = section.header
        header.is_linked_to_previous = False
        para = header.paragraphs[0]
        self.set_style(para, st.component("so_trang").style_name)
        ooxml.add_field(para, "PAGE", "2")

    def _add_style(self, comp: TextStyle) -> None:
        st = self.style
        s = self.doc.styles.add_style(comp.style_name, WD_STYLE_TYPE.PARAGRAPH)
        self.style_ids[comp.style_name] = s.style_id
        s.base_style = self.doc.styles["Normal"]
        s.quick_style = False
        ooxml.set_fonts(s.element, st.font_name)
        s.font.size = Pt(comp.default_size)
        s.font.bold = comp.bold
        s.font.italic = comp.italic
        pf = s.paragraph_format
        pf.alignment = _ALIGN[comp.align]
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        pf.widow_control = True
        if comp.key in ("noi_dung", "de_muc", "can_cu"):
            pf.first_line_indent = Cm(st.first_line_indent_cm.default)
            pf.space_after = Pt(st.space_after_pt.default)
            pf.line_spacing = st.line_spacing.default
        if comp.key == "de_muc":
            pf.keep_with_next = True

    # ----- small builders --------------------------------------------------
    def set_style(self, paragraph: Any, style_name: str) -> None:
        # python-docx resolves a style by scanning every style on each
        # assignment; writing the known id directly keeps a report fast.
        paragraph._p.style = self.style_ids[style_name]

    def para(self, container: Any, key: str, text: str = "", first: bool = False) -> Any:
        comp = self.style.component(key)
        if first:
            p = container.paragraphs[0]
        else:
            p = container.add_paragraph()
        self.set_style(p, comp.style_name)
        if text:
            p.add_run(upper_vi(text) if comp.upper else nfc(text))
        return p

    def lines_para(
        self,
        container: Any,
        key: str,
        text: str,
        width_cm: float,
        first: bool = False,
        soft: bool = False,
    ) -> list[str]:
        """Text split into balanced lines.

        soft=False joins the lines with line breaks. soft=True (letterheads)
        keeps one line of text and ties the words of each line together with
        no-break spaces, so the word processor can wrap only between our
        lines: a reader then sees "TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA" as one
        name, not two lines of which the lower looks like the issuer.
        """
        comp = self.style.component(key)
        shown = upper_vi(text) if comp.upper else nfc(text)
        lines = ooxml.balanced_lines(shown, width_cm, comp.default_size, comp.bold)
        p = self.para(container, key, first=first)
        if soft:
            tie = len(lines) > 1
            p.add_run(" ".join(line.replace(" ", NBSP) if tie else line for line in lines))
            return lines
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        return lines

    def rule(self, container: Any, width_cm: float, available_cm: float) -> Any:
        p = container.add_paragraph()
        self.set_style(p, RULE_STYLE_NAME)
        width = max(0.5, min(width_cm, available_cm))
        side = max(0.0, (available_cm - width) / 2)
        p.paragraph_format.left_indent = Cm(side)
        p.paragraph_format.right_indent = Cm(side)
        ooxml.bottom_border(p._p)
        return p

    def borderless_table(self, widths_cm: Sequence[float], rows: int = 1) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(widths_cm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        ooxml.table_borders(table._tbl, "nil")
        ooxml.fixed_layout(table._tbl)
        for i, w in enumerate(widths_cm):
            table.columns[i].width = Cm(w)
            for cell in table.columns[i].cells:
                cell.width = Cm(w)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        return table

    # ----- parts of the page -----------------------------------------------
    def header(self) -> None:
        spec, st = self.spec, self.style
        left_w = st.header_left_cm
        right_w = self.text_width_cm - left_w
        # Cell padding (0.19 cm a side) is not available to text.
        left_inner, right_inner = left_w - 0.38, right_w - 0.38
        table = self.borderless_table((left_w, right_w), rows=2)
        issuer_cell, nation_cell = table.cell(0, 0), table.cell(0, 1)
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)

        issuer_name = _clean_lines(spec.issuer.name)
        governing = _clean_lines(spec.issuer.governing_body)
        issuer_comp = st.component("co_quan_ban_hanh")
        if governing:
            self.lines_para(
                issuer_cell, "co_quan_chu_quan", governing, left_inner, first=True, soft=True
            )
        lines = self.lines_para(
            issuer_cell, "co_quan_ban_hanh", issuer_name, left_inner, first=not governing, soft=True
        )
        if self.party:
            self.para(issuer_cell, "dau_sao", "*")
        else:
            longest = max(
                (ooxml.text_width_cm(line, issuer_comp.default_size, True) for line in lines),
                default=0.0,
            )
            # Phụ lục I: a rule 1/3 to 1/2 as long as the issuer's name line.
            self.rule(issuer_cell, 0.45 * min(longest, left_inner), left_inner)

        if self.party:
            comp = st.component("dang")
            self.para(nation_cell, "dang", PARTY_HEADING, first=True)
            width = ooxml.text_width_cm(PARTY_HEADING, comp.default_size, True)
            self.rule(nation_cell, width, right_inner)
        else:
            self.para(nation_cell, "quoc_hieu", QUOC_HIEU, first=True)
            self.para(nation_cell, "tieu_ngu", TIEU_NGU)
            comp = st.component("tieu_ngu")
            self.rule(
                nation_cell, ooxml.text_width_cm(TIEU_NGU, comp.default_size, True), right_inner
            )

        label = "Số " if self.party else "Số: "
        p = self.para(number_cell, "so_ky_hieu", label + spec.symbol, first=True)
        p.paragraph_format.space_before = Pt(4)
        if spec.doc_type == "cong_van" and _clean(spec.title):
            vv = self.para(number_cell, "trich_yeu_cong_van", "V/v " + _strip_vv(spec.title))
            vv.paragraph_format.space_before = Pt(6)
        p = self.para(date_cell, "dia_danh_ngay", date_line(spec), first=True)
        p.paragraph_format.space_before = Pt(4)

    def title_block(self) -> None:
        spec = self.spec
        if spec.doc_type == "cong_van":
            return
        p = self.para(self.doc, "ten_loai", spec.type_label or spec.type.name)
        p.paragraph_format.space_before = Pt(18)
        comp = self.style.component("trich_yeu")
        lines: list[str] = []
        for given in (_clean(x) for x in nfc(spec.title).split("\n")):
            if given:
                # Balanced breaks, not "… giai đoạn 2021-" / "2025".
                lines += self.lines_para(self.doc, "trich_yeu", given, self.text_width_cm - 1)
        if lines:
            longest = max(ooxml.text_width_cm(line, comp.default_size, True) for line in lines)
            rule = self.rule(self.doc, 0.4 * min(longest, self.text_width_cm), self.text_width_cm)
            rule.paragraph_format.space_after = Pt(12)
        if spec.doc_type == "quyet_dinh" and spec.decision_authority:
            p = self.para(self.doc, "tham_quyen", _clean(spec.decision_authority))
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.space_after = Pt(6)
        for line in end_lines(spec.legal_bases):
            self.para(self.doc, "can_cu", line)
        if spec.doc_type == "quyet_dinh":
            p = self.para(self.doc, "ten_loai", "QUYẾT ĐỊNH:")
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.space_after = Pt(6)

    def addressees(self) -> None:
        spec = self.spec
        if not spec.addressees:
            return
        if not spec.type.has_addressees:
            raise SpecError(
                f"{spec.type.name} không có phần “Kính gửi”; hãy ghi vào Nơi nhận.", "addressee"
            )
        names = end_lines(spec.addressees, ";", ".")
        size = self.style.component("kinh_gui").default_size
        label = "Kính gửi:"
        if len(names) == 1:
            p = self.para(self.doc, "kinh_gui", f"{label} {names[0]}")
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.space_after = Pt(12)
            return
        start = 2.5
        items_at = start + ooxml.text_width_cm(label + " ", size) + 0.2
        for i, name in enumerate(names):
            p = self.para(self.doc, "kinh_gui")
            pf = p.paragraph_format
            pf.left_indent = Cm(items_at)
            if i == 0:
                pf.first_line_indent = Cm(start - items_at)
                pf.tab_stops.add_tab_stop(Cm(items_at))
                pf.space_before = Pt(12)
                p.add_run(f"{label}\t- {name}")
            else:
                p.add_run(f"- {name}")
            if i == len(names) - 1:
                pf.space_after = Pt(12)

    def body(self) -> None:
        for block in self.spec.body:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.para(self.doc, "noi_dung", _clean(block.text))
            elif isinstance(block, FigureParagraph):
                p = self.para(self.doc, "noi_dung", _clean(block.text))
                name = f"{FIGURE_BOOKMARK_PREFIX}{len(self.figures) + 1}"
                ooxml.add_bookmark(p, len(self.figures) + 1, name)
                self.figures[name] = block.ref_id
            elif isinstance(block, Article):
                self.article(block)
            elif isinstance(block, Table):
                self.table(block)
            else:  # pragma: no cover - the Block union is closed
                raise TypeError(f"unknown block {block!r}")
        if self.spec.closing:
            text = _END_PUNCT.sub("", _clean(self.spec.closing))
            self.para(self.doc, "noi_dung", text + "./.")

    def heading(self, block: Heading) -> None:
        p = self.para(self.doc, "de_muc", heading_label(block, self.counters))
        if block.level >= 3:
            for run in p.runs:
                run.bold = False
                run.italic = True

    def article(self, block: Article) -> None:
        self.articles += 1
        p = self.para(self.doc, "noi_dung")
        head = p.add_run(f"Điều {self.articles}. ")
        head.bold = True
        title = _clean(block.title)
        if title:
            run = p.add_run(title)
            run.bold = True
        for text in block.text:
            self.para(self.doc, "noi_dung", _clean(text))

    def table(self, block: Table) -> None:
        comp = self.style.component("bang")
        if block.caption:
            cap = self.para(self.doc, "de_muc", _clean(block.caption))
            cap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap.paragraph_format.first_line_indent = Cm(0)
        ncols = max((len(r) for r in (*block.header_rows, *block.rows)), default=0)
        if ncols == 0:
            return
        all_rows = [*block.header_rows, *block.rows]
        table = self.doc.add_table(rows=len(all_rows), cols=ncols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.table_borders(table._tbl, "single")
        widths = _column_widths(all_rows, ncols, self.text_width_cm)
        for i in range(ncols):
            table.columns[i].width = Cm(widths[i])
        for r, values in enumerate(all_rows):
            row = table.rows[r]
            is_header = r < len(block.header_rows)
            if is_header:
                ooxml.repeat_header(row)
            cells = row.cells  # python-docx rebuilds this list on every access
            for c in range(ncols):
                cell = cells[c]
                cell.width = Cm(widths[c])
                text = _clean(values[c]) if c < len(values) else ""
                p = cell.paragraphs[0]
                self.set_style(p, comp.style_name)
                if is_header:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif c in block.numeric_columns:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                if text:
                    run = p.add_run(text)
                    if is_header:
                        run.bold = True
        # Space after the table so the next paragraph does not touch the grid.
        gap = self.doc.add_paragraph()
        self.set_style(gap, RULE_STYLE_NAME)
        gap.paragraph_format.space_after = Pt(6)

    def signature(self) -> None:
        spec, st = self.spec, self.style
        right_w = st.signature_right_cm
        left_w = self.text_width_cm - right_w
        table = self.borderless_table((left_w, right_w))
        left, right = table.cell(0, 0), table.cell(0, 1)
        label = self.para(left, "noi_nhan", "Nơi nhận:", first=True)
        label.paragraph_format.space_before = Pt(12)
        for line in recipient_lines(spec):
            self.para(left, "danh_sach_noi_nhan", line)
        signer = spec.signer
        if signer is None:
            lines: list[str] = []
        else:
            lines = signer_lines(signer, self.party, st.party_slash_prefixes)
        first = True
        for line in lines:
            p = self.para(right, "chuc_vu_ky", line, first=first)
            if first:
                p.paragraph_format.space_before = Pt(12)
            first = False
        for _ in range(SIGNATURE_BLANK_LINES):
            self.para(right, "ho_ten_ky", "", first=first)
            first = False
        self.para(right, "ho_ten_ky", _clean(signer.name) if signer else "")
        # "Nơi nhận", the title, the signature space and the name stay on one page:
        # the row never splits, and each of its paragraphs keeps with the next.
        ooxml.cant_split(table.rows[0])
        for cell in (left, right):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_together = True
                paragraph.paragraph_format.keep_with_next = True

    def custom_properties(self) -> None:
        if not self.figures:
            return
        value = json.dumps(self.figures, ensure_ascii=False)
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
            f'name="{FIGURES_PROPERTY}"><vt:lpwstr>{_xml_escape(value)}</vt:lpwstr></property>'
            "</Properties>"
        )
        package = self.doc.part.package
        part = Part(
            PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"), package
        )
        package.relate_to(part, RT.CUSTOM_PROPERTIES)

    def render(self) -> bytes:
        # A new Document starts with no paragraphs; the header table comes first.
        self.header()
        self.title_block()
        self.addressees()
        self.body()
        self.signature()
        self.custom_properties()
        props = self.doc.core_properties
        props.title = _clean(self.spec.title)[:250]
        props.author = _clean(self.spec.issuer.name)[:250]
        props.language = "vi-VN"
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _column_widths(rows: Sequence[Sequence[str]], ncols: int, total_cm: float) -> list[float]:
    """Columns as wide as their longest word allows, the rest shared by text length."""
    longest = [1] * ncols
    word = [1] * ncols
    for row in rows:
        for c, value in enumerate(row[:ncols]):
            text = _clean(value)
            longest[c] = max(longest[c], len(text))
            word[c] = max([word[c], *(len(w) for w in text.split())])
    minimum = [max(1.0, 0.3 * w + 0.5) for w in word]  # bold 11 pt header words fit
    weights = [min(n, 40) for n in longest]
    if sum(minimum) >= total_cm:
        scale = total_cm / sum(minimum)
        return [m * scale for m in minimum]
    # Every column gets its longest word first (so no word breaks inside,
    # "Kế hoạc|h"), and the rest of the width is shared by text length.
    # Scaling the minimums down with the rest used to undo them.
    spare = total_cm - sum(minimum)
    share = [total_cm * w / sum(weights) for w in weights]
    extra = [max(0.0, s - m) for m, s in zip(minimum, share, strict=True)]
    if sum(extra) == 0:
        return [m + spare / ncols for m in minimum]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def _clean_lines(text: str | None) -> str:
    """Whitespace collapsed per line; explicit line breaks ("\n") kept."""
    lines = [_clean(line) for line in nfc(text or "").split("\n")]
    return "\n".join(line for line in lines if line)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _strip_vv(title: str) -> str:
    text = _clean(title)
    return re.sub(r"^v/v\s*", "", text, flags=re.IGNORECASE)


def render_docx(spec: DocumentSpec, style: StyleSheet = DEFAULT_STYLE) -> bytes:
    """The DOCX of ``spec`` laid out with ``style``. Raises SpecError for impossible specs."""
    doc_type_for(spec.doc_type)  # SpecError for an unknown type before any work
    return _Renderer(spec, style, _base_document(style)).render()


def figure_refs(docx_bytes: bytes) -> dict[str, str]:
    """ref_id → paragraph text for every FigureParagraph of a rendered DOCX."""
    doc: Any = Document(io.BytesIO(docx_bytes))
    mapping: dict[str, str] = {}
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/custom.xml":
            found = re.search(
                rf'name="{re.escape(FIGURES_PROPERTY)}"><vt:lpwstr>(.*?)</vt:lpwstr>',
                part.blob.decode("utf-8"),
                re.S,
            )
            if found:
                raw = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                mapping = json.loads(raw)
    result: dict[str, str] = {}
    for p in doc.paragraphs:
        for start in p._p.iter(qn("w:bookmarkStart")):
            name = start.get(qn("w:name"))
            if name in mapping:
                result[mapping[name]] = p.text
    return result
