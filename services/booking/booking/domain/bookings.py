"""Bookings: make a request, see what it would collide with, approve (the database has the last word), reject,
cancel, reschedule — each step recorded (``domain.steps``) and published in its transaction. The rules are
``domain.rules`` (pure), the workflow ``domain.requests_workflow.BOOKING``, who approves ``domain.approvers``.

Every other area makes and decides bookings through here: series (their occurrences), guests (the public
portal's requests), vehicles (travel's reservations).

No double booking, ever: ``approve`` writes ``status = 'approved'`` inside a savepoint; two approvals racing for
one slot both pass the code's checks, and PostgreSQL's exclusion constraint ``ex_bookings_no_overlap`` lets
exactly one commit — the other gets ``exclusion_violation`` (23P01), answered as a 409 naming the booking it
collides with. Blocks (blackouts, maintenance windows) are checked under a share lock on the resource row, which
a new block takes exclusively (``lock_resource``), so a window and an approval cannot cross.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import utcnow
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.workflow import parties
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Booking, Resource, ResourceBlock
from ..schemas.requests import BookingEvent
from . import approvers, guests, periods, roster, rules, steps, trips
from .access import Caller
from .requests_workflow import APPROVER, BOOKING, KEEPER, REQUESTER, STATUS_LABELS, VERBS

EXCLUSION_VIOLATION = "23P01"
_event = BookingEvent()

#: Who acts when no employee does: a guest (the public portal) or the system (travel, assets).
Actor = Caller | str


# -- resources ----------------------------------------------------------------------------------------

def get_resource(session: Session, resource_id: int, *, lock: str | None = None) -> Resource:
    """The resource (404 when unknown); ``lock`` ``share`` (deciding a booking) or ``update`` (adding a block,
    changing buffers) takes the row lock that keeps blocks and approvals from crossing."""
    statement = select(Resource).where(Resource.id == resource_id)
    if lock == "share":
        statement = statement.with_for_update(read=True)
    elif lock == "update":
        statement = statement.with_for_update()
    resource = session.scalar(statement)
    if resource is None:
        raise NotFound("Sumber daya tidak ditemukan.", {"resource_id": "Tidak ada sumber daya dengan id ini."})
    return resource


def unbookable_reason(resource: Resource) -> str | None:
    return rules.unbookable_reason(kind=resource.kind, active=resource.active,
                                   withdrawn_reason=resource.withdrawn_reason, condition=resource.condition,
                                   asset_available=resource.asset_available,
                                   under_maintenance=resource.under_maintenance)


def occupied_period(resource: Resource, starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    return periods.occupied(starts_at, ends_at, resource.buffer_before_minutes, resource.buffer_after_minutes)


# -- conflicts ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Clash:
    """One thing a booking would collide with (``ConflictOut``)."""

    kind: str
    starts_at: datetime
    ends_at: datetime
    label: str | None = None
    booking_id: int | None = None
    block_id: int | None = None
    status: str | None = None


def conflicts_of(session: Session, resource_id: int, occupied_from: datetime, occupied_to: datetime, *,
                 exclude_booking_id: int | None = None, pending_too: bool = False) -> list[Clash]:
    """Approved bookings (and with ``pending_too`` the other pending requests) and blocks of ``resource_id``
    overlapping ``[occupied_from, occupied_to)``, by start."""
    statuses = ("approved", "pending") if pending_too else ("approved",)
    booked = select(Booking).where(
        Booking.resource_id == resource_id, Booking.status.in_(statuses),
        Booking.occupied_from < occupied_to, Booking.occupied_to > occupied_from)
    if exclude_booking_id is not None:
        booked = booked.where(Booking.id != exclude_booking_id)
    found = [Clash("booking", b.starts_at, b.ends_at, b.purpose, booking_id=b.id, status=b.status)
             for b in session.scalars(booked)]
    blocks = select(ResourceBlock).where(ResourceBlock.resource_id == resource_id,
                                         ResourceBlock.starts_at < occupied_to, ResourceBlock.ends_at > occupied_from)
    found += [Clash(block.kind, block.starts_at, block.ends_at, block.reason, block_id=block.id)
              for block in session.scalars(blocks)]
    return sorted(found, key=lambda clash: (clash.starts_at, clash.kind))


def _refuse_clashes(clashes: list[Clash]) -> None:
    """409 naming the first clash (blocks first: a maintenance window or a blackout is never negotiable)."""
    if not clashes:
        return
    first = next((c for c in clashes if c.kind != "booking"), clashes[0])
    when = f"{periods.wita_text(first.starts_at)}–{periods.wita_text(first.ends_at)} WITA"
    if first.kind == "maintenance":
        message = f"Sumber daya ini dalam pemeliharaan pada {when}."
    elif first.kind == "blackout":
        message = f"Sumber daya ini ditutup pada {when}" + (f" ({first.label})." if first.label else ".")
    else:
        message = f"Waktu ini bentrok dengan peminjaman lain yang sudah disetujui ({when})."
    raise Conflict(message, {"starts_at": message})


# -- making a request ---------------------------------------------------------------------------------

def create(tx, by: Actor, resource: Resource, data: dict, *, source: str = "staff",
           requester_employee_id: int | None = None, requester_unit_id: int | None = None,
           series_id: int | None = None, occurrence_start: datetime | None = None,
           travel_order_id: int | None = None, allow_conflicts: bool = False,
           now: datetime | None = None, publish: bool = True) -> Booking:
    """A pending booking of ``resource`` from ``data`` (``BookingIn`` loaded: times, purpose, people, contact).

    422 naming the field for a rule broken (``domain.rules``: the period, the people); 409 when the resource
    cannot be booked at all, or (unless ``allow_conflicts``: a series' occurrences, reported when the series is
    decided) when an approved booking or a block already holds the time. Records the ``submitted`` step and
    publishes ``booking.requested`` (``publish``)."""
    session = tx.session
    now = now or utcnow()
    reason = unbookable_reason(resource)
    if reason:
        raise Conflict(reason, {"resource_id": reason})
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    problems = rules.period_problems(resource.kind, starts_at, ends_at, now)
    problems.update(rules.size_problems(resource.kind, resource.capacity, participants=data.get("participants"),
                                        passengers=data.get("passengers"),
                                        needs_driver=data.get("needs_driver", True)))
    if problems:
        raise ValidationFailed("Permohonan peminjaman belum benar.", problems)
    occupied_from, occupied_to = occupied_period(resource, starts_at, ends_at)
    if not allow_conflicts:
        _refuse_clashes(conflicts_of(session, resource.id, occupied_from, occupied_to))
    booking = Booking(
        resource_id=resource.id, source=source, series_id=series_id, occurrence_start=occurrence_start,
        requester_employee_id=requester_employee_id, requester_unit_id=requester_unit_id,
        travel_order_id=travel_order_id, purpose=data["purpose"], starts_at=starts_at, ends_at=ends_at,
        occupied_from=occupied_from, occupied_to=occupied_to, participants=data.get("participants"),
        passengers=data.get("passengers"), destination=data.get("destination"),
        needs_driver=data.get("needs_driver", True) if resource.kind == "vehicle" else False,
        contact_name=data.get("contact_name"), contact_phone=data.get("contact_phone"),
        created_by=by.username if isinstance(by, Caller) else by)
    session.add(booking)
    session.flush()
    steps.record(session, booking, "submitted", by)
    if publish:
        publish_event(tx, BookingEvents.REQUESTED, booking, resource)
    return booking


def create_for_employee(tx, caller: Caller, data: dict, **options) -> Booking:
    """An employee's own request (``create_booking``)."""
    caller.require_employee()
    resource = get_resource(tx.session, data["resource_id"])
    return create(tx, caller, resource, data, requester_employee_id=caller.employee_id,
                  requester_unit_id=caller.unit_id, **options)


