"""The leaders the bureau serves, the order of precedence, and what a leader's printed agenda holds.

* **Leaders** (``Leader``): every employee reads the active ones, by ``position`` (the order the bureau lists
  them); protocol staff also see the inactive ones (after the active) and create and edit them: ``code``
  (lower-case letters, digits, ``_``; unique), ``title`` (≤ 200), ``holder_name``, ``precedence_code`` (a rank
  that exists), ``position``, ``active``. A leader with events still to come can be deactivated: the events keep
  them (nothing is cancelled or moved) and the answer says how many there are (``notice``).
* **The order of precedence** (``PrecedenceRank``, seeded by ``domain.precedence`` from UU 9/2010 Pasal 10): read by
  every employee by ``rank`` (lower first); protocol staff edit a rank's ``label``, ``basis`` and ``rank`` (two
  rows never share a rank) and add local ranks — with a ``rank`` of their own or ``after_code``: halfway between
  that rank and the next (the seed numbers them ×10, leaving room). A rank's ``code`` never changes (leaders and
  guests name it).
* **The printed agenda**: ``agenda_sheet`` gathers a leader's events of one WITA day or of the Monday–Sunday week
  containing a date; ``day_rows`` (pure) shapes them into rows per day — time in WITA, place, organiser, dress
  code, the notes for the leader, ``(sementara)``/``(ditunda)`` marks, cancelled events left out, an event over
  several days on each of its days — and ``documents.agenda_pdf`` renders the sheet.

Writes are protocol staff's (403 otherwise); bad input is a 422 naming the field, nothing written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from situok_kit.clock import WITA, at_wita, utcnow, wita_day
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.letters.formatting import format_date_id
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import case, func, select, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..documents.agenda_pdf import AgendaDay, AgendaRow, AgendaSheet
from ..models import AgendaEvent, EventLeader, Leader, PrecedenceRank
from .access import Caller

CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
CODE_MESSAGE = "Huruf kecil, angka dan garis bawah; diawali huruf; 2–40 karakter."
#: The statuses a leader's printed agenda shows, and how it marks them next to the event's name.
STATUS_MARKS = {"tentative": "(sementara)", "postponed": "(ditunda)", "confirmed": "", "done": ""}
HIDDEN_STATUSES = ("cancelled",)


def _insert(session: Session, row, field: str, message: str) -> None:
    """Add ``row``; a unique key taken meanwhile by another call is a 422 on ``field``, not a 500 (the checks
    before it answer the common case)."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise ValidationFailed("Data belum benar.", {field: message}) from None


# -- leaders --------------------------------------------------------------------------------------------

def _leader_views(session: Session, caller: Caller, leaders: list[Leader], notice: str | None = None) -> list[View]:
    codes = {leader.precedence_code for leader in leaders if leader.precedence_code}
    ranks = {row.code: row for row in session.scalars(select(PrecedenceRank).where(PrecedenceRank.code.in_(codes)))}
    future = upcoming_counts(session, [leader.id for leader in leaders])
    views = []
    for leader in leaders:
        rank = ranks.get(leader.precedence_code or "")
        actions = []
        if caller.is_protocol_staff:
            actions = ["edit", "deactivate" if leader.active else "reactivate"]
        views.append(View(leader, precedence_label=rank.label if rank else None,
                          precedence_rank=rank.rank if rank else None, upcoming_events=future.get(leader.id, 0),
                          allowed_actions=actions, notice=notice))
    return views


def upcoming_counts(session: Session, leader_ids: list[int], now: datetime | None = None) -> dict[int, int]:
    """Per leader: events not cancelled that have not ended yet."""
    if not leader_ids:
        return {}
    rows = session.execute(
        select(EventLeader.leader_id, func.count()).join(AgendaEvent, AgendaEvent.id == EventLeader.event_id)
        .where(EventLeader.leader_id.in_(leader_ids), AgendaEvent.ends_at > (now or utcnow()),
               AgendaEvent.status.not_in(HIDDEN_STATUSES))
        .group_by(EventLeader.leader_id))
    return dict(rows.all())


def get_leader(session: Session, leader_id: int, lock: bool = False) -> Leader:
    statement = select(Leader).where(Leader.id == leader_id)
    leader = session.scalar(statement.with_for_update() if lock else statement)
    if leader is None:
        raise NotFound("Pimpinan tidak ditemukan.")
    return leader


