"""FIFO valuation of consumables (persediaan), pure: lots in, an issue out. No database, no clock.

An issue takes units from the oldest lot first (``received_on``, then the lot's id), each unit valued at the
price of the lot it came from; what is left in each lot stays at that lot's price. Example: 10 @ Rp50.000 then
10 @ Rp55.000, issue 15 → 10 × 50.000 + 5 × 55.000 = Rp775.000, and 5 left @ Rp55.000.

``take(lots, quantity)`` never takes more than there is: when the lots hold less than asked it takes all of
it and ``short`` says how many are missing (the caller decides whether that is an error — ``take_exactly``
refuses). Quantities are integers; prices and values integer rupiah.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from situok_kit.errors import Conflict


@dataclass(frozen=True)
class Lot:
    id: int
    received_on: date
    unit_price: int
    qty_left: int


@dataclass(frozen=True)
class Draw:
    """Units taken from one lot."""

    lot_id: int
    quantity: int
    unit_price: int

    @property
    def value(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class Taken:
    """What an issue takes: the draws (oldest lot first), their total quantity and value, how many were
    missing, and the lots as they are afterwards (empty ones left out)."""

    draws: tuple[Draw, ...]
    quantity: int
    value: int
    short: int
    remaining: tuple[Lot, ...]


def fifo_order(lots) -> list[Lot]:
    """Oldest first: by ``received_on``, then lot id."""
    return sorted(lots, key=lambda lot: (lot.received_on, lot.id))


def take(lots, quantity: int) -> Taken:
    """Take ``quantity`` units FIFO from ``lots`` (any order; lots with nothing left are ignored)."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise ValueError("quantity must be a non-negative integer")
    wanted = quantity
    draws: list[Draw] = []
    remaining: list[Lot] = []
    for lot in fifo_order(lots):
        if lot.qty_left < 0:
            raise ValueError(f"lot {lot.id} has a negative quantity")
        if lot.qty_left == 0:
            continue
        used = min(wanted, lot.qty_left)
        if used:
            draws.append(Draw(lot.id, used, lot.unit_price))
            wanted -= used
        if lot.qty_left - used:
            remaining.append(Lot(lot.id, lot.received_on, lot.unit_price, lot.qty_left - used))
    taken = quantity - wanted
    return Taken(tuple(draws), taken, sum(d.value for d in draws), wanted, tuple(remaining))


def take_exactly(lots, quantity: int) -> Taken:
    """``take`` that refuses (409) when the lots hold fewer than ``quantity`` units."""
    taken = take(lots, quantity)
    if taken.short:
        raise Conflict(f"Stok tidak cukup: diminta {quantity}, tersedia {taken.quantity}.",
                       {"quantity": f"Tersedia {taken.quantity}."})
    return taken


def stock(lots) -> tuple[int, int]:
    """``(quantity, value)`` held by ``lots``."""
    lots = list(lots)
    return sum(lot.qty_left for lot in lots), sum(lot.qty_left * lot.unit_price for lot in lots)
