"""finance contract: the purchases of a small-purchase SPJ (``kind = purchase``): input of each purchase and
item (sent whole with ``create_spj``/``update_spj``: the list replaces the SPJ's purchases), their answers with
the computed taxes, evidence kind, meterai and split-purchase flags, the tax entries to deposit, and the live
tax preview (``preview_taxes``).

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Finance
from situok_kit.outputs import choice, day, flag, integer, listing, nested, number, rupiah, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, max_length, one_of, required_text

from ..models.purchases import EVIDENCE_KINDS, ITEM_CATEGORIES, TAX_KINDS

PPH_KINDS = TAX_KINDS[1:]
MAX_PRICE = 10**12
#: The largest tax-rate file ``load_tax_rates`` takes (``domain.spj_rates.MAX_FILE_BYTES``).
MAX_RATE_FILE_BYTES = 512 * 1024


# -- input ------------------------------------------------------------------------------------------------

class SpjItemIn(ContractSchema):
    description = Text(required=True, validate=required_text(300), metadata=describe("Uraian barang/jasa."))
    quantity = fields.Decimal(required=True, places=3, validate=validate.Range(
        min=0, min_inclusive=False, max=10**8, error="Harus lebih dari 0."),
        # the bounds as plain numbers (apispec would write them as the field serializes them: Decimal)
        metadata=describe("Banyaknya (boleh desimal, paling banyak 3 angka di belakang koma).", minimum=0,
                          exclusiveMinimum=True, maximum=10**8))
    unit = Text(required=True, validate=required_text(40), metadata=describe("Satuan (buah, rim, liter, OH …)."))
    unit_price = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=MAX_PRICE, error="Harus rupiah bulat, 0 atau lebih."),
        metadata=describe("Harga satuan (rupiah bulat)."))
    category = fields.String(required=True, validate=one_of(ITEM_CATEGORIES), metadata=describe(
        "Jenis: barang (PPh 22), jasa (PPh 23), honorarium (PPh 21).", enum=list(ITEM_CATEGORIES)))


class SpjPurchaseIn(ContractSchema):
    vendor_name = Text(required=True, validate=required_text(200), metadata=describe("Nama penyedia/toko."))
    vendor_npwp = Text(allow_none=True, load_default=None, validate=max_length(30),
                       metadata=describe("NPWP penyedia (15 atau 16 digit), bila ada."))
    vendor_pkp = fields.Boolean(load_default=False, metadata=describe(
        "Penyedia adalah Pengusaha Kena Pajak (PPN dipungut; harga termasuk PPN)."))
    purchased_on = fields.Date(required=True, metadata=describe("Tanggal pembelian/nota (YYYY-MM-DD)."))
    receipt_number = Text(allow_none=True, load_default=None, validate=max_length(120),
                          metadata=describe("Nomor nota/kuitansi."))
    evidence_document_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe(
        "Dokumen bukti di arsip (id ``archive_documents``); wajib sebelum verifikasi."))
    items = fields.List(fields.Nested(SpjItemIn), required=True, validate=validate.Length(
        min=1, max=100, error="Isi 1 sampai 100 rincian."), metadata=describe("Rincian belanja."))


class SpjPreviewIn(ContractSchema):
    purchases = fields.List(fields.Nested(SpjPurchaseIn), load_default=list, validate=validate.Length(
        max=100, error="Paling banyak 100 pembelian."), metadata=describe("Pembelian konsep."))


# -- output -----------------------------------------------------------------------------------------------

class SpjItemOut(ContractSchema):
    id = integer("Id rincian (null pada pratinjau).", nullable=True)
    description = text("Uraian.")
    quantity = number("Banyaknya.")
    unit = text("Satuan.")
    unit_price = rupiah("Harga satuan")
    amount = rupiah("Jumlah (banyaknya × harga satuan)")
    category = choice("Jenis belanja.", ITEM_CATEGORIES)
    dpp = rupiah("Dasar pengenaan pajak (tanpa PPN)")
    ppn = rupiah("PPN yang dipungut")
    pph_kind = choice("Jenis PPh yang dipotong, null bila tidak ada.", PPH_KINDS, nullable=True)
    pph_rate_bp = integer("Tarif PPh (basis poin: 150 = 1,5%).")
    pph = rupiah("PPh yang dipotong")


class SpjSplitFlagOut(ContractSchema):
    total = rupiah("Jumlah pembelian sepenyedia, serekening, seminggu")
    purchase_ids = listing(integer("Id pembelian."), "Pembelian dalam kelompok ini.")
    spj = listing(text("Nomor SPJ (atau #id konsep)."), "SPJ yang memuat pembelian itu.", attribute="spj_labels")
    message = text("Peringatan untuk verifikator.")


class SpjPurchaseOut(ContractSchema):
    id = integer("Id pembelian (null pada pratinjau).", nullable=True)
    vendor_name = text("Nama penyedia.")
    vendor_npwp = text("NPWP penyedia (digit), null bila tidak ada.", nullable=True)
    vendor_pkp = flag("Penyedia PKP.")
    purchased_on = day("Tanggal pembelian")
    receipt_number = text("Nomor nota/kuitansi.", nullable=True)
    evidence_document_id = integer("Dokumen bukti di arsip (id).", nullable=True)
    evidence_kind = choice("Jenis bukti yang diperlukan menurut jumlahnya.", EVIDENCE_KINDS)
    evidence_label = text("Nama jenis bukti.")
    total = rupiah("Jumlah pembelian")
    tax_withheld = rupiah("Pajak dipungut/dipotong")
    net = rupiah("Dibayarkan kepada penyedia")
    meterai_required = flag("Bermeterai Rp10.000 (nilai di atas batas meterai).")
    return_note = text("Catatan bendahara saat SPJ dikembalikan.", nullable=True)
    split_flag = nested(SpjSplitFlagOut, "Tanda kemungkinan pemecahan pembelian, null bila tidak ada.",
                        nullable=True)
    problem = text("Masalah yang menghalangi penyimpanan (pratinjau), null bila tidak ada.", nullable=True)
    items = listing(SpjItemOut, "Rincian.")


class SpjTaxOut(ContractSchema):
    id = integer("Id setoran pajak (null pada pratinjau).", nullable=True)
    purchase_id = integer("Pembelian asal (id).", nullable=True)
    kind = choice("Jenis pajak.", TAX_KINDS)
    base = rupiah("Dasar pengenaan")
    rate_bp = integer("Tarif (basis poin: 1100 = 11%).")
    amount = rupiah("Jumlah pajak")
    billing_code = text("Kode billing (setelah disetor).", nullable=True)
    ntpn = text("NTPN (setelah disetor).", nullable=True)
    deposited_on = day("Tanggal setor", nullable=True)


class SpjPreviewOut(ContractSchema):
    purchases = listing(SpjPurchaseOut, "Pembelian dengan pajaknya.")
    taxes = listing(SpjTaxOut, "Pajak yang akan disetor.")
    gross = rupiah("Jumlah bruto")
    tax_withheld = rupiah("Jumlah pajak")
    net_payable = rupiah("Jumlah bersih dibayarkan")
    problems = fields.Dict(keys=fields.String(), values=fields.String(), metadata=describe(
        "Masalah per kolom yang akan menolak penyimpanan (kosong bila tidak ada)."))


class TaxDepositedEvent(ContractSchema):
    tax_id = integer("Id setoran pajak.", attribute="id")
    spj_id = integer("SPJ (id).")
    spj_number = text("Nomor SPJ.", nullable=True)
    kind = choice("Jenis pajak.", TAX_KINDS)
    base = rupiah("Dasar pengenaan")
    rate_bp = integer("Tarif (basis poin).")
    amount = rupiah("Jumlah disetor")
    billing_code = text("Kode billing.")
    ntpn = text("NTPN.")
    deposited_on = day("Tanggal setor")


# -- tax rates and evidence tiers (admin: ``load_tax_rates``, ``update_evidence_tiers``) ----------------------

class SpjTaxRateFileIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200), metadata=describe(
        "Nama berkas, `.csv` atau `.xlsx` (jenisnya dibaca dari isi berkas)."))
    content_b64 = Base64Bytes(required=True, max_bytes=MAX_RATE_FILE_BYTES, metadata=describe(
        "Tabel tarif berkolom kind,valid_from,categories,rate_bp,rate_bp_no_npwp,threshold,pkp_only,verified,note "
        "(seperti finance/data/tax_rates.csv) dalam base64 (maksimal 512 KB); satu berkas = satu versi."))


class SpjEvidenceTierIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(EVIDENCE_KINDS), metadata=describe(
        "Jenis bukti.", enum=list(EVIDENCE_KINDS)))
    label = Text(required=True, validate=required_text(120), metadata=describe("Nama bukti (mis. Kuitansi)."))
    up_to = fields.Integer(required=True, allow_none=True, strict=True, validate=validate.Range(
        min=1, max=MAX_PRICE, error="Harus rupiah bulat positif."), metadata=describe(
        "Jumlah terbesar (inklusif) yang dicakup; null hanya untuk tingkat terakhir (tanpa batas atas)."))
    verified = fields.Boolean(load_default=False, metadata=describe(
        "Sudah dicocokkan dengan peraturan yang berlaku (false: nilai bawaan yang perlu diverifikasi)."))


class SpjEvidenceTiersIn(ContractSchema):
    tiers = fields.List(fields.Nested(SpjEvidenceTierIn), required=True, validate=validate.Length(
        min=1, max=len(EVIDENCE_KINDS), error=f"Isi 1 sampai {len(EVIDENCE_KINDS)} tingkat."), metadata=describe(
        "Seluruh tingkat bukti berurutan naik (tingkat pertama mulai Rp0); menggantikan daftar lama."))


class SpjTaxRateOut(ContractSchema):
    kind = choice("Jenis pajak.", TAX_KINDS)
    kind_label = text("Nama pajak (PPN, PPh Pasal 21 …).")
    categories = listing(choice("Jenis belanja.", ITEM_CATEGORIES), "Jenis belanja yang dikenai.")
    rate_bp = integer("Tarif dengan NPWP (basis poin: 150 = 1,5%).")
    rate_bp_no_npwp = integer("Tarif tanpa NPWP (basis poin).")
    rate_label = text("Tarif dengan NPWP (mis. 1,5%).")
    rate_label_no_npwp = text("Tarif tanpa NPWP (mis. 3%).")
    threshold = rupiah("Dikenakan bila subtotal pembelian di atas nilai ini (0: berapa pun)")
    pkp_only = flag("Hanya penyedia PKP.")
    verified = flag("Sudah diverifikasi terhadap peraturan (false: nilai bawaan, perlu diverifikasi).")
    note = text("Catatan/dasar hukum.", nullable=True)


class SpjTaxRateVersionOut(ContractSchema):
    valid_from = day("Berlaku mulai")
    in_force = flag("Versi yang berlaku hari ini (WITA).")
    upcoming = flag("Belum berlaku (tanggal berlaku setelah hari ini).")
    rates = listing(SpjTaxRateOut, "Tarif per jenis pajak.")


class SpjTaxRatesOut(ContractSchema):
    today = day("Hari ini (WITA)")
    in_force = day("Tanggal berlaku versi yang berlaku hari ini", nullable=True)
    versions = listing(SpjTaxRateVersionOut, "Semua versi, tanggal berlaku terbaru lebih dulu.")


class SpjEvidenceTierOut(ContractSchema):
    kind = choice("Jenis bukti.", EVIDENCE_KINDS)
    label = text("Nama bukti.")
    from_amount = rupiah("Berlaku mulai jumlah pembelian")
    up_to = rupiah("Sampai jumlah pembelian (inklusif); null: tanpa batas atas", nullable=True)
    verified = flag("Sudah diverifikasi terhadap peraturan.")


SCHEMAS = {
    "SpjItemIn": SpjItemIn,
    "SpjPurchaseIn": SpjPurchaseIn,
    "SpjPreviewIn": SpjPreviewIn,
    "SpjItemOut": SpjItemOut,
    "SpjSplitFlagOut": SpjSplitFlagOut,
    "SpjPurchaseOut": SpjPurchaseOut,
    "SpjTaxOut": SpjTaxOut,
    "SpjPreviewOut": SpjPreviewOut,
    "TaxDepositedEvent": TaxDepositedEvent,
    "SpjTaxRateFileIn": SpjTaxRateFileIn,
    "SpjEvidenceTierIn": SpjEvidenceTierIn,
    "SpjEvidenceTiersIn": SpjEvidenceTiersIn,
    "SpjTaxRateOut": SpjTaxRateOut,
    "SpjTaxRateVersionOut": SpjTaxRateVersionOut,
    "SpjTaxRatesOut": SpjTaxRatesOut,
    "SpjEvidenceTierOut": SpjEvidenceTierOut,
}
EVENTS = {Finance.TAX_DEPOSITED: TaxDepositedEvent}
