"""The maintenance area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

Plans (``MaintenancePlanOut``) say what is done to an item every N months and/or (vehicles) every N km, and
when it is next due. Records (``MaintenanceRecordOut``) go ``scheduled`` → ``in_progress`` → ``done`` (or
``cancelled``), each carrying the caller's ``allowed_actions``; a scheduled window is published to booking
(``assets.maintenance_scheduled``) so the vehicle is not lent then. Booking's returned trips
(``booking.trip_returned``, ``BookingTripReturnedIn``) add a ``trip`` row to the vehicle's history."""
from __future__ import annotations

from marshmallow import EXCLUDE, fields, validate, validates_schema
from marshmallow import ValidationError as MarshmallowError
from situok_contracts.events import Assets
from situok_kit.outputs import choice, day, flag, integer, listing, moment, rupiah, text
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..models.maintenance import MAINTENANCE_STATUSES

ACTIONS = ("start", "finish", "cancel")
DUE_REASONS = ("overdue", "date", "km")
STATUS_HELP = "`scheduled` dijadwalkan, `in_progress` sedang dikerjakan, `done` selesai, `cancelled` dibatalkan."
NON_NEGATIVE = validate.Range(min=0, error="Tidak boleh negatif.")
POSITIVE = validate.Range(min=1, error="Harus bilangan bulat positif.")


class MaintenancePlanOut(ContractSchema):
    id = integer("Id rencana.")
    asset_id = integer("Barang (id).")
    asset_name = text("Nama barang.")
    asset_code = text("Kode barang.")
    register_number = integer("Nomor register.")
    plate = text("Nomor polisi (kendaraan).", nullable=True)
    work = text("Pekerjaan, mis. ganti oli dan servis berkala.")
    interval_months = integer("Setiap berapa bulan.", nullable=True)
    interval_km = integer("Setiap berapa km (kendaraan).", nullable=True)
    last_done_on = day("Terakhir dikerjakan", nullable=True)
    last_done_km = integer("Odometer saat terakhir dikerjakan (km).", nullable=True)
    next_due_on = day("Jatuh tempo berikutnya", nullable=True)
    next_due_km = integer("Jatuh tempo berikutnya pada odometer (km).", nullable=True)
    odometer_km = integer("Odometer barang sekarang (km).", nullable=True)
    active = flag("Rencana berlaku.")
    created_at = moment("Dibuat")
    created_by = text("Dibuat oleh.")


class MaintenancePlanIn(ContractSchema):
    asset_id = fields.Integer(required=True, **ID, metadata=describe("Barang (id) yang aktif."))
    work = Text(required=True, validate=required_text(300), metadata=describe("Pekerjaan."))
    interval_months = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1, max=120, error="Antara 1 dan 120 bulan."), metadata=describe("Setiap berapa bulan."))
    interval_km = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=100, max=1_000_000, error="Antara 100 dan 1.000.000 km."), metadata=describe("Setiap berapa km."))
    last_done_on = fields.Date(allow_none=True, metadata=describe(
        "Terakhir dikerjakan (untuk menghitung jatuh tempo)."))
    last_done_km = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE, metadata=describe(
        "Odometer saat terakhir dikerjakan (km)."))
    next_due_on = fields.Date(allow_none=True, metadata=describe(
        "Jatuh tempo pertama, bila tidak dihitung dari yang terakhir."))

    @validates_schema(skip_on_field_errors=True)
    def _interval(self, data, **kwargs):
        if data.get("interval_months") is None and data.get("interval_km") is None:
            raise MarshmallowError({"interval_months": ["Isi setiap berapa bulan dan/atau setiap berapa km."]})


