"""Time ranges of bookings: what a booking occupies with its resource's buffers, whether two ranges meet, and
WITA days. Pure functions: no database, no clock.

A booking of ``[starts_at, ends_at)`` on a resource with buffers ``before``/``after`` minutes occupies
``[starts_at - before, ends_at + after)``; two approved bookings of one resource never occupy the same instant
(the database's ``ex_bookings_no_overlap`` guarantees it; ``overlaps`` is the same test in Python, for
showing conflicts before approving).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from situok_kit.clock import WITA


def occupied(starts_at: datetime, ends_at: datetime, before_minutes: int, after_minutes: int
             ) -> tuple[datetime, datetime]:
    """``(occupied_from, occupied_to)`` of a booking with the resource's buffers."""
    return starts_at - timedelta(minutes=before_minutes), ends_at + timedelta(minutes=after_minutes)


def overlaps(a_from: datetime, a_to: datetime, b_from: datetime, b_to: datetime) -> bool:
    """Whether half-open ``[a_from, a_to)`` and ``[b_from, b_to)`` share an instant (touching ends do not)."""
    return a_from < b_to and b_from < a_to


def wita_day_bounds(day: date) -> tuple[datetime, datetime]:
    """``[00:00, next day's 00:00)`` of a WITA calendar day, as aware datetimes."""
    start = datetime(day.year, day.month, day.day, tzinfo=WITA)
    return start, start + timedelta(days=1)


def wita_text(moment: datetime) -> str:
    """``03-12-2026 09:00`` in WITA (messages and step notes)."""
    return moment.astimezone(WITA).strftime("%d-%m-%Y %H:%M")