def list_leaders(session: Session, caller: Caller, *, include_inactive: bool = False, cursor: str | None = None,
                 limit: int = 50) -> dict:
    """Every employee: the active leaders by position; protocol staff with ``include_inactive`` also the inactive
    ones, after them. Keyset ``(inactive, position, id)``."""
    caller.require_employee()
    inactive = case((Leader.active.is_(True), 0), else_=1)
    statement = select(Leader)
    if not (include_inactive and caller.is_protocol_staff):
        statement = statement.where(Leader.active.is_(True))
    after = decode_cursor(cursor, 3)
    if after:
        statement = statement.where(tuple_(inactive, Leader.position, Leader.id) > tuple(after))
    rows = list(session.scalars(statement.order_by(inactive, Leader.position, Leader.id).limit(limit + 1)))
    found = page(rows, limit, lambda r: [0 if r.active else 1, r.position, r.id])
    found["items"] = _leader_views(session, caller, found["items"])
    return found


def leader_view(session: Session, caller: Caller, leader_id: int) -> View:
    caller.require_employee()
    return _leader_views(session, caller, [get_leader(session, leader_id)])[0]


def _check_leader(session: Session, values: dict, leader_id: int | None = None) -> None:
    problems = {}
    if "code" in values:
        if not CODE.match(values["code"] or ""):
            problems["code"] = CODE_MESSAGE
        else:
            taken = session.scalar(select(Leader.id).where(Leader.code == values["code"]))
            if taken is not None and taken != leader_id:
                problems["code"] = "Kode ini sudah dipakai pimpinan lain."
    code = values.get("precedence_code")
    if code is not None and session.scalar(select(PrecedenceRank.id).where(PrecedenceRank.code == code)) is None:
        problems["precedence_code"] = "Tidak ada tata urutan dengan kode ini."
    if problems:
        raise ValidationFailed("Data pimpinan belum benar.", problems)


def create_leader(session: Session, caller: Caller, data: dict) -> View:
    """Protocol staff: a new leader (``LeaderIn`` loaded); without ``position``, after the last one."""
    caller.require_protocol_staff()
    values = dict(data)
    _check_leader(session, values)
    if values.get("position") is None:
        values["position"] = (session.scalar(select(func.max(Leader.position))) or 0) + 1
    values.setdefault("active", True)
    leader = Leader(**values)
    _insert(session, leader, "code", "Kode ini sudah dipakai pimpinan lain.")
    return _leader_views(session, caller, [leader])[0]


def update_leader(session: Session, caller: Caller, leader_id: int, data: dict) -> View:
    """Protocol staff: change the fields sent (``LeaderIn`` loaded partially). Deactivating a leader with events
    to come keeps the events; the answer's ``notice`` says how many."""
    caller.require_protocol_staff()
    leader = get_leader(session, leader_id, lock=True)
    values = dict(data)
    if "title" in values and values["title"] is None:
        raise ValidationFailed("Data pimpinan belum benar.", {"title": "Tidak boleh kosong."})
    if "position" in values and values["position"] is None:
        values.pop("position")
    _check_leader(session, values, leader.id)
    was_active = leader.active
    for name, value in values.items():
        setattr(leader, name, value)
    session.flush()
    notice = None
    if was_active and not leader.active:
        count = upcoming_counts(session, [leader.id]).get(leader.id, 0)
        notice = "Pimpinan dinonaktifkan."
        if count:
            notice += (f" {count} kegiatan yang akan datang tetap tercatat atas namanya; ubah atau batalkan "
                       "kegiatan itu bila perlu.")
    elif not was_active and leader.active:
        notice = "Pimpinan diaktifkan kembali."
    return _leader_views(session, caller, [leader], notice)[0]


# -- the order of precedence ------------------------------------------------------------------------

def _rank_views(session: Session, caller: Caller, rows: list[PrecedenceRank]) -> list[View]:
    codes = [row.code for row in rows]
    leaders = dict(session.execute(select(Leader.precedence_code, func.count()).where(
        Leader.precedence_code.in_(codes)).group_by(Leader.precedence_code)).all()) if codes else {}
    actions = ["edit"] if caller.is_protocol_staff else []
    return [View(row, leaders=leaders.get(row.code, 0), allowed_actions=actions) for row in rows]


def get_rank(session: Session, rank_id: int) -> PrecedenceRank:
    row = session.get(PrecedenceRank, rank_id)
    if row is None:
        raise NotFound("Tata urutan tidak ditemukan.")
    return row


def list_precedence_ranks(session: Session, caller: Caller, *, cursor: str | None = None, limit: int = 50) -> dict:
    """Every employee: the order of precedence, by rank (keyset ``(rank, id)``)."""
    caller.require_employee()
    statement = select(PrecedenceRank)
    after = decode_cursor(cursor, 2)
    if after:
        statement = statement.where(tuple_(PrecedenceRank.rank, PrecedenceRank.id) > tuple(after))
    rows = list(session.scalars(statement.order_by(PrecedenceRank.rank, PrecedenceRank.id).limit(limit + 1)))
    found = page(rows, limit, lambda r: [r.rank, r.id])
    found["items"] = _rank_views(session, caller, found["items"])
    return found


