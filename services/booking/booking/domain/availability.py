"""Availability first: which resources of a kind are free for a period and fit the needs, best fit first — and
when none is, the nearest free slots of the same length on the resources that fit.

A resource is listed when it can be booked at all (``bookings.unbookable_reason`` is None), the people fit
(``rules.size_problems``), it has every facility asked for, and no approved booking nor block touches the
period *with its buffers* (``bookings.occupied_period``). The page is one SQL statement: the resources' filters,
two ``NOT EXISTS`` probes (the bookings' GiST index ``ix_bookings_resource_period`` and the blocks' index on
``(resource_id, starts_at)``), ordered by ``(capacity, name, id)`` — keyset-paginated on that key. The same rules
are checked again in Python over the page (the SQL and ``domain.rules`` cannot drift apart unnoticed).

The alternatives (``nearest_slots``, pure) look ±``ALTERNATIVE_DAYS`` days around the period, inside working
hours ``WORK_HOURS`` WITA (for a period longer than the working day: starting at its opening), best first (the
smallest shift), at most ``MAX_ALTERNATIVES``.
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import datetime, time, timedelta

from situok_kit.clock import WITA, utcnow, wita_day
from situok_kit.pagination import decode_cursor, encode_cursor
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models import Booking, Resource, ResourceBlock
from . import bookings, rules

ALTERNATIVE_DAYS = 7
WORK_HOURS = (time(7, 0), time(18, 0))
MAX_ALTERNATIVES = 10
#: Resources that fit looked at for alternatives (best fit first).
ALTERNATIVE_CANDIDATES = 40
#: Now is rounded up to this step as the earliest alternative.
STEP = timedelta(minutes=30)
NO_CAPACITY = 2_147_483_647


# -- pure parts ---------------------------------------------------------------------------------------

def seats_needed(kind: str, participants: int | None, passengers: int | None, needs_driver: bool) -> int | None:
    """The capacity a resource must have (a vehicle's seats include the driver's when it comes with one)."""
    if kind == "vehicle":
        return None if passengers is None else passengers + (1 if needs_driver else 0)
    return participants


def fits(resource, needs: dict) -> bool:
    """The resource can be booked at all, the people fit and it has every facility asked for."""
    if bookings.unbookable_reason(resource) is not None:
        return False
    if rules.size_problems(resource.kind, resource.capacity, participants=needs.get("participants"),
                           passengers=needs.get("passengers"), needs_driver=needs.get("needs_driver", True)):
        return False
    return set(needs.get("facilities") or ()) <= set(resource.facilities or ())


def fit_key(resource) -> tuple:
    """Best fit first: the smallest sufficient capacity (none stated: last), then the name."""
    return (resource.capacity if resource.capacity is not None else NO_CAPACITY, resource.name, resource.id)


def _in_hours(start: datetime, length: timedelta) -> bool:
    local = start.astimezone(WITA)
    opens = datetime.combine(local.date(), WORK_HOURS[0], tzinfo=WITA)
    closes = datetime.combine(local.date(), WORK_HOURS[1], tzinfo=WITA)
    if length > closes - opens:  # longer than a working day: it starts at an opening
        return local == opens
    return opens <= local and local + length <= closes


def _free(starts: list[datetime], reach: list[datetime], occ_from: datetime, occ_to: datetime) -> bool:
    """No busy interval meets ``[occ_from, occ_to)``: of those starting before ``occ_to`` (``starts`` sorted),
    the furthest end (``reach``: the running maximum of the ends) is at or before ``occ_from``."""
    index = bisect_left(starts, occ_to)
    return index == 0 or reach[index - 1] <= occ_from


def nearest_slots(busy: list[tuple[datetime, datetime]], start: datetime, end: datetime, *, before: int = 0,
                  after: int = 0, now: datetime | None = None, days: int = ALTERNATIVE_DAYS
                  ) -> list[datetime]:
    """The nearest free starts of a ``[start, end)`` booking, one earlier and one later, within ±``days`` and
    working hours, not in the past. ``busy``: what the resource already holds (approved bookings' occupied
    periods, blocks); the new booking occupies its period with the buffers ``before``/``after`` (minutes)."""
    length = end - start
    pad_before, pad_after = timedelta(minutes=before), timedelta(minutes=after)
    busy = sorted(busy)
    starts = [b[0] for b in busy]
    reach: list[datetime] = []
    for _, b_to in busy:
        reach.append(max(reach[-1], b_to) if reach else b_to)
    low, high = start - timedelta(days=days), start + timedelta(days=days)
    now = now or utcnow()
    # the free starts form intervals; the nearest one on each side is one of their edges: right after something
    # ends, right before something begins, a day's opening or closing, or now (rounded up to ``STEP``)
    candidates = {start + STEP * -((start - now) // STEP)} if now > low else set()
    for b_from, b_to in busy:
        candidates.add(b_to + pad_before)
        candidates.add(b_from - pad_after - length)
    day = wita_day(low)
    while day <= wita_day(high):
        candidates.add(datetime.combine(day, WORK_HOURS[0], tzinfo=WITA))
        candidates.add(datetime.combine(day, WORK_HOURS[1], tzinfo=WITA) - length)
        day += timedelta(days=1)
    found = []
    earlier = sorted((c for c in candidates if low <= c < start and c >= now), reverse=True)
    later = sorted(c for c in candidates if start < c <= high and c >= now)
    for ordered in (earlier, later):
        for candidate in ordered:
            if _in_hours(candidate, length) and _free(starts, reach, candidate - pad_before,
                                                      candidate + length + pad_after):
                found.append(candidate)
                break
    return sorted(found, key=lambda c: (abs(c - start), c))


# -- the search ---------------------------------------------------------------------------------------

_PAGE_SQL = """
SELECT r.* FROM resources r
WHERE r.kind = :kind AND r.active AND r.withdrawn_reason IS NULL
  AND (r.condition IS NULL OR r.condition <> 'RB') AND (r.asset_available OR r.under_maintenance)
  {needs}
  {free}
  {after}
