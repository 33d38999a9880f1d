"""Leave requests and corrections: what is sent, what is answered (with the caller's ``allowed_actions``) and
what is published (the record alone; ``*_submitted`` adds the supervisor)."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validates_schema
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.workflow import ACTIONS
from ..models import CORRECTION_KINDS, LEAVE_KINDS, REQUEST_STATUSES
from .base import Base64Bytes, ClockTime, OutSchema, WitaClock

ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")
MAX_NOTE = 1000


# -- what is sent ----------------------------------------------------------------------------------

class LeaveAttachmentIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200), metadata=describe("Nama berkas."))
    content_type = fields.String(required=True, validate=one_of(ATTACHMENT_TYPES), metadata=describe(
        "Jenis isi berkas.", enum=list(ATTACHMENT_TYPES)))
    content_b64 = Base64Bytes(required=True, attribute="content", metadata=describe("Isi berkas (base64, ≤ 2 MB)."))


class LeaveRequestIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(LEAVE_KINDS), metadata=describe(
        "`izin`, `sakit` atau `cuti`.", enum=list(LEAVE_KINDS)))
    start_date = fields.Date(required=True, metadata=describe("Hari pertama (YYYY-MM-DD)."))
    end_date = fields.Date(required=True, metadata=describe("Hari terakhir; paling lama 90 hari sesudah yang "
                                                            "pertama."))
    reason = Text(required=True, validate=required_text(MAX_NOTE), metadata=describe("Alasan."))
    attachment = fields.Nested(LeaveAttachmentIn, required=True,
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
    kind = fields.String(required=True, validate=one_of(CORRECTION_KINDS), metadata=describe(
        "`check_in` (jam masuk) atau `check_out` (jam pulang).", enum=list(CORRECTION_KINDS)))
    time = ClockTime(required=True, metadata=describe("Jam yang dimaksud (WITA), HH:MM."))
    reason = Text(required=True, validate=required_text(MAX_NOTE), metadata=describe("Alasan, mis. lupa absen "
                                                                                     "pulang."))


class DecisionIn(ContractSchema):
    note = Text(load_default=None, allow_none=True, validate=max_length(MAX_NOTE),
                metadata=describe("Catatan persetujuan (opsional)."))


class RejectIn(ContractSchema):
    reason = Text(required=True, validate=required_text(MAX_NOTE), metadata=describe("Alasan penolakan."))


class CancelIn(ContractSchema):
    reason = Text(load_default=None, allow_none=True, validate=max_length(MAX_NOTE),
                  metadata=describe("Alasan pembatalan (opsional)."))


class LeaveFilters(ContractSchema):
    """The filters of ``list_requests`` and ``list_corrections``."""

    mine = fields.Boolean(load_default=False, metadata=describe("Hanya milik pemanggil sendiri."))
    unit_id = fields.Integer(load_default=None, allow_none=True, **ID,
                             metadata=describe("Hanya pegawai unit ini (dengan sub-unitnya)."))
    employee_id = fields.Integer(load_default=None, allow_none=True, **ID, metadata=describe("Hanya pegawai ini."))
    status = fields.String(load_default=None, allow_none=True, validate=one_of(REQUEST_STATUSES),
                           metadata=describe("Hanya dengan status ini.", enum=list(REQUEST_STATUSES)))
    date_from = fields.Date(load_default=None, allow_none=True, metadata=describe(
        "Sejak tanggal ini (pengajuan: tanggal mulai; koreksi: hari)."))
    date_to = fields.Date(load_default=None, allow_none=True, metadata=describe(
        "Sampai tanggal ini (pengajuan: tanggal mulai; koreksi: hari)."))


# -- what is answered and published -------------------------------------------------------------------

def _status() -> fields.String:
    return fields.String(metadata=describe("`submitted` (menunggu), `approved`, `rejected` atau `cancelled`.",
                                           enum=list(REQUEST_STATUSES)))


def _allowed_actions() -> fields.List:
    return fields.List(fields.String(metadata=describe("Tindakan.", enum=list(ACTIONS))), metadata=describe(
        "Yang boleh dilakukan pemanggil sekarang: `approve`/`reject` (atasan atau kepala unit di atasnya, selagi "
        "menunggu), `cancel` (pegawainya sendiri, selagi menunggu; izin/sakit/cuti yang disetujui sebelum hari "
        "pertamanya)."))


class _Decisions(OutSchema):
    """Who decided and who cancelled, when and why (both kept)."""

    decided_by_employee_id = fields.Integer(allow_none=True, metadata=describe("Yang menyetujui/menolak (id "
                                                                               "pegawai)."))
    decided_by_username = fields.String(allow_none=True, metadata=describe("Akunnya."))
    decided_at = fields.DateTime(allow_none=True, metadata=describe("Waktu diputuskan (ISO 8601, UTC)."))
    decision_note = fields.String(allow_none=True, metadata=describe("Catatan persetujuan atau alasan penolakan."))
    cancelled_by_employee_id = fields.Integer(allow_none=True, metadata=describe("Yang membatalkan (id pegawai)."))
    cancelled_by_username = fields.String(allow_none=True, metadata=describe("Akunnya."))
    cancelled_at = fields.DateTime(allow_none=True, metadata=describe("Waktu dibatalkan (ISO 8601, UTC)."))
    cancel_reason = fields.String(allow_none=True, metadata=describe("Alasan pembatalan."))
    created_at = fields.DateTime(metadata=describe("Waktu diajukan (ISO 8601, UTC)."))


class LeaveAttachmentOut(OutSchema):
    """A leave request's attachment (``models.Attachment``), without its content."""

    filename = fields.String(metadata=describe("Nama berkas."))
    content_type = fields.String(metadata=describe("Jenis isi.", enum=list(ATTACHMENT_TYPES)))
    size = fields.Integer(metadata=describe("Ukuran (byte)."))
    sha256 = fields.String(metadata=describe("SHA-256 isinya (hex)."))


