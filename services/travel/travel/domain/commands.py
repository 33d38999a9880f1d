"""The workflow commands on an order: submit, approve, reject, issue, cancel, complete.

Every command on an order starts with ``take``: the order locked, and its step from ``workflow.ORDER`` — or
the 403 (logged to the audit trail), 409 or 422 the table decides. A change of status is ``move``: the
transition recorded (who, when, from, to, note) and the step's event written to the outbox in the same
transaction. Drafting (``edit``) is in ``drafting``; the trip's commands (sheet II, report, realization) in
``trip``.
"""
from __future__ import annotations

import secrets

from situok_kit.errors import Conflict, Forbidden
from situok_kit.identity import Identity
from situok_kit.workflow import DENIED, Step
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import events
from ..models import Order, OrderTraveller, RosterEmployee, Transition, TripReport, utcnow
from . import access, leave, numbering, reading, roster
from .common import actor_name, wita_day
from .workflow import ORDER, VERBS, guards

OVERLAP_CONSTRAINT = "ex_order_travellers_no_overlap"
OVERLAP = "Pelaksana sudah bertugas pada tanggal yang sama."


def take(tx, caller: access.Caller, order_id: int, action: str, rpc: str) -> tuple[Order, Step]:
    """The order (locked) and the step ``action`` takes from its status, or the table's 403/409/422 (``rpc``
    names the call in the audit trail)."""
    session = tx.session
    order = reading.visible_order(session, caller, order_id, rpc, for_update=True)
    try:
        step = ORDER.check(action, order.status, access.capacities(caller, order),
                           guards(lambda: session.get(TripReport, order.id) is not None), verb=VERBS[action])
    except Forbidden as refused:
        # An approver's row has no message of its own: the 403 says why the caller is not the approver.
        why = refused.message if refused.message != DENIED else caller.approval_problem(order) or refused.message
        access.deny(caller.identity, rpc, why)
    return order, step


def record_transition(session: Session, identity: Identity, order: Order, from_status: str | None,
                      note: str | None = None) -> None:
    session.add(Transition(order_id=order.id, from_status=from_status, to_status=order.status,
                           actor_account_id=identity.account_id, actor_employee_id=identity.employee_id,
                           actor_username=actor_name(identity), note=note, at=utcnow()))


def move(tx, caller: access.Caller, order: Order, step: Step, transition_note: str | None = None,
         **facts) -> Order:
    """Apply ``step``'s change of status, noting ``transition_note`` in the history; its event carries the
    order and ``facts``."""
    from_status = order.status
    order.status = step.target
    order.updated_at = utcnow()
    order.version += 1
    record_transition(tx.session, caller.identity, order, from_status, transition_note)
    tx.session.flush()
    tx.emit(step.event, events.payload(step.event, order, **facts))
    return order


def _overlap_errors(session: Session, order: Order) -> dict:
    errors = {}
    for i, t in enumerate(order.travellers):
        clash = session.execute(
            select(Order.id, Order.number, OrderTraveller.departure_date, OrderTraveller.return_date)
            .join(Order, Order.id == OrderTraveller.order_id)
            .where(OrderTraveller.employee_id == t.employee_id, OrderTraveller.blocking,
                   OrderTraveller.order_id != order.id,
                   OrderTraveller.departure_date <= t.return_date, OrderTraveller.return_date >= t.departure_date)
            .limit(1)).first()
        if clash is not None:
            label = clash.number or f"#{clash.id}"
            errors[f"travellers.{i}.employee_id"] = (
                f"{t.name} sudah bertugas pada perjalanan dinas {label} "
                f"({clash.departure_date.isoformat()} s.d. {clash.return_date.isoformat()}).")
    return errors


def _check_travellers_free(session: Session, order: Order) -> None:
    """Every traveller still active, on no approved leave (``domain.leave``) and on no other blocking trip on
    these dates (422 / 422 / 409)."""
    roster.active_travellers(session, [{"employee_id": t.employee_id} for t in order.travellers])
    leave.check_travellers(session, [(t.employee_id, t.name, t.departure_date, t.return_date)
                                     for t in order.travellers])
    errors = _overlap_errors(session, order)
    if errors:
        raise Conflict(OVERLAP, errors)


def submit(tx, caller: access.Caller, order_id: int, note: str | None) -> Order:
    order, step = take(tx, caller, order_id, "submit", "travel.submit_order")
    _check_travellers_free(tx.session, order)
    return move(tx, caller, order, step, note, note=note)


def approve(tx, caller: access.Caller, order_id: int, note: str | None) -> Order:
    session = tx.session
    order, step = take(tx, caller, order_id, "approve", "travel.approve_order")
    # Lock each traveller's roster row so concurrent approvals of the same person queue here;
    # the exclusion constraint settles anything that slips past.
    session.execute(select(RosterEmployee.id).where(
        RosterEmployee.id.in_(sorted(t.employee_id for t in order.travellers))).order_by(RosterEmployee.id)
        .with_for_update())
    _check_travellers_free(session, order)
    for t in order.travellers:
        t.blocking = True
    try:
        session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) == OVERLAP_CONSTRAINT:
            raise Conflict(OVERLAP, {"travellers": "Salah satu pelaksana sudah bertugas pada tanggal yang sama."}
                           ) from exc
        raise
    order.approver_account_id = caller.identity.account_id
    order.approver_employee_id = caller.identity.employee_id
    return move(tx, caller, order, step, note, note=note)


def reject(tx, caller: access.Caller, order_id: int, reason: str) -> Order:
    order, step = take(tx, caller, order_id, "reject", "travel.reject_order")
    return move(tx, caller, order, step, reason, reason=reason)


def issue(tx, caller: access.Caller, order_id: int) -> Order:
    """Number the SPT and every SPPD, make the verification token. Numbers come from counters locked in
    this transaction: no gaps, no duplicates under concurrent issuing."""
    session = tx.session
    order, step = take(tx, caller, order_id, "issue", "travel.issue_order")
    now = utcnow()
    day = wita_day(now)
    unit_code = roster.unit_code(session, order.unit_id)
    spt = numbering.next_number(session, "spt", unit_code, day)
    order.number, order.number_scope, order.number_seq = spt.number, spt.scope, spt.seq
    for t in order.travellers:
        sppd = numbering.next_number(session, "sppd", unit_code, day)
        t.sppd_number, t.sppd_scope, t.sppd_seq = sppd.number, sppd.scope, sppd.seq
    order.issued_at, order.issued_date = now, day
    order.verify_token = secrets.token_urlsafe(24)
    return move(tx, caller, order, step)


def cancel(tx, caller: access.Caller, order_id: int, reason: str) -> Order:
    """Cancel with a reason; the travellers' dates are free again, an issued letter keeps its number."""
    order, step = take(tx, caller, order_id, "cancel", "travel.cancel_order")
    for t in order.travellers:
        t.blocking = False
    order.cancel_reason = reason
    return move(tx, caller, order, step, reason, from_status=order.status)


def complete(tx, caller: access.Caller, order_id: int, note: str | None) -> Order:
    """Close the trip; the table's guard has made sure a trip report is filed."""
    order, step = take(tx, caller, order_id, "complete", "travel.complete_order")
    report = tx.session.get(TripReport, order.id)
    return move(tx, caller, order, step, note, report_summary=report.summary)
