"""What travel accepts: RPC arguments, validated with Indonesian messages keyed by field.

Every schema rejects unknown fields except ``EstimateIn``, which takes a whole unsaved form.
"""
from __future__ import annotations

from datetime import date

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from situok_contracts.roles import ROLES
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.common import ACCOUNT_CODE, PROVINCES, SUB_ACTIVITY_CODE
from ..models import (
    CATEGORIES,
    COST_LEVELS,
    EMPLOYMENT_TYPES,
    LEG_KINDS,
    RANKS,
    RESET_SCOPES,
    SPPD_SIGNER_ROLES,
    STATUSES,
    TRANSPORT_MODES,
)
from .common import CONTENT_TYPES, COST_CATEGORIES, DOCUMENT_KINDS, Base64Bytes

_PROVINCE_LABEL = "kode provinsi Kemendagri (mis. 51 untuk Bali)"
LETTER_KINDS = ("spt", "sppd")


def _unique_travellers(items) -> None:
    ids = [t.get("employee_id") for t in items or []]
    if len(set(ids)) != len(ids):
        raise ValidationError("Pegawai yang sama tidak boleh disebut dua kali.")


def _unique(key, message):
    def check(items) -> None:
        keys = [key(item) for item in items or []]
        if len(set(keys)) != len(keys):
            raise ValidationError(message)
    return check


def _sub_activity_code(**kwargs) -> fields.String:
    return Text(validate=validate.Regexp(SUB_ACTIVITY_CODE, error=(
        "Kode sub-kegiatan berbentuk X.XX.XX.X.XX.XXXX, mis. 4.01.01.2.06.0001.")), metadata=describe(
        "Sub-kegiatan DPA yang dibebani (kode, mis. `4.01.01.2.06.0001`).", pattern=SUB_ACTIVITY_CODE.pattern),
        **kwargs)


def _account_code(**kwargs) -> fields.String:
    return Text(validate=validate.Regexp(ACCOUNT_CODE, error=(
        "Kode rekening berbentuk 5.X.XX.XX.XX.XXXX, mis. 5.1.02.04.01.0001.")), metadata=describe(
        "Kode rekening belanja yang dibebani (Kepmendagri 050-5889/2021, mis. `5.1.02.04.01.0001`).",
        pattern=ACCOUNT_CODE.pattern), **kwargs)


# -- orders ------------------------------------------------------------------------------------------

class DestinationIn(ContractSchema):
    province_code = fields.String(required=True, validate=one_of(tuple(PROVINCES), _PROVINCE_LABEL),
                                  metadata=describe("Kode provinsi tujuan (Kemendagri), mis. `51` Bali, `31` DKI.",
                                                    enum=list(PROVINCES)))
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
    basis = fields.List(Text(validate=required_text(500), metadata=describe("Satu dasar.")), required=True,
                        validate=validate.Length(min=1, max=10, error="Isi 1 sampai 10 dasar."),
                        metadata=describe("Dasar (peraturan, undangan, DPA)."))
    purpose = Text(required=True, validate=required_text(2000), metadata=describe("Maksud perjalanan dinas."))
    origin = Text(load_default="Denpasar", validate=required_text(120), metadata=describe("Tempat berangkat."))
    budget_agency = Text(required=True, validate=required_text(200), metadata=describe(
        "Pembebanan anggaran: instansi (SPPD butir 9a)."))
    budget_account = Text(required=True, validate=required_text(120), metadata=describe(
        "Pembebanan anggaran: kode rekening/mata anggaran (SPPD butir 9b)."))
    sub_activity_code = _sub_activity_code(allow_none=True)
    account_code = _account_code(allow_none=True)
    notes = Text(allow_none=True, validate=max_length(2000), metadata=describe("Keterangan lain (SPPD butir 10)."))


class OrderFilters(ContractSchema):
    status = fields.String(allow_none=True, validate=one_of(STATUSES), metadata=describe(
        "Status.", enum=list(STATUSES)))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit kerja (termasuk sub-unit)."))
    date_from = fields.Date(allow_none=True, metadata=describe("Berangkat pada/sesudah tanggal ini."))
    date_to = fields.Date(allow_none=True, metadata=describe("Berangkat pada/sebelum tanggal ini."))
    mine = fields.Boolean(load_default=False, metadata=describe("Hanya yang saya ajukan atau ikuti."))


# -- workflow actions and the trip --------------------------------------------------------------------

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
    content_b64 = Base64Bytes(required=True, metadata=describe("Isi berkas dalam base64, maksimal 5 MB."))


class ReportIn(ContractSchema):
    summary = Text(required=True, validate=required_text(20000), metadata=describe(
        "Laporan perjalanan dinas: hasil yang dicapai."))
    attachments = fields.List(fields.Nested(AttachmentIn), load_default=list, validate=validate.Length(
        max=10, error="Maksimal 10 lampiran."), metadata=describe("Lampiran (foto, notulen, daftar hadir)."))


