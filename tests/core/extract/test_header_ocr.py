"""The header grammar on what scans give: OCR confusions, handwritten blanks, stamps, marks."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.extract.analyse import analyse, ocr_origins
from danvan.core.extract.document import read_document
from danvan.core.extract.header_ocr import read_date, read_number_segment, repair_surname


@pytest.mark.parametrize(
    ("line", "number", "repaired", "printed_only"),
    [
        ("Số:04 /CT-UBND", "04/CT-UBND", False, False),
        ("Só: 1234 /QĐÐ-BXX", "1234/QĐ-BXX", False, False),
        ("S6: I0/TB-UBND", "10/TB-UBND", True, False),
        ("Sô: l5/KH-UBND", "15/KH-UBND", True, False),
        ("Số:        /TB-UBND", "/TB-UBND", False, True),
        ("Số: Íđ /CT-UBND", "/CT-UBND", False, True),
        ("Số: 157/ QĐ-NĐ-UB", "157/QĐ-NĐ-UB", False, False),
        ("Số:     /2025/NQ-HĐND", "/2025/NQ-HĐND", False, True),
    ],
)
def test_it_reads_the_number_through_ocr_confusions_and_blanks(
    line: str, number: str, repaired: bool, printed_only: bool
) -> None:
    found = read_number_segment(line, None)
    assert found is not None
    assert (found.number, found.repaired, found.printed_only) == (number, repaired, printed_only)


def test_it_takes_the_number_from_the_next_line_when_so_stands_alone() -> None:
    found = read_number_segment("Số:", "123/BC-UBND")
    assert found is not None and found.used_next and found.number == "123/BC-UBND"


@pytest.mark.parametrize("line", ["Sở Nội vụ tỉnh", "Số liệu 12/3 tháng", "Số: 45"])
def test_it_does_not_take_other_lines_for_a_number(line: str) -> None:
    assert read_number_segment(line, None) is None


@pytest.mark.parametrize(
    ("line", "issued", "unreadable"),
    [
        ("Hà Nội, ngày 03 tháng I0năm 2025", date(2025, 10, 3), None),
        ("Quảng Ngãi, ngày 04 tháng01 năm 2021", date(2021, 1, 4), None),
        ("Quảng Ngãi, ngàyl5 tháng 3 năm 2024", date(2024, 3, 15), None),
        ("Quảng Ngãi, ngày Íđtháng 3 năm 2024", None, "tháng 3 năm 2024"),
        ("Quảng Ngãi, ngày      tháng     năm 2025", None, "năm 2025"),
        ("Cao Bằng, ngày 22 tháng 2 năm 1999.", date(1999, 2, 22), None),
    ],
)
def test_it_reads_the_date_or_keeps_what_is_printed(
    line: str, issued: date | None, unreadable: str | None
) -> None:
    found = read_date(line)
    assert (found.issued_on, found.unreadable) == (issued, unreadable)


SCAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
HỎA TỐC
Số:
/TB-UBND
CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày Íđtháng 3 năm 2024
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc

Ngày 24/12/2024, tại trụ sở UBND huyện, Chủ tịch UBND tỉnh chủ trì cuộc họp.
Yêu cầu các cơ quan thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Quốc Việt
HỘI ĐỒNG NHÂN DÂN
TỈNH QUẢNG NGÃI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
DỰ THẢO
NGHỊ QUYẾT
Về việc bãi bỏ
Nơi nhận:
- UBTV Quốc hội;
CHỦ TỊCH
Bùi Thị Quỳnh Vân
"""


def test_a_scanned_header_keeps_what_is_printed_and_says_what_is_missing() -> None:
    info = read_document(SCAN)
    assert info.doc_type == "thong_bao"
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"  # not "Hỏa tốc"
    assert info.number == "/TB-UBND"
    assert info.issued_on is None and info.place == "Quảng Ngãi"
    notes = " ".join(info.notes)
    assert "tháng 3 năm 2024" in notes and "/TB-UBND" in notes


def test_the_signer_of_an_attached_draft_is_not_the_documents() -> None:
    info = read_document(SCAN)
    assert info.signer is not None
    assert (info.signer.name, info.signer.authority, info.signer.position) == (
        "Nguyễn Quốc Việt",
        "TL",
        "Chánh văn phòng",
    )


def test_unreadable_handwriting_becomes_a_check() -> None:
    checks = analyse(SCAN, "scan.txt")["checks"]
    messages = [c["message"] for c in checks if c["kind"] == "other"]
    assert any("Số văn bản viết tay" in m for m in messages)
    assert any("Ngày ban hành viết tay" in m for m in messages)


def test_an_incoming_mail_stamp_number_is_not_the_documents() -> None:
    text = (
        "UBND HUYỆN BÌNH SƠN\nCÔNG VĂN ĐẾN\nSố: 1234/ĐẾN\nPHÒNG NỘI VỤ\nSố: 56/PNV\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình Sơn, ngày 02 tháng 3 năm 2024\n"
        "V/v tổ chức hội nghị\n\nKính gửi: các xã.\n"
    )
    info = read_document(text)
    assert info.number == "56/PNV"


