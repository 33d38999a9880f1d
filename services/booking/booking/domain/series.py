"""Recurring series: a rule (``domain.recurrence``, pure) and its occurrences, each a ``Booking`` made, decided,
moved and cancelled through the core (``domain.bookings``).

* **create**: an employee's series of a room or building; every occurrence a pending booking (conflicts
  allowed at this point: each shows what it collides with), ``booking.series_created``;
* **decide**: the resource's approver (never the requester: the core's workflow) approves every pending
  occurrence that does not conflict — each in its own savepoint (``bookings.mark_approved`` through
  ``bookings.approve``), so one taken slot leaves the rest approved — and leaves the conflicting ones pending,
  answering the report; or rejects every pending one with a reason. ``booking.series_decided`` with the report,
  each occurrence's own ``booking.approved``/``booking.rejected`` too;
* **one occurrence alone**: moved (``bookings.reschedule(detach=True)``: the series' later edits leave it) or
  cancelled (``bookings.cancel``);
* **this and following**: the series ends the day before the occurrence, its later occurrences not changed
  alone are cancelled ("diganti seri baru"), a new series (``split_from_id``) starts at the occurrence with the
  new rule — leaving out the dates an occurrence changed alone keeps — ``booking.series_split``;
* **cancel**: every future pending/approved occurrence cancelled with the reason.

Who: the requester (own series), the resource's approvers (decide, cancel, read), the keepers (read).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Booking, BookingSeries, Resource
from ..schemas.series import SeriesCreatedEvent, SeriesDecidedEvent, SeriesSplitEvent
from . import approvers, bookings, recurrence, roster
from .access import Caller

SERIES_STATUS_LABELS = {"active": "berjalan", "ended": "berakhir", "cancelled": "dibatalkan"}
SERIES_KINDS = ("room", "building")
REPLACED = "diganti seri baru"
NOT_YOURS = "Seri ini milik pegawai lain."
LIVE = ("pending", "approved")

_created_event = SeriesCreatedEvent()
_decided_event = SeriesDecidedEvent()
_split_event = SeriesSplitEvent()


# -- reading ------------------------------------------------------------------------------------------

def get_series(session: Session, series_id: int, *, lock: bool = False) -> BookingSeries:
    statement = select(BookingSeries).where(BookingSeries.id == series_id)
    if lock:
        statement = statement.with_for_update()
    series = session.scalar(statement)
    if series is None:
        raise NotFound("Seri peminjaman tidak ditemukan.")
    return series


def occurrences_of(session: Session, series_id: int) -> list[Booking]:
    return list(session.scalars(select(Booking).where(Booking.series_id == series_id).order_by(
        Booking.starts_at, Booking.id)))


def _roles(session: Session, caller: Caller, series: BookingSeries, resource: Resource) -> tuple[bool, bool]:
    """(requester, approver) of ``series``."""
    own = bool(caller.employee_id) and caller.employee_id == series.requester_employee_id
    return own, approvers.may_approve(session, caller, resource)


def readable(session: Session, caller: Caller, series: BookingSeries) -> Resource:
    """The series' resource when ``caller`` may read the series (404 otherwise: it is not theirs to know)."""
    resource = bookings.get_resource(session, series.resource_id)
    own, approver = _roles(session, caller, series, resource)
    if not (own or approver or caller.is_keeper):
        raise NotFound("Seri peminjaman tidak ditemukan.")
    return resource


def blocking_conflicts(session: Session, booking: Booking) -> list[bookings.Clash]:
    """What keeps a pending occurrence from being approved now: approved bookings and blocks."""
    return bookings.conflicts_of(session, booking.resource_id, booking.occupied_from, booking.occupied_to,
                                 exclude_booking_id=booking.id)


