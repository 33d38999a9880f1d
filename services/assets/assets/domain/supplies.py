"""Consumables (persediaan): the items, their stock, receipts (purchases: FIFO lots), the minimum-stock alert list
and the stock card (kartu persediaan). Requests and issues: ``supplies_requests``; stock opname:
``supplies_counts``; the semester report: ``supplies_reports``; FIFO valuation itself: ``supplies_fifo`` (pure).

Rules:

* the pengurus barang (or an admin) keeps the store: items, receipts, issues, counts; every signed-in employee
  sees the items (to ask for them); the stock card and the report are for the keeper and the report readers;
* an item's stock is Σ ``qty_left`` of its lots, its value Σ ``qty_left × unit_price`` (never stored twice);
* a receipt's date is never in the future (WITA); each line becomes a lot and a stock-card movement in the same
  transaction, and ``assets.supply_received`` is written to the outbox with it;
* ``assets.stock_low`` goes out once per crossing: the issue or count that takes an item to or below its minimum
  publishes it and marks the item (``low_alerted``); a receipt or surplus that lifts it above clears the mark.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.events import Assets
from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, encode_cursor
from sqlalchemy import and_, func, literal, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import RosterEmployee, SupplyItem, SupplyLot, SupplyMovement, SupplyReceipt
from ..schemas.supplies import StockLowEvent, SupplyReceivedEvent
from .access import Caller

NOT_READER = "Kartu persediaan dan laporan persediaan hanya untuk pengurus barang, admin, dan pimpinan."


# -- who ---------------------------------------------------------------------------------------------------

def unit_of(session: Session, caller: Caller) -> int | None:
    """The caller's org unit: the identity's, else the roster copy's for their employee record."""
    if caller.unit_id:
        return caller.unit_id
    if caller.employee_id:
        return session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == caller.employee_id))
    return None


def require_reader(caller: Caller) -> Caller:
    return caller.require(caller.is_keeper or caller.reads_reports, NOT_READER)


# -- items and their stock ------------------------------------------------------------------------------------

def _stock_subquery():
    return (select(SupplyLot.item_id, func.sum(SupplyLot.qty_left).label("stock"),
                   func.sum(SupplyLot.qty_left * SupplyLot.unit_price).label("stock_value"))
            .where(SupplyLot.qty_left > 0).group_by(SupplyLot.item_id).subquery())


def _item_query():
    stock = _stock_subquery()
    qty = func.coalesce(stock.c.stock, 0)
    return (select(SupplyItem, qty.label("stock"), func.coalesce(stock.c.stock_value, 0).label("stock_value"))
            .outerjoin(stock, stock.c.item_id == SupplyItem.id)), qty


def item_view(item: SupplyItem, stock: int, stock_value: int) -> dict:
    stock, stock_value = int(stock), int(stock_value)
    return {"id": item.id, "code": item.code, "name": item.name, "unit": item.unit,
            "minimum_stock": item.minimum_stock, "account_code": item.account_code, "active": item.active,
            "stock": stock, "stock_value": stock_value, "low": stock <= item.minimum_stock}


def list_items(session: Session, q: str | None = None, include_inactive: bool = False, low_only: bool = False,
               cursor: str | None = None, limit: int = 50) -> dict:
    """``SupplyItemPage``: items by code with their stock, keyset-paginated."""
    query, qty = _item_query()
    if not include_inactive:
        query = query.where(SupplyItem.active)
    if q:
        like = f"%{q.strip()}%"
        query = query.where(or_(SupplyItem.code.ilike(like), SupplyItem.name.ilike(like)))
    if low_only:
        query = query.where(qty <= SupplyItem.minimum_stock)
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(SupplyItem.code > str(after[0]))
    rows = session.execute(query.order_by(SupplyItem.code).limit(limit + 1)).all()
    items = [item_view(*row) for row in rows[:limit]]
    more = len(rows) > limit
    return {"items": items, "next_cursor": encode_cursor([items[-1]["code"]]) if more and items else None}


def low_stock(session: Session) -> list[dict]:
    """Active items at or below their minimum stock, the emptiest (relative to its minimum) first."""
    query, qty = _item_query()
    rows = session.execute(query.where(SupplyItem.active, qty <= SupplyItem.minimum_stock)
                           .order_by((qty - SupplyItem.minimum_stock), SupplyItem.code)).all()
    return [item_view(*row) for row in rows]


