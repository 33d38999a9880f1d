"""Consumables requests: an employee asks, the head of their unit decides, the pengurus barang issues (FIFO).

The workflow is one table (``situok_kit.workflow``)::

    submitted ──approve──▶ approved ──issue──▶ issued
        │  (head of the requester's unit     (pengurus barang / admin: lots consumed FIFO)
        │   or a unit above it; not the requester)
        ├──reject──▶ rejected   (the same heads, with a reason)
        └──cancel──▶ cancelled  (the requester, while submitted)

Capacities (what the caller is to a request): ``requester`` (asked for it), ``head`` (holds a head role —
``kasubbag``, ``kepala_bagian``, ``pimpinan`` — and the request's unit is their unit or one below it, from the
roster copy's units), ``keeper`` (``access.Caller.is_keeper``). The requester never approves or rejects their
own request (``CREATOR`` in ``not_by``).

Issuing locks the request, then the items (by id), then the items' lots (``FOR UPDATE``, FIFO order) in one
transaction: two issues racing for the last units wait for each other, the second sees what the first left, and
no lot ever goes below zero (the CHECK on ``supply_lots`` backs it). When stock is short the keeper issues what
there is and each short line says so (``issue_note``); an issue with nothing at all to hand over is refused
(409). Each line's value is Σ (units from a lot × that lot's price) and each lot touched writes a stock-card
movement.
"""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, encode_cursor
from situok_kit.workflow import CREATOR, Step, Workflow, parties
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import RosterUnit, SupplyItem, SupplyLot, SupplyMovement, SupplyRequest, SupplyRequestLine
from ..schemas.supplies import SupplyRequestEvent
from . import roster, supplies, supplies_fifo
from .access import Caller

STATUS_LABELS = {"submitted": "diajukan", "approved": "disetujui", "rejected": "ditolak", "issued": "diserahkan",
                 "cancelled": "dibatalkan"}
HEADS_ONLY = "Hanya kepala unit peminta (atau unit di atasnya) yang dapat memutuskan permintaan ini."
REQUEST = Workflow("permintaan persediaan", [
    Step("approve", ("submitted",), "approved", who=("head",), event=Assets.SUPPLY_REQUEST_DECIDED,
         not_by=(CREATOR,), denied=HEADS_ONLY),
    Step("reject", ("submitted",), "rejected", who=("head",), event=Assets.SUPPLY_REQUEST_DECIDED,
         not_by=(CREATOR,), denied=HEADS_ONLY),
    Step("cancel", ("submitted",), "cancelled", who=("requester",),
         denied="Hanya peminta yang dapat membatalkan permintaannya."),
    Step("issue", ("approved",), "issued", who=("keeper",), event=Assets.SUPPLY_ISSUED,
         denied="Hanya pengurus barang atau admin yang dapat menyerahkan persediaan."),
], labels=STATUS_LABELS)
VERBS = {"approve": "disetujui", "reject": "ditolak", "cancel": "dibatalkan", "issue": "diserahkan"}


# -- who ------------------------------------------------------------------------------------------------------

class Reach:
    """The caller's facts for requests, looked up once: their employee id, the units they head (empty when
    they hold no head role), whether they keep the store."""

    def __init__(self, session: Session, caller: Caller):
        self.caller = caller
        self.employee_id = caller.employee_id
        self.keeper = caller.is_keeper
        unit = supplies.unit_of(session, caller)
        self.units: set[int] = (set(roster.subunit_ids(session, unit))
                                if unit and caller.has("kasubbag", "kepala_bagian", "pimpinan") else set())

    def capacities(self, request: SupplyRequest) -> frozenset[str]:
        mine = bool(self.employee_id) and request.requester_employee_id == self.employee_id
        found = set(parties(mine, False))
        if mine:
            found.add("requester")
        if request.requester_unit_id in self.units:
            found.add("head")
        if self.keeper:
            found.add("keeper")
        return frozenset(found)

    def sees(self, request: SupplyRequest) -> bool:
        return bool(self.capacities(request) - {CREATOR})


def _load(session: Session, reach: Reach, request_id: int, lock: bool = False) -> SupplyRequest:
    request = session.get(SupplyRequest, request_id, with_for_update=lock)
    if request is None or not reach.sees(request):
        raise NotFound("Permintaan persediaan tidak ditemukan.")
    return request


# -- reading ---------------------------------------------------------------------------------------------------

