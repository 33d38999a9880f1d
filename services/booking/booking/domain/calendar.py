"""Calendars: a resource's day, week (Monday–Sunday) or month around a WITA date, and a day's overview of every
resource of a kind. Approved and pending bookings (pending marked) and blocks, each with its times, its purpose
or reason and its status — never a guest's contact details. An entry crossing midnight shows on each of its days.
Two statements per calendar (bookings through the GiST index ``ix_bookings_resource_period``, blocks)."""
from __future__ import annotations

import calendar as month_calendar
from datetime import date, datetime, timedelta

from situok_kit.errors import ValidationFailed
from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from ..models import Booking, Resource, ResourceBlock
from . import bookings, periods

VIEWS = ("day", "week", "month")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
OVERVIEW_LIMIT = 200


def parse_day(value, field: str = "date") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationFailed("Tanggal tidak valid.", {field: "Harus tanggal YYYY-MM-DD."}) from None


def span(view: str, day: date) -> tuple[date, date, date, date]:
    """``(first day, last day, previous reference, next reference)`` of ``view`` around ``day``."""
    if view == "day":
        return day, day, day - timedelta(days=1), day + timedelta(days=1)
    if view == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6), day - timedelta(days=7), day + timedelta(days=7)
    if view == "month":
        last = month_calendar.monthrange(day.year, day.month)[1]
        previous = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        following = day.replace(day=last) + timedelta(days=1)
        return day.replace(day=1), day.replace(day=last), previous, following
    raise ValidationFailed("Tampilan tidak dikenal.", {"view": "Harus salah satu dari: day, week, month."})


def entries(session: Session, resource_ids: list[int], start: datetime, end: datetime) -> list[dict]:
    """Approved/pending bookings and blocks of ``resource_ids`` meeting ``[start, end)``, by start."""
    if not resource_ids:
        return []
    window = func.tstzrange(literal(start), literal(end), "[)")
    occupied = func.tstzrange(Booking.occupied_from, Booking.occupied_to, "[)")
    found = [{"kind": "booking", "resource_id": b.resource_id, "booking_id": b.id, "block_id": None,
              "starts_at": b.starts_at, "ends_at": b.ends_at, "label": b.purpose, "status": b.status,
              "pending": b.status == "pending", "source": b.source}
             for b in session.execute(select(Booking.id, Booking.resource_id, Booking.starts_at, Booking.ends_at,
                                             Booking.purpose, Booking.status, Booking.source).where(
                 Booking.resource_id.in_(resource_ids), Booking.status.in_(("pending", "approved")),
                 occupied.op("&&")(window), Booking.starts_at < end, Booking.ends_at > start))]
    found += [{"kind": k.kind, "resource_id": k.resource_id, "booking_id": None, "block_id": k.id,
               "starts_at": k.starts_at, "ends_at": k.ends_at, "label": k.reason, "status": None, "pending": False,
               "source": None}
              for k in session.scalars(select(ResourceBlock).where(
                  ResourceBlock.resource_id.in_(resource_ids), ResourceBlock.starts_at < end,
                  ResourceBlock.ends_at > start))]
    return sorted(found, key=lambda e: (e["starts_at"], e["kind"] != "booking", e["ends_at"]))


def by_day(found: list[dict], first: date, last: date) -> list[dict]:
    """Each WITA day of ``[first, last]`` with the entries meeting it (pure)."""
    days = []
    day = first
    while day <= last:
        lo, hi = periods.wita_day_bounds(day)
        days.append({"date": day, "weekday": WEEKDAYS[day.weekday()],
                     "entries": [e for e in found if e["starts_at"] < hi and e["ends_at"] > lo]})
        day += timedelta(days=1)
    return days


def resource_calendar(session: Session, resource_id: int, view: str, day) -> dict:
    if view not in VIEWS:
        raise ValidationFailed("Tampilan tidak dikenal.", {"view": "Harus salah satu dari: day, week, month."})
    day = parse_day(day)
    resource = bookings.get_resource(session, resource_id)
    first, last, previous, following = span(view, day)
    start, _ = periods.wita_day_bounds(first)
    _, end = periods.wita_day_bounds(last)
    return {"resource": resource, "view": view, "date": day, "starts_on": first, "ends_on": last,
            "previous_date": previous, "next_date": following,
            "days": by_day(entries(session, [resource.id], start, end), first, last)}


def overview(session: Session, kind: str, day) -> dict:
    """Every active resource of ``kind`` (by name) with its entries of the WITA ``day``."""
    if kind not in ("room", "building", "vehicle"):
        raise ValidationFailed("Jenis tidak dikenal.", {"kind": "Harus salah satu dari: room, building, vehicle."})
    day = parse_day(day)
    resources = list(session.scalars(select(Resource).where(
        Resource.kind == kind, Resource.active.is_(True), Resource.withdrawn_reason.is_(None))
        .order_by(Resource.name, Resource.id).limit(OVERVIEW_LIMIT)))
    start, end = periods.wita_day_bounds(day)
    found = entries(session, [r.id for r in resources], start, end)
    rows = [{"resource_id": r.id, "resource_name": r.name, "resource_code": r.code, "capacity": r.capacity,
             "bookable": bookings.unbookable_reason(r) is None,
             "entries": [e for e in found if e["resource_id"] == r.id]} for r in resources]
    return {"kind": kind, "date": day, "previous_date": day - timedelta(days=1), "next_date": day + timedelta(days=1),
            "rows": rows}
