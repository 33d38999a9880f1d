"""The payloads of the events travel publishes (``situok_contracts.events.Travel``).

Every ``travel.order_*`` payload is an ``OrderEvent`` plus what that step adds; each is dumped from the order
(``travel.events.payload``), so a consumer's copy has the names of the RPC answers.
"""
from __future__ import annotations

from situok_kit.schema import ContractSchema

from ..models import CATEGORIES, COST_KINDS, STATUSES, TRANSPORT_MODES
from .common import COST_CATEGORIES, VerifyUrl, choice, day, integer, listing, moment, nested, rupiah, text
from .orders import DestinationOut, FollowerOut


class OrderEventTraveller(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    name = text("Nama dengan gelar.")
    nip = text("NIP.", nullable=True)
    unit_id = integer("Unit kerja (id).")
    sppd_number = text("Nomor SPPD (setelah diterbitkan).", nullable=True)
    departure_date = day("Berangkat")
    return_date = day("Kembali")
    followers = listing(FollowerOut, "Pengikut (booking menghitung tempat duduk kendaraan dinas).")


class OrderEvent(ContractSchema):
    order_id = integer("Id surat.", attribute="id")
    status = choice("Status surat sesudah peristiwa ini.", STATUSES)
    number = text("Nomor SPT (setelah diterbitkan).", nullable=True)
    unit_id = integer("Unit kerja surat (id).")
    requester_employee_id = integer("Pegawai pengaju.", nullable=True)
    purpose = text("Maksud perjalanan dinas.")
    destinations = listing(DestinationOut, "Tujuan.")
    category = choice("Jenis perjalanan.", CATEGORIES)
    transport = choice("Alat angkut: `dinas` (kendaraan dinas: booking memesan kendaraan dan pengemudi), `umum`, "
                       "`pribadi`.", TRANSPORT_MODES)
    departure_date = day("Berangkat")
    return_date = day("Kembali")
    estimate_total = rupiah("Perkiraan biaya seluruh pelaksana")
    travellers = listing(OrderEventTraveller, "Pelaksana; attendance menandai hari-hari mereka \"dinas luar\".")


class OrderSubmittedEvent(OrderEvent):
    note = text("Catatan pengaju.", nullable=True)


class OrderApprovedEvent(OrderEvent):
    approved_by_employee_id = integer("Pegawai yang menyetujui.", nullable=True, attribute="approver_employee_id")
    note = text("Catatan penyetuju.", nullable=True)


class OrderRejectedEvent(OrderEvent):
    reason = text("Alasan penolakan.")


class OrderIssuedEvent(OrderEvent):
    issued_at = moment("Diterbitkan", nullable=False)
    issued_date = day("Tanggal terbit (WITA)")
    verify_url = VerifyUrl(attribute="verify_token", metadata={"description": "Alamat verifikasi (kode QR)."})


class OrderCancelledEvent(OrderEvent):
    from_status = choice("Status sebelum dibatalkan.", STATUSES)
    reason = text("Alasan pembatalan.", attribute="cancel_reason")


class OrderCompletedEvent(OrderEvent):
    report_summary = text("Ringkasan laporan perjalanan dinas.")


class OrderEventReceipt(ContractSchema):
    attachment_id = integer("Lampiran bukti (id; `GET /api/v1/travel/attachments/{id}`).", attribute="id")
    sha256 = text("SHA-256 isi bukti (heksadesimal).")
    filename = text("Nama berkas.")


class OrderEventCostLine(ContractSchema):
    employee_id = integer("Pelaksana yang dibayar (id).")
    category = choice("Jenis biaya.", COST_CATEGORIES)
    kind = choice("`lump_sum` (uang harian, representasi), `at_cost` (dengan bukti), `riil` (tanpa bukti: Daftar "
                  "Pengeluaran Riil).", COST_KINDS)
    description = text("Uraian.")
    quantity = integer("Banyaknya (hari, malam, kali).")
    rate = rupiah("Tarif/harga satuan (dalam batas tabel tarif)")
    amount = rupiah("Jumlah riil = banyaknya × tarif")
    receipt_count = integer("Banyaknya bukti.")
    receipts = listing(OrderEventReceipt, "Bukti: id lampiran dan SHA-256.")


class OrderEventAdvance(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    amount = rupiah("Uang muka yang sudah dibayar")


class OrderEventSigners(ContractSchema):
    """From travel's letter settings when the order was realized (not the SPT's approver)."""

    pa_kpa_employee_id = integer("Pengguna Anggaran/KPA (id pegawai).", nullable=True)
    ppk_employee_id = integer("Pejabat Pembuat Komitmen (id pegawai).", nullable=True)
    pptk_employee_id = integer("PPTK (id pegawai).", nullable=True)
    bendahara_employee_id = integer("Bendahara pengeluaran (id pegawai).", nullable=True)


class OrderRealizedEvent(OrderEvent):
    fiscal_year = integer("Tahun anggaran (tahun keberangkatan).", attribute="departure_date.year")
    budget_agency = text("Pembebanan anggaran: instansi.")
    budget_account = text("Pembebanan anggaran: kode rekening/mata anggaran (teks SPPD butir 9b).")
    sub_activity_code = text("Sub-kegiatan DPA yang dibebani (mis. `4.01.01.2.06.0001`).")
    account_code = text("Kode rekening yang dibebani (mis. `5.1.02.04.01.0001`).")
    realized_total = rupiah("Jumlah biaya riil")
    advance_paid = rupiah("Jumlah uang muka yang sudah dibayar")
    balance = rupiah("Sisa: positif kurang bayar (dibayarkan), negatif lebih bayar (dikembalikan)")
    advances = listing(OrderEventAdvance, "Uang muka per pelaksana.")
    signers = nested(OrderEventSigners, "Penandatangan: PA/KPA, PPK, PPTK, bendahara pengeluaran.")
    lines = listing(OrderEventCostLine, "Rincian biaya riil per pelaksana; keuangan menyusun SPJ darinya.")
