"""Stock opname of consumables: a count (date, note) with each item's counted quantity against the recorded one.

A count is a ``draft`` while the keeper enters it (saved whole, replaced whole); applying it records the
differences as stock-card movements in one transaction and freezes it (``applied``: never changes again, 409).
At the moment of applying, each line's ``recorded_qty`` is refreshed to the stock then (issues may have happened
since the draft was saved) and the difference is counted − recorded:

* a **shortage** consumes lots FIFO (oldest first) at their own prices — the same rule as an issue, so the value
  written off is what those units cost (movements ``adjustment_out``);
* a **surplus** adds a new lot dated the count's day at the *last known price*: the unit price of the item's most
  recently received lot (by date, then id; whether or not it still has stock), Rp0 when the item never had one
  (movement ``adjustment_in``).

Items taken to or below their minimum publish ``assets.stock_low`` (once per crossing), as issues do.
"""
from __future__ import annotations

from datetime import date

from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, encode_cursor
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import SupplyCount, SupplyCountLine, SupplyItem, SupplyLot, SupplyMovement
from . import supplies, supplies_requests
from .access import Caller

APPLIED = "Stock opname yang sudah diterapkan tidak dapat diubah."


def _allowed(caller: Caller | None, count: SupplyCount) -> list[str]:
    return ["edit", "apply"] if caller is not None and caller.is_keeper and count.status == "draft" else []


def view(session: Session, caller: Caller | None, count: SupplyCount, with_lines: bool = True) -> dict:
    lines = []
    if with_lines:
        rows = session.execute(select(SupplyCountLine, SupplyItem.code, SupplyItem.name, SupplyItem.unit)
                               .join(SupplyItem, SupplyItem.id == SupplyCountLine.item_id)
                               .where(SupplyCountLine.count_id == count.id).order_by(SupplyItem.code)).all()
        lines = [{"id": line.id, "item_id": line.item_id, "item_code": code, "item_name": name, "unit": unit,
                  "recorded_qty": line.recorded_qty, "counted_qty": line.counted_qty,
                  "difference": line.counted_qty - line.recorded_qty, "note": line.note,
                  "adjustment_value": line.adjustment_value} for line, code, name, unit in rows]
    return {"id": count.id, "counted_on": count.counted_on, "note": count.note, "status": count.status,
            "created_by": count.created_by, "applied_at": count.applied_at, "applied_by": count.applied_by,
            "lines": lines, "allowed_actions": _allowed(caller, count)}


def _load(session: Session, count_id: int, lock: bool = False) -> SupplyCount:
    count = session.get(SupplyCount, count_id, with_for_update=lock)
    if count is None:
        raise NotFound("Stock opname persediaan tidak ditemukan.")
    return count


def get(session: Session, caller: Caller, count_id: int) -> dict:
    return view(session, caller, _load(session, count_id))


