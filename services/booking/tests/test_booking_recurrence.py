"""The occurrences of a series' rule (``domain.recurrence``, pure): weekly on two weekdays, monthly on the 31st
skipping the short months, the limits (422 naming the field), WITA wall-clock times stored UTC."""
from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from booking.domain import recurrence
from booking.domain.recurrence import Rule, expand
from situok_kit.clock import wita_day
from situok_kit.errors import ValidationFailed


def weekly(**extra) -> Rule:
    values = dict(frequency="weekly", starts_on=date(2031, 3, 1), until_on=date(2031, 3, 31),
                  start_time=time(9), end_time=time(11), weekdays=(1, 3))
    return Rule(**(values | extra))


def test_weekly_on_two_weekdays_across_a_month():
    found = expand(weekly())
    # March 2031: Mondays 3, 10, 17, 24, 31 and Wednesdays 5, 12, 19, 26
    assert [o.on.day for o in found.occurrences] == [3, 5, 10, 12, 17, 19, 24, 26, 31]
    assert {o.on.isoweekday() for o in found.occurrences} == {1, 3}
    assert found.skipped == []


def test_every_second_week_and_excepted_dates():
    # RFC 5545: the weeks counted from the week of starts_on (Saturday 1 March: its week has no Mon/Wed left)
    found = expand(weekly(interval=2, except_dates=(date(2031, 3, 12),)))
    assert [o.on.day for o in found.occurrences] == [10, 24, 26]
    assert found.excepted == [date(2031, 3, 12)]
    with pytest.raises(ValidationFailed) as refused:
        expand(weekly(except_dates=(date(2031, 3, 4),)))  # a Tuesday: not a date of the series
    assert set(refused.value.fields) == {"except_dates"}


def test_wita_wall_clock_is_stored_utc():
    first = expand(weekly()).occurrences[0]
    assert first.starts_at == datetime(2031, 3, 3, 1, 0, tzinfo=UTC)  # 09:00 WITA = 01:00 UTC
    assert first.ends_at == datetime(2031, 3, 3, 3, 0, tzinfo=UTC)
    early = expand(weekly(start_time=time(7), end_time=time(8))).occurrences[0]
    assert early.starts_at == datetime(2031, 3, 2, 23, 0, tzinfo=UTC)  # the UTC day before
    assert wita_day(early.starts_at) == date(2031, 3, 3)


def test_monthly_on_the_31st_skips_the_short_months_and_says_so():
    rule = Rule(frequency="monthly", starts_on=date(2031, 1, 31), until_on=date(2031, 8, 31),
                start_time=time(13), end_time=time(15))
    found = expand(rule)
    assert [o.on for o in found.occurrences] == [date(2031, 1, 31), date(2031, 3, 31), date(2031, 5, 31),
                                                 date(2031, 7, 31), date(2031, 8, 31)]
    assert found.skipped == [date(2031, 2, 1), date(2031, 4, 1), date(2031, 6, 1)]
    # month_day overrides the day of starts_on; every second month
    other = expand(Rule(frequency="monthly", starts_on=date(2031, 1, 20), until_on=date(2031, 7, 31),
                        start_time=time(13), end_time=time(15), month_day=5, interval=2))
    assert [o.on for o in other.occurrences] == [date(2031, 3, 5), date(2031, 5, 5), date(2031, 7, 5)]
    assert recurrence.describe(rule) == "Setiap bulan pada tanggal 31, 13.00–15.00 WITA"


@pytest.mark.parametrize("changes, field", [
    ({"until_on": date(2032, 3, 2)}, "until_on"),                       # beyond a year
    ({"until_on": date(2032, 2, 28), "weekdays": (1, 2, 3)}, "until_on"),  # within a year, > 100 occurrences
    ({"until_on": date(2031, 2, 1)}, "until_on"),                       # before the start
    ({"weekdays": ()}, "weekdays"),
    ({"weekdays": (0, 8)}, "weekdays"),
    ({"interval": 13}, "interval"),
    ({"end_time": time(9)}, "end_time"),
    ({"month_day": 5}, "month_day"),                                     # a weekly series has no day of month
    ({"until_on": date(2031, 3, 2)}, "until_on"),                       # 1–2 March: no Monday or Wednesday
])
def test_limits_are_422_naming_the_field(changes, field):
    with pytest.raises(ValidationFailed) as refused:
        expand(weekly(**changes))
    assert field in refused.value.fields


def test_a_start_in_the_past_is_refused_when_today_is_given():
    with pytest.raises(ValidationFailed) as refused:
        expand(weekly(), today=date(2031, 3, 2))
    assert set(refused.value.fields) == {"starts_on"}
    assert len(expand(weekly(), today=date(2031, 3, 1)).occurrences) == 9
    assert len(expand(weekly(until_on=date(2032, 2, 29), weekdays=(5,)), today=date(2031, 3, 1)).occurrences) == 52
