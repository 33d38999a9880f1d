"""The attendance contract: Marshmallow schemas for RPC arguments (Indonesian messages, keyed by field).
Answers are built in ``attendance.domain`` (``*_out`` functions); their shapes are in docs/contracts.md."""
from __future__ import annotations

import base64
import binascii
import re
from datetime import time

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from .domain.setup import GEOFENCE_MODES
from .models import CORRECTION_KINDS, LEAVE_KINDS, PERIODS, REQUEST_STATUSES, WEIGHT_CODES

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
MAX_SELFIE_BYTES = 2 * 1024 * 1024   # hard cap; the setting ``selfie_max_kb`` is the working limit
ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


class Base64Bytes(fields.String):
    """Base64 text in, ``bytes`` out (at most ``max_bytes``)."""

    def __init__(self, *args, max_bytes: int = MAX_ATTACHMENT_BYTES, image: bool = False, **kwargs):
        self.max_bytes = max_bytes
        self.image = image
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "," in text[:100] and text.startswith("data:"):
            text = text.split(",", 1)[1]          # a browser data URL
        limit = f"{self.max_bytes // 1024} KB"
        if len(text) > (self.max_bytes * 4) // 3 + 8:
            raise ValidationError(f"Berkas terlalu besar (maksimal {limit}).")
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("Harus berupa isi berkas dalam base64.") from None
        if not raw:
            raise ValidationError("Berkas kosong.")
        if len(raw) > self.max_bytes:
            raise ValidationError(f"Berkas terlalu besar (maksimal {limit}).")
        if self.image and not raw.startswith(_IMAGE_MAGIC):
            raise ValidationError("Harus berupa gambar JPEG, PNG atau WebP.")
        return raw