def list_counts(session: Session, caller: Caller, cursor: str | None = None, limit: int = 50) -> dict:
    query = select(SupplyCount)
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(SupplyCount.id < int(after[0]))
    rows = list(session.scalars(query.order_by(SupplyCount.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [view(session, caller, c, with_lines=False) for c in rows],
            "next_cursor": encode_cursor([rows[-1].id]) if more and rows else None}


def _check(session: Session, data: dict, today: date) -> None:
    problems = {}
    if data["counted_on"] > today:
        problems["counted_on"] = "Tidak boleh setelah hari ini."
    seen = set()
    for n, line in enumerate(data["lines"]):
        if line["item_id"] in seen:
            problems[f"lines.{n}.item_id"] = "Barang ini sudah ada pada baris lain."
        seen.add(line["item_id"])
    known = set(session.scalars(select(SupplyItem.id).where(SupplyItem.id.in_(seen))))
    for n, line in enumerate(data["lines"]):
        if line["item_id"] not in known:
            problems[f"lines.{n}.item_id"] = "Barang persediaan tidak ditemukan."
    if problems:
        raise ValidationFailed("Stock opname tidak valid.", problems)


def _write_lines(session: Session, count: SupplyCount, lines: list[dict]) -> None:
    for line in lines:
        session.add(SupplyCountLine(count_id=count.id, item_id=line["item_id"],
                                    recorded_qty=supplies.stock_of(session, line["item_id"]),
                                    counted_qty=line["counted_qty"], note=line.get("note")))
    session.flush()


def create(tx, caller: Caller, data: dict, today: date | None = None) -> SupplyCount:
    caller.require_keeper()
    session = tx.session
    _check(session, data, today or wita_day())
    count = SupplyCount(counted_on=data["counted_on"], note=data.get("note"), status="draft",
                        created_by_employee_id=caller.employee_id, created_by=caller.username)
    session.add(count)
    session.flush()
    _write_lines(session, count, data["lines"])
    return count


def update(tx, caller: Caller, count_id: int, data: dict, today: date | None = None) -> SupplyCount:
    caller.require_keeper()
    session = tx.session
    count = _load(session, count_id, lock=True)
    if count.status != "draft":
        raise Conflict(APPLIED, {"status": f"Status saat ini: {count.status}."})
    _check(session, data, today or wita_day())
    count.counted_on, count.note = data["counted_on"], data.get("note")
    session.execute(delete(SupplyCountLine).where(SupplyCountLine.count_id == count.id))
    _write_lines(session, count, data["lines"])
    return count


def last_price(session: Session, item_id: int) -> int:
    """The unit price of the item's most recently received lot (date, then id); 0 when it has none."""
    price = session.scalar(select(SupplyLot.unit_price).where(SupplyLot.item_id == item_id)
                           .order_by(SupplyLot.received_on.desc(), SupplyLot.id.desc()).limit(1))
    return int(price or 0)


def apply(tx, caller: Caller, count_id: int) -> SupplyCount:
    """Record the differences (see the module's docstring) and freeze the count."""
    caller.require_keeper()
    session = tx.session
    count = _load(session, count_id, lock=True)
    if count.status != "draft":
        raise Conflict(APPLIED, {"status": f"Status saat ini: {count.status}."})
    lines = list(session.scalars(select(SupplyCountLine).where(SupplyCountLine.count_id == count.id)
                                 .order_by(SupplyCountLine.item_id)))
    lots = supplies_requests.lock_lots(session, [line.item_id for line in lines])
    reference = f"Stock opname #{count.id}"
    raised = []
    for line in lines:
        current = sum(lot.qty_left for lot in lots[line.item_id])
        line.recorded_qty = current
        difference = line.counted_qty - current
        if difference < 0:
            taken = supplies_requests.consume(session, line.item_id, lots[line.item_id], -difference,
                                              moved_on=count.counted_on, kind="adjustment_out", reference=reference,
                                              count_id=count.id)
            line.adjustment_value = -taken.value
        elif difference > 0:
            price = last_price(session, line.item_id)
            lot = SupplyLot(item_id=line.item_id, count_id=count.id, received_on=count.counted_on, unit_price=price,
                            qty_in=difference, qty_left=difference)
            session.add(lot)
            session.flush()
            session.add(SupplyMovement(item_id=line.item_id, lot_id=lot.id, moved_on=count.counted_on,
                                       kind="adjustment_in", qty_in=difference, qty_out=0, unit_price=price,
                                       value_in=difference * price, value_out=0, reference=reference,
                                       count_id=count.id))
            line.adjustment_value = difference * price
            raised.append(line.item_id)
        else:
            line.adjustment_value = 0
    count.status = "applied"
    count.applied_at = utcnow()
    count.applied_by = caller.username
    session.flush()
    supplies.clear_low_marks(session, raised)
    for line in lines:
        if line.counted_qty < line.recorded_qty:
            supplies.mark_low(tx, session.get(SupplyItem, line.item_id), line.counted_qty)
    return count
