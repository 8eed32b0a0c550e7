"""Extraction checks are shown in Vietnamese on the document page while the
`danvan extract` JSON keeps the contract's messages."""

import re

import pytest

from danvan.core.extract import analyse
from danvan.documents.check_messages import vietnamese

ENGLISH = re.compile(r"\b(stated|whole|cited|printed|covers|standard|notation|read as|change)\b")

TEXTS = {
    "Giải quyết 280/320 đơn, đạt 90%.": "percent_mismatch",
    "Tiếp nhận 320 đơn thư, gồm khiếu nại 120 đơn, tố cáo 45 đơn, kiến nghị 170 đơn.": (
        "sum_mismatch"
    ),
    "Chương trình số 01-CTPH/BDVTWBCSĐUBDT ngày 30/11/2021 của Ban Dân vận Trung ương; "
    "Chương trình số 01-CTPH/BDVTW-BCSĐBDT ngày 30/11/2021 của Ban Dân vận Trung ương.": (
        "citation_conflict"
    ),
    "Chỉ thị số 11-CT/TU ngày 28/9/2021 của Tỉnh ủy; "
    "Chỉ thị số 11-CT/TU ngày 29/9/2021 của Tỉnh ủy.": "citation_conflict",
    "Theo Chỉ thị số 11-CT/TU ngày 28/9/2021 của Tỉnh ủy; "
    "Kế hoạch số 11-CT/TU ngày 28/9/2021 của Tỉnh ủy.": "citation_conflict",
    "Thực hiện Kế hoạch số 48-KHPH/BDVTU-HNB về phối hợp.": "incomplete_citation",
    "Thực hiện Kế hoạch số 48-KHPH/BDVTU ngày 12/3/2022 của về phối hợp.": "incomplete_citation",
    "BÁO CÁO\nKết quả năm 2022\nTính đến ngày 30/11/2022 Trung tâm đã tổ chức 142 hội nghị.\n": (
        "period_mismatch"
    ),
    "Tổng số tiền 1,250,000 đồng hỗ trợ.": "number_format",
}


@pytest.mark.parametrize("text", list(TEXTS))
def test_every_check_the_core_raises_reads_in_vietnamese(text):
    checks = [c for c in analyse(text, "t.txt")["checks"] if c["kind"] == TEXTS[text]]
    assert checks, "the sample no longer raises its check"
    for c in checks:
        shown = vietnamese(c["kind"], c["message"])
        assert shown != c["message"]
        assert not ENGLISH.search(shown), shown


def test_the_figures_and_citations_are_carried_over():
    assert (
        vietnamese("incomplete_citation", "Kế hoạch số 48-KHPH/BDVTU: cited without a date")
        == "Kế hoạch số 48-KHPH/BDVTU: trích dẫn thiếu ngày ban hành"
    )
    assert (
        vietnamese("citation_conflict", "11-CT/TU cited as chi_thi and ke_hoach")
        == "11-CT/TU được trích dẫn vừa là chỉ thị vừa là kế hoạch"
    )
    assert vietnamese("percent_mismatch", "280/320 = 87,5% (stated 90%)") == (
        "280/320 = 87,5%, nhưng văn bản ghi 90%"
    )


def test_a_message_of_another_shape_is_shown_as_it_is():
    assert vietnamese("other", "Ghi chú tự do") == "Ghi chú tự do"
