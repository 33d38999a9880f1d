"""The taxes of a small purchase: a pure function of its items, the vendor and the rates in force. No database,
no clock: the rate table (``finance/data/tax_rates.csv``, seeded into ``spj_tax_rates``) and the purchase's
date are arguments.

Rules (each rate's numbers are data and marked *verify*):

* **Rates in force** on a day: per tax kind, the row with the latest ``valid_from`` not after the day.
* **Thresholds** are per purchase (one receipt), never per item: a tax with a threshold applies when the
  purchase's subtotal of the tax's categories — what the receipt states, PPN included — is *above* it
  (strictly: Rp2.000.000 is not taxed, Rp2.000.001 is). A threshold of 0 means any amount.
* **PPN** (11%, categories barang|jasa, threshold Rp2.000.000, PKP vendors only) is collected by the treasurer
  and read as *included* in the vendor's prices: per item ``DPP = amount × 100/111`` (rounded half up) and
  ``PPN = amount − DPP``. Without PPN the DPP is the amount.
* **PPh** — one per item, by its category: PPh 22 on barang (1,5%, threshold Rp2.000.000), PPh 23 on jasa
  (2%, no threshold), PPh 21 on honorarium (flat 5%, simplified). Each rate has a higher rate for a vendor
  without NPWP (PPh 22/23: 100% higher; PPh 21: 6%). Base: the item's DPP; amount rounded half up.
* Per item: ``withheld = PPN + PPh``; per purchase: ``gross`` (the items' amounts, what the budget is
  charged), ``withheld`` (their sum), ``net`` (what the vendor receives); and the **entries to deposit**:
  one per (tax kind, rate) with its base and amount — the sums of the items', so the items and the entries
  always agree to the rupiah.

Amounts are integer rupiah; rates are basis points (150 = 1,5%).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CATEGORIES = ("barang", "jasa", "honorarium")
CATEGORY_LABELS = {"barang": "Barang", "jasa": "Jasa", "honorarium": "Honorarium"}
TAX_KINDS = ("ppn", "pph21", "pph22", "pph23")
TAX_LABELS = {"ppn": "PPN", "pph21": "PPh Pasal 21", "pph22": "PPh Pasal 22", "pph23": "PPh Pasal 23"}
#: The PPh kinds; an item bears at most one of them (the first whose categories hold the item's).
PPH_KINDS = ("pph22", "pph23", "pph21")
BASIS = 10_000


@dataclass(frozen=True)
class Rate:
    """One row of the rate table."""

    kind: str
    valid_from: date
    categories: tuple[str, ...]
    rate_bp: int
    rate_bp_no_npwp: int
    threshold: int = 0
    pkp_only: bool = False
    note: str = ""

    def bp(self, has_npwp: bool) -> int:
        return self.rate_bp if has_npwp else self.rate_bp_no_npwp

    def reached(self, subtotal: int) -> bool:
        """Whether a purchase whose subtotal of this tax's categories is ``subtotal`` bears it."""
        return subtotal > self.threshold


@dataclass(frozen=True)
class Vendor:
    has_npwp: bool
    pkp: bool = False


@dataclass(frozen=True)
class ItemTax:
    category: str
    amount: int
    dpp: int
    ppn: int
    pph_kind: str | None
    pph_rate_bp: int
    pph: int

    @property
    def withheld(self) -> int:
        return self.ppn + self.pph


@dataclass(frozen=True)
class Entry:
    """A tax to deposit: its kind, base (DPP), rate (basis points) and amount."""

    kind: str
    base: int
    rate_bp: int
    amount: int


@dataclass(frozen=True)
class PurchaseTaxes:
    items: tuple[ItemTax, ...]
    entries: tuple[Entry, ...]

    @property
    def gross(self) -> int:
        return sum(item.amount for item in self.items)

    @property
    def withheld(self) -> int:
        return sum(item.withheld for item in self.items)

    @property
    def net(self) -> int:
        return self.gross - self.withheld


