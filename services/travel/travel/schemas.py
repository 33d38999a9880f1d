"""The travel contract: Marshmallow schemas for RPC arguments, results and events.

Input schemas reject unknown fields (except ``EstimateIn``, which takes a whole unsaved form) and answer in
Indonesian, keyed by field. Output shapes are built in ``travel.views`` and described by the ``*Out``
schemas here (the gateway's OpenAPI components).
"""
from __future__ import annotations

import base64
import binascii
from datetime import date

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from situok_contracts.roles import ROLES
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from .domain.common import PROVINCES
from .models import CATEGORIES, COST_LEVELS, LEG_KINDS, RANKS, RESET_SCOPES, STATUSES, TRANSPORT_MODES

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain")
COST_CATEGORIES = ("uang_harian", "penginapan", "transport", "representasi", "lainnya")
_PROVINCE_LABEL = "kode provinsi Kemendagri (mis. 51 untuk Bali)"


class Base64Bytes(fields.String):
    """Base64 text in, ``bytes`` out (at most ``max_bytes``)."""

    def __init__(self, *args, max_bytes: int = MAX_ATTACHMENT_BYTES, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > (self.max_bytes * 4) // 3 + 8:
            raise ValidationError(f"Berkas terlalu besar (maksimal {self.max_bytes // (1024 * 1024)} MB).")
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("Harus berupa isi berkas dalam base64.") from None
        if not raw:
            raise ValidationError("Berkas kosong.")
        if len(raw) > self.max_bytes:
            raise ValidationError(f"Berkas terlalu besar (maksimal {self.max_bytes // (1024 * 1024)} MB).")
        return raw


def _unique_travellers(items) -> None:
    ids = [t.get("employee_id") for t in items or []]
    if len(set(ids)) != len(ids):
        raise ValidationError("Pegawai yang sama tidak boleh disebut dua kali.")


class DestinationIn(ContractSchema):
    province_code = fields.String(required=True, validate=one_of(tuple(PROVINCES), _PROVINCE_LABEL),
                                  metadata=describe("Kode provinsi tujuan (Kemendagri), mis. `51` Bali, `31` DKI."))
    city = Text(required=True, validate=required_text(120), metadata=describe("Kota/kabupaten tujuan."))


class FollowerIn(ContractSchema):
    name = Text(required=True, validate=required_text(150), metadata=describe("Nama pengikut."))
    birth_date = fields.Date(allow_none=True, metadata=describe("Tanggal lahir pengikut."))
    note = Text(allow_none=True, validate=max_length(200), metadata=describe("Keterangan (mis. hubungan)."))


class TravellerIn(ContractSchema):
    employee_id = fields.Integer(required=True, **ID, metadata=describe("Pegawai pelaksana (id personnel)."))
    followers = fields.List(fields.Nested(FollowerIn), load_default=list,
                            validate=validate.Length(max=5, error="Maksimal 5 pengikut."),
                            metadata=describe("Pengikut (SPPD butir 8)."))


class TripFields(Schema):
    """The fields an estimate needs."""

    travellers = fields.List(fields.Nested(TravellerIn), required=True, validate=[
        validate.Length(min=1, max=30, error="Isi 1 sampai 30 pelaksana."), _unique_travellers],
        metadata=describe("Pelaksana; satu SPPD per pelaksana."))
    destinations = fields.List(fields.Nested(DestinationIn), required=True, validate=validate.Length(
        min=1, max=5, error="Isi 1 sampai 5 tujuan."), metadata=describe("Tujuan; yang pertama menentukan tarif."))
    departure_date = fields.Date(required=True, metadata=describe("Tanggal berangkat (hari WITA)."))
    return_date = fields.Date(required=True, metadata=describe("Tanggal kembali (hari WITA)."))
    category = fields.String(load_default="luar_kota", validate=one_of(CATEGORIES), metadata=describe(
        "Jenis: `luar_kota`, `dalam_kota_8jam` atau `diklat` (menentukan uang harian).", enum=list(CATEGORIES)))
    transport = fields.String(required=True, validate=one_of(TRANSPORT_MODES), metadata=describe(
        "Alat angkut: `dinas`, `umum` atau `pribadi`.", enum=list(TRANSPORT_MODES)))

    @validates_schema(skip_on_field_errors=True)
    def _dates(self, data, **kwargs):
        departure, return_ = data.get("departure_date"), data.get("return_date")
        if isinstance(departure, date) and isinstance(return_, date):
            if return_ < departure:
                raise ValidationError({"return_date": "Tanggal kembali tidak boleh sebelum tanggal berangkat."})
            if (return_ - departure).days > 365:
                raise ValidationError({"return_date": "Perjalanan dinas paling lama satu tahun."})


class EstimateIn(TripFields, ContractSchema):
    """An unsaved draft: only the trip fields count; the rest of the form is ignored."""

    class Meta:
        unknown = EXCLUDE


class OrderIn(TripFields, ContractSchema):
    basis = fields.List(Text(validate=required_text(500)), required=True, validate=validate.Length(
        min=1, max=10, error="Isi 1 sampai 10 dasar."), metadata=describe("Dasar (peraturan, undangan, DPA)."))
    purpose = Text(required=True, validate=required_text(2000), metadata=describe("Maksud perjalanan dinas."))
    origin = Text(load_default="Denpasar", validate=required_text(120), metadata=describe("Tempat berangkat."))
    budget_agency = Text(required=True, validate=required_text(200), metadata=describe(
        "Pembebanan anggaran: instansi (SPPD butir 9a)."))
    budget_account = Text(required=True, validate=required_text(120), metadata=describe(
        "Pembebanan anggaran: kode rekening/mata anggaran (SPPD butir 9b)."))
    notes = Text(allow_none=True, validate=max_length(2000), metadata=describe("Keterangan lain (SPPD butir 10)."))


class NoteIn(ContractSchema):
    note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan."))


class ReasonIn(ContractSchema):
    reason = Text(required=True, validate=required_text(1000), metadata=describe("Alasan (wajib)."))


class LegIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(LEG_KINDS, "arrival (tiba), departure (berangkat)"),
                         metadata=describe("`arrival` (tiba di) atau `departure` (berangkat dari).",
                                           enum=list(LEG_KINDS)))
    place = Text(required=True, validate=required_text(200), metadata=describe("Tempat."))
    latitude = fields.Float(allow_none=True, validate=validate.Range(-90, 90, error="Antara -90 dan 90."),
                            metadata=describe("Lintang dari peramban (opsional)."))
    longitude = fields.Float(allow_none=True, validate=validate.Range(-180, 180, error="Antara -180 dan 180."),
                             metadata=describe("Bujur dari peramban (opsional)."))
    accuracy = fields.Float(allow_none=True, validate=validate.Range(0, 100000, error="Antara 0 dan 100000 meter."),
                            metadata=describe("Akurasi lokasi dalam meter (opsional)."))


class AttachmentIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200), metadata=describe("Nama berkas."))
    content_type = fields.String(required=True, validate=one_of(CONTENT_TYPES), metadata=describe(
        "Jenis berkas (PDF, JPEG, PNG, WebP, HEIC, DOCX, teks).", enum=list(CONTENT_TYPES)))
    content_b64 = Base64Bytes(required=True, data_key="content_b64", metadata=describe(
        "Isi berkas dalam base64, maksimal 5 MB."))


class ReportIn(ContractSchema):
    summary = Text(required=True, validate=required_text(20000), metadata=describe(
        "Laporan perjalanan dinas: hasil yang dicapai."))
    attachments = fields.List(fields.Nested(AttachmentIn), load_default=list, validate=validate.Length(
        max=10, error="Maksimal 10 lampiran."), metadata=describe("Lampiran (foto, notulen, daftar hadir)."))


class RealizationLineIn(ContractSchema):
    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pelaksana yang dibayar (id)."))
    category = fields.String(required=True, validate=one_of(COST_CATEGORIES), metadata=describe(
        "Jenis biaya.", enum=list(COST_CATEGORIES)))
    description = Text(required=True, validate=required_text(300), metadata=describe("Uraian."))
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=1_000_000_000, error="Harus rupiah bulat 0 sampai 1.000.000.000."),
        metadata=describe("Jumlah riil (rupiah bulat)."))
    receipts = fields.List(fields.Nested(AttachmentIn), load_default=list, validate=validate.Length(
        max=10, error="Maksimal 10 bukti."), metadata=describe("Bukti (tiket, tagihan hotel, kuitansi)."))


class RealizeIn(ContractSchema):
    lines = fields.List(fields.Nested(RealizationLineIn), required=True, validate=validate.Length(
        min=1, max=100, error="Isi 1 sampai 100 rincian."), metadata=describe("Biaya riil."))


class OrderFilters(ContractSchema):
    status = fields.String(allow_none=True, validate=one_of(STATUSES), metadata=describe("Status."))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit kerja (termasuk sub-unit)."))
    date_from = fields.Date(allow_none=True, metadata=describe("Berangkat pada/sesudah tanggal ini."))
    date_to = fields.Date(allow_none=True, metadata=describe("Berangkat pada/sebelum tanggal ini."))
    mine = fields.Boolean(load_default=False, metadata=describe("Hanya yang saya ajukan atau ikuti."))


class RateFileIn(ContractSchema):
    fiscal_year = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=2000, max=2100, error="Tahun anggaran 2000-2100."), metadata=describe("Tahun anggaran."))
    filename = Text(required=True, validate=required_text(200), metadata=describe("Nama berkas (.csv/.xlsx)."))
    content_b64 = Base64Bytes(required=True, max_bytes=2 * 1024 * 1024, metadata=describe(
        "Isi berkas CSV atau XLSX dalam base64 (maksimal 2 MB)."))


class DocumentIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(("spt", "sppd1", "sppd2", "rincian", "kuitansi")),
                         metadata=describe("Jenis dokumen."))
    traveller_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pelaksana (id pegawai) untuk sppd1, sppd2, rincian, kuitansi."))


# -- configuration (admin) ----------------------------------------------------------------------

