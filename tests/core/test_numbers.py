from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from danvan.core.numbers import format_number, format_percent, roman
from danvan.core.text import fold


def test_it_groups_thousands_with_dots():
    assert format_number(8794) == "8.794"
    assert format_number(8601610000) == "8.601.610.000"
    assert format_number(0) == "0"
    assert format_number(-1234) == "-1.234"


def test_it_writes_decimals_with_a_comma():
    assert format_number(13676.5) == "13.676,5"
    assert format_number(73.954, 2) == "73,95"
    assert format_number(Decimal("2.50")) == "2,5"


def test_percent_drops_trailing_zeros():
    assert format_percent(103.0) == "103%"
    assert format_percent(73.954) == "73,95%"
    assert format_percent(94.3) == "94,3%"
    assert format_percent(None) == ""


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip_through_the_vietnamese_format(n):
    assert int(format_number(n).replace(".", "")) == n


def test_fold_ignores_diacritics_case_and_d_stroke():
    assert fold("Dân vận KHÉO") == fold("dan van kheo")
    assert fold("Đảng  ủy") == "dang uy"


def test_roman_numerals_for_headings_and_word_counters():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1990)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XC",
        "CD",
        "MCMXC",
    ]
