"""The leaders' agenda: events and everything about one event — entering and editing them, their status steps
(``domain.events_workflow``), the room booked through booking, the conflicts in a leader's agenda, the staff's
lists and day and week views.

* **Who**: every signed-in employee reads (a VIP guest's contact and ID number only protocol staff see);
  protocol staff (and admin) enter, edit and take every step (``event_rules.capacities``).
* **Room**: an internal event's room is booked in booking under the reference ``agenda-event:<id>`` by the
  ``reserve`` callable given (``domain.rooms.reserve`` bound to the broker; a fake in tests) — before agenda's
  own commit; a room taken is a 409 naming booking's booking and nothing is saved here. A changed time or
  room asks again under the same reference (booking moves its one booking); an event moved outside, postponed
  or cancelled releases it (``release``); a postponed event rescheduled asks again.
* **Conflicts**: another event that is not cancelled, of one of the same leaders, overlapping in time
  (``event_rules.conflicts_of``). They never refuse a write: every answer carries them so the staff see them
  at once.
* **Edits** name the ``version`` they read: a stale one is a 409 (nothing changed).
* Every action writes a step (``domain.steps``) and publishes its event (``AgendaEventEvent``: never a
  guest's contact, never the protocol notes).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.orm import Session

from ..models import (
    AgendaEvent,
    EventGuest,
    EventLeader,
    EventParticipant,
    Leader,
    PrecedenceRank,
    ProtocolAssignment,
    RosterEmployee,
    RundownItem,
)
from ..schemas.events import AgendaEventEvent
from . import event_rules as rules
from . import precedence, publication, roster, steps
from .access import Caller
from .events_workflow import EVENT, STATUS_LABELS

#: ``reserve(reference=, resource_id=, starts_at=, ends_at=, purpose=, contact_employee_id=)`` → booking's answer.
Reserve = Callable[..., dict]
#: ``release(reference=, reason=)``.
Release = Callable[..., "dict | None"]

VERBS = {"edit": "diubah", "confirm": "dipastikan", "postpone": "ditunda", "reschedule": "dijadwalkan ulang",
         "cancel": "dibatalkan", "mark_done": "ditandai selesai"}
INVALID = "Data kegiatan belum benar."
SCALARS = ("title", "description", "starts_at", "ends_at", "location_kind", "room_resource_id", "address",
           "organiser", "dress_code", "protocol_notes", "is_public", "public_summary")
#: How many events one day or week view shows at most.
VIEW_LIMIT = 1000

_event_out = AgendaEventEvent()


def reference_of(event_id: int) -> str:
    """booking's reference of an event's room."""
    return f"agenda-event:{event_id}"


# -- reading ------------------------------------------------------------------------------------------------

def get_event(session: Session, event_id: int, *, lock: bool = False) -> AgendaEvent:
    statement = select(AgendaEvent).where(AgendaEvent.id == event_id)
    if lock:
        statement = statement.with_for_update()
    event = session.scalar(statement)
    if event is None:
        raise NotFound("Kegiatan tidak ditemukan.", {"event_id": "Tidak ada kegiatan dengan id ini."})
    return event


def _leaders_of(session: Session, event_ids) -> dict[int, list[dict]]:
    """``{event_id: [leader dict, …]}`` in the leaders' order."""
    found: dict[int, list[dict]] = {i: [] for i in event_ids}
    if not found:
        return found
    rows = session.execute(
        select(EventLeader, Leader).join(Leader, Leader.id == EventLeader.leader_id)
        .where(EventLeader.event_id.in_(list(found))).order_by(Leader.position, Leader.id)).all()
    for link, leader in rows:
        found[link.event_id].append({"leader_id": leader.id, "code": leader.code, "title": leader.title,
                                     "holder_name": leader.holder_name, "role": link.role,
                                     "represented_by": link.represented_by})
    return found


def _interval(event: AgendaEvent, leader_ids) -> rules.Interval:
    return rules.Interval(event.id, event.starts_at, event.ends_at, frozenset(leader_ids), event.status)


