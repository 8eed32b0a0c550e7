"""Indicator maths: share of plan and change against the same period."""

from decimal import Decimal

import pytest

from danvan.core.indicators import change, plan_percent


def test_plan_percent_is_actual_over_target_times_100():
    assert plan_percent(1886, 2000) == Decimal("94.3")


def test_plan_percent_is_none_without_a_target_or_with_a_zero_target():
    assert plan_percent(5, None) is None
    assert plan_percent(None, 5) is None
    assert plan_percent(5, 0) is None


def test_plan_percent_takes_floats_without_binary_noise():
    assert plan_percent(0.1, 0.2) == Decimal(50)


def test_change_gives_the_difference_and_its_percentage():
    assert change(900, 1000) == (Decimal(-100), Decimal(-10))
    assert change(8794, 6150)[1].quantize(Decimal(1)) == Decimal(43)


def test_change_from_zero_has_a_difference_but_no_percentage():
    assert change(3, 0) == (Decimal(3), None)


def test_booleans_are_not_numbers():
    with pytest.raises(TypeError):
        plan_percent(True, 1)