def _lines(session: Session, request_ids) -> dict[int, list[dict]]:
    stock = (select(SupplyLot.item_id, func.sum(SupplyLot.qty_left).label("stock"))
             .where(SupplyLot.qty_left > 0).group_by(SupplyLot.item_id).subquery())
    rows = session.execute(
        select(SupplyRequestLine, SupplyItem.code, SupplyItem.name, SupplyItem.unit, func.coalesce(stock.c.stock, 0))
        .join(SupplyItem, SupplyItem.id == SupplyRequestLine.item_id)
        .outerjoin(stock, stock.c.item_id == SupplyRequestLine.item_id)
        .where(SupplyRequestLine.request_id.in_(set(request_ids))).order_by(SupplyRequestLine.id)).all()
    found: dict[int, list[dict]] = {}
    for line, code, name, unit, qty in rows:
        found.setdefault(line.request_id, []).append({
            "id": line.id, "item_id": line.item_id, "item_code": code, "item_name": name, "unit": unit,
            "quantity_requested": line.quantity_requested, "quantity_approved": line.quantity_approved,
            "quantity_issued": line.quantity_issued, "value_issued": line.value_issued,
            "issue_note": line.issue_note, "stock": int(qty)})
    return found


def views(session: Session, reach: Reach | None, requests: list[SupplyRequest]) -> list[dict]:
    """``SupplyRequestOut`` of each request (``reach`` None: no ``allowed_actions``, as for an event)."""
    lines = _lines(session, [r.id for r in requests])
    names = roster.names(session, {r.requester_employee_id for r in requests}
                         | {r.decided_by_employee_id for r in requests})
    unit_ids = {r.requester_unit_id for r in requests if r.requester_unit_id}
    units = dict(session.execute(select(RosterUnit.id, RosterUnit.name).where(RosterUnit.id.in_(unit_ids))).all())
    out = []
    for r in requests:
        its = lines.get(r.id, [])
        out.append({
            "id": r.id, "status": r.status, "status_label": REQUEST.label(r.status),
            "requester_employee_id": r.requester_employee_id, "requester_name": names.get(r.requester_employee_id),
            "requester_unit_id": r.requester_unit_id, "requester_unit_name": units.get(r.requester_unit_id),
            "purpose": r.purpose, "created_at": r.created_at, "decided_by_employee_id": r.decided_by_employee_id,
            "decided_by_name": names.get(r.decided_by_employee_id), "decided_at": r.decided_at,
            "decision_note": r.decision_note, "issued_by": r.issued_by, "issued_on": r.issued_on,
            "issue_note": r.issue_note, "total_issued_value": sum(line["value_issued"] or 0 for line in its),
            "lines": its,
            "allowed_actions": REQUEST.allowed_actions(r.status, reach.capacities(r)) if reach else []})
    return out


def view(session: Session, caller: Caller | None, request: SupplyRequest) -> dict:
    return views(session, Reach(session, caller) if caller else None, [request])[0]


def get(session: Session, caller: Caller, request_id: int) -> dict:
    reach = Reach(session, caller)
    return views(session, reach, [_load(session, reach, request_id)])[0]