def conflicts_for(session: Session, events: list[AgendaEvent], leaders: dict[int, list[dict]] | None = None) \
        -> dict[int, list[dict]]:
    """Each event's conflicts (``AgendaEventConflictOut`` dicts): two queries for a whole page."""
    live = [e for e in events if e.status != rules.CANCELLED]
    answer: dict[int, list[dict]] = {e.id: [] for e in events}
    if not live:
        return answer
    leaders = leaders if leaders is not None else _leaders_of(session, [e.id for e in live])
    leader_ids = {row["leader_id"] for e in live for row in leaders.get(e.id, [])}
    if not leader_ids:
        return answer
    low, high = min(e.starts_at for e in live), max(e.ends_at for e in live)
    others = list(session.scalars(select(AgendaEvent).where(
        AgendaEvent.status != rules.CANCELLED, AgendaEvent.starts_at < high, AgendaEvent.ends_at > low,
        exists().where(EventLeader.event_id == AgendaEvent.id, EventLeader.leader_id.in_(leader_ids)))))
    their_leaders = _leaders_of(session, [o.id for o in others])
    codes = {row["leader_id"]: row["code"] for rows in their_leaders.values() for row in rows}
    by_id = {o.id: o for o in others}
    found = rules.conflicts_among(
        [_interval(e, [r["leader_id"] for r in leaders.get(e.id, [])]) for e in live],
        [_interval(o, [r["leader_id"] for r in their_leaders.get(o.id, [])]) for o in others])
    for event_id, clashes in found.items():
        answer[event_id] = [{"event_id": other.id, "title": by_id[other.id].title, "starts_at": other.starts_at,
                             "ends_at": other.ends_at, "status": other.status,
                             "leader_codes": sorted(codes[i] for i in shared)} for other, shared in clashes]
    return answer


def _allowed(caller: Caller, event: AgendaEvent, now: datetime) -> list[str]:
    return EVENT.allowed_actions(event.status, rules.capacities(caller), rules.guards(event.starts_at, now))


def summaries(session: Session, caller: Caller, events: list[AgendaEvent], now: datetime | None = None) \
        -> list[View]:
    """Each event as ``AgendaEventSummaryOut`` shows it to ``caller`` (leaders, conflicts, allowed actions)."""
    now = now or utcnow()
    leaders = _leaders_of(session, [e.id for e in events])
    clashes = conflicts_for(session, events, leaders)
    return [View(event, status_label=STATUS_LABELS[event.status], leaders=leaders[event.id],
                 leader_codes=[row["code"] for row in leaders[event.id]], conflicts=clashes[event.id],
                 allowed_actions=_allowed(caller, event, now)) for event in events]


def _guest_dict(guest: EventGuest, order: int, rank: int | None, contacts: bool) -> dict:
    row = {"name": guest.name, "title": guest.title, "agency": guest.agency, "precedence_code": guest.precedence_code,
           "precedence_rank": rank, "order": order, "phone": None, "email": None, "id_number": None,
           "contact_note": None}
    if contacts:
        row.update(phone=guest.phone, email=guest.email, id_number=guest.id_number, contact_note=guest.contact_note)
    return row


def detail(session: Session, caller: Caller, event: AgendaEvent, now: datetime | None = None) -> View:
    """One event as ``AgendaEventOut`` shows it to ``caller``: guests in protocol order (their contacts to
    protocol staff only), the run-down by time, the protocol staff's names, the steps, the conflicts."""
    summary = summaries(session, caller, [event], now)[0]
    contacts = caller.is_protocol_staff
    ranks = precedence.ranks(session)
    guests = precedence.order_guests(list(session.scalars(
        select(EventGuest).where(EventGuest.event_id == event.id).order_by(EventGuest.id))), ranks)
    rundown = session.scalars(select(RundownItem).where(RundownItem.event_id == event.id)
                              .order_by(RundownItem.starts_at, RundownItem.position, RundownItem.id))
    participants = session.scalars(select(EventParticipant).where(EventParticipant.event_id == event.id)
                                   .order_by(EventParticipant.position, EventParticipant.id))
    staff = list(session.scalars(select(ProtocolAssignment).where(ProtocolAssignment.event_id == event.id)
                                 .order_by(ProtocolAssignment.employee_id)))
    names = roster.names(session, {a.employee_id for a in staff})
    return View(
        summary, shown_publicly=publication.event_is_public(is_public=event.is_public, status=event.status),
        guests=[_guest_dict(g, index, ranks.get(g.precedence_code or ""), contacts)
                for index, g in enumerate(guests, 1)],
        guest_contacts_visible=contacts,
        rundown=[{"starts_at": r.starts_at, "ends_at": r.ends_at, "item": r.item, "who": r.who} for r in rundown],
        participants=[{"name": p.name, "count": p.count} for p in participants],
        protocol_staff=[{"employee_id": a.employee_id, "name": names.get(a.employee_id), "duty": a.duty}
                        for a in staff],
        steps=steps.of(session, event.id))


