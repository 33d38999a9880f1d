"""The leave rules as pure functions (``domain.leave_rules``, ``domain.leave_workflow``, ``domain.calendar``'s
map): counting working days against holidays, balances across year ends with carry-over, eligibility, gender,
documents, half days, backdating — no database, no broker."""
from dataclasses import fields
from datetime import date, timedelta

import pytest
from kepegawaian.domain import calendar
from kepegawaian.domain import leave_rules as r
from kepegawaian.domain import leave_workflow as wf
from kepegawaian.domain.leave import SEED_RULES
from situok_kit.errors import Forbidden
from situok_kit.workflow import PARTICIPANT

_NAMES = {f.name for f in fields(r.Rule)}


def rule(employment_type: str, kind: str, **changes) -> r.Rule:
    row = next(v for v in SEED_RULES if v["employment_type"] == employment_type and v["kind"] == kind)
    return r.Rule(**{k: v for k, v in {**row, **changes}.items() if k in _NAMES})


TAHUNAN = rule("pns", "tahunan")
SAKIT = rule("pns", "sakit")
MELAHIRKAN = rule("pns", "melahirkan")
ALASAN = rule("pns", "alasan_penting")
BESAR = rule("pns", "besar")
SINCE = date(2010, 3, 1)  # tmt_cpns: long eligible
#: Christmas 2025: Thursday a national holiday, Friday cuti bersama; a Bali holiday on Tuesday.
HOLIDAYS = {date(2025, 12, 25): r.NATIONAL, date(2025, 12, 26): r.CUTI_BERSAMA}


# -- counting days ----------------------------------------------------------------------------------

def test_working_days_skip_weekend_national_holiday_and_cuti_bersama():
    # Mon 22 .. Wed 31 December 2025: 8 weekdays, minus Christmas (nasional) and the cuti bersama Friday
    assert r.count_days(TAHUNAN, date(2025, 12, 22), date(2025, 12, 31), HOLIDAYS) == 6


def test_cuti_bersama_counts_only_when_the_rule_says_so():
    counting = rule("pns", "tahunan", cuti_bersama_counts=True)
    assert r.count_days(counting, date(2025, 12, 22), date(2025, 12, 31), HOLIDAYS) == 7
    # a national holiday is never counted, whatever the flag
    assert r.count_days(counting, date(2025, 12, 25), date(2025, 12, 25), HOLIDAYS) == 0


def test_bali_holiday_is_never_counted():
    holidays = dict(HOLIDAYS, **{})
    holidays[date(2025, 12, 23)] = r.BALI
    assert r.count_days(TAHUNAN, date(2025, 12, 22), date(2025, 12, 31), holidays) == 5


def test_leave_spanning_a_weekend():
    # Thursday 4 to Tuesday 9 December 2025: Thu, Fri, Mon, Tue
    assert r.count_days(TAHUNAN, date(2025, 12, 4), date(2025, 12, 9), {}) == 4
    assert r.count_days(TAHUNAN, date(2025, 12, 6), date(2025, 12, 7), {}) == 0  # a weekend only


def test_calendar_days_for_sick_leave_include_weekends_and_holidays():
    assert r.count_days(SAKIT, date(2025, 12, 22), date(2025, 12, 31), HOLIDAYS) == 10


def test_half_day_counts_half_of_one_working_day():
    assert r.count_days(TAHUNAN, date(2025, 12, 22), date(2025, 12, 22), {}, "pagi") == 0.5
    assert r.count_days(TAHUNAN, date(2025, 12, 25), date(2025, 12, 25), HOLIDAYS, "pagi") == 0


def test_three_months_is_start_plus_three_months_minus_a_day():
    assert r.last_day_for_months(date(2025, 1, 15), 3) == date(2025, 4, 14)
    assert r.last_day_for_months(date(2025, 11, 30), 3) == date(2026, 2, 27)  # 28 Feb − 1 day
    assert r.last_day_for_months(date(2024, 1, 1), 1) == date(2024, 1, 31)


