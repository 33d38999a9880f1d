"""The lists of bookings (``BookingPage``), keyset-paginated:

* ``mine``: the caller's own requests — ``upcoming`` (not ended yet) soonest first, otherwise newest first;
* ``inbox``: the pending requests of the resources the caller approves (``approvers.approvable``), oldest first,
  each with its conflicts (approved bookings, other pending requests, blocks: ``bookings.views``);
* ``listing``: every booking of the resources the caller approves — or, for a keeper, of every resource — by
  start (a manager's or the pengurus barang's overview); 403 for whoever approves and keeps nothing.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.clock import utcnow
from situok_kit.errors import Forbidden, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..models import Booking, Resource
from . import approvers
from .access import Caller
from .bookings import views

NOT_APPROVER_NOR_KEEPER = "Daftar ini hanya untuk pengelola sumber daya, peran penyetuju dan pengurus barang."


def _moment(value) -> datetime:
    try:
        found = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        found = None
    if found is None or found.tzinfo is None:
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
    return found


def _after(cursor: str | None, descending: bool):
    """The keyset condition past ``cursor`` on ``(starts_at, id)``."""
    after = decode_cursor(cursor, 2)
    if after is None:
        return None
    moment, last_id = _moment(after[0]), after[1]
    if not isinstance(last_id, int):
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
    if descending:
        return or_(Booking.starts_at < moment, and_(Booking.starts_at == moment, Booking.id < last_id))
    return or_(Booking.starts_at > moment, and_(Booking.starts_at == moment, Booking.id > last_id))


def _by_start(session: Session, caller: Caller, query, cursor: str | None, limit: int, *, descending: bool,
              with_conflicts: bool = True) -> dict:
    condition = _after(cursor, descending)
    if condition is not None:
        query = query.where(condition)
    order = (Booking.starts_at.desc(), Booking.id.desc()) if descending else (Booking.starts_at, Booking.id)
    rows = list(session.scalars(query.order_by(*order).limit(limit + 1)))
    result = page(rows, limit, lambda b: [b.starts_at.isoformat(), b.id])
    result["items"] = views(session, caller, result["items"], with_conflicts=with_conflicts)
    return result


def mine(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int,
         now: datetime | None = None) -> dict:
    """The caller's own bookings: ``upcoming=True`` those not ended, soonest first; ``False`` those ended, newest
    first; none: all, newest first. ``status`` narrows them."""
    caller.require_employee()
    query = select(Booking).where(Booking.requester_employee_id == caller.employee_id)
    if filters.get("status"):
        query = query.where(Booking.status == filters["status"])
    upcoming = filters.get("upcoming")
    now = now or utcnow()
    if upcoming is True:
        query = query.where(Booking.ends_at > now)
    elif upcoming is False:
        query = query.where(Booking.ends_at <= now)
    return _by_start(session, caller, query, cursor, limit, descending=upcoming is not True)


def inbox(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """The pending requests the caller decides, oldest request first (keyset on id), with their conflicts.
    Nobody's inbox is an error: a caller who approves nothing gets an empty page."""
    query = select(Booking).join(Resource, Resource.id == Booking.resource_id).where(
        Booking.status == "pending", approvers.approvable(session, caller))
    if filters.get("kind"):
        query = query.where(Resource.kind == filters["kind"])
    after = decode_cursor(cursor, 1)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
        query = query.where(Booking.id > after[0])
    rows = list(session.scalars(query.order_by(Booking.id).limit(limit + 1)))
    result = page(rows, limit, lambda b: [b.id])
    result["items"] = views(session, caller, result["items"])
    return result


def listing(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """Every booking of the resources the caller approves (a keeper: of all), by start; filters ``resource_id``,
    ``status`` and a period (``starts_at``/``ends_at``: the bookings overlapping it)."""
    query = select(Booking).join(Resource, Resource.id == Booking.resource_id)
    if not caller.is_keeper:
        if not approvers.approves_some(session, caller):
            raise Forbidden(NOT_APPROVER_NOR_KEEPER)
        query = query.where(approvers.approvable(session, caller))
    if filters.get("resource_id"):
        query = query.where(Booking.resource_id == filters["resource_id"])
    if filters.get("status"):
        query = query.where(Booking.status == filters["status"])
    if filters.get("starts_at"):
        query = query.where(Booking.ends_at > filters["starts_at"])
    if filters.get("ends_at"):
        query = query.where(Booking.starts_at < filters["ends_at"])
    return _by_start(session, caller, query, cursor, limit, descending=False)


__all__ = ["inbox", "listing", "mine"]
