"""The reports area's contract (labels, KIR, KIB exports, depreciation): inputs, answers.

Files (label sheets, the KIR, the KIB, the depreciation report) are answered as ``AssetReportFileOut``
(``{filename, content_type, content_b64}``); the gateway and the web hand them on as the file itself.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_kit.outputs import choice, day, flag, integer, listing, nested, rupiah, text
from situok_kit.schema import Base64Bytes, ContractSchema, describe, one_of

from ..documents.kib import CONTENT_TYPES, FORMATS
from ..documents.labels import DEFAULT_LAYOUT, LAYOUTS
from ..domain.depreciation import PERIODS
from ..domain.labels import MAX_ITEMS
from ..models.register import CONDITIONS, KIBS

_ID = dict(validate=validate.Range(min=1, error="Harus bilangan bulat positif."))
_YEAR = dict(validate=validate.Range(min=1900, max=2100, error="Harus tahun antara 1900 dan 2100."))


def _url(value: str) -> None:
    if not value.startswith(("http://", "https://")) or len(value) > 200 or any(c.isspace() for c in value):
        raise ValidationError("Harus alamat http:// atau https:// situs ini.")


# -- inputs --------------------------------------------------------------------------------------------

class LabelSheetIn(ContractSchema):
    """Which items to label: ``asset_ids`` or ``room_id`` (every active item of the room)."""

    asset_ids = fields.List(fields.Integer(**_ID), load_default=None, allow_none=True,
                            validate=validate.Length(max=MAX_ITEMS, error=f"Paling banyak {MAX_ITEMS} barang."),
                            metadata=describe(f"Id barang (paling banyak {MAX_ITEMS})."))
    room_id = fields.Integer(load_default=None, allow_none=True, **_ID, metadata=describe(
        "Semua barang aktif di ruangan ini."))
    base_url = fields.String(required=True, validate=_url, metadata=describe(
        "Alamat situs web untuk QR: `<base_url>/aset/barang/<id>`."))
    layout = fields.String(load_default=DEFAULT_LAYOUT, validate=one_of(tuple(LAYOUTS)), metadata=describe(
        "Kertas label: " + ", ".join(f"`{k}` ({v.name})" for k, v in LAYOUTS.items()) + ".", enum=list(LAYOUTS)))
    skip = fields.Integer(load_default=0, validate=validate.Range(min=0, max=39, error="Harus 0 sampai 39."),
                          metadata=describe("Lewati sekian label pertama lembar pertama (kertas bekas terpakai)."))

    @validates_schema
    def _which(self, data, **kwargs):
        if bool(data.get("asset_ids")) == (data.get("room_id") is not None):
            raise ValidationError("Pilih barang atau satu ruangan.", "asset_ids")
        layout = LAYOUTS.get(data.get("layout") or DEFAULT_LAYOUT)
        if layout and data.get("skip", 0) >= layout.per_sheet:
            raise ValidationError(f"Harus kurang dari {layout.per_sheet}.", "skip")


class DepreciationReportIn(ContractSchema):
    year = fields.Integer(required=True, **_YEAR, metadata=describe("Tahun laporan (posisi 31 Desember)."))
    kib = fields.String(load_default=None, allow_none=True, validate=one_of(KIBS), metadata=describe(
        "Satu KIB (dengan rincian per barang); kosong: rekap per KIB.", enum=list(KIBS)))
    format = fields.String(load_default=None, allow_none=True, validate=one_of(FORMATS), metadata=describe(
        "`pdf` atau `xlsx` untuk berkas; kosong: JSON.", enum=list(FORMATS)))


class RoomInventoryDocumentIn(ContractSchema):
    format = fields.String(load_default="pdf", validate=one_of(FORMATS), metadata=describe(
        "`pdf` (bawaan) atau `xlsx`.", enum=list(FORMATS)))


class KibExportIn(ContractSchema):
    kib = fields.String(required=True, validate=one_of(KIBS), metadata=describe("KIB A–F.", enum=list(KIBS)))
    format = fields.String(load_default="xlsx", validate=one_of(FORMATS), metadata=describe(
        "`xlsx` (bawaan) atau `pdf`.", enum=list(FORMATS)))
    room_id = fields.Integer(load_default=None, allow_none=True, **_ID, metadata=describe("Hanya ruangan ini."))
    condition = fields.String(load_default=None, allow_none=True, validate=one_of(CONDITIONS), metadata=describe(
        "Hanya kondisi ini: B, KB, RB.", enum=list(CONDITIONS)))
    year_from = fields.Integer(load_default=None, allow_none=True, **_YEAR, metadata=describe(
        "Tahun perolehan dari."))
    year_to = fields.Integer(load_default=None, allow_none=True, **_YEAR, metadata=describe(
        "Tahun perolehan sampai."))

    @validates_schema
    def _years(self, data, **kwargs):
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise ValidationError("Tahun akhir tidak boleh sebelum tahun awal.", "year_to")


# -- answers -------------------------------------------------------------------------------------------

class AssetReportFileOut(ContractSchema):
    """A file the reports area made: label sheet, KIR, KIB, depreciation report."""

    filename = text("Nama berkas unduhan.")
    content_type = choice("PDF atau XLSX.", tuple(CONTENT_TYPES.values()))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi berkas dalam base64."})


class DepreciationPeriodOut(ContractSchema):
    index = integer("Periode ke- (mulai 1).")
    year = integer("Tahun.")
    semester = integer("Semester 1 atau 2; null pada penyusutan tahunan.", nullable=True)
    starts_on = day("Awal periode")
    ends_on = day("Akhir periode")
    amount = rupiah("Penyusutan periode ini")
    accumulated = rupiah("Akumulasi penyusutan pada akhir periode")
    book_value = rupiah("Nilai buku pada akhir periode")


class AssetDepreciationOut(ContractSchema):
    """An item's depreciation schedule (straight line over its useful life)."""

    asset_id = integer("Id barang.")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    acquisition_value = rupiah("Nilai perolehan")
    acquired_on = day("Tanggal perolehan (1 Januari tahun perolehan bila tanggalnya tidak tercatat)")
    useful_life_years = integer("Masa manfaat (tahun); 0 atau null: tidak disusutkan.", nullable=True)
    period = choice("Periode penyusutan.", PERIODS)
    depreciated = flag("Barang ini disusutkan.")
    status = text("Status barang: active atau disposed.")
    disposed_on = day("Tanggal dihapuskan (WITA)", nullable=True)
    periods = listing(DepreciationPeriodOut, "Jadwal penyusutan, periode demi periode.")


