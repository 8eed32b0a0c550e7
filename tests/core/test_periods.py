from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.indicators import (
    AGGREGATION_LABELS,
    Aggregation,
    Observation,
    aggregate,
    compose,
    year_to_date,
)
from danvan.core.periods import (
    CALENDAR,
    KIND_LABELS,
    ND09,
    CutoffRule,
    Period,
    PeriodError,
    PeriodKind,
    cutoff_window,
    earliest_deadline,
)

years = st.integers(min_value=2000, max_value=2100)


@st.composite
def periods(draw):
    y = draw(years)
    kind = draw(st.sampled_from(list(PeriodKind)))
    if kind is PeriodKind.MONTH:
        return Period.month(y, draw(st.integers(1, 12)))
    if kind is PeriodKind.QUARTER:
        return Period.quarter(y, draw(st.integers(1, 4)))
    if kind is PeriodKind.HALF:
        return Period.half(y, draw(st.integers(1, 2)))
    if kind is PeriodKind.NINE_MONTHS:
        return Period.nine_months(y)
    if kind is PeriodKind.YEAR:
        return Period.whole_year(y)
    return Period.multi_year(y, y + draw(st.integers(1, 10)))


def test_the_half_year_window_of_decree_09_runs_from_15_december_to_14_june():
    assert cutoff_window(Period.half(2022, 1)) == (date(2021, 12, 15), date(2022, 6, 14))


def test_decree_09_windows_for_every_period_kind():
    assert cutoff_window(Period.month(2023, 5)) == (date(2023, 4, 15), date(2023, 5, 14))
    assert cutoff_window(Period.quarter(2023, 1)) == (date(2022, 12, 15), date(2023, 3, 14))
    assert cutoff_window(Period.half(2022, 2)) == (date(2022, 6, 15), date(2022, 12, 14))
    assert cutoff_window(Period.nine_months(2023)) == (date(2022, 12, 15), date(2023, 9, 14))
    assert cutoff_window(Period.whole_year(2022)) == (date(2021, 12, 15), date(2022, 12, 14))


def test_a_calendar_rule_gives_the_period_itself():
    p = Period.quarter(2024, 1)
    assert cutoff_window(p, CALENDAR) == (date(2024, 1, 1), date(2024, 3, 31))


def test_the_earliest_deadline_is_one_working_day_after_the_cutoff():
    # 14/6/2024 is a Friday: the next working day is Monday 17/6.
    assert earliest_deadline(Period.half(2024, 1), ND09) == date(2024, 6, 17)


def test_codes_read_back_and_labels_are_vietnamese():
    assert Period.parse("2022-H1").label == "6 tháng đầu năm 2022"
    assert Period.parse("2023-Q2").label == "Quý II/2023"
    assert Period.parse("2023-M05").label == "Tháng 5/2023"
    assert Period.parse("2021-2025").label == "Giai đoạn 2021–2025"
    assert Period.parse("2023-9m").code == "2023-9M"


@pytest.mark.parametrize("bad", ["", "2022", "2022-H3", "2022-M13", "2025-2021", "x-Y"])
def test_bad_codes_are_refused(bad):
    with pytest.raises(PeriodError):
        Period.parse(bad)


def test_a_bad_cutoff_day_is_refused():
    with pytest.raises(PeriodError):
        CutoffRule(day=31)


@given(periods())
def test_codes_round_trip(p):
    assert Period.parse(p.code) == p


@given(periods(), st.integers(1, 28), st.sampled_from([0, 1]))
def test_a_window_is_as_long_as_its_period_shifted(p, day, before):
    start, end = cutoff_window(p, CutoffRule(day, before))
    assert start <= end
    # consecutive periods of one kind have adjacent windows: no day is lost or counted twice
    if p.kind is not PeriodKind.MULTI_YEAR and p.kind in (
        PeriodKind.MONTH,
        PeriodKind.QUARTER,
        PeriodKind.HALF,
        PeriodKind.YEAR,
    ):
        nxt = p_next(p)
        assert nxt.previous() == p
        nxt_start, _ = cutoff_window(nxt, CutoffRule(day, before))
        assert nxt_start == end + timedelta(days=1)


