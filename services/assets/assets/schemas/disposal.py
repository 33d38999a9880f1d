"""The disposal area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

Each proposal carries the caller's ``allowed_actions`` (``domain.disposal_workflow.PROPOSAL``).
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from situok_contracts.events import Assets
from situok_kit.outputs import choice, day, integer, listing, moment, rupiah, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.disposal_workflow import PROPOSAL
from ..models.disposal import DISPOSAL_METHODS, DISPOSAL_STATUSES, VALUE_BASES
from ..models.register import CONDITIONS, KIBS

DOCUMENT_KINDS = ("proposal", "berita_acara")
REPORT_FORMATS = ("xlsx", "pdf")


# -- input --------------------------------------------------------------------------------------------------

class DisposalItemIn(ContractSchema):
    asset_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe("Barang aktif (id)."))
    label = Text(allow_none=True, load_default=None, validate=max_length(500), metadata=describe(
        "Atau label barang: alamat QR label (`…/aset/barang/<id>`) atau `kode.register`."))
    reason = Text(allow_none=True, load_default=None, validate=max_length(1000),
                  metadata=describe("Alasan untuk barang ini (bawaan: alasan usulan)."))


    @validates_schema
    def _which(self, data, **kwargs):
        if not data.get("asset_id") and not data.get("label"):
            raise ValidationError({"asset_id": "Pilih barang atau isi labelnya."})


class DisposalProposalIn(ContractSchema):
    method = fields.String(required=True, validate=one_of(DISPOSAL_METHODS), metadata=describe(
        "Cara penghapusan.", enum=list(DISPOSAL_METHODS)))
    reasons = Text(required=True, validate=required_text(3000), metadata=describe("Alasan penghapusan."))
    items = fields.List(fields.Nested(DisposalItemIn), required=True, validate=validate.Length(
        min=1, max=500, error="Pilih 1 sampai 500 barang."), metadata=describe("Barang yang diusulkan (seluruhnya)."))


class DisposalFilters(ContractSchema):
    status = fields.String(allow_none=True, validate=one_of(DISPOSAL_STATUSES),
                           metadata=describe("Status.", enum=list(DISPOSAL_STATUSES)))
    method = fields.String(allow_none=True, validate=one_of(DISPOSAL_METHODS),
                           metadata=describe("Cara penghapusan.", enum=list(DISPOSAL_METHODS)))
    asset_id = fields.Integer(allow_none=True, **ID, metadata=describe("Usulan yang memuat barang ini."))


class DisposalReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan (wajib)."))


class DisposalDecisionIn(ContractSchema):
    decree_number = Text(required=True, validate=required_text(120), metadata=describe(
        "Nomor SK penghapusan (Gubernur/Sekretaris Daerah)."))
    decree_date = fields.Date(required=True, metadata=describe("Tanggal SK (YYYY-MM-DD)."))
    decree_by = Text(allow_none=True, load_default=None, validate=max_length(200),
                     metadata=describe("Pejabat yang menetapkan, mis. `Gubernur Bali`."))


class DisposalCompletionIn(ContractSchema):
    ba_date = fields.Date(allow_none=True, load_default=None, metadata=describe(
        "Tanggal berita acara penghapusan (bawaan: hari ini, WITA); nomornya diambil saat dicatat."))


class DisposalReportIn(ContractSchema):
    year = fields.Integer(required=True, strict=True, validate=validate.Range(2000, 2100, error="Tahun tidak valid."),
                          metadata=describe("Tahun berita acara."))
    method = fields.String(allow_none=True, load_default=None, validate=one_of(DISPOSAL_METHODS),
                           metadata=describe("Cara penghapusan.", enum=list(DISPOSAL_METHODS)))
    format = fields.String(load_default="xlsx", validate=one_of(REPORT_FORMATS),
                           metadata=describe("`xlsx` atau `pdf`.", enum=list(REPORT_FORMATS)))


class DisposalDocumentIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(DOCUMENT_KINDS), metadata=describe(
        "`proposal` (daftar usulan) atau `berita_acara` (berita acara penghapusan; sesudah selesai).",
        enum=list(DOCUMENT_KINDS)))


# -- output -------------------------------------------------------------------------------------------------

class DisposalOut(ContractSchema):
    id = integer("Id usulan.")
    method = choice("Cara penghapusan.", DISPOSAL_METHODS)
    reasons = text("Alasan.")
    status = choice("Status.", DISPOSAL_STATUSES)
    created_by = text("Diusulkan oleh.")
    created_at = moment("Dibuat", nullable=False)
    proposed_at = moment("Diajukan")
    approved_by = text("Disetujui oleh.", nullable=True)
    approved_at = moment("Disetujui")
    rejected_by = text("Ditolak oleh.", nullable=True)
    rejected_at = moment("Ditolak")
    rejection_reason = text("Alasan penolakan.", nullable=True)
    decree_number = text("Nomor SK penghapusan.", nullable=True)
    decree_date = day("Tanggal SK", nullable=True)
    decree_by = text("Pejabat yang menetapkan SK.", nullable=True)
    decided_at = moment("SK dicatat")
    ba_number = text("Nomor berita acara penghapusan.", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)
    done_at = moment("Selesai")
    done_by = text("Diselesaikan oleh.", nullable=True)
    cancelled_at = moment("Dibatalkan")
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    updated_at = moment("Diubah", nullable=False)
    items_count = integer("Jumlah barang.")
    total_value = rupiah("Jumlah nilai usulan")
    allowed_actions = listing(choice("Aksi.", PROPOSAL.actions), "Yang dapat Anda lakukan sekarang.")


class DisposalItemOut(ContractSchema):
    id = integer("Baris usulan (id).")
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    acquisition_year = integer("Tahun perolehan.")
    room_id = integer("Ruangan (id; kosong sesudah dihapus).", nullable=True)
    room_name = text("Ruangan.", nullable=True)
    asset_status = text("Status barang (`active`/`disposed`).")
    reason = text("Alasan untuk barang ini.")
    condition = choice("Kondisi saat diusulkan.", CONDITIONS)
    acquisition_value = rupiah("Nilai perolehan")
    value = rupiah("Nilai saat diusulkan (nilai buku, atau nilai perolehan: `value_basis`)")
    value_basis = choice("Dasar nilai: nilai buku (penyusutan) atau nilai perolehan.", VALUE_BASES)


class DisposalDetailOut(DisposalOut):
    items = listing(DisposalItemOut, "Barang yang diusulkan.")


class DisposalPage(ContractSchema):
    items = listing(DisposalOut, "Usulan, terbaru dahulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class DisposalSuggestionOut(ContractSchema):
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    acquisition_year = integer("Tahun perolehan.")
    room_id = integer("Ruangan (id).", nullable=True)
    room_name = text("Ruangan.", nullable=True)
    condition = choice("Kondisi.", CONDITIONS)
    acquisition_value = rupiah("Nilai perolehan")
    value = rupiah("Nilai buku hari ini (atau nilai perolehan)")
    value_basis = choice("Dasar nilai.", VALUE_BASES)


class DisposalSuggestionPage(ContractSchema):
    items = listing(DisposalSuggestionOut, "Barang rusak berat (RB) yang belum diusulkan.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class DisposalReportRowOut(ContractSchema):
    proposal_id = integer("Usulan (id).")
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    acquisition_year = integer("Tahun perolehan.")
    method = choice("Cara penghapusan.", DISPOSAL_METHODS)
    condition = choice("Kondisi.", CONDITIONS)
    acquisition_value = rupiah("Nilai perolehan")
    value = rupiah("Nilai saat diusulkan")
    value_basis = choice("Dasar nilai.", VALUE_BASES)
    decree_number = text("Nomor SK.", nullable=True)
    decree_date = day("Tanggal SK", nullable=True)
    ba_number = text("Nomor berita acara.", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)
    reason = text("Alasan.")


class DisposalReportMethodOut(ContractSchema):
    method = choice("Cara penghapusan.", DISPOSAL_METHODS)
    items = integer("Barang.")
    acquisition_value = rupiah("Nilai perolehan")
    value = rupiah("Nilai")


class DisposalReportOut(ContractSchema):
    year = integer("Tahun.")
    method = choice("Cara penghapusan (null: semua).", DISPOSAL_METHODS, nullable=True)
    rows = listing(DisposalReportRowOut, "Barang yang dihapus.")
    by_method = listing(DisposalReportMethodOut, "Per cara penghapusan.")
    items = integer("Jumlah barang.")
    acquisition_value = rupiah("Jumlah nilai perolehan")
    value = rupiah("Jumlah nilai")


class DisposalDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("PDF atau XLSX.", ("application/pdf",
                                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi berkas dalam base64."})


# -- events -------------------------------------------------------------------------------------------------

class DisposalEvent(ContractSchema):
    proposal_id = integer("Usulan (id).")
    status = choice("Status sesudah peristiwa ini.", DISPOSAL_STATUSES)
    method = choice("Cara penghapusan.", DISPOSAL_METHODS)
    asset_ids = listing(fields.Integer(), "Barang usulan.")
    total_value = rupiah("Jumlah nilai")
    decree_number = text("Nomor SK.", nullable=True)
    decree_date = day("Tanggal SK", nullable=True)
    ba_number = text("Nomor berita acara.", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)


class DisposalItemDisposedEvent(ContractSchema):
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    proposal_id = integer("Usulan penghapusan (id).")
    method = choice("Cara penghapusan.", DISPOSAL_METHODS)
    decree_number = text("Nomor SK.", nullable=True)
    ba_number = text("Nomor berita acara.", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)
    value = rupiah("Nilai saat diusulkan")
    disposed_at = moment("Dihapus", nullable=False)


SCHEMAS: dict[str, type[Schema]] = {
    "DisposalItemIn": DisposalItemIn,
    "DisposalProposalIn": DisposalProposalIn,
    "DisposalFilters": DisposalFilters,
    "DisposalReasonIn": DisposalReasonIn,
    "DisposalDecisionIn": DisposalDecisionIn,
    "DisposalCompletionIn": DisposalCompletionIn,
    "DisposalReportIn": DisposalReportIn,
    "DisposalDocumentIn": DisposalDocumentIn,
    "DisposalOut": DisposalOut,
    "DisposalItemOut": DisposalItemOut,
    "DisposalDetailOut": DisposalDetailOut,
    "DisposalPage": DisposalPage,
    "DisposalSuggestionOut": DisposalSuggestionOut,
    "DisposalSuggestionPage": DisposalSuggestionPage,
    "DisposalReportRowOut": DisposalReportRowOut,
    "DisposalReportMethodOut": DisposalReportMethodOut,
    "DisposalReportOut": DisposalReportOut,
    "DisposalDocumentOut": DisposalDocumentOut,
    "DisposalEvent": DisposalEvent,
    "DisposalItemDisposedEvent": DisposalItemDisposedEvent,
}
EVENTS: dict[str, type[Schema]] = {
    Assets.DISPOSAL_PROPOSED: DisposalEvent,
    Assets.DISPOSAL_DECIDED: DisposalEvent,
    Assets.ITEM_DISPOSED: DisposalItemDisposedEvent,
}
