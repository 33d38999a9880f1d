"""The depreciation report (per KIB, or one KIB's items) and an item's schedule as files (PDF A4 landscape with
the kop surat, XLSX), from ``DepreciationReportOut`` / ``AssetDepreciationOut``. Nothing here reads a database
or a clock."""
from __future__ import annotations

from situok_kit.letters.data import Signer
from situok_kit.letters.formatting import format_date_id

from .kib import PLACE, PROVINCE, SKPD, Column, Sheet, register_no, render

PERIOD_LABELS = {"year": "tahunan", "semester": "semesteran"}

SUMMARY = (Column("KIB", 0.06, "short"), Column("Uraian", 0.3, "text"), Column("Jumlah Barang", 0.08, "number"),
           Column("Nilai Perolehan (Rp)", 0.14, "money"), Column("Penyusutan Tahun Ini (Rp)", 0.14, "money"),
           Column("Akumulasi Penyusutan (Rp)", 0.14, "money"), Column("Nilai Buku (Rp)", 0.14, "money"))
ITEMS = (Column("No", 0.035, "short"), Column("Kode Barang", 0.1, "short"), Column("Nomor Register", 0.05, "short"),
         Column("Nama Barang", 0.215, "text"), Column("Tahun Perolehan", 0.05, "short"),
         Column("Masa Manfaat (Tahun)", 0.05, "number"), Column("Nilai Perolehan (Rp)", 0.1, "money"),
         Column("Penyusutan Tahun Ini (Rp)", 0.1, "money"), Column("Akumulasi Penyusutan (Rp)", 0.1, "money"),
         Column("Nilai Buku (Rp)", 0.1, "money"))


def report_sheet(report: dict, signers: list[tuple[list[str], Signer]]) -> Sheet:
    lines = [f"Provinsi : {PROVINCE}", f"SKPD : {SKPD}", f"Tahun : {report['year']}",
             f"Posisi : {format_date_id(report['as_of'])}",
             f"Metode : garis lurus, periode {PERIOD_LABELS.get(report['period'], report['period'])}"]
    if report.get("kib"):
        rows = [[n, i["code"], register_no(i["register_number"]), i["name"], i["acquisition_year"],
                 i["useful_life_years"] or 0, i["acquisition_value"], i["depreciation"], i["accumulated"],
                 i["book_value"]] for n, i in enumerate(report["items"], 1)]
        columns = ITEMS
        title = f"LAPORAN PENYUSUTAN BARANG MILIK DAERAH\nKIB {report['kib']}"
    else:
        rows = [[r["kib"], r["kib_name"], r["items"], r["acquisition_value"], r["depreciation"], r["accumulated"],
                 r["book_value"]] for r in report["rows"]]
        columns = SUMMARY
        title = "LAPORAN PENYUSUTAN BARANG MILIK DAERAH\nREKAPITULASI PER KIB"
    slug = f"penyusutan-{report['year']}" + (f"-kib-{report['kib'].lower()}" if report.get("kib") else "")
    return Sheet(slug=slug, title=title, lines=lines, columns=columns, rows=rows, signers=signers,
                 sheet_name="Penyusutan")


def document(report: dict, fmt: str, signers: list[tuple[list[str], Signer]]) -> dict:
    return render(report_sheet(report, signers), fmt)


def place_date(on) -> str:
    return f"{PLACE}, {format_date_id(on)}"
