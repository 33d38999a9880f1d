"""booking's resources contract: a resource (``ResourceOut``), its blocks, what a keeper sends
(``ResourceIn``, ``BlackoutIn``), the availability search (``AvailabilityIn`` → ``AvailabilityOut``), the calendars
(``ResourceCalendarOut``, ``CalendarOverviewOut``) and the event ``booking.resource_changed``
(``ResourceChangedEvent``).

What booking accepts of assets' events (``AssetsResourceIn``, ``AssetsWithdrawnIn``, ``AssetsMaintenanceIn``,
``AssetsMaintenanceEndedIn``) ignores the fields it does not keep, so assets may add fields.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, ValidationError, fields, validate, validates_schema
from situok_contracts.events import Booking as BookingEvents
from situok_contracts.roles import ROLES
from situok_kit.clock import WITA
from situok_kit.outputs import choice, day, flag, integer, listing, moment, text
from situok_kit.schema import ContractSchema, Text, describe, one_of

from ..models.resources import BLOCK_KINDS, CONDITIONS, FACILITIES, RESOURCE_KINDS, RESOURCE_SOURCES, WITHDRAWN_REASONS

RESOURCE_ACTIONS = ("edit", "add_blackout", "remove_blackout", "request")
CALENDAR_VIEWS = ("day", "week", "month")
ENTRY_KINDS = ("booking", "blackout", "maintenance")


def _between(low: int, high: int) -> validate.Range:
    return validate.Range(min=low, max=high, error=f"Harus antara {low} dan {high}.")


def _chars(high: int, low: int = 0) -> validate.Length:
    return validate.Length(min=low or None, max=high, error=f"Panjang {low}–{high} karakter." if low
                           else f"Paling banyak {high} karakter.")


CHANGE_REASONS = ("created", "updated", "assets", "withdrawn", "blackout_added", "blackout_removed",
                  "maintenance")


# -- a resource ---------------------------------------------------------------------------------------

class ResourceOut(ContractSchema):
    """A building, a room or a vehicle as booking offers it, with what the caller may do with it."""

    id = integer("Sumber daya (id).")
    kind = choice("Jenis: room (ruangan), building (gedung), vehicle (kendaraan roda empat).", RESOURCE_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    source = choice("Asal: local (dimasukkan di peminjaman) atau assets (dari register aset).", RESOURCE_SOURCES)
    resource_key = text("Kunci aset (`vehicle:<asset_id>`, `room:<id>`, `building:<id>`); null bila lokal.",
                        nullable=True)
    asset_id = integer("Barang pada register aset.", nullable=True)
    name = text("Nama.")
    code = text("Kode ruangan/gedung atau nomor polisi.", nullable=True)
    location = text("Letak.", nullable=True)
    description = text("Keterangan.", nullable=True)
    capacity = integer("Kapasitas orang (ruangan/gedung) atau tempat duduk termasuk pengemudi (kendaraan).",
                       nullable=True)
    facilities = listing(fields.String(), "Fasilitas.")
    brand = text("Merek/tipe (kendaraan).", nullable=True)
    fuel = text("Bahan bakar (kendaraan).", nullable=True)
    odometer_km = integer("Odometer (km).", nullable=True)
    condition = choice("Kondisi: B baik, KB kurang baik, RB rusak berat.", CONDITIONS, nullable=True)
    asset_available = flag("Aset menyatakan dapat dipinjam.")
    under_maintenance = flag("Sedang dalam pemeliharaan (aset).")
    withdrawn_reason = choice("Ditarik oleh aset: disposed, not_bookable, inactive.", WITHDRAWN_REASONS,
                              nullable=True)
    manager_employee_id = integer("Pengelola yang menyetujui (id pegawai).", nullable=True)
    manager_name = text("Nama pengelola.", nullable=True)
    approver_role = text("Peran penyetuju khusus sumber daya ini (bila tidak ada pengelola).", nullable=True)
    effective_approver_role = text("Peran yang menyetujui bila tidak ada pengelola (sumber daya atau pengaturan).")
    buffer_before_minutes = integer("Jeda sebelum peminjaman (menit).")
    buffer_after_minutes = integer("Jeda sesudah peminjaman (menit): kebersihan, persiapan kendaraan.")
    guest_bookable = flag("Dapat dimohon tamu lewat portal publik.")
    active = flag("Aktif untuk peminjaman.")
    bookable = flag("Dapat dipinjam sekarang (di luar masa tutup dan pemeliharaannya).")
    unbookable_reason = text("Mengapa tidak dapat dipinjam; null bila dapat.", nullable=True)
    updated_at = moment("Terakhir diubah")
    updated_by = text("Diubah oleh.", nullable=True)
    allowed_actions = listing(choice("Aksi.", RESOURCE_ACTIONS), "Yang dapat Anda lakukan: edit (ubah), "
                              "add_blackout/remove_blackout (masa tutup), request (ajukan peminjaman).")


class ResourcePage(ContractSchema):
    items = listing(ResourceOut, "Sumber daya, urut jenis lalu nama.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class ResourceIn(ContractSchema):
    """A local resource entered by a keeper, or booking's own fields of any resource (``update_resource``: the
    fields sent; of a resource kept from assets only booking's own: manager, approver role, buffers,
    guest_bookable, active)."""

    kind = fields.String(required=True, validate=one_of(RESOURCE_KINDS), metadata=describe("room, building, vehicle."))
    name = Text(required=True, validate=_chars(200, 2), metadata=describe("Nama."))
    code = Text(allow_none=True, validate=_chars(60), metadata=describe(
        "Kode ruangan/gedung atau nomor polisi kendaraan."))
    location = Text(allow_none=True, validate=_chars(200), metadata=describe("Letak."))
    description = Text(allow_none=True, validate=_chars(2000), metadata=describe("Keterangan."))
    capacity = fields.Integer(allow_none=True, strict=True, validate=_between(1, 10000),
                              metadata=describe("Kapasitas orang, atau tempat duduk kendaraan (termasuk pengemudi)."))
    facilities = fields.List(fields.String(validate=one_of(FACILITIES)), load_default=None,
                             metadata=describe("Fasilitas: " + ", ".join(FACILITIES) + "."))
    brand = Text(allow_none=True, validate=_chars(120), metadata=describe("Merek/tipe (kendaraan)."))
    fuel = Text(allow_none=True, validate=_chars(40), metadata=describe("Bahan bakar (kendaraan)."))
    condition = fields.String(allow_none=True, validate=one_of(CONDITIONS), metadata=describe("B, KB, RB."))
    manager_employee_id = fields.Integer(allow_none=True, strict=True,
                                         validate=validate.Range(min=1, error="Harus bilangan bulat positif."),
                                         metadata=describe("Pengelola yang menyetujui (id pegawai)."))
    approver_role = fields.String(allow_none=True, validate=one_of(ROLES), metadata=describe(
        "Peran penyetuju bila tidak ada pengelola (kosong: menurut pengaturan)."))
    buffer_before_minutes = fields.Integer(strict=True, validate=_between(0, 1440),
                                           metadata=describe("0–1440 menit."))
    buffer_after_minutes = fields.Integer(strict=True, validate=_between(0, 1440),
                                          metadata=describe("0–1440 menit."))
    guest_bookable = fields.Boolean(metadata=describe("Dapat dimohon tamu."))
    active = fields.Boolean(metadata=describe("Aktif untuk peminjaman."))


# -- blocks -------------------------------------------------------------------------------------------

class ResourceBlockOut(ContractSchema):
    id = integer("Masa tutup/pemeliharaan (id).")
    resource_id = integer("Sumber daya (id).")
    kind = choice("blackout (masa tutup oleh pengelola) atau maintenance (jendela pemeliharaan dari aset).",
                  BLOCK_KINDS)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    reason = text("Alasan.", nullable=True)
    source_ref = text("`maintenance:<record_id>` untuk jendela dari aset.", nullable=True)
    created_by = text("Dibuat oleh.", nullable=True)
    created_at = moment("Dibuat")
    allowed_actions = listing(choice("Aksi.", ("remove",)), "remove: hapus masa tutup (pengurus barang, pengelola).")


class ResourceBlockListOut(ContractSchema):
    items = listing(ResourceBlockOut, "Urut mulai.", required=True)


class BlackoutIn(ContractSchema):
    """A blackout: the resource cannot be booked in ``[starts_at, ends_at)``. Refused (409, naming them) when
    approved bookings overlap, unless ``cancel_overlapping`` (they are cancelled with the reason)."""

    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Mulai (ISO 8601; tanpa offset dianggap WITA)."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai."))
    reason = Text(required=True, validate=_chars(500, 3), metadata=describe("Alasan."))
    cancel_overlapping = fields.Boolean(load_default=False, metadata=describe(
        "Batalkan peminjaman disetujui yang bertumpang tindih (dengan alasan ini)."))

    @validates_schema(skip_on_field_errors=True)
    def _period(self, data, **kwargs):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError({"ends_at": ["Waktu selesai harus setelah waktu mulai."]})


class BlackoutOut(ContractSchema):
    block = fields.Nested(ResourceBlockOut, metadata=describe("Masa tutup yang dibuat."))
    cancelled_booking_ids = listing(fields.Integer(), "Peminjaman yang dibatalkan karenanya.")


# -- availability -------------------------------------------------------------------------------------

class AvailabilityIn(ContractSchema):
    """What is searched: a kind, a period, the people and the facilities needed."""

    kind = fields.String(required=True, validate=one_of(RESOURCE_KINDS), metadata=describe("room, building, vehicle."))
    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Mulai (ISO 8601; tanpa offset dianggap WITA)."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe("Selesai."))
    participants = fields.Integer(allow_none=True, strict=False, validate=_between(1, 10000),
                                  metadata=describe("Jumlah peserta (ruangan/gedung)."))
    passengers = fields.Integer(allow_none=True, strict=False, validate=_between(1, 60),
                                metadata=describe("Jumlah penumpang (kendaraan)."))
    needs_driver = fields.Boolean(load_default=True, metadata=describe("Kendaraan dengan pengemudi (bawaan: ya)."))
    destination = Text(allow_none=True, validate=_chars(200), metadata=describe(
        "Tujuan (kendaraan; hanya dibawa ke permohonan)."))
    facilities = fields.List(fields.String(validate=one_of(FACILITIES)), load_default=list,
                             metadata=describe("Fasilitas yang harus ada (ruangan/gedung)."))
    cursor = fields.String(allow_none=True, metadata=describe("Dari `next_cursor` halaman sebelumnya."))
    limit = fields.Integer(load_default=50, strict=False, validate=_between(1, 200),
                           metadata=describe("1–200, bawaan 50."))

    @validates_schema(skip_on_field_errors=True)
    def _period(self, data, **kwargs):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError({"ends_at": ["Waktu selesai harus setelah waktu mulai."]})
        if data["kind"] == "vehicle" and data.get("participants") is not None:
            raise ValidationError({"participants": ["Untuk kendaraan isi jumlah penumpang (passengers)."]})
        if data["kind"] != "vehicle" and data.get("passengers") is not None:
            raise ValidationError({"passengers": ["Penumpang hanya untuk kendaraan."]})


class AvailableResourceOut(ContractSchema):
    """A resource free for the period searched."""

    id = integer("Sumber daya (id).")
    kind = choice("Jenis.", RESOURCE_KINDS)
    name = text("Nama.")
    code = text("Kode atau nomor polisi.", nullable=True)
    location = text("Letak.", nullable=True)
    capacity = integer("Kapasitas/tempat duduk.", nullable=True)
    facilities = listing(fields.String(), "Fasilitas.")
    fuel = text("Bahan bakar.", nullable=True)
    condition = choice("Kondisi.", CONDITIONS, nullable=True)
    buffer_before_minutes = integer("Jeda sebelum (menit).")
    buffer_after_minutes = integer("Jeda sesudah (menit).")
    guest_bookable = flag("Dapat dimohon tamu.")


class AlternativeOut(ContractSchema):
    """A nearest free slot of the same length on a resource that fits."""

    resource_id = integer("Sumber daya (id).")
    resource_name = text("Nama.")
    resource_code = text("Kode.", nullable=True)
    capacity = integer("Kapasitas.", nullable=True)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    shift_minutes = integer("Selisih dari waktu yang dicari (menit; negatif: lebih awal).")


class AvailabilityOut(ContractSchema):
    items = listing(AvailableResourceOut, "Yang bebas dan cocok, paling pas dulu (kapasitas terkecil yang cukup, "
                    "lalu nama).", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)
    alternatives = listing(AlternativeOut, "Bila tidak ada yang bebas: waktu bebas terdekat (±7 hari, jam kerja "
                           "07.00–18.00 WITA), paling dekat dulu, paling banyak 10.")
    starts_at = moment("Mulai yang dicari", nullable=False)
    ends_at = moment("Selesai yang dicari", nullable=False)
    kind = choice("Jenis yang dicari.", RESOURCE_KINDS)


# -- calendars ----------------------------------------------------------------------------------------

class CalendarEntryOut(ContractSchema):
    """One booking (approved or pending) or block on a calendar: times, purpose, status (never a guest's
    contact)."""

    kind = choice("booking, blackout, maintenance.", ENTRY_KINDS)
    resource_id = integer("Sumber daya (id).")
    booking_id = integer("Peminjaman (id).", nullable=True)
    block_id = integer("Masa tutup/pemeliharaan (id).", nullable=True)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    label = text("Keperluan peminjaman, atau alasan masa tutup.", nullable=True)
    status = choice("Status peminjaman (pending ditandai).", ("pending", "approved"), nullable=True)
    pending = flag("Masih menunggu persetujuan.")
    source = text("Asal peminjaman: staff, guest, travel, agenda.", nullable=True)


class CalendarDayOut(ContractSchema):
    date = day("Tanggal WITA")
    weekday = text("Nama hari.")
    entries = listing(CalendarEntryOut, "Urut mulai (yang melewati tengah malam tampil di tiap harinya).")


class ResourceCalendarOut(ContractSchema):
    resource = fields.Nested(ResourceOut, metadata=describe("Sumber dayanya."))
    view = choice("day, week (Senin–Minggu), month.", CALENDAR_VIEWS)
    date = day("Tanggal acuan (WITA)")
    starts_on = day("Hari pertama")
    ends_on = day("Hari terakhir")
    previous_date = day("Acuan sebelumnya")
    next_date = day("Acuan berikutnya")
    days = listing(CalendarDayOut, "Tiap hari, dengan isinya.")


class CalendarRowOut(ContractSchema):
    resource_id = integer("Sumber daya (id).")
    resource_name = text("Nama.")
    resource_code = text("Kode.", nullable=True)
    capacity = integer("Kapasitas.", nullable=True)
    bookable = flag("Dapat dipinjam.")
    entries = listing(CalendarEntryOut, "Isi hari itu, urut mulai.")


class CalendarOverviewOut(ContractSchema):
    kind = choice("Jenis.", RESOURCE_KINDS)
    date = day("Tanggal (WITA)")
    previous_date = day("Hari sebelumnya")
    next_date = day("Hari berikutnya")
    rows = listing(CalendarRowOut, "Tiap sumber daya aktif jenis ini, urut nama.")


class ResourceSyncOut(ContractSchema):
    resources = integer("Sumber daya yang diterima dari aset.")
    created = integer("Yang baru.")
    linked = integer("Sumber daya lokal yang dikaitkan dengan kunci aset.")


# -- events -------------------------------------------------------------------------------------------

class ResourceChangedEvent(ContractSchema):
    """``booking.resource_changed``: a resource entered or changed here (manager, buffers, blackouts) or its copy
    of assets' changed."""

    resource_id = integer("Sumber daya (id).", attribute="id")
    resource_key = text("Kunci aset; null bila lokal.", nullable=True)
    asset_id = integer("Barang.", nullable=True)
    kind = choice("Jenis.", RESOURCE_KINDS)
    source = choice("Asal.", RESOURCE_SOURCES)
    name = text("Nama.")
    code = text("Kode atau nomor polisi.", nullable=True)
    capacity = integer("Kapasitas.", nullable=True)
    manager_employee_id = integer("Pengelola.", nullable=True)
    active = flag("Aktif.")
    bookable = flag("Dapat dipinjam.")
    change = choice("Apa yang berubah.", CHANGE_REASONS)
    block_id = integer("Masa tutup/pemeliharaan (untuk change blackout_*/maintenance).", nullable=True)
    cancelled_booking_ids = listing(fields.Integer(), "Peminjaman yang dibatalkan karenanya.")
    updated_at = moment("Saat perubahan")