def get_item(session: Session, item_id: int) -> dict:
    query, _ = _item_query()
    row = session.execute(query.where(SupplyItem.id == item_id)).first()
    if row is None:
        raise NotFound("Barang persediaan tidak ditemukan.")
    return item_view(*row)


def stock_of(session: Session, item_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(SupplyLot.qty_left), 0))
                              .where(SupplyLot.item_id == item_id)))


def create_item(session: Session, data: dict) -> SupplyItem:
    item = SupplyItem(**data)
    try:
        with session.begin_nested():
            session.add(item)
            session.flush()
    except IntegrityError:
        raise Conflict("Kode barang persediaan sudah dipakai.", {"code": "Kode sudah dipakai."}) from None
    return item


def update_item(session: Session, item_id: int, data: dict) -> SupplyItem:
    item = session.get(SupplyItem, item_id, with_for_update=True)
    if item is None:
        raise NotFound("Barang persediaan tidak ditemukan.")
    for key, value in data.items():
        setattr(item, key, value)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict("Kode barang persediaan sudah dipakai.", {"code": "Kode sudah dipakai."}) from None
    if stock_of(session, item.id) > item.minimum_stock:
        item.low_alerted = False
    return item


def clear_low_marks(session: Session, item_ids) -> None:
    """Items lifted above their minimum: the next crossing publishes ``stock_low`` again."""
    session.execute(update(SupplyItem)
                    .where(SupplyItem.id.in_(set(item_ids)), SupplyItem.low_alerted,
                           SupplyItem.minimum_stock < select(func.coalesce(func.sum(SupplyLot.qty_left), 0))
                           .where(SupplyLot.item_id == SupplyItem.id).scalar_subquery())
                    .values(low_alerted=False).execution_options(synchronize_session=False))


def mark_low(tx, item: SupplyItem, stock: int) -> None:
    """After stock left an item: ``assets.stock_low`` once when it is at or below its minimum."""
    if stock <= item.minimum_stock and not item.low_alerted:
        item.low_alerted = True
        tx.emit(Assets.STOCK_LOW, StockLowEvent().dump(
            {"item_id": item.id, "code": item.code, "name": item.name, "unit": item.unit, "stock": stock,
             "minimum_stock": item.minimum_stock}))


# -- receipts ---------------------------------------------------------------------------------------------------

def _active_items(session: Session, lines: list[dict], key: str = "lines") -> dict[int, SupplyItem]:
    ids = {line["item_id"] for line in lines}
    found = {i.id: i for i in session.scalars(select(SupplyItem).where(SupplyItem.id.in_(ids)))}
    problems = {}
    for n, line in enumerate(lines):
        item = found.get(line["item_id"])
        if item is None:
            problems[f"{key}.{n}.item_id"] = "Barang persediaan tidak ditemukan."
        elif not item.active:
            problems[f"{key}.{n}.item_id"] = "Barang persediaan tidak aktif."
    if problems:
        raise ValidationFailed("Barang persediaan tidak valid.", problems)
    return found


def receive(tx, caller: Caller, data: dict, today: date | None = None) -> SupplyReceipt:
    """Record a receipt: a lot and a stock-card movement per line; ``assets.supply_received``."""
    session = tx.session
    today = today or wita_day()
    if data["received_on"] > today:
        raise ValidationFailed("Tanggal penerimaan tidak valid.",
                               {"received_on": "Tidak boleh setelah hari ini."})
    items = _active_items(session, data["lines"])
    receipt = SupplyReceipt(received_on=data["received_on"], supplier=data["supplier"],
                            document_number=data["document_number"], note=data.get("note"),
                            created_by_employee_id=caller.employee_id, created_by=caller.username)
    session.add(receipt)
    session.flush()
    for line in data["lines"]:
        lot = SupplyLot(item_id=line["item_id"], receipt_id=receipt.id, received_on=receipt.received_on,
                        unit_price=line["unit_price"], qty_in=line["quantity"], qty_left=line["quantity"])
        session.add(lot)
        session.flush()
        session.add(SupplyMovement(item_id=lot.item_id, lot_id=lot.id, moved_on=receipt.received_on,
                                   kind="receipt", qty_in=lot.qty_in, qty_out=0, unit_price=lot.unit_price,
                                   value_in=lot.qty_in * lot.unit_price, value_out=0,
                                   reference=f"{receipt.document_number} — {receipt.supplier}"[:160],
                                   receipt_id=receipt.id))
    session.flush()
    clear_low_marks(session, items)
    view = receipt_view(session, receipt)
    tx.emit(Assets.SUPPLY_RECEIVED, SupplyReceivedEvent().dump(view))
    return receipt


