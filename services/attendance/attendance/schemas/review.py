"""The supervisor's review queue (``domain.review``): flagged check-ins/outs waiting for review, marking a side
reviewed, and ``attendance.record_reviewed``."""
from __future__ import annotations

from marshmallow import fields
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of

from ..models import REVIEW_ACTIONS
from ..models import REVIEW_SIDES as SIDES
from .base import OutSchema, WitaClock
from .records import REVIEW_REASONS
from .requests import MAX_NOTE


class ReviewFilters(ContractSchema):
    """The filters of ``review_queue``."""

    unit_id = fields.Integer(load_default=None, allow_none=True, **ID,
                             metadata=describe("Hanya pegawai unit ini (dengan sub-unitnya)."))
    date_from = fields.Date(load_default=None, allow_none=True, metadata=describe("Sejak hari ini (WITA)."))
    date_to = fields.Date(load_default=None, allow_none=True, metadata=describe("Sampai hari ini (WITA)."))


class MarkReviewedIn(ContractSchema):
    side = fields.String(required=True, validate=one_of(SIDES), metadata=describe(
        "`check_in` (absen masuk) atau `check_out` (absen pulang).", enum=list(SIDES)))
    note = Text(load_default=None, allow_none=True, validate=max_length(MAX_NOTE),
                metadata=describe("Catatan tinjauan (opsional)."))


class ReviewReasonOut(OutSchema):
    code = fields.String(metadata=describe("Kode alasan.", enum=list(REVIEW_REASONS)))
    label = fields.String(metadata=describe("Alasan untuk dibaca orang, mis. `Di luar area kantor`."))


class ReviewSideOut(OutSchema):
    """One flagged side of a record, dumped from ``(models.Side, {"side", "reasons"})``."""

    side = fields.String(metadata=describe("`check_in` atau `check_out`.", enum=list(SIDES)))
    at = fields.DateTime(metadata=describe("Waktu server (ISO 8601, UTC)."))
    time = WitaClock(attribute="at", metadata=describe("Jam (`HH.MM` WITA).", example="07.42"))
    latitude = fields.Float(metadata=describe("Lintang yang dikirim peramban."))
    longitude = fields.Float(metadata=describe("Bujur yang dikirim peramban."))
    accuracy = fields.Float(allow_none=True, metadata=describe("Akurasi posisi (meter), bila dilaporkan."))
    location = fields.String(allow_none=True, metadata=describe("Lokasi kerja aktif terdekat."))
    distance_m = fields.Integer(allow_none=True, metadata=describe("Jarak ke lokasi itu (meter, dibulatkan)."))
    has_selfie = fields.Boolean(metadata=describe("Ada swafoto (isinya tidak pernah dikirim)."))
    reasons = fields.List(fields.Nested(ReviewReasonOut), metadata=describe("Mengapa perlu ditinjau."))


def _allowed_actions() -> fields.List:
    return fields.List(fields.String(metadata=describe("Tindakan.", enum=list(REVIEW_ACTIONS))), metadata=describe(
        "`mark_reviewed` bila pemanggil mengawasi pegawainya (atasan atau kepala unit di atasnya, bukan diri "
        "sendiri) dan masih ada sisi yang menunggu tinjauan."))


class ReviewItemOut(OutSchema):
    """A record in the queue, dumped from ``(AttendanceRecord, RosterEmployee, {"sides", "allowed_actions"})``."""

    id = fields.Integer(metadata=describe("Id catatan absensi."))
    employee_id = fields.Integer(metadata=describe("Pegawai (id)."))
    employee_name = fields.String(attribute="full_name", metadata=describe("Nama lengkap pegawai."))
    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit kerja pegawai (id)."))
    day = fields.Date(metadata=describe("Hari (WITA)."))
    sides = fields.List(fields.Nested(ReviewSideOut), metadata=describe("Sisi yang menunggu tinjauan."))
    allowed_actions = _allowed_actions()


class ReviewQueuePage(OutSchema):
    items = fields.List(fields.Nested(ReviewItemOut), metadata=describe("Catatan yang perlu ditinjau, hari "
                                                                        "terbaru dulu."))
    next_cursor = fields.String(allow_none=True, metadata=describe("Cursor halaman berikutnya; null di akhir."))


class RecordReviewedEvent(OutSchema):
    """``attendance.record_reviewed``, dumped from ``(AttendanceRecord, RosterEmployee, decision)``."""

    id = fields.Integer(metadata=describe("Id catatan absensi."))
    employee_id = fields.Integer(metadata=describe("Pegawai (id)."))
    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit kerja pegawai (id) saat itu."))
    day = fields.Date(metadata=describe("Hari (WITA)."))
    side = fields.String(metadata=describe("Sisi yang ditinjau.", enum=list(SIDES)))
    reasons = fields.List(fields.String(metadata=describe("Alasan.", enum=list(REVIEW_REASONS))),
                          metadata=describe("Alasan tanda tinjauannya (kode)."))
    reviewed_by_employee_id = fields.Integer(allow_none=True, metadata=describe("Yang meninjau (id pegawai)."))
    reviewed_by_username = fields.String(allow_none=True, metadata=describe("Akunnya."))
    reviewed_at = fields.DateTime(metadata=describe("Waktu ditinjau (ISO 8601, UTC)."))
    note = fields.String(allow_none=True, metadata=describe("Catatan tinjauan."))


class RecordReviewedOut(RecordReviewedEvent):
    """The answer of ``mark_reviewed``."""

    allowed_actions = _allowed_actions()