def test_every_header_field_says_where_it_came_from() -> None:
    scanned = SCAN.replace("TỈNH QUẢNG NGÃI", "TĨNH QUẢNG NGÃI", 1).replace(
        "Số:\n/TB-UBND", "Số: I2/TB-UBND"
    )
    obj = analyse(scanned, "scan.pdf", ocr=(True, True))
    assert obj["document"]["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert obj["document"]["number"] == "12/TB-UBND"
    origins = ocr_origins(obj["checks"])
    assert origins["number"] == "ocr_repaired" and origins["issuer"] == "ocr_repaired"
    assert origins["doc_type"] == "ocr" and origins["signer"] == "ocr"
    assert ocr_origins(analyse(SCAN, "scan.txt")["checks"]) == {}


def test_plain_upper_case_words_get_their_marks_back_in_signature_lines() -> None:
    text = SCAN.replace(
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TM. UY BAN NHAN DAN\nKT. CHU TICH\nPHO CHU TICH"
    )
    signer = read_document(text).signer
    assert signer is not None
    assert (signer.authority, signer.on_behalf_of, signer.position) == (
        "KT",
        "Chủ tịch",
        "Phó Chủ tịch",
    )


@pytest.mark.parametrize(
    ("line", "issued"),
    [
        ("Quảng Ngãi, ngày3| tháng 12 năm 2024", date(2024, 12, 31)),
        ("Cao Bằng, ngày 22 tháng 2 năm T999", date(1999, 2, 22)),
    ],
)
def test_a_date_glued_to_ngay_or_with_a_serif_one_is_read(line: str, issued: date) -> None:
    info = read_document(
        f"ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 5/QĐ-UB\n{line}\nQUYẾT ĐỊNH\nVề việc giao đất\n"
    )
    assert info.issued_on == issued and info.place in ("Quảng Ngãi", "Cao Bằng")


def test_a_nơi_nhận_that_lost_its_n_still_ends_the_body() -> None:
    text = SCAN.replace("Nơi nhận:\n- Như trên;", "ơi nhận:\n- Như trên;", 1)
    info = read_document(text)
    assert info.signer is not None and info.signer.name == "Nguyễn Quốc Việt"
    assert "Như trên" in info.recipients


def test_a_scribble_under_the_position_is_not_part_of_it() -> None:
    text = SCAN.replace("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nHH", 1)
    signer = read_document(text).signer
    assert signer is not None and signer.position == "Chánh văn phòng"


def test_ha_tinh_wrapped_onto_its_own_line_keeps_its_name() -> None:
    text = "BCH HỘI NÔNG\nDÂN TỈNH HÀ\nTĨNH\nSố: 215-BC/HNDT\nBÁO CÁO\nKết quả quý I\n"
    assert read_document(text).issuer == "BCH hội nông dân tỉnh Hà Tĩnh"
    assert read_document(
        text.replace("HÀ\nTĨNH", "QUẢNG\nNGÃI").replace("DÂN TỈNH", "DÂN TĨNH")
    ).issuer == ("BCH hội nông dân tỉnh Quảng Ngãi")


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("Nguyên Hoàng Giang", "Nguyễn Hoàng Giang"),
        ("Tran Văn Bình", "Trần Văn Bình"),
        ("Nguyễn Văn An", None),  # already a family name
        ("Ngôn Nghiệp", None),  # not one we know: left as read
        ("Doan Văn Hải", None),  # Đoàn or Doãn: not certain
    ],
)
def test_a_signer_family_name_misread_by_ocr_is_repaired(read: str, repaired: str | None):
    assert repair_surname(read) == repaired


def test_the_surname_repair_applies_only_to_a_signature_read_by_ocr() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 22/TTr-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 05 tháng 02 năm 2025\nTỜ TRÌNH\n"
        "Về việc giao dự toán\nNội dung tờ trình.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
        "Nguyên Hoàng Giang\n"
    )
    assert analyse(text, "a.txt")["document"]["signer"]["name"] == "Nguyên Hoàng Giang"
    scanned = analyse(text, "a.pdf", (True, True))
    assert scanned["document"]["signer"]["name"] == "Nguyễn Hoàng Giang"
    assert ocr_origins(scanned["checks"])["signer"] == "ocr_repaired"


def test_a_deputy_line_under_the_heads_line_signs_for_the_head_when_the_scan_lost_kt() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 157/QĐ-UB\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nCao Bằng, ngày 22 tháng 2 năm 1999\nQUYẾT ĐỊNH\n"
        "Về việc giao đất\nĐiều 1. Giao đất.\nNơi nhận:\n- Như điều 3;\n- Lưu VT.\n"
        "TM UBND TỈNH\nCHỦ TỊCH\nPHÓ CHỦ TỊCH\nNgôn Nghiệp\n"
    )
    signer = read_document(text).signer
    assert signer is not None
    assert (signer.name, signer.position, signer.authority, signer.on_behalf_of) == (
        "Ngôn Nghiệp",
        "Phó Chủ tịch",
        "KT",
        "Chủ tịch",
    )


def test_a_signature_scribble_read_as_letters_is_not_the_signers_name() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 09/TTr-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 20 tháng 01 năm 2025\nTỜ TRÌNH\n"
        "Về việc ban hành Nghị quyết\nNội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐT AEAAã\nTrần Hoàng Tuấn\n"
        "Ksor H'Ple\n"
    )
    signer = read_document(text).signer
    assert signer is not None and signer.name == "Trần Hoàng Tuấn"
    assert read_document(text.replace("ĐT AEAAã\nTrần Hoàng Tuấn\n", "")).signer.name == (  # type: ignore[union-attr]
        "Ksor H'Ple"
    )
