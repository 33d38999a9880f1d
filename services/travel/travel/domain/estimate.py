"""The cost estimate (integer rupiah) of a trip, per traveller and in total. Pure arithmetic.

For each traveller, at the rates of the departure's fiscal year and the first destination's province:

* uang harian: the daily allowance of the trip's category × days (departure and return days included);
* penginapan: the lodging ceiling of the traveller's travel-cost level × nights (days − 1), luar kota only;
* transport: the province's transport amount (round trip), unless the official vehicle is used (``dinas``);
* representasi: for officials with a representation rate (levels A–C), the daily amount × days.
"""
from __future__ import annotations

from datetime import date

from situok_kit.errors import ValidationFailed

from .common import PROVINCES
from .rates import RateBook

LABELS = {
    "uang_harian": "Uang harian",
    "penginapan": "Biaya penginapan",
    "transport": "Biaya transport",
    "representasi": "Uang representasi",
}


def trip_days(departure: date, return_: date) -> int:
    return (return_ - departure).days + 1


def _line(code: str, amount: int, quantity: int | None = None, unit: str = "", unit_amount: int | None = None):
    return {"code": code, "label": LABELS[code], "quantity": quantity, "unit": unit, "unit_amount": unit_amount,
            "amount": amount}


def estimate(book: RateBook, *, category: str, destinations: list[dict], departure_date: date, return_date: date,
             transport: str, travellers: list[dict]) -> dict:
    """``travellers``: ``[{employee_id, name, cost_level}]``. Returns the estimate document stored on the order."""
    province = destinations[0]["province_code"]
    days = trip_days(departure_date, return_date)
    nights = days - 1 if category == "luar_kota" else 0
    daily = book.get("uang_harian", province, category)
    if daily is None:
        raise ValidationFailed("Tarif tidak lengkap.", {
            "destinations.0.province_code": f"Tabel tarif {book.fiscal_year} tidak memuat uang harian {category} "
                                            f"untuk provinsi {province} ({PROVINCES.get(province, '?')})."})
    transport_amount = (book.get("transport", province) or 0) if transport != "dinas" else 0
    out_travellers = []
    for person in travellers:
        level = person["cost_level"]
        lines = [_line("uang_harian", daily * days, days, "hari", daily)]
        if nights:
            lodging = book.get("penginapan", province, None, level)
            if lodging is None:
                raise ValidationFailed("Tarif tidak lengkap.", {
                    "destinations.0.province_code": f"Tabel tarif {book.fiscal_year} tidak memuat penginapan "
                                                    f"tingkat {level} untuk provinsi {province}."})
            lines.append(_line("penginapan", lodging * nights, nights, "malam", lodging))
        if transport_amount:
            lines.append(_line("transport", transport_amount, 1, "kali (pergi-pulang)", transport_amount))
        representation = book.get("representasi", None, category, level)
        if representation:
            lines.append(_line("representasi", representation * days, days, "hari", representation))
        out_travellers.append({"employee_id": person["employee_id"], "name": person.get("name"),
                               "cost_level": level, "lines": lines, "total": sum(x["amount"] for x in lines)})
    return {
        "fiscal_year": book.fiscal_year, "province_code": province, "province_name": PROVINCES.get(province),
        "category": category, "transport": transport, "days": days, "nights": nights,
        "travellers": out_travellers, "total": sum(t["total"] for t in out_travellers),
    }
