"""Sample events for ``make run`` (``agenda.demo``): a few events of the seeded leaders this week and next —
external addresses only (no booking calls), one public and confirmed, one tentative, two that clash in the
Gubernur's agenda — with VIP guests, a run-down and protocol staff from the roster copy (employees of the
protocol sub-unit ``BUP.PKP.PRO`` when the roster has it). Nothing the second time."""
from __future__ import annotations

from datetime import date, time, timedelta

from situok_kit.clock import at_wita, wita_day
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    AgendaEvent,
    EventGuest,
    EventLeader,
    EventParticipant,
    Leader,
    ProtocolAssignment,
    RosterEmployee,
    RosterUnit,
    RundownItem,
)
from . import steps

PROTOCOL_SUBUNIT = "BUP.PKP.PRO"
MARKER = "Rapat Koordinasi Forkopimda Provinsi Bali"


def _events(today: date) -> list[dict]:
    monday = today - timedelta(days=today.weekday())
    wed, next_tue, next_thu = monday + timedelta(days=2), monday + timedelta(days=8), monday + timedelta(days=10)
    return [
        {"title": MARKER, "day": wed, "from": time(9), "to": time(11, 30), "leaders": ("gubernur", "sekda"),
         "status": "confirmed", "is_public": True, "address": "Gedung Wiswa Sabha Utama, Jl. Basuki Rahmat No. 1, "
         "Denpasar", "organiser": "Biro Pemerintahan dan Otonomi Daerah", "dress_code": "Pakaian Dinas Harian",
         "public_summary": "Gubernur Bali memimpin rapat koordinasi Forkopimda Provinsi Bali.",
         "guests": (("Kepala Kepolisian Daerah Bali", "Kapolda Bali", "Polda Bali", "sekda_forkopimda"),
                    ("Ketua DPRD Provinsi Bali", "Ketua DPRD", "DPRD Provinsi Bali", "ketua_dprd_provinsi")),
         "rundown": ((time(9), "Kedatangan tamu undangan", "Petugas protokol"),
                     (time(9, 30), "Pembukaan dan sambutan Gubernur", "Gubernur Bali"),
                     (time(10), "Paparan dan diskusi", "Sekretaris Daerah")),
         "participants": (("Anggota Forkopimda", 12),)},
        {"title": "Peresmian Pasar Rakyat Badung", "day": wed, "from": time(10, 30), "to": time(12),
         "leaders": ("gubernur",), "status": "tentative", "is_public": False,
         "address": "Pasar Rakyat Mengwi, Kabupaten Badung", "organiser": "Dinas Perindustrian dan Perdagangan",
         "dress_code": "Pakaian adat madya", "guests": (("Bupati Badung", "Bupati", "Pemkab Badung",
                                                          "bupati_walikota"),),
         "rundown": ((time(10, 30), "Penyambutan", "Pemkab Badung"), (time(11), "Pengguntingan pita", "Gubernur")),
         "participants": (("Pedagang pasar", 80),)},
        {"title": "Audiensi Asosiasi Pariwisata Bali", "day": next_tue, "from": time(14), "to": time(15),
         "leaders": ("wakil_gubernur",), "status": "tentative", "is_public": False,
         "address": "Rumah Jabatan Wakil Gubernur, Jl. Cempaka, Denpasar", "organiser": "Biro Umum dan Protokol",
         "dress_code": "Pakaian Dinas Harian", "guests": (), "rundown": ((time(14), "Audiensi", "Wakil Gubernur"),),
         "participants": (("Pengurus asosiasi", 8),)},
        {"title": "Rapat Paripurna DPRD Provinsi Bali", "day": next_thu, "from": time(10), "to": time(12),
         "leaders": ("gubernur", "wakil_gubernur"), "status": "confirmed", "is_public": True,
         "address": "Gedung DPRD Provinsi Bali, Jl. Dr. Kusuma Atmaja, Denpasar", "organiser": "Sekretariat DPRD",
         "dress_code": "Pakaian Sipil Lengkap", "public_summary": "Gubernur dan Wakil Gubernur menghadiri rapat "
         "paripurna DPRD Provinsi Bali.", "guests": (), "rundown": ((time(10), "Rapat paripurna", "DPRD"),),
         "participants": ()},
    ]


def demo(session: Session) -> dict:
    if session.scalar(select(AgendaEvent.id).where(AgendaEvent.title == MARKER).limit(1)) is not None:
        return {"events": 0}
    leaders = dict(session.execute(select(Leader.code, Leader.id)).all())
    unit_id = session.scalar(select(RosterUnit.id).where(RosterUnit.code == PROTOCOL_SUBUNIT))
    staff = list(session.scalars(select(RosterEmployee.id).where(
        RosterEmployee.unit_id == unit_id, RosterEmployee.active).order_by(RosterEmployee.id).limit(2))) \
        if unit_id is not None else []
    made = 0
    for spec in _events(wita_day()):
        if not all(code in leaders for code in spec["leaders"]):
            continue
        event = AgendaEvent(
            title=spec["title"], starts_at=at_wita(spec["day"], spec["from"]), ends_at=at_wita(spec["day"], spec["to"]),
            location_kind="external", address=spec["address"], organiser=spec["organiser"],
            dress_code=spec["dress_code"], status=spec["status"], is_public=spec["is_public"],
            public_summary=spec.get("public_summary"), room_status="none", version=1,
            protocol_notes="Tamu VIP disambut di lobi; kursi sesuai tata urutan.")
        session.add(event)
        session.flush()
        session.add_all(EventLeader(event_id=event.id, leader_id=leaders[code]) for code in spec["leaders"])
        session.add_all(EventGuest(event_id=event.id, name=name, title=title, agency=agency, precedence_code=code)
                        for name, title, agency, code in spec["guests"])
        session.add_all(RundownItem(event_id=event.id, starts_at=at, item=item, who=who, position=index)
                        for index, (at, item, who) in enumerate(spec["rundown"]))
        session.add_all(EventParticipant(event_id=event.id, name=name, count=count, position=index)
                        for index, (name, count) in enumerate(spec["participants"]))
        session.add_all(ProtocolAssignment(event_id=event.id, employee_id=employee_id, duty="Pendamping pimpinan")
                        for employee_id in staff)
        steps.record(session, event.id, "created", steps.SYSTEM, "Data contoh.")
        made += 1
    session.flush()
    return {"events": made}