class MaintenancePlanChangeIn(ContractSchema):
    work = Text(validate=required_text(300), metadata=describe("Pekerjaan."))
    interval_months = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1, max=120, error="Antara 1 dan 120 bulan."), metadata=describe("Setiap berapa bulan."))
    interval_km = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=100, max=1_000_000, error="Antara 100 dan 1.000.000 km."), metadata=describe("Setiap berapa km."))
    next_due_on = fields.Date(allow_none=True, metadata=describe("Jatuh tempo berikutnya."))
    next_due_km = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE,
                                 metadata=describe("Jatuh tempo berikutnya pada odometer (km)."))
    active = fields.Boolean(metadata=describe("Rencana berlaku (false: dihentikan)."))


class MaintenanceRecordOut(ContractSchema):
    id = integer("Id catatan pemeliharaan.")
    asset_id = integer("Barang (id).")
    asset_name = text("Nama barang.")
    asset_code = text("Kode barang.")
    register_number = integer("Nomor register.")
    plate = text("Nomor polisi (kendaraan).", nullable=True)
    vehicle = flag("Kendaraan yang dipinjamkan lewat booking (jendelanya diumumkan).")
    plan_id = integer("Rencana yang dikerjakan.", nullable=True)
    status = choice("Status: " + STATUS_HELP, MAINTENANCE_STATUSES)
    work = text("Pekerjaan.")
    vendor = text("Bengkel/penyedia.", nullable=True)
    cost = rupiah("Biaya")
    odometer_km = integer("Odometer saat dikerjakan (km).", nullable=True)
    starts_at = moment("Mulai jendela pemeliharaan")
    ends_at = moment("Akhir jendela pemeliharaan")
    started_at = moment("Mulai dikerjakan")
    finished_at = moment("Selesai/dibatalkan")
    done_on = day("Tanggal selesai (WITA)", nullable=True)
    note = text("Catatan.", nullable=True)
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    created_at = moment("Dibuat")
    created_by = text("Dibuat oleh.")
    updated_at = moment("Diubah")
    allowed_actions = fields.List(fields.String(), metadata=describe(
        "Yang boleh dilakukan pemanggil sekarang.", enum=list(ACTIONS)))


class MaintenanceRecordPage(ContractSchema):
    items = listing(MaintenanceRecordOut, "Catatan pemeliharaan, terbaru dulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class MaintenanceRecordIn(ContractSchema):
    """A maintenance to schedule (``status=scheduled``: a window ``starts_at``–``ends_at``), or one already done
    (``status=done``: ``done_on`` and what it cost)."""

    asset_id = fields.Integer(required=True, **ID, metadata=describe("Barang (id) yang aktif."))
    plan_id = fields.Integer(allow_none=True, **ID, metadata=describe("Rencana barang ini yang dikerjakan."))
    status = fields.String(load_default="scheduled", validate=one_of(("scheduled", "done")), metadata=describe(
        "`scheduled` (bawaan: dijadwalkan) atau `done` (mencatat pemeliharaan yang sudah dikerjakan).",
        enum=["scheduled", "done"]))
    work = Text(required=True, validate=required_text(300), metadata=describe("Pekerjaan."))
    vendor = Text(allow_none=True, validate=max_length(200), metadata=describe("Bengkel/penyedia."))
    cost = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE, metadata=describe(
        "Biaya (rupiah bulat)."))
    odometer_km = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE, metadata=describe(
        "Odometer (km)."))
    starts_at = fields.AwareDateTime(allow_none=True, metadata=describe(
        "`scheduled`: mulai jendela (ISO 8601 dengan offset)."))
    ends_at = fields.AwareDateTime(allow_none=True, metadata=describe("`scheduled`: akhir jendela."))
    done_on = fields.Date(allow_none=True, metadata=describe("`done`: tanggal dikerjakan (WITA, tidak di masa depan)."))
    note = Text(allow_none=True, validate=max_length(2000), metadata=describe("Catatan."))

    @validates_schema(skip_on_field_errors=True)
    def _by_status(self, data, **kwargs):
        problems = {}
        if data.get("status", "scheduled") == "scheduled":
            for name in ("starts_at", "ends_at"):
                if data.get(name) is None:
                    problems[name] = ["Wajib diisi untuk pemeliharaan yang dijadwalkan."]
            if not problems and data["ends_at"] <= data["starts_at"]:
                problems["ends_at"] = ["Harus sesudah waktu mulai."]
        elif data.get("done_on") is None:
            problems["done_on"] = ["Wajib diisi untuk pemeliharaan yang sudah dikerjakan."]
        if problems:
            raise MarshmallowError(problems)


