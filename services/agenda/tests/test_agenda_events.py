"""The leaders' agenda through the running service (integration): protocol staff enter an event with its leaders,
VIP guests (in protocol order, their contacts to protocol staff only), run-down and protocol staff; edits name the
version they read; conflicts in a leader's agenda are shown (never refused); the status steps follow the workflow
table (refused ones too); every step is recorded and published without contact data; others read but never write.

The room through booking is exercised on ``domain.events`` with fake ``reserve``/``release`` callables (booking is
not running here; the whole stack's test is tests/e2e): booked under ``agenda-event:<id>``, a taken room a 409 with
nothing saved, booked again on a move, released when moved outside, postponed or cancelled."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from agenda.domain import agenda_demo, events, staff
from agenda.models import AgendaEvent
from agenda.schemas.events import AgendaEventEvent
from agenda_testkit import unique
from situok_kit.clock import WITA, utcnow
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = datetime(2033, 5, 10, tzinfo=WITA)  # a Tuesday
PAYLOAD = AgendaEventEvent()
PAYLOAD_KEYS = {field.data_key or name for name, field in PAYLOAD.fields.items()}


def at(hour: int, minute: int = 0, day: int = 0) -> str:
    return (DAY + timedelta(days=day, hours=hour, minutes=minute)).isoformat()


def same(a: str, b: str) -> bool:
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def leader(bureau, code: str) -> int:
    return bureau.scalar(f"SELECT id FROM leaders WHERE code = '{code}'")


def form(bureau, title: str, start: str, end: str, *codes: str, **extra) -> dict:
    return {"title": title, "starts_at": start, "ends_at": end, "address": "Jl. Basuki Rahmat, Denpasar",
            "leaders": [{"leader_id": leader(bureau, c)} for c in codes or ("gubernur",)]} | extra


def published(watch, name: str, event_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type(name) if e["data"]["event_id"] == event_id]


def test_an_event_entered_edited_and_seen_by_protocol_staff_and_by_others(services, rpc, bureau, observer):
    watch = observer("event_created", "event_updated")
    protocol, pegawai = rpc(bureau.protocol()), rpc(bureau.pegawai())
    analis = bureau.employee_ids["analis_protokol"]
    title = unique("Kunjungan kerja ")
    made = protocol.create_event(form(
        bureau, title, at(9), at(12), "gubernur", "sekda", dress_code="PDH", organiser="Biro Pemerintahan",
        protocol_notes="Pintu VIP di sisi timur", is_public=True,
        guests=[{"name": "Bupati Gianyar", "title": "Bupati", "precedence_code": "bupati_walikota",
                 "phone": "+62 812 3456 789", "email": "bupati@example.go.id"},
                {"name": "Duta Besar", "title": "Duta Besar", "precedence_code": "national", "id_number": "X123"},
                {"name": "Tokoh adat", "agency": "MDA"}],
        rundown=[{"starts_at": "10:00", "item": "Sambutan", "who": "Gubernur"},
                 {"starts_at": "09:00", "ends_at": "09:30", "item": "Kedatangan"}],
        participants=[{"name": "Kepala OPD", "count": 20}],
        protocol_staff=[{"employee_id": analis, "duty": "Pendamping"}]))
    eid = made["id"]
    assert (made["status"], made["version"], made["room_status"], made["conflicts"]) == (
        "tentative", 1, "none", [])
    assert made["allowed_actions"] == ["edit", "confirm", "postpone", "cancel"]
    assert made["leader_codes"] == ["gubernur", "sekda"] and made["shown_publicly"] is False
    assert [g["name"] for g in made["guests"]] == ["Duta Besar", "Bupati Gianyar", "Tokoh adat"]
    assert [g["order"] for g in made["guests"]] == [1, 2, 3]
    assert made["guests"][1]["phone"] == "+62 812 3456 789" and made["guest_contacts_visible"] is True
    assert [r["item"] for r in made["rundown"]] == ["Kedatangan", "Sambutan"]
    assert made["protocol_staff"][0]["employee_id"] == analis and made["protocol_staff"][0]["name"]
    assert [(s["action"], s["actor"]) for s in made["steps"]] == [("created", bureau.protocol().username)]

    seen = pegawai.get_event(eid)  # everyone reads; a guest's contact is protocol staff's only
    assert seen["allowed_actions"] == [] and seen["guest_contacts_visible"] is False
    assert [g["name"] for g in seen["guests"]] == ["Duta Besar", "Bupati Gianyar", "Tokoh adat"]
    assert all(g["phone"] is None and g["email"] is None and g["id_number"] is None for g in seen["guests"])
    assert seen["guests"][0]["title"] == "Duta Besar" and seen["guests"][2]["agency"] == "MDA"

    edited = protocol.update_event(eid, {"version": 1, "title": title + " (ubah)", "ends_at": at(13),
                                         "guests": [{"name": "Tamu baru"}]})
    assert (edited["version"], edited["ends_at"] and same(edited["ends_at"], at(13))) == (2, True)
    assert [g["name"] for g in edited["guests"]] == ["Tamu baru"]
    assert [r["item"] for r in edited["rundown"]] == ["Kedatangan", "Sambutan"]  # a list left out stays
    with pytest.raises(Conflict) as stale:
        protocol.update_event(eid, {"version": 1, "title": "Terlambat"})
    assert list(stale.value.fields) == ["version"]
    assert protocol.get_event(eid)["title"] == title + " (ubah)"

    for name, status in (("agenda.event_created", "tentative"), ("agenda.event_updated", "tentative")):
        data = wait_for(lambda name=name: published(watch, name, eid), timeout=20, message=name)[0]
        assert set(data) == PAYLOAD_KEYS and PAYLOAD.validate(data) == {} and data["status"] == status
        assert data["leader_codes"] == ["gubernur", "sekda"] and data["address"] and data["is_public"] is True
        text = repr(data)
        assert "bupati@example" not in text and "3456" not in text and "Pintu VIP" not in text


def test_bad_input_is_422_per_field_and_nothing_is_written(services, rpc, bureau):
    protocol = rpc(bureau.protocol())
    title = unique("Tidak tersimpan ")
    with pytest.raises(ValidationFailed) as bad:
        protocol.create_event(form(
            bureau, title, at(9), at(11), leaders=[{"leader_id": 99999}, {"leader_id": leader(bureau, "gubernur")},
                                                   {"leader_id": leader(bureau, "gubernur")}],
            address=None, guests=[{"name": "X", "precedence_code": "tidak_ada"}],
            rundown=[{"starts_at": "09:00", "item": "Buka"}, {"starts_at": "10:00", "item": "Isi"},
                     {"starts_at": "12:00", "item": "Lewat"}],
            protocol_staff=[{"employee_id": 999999}]))
    assert set(bad.value.fields) == {"leaders.0.leader_id", "leaders.2.leader_id", "address",
                                     "guests.0.precedence_code", "rundown.2.starts_at",
                                     "protocol_staff.0.employee_id"}
    with pytest.raises(ValidationFailed) as period:
        protocol.create_event(form(bureau, title, at(11), at(9)))
    assert list(period.value.fields) == ["ends_at"]
    with pytest.raises(ValidationFailed) as internal:
        protocol.create_event(form(bureau, title, at(9), at(11), location_kind="internal"))
    assert list(internal.value.fields) == ["room_resource_id"]
    with pytest.raises(ValidationFailed) as no_leader:
        protocol.create_event(form(bureau, "", at(9), at(11), leaders=[]))
    assert set(no_leader.value.fields) == {"title", "leaders"}
    assert bureau.scalar(f"SELECT count(*) FROM agenda_events WHERE title = '{title}'") == 0
    with pytest.raises(NotFound):
        protocol.get_event(99999999)
    with pytest.raises(ValidationFailed):
        protocol.get_event("abc")

    eid = protocol.create_event(form(bureau, title + " ada", at(9), at(11)))["id"]
    with pytest.raises(ValidationFailed) as moved:  # the run-down must still fit the new time
        protocol.update_event(eid, {"version": 1, "rundown": [{"starts_at": "10:30", "item": "Isi"}],
                                    "ends_at": at(10)})
    assert list(moved.value.fields) == ["rundown.0.starts_at"]
    with pytest.raises(ValidationFailed) as no_version:
        protocol.update_event(eid, {"title": "Tanpa versi"})
    assert list(no_version.value.fields) == ["version"]


def test_only_protocol_staff_write(services, rpc, bureau):
    protocol = rpc(bureau.protocol())
    eid = protocol.create_event(form(bureau, unique("Rahasia "), at(14), at(15)))["id"]
    for identity in (bureau.pegawai(), bureau.other_kabag()):
        other = rpc(identity)
        with pytest.raises(Forbidden):
            other.create_event(form(bureau, unique("Bukan protokol "), at(9), at(10)))
        with pytest.raises(Forbidden):
            other.update_event(eid, {"version": 1, "title": "Diubah"})
        for method, data in (("confirm_event", None), ("postpone_event", {"reason": "Ditunda saja"}),
                             ("cancel_event", {"reason": "Batal saja"}), ("complete_event", None)):
            with pytest.raises(Forbidden):
                getattr(other, method)(eid, data)
        assert other.get_event(eid)["allowed_actions"] == []
    assert rpc(bureau.documentation_staff()).get_event(eid)["allowed_actions"][:2] == ["edit", "confirm"]
    assert rpc(bureau.admin()).get_event(eid)["guest_contacts_visible"] is True
    assert protocol.get_event(eid)["status"] == "tentative"


def test_conflicts_in_a_leaders_agenda_are_shown_on_the_event_and_in_the_views(services, rpc, bureau):
    protocol, pegawai = rpc(bureau.protocol()), rpc(bureau.pegawai())
    day = 3  # Friday of that week
    first = protocol.create_event(form(bureau, unique("Rapat A "), at(9, day=day), at(11, day=day),
                                       "gubernur", "sekda"))
    second = protocol.create_event(form(bureau, unique("Peresmian B "), at(10, day=day), at(12, day=day),
                                        "gubernur"))
    other = protocol.create_event(form(bureau, unique("Audiensi C "), at(10, day=day), at(11, day=day),
                                       "wakil_gubernur"))
    assert [(c["event_id"], c["leader_codes"]) for c in second["conflicts"]] == [(first["id"], ["gubernur"])]
    assert other["conflicts"] == []
    mine = {first["id"], second["id"], other["id"]}

    assert [c["event_id"] for c in pegawai.get_event(first["id"])["conflicts"]] == [second["id"]]
    assert [c["event_id"] for c in pegawai.event_conflicts(first["id"])["items"]] == [second["id"]]
    friday = (DAY + timedelta(days=day)).date().isoformat()
    seen = pegawai.agenda_day(day=friday)
    items = [i for i in seen["items"] if i["id"] in mine]
    assert [i["id"] for i in items] == [first["id"], second["id"], other["id"]]
    assert {i["id"]: len(i["conflicts"]) for i in items} == {first["id"]: 1, second["id"]: 1, other["id"]: 0}
    assert seen["day"] == friday and seen["conflicts"] >= 2
    wagub = pegawai.agenda_day(day=friday, leader_id=leader(bureau, "wakil_gubernur"))
    assert other["id"] in {i["id"] for i in wagub["items"]} and first["id"] not in {i["id"] for i in wagub["items"]}
    week = pegawai.agenda_week(day=friday)
    assert [d["day"] for d in week["days"]][0] == DAY.date().replace(day=9).isoformat()  # Monday
    assert week["week_end"] == DAY.date().replace(day=15).isoformat()
    assert {i["id"] for i in week["days"][4]["items"]} >= mine and not any(
        i["id"] in mine for d in week["days"][:4] for i in d["items"])

    protocol.cancel_event(second["id"], {"reason": "Diwakilkan kepada Sekda"})
    assert pegawai.get_event(first["id"])["conflicts"] == []  # a cancelled event clashes with nothing
    assert second["id"] not in {i["id"] for i in pegawai.agenda_day(day=friday)["items"]}
    assert second["id"] in {i["id"] for i in pegawai.agenda_day(day=friday, include_cancelled=True)["items"]}

    page = pegawai.list_events(starts_from=at(0, day=day), starts_before=at(0, day=day + 1), limit=1)
    collected = [i["id"] for i in page["items"]]
    while page["next_cursor"]:
        page = pegawai.list_events(starts_from=at(0, day=day), starts_before=at(0, day=day + 1), limit=1,
                                   cursor=page["next_cursor"])
        collected += [i["id"] for i in page["items"]]
    assert [i for i in collected if i in mine] == [first["id"], second["id"], other["id"]]
    assert len(collected) == len(set(collected))
    with pytest.raises(ValidationFailed):
        pegawai.list_events(cursor="rusak")


def test_the_status_steps_follow_the_workflow(services, rpc, bureau, observer):
    watch = observer("event_confirmed", "event_postponed", "event_cancelled", "event_done", "event_updated")
    protocol = rpc(bureau.protocol())
    eid = protocol.create_event(form(bureau, unique("Langkah "), at(9, day=1), at(10, day=1)))["id"]
    with pytest.raises(ValidationFailed) as early:
        protocol.confirm_event(eid) and protocol.complete_event(eid)
    assert list(early.value.fields) == ["starts_at"]  # confirmed, but not started yet
    assert protocol.get_event(eid)["allowed_actions"] == ["edit", "postpone", "cancel"]
    with pytest.raises(ValidationFailed) as no_reason:
        protocol.postpone_event(eid, {"reason": " "})
    assert list(no_reason.value.fields) == ["reason"]
    postponed = protocol.postpone_event(eid, {"reason": "Gubernur dipanggil ke Jakarta"})
    assert (postponed["status"], postponed["status_note"]) == ("postponed", "Gubernur dipanggil ke Jakarta")
    assert postponed["allowed_actions"] == ["edit", "reschedule", "cancel"]
    with pytest.raises(Conflict):
        protocol.confirm_event(eid)
    with pytest.raises(Forbidden):  # who may comes first, then what was sent
        rpc(bureau.pegawai()).reschedule_event(eid, {"starts_at": at(14, day=2), "ends_at": at(13, day=2)})
    with pytest.raises(ValidationFailed) as backwards:
        protocol.reschedule_event(eid, {"starts_at": at(14, day=2), "ends_at": at(13, day=2)})
    assert list(backwards.value.fields) == ["ends_at"]
    moved = protocol.reschedule_event(eid, {"starts_at": at(13, day=2), "ends_at": at(14, day=2)})
    assert moved["status"] == "tentative" and same(moved["starts_at"], at(13, day=2))
    cancelled = protocol.cancel_event(eid, {"reason": "Tidak jadi"})
    assert (cancelled["status"], cancelled["allowed_actions"]) == ("cancelled", [])
    with pytest.raises(Conflict):
        protocol.update_event(eid, {"version": cancelled["version"], "title": "Hidup lagi"})
    assert [s["action"] for s in cancelled["steps"]] == ["created", "confirmed", "postponed", "rescheduled",
                                                         "cancelled"]

    past = utcnow() - timedelta(hours=2)
    done_id = protocol.create_event(form(bureau, unique("Sudah mulai "), past.isoformat(),
                                         (past + timedelta(hours=1)).isoformat(), is_public=True))["id"]
    confirmed = protocol.confirm_event(done_id, {"note": "Sudah pasti"})
    assert confirmed["shown_publicly"] is True and "mark_done" in confirmed["allowed_actions"]
    done = protocol.complete_event(done_id)
    assert (done["status"], done["allowed_actions"]) == ("done", [])

    for name, event_id, status in (("agenda.event_confirmed", eid, "confirmed"),
                                   ("agenda.event_postponed", eid, "postponed"),
                                   ("agenda.event_updated", eid, "tentative"),
                                   ("agenda.event_cancelled", eid, "cancelled"),
                                   ("agenda.event_done", done_id, "done")):
        data = wait_for(lambda n=name, i=event_id: published(watch, n, i), timeout=20, message=name)[0]
        assert data["status"] == status and set(data) == PAYLOAD_KEYS
    cancelled_payload = published(watch, "agenda.event_cancelled", eid)[0]
    assert cancelled_payload["note"] == "Tidak jadi"


# -- the room through booking, with fakes (domain.events) ------------------------------------------------------

class FakeTx:
    def __init__(self, session):
        self.session = session
        self.emitted: list[tuple[str, dict]] = []

    def emit(self, name, data):
        self.emitted.append((name, data))


class FakeBooking:
    """booking's ``reserve_for_agenda``/``release_for_agenda`` as agenda calls them (keyword arguments)."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.taken = False

    def reserve(self, **kwargs):
        self.calls.append(("reserve", kwargs))
        if self.taken:
            raise Conflict("Ruangan sudah dipesan pada waktu itu.", {"starts_at": "Peminjaman #77 (Rapat Dinas)"})
        return {"reference": kwargs["reference"], "booking_id": 500 + len(self.calls), "resource_id":
                kwargs["resource_id"], "resource_name": f"Ruang {kwargs['resource_id']}", "status": "approved",
                "starts_at": kwargs["starts_at"].isoformat(), "ends_at": kwargs["ends_at"].isoformat()}

    def release(self, **kwargs):
        self.calls.append(("release", kwargs))
        return None


