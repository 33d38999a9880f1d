"""Disposal (penghapusan barang milik daerah): proposals, approval, the decision (SK) and the berita acara.

Rules (``disposal_workflow.PROPOSAL`` holds the steps):

* a keeper proposes active items with the reasons, the method and, per item, its own reason; each item's
  condition and value are taken when the proposal is drafted and again when it is submitted (proposal time):
  the **book value** from ``domain.depreciation`` (straight line over the code's useful life, the bureau's
  period), or the acquisition value for an item that is not depreciated (``value_basis`` says which);
* an item is in at most one open proposal (draft, proposed, approved, decided): a 422 naming the item, and a
  partial unique index behind it;
* submitting writes a history row ``disposal_proposed`` on each item and publishes ``assets.disposal_proposed``;
* the Kepala Biro (``pimpinan``; never the proposer) approves, or rejects with a reason (the items are free
  again); a keeper records the decision — the Gubernur's/Sekda's SK number and date — and then the berita acara:
  its number is taken then (``numbering.next_letter_number(session, "disposal", day)``) and, **in the same
  transaction**, every item becomes ``disposed`` (``disposed_at``, its room and holder cleared on the item and
  kept in its history row ``disposed`` with the SK and BA numbers), lendable vehicles are withdrawn from
  booking, ``assets.item_disposed`` per item and ``assets.disposal_decided`` are published. The item's history
  stays (append-only); it leaves the active register and the KIR (their queries keep ``status = 'active'``);
* suggestions: active items in condition RB not in an open proposal;
* who sees proposals: keepers and report readers (the Kepala Biro among them); others 403.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.events import Assets
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from situok_kit.workflow import parties
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ..models import Asset, DisposalItem, DisposalProposal, Room
from ..schemas.disposal import DisposalItemDisposedEvent
from . import history, numbering, resources
from .access import Caller
from .disposal_workflow import KEEPER, LEADER, PROPOSAL, READER, VERBS
from .stocktaking import resolve_label

_item_disposed = DisposalItemDisposedEvent()
NOT_READER = "Anda tidak berwenang melihat usulan penghapusan."


# -- who may do what -----------------------------------------------------------------------------------------

def capacities(caller: Caller, proposal: DisposalProposal | None = None) -> frozenset[str]:
    found = set()
    if caller.is_keeper:
        found.add(KEEPER)
    if caller.is_leader:
        found.add(LEADER)
    if caller.reads_reports or found:
        found.add(READER)
    created = proposal is not None and proposal.created_by_account_id is not None \
        and proposal.created_by_account_id == caller.account_id
    return frozenset(found) | parties(created, False)


def require_reader(caller: Caller) -> None:
    if READER not in capacities(caller):
        raise Forbidden(NOT_READER)


def _items(session: Session, proposal_id: int) -> list[DisposalItem]:
    return list(session.scalars(select(DisposalItem).where(DisposalItem.proposal_id == proposal_id)
                                .order_by(DisposalItem.id)))


def allowed_actions(session: Session, caller: Caller, proposal: DisposalProposal) -> list[str]:
    return PROPOSAL.allowed_actions(proposal.status, capacities(caller, proposal), _guards(session, proposal))


def _guards(session: Session, proposal: DisposalProposal) -> dict:
    def items():
        if session.scalar(select(func.count()).select_from(DisposalItem)
                          .where(DisposalItem.proposal_id == proposal.id)):
            return None
        return ("items", "Usulan belum memuat barang.")
    return {"items": items}


def load(session: Session, caller: Caller, proposal_id: int, *, lock: bool = False) -> DisposalProposal:
    require_reader(caller)
    query = select(DisposalProposal).where(DisposalProposal.id == proposal_id)
    proposal = session.scalars(query.with_for_update() if lock else query).first()
    if proposal is None:
        raise NotFound("Usulan penghapusan tidak ditemukan.")
    return proposal


def _check(session: Session, caller: Caller, proposal: DisposalProposal, action: str):
    return PROPOSAL.check(action, proposal.status, capacities(caller, proposal), _guards(session, proposal),
                          verb=VERBS[action])


# -- values ----------------------------------------------------------------------------------------------------

def value_of(session: Session, asset: Asset, on: date) -> tuple[int, str]:
    """(value, basis): the book value on ``on`` when the item is depreciated, else its acquisition value."""
    try:
        from . import codes, depreciation
        start = depreciation.acquired_on(asset.acquisition_date, asset.acquisition_year)
        years = codes.useful_life(session, asset.code, start)
        if depreciation.is_depreciated(asset.acquisition_value, years):
            period = depreciation._period_setting(session)
            _, book, _ = depreciation.book_value(asset.acquisition_value, start, years, period, on)
            return book, "book_value"
    except (ImportError, AttributeError):  # the depreciation module not there: the acquisition value
        pass
    return asset.acquisition_value, "acquisition_value"


# -- drafting ------------------------------------------------------------------------------------------------

def _set_items(session: Session, proposal: DisposalProposal, entries: list[dict]) -> None:
    errors: dict[str, str] = {}
    seen: set[int] = set()
    assets: list[tuple[Asset, dict]] = []
    for n, entry in enumerate(entries):
        field = f"items.{n}.asset_id" if entry.get("asset_id") else f"items.{n}.label"
        asset_id = entry.get("asset_id")
        if not asset_id:
            found = resolve_label(session, entry.get("label") or "")
            asset_id = found.id if found else None
        asset = session.scalars(select(Asset).where(Asset.id == asset_id).with_for_update()).first() \
            if asset_id else None
        if asset is None or asset.status != "active":
            errors[field] = "Barang tidak ditemukan pada register aktif."
            continue
        if asset.id in seen:
            errors[field] = "Barang disebut dua kali."
            continue
        seen.add(asset.id)
        other = session.scalar(select(DisposalItem.proposal_id).where(
            DisposalItem.asset_id == asset.id, DisposalItem.open, DisposalItem.proposal_id != proposal.id))
        if other:
            errors[field] = f"Barang sudah ada pada usulan penghapusan #{other} yang masih berjalan."
            continue
        assets.append((asset, entry))
    if errors:
        raise ValidationFailed("Barang usulan tidak valid.", errors)
    for old in _items(session, proposal.id):
        session.delete(old)
    session.flush()
    today = wita_day()
    for asset, entry in assets:
        value, basis = value_of(session, asset, today)
        session.add(DisposalItem(proposal_id=proposal.id, asset_id=asset.id,
                                 reason=entry.get("reason") or proposal.reasons, condition=asset.condition,
                                 acquisition_value=asset.acquisition_value, value=value, value_basis=basis,
                                 open=True))
    session.flush()


def create(tx, caller: Caller, payload: dict) -> DisposalProposal:
    caller.require_keeper()
    session = tx.session
    proposal = DisposalProposal(method=payload["method"], reasons=payload["reasons"], status="draft",
                                created_by=caller.username, created_by_account_id=caller.account_id)
    session.add(proposal)
    session.flush()
    _set_items(session, proposal, payload["items"])
    return proposal


def update(tx, caller: Caller, proposal_id: int, payload: dict) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "edit")
    proposal.method = payload["method"]
    proposal.reasons = payload["reasons"]
    _set_items(session, proposal, payload["items"])
    return proposal


# -- the steps -----------------------------------------------------------------------------------------------

def _release(session: Session, proposal: DisposalProposal) -> None:
    for item in _items(session, proposal.id):
        item.open = False


def submit(tx, caller: Caller, proposal_id: int) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "submit")
    today = wita_day()
    for item in _items(session, proposal.id):
        asset = session.get(Asset, item.asset_id)
        if asset.status != "active":
            raise ValidationFailed("Ada barang yang sudah tidak aktif.", {"items": f"{asset.name} tidak aktif."})
        item.condition = asset.condition
        item.acquisition_value = asset.acquisition_value
        item.value, item.value_basis = value_of(session, asset, today)
        history.record(session, asset, "disposal_proposed", caller.username, note=item.reason,
                       reference=("disposal", proposal.id, None),
                       data={"method": proposal.method, "value": item.value, "value_basis": item.value_basis})
    proposal.status = "proposed"
    proposal.proposed_at = utcnow()
    session.flush()
    return proposal


def approve(tx, caller: Caller, proposal_id: int) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "approve")
    proposal.status = "approved"
    proposal.approved_by = caller.username
    proposal.approved_by_employee_id = caller.employee_id
    proposal.approved_at = utcnow()
    session.flush()
    return proposal


def reject(tx, caller: Caller, proposal_id: int, reason: str) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "reject")
    proposal.status = "rejected"
    proposal.rejected_by = caller.username
    proposal.rejected_at = utcnow()
    proposal.rejection_reason = reason
    _release(session, proposal)
    session.flush()
    return proposal


def cancel(tx, caller: Caller, proposal_id: int, reason: str) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "cancel")
    proposal.status = "cancelled"
    proposal.cancelled_at = utcnow()
    proposal.cancel_reason = reason
    _release(session, proposal)
    session.flush()
    return proposal


def decide(tx, caller: Caller, proposal_id: int, payload: dict) -> DisposalProposal:
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "decide")
    proposal.status = "decided"
    proposal.decree_number = payload["decree_number"]
    proposal.decree_date = payload["decree_date"]
    proposal.decree_by = payload.get("decree_by")
    proposal.decided_at = utcnow()
    session.flush()
    return proposal


def complete(tx, caller: Caller, proposal_id: int, payload: dict) -> DisposalProposal:
    """The berita acara: numbered now; every item leaves the register in this transaction."""
    session = tx.session
    proposal = load(session, caller, proposal_id, lock=True)
    _check(session, caller, proposal, "complete")
    day = payload.get("ba_date") or wita_day()
    if proposal.decree_date and day < proposal.decree_date:
        raise ValidationFailed("Tanggal berita acara tidak valid.",
                               {"ba_date": "Tidak boleh sebelum tanggal SK penghapusan."})
    proposal.ba_number = numbering.next_letter_number(session, "disposal", day)
    proposal.ba_date = day
    now = utcnow()
    reference = ("disposal", proposal.id, proposal.ba_number)
    for item in _items(session, proposal.id):
        asset = session.scalars(select(Asset).where(Asset.id == item.asset_id).with_for_update()).first()
        if asset.status != "active":
            raise ValidationFailed("Ada barang yang sudah tidak aktif.", {"items": f"{asset.name} tidak aktif."})
        history.record(session, asset, "disposed", caller.username, reference=reference,
                       note=f"Dihapus: SK {proposal.decree_number}, BA {proposal.ba_number}.",
                       from_room_id=asset.room_id, from_holder_employee_id=asset.holder_employee_id,
                       data={"sk_number": proposal.decree_number, "sk_date": proposal.decree_date.isoformat(),
                             "ba_number": proposal.ba_number, "ba_date": day.isoformat(),
                             "method": proposal.method, "value": item.value, "value_basis": item.value_basis,
                             "room_id": asset.room_id, "holder_employee_id": asset.holder_employee_id})
        asset.status = "disposed"
        asset.disposed_at = now
        asset.room_id = None
        asset.holder_employee_id = None
        item.open = False
        session.flush()
        resources.publish_vehicle(tx, asset)
        tx.emit(Assets.ITEM_DISPOSED, _item_disposed.dump(item_disposed_event(proposal, item, asset)))
    proposal.status = "done"
    proposal.done_at = now
    proposal.done_by = caller.username
    session.flush()
    return proposal


# -- answers ---------------------------------------------------------------------------------------------------

_FIELDS = ("id", "method", "reasons", "status", "created_by", "created_at", "proposed_at", "approved_by",
           "approved_at", "rejected_by", "rejected_at", "rejection_reason", "decree_number", "decree_date",
           "decree_by", "decided_at", "ba_number", "ba_date", "done_at", "done_by", "cancelled_at", "cancel_reason",
           "updated_at")


def _room_names(session: Session, ids) -> dict:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {r.id: r.name for r in session.scalars(select(Room).where(Room.id.in_(wanted)))}


def item_view(item: DisposalItem, asset: Asset, rooms: dict) -> dict:
    return {"id": item.id, "asset_id": asset.id, "code": asset.code, "register_number": asset.register_number,
            "name": asset.name, "kib": asset.kib, "acquisition_year": asset.acquisition_year,
            "room_id": asset.room_id, "room_name": rooms.get(asset.room_id), "asset_status": asset.status,
            "reason": item.reason, "condition": item.condition, "acquisition_value": item.acquisition_value,
            "value": item.value, "value_basis": item.value_basis}


def summary(session: Session, caller: Caller, proposal: DisposalProposal) -> dict:
    totals = session.execute(select(func.count(), func.coalesce(func.sum(DisposalItem.value), 0))
                             .where(DisposalItem.proposal_id == proposal.id)).one()
    return {**{f: getattr(proposal, f) for f in _FIELDS}, "items_count": totals[0], "total_value": int(totals[1]),
            "allowed_actions": allowed_actions(session, caller, proposal)}


def detail(session: Session, caller: Caller, proposal: DisposalProposal) -> dict:
    items = _items(session, proposal.id)
    assets = {a.id: a for a in session.scalars(select(Asset).where(Asset.id.in_([i.asset_id for i in items])))}
    rooms = _room_names(session, [a.room_id for a in assets.values()])
    return {**summary(session, caller, proposal), "items": [item_view(i, assets[i.asset_id], rooms) for i in items]}


def list_proposals(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    require_reader(caller)
    query = select(DisposalProposal)
    if filters.get("status"):
        query = query.where(DisposalProposal.status == filters["status"])
    if filters.get("method"):
        query = query.where(DisposalProposal.method == filters["method"])
    if filters.get("asset_id"):
        query = query.where(DisposalProposal.id.in_(select(DisposalItem.proposal_id)
                                                    .where(DisposalItem.asset_id == filters["asset_id"])))
    after = decode_cursor(cursor, 1)
    if after:
        query = query.where(DisposalProposal.id < int(after[0]))
    rows = list(session.scalars(query.order_by(DisposalProposal.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda p: [p.id])
    result["items"] = [summary(session, caller, p) for p in result["items"]]
    return result


def suggestions(session: Session, caller: Caller, cursor: str | None, limit: int) -> dict:
    """Active items in condition RB not in an open proposal, by id."""
    require_reader(caller)
    in_open = select(DisposalItem.asset_id).where(DisposalItem.open)
    query = select(Asset).where(Asset.status == "active", Asset.condition == "RB", Asset.id.not_in(in_open))
    after = decode_cursor(cursor, 1)
    if after:
        query = query.where(Asset.id > int(after[0]))
    rows = list(session.scalars(query.order_by(Asset.id).limit(limit + 1)))
    result = page(rows, limit, lambda a: [a.id])
    rooms = _room_names(session, [a.room_id for a in result["items"]])
    today = wita_day()
    items = []
    for asset in result["items"]:
        value, basis = value_of(session, asset, today)
        items.append({"asset_id": asset.id, "code": asset.code, "register_number": asset.register_number,
                      "name": asset.name, "kib": asset.kib, "acquisition_year": asset.acquisition_year,
                      "room_id": asset.room_id, "room_name": rooms.get(asset.room_id), "condition": asset.condition,
                      "acquisition_value": asset.acquisition_value, "value": value, "value_basis": basis})
    result["items"] = items
    return result


def report(session: Session, caller: Caller, year: int, method: str | None = None) -> dict:
    """``DisposalReportOut``: the items disposed in ``year`` (by the berita acara's date), with the SK and BA
    numbers and values, by method."""
    require_reader(caller)
    query = (select(DisposalItem, DisposalProposal, Asset)
             .join(DisposalProposal, DisposalProposal.id == DisposalItem.proposal_id)
             .join(Asset, Asset.id == DisposalItem.asset_id)
             .where(DisposalProposal.status == "done", extract("year", DisposalProposal.ba_date) == year))
    if method:
        query = query.where(DisposalProposal.method == method)
    rows = []
    for item, proposal, asset in session.execute(query.order_by(DisposalProposal.ba_date, DisposalProposal.id,
                                                                DisposalItem.id)):
        rows.append({"proposal_id": proposal.id, "asset_id": asset.id, "code": asset.code,
                     "register_number": asset.register_number, "name": asset.name, "kib": asset.kib,
                     "acquisition_year": asset.acquisition_year, "method": proposal.method,
                     "condition": item.condition, "acquisition_value": item.acquisition_value, "value": item.value,
                     "value_basis": item.value_basis, "decree_number": proposal.decree_number,
                     "decree_date": proposal.decree_date, "ba_number": proposal.ba_number,
                     "ba_date": proposal.ba_date, "reason": item.reason})
    by_method: dict[str, dict] = {}
    for row in rows:
        entry = by_method.setdefault(row["method"], {"method": row["method"], "items": 0, "acquisition_value": 0,
                                                     "value": 0})
        entry["items"] += 1
        entry["acquisition_value"] += row["acquisition_value"]
        entry["value"] += row["value"]
    return {"year": year, "method": method, "rows": rows, "by_method": list(by_method.values()),
            "items": len(rows), "acquisition_value": sum(r["acquisition_value"] for r in rows),
            "value": sum(r["value"] for r in rows)}


# -- events ------------------------------------------------------------------------------------------------------

def proposal_event(session: Session, proposal: DisposalProposal) -> dict:
    items = _items(session, proposal.id)
    return {"proposal_id": proposal.id, "status": proposal.status, "method": proposal.method,
            "asset_ids": [i.asset_id for i in items], "total_value": sum(i.value for i in items),
            "decree_number": proposal.decree_number, "decree_date": proposal.decree_date,
            "ba_number": proposal.ba_number, "ba_date": proposal.ba_date}


def item_disposed_event(proposal: DisposalProposal, item: DisposalItem, asset: Asset) -> dict:
    return {"asset_id": asset.id, "code": asset.code, "register_number": asset.register_number, "name": asset.name,
            "kib": asset.kib, "proposal_id": proposal.id, "method": proposal.method,
            "decree_number": proposal.decree_number, "ba_number": proposal.ba_number, "ba_date": proposal.ba_date,
            "value": item.value, "disposed_at": asset.disposed_at}
