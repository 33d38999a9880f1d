"""finance contract: the books — the treasurer's own postings, the BKU and its subsidiary books, the monthly
closing and the monthly accountability report, and their files.

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
Every answer is one of these dumped over what ``domain.books``, ``domain.closing`` and ``domain.reports``
return (dicts and rows whose keys are these fields).
"""
from __future__ import annotations

from marshmallow import ValidationError as _ValidationError
from marshmallow import fields, validate, validates_schema
from situok_contracts.events import Finance
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import Base64Bytes, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.books import BOOKS, CASH_KINDS, DOCUMENT_FORMATS, DOCUMENT_KINDS, MONTH, MONTH_STATES, TAX_KINDS
from ..models.books import POSTING_KINDS, POSTING_MEDIA

# Years, months, ids and limits also come from URL paths and query strings: digit strings are accepted.
_YEAR = dict(validate=validate.Range(min=2000, max=2100, error="Harus tahun antara 2000 dan 2100."))
_MONTH = dict(validate=validate.Range(min=1, max=12, error="Harus bulan 1 sampai 12."))
_LINE = dict(validate=validate.Range(min=1, error="Harus bilangan bulat positif."))
_KIND_HELP = ("`up_receipt` (penerimaan UP, bank), `gu_replenishment` (penggantian GU, bank), `bank_to_cash` "
              "(penarikan bank ke kas tunai), `cash_to_bank` (setoran kas tunai ke bank), `advance_given` (panjar "
              "diberikan), `advance_settled` (panjar dipertanggungjawabkan/dikembalikan), `up_return` (pengembalian "
              "sisa UP akhir tahun, bank).")


# -- inputs --------------------------------------------------------------------------------------------

class CashPostingIn(ContractSchema):
    """One of the treasurer's own postings (``post_cash``); SPJ payments and taxes are posted by the SPJ."""

    kind = fields.String(required=True, validate=one_of(CASH_KINDS), metadata=describe(
        "Jenis pembukuan: " + _KIND_HELP, enum=list(CASH_KINDS)))
    posted_on = fields.Date(required=True, metadata=describe("Tanggal buku (hari WITA, YYYY-MM-DD)."))
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=10**13, error="Harus bilangan bulat rupiah lebih dari 0."), metadata=describe(
        "Jumlah (rupiah bulat)."))
    medium = fields.String(load_default=None, allow_none=True, validate=one_of(POSTING_MEDIA), metadata=describe(
        "`cash` (tunai) atau `bank`; bawaan menurut jenis. Tidak diisi untuk pemindahan kas/bank.",
        enum=list(POSTING_MEDIA)))
    description = Text(required=True, validate=required_text(500), metadata=describe("Uraian pada BKU."))
    reference = Text(load_default=None, allow_none=True, validate=max_length(120), metadata=describe(
        "Nomor bukti: SP2D untuk UP/GU, nomor panjar untuk pemberian dan pertanggungjawaban panjar."))


class _Period(ContractSchema):
    fiscal_year = fields.Integer(required=True, **_YEAR, metadata=describe("Tahun anggaran."))


class CashBookIn(_Period):
    month_from = fields.Integer(load_default=1, **_MONTH, metadata=describe("Bulan awal (1–12)."))
    month_to = fields.Integer(load_default=12, **_MONTH, metadata=describe("Bulan akhir (1–12)."))
    medium = fields.String(load_default=None, allow_none=True, validate=one_of(POSTING_MEDIA), metadata=describe(
        "Hanya `cash` atau `bank`; kosong: semuanya (BKU).", enum=list(POSTING_MEDIA)))
    cursor = fields.String(load_default=None, allow_none=True, metadata=describe("Dari `next_cursor`."))
    limit = fields.Integer(load_default=100, validate=validate.Range(
        min=1, max=200, error="Harus antara 1 dan 200."), metadata=describe("Baris per halaman (1–200)."))

    @validates_schema
    def _range(self, data, **kwargs):
        if data.get("month_from", 1) > data.get("month_to", 12):
            raise _ValidationError("Bulan akhir tidak boleh sebelum bulan awal.", "month_to")


