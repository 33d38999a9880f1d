"""The time every SITU OK service reads: instants in UTC, days and wall-clock times in WITA.

The bureau (Biro Umum dan Protokol, Bali) works in WITA (Asia/Makassar, UTC+8, no daylight saving): a
check-in's day, a letter's date and a fiscal year are WITA ones, while the database stores instants as UTC
``timestamptz``. One module, so no service converts with a zone of its own.

Only ``utcnow`` (and ``wita_day()`` without a moment) reads the clock; a service whose tests fix the time
keeps a ``now`` of its own that they replace, and passes its moment in (attendance's ``domain.clock``).
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def wita_day(moment: datetime | None = None) -> date:
    """The WITA calendar day of ``moment`` (default: now)."""
    return (moment or utcnow()).astimezone(WITA).date()


def wita_time(moment: datetime) -> time:
    """The WITA wall-clock time of ``moment``."""
    return moment.astimezone(WITA).time()


def at_wita(day: date, clock_time: time) -> datetime:
    """``day`` at ``clock_time`` WITA, as an aware UTC datetime."""
    return datetime.combine(day, clock_time, tzinfo=WITA).astimezone(UTC)


def hhmm(moment: datetime | None) -> str | None:
    """``moment`` as its WITA clock time ``HH.MM`` (the Indonesian way of writing it); None stays None."""
    return moment.astimezone(WITA).strftime("%H.%M") if moment else None