class DepreciationKibRowOut(ContractSchema):
    kib = text("KIB (kosong pada baris jumlah).")
    kib_name = text("Nama KIB.")
    items = integer("Jumlah barang.")
    acquisition_value = rupiah("Nilai perolehan")
    depreciation = rupiah("Penyusutan tahun ini")
    accumulated = rupiah("Akumulasi penyusutan s.d. 31 Desember")
    book_value = rupiah("Nilai buku 31 Desember")


class DepreciationItemOut(ContractSchema):
    asset_id = integer("Id barang.")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    kib = choice("KIB.", KIBS)
    acquisition_year = integer("Tahun perolehan.")
    acquisition_value = rupiah("Nilai perolehan")
    useful_life_years = integer("Masa manfaat (tahun).", nullable=True)
    depreciation = rupiah("Penyusutan tahun ini")
    accumulated = rupiah("Akumulasi penyusutan")
    book_value = rupiah("Nilai buku")


class DepreciationReportOut(ContractSchema):
    """Depreciation at the end of a year: per KIB (or one KIB with its items); active items acquired by then (a
    disposed item counts until its disposal date)."""

    year = integer("Tahun.")
    kib = text("KIB yang dilaporkan; null: semua.", nullable=True)
    period = choice("Periode penyusutan.", PERIODS)
    as_of = day("Posisi laporan")
    rows = listing(DepreciationKibRowOut, "Per KIB.")
    totals = nested(DepreciationKibRowOut, "Jumlah.")
    items = listing(DepreciationItemOut, "Per barang (hanya bila `kib` diisi).")


