"""The supplies area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

Consumables (persediaan): items with their stock, receipts (FIFO lots), requests (approval by the requester's
unit head, issue by the pengurus barang), the stock card, stock opname counts and the semester report.
Quantities are integers; amounts integer rupiah; dates WITA (YYYY-MM-DD).
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate
from situok_contracts.events import Assets
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..models.supplies import SUPPLY_COUNT_STATUSES, SUPPLY_MOVEMENT_KINDS, SUPPLY_REQUEST_STATUSES

MAX_QTY = 1_000_000
MAX_PRICE = 10**12
SUPPLY_QUEUES = ("mine", "approve", "issue", "all")
SUPPLY_FORMATS = ("pdf", "xlsx")
SUPPLY_ACTIONS = ("approve", "reject", "cancel", "issue")


def _quantity(description: str, minimum: int = 1, required: bool = True, **kwargs) -> fields.Integer:
    error = "Harus bilangan bulat lebih dari 0." if minimum else "Harus bilangan bulat, 0 atau lebih."
    return fields.Integer(required=required, strict=True, validate=validate.Range(min=minimum, max=MAX_QTY,
                                                                                  error=error),
                          metadata=describe(description), **kwargs)


# -- input -------------------------------------------------------------------------------------------------------

class SupplyItemIn(ContractSchema):
    code = Text(required=True, validate=required_text(30), metadata=describe("Kode barang (unik), mis. ATK-001."))
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama barang."))
    unit = Text(required=True, validate=required_text(20), metadata=describe("Satuan: rim, box, pcs, buah, liter …"))
    minimum_stock = _quantity("Stok minimum (peringatan bila stok pada/di bawahnya).", minimum=0, required=False,
                              load_default=0)
    account_code = Text(allow_none=True, load_default=None, validate=max_length(30), metadata=describe(
        "Kode rekening persediaan, mis. 1.1.7.01.01 (alat tulis kantor); opsional."))
    active = fields.Boolean(load_default=True, metadata=describe("Aktif (dapat diminta dan diterima)."))


class SupplyItemPatchIn(SupplyItemIn):
    """Only the fields sent change."""


class SupplyReceiptLineIn(ContractSchema):
    item_id = fields.Integer(required=True, **ID, metadata=describe("Barang persediaan (id)."))
    quantity = _quantity("Banyaknya (bilangan bulat > 0).")
    unit_price = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=MAX_PRICE, error="Harus rupiah bulat, 0 atau lebih."), metadata=describe("Harga satuan (rupiah)."))


class SupplyReceiptIn(ContractSchema):
    received_on = fields.Date(required=True, metadata=describe("Tanggal diterima (tidak setelah hari ini)."))
    supplier = Text(required=True, validate=required_text(200), metadata=describe("Penyedia."))
    document_number = Text(required=True, validate=required_text(120), metadata=describe("Nomor faktur/BAST."))
    note = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Catatan."))
    lines = fields.List(fields.Nested(SupplyReceiptLineIn), required=True, validate=validate.Length(
        min=1, max=200, error="Isi 1 sampai 200 baris."), metadata=describe("Barang yang diterima."))


class SupplyRequestLineIn(ContractSchema):
    item_id = fields.Integer(required=True, **ID, metadata=describe("Barang persediaan (id)."))
    quantity = _quantity("Banyaknya yang diminta (> 0).")


class SupplyRequestIn(ContractSchema):
    purpose = Text(required=True, validate=required_text(1000), metadata=describe("Keperluan."))
    lines = fields.List(fields.Nested(SupplyRequestLineIn), required=True, validate=validate.Length(
        min=1, max=50, error="Isi 1 sampai 50 barang."), metadata=describe("Barang yang diminta (tiap barang sekali)."))


class SupplyLineQuantityIn(ContractSchema):
    line_id = fields.Integer(required=True, **ID, metadata=describe("Baris permintaan (id)."))
    quantity = _quantity("Banyaknya (0 atau lebih).", minimum=0)


class SupplyApproveIn(ContractSchema):
    lines = fields.List(fields.Nested(SupplyLineQuantityIn), load_default=list, metadata=describe(
        "Jumlah disetujui per baris (≤ diminta); baris yang tidak disebut disetujui sebanyak yang diminta."))
    note = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Catatan."))


class SupplyReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan."))


class SupplyCancelIn(ContractSchema):
    reason = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Alasan."))


class SupplyIssueIn(ContractSchema):
    lines = fields.List(fields.Nested(SupplyLineQuantityIn), load_default=list, metadata=describe(
        "Jumlah diserahkan per baris (≤ disetujui); bawaan: sebanyak yang disetujui, dibatasi stok."))
    note = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Catatan."))


class SupplyRequestFilters(ContractSchema):
    queue = fields.String(load_default="mine", validate=one_of(SUPPLY_QUEUES), metadata=describe(
        "`mine` permintaan saya; `approve` kotak persetujuan kepala unit; `issue` antrean pengurus barang; `all`.",
        enum=list(SUPPLY_QUEUES)))
    status = fields.String(allow_none=True, load_default=None, validate=one_of(SUPPLY_REQUEST_STATUSES),
                           metadata=describe("Hanya status ini.", enum=list(SUPPLY_REQUEST_STATUSES)))


class SupplyCountLineIn(ContractSchema):
    item_id = fields.Integer(required=True, **ID, metadata=describe("Barang persediaan (id)."))
    counted_qty = _quantity("Jumlah hasil hitung fisik (0 atau lebih).", minimum=0)
    note = Text(allow_none=True, load_default=None, validate=max_length(300), metadata=describe("Catatan."))


class SupplyCountIn(ContractSchema):
    counted_on = fields.Date(required=True, metadata=describe("Tanggal stock opname (tidak setelah hari ini)."))
    note = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Catatan."))
    lines = fields.List(fields.Nested(SupplyCountLineIn), required=True, validate=validate.Length(
        min=1, max=1000, error="Isi 1 sampai 1000 barang."), metadata=describe("Hasil hitung per barang."))


class SupplyReportIn(ContractSchema):
    year = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=2000, max=2100, error="Tahun 2000-2100."), metadata=describe("Tahun."))
    semester = fields.Integer(required=True, strict=True, validate=validate.OneOf(
        (1, 2), error="Semester 1 (Januari–Juni) atau 2 (Juli–Desember)."), metadata=describe("Semester 1 atau 2."))
    format = fields.String(load_default="pdf", validate=one_of(SUPPLY_FORMATS), metadata=describe(
        "`pdf` atau `xlsx` (unduhan).", enum=list(SUPPLY_FORMATS)))


class SupplyStockCardIn(ContractSchema):
    date_from = fields.Date(allow_none=True, load_default=None, metadata=describe("Dari tanggal."))
    date_to = fields.Date(allow_none=True, load_default=None, metadata=describe("Sampai tanggal."))
    format = fields.String(load_default="pdf", validate=one_of(SUPPLY_FORMATS), metadata=describe(
        "`pdf` atau `xlsx` (unduhan).", enum=list(SUPPLY_FORMATS)))


# -- output ------------------------------------------------------------------------------------------------------

class SupplyItemOut(ContractSchema):
    id = integer("Id barang persediaan.")
    code = text("Kode barang.")
    name = text("Nama barang.")
    unit = text("Satuan.")
    minimum_stock = integer("Stok minimum.")
    account_code = text("Kode rekening persediaan.", nullable=True)
    active = flag("Aktif.")
    stock = integer("Stok tercatat (Σ sisa lot).")
    stock_value = rupiah("Nilai stok (FIFO: Σ sisa × harga lot)")
    low = flag("Stok pada/di bawah minimum.")


class SupplyItemPage(ContractSchema):
    items = listing(SupplyItemOut, "Barang persediaan.")
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)


class SupplyLowStockOut(ContractSchema):
    items = listing(SupplyItemOut, "Barang aktif dengan stok pada/di bawah minimum.")


class SupplyReceiptLineOut(ContractSchema):
    lot_id = integer("Lot FIFO (id).")
    item_id = integer("Barang (id).")
    item_code = text("Kode barang.")
    item_name = text("Nama barang.")
    unit = text("Satuan.")
    quantity = integer("Banyaknya diterima.")
    unit_price = rupiah("Harga satuan")
    value = rupiah("Nilai")
    quantity_left = integer("Sisa lot saat ini.")


class SupplyReceiptOut(ContractSchema):
    id = integer("Id penerimaan.")
    received_on = day("Tanggal diterima")
    supplier = text("Penyedia.")
    document_number = text("Nomor faktur/BAST.")
    note = text("Catatan.", nullable=True)
    created_by = text("Dicatat oleh (nama akun).")
    created_at = moment("Dicatat pada")
    lines = listing(SupplyReceiptLineOut, "Baris (kosong pada daftar).")
    line_count = integer("Banyaknya baris.")
    total = rupiah("Jumlah nilai")


class SupplyReceiptPage(ContractSchema):
    items = listing(SupplyReceiptOut, "Penerimaan, terbaru dahulu.")
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)


class SupplyRequestLineOut(ContractSchema):
    id = integer("Id baris.")
    item_id = integer("Barang (id).")
    item_code = text("Kode barang.")
    item_name = text("Nama barang.")
    unit = text("Satuan.")
    quantity_requested = integer("Diminta.")
    quantity_approved = integer("Disetujui.", nullable=True)
    quantity_issued = integer("Diserahkan.", nullable=True)
    value_issued = rupiah("Nilai yang diserahkan (FIFO)", nullable=True)
    issue_note = text("Keterangan penyerahan (mis. stok kurang).", nullable=True)
    stock = integer("Stok saat ini.")


class SupplyRequestOut(ContractSchema):
    id = integer("Id permintaan.")
    status = choice("Status.", SUPPLY_REQUEST_STATUSES)
    status_label = text("Nama status.")
    requester_employee_id = integer("Peminta (id pegawai).")
    requester_name = text("Nama peminta.", nullable=True)
    requester_unit_id = integer("Unit peminta.", nullable=True)
    requester_unit_name = text("Nama unit peminta.", nullable=True)
    purpose = text("Keperluan.")
    created_at = moment("Diajukan pada")
    decided_by_employee_id = integer("Diputuskan oleh (id pegawai).", nullable=True)
    decided_by_name = text("Nama yang memutuskan.", nullable=True)
    decided_at = moment("Diputuskan pada")
    decision_note = text("Catatan persetujuan atau alasan penolakan/pembatalan.", nullable=True)
    issued_by = text("Diserahkan oleh (akun).", nullable=True)
    issued_on = day("Tanggal diserahkan", nullable=True)
    issue_note = text("Catatan penyerahan.", nullable=True)
    total_issued_value = rupiah("Jumlah nilai diserahkan")
    lines = listing(SupplyRequestLineOut, "Barang.")
    allowed_actions = listing(choice("Tindakan.", SUPPLY_ACTIONS), "Yang dapat dilakukan pemanggil sekarang.")


class SupplyRequestPage(ContractSchema):
    items = listing(SupplyRequestOut, "Permintaan, terbaru dahulu.")
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)


class SupplyStockCardRowOut(ContractSchema):
    id = integer("Id mutasi.")
    moved_on = day("Tanggal")
    kind = choice("Jenis mutasi.", SUPPLY_MOVEMENT_KINDS)
    reference = text("Referensi.")
    qty_in = integer("Masuk: banyaknya.")
    unit_price = rupiah("Harga satuan lot")
    value_in = rupiah("Masuk: nilai")
    qty_out = integer("Keluar: banyaknya.")
    value_out = rupiah("Keluar: nilai")
    balance_qty = integer("Saldo: banyaknya.")
    balance_value = rupiah("Saldo: nilai")
    receipt_id = integer("Penerimaan (id).", nullable=True)
    request_id = integer("Permintaan (id).", nullable=True)
    count_id = integer("Stock opname (id).", nullable=True)


class SupplyStockCardTotalsOut(ContractSchema):
    opening_qty = integer("Saldo awal: banyaknya.")
    opening_value = rupiah("Saldo awal: nilai")
    in_qty = integer("Jumlah masuk.")
    in_value = rupiah("Nilai masuk")
    out_qty = integer("Jumlah keluar.")
    out_value = rupiah("Nilai keluar")
    closing_qty = integer("Saldo akhir: banyaknya.")
    closing_value = rupiah("Saldo akhir: nilai")


class SupplyStockCardOut(ContractSchema):
    item = nested(SupplyItemOut, "Barang.")
    date_from = day("Dari tanggal", nullable=True)
    date_to = day("Sampai tanggal", nullable=True)
    totals = nested(SupplyStockCardTotalsOut, "Saldo awal, jumlah periode, saldo akhir.")
    items = listing(SupplyStockCardRowOut, "Mutasi (halaman ini).")
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)


class SupplyCountLineOut(ContractSchema):
    id = integer("Id baris.")
    item_id = integer("Barang (id).")
    item_code = text("Kode barang.")
    item_name = text("Nama barang.")
    unit = text("Satuan.")
    recorded_qty = integer("Tercatat (saat disimpan; saat diterapkan).")
    counted_qty = integer("Hasil hitung.")
    difference = integer("Selisih (hitung − tercatat).")
    note = text("Catatan.", nullable=True)
    adjustment_value = rupiah("Nilai penyesuaian (+ lebih, − kurang), setelah diterapkan", nullable=True)


class SupplyCountOut(ContractSchema):
    id = integer("Id stock opname.")
    counted_on = day("Tanggal")
    note = text("Catatan.", nullable=True)
    status = choice("Status.", SUPPLY_COUNT_STATUSES)
    created_by = text("Dibuat oleh.")
    applied_at = moment("Diterapkan pada")
    applied_by = text("Diterapkan oleh.", nullable=True)
    lines = listing(SupplyCountLineOut, "Baris (kosong pada daftar).")
    allowed_actions = listing(choice("Tindakan.", ("edit", "apply")), "Yang dapat dilakukan pemanggil.")


class SupplyCountPage(ContractSchema):
    items = listing(SupplyCountOut, "Stock opname, terbaru dahulu.")
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)


class SupplyReportRowOut(ContractSchema):
    item_id = integer("Barang (id).")
    code = text("Kode barang.")
    name = text("Nama barang.")
    unit = text("Satuan.")
    account_code = text("Kode rekening.", nullable=True)
    opening_qty = integer("Saldo awal: banyaknya.")
    opening_value = rupiah("Saldo awal: nilai")
    received_qty = integer("Penerimaan: banyaknya.")
    received_value = rupiah("Penerimaan: nilai")
    issued_qty = integer("Pengeluaran: banyaknya.")
    issued_value = rupiah("Pengeluaran: nilai")
    adjusted_qty = integer("Penyesuaian stock opname (bersih, + / −): banyaknya.")
    adjusted_value = rupiah("Penyesuaian: nilai (bersih)")
    closing_qty = integer("Saldo akhir: banyaknya.")
    closing_value = rupiah("Saldo akhir: nilai")


class SupplyReportOut(ContractSchema):
    year = integer("Tahun.")
    semester = integer("Semester (1: Januari–Juni, 2: Juli–Desember).")
    period_start = day("Awal periode")
    period_end = day("Akhir periode")
    rows = listing(SupplyReportRowOut, "Per barang.")
    totals = nested(SupplyReportRowOut, "Jumlah (kolom nilai dan banyaknya).")


class SupplyDocumentOut(ContractSchema):
    filename = text("Nama berkas.")
    content_type = text("Jenis isi.")
    content_b64 = text("Isi berkas (base64).")


# -- events ------------------------------------------------------------------------------------------------------

class SupplyReceivedEvent(ContractSchema):
    id = integer("Id penerimaan.")
    received_on = day("Tanggal diterima")
    supplier = text("Penyedia.")
    document_number = text("Nomor faktur/BAST.")
    lines = listing(SupplyReceiptLineOut, "Baris.")
    total = rupiah("Jumlah nilai")


class SupplyRequestEventLine(ContractSchema):
    item_id = integer("Barang (id).")
    item_code = text("Kode barang.")
    quantity_requested = integer("Diminta.")
    quantity_approved = integer("Disetujui.", nullable=True)
    quantity_issued = integer("Diserahkan.", nullable=True)
    value_issued = rupiah("Nilai diserahkan", nullable=True)


class SupplyRequestEvent(ContractSchema):
    id = integer("Id permintaan.")
    status = choice("Status.", SUPPLY_REQUEST_STATUSES)
    requester_employee_id = integer("Peminta (id pegawai).")
    requester_unit_id = integer("Unit peminta.", nullable=True)
    purpose = text("Keperluan.")
    decided_by_employee_id = integer("Diputuskan oleh.", nullable=True)
    decision_note = text("Catatan/alasan.", nullable=True)
    issued_on = day("Tanggal diserahkan", nullable=True)
    total_issued_value = rupiah("Jumlah nilai diserahkan")
    lines = listing(SupplyRequestEventLine, "Barang.")


class StockLowEvent(ContractSchema):
    item_id = integer("Barang (id).")
    code = text("Kode barang.")
    name = text("Nama barang.")
    unit = text("Satuan.")
    stock = integer("Stok sekarang.")
    minimum_stock = integer("Stok minimum.")


SCHEMAS: dict[str, type[Schema]] = {
    "SupplyItemIn": SupplyItemIn,
    "SupplyItemPatchIn": SupplyItemPatchIn,
    "SupplyReceiptLineIn": SupplyReceiptLineIn,
    "SupplyReceiptIn": SupplyReceiptIn,
    "SupplyRequestLineIn": SupplyRequestLineIn,
    "SupplyRequestIn": SupplyRequestIn,
    "SupplyLineQuantityIn": SupplyLineQuantityIn,
    "SupplyApproveIn": SupplyApproveIn,
    "SupplyReasonIn": SupplyReasonIn,
    "SupplyCancelIn": SupplyCancelIn,
    "SupplyIssueIn": SupplyIssueIn,
    "SupplyRequestFilters": SupplyRequestFilters,
    "SupplyCountLineIn": SupplyCountLineIn,
    "SupplyCountIn": SupplyCountIn,
    "SupplyReportIn": SupplyReportIn,
    "SupplyStockCardIn": SupplyStockCardIn,
    "SupplyItemOut": SupplyItemOut,
    "SupplyItemPage": SupplyItemPage,
    "SupplyLowStockOut": SupplyLowStockOut,
    "SupplyReceiptLineOut": SupplyReceiptLineOut,
    "SupplyReceiptOut": SupplyReceiptOut,
    "SupplyReceiptPage": SupplyReceiptPage,
    "SupplyRequestLineOut": SupplyRequestLineOut,
    "SupplyRequestOut": SupplyRequestOut,
    "SupplyRequestPage": SupplyRequestPage,
    "SupplyStockCardRowOut": SupplyStockCardRowOut,
    "SupplyStockCardTotalsOut": SupplyStockCardTotalsOut,
    "SupplyStockCardOut": SupplyStockCardOut,
    "SupplyCountLineOut": SupplyCountLineOut,
    "SupplyCountOut": SupplyCountOut,
    "SupplyCountPage": SupplyCountPage,
    "SupplyReportRowOut": SupplyReportRowOut,
    "SupplyReportOut": SupplyReportOut,
    "SupplyDocumentOut": SupplyDocumentOut,
    "SupplyReceivedEvent": SupplyReceivedEvent,
    "SupplyRequestEventLine": SupplyRequestEventLine,
    "SupplyRequestEvent": SupplyRequestEvent,
    "StockLowEvent": StockLowEvent,
}
EVENTS: dict[str, type[Schema]] = {
    Assets.SUPPLY_RECEIVED: SupplyReceivedEvent,
    Assets.SUPPLY_REQUESTED: SupplyRequestEvent,
    Assets.SUPPLY_REQUEST_DECIDED: SupplyRequestEvent,
    Assets.SUPPLY_ISSUED: SupplyRequestEvent,
    Assets.STOCK_LOW: StockLowEvent,
}