class ClockTime(fields.String):
    """``HH:MM`` (or ``HH.MM``) in, ``datetime.time`` out."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        m = re.fullmatch(r"([01]\d|2[0-3])[:.]([0-5]\d)", text)
        if not m:
            raise ValidationError("Harus jam dengan format HH:MM (mis. 16:30).")
        return time(int(m.group(1)), int(m.group(2)))


# -- check-in / check-out ---------------------------------------------------------------------------

class PositionIn(ContractSchema):
    latitude = fields.Float(required=True, allow_nan=False,
                            validate=validate.Range(-90, 90, error="Harus antara -90 dan 90."),
                            metadata=describe("Lintang dari peramban (WGS84)."))
    longitude = fields.Float(required=True, allow_nan=False,
                             validate=validate.Range(-180, 180, error="Harus antara -180 dan 180."),
                             metadata=describe("Bujur dari peramban (WGS84)."))
    accuracy = fields.Float(load_default=None, allow_none=True, allow_nan=False,
                            validate=validate.Range(0, 100_000, error="Harus antara 0 dan 100000 m."),
                            metadata=describe("Akurasi posisi (meter) yang dilaporkan peramban."))
    selfie_b64 = Base64Bytes(load_default=None, allow_none=True, max_bytes=MAX_SELFIE_BYTES, image=True,
                             data_key="selfie_b64", attribute="selfie",
                             metadata=describe("Swafoto opsional (JPEG/PNG/WebP, base64; batas `selfie_max_kb`)."))


# -- leave requests and corrections -------------------------------------------------------------------

class AttachmentIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200))
    content_type = fields.String(required=True, validate=one_of(ATTACHMENT_TYPES))
    content_b64 = Base64Bytes(required=True, attribute="content", metadata=describe("Isi berkas (≤ 2 MB)."))


class RequestIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(LEAVE_KINDS))
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    reason = Text(required=True, validate=required_text(1000))
    attachment = fields.Nested(AttachmentIn, required=True,
                               metadata=describe("Surat izin / keterangan dokter / formulir cuti."))

    @validates_schema
    def _dates(self, data, **kwargs):
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if end < start:
                raise ValidationError("Tidak boleh sebelum tanggal mulai.", "end_date")
            if (end - start).days > 90:
                raise ValidationError("Paling lama 90 hari per pengajuan.", "end_date")


class CorrectionIn(ContractSchema):
    day = fields.Date(required=True, metadata=describe("Hari (WITA) yang dikoreksi."))
    kind = fields.String(required=True, validate=one_of(CORRECTION_KINDS),
                         metadata=describe("`check_in` (jam masuk) atau `check_out` (jam pulang)."))
    time = ClockTime(required=True, metadata=describe("Jam yang dimaksud (WITA), HH:MM."))
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan, mis. lupa absen pulang."))


class DecisionIn(ContractSchema):
    note = Text(load_default=None, allow_none=True, validate=max_length(1000))


class RejectIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000))


class ListFilters(ContractSchema):
    mine = fields.Boolean(load_default=False)
    unit_id = fields.Integer(load_default=None, allow_none=True, **ID)
    employee_id = fields.Integer(load_default=None, allow_none=True, **ID)
    status = fields.String(load_default=None, allow_none=True, validate=one_of(REQUEST_STATUSES))
    date_from = fields.Date(load_default=None, allow_none=True)
    date_to = fields.Date(load_default=None, allow_none=True)


class MonthIn(ContractSchema):
    month = fields.String(required=True, metadata=describe("Bulan `YYYY-MM`."))
    unit_id = fields.Integer(load_default=None, allow_none=True, **ID)
    employee_id = fields.Integer(load_default=None, allow_none=True, **ID)
    format = fields.String(load_default="xlsx", validate=one_of(("xlsx", "pdf")))

    @validates_schema
    def _month(self, data, **kwargs):
        m = re.fullmatch(r"(20\d\d)-(0[1-9]|1[0-2])", data.get("month") or "")
        if not m:
            raise ValidationError("Harus bulan dengan format YYYY-MM.", "month")


# -- setup data (admin) --------------------------------------------------------------------------------

class LocationIn(ContractSchema):
    name = Text(required=True, validate=required_text(200))
    latitude = fields.Float(required=True, allow_nan=False,
                            validate=validate.Range(-90, 90, error="Harus antara -90 dan 90."))
    longitude = fields.Float(required=True, allow_nan=False,
                             validate=validate.Range(-180, 180, error="Harus antara -180 dan 180."))
    radius_m = fields.Integer(required=True, strict=True,
                              validate=validate.Range(10, 10_000, error="Harus antara 10 dan 10000 meter."))
    active = fields.Boolean(load_default=True)


class ScheduleDayIn(ContractSchema):
    weekday = fields.Integer(required=True, strict=True,
                             validate=validate.Range(0, 6, error="Harus 0 (Senin) sampai 6 (Minggu)."))
    start_time = ClockTime(required=True)
    end_time = ClockTime(required=True)
    break_start = ClockTime(load_default=None, allow_none=True)
    break_end = ClockTime(load_default=None, allow_none=True)
    note = Text(load_default=None, allow_none=True, validate=max_length(200))

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
    period = fields.String(required=True, validate=one_of(PERIODS))
    days = fields.List(fields.Nested(ScheduleDayIn), required=True)

    @validates_schema
    def _unique(self, data, **kwargs):
        weekdays = [d["weekday"] for d in data.get("days") or []]
        if len(set(weekdays)) != len(weekdays):
            raise ValidationError("Setiap hari hanya sekali.", "days")
        if data.get("unit_id") is None and not weekdays:
            raise ValidationError("Jadwal bawaan tidak boleh kosong.", "days")


class PeriodIn(ContractSchema):
    period = fields.String(load_default="ramadan", validate=one_of(("ramadan",)))
    name = Text(required=True, validate=required_text(120))
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    verify = fields.Boolean(load_default=False)

    @validates_schema
    def _dates(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValidationError("Tidak boleh sebelum tanggal mulai.", "end_date")


class HolidayIn(ContractSchema):
    date = fields.Date(required=True, data_key="date", attribute="day")
    name = Text(required=True, validate=required_text(200))
    kind = fields.String(required=True, validate=one_of(("nasional", "cuti_bersama", "bali")))
    verify = fields.Boolean(load_default=False)


class HolidayFileIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200))
    content_b64 = fields.String(required=True, validate=validate.Length(min=1, error="Berkas kosong."))


class WeightIn(ContractSchema):
    code = fields.String(required=True, validate=one_of(WEIGHT_CODES))
    weight_bp = fields.Integer(required=True, strict=True,
                               validate=validate.Range(0, 10_000, error="Harus 0 sampai 10000 basis poin."),
                               metadata=describe("Potongan dalam basis poin (100 = 1%)."))
    note = Text(load_default=None, allow_none=True, validate=max_length(200))


class WeightsIn(ContractSchema):
    weights = fields.List(fields.Nested(WeightIn), required=True,
                          validate=validate.Length(min=1, error="Tidak boleh kosong."))


class SettingsIn(ContractSchema):
    geofence_mode = fields.String(validate=one_of(GEOFENCE_MODES),
                                  metadata=describe("`tolak`: di luar area ditolak; "
                                                    "`tinjau`: diterima, perlu ditinjau."))
    selfie_max_kb = fields.Integer(strict=True, validate=validate.Range(16, 2048, error="Harus 16 sampai 2048 KB."))
    tracking_start = fields.Date(allow_none=True, metadata=describe(
        "Hari pertama absensi dihitung (YYYY-MM-DD); hari sebelumnya tidak ditampilkan atau direkap. "
        "null: tanpa batas."))


SCHEMAS = {name: cls for name, cls in globals().items()
           if isinstance(cls, type) and issubclass(cls, ContractSchema) and cls is not ContractSchema}