class MaintenanceFinishIn(ContractSchema):
    """What the work came to when it is done."""

    done_on = fields.Date(allow_none=True, metadata=describe("Tanggal selesai (WITA; bawaan: hari ini)."))
    vendor = Text(allow_none=True, validate=max_length(200), metadata=describe("Bengkel/penyedia."))
    cost = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE, metadata=describe(
        "Biaya (rupiah bulat)."))
    odometer_km = fields.Integer(allow_none=True, strict=True, validate=NON_NEGATIVE,
                                 metadata=describe("Odometer (km)."))
    note = Text(allow_none=True, validate=max_length(2000), metadata=describe("Catatan."))


class MaintenanceReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(500), metadata=describe("Alasan pembatalan."))


class MaintenanceFilters(ContractSchema):
    status = fields.String(validate=one_of(MAINTENANCE_STATUSES), metadata=describe(
        "Hanya status ini.", enum=list(MAINTENANCE_STATUSES)))
    asset_id = fields.Integer(**ID, metadata=describe("Hanya barang ini."))
    year = fields.Integer(strict=False, validate=validate.Range(min=2000, max=2100, error="Tahun 2000-2100."),
                          metadata=describe("Selesai atau dijadwalkan pada tahun ini."))


class MaintenanceDueOut(ContractSchema):
    plan = fields.Nested(MaintenancePlanOut, metadata=describe("Rencana yang jatuh tempo."))
    reason = choice("`overdue` lewat tanggal, `date` jatuh tempo bulan ini, `km` odometer mendekati/melewati "
                    "jatuh tempo km.", DUE_REASONS)
    km_left = integer("Sisa km sampai jatuh tempo (negatif: terlewati).", nullable=True)
    scheduled_record_id = integer("Pemeliharaan yang sudah dijadwalkan/dikerjakan untuk rencana ini.", nullable=True)


class MaintenanceDueListOut(ContractSchema):
    month = text("Bulan (YYYY-MM).")
    km_margin = integer("Batas km: rencana dengan sisa km sebanyak ini atau kurang termasuk.")
    items = listing(MaintenanceDueOut, "Rencana yang jatuh tempo, urut jatuh tempo.")


class MaintenanceCostRowOut(ContractSchema):
    asset_id = integer("Barang (id).")
    asset_name = text("Nama barang.")
    asset_code = text("Kode barang.")
    register_number = integer("Nomor register.")
    records = integer("Banyaknya pemeliharaan selesai.")
    total = rupiah("Jumlah biaya")


class MaintenanceCostsOut(ContractSchema):
    year = integer("Tahun.")
    items = listing(MaintenanceCostRowOut, "Per barang, biaya terbesar dulu.")
    total = rupiah("Jumlah seluruhnya")


class MaintenanceWindowEvent(ContractSchema):
    """``assets.maintenance_scheduled``: the item cannot be lent from ``starts_at`` to ``ends_at``."""

    resource_key = text("`vehicle:<asset_id>` untuk kendaraan yang dipinjamkan; null untuk barang lain.",
                        nullable=True)
    asset_id = integer("Barang (id).")
    record_id = integer("Catatan pemeliharaan (id).")
    starts_at = moment("Mulai jendela", nullable=False)
    ends_at = moment("Akhir jendela", nullable=False)
    work = text("Pekerjaan.")