def read(session: Session, caller: Caller, event_id: int, now: datetime | None = None) -> View:
    caller.require_employee()
    return detail(session, caller, get_event(session, event_id), now)


def event_conflicts(session: Session, caller: Caller, event_id: int) -> dict:
    caller.require_employee()
    event = get_event(session, event_id)
    return {"event_id": event.id, "items": conflicts_for(session, [event])[event.id]}


def _window(statement, starts: datetime | None, ends: datetime | None):
    if starts is not None:
        statement = statement.where(AgendaEvent.ends_at > starts)
    if ends is not None:
        statement = statement.where(AgendaEvent.starts_at < ends)
    return statement


def _of_leader(statement, leader_id: int | None):
    if leader_id is None:
        return statement
    return statement.where(exists().where(EventLeader.event_id == AgendaEvent.id, EventLeader.leader_id == leader_id))


def list_events(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int,
                now: datetime | None = None) -> dict:
    """Events overlapping ``[starts_from, starts_before)`` (either may be open), by start then id (keyset)."""
    caller.require_employee()
    statement = _of_leader(_window(select(AgendaEvent), filters.get("starts_from"), filters.get("starts_before")),
                           filters.get("leader_id"))
    if filters.get("status"):
        statement = statement.where(AgendaEvent.status == filters["status"])
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            moment, last_id = datetime.fromisoformat(str(after[0])), int(after[1])
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali."}) from None
        statement = statement.where(or_(AgendaEvent.starts_at > moment,
                                        and_(AgendaEvent.starts_at == moment, AgendaEvent.id > last_id)))
    rows = list(session.scalars(statement.order_by(AgendaEvent.starts_at, AgendaEvent.id).limit(limit + 1)))
    answer = page(rows, limit, lambda e: [e.starts_at.isoformat(), e.id])
    answer["items"] = summaries(session, caller, answer["items"], now)
    return answer


def _in_window(session: Session, starts: datetime, ends: datetime, leader_id: int | None,
               include_cancelled: bool) -> list[AgendaEvent]:
    statement = _of_leader(_window(select(AgendaEvent), starts, ends), leader_id)
    if not include_cancelled:
        statement = statement.where(AgendaEvent.status != rules.CANCELLED)
    return list(session.scalars(statement.order_by(AgendaEvent.starts_at, AgendaEvent.id).limit(VIEW_LIMIT)))


def _day_dict(day: date, items: list[View]) -> dict:
    return {"day": day, "items": items, "conflicts": sum(1 for item in items if item.conflicts)}


def agenda_day(session: Session, caller: Caller, day: date | None, leader_id: int | None = None,
               include_cancelled: bool = False, now: datetime | None = None) -> dict:
    """One WITA day: the events touching it by start, each with its conflicts."""
    caller.require_employee()
    day = day or wita_day(now)
    starts, ends = rules.day_bounds(day)
    return _day_dict(day, summaries(session, caller, _in_window(session, starts, ends, leader_id,
                                                                include_cancelled), now))


def agenda_week(session: Session, caller: Caller, day: date | None, leader_id: int | None = None,
                include_cancelled: bool = False, now: datetime | None = None) -> dict:
    """The week (Monday–Sunday, WITA) of ``day``: each day's events (an event over several days on each)."""
    caller.require_employee()
    days = rules.week_days(day or wita_day(now))
    starts, ends = rules.day_bounds(days[0])[0], rules.day_bounds(days[-1])[1]
    views = summaries(session, caller, _in_window(session, starts, ends, leader_id, include_cancelled), now)
    per_day: dict[date, list[View]] = {d: [] for d in days}
    for view in views:
        for touched in rules.wita_days_of(view.starts_at, view.ends_at):
            if touched in per_day:
                per_day[touched].append(view)
    return {"week_start": days[0], "week_end": days[-1], "leader_id": leader_id,
            "days": [_day_dict(d, per_day[d]) for d in days]}


# -- checking input -----------------------------------------------------------------------------------------

