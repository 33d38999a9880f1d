"""agenda's rooms through the service, called as agenda calls them (``SYSTEM``): a reservation approved at once,
the same reference answered with the same booking, moved in time or to another room (still one live booking),
a taken time refused with a 409 naming the booking that holds it and nothing written, a release cancelling it
(twice: null), every step recorded and published; employees — admin too — refused, bad input 422 naming the
field."""
from __future__ import annotations

import itertools
import os
from datetime import datetime, timedelta

import pytest
from booking.domain import agenda_reservations, bookings
from booking.models import Resource
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, Unauthorized, ValidationFailed
from situok_kit.identity import SYSTEM
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

DAY = datetime(2033, 6, 14, tzinfo=WITA)
_ids = itertools.count(700_000 + (os.getpid() % 1000) * 100)


def at(hour: int, minute: int = 0, day: int = 0) -> str:
    return (DAY + timedelta(days=day, hours=hour, minutes=minute)).isoformat()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def reference(kind: str = "event") -> str:
    return f"agenda-{kind}:{next(_ids)}"


def room_args(ref: str, room: int, start: str, end: str, **extra) -> dict:
    return {"reference": ref, "resource_id": room, "starts_at": start, "ends_at": end,
            "purpose": "Rapat pimpinan dengan OPD", "contact_employee_id": None} | extra


def published(watch, name: str, booking_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type(name) if e["data"]["booking_id"] == booking_id]


def count(bureau, statement: str, **params) -> int:
    return bureau.scalar(statement, params)


def test_the_system_books_a_room_approved_once_then_moves_it_in_time_and_to_another_room(
        rpc, bureau, booking_db, observer):
    watch = observer("approved", "rescheduled", "cancelled", "requested")
    engine = booking_db[1]
    hall, other = make_resource(engine, name="Ruang Rapat Gubernur"), make_resource(engine, kind="building")
    agenda, admin = rpc(SYSTEM), rpc(bureau.admin())
    ref = reference()
    contact = bureau.employee_ids["pegawai"]

    got = agenda.reserve_for_agenda(**room_args(ref, hall, at(9), at(11), contact_employee_id=contact))
    bid = got["booking_id"]
    assert (got["reference"], got["resource_id"], got["resource_name"], got["status"]) == (
        ref, hall, "Ruang Rapat Gubernur", "approved")
    assert (moment(got["starts_at"]), moment(got["ends_at"])) == (moment(at(9)), moment(at(11)))
    booking = admin.get_booking(bid)
    assert (booking["source"], booking["status"], booking["purpose"], booking["requester_employee_id"]) == (
        "agenda", "approved", "Rapat pimpinan dengan OPD", contact)
    assert [(s["action"], s["actor"]) for s in booking["steps"]] == [("submitted", "system"), ("approved", "system")]
    assert booking["steps"][1]["note"] == "Otomatis untuk acara agenda pimpinan"
    calendar = rpc(bureau.pegawai()).resource_calendar(hall, "day", DAY.date().isoformat())
    assert [(e["booking_id"], e["label"], e["status"]) for e in calendar["days"][0]["entries"]] == [
        (bid, "Rapat pimpinan dengan OPD", "approved")]

    # asked again (agenda's own commit failed and it retries): the same booking, nothing new
    again = agenda.reserve_for_agenda(**room_args(ref, hall, at(9), at(11), contact_employee_id=contact))
    assert {k: v for k, v in again.items() if not k.endswith("_at")} == {
        k: v for k, v in got.items() if not k.endswith("_at")}
    assert (moment(again["starts_at"]), moment(again["ends_at"])) == (moment(at(9)), moment(at(11)))
    assert count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=hall) == 1
    assert count(bureau, "SELECT count(*) FROM booking_agenda_reservations WHERE reference = :ref", ref=ref) == 1

    # another time: the one booking moves and stays approved
    moved = agenda.reserve_for_agenda(**room_args(ref, hall, at(13), at(15)))
    assert (moved["booking_id"], moved["status"], moment(moved["starts_at"])) == (bid, "approved", moment(at(13)))
    assert admin.get_booking(bid)["steps"][-1]["action"] == "rescheduled"
    assert count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=hall) == 1

    # a new title only: written on the booking, a step recorded
    retitled = agenda.reserve_for_agenda(**room_args(ref, hall, at(13), at(15), purpose="Audiensi Bupati"))
    assert retitled["booking_id"] == bid
    detail = admin.get_booking(bid)
    assert detail["purpose"] == "Audiensi Bupati" and detail["steps"][-1]["action"] == "purpose_changed"

    # another room: a new booking approved there, the old one cancelled — one live booking for the reference
    elsewhere = agenda.reserve_for_agenda(**room_args(ref, other, at(13), at(15), purpose="Audiensi Bupati"))
    new = elsewhere["booking_id"]
    assert new != bid and (elsewhere["resource_id"], elsewhere["status"]) == (other, "approved")
    old = admin.get_booking(bid)
    assert old["status"] == "cancelled" and "Dipindah ke" in old["cancel_reason"]
    assert count(bureau, "SELECT booking_id FROM booking_agenda_reservations WHERE reference = :ref", ref=ref) == new
    assert count(bureau, "SELECT count(*) FROM bookings WHERE id IN (:a, :b) AND status = 'approved'",
                 a=bid, b=new) == 1

    for name, booking_id, status in (("booking.approved", bid, "approved"), ("booking.rescheduled", bid, "approved"),
                                     ("booking.approved", new, "approved"), ("booking.cancelled", bid, "cancelled")):
        payload = wait_for(lambda name=name, booking_id=booking_id: published(watch, name, booking_id),
                           timeout=20, message=name)[0]
        assert payload["source"] == "agenda" and payload["status"] == status
    assert published(watch, "booking.requested", bid) == []  # never pending outside its transaction


