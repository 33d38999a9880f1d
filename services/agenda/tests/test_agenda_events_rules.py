"""The events area's pure rules (``domain.event_rules``), the workflow table as the events area uses it, and the
input schemas' validation: conflicts on given intervals, run-down times inside the event's WITA day(s), WITA day
and week bounds, who may take which step, 422 per field (``rundown.2.starts_at``, ``guests.0.email``)."""
from datetime import UTC, date, datetime, time, timedelta

import pytest
from agenda.domain import event_rules as rules
from agenda.domain.access import Caller, ProtocolUnit
from agenda.domain.events_workflow import EVENT
from agenda.schemas.events import EVENTS, SCHEMAS, UPDATE_OPTIONAL, AgendaEventEvent, AgendaEventIn
from situok_contracts.events import Agenda
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.schema import load_input

DAY = date(2031, 3, 4)


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return datetime.combine(DAY + timedelta(days=day), time(hour, minute), tzinfo=WITA)


def iv(event_id, start, end, leaders, status="tentative"):
    return rules.Interval(event_id, start, end, frozenset(leaders), status)


def caller(*roles, unit=None):
    identity = Identity(account_id=1, username="u", employee_id=7, unit_id=None, roles=frozenset(roles))
    return Caller(identity, ProtocolUnit(10, frozenset({10, 11})), unit)


# -- conflicts ---------------------------------------------------------------------------------------------

def test_events_of_a_shared_leader_overlapping_in_time_clash_and_touching_ones_do_not():
    gubernur, sekda, wagub = 1, 2, 3
    target = iv(1, at(9), at(11), {gubernur, sekda})
    others = [
        target,
        iv(2, at(10, 30), at(12), {gubernur}),  # overlaps, same leader
        iv(3, at(11), at(12), {gubernur}),  # touches the end: no clash
        iv(4, at(10), at(10, 30), {wagub}),  # overlaps, another leader
        iv(5, at(8), at(9, 30), {sekda, wagub}),  # overlaps, shares the Sekda
        iv(6, at(9), at(11), {gubernur}, "cancelled"),  # cancelled: gone from the agenda
    ]
    found = rules.conflicts_of(target, others)
    assert [(other.id, shared) for other, shared in found] == [(5, frozenset({sekda})), (2, frozenset({gubernur}))]
    assert rules.conflicts_of(iv(1, at(9), at(11), {gubernur}, "cancelled"), others) == []
    both = rules.conflicts_among([target, others[1]], others)
    assert [o.id for o, _ in both[2]] == [1, 3]  # event 3 starts when the Gubernur is still at event 2


@pytest.mark.parametrize("a, b, clash", [
    ((9, 10), (10, 11), False), ((9, 10), (8, 9), False), ((9, 10), (9, 10), True), ((9, 12), (10, 11), True),
    ((10, 11), (9, 12), True), ((9, 10), (9, 9.5), True),
])
def test_overlap_is_half_open(a, b, clash):
    def moment(h):
        return at(int(h), int((h % 1) * 60))
    assert rules.overlaps(moment(a[0]), moment(a[1]), moment(b[0]), moment(b[1])) is clash


# -- time and run-down -------------------------------------------------------------------------------------

def test_the_period_ends_after_it_starts_and_is_not_endless():
    assert rules.period_problems(at(9), at(10)) == {}
    assert set(rules.period_problems(at(10), at(10))) == {"ends_at"}
    assert set(rules.period_problems(at(9), at(9, day=rules.MAX_DAYS + 1))) == {"ends_at"}


def test_rundown_items_lie_inside_a_one_day_event():
    items = [{"starts_at": time(9), "ends_at": time(9, 30)}, {"starts_at": time(8), "ends_at": None},
             {"starts_at": time(10), "ends_at": time(9, 45)}, {"starts_at": time(10, 30), "ends_at": time(11, 30)},
             {"starts_at": time(11), "ends_at": None}]
    problems = rules.rundown_problems(items, at(9), at(11))
    assert set(problems) == {"rundown.1.starts_at", "rundown.2.ends_at", "rundown.3.ends_at"}
    assert "09.00–11.00 WITA" in problems["rundown.1.starts_at"]


def test_rundown_times_are_wita_whatever_offset_the_event_was_given_in():
    starts, ends = at(9).astimezone(UTC), at(11).astimezone(UTC)  # 01.00–03.00 UTC
    assert rules.rundown_problems([{"starts_at": time(9, 15)}], starts, ends) == {}
    assert set(rules.rundown_problems([{"starts_at": time(1, 30)}], starts, ends)) == {"rundown.0.starts_at"}


def test_an_event_ending_at_midnight_or_over_several_days():
    assert rules.rundown_problems([{"starts_at": time(23, 30), "ends_at": None}], at(20), at(0, day=1)) == {}
    two_days = rules.rundown_problems([{"starts_at": time(7)}, {"starts_at": time(9), "ends_at": time(8)}],
                                      at(9), at(17, day=1))
    assert set(two_days) == {"rundown.1.ends_at"}  # any time of day, an end still after its start


