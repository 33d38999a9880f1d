"""A booking as every answer and event shows it, and what a request sends.

``BookingOut`` is the one shape of a booking (the request pages, the inbox, the calendars' details, series'
occurrences, travel's reservations); ``BookingEvent`` is what every booking event carries (never a guest's contact
details). Each answer carries the caller's ``allowed_actions`` (``domain.requests_workflow.BOOKING``); a pending
booking shown to its approver carries its ``conflicts``.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import WITA
from situok_kit.outputs import choice, flag, integer, listing, moment, nested, text
from situok_kit.schema import ContractSchema, Text, describe

from ..domain.requests_workflow import BOOKING
from ..models.bookings import BOOKING_SOURCES, BOOKING_STATUSES
from ..models.resources import RESOURCE_KINDS

CONFLICT_KINDS = ("booking", "blackout", "maintenance", "driver")
TRIP_STATUSES = ("assigned", "checked_out", "returned", "cancelled")


class BookingStepOut(ContractSchema):
    action = text("Langkah: submitted, approved, rejected, cancelled, rescheduled, driver_assigned, …")
    actor = text("Pelaku: nama pengguna, `guest` (tamu portal) atau `system`.")
    actor_employee_id = integer("Pegawai pelaku.", nullable=True)
    note = text("Catatan/alasan.", nullable=True)
    at = moment("Waktu", nullable=False)


class ConflictOut(ContractSchema):
    """What a booking would collide with: an approved booking, a blackout, a maintenance window, a driver's
    other trip."""

    kind = choice("Jenis bentrokan.", CONFLICT_KINDS)
    booking_id = integer("Peminjaman yang bentrok (jenis `booking`/`driver`).", nullable=True)
    block_id = integer("Masa tutup/pemeliharaan yang bentrok.", nullable=True)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    label = text("Keterangan singkat (keperluan peminjaman lain atau alasan masa tutup).", nullable=True)
    status = choice("Status peminjaman yang bentrok (disetujui, atau permohonan lain yang menunggu).",
                    ("pending", "approved"), nullable=True)


class GuestContactOut(ContractSchema):
    """A guest's contact details (the public portal's request): shown to the resource's approvers only."""

    agency = text("Instansi/organisasi pemohon.", nullable=True)
    name = text("Nama pemohon.")
    email = text("Surel.", nullable=True)
    phone = text("Telepon/WhatsApp.")


class TripSummaryOut(ContractSchema):
    """A vehicle booking's trip: its driver and where it stands."""

    trip_id = integer("Perjalanan (id).")
    driver_employee_id = integer("Pengemudi (id pegawai).", nullable=True)
    driver_name = text("Nama pengemudi.", nullable=True)
    status = choice("Status perjalanan.", TRIP_STATUSES)
    checked_out_at = moment("Kendaraan diambil")
    returned_at = moment("Kendaraan kembali")
    overdue = flag("Belum kembali melewati jadwal (ditambah toleransi).")


class BookingOut(ContractSchema):
    id = integer("Peminjaman (id).")
    resource_id = integer("Sumber daya (id).")
    resource_kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    resource_name = text("Nama sumber daya.")
    resource_code = text("Kode ruangan/gedung atau nomor polisi.", nullable=True)
    source = choice("Asal: staff (pegawai), guest (portal publik), travel (SPT kendaraan dinas), agenda (kegiatan "
                    "pimpinan atau kunjungan resmi, dipesan sistem).", BOOKING_SOURCES)
    status = choice("Status.", BOOKING_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    purpose = text("Keperluan.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    occupied_from = moment("Mulai terpakai (termasuk jeda sebelum)", nullable=False)
    occupied_to = moment("Akhir terpakai (termasuk jeda sesudah)", nullable=False)
    participants = integer("Jumlah peserta (ruangan/gedung).", nullable=True)
    passengers = integer("Jumlah penumpang (kendaraan).", nullable=True)
    destination = text("Tujuan (kendaraan).", nullable=True)
    needs_driver = flag("Kendaraan dengan pengemudi.")
    contact_name = text("Narahubung.", nullable=True)
    contact_phone = text("Telepon narahubung.", nullable=True)
    requester_employee_id = integer("Pemohon (id pegawai); null untuk tamu dan sistem.", nullable=True)
    requester_name = text("Nama pemohon (pegawai, atau instansi tamu).", nullable=True)
    requester_unit_id = integer("Unit pemohon.", nullable=True)
    series_id = integer("Seri berulang (id).", nullable=True)
    occurrence_start = moment("Jadwal asli kejadian ini dalam seri")
    detached = flag("Kejadian seri yang diubah tersendiri.")
    travel_order_id = integer("SPT (id di layanan perjalanan dinas).", nullable=True)
    decided_by_employee_id = integer("Pemutus (id pegawai).", nullable=True)
    decided_at = moment("Diputuskan")
    decision_note = text("Catatan persetujuan/alasan penolakan.", nullable=True)
    cancelled_by = text("Dibatalkan oleh.", nullable=True)
    cancelled_at = moment("Dibatalkan")
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    created_at = moment("Diajukan", nullable=False)
    guest = nested(GuestContactOut, "Kontak tamu (hanya untuk pengelola sumber daya).", nullable=True)
    trip = nested(TripSummaryOut, "Perjalanan kendaraan (pengemudi, status).", nullable=True)
    conflicts = listing(ConflictOut, "Bentrokan bila disetujui sekarang (peminjaman menunggu, bagi pengelola).")
    steps = listing(BookingStepOut, "Riwayat langkah (pada halaman detail).")
    allowed_actions = listing(choice("Aksi.", BOOKING.actions), "Yang dapat Anda lakukan sekarang.")


class BookingPage(ContractSchema):
    items = listing(BookingOut, "Peminjaman.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class BookingIn(ContractSchema):
    """A request by an employee (``create_booking``). Times with an offset; without one they are WITA."""

    resource_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                 metadata=describe("Sumber daya (id)."))
    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Mulai (ISO 8601; tanpa offset dianggap WITA)."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai."))
    purpose = Text(required=True, validate=validate.Length(min=3, max=500), metadata=describe("Keperluan."))
    participants = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=10000),
                                  metadata=describe("Jumlah peserta (ruangan/gedung)."))
    passengers = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=60),
                                metadata=describe("Jumlah penumpang (kendaraan)."))
    destination = Text(allow_none=True, validate=validate.Length(max=200), metadata=describe("Tujuan (kendaraan)."))
    needs_driver = fields.Boolean(load_default=True, metadata=describe("Kendaraan dengan pengemudi (bawaan: ya)."))
    contact_name = Text(allow_none=True, validate=validate.Length(max=200), metadata=describe("Narahubung."))
    contact_phone = Text(allow_none=True, validate=validate.Length(max=40), metadata=describe("Telepon."))