class CashSubsidiaryBookIn(_Period):
    book = fields.String(required=True, validate=one_of(BOOKS), metadata=describe(
        "Buku pembantu: `kas_tunai`, `bank`, `pajak`, `panjar`, `rekening` (per rincian objek).", enum=list(BOOKS)))
    month = fields.Integer(load_default=None, allow_none=True, **_MONTH, metadata=describe(
        "Bulan (1–12); kosong: setahun."))
    line_id = fields.Integer(load_default=None, allow_none=True, **_LINE, metadata=describe(
        "Buku `rekening`: satu baris anggaran (rincian objek); kosong: semua."))
    tax_kind = fields.String(load_default=None, allow_none=True, validate=one_of(TAX_KINDS), metadata=describe(
        "Buku `pajak`: satu jenis pajak; kosong: semua.", enum=list(TAX_KINDS)))
    cursor = fields.String(load_default=None, allow_none=True, metadata=describe("Dari `next_cursor`."))
    limit = fields.Integer(load_default=100, validate=validate.Range(
        min=1, max=200, error="Harus antara 1 dan 200."), metadata=describe("Baris per halaman (1–200)."))


class CashMonthIn(_Period):
    month = fields.Integer(required=True, **_MONTH, metadata=describe("Bulan (1–12)."))


class BooksDocumentIn(_Period):
    kind = fields.String(required=True, validate=one_of(DOCUMENT_KINDS), metadata=describe(
        "`lpj` (laporan pertanggungjawaban bulanan; butuh `month`), `bku`, atau buku pembantu `kas_tunai`, "
        "`bank`, `pajak`, `panjar`, `rekening`.", enum=list(DOCUMENT_KINDS)))
    month = fields.Integer(load_default=None, allow_none=True, **_MONTH, metadata=describe(
        "Bulan (1–12); kosong: setahun (tidak untuk `lpj`)."))
    format = fields.String(load_default="pdf", validate=one_of(DOCUMENT_FORMATS), metadata=describe(
        "`pdf` atau `xlsx`.", enum=list(DOCUMENT_FORMATS)))
    line_id = fields.Integer(load_default=None, allow_none=True, **_LINE, metadata=describe(
        "Buku `rekening`: satu baris anggaran; kosong: semua."))
    pa_kpa_employee_id = fields.Integer(load_default=None, allow_none=True, **_LINE, metadata=describe(
        "Penanda tangan PA/KPA (id pegawai); kosong: kepala biro pada salinan roster."))

    @validates_schema
    def _month_for_report(self, data, **kwargs):
        if data.get("kind") == "lpj" and not data.get("month"):
            raise _ValidationError("Laporan pertanggungjawaban dibuat per bulan: isi bulan.", "month")


# -- answers ---------------------------------------------------------------------------------------------

class CashPostingOut(ContractSchema):
    """One BKU entry as stored."""

    id = integer("Id pembukuan.")
    seq = integer("Nomor urut pada BKU tahun itu (tanpa celah).")
    fiscal_year = integer("Tahun anggaran.")
    month = integer("Bulan (1–12).")
    posted_on = day("Tanggal buku (WITA)")
    kind = choice("Jenis pembukuan.", POSTING_KINDS)
    medium = choice("Tunai (`cash`) atau bank.", POSTING_MEDIA)
    description = text("Uraian.")
    reference = text("Nomor bukti.", nullable=True)
    debit = rupiah("Penerimaan")
    credit = rupiah("Pengeluaran")
    budget_line_id = integer("Baris anggaran (belanja SPJ).", nullable=True)
    spj_id = integer("SPJ asal pembukuan.", nullable=True)
    tax_kind = choice("Jenis pajak (pembukuan pajak).", TAX_KINDS, nullable=True)
    posted_by = text("Pengguna yang membukukan.")


class CashPostedOut(ContractSchema):
    """What ``post_cash`` booked: one entry, or two for a transfer between cash and bank."""

    kind = choice("Jenis pembukuan.", CASH_KINDS)
    fiscal_year = integer("Tahun anggaran.")
    postings = listing(CashPostingOut, "Entri BKU yang dibuat (dua untuk pemindahan kas/bank).")


class CashBookEntryOut(CashPostingOut):
    """An entry of a book with its running balance (from the start of the year, in date order)."""

    account_code = text("Kode rekening (belanja SPJ).", nullable=True)
    account_name = text("Nama rekening.", nullable=True)
    balance = rupiah("Saldo berjalan buku ini setelah entri")


class CashBookTotalsOut(ContractSchema):
    opening_balance = rupiah("Saldo sebelum periode")
    debit_before = rupiah("Jumlah penerimaan tahun ini sebelum periode (s.d. bulan lalu)")
    credit_before = rupiah("Jumlah pengeluaran tahun ini sebelum periode (s.d. bulan lalu)")
    debit = rupiah("Jumlah penerimaan (buku pajak: pemotongan; panjar: pengembalian) dalam periode")
    credit = rupiah("Jumlah pengeluaran (buku pajak: penyetoran; panjar: pemberian) dalam periode")
    closing_balance = rupiah("Saldo akhir periode")


