"""Check-in and check-out: the position sent, the day's record answered and published."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.schema import ContractSchema, describe

from ..domain.honesty import REASONS
from .base import Base64Bytes, OutSchema, WitaClock

REVIEW_REASONS = tuple(REASONS)
MAX_SELFIE_BYTES = 2 * 1024 * 1024   # hard cap; the setting ``selfie_max_kb`` is the working limit


class GeoPositionIn(ContractSchema):
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


class SideOut(OutSchema):
    """One side of the day's record (``models.Side``)."""

    at = fields.DateTime(metadata=describe("Waktu server (ISO 8601, UTC)."))
    time = WitaClock(attribute="at", metadata=describe("Jam (`HH.MM` WITA).", example="07.42"))
    latitude = fields.Float(metadata=describe("Lintang yang dikirim peramban."))
    longitude = fields.Float(metadata=describe("Bujur yang dikirim peramban."))
    accuracy = fields.Float(allow_none=True, metadata=describe("Akurasi posisi (meter), dari peramban."))
    location = fields.String(allow_none=True, metadata=describe("Lokasi kerja aktif terdekat."))
    distance_m = fields.Integer(allow_none=True, metadata=describe("Jarak ke lokasi itu (meter, dibulatkan)."))
    needs_review = fields.Boolean(metadata=describe("Masuk antrean tinjauan atasan (lihat `review_reasons`)."))
    review_note = fields.String(allow_none=True, metadata=describe("`perlu ditinjau` bila `needs_review`."))
    review_reasons = fields.List(
        fields.String(metadata=describe("Alasan.", enum=list(REVIEW_REASONS))), metadata=describe(
            "Mengapa perlu ditinjau: `luar_area`, `akurasi` (akurasi buruk/tidak ada), `jaringan` (bukan jaringan "
            "kantor), `kecepatan` (perpindahan tidak wajar dari absen sebelumnya)."))
    has_selfie = fields.Boolean(metadata=describe("Ada swafoto (isinya tidak pernah dikirim)."))


class RecordOut(OutSchema):
    """The day's record, dumped from ``(AttendanceRecord, RosterEmployee)``."""

    id = fields.Integer(metadata=describe("Id catatan."))
    employee_id = fields.Integer(metadata=describe("Pegawai (id)."))
    employee_name = fields.String(attribute="full_name", metadata=describe("Nama lengkap pegawai."))
    day = fields.Date(metadata=describe("Hari (WITA)."))
    check_in = fields.Nested(SideOut, allow_none=True, metadata=describe("Absen masuk."))
    check_out = fields.Nested(SideOut, allow_none=True, metadata=describe("Absen pulang; null sebelum pulang."))


class CheckOut(RecordOut):
    """The answer of ``check_in`` / ``check_out``."""

    replayed = fields.Boolean(metadata=describe("true: permintaan yang sama diulang; catatan yang ada dijawab "
                                                "lagi, tidak dicatat dua kali."))


class AttendanceRecordEvent(RecordOut):
    """``attendance.checked_in`` / ``attendance.checked_out``."""

    unit_id = fields.Integer(metadata=describe("Unit kerja pegawai (id) saat itu."))