def test_holiday_map_from_attendance_rows():
    rows = [{"date": "2025-12-25", "name": "Natal", "kind": "nasional", "verify": False, "source": "seed"},
            {"date": "2025-12-26", "name": "Cuti bersama Natal", "kind": "cuti_bersama"},
            {"date": "2025-12-26", "name": "Hari Bali", "kind": "bali"}]
    assert calendar.to_map(rows) == {date(2025, 12, 25): "nasional", date(2025, 12, 26): "bali"}
    source = calendar.fixed({date(2025, 12, 25): "nasional", date(2026, 1, 1): "nasional"})
    assert source([2026]) == {date(2026, 1, 1): "nasional"}


# -- balances ---------------------------------------------------------------------------------------

def bal(year, history=None, opening=None, rule_=TAHUNAN, since=SINCE):
    return r.annual_balance(rule_, year, since, history or {}, opening)


def test_first_known_year_has_the_entitlement_only():
    b = bal(2025)
    assert (b.entitlement, b.carry, b.total, b.remaining) == (12, 0, 12, 12)
    assert b.eligible


def test_carry_over_is_capped_at_six_days():
    b = bal(2025, {2024: r.YearFacts(used=2)})
    assert (b.carry, b.total) == (6, 18)
    assert not b.carry_two_years


def test_carry_over_below_the_cap_is_what_was_left():
    b = bal(2025, {2024: r.YearFacts(used=9)})
    assert (b.carry, b.total) == (3, 15)


def test_carried_days_are_used_first_across_the_year_end():
    # 2023: 6 used → 6 left → 2024 carries 6 (total 18); 8 used in 2024 take the 6 carried, then 2 of 2024's
    history = {2023: r.YearFacts(used=6), 2024: r.YearFacts(used=8)}
    b2024 = bal(2024, history)
    assert (b2024.carry, b2024.total, b2024.remaining) == (6, 18, 10)
    b2025 = bal(2025, history)
    assert (b2025.carry, b2025.total) == (6, 18)


def test_not_used_at_all_two_years_in_a_row_allows_24():
    # the system knows 2023 (a sick leave only) and 2024: no annual leave at all in either
    history = {2023: r.YearFacts(), 2024: r.YearFacts()}
    assert bal(2024, history).total == 18  # 2022 is not known: only the 6-day carry
    b = bal(2025, history)
    assert b.carry_two_years
    assert (b.carry, b.total) == (12, 24)


def test_one_day_used_breaks_the_two_year_case():
    history = {2023: r.YearFacts(used=1), 2024: r.YearFacts()}
    b = bal(2025, history)
    assert not b.carry_two_years
    assert (b.carry, b.total) == (6, 18)


def test_deferred_days_carry_in_full_up_to_24():
    # 2024: 3 days used, a 5-day request deferred by the official → 9 left of which 5 deferred
    b = bal(2025, {2024: r.YearFacts(used=3, deferred=5)})
    assert (b.deferred, b.carry, b.total) == (5, 4, 21)
    # 10 deferred, nothing used: 10 in full plus 2 ordinary → 24
    b = bal(2025, {2024: r.YearFacts(deferred=10)})
    assert (b.deferred, b.carry, b.total) == (10, 2, 24)


def test_pending_is_shown_apart_from_used():
    b = bal(2025, {2025: r.YearFacts(used=4, pending=3)})
    assert (b.used, b.pending, b.remaining, b.available) == (4, 3, 8, 5)


def test_opening_balance_replaces_the_paper_years():
    b = bal(2025, opening=r.Opening(2025, remaining_n1=4, remaining_n2=2))
    assert (b.carry, b.total, b.from_opening) == (4, 16, True)
    b = bal(2025, opening=r.Opening(2025, remaining_n1=12, remaining_n2=12))
    assert (b.carry_two_years, b.total) == (True, 24)
    b = bal(2025, opening=r.Opening(2025, remaining_n1=6, deferred_n1=6))
    assert (b.deferred, b.carry, b.total) == (6, 0, 18)