def _in_transaction(engine, work):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        return work(FakeTx(session))


def test_an_internal_events_room_is_booked_moved_and_released(services, bureau, agenda_db):
    engine = agenda_db[1]
    booking = FakeBooking()
    with Session(engine) as session:
        caller = staff.caller_of(session, bureau.protocol())
        pegawai = staff.caller_of(session, bureau.pegawai())
    data = {"title": unique("Rapat di aula "), "starts_at": DAY + timedelta(hours=9),
            "ends_at": DAY + timedelta(hours=10), "location_kind": "internal", "room_resource_id": 4,
            "is_public": False, "leaders": [{"leader_id": leader(bureau, "sekda")}]}

    booking.taken = True
    with pytest.raises(Conflict) as taken:
        _in_transaction(engine, lambda tx: events.create(tx, caller, data, reserve=booking.reserve))
    assert "Peminjaman #77" in taken.value.fields["room_resource_id"]
    assert bureau.scalar(f"SELECT count(*) FROM agenda_events WHERE title = '{data['title']}'") == 0

    booking.taken = False
    made = _in_transaction(engine, lambda tx: (events.create(tx, caller, data, reserve=booking.reserve), tx))
    event, tx = made
    assert booking.calls[-1][1]["reference"] == f"agenda-event:{event.id}"
    assert booking.calls[-1][1]["contact_employee_id"] == caller.employee_id
    assert (event.room_status, event.room_name, event.room_booking_id) == ("reserved", "Ruang 4", 502)
    assert tx.emitted[0][0] == "agenda.event_created" and tx.emitted[0][1]["room_name"] == "Ruang 4"

    def edit(changes, **kwargs):
        return lambda tx: events.update(tx, caller, event.id, changes, reserve=booking.reserve,
                                        release=booking.release, **kwargs)

    calls = len(booking.calls)
    _in_transaction(engine, edit({"version": 1, "title": data["title"] + "!"}))
    assert len(booking.calls) == calls  # neither time nor room changed: booking is not asked
    moved = _in_transaction(engine, edit({"version": 2, "ends_at": DAY + timedelta(hours=11)}))
    assert booking.calls[-1][0] == "reserve" and booking.calls[-1][1]["reference"] == f"agenda-event:{event.id}"
    assert moved.version == 3 and moved.room_status == "reserved"
    booking.taken = True
    with pytest.raises(Conflict):
        _in_transaction(engine, edit({"version": 3, "room_resource_id": 5}))
    booking.taken = False
    with Session(engine) as session:
        kept = session.get(AgendaEvent, event.id)
        assert (kept.room_resource_id, kept.version) == (4, 3)  # the refused move changed nothing
    with pytest.raises(Forbidden):
        _in_transaction(engine, lambda tx: events.update(tx, pegawai, event.id, {"version": 3, "title": "x"},
                                                         reserve=booking.reserve, release=booking.release))
    outside = _in_transaction(engine, edit({"version": 3, "location_kind": "external", "address": "Puri Agung"}))
    assert booking.calls[-1] == ("release", {"reference": f"agenda-event:{event.id}",
                                             "reason": "Kegiatan dipindah ke luar kantor."})
    assert (outside.room_status, outside.room_resource_id, outside.room_name) == ("released", None, None)
    back = _in_transaction(engine, edit({"version": 4, "location_kind": "internal", "room_resource_id": 6}))
    assert (back.room_status, back.room_name) == ("reserved", "Ruang 6")

    postponed = _in_transaction(engine, lambda tx: events.postpone(tx, caller, event.id, "Hujan deras",
                                                                   release=booking.release))
    assert postponed.room_status == "released" and booking.calls[-1][0] == "release"
    again = _in_transaction(engine, lambda tx: events.reschedule(
        tx, caller, event.id, DAY + timedelta(days=1, hours=9), DAY + timedelta(days=1, hours=10),
        reserve=booking.reserve))
    assert again.room_status == "reserved" and booking.calls[-1][1]["starts_at"] == DAY + timedelta(days=1, hours=9)
    gone = _in_transaction(engine, lambda tx: events.cancel(tx, caller, event.id, "Acara dibatalkan panitia",
                                                            release=booking.release))
    assert gone.room_status == "released" and "dibatalkan panitia" in booking.calls[-1][1]["reason"]


def test_the_demo_adds_its_events_once(services, agenda_db):
    engine = agenda_db[1]
    with Session(engine) as session, session.begin():
        before = session.scalar(select(func.count()).select_from(AgendaEvent))
        first = agenda_demo.demo(session)
        second = agenda_demo.demo(session)
        assert first["events"] == 4 and second == {"events": 0}
        assert session.scalar(select(func.count()).select_from(AgendaEvent)) == before + 4
        session.rollback()
