"""The payloads of the events travel publishes (``situok_contracts.events.Travel``).

Every ``travel.order_*`` payload is an ``OrderEvent`` plus what that step adds; each is dumped from the order
(``travel.events.payload``), so a consumer's copy has the names of the RPC answers.
"""
from __future__ import annotations

from situok_kit.schema import ContractSchema

from ..models import CATEGORIES, STATUSES
from .common import COST_CATEGORIES, VerifyUrl, choice, day, integer, listing, moment, rupiah, text
from .orders import DestinationOut


class OrderEventTraveller(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    name = text("Nama dengan gelar.")
    nip = text("NIP.", nullable=True)
    unit_id = integer("Unit kerja (id).")
    sppd_number = text("Nomor SPPD (setelah diterbitkan).", nullable=True)
    departure_date = day("Berangkat")
    return_date = day("Kembali")


class OrderEvent(ContractSchema):
    order_id = integer("Id surat.", attribute="id")
    status = choice("Status surat sesudah peristiwa ini.", STATUSES)
    number = text("Nomor SPT (setelah diterbitkan).", nullable=True)
    unit_id = integer("Unit kerja surat (id).")
    requester_employee_id = integer("Pegawai pengaju.", nullable=True)
    purpose = text("Maksud perjalanan dinas.")
    destinations = listing(DestinationOut, "Tujuan.")
    category = choice("Jenis perjalanan.", CATEGORIES)
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


class OrderEventCostLine(ContractSchema):
    employee_id = integer("Pelaksana yang dibayar (id).", nullable=True)
    category = choice("Jenis biaya.", COST_CATEGORIES)
    description = text("Uraian.")
    amount = rupiah("Jumlah riil")
    receipt_count = integer("Banyaknya bukti.")


class OrderRealizedEvent(OrderEvent):
    fiscal_year = integer("Tahun anggaran (tahun keberangkatan).", attribute="departure_date.year")
    budget_agency = text("Pembebanan anggaran: instansi.")
    budget_account = text("Pembebanan anggaran: kode rekening.")
    realized_total = rupiah("Jumlah biaya riil")
    lines = listing(OrderEventCostLine, "Rincian biaya riil; keuangan menyusun SPJ darinya.")