ORDER BY COALESCE(r.capacity, 2147483647), r.name, r.id
LIMIT :limit
"""
_FREE_SQL = """
  AND NOT EXISTS (
    SELECT 1 FROM bookings b
    WHERE b.resource_id = r.id AND b.status IN ('pending', 'approved') AND b.status = 'approved'
      AND tstzrange(b.occupied_from, b.occupied_to, '[)')
          && tstzrange(CAST(:starts AS timestamptz) - make_interval(mins => r.buffer_before_minutes),
                       CAST(:ends AS timestamptz) + make_interval(mins => r.buffer_after_minutes), '[)'))
  AND NOT EXISTS (
    SELECT 1 FROM resource_blocks k
    WHERE k.resource_id = r.id
      AND k.starts_at < CAST(:ends AS timestamptz) + make_interval(mins => r.buffer_after_minutes)
      AND k.ends_at > CAST(:starts AS timestamptz) - make_interval(mins => r.buffer_before_minutes))
"""


def page_sql(query: dict, *, free: bool, after: list | None, limit: int) -> tuple[str, dict]:
    """The page's SQL and its parameters (``free``: without an approved booking or a block in the period)."""
    params = {"kind": query["kind"], "limit": limit}
    needs = []
    seats = seats_needed(query["kind"], query.get("participants"), query.get("passengers"),
                         query.get("needs_driver", True))
    if seats is not None:
        needs.append("AND (r.capacity IS NULL OR r.capacity >= :seats)")
        params["seats"] = seats
    if query.get("facilities"):
        needs.append("AND r.facilities @> CAST(:facilities AS varchar[])")
        params["facilities"] = sorted(set(query["facilities"]))
    if free:
        params["starts"], params["ends"] = query["starts_at"], query["ends_at"]
    keyset = ""
    if after:
        keyset = "AND (COALESCE(r.capacity, 2147483647), r.name, r.id) > (:after_capacity, :after_name, :after_id)"
        params.update(after_capacity=int(after[0]), after_name=str(after[1]), after_id=int(after[2]))
    return _PAGE_SQL.format(needs="\n  ".join(needs), free=_FREE_SQL if free else "", after=keyset), params


def _statement(query: dict, *, free: bool, after: list | None, limit: int):
    sql, params = page_sql(query, free=free, after=after, limit=limit)
    return select(Resource).from_statement(text(sql).bindparams(**params))


def search(session: Session, query: dict, *, now: datetime | None = None) -> dict:
    """``AvailabilityIn`` loaded → ``{items, next_cursor, alternatives, starts_at, ends_at, kind}``."""
    limit = query.get("limit") or 50
    after = decode_cursor(query.get("cursor"), 3)
    rows = list(session.scalars(_statement(query, free=True, after=after, limit=limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    items = [r for r in rows if fits(r, query)]
    answer = {"items": items, "next_cursor": encode_cursor(list(fit_key(rows[-1]))) if more and rows else None,
              "alternatives": [], "starts_at": query["starts_at"], "ends_at": query["ends_at"],
              "kind": query["kind"]}
    if not items and not after:
        answer["alternatives"] = alternatives(session, query, now=now)
    return answer


def alternatives(session: Session, query: dict, *, now: datetime | None = None) -> list[dict]:
    """The nearest free slots of the same length on the resources that fit (best first, at most
    ``MAX_ALTERNATIVES``)."""
    start, end = query["starts_at"], query["ends_at"]
    candidates = [r for r in session.scalars(_statement(query, free=False, after=None, limit=ALTERNATIVE_CANDIDATES))
                  if fits(r, query)]
    if not candidates:
        return []
    ids = [r.id for r in candidates]
    margin = timedelta(days=ALTERNATIVE_DAYS + 2)
    low, high = start - margin, end + margin
    busy: dict[int, list[tuple[datetime, datetime]]] = {i: [] for i in ids}
    for rid, b_from, b_to in session.execute(select(Booking.resource_id, Booking.occupied_from, Booking.occupied_to)
                                             .where(bookings.overlapping(ids, low, high))):
        busy[rid].append((b_from, b_to))
    for rid, b_from, b_to in session.execute(select(ResourceBlock.resource_id, ResourceBlock.starts_at,
                                                    ResourceBlock.ends_at).where(
            ResourceBlock.resource_id.in_(ids), ResourceBlock.starts_at < high, ResourceBlock.ends_at > low)):
        busy[rid].append((b_from, b_to))
    found = []
    for resource in candidates:
        for slot in nearest_slots(busy[resource.id], start, end, before=resource.buffer_before_minutes,
                                  after=resource.buffer_after_minutes, now=now):
            found.append({"resource_id": resource.id, "resource_name": resource.name,
                          "resource_code": resource.code, "capacity": resource.capacity, "starts_at": slot,
                          "ends_at": slot + (end - start),
                          "shift_minutes": int((slot - start).total_seconds() // 60), "_fit": fit_key(resource)})
    found.sort(key=lambda a: (abs(a["shift_minutes"]), a["_fit"], a["starts_at"]))
    return [{k: v for k, v in a.items() if k != "_fit"} for a in found[:MAX_ALTERNATIVES]]
