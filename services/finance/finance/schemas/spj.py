"""finance contract: the SPJ and its workflow (both kinds): input of a small-purchase SPJ, the filters of a
list, the workflow's arguments (return notes, reasons, payment, tax deposit), the settings, and the answers —
``SpjSummaryOut`` in a list, ``SpjDetailOut`` for one (with its purchases and taxes, or its travel part),
each with the ``allowed_actions`` of ``domain.workflow.SPJ`` for its caller — and the events of each step.

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Finance
from situok_kit.outputs import choice, day, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import (
    ID,
    Base64Bytes,
    ContractSchema,
    Text,
    describe,
    max_length,
    one_of,
    required_text,
)

from ..domain.workflow import SPJ
from ..models.spj import PAYMENT_MEDIA, SPJ_KINDS, SPJ_STATUSES
from .purchases import SpjPurchaseIn, SpjPurchaseOut, SpjTaxOut
from .travel_spj import TravelSpjPartOut

QUEUES = ("verify", "approve")
APPROVAL_LEVELS = ("ppk", "pa_kpa")
MAX_AMOUNT = 10**13


# -- input ------------------------------------------------------------------------------------------------

class SpjIn(ContractSchema):
    """A small-purchase SPJ (``create_spj``; ``update_spj`` sends it whole: the purchases replace the old)."""

    budget_line_id = fields.Integer(required=True, **ID, metadata=describe(
        "Baris anggaran (sub kegiatan + rekening) yang dibebani; harus sub kegiatan yang Anda PPTK-i."))
    title = Text(required=True, validate=required_text(300), metadata=describe("Uraian singkat SPJ."))
    description = Text(allow_none=True, load_default=None, validate=max_length(5000),
                       metadata=describe("Keterangan."))
    purchases = fields.List(fields.Nested(SpjPurchaseIn), load_default=list, validate=validate.Length(
        max=100, error="Paling banyak 100 pembelian."), metadata=describe("Pembelian (seluruhnya)."))


class SpjFilters(ContractSchema):
    status = fields.String(allow_none=True, validate=one_of(SPJ_STATUSES),
                           metadata=describe("Status.", enum=list(SPJ_STATUSES)))
    kind = fields.String(allow_none=True, validate=one_of(SPJ_KINDS), metadata=describe("Jenis.", enum=list(SPJ_KINDS)))
    year = fields.Integer(allow_none=True, strict=True, validate=validate.Range(2000, 2100, error="Tahun tidak valid."),
                          metadata=describe("Tahun anggaran."))
    budget_line_id = fields.Integer(allow_none=True, **ID, metadata=describe("Baris anggaran."))
    mine = fields.Boolean(load_default=False, metadata=describe("Hanya SPJ yang saya susun / saya PPTK-i."))
    queue = fields.String(allow_none=True, validate=one_of(QUEUES), metadata=describe(
        "`verify`: antrean verifikasi bendahara (diajukan); `approve`: kotak persetujuan — bagi PPK-SKPD yang "
        "terverifikasi (disetujui sampai batas nilai, disahkan di atasnya), bagi PA/KPA yang telah disahkan "
        "PPK-SKPD.", enum=list(QUEUES)))


class SpjReturnIn(ContractSchema):
    notes = fields.Dict(keys=fields.String(), values=Text(validate=required_text(1000)), required=True,
                        metadata=describe("Catatan per pembelian: {id pembelian: catatan}; kunci `spj` untuk "
                                          "catatan atas seluruh SPJ."))


class SpjReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan (wajib)."))


class SpjNoteIn(ContractSchema):
    note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan."))


class SpjPaymentIn(ContractSchema):
    medium = fields.String(required=True, validate=one_of(PAYMENT_MEDIA, "cash (tunai), bank"),
                           metadata=describe("Tunai (`cash`) atau bank (`bank`).", enum=list(PAYMENT_MEDIA)))
    paid_on = fields.Date(required=True, metadata=describe("Tanggal bayar (WITA, YYYY-MM-DD)."))


class SpjTaxDepositIn(ContractSchema):
    billing_code = Text(required=True, validate=validate.Regexp(r"^\d{15}$", error="Kode billing 15 digit."),
                        metadata=describe("Kode billing (15 digit)."))
    ntpn = Text(required=True, validate=validate.Regexp(r"^[0-9A-Za-z]{16}$", error="NTPN 16 huruf/angka."),
                metadata=describe("NTPN (16 huruf/angka)."))
    deposited_on = fields.Date(required=True, metadata=describe("Tanggal setor (YYYY-MM-DD)."))
    medium = fields.String(allow_none=True, load_default=None, validate=one_of(PAYMENT_MEDIA),
                           metadata=describe("Tunai atau bank; bawaan: cara bayar SPJ.", enum=list(PAYMENT_MEDIA)))


def _amount(label: str):
    return fields.Integer(strict=True, metadata=describe(label), validate=validate.Range(
        min=0, max=MAX_AMOUNT, error="Harus rupiah bulat, 0 atau lebih."))


class SpjSettingsIn(ContractSchema):
    approval_threshold = _amount("Di atas bruto ini SPJ disahkan PPK-SKPD lalu disetujui PA/KPA (rupiah).")
    purchase_limit = fields.Integer(strict=True, validate=validate.Range(
        min=1, max=MAX_AMOUNT, error="Harus rupiah bulat positif."),
        metadata=describe("Satu pembelian sebesar ini atau lebih harus melalui pengadaan."))
    meterai_threshold = _amount("Nota di atas nilai ini bermeterai Rp10.000 (rupiah).")
    number_template = Text(validate=required_text(120), metadata=describe("Templat nomor SPJ: {seq} dan {year}."))


# -- output -----------------------------------------------------------------------------------------------

class SpjBudgetLineOut(ContractSchema):
    id = integer("Baris anggaran (id).")
    fiscal_year = integer("Tahun anggaran.")
    sub_activity_code = text("Kode sub kegiatan.")
    account_code = text("Kode rekening.")
    account_name = text("Nama rekening.")


class SpjTransitionOut(ContractSchema):
    action = text("Langkah.")
    from_status = choice("Status sebelumnya (null saat dibuat).", SPJ_STATUSES, nullable=True)
    to_status = choice("Status sesudahnya.", SPJ_STATUSES)
    actor_username = text("Oleh (nama pengguna).", nullable=True)
    actor_employee_id = integer("Oleh (id pegawai).", nullable=True)
    note = text("Catatan/alasan.", nullable=True)
    at = moment("Waktu", nullable=False)


class SpjSummaryOut(ContractSchema):
    id = integer("Id SPJ.")
    number = text("Nomor SPJ (diberikan saat diajukan).", nullable=True)
    kind = choice("Jenis: belanja kecil (`purchase`) atau perjalanan dinas (`travel`).", SPJ_KINDS)
    status = choice("Status.", SPJ_STATUSES)
    fiscal_year = integer("Tahun anggaran.")
    budget_line = nested(SpjBudgetLineOut, "Baris anggaran yang dibebani.")
    title = text("Uraian singkat.")
    pptk_employee_id = integer("PPTK (id pegawai).", nullable=True)
    gross = rupiah("Jumlah bruto (yang dibebankan ke anggaran)")
    tax_withheld = rupiah("Pajak dipungut/dipotong")
    net_payable = rupiah("Jumlah bersih dibayarkan")
    approval_level = choice("Penyetuju akhir: PPK-SKPD (`ppk`) atau PA/KPA (`pa_kpa`, di atas batas; disahkan "
                            "PPK-SKPD lebih dahulu).", APPROVAL_LEVELS)
    paid_on = day("Tanggal bayar", nullable=True)
    updated_at = moment("Terakhir diubah", nullable=False)
    allowed_actions = listing(choice("Aksi.", SPJ.actions), "Yang dapat Anda lakukan sekarang.")


class SpjDetailOut(SpjSummaryOut):
    description = text("Keterangan.", nullable=True)
    unit_id = integer("Unit kerja (id).", nullable=True)
    created_by_employee_id = integer("Disusun oleh (id pegawai).", nullable=True)
    verified_by_account_id = integer("Diverifikasi oleh (id akun).", nullable=True)
    endorsed_by_account_id = integer("Disahkan PPK-SKPD oleh (id akun; di atas batas nilai).", nullable=True)
    approved_by_account_id = integer("Disetujui oleh (id akun).", nullable=True)
    payment_medium = choice("Cara bayar.", PAYMENT_MEDIA, nullable=True)
    closed_month = integer("Bulan laporan pertanggungjawaban yang menutupnya.", nullable=True)
    travel_order_id = integer("Surat perintah perjalanan dinas (id di travel).", nullable=True)
    travel_order_number = text("Nomor SPT.", nullable=True)
    created_at = moment("Dibuat", nullable=False)
    purchases = listing(SpjPurchaseOut, "Pembelian (SPJ belanja kecil).")
    taxes = listing(SpjTaxOut, "Pajak yang disetor/akan disetor.")
    travel = nested(TravelSpjPartOut, "Bagian perjalanan dinas (SPJ perjalanan dinas), null untuk belanja kecil.",
                    nullable=True)
    transitions = listing(SpjTransitionOut, "Riwayat langkah.")


class SpjPage(ContractSchema):
    items = listing(SpjSummaryOut, "SPJ, urut id terbaru.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class SpjSettingsOut(ContractSchema):
    approval_threshold = rupiah("Di atas bruto ini SPJ disahkan PPK-SKPD lalu disetujui PA/KPA")
    purchase_limit = rupiah("Batas satu pembelian (sebesar ini atau lebih: pengadaan)")
    meterai_threshold = rupiah("Nota di atas nilai ini bermeterai")
    number_template = text("Templat nomor SPJ.")
    updated_by = text("Diubah oleh.", nullable=True)
    updated_at = moment("Diubah", nullable=False)


class SpjDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi PDF dalam base64."})


# -- events -----------------------------------------------------------------------------------------------

class SpjEvent(ContractSchema):
    spj_id = integer("Id SPJ.", attribute="id")
    number = text("Nomor SPJ.", nullable=True)
    kind = choice("Jenis SPJ.", SPJ_KINDS)
    status = choice("Status sesudah peristiwa ini.", SPJ_STATUSES)
    fiscal_year = integer("Tahun anggaran.")
    budget_line_id = integer("Baris anggaran (id).")
    pptk_employee_id = integer("PPTK (id pegawai).", nullable=True)
    gross = rupiah("Jumlah bruto")
    tax_withheld = rupiah("Pajak")
    net_payable = rupiah("Jumlah bersih")
    from_status = choice("Status sebelumnya (null saat dibuat).", SPJ_STATUSES, nullable=True)
    note = text("Catatan/alasan langkah ini.", nullable=True)


class SpjReturnedEvent(SpjEvent):
    notes = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata=describe("Catatan per pembelian: {id pembelian: catatan}."))


class SpjPaidEvent(SpjEvent):
    payment_medium = choice("Cara bayar.", PAYMENT_MEDIA)
    paid_on = day("Tanggal bayar")


class SpjClosedEvent(SpjEvent):
    closed_month = integer("Bulan laporan pertanggungjawaban.")


SCHEMAS = {
    "SpjIn": SpjIn,
    "SpjFilters": SpjFilters,
    "SpjReturnIn": SpjReturnIn,
    "SpjReasonIn": SpjReasonIn,
    "SpjNoteIn": SpjNoteIn,
    "SpjPaymentIn": SpjPaymentIn,
    "SpjTaxDepositIn": SpjTaxDepositIn,
    "SpjSettingsIn": SpjSettingsIn,
    "SpjBudgetLineOut": SpjBudgetLineOut,
    "SpjTransitionOut": SpjTransitionOut,
    "SpjSummaryOut": SpjSummaryOut,
    "SpjDetailOut": SpjDetailOut,
    "SpjPage": SpjPage,
    "SpjSettingsOut": SpjSettingsOut,
    "SpjDocumentOut": SpjDocumentOut,
    "SpjEvent": SpjEvent,
    "SpjReturnedEvent": SpjReturnedEvent,
    "SpjPaidEvent": SpjPaidEvent,
    "SpjClosedEvent": SpjClosedEvent,
}
EVENTS = {
    Finance.SPJ_DRAFTED: SpjEvent,
    Finance.SPJ_SUBMITTED: SpjEvent,
    Finance.SPJ_RETURNED: SpjReturnedEvent,
    Finance.SPJ_VERIFIED: SpjEvent,
    Finance.SPJ_ENDORSED: SpjEvent,
    Finance.SPJ_APPROVED: SpjEvent,
    Finance.SPJ_REJECTED: SpjEvent,
    Finance.SPJ_PAID: SpjPaidEvent,
    Finance.SPJ_CLOSED: SpjClosedEvent,
    Finance.SPJ_CANCELLED: SpjEvent,
}
