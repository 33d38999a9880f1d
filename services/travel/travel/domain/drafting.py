"""Drafting an order: the estimate of an unsaved form, creating a draft, changing it (``edit``).

A draft's travellers must be active roster employees the caller may request for, none on approved leave on a
day of the trip (``domain.leave``); its cost estimate is
computed from the rate table of the departure's year and stored, per traveller and in total, on every change.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..models import Order, OrderTraveller, RosterEmployee, utcnow
from . import access, leave, rates, roster
from .commands import record_transition, take
from .common import actor_name
from .estimate import estimate


def estimate_for(session: Session, data: dict, people: list[RosterEmployee]) -> dict:
    book = rates.rate_book(session, data["departure_date"].year)
    return estimate(book, category=data["category"], destinations=data["destinations"],
                    departure_date=data["departure_date"], return_date=data["return_date"],
                    transport=data["transport"],
                    travellers=[{"employee_id": p.id, "name": p.full_name, "cost_level": p.cost_level}
                                for p in people])


def estimate_draft(session: Session, caller: access.Caller, data: dict) -> dict:
    """The estimate of an unsaved form (``EstimateIn`` data), for travellers the caller may request for (403
    otherwise: the estimate names them and their cost level)."""
    people = roster.active_travellers(session, data["travellers"])
    _check_request(caller, people, "travel.estimate")
    return estimate_for(session, data, people)


def _check_request(caller: access.Caller, people: list[RosterEmployee], action: str) -> None:
    problem = caller.request_problem(people)
    if problem:
        access.deny(caller.identity, action, problem)


def _check_not_on_leave(session: Session, data: dict, people: list[RosterEmployee]) -> None:
    """No traveller on approved leave on a day of the trip (``domain.leave``; 422 naming the traveller)."""
    leave.check_travellers(session, [(p.id, p.full_name, data["departure_date"], data["return_date"])
                                     for p in people])


def _follower(f: dict) -> dict:
    birth = f.get("birth_date")
    return {"name": f["name"], "birth_date": birth.isoformat() if isinstance(birth, date) else birth,
            "note": f.get("note")}


def _apply(session: Session, order: Order, data: dict, people: list[RosterEmployee]) -> None:
    with session.no_autoflush:
        est = estimate_for(session, data, people)
    for name in ("basis", "purpose", "origin", "destinations", "departure_date", "return_date", "category",
                 "transport", "budget_agency", "budget_account", "sub_activity_code", "account_code", "notes"):
        setattr(order, name, data.get(name))
    order.estimate, order.estimate_total = est, est["total"]
    by_id = {t["employee_id"]: t for t in est["travellers"]}
    followers = {t["employee_id"]: t.get("followers") or [] for t in data["travellers"]}
    if order.travellers:
        order.travellers.clear()
        session.flush()  # the old rows go before the new ones meet the unique (order, employee)
    for position, person in enumerate(people, start=1):
        order.travellers.append(OrderTraveller(
            position=position, employee_id=person.id, name=person.full_name, nip=person.nip,
            pangkat=person.pangkat, golongan=person.golongan or person.pppk_grade,
            position_name=person.position_name, unit_id=person.unit_id, unit_name=person.unit_name,
            rank=person.rank, cost_level=person.cost_level,
            followers=[_follower(f) for f in followers[person.id]],
            departure_date=data["departure_date"], return_date=data["return_date"], blocking=False,
            estimate=by_id[person.id], estimate_total=by_id[person.id]["total"]))


def create_order(tx, caller: access.Caller, data: dict) -> Order:
    """A new draft requested by the caller (``OrderIn`` data)."""
    session = tx.session
    identity = caller.identity
    people = roster.active_travellers(session, data["travellers"])
    _check_request(caller, people, "travel.create_order")
    _check_not_on_leave(session, data, people)
    requester = session.get(RosterEmployee, identity.employee_id) if identity.employee_id else None
    now = utcnow()
    order = Order(status="draft", requester_account_id=identity.account_id,
                  requester_employee_id=identity.employee_id,
                  requester_name=requester.full_name if requester else actor_name(identity),
                  unit_id=requester.unit_id if requester and not identity.is_admin else people[0].unit_id,
                  created_at=now, updated_at=now)
    _apply(session, order, data, people)
    session.add(order)
    session.flush()
    record_transition(session, identity, order, None)
    return order


def order_input(order: Order) -> dict:
    """The stored order as ``OrderIn`` data (to merge a partial change into)."""
    return {
        "travellers": [{"employee_id": t.employee_id, "followers": t.followers or []} for t in order.travellers],
        "destinations": order.destinations, "departure_date": order.departure_date.isoformat(),
        "return_date": order.return_date.isoformat(), "category": order.category, "transport": order.transport,
        "basis": order.basis, "purpose": order.purpose, "origin": order.origin,
        "budget_agency": order.budget_agency, "budget_account": order.budget_account,
        "sub_activity_code": order.sub_activity_code, "account_code": order.account_code, "notes": order.notes,
    }


def update_order(tx, caller: access.Caller, order_id: int, load_merged) -> Order:
    """Change a draft. ``load_merged(current_input) -> validated data`` merges and validates the change."""
    session = tx.session
    order, _ = take(tx, caller, order_id, "edit", "travel.update_order")
    data = load_merged(order_input(order))
    people = roster.active_travellers(session, data["travellers"])
    _check_request(caller, people, "travel.update_order")
    _check_not_on_leave(session, data, people)
    _apply(session, order, data, people)
    order.updated_at = utcnow()
    order.version += 1
    return order
