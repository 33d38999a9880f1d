"""agenda's visits contract: the public portal's visit/audience request form, the receipt with the tracking code
(``KNJ-``), the status a code shows, the visitor pass (PDF), the staff's queue and detail (with the contact and
the letter), the decision (a time and a room or an address, or a reason), the reception's check of a pass.

The public RPCs take no identity (``submit_visit_request``, ``visit_request_status``, ``visit_pass``); every
other one is protocol staff's (deciding: the approver's). No event payload carries the visitor's contact.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_contracts.events import Agenda as _Agenda
from situok_kit.clock import WITA
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, text
from situok_kit.schema import ContractSchema, Text, describe

from ..domain.visit_rules import MAX_VISITOR_NAMES, MAX_WISHED_DATES, VISIT
from ..models.visits import VISIT_STATUSES
from .common import HONEYPOT

#: Size limits of the form (characters), shared by the schema and the web's ``maxlength``.
LIMITS = {"agency": 200, "leader_wished": 200, "purpose": 1000, "visitor_name": 120, "contact_name": 120,
          "contact_phone": 30, "contact_email": 254, "letter_name": 200, "reason": 1000, "address": 300,
          HONEYPOT: 200}
#: The letter: PDF or an image (by its content), at most this many bytes.
LETTER_MAX_BYTES = 5 * 1024 * 1024
LETTER_KINDS = ("pdf", "jpeg", "png")
PHONE = r"^\+?[0-9][0-9 ()\-]{5,28}$"
ACTIONS = VISIT.actions
PASS_REASONS = ("valid", "unknown", "pending", "refused", "cancelled", "wrong_day", "too_early", "over")


class _LetterBytes(fields.String):
    """Base64 text → bytes (≤ 5 MB); the content's kind is checked by the domain (``situok_kit.uploads``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        import base64
        import binascii

        raw_text = super()._deserialize(value, attr, data, **kwargs)
        if raw_text.startswith("data:") and "," in raw_text[:100]:
            raw_text = raw_text.split(",", 1)[1]
        if len(raw_text) > (LETTER_MAX_BYTES * 4) // 3 + 8:
            raise ValidationError("Berkas surat terlalu besar (maksimal 5 MB).")
        try:
            raw = base64.b64decode(raw_text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("Harus berupa isi berkas dalam base64.") from None
        if not raw:
            raise ValidationError("Berkas surat kosong.")
        if len(raw) > LETTER_MAX_BYTES:
            raise ValidationError("Berkas surat terlalu besar (maksimal 5 MB).")
        return raw


class VisitRequestIn(ContractSchema):
    """The public portal's visit/audience request. ``ticket``: the form's time-to-submit ticket
    (``public_form_ticket``), sent back as it came. ``website`` is the honeypot: leave it empty."""

    agency = Text(required=True, validate=validate.Length(min=2, max=LIMITS["agency"]),
                  metadata=describe("Instansi/organisasi pemohon."))
    leader_id = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1),
                               metadata=describe("Pimpinan yang ingin ditemui (id, boleh kosong)."))
    leader_wished = Text(allow_none=True, validate=validate.Length(max=LIMITS["leader_wished"]),
                         metadata=describe("Pimpinan yang ingin ditemui (teks bebas, boleh kosong)."))
    purpose = Text(required=True, validate=validate.Length(min=10, max=LIMITS["purpose"]),
                   metadata=describe("Maksud dan tujuan kunjungan/audiensi."))
    visitor_count = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=500),
                                   metadata=describe("Jumlah peserta kunjungan."))
    visitor_names = fields.List(Text(validate=validate.Length(min=2, max=LIMITS["visitor_name"])),
                                load_default=list, validate=validate.Length(max=MAX_VISITOR_NAMES),
                                metadata=describe(f"Nama peserta (paling banyak {MAX_VISITOR_NAMES})."))
    wished_dates = fields.List(fields.Date(), required=True,
                               validate=validate.Length(min=1, max=MAX_WISHED_DATES,
                                                        error=f"Pilih 1 sampai {MAX_WISHED_DATES} tanggal."),
                               metadata=describe("Tanggal yang diinginkan (1–3 pilihan, YYYY-MM-DD)."))
    contact_name = Text(required=True, validate=validate.Length(min=2, max=LIMITS["contact_name"]),
                        metadata=describe("Nama narahubung."))
    contact_phone = Text(required=True, validate=[validate.Length(max=LIMITS["contact_phone"]), validate.Regexp(
        PHONE, error="Nomor telepon hanya angka (boleh diawali +), 6–30 karakter.")],
        metadata=describe("Telepon/WhatsApp narahubung."))
    contact_email = fields.Email(allow_none=True, validate=validate.Length(max=LIMITS["contact_email"]),
                                 metadata=describe("Surel narahubung (boleh kosong)."))
    letter_b64 = _LetterBytes(required=True, metadata=describe(
        "Surat permohonan: PDF, JPEG atau PNG (diperiksa dari isinya), maksimal 5 MB, dalam base64."))
    letter_name = Text(required=True, validate=validate.Length(min=1, max=LIMITS["letter_name"]),
                       metadata=describe("Nama berkas surat."))
    ticket = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100),
                           metadata=describe("Tiket formulir (dari `public_form_ticket`)."))
    website = fields.String(load_default="", allow_none=True, validate=validate.Length(max=LIMITS[HONEYPOT]),
                            metadata=describe("Jangan diisi (perangkap bot)."))