def series_actions(*, status: str, own: bool, approver: bool, pending: int, live_future: int) -> list[str]:
    """What the caller may do to a whole series (pure): decide (the approver, not the requester, while
    occurrences wait), cancel (either, while future occurrences are live), edit this-and-following (the
    requester, while the series runs)."""
    actions = []
    if status == "active" and approver and not own and pending:
        actions += ["approve", "reject"]
    if status == "active" and (own or approver) and live_future:
        actions.append("cancel")
    if status == "active" and own and live_future:
        actions.append("edit_following")
    return actions


def _conflict_view(session: Session, booking: Booking) -> View | None:
    clashes = blocking_conflicts(session, booking)
    return View(booking, conflicts=clashes) if clashes else None


def series_views(session: Session, caller: Caller, items: list[BookingSeries], *,
                 detail: bool = False) -> list[View]:
    """Each series as ``SeriesOut`` shows it to ``caller``; ``detail``: with its occurrences (``BookingOut``)."""
    if not items:
        return []
    ids = [s.id for s in items]
    resources = {r.id: r for r in session.scalars(select(Resource).where(
        Resource.id.in_({s.resource_id for s in items})))}
    names = roster.names(session, {s.requester_employee_id for s in items})
    counts: dict[int, dict[str, int]] = {i: dict.fromkeys(("pending", "approved", "rejected", "cancelled"), 0)
                                         for i in ids}
    for series_id, status, number in session.execute(select(Booking.series_id, Booking.status, func.count()).where(
            Booking.series_id.in_(ids)).group_by(Booking.series_id, Booking.status)):
        counts[series_id][status] = number
    now = utcnow()
    live_future = dict(session.execute(select(Booking.series_id, func.count()).where(
        Booking.series_id.in_(ids), Booking.status.in_(LIVE), Booking.starts_at > now
    ).group_by(Booking.series_id)).all())
    split_into = dict(session.execute(select(BookingSeries.split_from_id, func.max(BookingSeries.id)).where(
        BookingSeries.split_from_id.in_(ids)).group_by(BookingSeries.split_from_id)).all())
    answers = []
    for series in items:
        resource = resources[series.resource_id]
        own, approver = _roles(session, caller, series, resource)
        rule = recurrence.rule_of(series)
        occurrences = occurrences_of(session, series.id) if detail else []
        pending = [b for b in occurrences if b.status == "pending"]
        answers.append(View(
            series, resource_kind=resource.kind, resource_name=resource.name,
            requester_name=names.get(series.requester_employee_id), weekdays=list(series.weekdays or []),
            except_dates=list(series.except_dates or []), skipped_months=_skipped(rule),
            rule_text=recurrence.describe(rule), status_label=SERIES_STATUS_LABELS[series.status],
            split_into_id=split_into.get(series.id), counts=counts[series.id],
            conflicting=[v for v in (_conflict_view(session, b) for b in pending) if v],
            occurrences=bookings.views(session, caller, occurrences) if detail else [],
            allowed_actions=series_actions(status=series.status, own=own, approver=approver,
                                           pending=counts[series.id]["pending"],
                                           live_future=live_future.get(series.id, 0))))
    return answers


def _skipped(rule: recurrence.Rule) -> list[date]:
    try:
        return recurrence.expand(rule).skipped
    except ValidationFailed:  # a split series' shortened period may give no occurrence any more
        return []


def series_view(session: Session, caller: Caller, series: BookingSeries) -> View:
    return series_views(session, caller, [series], detail=True)[0]


