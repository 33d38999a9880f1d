"""finance contract: the travel SPJ (``kind = travel``), drafted from travel's ``travel.order_realized``.

``TravelSpjPartOut`` is the travel part of an SPJ's detail (``SpjDetailOut.travel``, null for a purchase SPJ):
the trip, one line per cost per traveller split by kind (``lump_sum`` uang harian and representasi,
``at_cost`` lodging and transport against receipts, ``riil`` a cost without a receipt — the Daftar
Pengeluaran Riil), the advance already paid and the balance due (positive: to pay the travellers; negative:
they return it), and who signs. ``TravelSpjInboxOut`` is a realization finance could not draft yet (its
budget line is not in finance's budget): the bendahara sees it and it is drafted when the budget is loaded.

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.outputs import choice, day, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, describe, one_of

from ..models.travel_spj import INBOX_STATUSES, LINE_KINDS, TRAVEL_SPJ_DOCUMENTS

SIGNER_ROLES = ("pa_kpa", "ppk", "pptk", "bendahara")


class TravelSpjReceiptOut(ContractSchema):
    attachment_id = integer("Lampiran bukti di travel (id; unduh lewat travel).")
    sha256 = text("SHA-256 isi bukti (heksadesimal).")
    filename = text("Nama berkas bukti.", nullable=True)


class TravelSpjLineOut(ContractSchema):
    id = integer("Id rincian.")
    employee_id = integer("Pelaksana (id pegawai).")
    name = text("Nama pelaksana.")
    nip = text("NIP pelaksana.", nullable=True)
    kind = choice("Sifat biaya: `lump_sum` (uang harian, representasi), `at_cost` (penginapan, transport "
                  "dengan bukti), `riil` (tanpa bukti; Daftar Pengeluaran Riil).", LINE_KINDS)
    category = text("Jenis biaya di travel (uang_harian, penginapan, transport, representasi, lainnya).")
    description = text("Uraian.")
    quantity = integer("Banyaknya (hari, malam, kali).")
    rate = rupiah("Tarif/harga satuan")
    amount = rupiah("Jumlah (banyaknya × tarif)")
    receipts = listing(TravelSpjReceiptOut, "Bukti (id lampiran travel dan SHA-256).")


class TravelSpjTravellerOut(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    name = text("Nama pelaksana.")
    nip = text("NIP.", nullable=True)
    lump_sum = rupiah("Jumlah lumpsum (uang harian, representasi)")
    at_cost = rupiah("Jumlah at cost dengan bukti")
    riil = rupiah("Jumlah pengeluaran riil tanpa bukti")
    total = rupiah("Jumlah seluruhnya")
    advance_paid = rupiah("Uang muka yang sudah dibayar")
    balance = rupiah("Sisa: positif kurang bayar (dibayarkan), negatif lebih bayar (dikembalikan)")


class TravelSpjSignersOut(ContractSchema):
    pa_kpa_employee_id = integer("PA/KPA (id pegawai): \"Setuju dibayar\".", nullable=True)
    ppk_employee_id = integer("PPK (id pegawai).", nullable=True)
    pptk_employee_id = integer("PPTK (id pegawai): \"Mengetahui\".", nullable=True)
    bendahara_employee_id = integer("Bendahara pengeluaran (id pegawai): \"Lunas dibayar\".", nullable=True)


class TravelSpjPartOut(ContractSchema):
    """The travel part of an SPJ (``SpjDetailOut.travel``)."""

    travel_order_id = integer("Surat perintah di travel (id).")
    order_number = text("Nomor SPT.", nullable=True)
    purpose = text("Maksud perjalanan dinas.")
    destination = text("Tujuan (kota, provinsi).")
    departure_date = day("Berangkat")
    return_date = day("Kembali")
    sub_activity_code = text("Sub-kegiatan yang dibebani.")
    account_code = text("Kode rekening yang dibebani.")
    lump_sum = rupiah("Jumlah lumpsum seluruh pelaksana")
    at_cost = rupiah("Jumlah at cost seluruh pelaksana")
    riil = rupiah("Jumlah pengeluaran riil (Daftar Pengeluaran Riil)")
    total = rupiah("Jumlah seluruhnya (bruto SPJ)")
    advance_paid = rupiah("Uang muka yang sudah dibayar")
    balance = rupiah("Sisa: positif kurang bayar, negatif lebih bayar yang dikembalikan")
    signers = nested(TravelSpjSignersOut, "Penandatangan dari pengaturan travel.")
    travellers = listing(TravelSpjTravellerOut, "Ringkasan per pelaksana.")
    lines = listing(TravelSpjLineOut, "Rincian per pelaksana.")
    realized_at = moment("Realisasi diterima dari travel", nullable=True)
    documents = fields.List(fields.String(), metadata=describe(
        "Cetakan yang tersedia (`travel_spj_document`).", enum=list(TRAVEL_SPJ_DOCUMENTS)))


class TravelSpjInboxOut(ContractSchema):
    """A realization waiting for its budget line (``travel_spj_inbox``)."""

    id = integer("Id.")
    travel_order_id = integer("Surat perintah di travel (id).")
    order_number = text("Nomor SPT.", nullable=True)
    fiscal_year = integer("Tahun anggaran.")
    sub_activity_code = text("Sub-kegiatan yang diminta.", nullable=True)
    account_code = text("Kode rekening yang diminta.", nullable=True)
    total = rupiah("Jumlah realisasi")
    status = choice("`waiting` (baris anggaran belum ada) atau `drafted` (SPJ sudah disusun).", INBOX_STATUSES)
    problem = text("Masalahnya.", nullable=True)
    spj_id = integer("SPJ yang disusun.", nullable=True)
    received_at = moment("Diterima")
    updated_at = moment("Diperbarui")


class TravelSpjInboxPage(ContractSchema):
    items = listing(TravelSpjInboxOut, "Realisasi yang menunggu, urut id.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class TravelSpjRetryOut(ContractSchema):
    drafted = integer("SPJ yang tersusun sekarang.")
    waiting = integer("Yang masih menunggu baris anggaran.")


class TravelSpjDocumentIn(ContractSchema):
    spj_id = fields.Integer(required=True, **ID, metadata=describe("SPJ perjalanan dinas (id)."))
    kind = fields.String(required=True, validate=one_of(TRAVEL_SPJ_DOCUMENTS), metadata=describe(
        "`rincian` (rincian biaya per pelaksana) atau `riil` (Daftar Pengeluaran Riil).",
        enum=list(TRAVEL_SPJ_DOCUMENTS)))
    employee_id = fields.Integer(allow_none=True, validate=validate.Range(min=1, error="Harus id positif."),
                                 metadata=describe("Hanya pelaksana ini (opsional)."))


class TravelSpjDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi PDF dalam base64."))


SCHEMAS: dict = {
    "TravelSpjReceiptOut": TravelSpjReceiptOut,
    "TravelSpjLineOut": TravelSpjLineOut,
    "TravelSpjTravellerOut": TravelSpjTravellerOut,
    "TravelSpjSignersOut": TravelSpjSignersOut,
    "TravelSpjPartOut": TravelSpjPartOut,
    "TravelSpjInboxOut": TravelSpjInboxOut,
    "TravelSpjInboxPage": TravelSpjInboxPage,
    "TravelSpjRetryOut": TravelSpjRetryOut,
    "TravelSpjDocumentIn": TravelSpjDocumentIn,
    "TravelSpjDocumentOut": TravelSpjDocumentOut,
}
EVENTS: dict = {}
