"""OpenAPI components of attendance's answers.

attendance's contract (``attendance.schemas.SCHEMAS``) describes its inputs; the shapes of its answers are
built in ``attendance.domain`` (``*_out`` functions) and listed in docs/contracts.md. These schemas document
those shapes for the OpenAPI document only (the gateway passes answers through unchanged, except that a
request's attachment content is served by its own route); ``test_gateway_attendance`` checks them against
attendance's domain. Imported only when the document is built.
"""
from __future__ import annotations

from marshmallow import Schema, fields

#: Copies of attendance's enumerations (``attendance.models``, ``attendance.domain.status``); a test keeps
#: them equal.
DAY_STATUSES = ("hadir", "terlambat", "pulang_cepat", "tidak_absen_pulang", "izin", "sakit", "cuti", "dinas_luar",
                "libur", "alpa", "belum_absen")
CODES = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "ALPA")
LEAVE_KINDS = ("izin", "sakit", "cuti")
REQUEST_STATUSES = ("submitted", "approved", "rejected")
CORRECTION_KINDS = ("check_in", "check_out")
PERIODS = ("normal", "ramadan")
HOLIDAY_KINDS = ("nasional", "cuti_bersama", "bali")
GEOFENCE_MODES = ("tolak", "tinjau")
#: The groups of the today board, in order.
TODAY_GROUPS = ("in", "late", "absent", "on_duty", "leave", "off")


def _d(text: str, **extra) -> dict:
    return {"metadata": {"description": text, **extra}}


def _instant(text: str, nullable: bool = True) -> fields.DateTime:
    return fields.DateTime(allow_none=nullable, **_d(text + " (ISO 8601, UTC)."))


def _clock(text: str) -> fields.String:
    return fields.String(allow_none=True, **_d(text + " (`HH.MM` WITA).", example="07.42"))


def _counts(text: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.Integer(), **_d(text))


class SideOut(Schema):
    at = _instant("Waktu server", nullable=False)
    time = _clock("Jam")
    latitude = fields.Float()
    longitude = fields.Float()
    accuracy = fields.Float(allow_none=True, **_d("Meter, dari peramban."))
    location = fields.String(allow_none=True, **_d("Lokasi kerja terdekat."))
    distance_m = fields.Float(allow_none=True, **_d("Jarak ke lokasi itu (meter)."))
    needs_review = fields.Boolean(**_d("Di luar area, diterima dengan mode `tinjau`."))
    review_note = fields.String(allow_none=True, **_d("`perlu ditinjau` bila `needs_review`."))
    has_selfie = fields.Boolean()


class RecordOut(Schema):
    id = fields.Integer(required=True)
    employee_id = fields.Integer(required=True)
    employee_name = fields.String()
    day = fields.Date(required=True, **_d("Hari (WITA)."))
    check_in = fields.Nested(SideOut, allow_none=True, **_d("Absen masuk."))
    check_out = fields.Nested(SideOut, allow_none=True, **_d("Absen pulang."))


class CheckOut(RecordOut):
    replayed = fields.Boolean(required=True, **_d("true: permintaan yang sama diulang; catatan yang ada "
                                                  "dijawab lagi, tidak dicatat dua kali."))


class DayOut(Schema):
    day = fields.Date(required=True)
    status = fields.String(required=True, **_d("Status hari itu.", enum=list(DAY_STATUSES)))
    label = fields.String(**_d("Label status untuk tampilan."))
    codes = fields.List(fields.String(metadata={"enum": list(CODES)}),
                        **_d("Pita keterlambatan/pulang cepat (TL1–4, PSW1–4) atau ALPA."))
    late_minutes = fields.Integer()
    early_minutes = fields.Integer()
    check_in = _clock("Jam masuk setelah koreksi yang disetujui")
    check_out = _clock("Jam pulang setelah koreksi yang disetujui")
    corrected = fields.List(fields.String(metadata={"enum": list(CORRECTION_KINDS)}),
                            **_d("Jam yang berasal dari koreksi."))
    holiday = fields.String(allow_none=True, **_d("Nama hari libur."))


class MyTodayOut(Schema):
    day = fields.Date(required=True, **_d("Hari ini (WITA)."))
    record = fields.Nested(RecordOut, allow_none=True, required=True)
    status = fields.Nested(DayOut, allow_none=True, required=True)


class PersonOut(Schema):
    employee_id = fields.Integer(required=True)
    name = fields.String()
    nik = fields.String(allow_none=True)
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)
    position_name = fields.String(allow_none=True)


class SummaryOut(Schema):
    working_days = fields.Integer()
    days = _counts("Jumlah hari per status.")
    codes = _counts("Jumlah per pita (TL1…PSW4, ALPA).")
    late_minutes = fields.Integer()
    early_minutes = fields.Integer()
    deduction_bp = fields.Integer(**_d("Potongan: Σ bobot × jumlah pita, basis poin (100 = 1%)."))