def _reference_problems(session: Session, draft: dict, given: set[str]) -> dict[str, str]:
    """What the schema cannot see: the leaders, precedence codes and employees exist; the place; the time; the
    run-down inside the event's WITA day(s). Lists not in ``given`` (an edit leaving them out) are not checked
    again, except the run-down against a new time."""
    problems: dict[str, str] = {}
    problems.update(rules.period_problems(draft.get("starts_at"), draft.get("ends_at")))
    if "leaders" in given:
        ids = [row["leader_id"] for row in draft["leaders"]]
        active = set(session.scalars(select(Leader.id).where(Leader.id.in_(ids), Leader.active)))
        for index, leader_id in enumerate(ids):
            if leader_id not in active:
                problems[f"leaders.{index}.leader_id"] = "Pimpinan tidak dikenal atau tidak aktif."
        problems.update(rules.duplicate_problems(ids, "leaders.{}.leader_id", "Pimpinan ini sudah dipilih."))
    if "guests" in given:
        codes = {g.get("precedence_code") for g in draft["guests"]} - {None}
        known = set(session.scalars(select(PrecedenceRank.code).where(PrecedenceRank.code.in_(codes)))) if codes \
            else set()
        for index, guest in enumerate(draft["guests"]):
            if guest.get("precedence_code") and guest["precedence_code"] not in known:
                problems[f"guests.{index}.precedence_code"] = "Kode tata urutan tidak dikenal."
    if "protocol_staff" in given:
        ids = [row["employee_id"] for row in draft["protocol_staff"]]
        known = set(session.scalars(select(RosterEmployee.id).where(RosterEmployee.id.in_(ids),
                                                                    RosterEmployee.active))) if ids else set()
        for index, employee_id in enumerate(ids):
            if employee_id not in known:
                problems[f"protocol_staff.{index}.employee_id"] = "Pegawai tidak dikenal atau tidak aktif."
        problems.update(rules.duplicate_problems(ids, "protocol_staff.{}.employee_id", "Pegawai ini sudah dipilih."))
    if draft.get("location_kind") == "internal" and not draft.get("room_resource_id"):
        problems["room_resource_id"] = "Pilih ruangan untuk kegiatan di dalam kantor."
    if draft.get("location_kind") == "external" and not draft.get("address"):
        problems["address"] = "Alamat wajib diisi untuk kegiatan di luar kantor."
    if draft.get("starts_at") and draft.get("ends_at") and "ends_at" not in problems:
        problems.update(rules.rundown_problems(draft.get("rundown") or [], draft["starts_at"], draft["ends_at"]))
    return problems


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationFailed(INVALID, problems)


# -- writing ------------------------------------------------------------------------------------------------

def _replace_lists(session: Session, event: AgendaEvent, data: dict) -> None:
    """The lists given in ``data`` replace the event's."""
    if "leaders" in data:
        session.execute(delete(EventLeader).where(EventLeader.event_id == event.id))
        session.add_all(EventLeader(event_id=event.id, leader_id=row["leader_id"], role=row.get("role", "attends"),
                                    represented_by=row.get("represented_by")) for row in data["leaders"])
    if "participants" in data:
        session.execute(delete(EventParticipant).where(EventParticipant.event_id == event.id))
        session.add_all(EventParticipant(event_id=event.id, name=row["name"], count=row.get("count"), position=index)
                        for index, row in enumerate(data["participants"] or []))
    if "guests" in data:
        session.execute(delete(EventGuest).where(EventGuest.event_id == event.id))
        session.add_all(EventGuest(event_id=event.id, **{key: row.get(key) for key in (
            "name", "title", "agency", "precedence_code", "phone", "email", "id_number", "contact_note")})
                        for row in data["guests"] or [])
    if "rundown" in data:
        session.execute(delete(RundownItem).where(RundownItem.event_id == event.id))
        session.add_all(RundownItem(event_id=event.id, starts_at=row["starts_at"], ends_at=row.get("ends_at"),
                                    item=row["item"], who=row.get("who"), position=index)
                        for index, row in enumerate(data["rundown"] or []))
    if "protocol_staff" in data:
        session.execute(delete(ProtocolAssignment).where(ProtocolAssignment.event_id == event.id))
        session.add_all(ProtocolAssignment(event_id=event.id, employee_id=row["employee_id"], duty=row.get("duty"))
                        for row in data["protocol_staff"] or [])
    session.flush()


def _book_room(event: AgendaEvent, caller: Caller, reserve: Reserve) -> str:
    """Ask booking for the event's room (the same reference every time); a room taken is a 409 naming the
    booking that holds it, a room booking does not know a 422 on ``room_resource_id``."""
    try:
        answer = reserve(reference=reference_of(event.id), resource_id=event.room_resource_id,
                         starts_at=event.starts_at, ends_at=event.ends_at, purpose=event.title,
                         contact_employee_id=caller.employee_id)
    except Conflict as exc:
        held = "; ".join(str(v) for v in (exc.fields or {}).values())
        message = f"Ruangan tidak tersedia pada waktu itu: {exc.message}" + (f" ({held})" if held else "")
        raise Conflict(message, {"room_resource_id": message}) from None
    except (NotFound, ValidationFailed) as exc:
        raise ValidationFailed(INVALID, {"room_resource_id": exc.message or "Ruangan tidak dikenal."}) from None
    event.room_booking_id = answer.get("booking_id")
    event.room_name = answer.get("resource_name") or event.room_name
    event.room_status = "reserved"
    event.room_note = None
    return f"Ruangan {event.room_name} dipesan (peminjaman #{event.room_booking_id})."


