"""Guest requests from the public portal: another agency or a member of the public asks to borrow a building or
hall without an account.

* ``guest_resources``: what a guest may ask for — active, bookable resources marked ``guest_bookable`` (rooms and
  buildings only), with what a guest needs to choose (name, location, capacity, facilities), nothing internal;
* ``submit``: the form (``GuestRequestIn``, loaded). In order: the **honeypot** (``website`` filled: the answer
  looks like a success with a code that was never stored — a bot learns nothing, nothing is written); the
  **per-client limit** (``BookingSettings.guest_requests_per_hour`` requests per hour per client, counted in
  ``guest_requests`` under a transaction-scoped advisory lock on the client's key, so every instance shares it
  and two racing requests cannot both slip under it; the key is the SHA-256 of the address the edge passed,
  never anything the guest sends); the guest rules (``guest_problems``: at most ``guest_max_days`` long, starting
  within ``guest_horizon_days``); then the core makes the pending booking (``bookings.create``, source
  ``guest``, no requester; its conflicts and rules apply as to anyone) and this module the ``GuestRequest`` row
  with the SHA-256 of a fresh tracking code (``domain.guest_codes``), returned once in the receipt;
* ``request_status``: a code's request — status, resource, times, the decision's reason; an unknown and a
  malformed code get the same 404 after the same work (no enumeration);
* ``queue``: the staff's list of guest requests for the resources the caller approves (``approvers.approvable``),
  each a ``BookingOut`` whose ``guest`` contact the core fills for approvers (``contacts_of``).

The approver decides a guest booking like any other (``bookings.approve`` / ``bookings.reject`` with a reason).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from situok_kit.clock import utcnow
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from situok_kit.public_forms import hourly_limit, too_many
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Booking, GuestRequest, Resource
from . import approvers, guest_codes, rules, settings
from .access import Caller
from .requests_workflow import STATUS_LABELS

GUEST_KINDS = ("room", "building")
NOT_FOUND = "Kode pelacakan tidak dikenal. Periksa kembali kode yang Anda simpan."
NOT_FOR_GUESTS = "Gedung/aula ini tidak dapat dimohon melalui portal publik."


def contacts_of(session: Session, booking_ids) -> dict[int, dict]:
    """``{booking_id: GuestContactOut fields}`` of the guest bookings among ``booking_ids``."""
    ids = list(booking_ids)
    if not ids:
        return {}
    rows = session.scalars(select(GuestRequest).where(GuestRequest.booking_id.in_(ids)))
    return {row.booking_id: {"agency": row.agency, "name": row.name, "email": row.email, "phone": row.phone}
            for row in rows}


# -- what a guest may ask for ---------------------------------------------------------------------

def _guest_bookable():
    return (Resource.guest_bookable.is_(True), Resource.kind.in_(GUEST_KINDS), Resource.active.is_(True),
            Resource.withdrawn_reason.is_(None))


def guest_resources(session: Session) -> list[Resource]:
    """The resources guests may ask for, by name (those the core would refuse at any time left out)."""
    found = session.scalars(select(Resource).where(*_guest_bookable()).order_by(Resource.name, Resource.id))
    return [r for r in found if rules.unbookable_reason(
        kind=r.kind, active=r.active, withdrawn_reason=r.withdrawn_reason, condition=r.condition,
        asset_available=r.asset_available, under_maintenance=r.under_maintenance) is None]


def guest_problems(starts_at: datetime, ends_at: datetime, now: datetime, *, max_days: int,
                   horizon_days: int) -> dict[str, str]:
    """``{field: message}`` for a period the guest form refuses (pure; the core's own rules come after)."""
    problems: dict[str, str] = {}
    if ends_at > starts_at and ends_at - starts_at > timedelta(days=max_days):
        problems["ends_at"] = f"Peminjaman oleh tamu paling lama {max_days} hari."
    if starts_at > now + timedelta(days=horizon_days):
        problems["starts_at"] = f"Permohonan tamu paling jauh {horizon_days} hari ke depan."
    return problems


# -- the form -------------------------------------------------------------------------------------

def _check_limit(session: Session, client_hash: str, per_hour: int, now: datetime) -> None:
    """429 when ``client_hash`` made ``per_hour`` requests in the last hour (``situok_kit.public_forms``: counted
    under an advisory lock, so concurrent requests of one client count one after the other)."""
    hourly_limit(session, client_hash, GuestRequest.client_hash, GuestRequest.created_at, per_hour, now,
                 too_many("permohonan", per_hour))


def submit(tx, data: dict, client_address, *, now: datetime | None = None) -> View:
    """The guest's request (see module doc): a ``GuestReceiptOut`` view with the tracking code, shown once."""
    session = tx.session
    now = now or utcnow()
    if data.get("website"):
        # the honeypot: looks like a success, nothing stored, no event
        name = session.scalar(select(Resource.name).where(Resource.id == data["resource_id"], *_guest_bookable()))
        return View(tracking_code=guest_codes.new_code(), status="pending", status_label=STATUS_LABELS["pending"],
                    resource_name=name or "-", starts_at=data["starts_at"],
                    ends_at=data["ends_at"])
    row = settings.get_settings(session)
    client_hash = guest_codes.client_key(client_address)
    _check_limit(session, client_hash, row.guest_requests_per_hour, now)
    resource = session.scalar(select(Resource).where(Resource.id == data["resource_id"], *_guest_bookable())
                              .with_for_update(read=True))
    if resource is None:
        raise ValidationFailed("Permohonan peminjaman belum benar.", {"resource_id": NOT_FOR_GUESTS})
    problems = guest_problems(data["starts_at"], data["ends_at"], now, max_days=row.guest_max_days,
                              horizon_days=row.guest_horizon_days)
    if problems:
        raise ValidationFailed("Permohonan peminjaman belum benar.", problems)
    from . import bookings  # the core imports this module (contacts_of)

    booking = bookings.create(tx, "guest", resource, {
        "starts_at": data["starts_at"], "ends_at": data["ends_at"], "purpose": data["purpose"],
        "participants": data["participants"]}, source="guest", now=now)
    code = guest_codes.new_code()
    session.add(GuestRequest(booking_id=booking.id, code_hash=guest_codes.digest(guest_codes.normalise(code)),
                             agency=data.get("agency"), name=data["name"], phone=data["phone"],
                             email=data.get("email"), client_hash=client_hash, created_at=now))
    session.flush()
    return View(booking, tracking_code=code, status_label=STATUS_LABELS[booking.status],
                resource_name=resource.name)


# -- following a request --------------------------------------------------------------------------

def request_status(session: Session, code) -> View:
    """The request of tracking code ``code`` (``GuestRequestStatusOut``); 404 with one message otherwise."""
    computed, well_formed = guest_codes.hash_of(code)
    found = session.execute(select(GuestRequest, Booking, Resource)
                            .join(Booking, Booking.id == GuestRequest.booking_id)
                            .join(Resource, Resource.id == Booking.resource_id)
                            .where(GuestRequest.code_hash == computed)).first()
    if found is None or not well_formed or not guest_codes.same(found[0].code_hash, computed):
        raise NotFound(NOT_FOUND, {"code": NOT_FOUND})
    _, booking, resource = found
    reason = booking.cancel_reason if booking.status == "cancelled" else booking.decision_note
    return View(booking, status_label=STATUS_LABELS[booking.status], resource_name=resource.name,
                resource_location=resource.location, submitted_at=booking.created_at, reason=reason)


# -- the staff's queue ----------------------------------------------------------------------------

def queue(session: Session, caller: Caller, status: str | None = None, cursor: str | None = None,
          limit=50) -> dict:
    """Guest requests for the resources ``caller`` approves, newest first (a ``BookingPage``)."""
    from . import bookings

    if not approvers.approves_some(session, caller):
        raise Forbidden("Hanya pengelola yang menyetujui gedung/ruangan yang dapat melihat permohonan tamu.")
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 1)
    statement = (select(Booking).join(Resource, Resource.id == Booking.resource_id)
                 .where(Booking.source == "guest", approvers.approvable(session, caller)))
    if status:
        statement = statement.where(Booking.status == status)
    if after:
        statement = statement.where(Booking.id < int(after[0]))
    rows = list(session.scalars(statement.order_by(Booking.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda b: [b.id])
    answer["items"] = bookings.views(session, caller, answer["items"])
    return answer


# -- sample data ----------------------------------------------------------------------------------

def demo(session: Session) -> dict:
    """``make run``: the first local building or room becomes guest-bookable (when none is), so the portal's
    form has something to offer."""
    if session.scalar(select(Resource.id).where(Resource.guest_bookable.is_(True)).limit(1)) is not None:
        return {"guest_bookable": 0}
    first = session.scalar(select(Resource).where(Resource.kind.in_(GUEST_KINDS), Resource.active.is_(True))
                           .order_by(Resource.kind, Resource.id).limit(1))
    if first is None:
        return {"guest_bookable": 0}
    first.guest_bookable = True
    session.flush()
    return {"guest_bookable": 1}
