"""The leave recap per unit and year as a file: XLSX (every text a string cell, ``append_row``) or PDF (A4
landscape, the bureau's kop, the header repeated on every page) — the career lists' layout
(``documents.career_pdf``: ``Sheet``, ``render``), drawn from the recap as answered (``LeaveRecapOut``), so the
file and the screen show the same numbers."""
from __future__ import annotations

from decimal import Decimal

from . import career_pdf


def days_text(value) -> str | float | int:
    """Days as a number for the sheet: whole days as ``int``, half days as ``x.5``; ``None`` stays empty."""
    if value is None:
        return ""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def headers(recap: dict) -> list[list[str]]:
    return [["No", "Nama", "NIP", "Gol.", "Unit Kerja"] + [k["name"] for k in recap["kinds"]]
            + ["Jumlah (hari)", "Sisa Cuti Tahunan"]]


def recap_sheet(recap: dict) -> career_pdf.Sheet:
    cells = []
    for row in recap["items"]:
        cells.append([row["no"], row["full_name"], row["nip"] or "", row["golongan"] or "", row["unit_name"] or ""]
                     + [days_text(row["days"].get(k["kind"])) for k in recap["kinds"]]
                     + [days_text(row["total_days"]), days_text(row["tahunan_remaining"])])
    subtitle = f"{recap['unit_label']} — Tahun {recap['year']}"
    if recap.get("scope") == "staff":
        subtitle += " (bawahan)"
    widths = [0.8, 4.6, 3.6, 1.2, 4.2] + [1.9] * len(recap["kinds"]) + [1.6, 1.7]
    return career_pdf.Sheet("Rekap cuti", f"REKAPITULASI CUTI PEGAWAI TAHUN {recap['year']}", subtitle,
                            headers(recap), cells, widths)


def render(recap: dict, fmt: str) -> dict:
    """``{filename, content_type, content}`` (``fmt``: ``xlsx`` or ``pdf``)."""
    unit = f"-unit{recap['unit_id']}" if recap.get("unit_id") else ""
    return career_pdf.render(recap_sheet(recap), fmt, f"rekap-cuti-{recap['year']}{unit}")