def rates_in_force(table: Iterable[Rate], day: date) -> dict[str, Rate]:
    """Per tax kind, the rate with the latest ``valid_from`` not after ``day`` (kinds not yet in force are
    absent)."""
    found: dict[str, Rate] = {}
    for rate in table:
        if rate.valid_from <= day and (rate.kind not in found or rate.valid_from > found[rate.kind].valid_from):
            found[rate.kind] = rate
    return found


def item_amount(quantity: Decimal | int, unit_price: int) -> int:
    """quantity × unit price in integer rupiah (half up)."""
    return int((Decimal(quantity) * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(base: int, bp: int) -> int:
    """``base × bp / 10.000`` rounded half up (non-negative integers)."""
    return (base * bp * 2 + BASIS) // (2 * BASIS)


def included_dpp(amount: int, bp: int) -> int:
    """The DPP of an amount that includes a tax of ``bp``: ``amount × 10.000 / (10.000 + bp)``, half up."""
    divisor = BASIS + bp
    return (amount * BASIS * 2 + divisor) // (2 * divisor)


def subtotal(items: Sequence[tuple[str, int]], categories: Iterable[str]) -> int:
    wanted = set(categories)
    return sum(amount for category, amount in items if category in wanted)


def purchase_taxes(items: Sequence[tuple[str, int]], vendor: Vendor, rates: Mapping[str, Rate]) -> PurchaseTaxes:
    """The taxes of one purchase whose items are ``(category, amount)`` pairs, under ``rates`` (from
    ``rates_in_force``)."""
    ppn_rate = rates.get("ppn")
    ppn_applies = (ppn_rate is not None and (vendor.pkp or not ppn_rate.pkp_only)
                   and ppn_rate.reached(subtotal(items, ppn_rate.categories)))
    pph_reached = {kind: rates[kind].reached(subtotal(items, rates[kind].categories))
                   and (vendor.pkp or not rates[kind].pkp_only)
                   for kind in PPH_KINDS if kind in rates}
    taxed: list[ItemTax] = []
    for category, amount in items:
        ppn = 0
        if ppn_applies and category in ppn_rate.categories:
            ppn = amount - included_dpp(amount, ppn_rate.bp(vendor.has_npwp))
        dpp = amount - ppn
        pph_kind = next((kind for kind in PPH_KINDS if kind in rates and category in rates[kind].categories), None)
        pph_bp = pph = 0
        if pph_kind is not None and pph_reached[pph_kind]:
            pph_bp = rates[pph_kind].bp(vendor.has_npwp)
            pph = percent_of(dpp, pph_bp)
        else:
            pph_kind = None
        taxed.append(ItemTax(category, amount, dpp, ppn, pph_kind, pph_bp, pph))
    return PurchaseTaxes(tuple(taxed), tuple(_entries(taxed, ppn_rate.bp(vendor.has_npwp) if ppn_applies else 0)))


def _entries(items: Sequence[ItemTax], ppn_bp: int) -> list[Entry]:
    sums: dict[tuple[str, int], list[int]] = {}
    for item in items:
        if item.ppn:
            base_amount = sums.setdefault(("ppn", ppn_bp), [0, 0])
            base_amount[0] += item.dpp
            base_amount[1] += item.ppn
        if item.pph:
            base_amount = sums.setdefault((item.pph_kind, item.pph_rate_bp), [0, 0])
            base_amount[0] += item.dpp
            base_amount[1] += item.pph
    order = {kind: i for i, kind in enumerate(TAX_KINDS)}
    return [Entry(kind, base, bp, amount)
            for (kind, bp), (base, amount) in sorted(sums.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))]


def rate_label(bp: int) -> str:
    """150 -> "1,5%"."""
    whole, rest = divmod(bp, 100)
    return f"{whole}%" if not rest else f"{whole},{str(rest).rjust(2, '0').rstrip('0')}%"
