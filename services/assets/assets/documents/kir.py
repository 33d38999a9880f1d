"""The KIR (Kartu Inventaris Ruangan) as PDF (A4 landscape, the kop surat) and XLSX, from ``RoomInventoryOut``.

Columns as the usual KIR form: No | Nama Barang / Jenis Barang | Merk / Model | No. Seri Pabrik | Ukuran | Bahan |
Tahun Pembuatan / Pembelian | No. Kode Barang | Jumlah Barang / Register | Harga Beli / Perolehan | Keadaan Barang
(Baik, Kurang Baik, Rusak Berat: the count in its column) | Keterangan. Header: the room, building, floor, unit,
SKPD; signed "Mengetahui, Penanggung Jawab Ruangan" on the left and the pengurus barang under "Denpasar, <date>"
on the right. Nothing here reads a database or a clock.
"""
from __future__ import annotations

from situok_kit.letters.formatting import format_date_id

from ..domain.signers import PENGURUS_BARANG, ROOM_PIC, signer
from .kib import PLACE, PROVINCE, SKPD, Column, Sheet, render

COLUMNS = (
    Column("No", 0.03, "short"),
    Column("Nama Barang / Jenis Barang", 0.15, "text"),
    Column("Merk / Model", 0.09, "text"),
    Column("No. Seri Pabrik", 0.08, "text"),
    Column("Ukuran", 0.05, "short"),
    Column("Bahan", 0.05, "short"),
    Column("Tahun Pembuatan / Pembelian", 0.06, "short"),
    Column("No. Kode Barang", 0.09, "short"),
    Column("Jumlah Barang / Register", 0.1, "text"),
    Column("Harga Beli / Perolehan (Rp)", 0.085, "money"),
    Column("Baik (B)", 0.04, "number"),
    Column("Kurang Baik (KB)", 0.045, "number"),
    Column("Rusak Berat (RB)", 0.045, "number"),
    Column("Keterangan", 0.085, "text"),
)


def _row(line: dict) -> list:
    counts = [line["count"] if line["condition"] == c else None for c in ("B", "KB", "RB")]
    name = line["name"] if not line.get("code_name") or line["code_name"] == line["name"] else \
        f"{line['name']} / {line['code_name']}"
    return [line["no"], name, line["brand"], line["serial_number"], line["size"], line["material"],
            line["acquisition_year"], line["code"], f"{line['count']} ({line['registers']})",
            line["acquisition_value"], *counts, line["notes"]]


def sheet(inventory: dict) -> Sheet:
    room = inventory["room"]
    lines = [f"Provinsi : {PROVINCE}", f"SKPD : {SKPD}", f"Unit : {inventory['bureau_name']}",
             f"Gedung / Lantai : {room['building_name']} / {room['floor_name']}",
             f"Ruangan : {room['code']} — {room['name']}"]
    if room.get("unit_name"):
        lines.append(f"Unit pengguna ruangan : {room['unit_name']}")
    totals = inventory["totals"]
    rows = [_row(line) for line in inventory["lines"]]
    rows.append(["", "Jumlah", "", "", "", "", "", "", f"{totals['items']} barang", totals["acquisition_value"],
                 totals["baik"], totals["kurang_baik"], totals["rusak_berat"], ""])
    signers = [(["Mengetahui,"], signer(inventory.get("person_in_charge"), ROOM_PIC)),
               ([f"{PLACE}, {format_date_id(inventory['printed_on'])}"],
                signer(inventory.get("pengurus_barang"), PENGURUS_BARANG))]
    return Sheet(slug=f"kir-{room['code']}".replace("/", "-").replace(" ", "-"),
                 title="KARTU INVENTARIS RUANGAN (KIR)", lines=lines, columns=COLUMNS, rows=rows,
                 signers=signers, totals_label=None, sheet_name="KIR")


def document(inventory: dict, fmt: str) -> dict:
    return render(sheet(inventory), fmt)
