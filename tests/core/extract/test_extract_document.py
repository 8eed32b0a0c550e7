"""The document's own header and footer (danvan.core.extract.document)."""

from datetime import date
from pathlib import Path

from danvan.core.extract.document import issuer_from_body, name_case, read_document, sentence_case

DOCS = Path(__file__).resolve().parent / "docs"


def read(name):
    return read_document((DOCS / name).read_text(encoding="utf-8"))


def test_a_side_by_side_state_letterhead_gives_issuer_number_place_and_date():
    info = read("so-noi-vu-dien-bien-9thang-2023.txt")
    assert (info.doc_type, info.number) == ("bao_cao", "215/BC-SNV")
    assert (info.place, info.issued_on) == ("Điện Biên", date(2023, 9, 25))
    assert info.issuer == "Sở Nội vụ"
    assert info.governing_body == "UBND tỉnh Điện Biên"
    assert info.title == 'Kết quả thực hiện phong trào thi đua "Dân vận khéo" 9 tháng đầu năm 2023'


def test_the_addressee_line_is_not_part_of_the_title_or_the_recipients():
    info = read("so-noi-vu-dien-bien-9thang-2023.txt")
    assert "Kính gửi" not in (info.title or "")
    assert info.recipients == ["Như trên", "Giám đốc Sở (b/c)", "Lưu: VT, VP"]


def test_the_signature_block_beside_the_recipients_is_read():
    signer = read("so-noi-vu-dien-bien-9thang-2023.txt").signer
    assert signer is not None
    assert signer.as_dict() == {
        "name": "Nguyễn Thị Mai",
        "position": "Phó Giám đốc",
        "authority": "KT",
        "on_behalf_of": "Giám đốc",
    }


def test_a_party_letterhead_read_cell_by_cell():
    info = read("ban-dan-van-lai-chau-2022.txt")
    assert (info.doc_type, info.number, info.place) == ("bao_cao", "45-BC/BDVTU", "Lai Châu")
    assert info.issuer == "Ban Dân vận"
    assert info.title == "kết quả công tác dân vận năm 2022, phương hướng, nhiệm vụ năm 2023"
    assert info.signer is not None
    assert (info.signer.authority, info.signer.on_behalf_of, info.signer.position) == (
        "KT",
        "Trưởng ban",
        "Phó Trưởng ban",
    )
    assert info.recipients[-1] == "Lưu Văn phòng Ban"


def test_a_decision_with_a_two_line_issuer_and_a_double_prefix():
    info = read("qd-khen-thuong-ha-giang-2023.txt")
    assert (info.doc_type, info.number) == ("quyet_dinh", "1520/QĐ-UBND")
    assert info.issuer == "Ủy ban nhân dân tỉnh Hà Giang"
    assert info.title is not None and info.title.startswith("Về việc tặng Bằng khen")
    assert info.title.endswith("năm 2023")  # stops before "CHỦ TỊCH ỦY BAN NHÂN DÂN ..."
    assert info.signer is not None
    assert (info.signer.authority, info.signer.on_behalf_of, info.signer.position) == (
        "KT",
        "Chủ tịch",
        "Phó Chủ tịch",
    )
    assert info.signer.name == "Hoàng Văn Nam"


def test_a_cong_van_takes_its_title_from_the_vv_line():
    info = read("cv-phong-ldtbxh-mai-son-2023.txt")
    assert (info.doc_type, info.number) == ("cong_van", "312/LĐTBXH")
    assert info.title == 'báo cáo kết quả thực hiện mô hình "Dân vận khéo" quý I năm 2023'
    assert info.signer is not None
    assert (info.signer.position, info.signer.authority) == ("Trưởng phòng", None)


def test_a_to_trinh_with_tm_and_kt_uses_the_prefix_nearest_the_position():
    text = (
        "UBND TỈNH YÊN BÁI\nSỞ NỘI VỤ\nSố: 88/TTr-SNV\nYên Bái, ngày 02 tháng 11 năm 2023\n"
        "TỜ TRÌNH\nVề việc đề nghị khen thưởng năm 2023\nKính gửi: Ủy ban nhân dân tỉnh.\n"
        "Nội dung trình.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
        "TM. HỘI ĐỒNG THI ĐUA\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hoa\n"
    )
    info = read_document(text)
    assert info.doc_type == "to_trinh"
    assert info.signer is not None
    assert (
        info.signer.authority,
        info.signer.on_behalf_of,
        info.signer.position,
        info.signer.name,
    ) == (
        "KT",
        "Chủ tịch",
        "Phó Chủ tịch",
        "Lê Thị Hoa",
    )


def test_without_a_letterhead_the_body_names_the_issuer():
    flat = (
        "BÁO CÁO Kết quả năm 2023 Căn cứ chức năng, nhiệm vụ được giao, Trung tâm Y tế huyện "
        "Quỳnh Nhai báo cáo kết quả như sau:"
    )
    assert issuer_from_body(flat, "bao_cao") == "Trung tâm Y tế huyện Quỳnh Nhai"
    closing = "Nội dung. Trên đây là Kế hoạch năm 2023 của Hội Nông dân xã Chiềng Mung./."
    assert issuer_from_body(closing, "ke_hoach") == "Hội Nông dân xã Chiềng Mung"


def test_a_body_cited_with_cua_is_not_taken_as_the_issuer():
    flat = "Căn cứ công văn số 12/SNV-VP ngày 01/02/2023 của Sở Nội vụ về việc hướng dẫn tổng kết;"
    assert issuer_from_body(flat, "bao_cao") is None


def test_titles_and_names_are_cased_for_running_text():
    assert sentence_case("PHÓ GIÁM ĐỐC") == "Phó Giám đốc"
    assert sentence_case("TRƯỞNG BAN") == "Trưởng ban"
    assert name_case("UBND HUYỆN MAI SƠN") == "UBND huyện Mai Sơn"
    assert name_case("CỤC THUẾ") == "Cục Thuế"


def test_a_one_line_body_paragraph_does_not_run_into_the_title():
    text = (
        "BÁO CÁO\nKết quả công tác dân vận năm 2023\n"
        "Công tác dân vận năm 2023 của đơn vị tiếp tục được quan tâm, chỉ đạo thường xuyên, "
        "đạt nhiều kết quả tích cực trên các lĩnh vực, góp phần hoàn thành nhiệm vụ chính trị được giao "
        "và nâng cao đời sống của nhân dân trên địa bàn.\n"
    )
    assert read_document(text).title == "Kết quả công tác dân vận năm 2023"