def list_requests(session: Session, caller: Caller, queue: str = "mine", status: str | None = None,
                  cursor: str | None = None, limit: int = 50) -> dict:
    """``SupplyRequestPage``, newest first: ``mine`` (the caller's own), ``approve`` (submitted ones of the
    units the caller heads, not their own), ``issue`` (approved, for the keeper), ``all`` (the keeper: every
    request; a head: their units')."""
    reach = Reach(session, caller)
    query = select(SupplyRequest)
    if queue == "mine":
        query = query.where(SupplyRequest.requester_employee_id == (caller.employee_id or -1))
    elif queue == "approve":
        if not reach.units:
            raise Forbidden(HEADS_ONLY)
        query = query.where(SupplyRequest.status == "submitted", SupplyRequest.requester_unit_id.in_(reach.units),
                            SupplyRequest.requester_employee_id != (caller.employee_id or -1))
    elif queue == "issue":
        caller.require_keeper()
        query = query.where(SupplyRequest.status == "approved")
    else:
        if not reach.keeper:
            if not reach.units:
                raise Forbidden("Anda tidak berwenang melihat semua permintaan persediaan.")
            query = query.where(SupplyRequest.requester_unit_id.in_(reach.units))
    if status:
        query = query.where(SupplyRequest.status == status)
    oldest_first = queue == "issue"   # the keeper's queue runs oldest first
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(SupplyRequest.id > int(after[0]) if oldest_first else SupplyRequest.id < int(after[0]))
    order = SupplyRequest.id.asc() if oldest_first else SupplyRequest.id.desc()
    rows = list(session.scalars(query.order_by(order).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": views(session, reach, rows),
            "next_cursor": encode_cursor([rows[-1].id]) if more and rows else None}


# -- commands --------------------------------------------------------------------------------------------------

def _emit(tx, event: str, request: SupplyRequest) -> None:
    tx.session.flush()
    tx.emit(event, SupplyRequestEvent().dump(views(tx.session, None, [request])[0]))


def create(tx, caller: Caller, data: dict) -> SupplyRequest:
    """An employee's request (each item once, active items only); ``assets.supply_requested``."""
    session = tx.session
    caller.require(caller.is_employee, "Hanya pegawai yang dapat meminta persediaan.")
    seen: dict[int, int] = {}
    problems = {}
    for n, line in enumerate(data["lines"]):
        if line["item_id"] in seen:
            problems[f"lines.{n}.item_id"] = "Barang ini sudah ada pada baris lain."
        seen[line["item_id"]] = n
    if problems:
        raise ValidationFailed("Permintaan tidak valid.", problems)
    supplies._active_items(session, data["lines"])
    request = SupplyRequest(requester_employee_id=caller.employee_id,
                            requester_unit_id=supplies.unit_of(session, caller), requested_by=caller.username,
                            purpose=data["purpose"], status="submitted")
    session.add(request)
    session.flush()
    for line in data["lines"]:
        session.add(SupplyRequestLine(request_id=request.id, item_id=line["item_id"],
                                      quantity_requested=line["quantity"]))
    _emit(tx, Assets.SUPPLY_REQUESTED, request)
    return request


def _step(session: Session, caller: Caller, request_id: int, action: str) -> tuple[SupplyRequest, Reach]:
    reach = Reach(session, caller)
    request = _load(session, reach, request_id, lock=True)
    REQUEST.check(action, request.status, reach.capacities(request), verb=VERBS[action])
    return request, reach


def _line_quantities(lines: list[SupplyRequestLine], given: list[dict], limit_of, label: str) -> dict[int, int]:
    by_id = {line.id: line for line in lines}
    chosen: dict[int, int] = {}
    problems = {}
    for n, entry in enumerate(given):
        line = by_id.get(entry["line_id"])
        if line is None:
            problems[f"lines.{n}.line_id"] = "Baris ini bukan bagian dari permintaan."
        elif entry["quantity"] > limit_of(line):
            problems[f"lines.{n}.quantity"] = f"Tidak boleh melebihi {label} ({limit_of(line)})."
        else:
            chosen[line.id] = entry["quantity"]
    if problems:
        raise ValidationFailed("Jumlah tidak valid.", problems)
    return chosen


def approve(tx, caller: Caller, request_id: int, data: dict) -> SupplyRequest:
    """The unit head: approve with quantities ≤ requested (lines not named: as requested; at least one > 0)."""
    session = tx.session
    request, _ = _step(session, caller, request_id, "approve")
    lines = list(session.scalars(select(SupplyRequestLine).where(SupplyRequestLine.request_id == request.id)
                                 .order_by(SupplyRequestLine.id)))
    chosen = _line_quantities(lines, data.get("lines") or [], lambda line: line.quantity_requested, "yang diminta")
    for line in lines:
        line.quantity_approved = chosen.get(line.id, line.quantity_requested)
    if not any(line.quantity_approved for line in lines):
        raise ValidationFailed("Tidak ada yang disetujui.",
                               {"lines": "Setujui sedikitnya satu barang, atau tolak permintaan ini."})
    request.status = "approved"
    request.decided_by_employee_id = caller.employee_id
    request.decided_at = utcnow()
    request.decision_note = data.get("note")
    _emit(tx, Assets.SUPPLY_REQUEST_DECIDED, request)
    return request


def reject(tx, caller: Caller, request_id: int, reason: str) -> SupplyRequest:
    request, _ = _step(tx.session, caller, request_id, "reject")
    request.status = "rejected"
    request.decided_by_employee_id = caller.employee_id
    request.decided_at = utcnow()
    request.decision_note = reason
    _emit(tx, Assets.SUPPLY_REQUEST_DECIDED, request)
    return request


def cancel(tx, caller: Caller, request_id: int, reason: str | None) -> SupplyRequest:
    request, _ = _step(tx.session, caller, request_id, "cancel")
    request.status = "cancelled"
    request.cancelled_at = utcnow()
    request.decision_note = reason
    return request


def lock_lots(session: Session, item_ids) -> dict[int, list[SupplyLot]]:
    """The items (by id) and then their lots with stock, ``FOR UPDATE``, FIFO order, grouped by item."""
    ids = sorted(set(item_ids))
    list(session.scalars(select(SupplyItem).where(SupplyItem.id.in_(ids)).order_by(SupplyItem.id)
                         .with_for_update()))
    lots = session.scalars(select(SupplyLot).where(SupplyLot.item_id.in_(ids), SupplyLot.qty_left > 0)
                           .order_by(SupplyLot.item_id, SupplyLot.received_on, SupplyLot.id).with_for_update())
    found: dict[int, list[SupplyLot]] = {i: [] for i in ids}
    for lot in lots:
        found[lot.item_id].append(lot)
    return found


def consume(session: Session, item_id: int, lots: list[SupplyLot], quantity: int, *, moved_on, kind: str,
            reference: str, request_id: int | None = None, count_id: int | None = None) -> supplies_fifo.Taken:
    """Take ``quantity`` (or what there is) FIFO from ``lots`` (locked): lower each lot, write a stock-card
    movement per lot touched."""
    taken = supplies_fifo.take([supplies_fifo.Lot(lot.id, lot.received_on, lot.unit_price, lot.qty_left)
                                for lot in lots], quantity)
    by_id = {lot.id: lot for lot in lots}
    for draw in taken.draws:
        by_id[draw.lot_id].qty_left -= draw.quantity
        session.add(SupplyMovement(item_id=item_id, lot_id=draw.lot_id, moved_on=moved_on, kind=kind, qty_in=0,
                                   qty_out=draw.quantity, unit_price=draw.unit_price, value_in=0,
                                   value_out=draw.value, reference=reference[:160], request_id=request_id,
                                   count_id=count_id))
    return taken


def issue(tx, caller: Caller, request_id: int, data: dict) -> SupplyRequest:
    """The keeper: hand over an approved request, consuming lots FIFO; ``assets.supply_issued`` and, per item
    taken to or below its minimum, ``assets.stock_low`` (once per crossing)."""
    session = tx.session
    request, _ = _step(session, caller, request_id, "issue")
    lines = list(session.scalars(select(SupplyRequestLine).where(SupplyRequestLine.request_id == request.id)
                                 .order_by(SupplyRequestLine.id)))
    chosen = _line_quantities(lines, data.get("lines") or [], lambda line: line.quantity_approved or 0,
                              "yang disetujui")
    lots = lock_lots(session, [line.item_id for line in lines])
    today = wita_day()
    reference = f"Permintaan #{request.id}"
    for line in lines:
        wanted = chosen.get(line.id, line.quantity_approved or 0)
        taken = consume(session, line.item_id, lots[line.item_id], wanted, moved_on=today, kind="issue",
                        reference=reference, request_id=request.id)
        line.quantity_issued, line.value_issued = taken.quantity, taken.value
        if taken.short:
            line.issue_note = (f"Stok kurang: disetujui {line.quantity_approved}, diserahkan {taken.quantity} "
                               f"(kurang {taken.short}).")
        elif wanted < (line.quantity_approved or 0):
            line.issue_note = f"Diserahkan {wanted} dari {line.quantity_approved} yang disetujui."
    if not any(line.quantity_issued for line in lines):
        raise Conflict("Tidak ada yang dapat diserahkan: stok barang yang disetujui kosong.",
                       {"lines": "Stok kosong."})
    request.status = "issued"
    request.issued_by_employee_id = caller.employee_id
    request.issued_by = caller.username
    request.issued_at = utcnow()
    request.issued_on = today
    request.issue_note = data.get("note")
    session.flush()
    for line in lines:
        item = session.get(SupplyItem, line.item_id)
        supplies.mark_low(tx, item, sum(lot.qty_left for lot in lots[line.item_id]))
    _emit(tx, Assets.SUPPLY_ISSUED, request)
    return request
