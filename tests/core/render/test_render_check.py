"""check_layout finds what is outside the ND 30 ranges, and only that."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.render import check_layout, render_docx
from tests.core.render.render_builders import make_spec


def _edit(data: bytes, change) -> bytes:
    doc = Document(io.BytesIO(data))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _items(problems) -> list[str]:
    return [p.item for p in problems]


GOOD = render_docx(make_spec("bao_cao"))


def test_a_plain_python_docx_document_fails_on_page_fonts_and_numbering():
    doc = Document()
    doc.add_heading("Báo cáo")
    doc.add_paragraph("Nội dung")
    out = io.BytesIO()
    doc.save(out)
    problems = check_layout(out.getvalue())
    items = _items(problems)
    assert "khổ giấy" in items  # Letter, not A4
    assert "lề phải" in items
    assert "số trang" in items
    theme = [p for p in problems if p.value.startswith("theme:")]
    assert theme and theme[0].allowed == "Times New Roman"


def test_margins_outside_the_ranges_are_reported_with_the_allowed_range():
    def narrow(doc):
        doc.sections[0].left_margin = Mm(25)
        doc.sections[0].top_margin = Mm(30)

    problems = check_layout(_edit(GOOD, narrow))
    assert [(p.item, p.value, p.allowed) for p in problems] == [
        ("lề trên", "30 mm", "20–25 mm"),
        ("lề trái", "25 mm", "30–35 mm"),
    ]
    assert problems[0].message == "trang: lề trên — 30 mm (quy định: 20–25 mm)."


def test_a_body_run_at_12_points_is_reported_as_a_body_size_problem():
    def shrink(doc):
        para = next(p for p in doc.paragraphs if p.style.name == "DV Noi dung")
        para.runs[0].font.size = Pt(12)

    problems = check_layout(_edit(GOOD, shrink))
    assert _items(problems) == ["cỡ chữ (Nội dung)"]
    assert problems[0].value == "12" and problems[0].allowed == "13–14"


def test_a_run_in_another_font_is_reported():
    def arial(doc):
        para = next(p for p in doc.paragraphs if p.style.name == "DV Noi dung")
        para.runs[0].font.name = "Arial"

    problems = check_layout(_edit(GOOD, arial))
    assert [(p.item, p.value) for p in problems] == [("phông chữ (Nội dung)", "Arial")]


def test_a_theme_font_on_a_style_is_reported_even_when_a_name_is_also_set():
    def theme(doc):
        fonts = doc.styles["DV Noi dung"].element.rPr.find(qn("w:rFonts"))
        fonts.set(qn("w:asciiTheme"), "minorHAnsi")

    problems = check_layout(_edit(GOOD, theme))
    assert problems and all(p.value == "theme:minorHAnsi" for p in problems)


def test_a_quoc_hieu_that_is_not_bold_or_not_upper_case_is_reported():
    def soften(doc):
        cell = doc.tables[0].cell(0, 1)
        run = cell.paragraphs[0].runs[0]
        run.bold = False
        run.text = "Cộng hòa xã hội chủ nghĩa Việt Nam"

    items = _items(check_layout(_edit(GOOD, soften)))
    assert items == ["kiểu chữ (Quốc hiệu)", "chữ hoa (Quốc hiệu)"]


def test_body_paragraph_spacing_and_indent_are_checked():
    def loosen(doc):
        para = next(p for p in doc.paragraphs if p.style.name == "DV Noi dung")
        para.paragraph_format.first_line_indent = Mm(20)
        para.paragraph_format.space_after = Pt(2)
        para.paragraph_format.line_spacing = 2.0

    items = _items(check_layout(_edit(GOOD, loosen)))
    assert items == ["thụt đầu dòng", "khoảng cách sau đoạn", "giãn dòng"]


def test_a_number_on_the_first_page_is_reported():
    def number_first_page(doc):
        doc.sections[0].different_first_page_header_footer = False

    problems = check_layout(_edit(GOOD, number_first_page))
    assert [(p.item, p.value) for p in problems] == [("số trang", "có ở trang đầu")]
