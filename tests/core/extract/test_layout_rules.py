"""The rules that make .docx and PDF text read like the plain text: wrapped letterhead and
signature lines, columns, page breaks, tables in every layout."""

from __future__ import annotations

from typing import Any

from danvan.core.extract import analyse
from danvan.core.extract.document import join_wrapped_header, read_document, segments_of
from danvan.core.extract.normalise import unicode_to_vni
from danvan.core.extract.readers.pdf_reader import (
    _convert_guessed_lines,
    column_split,
    layout_page,
)
from danvan.core.extract.tables import table_blocks

# -- the document's header and footer, wrapped by narrow columns


def test_a_wrapped_motto_and_date_are_read_whole():
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh\nphúc\n"
        "Hà Nam, ngày 22 tháng 01 năm\n2024\nBÁO CÁO\nKết quả"
    )
    joined = [s.text for s in join_wrapped_header(segments_of(text), 40)]
    assert joined[:3] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nam, ngày 22 tháng 01 năm 2024",
    ]


def test_the_rest_of_a_wrapped_line_may_come_after_the_other_columns_line():
    text = "CỘNG HÒA XÃ HỘI CHỦ\nSỞ NỘI VỤ\nNGHĨA VIỆT NAM\nBÁO CÁO"
    joined = [s.text for s in join_wrapped_header(segments_of(text), 40)]
    assert joined[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ NỘI VỤ"]


def test_a_complete_date_takes_no_more_lines():
    text = "Hà Nam, ngày 22 tháng 01 năm 2024\n2. Nội dung\nBÁO CÁO"
    joined = [s.text for s in join_wrapped_header(segments_of(text), 40)]
    assert joined[0] == "Hà Nam, ngày 22 tháng 01 năm 2024"


PDF_HEADER = """HỘI LIÊN HIỆP PHỤ NỮ
VIỆT NAM
BAN THƯỜNG VỤ HỘI
LHPN TỈNH QUẢNG NGÃI
***
Số: 312/BC-BTV
CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 12 tháng 12
năm 2023
BÁO CÁO
Kết quả công tác Hội năm 2023

Năm 2023, các cấp Hội đã tổ chức 2.856 cuộc tuyên truyền.
"""


def test_a_letterhead_from_a_narrow_pdf_gives_issuer_place_and_date():
    info = read_document(PDF_HEADER)
    assert (info.issuer or "").casefold() == "ban thường vụ hội lhpn tỉnh quảng ngãi"
    assert (info.governing_body or "").casefold() == "hội liên hiệp phụ nữ việt nam"
    assert (info.place, str(info.issued_on), info.number) == (
        "Quảng Ngãi",
        "2023-12-12",
        "312/BC-BTV",
    )
    assert info.title == "Kết quả công tác Hội năm 2023"


def test_two_letterhead_lines_stay_two_names():
    info = read_document("ĐẢNG BỘ TỈNH NGHỆ AN\nBAN DÂN VẬN\nSố 125-BC/BDVTU\nBÁO CÁO\nKết quả")
    assert (info.governing_body, info.issuer) == ("Đảng bộ tỉnh Nghệ An", "Ban Dân vận")


FOOTER = """Trân trọng báo cáo./.
Nơi nhận:
- TW Đoàn (b/c);
- Trang thông tin điện tử của
TT;
- Lưu VP.
TM. BAN THƯỜNG VỤ
TỈNH ĐOÀN
PHÓ BÍ THƯ
THƯỜNG TRỰC
Hà Thị Hạnh
"""


def test_wrapped_authority_position_and_recipient_lines_are_read_whole():
    info = read_document("BÁO CÁO\nKết quả\n" + FOOTER)
    assert info.recipients == ["TW Đoàn (b/c)", "Trang thông tin điện tử của TT", "Lưu VP"]
    assert info.signer is not None
    assert info.signer.as_dict() == {
        "name": "Hà Thị Hạnh",
        "position": "Phó Bí thư thường trực",
        "authority": "TM",
        "on_behalf_of": "Ban thường vụ tỉnh đoàn",
    }


def test_a_name_in_capitals_is_not_taken_for_the_rest_of_the_position():
    info = read_document("BÁO CÁO\nKết quả\nNơi nhận:\n- Lưu VT.\nGIÁM ĐỐC\nNGUYỄN VĂN AN\n")
    assert info.signer is not None
    assert (info.signer.position, info.signer.name) == ("Giám đốc", "Nguyễn Văn An")


def test_a_subject_wrapped_into_many_lines_is_the_whole_title():
    text = (
        "SỞ NỘI VỤ\nSố: 1245/SNV-TĐKT\nV/v báo cáo kết quả thực hiện\nphong trào\n"
        "thi đua “Dân vận khéo” giai\nđoạn\n2021 - 2023\nKính gửi: Các huyện.\n"
    )
    info = read_document(text)
    assert (
        info.title
        == "báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021 - 2023"
    )


# -- PDF pages from words


def _word(x0: float, x1: float, top: float, text: str, height: float = 13.0) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": top + height, "text": text}


def _line(top: float, *spans: tuple[float, str]) -> list[dict[str, Any]]:
    """Words of one line: each span starts at x and its words are 4 pt apart, 8 pt per letter."""
    out = []
    for x, text in spans:
        for w in text.split():
            out.append(_word(x, x + 8 * len(w), top, w))
            x += 8 * len(w) + 4
    return out


def _width(text: str) -> float:
    words = text.split()
    return 8 * sum(len(w) for w in words) + 4 * (len(words) - 1)


def test_letterhead_columns_closer_than_two_line_heights_are_split():
    # the columns stand 18 pt apart, less than two line heights (26 pt)
    words = (
        _line(50, (90, "UBND TỈNH"), (214, "CỘNG HÒA XÃ"))
        + _line(68, (90, "SỞ NỘI VỤ"), (214, "Độc lập - Tự"))
        + _line(86, (90, "Số: 15/SNV"), (214, "Lào Cai, ngày"))
        + _line(104, (214, "5 tháng 1 năm 2024"))
        + _line(140, (230, "BÁO CÁO"))
        + _line(160, (85, "Kết quả công tác năm 2023 của Sở Nội vụ tỉnh"))
    )
    text, carry = layout_page(words, first_page=True)
    assert carry == []
    assert text.split("\n")[:8] == [
        "UBND TỈNH",
        "SỞ NỘI VỤ",
        "Số: 15/SNV",
        "CỘNG HÒA XÃ",
        "Độc lập - Tự",
        "Lào Cai, ngày",
        "5 tháng 1 năm 2024",
        "BÁO CÁO",
    ]


def test_one_column_of_text_has_no_column_split():
    from danvan.core.extract.readers.pdf_reader import Segment

    lines = [[Segment(85, 440, "Kết quả công tác năm 2023 của Sở Nội vụ", 50, 63)]] * 3
    assert column_split(lines, min_both=1) is None


SIGN_PAGE_1 = (
    _line(600, (85, "Trân trọng báo cáo./."))
    + _line(640, (85, "Nơi nhận:"), (300, "KT. GIÁM ĐỐC"))
    + _line(658, (85, "- Như trên;"), (300, "PHÓ GIÁM ĐỐC"))
)
SIGN_PAGE_2 = _line(30, (150, "15/SNV Sở Nội vụ - Trang 2")) + _line(
    56, (85, "- Lưu: VT."), (300, "Lê Văn Quý")
)


def test_a_signature_table_broken_by_a_page_is_read_whole_under_the_running_header():
    first, carry = layout_page(SIGN_PAGE_1, first_page=False, last_page=False)
    assert first == "Trân trọng báo cáo./." and carry
    second, rest = layout_page(SIGN_PAGE_2, first_page=False, carry=carry, last_page=True)
    assert rest == []
    assert second.split("\n") == [
        "15/SNV Sở Nội vụ - Trang 2",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lê Văn Quý",
    ]


def test_the_end_of_a_centred_title_is_a_paragraph_break():
    body = "Quý I năm 2024, Ban Thường vụ Tỉnh đoàn tập trung triển khai"
    right = 85 + _width(body)

    def centred(top: float, text: str) -> list[dict[str, Any]]:
        return _line(top, ((85 + right - _width(text)) / 2, text))

    words = (
        centred(50, "BÁO CÁO")
        + centred(70, "Kết quả công tác quý I năm 2024")
        + _line(90, (85, body))
        + _line(110, (85, "các nhiệm vụ trọng tâm."))
    )
    text, _ = layout_page(words, first_page=False)
    assert "năm 2024\n\nQuý I" in text


def test_a_page_in_a_legacy_font_without_its_name_is_converted_whole():
    lines = [
        "Trung tâm Dịch vụ việc làm báo cáo kết quả",
        "công tác năm 2023 như sau:",
        "Số: 215/BC-LĐLĐ",  # too few words to guess alone
    ]
    text, converted = _convert_guessed_lines("\n".join(unicode_to_vni(x) for x in lines))
    assert converted
    assert text.split("\n") == lines


# -- tables


def test_table_blocks_read_tab_rows_column_laid_rows_and_one_cell_per_line():
    tabbed = "TT\tChỉ tiêu\tThực hiện\n1\tTư vấn\t\t120"
    blocks = table_blocks(tabbed)
    assert [[c.text for c in row] for row in blocks[0]] == [
        ["TT", "Chỉ tiêu", "Thực hiện"],
        ["1", "Tư vấn", "", "120"],
    ]
    laid = "  TT   Chỉ tiêu     Thực hiện\n  1    Tư vấn       120\n"
    assert [[c.text for c in row] for row in table_blocks(laid)[0]][1] == ["1", "Tư vấn", "120"]
    cells = "Số liệu:\nNăm\nSố nhà\nKinh phí (tỷ đồng)\n2021\n1.520\n75,2\n2022\n1.745\n88,1\n"
    rows = [[c.text for c in row] for row in table_blocks(cells)[0]]
    assert rows == [
        ["Năm", "Số nhà", "Kinh phí (tỷ đồng)"],
        ["2021", "1.520", "75,2"],
        ["2022", "1.745", "88,1"],
    ]
    for row in table_blocks(cells)[0]:
        for cell in row:
            assert cells[cell.start : cell.start + len(cell.text)] == cell.text


def _figures(text: str) -> list[tuple[Any, ...]]:
    result = analyse(text, "t.txt")
    return [
        (f["value"], f["unit"], f["target"], f["plan_percent"], f["change_percent"])
        for f in result["figures"]
    ]


INDICATORS = (
    "BÁO CÁO\nKết quả năm 2023\n\nI. KẾT QUẢ THỰC HIỆN\n"
    "TT\tChỉ tiêu\tĐơn vị\tKế hoạch\tThực hiện\tTỷ lệ %\tSo với cùng kỳ (%)\n"
    "1\tTư vấn việc làm\tlượt người\t12.000\t13.560\t113,0\t108,5\n"
    "2\tTiếp nhận hồ sơ\thồ sơ\t2.500\t2.310\t92,4\t95,1\n"
)


def test_an_indicator_table_gives_one_figure_per_row_with_plan_rate_and_change():
    assert _figures(INDICATORS) == [
        (13560, "lượt người", 12000, 113.0, 8.5),
        (2310, "hồ sơ", 2500, 92.4, -4.9),
    ]


def test_a_change_column_that_says_increase_is_taken_as_it_is():
    text = INDICATORS.replace("So với cùng kỳ (%)", "Tăng/giảm so với cùng kỳ (%)")
    assert [f[4] for f in _figures(text)] == [108.5, 95.1]


def test_a_per_year_table_gives_one_figure_per_cell_with_the_unit_of_its_column():
    text = (
        "BÁO CÁO\nKết quả\n\nKết quả theo từng năm:\nNăm\nSố nhà hoàn thành\nKinh phí (tỷ đồng)\n"
        "2021\n1.520\n75,2\n2022\n1.745\n88,1\n"
    )
    assert _figures(text) == [
        (1520, "nhà", None, None, None),
        (75.2, "tỷ đồng", None, None, None),
        (1745, "nhà", None, None, None),
        (88.1, "tỷ đồng", None, None, None),
    ]


def test_an_indicator_table_copied_one_cell_per_line_reads_like_the_tabbed_one():
    one_per_line = INDICATORS.replace("\t", "\n")
    assert _figures(one_per_line) == _figures(INDICATORS)


def test_a_docx_data_table_is_one_line_per_row_and_a_layout_table_cell_by_cell(make_docx):
    from danvan.core.extract.pipeline import read_path
    from danvan.core.extract.readers import ReadLimits

    def fill(document):  # noqa: ANN001
        head = document.add_table(rows=1, cols=2)
        head.cell(0, 0).text = "SỞ NỘI VỤ"
        head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        data = document.add_table(rows=3, cols=4)
        for r, row in enumerate(
            (["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"], ["1", "Tư vấn", "", "120"])
        ):
            for c, value in enumerate(row):
                data.cell(r, c).text = value
        data.cell(2, 1).add_paragraph("hai dòng")
        data.cell(2, 0).text = "2"

    text = read_path(make_docx(fill), ReadLimits(isolate=False)).text
    assert text.split("\n") == [
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TT\tChỉ tiêu\tKế hoạch\tThực hiện",
        "1\tTư vấn\t\t120",
        "2\thai dòng\t\t",
    ]


def test_table_rows_after_a_page_break_keep_the_header_before_it():
    rows = INDICATORS.split("\n")
    broken = "\n".join(rows[:5] + ["", "Trung tâm DVVL - Trang 2", ""] + rows[5:])
    assert _figures(broken) == _figures(INDICATORS)


def test_final_consonants_a_stand_in_font_left_apart_are_joined():
    from danvan.core.extract.readers.pdf_reader import _join_split_finals

    assert _join_split_finals("Nghị quyế t\tThàn h lập") == "Nghị quyết\tThành lập"
    assert _join_split_finals("điểm a và c") == "điểm a và c"