def test_a_taken_time_is_a_409_naming_the_holder_and_nothing_is_written(rpc, bureau, booking_db):
    room = make_resource(booking_db[1], name="Ruang Praja")
    staff, admin, agenda = rpc(bureau.pegawai()), rpc(bureau.admin()), rpc(SYSTEM)
    held = staff.create_booking({"resource_id": room, "starts_at": at(10, day=1), "ends_at": at(12, day=1),
                                 "purpose": "Sosialisasi SAKIP", "participants": 10})["id"]
    admin.approve_booking(held, {"note": None})
    before = count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=room)

    ref = reference("visit")
    with pytest.raises(Conflict) as taken:
        agenda.reserve_for_agenda(**room_args(ref, room, at(11, day=1), at(13, day=1)))
    assert f"#{held}" in taken.value.message and "Sosialisasi SAKIP" in taken.value.message
    assert "starts_at" in taken.value.fields
    [clash] = taken.value.extra["conflicts"]
    assert (str(clash["booking_id"]), clash["purpose"], clash["kind"]) == (str(held), "Sosialisasi SAKIP", "booking")
    assert moment(clash["starts_at"]) == moment(at(10, day=1)) and moment(clash["ends_at"]) == moment(at(12, day=1))
    assert count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=room) == before
    assert count(bureau, "SELECT count(*) FROM booking_agenda_reservations WHERE reference = :ref", ref=ref) == 0

    # a reference holding a free time asks to move onto the taken one: refused, its booking as it was
    mine = agenda.reserve_for_agenda(**room_args(ref, room, at(14, day=1), at(15, day=1)))
    with pytest.raises(Conflict) as refused:
        agenda.reserve_for_agenda(**room_args(ref, room, at(11, day=1), at(12, day=1)))
    assert f"#{held}" in refused.value.message
    kept = admin.get_booking(mine["booking_id"])
    assert (kept["status"], moment(kept["starts_at"]), [s["action"] for s in kept["steps"]]) == (
        "approved", moment(at(14, day=1)), ["submitted", "approved"])
    # …and onto a taken time in another room: the same, nothing written
    other = make_resource(booking_db[1])
    agenda.reserve_for_agenda(**room_args(reference(), other, at(8, day=1), at(9, day=1)))
    with pytest.raises(Conflict):
        agenda.reserve_for_agenda(**room_args(ref, other, at(8, day=1), at(9, day=1)))
    assert admin.get_booking(mine["booking_id"])["status"] == "approved"
    assert count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=other) == 1


