"""agenda's rooms: a leader's internal event (``agenda-event:<id>``) or an approved official visit
(``agenda-visit:<id>``) books a room or a building here, as the system, and needs the answer now
(``reserve_for_agenda`` / ``release_for_agenda``, system callers only).

* ``reserve``: one booking per ``reference`` (``AgendaReservation``, unique). The first call makes the booking
  (source ``agenda``, the requester agenda's contact employee or none, its purpose) and approves it as the system
  in the same transaction, through the core (``domain.bookings``: the rules, the steps, ``booking.approved``).
  The same reference again with the same room and time answers the same booking (a new purpose is written on
  it, a step recorded); with another time the booking is rescheduled (``booking.rescheduled``), with another
  room a new booking is made and approved and the old one cancelled (``booking.cancelled``) — still one live
  booking per reference. A room taken — an approved booking, a blackout, a maintenance window, whether found
  first or by the exclusion constraint when approvals race — is a ``Conflict`` (409) naming what holds the time,
  ``extra['conflicts']`` listing each; nothing is written and an earlier booking of the reference stays as it
  was.
* ``release``: the reference's live booking cancelled by the system with agenda's reason (a step,
  ``booking.cancelled``); nothing when it has none (released already, or cancelled here).

The booking is like any other in the calendars, the manager's lists and the iCal feeds (its purpose shown); a
resource's approver or a keeper can still cancel it — agenda's next ``reserve`` of the reference then books
again.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from situok_kit.clock import utcnow
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.outputs import View
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import AgendaReservation, Booking, Resource, RosterEmployee
from . import bookings, periods, rules, steps

SYSTEM = steps.SYSTEM
#: What agenda may book: rooms and buildings (never a vehicle).
ROOM_KINDS = ("room", "building")
#: Statuses of a booking that still holds its room.
LIVE = ("pending", "approved")
#: The approval's note per kind of reference.
APPROVAL_NOTES = {"event": "Otomatis untuk acara agenda pimpinan", "visit": "Otomatis untuk kunjungan resmi"}


def kind_of(reference: str) -> str:
    """``event`` or ``visit`` (``agenda-event:12`` → ``event``)."""
    return reference.split(":", 1)[0].removeprefix("agenda-")


# -- checks -------------------------------------------------------------------------------------------

def bookable_room(session: Session, resource_id: int) -> Resource:
    """The room or building agenda asks for, bookable (422 on ``resource_id`` otherwise)."""
    resource = session.get(Resource, resource_id)
    if resource is None:
        raise ValidationFailed("Ruangan tidak ditemukan.",
                               {"resource_id": "Tidak ada ruangan atau gedung dengan id ini."})
    if resource.kind not in ROOM_KINDS:
        raise ValidationFailed("Agenda hanya memesan ruangan atau gedung.",
                               {"resource_id": "Hanya ruangan atau gedung yang dapat dipesan untuk agenda."})
    reason = bookings.unbookable_reason(resource)
    if reason:
        raise ValidationFailed(reason, {"resource_id": reason})
    return resource


def clashes_of(session: Session, resource: Resource, starts_at: datetime, ends_at: datetime,
               exclude_booking_id: int | None = None) -> list[bookings.Clash]:
    """Approved bookings and blocks that hold some of ``[starts_at, ends_at)`` (with the room's buffers)."""
    occupied_from, occupied_to = bookings.occupied_period(resource, starts_at, ends_at)
    return bookings.conflicts_of(session, resource.id, occupied_from, occupied_to,
                                 exclude_booking_id=exclude_booking_id)


def taken(resource: Resource, clashes: list[bookings.Clash]) -> Conflict:
    """The 409 agenda's staff read: the message names what holds the time (a block first: never negotiable,
    else the first booking, its purpose and id); ``extra['conflicts']`` lists each clash."""
    first = next((c for c in clashes if c.kind != "booking"), clashes[0])
    when = f"{periods.wita_text(first.starts_at)}–{periods.wita_text(first.ends_at)} WITA"
    if first.kind == "maintenance":
        message = f"{resource.name} dalam pemeliharaan pada {when}."
    elif first.kind == "blackout":
        message = f"{resource.name} ditutup pada {when}" + (f" ({first.label})." if first.label else ".")
    else:
        message = (f"{resource.name} sudah dipesan pada {when} untuk \u201c{first.label}\u201d "
                   f"(peminjaman #{first.booking_id}).")
    return Conflict(message, {"starts_at": message}, {"conflicts": [_clash(c) for c in clashes]})


def _clash(clash: bookings.Clash) -> dict:
    """One clash as ``extra`` carries it (no nulls: RPC would send them as text)."""
    found = {"kind": clash.kind, "starts_at": clash.starts_at.isoformat(), "ends_at": clash.ends_at.isoformat()}
    if clash.booking_id is not None:
        found |= {"booking_id": clash.booking_id, "purpose": clash.label or ""}
    else:
        found |= {"block_id": clash.block_id, "reason": clash.label or ""}
    return found


@contextmanager
def named_holder(session: Session, resource: Resource, starts_at: datetime, ends_at: datetime,
                  exclude_booking_id: int | None = None):
    """The core's own 409 for a time taken meanwhile (a racing approval caught by the exclusion constraint)
    becomes ``taken``'s, naming the booking that won; any other 409 passes as it is."""
    try:
        yield
    except Conflict:
        clashes = clashes_of(session, resource, starts_at, ends_at, exclude_booking_id)
        if clashes:
            raise taken(resource, clashes) from None
        raise


# -- reserving ----------------------------------------------------------------------------------------

def _claim(session: Session, reference: str) -> AgendaReservation:
    """The reference's row, locked (made when new: a concurrent first call waits for this one)."""
    session.execute(pg_insert(AgendaReservation).values(reference=reference)
                    .on_conflict_do_nothing(index_elements=["reference"]))
    return session.scalar(select(AgendaReservation).where(AgendaReservation.reference == reference)
                          .with_for_update())


def _live_booking(session: Session, reservation: AgendaReservation | None) -> Booking | None:
    if reservation is None or reservation.booking_id is None:
        return None
    booking = bookings.get_booking(session, reservation.booking_id, lock=True)
    return booking if booking.status in LIVE else None


def reserve(tx, data: dict, *, now: datetime | None = None) -> View:
    """Book (or keep, or move) the room of ``data['reference']`` (``AgendaRoomIn`` loaded); ``AgendaRoomOut``'s
    view of the booking."""
    session = tx.session
    now = now or utcnow()
    reference, starts_at, ends_at = data["reference"], data["starts_at"], data["ends_at"]
    reservation = _claim(session, reference)
    current = _live_booking(session, reservation)
    if current is not None and (current.resource_id, current.starts_at, current.ends_at) == (
            data["resource_id"], starts_at, ends_at):
        _set_purpose(session, current, data["purpose"])
        return view(session, reference, current)  # asked again: the same booking
    resource = bookable_room(session, data["resource_id"])
    problems = rules.period_problems(resource.kind, starts_at, ends_at, now)
    if problems:
        raise ValidationFailed("Jadwal ruangan agenda belum benar.", problems)
    moved_here = current is not None and current.resource_id == resource.id
    clashes = clashes_of(session, resource, starts_at, ends_at, current.id if moved_here else None)
    if clashes:
        raise taken(resource, clashes)
    if moved_here:
        with named_holder(session, resource, starts_at, ends_at, current.id):
            booking = bookings.reschedule(tx, SYSTEM, current.id, starts_at, ends_at, now=now, check=False)
            if booking.status == "pending":
                bookings.approve(tx, SYSTEM, booking.id, APPROVAL_NOTES[kind_of(reference)], check=False)
        _set_purpose(session, booking, data["purpose"])
    else:
        booking = _book(tx, resource, data, now)
        if current is not None:
            bookings.cancel(tx, SYSTEM, current.id, f"Dipindah ke {resource.name} ({reference}).", check=False)
    reservation.booking_id = booking.id
    reservation.updated_at = utcnow()
    session.flush()
    return view(session, reference, booking, resource)


def _book(tx, resource: Resource, data: dict, now: datetime) -> Booking:
    """A new booking of ``resource`` for the reference, approved by the system (no ``booking.requested``:
    it is never pending outside this transaction)."""
    session = tx.session
    requester = data.get("contact_employee_id")
    unit_id = None
    if requester is not None:
        unit_id = session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == requester))
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    with named_holder(session, resource, starts_at, ends_at):
        booking = bookings.create(tx, SYSTEM, resource, {"purpose": data["purpose"], "starts_at": starts_at,
                                                         "ends_at": ends_at},
                                  source="agenda", requester_employee_id=requester, requester_unit_id=unit_id,
                                  now=now, publish=False)
        bookings.approve(tx, SYSTEM, booking.id, APPROVAL_NOTES[kind_of(data["reference"])], check=False)
    return booking