def _unique(key, message):
    def check(items) -> None:
        keys = [key(item) for item in items or []]
        if len(set(keys)) != len(keys):
            raise ValidationError(message)
    return check


class LevelRuleIn(ContractSchema):
    priority = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=100000, error="Bilangan bulat 1-100000."), metadata=describe("Urutan (kecil dulu)."))
    position_prefix = Text(allow_none=True, validate=max_length(200), metadata=describe(
        "Awal nama jabatan (tanpa membedakan huruf besar/kecil)."))
    golongan_prefix = Text(allow_none=True, validate=max_length(6), metadata=describe("Awal golongan, mis. `IV/`."))
    employment_type = fields.String(allow_none=True, validate=one_of(("pns", "pppk", "non_asn")),
                                    metadata=describe("pns, pppk atau non_asn."))
    rank = fields.String(required=True, validate=one_of(RANKS), metadata=describe("Tingkat persetujuan."))
    cost_level = fields.String(required=True, validate=one_of(COST_LEVELS), metadata=describe(
        "Tingkat biaya perjalanan dinas A-F."))
    note = Text(allow_none=True, validate=max_length(500), metadata=describe("Keterangan."))


class ApprovalRuleIn(ContractSchema):
    traveller_rank = fields.String(required=True, validate=one_of(RANKS), metadata=describe("Tingkat pelaksana."))
    approver_role = fields.String(required=True, validate=one_of(ROLES), metadata=describe("Peran penyetuju."))


class NumberTemplateIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(("spt", "sppd")), metadata=describe("Jenis surat."))
    template = Text(required=True, validate=required_text(200), metadata=describe(
        "Templat nomor: {seq}, {unit}, {unit_code}, {year}, {month}."))
    reset = fields.String(required=True, validate=one_of(RESET_SCOPES), metadata=describe(
        "Nomor urut mulai lagi: `year`, `unit_year` atau `never`."))
    unit_label = Text(required=True, validate=required_text(100), metadata=describe("Isi {unit}, mis. `Biro Umum`."))


class RulesIn(ContractSchema):
    level_rules = fields.List(fields.Nested(LevelRuleIn), validate=[
        validate.Length(min=1, error="Minimal satu aturan."),
        _unique(lambda r: r.get("priority"), "Urutan (priority) tidak boleh berulang.")],
        metadata=describe("Pengganti seluruh aturan tingkat."))
    approval_rules = fields.List(fields.Nested(ApprovalRuleIn), validate=[
        validate.Length(min=1, error="Minimal satu aturan."),
        _unique(lambda r: (r.get("traveller_rank"), r.get("approver_role")), "Aturan tidak boleh berulang.")],
        metadata=describe("Pengganti seluruh aturan persetujuan."))
    number_templates = fields.List(fields.Nested(NumberTemplateIn), validate=_unique(
        lambda t: t.get("kind"), "Jenis surat tidak boleh berulang."), metadata=describe("Templat nomor yang diubah."))

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("Tidak ada perubahan.", "_schema")


# -- outputs (documentation; built by travel.views) -------------------------------------------

class CostLineOut(ContractSchema):
    code = fields.String(metadata=describe("uang_harian, penginapan, transport, representasi."))
    label = fields.String()
    quantity = fields.Integer(allow_none=True)
    unit = fields.String()
    unit_amount = fields.Integer(allow_none=True)
    amount = fields.Integer(metadata=describe("Rupiah."))


class TravellerEstimateOut(ContractSchema):
    employee_id = fields.Integer()
    name = fields.String(allow_none=True)
    cost_level = fields.String()
    lines = fields.List(fields.Nested(CostLineOut))
    total = fields.Integer()


class EstimateOut(ContractSchema):
    fiscal_year = fields.Integer()
    province_code = fields.String()
    province_name = fields.String()
    category = fields.String()
    transport = fields.String()
    days = fields.Integer()
    nights = fields.Integer()
    travellers = fields.List(fields.Nested(TravellerEstimateOut))
    total = fields.Integer(metadata=describe("Jumlah seluruh pelaksana (rupiah)."))


SCHEMAS: dict[str, type[Schema]] = {
    "OrderIn": OrderIn, "EstimateIn": EstimateIn, "DestinationIn": DestinationIn, "TravellerIn": TravellerIn,
    "FollowerIn": FollowerIn, "NoteIn": NoteIn, "ReasonIn": ReasonIn, "LegIn": LegIn, "AttachmentIn": AttachmentIn,
    "ReportIn": ReportIn, "RealizationLineIn": RealizationLineIn, "RealizeIn": RealizeIn,
    "OrderFilters": OrderFilters, "RateFileIn": RateFileIn, "DocumentIn": DocumentIn, "RulesIn": RulesIn,
    "LevelRuleIn": LevelRuleIn, "ApprovalRuleIn": ApprovalRuleIn, "NumberTemplateIn": NumberTemplateIn,
    "EstimateOut": EstimateOut, "TravellerEstimateOut": TravellerEstimateOut, "CostLineOut": CostLineOut,
}