def _release_room(event: AgendaEvent, release: Release, reason: str) -> str | None:
    """Give the event's room back (when it holds one)."""
    if event.room_status != "reserved":
        return None
    release(reference=reference_of(event.id), reason=reason)
    event.room_status = "released"
    event.room_note = reason
    return f"Ruangan {event.room_name or ''} dilepas.".replace("  ", " ")


def publish(tx, name: str, event: AgendaEvent, note: str | None = None) -> None:
    codes = [row["code"] for row in _leaders_of(tx.session, [event.id])[event.id]]
    tx.emit(name, _event_out.dump(View(event, leader_codes=codes, note=note)))


def _note(*parts: str | None) -> str | None:
    text = " ".join(p for p in parts if p)
    return text or None


def create(tx, caller: Caller, data: dict, *, reserve: Reserve) -> AgendaEvent:
    """A new tentative event (``AgendaEventIn``, loaded): protocol staff; an internal one books its room first
    (409 when taken: nothing saved). Clashes with the leaders' other events are allowed (the answer shows
    them)."""
    caller.require_protocol_staff()
    session = tx.session
    data = {**data, "participants": data.get("participants") or [], "guests": data.get("guests") or [],
            "rundown": data.get("rundown") or [], "protocol_staff": data.get("protocol_staff") or []}
    _refuse(_reference_problems(session, data, set(data)))
    event = AgendaEvent(**{key: data.get(key) for key in SCALARS}, status="tentative",
                        created_by_employee_id=caller.employee_id, unit_id=caller.unit, version=1)
    if event.location_kind == "external":
        event.room_resource_id = None
    session.add(event)
    session.flush()
    _replace_lists(session, event, data)
    room = _book_room(event, caller, reserve) if event.location_kind == "internal" else None
    session.flush()
    steps.record(session, event.id, "created", caller, room)
    publish(tx, AgendaEvents.EVENT_CREATED, event)
    return event


def _check(caller: Caller, event: AgendaEvent, action: str, now: datetime):
    return EVENT.check(action, event.status, rules.capacities(caller), rules.guards(event.starts_at, now),
                       verb=VERBS[action])


def _locked(tx, caller: Caller, event_id: int, action: str, now: datetime):
    caller.require_employee()
    event = get_event(tx.session, event_id, lock=True)
    return event, _check(caller, event, action, now)


def update(tx, caller: Caller, event_id: int, data: dict, *, reserve: Reserve, release: Release,
           now: datetime | None = None) -> AgendaEvent:
    """An edit (``AgendaEventUpdateIn``, loaded, with ``version``): 409 when stale or the event is done or
    cancelled, 422 per field; a changed time or room books again under the same reference, moving outside
    releases the room."""
    now = now or utcnow()
    event, step = _locked(tx, caller, event_id, "edit", now)
    if data.get("version") != event.version:
        raise Conflict("Kegiatan ini sudah diubah orang lain; muat ulang lalu ulangi perubahan.",
                       {"version": f"Versi saat ini {event.version}, yang dikirim {data.get('version')}."})
    session = tx.session
    draft = {key: getattr(event, key) for key in SCALARS}
    draft.update({key: value for key, value in data.items() if key in SCALARS})
    if "rundown" in data:
        draft["rundown"] = data["rundown"] or []
    else:
        draft["rundown"] = [{"starts_at": r.starts_at, "ends_at": r.ends_at} for r in session.scalars(
            select(RundownItem).where(RundownItem.event_id == event.id).order_by(RundownItem.position))]
    for key in ("leaders", "guests", "protocol_staff"):
        if key in data:
            draft[key] = data[key] or []
    if "leaders" in data and not draft["leaders"]:
        raise ValidationFailed(INVALID, {"leaders": "Pilih minimal satu pimpinan."})
    _refuse(_reference_problems(session, draft, set(data)))
    before = (event.location_kind, event.room_resource_id, event.starts_at, event.ends_at)
    for key in SCALARS:
        if key in data:
            setattr(event, key, data[key])
    if event.location_kind == "external":
        event.room_resource_id = None
    _replace_lists(session, event, data)
    room = None
    if event.location_kind == "internal":
        moved = before != (event.location_kind, event.room_resource_id, event.starts_at, event.ends_at)
        if moved or event.room_status != "reserved":
            if before[1] != event.room_resource_id:
                event.room_name = None
            room = _book_room(event, caller, reserve)
    else:
        room = _release_room(event, release, "Kegiatan dipindah ke luar kantor.")
        event.room_booking_id = None if room else event.room_booking_id
        event.room_name = None
    event.version += 1
    event.updated_at = now
    session.flush()
    steps.record(session, event.id, "edited", caller, room)
    publish(tx, step.event, event, room)
    return event


