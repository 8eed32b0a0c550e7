"""Reading Vietnamese numbers and dates (danvan.core.numbers.parse_number, dates.parse_date)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.dates import format_date_long, format_date_short, parse_date
from danvan.core.numbers import format_number, parse_number, parse_number_detail


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("8.794", 8794),
        ("73,95", 73.95),
        ("13.676,5", 13676.5),
        ("02", 2),
        ("8.601.610.000", 8601610000),
        ("100", 100),
        ("0,5", 0.5),
    ],
)
def test_it_reads_standard_vietnamese_notation(token, value):
    assert parse_number(token) == value
    assert parse_number_detail(token)[1] is False


def test_a_dot_before_other_than_three_digits_is_a_mistyped_decimal_comma():
    assert parse_number_detail("94.3") == (94.3, True)
    assert parse_number_detail("12.50") == (12.5, True)


def test_english_grouping_is_read_and_flagged():
    assert parse_number_detail("1,234,567") == (1234567, True)
    assert parse_number_detail("13,676.5") == (13676.5, True)


@pytest.mark.parametrize("token", ["", "abc", "1.2.3", "12,3,4", ".5", "5."])
def test_it_rejects_what_is_not_a_number(token):
    with pytest.raises(ValueError):
        parse_number(token)


def test_whole_numbers_come_back_as_int():
    assert isinstance(parse_number("8.794"), int)
    assert isinstance(parse_number("10,0"), int)


@given(st.integers(min_value=0, max_value=10**15))
def test_any_integer_formatted_the_vietnamese_way_reads_back(n):
    assert parse_number(format_number(n)) == n


@given(
    st.decimals(
        min_value=Decimal("0"),
        max_value=Decimal("1e9"),
        places=3,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_any_decimal_formatted_the_vietnamese_way_reads_back(d):
    assert Decimal(str(parse_number(format_number(d)))) == d.normalize()


@given(st.integers(min_value=1000, max_value=10**12))
def test_a_grouped_number_never_reads_as_a_decimal(n):
    value, odd = parse_number_detail(format_number(n))
    assert value == n and not odd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 09 tháng 3 năm 2022", date(2022, 3, 9)),
        ("Sơn La, ngày 31 tháng 07 năm 2017", date(2017, 7, 31)),
        ("28/9/2021", date(2021, 9, 28)),
        ("28-9-2021", date(2021, 9, 28)),
        ("28.9.2021", date(2021, 9, 28)),
        ("ngày 12/01/2022 của Trung tâm", date(2022, 1, 12)),
    ],
)
def test_it_reads_dates_as_documents_write_them(text, expected):
    assert parse_date(text) == expected


def test_an_impossible_or_missing_date_is_none():
    assert parse_date("31/2/2021") is None
    assert parse_date("ngày    tháng    năm 2023") is None


@given(st.dates(min_value=date(1945, 1, 1), max_value=date(2100, 12, 31)))
def test_formatted_dates_read_back(d):
    assert parse_date(format_date_long(d)) == d
    assert parse_date(format_date_short(d)) == d