class LeaveAttachmentContentOut(LeaveAttachmentOut):
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi berkas (base64)."))


class LeaveRequestEvent(_Decisions):
    """A leave request as published (``attendance.request_approved`` / ``_rejected`` / ``_cancelled``)."""

    id = fields.Integer(metadata=describe("Id pengajuan."))
    employee_id = fields.Integer(metadata=describe("Pegawai (id)."))
    unit_id = fields.Integer(metadata=describe("Unit kerja pegawai (id) saat mengajukan."))
    kind = fields.String(metadata=describe("`izin`, `sakit` atau `cuti`.", enum=list(LEAVE_KINDS)))
    start_date = fields.Date(metadata=describe("Hari pertama."))
    end_date = fields.Date(metadata=describe("Hari terakhir."))
    reason = fields.String(metadata=describe("Alasan."))
    attachment = fields.Nested(LeaveAttachmentOut, attribute="attachment_file", metadata=describe(
        "Lampiran; isinya lewat `get_request`."))
    status = _status()


class LeaveRequestSubmittedEvent(LeaveRequestEvent):
    """``attendance.request_submitted``, dumped from ``(LeaveRequest, RosterEmployee)``."""

    supervisor_id = fields.Integer(allow_none=True, metadata=describe("Atasan langsung pegawai (id)."))


class LeaveRequestOut(LeaveRequestEvent):
    """A leave request answered to a caller, dumped from ``(LeaveRequest, {"allowed_actions": …})``."""

    allowed_actions = _allowed_actions()


class LeaveRequestDetailOut(LeaveRequestOut):
    """The answer of ``get_request``: the attachment with its content."""

    attachment = fields.Nested(LeaveAttachmentContentOut, attribute="attachment_file",
                               metadata=describe("Lampiran dengan isinya."))


class LeaveRequestPage(OutSchema):
    items = fields.List(fields.Nested(LeaveRequestOut), metadata=describe("Pengajuan, terbaru dulu."))
    next_cursor = fields.String(allow_none=True, metadata=describe("Cursor halaman berikutnya; null di akhir."))


class CorrectionEvent(_Decisions):
    """A correction as published (``attendance.correction_approved`` / ``_rejected`` / ``_cancelled``)."""

    id = fields.Integer(metadata=describe("Id koreksi."))
    employee_id = fields.Integer(metadata=describe("Pegawai (id)."))
    unit_id = fields.Integer(metadata=describe("Unit kerja pegawai (id) saat mengajukan."))
    day = fields.Date(metadata=describe("Hari (WITA) yang dikoreksi."))
    kind = fields.String(metadata=describe("Jam yang dikoreksi.", enum=list(CORRECTION_KINDS)))
    requested_at = fields.DateTime(metadata=describe("Waktu yang dimaksud (ISO 8601, UTC)."))
    time = WitaClock(attribute="requested_at", metadata=describe("Jam yang dimaksud (`HH.MM` WITA).",
                                                                 example="16.40"))
    reason = fields.String(metadata=describe("Alasan."))
    status = _status()


class CorrectionSubmittedEvent(CorrectionEvent):
    """``attendance.correction_submitted``, dumped from ``(Correction, RosterEmployee)``."""

    supervisor_id = fields.Integer(allow_none=True, metadata=describe("Atasan langsung pegawai (id)."))


class CorrectionOut(CorrectionEvent):
    """A correction answered to a caller, dumped from ``(Correction, {"allowed_actions": …})``."""

    allowed_actions = _allowed_actions()


class CorrectionPage(OutSchema):
    items = fields.List(fields.Nested(CorrectionOut), metadata=describe("Koreksi, terbaru dulu (riwayat)."))
    next_cursor = fields.String(allow_none=True, metadata=describe("Cursor halaman berikutnya; null di akhir."))
