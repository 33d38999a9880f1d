"""The stocktaking area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

A campaign (``CampaignOut``/``CampaignDetailOut``) and each of its rooms carry the caller's ``allowed_actions``
(``domain.stocktaking.CAMPAIGN`` and ``ROOM``).
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError
from situok_contracts.events import Assets
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, rupiah, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.stocktaking_workflow import CAMPAIGN, ROOM
from ..models.register import CONDITIONS, SOURCES
from ..models.stocktaking import CAMPAIGN_KINDS, CAMPAIGN_STATUSES, CHECK_RESULTS

MAX_VALUE = 10**13


# -- input --------------------------------------------------------------------------------------------------

class CampaignRoomIn(ContractSchema):
    room_id = fields.Integer(required=True, **ID, metadata=describe("Ruangan (id)."))
    checker_employee_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe(
        "Petugas pemeriksa ruangan (id pegawai pada salinan roster); kosong: pengurus barang."))


class CampaignIn(ContractSchema):
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama kegiatan, mis. `Sensus BMD 2026`."))
    kind = fields.String(required=True, validate=one_of(CAMPAIGN_KINDS), metadata=describe(
        "`inventarisasi` (ruangan terpilih) atau `sensus` (seluruh barang; sedikitnya sekali 5 tahun).",
        enum=list(CAMPAIGN_KINDS)))
    start_date = fields.Date(required=True, metadata=describe("Tanggal mulai (YYYY-MM-DD)."))
    notes = Text(allow_none=True, load_default=None, validate=max_length(2000), metadata=describe("Keterangan."))
    rooms = fields.List(fields.Nested(CampaignRoomIn), required=True, validate=validate.Length(
        min=1, max=500, error="Pilih 1 sampai 500 ruangan."), metadata=describe("Ruangan yang diperiksa."))


class CampaignFilters(ContractSchema):
    status = fields.String(allow_none=True, validate=one_of(CAMPAIGN_STATUSES),
                           metadata=describe("Status.", enum=list(CAMPAIGN_STATUSES)))
    kind = fields.String(allow_none=True, validate=one_of(CAMPAIGN_KINDS),
                         metadata=describe("Jenis.", enum=list(CAMPAIGN_KINDS)))


class CampaignCheckIn(ContractSchema):
    asset_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe("Barang (id)."))
    label = Text(allow_none=True, load_default=None, validate=max_length(500), metadata=describe(
        "Atau isi label yang dipindai/diketik: alamat QR label (`…/aset/barang/<id>`) atau `kode.register`."))
    result = fields.String(required=True, validate=one_of(CHECK_RESULTS), metadata=describe(
        "`found` (ada), `not_found` (tidak ada), `found_elsewhere` (barang ruangan lain ditemukan di sini; "
        "`found` untuk barang ruangan lain dicatat demikian).", enum=list(CHECK_RESULTS)))
    condition = fields.String(allow_none=True, load_default=None, validate=one_of(CONDITIONS, "B, KB, RB"),
                              metadata=describe("Kondisi yang terlihat bila berbeda (B, KB, RB).",
                                                enum=list(CONDITIONS)))
    note = Text(allow_none=True, load_default=None, validate=max_length(1000), metadata=describe("Catatan."))

    @validates_schema
    def _which(self, data, **kwargs):
        if not data.get("asset_id") and not data.get("label"):
            raise ValidationError({"asset_id": "Pilih barang atau isi label yang dipindai."})


class CampaignFindingIn(ContractSchema):
    name = Text(required=True, validate=required_text(300), metadata=describe("Nama barang."))
    suggested_code = Text(allow_none=True, load_default=None, validate=max_length(30),
                          metadata=describe("Kode barang yang diusulkan."))
    condition = fields.String(required=True, validate=one_of(CONDITIONS, "B, KB, RB"),
                              metadata=describe("Kondisi.", enum=list(CONDITIONS)))
    quantity = fields.Integer(load_default=1, strict=True, validate=validate.Range(
        1, 1000, error="Jumlah 1 sampai 1000."), metadata=describe("Jumlah (unit)."))
    description = Text(allow_none=True, load_default=None, validate=max_length(2000),
                       metadata=describe("Keterangan (merek, ciri, letak)."))


class CampaignCloseIn(ContractSchema):
    force = fields.Boolean(load_default=False, metadata=describe(
        "Tutup walau ada ruangan yang belum selesai: barang yang belum diperiksa dicatat tidak ditemukan."))


class CampaignReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan (wajib)."))


class CampaignFindingRegistrationIn(ContractSchema):
    finding_id = fields.Integer(required=True, **ID, metadata=describe("Temuan (id)."))
    code = Text(required=True, validate=required_text(30), metadata=describe("Kode barang tingkat terakhir."))
    value = fields.Integer(required=True, strict=True, validate=validate.Range(
        0, MAX_VALUE, error="Harus rupiah bulat, 0 atau lebih."), metadata=describe("Nilai per unit (rupiah)."))
    name = Text(allow_none=True, load_default=None, validate=max_length(300),
                metadata=describe("Nama di register (bawaan: nama temuan)."))
    acquisition_year = fields.Integer(allow_none=True, load_default=None, strict=True, validate=validate.Range(
        1900, 2100, error="Tahun tidak valid."), metadata=describe("Tahun perolehan (bawaan: tahun ini)."))
    source = fields.String(allow_none=True, load_default=None, validate=one_of(SOURCES),
                           metadata=describe("Asal-usul (bawaan `lainnya`).", enum=list(SOURCES)))


class CampaignApplyIn(ContractSchema):
    findings = fields.List(fields.Nested(CampaignFindingRegistrationIn), load_default=list, validate=validate.Length(
        max=500, error="Paling banyak 500 temuan."), metadata=describe("Temuan yang didaftarkan sebagai barang."))


# -- output -------------------------------------------------------------------------------------------------

class CampaignOut(ContractSchema):
    id = integer("Id inventarisasi.")
    name = text("Nama kegiatan.")
    kind = choice("Jenis.", CAMPAIGN_KINDS)
    start_date = day("Tanggal mulai")
    status = choice("Status.", CAMPAIGN_STATUSES)
    notes = text("Keterangan.", nullable=True)
    created_by = text("Dibuat oleh.")
    created_at = moment("Dibuat", nullable=False)
    closed_at = moment("Ditutup")
    closed_by = text("Ditutup oleh.", nullable=True)
    closed_early = flag("Ditutup sebelum semua ruangan selesai (yang belum diperiksa dicatat tidak ditemukan).")
    ba_number = text("Nomor berita acara (diambil saat ditutup).", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)
    applied_at = moment("Diterapkan ke register")
    applied_by = text("Diterapkan oleh.", nullable=True)
    cancelled_at = moment("Dibatalkan")
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    rooms_total = integer("Ruangan.")
    rooms_done = integer("Ruangan selesai.")
    items_total = integer("Barang dalam daftar ruangan.")
    items_checked = integer("Barang yang sudah diperiksa.")
    allowed_actions = listing(choice("Aksi.", CAMPAIGN.actions), "Yang dapat Anda lakukan sekarang.")


class CampaignRoomOut(ContractSchema):
    id = integer("Ruangan inventarisasi (id).")
    room_id = integer("Ruangan (id).")
    room_code = text("Kode ruangan.", nullable=True)
    room_name = text("Nama ruangan.")
    checker_employee_id = integer("Petugas (id pegawai).", nullable=True)
    checker_name = text("Nama petugas.", nullable=True)
    done = flag("Ditandai selesai oleh petugasnya.")
    done_at = moment("Selesai")
    done_by = text("Ditandai selesai oleh.", nullable=True)
    total = integer("Barang dalam daftar ruangan.")
    checked = integer("Sudah diperiksa.")
    found_here_elsewhere = integer("Barang ruangan lain yang ditemukan di sini.")
    findings = integer("Temuan (barang tanpa label).")
    allowed_actions = listing(choice("Aksi.", ROOM.actions), "Yang dapat Anda lakukan pada ruangan ini.")


class CampaignDetailOut(CampaignOut):
    rooms = listing(CampaignRoomOut, "Ruangan dan kemajuannya.")
    findings_total = integer("Unit temuan.")
    applied_summary = fields.Dict(metadata=describe("Hasil penerapan: jumlah per jenis dan barang yang tidak "
                                                    "ditemukan (`not_found_asset_ids`) untuk ditindaklanjuti."))


class CampaignPage(ContractSchema):
    items = listing(CampaignOut, "Inventarisasi, terbaru dahulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class CampaignItemOut(ContractSchema):
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    condition = choice("Kondisi menurut register.", CONDITIONS)
    room_id = integer("Ruangan menurut register (id).", nullable=True)
    room_name = text("Ruangan menurut register.", nullable=True)
    status = text("Status barang.")
    result = choice("Jawaban (null: belum diperiksa).", CHECK_RESULTS, nullable=True)
    checked_condition = choice("Kondisi yang terlihat bila berbeda.", CONDITIONS, nullable=True)
    note = text("Catatan.", nullable=True)
    checked_by = text("Diperiksa oleh.", nullable=True)
    checked_at = moment("Diperiksa")


class CampaignResultItemOut(CampaignItemOut):
    registered_condition = choice("Kondisi menurut register.", CONDITIONS, nullable=True)
    from_room_id = integer("Terdaftar di ruangan (id).", nullable=True)
    from_room_name = text("Terdaftar di ruangan.", nullable=True)
    to_room_id = integer("Diperiksa/ditemukan di ruangan (id).", nullable=True)
    to_room_name = text("Diperiksa/ditemukan di ruangan.", nullable=True)


class CampaignFindingOut(ContractSchema):
    id = integer("Temuan (id).")
    campaign_room_id = integer("Ruangan inventarisasi (id).")
    name = text("Nama barang.")
    suggested_code = text("Kode yang diusulkan.", nullable=True)
    condition = choice("Kondisi.", CONDITIONS)
    quantity = integer("Jumlah.")
    description = text("Keterangan.", nullable=True)
    recorded_by = text("Dicatat oleh.")
    recorded_at = moment("Dicatat", nullable=False)
    registered_code = text("Kode saat didaftarkan.", nullable=True)
    registered_value = rupiah("Nilai per unit saat didaftarkan", nullable=True)
    asset_ids = listing(fields.Integer(), "Barang yang didaftarkan darinya.")


class CampaignResultFindingOut(CampaignFindingOut):
    room_name = text("Ruangan.", nullable=True)


class CampaignRoomSheetOut(ContractSchema):
    campaign = nested(CampaignOut, "Inventarisasinya.")
    room = nested(CampaignRoomOut, "Ruangan ini dan kemajuannya.")
    items = listing(CampaignItemOut, "Daftar barang ruangan ini dan jawabannya.")
    found_here = listing(CampaignItemOut, "Barang ruangan lain yang ditemukan di sini.")
    findings = listing(CampaignFindingOut, "Temuan di ruangan ini.")


class CampaignTeamMemberOut(ContractSchema):
    employee_id = integer("Pegawai (id).")
    name = text("Nama.")


class CampaignCountsOut(ContractSchema):
    found = integer("Ditemukan (kondisi sama).")
    condition_changed = integer("Ditemukan, kondisi berubah.")
    not_found = integer("Tidak ditemukan.")
    found_elsewhere = integer("Ditemukan di ruangan lain.")
    unchecked = integer("Belum diperiksa (inventarisasi masih berjalan).")
    findings = integer("Temuan.")


class CampaignResultOut(ContractSchema):
    campaign = nested(CampaignOut, "Inventarisasinya.")
    found = listing(CampaignResultItemOut, "Ditemukan, kondisi sesuai register.")
    condition_changed = listing(CampaignResultItemOut, "Ditemukan, kondisi berubah (`checked_condition`).")
    not_found = listing(CampaignResultItemOut, "Tidak ditemukan.")
    found_elsewhere = listing(CampaignResultItemOut, "Ditemukan di ruangan lain (dari → ke).")
    unchecked = listing(CampaignResultItemOut, "Belum diperiksa (hanya selama berjalan).")
    findings = listing(CampaignResultFindingOut, "Temuan barang tanpa label.")
    team = listing(CampaignTeamMemberOut, "Tim pemeriksa.")
    counts = nested(CampaignCountsOut, "Jumlah per jenis.")


class CampaignRoomChoiceOut(ContractSchema):
    id = integer("Ruangan (id).")
    code = text("Kode ruangan.")
    name = text("Nama ruangan.")
    items = integer("Barang aktif di ruangan.")


class CampaignEmployeeChoiceOut(ContractSchema):
    id = integer("Pegawai (id).")
    name = text("Nama.")
    unit_name = text("Unit.", nullable=True)


class CampaignChoicesOut(ContractSchema):
    rooms = listing(CampaignRoomChoiceOut, "Ruangan aktif.")
    employees = listing(CampaignEmployeeChoiceOut, "Pegawai aktif (calon petugas).")


class CampaignDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi PDF dalam base64."})


# -- events -------------------------------------------------------------------------------------------------

class CampaignAppliedEvent(ContractSchema):
    campaign_id = integer("Inventarisasi (id).")
    name = text("Nama kegiatan.")
    kind = choice("Jenis.", CAMPAIGN_KINDS)
    ba_number = text("Nomor berita acara.", nullable=True)
    ba_date = day("Tanggal berita acara", nullable=True)
    applied_at = moment("Diterapkan", nullable=False)
    found = integer("Ditemukan.")
    condition_changed = integer("Kondisi diubah.")
    moved = integer("Dipindahkan ke ruangan tempat ditemukan.")
    not_found = integer("Tidak ditemukan (tetap aktif, ditindaklanjuti).")
    registered = integer("Barang baru dari temuan.")
    findings = integer("Temuan.")
    not_found_asset_ids = listing(fields.Integer(), "Barang yang tidak ditemukan.")


SCHEMAS: dict[str, type[Schema]] = {
    "CampaignRoomIn": CampaignRoomIn,
    "CampaignIn": CampaignIn,
    "CampaignFilters": CampaignFilters,
    "CampaignCheckIn": CampaignCheckIn,
    "CampaignFindingIn": CampaignFindingIn,
    "CampaignCloseIn": CampaignCloseIn,
    "CampaignReasonIn": CampaignReasonIn,
    "CampaignFindingRegistrationIn": CampaignFindingRegistrationIn,
    "CampaignApplyIn": CampaignApplyIn,
    "CampaignOut": CampaignOut,
    "CampaignRoomOut": CampaignRoomOut,
    "CampaignDetailOut": CampaignDetailOut,
    "CampaignPage": CampaignPage,
    "CampaignItemOut": CampaignItemOut,
    "CampaignResultItemOut": CampaignResultItemOut,
    "CampaignFindingOut": CampaignFindingOut,
    "CampaignResultFindingOut": CampaignResultFindingOut,
    "CampaignRoomSheetOut": CampaignRoomSheetOut,
    "CampaignTeamMemberOut": CampaignTeamMemberOut,
    "CampaignCountsOut": CampaignCountsOut,
    "CampaignResultOut": CampaignResultOut,
    "CampaignRoomChoiceOut": CampaignRoomChoiceOut,
    "CampaignEmployeeChoiceOut": CampaignEmployeeChoiceOut,
    "CampaignChoicesOut": CampaignChoicesOut,
    "CampaignDocumentOut": CampaignDocumentOut,
    "CampaignAppliedEvent": CampaignAppliedEvent,
}
EVENTS: dict[str, type[Schema]] = {Assets.CAMPAIGN_APPLIED: CampaignAppliedEvent}