class VisitReceiptOut(ContractSchema):
    """What the visitor gets after submitting: the tracking code, shown this once."""

    tracking_code = text("Kode pelacakan (simpan; hanya ditampilkan sekali).")
    status = choice("Status.", VISIT_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    agency = text("Instansi.")
    wished_dates = listing(fields.Date(), "Tanggal yang diinginkan.")


class VisitCodeIn(ContractSchema):
    code = fields.String(required=True, metadata=describe("Kode pelacakan (`KNJ-XXXX-XXXX-XXXX-XXXX`)."))


class VisitStatusOut(ContractSchema):
    """A request as its tracking code shows it: no contact details."""

    status = choice("Status.", VISIT_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    agency = text("Instansi.")
    purpose = text("Maksud dan tujuan.")
    visitor_count = integer("Jumlah peserta.")
    wished_dates = listing(fields.Date(), "Tanggal yang diinginkan.")
    submitted_at = moment("Diajukan", nullable=False)
    decided_at = moment("Diputuskan")
    starts_at = moment("Mulai kunjungan (bila disetujui)")
    ends_at = moment("Selesai kunjungan (bila disetujui)")
    place = text("Tempat (ruangan atau alamat; bila disetujui).", nullable=True)
    note = text("Catatan persetujuan.", nullable=True)
    reason = text("Alasan penolakan/pembatalan.", nullable=True)
    pass_available = flag("Kartu tamu dapat diunduh (disetujui).")


class VisitFileOut(ContractSchema):
    """A file: the visitor pass (PDF) or the request's letter."""

    filename = text("Nama berkas.")
    content_type = text("Jenis isi.")
    content_b64 = text("Isi berkas (base64).")


class VisitContactOut(ContractSchema):
    """The visitor's contact (protocol staff only)."""

    name = text("Nama narahubung.")
    phone = text("Telepon/WhatsApp.")
    email = text("Surel.", nullable=True)


class VisitRequestOut(ContractSchema):
    """A visit request as protocol staff see it (with the contact)."""

    id = integer("Permohonan (id).")
    status = choice("Status.", VISIT_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    agency = text("Instansi.")
    leader_id = integer("Pimpinan yang ingin ditemui (id).", nullable=True)
    leader_title = text("Pimpinan yang ingin ditemui.", nullable=True)
    leader_wished = text("Pimpinan yang ingin ditemui (teks pemohon).", nullable=True)
    purpose = text("Maksud dan tujuan.")
    visitor_count = integer("Jumlah peserta.")
    visitor_names = listing(fields.String(), "Nama peserta.")
    wished_dates = listing(fields.Date(), "Tanggal yang diinginkan.")
    contact = nested(VisitContactOut, "Narahubung (staf protokol saja).")
    letter_name = text("Nama berkas surat.")
    letter_type = text("Jenis isi surat.")
    created_at = moment("Diajukan", nullable=False)
    starts_at = moment("Mulai kunjungan")
    ends_at = moment("Selesai kunjungan")
    room_resource_id = integer("Ruangan (sumber daya booking).", nullable=True)
    room_name = text("Ruangan.", nullable=True)
    room_booking_id = integer("Peminjaman ruangan di booking.", nullable=True)
    room_note = text("Staf: peminjaman ruangan dibatalkan di layanan peminjaman (alasan); pilih tempat lain.",
                     nullable=True)
    address = text("Alamat tempat (bila bukan ruangan).", nullable=True)
    place = text("Tempat (ruangan atau alamat).", nullable=True)
    reason = text("Alasan penolakan/pembatalan.", nullable=True)
    decision_note = text("Catatan persetujuan.", nullable=True)
    decided_at = moment("Diputuskan")
    decided_by = text("Diputuskan oleh.", nullable=True)
    checked_in_at = moment("Tiba (diperiksa resepsionis)")
    checked_in_by = text("Diperiksa oleh.", nullable=True)
    allowed_actions = listing(fields.String(validate=validate.OneOf(ACTIONS)), "Tindakan yang boleh sekarang.")


class VisitRequestPage(ContractSchema):
    items = listing(VisitRequestOut, "Permohonan, terbaru dulu.", required=True)
    next_cursor = text("Kursor halaman berikutnya; null bila habis.", nullable=True)


class VisitQuery(ContractSchema):
    status = fields.String(allow_none=True, validate=validate.OneOf(
        VISIT_STATUSES, error="Harus salah satu dari: " + ", ".join(VISIT_STATUSES) + "."),
        metadata=describe("Status (bawaan: semua)."))


class VisitApproveIn(ContractSchema):
    """An approval: the time (with an offset; without one WITA) and a room (booked through booking) or an
    address, and an optional note to the visitor."""

    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Mulai."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai."))
    room_resource_id = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1),
                                      metadata=describe("Ruangan (id sumber daya booking)."))
    address = Text(allow_none=True, validate=validate.Length(max=LIMITS["address"]),
                   metadata=describe("Alamat/tempat lain (bila bukan ruangan)."))
    note = Text(allow_none=True, validate=validate.Length(max=LIMITS["reason"]),
                metadata=describe("Catatan untuk pemohon."))

    @validates_schema
    def _one_place(self, data, **kwargs):
        if bool(data.get("room_resource_id")) == bool(data.get("address")):
            raise ValidationError("Pilih ruangan atau isi alamat (salah satu).", "room_resource_id")


