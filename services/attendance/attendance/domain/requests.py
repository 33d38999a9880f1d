"""Leave requests (izin, sakit, cuti; whole days, with an attachment) and corrections (the check-in or
check-out time of a day, with a reason). The employee asks for themselves; their supervisor decides
(``access``). Nothing is deleted: a request keeps who decided, when and why (the history)."""
from __future__ import annotations

import hashlib
import logging
from datetime import date

from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import events
from ..models import Correction, LeaveRequest, RosterEmployee
from . import access, clock, records

audit = logging.getLogger("situok.audit")
audit_message = "Anda tidak berwenang memutuskan pengajuan ini."


def _iso(value):
    return value.isoformat() if value is not None else None


def request_out(r: LeaveRequest, with_content: bool = False) -> dict:
    out = {"id": r.id, "employee_id": r.employee_id, "unit_id": r.unit_id, "kind": r.kind,
           "start_date": r.start_date.isoformat(), "end_date": r.end_date.isoformat(), "reason": r.reason,
           "attachment": {"filename": r.attachment_name, "content_type": r.attachment_type,
                          "size": len(r.attachment), "sha256": r.attachment_sha256},
           "status": r.status, "decided_by_employee_id": r.decided_by_employee_id,
           "decided_by_username": r.decided_by_username, "decided_at": _iso(r.decided_at),
           "decision_note": r.decision_note, "created_at": _iso(r.created_at)}
    if with_content:
        import base64

        out["attachment"]["content_b64"] = base64.b64encode(r.attachment).decode()
    return out


def correction_out(c: Correction) -> dict:
    return {"id": c.id, "employee_id": c.employee_id, "unit_id": c.unit_id, "day": c.day.isoformat(),
            "kind": c.kind, "requested_at": _iso(c.requested_at), "time": clock.hhmm(c.requested_at),
            "reason": c.reason, "status": c.status, "decided_by_employee_id": c.decided_by_employee_id,
            "decided_by_username": c.decided_by_username, "decided_at": _iso(c.decided_at),
            "decision_note": c.decision_note, "created_at": _iso(c.created_at)}


# -- leave requests -------------------------------------------------------------------------------

def submit_request(tx, ident: Identity, data: dict) -> dict:
    session = tx.session
    employee = records.own_employee(session, ident)
    overlapping = session.scalar(select(LeaveRequest.id).where(
        LeaveRequest.employee_id == employee.id, LeaveRequest.status.in_(("submitted", "approved")),
        LeaveRequest.start_date <= data["end_date"], LeaveRequest.end_date >= data["start_date"]).limit(1))
    if overlapping:
        raise ValidationFailed("Tanggal bertumpang tindih.",
                               {"start_date": f"Sudah ada pengajuan #{overlapping} pada tanggal itu."})
    att = data["attachment"]
    req = LeaveRequest(employee_id=employee.id, unit_id=employee.unit_id, kind=data["kind"],
                       start_date=data["start_date"], end_date=data["end_date"], reason=data["reason"],
                       attachment_name=att["filename"], attachment_type=att["content_type"],
                       attachment=att["content"], attachment_sha256=hashlib.sha256(att["content"]).hexdigest(),
                       status="submitted", submitted_by_account_id=ident.account_id)
    session.add(req)
    session.flush()
    out = request_out(req)
    tx.emit(events.REQUEST_SUBMITTED, {**out, "supervisor_id": employee.supervisor_id})
    return out


def _visible(session: Session, view: access.Viewer, model, item_id: int, what: str, lock: bool = False):
    item = session.get(model, item_id, with_for_update=lock)
    employee = session.get(RosterEmployee, item.employee_id) if item is not None else None
    if item is None or employee is None or not view.sees(employee):
        raise NotFound(f"{what} tidak ditemukan.")
    return item, employee


def get_request(session: Session, ident: Identity, request_id: int) -> dict:
    item, _ = _visible(session, access.viewer(session, ident), LeaveRequest, request_id, "Pengajuan")
    return request_out(item, with_content=True)


def _decide(tx, ident: Identity, model, item_id: int, what: str, approve: bool, note: str | None):
    session = tx.session
    view = access.viewer(session, ident)
    item, employee = _visible(session, view, model, item_id, what, lock=True)
    if not view.manages(employee):
        audit.warning("denied: not the supervisor of employee %s", employee.id,
                      extra={"action": f"attendance.decide_{model.__tablename__}", "decision": "forbidden",
                             "account_id": ident.account_id})
        raise Forbidden(audit_message)
    if item.status != "submitted":
        raise Conflict(f"{what} sudah diputuskan.", {"status": f"Status sekarang: {item.status}."})
    item.status = "approved" if approve else "rejected"
    item.decided_by_employee_id = ident.employee_id
    item.decided_by_username = ident.username
    item.decided_at = clock.now()
    item.decision_note = note
    session.flush()
    return item


def decide_request(tx, ident: Identity, request_id: int, approve: bool, note: str | None) -> dict:
    item = _decide(tx, ident, LeaveRequest, request_id, "Pengajuan", approve, note)
    out = request_out(item)
    tx.emit(events.REQUEST_APPROVED if approve else events.REQUEST_REJECTED, out)
    return out


def _list(session, ident, model, filters: dict, date_col, out_fn):
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
        q = q.where(date_col >= filters["date_from"])
    if filters.get("date_to"):
        q = q.where(date_col <= filters["date_to"])
    cursor = filters.get("after_id")
    if cursor:
        q = q.where(model.id < cursor)
    limit = filters.get("limit", 50)
    rows = list(session.scalars(q.order_by(model.id.desc()).limit(limit + 1)))
    items = [out_fn(r) for r in rows[:limit]]
    return {"items": items, "next_cursor": str(rows[limit - 1].id) if len(rows) > limit else None}


def list_requests(session: Session, ident: Identity, filters: dict) -> dict:
    return _list(session, ident, LeaveRequest, filters, LeaveRequest.start_date, request_out)


# -- corrections ------------------------------------------------------------------------------------

def submit_correction(tx, ident: Identity, data: dict) -> dict:
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
    out = correction_out(item)
    tx.emit(events.CORRECTION_SUBMITTED, {**out, "supervisor_id": employee.supervisor_id})
    return out


def get_correction(session: Session, ident: Identity, correction_id: int) -> dict:
    item, _ = _visible(session, access.viewer(session, ident), Correction, correction_id, "Koreksi")
    return correction_out(item)


def decide_correction(tx, ident: Identity, correction_id: int, approve: bool, note: str | None) -> dict:
    item = _decide(tx, ident, Correction, correction_id, "Koreksi", approve, note)
    out = correction_out(item)
    tx.emit(events.CORRECTION_APPROVED if approve else events.CORRECTION_REJECTED, out)
    return out


def list_corrections(session: Session, ident: Identity, filters: dict) -> dict:
    return _list(session, ident, Correction, filters, Correction.day, correction_out)


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
    q = select(LeaveRequest.employee_id, LeaveRequest.kind, LeaveRequest.start_date, LeaveRequest.end_date).where(
        LeaveRequest.status == "approved", LeaveRequest.start_date <= end, LeaveRequest.end_date >= start)
    if employee_ids is not None:
        q = q.where(LeaveRequest.employee_id.in_(employee_ids))
    return list(session.execute(q))


