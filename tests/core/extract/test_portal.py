"""A legal-text portal's property block fills what the document's header lacks."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.extract.analyse import analyse
from danvan.core.extract.portal import portal_fields

BODY = (
    "\nQUYẾT ĐỊNH\nVề việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "QUYẾT ĐỊNH:\nĐiều 1. Tặng Bằng khen cho 12 tập thể và 25 cá nhân.\n"
)


def test_labels_with_their_values_on_the_next_lines():
    text = (
        "Số hiệu:\n1180/QĐ-UBND\nLoại văn bản:\nQuyết định\nCơ quan ban hành:\n"
        "Ủy ban nhân dân tỉnh Quảng Ngãi\nNgười ký:\nTrần Hoàng Tuấn\nNgày ban hành:\n"
        "09/03/2025\nTình trạng hiệu lực:\nCòn hiệu lực\n" + BODY
    )
    document = analyse(text, "x")["document"]
    assert document["doc_type"] == "quyet_dinh"
    assert document["number"] == "1180/QĐ-UBND"
    assert document["issued_on"] == "2025-03-09"
    assert document["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert document["signer"]["name"] == "Trần Hoàng Tuấn"
    assert document["period"] is None  # "ngày 15 tháng 6 năm 2022" is a date, not a period


def test_tab_separated_pairs_on_one_line():
    fields = portal_fields(
        "Số hiệu:\t15 / 2024 / NQ-HĐND\tLoại văn bản:\tNghị quyết\n"
        "Nơi ban hành:\tHội đồng nhân dân tỉnh Sơn La\tNgười ký:\tNguyễn Thái Hưng\n"
        "Ngày ban hành:\t10/12/2024\tNgày hiệu lực:\tĐang cập nhật\n"
    )
    assert fields.number == "15/2024/NQ-HĐND"
    assert fields.doc_type == "nghi_quyet"
    assert fields.issuer == "Hội đồng nhân dân tỉnh Sơn La"
    assert fields.signer == "Nguyễn Thái Hưng"
    assert fields.issued_on == date(2024, 12, 10)


def test_a_place_is_not_taken_for_the_issuing_body_and_blank_values_are_skipped():
    fields = portal_fields("Nơi ban hành:\tTỉnh Quảng Ngãi\nSố hiệu:\t\nNgười ký:\tĐang cập nhật\n")
    assert fields.issuer is None and fields.number is None and fields.signer is None


def test_a_lone_label_in_a_body_is_not_a_property_block():
    assert not portal_fields("Người ký: Nguyễn Văn A (đã ký)\nNội dung báo cáo.").found()


def test_the_signed_header_wins_over_the_portal_block():
    text = (
        "Số hiệu:\t999/QĐ-UBND\tNgày ban hành:\t01/01/2020\n"
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1180/QĐ-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Quảng Ngãi, ngày 09 tháng 3 năm 2025\n" + BODY
    )
    document = analyse(text, "x")["document"]
    assert document["number"] == "1180/QĐ-UBND"
    assert document["issued_on"] == "2025-03-09"


# the same four properties as an HTML-to-text dump may lay them out without colons
_LABELS_ALONE = (
    "Số ký hiệu\n215/QĐ-UBND\nNgày ban hành\n20/12/2024\nCơ quan ban hành\n"
    "Ủy ban nhân dân tỉnh Quảng Ngãi\nNgười ký\nTrần Hoàng Tuấn\n"
)
_LABEL_ROW_TABS = (
    "Số ký hiệu\tNgày ban hành\tCơ quan ban hành\tNgười ký\n"
    "215/QĐ-UBND\t20/12/2024\tỦy ban nhân dân tỉnh Quảng Ngãi\tTrần Hoàng Tuấn\n"
)
_LABEL_ROW_COLUMNS = (
    "Số ký hiệu      Ngày ban hành     Cơ quan ban hành                    Người ký\n"
    "215/QĐ-UBND     20/12/2024        Ủy ban nhân dân tỉnh Quảng Ngãi     Trần Hoàng Tuấn\n"
)
_LABELS_WITH_BLANK_LINES = (
    "Số ký hiệu:\n\n215/QĐ-UBND\n\nNgày ban hành:\n\n20/12/2024\n\nCơ quan ban hành:\n\n"
    "Ủy ban nhân dân tỉnh Quảng Ngãi\n\nNgười ký:\n\nTrần Hoàng Tuấn\n"
)


@pytest.mark.parametrize(
    "block", [_LABELS_ALONE, _LABEL_ROW_TABS, _LABEL_ROW_COLUMNS, _LABELS_WITH_BLANK_LINES]
)
def test_header_fields_with_the_label_and_its_value_on_separate_lines(block):
    fields = portal_fields(block)
    assert fields.number == "215/QĐ-UBND"
    assert fields.issued_on == date(2024, 12, 20)
    assert fields.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert fields.signer == "Trần Hoàng Tuấn"
    document = analyse(block + BODY, "x")["document"]
    assert (document["number"], document["issued_on"]) == ("215/QĐ-UBND", "2024-12-20")
    assert document["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert document["signer"]["name"] == "Trần Hoàng Tuấn"


def test_words_like_labels_in_a_body_are_not_a_property_block():
    text = (
        "Người ký\nphải chịu trách nhiệm về nội dung văn bản.\n"
        "Cơ quan ban hành văn bản gửi kèm danh sách.\n"
    )
    assert not portal_fields(text).found()