def test_wita_days_and_weeks():
    start, end = rules.day_bounds(DAY)
    assert start == datetime(2031, 3, 3, 16, 0, tzinfo=UTC) and end - start == timedelta(days=1)
    assert rules.week_start(DAY) == date(2031, 3, 3) and rules.week_days(DAY)[-1] == date(2031, 3, 9)
    assert rules.wita_days_of(at(22), at(0, day=1)) == [DAY]
    assert rules.wita_days_of(at(22), at(1, day=1)) == [DAY, DAY + timedelta(days=1)]


def test_duplicates_are_named_at_their_second_place():
    assert rules.duplicate_problems([1, 2, 1, None, None], "leaders.{}.leader_id", "x") == {"leaders.2.leader_id": "x"}


# -- workflow ----------------------------------------------------------------------------------------------

def test_protocol_staff_take_the_steps_the_state_allows_and_done_waits_for_the_start():
    protocol, other = rules.capacities(caller("pegawai", unit=11)), rules.capacities(caller("pegawai", unit=20))
    assert rules.capacities(caller("admin")) == protocol == frozenset({"protocol"}) and other == frozenset()
    before, after = rules.guards(at(9), at(8)), rules.guards(at(9), at(9, 1))
    assert EVENT.allowed_actions("tentative", protocol, before) == ["edit", "confirm", "postpone", "cancel"]
    assert EVENT.allowed_actions("confirmed", protocol, before) == ["edit", "postpone", "cancel"]
    assert EVENT.allowed_actions("confirmed", protocol, after) == ["edit", "postpone", "cancel", "mark_done"]
    assert EVENT.allowed_actions("postponed", protocol, before) == ["edit", "reschedule", "cancel"]
    assert EVENT.allowed_actions("done", protocol, after) == EVENT.allowed_actions("cancelled", protocol, after) == []
    assert EVENT.allowed_actions("tentative", other, after) == []
    with pytest.raises(ValidationFailed) as early:
        EVENT.check("mark_done", "confirmed", protocol, before)
    assert list(early.value.fields) == ["starts_at"]
    with pytest.raises(Forbidden):
        EVENT.check("confirm", "tentative", other, before)
    with pytest.raises(Conflict):
        EVENT.check("confirm", "cancelled", protocol, before)


# -- the input schema --------------------------------------------------------------------------------------

def form(**extra) -> dict:
    return {"title": "Rapat", "starts_at": "2031-03-04T09:00:00", "ends_at": "2031-03-04T11:00:00",
            "leaders": [{"leader_id": 1}], "address": "Denpasar"} | extra


def test_the_form_is_checked_field_by_field():
    loaded = load_input(AgendaEventIn(), form())
    assert loaded["starts_at"] == at(9) and loaded["location_kind"] == "external" and loaded["is_public"] is False
    with pytest.raises(ValidationFailed) as bad:
        load_input(AgendaEventIn(), form(
            title="x" * 201, leaders=[],
            guests=[{"name": "Tamu", "email": "bukan-surel", "phone": "abc"}],
            rundown=[{"starts_at": "09:00", "item": "Buka"}, {"item": "?"}, {"starts_at": "25:00", "item": "x"}],
            protocol_staff=[{"employee_id": 0}]))
    assert set(bad.value.fields) == {"title", "leaders", "guests.0.email", "guests.0.phone", "rundown.1.starts_at",
                                     "rundown.2.starts_at", "protocol_staff.0.employee_id"}
    assert bad.value.fields["guests.0.email"] == "Alamat surel tidak valid."
    with pytest.raises(ValidationFailed) as many:
        load_input(AgendaEventIn(), form(guests=[{"name": f"T{i}"} for i in range(rules.MAX_GUESTS + 1)],
                                         rundown=[{"starts_at": "09:00", "item": "x"}] * (rules.MAX_RUNDOWN + 1)))
    assert set(many.value.fields) == {"guests", "rundown"}
    with pytest.raises(ValidationFailed) as represented:
        load_input(AgendaEventIn(), form(leaders=[{"leader_id": 1, "role": "represented"}]))
    assert list(represented.value.fields) == ["leaders.0.represented_by"]


def test_the_contract_names_every_shape_and_event_and_no_payload_carries_contacts():
    assert all(name.startswith("Agenda") for name in SCHEMAS)
    assert set(EVENTS) == {Agenda.EVENT_CREATED, Agenda.EVENT_UPDATED, Agenda.EVENT_CONFIRMED,
                           Agenda.EVENT_POSTPONED, Agenda.EVENT_CANCELLED, Agenda.EVENT_DONE}
    keys = set(AgendaEventEvent().fields)
    assert not keys & {"phone", "email", "id_number", "guests", "protocol_notes", "description", "contact_note"}
    assert "version" not in UPDATE_OPTIONAL and "title" in UPDATE_OPTIONAL
