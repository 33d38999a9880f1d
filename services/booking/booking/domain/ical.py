"""Bookings as an iCalendar (RFC 5545) calendar — pure: no database, no clock (``now`` is given).

Times are written in UTC (``DTSTART:20310304T010000Z``), which every client shows in its own zone; the calendar
names WITA (``X-WR-TIMEZONE:Asia/Makassar``) as the zone it is about. Each booking is one ``VEVENT``:

* ``UID`` ``booking-<id>@situok-booking``: stable, so a client updates the event instead of adding another;
* ``SEQUENCE``: seconds from the booking's creation to its last change (``updated_at``) — grows with every
  change; ``LAST-MODIFIED`` and ``DTSTAMP``: ``updated_at``;
* ``STATUS``: ``CONFIRMED`` (approved), ``TENTATIVE`` (pending), ``CANCELLED`` (rejected or cancelled: a client
  removes or strikes it through);
* ``SUMMARY``: the purpose (and the resource in a person's feed), ``LOCATION`` the resource, ``DESCRIPTION`` the
  status in Indonesian. Never a guest's contact details.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event

PRODID = "-//Pemprov Bali//SITU OK Peminjaman//ID"
TIMEZONE = "Asia/Makassar"
ICAL_STATUS = {"approved": "CONFIRMED", "pending": "TENTATIVE", "rejected": "CANCELLED", "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class Entry:
    """One booking as a feed shows it."""

    booking_id: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    status: str
    created_at: datetime
    updated_at: datetime
    location: str | None = None
    description: str | None = None


def uid(booking_id: int) -> str:
    return f"booking-{booking_id}@situok-booking"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def calendar(name: str, entries, now: datetime) -> str:
    """The RFC 5545 text of a calendar called ``name`` holding ``entries`` (CRLF line ends, folded lines)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIMEZONE)
    cal.add("x-published-ttl", "PT1H")
    for entry in entries:
        event = Event()
        event.add("uid", uid(entry.booking_id))
        event.add("dtstamp", _utc(entry.updated_at or now))
        event.add("dtstart", _utc(entry.starts_at))
        event.add("dtend", _utc(entry.ends_at))
        event.add("summary", entry.summary)
        event.add("status", ICAL_STATUS[entry.status])
        event.add("sequence", max(0, int((entry.updated_at - entry.created_at).total_seconds())))
        event.add("created", _utc(entry.created_at))
        event.add("last-modified", _utc(entry.updated_at))
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.status != "approved":
            event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