# -- reading ------------------------------------------------------------------------------------------

def get_booking(session: Session, booking_id: int, *, lock: bool = False) -> Booking:
    statement = select(Booking).where(Booking.id == booking_id)
    if lock:
        statement = statement.with_for_update()
    booking = session.scalar(statement)
    if booking is None:
        raise NotFound("Peminjaman tidak ditemukan.")
    return booking


def capacities(session: Session, caller: Caller, booking: Booking, resource: Resource) -> frozenset[str]:
    """What ``caller`` is to ``booking`` (``requests_workflow``'s capacities, with its parties)."""
    own = bool(caller.employee_id) and caller.employee_id == booking.requester_employee_id
    found = set(parties(created=own, participates=False))
    if own and booking.source != "agenda":
        # agenda's bookings are moved and released through the event or visit they belong to (agenda keeps the
        # reference); their contact in booking may not cancel or move them behind agenda's back
        found.add(REQUESTER)
    if approvers.may_approve(session, caller, resource):
        found.add(APPROVER)
    if caller.is_keeper:
        found.add(KEEPER)
    return frozenset(found)


def guards(booking: Booking, resource: Resource) -> dict:
    """The workflow's guards: a driver is assigned to a vehicle booking only."""
    return {"vehicle": lambda: None if resource.kind == "vehicle" and booking.needs_driver
            else ("resource_id", "Pengemudi hanya untuk peminjaman kendaraan dengan pengemudi.")}