def receipt_view(session: Session, receipt: SupplyReceipt) -> dict:
    rows = session.execute(select(SupplyLot, SupplyItem.code, SupplyItem.name, SupplyItem.unit)
                           .join(SupplyItem, SupplyItem.id == SupplyLot.item_id)
                           .where(SupplyLot.receipt_id == receipt.id).order_by(SupplyLot.id)).all()
    lines = [{"lot_id": lot.id, "item_id": lot.item_id, "item_code": code, "item_name": name, "unit": unit,
              "quantity": lot.qty_in, "unit_price": lot.unit_price, "value": lot.qty_in * lot.unit_price,
              "quantity_left": lot.qty_left} for lot, code, name, unit in rows]
    return {"id": receipt.id, "received_on": receipt.received_on, "supplier": receipt.supplier,
            "document_number": receipt.document_number, "note": receipt.note, "created_by": receipt.created_by,
            "created_at": receipt.created_at, "lines": lines, "line_count": len(lines),
            "total": sum(line["value"] for line in lines)}


def get_receipt(session: Session, receipt_id: int) -> dict:
    receipt = session.get(SupplyReceipt, receipt_id)
    if receipt is None:
        raise NotFound("Penerimaan persediaan tidak ditemukan.")
    return receipt_view(session, receipt)


def list_receipts(session: Session, date_from: date | None = None, date_to: date | None = None,
                  cursor: str | None = None, limit: int = 50) -> dict:
    """``SupplyReceiptPage``: newest first (date, then id), with each receipt's total."""
    total = (select(SupplyLot.receipt_id, func.sum(SupplyLot.qty_in * SupplyLot.unit_price).label("total"),
                    func.count().label("lines"))
             .group_by(SupplyLot.receipt_id).subquery())
    query = (select(SupplyReceipt, func.coalesce(total.c.total, 0), func.coalesce(total.c.lines, 0))
             .outerjoin(total, total.c.receipt_id == SupplyReceipt.id))
    if date_from:
        query = query.where(SupplyReceipt.received_on >= date_from)
    if date_to:
        query = query.where(SupplyReceipt.received_on <= date_to)
    after = decode_cursor(cursor, 2)
    if after is not None:
        query = query.where(tuple_(SupplyReceipt.received_on, SupplyReceipt.id)
                            < tuple_(literal(date.fromisoformat(str(after[0]))), literal(int(after[1]))))
    rows = session.execute(query.order_by(SupplyReceipt.received_on.desc(), SupplyReceipt.id.desc())
                           .limit(limit + 1)).all()
    items = [{"id": r.id, "received_on": r.received_on, "supplier": r.supplier,
              "document_number": r.document_number, "note": r.note, "created_by": r.created_by,
              "created_at": r.created_at, "lines": [], "line_count": int(n), "total": int(t)}
             for r, t, n in rows[:limit]]
    more = len(rows) > limit
    last = items[-1] if more and items else None
    return {"items": items, "next_cursor": encode_cursor([last["received_on"].isoformat(), last["id"]])
            if last else None}


# -- the stock card (kartu persediaan) --------------------------------------------------------------------------