_RUPIAH = dict(strict=True, validate=validate.Range(min=0, max=1_000_000_000,
                                                    error="Harus rupiah bulat 0 sampai 1.000.000.000."))


class RealizationLineIn(ContractSchema):
    """One realized cost of one traveller: quantity × rate = amount. Give ``quantity`` and ``rate`` (the amount
    follows; an ``amount`` sent too must equal it), or only ``amount`` for a single at-cost item. Its kind is
    decided by travel: lump sum for uang harian and representasi, at cost with receipts, riil without."""

    employee_id = fields.Integer(required=True, **ID, metadata=describe("Pelaksana yang dibayar (id pegawai)."))
    category = fields.String(required=True, validate=one_of(COST_CATEGORIES), metadata=describe(
        "Jenis biaya.", enum=list(COST_CATEGORIES)))
    description = Text(required=True, validate=required_text(300), metadata=describe("Uraian."))
    quantity = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1, max=366, error="Bilangan bulat 1 sampai 366."), metadata=describe(
        "Banyaknya (hari, malam, kali); bawaan 1."))
    rate = fields.Integer(allow_none=True, **_RUPIAH, metadata=describe(
        "Tarif/harga satuan (rupiah bulat); uang harian dan representasi harus sama dengan tabel tarif, "
        "penginapan paling tinggi pagu tabel tarif."))
    amount = fields.Integer(allow_none=True, **_RUPIAH, metadata=describe(
        "Jumlah riil (rupiah bulat) = banyaknya × tarif."))
    receipts = fields.List(fields.Nested(AttachmentIn), load_default=list, validate=validate.Length(
        max=10, error="Maksimal 10 bukti."), metadata=describe(
        "Bukti (tiket, tagihan hotel, kuitansi); tanpa bukti biaya penginapan/transport/lainnya masuk Daftar "
        "Pengeluaran Riil."))

    @validates_schema(skip_on_field_errors=True)
    def _amount(self, data, **kwargs):
        quantity, rate, amount = data.get("quantity"), data.get("rate"), data.get("amount")
        if rate is None and amount is None:
            raise ValidationError({"rate": "Isi tarif (dengan banyaknya) atau jumlah."})
        if rate is not None and amount is not None and (quantity or 1) * rate != amount:
            raise ValidationError({"amount": "Jumlah harus sama dengan banyaknya × tarif."})
        if rate is None and quantity not in (None, 1):
            raise ValidationError({"rate": "Isi tarif bila banyaknya lebih dari 1."})


class RealizationAdvanceIn(ContractSchema):
    employee_id = fields.Integer(required=True, **ID, metadata=describe("Pelaksana (id pegawai)."))
    amount = fields.Integer(required=True, **_RUPIAH, metadata=describe(
        "Uang muka yang sudah dibayar kepadanya (rupiah bulat)."))


class RealizeIn(ContractSchema):
    lines = fields.List(fields.Nested(RealizationLineIn), required=True, validate=validate.Length(
        min=1, max=100, error="Isi 1 sampai 100 rincian."), metadata=describe("Biaya riil per pelaksana."))
    advances = fields.List(fields.Nested(RealizationAdvanceIn), load_default=list, validate=[
        validate.Length(max=30, error="Maksimal 30 uang muka."),
        _unique(lambda a: a.get("employee_id"), "Satu uang muka per pelaksana.")], metadata=describe(
        "Uang muka yang sudah dibayar per pelaksana; sisanya dibayar atau dikembalikan."))
    sub_activity_code = _sub_activity_code(allow_none=True)
    account_code = _account_code(allow_none=True)


class DocumentIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(DOCUMENT_KINDS), metadata=describe(
        "Jenis dokumen.", enum=list(DOCUMENT_KINDS)))
    traveller_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pelaksana (id pegawai) untuk sppd1, sppd2, rincian, kuitansi."))


# -- rate tables and configuration (admin) ---------------------------------------------------------------

class RateFileUploadIn(ContractSchema):
    """A rate file as an edge receives it: the fiscal year is in its path."""

    filename = Text(required=True, validate=required_text(200), metadata=describe(
        "Nama berkas, `.csv` atau `.xlsx`."))
    content_b64 = Base64Bytes(required=True, max_bytes=2 * 1024 * 1024, metadata=describe(
        "Isi berkas CSV atau XLSX dalam base64 (maksimal 2 MB)."))


class RateFileIn(RateFileUploadIn):
    fiscal_year = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=2000, max=2100, error="Tahun anggaran 2000-2100."), metadata=describe("Tahun anggaran."))