class KirRoomOut(ContractSchema):
    id = integer("Id ruangan.")
    code = text("Kode ruangan.")
    name = text("Nama ruangan.")
    floor_name = text("Lantai.")
    building_name = text("Gedung.")
    building_code = text("Kode gedung.")
    unit_id = integer("Unit pengguna ruangan.", nullable=True)
    unit_name = text("Nama unit pengguna.", nullable=True)


class KirPersonOut(ContractSchema):
    employee_id = integer("Id pegawai.")
    name = text("Nama.")
    nip = text("NIP.", nullable=True)
    position = text("Jabatan.", nullable=True)


class KirLineOut(ContractSchema):
    no = integer("Nomor urut.")
    code = text("Kode barang.")
    code_name = text("Jenis barang (nama kode).")
    name = text("Nama barang.")
    brand = text("Merk / model.")
    serial_number = text("Nomor seri pabrik.")
    size = text("Ukuran.")
    material = text("Bahan.")
    acquisition_year = integer("Tahun pembelian.")
    condition = choice("Keadaan: B, KB, RB.", CONDITIONS)
    count = integer("Jumlah barang.")
    registers = text("Nomor register, mis. 0001–0004, 0007.")
    register_numbers = listing(fields.Integer(), "Nomor register satu per satu.")
    asset_ids = listing(fields.Integer(), "Id barang pada baris ini.")
    acquisition_value = rupiah("Harga beli/perolehan baris ini")
    notes = text("Keterangan.")


class KirTotalsOut(ContractSchema):
    lines = integer("Jumlah baris.")
    items = integer("Jumlah barang.")
    acquisition_value = rupiah("Jumlah harga perolehan")
    baik = integer("Barang kondisi baik.")
    kurang_baik = integer("Barang kondisi kurang baik.")
    rusak_berat = integer("Barang kondisi rusak berat.")


class RoomInventoryOut(ContractSchema):
    """The room's KIR, read from the register now."""

    room = nested(KirRoomOut, "Ruangan.")
    bureau_name = text("Nama biro.")
    unit_code = text("Kode unit.")
    lines = listing(KirLineOut, "Baris KIR: barang sejenis dikelompokkan.")
    totals = nested(KirTotalsOut, "Jumlah.")
    person_in_charge = nested(KirPersonOut, "Penanggung jawab ruangan (penanda tangan).", nullable=True)
    pengurus_barang = nested(KirPersonOut, "Pengurus barang (penanda tangan).", nullable=True)
    printed_on = day("Tanggal KIR")


SCHEMAS = {
    "LabelSheetIn": LabelSheetIn,
    "DepreciationReportIn": DepreciationReportIn,
    "RoomInventoryDocumentIn": RoomInventoryDocumentIn,
    "KibExportIn": KibExportIn,
    "AssetReportFileOut": AssetReportFileOut,
    "DepreciationPeriodOut": DepreciationPeriodOut,
    "AssetDepreciationOut": AssetDepreciationOut,
    "DepreciationKibRowOut": DepreciationKibRowOut,
    "DepreciationItemOut": DepreciationItemOut,
    "DepreciationReportOut": DepreciationReportOut,
    "KirRoomOut": KirRoomOut,
    "KirPersonOut": KirPersonOut,
    "KirLineOut": KirLineOut,
    "KirTotalsOut": KirTotalsOut,
    "RoomInventoryOut": RoomInventoryOut,
}
EVENTS: dict = {}