def list_mine(session: Session, caller: Caller, cursor: str | None, limit: int) -> dict:
    """The caller's series, newest first (keyset on id)."""
    statement = select(BookingSeries).where(BookingSeries.requester_employee_id == caller.employee_id)
    after = decode_cursor(cursor, 1)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali."})
        statement = statement.where(BookingSeries.id < after[0])
    rows = list(session.scalars(statement.order_by(BookingSeries.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda s: [s.id])
    result["items"] = series_views(session, caller, result["items"])
    return result


# -- making -------------------------------------------------------------------------------------------

def _rule_from(data: dict) -> recurrence.Rule:
    return recurrence.Rule(
        frequency=data["frequency"], starts_on=data["starts_on"], until_on=data["until_on"],
        start_time=data["start_time"], end_time=data["end_time"], interval=data.get("interval") or 1,
        weekdays=tuple(data.get("weekdays") or ()), month_day=data.get("month_day"),
        except_dates=tuple(sorted(set(data.get("except_dates") or ()))))


def _make(tx, caller: Caller, resource: Resource, rule: recurrence.Rule, data: dict, *,
          split_from_id: int | None = None, requester_employee_id: int | None = None,
          requester_unit_id: int | None = None) -> tuple[BookingSeries, list[Booking]]:
    session = tx.session
    if resource.kind not in SERIES_KINDS:
        message = "Seri berulang hanya untuk ruangan dan gedung."
        raise ValidationFailed(message, {"resource_id": message})
    expansion = recurrence.expand(rule, wita_day(utcnow()))
    series = BookingSeries(
        resource_id=resource.id, requester_employee_id=requester_employee_id, requester_unit_id=requester_unit_id,
        frequency=rule.frequency, interval=rule.interval, weekdays=list(rule.weekdays) or None,
        month_day=rule.month_day, starts_on=rule.starts_on, until_on=rule.until_on, start_time=rule.start_time,
        end_time=rule.end_time, except_dates=list(rule.except_dates), purpose=data["purpose"],
        participants=data.get("participants"), contact_name=data.get("contact_name"),
        contact_phone=data.get("contact_phone"), split_from_id=split_from_id, created_by=caller.username)
    session.add(series)
    session.flush()
    made = []
    for occurrence in expansion.occurrences:
        fields = {"starts_at": occurrence.starts_at, "ends_at": occurrence.ends_at, "purpose": series.purpose,
                  "participants": series.participants, "contact_name": series.contact_name,
                  "contact_phone": series.contact_phone}
        try:
            made.append(bookings.create(
                tx, caller, resource, fields, series_id=series.id, occurrence_start=occurrence.starts_at,
                allow_conflicts=True, requester_employee_id=requester_employee_id,
                requester_unit_id=requester_unit_id, publish=False))
        except ValidationFailed as exc:  # the core's rules name the booking's fields: say which date
            raise ValidationFailed(f"Jadwal {occurrence.on:%d-%m-%Y}: {exc.message}", {
                _series_field(name): f"{occurrence.on:%d-%m-%Y}: {message}"
                for name, message in (exc.fields or {}).items()}) from None
    return series, made


def _series_field(name: str) -> str:
    return {"starts_at": "start_time", "ends_at": "end_time"}.get(name, name)


def create(tx, caller: Caller, data: dict) -> BookingSeries:
    """An employee's series (``SeriesIn`` loaded) with every occurrence pending; ``booking.series_created``."""
    caller.require_employee()
    resource = bookings.get_resource(tx.session, data["resource_id"])
    series, made = _make(tx, caller, resource, _rule_from(data), data, requester_employee_id=caller.employee_id,
                         requester_unit_id=caller.unit_id)
    _publish_created(tx, series, resource, made)
    return series


def _publish_created(tx, series: BookingSeries, resource: Resource, made: list[Booking]) -> None:
    session = tx.session
    tx.emit(BookingEvents.SERIES_CREATED, _created_event.dump(View(
        series, **_resource_facts(resource), rule_text=recurrence.describe(recurrence.rule_of(series)),
        occurrence_ids=[b.id for b in made],
        conflicting_ids=[b.id for b in made if blocking_conflicts(session, b)])))


def _resource_facts(resource: Resource) -> dict:
    return {"resource_key": resource.resource_key, "resource_kind": resource.kind, "resource_name": resource.name}


# -- deciding -----------------------------------------------------------------------------------------

def decide(tx, caller: Caller, series_id: int, data: dict) -> dict:
    """The approver's decision on every pending occurrence; the report (``SeriesDecisionOut``)."""
    session = tx.session
    series = get_series(session, series_id, lock=True)
    resource = readable(session, caller, series)
    own, approver = _roles(session, caller, series, resource)
    if not approver:
        raise Forbidden("Hanya pengelola sumber daya ini (atau peran penyetujunya) yang dapat memutuskan seri.")
    if own:
        raise Forbidden("Pemohon tidak dapat memutuskan seri peminjamannya sendiri.")
    if series.status != "active":
        raise Conflict(f"Seri berstatus {SERIES_STATUS_LABELS[series.status]} tidak dapat diputuskan.",
                       {"status": f"Status saat ini: {series.status}."})
    reason = bookings.unbookable_reason(resource)
    if reason and data["decision"] == "approve":
        raise Conflict(reason, {"resource_id": reason})
    pending = [b for b in occurrences_of(session, series.id) if b.status == "pending"]
    if not pending:
        raise Conflict("Tidak ada kejadian yang menunggu persetujuan.", {"status": "Tidak ada yang menunggu."})
    decision, note = data["decision"], data.get("note")
    approved, rejected, conflicting = [], [], []
    for booking in pending:
        if decision == "reject":
            rejected.append(bookings.reject(tx, caller, booking.id, note).id)
            continue
        clashes = blocking_conflicts(session, booking)
        if not clashes:
            try:
                approved.append(bookings.approve(tx, caller, booking.id, note).id)
                continue
            except Conflict:  # taken between the check and the savepoint: the database had the last word
                session.refresh(booking)
                clashes = blocking_conflicts(session, booking)
        conflicting.append(View(booking, conflicts=clashes))
    report = {"decision": decision, "approved_ids": approved, "rejected_ids": rejected, "conflicting": conflicting}
    tx.emit(BookingEvents.SERIES_DECIDED, _decided_event.dump(View(
        series, **_resource_facts(resource), decided_by_employee_id=caller.employee_id, note=note,
        decision=decision, approved_ids=approved, rejected_ids=rejected,
        conflicting=[View(v, with_booking_ids=[c.booking_id for c in v.conflicts if c.booking_id],
                          with_block_ids=[c.block_id for c in v.conflicts if c.block_id]) for v in conflicting])))
    return report


# -- one occurrence -----------------------------------------------------------------------------------

def _occurrence(session: Session, booking_id: int) -> Booking:
    booking = bookings.get_booking(session, booking_id)
    if booking.series_id is None:
        message = "Peminjaman ini bukan bagian dari seri."
        raise ValidationFailed(message, {"booking_id": message})
    return booking


def move_occurrence(tx, caller: Caller, booking_id: int, data: dict) -> Booking:
    """One occurrence alone to a new time (the core's reschedule rules; detached from the series' edits)."""
    _occurrence(tx.session, booking_id)
    return bookings.reschedule(tx, caller, booking_id, data["starts_at"], data["ends_at"], detach=True)


def cancel_occurrence(tx, caller: Caller, booking_id: int, data: dict) -> Booking:
    """One occurrence alone cancelled with a reason."""
    _occurrence(tx.session, booking_id)
    return bookings.cancel(tx, caller, booking_id, data["reason"])


# -- this and following -------------------------------------------------------------------------------

def edit_following(tx, caller: Caller, booking_id: int, data: dict) -> BookingSeries:
    """Split the series at ``booking_id``'s occurrence: the old one ends the day before, its later occurrences
    (not changed alone) are cancelled, a new series with the changes starts on that date. The new series."""
    session = tx.session
    at = _occurrence(session, booking_id)
    series = get_series(session, at.series_id, lock=True)
    resource = readable(session, caller, series)
    own, _approver = _roles(session, caller, series, resource)
    if not own:
        raise Forbidden("Hanya pemohon seri yang dapat mengubah kejadian ini dan berikutnya.")
    if series.status != "active":
        raise Conflict(f"Seri berstatus {SERIES_STATUS_LABELS[series.status]} tidak dapat diubah.",
                       {"status": f"Status saat ini: {series.status}."})
    split_on = wita_day(at.occurrence_start or at.starts_at)
    if at.starts_at <= utcnow():
        message = "Kejadian ini sudah dimulai; ubah mulai dari kejadian yang akan datang."
        raise ValidationFailed(message, {"booking_id": message})
    old_rule = recurrence.rule_of(series)
    later = [b for b in occurrences_of(session, series.id)
             if wita_day(b.occurrence_start or b.starts_at) >= split_on]
    kept = [b for b in later if b.detached and b.status in LIVE]
    changed = {k: v for k, v in data.items()
               if k in ("start_time", "end_time", "weekdays", "month_day", "interval", "until_on", "except_dates")}
    if "weekdays" in changed:
        changed["weekdays"] = tuple(changed["weekdays"])
    keeps = {wita_day(b.occurrence_start or b.starts_at) for b in kept}
    sent = set(changed.pop("except_dates", ()))
    inherited = set() if sent else set(old_rule.except_dates)
    new_rule = replace(old_rule, starts_on=split_on, **changed)
    # the dates an occurrence changed alone keeps (and the old exceptions still in the period) are left out;
    # dates the requester sends must be the rule's (``expand`` says so otherwise)
    given = _dates_of(new_rule)
    new_rule = replace(new_rule, except_dates=tuple(sorted(sent | {d for d in inherited | keeps if d in given})))
    cancelled = []
    for booking in later:
        if booking.status in LIVE and not booking.detached:
            cancelled.append(bookings.cancel(tx, caller, booking.id, REPLACED).id)
    if split_on > series.starts_on:
        series.until_on = split_on - timedelta(days=1)
    series.status = "ended"
    if any(b.status in LIVE and wita_day(b.occurrence_start or b.starts_at) < split_on
           for b in occurrences_of(session, series.id)):
        series.status = "active"
    session.flush()
    facts = {"purpose": data.get("purpose", series.purpose), "participants": data.get("participants",
                                                                                      series.participants),
             "contact_name": data.get("contact_name", series.contact_name),
             "contact_phone": data.get("contact_phone", series.contact_phone)}
    new, made = _make(tx, caller, resource, new_rule, facts, split_from_id=series.id,
                      requester_employee_id=series.requester_employee_id,
                      requester_unit_id=series.requester_unit_id)
    tx.emit(BookingEvents.SERIES_SPLIT, _split_event.dump(View(
        series, **_resource_facts(resource), new_series_id=new.id, split_on=split_on, cancelled_ids=cancelled,
        kept_ids=[b.id for b in kept], occurrence_ids=[b.id for b in made])))
    return new


def _dates_of(rule: recurrence.Rule) -> set[date]:
    """The dates ``rule`` gives before its exceptions (none when it breaks a limit: ``expand`` says so later)."""
    try:
        return {o.on for o in recurrence.expand(replace(rule, except_dates=())).occurrences}
    except ValidationFailed:
        return set()


# -- cancelling the series ----------------------------------------------------------------------------

def cancel(tx, caller: Caller, series_id: int, data: dict) -> BookingSeries:
    """The requester or the approver: every future pending/approved occurrence cancelled, the series too."""
    session = tx.session
    series = get_series(session, series_id, lock=True)
    resource = readable(session, caller, series)
    own, approver = _roles(session, caller, series, resource)
    if not (own or approver):
        raise Forbidden("Hanya pemohon atau pengelola sumber daya yang dapat membatalkan seri.")
    if series.status != "active":
        raise Conflict(f"Seri berstatus {SERIES_STATUS_LABELS[series.status]} tidak dapat dibatalkan.",
                       {"status": f"Status saat ini: {series.status}."})
    now = utcnow()
    for booking in occurrences_of(session, series.id):
        if booking.status in LIVE and booking.starts_at > now:
            bookings.cancel(tx, caller, booking.id, data["reason"])
    series.status = "cancelled"
    session.flush()
    return series


__all__ = ["cancel", "cancel_occurrence", "create", "decide", "edit_following", "get_series", "list_mine",
           "move_occurrence", "readable", "series_actions", "series_view", "series_views"]
