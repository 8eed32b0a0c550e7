"""Readers: plain text in its encodings, .docx, PDF text layers, OCR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from danvan.core.extract.normalise import (
    encode_cp1258,
    unicode_to_tcvn3,
    unicode_to_vni,
)
from danvan.core.extract.pipeline import read_path
from danvan.core.extract.readers import ReadLimits, ocr_available, soffice_available
from danvan.core.text import fold

TEXT = (
    "BÁO CÁO\nKết quả phong trào thi đua “Dân vận khéo” 6 tháng đầu năm 2022\n"
    "Trung tâm Dịch vụ việc làm Sơn La đã tư vấn cho 8.794 lượt người."
)


# -- plain text ----------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM, little-endian here
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        encode_cp1258,
        lambda t: unicode_to_vni(t).encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "windows-1258", "vni"],
)
def test_a_text_file_reads_the_same_in_every_encoding(tmp_path, encode):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(encode(TEXT))
    result = read_path(path)
    assert result.text == TEXT
    assert result.format == "txt"


def test_a_tcvn3_text_file_is_converted_and_says_capitals_may_be_lost(tmp_path):
    path = tmp_path / "cu.txt"
    path.write_bytes(unicode_to_tcvn3(TEXT.lower()).encode("cp1252"))
    result = read_path(path)
    assert result.text == TEXT.lower()
    assert result.encoding == "tcvn3"
    assert any("TCVN3" in warning for warning in result.warnings)


def test_a_utf8_file_keeps_its_text_exactly_so_offsets_match(tmp_path):
    sample = Path("/work/shared/samples/dvk-6thang-2022-ttdvvl-sonla.txt")
    if not sample.exists():  # the shared samples are outside the repo
        sample = tmp_path / "sample.txt"
        sample.write_text(TEXT, encoding="utf-8")
    assert read_path(sample).text == sample.read_text(encoding="utf-8")


# -- docx ----------------------------------------------------------------


def test_docx_gives_paragraphs_and_table_cells_in_document_order(make_docx):
    def fill(document):
        document.add_paragraph("Đoạn mở đầu")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Nơi nhận:\n- Sở LĐ-TBXH;"
        table.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
        document.add_paragraph("Đoạn kết")

    result = read_path(make_docx(fill))
    assert result.format == "docx"
    assert result.text.split("\n") == [
        "Đoạn mở đầu",
        "Nơi nhận:",
        "- Sở LĐ-TBXH;",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đoạn kết",
    ]


def test_docx_merged_cells_are_read_once(make_docx):
    def fill(document):
        table = document.add_table(rows=2, cols=2)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "Tiêu đề gộp"
        table.cell(1, 0).text = "A"
        table.cell(1, 1).text = "B"

    assert read_path(make_docx(fill)).text.count("Tiêu đề gộp") == 1


def test_docx_headers_and_footers_are_read(make_docx):
    def fill(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH SƠN LA"
        section.footer.paragraphs[0].text = "Địa chỉ: Tổ 2, phường Chiềng Lề"
        document.add_paragraph("Nội dung chính")

    lines = read_path(make_docx(fill)).text.split("\n")
    assert lines == [
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
        "Nội dung chính",
        "Địa chỉ: Tổ 2, phường Chiềng Lề",
    ]


def test_docx_runs_in_legacy_fonts_are_converted_by_their_font(make_docx):
    def fill(document):
        heading = document.add_paragraph()
        heading.add_run(
            unicode_to_tcvn3("cộng hòa xã hội chủ nghĩa việt nam")
        ).font.name = ".VnTimeH"
        body = document.add_paragraph()
        body.add_run(unicode_to_tcvn3("thực hiện chỉ thị số ")).font.name = ".VnTime"
        body.add_run("11-CT/TU").font.name = "Times New Roman"
        body.add_run(unicode_to_vni(" của Ban Thường vụ Tỉnh ủy")).font.name = "VNI-Times"

    result = read_path(make_docx(fill))
    assert result.text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "thực hiện chỉ thị số 11-CT/TU của Ban Thường vụ Tỉnh ủy",
    ]
    assert any("TCVN3/VNI" in warning for warning in result.warnings)


def test_docx_legacy_font_set_on_a_paragraph_style_applies_to_its_runs(make_docx):
    def fill(document):
        style = document.styles.add_style("CuTCVN3", 1)  # 1 = paragraph style
        style.font.name = ".VnTime"
        document.add_paragraph(unicode_to_tcvn3("báo cáo kết quả"), style="CuTCVN3")
        document.add_paragraph("Báo cáo Unicode")

    assert read_path(make_docx(fill)).text == "báo cáo kết quả\nBáo cáo Unicode"


def test_docx_legacy_text_without_a_legacy_font_is_guessed_and_flagged(make_docx):
    def fill(document):
        document.add_paragraph(unicode_to_vni("Trung tâm Dịch vụ việc làm báo cáo kết quả"))

    result = read_path(make_docx(fill))
    assert result.text == "Trung tâm Dịch vụ việc làm báo cáo kết quả"
    assert any("kiểm tra lại" in warning for warning in result.warnings)


def test_docx_text_boxes_are_read(make_docx):
    from docx.oxml import parse_xml

    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )

    def fill(document):
        paragraph = document.add_paragraph("Trước hộp chữ")
        paragraph._p.append(parse_xml(box))
        document.add_paragraph("Sau hộp chữ")

    assert read_path(make_docx(fill)).text.split("\n") == [
        "Trước hộp chữ",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Sau hộp chữ",
    ]


def test_docx_automatic_list_numbers_are_part_of_the_text(make_docx):
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = (
        ("upperRoman", "%1."),
        ("decimal", "%2."),
        ("bullet", "-"),
    )
    abstract = (
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        + "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        + "</w:abstractNum>"
    )
    num = f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'

    def fill(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(abstract))
        numbering.append(parse_xml(num))
        for level, text in [
            (0, "MỤC ĐÍCH, YÊU CẦU"),
            (1, "Mục đích"),
            (1, "Yêu cầu"),
            (0, "NỘI DUNG"),
            (1, "Tuyên truyền"),
            (2, "Sở LĐ-TBXH;"),
        ]:
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

    assert read_path(make_docx(fill)).text.split("\n") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NỘI DUNG",
        "1. Tuyên truyền",
        "- Sở LĐ-TBXH;",
    ]


def test_docx_tracked_changes_read_as_accepted(make_docx):
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    changes = (
        f'<w:p {ns}><w:r><w:t xml:space="preserve">Tư vấn cho </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>7.000</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>8.794</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> lượt người</w:t></w:r></w:p>'
    )

    def fill(document):
        document.element.body.insert(0, parse_xml(changes))

    assert read_path(make_docx(fill)).text == "Tư vấn cho 8.794 lượt người"


def test_reading_in_process_gives_the_same_text_as_in_a_child_process(make_docx):
    path = make_docx(lambda d: d.add_paragraph("Kế hoạch số 130/KH-TTDVVL"))
    assert read_path(path, ReadLimits(isolate=False)).text == read_path(path).text


# -- PDF with a text layer -------------------------------------------------


def test_soffice_is_reported_available_when_installed():
    assert soffice_available() == bool(shutil.which("soffice") or shutil.which("libreoffice"))


def test_a_text_pdf_is_read_page_by_page_without_running_headers_or_page_numbers(report_pdf):
    result = read_path(report_pdf)
    assert result.format == "pdf"
    assert result.pages == 3
    assert not result.ocr_used
    text = result.text
    positions = [
        text.index(f"Nội dung trang {n}: tư vấn cho {n * 100} lượt người.") for n in (1, 2, 3)
    ]
    assert positions == sorted(positions)
    assert "Trung tâm Dịch vụ việc làm Sơn La - Báo cáo năm 2022" not in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))


def test_a_pdf_letter_reads_its_letterhead_and_signature_column_by_column(official_letter):
    docx_path, pdf_path = official_letter
    lines = read_path(pdf_path).text.split("\n")
    expected_head = [
        "SỞ LAO ĐỘNG - TB&XH SƠN LA",
        "TRUNG TÂM DỊCH VỤ VIỆC LÀM",
        "Số: 130/KH-TTDVVL",
    ]
    assert lines[:3] == expected_head
    assert lines.index("Độc lập - Tự do - Hạnh phúc") < lines.index("KẾ HOẠCH")
    assert lines.index("Sơn La, ngày 15 tháng 3 năm 2023") < lines.index("KẾ HOẠCH")
    tail = lines[lines.index("Nơi nhận:") :]
    assert tail == [
        "Nơi nhận:",
        "- Sở LĐ-TBXH (b/c);",
        "- Lưu: VT.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lò Thị Anh Hoa",
    ]
    # Body lines with a wide gap keep both sides on one line.
    assert "Chỉ tiêu Kết quả" in lines
    # The .docx itself reads in the same order.
    docx_lines = [line for line in read_path(docx_path).text.split("\n") if line.strip()]
    assert docx_lines[:3] == expected_head
    assert docx_lines[-6:] == tail


def test_a_pdf_set_in_legacy_fonts_is_converted_by_font_and_by_guess(simple_pdf):
    path = simple_pdf(
        [
            (".VnTimeH", unicode_to_tcvn3("cộng hòa xã hội chủ nghĩa việt nam")),
            (".VnTime", unicode_to_tcvn3("Trung tâm hướng dẫn người lao động")),
            ("VNI-Times", unicode_to_vni("Độc lập - Tự do - Hạnh phúc")),
            ("Times-Roman", unicode_to_tcvn3("thực hiện nhiệm vụ được giao trong năm")),
        ]
    )
    result = read_path(path)
    assert result.text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Trung tâm hướng dẫn người lao động",
        "Độc lập - Tự do - Hạnh phúc",
        "thực hiện nhiệm vụ được giao trong năm",
    ]
    assert len(result.warnings) == 2  # converted by font; guessed for the last line


# -- OCR -------------------------------------------------------------------


def _found_lines(text: str, lines: list[str]) -> int:
    folded = fold(text)
    return sum(fold(line) in folded for line in lines)


def test_tesseract_with_vietnamese_is_detected_and_a_missing_one_is_not():
    assert ocr_available() == ("vie" in _tesseract_langs())
    assert not ocr_available("/nonexistent/tesseract")


def _tesseract_langs() -> str:
    import subprocess

    exe = shutil.which("tesseract")
    if not exe:
        return ""
    return subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout


def test_a_scanned_pdf_goes_through_ocr(scan_pdf, scan_lines):
    result = read_path(scan_pdf)
    assert result.ocr_used
    assert result.format == "pdf"
    assert _found_lines(result.text, scan_lines) >= len(scan_lines) - 1
    assert "8.794" in result.text


def test_a_noisy_scanned_image_goes_through_ocr(scan_png, scan_lines):
    result = read_path(scan_png)
    assert result.format == "image"
    assert result.ocr_used
    assert _found_lines(result.text, scan_lines) >= len(scan_lines) - 1


def test_a_file_with_the_wrong_extension_is_read_by_its_content(tmp_path, make_docx, scan_png):
    docx_as_txt = make_docx(lambda d: d.add_paragraph("Nội dung Word"), name="thuc-ra-la-word.txt")
    result = read_path(docx_as_txt)
    assert (result.format, result.text) == ("docx", "Nội dung Word")
    assert "không khớp" in result.warnings[0]
    png_as_pdf = tmp_path / "anh.pdf"
    png_as_pdf.write_bytes(scan_png.read_bytes())
    assert read_path(png_as_pdf).format == "image"
    text_as_docx = tmp_path / "van-ban.docx"
    text_as_docx.write_text(TEXT, encoding="utf-8")
    assert read_path(text_as_docx).text == TEXT


def test_a_text_that_starts_like_a_bitmap_or_quotes_a_pdf_header_is_still_text(tmp_path):
    path = tmp_path / "ghi-chu.txt"
    text = "BMT là viết tắt của Buôn Ma Thuột; tệp mẫu bắt đầu bằng %PDF-1.7 khi là PDF."
    path.write_text(text, encoding="utf-8")
    result = read_path(path)
    assert (result.format, result.text) == ("txt", text)


def test_pdf_letterhead_keeps_a_wrapped_subject_in_the_left_block_but_not_the_next_paragraph():
    from danvan.core.extract.readers.pdf_reader import Segment, layout_text

    def row(top, *cells):
        return [Segment(x0, x1, text, top, top + 11) for x0, x1, text in cells]

    lines = [
        row(70, (90, 190, "UBND HUYỆN MAI SƠN"), (306, 487, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        row(83, (90, 210, "PHÒNG LAO ĐỘNG - TB&XH"), (306, 420, "Độc lập - Tự do - Hạnh phúc")),
        row(103, (90, 185, "Số: 312/LĐTBXH"), (269, 471, "Mai Sơn, ngày 03 tháng 4 năm 2023")),
        row(116, (90, 256, "V/v báo cáo kết quả thực hiện")),
        row(129, (90, 316, "mô hình “Dân vận khéo” quý I")),
        row(160, (150, 330, "Kính gửi: Ủy ban nhân dân các xã.")),
    ]
    assert layout_text(lines, first_page=True).split("\n") == [
        "UBND HUYỆN MAI SƠN",
        "PHÒNG LAO ĐỘNG - TB&XH",
        "Số: 312/LĐTBXH",
        "V/v báo cáo kết quả thực hiện",
        "mô hình “Dân vận khéo” quý I",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Mai Sơn, ngày 03 tháng 4 năm 2023",
        "Kính gửi: Ủy ban nhân dân các xã.",
    ]


def test_read_and_extract_gives_the_text_the_offsets_point_into(tmp_path):
    from danvan.core.extract.pipeline import read_and_extract

    text = (
        "BÁO CÁO\nKết quả công tác dân vận 6 tháng đầu năm 2022\n"
        "Thực hiện Kế hoạch số 13-KH/TU ngày 26/5/2016 của Ban Thường vụ Tỉnh ủy, trong 6 "
        "tháng đầu năm, Trung tâm đã tư vấn cho 8.794 lượt người lao động, đạt 103% so với "
        "kế hoạch."
    )
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(encode_cp1258(text))  # decoded and composed: offsets refer to the NFC text
    result, extraction = read_and_extract(path)
    assert result is not None and result.text == text
    assert extraction["source"] == "bao-cao.txt"
    assert extraction["figures"] and extraction["citations"]
    for item in extraction["figures"] + extraction["citations"]:
        assert result.text[item["start"] : item["end"]] == item["text"]
    missing, error = read_and_extract(tmp_path / "khong-co.txt")
    assert missing is None and "error" in error


def test_a_pdf_text_layer_of_font_codes_is_not_taken_for_text():
    from danvan.core.extract.readers.pdf_reader import usable_text

    assert usable_text("Trung tâm Dịch vụ việc làm báo cáo")
    assert not usable_text("(cid:12)(cid:45)(cid:3) (cid:88)(cid:9)(cid:21) ab")
    assert not usable_text("  3  ")
