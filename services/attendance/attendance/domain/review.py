"""The supervisor's review queue: check-ins and check-outs ``honesty.judge`` flagged (``*_review``), until
someone who manages the employee marks them reviewed.

* who sees the queue: a supervisor or unit head (``Viewer.is_supervisor``) the records of the people they
  manage, admin everyone's (reading); anyone else 403;
* who marks a side reviewed: only someone who manages the employee (``Viewer.manages``: their supervisor or a
  head of their unit or a unit above it) — never the employee themself (separation of duties), and not admin
  as such; a caller who manages nobody is refused first (403, deny by default), a record they cannot see is
  404, a side that is not (or no longer) flagged 409;
* marking clears the side's flag, keeps its reasons and stores who, when and the note
  (``*_reviewed_by_employee_id``, ``*_reviewed_by_username``, ``*_reviewed_at``, ``*_review_note``), and
  publishes ``attendance.record_reviewed`` through the outbox.

``may_review`` and ``allowed_actions`` are pure (a ``Viewer`` and a roster row); ``queue`` and
``mark_reviewed`` read and write the database.
"""
from __future__ import annotations

import logging
from datetime import date

from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.pagination import decode_cursor, encode_cursor
from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import Session

from .. import events
from ..models import REVIEW_ACTIONS, REVIEW_SIDES, AttendanceRecord, RosterEmployee
from . import access, clock, honesty

audit = logging.getLogger("situok.audit")

SIDES = REVIEW_SIDES
(MARK_REVIEWED,) = REVIEW_ACTIONS

_ONLY_SUPERVISORS = "Hanya atasan atau kepala unit yang dapat meninjau absensi."
_NOT_YOURS = "Anda tidak berwenang meninjau absensi pegawai ini."
_NOT_FOUND = "Catatan absensi tidak ditemukan."


# -- the rule (pure) ---------------------------------------------------------------------------------

def may_see_queue(view: access.Viewer) -> bool:
    return view.sees_all or view.is_supervisor


def may_review(view: access.Viewer, employee: RosterEmployee) -> bool:
    """Someone who manages ``employee`` — never the employee themself (``Viewer.manages``), nor admin as such."""
    return employee.id != view.identity.employee_id and view.manages(employee)


def flagged_sides(record: AttendanceRecord) -> tuple[str, ...]:
    """The sides of ``record`` still waiting for review."""
    return tuple(side for side in SIDES if getattr(record, f"{side}_at") is not None
                 and getattr(record, f"{side}_review"))


def allowed_actions(view: access.Viewer, employee: RosterEmployee | None, record: AttendanceRecord) -> list[str]:
    if employee is None or not flagged_sides(record) or not may_review(view, employee):
        return []
    return [MARK_REVIEWED]


def reasons(codes) -> list[dict]:
    """``[{"code", "label"}]`` of stored reason codes (``honesty.REASONS``)."""
    return [{"code": code, "label": honesty.REASONS.get(code, code)} for code in codes]


def _codes(record: AttendanceRecord, side: str) -> tuple[str, ...]:
    return tuple(filter(None, (getattr(record, f"{side}_review_reasons") or "").split(",")))


def _item(view: access.Viewer, record: AttendanceRecord, employee: RosterEmployee) -> tuple:
    """``ReviewItemOut`` from the record, its employee and the flagged sides."""
    sides = [(getattr(record, side), {"side": side, "reasons": reasons(_codes(record, side))})
             for side in flagged_sides(record)]
    return record, employee, {"sides": sides, "allowed_actions": allowed_actions(view, employee, record)}


# -- the queue -----------------------------------------------------------------------------------------

def queue(session: Session, ident: Identity, filters: dict) -> dict:
    """A page (newest day first) of flagged, not yet reviewed records the caller may see (``ReviewFilters``,
    ``cursor``, ``limit``)."""
    view = access.viewer(session, ident)
    if not may_see_queue(view):
        raise Forbidden(_ONLY_SUPERVISORS)
    unit_id = filters.get("unit_id")
    ids = access.scope_employee_ids(session, view, unit_id)
    if unit_id and not view.sees_all and unit_id not in view.unit_ids and not ids:
        raise NotFound("Unit tidak ditemukan.")
    q = (select(AttendanceRecord, RosterEmployee)
         .join(RosterEmployee, RosterEmployee.id == AttendanceRecord.employee_id)
         .where(or_(AttendanceRecord.check_in_review.is_(True), AttendanceRecord.check_out_review.is_(True))))
    if ids is not None:
        q = q.where(AttendanceRecord.employee_id.in_(ids))
    if filters.get("date_from"):
        q = q.where(AttendanceRecord.day >= filters["date_from"])
    if filters.get("date_to"):
        q = q.where(AttendanceRecord.day <= filters["date_to"])
    after = decode_cursor(filters.get("cursor"), 2)
    if after:
        try:
            last_day, last_id = date.fromisoformat(str(after[0])), int(after[1])
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman "
                                                                     "pertama."}) from None
        q = q.where(tuple_(AttendanceRecord.day, AttendanceRecord.id) < tuple_(last_day, last_id))
    limit = filters["limit"]
    rows = list(session.execute(q.order_by(AttendanceRecord.day.desc(), AttendanceRecord.id.desc())
                                .limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [_item(view, record, employee) for record, employee in rows],
            "next_cursor": encode_cursor([rows[-1][0].day.isoformat(), rows[-1][0].id]) if more and rows else None}


# -- marking a side reviewed -----------------------------------------------------------------------------

def _denied(ident: Identity, record_id: int, why: str):
    audit.warning("denied: mark_reviewed record %s (%s)", record_id, why,
                  extra={"action": "attendance.mark_reviewed", "decision": "forbidden",
                         "account_id": ident.account_id})


def mark_reviewed(tx, ident: Identity, record_id: int, side: str, note: str | None) -> tuple:
    """Take ``side`` of the record off the queue; answers ``RecordReviewedOut``."""
    session = tx.session
    view = access.viewer(session, ident)
    if not view.is_supervisor:
        _denied(ident, record_id, "supervises nobody")
        raise Forbidden(_ONLY_SUPERVISORS)
    record = session.get(AttendanceRecord, record_id, with_for_update=True)
    employee = session.get(RosterEmployee, record.employee_id) if record is not None else None
    if record is None or employee is None or not view.sees(employee):
        raise NotFound(_NOT_FOUND)
    if not may_review(view, employee):
        _denied(ident, record_id, "does not manage the employee")
        raise Forbidden(_NOT_YOURS)
    if side not in flagged_sides(record):
        label = "Absen masuk" if side == "check_in" else "Absen pulang"
        raise Conflict(f"{label} ini tidak menunggu tinjauan.", {"side": f"{label} ini tidak menunggu tinjauan."})
    at = clock.now()
    setattr(record, f"{side}_review", False)
    setattr(record, f"{side}_reviewed_by_employee_id", ident.employee_id)
    setattr(record, f"{side}_reviewed_by_username", ident.username)
    setattr(record, f"{side}_reviewed_at", at)
    setattr(record, f"{side}_review_note", note)
    session.flush()
    decision = {"side": side, "reasons": list(_codes(record, side)), "reviewed_by_employee_id": ident.employee_id,
                "reviewed_by_username": ident.username, "reviewed_at": at, "note": note}
    tx.emit(events.RECORD_REVIEWED, events.record_reviewed_data(record, employee, decision))
    return record, employee, decision, {"allowed_actions": allowed_actions(view, employee, record)}
