"""Setup data (locations, schedules, periods, holidays, weights, settings), the roster copy, ``whoami`` and
``capabilities``."""
from __future__ import annotations

import ipaddress

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.setup import GEOFENCE_MODES
from ..models import HOLIDAY_KINDS, PERIODS, WEIGHT_CODES
from .base import ClockTime, OutSchema

_LATITUDE = dict(validate=validate.Range(-90, 90, error="Harus antara -90 dan 90."))
_LONGITUDE = dict(validate=validate.Range(-180, 180, error="Harus antara -180 dan 180."))
_GEOFENCE = "`tolak`: di luar area ditolak; `tinjau`: diterima, perlu ditinjau."
#: Periods with dates of their own (``normal`` is every other day).
SPECIAL_PERIODS = tuple(p for p in PERIODS if p != "normal")
_ACCURACY = ("Akurasi lokasi (m) yang lebih buruk dari ini, atau tidak dilaporkan, membuat absen perlu ditinjau. "
             "0: tidak diperiksa.")
_SELFIE_REQUIRED = "Absen tanpa swafoto ditolak."
_NETWORKS = ("Rentang alamat jaringan kantor (CIDR, mis. `10.20.0.0/16`); absen dari alamat lain perlu ditinjau. "
             "Kosong: tidak diperiksa.")
_SPEED = ("Kecepatan (km/jam) dari absen sebelumnya yang lebih tinggi dari ini membuat absen perlu ditinjau. "
          "0: tidak diperiksa.")
_TRACKING_START = ("Hari pertama absensi dihitung (YYYY-MM-DD); hari sebelumnya tidak ditampilkan atau direkap. "
                   "null: tanpa batas.")


# -- what is sent (admin) -------------------------------------------------------------------------

class LocationIn(ContractSchema):
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama lokasi kerja (unik)."))
    latitude = fields.Float(required=True, allow_nan=False, **_LATITUDE, metadata=describe("Lintang (WGS84)."))
    longitude = fields.Float(required=True, allow_nan=False, **_LONGITUDE, metadata=describe("Bujur (WGS84)."))
    radius_m = fields.Integer(required=True, strict=True,
                              validate=validate.Range(10, 10_000, error="Harus antara 10 dan 10000 meter."),
                              metadata=describe("Radius area absen (meter)."))
    active = fields.Boolean(load_default=True, metadata=describe("Dipakai untuk absen (bawaan: true)."))


class ScheduleDayIn(ContractSchema):
    weekday = fields.Integer(required=True, strict=True,
                             validate=validate.Range(0, 6, error="Harus 0 (Senin) sampai 6 (Minggu)."),
                             metadata=describe("0 = Senin … 6 = Minggu."))
    start_time = ClockTime(required=True, metadata=describe("Jam masuk, HH:MM (WITA)."))
    end_time = ClockTime(required=True, metadata=describe("Jam pulang, HH:MM (WITA)."))
    break_start = ClockTime(load_default=None, allow_none=True, metadata=describe("Mulai istirahat, HH:MM."))
    break_end = ClockTime(load_default=None, allow_none=True, metadata=describe("Selesai istirahat, HH:MM."))
    note = Text(load_default=None, allow_none=True, validate=max_length(200), metadata=describe("Catatan."))

    @validates_schema
    def _hours(self, data, **kwargs):
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            raise ValidationError("Harus setelah jam masuk.", "end_time")
        bs, be = data.get("break_start"), data.get("break_end")
        if (bs is None) != (be is None):
            raise ValidationError("Isi jam mulai dan selesai istirahat, atau kosongkan keduanya.", "break_end")
        if bs and be and be <= bs:
            raise ValidationError("Harus setelah mulai istirahat.", "break_end")


class ScheduleIn(ContractSchema):
    unit_id = fields.Integer(load_default=None, allow_none=True, **ID,
                             metadata=describe("Unit (berlaku juga untuk sub-unit); kosong = jadwal bawaan."))
    period = fields.String(required=True, validate=one_of(PERIODS),
                           metadata=describe("`normal` atau `ramadan`.", enum=list(PERIODS)))
    days = fields.List(fields.Nested(ScheduleDayIn), required=True, metadata=describe(
        "Seluruh minggu; hari tanpa baris bukan hari kerja; kosong menghapus jadwal khusus unit."))

    @validates_schema
    def _unique(self, data, **kwargs):
        weekdays = [d["weekday"] for d in data.get("days") or []]
        if len(set(weekdays)) != len(weekdays):
            raise ValidationError("Setiap hari hanya sekali.", "days")
        if data.get("unit_id") is None and not weekdays:
            raise ValidationError("Jadwal bawaan tidak boleh kosong.", "days")