def test_an_approval_lost_to_a_race_is_the_409_naming_the_winner(booking_db):
    """Two approvals racing pass the code's checks; the exclusion constraint refuses the loser, and agenda is told
    which booking won (``named_holder`` around the core's calls)."""
    engine = booking_db[1]
    room = make_resource(engine, name="Aula Jayasabha")
    period = {"starts_at": moment(at(9, day=5)), "ends_at": moment(at(10, day=5))}
    with transaction(engine) as tx:
        resource = tx.session.get(Resource, room)
        winner = bookings.create(tx, "system", resource, period | {"purpose": "Pelantikan"}, source="agenda")
        loser = bookings.create(tx, "system", resource, period | {"purpose": "Audiensi"}, source="agenda",
                                allow_conflicts=True)
        winner_id, loser_id = winner.id, loser.id
    with transaction(engine) as tx:
        bookings.approve(tx, "system", winner_id, check=False)
    with pytest.raises(Conflict) as lost, transaction(engine) as tx:
        resource = tx.session.get(Resource, room)
        with agenda_reservations.named_holder(tx.session, resource, period["starts_at"], period["ends_at"],
                                              exclude_booking_id=loser_id):
            bookings.approve(tx, "system", loser_id, check=False)  # the constraint, not the code, refuses it
    assert f"#{winner_id}" in lost.value.message and "Pelantikan" in lost.value.message
    assert [c["booking_id"] for c in lost.value.extra["conflicts"]] == [winner_id]


def test_release_cancels_the_booking_and_a_second_release_answers_null(rpc, bureau, booking_db, observer):
    watch = observer("cancelled")
    room = make_resource(booking_db[1])
    agenda, admin = rpc(SYSTEM), rpc(bureau.admin())
    ref = reference()
    bid = agenda.reserve_for_agenda(**room_args(ref, room, at(9, day=2), at(10, day=2)))["booking_id"]

    released = agenda.release_for_agenda(reference=ref, reason="Acara dibatalkan pimpinan")
    assert (released["booking_id"], released["status"], released["reference"]) == (bid, "cancelled", ref)
    booking = admin.get_booking(bid)
    assert (booking["status"], booking["cancel_reason"], booking["cancelled_by"]) == (
        "cancelled", "Acara dibatalkan pimpinan", "system")
    assert (booking["steps"][-1]["action"], booking["steps"][-1]["actor"]) == ("cancelled", "system")
    payload = wait_for(lambda: published(watch, "booking.cancelled", bid), timeout=20, message="cancelled")[0]
    assert payload["note"] == "Acara dibatalkan pimpinan"

    assert agenda.release_for_agenda(reference=ref, reason="Acara dibatalkan pimpinan") is None
    assert agenda.release_for_agenda(reference=reference(), reason="Tidak pernah dipesan") is None
    # booked again later: a new booking under the same reference, the room free again
    again = agenda.reserve_for_agenda(**room_args(ref, room, at(9, day=2), at(10, day=2)))
    assert again["booking_id"] != bid and again["status"] == "approved"