class DecisionIn(ContractSchema):
    """Approve or reject: the approver's note (a rejection needs one)."""

    note = Text(allow_none=True, validate=validate.Length(max=1000), metadata=describe("Catatan/alasan."))


class CancelIn(ContractSchema):
    reason = Text(required=True, validate=validate.Length(min=3, max=1000), metadata=describe("Alasan pembatalan."))


class RescheduleIn(ContractSchema):
    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Mulai baru."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai baru."))


class BookingMineFilters(ContractSchema):
    """``list_my_bookings``'s filters."""

    status = fields.String(allow_none=True, validate=validate.OneOf(BOOKING_STATUSES), metadata=describe(
        "Hanya status ini."))
    upcoming = fields.Boolean(allow_none=True, metadata=describe(
        "true: yang belum selesai, terdekat dulu; false: yang sudah lewat, terbaru dulu; kosong: semua, terbaru "
        "dulu."))


class BookingInboxFilters(ContractSchema):
    """``list_inbox``'s filters."""

    kind = fields.String(allow_none=True, validate=validate.OneOf(RESOURCE_KINDS), metadata=describe(
        "Hanya sumber daya jenis ini."))


class BookingListFilters(ContractSchema):
    """``list_bookings``'s filters (pengelola dan pengurus barang)."""

    resource_id = fields.Integer(allow_none=True, strict=False, validate=validate.Range(min=1),
                                 metadata=describe("Hanya sumber daya ini."))
    status = fields.String(allow_none=True, validate=validate.OneOf(BOOKING_STATUSES), metadata=describe(
        "Hanya status ini."))
    starts_at = fields.AwareDateTime(allow_none=True, default_timezone=WITA, metadata=describe(
        "Yang berakhir sesudah saat ini (ISO 8601; tanpa offset WITA)."))
    ends_at = fields.AwareDateTime(allow_none=True, default_timezone=WITA, metadata=describe(
        "Yang mulai sebelum saat ini."))

    @validates_schema(skip_on_field_errors=True)
    def _period(self, data, **kwargs):
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise ValidationError({"ends_at": ["Harus setelah starts_at."]})


class BookingEvent(ContractSchema):
    """Every ``booking.*`` event about one booking: the booking as it is after the step, and the step's note.
    Never a guest's contact details."""

    booking_id = integer("Peminjaman (id).", attribute="id")
    resource_id = integer("Sumber daya (id).")
    resource_key = text("Kunci aset sumber daya (`vehicle:<asset_id>`, `room:<id>`, `building:<id>`); null bila "
                        "dimasukkan di layanan peminjaman.", nullable=True)
    asset_id = integer("Barang pada register aset (kendaraan, gedung).", nullable=True)
    resource_kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    resource_name = text("Nama sumber daya.")
    source = choice("Asal permohonan.", BOOKING_SOURCES)
    status = choice("Status setelah langkah ini.", BOOKING_STATUSES)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    purpose = text("Keperluan.")
    requester_employee_id = integer("Pemohon (pegawai).", nullable=True)
    requester_unit_id = integer("Unit pemohon.", nullable=True)
    series_id = integer("Seri.", nullable=True)
    travel_order_id = integer("SPT.", nullable=True)
    destination = text("Tujuan (kendaraan).", nullable=True)
    note = text("Catatan langkah ini (alasan, catatan persetujuan).", nullable=True)


SCHEMAS = {
    "BookingStepOut": BookingStepOut,
    "BookingConflictOut": ConflictOut,
    "GuestContactOut": GuestContactOut,
    "TripSummaryOut": TripSummaryOut,
    "BookingOut": BookingOut,
    "BookingPage": BookingPage,
    "BookingIn": BookingIn,
    "BookingDecisionIn": DecisionIn,
    "BookingCancelIn": CancelIn,
    "BookingRescheduleIn": RescheduleIn,
    "BookingEvent": BookingEvent,
}

EVENTS = {
    BookingEvents.REQUESTED: BookingEvent,
    BookingEvents.APPROVED: BookingEvent,
    BookingEvents.REJECTED: BookingEvent,
    BookingEvents.CANCELLED: BookingEvent,
    BookingEvents.RESCHEDULED: BookingEvent,
}
