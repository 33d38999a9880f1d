"""What a realization may claim, against the rate table of the trip's fiscal year. Pure: no database, no clock.

For each realized cost (one traveller, one category, quantity × rate):

* **kind** — ``lump_sum`` for uang harian and representasi (paid at the rate, whatever was spent);
  ``at_cost`` for lodging, transport and other costs with a receipt; ``riil`` for such a cost without one
  (listed in the Daftar Pengeluaran Riil);
* **uang harian**: the rate is exactly the table's daily allowance of the first destination's province and
  the trip's category; the traveller's days of uang harian are at most the trip's days;
* **representasi**: the rate is exactly the table's representation rate of the trip's category and the
  traveller's level (a level without one is not entitled); at most the trip's days;
* **penginapan**: the rate is at most the lodging ceiling of the province and the traveller's level — or, without
  a hotel bill, at most ``lodging_without_receipt_percent`` of it; nights at most the trip's nights (luar kota:
  days − 1; none otherwise);
* transport and other costs: at cost (no table ceiling: travel's transport amount is an estimate per province).

``problems`` returns ``{"lines.<i>.<field>": message}`` (empty when all is within the table): the 422 names
the line.
"""
from __future__ import annotations

from situok_kit.letters.formatting import format_rupiah

from .common import PROVINCES
from .rates import RateBook

LUMP_SUM_CATEGORIES = ("uang_harian", "representasi")
CATEGORY_LABELS = {"uang_harian": "Uang harian", "representasi": "Uang representasi", "penginapan": "Penginapan",
                   "transport": "Transport", "lainnya": "Biaya lain"}


def cost_kind(category: str, receipt_count: int) -> str:
    """``lump_sum``, ``at_cost`` or ``riil`` (see the module's rules)."""
    if category in LUMP_SUM_CATEGORIES:
        return "lump_sum"
    return "at_cost" if receipt_count else "riil"


def trip_nights(category: str, days: int) -> int:
    """Nights of lodging a trip allows: luar kota days − 1, none otherwise (as the estimate counts them)."""
    return days - 1 if category == "luar_kota" else 0


def problems(book: RateBook, *, province: str, category: str, days: int, levels: dict[int, str],
             lines: list[dict], lodging_without_receipt_percent: int) -> dict[str, str]:
    """``lines``: ``[{employee_id, category, quantity, rate, receipt_count}]``; ``levels``: each traveller's
    travel-cost level."""
    errors: dict[str, str] = {}
    nights = trip_nights(category, days)
    place = PROVINCES.get(province, province)
    used: dict[tuple, int] = {}
    for i, line in enumerate(lines):
        kind, quantity, rate = line["category"], line["quantity"], line["rate"]
        level = levels.get(line["employee_id"])
        key = (line["employee_id"], kind)
        used[key] = used.get(key, 0) + quantity
        if kind == "uang_harian":
            expected = book.get("uang_harian", province, category)
            if expected is None:
                errors[f"lines.{i}.category"] = (f"Tabel tarif {book.fiscal_year} tidak memuat uang harian "
                                                 f"{category} untuk {place}.")
            elif rate != expected:
                errors[f"lines.{i}.rate"] = (f"Uang harian adalah lumpsum {format_rupiah(expected)} per hari "
                                             f"({place}, {category}); tidak boleh {format_rupiah(rate)}.")
            if used[key] > days:
                errors[f"lines.{i}.quantity"] = f"Uang harian paling banyak {days} hari (lama perjalanan)."
        elif kind == "representasi":
            expected = book.get("representasi", None, category, level)
            if not expected:
                errors[f"lines.{i}.category"] = (f"Tingkat biaya {level} tidak berhak uang representasi "
                                                 f"({category}).")
            elif rate != expected:
                errors[f"lines.{i}.rate"] = (f"Uang representasi adalah lumpsum {format_rupiah(expected)} per hari "
                                             f"(tingkat {level}); tidak boleh {format_rupiah(rate)}.")
            if used[key] > days:
                errors[f"lines.{i}.quantity"] = f"Uang representasi paling banyak {days} hari (lama perjalanan)."
        elif kind == "penginapan":
            ceiling = book.get("penginapan", province, None, level)
            if nights == 0:
                errors[f"lines.{i}.category"] = "Perjalanan dinas ini tanpa menginap: tidak ada biaya penginapan."
                continue
            if ceiling is None:
                errors[f"lines.{i}.category"] = (f"Tabel tarif {book.fiscal_year} tidak memuat penginapan tingkat "
                                                 f"{level} untuk {place}.")
                continue
            with_bill = line["receipt_count"] > 0
            limit = ceiling if with_bill else ceiling * lodging_without_receipt_percent // 100
            if rate > limit:
                why = (f"pagu tingkat {level} di {place}" if with_bill else
                       f"{lodging_without_receipt_percent}% pagu {format_rupiah(ceiling)} tanpa tagihan hotel")
                errors[f"lines.{i}.rate"] = (f"Penginapan paling tinggi {format_rupiah(limit)} per malam ({why}); "
                                             f"diklaim {format_rupiah(rate)}.")
            if used[key] > nights:
                errors[f"lines.{i}.quantity"] = f"Penginapan paling banyak {nights} malam."
    return errors
