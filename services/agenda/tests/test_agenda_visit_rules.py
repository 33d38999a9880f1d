"""The visit requests' pure rules (``agenda.domain.visit_rules``): when a visitor pass is valid at reception (at
its edges: the day before, 61/59 minutes before the start, the end minute, the next day), the wished dates and
visitors a form may name, an approval's time, and who may take which step."""
from datetime import date, datetime, time, timedelta

import pytest
from agenda.domain import visit_rules as rules
from situok_kit.clock import at_wita
from situok_kit.errors import Conflict, Forbidden

DAY = date(2031, 5, 14)
START = at_wita(DAY, time(10, 0))
END = at_wita(DAY, time(11, 30))


def check(now: datetime, status: str = "approved"):
    return rules.check_pass(status, START, END, now)


@pytest.mark.parametrize("now, valid, reason", [
    (START - timedelta(days=1), False, "wrong_day"),  # the day before, same hour
    (at_wita(DAY - timedelta(days=1), time(23, 59)), False, "wrong_day"),
    (START - timedelta(minutes=61), False, "too_early"),
    (START - timedelta(minutes=60), True, "valid"),
    (START - timedelta(minutes=59), True, "valid"),
    (START, True, "valid"),
    (END, True, "valid"),  # the end minute
    (END + timedelta(seconds=59), True, "valid"),
    (END + timedelta(minutes=1), False, "over"),
    (at_wita(DAY, time(23, 59)), False, "over"),
    (START + timedelta(days=1), False, "wrong_day"),  # the next day
])
def test_a_pass_is_valid_only_on_its_day_and_in_its_window(now, valid, reason):
    found = check(now)
    assert (found.valid, found.reason) == (valid, reason)
    assert found.message == rules.PASS_MESSAGES[reason]


@pytest.mark.parametrize("status", ["pending", "refused", "cancelled"])
def test_a_pass_of_a_request_not_approved_is_invalid_even_in_its_window(status):
    found = check(START, status)
    assert not found.valid and found.reason == status


def test_an_unknown_pass_is_invalid():
    assert rules.check_pass(None, None, None, START).reason == "unknown"


def test_the_early_window_is_a_constant():
    assert rules.PASS_EARLY_MINUTES == 60


TODAY = date(2031, 5, 1)


@pytest.mark.parametrize("dates, field", [
    ([], "wished_dates"),
    ([TODAY + timedelta(days=i) for i in range(1, 5)], "wished_dates"),  # four options
    ([TODAY + timedelta(days=2)] * 2, "wished_dates"),  # the same day twice
    ([TODAY], "wished_dates"),  # today: at the earliest tomorrow
    ([TODAY + timedelta(days=rules.HORIZON_DAYS + 1)], "wished_dates"),
])
def test_wished_dates_are_one_to_three_future_days_within_the_horizon(dates, field):
    assert field in rules.request_problems(dates, 3, [], TODAY)


def test_good_dates_and_visitors_pass():
    dates = [TODAY + timedelta(days=1), TODAY + timedelta(days=rules.HORIZON_DAYS)]
    assert rules.request_problems(dates, 2, ["A", "B"], TODAY) == {}


def test_more_names_than_visitors_is_refused():
    assert "visitor_names" in rules.request_problems([TODAY + timedelta(days=3)], 1, ["A", "B"], TODAY)


def test_an_approval_time_is_future_ordered_one_day_and_not_too_long():
    now = START - timedelta(days=2)
    assert rules.decision_problems(START, END, now) == {}
    assert "ends_at" in rules.decision_problems(END, START, now)
    assert "starts_at" in rules.decision_problems(START, END, START + timedelta(minutes=1))
    assert "ends_at" in rules.decision_problems(START, START + timedelta(days=1), now)
    assert "ends_at" in rules.decision_problems(at_wita(DAY, time(6)), at_wita(DAY, time(19)), now)
    # ending at midnight WITA still is the same day
    assert rules.decision_problems(at_wita(DAY, time(20)), at_wita(DAY + timedelta(days=1), time(0)), now) == {}


def test_the_workflow_separates_the_approver_from_protocol_staff():
    protocol = rules.capacities(True, False)
    approver = rules.capacities(True, True)
    assert rules.VISIT.allowed_actions("pending", protocol) == ["cancel"]
    assert rules.VISIT.allowed_actions("pending", approver) == ["approve", "refuse", "cancel"]
    arrived = {"not_checked_in": lambda: ("checked_in", "Kedatangan sudah dicatat.")}
    not_yet = {"not_checked_in": lambda: None}
    assert rules.VISIT.allowed_actions("approved", approver, not_yet) == ["cancel", "check_in"]
    assert rules.VISIT.allowed_actions("approved", approver, arrived) == ["cancel"]
    assert rules.VISIT.allowed_actions("refused", approver) == []
    with pytest.raises(Forbidden):
        rules.VISIT.check("approve", "pending", protocol)
    with pytest.raises(Conflict):
        rules.VISIT.check("approve", "refused", approver)
    with pytest.raises(Forbidden):
        rules.VISIT.check("cancel", "pending", rules.capacities(False, False))
