"""What a small purchase's evidence must be and what the verifier is warned about: pure functions, no database,
no clock.

* **Evidence tier** (``finance/data/evidence_tiers.csv``, seeded into ``spj_evidence_tiers``): the first tier
  (ascending) whose ``up_to`` is at least the purchase's total — nota/bukti pembelian up to Rp10 juta,
  kuitansi to Rp50 juta, SPK to Rp200 juta, a contract above (*verify*).
* **Procurement limit**: one purchase of ``purchase_limit`` (Rp10.000.000 by default) or more is refused; it
  needs the procurement procedure (pengadaan), not a small-purchase SPJ.
* **Meterai** Rp10.000 is flagged on a receipt stating more than ``meterai_threshold`` (Rp5.000.000).
* **Split purchase** (for the verifier, not a refusal): purchases of the same vendor — the same NPWP, or
  the same normalized name — charged to the same account in the same ISO week, across this SPJ and every
  other non-cancelled one, whose sum reaches the procurement limit.
* **NPWP**: 15 digits (the old format, usually written ``99.999.999.9-999.999``) or 16 (the NIK-based
  NPWP); dots, dashes and spaces are ignored.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from situok_kit.letters.formatting import format_rupiah

#: Legal forms and shop words ignored when comparing vendor names ("CV. Maju Jaya" = "Maju Jaya, CV").
_NAME_NOISE = frozenset({"pt", "cv", "ud", "pd", "fa", "tbk", "persero", "toko", "tk"})
NPWP_MESSAGE = "NPWP harus 15 atau 16 digit (tanda titik, strip dan spasi diabaikan)."


@dataclass(frozen=True)
class Tier:
    kind: str
    label: str
    up_to: int | None


def tier_for(total: int, tiers: Sequence[Tier]) -> Tier:
    """The evidence tier of a purchase of ``total`` (``tiers`` ascending; the last may be unbounded)."""
    for tier in tiers:
        if tier.up_to is None or total <= tier.up_to:
            return tier
    return tiers[-1]


def procurement_problem(total: int, limit: int) -> str | None:
    """Why a purchase of ``total`` cannot be a small purchase, else None."""
    if total >= limit:
        return (f"Pembelian {format_rupiah(total)} mencapai batas {format_rupiah(limit)}: gunakan prosedur "
                f"pengadaan barang/jasa, bukan SPJ belanja kecil.")
    return None


def needs_meterai(total: int, threshold: int) -> bool:
    """A receipt stating more than ``threshold`` bears a Rp10.000 meterai."""
    return total > threshold


def npwp_digits(raw: str | None) -> str | None:
    """The NPWP's digits, ``None`` for an empty value; ``ValueError`` when it is not 15/16 digits."""
    if raw is None or not raw.strip():
        return None
    cleaned = re.sub(r"[.\-\s]", "", raw)
    if not cleaned.isdigit() or len(cleaned) not in (15, 16):
        raise ValueError(NPWP_MESSAGE)
    return cleaned


def format_npwp(digits: str | None) -> str:
    if not digits:
        return "-"
    if len(digits) == 15:
        d = digits
        return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"
    return digits


def vendor_key(name: str) -> str:
    """A vendor's name for comparison: lower case, letters and digits only, legal forms dropped."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(w for w in words if w not in _NAME_NOISE) or " ".join(words)


def iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


@dataclass(frozen=True)
class Bought:
    """One purchase as the split check sees it."""

    purchase_id: int
    spj_id: int
    spj_label: str
    vendor_key: str
    npwp: str | None
    account_code: str
    week: tuple[int, int]
    total: int

    def same_vendor(self, other: Bought) -> bool:
        return bool(self.npwp and self.npwp == other.npwp) or self.vendor_key == other.vendor_key


@dataclass(frozen=True)
class SplitFlag:
    total: int
    purchase_ids: tuple[int, ...]
    spj_labels: tuple[str, ...]


def split_flags(mine: Sequence[Bought], others: Sequence[Bought], limit: int) -> dict[int, SplitFlag]:
    """For each of ``mine`` in a group of two or more purchases (same vendor, account, ISO week; ``others``
    from other SPJ) whose sum reaches ``limit``: the group."""
    flags = {}
    everyone = list(mine) + list(others)
    for purchase in mine:
        group = [q for q in everyone if q.account_code == purchase.account_code and q.week == purchase.week
                 and q.same_vendor(purchase)]
        total = sum(q.total for q in group)
        if len(group) >= 2 and total >= limit:
            flags[purchase.purchase_id] = SplitFlag(total, tuple(q.purchase_id for q in group),
                                                    tuple(dict.fromkeys(q.spj_label for q in group)))
    return flags
