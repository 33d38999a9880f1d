"""The events area's pure rules (no database, no clock: the caller passes ``now``): conflicts in a leader's
agenda on given intervals, the run-down's times against the event's WITA day(s), the WITA day and week
bounds of the agenda views, the capacities and guards the workflow (``domain.events_workflow``) needs.

* a **conflict** of an event is another event that is not cancelled, shares at least one leader with it and
  overlaps it in time (``[starts, ends)``: one ending at 10.00 and one starting at 10.00 do not clash); a
  cancelled event has none;
* a **run-down item** of an event within one WITA day lies inside the event (its start from the event's start
  to its end, its end — when given — after its start and not after the event's end); an event spanning several
  WITA days takes any time of day (the item's date is not stored), an end still after the start.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from situok_kit.clock import WITA, at_wita

from .access import Caller
from .events_workflow import PROTOCOL

#: Length limits of an event's lists (the schema enforces them; the web's blank rows stay under them).
MAX_LEADERS = 20
MAX_PARTICIPANTS = 100
MAX_GUESTS = 100
MAX_RUNDOWN = 60
MAX_STAFF = 30
#: The longest event (days): a leader's agenda item, not a season.
MAX_DAYS = 14
#: The largest window a list may ask for at once (the week view is 7 days).
MAX_WINDOW_DAYS = 62
CANCELLED = "cancelled"


@dataclass(frozen=True)
class Interval:
    """An event as conflict detection sees it."""

    id: int
    starts_at: datetime
    ends_at: datetime
    leader_ids: frozenset[int]
    status: str = "tentative"


def overlaps(a_starts: datetime, a_ends: datetime, b_starts: datetime, b_ends: datetime) -> bool:
    """Whether ``[a_starts, a_ends)`` and ``[b_starts, b_ends)`` share some time."""
    return a_starts < b_ends and b_starts < a_ends


def conflicts_of(target: Interval, others: Iterable[Interval]) -> list[tuple[Interval, frozenset[int]]]:
    """The events of ``others`` that clash with ``target``, each with the leaders they share, by start then id.
    A cancelled target, or a cancelled other, clashes with nothing; ``target`` itself is skipped."""
    if target.status == CANCELLED:
        return []
    found = []
    for other in others:
        if other.id == target.id or other.status == CANCELLED:
            continue
        shared = target.leader_ids & other.leader_ids
        if shared and overlaps(target.starts_at, target.ends_at, other.starts_at, other.ends_at):
            found.append((other, frozenset(shared)))
    return sorted(found, key=lambda pair: (pair[0].starts_at, pair[0].id))


def conflicts_among(targets: Iterable[Interval], others: Iterable[Interval]) \
        -> dict[int, list[tuple[Interval, frozenset[int]]]]:
    """``conflicts_of`` for each of ``targets`` (by id) against ``others`` (which may include the targets)."""
    others = list(others)
    return {target.id: conflicts_of(target, others) for target in targets}


def period_problems(starts_at: datetime | None, ends_at: datetime | None) -> dict[str, str]:
    """An event's time: the end after the start, at most ``MAX_DAYS`` long."""
    if starts_at is None or ends_at is None:
        return {}
    if ends_at <= starts_at:
        return {"ends_at": "Waktu selesai harus setelah waktu mulai."}
    if ends_at - starts_at > timedelta(days=MAX_DAYS):
        return {"ends_at": f"Sebuah kegiatan paling lama {MAX_DAYS} hari."}
    return {}


def _clock(value: time) -> str:
    return value.strftime("%H.%M")


def rundown_problems(items: list[dict], starts_at: datetime, ends_at: datetime) -> dict[str, str]:
    """Each run-down item (``starts_at``/``ends_at``: WITA clock times, ``ends_at`` optional) against the event's
    WITA day(s); ``{"rundown.<i>.starts_at": message}`` per bad item (``i`` from 0, as the form sends them)."""
    problems: dict[str, str] = {}
    local_start, local_end = starts_at.astimezone(WITA), ends_at.astimezone(WITA)
    one_day = local_start.date() == local_end.date() or (
        local_end.date() == local_start.date() + timedelta(days=1) and local_end.time() == time(0))
    last = time(23, 59, 59) if local_end.time() == time(0) else local_end.time().replace(tzinfo=None)
    first = local_start.time().replace(tzinfo=None)
    for index, item in enumerate(items):
        begin, end = item.get("starts_at"), item.get("ends_at")
        if begin is None:
            continue
        if one_day and not first <= begin <= last:
            problems[f"rundown.{index}.starts_at"] = (
                f"Harus di dalam waktu kegiatan ({_clock(first)}–{_clock(local_end.time())} WITA).")
            continue
        if end is not None and end <= begin:
            problems[f"rundown.{index}.ends_at"] = "Harus setelah waktu mulai acara ini."
        elif end is not None and one_day and end > last:
            problems[f"rundown.{index}.ends_at"] = (
                f"Tidak boleh melewati akhir kegiatan ({_clock(local_end.time())} WITA).")
    return problems


def duplicate_problems(values: list, field: str, message: str) -> dict[str, str]:
    """``{"<field>.<i>": message}`` for every value seen before at an earlier index (None ignored)."""
    seen: set = set()
    problems = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            problems[field.format(index)] = message
        seen.add(value)
    return problems


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The WITA day ``day`` as ``[start, end)`` in UTC."""
    return at_wita(day, time(0)), at_wita(day + timedelta(days=1), time(0))


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def week_days(day: date) -> list[date]:
    """Monday to Sunday of ``day``'s week."""
    monday = week_start(day)
    return [monday + timedelta(days=offset) for offset in range(7)]


def wita_days_of(starts_at: datetime, ends_at: datetime) -> list[date]:
    """The WITA days ``[starts_at, ends_at)`` touches (an end at midnight does not touch the next day)."""
    first = starts_at.astimezone(WITA).date()
    last = (ends_at - timedelta(microseconds=1)).astimezone(WITA).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def capacities(caller: Caller) -> frozenset[str]:
    """What the caller is to any event: protocol staff (and admin) take every step."""
    return frozenset({PROTOCOL}) if caller.is_protocol_staff else frozenset()


def guards(starts_at: datetime, now: datetime) -> dict:
    """The workflow's guards: ``started`` (done only once the event has begun)."""
    return {"started": lambda: None if starts_at <= now
            else ("starts_at", "Kegiatan belum dimulai; belum dapat ditandai selesai.")}