def p_next(p: Period) -> Period:
    """The period of the same kind that starts the day after p ends."""
    day = p.end + timedelta(days=1)
    if p.kind is PeriodKind.MONTH:
        return Period.month(day.year, day.month)
    if p.kind is PeriodKind.QUARTER:
        return Period.quarter(day.year, (day.month + 2) // 3)
    if p.kind is PeriodKind.HALF:
        return Period.half(day.year, 1 if day.month == 1 else 2)
    return Period.whole_year(day.year)


@given(periods())
def test_same_period_last_year_is_a_year_earlier_and_as_long(p):
    q = p.same_period_last_year()
    assert q.kind == p.kind and q.number == p.number
    assert len(q.months()) == len(p.months())
    assert q.end < p.start or p.kind is PeriodKind.MULTI_YEAR and q.end < p.start


@given(periods())
def test_months_tile_every_period(p):
    months = p.parts(PeriodKind.MONTH)
    assert months[0].start == p.start and months[-1].end == p.end
    assert len(months) == len(p.months())


values = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


@given(st.lists(values, min_size=1, max_size=30))
def test_a_sum_of_sums_is_the_sum_of_all(vals):
    obs = [Observation(value=v) for v in vals]
    half = len(obs) // 2
    left = aggregate("sum", obs[:half]) or Decimal(0)
    right = aggregate("sum", obs[half:]) or Decimal(0)
    assert left + right == aggregate("sum", obs)


@given(
    st.lists(
        st.tuples(st.integers(0, 1000).map(Decimal), st.integers(1, 1000).map(Decimal)),
        min_size=1,
        max_size=20,
    )
)
def test_a_ratio_aggregates_as_a_ratio_of_sums_not_an_average_of_ratios(pairs):
    obs = [Observation(numerator=n, denominator=d) for n, d in pairs]
    expected = sum(n for n, _ in pairs) * 100 / sum(d for _, d in pairs)
    assert aggregate(Aggregation.RATIO, obs) == expected


def test_a_ratio_with_nothing_to_divide_by_gives_no_value():
    assert aggregate("ratio", [Observation(numerator=Decimal(3), denominator=Decimal(0))]) is None


def test_average_and_latest():
    obs = [
        Observation(value=Decimal(10), at=date(2023, 3, 1)),
        Observation(value=Decimal(20), at=date(2023, 6, 1)),
        Observation(value=None),
    ]
    assert aggregate("average", obs) == 15
    assert aggregate("latest", obs) == 20
    assert aggregate("sum", []) is None


def test_year_to_date_comes_from_months_or_quarters():
    known = {f"2023-M{m:02d}": Decimal(m) for m in range(1, 13)}
    assert year_to_date(Period.month(2023, 4), known, "sum") == (
        Decimal(10),
        ["2023-M01", "2023-M02", "2023-M03", "2023-M04"],
    )
    quarters = {"2023-Q1": Decimal(5), "2023-Q2": Decimal(7), "2023-Q3": Decimal(1)}
    value, used = year_to_date(Period.quarter(2023, 3), quarters, "sum")
    assert value == 13 and used == ["2023-Q1", "2023-Q2", "2023-Q3"]


def test_a_directly_given_value_wins_over_its_parts():
    known = {"2022-H1": Decimal(8794), "2022-Q1": Decimal(1), "2022-Q2": Decimal(2)}
    assert compose(Period.half(2022, 1), known, "sum") == (Decimal(8794), ["2022-H1"])


def test_an_incomplete_tiling_gives_no_value():
    assert compose(Period.half(2022, 1), {"2022-Q1": Decimal(1)}, "sum") == (None, [])


def test_period_kinds_and_aggregations_carry_their_vietnamese_labels():
    assert PeriodKind("half") is PeriodKind.HALF
    assert PeriodKind.HALF == "half" and PeriodKind.HALF.label == "6 tháng"
    assert list(KIND_LABELS) == list(PeriodKind)
    assert KIND_LABELS[PeriodKind.MULTI_YEAR] == "Nhiều năm (sơ kết, tổng kết giai đoạn)"
    assert Aggregation("ratio").label == "Tỷ lệ của tổng (tử số / mẫu số)"
    assert AGGREGATION_LABELS == {a: a.label for a in Aggregation}
