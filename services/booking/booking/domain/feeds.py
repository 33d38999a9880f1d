"""iCal feeds behind per-user tokens.

A token (``secrets.token_urlsafe(32)``: 256 bits) is shown once when made; only its SHA-256 is kept
(``FeedToken``), one per account: making a new one replaces the old (which stops working at once), revoking
deletes it. Whoever holds the token reads, without signing in (calendar apps cannot):

* ``mine``: the owner's own bookings — requested by them, and the bookings of the trips they drive when the
  vehicles area keeps trips (``booking_trips``: ``booking_id``, ``driver_employee_id``) — every status (rejected
  and cancelled ones as ``CANCELLED``, so a client drops them);
* ``resource``: one resource's approved and pending bookings, purposes only (what every signed-in employee sees
  on its calendar; never a guest's contact details).

The window is 30 days back to 365 days ahead. An unknown or revoked token, or one whose owner left (inactive in
the roster copy), is a 404 like an unknown resource.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from situok_kit.clock import utcnow
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.outputs import View
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..models import Base, Booking, FeedToken, Resource, RosterEmployee
from . import ical
from .access import Caller
from .requests_workflow import STATUS_LABELS

PAST = timedelta(days=30)
AHEAD = timedelta(days=365)
NOT_FOUND = "Umpan kalender tidak ditemukan atau tokennya sudah dicabut."
CONTENT_TYPE = "text/calendar; charset=utf-8"
#: The vehicles area's trips (a booking's driver).
TRIPS = "booking_trips"
#: The longest token accepted (a longer string is not looked up).
MAX_TOKEN = 128


def digest(token: str) -> str:
    return hashlib.sha256(f"feed:{token}".encode()).hexdigest()


# -- the owner's token ----------------------------------------------------------------------------

def current(session: Session, caller: Caller) -> View:
    """``FeedTokenOut``: whether the caller has a token and since when."""
    row = session.scalar(select(FeedToken).where(FeedToken.account_id == caller.account_id))
    return View(active=row is not None, created_at=row.created_at if row else None,
                last_used_at=row.last_used_at if row else None)


def create(session: Session, caller: Caller, now: datetime | None = None) -> View:
    """A new token (``FeedTokenCreatedOut``, the only time it is shown); the caller's old one is deleted."""
    caller.require_employee()
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.execute(delete(FeedToken).where(FeedToken.account_id == caller.account_id))
    session.add(FeedToken(account_id=caller.account_id, employee_id=caller.employee_id, username=caller.username,
                          token_hash=digest(token), created_at=now))
    session.flush()
    return View(token=token, created_at=now)


def revoke(session: Session, caller: Caller) -> View:
    """The caller's token stops working (nothing to revoke is fine)."""
    session.execute(delete(FeedToken).where(FeedToken.account_id == caller.account_id))
    session.flush()
    return View(active=False, created_at=None, last_used_at=None)


# -- reading a feed -------------------------------------------------------------------------------

def owner_of(session: Session, token) -> FeedToken:
    """The live token row of ``token`` (404 otherwise)."""
    computed = digest(token if isinstance(token, str) and len(token) <= MAX_TOKEN else secrets.token_hex(16))
    row = session.scalar(select(FeedToken).where(FeedToken.token_hash == computed))
    if row is None or not hmac.compare_digest(row.token_hash.encode(), computed.encode()):
        raise NotFound(NOT_FOUND, {"token": NOT_FOUND})
    if row.employee_id is not None:
        active = session.scalar(select(RosterEmployee.active).where(RosterEmployee.id == row.employee_id))
        if active is False:
            raise NotFound(NOT_FOUND, {"token": NOT_FOUND})
    return row


def _driven_booking_ids(employee_id: int):
    """A subquery of the bookings whose trip ``employee_id`` drives (the vehicles area's ``booking_trips``; None
    while there is no such table)."""
    table = Base.metadata.tables.get(TRIPS)
    if table is None or not {"booking_id", "driver_employee_id"} <= set(table.c.keys()):
        return None
    return select(table.c.booking_id).where(table.c.driver_employee_id == employee_id)


def calendar(session: Session, token, scope: str, resource_id=None, now: datetime | None = None) -> View:
    """``FeedCalendarOut`` of ``scope`` (``mine`` or ``resource`` with ``resource_id``)."""
    now = now or utcnow()
    if scope not in ("mine", "resource"):
        raise ValidationFailed("Cakupan umpan tidak dikenal.", {"scope": "Harus mine atau resource."})
    row = owner_of(session, token)
    window = (Booking.starts_at < now + AHEAD, Booking.ends_at > now - PAST)
    statement = select(Booking, Resource).join(Resource, Resource.id == Booking.resource_id).where(*window)
    if scope == "mine":
        if row.employee_id is None:
            raise NotFound(NOT_FOUND, {"token": NOT_FOUND})
        mine = [Booking.requester_employee_id == row.employee_id]
        driven = _driven_booking_ids(row.employee_id)
        if driven is not None:
            mine.append(Booking.id.in_(driven))
        statement = statement.where(or_(*mine))
        name, filename = f"Peminjaman saya — {row.username}", "peminjaman-saya.ics"
    else:
        if isinstance(resource_id, str) and resource_id.isdigit():
            resource_id = int(resource_id)
        resource = session.get(Resource, resource_id) if isinstance(resource_id, int) else None
        if resource is None:
            raise NotFound("Sumber daya tidak ditemukan.", {"resource_id": "Tidak ada sumber daya dengan id ini."})
        statement = statement.where(Booking.resource_id == resource.id,
                                    Booking.status.in_(("approved", "pending")))
        name, filename = f"Peminjaman {resource.name}", f"peminjaman-sumber-daya-{resource.id}.ics"
    entries = [ical.Entry(
        booking_id=b.id, starts_at=b.starts_at, ends_at=b.ends_at,
        summary=f"{b.purpose} — {r.name}" if scope == "mine" else b.purpose, status=b.status,
        created_at=b.created_at, updated_at=b.updated_at or b.created_at,
        location=" · ".join(x for x in (r.name, r.location) if x),
        description=f"Status: {STATUS_LABELS[b.status]}.")
        for b, r in session.execute(statement.order_by(Booking.starts_at, Booking.id))]
    row.last_used_at = now
    session.flush()
    return View(scope=scope, filename=filename, content_type=CONTENT_TYPE,
                calendar=ical.calendar(name, entries, now))
