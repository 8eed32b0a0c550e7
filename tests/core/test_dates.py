from datetime import date

from danvan.core.dates import format_date_long, format_date_short, format_place_date


def test_days_below_ten_and_months_one_and_two_get_a_leading_zero():
    assert format_date_long(date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    assert format_date_long(date(2022, 3, 9)) == "ngày 09 tháng 3 năm 2022"
    assert format_date_long(date(2019, 6, 29)) == "ngày 29 tháng 6 năm 2019"
    assert format_date_long(date(2021, 2, 28)) == "ngày 28 tháng 02 năm 2021"
    assert format_date_long(date(2021, 12, 1)) == "ngày 01 tháng 12 năm 2021"


def test_place_and_short_forms():
    assert format_place_date("Sơn La", date(2022, 3, 9)) == "Sơn La, ngày 09 tháng 3 năm 2022"
    assert format_date_short(date(2022, 3, 9)) == "09/3/2022"