def _transition(tx, caller: Caller, event_id: int, action: str, step_name: str, note: str | None,
                now: datetime | None, change: Callable[[AgendaEvent], str | None] | None = None) -> AgendaEvent:
    now = now or utcnow()
    event, step = _locked(tx, caller, event_id, action, now)
    extra = change(event) if change else None
    event.status = step.target or event.status
    event.version += 1
    event.updated_at = now
    tx.session.flush()
    written = _note(note, extra)
    steps.record(tx.session, event.id, step_name, caller, written)
    publish(tx, step.event, event, note)
    return event


def confirm(tx, caller: Caller, event_id: int, note: str | None = None, now: datetime | None = None) -> AgendaEvent:
    """Tentative → confirmed (the portal lists it when it is public)."""
    return _transition(tx, caller, event_id, "confirm", "confirmed", note, now)


def _reason(reason: str | None) -> str:
    if not reason or len(reason.strip()) < 3:
        raise ValidationFailed("Alasan wajib diisi.", {"reason": "Alasan wajib diisi (minimal 3 karakter)."})
    return reason.strip()


def postpone(tx, caller: Caller, event_id: int, reason: str, *, release: Release,
             now: datetime | None = None) -> AgendaEvent:
    """Tentative/confirmed → postponed with a reason; its room is given back until it is rescheduled."""
    reason = _reason(reason)

    def change(event: AgendaEvent) -> str | None:
        event.status_note = reason
        return _release_room(event, release, f"Kegiatan ditunda: {reason}")
    return _transition(tx, caller, event_id, "postpone", "postponed", reason, now, change)


def cancel(tx, caller: Caller, event_id: int, reason: str, *, release: Release,
           now: datetime | None = None) -> AgendaEvent:
    """Tentative/confirmed/postponed → cancelled with a reason; the room is released."""
    reason = _reason(reason)

    def change(event: AgendaEvent) -> str | None:
        event.status_note = reason
        return _release_room(event, release, f"Kegiatan dibatalkan: {reason}")
    return _transition(tx, caller, event_id, "cancel", "cancelled", reason, now, change)


def reschedule(tx, caller: Caller, event_id: int, starts_at: datetime, ends_at: datetime, *, reserve: Reserve,
               note: str | None = None, now: datetime | None = None) -> AgendaEvent:
    """A postponed event gets a new time (back to tentative); an internal one books its room again (409 when
    taken: nothing changes). The run-down must still fit the new day."""
    def change(event: AgendaEvent) -> str | None:
        _refuse(rules.period_problems(starts_at, ends_at))
        rundown = [{"starts_at": r.starts_at, "ends_at": r.ends_at} for r in tx.session.scalars(
            select(RundownItem).where(RundownItem.event_id == event.id).order_by(RundownItem.position))]
        _refuse(rules.rundown_problems(rundown, starts_at, ends_at))
        event.starts_at, event.ends_at = starts_at, ends_at
        event.status_note = None
        if event.location_kind == "internal" and event.room_resource_id:
            return _book_room(event, caller, reserve)
        return None
    return _transition(tx, caller, event_id, "reschedule", "rescheduled", note, now, change)


def complete(tx, caller: Caller, event_id: int, note: str | None = None, now: datetime | None = None) \
        -> AgendaEvent:
    """Confirmed → done, once the event has started (422 on ``starts_at`` before)."""
    return _transition(tx, caller, event_id, "mark_done", "done", note, now)


__all__ = ["agenda_day", "agenda_week", "cancel", "complete", "confirm", "conflicts_for", "create", "detail",
           "event_conflicts", "get_event", "list_events", "postpone", "read", "reference_of", "reschedule",
           "summaries", "update"]
