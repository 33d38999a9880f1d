"""Depreciation by hand: straight line, integer rupiah, the remainder in the last period (no database)."""
from __future__ import annotations

from datetime import date

import pytest
from assets.domain import depreciation as dep

LAPTOP = 15_000_000
BOUGHT = date(2024, 3, 10)


def test_yearly_laptop_four_years_from_the_year_of_acquisition():
    periods = dep.schedule(LAPTOP, BOUGHT, 4, "year")
    assert [(p.year, p.semester, p.amount) for p in periods] == [
        (2024, None, 3_750_000), (2025, None, 3_750_000), (2026, None, 3_750_000), (2027, None, 3_750_000)]
    assert [p.book_value for p in periods] == [11_250_000, 7_500_000, 3_750_000, 0]
    assert periods[0].starts_on == date(2024, 1, 1) and periods[-1].ends_on == date(2027, 12, 31)


def test_semesterly_laptop_starts_in_the_semester_of_acquisition():
    periods = dep.schedule(LAPTOP, BOUGHT, 4, "semester")
    assert len(periods) == 8
    assert {p.amount for p in periods} == {1_875_000}
    assert (periods[0].year, periods[0].semester, periods[0].ends_on) == (2024, 1, date(2024, 6, 30))
    assert (periods[-1].year, periods[-1].semester) == (2027, 2)
    later = dep.schedule(LAPTOP, date(2024, 7, 1), 4, "semester")
    assert (later[0].year, later[0].semester, later[-1].year, later[-1].semester) == (2024, 2, 2028, 1)


def test_the_remainder_goes_into_the_last_period():
    periods = dep.schedule(10_000_001, date(2020, 12, 31), 3, "year")
    assert [p.amount for p in periods] == [3_333_333, 3_333_333, 3_333_335]
    assert sum(p.amount for p in periods) == 10_000_001 and periods[-1].book_value == 0
    semesters = dep.schedule(1_000, date(2021, 1, 5), 3, "semester")
    assert [p.amount for p in semesters] == [166, 166, 166, 166, 166, 170]


@pytest.mark.parametrize("years", [0, None])
def test_land_or_unknown_life_is_not_depreciated(years):
    assert dep.schedule(500_000_000, date(2010, 1, 1), years, "year") == []
    assert dep.book_value(500_000_000, date(2010, 1, 1), years, "year", date(2030, 1, 1)) == (0, 500_000_000, 0)
    assert dep.year_figures(500_000_000, date(2010, 1, 1), years, "year", 2025) == (0, 0, 500_000_000)


def test_book_value_on_a_day_counts_the_running_period():
    assert dep.book_value(LAPTOP, BOUGHT, 4, "year", date(2023, 12, 31)) == (0, LAPTOP, 0)
    assert dep.book_value(LAPTOP, BOUGHT, 4, "year", BOUGHT) == (3_750_000, 11_250_000, 3_750_000)
    assert dep.book_value(LAPTOP, BOUGHT, 4, "year", date(2026, 7, 1)) == (11_250_000, 3_750_000, 3_750_000)
    assert dep.book_value(LAPTOP, BOUGHT, 4, "semester", date(2025, 8, 1)) == (7_500_000, 7_500_000, 1_875_000)
    # never below zero, nothing charged after the last period
    assert dep.book_value(LAPTOP, BOUGHT, 4, "year", date(2040, 1, 1)) == (LAPTOP, 0, 0)


def test_figures_of_a_year():
    assert dep.year_figures(LAPTOP, BOUGHT, 4, "year", 2025) == (3_750_000, 7_500_000, 7_500_000)
    assert dep.year_figures(LAPTOP, BOUGHT, 4, "semester", 2024) == (3_750_000, 3_750_000, 11_250_000)
    assert dep.year_figures(LAPTOP, BOUGHT, 4, "semester", 2028) == (0, LAPTOP, 0)
    assert dep.year_figures(LAPTOP, BOUGHT, 4, "year", 2023) == (0, 0, LAPTOP)


def test_useful_life_the_longest_prefix_valid_then():
    lives = [("1.3.2", 5, date(2019, 1, 1)), ("1.3.2.10", 4, date(2019, 1, 1)), ("1.3.2.10", 3, date(2025, 1, 1)),
             ("1.3.1", 0, date(2019, 1, 1))]
    assert dep.life_of(lives, "1.3.2.10.01.02.001", date(2024, 3, 10)) == 4
    assert dep.life_of(lives, "1.3.2.10.01.02.001", date(2025, 3, 10)) == 3
    assert dep.life_of(lives, "1.3.2.02.01.01.001", date(2024, 3, 10)) == 5
    assert dep.life_of(lives, "1.3.1.01.01.01.001", date(2024, 3, 10)) == 0
    assert dep.life_of(lives, "1.3.21.01", date(2024, 3, 10)) is None   # a prefix is whole segments
    assert dep.life_of(lives, "1.3.2.10.01.02.001", date(2015, 3, 10)) is None
    assert dep.life_of(lives, "1.3.2.10.01.02.001", date(2015, 3, 10), date(2026, 12, 31)) == 3
    assert dep.acquired_on(None, 2019) == date(2019, 1, 1)


def test_an_unknown_period_is_refused():
    with pytest.raises(ValueError):
        dep.schedule(LAPTOP, BOUGHT, 4, "month")
