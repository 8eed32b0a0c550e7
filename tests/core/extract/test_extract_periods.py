"""Reporting periods read into ISO start and end (danvan.core.extract.periods)."""

from datetime import date

import pytest

from danvan.core.extract.periods import find_periods, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("6 tháng đầu năm 2022", date(2022, 1, 1), date(2022, 6, 30)),
        ("6 tháng cuối năm 2022", date(2022, 7, 1), date(2022, 12, 31)),
        ("9 tháng năm 2023", date(2023, 1, 1), date(2023, 9, 30)),
        ("quý III năm 2022", date(2022, 7, 1), date(2022, 9, 30)),
        ("quý IV/2021", date(2021, 10, 1), date(2021, 12, 31)),
        ("quý 2 năm 2024", date(2024, 4, 1), date(2024, 6, 30)),
        ("tháng 5/2023", date(2023, 5, 1), date(2023, 5, 31)),
        ("tháng 2 năm 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("năm 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("giai đoạn 2021-2025", date(2021, 1, 1), date(2025, 12, 31)),
        ("nhiệm kỳ 2020 - 2025", date(2020, 1, 1), date(2025, 12, 31)),
        ("từ ngày 01/01/2023 đến ngày 30/6/2023", date(2023, 1, 1), date(2023, 6, 30)),
        ("năm học 2022-2023", date(2022, 9, 1), date(2023, 8, 31)),
    ],
)
def test_it_reads_the_usual_period_phrases(text, start, end):
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)


def test_a_period_without_a_year_takes_the_year_written_after_it():
    found = find_periods("Kết quả 6 tháng đầu năm Nhiệm vụ trọng tâm 6 tháng cuối năm 2022")
    assert [(p.start, p.end) for p in found] == [
        (date(2022, 1, 1), date(2022, 6, 30)),
        (date(2022, 7, 1), date(2022, 12, 31)),
    ]
    assert found[0].label == "6 tháng đầu năm 2022"


def test_a_period_without_any_year_uses_the_default_or_is_skipped():
    assert find_periods("báo cáo 6 tháng đầu năm") == []
    period = parse_period("báo cáo 6 tháng đầu năm", default_year=2024)
    assert period is not None and period.end == date(2024, 6, 30)


def test_a_deadline_is_not_a_period():
    assert find_periods("báo cáo 6 tháng trước ngày 10/5; báo cáo cuối năm trước ngày 20/11") == []