def views(session: Session, caller: Caller, bookings: list[Booking], *, detail: bool = False,
          with_conflicts: bool = True) -> list[View]:
    """Each booking as ``BookingOut`` shows it to ``caller``: the resource's name, the requester's name, the
    caller's ``allowed_actions``, a guest's contact (approvers only), the trip, a pending booking's conflicts
    (approvers only, ``with_conflicts``) and with ``detail`` its steps. A few queries for a whole page."""
    if not bookings:
        return []
    ids = [b.id for b in bookings]
    resources = {r.id: r for r in session.scalars(select(Resource).where(
        Resource.id.in_({b.resource_id for b in bookings})))}
    names = roster.names(session, {b.requester_employee_id for b in bookings})
    contacts = guests.contacts_of(session, ids)
    trip_of = trips.summaries_of(session, ids)
    history = steps.of(session, ids) if detail else {}
    answers = []
    for booking in bookings:
        resource = resources[booking.resource_id]
        held = capacities(session, caller, booking, resource)
        approver = APPROVER in held or KEEPER in held
        contact = contacts.get(booking.id)
        clashes = []
        if with_conflicts and approver and booking.status == "pending":
            clashes = conflicts_of(session, resource.id, booking.occupied_from, booking.occupied_to,
                                   exclude_booking_id=booking.id, pending_too=True)
        answers.append(View(
            booking, resource_kind=resource.kind, resource_name=resource.name, resource_code=resource.code,
            status_label=STATUS_LABELS[booking.status],
            requester_name=names.get(booking.requester_employee_id) or (contact or {}).get("agency")
            or (contact or {}).get("name") if approver else names.get(booking.requester_employee_id),
            guest=contact if approver else None, trip=trip_of.get(booking.id), conflicts=clashes,
            steps=history.get(booking.id, []),
            allowed_actions=BOOKING.allowed_actions(booking.status, held, guards(booking, resource))))
    return answers


# -- deciding -----------------------------------------------------------------------------------------

def _check(session: Session, caller: Caller, booking: Booking, resource: Resource, action: str):
    return BOOKING.check(action, booking.status, capacities(session, caller, booking, resource),
                         guards(booking, resource), verb=VERBS[action])


