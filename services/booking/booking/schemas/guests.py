"""booking's guests contract: the public portal's form, the receipt with the tracking code, the status a code
shows, the resources a guest may ask for, and the per-client limit's error.

A guest is nobody's account: these RPCs take no identity (``guest_resources``, ``submit_guest_request``,
``guest_request_status``). The staff's queue (``list_guest_requests``) answers ``BookingPage`` (``schemas.
requests``), each booking with its ``guest`` contact for the resource's approvers.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.clock import WITA
from situok_kit.errors import TooManyRequests
from situok_kit.outputs import choice, integer, listing, moment, text
from situok_kit.schema import ContractSchema, Text, describe

from ..models.bookings import BOOKING_STATUSES
from ..models.resources import RESOURCE_KINDS

#: Size limits of the form (characters), shared by the schema and the web's ``maxlength``.
LIMITS = {"purpose": 500, "agency": 200, "name": 120, "phone": 30, "email": 254, "website": 200}
#: The honeypot: a field people never see (hidden by the page) that bots fill in.
HONEYPOT = "website"
PHONE = r"^\+?[0-9][0-9 ()\-]{5,28}$"


#: Too many guest requests from one client this hour (429, ``extra['retry_after']``): the kit's error.
GuestLimitReached = TooManyRequests


class GuestResourceOut(ContractSchema):
    """A building or hall guests may ask for: what a guest needs to choose, nothing internal."""

    id = integer("Sumber daya (id).")
    kind = choice("Jenis.", RESOURCE_KINDS)
    name = text("Nama.")
    location = text("Lokasi.", nullable=True)
    capacity = integer("Kapasitas (orang).", nullable=True)
    facilities = listing(fields.String(), "Fasilitas.")
    description = text("Keterangan.", nullable=True)


class GuestResourceList(ContractSchema):
    items = listing(GuestResourceOut, "Gedung/aula yang dapat dimohon tamu.", required=True)


class GuestRequestIn(ContractSchema):
    """The public portal's form. Times with an offset; without one they are WITA. ``website`` is the honeypot:
    leave it empty (a request that fills it is answered like a success and stored nowhere)."""

    resource_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                 metadata=describe("Gedung/aula (id, dari daftar sumber daya tamu)."))
    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Mulai (ISO 8601; tanpa offset dianggap WITA)."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai."))
    purpose = Text(required=True, validate=validate.Length(min=3, max=LIMITS["purpose"]),
                   metadata=describe("Keperluan/nama kegiatan."))
    participants = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000),
                                  metadata=describe("Jumlah peserta."))
    agency = Text(allow_none=True, validate=validate.Length(max=LIMITS["agency"]),
                  metadata=describe("Instansi/organisasi (boleh kosong untuk perorangan)."))
    name = Text(required=True, validate=validate.Length(min=2, max=LIMITS["name"]),
                metadata=describe("Nama pemohon."))
    phone = Text(required=True, validate=[validate.Length(max=LIMITS["phone"]), validate.Regexp(
        PHONE, error="Nomor telepon hanya angka (boleh diawali +), 6–30 karakter.")],
        metadata=describe("Telepon/WhatsApp."))
    email = fields.Email(allow_none=True, validate=validate.Length(max=LIMITS["email"]),
                         metadata=describe("Surel (boleh kosong)."))
    website = fields.String(load_default="", allow_none=True, validate=validate.Length(max=LIMITS["website"]),
                            metadata=describe("Jangan diisi (perangkap bot)."))


class GuestReceiptOut(ContractSchema):
    """What the guest gets after submitting: the tracking code, shown this once."""

    tracking_code = text("Kode pelacakan (simpan; hanya ditampilkan sekali).")
    status = choice("Status.", BOOKING_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    resource_name = text("Gedung/aula.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)


class GuestRequestStatusOut(ContractSchema):
    """A guest request as its tracking code shows it: no contact details, nobody else's data."""

    status = choice("Status.", BOOKING_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    resource_name = text("Gedung/aula.")
    resource_location = text("Lokasi.", nullable=True)
    purpose = text("Keperluan.")
    participants = integer("Jumlah peserta.", nullable=True)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    submitted_at = moment("Diajukan", nullable=False)
    decided_at = moment("Diputuskan")
    reason = text("Alasan penolakan/pembatalan, atau catatan persetujuan.", nullable=True)


class GuestCodeIn(ContractSchema):
    code = fields.String(required=True, metadata=describe("Kode pelacakan (`PGJ-XXXX-XXXX-XXXX-XXXX`)."))


class GuestRequestQuery(ContractSchema):
    """Filters of the staff's queue."""

    status = fields.String(allow_none=True, validate=validate.OneOf(BOOKING_STATUSES, error="Harus salah satu dari: "
                                                                    + ", ".join(BOOKING_STATUSES) + "."),
                           metadata=describe("Status (bawaan: semua)."))


SCHEMAS = {
    "GuestResourceOut": GuestResourceOut,
    "GuestResourceList": GuestResourceList,
    "GuestRequestIn": GuestRequestIn,
    "GuestReceiptOut": GuestReceiptOut,
    "GuestRequestStatusOut": GuestRequestStatusOut,
    "GuestRequestQuery": GuestRequestQuery,
}
EVENTS: dict = {}