def test_opening_balance_then_system_years():
    # opening at 2024 (2023 left 3 on paper); 2024 in the system: nothing used → 2025 carries 6
    b = bal(2025, {2024: r.YearFacts()}, r.Opening(2024, remaining_n1=3))
    assert (b.carry, b.total, b.from_opening) == (6, 18, False)


def test_cuti_besar_year_has_no_annual_leave():
    b = bal(2025, {2024: r.YearFacts(used=2), 2025: r.YearFacts(took_besar=True)})
    assert (b.entitlement, b.carry, b.total) == (0, 0, 0)
    assert b.took_besar
    assert any("cuti besar" in line for line in b.explanation)


def test_eligibility_after_exactly_one_year():
    since = date(2024, 3, 1)
    assert bal(2024, since=since).entitlement == 0
    assert bal(2025, since=since).entitlement == 12
    assert r.eligible_from(TAHUNAN, since) == date(2025, 3, 1)
    assert r.eligible_from(TAHUNAN, date(2024, 2, 29)) == date(2025, 2, 28)


def test_pppk_does_not_carry_over():
    pppk = rule("pppk", "tahunan")
    b = bal(2025, {2024: r.YearFacts(used=2)}, rule_=pppk)
    assert (b.carry, b.total) == (0, 12)
    assert pppk.verify


def test_explanation_names_the_carry():
    b = bal(2025, {2024: r.YearFacts(used=2)})
    assert any("paling banyak 6 hari" in line for line in b.explanation)


# -- a request's problems ---------------------------------------------------------------------------

TODAY = date(2025, 12, 1)


def problems(rule_, start, end, *, days=None, gender="P", since=SINCE, half_days_on=False, available=None,
             today=TODAY, **req):
    days = days if days is not None else r.count_days(rule_, start, end, HOLIDAYS, req.get("half_day"))
    return r.request_problems(rule_, r.Request(kind=rule_.kind, start_date=start, end_date=end, **req), days=days,
                              today=today, gender=gender, service_start=since, half_days_on=half_days_on,
                              available=available)


def test_a_plain_annual_leave_is_fine():
    assert problems(TAHUNAN, date(2025, 12, 22), date(2025, 12, 24), available=12) == {}


def test_not_eligible_before_one_year_says_from_when():
    found = problems(TAHUNAN, date(2025, 2, 28), date(2025, 2, 28), since=date(2024, 3, 1), today=date(2025, 2, 1))
    assert "01-03-2025" in found["kind"]
    assert problems(TAHUNAN, date(2025, 3, 3), date(2025, 3, 3), since=date(2024, 3, 1),
                    today=date(2025, 2, 1)) == {}


def test_not_enough_balance_names_what_is_left():
    found = problems(TAHUNAN, date(2025, 12, 15), date(2025, 12, 23), available=6)
    assert "tersedia 6 hari, diminta 7 hari" in found["end_date"]


def test_annual_leave_cannot_cross_the_year_end():
    assert "akhir tahun" in problems(TAHUNAN, date(2025, 12, 29), date(2026, 1, 2))["end_date"]


def test_half_days_only_when_on_and_only_for_annual_leave():
    day = date(2025, 12, 22)
    assert "half_day" in problems(TAHUNAN, day, day, half_day="pagi", available=12)
    assert problems(TAHUNAN, day, day, half_day="pagi", half_days_on=True, available=12) == {}
    assert "half_day" in problems(TAHUNAN, day, date(2025, 12, 23), half_day="siang", half_days_on=True,
                                  available=12)
    assert "half_day" in problems(SAKIT, day, day, half_day="pagi", half_days_on=True)


def test_no_working_day_in_the_range():
    assert "end_date" in problems(TAHUNAN, date(2025, 12, 25), date(2025, 12, 26), available=12)


def test_maternity_leave_women_only_up_to_the_third_child_and_three_months():
    start = date(2025, 12, 15)
    assert "perempuan" in problems(MELAHIRKAN, start, start, gender="L", child_order=1)["kind"]
    assert problems(MELAHIRKAN, start, r.last_day_for_months(start, 3), child_order=3) == {}
    assert "cuti besar" in problems(MELAHIRKAN, start, start, child_order=4)["child_order"]
    assert "child_order" in problems(MELAHIRKAN, start, start)
    assert "3 bulan" in problems(MELAHIRKAN, start, r.last_day_for_months(start, 3) + timedelta(days=1),
                                 child_order=1)["end_date"]