class MaintenanceEndedEvent(ContractSchema):
    """``assets.maintenance_ended``: the window no longer blocks (done or cancelled)."""

    resource_key = text("`vehicle:<asset_id>` atau null.", nullable=True)
    asset_id = integer("Barang (id).")
    record_id = integer("Catatan pemeliharaan (id).")
    status = choice("`done` atau `cancelled`.", ("done", "cancelled"))
    ended_at = moment("Saat berakhir", nullable=False)


class MaintenanceRecordedEvent(ContractSchema):
    """``assets.maintenance_recorded``: a maintenance was done (its history row written)."""

    asset_id = integer("Barang (id).")
    record_id = integer("Catatan pemeliharaan (id).")
    plan_id = integer("Rencana.", nullable=True)
    work = text("Pekerjaan.")
    vendor = text("Bengkel/penyedia.", nullable=True)
    cost = rupiah("Biaya")
    odometer_km = integer("Odometer (km).", nullable=True)
    done_on = day("Tanggal selesai (WITA)")


class BookingTripReturnedIn(ContractSchema):
    """What assets accepts of ``booking.trip_returned`` (booking publishes it; fields booking adds later are
    ignored)."""

    class Meta:
        unknown = EXCLUDE

    trip_id = fields.Integer(required=True, strict=True, metadata=describe("Perjalanan di booking (id)."))
    asset_id = fields.Integer(required=True, strict=True, metadata=describe("Kendaraan (id barang)."))
    resource_key = fields.String(allow_none=True, metadata=describe("`vehicle:<asset_id>`."))
    driver_employee_id = fields.Integer(allow_none=True, metadata=describe("Pengemudi (pegawai)."))
    checked_out_at = fields.AwareDateTime(allow_none=True, metadata=describe("Diambil."))
    returned_at = fields.AwareDateTime(allow_none=True, metadata=describe("Dikembalikan."))
    odometer_out = fields.Integer(allow_none=True, validate=NON_NEGATIVE, metadata=describe("Odometer diambil (km)."))
    odometer_in = fields.Integer(allow_none=True, validate=NON_NEGATIVE, metadata=describe("Odometer kembali (km)."))
    fuel_out = fields.Raw(allow_none=True, metadata=describe("Bahan bakar saat diambil (teks atau angka)."))
    fuel_in = fields.Raw(allow_none=True, metadata=describe("Bahan bakar saat kembali."))
    damage = fields.String(allow_none=True, metadata=describe("Kerusakan yang dilaporkan; null bila tidak ada."))
    destination = fields.String(allow_none=True, metadata=describe("Tujuan."))



SCHEMAS: dict = {
    "MaintenancePlanOut": MaintenancePlanOut,
    "MaintenancePlanIn": MaintenancePlanIn,
    "MaintenancePlanChangeIn": MaintenancePlanChangeIn,
    "MaintenanceRecordOut": MaintenanceRecordOut,
    "MaintenanceRecordPage": MaintenanceRecordPage,
    "MaintenanceRecordIn": MaintenanceRecordIn,
    "MaintenanceFinishIn": MaintenanceFinishIn,
    "MaintenanceReasonIn": MaintenanceReasonIn,
    "MaintenanceFilters": MaintenanceFilters,
    "MaintenanceDueOut": MaintenanceDueOut,
    "MaintenanceDueListOut": MaintenanceDueListOut,
    "MaintenanceCostRowOut": MaintenanceCostRowOut,
    "MaintenanceCostsOut": MaintenanceCostsOut,
    "MaintenanceWindowEvent": MaintenanceWindowEvent,
    "MaintenanceEndedEvent": MaintenanceEndedEvent,
    "MaintenanceRecordedEvent": MaintenanceRecordedEvent,
    "BookingTripReturnedIn": BookingTripReturnedIn,
}
EVENTS: dict = {
    Assets.MAINTENANCE_SCHEDULED: MaintenanceWindowEvent,
    Assets.MAINTENANCE_ENDED: MaintenanceEndedEvent,
    Assets.MAINTENANCE_RECORDED: MaintenanceRecordedEvent,
}