def approve(tx, by: Actor, booking_id: int, note: str | None = None, *, check: bool = True) -> Booking:
    """Approve a pending booking (``check``: as ``by`` may; the system approves travel's reservations without).

    409 when the resource can no longer be booked, when a block holds the time, or when the exclusion
    constraint finds an approved booking there — however many approvals race, one wins."""
    session = tx.session
    booking = get_booking(session, booking_id, lock=True)
    resource = get_resource(session, booking.resource_id, lock="share")
    if check and isinstance(by, Caller):
        _check(session, by, booking, resource, "approve")
    elif booking.status != "pending":
        raise Conflict(f"Peminjaman berstatus {STATUS_LABELS[booking.status]} tidak dapat disetujui.",
                       {"status": f"Status saat ini: {booking.status}."})
    reason = unbookable_reason(resource)
    if reason:
        raise Conflict(reason, {"resource_id": reason})
    _refuse_clashes([c for c in conflicts_of(session, resource.id, booking.occupied_from, booking.occupied_to,
                                             exclude_booking_id=booking.id) if c.kind != "booking"])
    mark_approved(session, booking, by)
    booking.decision_note = note
    steps.record(session, booking, "approved", by, note)
    publish_event(tx, BookingEvents.APPROVED, booking, resource, note)
    return booking


def mark_approved(session: Session, booking: Booking, by: Actor) -> None:
    """``status = 'approved'`` inside a savepoint: an ``exclusion_violation`` becomes a 409 naming the approved
    booking the time belongs to, and the surrounding transaction carries on (a series approves occurrence after
    occurrence)."""
    try:
        with session.begin_nested():
            booking.status = "approved"
            booking.decided_by_employee_id = by.employee_id if isinstance(by, Caller) else None
            booking.decided_at = utcnow()
            booking.updated_at = booking.decided_at
            session.flush()
    except IntegrityError as exc:
        if getattr(exc.orig, "pgcode", None) != EXCLUSION_VIOLATION:
            raise
        session.refresh(booking)
        holder = session.scalar(select(Booking).where(
            Booking.resource_id == booking.resource_id, Booking.status == "approved", Booking.id != booking.id,
            Booking.occupied_from < booking.occupied_to, Booking.occupied_to > booking.occupied_from).limit(1))
        message = "Waktu ini baru saja disetujui untuk peminjaman lain."
        raise Conflict(message, {"starts_at": message + (f" (peminjaman #{holder.id})" if holder else "")}) from None


def reject(tx, caller: Caller, booking_id: int, note: str | None) -> Booking:
    """The approver refuses a pending booking; the reason is required."""
    if not note:
        raise ValidationFailed("Alasan penolakan wajib diisi.", {"note": "Alasan penolakan wajib diisi."})
    session = tx.session
    booking = get_booking(session, booking_id, lock=True)
    resource = get_resource(session, booking.resource_id)
    _check(session, caller, booking, resource, "reject")
    booking.status = "rejected"
    booking.decided_by_employee_id = caller.employee_id
    booking.decided_at = booking.updated_at = utcnow()
    booking.decision_note = note
    session.flush()
    steps.record(session, booking, "rejected", caller, note)
    publish_event(tx, BookingEvents.REJECTED, booking, resource, note)
    return booking


def cancel(tx, by: Actor, booking_id: int, reason: str, *, check: bool = True) -> Booking:
    """The requester or the approver (``check``) — or the system (travel's SPT cancelled, assets' withdrawal) —
    cancels a pending or approved booking with a reason; a vehicle's trip goes with it."""
    session = tx.session
    booking = get_booking(session, booking_id, lock=True)
    resource = get_resource(session, booking.resource_id)
    if check and isinstance(by, Caller):
        _check(session, by, booking, resource, "cancel")
    elif booking.status not in ("pending", "approved"):
        raise Conflict(f"Peminjaman berstatus {STATUS_LABELS[booking.status]} tidak dapat dibatalkan.",
                       {"status": f"Status saat ini: {booking.status}."})
    booking.status = "cancelled"
    booking.cancelled_by = by.username if isinstance(by, Caller) else by
    booking.cancelled_at = booking.updated_at = utcnow()
    booking.cancel_reason = reason
    session.flush()
    steps.record(session, booking, "cancelled", by, reason)
    trips.booking_cancelled(tx, booking)
    publish_event(tx, BookingEvents.CANCELLED, booking, resource, reason)
    return booking


