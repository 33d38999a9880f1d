"""The rules a booking request must meet, written out. Pure functions: no database, no clock (``now`` is
given).

* a resource can be booked at all only when it is active, assets has not withdrawn it and its condition is not
  ``RB`` (rusak berat); a resource assets calls unavailable for another reason than maintenance is not bookable
  either (maintenance blocks only its window: ``ResourceBlock``);
* the period ends after it starts, starts no earlier than ``PAST_TOLERANCE`` ago (a request for a meeting that
  has already begun is still possible for a few minutes) and lasts at most ``MAX_DAYS`` of its kind;
* a room or building holds at most its capacity of participants; a vehicle carries at most its seats, less the
  driver's seat when it comes with a driver.
"""
from __future__ import annotations

from datetime import datetime, timedelta

#: The longest booking per kind (days): a meeting room a week, a building (an event with its set-up) or a
#: vehicle (an official trip) two.
MAX_DAYS = {"room": 7, "building": 14, "vehicle": 14}
#: How long ago a booking may start (a meeting booked as it begins).
PAST_TOLERANCE = timedelta(minutes=15)
KIND_LABELS = {"room": "ruangan", "building": "gedung", "vehicle": "kendaraan"}


def unbookable_reason(*, kind: str, active: bool, withdrawn_reason: str | None, condition: str | None,
                      asset_available: bool, under_maintenance: bool) -> str | None:
    """Why the resource cannot be booked at any time (None: it can, outside its blocks)."""
    label = KIND_LABELS.get(kind, "sumber daya")
    if withdrawn_reason == "disposed":
        return f"Ini {label} yang sudah dihapuskan dari daftar barang milik daerah."
    if withdrawn_reason is not None:
        return f"Ini {label} yang tidak lagi dipinjamkan (ditarik oleh pengurus barang)."
    if not active:
        return f"Ini {label} yang tidak aktif untuk peminjaman."
    if condition == "RB":
        return f"Ini {label} dalam kondisi rusak berat."
    if not asset_available and not under_maintenance:
        return f"Ini {label} sedang tidak tersedia menurut pengurus barang."
    return None


def period_problems(kind: str, starts_at: datetime, ends_at: datetime, now: datetime) -> dict[str, str]:
    """``{field: message}`` for a period that breaks a rule (empty when it is fine)."""
    problems: dict[str, str] = {}
    if ends_at <= starts_at:
        problems["ends_at"] = "Waktu selesai harus setelah waktu mulai."
        return problems
    if starts_at < now - PAST_TOLERANCE:
        problems["starts_at"] = "Waktu mulai sudah lewat."
    days = MAX_DAYS.get(kind, 7)
    if ends_at - starts_at > timedelta(days=days):
        problems["ends_at"] = f"Peminjaman {KIND_LABELS.get(kind, 'sumber daya')} paling lama {days} hari."
    return problems


def size_problems(kind: str, capacity: int | None, *, participants: int | None, passengers: int | None,
                  needs_driver: bool) -> dict[str, str]:
    """``{field: message}`` when the people do not fit (a resource without a capacity takes anyone)."""
    problems: dict[str, str] = {}
    if kind == "vehicle":
        if participants is not None:
            problems["participants"] = "Untuk kendaraan isi jumlah penumpang (passengers), bukan peserta."
        if capacity is not None and passengers is not None:
            seats = capacity - 1 if needs_driver else capacity
            if passengers > seats:
                problems["passengers"] = (f"Kendaraan ini memuat paling banyak {seats} penumpang"
                                          f"{' selain pengemudi' if needs_driver else ''}.")
    else:
        if passengers is not None:
            problems["passengers"] = "Penumpang hanya untuk kendaraan; untuk ruangan/gedung isi jumlah peserta."
        if capacity is not None and participants is not None and participants > capacity:
            problems["participants"] = f"Kapasitas {KIND_LABELS.get(kind, 'sumber daya')} ini {capacity} orang."
    return problems
