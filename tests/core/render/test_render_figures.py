"""Figure sentences: the wording of results, plans and same-period comparisons."""

from decimal import Decimal

import pytest

from danvan.core.render.figures import figure_sentence, percent_text


def test_a_result_with_plan_and_previous_year_reads_like_the_report():
    text = figure_sentence(
        "tư vấn cho", 8794, "lượt người", plan=8538, previous=6150, previous_year=2021
    )
    assert text == (
        "tư vấn cho 8.794 lượt người, đạt 103% so với kế hoạch, tăng 43% so với cùng kỳ năm 2021"
    )


def test_a_decrease_says_giam_with_a_positive_percentage():
    text = figure_sentence("giới thiệu", 900, "lao động", previous=1000, previous_year=2021)
    assert text == "giới thiệu 900 lao động, giảm 10% so với cùng kỳ năm 2021"


def test_an_unchanged_value_is_equal_to_the_same_period():
    text = figure_sentence(
        "tổ chức", 12, "phiên giao dịch việc làm", previous=12, previous_year=2021
    )
    assert text == "tổ chức 12 phiên giao dịch việc làm, bằng cùng kỳ năm 2021"


def test_without_a_plan_there_is_no_plan_clause():
    assert figure_sentence("tiếp nhận", 618, "hồ sơ") == "tiếp nhận 618 hồ sơ"


def test_a_plan_of_zero_gives_no_percentage_and_no_error():
    assert figure_sentence("tiếp nhận", 618, "hồ sơ", plan=0) == "tiếp nhận 618 hồ sơ"


def test_without_a_previous_value_there_is_no_comparison():
    text = figure_sentence("tư vấn cho", 1886, "lao động", plan=2000)
    assert text == "tư vấn cho 1.886 lao động, đạt 94,3% so với kế hoạch"


def test_a_previous_year_unknown_says_cung_ky_nam_truoc():
    text = figure_sentence("tư vấn cho", 110, "người", previous=100)
    assert text == "tư vấn cho 110 người, tăng 10% so với cùng kỳ năm trước"


def test_an_annual_plan_is_named_as_such():
    text = figure_sentence(
        "giải quyết việc làm cho", 1040, "lao động", plan=2000, plan_is_annual=True
    )
    assert text == "giải quyết việc làm cho 1.040 lao động, đạt 52% kế hoạch năm"


def test_approximate_values_use_khoang_or_the_given_word():
    assert figure_sentence("hỗ trợ", 150, "hộ", approximate=True) == "hỗ trợ khoảng 150 hộ"
    assert (
        figure_sentence("giải ngân", 60.3, "%", approximate="ước đạt") == "giải ngân ước đạt 60,3%"
    )


def test_an_unknown_approximation_word_is_rejected():
    with pytest.raises(ValueError):
        figure_sentence("hỗ trợ", 150, "hộ", approximate="chừng")


def test_change_can_be_given_as_a_value_in_its_own_unit():
    text = figure_sentence(
        "cung ứng",
        221,
        "lao động",
        previous=131,
        previous_year=2021,
        change_as="value",
        change_unit="người",
    )
    assert text == "cung ứng 221 lao động, tăng 90 người so với cùng kỳ năm 2021"


def test_a_previous_value_of_zero_falls_back_to_the_change_in_value():
    text = figure_sentence("tổ chức", 3, "hội nghị", previous=0, previous_year=2021)
    assert text == "tổ chức 3 hội nghị, tăng 3 hội nghị so với cùng kỳ năm 2021"


def test_money_keeps_every_digit_group():
    text = figure_sentence("chi trả trợ cấp thất nghiệp", 8601610000, "đồng")
    assert text == "chi trả trợ cấp thất nghiệp 8.601.610.000 đồng"


def test_a_missing_value_leaves_a_placeholder_and_no_clauses():
    assert (
        figure_sentence("tư vấn cho", None, "lượt người", plan=100) == "tư vấn cho ... lượt người"
    )


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (Decimal("102.998"), None, "103%"),
        (Decimal("280.4"), None, "280%"),
        (Decimal("94.3"), None, "94,3%"),
        (Decimal("94.30"), None, "94,3%"),
        (Decimal("73.9526"), 2, "73,95%"),
        (Decimal("2.754"), None, "2,75%"),
        (Decimal("50"), None, "50%"),
    ],
)
def test_percentages_are_rounded_sensibly(value, decimals, expected):
    assert percent_text(value, decimals) == expected


def test_explicit_decimals_apply_to_the_plan_percentage():
    text = figure_sentence("đạt", 28101, "người", plan=38000, decimals=2)
    assert text == "đạt 28.101 người, đạt 73,95% so với kế hoạch"


def test_a_tiny_change_is_given_as_a_value_rather_than_zero_percent():
    text = figure_sentence("tư vấn cho", 100001, "người", previous=100000, previous_year=2021)
    assert text == "tư vấn cho 100.001 người, tăng 1 người so với cùng kỳ năm 2021"