class EmployeeDaysOut(Schema):
    employee = fields.Nested(PersonOut, required=True)
    month = fields.String(required=True, **_d("`YYYY-MM`."))
    days = fields.List(fields.Nested(DayOut), required=True, **_d("Sampai hari ini."))
    summary = fields.Nested(SummaryOut, required=True)


class RecapRowOut(PersonOut, SummaryOut):
    pass


class RecapOut(Schema):
    month = fields.String(required=True)
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)
    until = fields.Date(**_d("Hari terakhir yang dihitung (hari ini untuk bulan berjalan)."))
    weights = _counts("Bobot potongan per kode (basis poin).")
    employees = fields.List(fields.Nested(RecapRowOut), required=True)
    totals = fields.Nested(SummaryOut)


class TodayPersonOut(PersonOut, DayOut):
    pass


class TodayOut(Schema):
    day = fields.Date(required=True)
    unit_id = fields.Integer(allow_none=True)
    total = fields.Integer(**_d("Pegawai non-ASN dalam lingkup."))
    counts = _counts("Jumlah per kelompok: in, late, absent, on_duty, leave, off.")
    in_ = fields.List(fields.Nested(TodayPersonOut), data_key="in", **_d("Hadir (termasuk pulang cepat)."))
    late = fields.List(fields.Nested(TodayPersonOut), **_d("Terlambat."))
    absent = fields.List(fields.Nested(TodayPersonOut), **_d("Belum absen / alpa."))
    on_duty = fields.List(fields.Nested(TodayPersonOut), **_d("Dinas luar."))
    leave = fields.List(fields.Nested(TodayPersonOut), **_d("Izin, sakit, cuti."))
    off = fields.List(fields.Nested(TodayPersonOut), **_d("Libur."))


class LeaveAttachmentOut(Schema):
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer(**_d("Byte."))
    sha256 = fields.String()


class LeaveRequestOut(Schema):
    id = fields.Integer(required=True)
    employee_id = fields.Integer(required=True)
    unit_id = fields.Integer(allow_none=True)
    kind = fields.String(**_d("Jenis.", enum=list(LEAVE_KINDS)))
    start_date = fields.Date()
    end_date = fields.Date()
    reason = fields.String()
    attachment = fields.Nested(LeaveAttachmentOut, **_d(
        "Unduh di `GET /api/v1/attendance/requests/{id}/attachment`."))
    status = fields.String(**_d("Status.", enum=list(REQUEST_STATUSES)))
    decided_by_employee_id = fields.Integer(allow_none=True)
    decided_by_username = fields.String(allow_none=True)
    decided_at = _instant("Diputuskan")
    decision_note = fields.String(allow_none=True, **_d("Catatan persetujuan atau alasan penolakan."))
    created_at = _instant("Diajukan")


