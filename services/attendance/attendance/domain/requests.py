"""Leave requests (izin, sakit, cuti; whole days, with an attachment) and corrections (the check-in or
check-out time of a day, with a reason). The employee asks for themselves; their supervisor approves or
rejects; the employee may cancel. Every step goes through the record type's table (``workflow``). Nothing is
deleted: a record keeps who decided or cancelled it, when and why (the history).

Answers are ``(record, {"allowed_actions": [...]})``: the record and what the caller may do with it now.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from situok_kit import uploads
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.workflow import Step, Workflow
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import events
from ..models import Correction, LeaveRequest, RosterEmployee
from . import access, clock, records, workflow

audit = logging.getLogger("situok.audit")


@dataclass(frozen=True)
class Kind:
    """What differs between leave requests and corrections."""

    model: type
    table: Workflow
    noun: str                                    # in audit actions: attendance.approve_request
    not_found: str
    guards: Callable[[object, date], dict]
    step_payload: Callable[[object], dict]       # the payload of the event a step publishes
    date_column: object                          # what ``date_from`` / ``date_to`` filter on


REQUESTS = Kind(LeaveRequest, workflow.LEAVE_REQUEST, "request", "Pengajuan tidak ditemukan.",
                workflow.request_guards, events.request_data, LeaveRequest.start_date)
CORRECTIONS = Kind(Correction, workflow.CORRECTION, "correction", "Koreksi tidak ditemukan.",
                   workflow.correction_guards, events.correction_data, Correction.day)


def _actions(kind: Kind, view: access.Viewer, employee: RosterEmployee | None, item, today: date) -> dict:
    capacities = workflow.capacities(view, employee) if employee is not None else frozenset()
    return {"allowed_actions": kind.table.allowed_actions(item.status, capacities, kind.guards(item, today))}


def _answer(session: Session, ident: Identity, kind: Kind, item, employee: RosterEmployee) -> tuple:
    return item, _actions(kind, access.viewer(session, ident), employee, item, clock.wita_day())


def _visible(session: Session, view: access.Viewer, kind: Kind, item_id: int, lock: bool = False):
    item = session.get(kind.model, item_id, with_for_update=lock)
    employee = session.get(RosterEmployee, item.employee_id) if item is not None else None
    if item is None or employee is None or not view.sees(employee):
        raise NotFound(kind.not_found)
    return item, employee


def get(session: Session, ident: Identity, kind: Kind, item_id: int) -> tuple:
    view = access.viewer(session, ident)
    item, employee = _visible(session, view, kind, item_id)
    return item, _actions(kind, view, employee, item, clock.wita_day())


def _check(kind: Kind, ident: Identity, view: access.Viewer, employee: RosterEmployee, item, action: str,
           today: date) -> Step:
    try:
        return kind.table.check(action, item.status, workflow.capacities(view, employee),
                                kind.guards(item, today), verb=workflow.VERBS[action])
    except Forbidden:
        audit.warning("denied: %s %s %s of employee %s", action, kind.noun, item.id, employee.id,
                      extra={"action": f"attendance.{action}_{kind.noun}", "decision": "forbidden",
                             "account_id": ident.account_id})
        raise


def act(tx, ident: Identity, kind: Kind, item_id: int, action: str, note: str | None) -> tuple:
    """Take ``action`` (approve, reject, cancel) on a record the caller sees, as its table allows; ``note``:
    the approval's note, the rejection's or the cancellation's reason."""
    session = tx.session
    view = access.viewer(session, ident)
    item, employee = _visible(session, view, kind, item_id, lock=True)
    today = clock.wita_day()
    step = _check(kind, ident, view, employee, item, action, today)
    item.status = step.target
    if action == workflow.CANCEL:
        item.cancelled_by_employee_id, item.cancelled_by_username = ident.employee_id, ident.username
        item.cancelled_at, item.cancel_reason = clock.now(), note
    else:
        item.decided_by_employee_id, item.decided_by_username = ident.employee_id, ident.username
        item.decided_at, item.decision_note = clock.now(), note
    session.flush()
    tx.emit(step.event, kind.step_payload(item))
    return item, _actions(kind, view, employee, item, today)


def _with_actions(session: Session, view: access.Viewer, kind: Kind, items: list) -> list[tuple]:
    """Each item with the caller's actions: one query for the page's employees, none per item."""
    ids = {item.employee_id for item in items}
    employees = {e.id: e for e in session.scalars(select(RosterEmployee).where(RosterEmployee.id.in_(ids)))}
    today = clock.wita_day()
    return [(item, _actions(kind, view, employees.get(item.employee_id), item, today)) for item in items]


def list_items(session: Session, ident: Identity, kind: Kind, filters: dict) -> dict:
    """A page (newest first) of the records the caller sees, narrowed by ``filters`` (``LeaveFilters``)."""
    model = kind.model
    view = access.viewer(session, ident)
    q = select(model)
    if filters.get("mine"):
        q = q.where(model.employee_id == (ident.employee_id or -1))
    else:
        ids = access.scope_employee_ids(session, view, filters.get("unit_id"))
        if ids is not None:
            ids = ids | ({ident.employee_id} if ident.employee_id and not filters.get("unit_id") else set())
            q = q.where(model.employee_id.in_(ids))
    if filters.get("employee_id"):
        q = q.where(model.employee_id == filters["employee_id"])
    if filters.get("status"):
        q = q.where(model.status == filters["status"])
    if filters.get("date_from"):
        q = q.where(kind.date_column >= filters["date_from"])
    if filters.get("date_to"):
        q = q.where(kind.date_column <= filters["date_to"])
    cursor = filters.get("after_id")
    if cursor:
        q = q.where(model.id < cursor)
    limit = filters.get("limit", 50)
    rows = list(session.scalars(q.order_by(model.id.desc()).limit(limit + 1)))
    return {"items": _with_actions(session, view, kind, rows[:limit]),
            "next_cursor": str(rows[limit - 1].id) if len(rows) > limit else None}


