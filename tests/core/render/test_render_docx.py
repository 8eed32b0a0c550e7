"""render_docx: the six administrative types and the Party variant, read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.render import (
    DEFAULT_STYLE,
    DocumentSpec,
    Heading,
    Issuer,
    Paragraph,
    Signer,
    SpecError,
    check_layout,
    figure_refs,
    render_docx,
    validate_spec,
)
from danvan.core.render.document import RULE_STYLE_NAME, signer_lines
from danvan.core.text import nfc
from tests.core.render.render_builders import STATE_TYPES, make_spec, reading_order

ALL_TYPES = (*STATE_TYPES, "party")


def _doc(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {kind: render_docx(make_spec(kind)) for kind in ALL_TYPES}


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_passes_its_own_layout_check(rendered, kind):
    assert check_layout(rendered[kind]) == []


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_type_is_a4_with_default_margins(rendered, kind):
    section = _doc(rendered[kind]).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert round(section.top_margin.mm) == 20
    assert round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_no_style_or_run_points_at_a_theme_font(rendered, kind):
    doc = _doc(rendered[kind])
    for el in (doc.styles.element, doc.element):
        for fonts in el.iter(qn("w:rFonts")):
            assert not any(qn(a) in fonts.attrib for a in ("w:asciiTheme", "w:hAnsiTheme"))
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert normal.get(qn(attr)) == "Times New Roman"


@pytest.mark.parametrize(
    "kind, number_line",
    [
        ("bao_cao", "Số: 130/BC-TTDVVL"),
        ("ke_hoach", "Số: 130/KH-TTDVVL"),
        ("to_trinh", "Số: 130/TTr-TTDVVL"),
        ("quyet_dinh", "Số: 130/QĐ-TTDVVL"),
        ("cong_van", "Số: 130/TTDVVL-HCTH"),
        ("thong_bao", "Số: 130/TB-TTDVVL"),
        ("party", "Số 130-CT/TU"),
    ],
)
def test_header_reads_issuer_nation_number_then_date(rendered, kind, number_line):
    texts = [" ".join(t.split()) for t in reading_order(rendered[kind])]
    issuer_cell, nation_cell, number_cell, date_cell = texts[0:4]
    if kind == "party":
        assert "ĐẢNG BỘ TỈNH SƠN LA" in issuer_cell
        assert texts[1] == "TỈNH ỦY SƠN LA"
        assert texts[2] == "*"
        assert texts[3] == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert texts[4:6] == [number_line, "Sơn La, ngày 09 tháng 3 năm 2022"]
        assert not any("CỘNG HÒA" in t for t in texts)
        return
    assert issuer_cell == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH SƠN LA"
    assert nation_cell == "TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA"
    assert texts[2:4] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert texts[4] == number_line
    date_index = 6 if kind == "cong_van" else 5
    assert texts[date_index] == "Sơn La, ngày 09 tháng 3 năm 2022"


@pytest.mark.parametrize("kind", [k for k in ALL_TYPES if k != "cong_van"])
def test_type_name_and_title_follow_the_header(rendered, kind):
    texts = reading_order(rendered[kind])
    spec = make_spec(kind)
    name_at = texts.index(spec.type.name.upper())
    assert " ".join(texts[name_at + 1].split()) == spec.title
    assert name_at <= 6


def test_cong_van_has_no_type_name_and_its_title_sits_under_the_number(rendered):
    texts = reading_order(rendered["cong_van"])
    assert texts[5] == "V/v đăng ký mô hình “Dân vận khéo” năm 2022"
    assert "CÔNG VĂN" not in texts


def test_a_long_title_is_broken_into_balanced_lines_within_one_paragraph(rendered):
    texts = reading_order(rendered["party"])
    title = texts[texts.index("CHỈ THỊ") + 1]
    assert title.split("\n") == [
        "Về đẩy mạnh thực hiện phong trào thi đua",
        "“Dân vận khéo” giai đoạn 2021-2025",
    ]


def test_a_two_line_issuer_name_reads_back_as_one_line_wrapping_only_between_our_lines(rendered):
    issuer = reading_order(rendered["bao_cao"])[1]
    assert "\n" not in issuer
    assert issuer.split(" ") == [
        "TRUNG\u00a0TÂM\u00a0DỊCH\u00a0VỤ",
        "VIỆC\u00a0LÀM\u00a0SƠN\u00a0LA",
    ]


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_all_text_is_nfc(rendered, kind):
    for text in reading_order(rendered[kind]):
        assert text == nfc(text)


@pytest.mark.parametrize(
    "issued_on, expected",
    [
        (date(2022, 3, 9), "Sơn La, ngày 09 tháng 3 năm 2022"),
        (date(2020, 1, 5), "Sơn La, ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "Sơn La, ngày 29 tháng 6 năm 2019"),
        (date(2023, 2, 10), "Sơn La, ngày 10 tháng 02 năm 2023"),
        (date(2023, 12, 31), "Sơn La, ngày 31 tháng 12 năm 2023"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(issued_on, expected):
    texts = reading_order(render_docx(make_spec("ke_hoach", issued_on=issued_on)))
    assert texts[5] == expected


def test_a_draft_leaves_the_number_and_the_day_blank():
    data = render_docx(make_spec("ke_hoach", number=None, issued_on=None, draft_year=2026))
    texts = reading_order(data)
    assert texts[4].startswith("Số: ") and texts[4].endswith("/KH-TTDVVL")
    assert texts[4][4 : -len("/KH-TTDVVL")].strip() == ""
    assert texts[5] == "Sơn La, ngày ... tháng ... năm 2026"
    assert check_layout(data) == []


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_noi_nhan_ends_with_the_archive_line(rendered, kind):
    texts = reading_order(rendered[kind])
    at = texts.index("Nơi nhận:")
    lines = []
    for text in texts[at + 1 :]:
        if not text.startswith("- "):
            break
        lines.append(text)
    assert lines[-1] == "- Lưu: VT, HCTH."
    assert all(line.endswith(";") for line in lines[:-1])
    assert lines[-2] == "- Trang TTĐT;"


@pytest.mark.parametrize("kind", ["bao_cao", "to_trinh", "cong_van"])
def test_types_with_addressees_put_nhu_tren_first(rendered, kind):
    texts = reading_order(rendered[kind])
    at = texts.index("Nơi nhận:")
    assert texts[at + 1] == "- Như trên;"
    assert any(t.startswith("Kính gửi:") for t in texts)


@pytest.mark.parametrize("kind", ["ke_hoach", "quyet_dinh", "thong_bao", "party"])
def test_types_without_addressees_do_not_say_nhu_tren(rendered, kind):
    texts = reading_order(rendered[kind])
    assert "- Như trên;" not in texts
    assert not any(t.startswith("Kính gửi") for t in texts)


def test_several_addressees_each_get_a_dashed_line_and_the_last_a_full_stop(rendered):
    texts = reading_order(rendered["cong_van"])
    at = next(i for i, t in enumerate(texts) if t.startswith("Kính gửi:"))
    assert texts[at] == "Kính gửi:\t- Sở Lao động - Thương binh và Xã hội;"
    assert texts[at + 1] == "- Ban Dân vận Tỉnh ủy Sơn La."


def test_archive_copies_are_written_after_the_unit():
    texts = reading_order(render_docx(make_spec("ke_hoach", archive_copies=2)))
    assert "- Lưu: VT, HCTH(02)." in texts


def test_signer_block_for_a_deputy_signing_for_the_director(rendered):
    texts = reading_order(rendered["bao_cao"])
    at = texts.index("KT. GIÁM ĐỐC")
    assert texts[at : at + 3] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lò Thị Anh Hoa"]
    assert texts[-1] == "Lò Thị Anh Hoa"


def test_signer_block_with_a_collective_and_a_deputy_has_two_prefixes():
    signer = Signer("Nguyễn Văn A", "Phó Chủ tịch", "KT", "Chủ tịch", "Ủy ban nhân dân")
    texts = reading_order(render_docx(make_spec("quyet_dinh", signer=signer)))
    at = texts.index("TM. ỦY BAN NHÂN DÂN")
    assert texts[at : at + 4] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    ]


@pytest.mark.parametrize(
    "signer, lines",
    [
        (Signer("A", "Giám đốc"), ["GIÁM ĐỐC"]),
        (Signer("A", "Chủ tịch", "TM", "Ủy ban nhân dân"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (Signer("A", "Chánh Văn phòng", "TL", "Giám đốc"), ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        (Signer("A", "Trưởng phòng", "TUQ", "Giám đốc"), ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"]),
        (Signer("A", "Phó Giám đốc", "Q", "Giám đốc"), ["Q. GIÁM ĐỐC"]),
    ],
)
def test_signer_title_lines_follow_the_authority_prefix(signer, lines):
    texts = reading_order(render_docx(make_spec("ke_hoach", signer=signer)))
    at = texts.index(lines[0])
    assert texts[at : at + len(lines) + 1] == [*lines, "A"]


def test_party_signing_prefixes_use_slashes(rendered):
    texts = reading_order(rendered["party"])
    at = texts.index("T/M BAN THƯỜNG VỤ")
    assert texts[at : at + 3] == ["T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC"]


def test_a_kt_signer_without_the_head_title_is_a_clear_error():
    with pytest.raises(SpecError, match="ký thay"):
        render_docx(make_spec("ke_hoach", signer=Signer("A", "Phó Giám đốc", "KT")))


def test_quyet_dinh_lists_legal_bases_in_italics_ending_in_semicolons_then_a_full_stop(rendered):
    doc = _doc(rendered["quyet_dinh"])
    bases = [p for p in doc.paragraphs if p.style.name == "DV Can cu"]
    assert [p.text for p in bases] == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Quyết định số 2674/QĐ-UBND ngày 02/11/2021 của UBND tỉnh Sơn La;",
        "Theo đề nghị của Trưởng phòng Hành chính - Tổng hợp.",
    ]
    assert all(p.style.font.italic for p in bases)
    texts = reading_order(rendered["quyet_dinh"])
    assert texts.index("GIÁM ĐỐC TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA") < texts.index("QUYẾT ĐỊNH:")
    assert "Điều 1. Khen thưởng" in texts
    assert "Điều 2. Hiệu lực thi hành" in texts


def test_headings_are_numbered_by_level(rendered):
    texts = reading_order(rendered["ke_hoach"])
    assert "I. KẾT QUẢ THỰC HIỆN" in texts
    assert "1. Công tác tư vấn, giới thiệu việc làm" in texts
    assert "a) Về tuyên truyền" in texts


def test_body_paragraphs_are_justified_indented_and_sized_per_the_style_sheet(rendered):
    doc = _doc(rendered["bao_cao"])
    body = doc.styles["DV Noi dung"]
    pf = body.paragraph_format
    assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(pf.first_line_indent.cm, 2) == 1.27
    assert pf.space_after == Pt(6)
    assert 1.0 <= pf.line_spacing <= 1.5
    assert body.font.size == Pt(14)
    assert doc.styles["DV Quoc hieu"].font.size == Pt(12)
    assert doc.styles["DV Noi nhan"].font.size == Pt(12)
    assert doc.styles["DV Danh sach noi nhan"].font.size == Pt(11)


def test_the_closing_sentence_ends_with_the_end_mark(rendered):
    texts = reading_order(rendered["bao_cao"])
    assert "Trên đây là báo cáo của Trung tâm Dịch vụ việc làm Sơn La./." in texts


def test_page_numbers_are_a_page_field_in_the_header_from_page_two(rendered):
    section = _doc(rendered["bao_cao"]).sections[0]
    assert section.different_first_page_header_footer
    instr = [el.text for el in section.header._element.iter(qn("w:instrText"))]
    assert instr == [" PAGE "]
    assert list(section.first_page_header._element.iter(qn("w:instrText"))) == []
    assert section.header.paragraphs[0].alignment is None  # centred by its style
    assert (
        section.header.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )


def test_tieu_ngu_and_issuer_are_underlined_by_rules(rendered):
    doc = _doc(rendered["ke_hoach"])
    issuer_cell, nation_cell = doc.tables[0].rows[0].cells
    for cell in (issuer_cell, nation_cell):
        rules = [p for p in cell.paragraphs if p.style.name == RULE_STYLE_NAME]
        assert len(rules) == 1
        assert rules[0]._p.pPr.find(qn("w:pBdr")) is not None


def test_figure_paragraphs_keep_their_reference_ids(rendered):
    refs = figure_refs(rendered["bao_cao"])
    assert refs == {
        "indicator-value:412": "Trung tâm đã tư vấn cho 8.794 lượt người, đạt 103% so với kế hoạch, "
        "tăng 43% so với cùng kỳ năm 2021."
    }


def test_a_document_without_figures_has_no_reference_ids(rendered):
    assert figure_refs(rendered["quyet_dinh"]) == {}


def test_an_empty_spec_still_renders_and_lists_what_is_missing():
    spec = make_spec(
        "bao_cao",
        title="",
        body=(),
        closing=None,
        signer=None,
        place="",
        addressees=(),
        recipients=(),
    )
    data = render_docx(spec)
    texts = reading_order(data)
    assert texts[-1] == "- Lưu: VT, HCTH."
    assert check_layout(data) == []
    warnings = validate_spec(spec)
    assert "Văn bản chưa có trích yếu." in warnings
    assert "Văn bản chưa có nội dung." in warnings
    assert "Chưa có người ký." in warnings


def test_a_bare_minimum_spec_renders_without_crashing():
    data = render_docx(DocumentSpec(Issuer("", "X"), "thong_bao", draft_year=2026))
    texts = reading_order(data)
    assert "Số:" in texts[2] and texts[2].endswith("/TB-X")
    assert "Ngày ... tháng ... năm 2026" in texts
    assert texts[-1] == "- Lưu: VT."


def test_an_unknown_signing_authority_is_refused():
    with pytest.raises(SpecError, match="Thẩm quyền ký"):
        render_docx(make_spec("ke_hoach", signer=Signer("A", "Phó Giám đốc", "K/T", "Giám đốc")))


def test_an_issuer_without_a_short_code_is_refused_with_a_vietnamese_message():
    spec = make_spec("ke_hoach", issuer=Issuer("Trung tâm Dịch vụ việc làm Sơn La", None))
    with pytest.raises(SpecError) as err:
        render_docx(spec)
    assert "chữ viết tắt" in err.value.message_vi


def test_addressees_on_a_type_without_them_is_refused():
    with pytest.raises(SpecError, match="Kính gửi"):
        render_docx(make_spec("ke_hoach", addressees=("Sở Nội vụ",)))


def test_a_200_heading_outline_renders_with_every_heading_numbered():
    blocks = []
    for i in range(1, 51):
        blocks.append(Heading(f"Phần {i}"))
        for j in range(1, 4):
            blocks.append(Heading(f"Mục {i}.{j}", level=2 if j < 3 else 3))
        blocks.append(Paragraph("Nội dung chi tiết của mục."))
    spec = make_spec("ke_hoach", body=tuple(blocks))
    data = render_docx(spec)
    texts = reading_order(data)
    assert "L. PHẦN 50" in texts
    assert "XLIX. PHẦN 49" in texts
    assert "2. Mục 50.2" in texts
    assert "a) Mục 50.3" in texts
    assert check_layout(data) == []


def test_a_custom_body_size_inside_the_range_is_used_and_passes():
    style = DEFAULT_STYLE.with_size("noi_dung", 13)
    data = render_docx(make_spec("ke_hoach"), style)
    assert _doc(data).styles["DV Noi dung"].font.size == Pt(13)
    assert check_layout(data, style) == []


def test_the_default_style_sheet_chooses_values_inside_its_own_ranges():
    assert DEFAULT_STYLE.defaults_problems() == []


def test_a_qualified_type_prints_its_qualifier_on_the_type_line():
    data = render_docx(make_spec("bao_cao", type_label="Báo cáo nhanh", title="Công tác dân vận"))
    texts = [p.text for p in _doc(data).paragraphs]
    i = next(i for i, t in enumerate(texts) if t.upper() == "BÁO CÁO NHANH")
    assert texts[i + 1] == "Công tác dân vận"


def test_spec_problems_carry_codes_for_programs():
    spec = make_spec(number=None, signer=None)
    codes = {w.code for w in validate_spec(spec)}
    assert {"unnumbered", "signer"} <= codes
    assert all(isinstance(w, str) for w in validate_spec(spec))
    with pytest.raises(SpecError) as caught:
        signer_lines(Signer(name="Lò Thị Anh Hoa", position="Phó Giám đốc", authority="KT"))
    assert caught.value.code == "signer"
