"""The type line of a generated report keeps its qualifier ("BÁO CÁO NHANH")."""

from danvan.drafting.builders import split_type_word, strip_type_word


def test_a_quick_report_keeps_nhanh_on_the_type_line():
    assert split_type_word("Báo cáo nhanh công tác dân vận tháng 11/2026", "Báo cáo") == (
        "Báo cáo nhanh",
        "Công tác dân vận tháng 11/2026",
    )


def test_an_ordinary_report_title_loses_only_its_type_word():
    assert split_type_word("Báo cáo kết quả năm 2025", "Báo cáo") == (
        "Báo cáo",
        "Kết quả năm 2025",
    )
    assert strip_type_word("Báo cáo nhanh công tác dân vận", "Báo cáo") == "Công tác dân vận"