class PeriodIn(ContractSchema):
    period = fields.String(load_default="ramadan", validate=one_of(SPECIAL_PERIODS),
                           metadata=describe("Periode selain `normal`.", enum=list(SPECIAL_PERIODS)))
    name = Text(required=True, validate=required_text(120), metadata=describe("Nama, mis. Ramadan 1447 H."))
    start_date = fields.Date(required=True, metadata=describe("Hari pertama."))
    end_date = fields.Date(required=True, metadata=describe("Hari terakhir."))
    verify = fields.Boolean(load_default=False, metadata=describe("Tanggal perlu diverifikasi."))

    @validates_schema
    def _dates(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValidationError("Tidak boleh sebelum tanggal mulai.", "end_date")


class HolidayIn(ContractSchema):
    date = fields.Date(required=True, data_key="date", attribute="day", metadata=describe("Tanggal (YYYY-MM-DD)."))
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama hari libur."))
    kind = fields.String(required=True, validate=one_of(HOLIDAY_KINDS), metadata=describe(
        "`nasional`, `cuti_bersama` atau `bali`.", enum=list(HOLIDAY_KINDS)))
    verify = fields.Boolean(load_default=False, metadata=describe("Tanggal perlu diverifikasi."))


class HolidayFileIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200), metadata=describe("Nama berkas (dicatat sebagai "
                                                                                  "sumber)."))
    content_b64 = fields.String(required=True, validate=validate.Length(min=1, error="Berkas kosong."),
                                metadata=describe("CSV UTF-8 `tanggal,nama,jenis[,verifikasi]` dalam base64."))


class WeightIn(ContractSchema):
    code = fields.String(required=True, validate=one_of(WEIGHT_CODES),
                         metadata=describe("Kode pita.", enum=list(WEIGHT_CODES)))
    weight_bp = fields.Integer(required=True, strict=True,
                               validate=validate.Range(0, 10_000, error="Harus 0 sampai 10000 basis poin."),
                               metadata=describe("Potongan dalam basis poin (100 = 1%)."))
    note = Text(load_default=None, allow_none=True, validate=max_length(200), metadata=describe("Catatan."))


class WeightsIn(ContractSchema):
    weights = fields.List(fields.Nested(WeightIn), required=True,
                          validate=validate.Length(min=1, error="Tidak boleh kosong."),
                          metadata=describe("Bobot yang diganti (kode yang dikirim saja)."))


def _cidr(value: str) -> None:
    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValidationError(f"'{value}' bukan rentang alamat CIDR (mis. 10.20.0.0/16).") from None


class SettingsIn(ContractSchema):
    geofence_mode = fields.String(validate=one_of(GEOFENCE_MODES),
                                  metadata=describe(_GEOFENCE, enum=list(GEOFENCE_MODES)))
    selfie_max_kb = fields.Integer(strict=True, validate=validate.Range(16, 2048, error="Harus 16 sampai 2048 KB."),
                                   metadata=describe("Ukuran swafoto terbesar (KB)."))
    tracking_start = fields.Date(allow_none=True, metadata=describe(_TRACKING_START))
    geofence_max_accuracy_m = fields.Integer(strict=True, validate=validate.Range(
        0, 10_000, error="Harus 0 sampai 10000 m."), metadata=describe(_ACCURACY))
    selfie_required = fields.Boolean(metadata=describe(_SELFIE_REQUIRED))
    office_networks = fields.List(fields.String(validate=[max_length(50), _cidr]), validate=validate.Length(
        max=50, error="Maksimal 50 rentang."), metadata=describe(_NETWORKS))
    max_speed_kmh = fields.Integer(strict=True, validate=validate.Range(0, 5000, error="Harus 0 sampai 5000 km/jam."),
                                   metadata=describe(_SPEED))


# -- what is answered --------------------------------------------------------------------------------

class LocationOut(OutSchema):
    id = fields.Integer(metadata=describe("Id lokasi."))
    name = fields.String(metadata=describe("Nama lokasi kerja."))
    latitude = fields.Float(metadata=describe("Lintang (WGS84)."))
    longitude = fields.Float(metadata=describe("Bujur (WGS84)."))
    radius_m = fields.Integer(metadata=describe("Radius area absen (meter)."))
    active = fields.Boolean(metadata=describe("Dipakai untuk absen."))


class ScheduleDayOut(OutSchema):
    weekday = fields.Integer(metadata=describe("0 = Senin … 6 = Minggu."))
    start_time = ClockTime(metadata=describe("Jam masuk (`HH:MM` WITA).", example="07:30"))
    end_time = ClockTime(metadata=describe("Jam pulang (`HH:MM` WITA).", example="16:30"))
    break_start = ClockTime(allow_none=True, metadata=describe("Mulai istirahat (`HH:MM`)."))
    break_end = ClockTime(allow_none=True, metadata=describe("Selesai istirahat (`HH:MM`)."))
    note = fields.String(allow_none=True, metadata=describe("Catatan."))


class ScheduleOut(OutSchema):
    """A week (``setup.Week``)."""

    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit; null = jadwal bawaan."))
    period = fields.String(metadata=describe("`normal` atau `ramadan`.", enum=list(PERIODS)))
    days = fields.List(fields.Nested(ScheduleDayOut), metadata=describe("Hari kerja; hari tanpa baris libur."))