class LeaveRequestPage(Schema):
    items = fields.List(fields.Nested(LeaveRequestOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class CorrectionOut(Schema):
    id = fields.Integer(required=True)
    employee_id = fields.Integer(required=True)
    unit_id = fields.Integer(allow_none=True)
    day = fields.Date()
    kind = fields.String(**_d("Jam yang dikoreksi.", enum=list(CORRECTION_KINDS)))
    requested_at = _instant("Waktu yang dimaksud", nullable=False)
    time = _clock("Jam yang dimaksud")
    reason = fields.String()
    status = fields.String(**_d("Status.", enum=list(REQUEST_STATUSES)))
    decided_by_employee_id = fields.Integer(allow_none=True)
    decided_by_username = fields.String(allow_none=True)
    decided_at = _instant("Diputuskan")
    decision_note = fields.String(allow_none=True)
    created_at = _instant("Diajukan")


class CorrectionPage(Schema):
    items = fields.List(fields.Nested(CorrectionOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class LocationOut(Schema):
    id = fields.Integer(required=True)
    name = fields.String()
    latitude = fields.Float()
    longitude = fields.Float()
    radius_m = fields.Integer(**_d("Meter."))
    active = fields.Boolean()


class ScheduleDayOut(Schema):
    weekday = fields.Integer(**_d("0 = Senin … 6 = Minggu."))
    start_time = _clock("Masuk")
    end_time = _clock("Pulang")
    break_start = _clock("Mulai istirahat")
    break_end = _clock("Selesai istirahat")
    note = fields.String(allow_none=True)


class ScheduleOut(Schema):
    unit_id = fields.Integer(allow_none=True, **_d("null = jadwal bawaan."))
    period = fields.String(**_d("Periode.", enum=list(PERIODS)))
    days = fields.List(fields.Nested(ScheduleDayOut), **_d("Hari tanpa baris bukan hari kerja."))


class PeriodOut(Schema):
    id = fields.Integer(required=True)
    period = fields.String()
    name = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    verify = fields.Boolean(**_d("Tanggal perlu diverifikasi."))


class WeightOut(Schema):
    code = fields.String(**_d("Kode.", enum=list(CODES)))
    weight_bp = fields.Integer(**_d("Basis poin (100 = 1%)."))
    note = fields.String(allow_none=True)
    verify = fields.Boolean()


class WeightList(Schema):
    items = fields.List(fields.Nested(WeightOut), required=True)


class SettingsOut(Schema):
    geofence_mode = fields.String(**_d("`tolak` atau `tinjau`.", enum=list(GEOFENCE_MODES)))
    selfie_max_kb = fields.Integer()
    tracking_start = fields.Date(allow_none=True, **_d("Hari pertama absensi dihitung; null: tanpa batas."))


class SetupOut(Schema):
    locations = fields.List(fields.Nested(LocationOut))
    schedules = fields.List(fields.Nested(ScheduleOut))
    periods = fields.List(fields.Nested(PeriodOut))
    weights = fields.List(fields.Nested(WeightOut))
    settings = fields.Nested(SettingsOut)


class HolidayOut(Schema):
    date = fields.Date(required=True)
    name = fields.String()
    kind = fields.String(**_d("Jenis.", enum=list(HOLIDAY_KINDS)))
    verify = fields.Boolean()
    source = fields.String(allow_none=True, **_d("Asal data (seed, admin, nama berkas)."))


class HolidayList(Schema):
    items = fields.List(fields.Nested(HolidayOut), required=True)


class HolidayImportOut(Schema):
    imported = fields.Integer(**_d("Tanggal yang ditambah atau diganti."))
    from_ = fields.Date(data_key="from")
    to = fields.Date()


class DeletedOut(Schema):
    deleted = fields.Boolean(required=True)


class AttendanceRosterOut(Schema):
    employees = fields.Integer()
    active_non_asn = fields.Integer(**_d("Pegawai non-ASN aktif (yang dipresensi)."))
    units = fields.Integer()
    last_sync_at = _instant("Penarikan terakhir")


class AttendanceWhoAmIOut(Schema):
    employee_id = fields.Integer(allow_none=True)
    tracked = fields.Boolean(**_d("Pemanggil pegawai non-ASN aktif: boleh absen."))
    supervisor = fields.Boolean(**_d("Atasan atau kepala unit: papan hari ini, rekap, persetujuan."))
    admin = fields.Boolean()


#: Registered in this order (leaves first, so nested schemas keep these names).
SCHEMAS: dict[str, type[Schema]] = {
    "SideOut": SideOut, "RecordOut": RecordOut, "CheckOut": CheckOut, "DayOut": DayOut, "MyTodayOut": MyTodayOut,
    "PersonOut": PersonOut, "SummaryOut": SummaryOut, "EmployeeDaysOut": EmployeeDaysOut,
    "RecapRowOut": RecapRowOut, "RecapOut": RecapOut, "TodayPersonOut": TodayPersonOut, "TodayOut": TodayOut,
    "LeaveAttachmentOut": LeaveAttachmentOut, "LeaveRequestOut": LeaveRequestOut,
    "LeaveRequestPage": LeaveRequestPage, "CorrectionOut": CorrectionOut, "CorrectionPage": CorrectionPage,
    "LocationOut": LocationOut, "ScheduleDayOut": ScheduleDayOut, "ScheduleOut": ScheduleOut,
    "PeriodOut": PeriodOut, "WeightOut": WeightOut, "WeightList": WeightList, "SettingsOut": SettingsOut,
    "SetupOut": SetupOut, "HolidayOut": HolidayOut, "HolidayList": HolidayList,
    "HolidayImportOut": HolidayImportOut, "DeletedOut": DeletedOut, "AttendanceRosterOut": AttendanceRosterOut,
    "AttendanceWhoAmIOut": AttendanceWhoAmIOut,
}

#: attendance's contract schemas the API uses for bodies, under their component names (some renamed: personnel
#: has a ``PositionIn`` and travel an ``AttachmentIn``), leaves first.
CONTRACT = {
    "GeoPositionIn": "PositionIn", "LeaveAttachmentIn": "AttachmentIn", "LeaveRequestIn": "RequestIn",
    "CorrectionIn": "CorrectionIn", "DecisionIn": "DecisionIn", "RejectIn": "RejectIn",
    "LocationIn": "LocationIn", "ScheduleDayIn": "ScheduleDayIn", "ScheduleIn": "ScheduleIn",
    "PeriodIn": "PeriodIn", "HolidayIn": "HolidayIn", "HolidayFileIn": "HolidayFileIn", "WeightIn": "WeightIn",
    "WeightsIn": "WeightsIn", "SettingsIn": "SettingsIn",
}