class LevelRuleIn(ContractSchema):
    priority = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=100000, error="Bilangan bulat 1-100000."), metadata=describe("Urutan (kecil dulu)."))
    position_prefix = Text(allow_none=True, validate=max_length(200), metadata=describe(
        "Awal nama jabatan (tanpa membedakan huruf besar/kecil)."))
    golongan_prefix = Text(allow_none=True, validate=max_length(6), metadata=describe("Awal golongan, mis. `IV/`."))
    employment_type = fields.String(allow_none=True, validate=one_of(EMPLOYMENT_TYPES), metadata=describe(
        "pns, pppk atau non_asn.", enum=list(EMPLOYMENT_TYPES)))
    rank = fields.String(required=True, validate=one_of(RANKS), metadata=describe(
        "Tingkat persetujuan.", enum=list(RANKS)))
    cost_level = fields.String(required=True, validate=one_of(COST_LEVELS), metadata=describe(
        "Tingkat biaya perjalanan dinas A-F.", enum=list(COST_LEVELS)))
    note = Text(allow_none=True, validate=max_length(500), metadata=describe("Keterangan."))


class ApprovalRuleIn(ContractSchema):
    traveller_rank = fields.String(required=True, validate=one_of(RANKS), metadata=describe(
        "Tingkat pelaksana.", enum=list(RANKS)))
    approver_role = fields.String(required=True, validate=one_of(ROLES), metadata=describe(
        "Peran penyetuju.", enum=list(ROLES)))


class NumberTemplateIn(ContractSchema):
    kind = fields.String(required=True, validate=one_of(LETTER_KINDS), metadata=describe(
        "Jenis surat.", enum=list(LETTER_KINDS)))
    template = Text(required=True, validate=required_text(200), metadata=describe(
        "Templat nomor: {seq}, {unit}, {unit_code}, {year}, {month}."))
    reset = fields.String(required=True, validate=one_of(RESET_SCOPES), metadata=describe(
        "Nomor urut mulai lagi: `year`, `unit_year` atau `never`.", enum=list(RESET_SCOPES)))
    unit_label = Text(required=True, validate=required_text(100), metadata=describe("Isi {unit}, mis. `Biro Umum`."))


class LetterSettingsIn(ContractSchema):
    """The letter settings; each field sent replaces that setting."""

    pa_kpa_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pengguna Anggaran/Kuasa PA (id pegawai): SPPD butir 1 bila dipilih, \"Setuju dibayar\" pada kuitansi."))
    ppk_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pejabat Pembuat Komitmen (id pegawai): SPPD butir 1 bila dipilih."))
    pptk_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "PPTK (id pegawai): \"Mengetahui\" pada kuitansi."))
    bendahara_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Bendahara pengeluaran (id pegawai): \"Lunas dibayar\"."))
    sppd_signer = fields.String(validate=one_of(SPPD_SIGNER_ROLES), metadata=describe(
        "Siapa SPPD butir 1 dan penandatangannya: `pa_kpa` atau `ppk`.", enum=list(SPPD_SIGNER_ROLES)))
    sppd_title = Text(validate=required_text(200), metadata=describe(
        "Judul SPPD, mis. `SURAT PERINTAH PERJALANAN DINAS (SPPD)`."))
    perhatian = Text(validate=required_text(2000), metadata=describe("Teks PERHATIAN SPPD lembar II."))
    lodging_without_receipt_percent = fields.Integer(strict=True, validate=validate.Range(
        min=0, max=100, error="Bilangan bulat 0 sampai 100."), metadata=describe(
        "Persen pagu penginapan yang dibayar tanpa tagihan hotel (riil)."))


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
    letters = fields.Nested(LetterSettingsIn, metadata=describe("Pengaturan surat yang diubah."))

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("Tidak ada perubahan.", "_schema")


class TravelVehicleEventIn(Schema):
    """What travel reads of booking's ``travel_vehicle_reserved`` / ``travel_vehicle_unavailable`` (booking's
    ``TravelVehicleEvent``); fields booking adds later are ignored."""

    class Meta:
        unknown = EXCLUDE

    travel_order_id = fields.Integer(required=True, strict=True, metadata=describe("SPT (id)."))
    status = fields.String(required=True, validate=validate.OneOf(("reserved", "unavailable")),
                           metadata=describe("`reserved` atau `unavailable`."))
    booking_id = fields.Integer(allow_none=True, load_default=None, metadata=describe("Peminjaman kendaraan (id)."))
    vehicle_name = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200),
                                 metadata=describe("Kendaraan."))
    plate = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=60),
                          metadata=describe("Nomor polisi."))
    driver_employee_id = fields.Integer(allow_none=True, load_default=None, metadata=describe("Pengemudi (id)."))
    driver_name = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=300),
                                metadata=describe("Pengemudi."))
    starts_at = fields.AwareDateTime(required=True, metadata=describe("Mulai pemakaian."))
    ends_at = fields.AwareDateTime(required=True, metadata=describe("Akhir pemakaian."))
    reason = fields.String(allow_none=True, load_default=None, metadata=describe("Mengapa tidak ada kendaraan."))
