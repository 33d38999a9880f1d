"""booking's vehicles contract: drivers (hours, absences), assignment, trips (check-out, return, overdue), travel's
reservations.

``TravelVehicleEvent`` is what travel reads (``booking.travel_vehicle_reserved`` /
``booking.travel_vehicle_unavailable``): keep its fields as they are; travel's consumer depends on them.
``TripReturnedEvent`` is what assets reads (``assets.schemas.maintenance.BookingTripReturnedIn``): the same.
Fuel levels are eighths of a tank: an integer 0 (empty) … 8 (full).
"""
from __future__ import annotations

from marshmallow import EXCLUDE, ValidationError, fields, validate, validates_schema
from situok_contracts.events import Booking as BookingEvents
from situok_kit.outputs import choice, day, flag, integer, listing, moment, text
from situok_kit.schema import ContractSchema, Text, describe, one_of

from ..models.vehicles import ABSENCE_KINDS, FUEL_EIGHTHS, TRIP_STATUSES

TRAVEL_RESERVATION_STATUSES = ("reserved", "unavailable")
TRIP_ACTIONS = ("check_out", "return")
_ODOMETER = validate.Range(min=0, max=9_999_999, error="Odometer 0–9.999.999 km.")
_FUEL = validate.Range(min=0, max=FUEL_EIGHTHS, error="Bahan bakar dalam perdelapan tangki: 0 (kosong) – 8 (penuh).")
_WEEKDAY = validate.Range(min=1, max=7, error="Hari 1 (Senin) – 7 (Minggu).")


# -- drivers ------------------------------------------------------------------------------------------

class DriverAbsenceOut(ContractSchema):
    id = integer("Ketidakhadiran (id).")
    driver_employee_id = integer("Pengemudi (id pegawai).")
    driver_name = text("Nama pengemudi.", nullable=True)
    kind = choice("Jenis: leave (cuti), sick (sakit), training (pelatihan), other.", ABSENCE_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    starts_on = day("Mulai (WITA, termasuk)")
    ends_on = day("Sampai (WITA, termasuk)")
    reason = text("Keterangan.", nullable=True)


class DriverOut(ContractSchema):
    employee_id = integer("Pengemudi (id pegawai).")
    name = text("Nama pegawai.", nullable=True)
    nip = text("NIP.", nullable=True)
    phone = text("Telepon/WhatsApp.", nullable=True)
    work_days = listing(fields.Integer(), "Hari kerja (1 Senin … 7 Minggu).")
    work_start = fields.Time(format="%H:%M", metadata=describe("Jam mulai kerja (WITA, HH:MM)."))
    work_end = fields.Time(format="%H:%M", metadata=describe("Jam selesai kerja (WITA, HH:MM)."))
    hours_label = text("Hari dan jam kerja, mis. `Sen–Jum 07.30–16.00 WITA`.")
    active = flag("Aktif (dapat ditugaskan).")
    note = text("Catatan.", nullable=True)
    absences = listing(DriverAbsenceOut, "Ketidakhadiran yang belum lewat.")
    updated_at = moment("Terakhir diubah")


class DriverCandidateOut(ContractSchema):
    employee_id = integer("Pegawai (id).", attribute="id")
    name = text("Nama.")
    nip = text("NIP.", nullable=True)
    position_name = text("Jabatan.", nullable=True)


class DriverCandidateListOut(ContractSchema):
    items = listing(DriverCandidateOut, "Pegawai aktif yang belum menjadi pengemudi, urut nama (paling banyak 200).",
                    required=True)


class DriverAbsenceRemovedOut(ContractSchema):
    id = integer("Ketidakhadiran (id) yang dihapus.")
    removed = flag("Dihapus.")


class DriverListOut(ContractSchema):
    items = listing(DriverOut, "Pengemudi, urut nama.", required=True)


class DriverChangeIn(ContractSchema):
    """A change of a driver (keeper): the fields sent."""

    phone = Text(allow_none=True, validate=validate.Length(max=40), metadata=describe("Telepon/WhatsApp."))
    work_days = fields.List(fields.Integer(strict=True, validate=_WEEKDAY), validate=validate.Length(min=1, max=7),
                            metadata=describe("Hari kerja (1 Senin … 7 Minggu); bawaan Senin–Jumat."))
    work_start = fields.Time(metadata=describe("Jam mulai kerja (WITA, HH:MM); bawaan 07:30."))
    work_end = fields.Time(metadata=describe("Jam selesai kerja (WITA, HH:MM); bawaan 16:00."))
    active = fields.Boolean(metadata=describe("Aktif (dapat ditugaskan)."))
    note = Text(allow_none=True, validate=validate.Length(max=500), metadata=describe("Catatan."))

    @validates_schema
    def _hours(self, data, **kwargs):
        if data.get("work_start") and data.get("work_end") and data["work_end"] <= data["work_start"]:
            raise ValidationError("Jam selesai harus sesudah jam mulai.", "work_end")


class DriverIn(DriverChangeIn):
    """An employee put on the drivers' list (keeper)."""

    employee_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                 metadata=describe("Pegawai (id, dari daftar pegawai)."))


class DriverAbsenceIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(ABSENCE_KINDS), metadata=describe("Jenis ketidakhadiran."))
    starts_on = fields.Date(required=True, metadata=describe("Mulai (WITA, YYYY-MM-DD)."))
    ends_on = fields.Date(required=True, metadata=describe("Sampai (WITA, termasuk)."))
    reason = Text(allow_none=True, validate=validate.Length(max=500), metadata=describe("Keterangan."))

    @validates_schema
    def _period(self, data, **kwargs):
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError("Tanggal akhir tidak boleh sebelum tanggal mulai.", "ends_on")


# -- trips --------------------------------------------------------------------------------------------

class TripOut(ContractSchema):
    """A vehicle trip as its driver, a keeper or an approver sees it."""

    id = integer("Perjalanan (id).")
    booking_id = integer("Peminjaman (id).")
    resource_id = integer("Kendaraan (id sumber daya).")
    vehicle_name = text("Kendaraan.")
    plate = text("Nomor polisi.", nullable=True)
    driver_employee_id = integer("Pengemudi (id pegawai).")
    driver_name = text("Nama pengemudi.", nullable=True)
    driver_phone = text("Telepon pengemudi.", nullable=True)
    status = choice("assigned → checked_out → returned; cancelled.", TRIP_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    starts_at = moment("Mulai (jadwal peminjaman)", nullable=False)
    ends_at = moment("Selesai (jadwal peminjaman)", nullable=False)
    purpose = text("Keperluan.")
    destination = text("Tujuan.", nullable=True)
    passengers = integer("Jumlah penumpang.", nullable=True)
    requester_employee_id = integer("Pemohon (id pegawai).", nullable=True)
    requester_name = text("Nama pemohon.", nullable=True)
    travel_order_id = integer("SPT (bila dari perjalanan dinas).", nullable=True)
    checked_out_at = moment("Diambil")
    odometer_out = integer("Odometer saat diambil (km).", nullable=True)
    fuel_out = integer("Bahan bakar saat diambil (perdelapan tangki, 0–8).", nullable=True)
    notes_out = text("Catatan pengambilan.", nullable=True)
    returned_at = moment("Dikembalikan")
    odometer_in = integer("Odometer saat kembali (km).", nullable=True)
    fuel_in = integer("Bahan bakar saat kembali (perdelapan tangki, 0–8).", nullable=True)
    damage = text("Kerusakan yang dilaporkan.", nullable=True)
    notes_in = text("Catatan pengembalian.", nullable=True)
    km_driven = integer("Jarak tempuh (km).", nullable=True)
    overdue = flag("Belum kembali melewati jadwal (ditambah toleransi).")
    flagged_at = moment("Ditandai terlambat")
    warnings = listing(text("Peringatan."), "Peringatan (mis. di luar jam kerja pengemudi); bukan penolakan.")
    allowed_actions = listing(choice("Aksi.", TRIP_ACTIONS), "Yang dapat Anda lakukan sekarang.")


class TripPage(ContractSchema):
    items = listing(TripOut, "Perjalanan.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class TripListOut(ContractSchema):
    items = listing(TripOut, "Perjalanan.", required=True)


class AssignDriverIn(ContractSchema):
    driver_employee_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                        metadata=describe("Pengemudi (id pegawai)."))
    note = Text(allow_none=True, validate=validate.Length(max=500), metadata=describe("Catatan."))


class AvailableDriverOut(ContractSchema):
    employee_id = integer("Pengemudi (id pegawai).")
    name = text("Nama.", nullable=True)
    phone = text("Telepon.", nullable=True)
    current = flag("Pengemudi yang sekarang ditugaskan pada peminjaman ini.")
    warnings = listing(text("Peringatan."), "Peringatan (di luar jam kerja); bukan penolakan.")


class AvailableDriversOut(ContractSchema):
    booking_id = integer("Peminjaman (id).")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    items = listing(AvailableDriverOut, "Pengemudi aktif, tidak berhalangan dan bebas pada waktu itu.", required=True)


class CheckOutIn(ContractSchema):
    odometer_km = fields.Integer(required=True, strict=True, validate=_ODOMETER,
                                 metadata=describe("Odometer saat diambil (km)."))
    fuel = fields.Integer(required=True, strict=True, validate=_FUEL,
                          metadata=describe("Bahan bakar: perdelapan tangki, 0 (kosong) – 8 (penuh)."))
    notes = Text(allow_none=True, validate=validate.Length(max=1000), metadata=describe("Catatan."))


class ReturnIn(CheckOutIn):
    odometer_km = fields.Integer(required=True, strict=True, validate=_ODOMETER,
                                 metadata=describe("Odometer saat kembali (km), tidak kurang dari saat diambil."))
    damage = Text(allow_none=True, validate=validate.Length(max=2000),
                  metadata=describe("Kerusakan yang dilaporkan (kosong bila tidak ada)."))


class ScheduleDriverOut(ContractSchema):
    employee_id = integer("Pengemudi (id pegawai).")
    name = text("Nama.", nullable=True)
    active = flag("Aktif.")
    hours_label = text("Hari dan jam kerja.")
    trips = listing(TripOut, "Perjalanan pada rentang itu.")
    absences = listing(DriverAbsenceOut, "Ketidakhadiran pada rentang itu.")


class DriverScheduleOut(ContractSchema):
    starts_on = day("Dari (WITA)")
    ends_on = day("Sampai (WITA, termasuk)")
    drivers = listing(ScheduleDriverOut, "Setiap pengemudi (seorang pengemudi: dirinya saja).", required=True)


# -- events -------------------------------------------------------------------------------------------

class TripEvent(ContractSchema):
    """``booking.driver_assigned``, ``booking.trip_checked_out``, ``booking.trip_overdue``: the trip as it is."""

    trip_id = integer("Perjalanan (id).", attribute="id")
    booking_id = integer("Peminjaman (id).")
    resource_id = integer("Kendaraan (id sumber daya).")
    resource_key = text("Kunci aset (`vehicle:<asset_id>`); null untuk kendaraan yang dimasukkan di booking.",
                        nullable=True)
    asset_id = integer("Kendaraan pada register aset.", nullable=True)
    driver_employee_id = integer("Pengemudi (id pegawai).")
    status = choice("Status perjalanan.", TRIP_STATUSES)
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    checked_out_at = moment("Diambil")
    odometer_out = integer("Odometer diambil (km).", nullable=True)
    fuel_out = integer("Bahan bakar diambil (perdelapan).", nullable=True)
    requester_employee_id = integer("Pemohon.", nullable=True)
    travel_order_id = integer("SPT.", nullable=True)
    destination = text("Tujuan.", nullable=True)


class TripReturnedEvent(ContractSchema):
    """``booking.trip_returned``: exactly what assets reads into the vehicle's history (published only for a
    vehicle from assets: ``asset_id`` is required there)."""

    trip_id = integer("Perjalanan (id).", attribute="id")
    asset_id = integer("Kendaraan (id barang).")
    resource_key = text("`vehicle:<asset_id>`.", nullable=True)
    driver_employee_id = integer("Pengemudi (pegawai).", nullable=True)
    checked_out_at = moment("Diambil")
    returned_at = moment("Dikembalikan")
    odometer_out = integer("Odometer diambil (km).", nullable=True)
    odometer_in = integer("Odometer kembali (km).", nullable=True)
    fuel_out = integer("Bahan bakar diambil (perdelapan tangki).", nullable=True)
    fuel_in = integer("Bahan bakar kembali (perdelapan tangki).", nullable=True)
    damage = text("Kerusakan yang dilaporkan; null bila tidak ada.", nullable=True)
    destination = text("Tujuan.", nullable=True)


class TravelVehicleEvent(ContractSchema):
    """An SPT approved in travel with an official vehicle (``transport`` ``dinas``): what booking did about it."""

    travel_order_id = integer("SPT (id di layanan perjalanan dinas).")
    status = choice("`reserved`: kendaraan dan pengemudi dipesan; `unavailable`: tidak ada yang bebas.",
                    TRAVEL_RESERVATION_STATUSES)
    booking_id = integer("Peminjaman kendaraan (id) bila dipesan.", nullable=True)
    resource_id = integer("Kendaraan (id sumber daya) bila dipesan.", nullable=True)
    vehicle_name = text("Kendaraan yang dipesan.", nullable=True)
    plate = text("Nomor polisi.", nullable=True)
    driver_employee_id = integer("Pengemudi (id pegawai) bila dipesan.", nullable=True)
    driver_name = text("Nama pengemudi.", nullable=True)
    starts_at = moment("Mulai pemakaian", nullable=False)
    ends_at = moment("Akhir pemakaian", nullable=False)
    requester_employee_id = integer("Pembuat SPT (pegawai), yang diberi tahu.", nullable=True)
    reason = text("Mengapa tidak ada (bila `unavailable`).", nullable=True)


# -- travel's events, as booking reads them ------------------------------------------------------------

class _Lenient(ContractSchema):
    class Meta:
        unknown = EXCLUDE


class TravelFollowerIn(_Lenient):
    name = fields.String(allow_none=True)


class TravelTravellerIn(_Lenient):
    employee_id = fields.Integer(allow_none=True)
    name = fields.String(allow_none=True)
    followers = fields.List(fields.Nested(TravelFollowerIn), load_default=list)


class TravelDestinationIn(_Lenient):
    city = fields.String(allow_none=True)
    province_code = fields.String(allow_none=True)


class TravelOrderIn(_Lenient):
    """What booking reads of ``travel.order_approved`` / ``travel.order_cancelled`` (travel's ``OrderEvent``;
    ``transport``, ``followers`` and ``followers_count`` are read when travel sends them)."""

    order_id = fields.Integer(required=True, metadata=describe("SPT (id)."))
    number = fields.String(allow_none=True, load_default=None)
    status = fields.String(allow_none=True, load_default=None)
    transport = fields.String(allow_none=True, load_default=None,
                              metadata=describe("`dinas`: kendaraan dinas (selainnya diabaikan)."))
    requester_employee_id = fields.Integer(allow_none=True, load_default=None)
    unit_id = fields.Integer(allow_none=True, load_default=None)
    purpose = fields.String(allow_none=True, load_default=None)
    destinations = fields.List(fields.Nested(TravelDestinationIn), load_default=list)
    departure_date = fields.Date(required=True)
    return_date = fields.Date(required=True)
    travellers = fields.List(fields.Nested(TravelTravellerIn), load_default=list)
    followers = fields.List(fields.Nested(TravelFollowerIn), load_default=list)
    followers_count = fields.Integer(allow_none=True, load_default=None)
    reason = fields.String(allow_none=True, load_default=None)


SCHEMAS: dict = {
    "DriverAbsenceOut": DriverAbsenceOut,
    "DriverOut": DriverOut,
    "DriverListOut": DriverListOut,
    "DriverAbsenceRemovedOut": DriverAbsenceRemovedOut,
    "DriverCandidateOut": DriverCandidateOut,
    "DriverCandidateListOut": DriverCandidateListOut,
    "DriverIn": DriverIn,
    "DriverChangeIn": DriverChangeIn,
    "DriverAbsenceIn": DriverAbsenceIn,
    "TripOut": TripOut,
    "TripPage": TripPage,
    "TripListOut": TripListOut,
    "AssignDriverIn": AssignDriverIn,
    "AvailableDriverOut": AvailableDriverOut,
    "AvailableDriversOut": AvailableDriversOut,
    "TripCheckOutIn": CheckOutIn,
    "TripReturnIn": ReturnIn,
    "ScheduleDriverOut": ScheduleDriverOut,
    "DriverScheduleOut": DriverScheduleOut,
    "TripEvent": TripEvent,
    "TripReturnedEvent": TripReturnedEvent,
    "TravelVehicleEvent": TravelVehicleEvent,
}
EVENTS: dict = {
    BookingEvents.DRIVER_ASSIGNED: TripEvent,
    BookingEvents.TRIP_CHECKED_OUT: TripEvent,
    BookingEvents.TRIP_RETURNED: TripReturnedEvent,
    BookingEvents.TRIP_OVERDUE: TripEvent,
    BookingEvents.TRAVEL_VEHICLE_RESERVED: TravelVehicleEvent,
    BookingEvents.TRAVEL_VEHICLE_UNAVAILABLE: TravelVehicleEvent,
}


class DriverScheduleQuery(ContractSchema):
    """``driver_schedule``'s arguments (WITA dates)."""

    starts_on = fields.Date(required=True, metadata=describe("Dari (YYYY-MM-DD, WITA)."))
    ends_on = fields.Date(required=True, metadata=describe("Sampai (YYYY-MM-DD, termasuk)."))
    employee_id = fields.Integer(allow_none=True, metadata=describe("Satu pengemudi saja."))


SCHEMAS["DriverScheduleQuery"] = DriverScheduleQuery
