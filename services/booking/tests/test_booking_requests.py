"""Requests through the service: a request, its approval by the resource's manager (or the role the settings
name), rejection with a reason, cancellation by the requester or the approver, a requester's move sending an
approved booking back to pending — each step recorded and published as ``BookingEvent``; who may do what; the
lists (mine, the inbox with its conflicts, the approvers' list) and bad input answered 4xx naming the field."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from booking.schemas.requests import BookingEvent
from booking_core import make_resource
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

DAY = datetime(2032, 2, 3, tzinfo=WITA)
EVENT = BookingEvent()
EVENT_KEYS = {field.data_key or name for name, field in EVENT.fields.items()}


def at(hour: int, minute: int = 0, day: int = 0) -> str:
    return (DAY + timedelta(days=day, hours=hour, minutes=minute)).isoformat()


def ask(resource_id: int, start: str, end: str, **extra) -> dict:
    return {"resource_id": resource_id, "starts_at": start, "ends_at": end, "purpose": "Rapat koordinasi",
            "participants": 5, "contact_name": "Made", "contact_phone": "0812345678"} | extra


def published(watch, name: str, booking_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type(name) if e["data"]["booking_id"] == booking_id]


def managed_room(bureau, booking_db, **fields) -> int:
    return make_resource(booking_db[1], manager_employee_id=bureau.employee_ids["kasubbag_rtp"], **fields)


def test_a_request_approved_moved_back_to_pending_rejected_every_step_recorded_and_published(
        rpc, bureau, booking_db, observer):
    watch = observer("requested", "approved", "rejected", "cancelled", "rescheduled")
    room = managed_room(bureau, booking_db)
    staff, manager = rpc(bureau.pegawai()), rpc(bureau.manager())

    made = staff.create_booking(ask(room, at(9), at(11)))
    bid = made["id"]
    assert (made["status"], made["source"], made["requester_employee_id"]) == (
        "pending", "staff", bureau.employee_ids["pegawai"])
    assert made["allowed_actions"] == ["reschedule", "cancel"]
    assert [s["action"] for s in made["steps"]] == ["submitted"]
    with pytest.raises(Forbidden):  # a pegawai is not the approver
        staff.approve_booking(bid, {"note": None})
    assert set(manager.get_booking(bid)["allowed_actions"]) == {"approve", "reject", "reschedule", "cancel"}

    approved = manager.approve_booking(bid, {"note": "Silakan, kunci di pos satpam"})
    assert (approved["status"], approved["decision_note"], approved["decided_by_employee_id"]) == (
        "approved", "Silakan, kunci di pos satpam", bureau.employee_ids["kasubbag_rtp"])
    with pytest.raises(Conflict):  # approved already
        manager.approve_booking(bid, {"note": None})

    moved = staff.reschedule_booking(bid, {"starts_at": at(13), "ends_at": at(15)})
    assert moved["status"] == "pending" and moved["starts_at"] == at(13)  # its approver decides the new time
    assert "menunggu persetujuan lagi" in moved["steps"][-1]["note"]

    with pytest.raises(ValidationFailed) as no_reason:
        manager.reject_booking(bid, {"note": "  "})
    assert list(no_reason.value.fields) == ["note"]
    rejected = manager.reject_booking(bid, {"note": "Ruangan dipakai pimpinan"})
    assert (rejected["status"], rejected["allowed_actions"]) == ("rejected", [])
    who, boss = bureau.pegawai().username, bureau.manager().username
    assert [(s["action"], s["actor"]) for s in rejected["steps"]] == [
        ("submitted", who), ("approved", boss), ("rescheduled", who), ("rejected", boss)]
    with pytest.raises(Conflict):
        staff.cancel_booking(bid, {"reason": "Tidak jadi"})

    for name, status, note in (("booking.requested", "pending", None),
                               ("booking.approved", "approved", "Silakan, kunci di pos satpam"),
                               ("booking.rescheduled", "pending", moved["steps"][-1]["note"]),
                               ("booking.rejected", "rejected", "Ruangan dipakai pimpinan")):
        payload = wait_for(lambda name=name: published(watch, name, bid), timeout=20, message=name)[0]
        assert EVENT.validate(payload) == {} and set(payload) == EVENT_KEYS
        assert (payload["status"], payload["note"], payload["resource_id"]) == (status, note, room)
        assert "contact_phone" not in payload


def test_cancellation_by_the_requester_by_the_approver_not_by_a_stranger(rpc, bureau, booking_db, observer):
    watch = observer("cancelled")
    room = managed_room(bureau, booking_db)
    staff, manager, stranger = rpc(bureau.pegawai()), rpc(bureau.manager()), rpc(bureau.as_("analis_sdm", "pegawai"))
    first = staff.create_booking(ask(room, at(8), at(9)))["id"]
    second = staff.create_booking(ask(room, at(10), at(11)))["id"]

    seen = stranger.get_booking(first)  # a calendar shows it, but no action on it is the stranger's
    assert seen["allowed_actions"] == [] and seen["conflicts"] == [] and seen["guest"] is None
    with pytest.raises(Forbidden):
        stranger.cancel_booking(first, {"reason": "Salah pesan"})
    with pytest.raises(ValidationFailed) as short:
        staff.cancel_booking(first, {"reason": ""})
    assert list(short.value.fields) == ["reason"]
    with pytest.raises(ValidationFailed) as missing:
        staff.cancel_booking(first, {})
    assert list(missing.value.fields) == ["reason"]

    mine = staff.cancel_booking(first, {"reason": "Rapat ditunda"})
    assert (mine["status"], mine["cancelled_by"], mine["cancel_reason"]) == ("cancelled", bureau.pegawai().username,
                                                                        "Rapat ditunda")
    manager.approve_booking(second, {"note": None})
    theirs = manager.cancel_booking(second, {"reason": "Ruangan direnovasi"})
    assert (theirs["status"], theirs["cancelled_by"]) == ("cancelled", bureau.manager().username)
    assert [s["action"] for s in theirs["steps"]] == ["submitted", "approved", "cancelled"]
    for bid, reason in ((first, "Rapat ditunda"), (second, "Ruangan direnovasi")):
        payload = wait_for(lambda bid=bid: published(watch, "booking.cancelled", bid), timeout=20,
                           message="booking.cancelled")[0]
        assert EVENT.validate(payload) == {} and (payload["status"], payload["note"]) == ("cancelled", reason)


def test_who_approves_the_manager_the_settings_role_never_the_requester(rpc, bureau, booking_db):
    engine = booking_db[1]
    managed = managed_room(bureau, booking_db)
    unmanaged = make_resource(engine)  # no manager: the settings' role for rooms (kepala_bagian) approves
    own_role = make_resource(engine, kind="building", approver_role="kasubbag")
    staff, kabag = rpc(bureau.pegawai()), rpc(bureau.kabag())
    other_kasubbag = rpc(bureau.as_("kasubbag_pbh", "kasubbag", "pegawai"))

    a = staff.create_booking(ask(managed, at(8), at(9)))["id"]
    with pytest.raises(Forbidden):  # a kasubbag who does not manage this room
        other_kasubbag.approve_booking(a, {"note": None})
    with pytest.raises(Forbidden):  # the settings' role does not approve a room that names its manager
        kabag.approve_booking(a, {"note": None})

    b = staff.create_booking(ask(unmanaged, at(8), at(9)))["id"]
    with pytest.raises(Forbidden):
        other_kasubbag.approve_booking(b, {"note": None})
    assert kabag.approve_booking(b, {"note": "Ok"})["status"] == "approved"

    # the requester never approves their own request (separation of duties), even holding the role
    own = kabag.create_booking(ask(unmanaged, at(10), at(11)))
    assert "approve" not in own["allowed_actions"] and "cancel" in own["allowed_actions"]
    with pytest.raises(Forbidden):
        kabag.approve_booking(own["id"], {"note": None})
    with pytest.raises(Forbidden):
        kabag.reject_booking(own["id"], {"note": "Saya sendiri"})

    # a resource's own approving role overrides its kind's
    c = staff.create_booking(ask(own_role, at(8), at(9), participants=None))["id"]
    with pytest.raises(Forbidden):
        kabag.approve_booking(c, {"note": None})
    assert other_kasubbag.approve_booking(c, {"note": None})["status"] == "approved"
    # the approver moves an approved booking: it stays approved
    moved = other_kasubbag.reschedule_booking(c, {"starts_at": at(12), "ends_at": at(13)})
    assert moved["status"] == "approved" and moved["ends_at"] == at(13)


def test_the_lists_mine_the_inbox_with_its_conflicts_and_the_approvers_list(rpc, bureau, booking_db):
    room = managed_room(bureau, booking_db, buffer_after_minutes=30)
    staff, keeper, manager = rpc(bureau.pegawai()), rpc(bureau.keeper()), rpc(bureau.manager())
    first = staff.create_booking(ask(room, at(9, day=1), at(11, day=1)))["id"]
    # 11:15 is inside the first's 30-minute buffer: both may be asked for, the approver sees each clash
    second = keeper.create_booking(ask(room, at(11, 15, day=1), at(12, day=1)))["id"]
    later = staff.create_booking(ask(room, at(9, day=2), at(10, day=2)))["id"]

    inbox = manager.list_inbox(limit=200)
    mine = [b for b in inbox["items"] if b["resource_id"] == room]
    assert [b["id"] for b in mine] == [first, second, later]  # oldest request first
    by_id = {b["id"]: b for b in mine}
    assert [(c["kind"], c["booking_id"], c["status"]) for c in by_id[first]["conflicts"]] == [
        ("booking", second, "pending")]
    assert [c["booking_id"] for c in by_id[second]["conflicts"]] == [first]
    assert by_id[later]["conflicts"] == []
    assert "approve" in by_id[first]["allowed_actions"]
    assert staff.list_inbox()["items"] == []  # a pegawai approves nothing
    # keyset pages
    page1 = manager.list_inbox(limit=1)
    assert len(page1["items"]) == 1 and page1["next_cursor"]
    assert manager.list_inbox(cursor=page1["next_cursor"], limit=1)["items"][0]["id"] > page1["items"][0]["id"]

    manager.approve_booking(first, {"note": None})
    assert [c["status"] for c in manager.get_booking(second)["conflicts"]] == ["approved"]
    with pytest.raises(Conflict) as clash:
        manager.approve_booking(second, {"note": None})
    assert "starts_at" in clash.value.fields

    upcoming = staff.list_my_bookings(upcoming=True, limit=200)["items"]
    ours = [b["id"] for b in upcoming if b["resource_id"] == room]
    assert ours == [first, later]  # soonest first
    assert all(b["requester_employee_id"] == bureau.employee_ids["pegawai"] for b in upcoming)
    approved_only = staff.list_my_bookings(status="approved", limit=200)["items"]
    assert first in [b["id"] for b in approved_only] and later not in [b["id"] for b in approved_only]
    pages = staff.list_my_bookings(upcoming=True, limit=1)
    assert staff.list_my_bookings(upcoming=True, cursor=pages["next_cursor"], limit=1)["items"][0]["id"] != \
        pages["items"][0]["id"]

    listed = manager.list_bookings(resource_id=room, limit=200)["items"]
    assert [b["id"] for b in listed] == [first, second, later]  # by start
    day_one = keeper.list_bookings(resource_id=room, starts_at=at(0, day=1), ends_at=at(23, day=1))["items"]
    assert [b["id"] for b in day_one] == [first, second]
    assert [b["id"] for b in keeper.list_bookings(resource_id=room, status="approved")["items"]] == [first]
    with pytest.raises(Forbidden):  # approves and keeps nothing
        staff.list_bookings()


def test_bad_input_is_a_4xx_naming_the_field(rpc, bureau, booking_db):
    room = managed_room(bureau, booking_db, capacity=8)
    vehicle = make_resource(booking_db[1], kind="vehicle", capacity=5)
    staff = rpc(bureau.pegawai())
    with pytest.raises(Unauthorized):
        rpc().create_booking(ask(room, at(9), at(10)))
    with pytest.raises(Unauthorized):
        rpc().list_my_bookings()
    with pytest.raises(ValidationFailed) as empty:
        staff.create_booking({})
    assert set(empty.value.fields) == {"resource_id", "starts_at", "ends_at", "purpose"}
    with pytest.raises(ValidationFailed) as wrong:
        staff.create_booking({"resource_id": "satu", "starts_at": "besok", "ends_at": at(10), "purpose": "x",
                              "participants": 0, "warna": "merah"})
    assert set(wrong.value.fields) == {"resource_id", "starts_at", "purpose", "participants", "warna"}
    with pytest.raises(ValidationFailed) as rules:
        staff.create_booking(ask(room, at(11), at(10), participants=9))
    assert set(rules.value.fields) == {"ends_at", "participants"}
    with pytest.raises(ValidationFailed) as past:
        staff.create_booking(ask(room, "2020-01-01T09:00:00+08:00", "2020-01-01T10:00:00+08:00"))
    assert list(past.value.fields) == ["starts_at"]
    with pytest.raises(ValidationFailed) as seats:
        staff.create_booking(ask(vehicle, at(8), at(17), participants=None, passengers=5, destination="Singaraja"))
    assert list(seats.value.fields) == ["passengers"]
    with pytest.raises(NotFound) as unknown:
        staff.create_booking(ask(987654, at(9), at(10)))
    assert list(unknown.value.fields) == ["resource_id"]
    with pytest.raises(ValidationFailed):
        staff.create_booking("bukan objek")

    bid = staff.create_booking(ask(room, at(9), at(10)))["id"]
    with pytest.raises(NotFound):
        staff.get_booking(987654321)
    with pytest.raises(ValidationFailed) as bad_id:
        staff.get_booking("abc")
    assert list(bad_id.value.fields) == ["booking_id"]
    with pytest.raises(ValidationFailed) as moved:
        staff.reschedule_booking(bid, {"starts_at": at(10)})
    assert list(moved.value.fields) == ["ends_at"]
    with pytest.raises(ValidationFailed) as backwards:
        staff.reschedule_booking(bid, {"starts_at": at(10), "ends_at": at(9)})
    assert list(backwards.value.fields) == ["ends_at"]
    with pytest.raises(ValidationFailed) as note:
        rpc(bureau.manager()).approve_booking(bid, {"note": 5})
    assert list(note.value.fields) == ["note"]
    for call, field in ((lambda: staff.list_my_bookings(status="selesai"), "status"),
                        (lambda: staff.list_my_bookings(cursor="rusak"), "cursor"),
                        (lambda: staff.list_my_bookings(limit=0), "limit"),
                        (lambda: staff.list_inbox(kind="kapal"), "kind"),
                        (lambda: rpc(bureau.keeper()).list_bookings(starts_at=at(10), ends_at=at(9)), "ends_at"),
                        (lambda: rpc(bureau.keeper()).list_bookings(resource_id="x"), "resource_id")):
        with pytest.raises(ValidationFailed) as caught:
            call()
        assert list(caught.value.fields) == [field]


def test_the_sample_requests_once_on_the_resources_there_are(services, bureau, booking_db):
    from booking.domain.requests_demo import DEMO, demo
    from booking.models import Booking
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    make_resource(booking_db[1])
    with Session(booking_db[1]) as session:  # rolled back: other tests' resources keep no sample bookings
        with session.begin():
            made = demo(session)["bookings"]
            assert made >= 2
            sample = list(session.scalars(select(Booking).where(Booking.created_by == DEMO)))
            assert len(sample) == made and {b.status for b in sample} <= {"pending", "approved"}
            assert "approved" in {b.status for b in sample}
            assert demo(session) == {"bookings": 0}  # once
            session.rollback()