# -- what booking takes of assets' events --------------------------------------------------------------

class _FromAssets(ContractSchema):
    class Meta:
        unknown = EXCLUDE


class AssetsResourceIn(_FromAssets):
    """``assets.resource_published`` (and a row of ``booking_resource_snapshot``) as booking keeps it."""

    resource_key = fields.String(required=True, validate=_chars(60, 3))
    kind = fields.String(required=True, validate=one_of(RESOURCE_KINDS))
    asset_id = fields.Integer(allow_none=True)
    name = fields.String(required=True, validate=_chars(200, 1))
    code = fields.String(allow_none=True)
    plate = fields.String(allow_none=True)
    location = fields.String(allow_none=True)
    capacity = fields.Integer(allow_none=True)
    seats = fields.Integer(allow_none=True)
    facilities = fields.List(fields.String(), load_default=list)
    condition = fields.String(allow_none=True, validate=one_of(CONDITIONS))
    available = fields.Boolean(load_default=True)
    under_maintenance = fields.Boolean(load_default=False)
    brand = fields.String(allow_none=True)
    fuel = fields.String(allow_none=True)
    odometer_km = fields.Integer(allow_none=True)
    updated_at = fields.AwareDateTime(allow_none=True)


class AssetsWithdrawnIn(_FromAssets):
    resource_key = fields.String(required=True)
    kind = fields.String(allow_none=True)
    reason = fields.String(required=True, validate=one_of(WITHDRAWN_REASONS))
    withdrawn_at = fields.AwareDateTime(allow_none=True)


