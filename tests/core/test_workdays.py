from datetime import date

from danvan.core import petition_limits as limits
from danvan.core.periods import add_working_days as weekdays_only
from danvan.core.workdays import DEFAULT, Calendar, YearHolidays, add_days, add_working_days


def test_tet_2026_days_are_not_working_days():
    cal = Calendar()
    # Tết Bính Ngọ: mùng 1 is 17/02/2026; the default five days are 16–20/02.
    for d in range(16, 21):
        assert not cal.is_working_day(date(2026, 2, d))
    assert cal.holiday_name(date(2026, 2, 17)) == "Tết Âm lịch"
    assert cal.is_working_day(date(2026, 2, 23))


def test_a_limit_counted_over_tet_skips_the_holidays_and_the_weekend():
    # From Friday 13/02/2026, 3 working days: 16–20 Tết, 21–22 weekend → 23, 24, 25.
    assert add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)


def test_a_limit_over_the_year_end_skips_new_year_day():
    # Wednesday 30/12/2026 + 2 working days: 31/12, (1/1 holiday), 4/1/2027 (Monday).
    assert add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_tet_starting_in_the_old_solar_year_is_counted():
    cal = Calendar(years={2028: YearHolidays(2028, date(2028, 1, 26), date(2028, 4, 4))})
    assert cal.holiday_name(date(2028, 1, 25)) == "Tết Âm lịch"


def test_gio_to_and_national_day_are_holidays():
    cal = Calendar()
    assert cal.holiday_name(date(2025, 4, 7)) == "Giỗ Tổ Hùng Vương"
    assert not cal.is_working_day(date(2025, 9, 2))
    assert not cal.is_working_day(date(2025, 4, 30))


def test_a_year_outside_the_data_is_partial_but_keeps_solar_holidays():
    cal = Calendar()
    assert not cal.is_complete(2040)
    assert cal.holiday_name(date(2040, 9, 2)) == "Quốc khánh"


def test_swapped_days_are_data():
    info = YearHolidays(
        2026,
        date(2026, 2, 17),
        date(2026, 4, 26),
        extra_off=(date(2026, 2, 23),),
        extra_work=(date(2026, 2, 28),),
    )
    cal = Calendar(years={2026: info})
    assert not cal.is_working_day(date(2026, 2, 23))
    assert cal.is_working_day(date(2026, 2, 28))  # a Saturday worked in exchange


def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day():
    # 10 calendar days from 21/04/2025 is 01/05 (holiday) → Friday 02/05.
    assert add_days(date(2025, 4, 21), 10, "calendar") == date(2025, 5, 2)


def test_complaint_limits_for_complex_cases_and_remote_areas():
    lim = limits.limit_for("khieu_nai", "resolve")
    assert lim.days_for() == 30 and lim.days_for(complex_case=True) == 45
    assert lim.days_for(remote=True) == 45 and lim.days_for(remote=True, complex_case=True) == 60
    assert lim.verified and "Điều 28" in lim.basis


def test_denunciation_extensions_follow_article_30():
    lim = limits.limit_for("to_cao", "resolve")
    assert lim.allowed_extensions(complex_case=False, very_complex=False) == 0
    assert lim.allowed_extensions(complex_case=True, very_complex=False) == 1
    assert lim.allowed_extensions(complex_case=True, very_complex=True) == 2
    start = date(2026, 3, 2)
    assert limits.due_date(lim, start, extensions=1) == add_working_days(start, 60)


def test_every_limit_names_its_basis_and_says_whether_it_was_verified():
    for lim in limits.LIMITS:
        assert lim.basis and isinstance(lim.verified, bool) and lim.source


def test_reporting_deadlines_can_take_the_holiday_calendar():
    # 29/04/2026 (Wed) + 1 working day: Thursday 30/04 is a holiday, Friday 1/5 too.
    assert weekdays_only(date(2026, 4, 29), 1) == date(2026, 4, 30)
    assert weekdays_only(date(2026, 4, 29), 1, DEFAULT) == date(2026, 5, 4)