class PeriodOut(OutSchema):
    id = fields.Integer(metadata=describe("Id periode."))
    period = fields.String(metadata=describe("Periode selain `normal`.", enum=list(SPECIAL_PERIODS)))
    name = fields.String(metadata=describe("Nama, mis. Ramadan 1447 H."))
    start_date = fields.Date(metadata=describe("Hari pertama."))
    end_date = fields.Date(metadata=describe("Hari terakhir."))
    verify = fields.Boolean(metadata=describe("Tanggal perlu diverifikasi."))


class WeightOut(OutSchema):
    code = fields.String(metadata=describe("Kode pita.", enum=list(WEIGHT_CODES)))
    weight_bp = fields.Integer(metadata=describe("Basis poin (100 = 1%)."))
    note = fields.String(allow_none=True, metadata=describe("Catatan."))
    verify = fields.Boolean(metadata=describe("Bobot perlu diverifikasi (belum diubah admin)."))


class SettingsOut(OutSchema):
    geofence_mode = fields.String(metadata=describe(_GEOFENCE, enum=list(GEOFENCE_MODES)))
    selfie_max_kb = fields.Integer(metadata=describe("Ukuran swafoto terbesar (KB)."))
    tracking_start = fields.Date(allow_none=True, metadata=describe(_TRACKING_START))
    geofence_max_accuracy_m = fields.Integer(metadata=describe(_ACCURACY))
    selfie_required = fields.Boolean(metadata=describe(_SELFIE_REQUIRED))
    office_networks = fields.List(fields.String(), metadata=describe(_NETWORKS))
    max_speed_kmh = fields.Integer(metadata=describe(_SPEED))


class SetupOut(OutSchema):
    locations = fields.List(fields.Nested(LocationOut), metadata=describe("Lokasi kerja, urut nama."))
    schedules = fields.List(fields.Nested(ScheduleOut), metadata=describe("Jadwal per (unit, periode)."))
    periods = fields.List(fields.Nested(PeriodOut), metadata=describe("Periode Ramadan, urut tanggal."))
    weights = fields.List(fields.Nested(WeightOut), metadata=describe("Bobot potongan per kode."))
    settings = fields.Nested(SettingsOut, metadata=describe("Pengaturan."))


class HolidayOut(OutSchema):
    date = fields.Date(attribute="day", metadata=describe("Tanggal."))
    name = fields.String(metadata=describe("Nama hari libur."))
    kind = fields.String(metadata=describe("`nasional`, `cuti_bersama` atau `bali`.", enum=list(HOLIDAY_KINDS)))
    verify = fields.Boolean(metadata=describe("Tanggal perlu diverifikasi."))
    source = fields.String(allow_none=True, metadata=describe("Asal data (seed, admin, nama berkas)."))


class HolidayImportOut(OutSchema):
    imported = fields.Integer(metadata=describe("Tanggal yang ditambah atau diganti."))
    from_ = fields.Date(data_key="from", attribute="from", metadata=describe("Tanggal paling awal dalam berkas."))
    to = fields.Date(metadata=describe("Tanggal paling akhir dalam berkas."))


class DeletedOut(OutSchema):
    deleted = fields.Boolean(metadata=describe("Selalu true."))


class AttendanceRosterOut(OutSchema):
    employees = fields.Integer(metadata=describe("Pegawai dalam salinan (ASN dan non-ASN)."))
    active_non_asn = fields.Integer(metadata=describe("Pegawai non-ASN aktif (yang dipresensi)."))
    units = fields.Integer(metadata=describe("Unit kerja dalam salinan."))
    last_sync_at = fields.DateTime(allow_none=True, metadata=describe("Penarikan terakhir (ISO 8601, UTC)."))


class AttendanceRosterSyncOut(OutSchema):
    employees = fields.Integer(metadata=describe("Pegawai yang ditarik."))
    org_units = fields.Integer(metadata=describe("Unit kerja yang ditarik."))


class AttendanceWhoAmIOut(OutSchema):
    employee_id = fields.Integer(allow_none=True, metadata=describe("Pegawai pemanggil (id)."))
    tracked = fields.Boolean(metadata=describe("Pemanggil pegawai non-ASN aktif: boleh absen."))
    supervisor = fields.Boolean(metadata=describe("Atasan atau kepala unit: papan hari ini, rekap, persetujuan."))
    admin = fields.Boolean(metadata=describe("Admin: pengaturan."))


class AttendanceCapabilitiesOut(OutSchema):
    """What the caller may do in attendance in general (``capabilities()``); requests and corrections still
    carry their own ``allowed_actions``."""

    employee_id = fields.Integer(allow_none=True, metadata=describe("Pegawai pemanggil (id); null tanpa data "
                                                                    "pegawai."))
    check_in = fields.Boolean(metadata=describe("Pegawai non-ASN aktif: absen, izin dan koreksi miliknya."))
    supervise = fields.Boolean(metadata=describe("Halaman atasan (persetujuan, papan hari ini, rekap) untuk "
                                                 "pegawai dalam lingkupnya: atasan, kepala unit, admin."))
    decide = fields.Boolean(metadata=describe("Menyetujui atau menolak izin dan koreksi pegawai yang diawasi "
                                              "(atasan, kepala unit; bukan admin)."))
    manage_setup = fields.Boolean(metadata=describe("Mengelola data pengaturan dan salinan data pegawai (admin)."))