class AssetsMaintenanceIn(_FromAssets):
    resource_key = fields.String(allow_none=True)
    asset_id = fields.Integer(allow_none=True)
    record_id = fields.Integer(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    work = fields.String(allow_none=True)


class AssetsMaintenanceEndedIn(_FromAssets):
    resource_key = fields.String(allow_none=True)
    asset_id = fields.Integer(allow_none=True)
    record_id = fields.Integer(required=True)
    status = fields.String(allow_none=True)
    ended_at = fields.AwareDateTime(required=True)


SCHEMAS = {
    "ResourceOut": ResourceOut,
    "ResourcePage": ResourcePage,
    "ResourceIn": ResourceIn,
    "ResourceBlockOut": ResourceBlockOut,
    "ResourceBlockListOut": ResourceBlockListOut,
    "BlackoutIn": BlackoutIn,
    "BlackoutOut": BlackoutOut,
    "AvailabilityIn": AvailabilityIn,
    "AvailableResourceOut": AvailableResourceOut,
    "AlternativeOut": AlternativeOut,
    "AvailabilityOut": AvailabilityOut,
    "CalendarEntryOut": CalendarEntryOut,
    "CalendarDayOut": CalendarDayOut,
    "ResourceCalendarOut": ResourceCalendarOut,
    "CalendarRowOut": CalendarRowOut,
    "CalendarOverviewOut": CalendarOverviewOut,
    "ResourceSyncOut": ResourceSyncOut,
    "ResourceChangedEvent": ResourceChangedEvent,
}
EVENTS = {BookingEvents.RESOURCE_CHANGED: ResourceChangedEvent}
