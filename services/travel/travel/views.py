"""The JSON shapes travel answers with (RPC results and event payloads), built from the models."""
from __future__ import annotations

import os

from situok_kit.config import env

from .domain.estimate import trip_days
from .models import Attachment, Leg, Order, OrderTraveller, RealizationLine, Transition, TripReport


def public_url() -> str:
    """``SITUOK_PUBLIC_URL`` (the kit's setting; default http://localhost:8000), without a trailing slash."""
    return (env("SITUOK_PUBLIC_URL") or os.environ.get("SITUOK_PUBLIC_URL") or "http://localhost:8000").rstrip("/")


def verify_url(token: str | None) -> str | None:
    return f"{public_url()}/verifikasi/{token}" if token else None


def _iso(value):
    return value.isoformat() if value is not None else None


def leg_out(leg: Leg) -> dict:
    return {"id": leg.id, "kind": leg.kind, "place": leg.place, "latitude": leg.latitude,
            "longitude": leg.longitude, "accuracy": leg.accuracy_m, "recorded_at": _iso(leg.recorded_at)}


def traveller_out(t: OrderTraveller, with_legs: bool = False) -> dict:
    out = {"employee_id": t.employee_id, "name": t.name, "nip": t.nip, "pangkat": t.pangkat, "golongan": t.golongan,
           "position_name": t.position_name, "unit_id": t.unit_id, "unit_name": t.unit_name, "rank": t.rank,
           "cost_level": t.cost_level, "followers": t.followers or [], "sppd_number": t.sppd_number,
           "estimate_total": t.estimate_total}
    if with_legs:
        out["legs"] = [leg_out(leg) for leg in t.legs]
    return out


def attachment_out(a: Attachment) -> dict:
    return {"id": a.id, "kind": a.kind, "filename": a.filename, "content_type": a.content_type, "size": a.size,
            "sha256": a.sha256, "line_id": a.line_id}


def transition_out(t: Transition) -> dict:
    return {"from_status": t.from_status, "to_status": t.to_status, "actor_account_id": t.actor_account_id,
            "actor_employee_id": t.actor_employee_id, "actor_username": t.actor_username, "note": t.note,
            "at": _iso(t.at)}


def order_summary(order: Order) -> dict:
    return {
        "id": order.id, "status": order.status, "number": order.number, "unit_id": order.unit_id,
        "requester_account_id": order.requester_account_id, "requester_employee_id": order.requester_employee_id,
        "requester_name": order.requester_name, "purpose": order.purpose, "origin": order.origin,
        "destinations": order.destinations, "departure_date": _iso(order.departure_date),
        "return_date": _iso(order.return_date), "days": trip_days(order.departure_date, order.return_date),
        "category": order.category, "transport": order.transport, "estimate_total": order.estimate_total,
        "travellers": [traveller_out(t) for t in order.travellers],
        "issued_date": _iso(order.issued_date), "created_at": _iso(order.created_at),
        "updated_at": _iso(order.updated_at),
    }


def order_detail(order: Order, transitions: list[Transition], report: TripReport | None,
                 attachments: list[Attachment], lines: list[RealizationLine]) -> dict:
    out = order_summary(order)
    out.update({
        "basis": order.basis, "budget_agency": order.budget_agency, "budget_account": order.budget_account,
        "notes": order.notes, "estimate": order.estimate, "issued_at": _iso(order.issued_at),
        "verify_url": verify_url(order.verify_token), "cancel_reason": order.cancel_reason,
        "approver_employee_id": order.approver_employee_id, "realized_total": order.realized_total,
        "travellers": [traveller_out(t, with_legs=True) for t in order.travellers],
        "transitions": [transition_out(t) for t in transitions],
        "report": None,
        "realization": None,
    })
    if report is not None:
        out["report"] = {"summary": report.summary, "filed_at": _iso(report.filed_at),
                         "filed_by_account_id": report.filed_by_account_id,
                         "attachments": [attachment_out(a) for a in attachments if a.kind == "report"]}
    if lines:
        receipts = [a for a in attachments if a.kind == "receipt"]
        out["realization"] = {
            "lines": [{"id": line.id, "employee_id": line.employee_id, "category": line.category,
                       "description": line.description, "amount": line.amount,
                       "receipts": [attachment_out(a) for a in receipts if a.line_id == line.id]} for line in lines],
            "total": sum(line.amount for line in lines),
        }
    return out


# -- event payloads -----------------------------------------------------------------------------

def event_data(order: Order, **extra) -> dict:
    """Common payload of every ``travel.order_*`` event (see docs/contracts.md)."""
    data = {
        "order_id": order.id, "status": order.status, "number": order.number, "unit_id": order.unit_id,
        "requester_employee_id": order.requester_employee_id, "purpose": order.purpose,
        "destinations": order.destinations, "category": order.category,
        "departure_date": _iso(order.departure_date), "return_date": _iso(order.return_date),
        "estimate_total": order.estimate_total,
        "travellers": [{"employee_id": t.employee_id, "name": t.name, "nip": t.nip, "unit_id": t.unit_id,
                        "sppd_number": t.sppd_number, "departure_date": _iso(t.departure_date),
                        "return_date": _iso(t.return_date)} for t in order.travellers],
    }
    data.update(extra)
    return data