# -- submitting -------------------------------------------------------------------------------------

#: What a leave request's attachment may be, by its content (``situok_kit.uploads.sniff``), whatever it claims.
ATTACHMENT_KINDS = frozenset({"pdf", "jpeg", "png", "webp"})
ATTACHMENT_MAX_PX = 2560


def checked_attachment(att: dict) -> dict:
    """The attachment as it is kept: a PDF or an image by its content (else a 422 on
    ``attachment.content_b64``), images re-encoded without metadata, labelled with what it really is under a
    safe ASCII name."""
    field = "attachment.content_b64"
    content = att["content"]
    kind = uploads.require_kind(content, ATTACHMENT_KINDS, field)
    if kind in uploads.IMAGE_KINDS:
        content = uploads.reencode_image(content, ATTACHMENT_MAX_PX, field)
    return {"filename": uploads.safe_filename(att["filename"], kind)[:200],
            "content_type": uploads.CONTENT_TYPES[kind], "content": content}


def submit_request(tx, ident: Identity, data: dict) -> tuple:
    session = tx.session
    employee = records.own_employee(session, ident)
    overlapping = session.scalar(select(LeaveRequest.id).where(
        LeaveRequest.employee_id == employee.id, LeaveRequest.status.in_(("submitted", "approved")),
        LeaveRequest.start_date <= data["end_date"], LeaveRequest.end_date >= data["start_date"]).limit(1))
    if overlapping:
        raise ValidationFailed("Tanggal bertumpang tindih.",
                               {"start_date": f"Sudah ada pengajuan #{overlapping} pada tanggal itu."})
    att = checked_attachment(data["attachment"])
    req = LeaveRequest(employee_id=employee.id, unit_id=employee.unit_id, kind=data["kind"],
                       start_date=data["start_date"], end_date=data["end_date"], reason=data["reason"],
                       attachment_name=att["filename"], attachment_type=att["content_type"],
                       attachment=att["content"], attachment_sha256=hashlib.sha256(att["content"]).hexdigest(),
                       status="submitted", submitted_by_account_id=ident.account_id)
    session.add(req)
    session.flush()
    tx.emit(events.REQUEST_SUBMITTED, events.request_submitted_data(req, employee))
    return _answer(session, ident, REQUESTS, req, employee)


def submit_correction(tx, ident: Identity, data: dict) -> tuple:
    session = tx.session
    employee = records.own_employee(session, ident)
    today = clock.wita_day()
    day: date = data["day"]
    if day > today:
        raise ValidationFailed("Data tidak valid.", {"day": "Tidak boleh tanggal yang akan datang."})
    requested_at = clock.at_wita(day, data["time"])
    if requested_at > clock.now():
        raise ValidationFailed("Data tidak valid.", {"time": "Tidak boleh waktu yang akan datang."})
    pending = session.scalar(select(Correction.id).where(
        Correction.employee_id == employee.id, Correction.day == day, Correction.kind == data["kind"],
        Correction.status == "submitted").limit(1))
    if pending:
        raise ValidationFailed("Sudah ada koreksi yang menunggu.",
                               {"day": f"Koreksi #{pending} untuk hari itu masih menunggu keputusan."})
    item = Correction(employee_id=employee.id, unit_id=employee.unit_id, day=day, kind=data["kind"],
                      requested_at=requested_at, reason=data["reason"], status="submitted",
                      submitted_by_account_id=ident.account_id)
    session.add(item)
    session.flush()
    tx.emit(events.CORRECTION_SUBMITTED, events.correction_submitted_data(item, employee))
    return _answer(session, ident, CORRECTIONS, item, employee)


# -- what counts in day statuses ---------------------------------------------------------------------

def approved_overrides(session: Session, employee_ids, start: date, end: date) -> dict:
    """{(employee_id, day): {"check_in": datetime, "check_out": datetime}} from the latest approved
    correction of each kind."""
    q = select(Correction.employee_id, Correction.day, Correction.kind, Correction.requested_at).where(
        Correction.status == "approved", Correction.day.between(start, end)).order_by(Correction.decided_at)
    if employee_ids is not None:
        q = q.where(Correction.employee_id.in_(employee_ids))
    found: dict = {}
    for row in session.execute(q):
        found.setdefault((row.employee_id, row.day), {})[row.kind] = row.requested_at
    return found


def approved_leave(session: Session, employee_ids, start: date, end: date) -> list:
    """Approved (not cancelled) leave overlapping ``start``…``end``."""
    q = select(LeaveRequest.employee_id, LeaveRequest.kind, LeaveRequest.start_date, LeaveRequest.end_date).where(
        LeaveRequest.status == "approved", LeaveRequest.start_date <= end, LeaveRequest.end_date >= start)
    if employee_ids is not None:
        q = q.where(LeaveRequest.employee_id.in_(employee_ids))
    return list(session.execute(q))