def test_only_the_system_may_reserve_or_release(rpc, bureau, booking_db):
    room = make_resource(booking_db[1])
    for identity in (bureau.pegawai(), bureau.admin(), bureau.keeper()):
        with pytest.raises(Forbidden):
            rpc(identity).reserve_for_agenda(**room_args(reference(), room, at(9, day=3), at(10, day=3)))
        with pytest.raises(Forbidden):
            rpc(identity).release_for_agenda(reference=reference(), reason="Dibatalkan")
    with pytest.raises(Unauthorized):
        rpc().reserve_for_agenda(**room_args(reference(), room, at(9, day=3), at(10, day=3)))
    assert count(bureau, "SELECT count(*) FROM bookings WHERE resource_id = :r", r=room) == 0


def test_bad_input_is_a_422_naming_the_field(rpc, bureau, booking_db):
    engine = booking_db[1]
    room = make_resource(engine)
    car = make_resource(engine, kind="vehicle", capacity=7)
    closed = make_resource(engine, active=False)
    agenda = rpc(SYSTEM)
    ref = reference()
    cases = [
        (room_args("event:12", room, at(9, day=4), at(10, day=4)), "reference"),
        (room_args("agenda-meeting:12", room, at(9, day=4), at(10, day=4)), "reference"),
        (room_args(ref, 99_999_999, at(9, day=4), at(10, day=4)), "resource_id"),
        (room_args(ref, car, at(9, day=4), at(10, day=4)), "resource_id"),
        (room_args(ref, closed, at(9, day=4), at(10, day=4)), "resource_id"),
        (room_args(ref, "1", at(9, day=4), at(10, day=4)), "resource_id"),
        (room_args(ref, room, "besok pagi", at(10, day=4)), "starts_at"),
        (room_args(ref, room, at(10, day=4), at(9, day=4)), "ends_at"),
        (room_args(ref, room, "2020-01-01T09:00:00+08:00", "2020-01-01T10:00:00+08:00"), "starts_at"),
        (room_args(ref, room, at(9, day=4), at(9, day=30)), "ends_at"),
        (room_args(ref, room, at(9, day=4), at(10, day=4), purpose=" "), "purpose"),
        (room_args(ref, room, at(9, day=4), at(10, day=4), contact_employee_id=0), "contact_employee_id"),
    ]
    for arguments, field in cases:
        with pytest.raises(ValidationFailed) as wrong:
            agenda.reserve_for_agenda(**arguments)
        assert field in wrong.value.fields, (arguments, wrong.value.fields)
    missing = room_args(ref, room, at(9, day=4), at(10, day=4))
    del missing["purpose"]
    with pytest.raises(ValidationFailed) as wrong:
        agenda.reserve_for_agenda(**missing)
    assert list(wrong.value.fields) == ["purpose"]
    with pytest.raises(ValidationFailed) as wrong:
        agenda.release_for_agenda(reference=ref, reason="")
    assert list(wrong.value.fields) == ["reason"]
    with pytest.raises(ValidationFailed) as wrong:
        agenda.release_for_agenda(reference="agenda-event:abc", reason="Dibatalkan")
    assert list(wrong.value.fields) == ["reference"]
    assert count(bureau, "SELECT count(*) FROM booking_agenda_reservations WHERE reference = :ref", ref=ref) == 0


def test_the_contact_of_an_agenda_booking_cannot_cancel_or_move_it_in_booking(rpc, bureau, booking_db):
    """agenda keeps the reference: its staff member named as the booking's contact (the requester) moves and
    releases it through the event or visit, never behind agenda's back in booking."""
    room = make_resource(booking_db[1])
    contact = bureau.pegawai()
    made = rpc(SYSTEM).reserve_for_agenda(**room_args(reference(), room, at(9, day=5), at(10, day=5),
                                                       contact_employee_id=contact.employee_id))
    mine = rpc(contact)
    booking = mine.get_booking(made["booking_id"])
    assert booking["requester_employee_id"] == contact.employee_id
    assert not {"cancel", "reschedule"} & set(booking["allowed_actions"])
    with pytest.raises(Forbidden):
        mine.cancel_booking(made["booking_id"], {"reason": "tidak jadi"})
    assert rpc(bureau.admin()).get_booking(made["booking_id"])["status"] == "approved"