class VisitReasonIn(ContractSchema):
    reason = Text(required=True, validate=validate.Length(min=3, max=LIMITS["reason"]),
                  metadata=describe("Alasan (wajib)."))


class VisitPassVisitOut(ContractSchema):
    """The visit a pass belongs to, as reception sees it."""

    id = integer("Permohonan (id).")
    agency = text("Instansi.")
    visitor_count = integer("Jumlah peserta.")
    visitor_names = listing(fields.String(), "Nama peserta.")
    starts_at = moment("Mulai")
    ends_at = moment("Selesai")
    place = text("Tempat.", nullable=True)
    checked_in_at = moment("Tiba")


class VisitPassCheckOut(ContractSchema):
    """Reception's check of a visitor pass (protocol staff)."""

    valid = flag("Berlaku sekarang.")
    reason = choice("Alasan.", PASS_REASONS)
    message = text("Keterangan.")
    visit = nested(VisitPassVisitOut, "Kunjungan (null bila kartu tidak dikenal).", nullable=True)
    allowed_actions = listing(fields.String(validate=validate.OneOf(ACTIONS)), "Tindakan yang boleh sekarang.")


class VisitTokenIn(ContractSchema):
    token = fields.String(required=True, validate=validate.Length(max=100), metadata=describe("Token kartu tamu."))


# -- events (no contact data) ---------------------------------------------------------------------

class VisitRequestedEvent(ContractSchema):
    visit_id = integer("Permohonan (id).", attribute="id")
    agency = text("Instansi.")
    leader_id = integer("Pimpinan yang ingin ditemui (id).", nullable=True)
    visitor_count = integer("Jumlah peserta.")
    wished_dates = listing(fields.Date(), "Tanggal yang diinginkan.")


class VisitDecidedEvent(ContractSchema):
    visit_id = integer("Permohonan (id).", attribute="id")
    status = choice("Status baru.", VISIT_STATUSES)
    starts_at = moment("Mulai")
    ends_at = moment("Selesai")
    room_resource_id = integer("Ruangan.", nullable=True)
    room_booking_id = integer("Peminjaman ruangan.", nullable=True)
    decided_by = text("Oleh.", nullable=True)


class VisitCheckedInEvent(ContractSchema):
    visit_id = integer("Permohonan (id).", attribute="id")
    checked_in_at = moment("Tiba", nullable=False)
    checked_in_by = text("Diperiksa oleh.", nullable=True)
    visit_day = day("Hari kunjungan (WITA)")


SCHEMAS = {
    "VisitRequestIn": VisitRequestIn, "VisitReceiptOut": VisitReceiptOut, "VisitCodeIn": VisitCodeIn,
    "VisitStatusOut": VisitStatusOut, "VisitFileOut": VisitFileOut, "VisitContactOut": VisitContactOut,
    "VisitRequestOut": VisitRequestOut, "VisitRequestPage": VisitRequestPage, "VisitQuery": VisitQuery,
    "VisitApproveIn": VisitApproveIn, "VisitReasonIn": VisitReasonIn, "VisitPassVisitOut": VisitPassVisitOut,
    "VisitPassCheckOut": VisitPassCheckOut, "VisitTokenIn": VisitTokenIn,
    "VisitRequestedEvent": VisitRequestedEvent, "VisitDecidedEvent": VisitDecidedEvent,
    "VisitCheckedInEvent": VisitCheckedInEvent,
}

EVENTS = {_Agenda.VISIT_REQUESTED: VisitRequestedEvent, _Agenda.VISIT_DECIDED: VisitDecidedEvent,
          _Agenda.VISIT_CHECKED_IN: VisitCheckedInEvent}