class CashBookPage(ContractSchema):
    """A page of the BKU (or of one medium's book) with the totals of the whole period."""

    fiscal_year = integer("Tahun anggaran.")
    month_from = integer("Bulan awal.")
    month_to = integer("Bulan akhir.")
    medium = choice("Hanya tunai/bank; null: BKU.", POSTING_MEDIA, nullable=True)
    totals = nested(CashBookTotalsOut, "Saldo awal, jumlah dan saldo akhir periode (bukan halaman).")
    items = listing(CashBookEntryOut, "Entri, urut tanggal lalu nomor urut.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class CashTaxSummaryOut(ContractSchema):
    tax_kind = text("Jenis pajak.")
    label = text("Nama pajak.")
    opening_balance = rupiah("Belum disetor sebelum periode")
    withheld = rupiah("Dipotong/dipungut dalam periode")
    deposited = rupiah("Disetor dalam periode")
    outstanding = rupiah("Belum disetor pada akhir periode")


class CashAdvanceSummaryOut(ContractSchema):
    reference = text("Nomor panjar.")
    given_on = day("Tanggal pemberian")
    description = text("Uraian pemberian.")
    given = rupiah("Panjar diberikan")
    settled = rupiah("Dipertanggungjawabkan/dikembalikan sampai akhir periode")
    outstanding = rupiah("Sisa panjar belum dipertanggungjawabkan")


class CashAccountLineOut(ContractSchema):
    """One budget line (sub-kegiatan, kode rekening) with what the cash book realized against it."""

    budget_line_id = integer("Baris anggaran.")
    sub_activity_code = text("Kode sub-kegiatan.")
    account_code = text("Kode rekening.")
    account_name = text("Uraian rekening.")
    ceiling = rupiah("Pagu anggaran")
    before = rupiah("Realisasi s.d. bulan lalu (sebelum periode)")
    this_period = rupiah("Realisasi bulan ini (dalam periode)")
    to_date = rupiah("Realisasi s.d. bulan ini (akhir periode)")
    remaining = rupiah("Sisa pagu anggaran")


class CashSubsidiaryBookOut(ContractSchema):
    """A subsidiary book: a page of its entries with running balance, its totals, and per book a summary
    (``taxes`` per tax kind, ``advances`` per panjar, ``accounts`` per budget line; empty for the others)."""

    book = choice("Buku pembantu.", BOOKS)
    fiscal_year = integer("Tahun anggaran.")
    month = integer("Bulan; null: setahun.", nullable=True)
    line_id = integer("Baris anggaran (buku rekening).", nullable=True)
    tax_kind = text("Jenis pajak (buku pajak).", nullable=True)
    totals = nested(CashBookTotalsOut, "Saldo awal, jumlah dan saldo akhir periode.")
    items = listing(CashBookEntryOut, "Entri, urut tanggal lalu nomor urut.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)
    taxes = listing(CashTaxSummaryOut, "Buku pajak: per jenis pajak.")
    advances = listing(CashAdvanceSummaryOut, "Buku panjar: per panjar.")
    accounts = listing(CashAccountLineOut, "Buku rekening: per baris anggaran.")


class CashMonthOut(ContractSchema):
    """A month of a year's books: open or closed, and what the caller may do with it."""

    fiscal_year = integer("Tahun anggaran.")
    month = integer("Bulan (1–12).")
    month_name = text("Nama bulan.")
    status = choice("`open` (terbuka) atau `closed` (ditutup).", MONTH_STATES)
    closed_at = moment("Waktu ditutup")
    closed_by = text("Pengguna yang menutup.", nullable=True)
    allowed_actions = listing(choice("Tindakan.", MONTH.actions), "Yang boleh dilakukan pemanggil sekarang.")


class CashMonthListOut(ContractSchema):
    fiscal_year = integer("Tahun anggaran.")
    items = listing(CashMonthOut, "Dua belas bulan, Januari lebih dulu.", required=True)


class CashMonthClosedOut(ContractSchema):
    """A month just closed (``close_month``'s answer and ``finance.month_closed``'s payload)."""

    fiscal_year = integer("Tahun anggaran.")
    month = integer("Bulan (1–12).")
    month_name = text("Nama bulan.")
    closed_at = moment("Waktu ditutup", nullable=False)
    closed_by = text("Pengguna yang menutup.")
    spj_closed = integer("SPJ yang dibayar pada bulan itu dan kini ditutup.")
    receipts = rupiah("Penerimaan bulan itu")
    expenditures = rupiah("Pengeluaran bulan itu")
    closing_balance = rupiah("Saldo kas bendahara pada akhir bulan")


class CashReportRowOut(ContractSchema):
    code = text("Kode baris.")
    label = text("Uraian.")
    before = rupiah("s.d. bulan lalu")
    this_month = rupiah("Bulan ini")
    to_date = rupiah("s.d. bulan ini")


class CashReportTotalsOut(ContractSchema):
    ceiling = rupiah("Jumlah pagu")
    before = rupiah("Jumlah s.d. bulan lalu")
    this_period = rupiah("Jumlah bulan ini")
    to_date = rupiah("Jumlah s.d. bulan ini")
    remaining = rupiah("Jumlah sisa pagu")


class CashBalanceOut(ContractSchema):
    opening = rupiah("Saldo kas awal bulan")
    cash = rupiah("Kas tunai akhir bulan")
    bank = rupiah("Saldo bank akhir bulan")
    total = rupiah("Saldo kas bendahara akhir bulan")


class CashReportOut(ContractSchema):
    """The monthly accountability report (Laporan Pertanggungjawaban Bendahara Pengeluaran, SPJ
    administratif/fungsional): per budget line, then the cash summary."""

    fiscal_year = integer("Tahun anggaran.")
    month = integer("Bulan (1–12).")
    month_name = text("Nama bulan.")
    closed = flag("Bulan sudah ditutup.")
    lines = listing(CashAccountLineOut, "Per baris anggaran, urut sub-kegiatan lalu kode rekening.")
    totals = nested(CashReportTotalsOut, "Jumlah kolom.")
    receipts = listing(CashReportRowOut, "Penerimaan: SP2D UP/GU, potongan pajak, pengembalian panjar.")
    receipts_total = nested(CashReportRowOut, "Jumlah penerimaan.")
    expenditures = listing(CashReportRowOut, "Pengeluaran: SPJ, penyetoran pajak, panjar, pengembalian UP.")
    expenditures_total = nested(CashReportRowOut, "Jumlah pengeluaran.")
    balance = nested(CashBalanceOut, "Saldo kas di bendahara pengeluaran.")


class BooksDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("PDF atau XLSX.", ("application/pdf",
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi berkas dalam base64."})


# -- events ----------------------------------------------------------------------------------------------

class CashPostedEvent(CashPostedOut):
    """``finance.cash_posted``: the treasurer booked one of their own postings (UP, GU, transfer, panjar, UP
    returned)."""


class CashMonthClosedEvent(CashMonthClosedOut):
    """``finance.month_closed``: a month's books are frozen and its paid SPJ closed."""


SCHEMAS = {
    "CashPostingIn": CashPostingIn,
    "CashBookIn": CashBookIn,
    "CashSubsidiaryBookIn": CashSubsidiaryBookIn,
    "CashMonthIn": CashMonthIn,
    "BooksDocumentIn": BooksDocumentIn,
    "CashPostingOut": CashPostingOut,
    "CashPostedOut": CashPostedOut,
    "CashBookEntryOut": CashBookEntryOut,
    "CashBookTotalsOut": CashBookTotalsOut,
    "CashBookPage": CashBookPage,
    "CashTaxSummaryOut": CashTaxSummaryOut,
    "CashAdvanceSummaryOut": CashAdvanceSummaryOut,
    "CashAccountLineOut": CashAccountLineOut,
    "CashSubsidiaryBookOut": CashSubsidiaryBookOut,
    "CashMonthOut": CashMonthOut,
    "CashMonthListOut": CashMonthListOut,
    "CashMonthClosedOut": CashMonthClosedOut,
    "CashReportRowOut": CashReportRowOut,
    "CashReportTotalsOut": CashReportTotalsOut,
    "CashBalanceOut": CashBalanceOut,
    "CashReportOut": CashReportOut,
    "BooksDocumentOut": BooksDocumentOut,
    "CashPostedEvent": CashPostedEvent,
    "CashMonthClosedEvent": CashMonthClosedEvent,
}
EVENTS = {
    Finance.CASH_POSTED: CashPostedEvent,
    Finance.MONTH_CLOSED: CashMonthClosedEvent,
}