def reschedule(tx, by: Actor, booking_id: int, starts_at: datetime, ends_at: datetime, *,
               now: datetime | None = None, detach: bool = False, check: bool = True) -> Booking:
    """Move a pending or approved booking (the requester or the approver; ``check=False``: the system, or an
    area that checked already): the rules again, no clash with an approved booking or a block. An approved
    booking moved by its requester goes back to pending; moved by its approver (or the system) it stays
    approved and the exclusion constraint checks the new time. ``detach`` marks a series' occurrence moved
    alone."""
    session = tx.session
    booking = get_booking(session, booking_id, lock=True)
    resource = get_resource(session, booking.resource_id, lock="share")
    approver = not isinstance(by, Caller)
    if isinstance(by, Caller):
        held = capacities(session, by, booking, resource)
        if check:
            BOOKING.check("reschedule", booking.status, held, guards(booking, resource), verb=VERBS["reschedule"])
        approver = APPROVER in held or not check
    elif booking.status not in ("pending", "approved"):
        raise Conflict(f"Peminjaman berstatus {STATUS_LABELS[booking.status]} tidak dapat diubah jadwalnya.",
                       {"status": f"Status saat ini: {booking.status}."})
    problems = rules.period_problems(resource.kind, starts_at, ends_at, now or utcnow())
    if problems:
        raise ValidationFailed("Jadwal baru belum benar.", problems)
    occupied_from, occupied_to = occupied_period(resource, starts_at, ends_at)
    _refuse_clashes(conflicts_of(session, resource.id, occupied_from, occupied_to, exclude_booking_id=booking.id))
    note = f"Dari {periods.wita_text(booking.starts_at)}–{periods.wita_text(booking.ends_at)} WITA"
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.occupied_from, booking.occupied_to = occupied_from, occupied_to
    booking.detached = booking.detached or detach
    booking.updated_at = utcnow()
    if booking.status == "approved" and approver:
        mark_approved(session, booking, by)  # the constraint checks the new time
    elif booking.status == "approved":
        booking.status = "pending"
        booking.decided_by_employee_id = booking.decided_at = booking.decision_note = None
        note += "; menunggu persetujuan lagi"
    session.flush()
    if resource.kind == "vehicle":
        trips.booking_rescheduled(tx, booking)  # the trip moves with it, or loses a driver not free then
    steps.record(session, booking, "rescheduled", by, note)
    publish_event(tx, BookingEvents.RESCHEDULED, booking, resource, note)
    return booking


# -- events -------------------------------------------------------------------------------------------

def event_payload(booking: Booking, resource: Resource, note: str | None = None) -> dict:
    return _event.dump(View(booking, resource_key=resource.resource_key, asset_id=resource.asset_id,
                            resource_kind=resource.kind, resource_name=resource.name, note=note))


def publish_event(tx, event: str, booking: Booking, resource: Resource, note: str | None = None) -> None:
    tx.emit(event, event_payload(booking, resource, note))


# -- lists --------------------------------------------------------------------------------------------

def overlapping(resource_ids, starts: datetime, ends: datetime, statuses=("approved",)):
    """A condition on ``Booking``: of one of ``resource_ids``, occupying some of ``[starts, ends)``."""
    return and_(Booking.resource_id.in_(list(resource_ids)), Booking.status.in_(statuses),
                Booking.occupied_from < ends, Booking.occupied_to > starts)


def count_pending(session: Session, condition) -> int:
    return session.scalar(select(func.count()).select_from(Booking).join(Resource).where(
        Booking.status == "pending", condition)) or 0


__all__ = ["Clash", "approve", "cancel", "conflicts_of", "create", "create_for_employee", "get_booking",
           "get_resource", "reject", "reschedule", "views"]