def _lock_ranks(session: Session) -> None:
    """Writers of the order one at a time (two rows never get the same rank); readers are not held."""
    session.execute(text("LOCK TABLE precedence_ranks IN SHARE ROW EXCLUSIVE MODE"))


def _check_rank_free(session: Session, rank: int, rank_id: int | None = None, field: str = "rank") -> None:
    holder = session.scalar(select(PrecedenceRank).where(PrecedenceRank.rank == rank))
    if holder is not None and holder.id != rank_id:
        raise ValidationFailed("Urutan sudah dipakai.", {field: f"Urutan {rank} sudah dipakai oleh “{holder.label}”."})


def rank_between(session: Session, after_code: str) -> int:
    """The rank halfway between ``after_code``'s and the next one (the last: +10); 422 on ``after_code`` when
    there is none or no room is left between them."""
    after = session.scalar(select(PrecedenceRank).where(PrecedenceRank.code == after_code))
    if after is None:
        raise ValidationFailed("Tata urutan belum benar.", {"after_code": "Tidak ada tata urutan dengan kode ini."})
    following = session.scalar(select(func.min(PrecedenceRank.rank)).where(PrecedenceRank.rank > after.rank))
    if following is None:
        return after.rank + 10
    if following - after.rank < 2:
        raise ValidationFailed("Tata urutan belum benar.", {
            "after_code": f"Tidak ada ruang antara urutan {after.rank} dan {following}; isi urutan sendiri."})
    return after.rank + (following - after.rank) // 2


def create_precedence_rank(session: Session, caller: Caller, data: dict) -> View:
    """Protocol staff: a local rank (``PrecedenceRankIn`` loaded): ``code`` (unique), ``label``, ``basis`` and
    either ``rank`` or ``after_code`` (placed halfway to the next rank)."""
    caller.require_protocol_staff()
    values = dict(data)
    after_code = values.pop("after_code", None)
    problems = {}
    if not CODE.match(values.get("code") or ""):
        problems["code"] = CODE_MESSAGE
    elif session.scalar(select(PrecedenceRank.id).where(PrecedenceRank.code == values["code"])) is not None:
        problems["code"] = "Kode ini sudah dipakai."
    if values.get("rank") is None and not after_code:
        problems["rank"] = "Isi urutan, atau pilih sesudah tata urutan mana."
    if values.get("rank") is not None and after_code:
        problems["after_code"] = "Pilih salah satu: urutan atau sesudah tata urutan mana."
    if problems:
        raise ValidationFailed("Tata urutan belum benar.", problems)
    _lock_ranks(session)
    if after_code:
        values["rank"] = rank_between(session, after_code)
    _check_rank_free(session, values["rank"])
    row = PrecedenceRank(**values)
    _insert(session, row, "code", "Kode ini sudah dipakai.")
    return _rank_views(session, caller, [row])[0]


def update_precedence_rank(session: Session, caller: Caller, rank_id: int, data: dict) -> View:
    """Protocol staff: a rank's ``label``, ``basis`` or ``rank`` (``PrecedenceRankIn`` loaded partially; its
    ``code`` never changes: leaders and guests name it)."""
    caller.require_protocol_staff()
    problems = {name: "Kode tata urutan tidak dapat diubah." if name == "code" else "Hanya untuk tata urutan baru."
                for name in ("code", "after_code") if name in data}
    if "label" in data and data["label"] is None:
        problems["label"] = "Tidak boleh kosong."
    if "rank" in data and data["rank"] is None:
        problems["rank"] = "Tidak boleh kosong."
    if problems:
        raise ValidationFailed("Tata urutan belum benar.", problems)
    _lock_ranks(session)
    row = get_rank(session, rank_id)
    if "rank" in data:
        _check_rank_free(session, data["rank"], row.id)
    for name in ("label", "basis", "rank"):
        if name in data:
            setattr(row, name, data[name])
    session.flush()
    return _rank_views(session, caller, [row])[0]