def test_sick_leave_documents_by_length():
    start = date(2025, 12, 1)
    assert problems(SAKIT, start, start) == {}  # one day: written notice only
    assert "surat keterangan dokter" in problems(SAKIT, start, start + timedelta(days=1))["attachment_b64"]
    assert problems(SAKIT, start, start + timedelta(days=13), has_attachment=True) == {}
    found = problems(SAKIT, start, start + timedelta(days=14), has_attachment=True)
    assert "dokter pemerintah" in found["government_doctor"]
    assert problems(SAKIT, start, start + timedelta(days=14), has_attachment=True, government_doctor=True) == {}


def test_backdating_sick_leave_a_few_days_only():
    assert problems(SAKIT, TODAY - timedelta(days=3), TODAY - timedelta(days=3)) == {}
    assert "3 hari" in problems(SAKIT, TODAY - timedelta(days=4), TODAY - timedelta(days=4))["start_date"]
    assert "sudah lewat" in problems(TAHUNAN, date(2025, 11, 28), date(2025, 11, 28), available=12)["start_date"]


def test_important_reason_needs_a_category_and_a_text_and_one_month_at_most():
    start = date(2025, 12, 15)
    found = problems(ALASAN, start, start)
    assert set(found) == {"reason_category", "reason"}
    assert problems(ALASAN, start, start, reason_category="perkawinan", reason="Menikah") == {}
    assert "1 bulan" in problems(ALASAN, start, date(2026, 1, 15), reason_category="bencana",
                                 reason="Banjir")["end_date"]


def test_big_leave_needs_five_years():
    found = problems(BESAR, date(2025, 12, 15), date(2025, 12, 20), since=date(2021, 1, 2))
    assert "5 tahun" in found["kind"]


def test_inactive_rule_is_not_available():
    assert "kind" in problems(rule("pns", "cltn", active=False), date(2025, 12, 15), date(2025, 12, 20))


# -- the workflow -----------------------------------------------------------------------------------

def caps(**kw):
    return wf.capacities(**{"own": False, "direct_supervisor": False, "official": False, "staff_officer": False,
                            **kw})


OPEN = {"not_over": lambda: None}


def test_who_may_do_what():
    assert wf.LEAVE.allowed_actions("submitted", caps(direct_supervisor=True)) == ["consider"]
    assert wf.LEAVE.allowed_actions("submitted", caps(own=True)) == ["cancel"]
    assert wf.LEAVE.allowed_actions("submitted", caps()) == []
    assert wf.LEAVE.allowed_actions("considered", caps(official=True)) == ["decide"]
    assert wf.LEAVE.allowed_actions("change_requested", caps(own=True)) == ["update", "cancel"]
    assert wf.LEAVE.allowed_actions("approved", caps(own=True), OPEN) == []
    assert wf.LEAVE.allowed_actions("approved", caps(staff_officer=True), OPEN) == ["cancel"]
    over = {"not_over": lambda: ("status", "selesai")}
    assert wf.LEAVE.allowed_actions("approved", caps(official=True), over) == []
    for final in ("deferred", "refused", "cancelled"):
        assert wf.LEAVE.allowed_actions(final, caps(own=True, official=True, staff_officer=True), OPEN) == []


def test_the_official_never_decides_their_own():
    mine = caps(own=True, official=True)
    assert PARTICIPANT in mine
    assert wf.LEAVE.allowed_actions("considered", mine) == ["cancel"]
    with pytest.raises(Forbidden):
        wf.LEAVE.check("decide", "considered", mine)


def test_every_outcome_has_an_event():
    for outcomes in wf.OUTCOMES.values():
        assert set(outcomes) == set(wf.OPTIONS)
        for target in outcomes.values():
            assert target in wf.EVENTS
