"""The pure rules of a request (``domain.rules``, ``domain.periods``) and its workflow
(``domain.requests_workflow``): no database, no clock."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from booking.domain import periods, rules
from booking.domain.requests_workflow import APPROVER, BOOKING, KEEPER, REQUESTER
from situok_kit.clock import WITA
from situok_kit.errors import Forbidden
from situok_kit.workflow import CREATOR

NOW = datetime(2030, 3, 4, 8, tzinfo=WITA)


def test_the_period_ends_after_it_starts_not_long_ago_and_not_too_long():
    assert rules.period_problems("room", NOW, NOW + timedelta(hours=2), NOW) == {}
    assert set(rules.period_problems("room", NOW, NOW, NOW)) == {"ends_at"}
    assert rules.period_problems("room", NOW - timedelta(minutes=10), NOW + timedelta(hours=1), NOW) == {}
    assert set(rules.period_problems("room", NOW - timedelta(minutes=20), NOW + timedelta(hours=1), NOW)) == {
        "starts_at"}
    assert set(rules.period_problems("room", NOW, NOW + timedelta(days=8), NOW)) == {"ends_at"}
    assert rules.period_problems("vehicle", NOW, NOW + timedelta(days=8), NOW) == {}


def test_people_fit_the_room_or_the_vehicle_less_its_driver():
    assert rules.size_problems("room", 10, participants=10, passengers=None, needs_driver=False) == {}
    assert set(rules.size_problems("room", 10, participants=11, passengers=None, needs_driver=False)) == {
        "participants"}
    assert set(rules.size_problems("room", None, participants=None, passengers=2, needs_driver=False)) == {
        "passengers"}
    assert set(rules.size_problems("vehicle", 5, participants=None, passengers=5, needs_driver=True)) == {
        "passengers"}
    assert rules.size_problems("vehicle", 5, participants=None, passengers=5, needs_driver=False) == {}
    assert set(rules.size_problems("vehicle", 5, participants=3, passengers=None, needs_driver=True)) == {
        "participants"}


def test_a_resource_is_bookable_only_when_active_kept_and_not_broken():
    fine = {"kind": "room", "active": True, "withdrawn_reason": None, "condition": "B", "asset_available": True,
            "under_maintenance": False}
    assert rules.unbookable_reason(**fine) is None
    assert "dihapuskan" in rules.unbookable_reason(**fine | {"withdrawn_reason": "disposed"})
    assert "rusak berat" in rules.unbookable_reason(**fine | {"condition": "RB"})
    assert rules.unbookable_reason(**fine | {"active": False})
    assert rules.unbookable_reason(**fine | {"asset_available": False, "under_maintenance": True}) is None


def test_buffers_widen_what_a_booking_occupies_and_touching_ends_do_not_overlap():
    start, end = NOW + timedelta(hours=1), NOW + timedelta(hours=3)
    assert periods.occupied(start, end, 15, 30) == (start - timedelta(minutes=15), end + timedelta(minutes=30))
    assert not periods.overlaps(start, end, end, end + timedelta(hours=1))
    assert periods.overlaps(start, end + timedelta(minutes=30), end + timedelta(minutes=10), end + timedelta(hours=1))


def test_the_workflow_separates_duties():
    requester = {REQUESTER, CREATOR}
    assert BOOKING.allowed_actions("pending", requester, {}) == ["reschedule", "cancel"]
    assert BOOKING.allowed_actions("pending", requester | {APPROVER}, {}) == ["reschedule", "cancel"]
    assert set(BOOKING.allowed_actions("pending", {APPROVER}, {})) == {"approve", "reject", "reschedule", "cancel"}
    assert BOOKING.allowed_actions("rejected", {APPROVER}, {}) == []
    assert BOOKING.allowed_actions("pending", {KEEPER}, {}) == []
    with pytest.raises(Forbidden):
        BOOKING.check("approve", "pending", requester | {APPROVER}, {}, verb="disetujui")


@pytest.mark.parametrize("now, starts_at, allowed", [
    ((2033, 6, 14, 23, 45), (2033, 6, 15, 0, 30), True),   # just after midnight: picked up the evening before
    ((2033, 6, 14, 22, 0), (2033, 6, 15, 0, 30), False),   # more than two hours before
    ((2033, 6, 14, 18, 0), (2033, 6, 15, 8, 0), False),    # the evening before a morning trip
    ((2033, 6, 15, 6, 0), (2033, 6, 15, 8, 0), True),      # the trip's day
    ((2033, 6, 16, 9, 0), (2033, 6, 15, 8, 0), True),      # late, still assigned
])
def test_a_vehicle_is_taken_from_the_trips_day_or_shortly_before_a_trip_after_midnight(now, starts_at, allowed):
    from booking.domain.trips import may_check_out

    assert may_check_out(datetime(*now, tzinfo=WITA), datetime(*starts_at, tzinfo=WITA)) is allowed
