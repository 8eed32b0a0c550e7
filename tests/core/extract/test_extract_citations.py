"""Citations: numbered documents the text cites (danvan.core.extract.citations)."""

from datetime import date

from danvan.core.extract.citations import find_citations, normalise_number, type_from_number


def one(text):
    found = find_citations(text)
    assert len(found) == 1, [c.number for c in found]
    return found[0]


def test_it_reads_a_state_citation_with_date_and_issuer():
    c = one(
        "Thực hiện Kế hoạch số 19/KH-SLĐTBXH ngày 10/2/2023 của Sở Lao động - TBXH về việc triển khai"
    )
    assert (c.doc_type, c.number, c.issued_on) == ("ke_hoach", "19/KH-SLĐTBXH", date(2023, 2, 10))
    assert c.issuer == "Sở Lao động - TBXH"


def test_it_reads_a_party_number_split_over_lines_with_stray_spaces():
    c = one("theo Chỉ thị số 11-\n\nCT/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy).")
    assert (c.doc_type, c.number, c.issuer) == ("chi_thi", "11-CT/TU", "Ban Thường vụ Tỉnh ủy")


def test_numbers_are_normalised_as_the_contract_says():
    assert normalise_number("22 - CTr/BCSĐ - BDVTU") == "22-CTr/BCSĐ-BDVTU"
    assert normalise_number("20– NQ/TU") == "20-NQ/TU"


def test_a_long_date_and_a_year_segment_are_read():
    c = one(
        "theo Nghị định số 91/2017/NĐ-CP ngày 31 tháng 07 năm 2017 của Chính phủ Quy định chi tiết"
    )
    assert (c.doc_type, c.number, c.issued_on, c.issuer) == (
        "nghi_dinh",
        "91/2017/NĐ-CP",
        date(2017, 7, 31),
        "Chính phủ",
    )


def test_the_type_word_wins_over_the_abbreviation_in_the_number():
    assert one("theo Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy").doc_type == "quy_dinh"


def test_a_citation_without_so_is_read_when_the_type_word_touches_the_number():
    c = one("Quyết định 2674/QĐ-UBND ngày 02/11/2021 của UBND tỉnh Sơn La về việc ban hành")
    assert (c.number, c.issuer) == ("2674/QĐ-UBND", "UBND tỉnh Sơn La")


def test_the_issuer_can_be_the_subject_of_the_sentence():
    text = (
        "Trung tâm Dịch vụ việc làm Sơn La đã xây dựng và ban hành Kế hoạch số 130/KH-TTDVVL "
        "ngày 09/3/2022 về công tác dân vận; Công văn số 146/TTDVVL ngày 18/3/2022 của về việc đăng ký."
    )
    found = find_citations(text)
    assert [c.issuer for c in found] == ["Trung tâm Dịch vụ việc làm Sơn La"] * 2
    assert found[1].issuer_missing_after_cua


def test_the_subject_is_the_body_right_before_the_verb():
    text = "Ban Dân vận đã tham mưu Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 22-KH/TU ngày 05/4/2022."
    assert one(text).issuer == "Ban Thường vụ Tỉnh ủy"


def test_a_joint_issuer_is_kept_but_a_new_subject_after_a_comma_is_not():
    joint = one(
        "Chương trình số 01-CTPH/BDVTW-BCSĐBDT ngày 30/11/2021 của Ban Dân vận Trung ương, "
        "Ban cán sự đảng Ủy ban Dân tộc; về giảm nghèo"
    )
    assert joint.issuer == "Ban Dân vận Trung ương, Ban cán sự đảng Ủy ban Dân tộc"
    other = one(
        "Quyết định 1520/QĐ-UBND ngày 05/3/2021 của UBND tỉnh Điện Biên, Sở Nội vụ báo cáo như sau"
    )
    assert other.issuer == "UBND tỉnh Điện Biên"


def test_repeated_mentions_make_one_citation_and_later_mentions_fill_gaps():
    text = (
        "(Nghị quyết số 16-NQ/TU ngày 31/8/2021); ... Nghị quyết số 16-NQ/TU ngày 31/8/2021 "
        "của Tỉnh ủy về phát triển."
    )
    c = one(text)
    assert c.issuer == "Tỉnh ủy"
    assert len(c.mentions) == 2


def test_short_forms_and_anaphora_are_linked_to_the_full_citation():
    text = (
        "Thực hiện Chỉ thị số 16-CT/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy. Kế hoạch số 22-KH/TU "
        "ngày 05/4/2022 về thực hiện Chỉ thị số 16. Kế hoạch nêu trên được triển khai."
    )
    found = {c.number: c for c in find_citations(text)}
    assert set(found) == {"16-CT/TU", "22-KH/TU"}
    assert [m.text for m in found["16-CT/TU"].mentions if m.short] == ["Chỉ thị số 16"]
    assert [m.text for m in found["22-KH/TU"].mentions if m.short] == ["Kế hoạch nêu trên"]


def test_names_dates_and_the_documents_own_number_are_not_citations():
    text = (
        "Số: 45/BC-UBND\nThực hiện Nghị quyết 68 về kinh tế tư nhân, phòng chống Covid-19, "
        "ISO 9001:2015, ngày 28/9/2021, giai đoạn 2021-2025, Sở LĐ-TBXH."
    )
    assert find_citations(text, own_number="45/BC-UBND") == []


def test_a_van_ban_takes_its_type_from_the_number():
    assert one("Văn bản số 3266/UBND-NC ngày 25/8/2022 của UBND tỉnh").doc_type == "cong_van"
    assert type_from_number("130/KH-TTDVVL") == "ke_hoach"
    assert type_from_number("11-CT/TU") == "chi_thi"
    assert type_from_number("91/2017/NĐ-CP") == "nghi_dinh"


def test_a_law_with_a_name_before_its_number_is_read():
    c = one("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;")
    assert (c.doc_type, c.number, c.issued_on) == ("luat", "06/2022/QH15", date(2022, 6, 15))


def test_a_compound_type_name_takes_the_type_its_number_agrees_with():
    c = one("Thực hiện Thông báo kết luận số 125-TB/TU ngày 01/3/2023 của Ban Thường vụ Tỉnh ủy;")
    assert (c.doc_type, c.number) == ("thong_bao", "125-TB/TU")


def test_dang_ky_is_not_an_issuing_verb():
    c = one("Trung tâm đăng ký Kế hoạch số 5/KH-TT ngày 02/3/2023.")
    assert c.issuer is None
