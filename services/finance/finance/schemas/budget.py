"""finance contract: the budget (DPA) — loading a year's file, its versions, the dashboard, the budget lines.

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
The file format is in ``finance.domain.budget_file`` and the README.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Finance
from situok_kit.outputs import choice, flag, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import Base64Bytes, ContractSchema, Text, describe, max_length, required_text

from ..models.budget import VERSION_STATUSES

_YEAR = dict(strict=True, validate=validate.Range(min=2000, max=2100, error="Tahun anggaran 2000-2100."))


# -- input ---------------------------------------------------------------------------------------------------

class BudgetYearIn(ContractSchema):
    fiscal_year = fields.Integer(required=True, **_YEAR, metadata=describe("Tahun anggaran."))


class BudgetFileIn(BudgetYearIn):
    """A DPA file (murni or perubahan: the same format) for ``load_budget``."""

    filename = Text(required=True, validate=required_text(200), metadata=describe(
        "Nama berkas, `.csv` atau `.xlsx` (jenisnya dibaca dari isi berkas)."))
    content_b64 = Base64Bytes(required=True, max_bytes=5 * 1024 * 1024, metadata=describe(
        "Isi berkas CSV atau XLSX dalam base64 (maksimal 5 MB)."))
    label = Text(allow_none=True, load_default=None, validate=max_length(120), metadata=describe(
        "Nama versi, mis. `DPA Perubahan 2026`; kosong: `DPA murni <tahun>` / `DPA perubahan ke-<n> <tahun>`."))


class BudgetLineFilters(ContractSchema):
    fiscal_year = fields.Integer(allow_none=True, **_YEAR, metadata=describe("Tahun anggaran."))
    sub_activity_code = Text(allow_none=True, validate=max_length(40), metadata=describe(
        "Kode sub kegiatan (persis), mis. `4.01.01.2.06.0004`."))
    account_code = Text(allow_none=True, validate=max_length(40), metadata=describe(
        "Awal kode rekening, mis. `5.1.02` (semua belanja barang dan jasa)."))
    q = Text(allow_none=True, validate=max_length(100), metadata=describe(
        "Teks pada kode atau nama rekening atau nama sub kegiatan."))
    include_inactive = fields.Boolean(load_default=False, metadata=describe(
        "Sertakan baris yang tidak ada pada DPA yang berlaku (dihapus oleh perubahan)."))


# -- output --------------------------------------------------------------------------------------------------

class BudgetTotalsOut(ContractSchema):
    ceiling = rupiah("Pagu")
    committed = rupiah("Terikat: SPJ disetujui, belum dibayar")
    realized = rupiah("Realisasi: sudah dibayar")
    remaining = rupiah("Sisa pagu = pagu - terikat - realisasi")


class BudgetVersionOut(ContractSchema):
    id = integer("Id versi.")
    fiscal_year = integer("Tahun anggaran.")
    number = integer("Nomor versi: 0 DPA murni, 1, 2 … perubahan.")
    label = text("Nama versi.")
    status = choice("active: yang berlaku; superseded: digantikan perubahan.", VERSION_STATUSES)
    filename = text("Nama berkas yang dimuat.", nullable=True)
    sha256 = text("SHA-256 isi berkas.", nullable=True)
    loaded_by = text("Yang memuat.")
    loaded_at = moment("Waktu dimuat", nullable=False)
    sub_activity_count = integer("Jumlah sub kegiatan.")
    account_count = integer("Jumlah rekening (alokasi).")
    total_ceiling = rupiah("Jumlah pagu versi ini")


class BudgetLoadedEvent(BudgetVersionOut):
    """``finance.budget_loaded``: a DPA file became the active version of its year."""

    previous_number = integer("Nomor versi yang digantikan; null untuk DPA murni pertama.", nullable=True)


class BudgetAccountOut(BudgetTotalsOut):
    line_id = integer("Id baris anggaran (dibebani SPJ).")
    account_code = text("Kode rekening (Kepmendagri 050-5889/2021).")
    account_name = text("Nama rekening.")
    cash_plan = listing(fields.Integer(), "Anggaran kas Januari … Desember (12 bilangan, rupiah).")


class BudgetSubActivityOut(ContractSchema):
    program_code = text("Kode program.")
    program_name = text("Nama program.")
    activity_code = text("Kode kegiatan.")
    activity_name = text("Nama kegiatan.")
    code = text("Kode sub kegiatan.")
    name = text("Nama sub kegiatan.")
    pptk_employee_id = integer("PPTK (id pegawai).", nullable=True)
    pptk_name = text("Nama PPTK.", nullable=True)
    pptk_nip = text("NIP PPTK.", nullable=True)
    accounts = listing(BudgetAccountOut, "Rekening, urut kode.")
    cash_plan = listing(fields.Integer(), "Anggaran kas sub kegiatan per bulan (jumlah rekeningnya).")
    totals = nested(BudgetTotalsOut, "Jumlah sub kegiatan.")


class BudgetOverviewOut(ContractSchema):
    """The budget dashboard of a year."""

    fiscal_year = integer("Tahun anggaran.")
    version = nested(BudgetVersionOut, "Versi yang berlaku; null bila DPA tahun ini belum dimuat.", nullable=True)
    sub_activities = listing(BudgetSubActivityOut, "Sub kegiatan, urut kode.")
    totals = nested(BudgetTotalsOut, "Jumlah setahun.")


class BudgetLineOut(BudgetTotalsOut):
    id = integer("Id baris anggaran.")
    fiscal_year = integer("Tahun anggaran.")
    sub_activity_code = text("Kode sub kegiatan.")
    sub_activity_name = text("Nama sub kegiatan pada DPA yang berlaku.", nullable=True)
    account_code = text("Kode rekening.")
    account_name = text("Nama rekening.")
    cash_plan = fields.List(fields.Integer(), allow_none=True, metadata=describe(
        "Anggaran kas Januari … Desember pada DPA yang berlaku; null bila tidak ada padanya."))
    pptk_employee_id = integer("PPTK sub kegiatan (id pegawai).", nullable=True)
    pptk_name = text("Nama PPTK.", nullable=True)
    pptk_nip = text("NIP PPTK.", nullable=True)
    in_active_version = flag("Ada pada DPA yang berlaku (dapat dibebani SPJ).")


class BudgetLinePage(ContractSchema):
    items = listing(BudgetLineOut, "Baris anggaran, urut tahun, kode sub kegiatan, kode rekening.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class BudgetLineHistoryOut(ContractSchema):
    version_number = integer("Nomor versi.")
    version_label = text("Nama versi.")
    version_status = choice("Status versi.", VERSION_STATUSES)
    ceiling = rupiah("Pagu pada versi itu")
    cash_plan = listing(fields.Integer(), "Anggaran kas pada versi itu.")


class BudgetLineDetailOut(BudgetLineOut):
    history = listing(BudgetLineHistoryOut, "Pagu baris ini pada setiap versi tahunnya, terbaru dulu.")


SCHEMAS = {
    "BudgetYearIn": BudgetYearIn,
    "BudgetFileIn": BudgetFileIn,
    "BudgetLineFilters": BudgetLineFilters,
    "BudgetTotalsOut": BudgetTotalsOut,
    "BudgetVersionOut": BudgetVersionOut,
    "BudgetLoadedEvent": BudgetLoadedEvent,
    "BudgetAccountOut": BudgetAccountOut,
    "BudgetSubActivityOut": BudgetSubActivityOut,
    "BudgetOverviewOut": BudgetOverviewOut,
    "BudgetLineOut": BudgetLineOut,
    "BudgetLinePage": BudgetLinePage,
    "BudgetLineHistoryOut": BudgetLineHistoryOut,
    "BudgetLineDetailOut": BudgetLineDetailOut,
}
EVENTS = {Finance.BUDGET_LOADED: BudgetLoadedEvent}
