"""The career rules at their edges (pure: no database, no clock)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from kepegawaian.domain import career_rules as r


# -- KGB -------------------------------------------------------------------------------------------------------
def test_kgb_two_years_after_a_tmt_on_the_first():
    assert r.next_kgb(date(2024, 4, 1), date(2010, 1, 1), "pns").due_date == date(2026, 4, 1)


def test_kgb_tmt_in_the_middle_of_a_month_moves_to_the_next_first():
    found = r.next_kgb(date(2024, 3, 15), None, "pns")
    assert found.due_date == date(2026, 4, 1)
    assert r.next_kgb(date(2024, 12, 31), None, "pns").due_date == date(2027, 1, 1)


def test_kgb_from_tmt_cpns_when_no_kgb_is_recorded_and_pppk_flagged():
    found = r.next_kgb(None, date(2023, 1, 1), "pns")
    assert found.due_date == date(2025, 1, 1) and "kgb_base_is_tmt_cpns" in found.flags
    assert "pppk_contract" in r.next_kgb(date(2024, 1, 1), None, "pppk").flags
    assert r.next_kgb(date(2024, 1, 1), None, "non_asn") is None
    assert r.next_kgb(None, None, "pns") is None


def test_kgb_from_a_leap_day():
    assert r.next_kgb(date(2024, 2, 29), None, "pns").due_date == date(2026, 3, 1)


# -- KP --------------------------------------------------------------------------------------------------------
def test_kp_exactly_four_years_on_a_period():
    # 1 Oct 2021 + 4 = 1 Oct 2025: monthly periods from then, October is one anyway
    assert r.next_kp("III/a", date(2021, 10, 1), "pns").due_date == date(2025, 10, 1)
    # 1 Dec 2022 + 4 = 1 Dec 2026: every month is a period
    assert r.next_kp("III/b", date(2022, 12, 1), "pns").due_date == date(2026, 12, 1)


def test_kp_one_day_short_waits_for_the_next_period():
    assert r.next_kp("III/a", date(2022, 12, 2), "pns").due_date == date(2027, 1, 1)


def test_kp_before_2024_april_and_october():
    assert r.next_kp("II/c", date(2019, 5, 1), "pns").due_date == date(2023, 10, 1)
    assert r.next_kp("II/c", date(2019, 10, 2), "pns").due_date == date(2024, 2, 1)  # 2024: six periods


def test_kp_six_periods_in_2024_and_2025():
    assert r.next_kp("III/c", date(2020, 3, 1), "pns").due_date == date(2024, 4, 1)
    assert r.next_kp("III/c", date(2021, 2, 1), "pns").due_date == date(2025, 2, 1)


def test_kp_across_the_october_2025_change():
    # 4 years met on 2 Aug 2025: 1 Sep 2025 is not a period (BKN 4/2023 still), 1 Oct 2025 is
    assert r.next_kp("III/d", date(2021, 8, 2), "pns").due_date == date(2025, 10, 1)
    # met on 2 Oct 2025: the next month's 1st under BKN 4/2025
    assert r.next_kp("III/d", date(2021, 10, 2), "pns").due_date == date(2025, 11, 1)
    assert r.kp_periods_on(date(2025, 9, 30)) == (2, 4, 6, 8, 10, 12)
    assert r.kp_periods_on(date(2025, 10, 1)) == r.ALL_MONTHS


def test_kp_none_at_iv_e_pppk_or_without_rank_tmt():
    assert r.next_kp("IV/e", date(2010, 1, 1), "pns") is None
    assert r.next_kp("III/a", date(2010, 1, 1), "pppk") is None
    assert r.next_kp("III/a", None, "pns") is None


def test_kp_from_a_leap_day():
    assert r.next_kp("III/a", date(2024, 2, 29), "pns").due_date == date(2028, 3, 1)


# -- BUP -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("level,age", [
    ("administrator", 58), ("pengawas", 58), ("pelaksana", 58), ("ahli_muda", 58), ("ahli_pertama", 58),
    ("penyelia", 58), ("mahir", 58), ("terampil", 58), ("pemula", 58),
    ("jpt_utama", 60), ("jpt_madya", 60), ("jpt_pratama", 60), ("ahli_madya", 60), ("ahli_utama", 65),
])
def test_bup_age_per_level(level, age):
    found = r.retirement(date(1970, 6, 10), level, "pns")
    assert found.due_date == date(1970 + age, 7, 1) and found.flags == ()


def test_bup_born_on_the_first_and_on_the_31st():
    assert r.retirement(date(1968, 3, 1), "pelaksana", "pns").due_date == date(2026, 4, 1)
    assert r.retirement(date(1968, 3, 31), "pelaksana", "pns").due_date == date(2026, 4, 1)
    assert r.retirement(date(1968, 12, 31), "pelaksana", "pns").due_date == date(2027, 1, 1)


def test_bup_born_on_a_leap_day():
    assert r.retirement(date(1968, 2, 29), "pengawas", "pns").due_date == date(2026, 3, 1)


def test_bup_without_level_is_58_and_flagged_and_pns_only():
    found = r.retirement(date(1970, 1, 15), None, "pns")
    assert found.due_date == date(2028, 2, 1) and found.flags == ("level_missing",)
    assert r.retirement(date(1970, 1, 15), "pelaksana", "pppk") is None


# -- masa kerja, due, DUK order, reminders -----------------------------------------------------------------------
def test_masa_kerja_in_whole_months():
    assert r.masa_kerja(date(2010, 3, 15), date(2026, 3, 14)) == (15, 11)
    assert r.masa_kerja(date(2010, 3, 15), date(2026, 3, 15)) == (16, 0)
    assert r.masa_kerja(date(2010, 3, 15), date(2009, 1, 1)) is None
    assert r.age_on(date(1968, 2, 29), date(2026, 2, 28)) == 57
    assert r.age_on(date(1968, 2, 29), date(2026, 3, 1)) == 58


def test_due_in_a_month_and_overdue():
    facts = SimpleNamespace(kgb_tmt=date(2023, 5, 20), tmt_cpns=date(2010, 1, 1), golongan="III/b",
                            rank_tmt=date(2022, 6, 1), birth_date=date(1980, 1, 1), position_level="pelaksana",
                            employment_type="pns")
    dates = r.career_dates(facts)
    assert dates["kgb"].due_date == date(2025, 6, 1)
    start, end = r.month_bounds(2026, 6)
    found = r.due_in(dates, r.KINDS, start, end, today=date(2026, 5, 10))
    # KP 1 June 2026 in the month; KGB of June 2025 overdue (not recorded)
    assert {(d.kind, overdue) for d, overdue in found} == {("kp", False), ("kgb", True)}
    # a month in the past shows only what fell in it
    start, end = r.month_bounds(2025, 6)
    assert [(d.kind, o) for d, o in r.due_in(dates, r.KINDS, start, end, today=date(2026, 5, 10))] == [("kgb", True)]


def test_duk_order():
    def row(name, gol, rank_tmt, level, tmt_cpns, born):
        return SimpleNamespace(full_name=name, golongan=gol, rank_tmt=rank_tmt, position_level=level,
                               tmt_cpns=tmt_cpns, birth_date=born)
    rows = [
        row("E", "III/a", date(2020, 4, 1), "pelaksana", date(2010, 1, 1), date(1980, 1, 1)),
        row("A", "IV/a", date(2021, 4, 1), "pelaksana", date(2000, 1, 1), date(1975, 1, 1)),
        row("C", "III/d", date(2019, 4, 1), "pelaksana", date(2005, 1, 1), date(1978, 1, 1)),
        row("B", "III/d", date(2019, 4, 1), "pengawas", date(2006, 1, 1), date(1979, 1, 1)),
        row("D", "III/d", date(2019, 4, 1), "pelaksana", date(2005, 1, 1), date(1979, 1, 1)),
        row("F", "III/d", date(2018, 10, 1), "pelaksana", date(2008, 1, 1), date(1985, 1, 1)),
    ]
    ordered = sorted(rows, key=lambda x: r.duk_key(x, date(2026, 1, 1)))
    assert [x.full_name for x in ordered] == ["A", "F", "B", "C", "D", "E"]


def test_reminder_window():
    assert r.reminder_window(date(2026, 4, 1), 60, date(2026, 2, 1))
    assert not r.reminder_window(date(2026, 4, 1), 60, date(2026, 1, 30))
    assert r.reminder_window(date(2026, 4, 1), 60, date(2026, 4, 20))


def test_rules_are_data_with_sources():
    assert all(row[-1] for row in r.DEFAULT_ROWS)
    custom = r.rules_from_rows([("kp_periods", "", None, "4,10", date(2000, 1, 1))])
    assert r.next_kp("III/a", date(2022, 12, 2), "pns", custom).due_date == date(2027, 4, 1)