def _set_purpose(session: Session, booking: Booking, purpose: str) -> None:
    """agenda's new title on the booking (a step records the old one)."""
    if booking.purpose == purpose:
        return
    note = f"Keperluan diubah oleh agenda; sebelumnya: {booking.purpose}"[:1000]
    booking.purpose = purpose
    booking.updated_at = utcnow()
    session.flush()
    steps.record(session, booking, "purpose_changed", SYSTEM, note)


# -- releasing ----------------------------------------------------------------------------------------

def release(tx, data: dict) -> View | None:
    """Cancel the live booking of ``data['reference']`` (``AgendaRoomReleaseIn`` loaded) with its reason;
    ``None`` when there is none."""
    session = tx.session
    reference = data["reference"]
    reservation = session.scalar(select(AgendaReservation).where(AgendaReservation.reference == reference)
                                 .with_for_update())
    current = _live_booking(session, reservation)
    if current is None:
        return None
    booking = bookings.cancel(tx, SYSTEM, current.id, data["reason"], check=False)
    reservation.updated_at = utcnow()
    session.flush()
    return view(session, reference, booking)


# -- reading ------------------------------------------------------------------------------------------

def view(session: Session, reference: str, booking: Booking, resource: Resource | None = None) -> View:
    """``AgendaRoomOut``'s view of ``booking``."""
    resource = resource or session.get(Resource, booking.resource_id)
    return View(booking, reference=reference, booking_id=booking.id, resource_name=resource.name)


__all__ = ["reserve", "release", "view", "bookable_room", "named_holder", "taken"]
