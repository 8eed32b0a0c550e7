"""Checks raised over figures and citations (danvan.core.extract.checks)."""

from pathlib import Path

from danvan.core.extract import analyse
from danvan.core.extract.checks import percent_matches

DOCS = Path(__file__).resolve().parent / "docs"


def kinds(text):
    return [c["kind"] for c in analyse(text, "t.txt")["checks"]]


def test_percent_matching_accepts_rounding_and_truncation_only():
    assert percent_matches(28101, 38000, 73.95)
    assert percent_matches(1190, 1248, 95.35)
    assert percent_matches(2, 3, 66.6)  # truncated
    assert not percent_matches(280, 320, 90)


def test_a_stated_percentage_that_does_not_match_its_pair_is_reported():
    checks = analyse("Giải quyết 280/320 đơn, đạt 90%.", "t.txt")["checks"]
    assert [c["kind"] for c in checks] == ["percent_mismatch"]
    assert "87,5%" in checks[0]["message"] and "90%" in checks[0]["message"]


def test_a_matching_pair_raises_nothing():
    assert kinds("Giải quyết 28.101/38.000 hồ sơ, đạt 73,95%.") == []


def test_parts_that_do_not_add_up_to_their_whole_are_reported():
    assert kinds(
        "Tiếp nhận 320 đơn thư, gồm khiếu nại 120 đơn, tố cáo 45 đơn, kiến nghị 170 đơn."
    ) == ["sum_mismatch"]
    assert (
        kinds("Tiếp nhận 335 đơn thư, gồm khiếu nại 120 đơn, tố cáo 45 đơn, kiến nghị 170 đơn.")
        == []
    )


def test_parts_of_a_trong_do_breakdown_may_be_fewer_but_not_more():
    assert kinds("Có 130 mô hình, trong đó cấp tỉnh 25 mô hình, cấp huyện 100 mô hình.") == []
    assert kinds("Có 130 mô hình, trong đó cấp tỉnh 45 mô hình, cấp huyện 100 mô hình.") == [
        "sum_mismatch"
    ]


def test_one_document_printed_with_two_numbers_is_a_citation_conflict():
    text = (
        "Chương trình số 01-CTPH/BDVTWBCSĐUBDT ngày 30/11/2021 của Ban Dân vận Trung ương; "
        "Chương trình số 01-CTPH/BDVTW-BCSĐBDT ngày 30/11/2021 của Ban Dân vận Trung ương."
    )
    assert kinds(text) == ["citation_conflict"]


def test_one_number_with_two_dates_is_a_citation_conflict():
    text = "Chỉ thị số 11-CT/TU ngày 28/9/2021 của Tỉnh ủy; Chỉ thị số 11-CT/TU ngày 29/9/2021 của Tỉnh ủy."
    assert kinds(text) == ["citation_conflict"]


def test_a_citation_without_date_is_incomplete():
    assert kinds("Thực hiện Kế hoạch số 48-KHPH/BDVTU-HNB về phối hợp.") == ["incomplete_citation"]


def test_a_cutoff_before_the_end_of_the_period_is_a_period_mismatch():
    text = (
        "BÁO CÁO\nKết quả năm 2022\nTính đến ngày 30/11/2022 Trung tâm đã tổ chức 142 hội nghị.\n"
    )
    assert kinds(text) == ["period_mismatch"]


def test_the_party_report_sample_raises_its_arithmetic_problems():
    result = analyse((DOCS / "ban-dan-van-lai-chau-2022.txt").read_text(encoding="utf-8"), "x.txt")
    assert sorted(c["kind"] for c in result["checks"]) == ["percent_mismatch", "sum_mismatch"]


def test_parts_after_a_semicolon_belong_to_another_clause():
    text = "tiếp nhận 23 đơn, trong đó 18 đơn kiến nghị, 5 đơn khiếu nại; đã giải quyết 21/23 đơn, đạt 91,3%."
    assert kinds(text) == []


def test_a_share_of_a_pair_is_checked_too():
    assert kinds("Có 1.234/1.500 hộ đạt danh hiệu Gia đình văn hóa, chiếm 82,27%.") == []
    assert kinds("Có 1.234/1.500 hộ đạt danh hiệu Gia đình văn hóa, chiếm 85%.") == [
        "percent_mismatch"
    ]