# -- the printed agenda ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventFacts:
    """What the printed agenda needs of one event of the leader (``day_rows``'s input)."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    location_kind: str = "external"
    room_name: str | None = None
    address: str | None = None
    organiser: str | None = None
    dress_code: str | None = None
    protocol_notes: str | None = None
    role: str = "attends"
    represented_by: str | None = None


def week_days(of: date) -> list[date]:
    """Monday to Sunday of the week containing ``of``."""
    monday = of - timedelta(days=of.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def _last_day(ends_at: datetime) -> date:
    """The WITA day an event ends on (an end at midnight belongs to the day before: ends are exclusive)."""
    return wita_day(ends_at - timedelta(microseconds=1))


def time_text(starts_at: datetime, ends_at: datetime, on: date) -> str:
    """``08.00–10.00`` (WITA) on a day the event begins and ends; ``mulai 08.00``, ``sepanjang hari`` and
    ``s.d. 17.00`` on the days of an event over several days."""
    first, last = wita_day(starts_at), _last_day(ends_at)
    start, end = starts_at.astimezone(WITA).strftime("%H.%M"), ends_at.astimezone(WITA).strftime("%H.%M")
    if end == "00.00":
        end = "24.00"
    if first == last == on:
        return f"{start}–{end}"
    if on == first:
        return f"mulai {start}"
    if on == last:
        return f"s.d. {end}"
    return "sepanjang hari"


def place_text(event: EventFacts) -> str:
    if event.location_kind == "internal" and event.room_name:
        return event.room_name
    return event.address or event.room_name or "-"


def _notes(event: EventFacts) -> str:
    parts = []
    if event.role == "represented":
        parts.append(f"Diwakili oleh {event.represented_by}" if event.represented_by else "Diwakili")
    if event.protocol_notes:
        parts.append(event.protocol_notes.strip())
    return "; ".join(parts) or "-"


def _event_text(event: EventFacts, on: date) -> str:
    label = event.title.strip()
    mark = STATUS_MARKS.get(event.status, "")
    if mark:
        label = f"{label} {mark}"
    first, last = wita_day(event.starts_at), _last_day(event.ends_at)
    if first != last:
        total = (last - first).days + 1
        label += f" (hari ke-{(on - first).days + 1} dari {total}, {format_date_id(first)} s.d. {format_date_id(last)})"
    return label


def day_rows(events, days: list[date]) -> list[AgendaDay]:
    """Pure: the rows of each of ``days`` (WITA) from ``events`` (``EventFacts``-like): cancelled ones left out,
    an event on every day it touches, ordered by when it starts that day (an event carried over from the day
    before first), then by name and id."""
    shown = [event for event in events if event.status not in HIDDEN_STATUSES]
    answer = []
    for on in days:
        start = at_wita(on, time(0, 0))
        end = start + timedelta(days=1)
        todays = [e for e in shown if e.starts_at < end and e.ends_at > start]
        todays.sort(key=lambda e: (max(e.starts_at, start), e.title.lower(), e.id))
        answer.append(AgendaDay(on, [AgendaRow(
            time=time_text(e.starts_at, e.ends_at, on), event=_event_text(e, on), place=place_text(e),
            organiser=e.organiser or "-", dress_code=e.dress_code or "-", notes=_notes(e), status=e.status)
            for e in todays]))
    return answer


def parse_day(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValidationFailed("Tanggal tidak valid.", {field: "Tanggal berbentuk YYYY-MM-DD."})


def agenda_sheet(session: Session, caller: Caller, leader_id: int, *, day=None, week_of=None,
                 now: datetime | None = None) -> AgendaSheet:
    """Every employee: a leader's daily agenda (``day``; neither given: today, WITA) or weekly agenda (the week
    of ``week_of``), ready to print."""
    caller.require_employee()
    now = now or utcnow()
    if day not in (None, "") and week_of not in (None, ""):
        raise ValidationFailed("Pilih salah satu.", {"week_of": "Isi tanggal harian atau pekan, bukan keduanya."})
    first = parse_day(day, "day")
    week = parse_day(week_of, "week_of")
    leader = get_leader(session, leader_id)
    days = week_days(week) if week else [first or wita_day(now)]
    start, end = at_wita(days[0], time(0, 0)), at_wita(days[-1] + timedelta(days=1), time(0, 0))
    rows = session.execute(
        select(AgendaEvent, EventLeader.role, EventLeader.represented_by)
        .join(EventLeader, EventLeader.event_id == AgendaEvent.id)
        .where(EventLeader.leader_id == leader.id, AgendaEvent.starts_at < end, AgendaEvent.ends_at > start,
               AgendaEvent.status.not_in(HIDDEN_STATUSES))
        .order_by(AgendaEvent.starts_at, AgendaEvent.id)).all()
    events = [EventFacts(id=e.id, title=e.title, starts_at=e.starts_at, ends_at=e.ends_at, status=e.status,
                         location_kind=e.location_kind, room_name=e.room_name, address=e.address,
                         organiser=e.organiser, dress_code=e.dress_code, protocol_notes=e.protocol_notes,
                         role=role or "attends", represented_by=represented_by)
              for e, role, represented_by in rows]
    return AgendaSheet(leader_code=leader.code, leader_title=leader.title, holder_name=leader.holder_name,
                       weekly=week is not None, days=day_rows(events, days), printed_at=now)