def stock_card(session: Session, item_id: int, date_from: date | None = None, date_to: date | None = None,
               cursor: str | None = None, limit: int | None = 100) -> dict:
    """``SupplyStockCardOut``: the item's movements dated ``date_from``–``date_to`` in order (date, then id) with
    the running balance (quantity and value: one window function over all the item's movements, so the balance
    carries what came before the period), after ``cursor``, at most ``limit`` (``None``: all); the opening
    balance and the period's totals."""
    item = get_item(session, item_id)
    M = SupplyMovement
    order = (M.moved_on, M.id)
    inner = (select(M.id, M.moved_on, M.kind, M.reference, M.qty_in, M.qty_out, M.unit_price, M.value_in,
                    M.value_out, M.receipt_id, M.request_id, M.count_id,
                    func.sum(M.qty_in - M.qty_out).over(order_by=order).label("balance_qty"),
                    func.sum(M.value_in - M.value_out).over(order_by=order).label("balance_value"))
             .where(M.item_id == item_id).subquery())
    query = select(inner)
    if date_from:
        query = query.where(inner.c.moved_on >= date_from)
    if date_to:
        query = query.where(inner.c.moved_on <= date_to)
    after = decode_cursor(cursor, 2)
    if after is not None:
        query = query.where(tuple_(inner.c.moved_on, inner.c.id)
                            > tuple_(literal(date.fromisoformat(str(after[0]))), literal(int(after[1]))))
    query = query.order_by(inner.c.moved_on, inner.c.id)
    if limit is not None:
        query = query.limit(limit + 1)
    rows = [dict(row) for row in session.execute(query).mappings()]
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    for row in rows:
        row["balance_qty"], row["balance_value"] = int(row["balance_qty"]), int(row["balance_value"])
    last = rows[-1] if rows and more else None
    before = M.moved_on < date_from if date_from else literal(False)
    in_period = and_(M.moved_on >= date_from if date_from else literal(True),
                     M.moved_on <= date_to if date_to else literal(True))
    sums = session.execute(select(
        func.coalesce(func.sum(M.qty_in - M.qty_out).filter(before), 0),
        func.coalesce(func.sum(M.value_in - M.value_out).filter(before), 0),
        func.coalesce(func.sum(M.qty_in).filter(in_period), 0),
        func.coalesce(func.sum(M.value_in).filter(in_period), 0),
        func.coalesce(func.sum(M.qty_out).filter(in_period), 0),
        func.coalesce(func.sum(M.value_out).filter(in_period), 0),
    ).where(M.item_id == item_id)).one()
    oq, ov, iq, iv, outq, outv = (int(x) for x in sums)
    totals = {"opening_qty": oq, "opening_value": ov, "in_qty": iq, "in_value": iv, "out_qty": outq,
              "out_value": outv, "closing_qty": oq + iq - outq, "closing_value": ov + iv - outv}
    return {"item": item, "date_from": date_from, "date_to": date_to, "totals": totals, "items": rows,
            "next_cursor": encode_cursor([last["moved_on"].isoformat(), last["id"]]) if last else None}


# -- seed ------------------------------------------------------------------------------------------------------

#: A starting catalogue of the bureau's common consumables (code, name, unit, minimum stock, kode rekening —
#: only the alat tulis kantor code the brief names; the others are left for the keeper to fill in).
SEED_ITEMS = (
    ("ATK-001", "Kertas HVS A4 80 gram", "rim", 10, "1.1.7.01.01"),
    ("ATK-002", "Kertas HVS F4 80 gram", "rim", 5, "1.1.7.01.01"),
    ("ATK-003", "Pulpen hitam", "buah", 24, "1.1.7.01.01"),
    ("ATK-004", "Map snelhecter", "buah", 20, "1.1.7.01.01"),
    ("ATK-005", "Amplop putih panjang", "box", 2, "1.1.7.01.01"),
    ("ATK-006", "Isi staples No. 10", "box", 5, "1.1.7.01.01"),
    ("KOM-001", "Tinta printer hitam", "botol", 4, None),
    ("KOM-002", "Toner printer laser", "buah", 2, None),
)


def seed(session: Session) -> dict:
    """The starting catalogue (``SEED_ITEMS``), each item once by code; no stock (receipts bring it)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    rows = [{"code": c, "name": n, "unit": u, "minimum_stock": m, "account_code": a} for c, n, u, m, a in SEED_ITEMS]
    created = session.execute(pg_insert(SupplyItem).values(rows).on_conflict_do_nothing(index_elements=["code"])
                              .returning(SupplyItem.id)).all()
    return {"supply_items": len(created)}
