"""The register area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

* the classification (``AssetCode*``) and useful lives (``UsefulLife*``): reference data, an admin's;
* buildings → floors → rooms (``Building*``, ``Floor*``, ``Room*``): the pengurus barang's;
* items (``Asset*``): the common fields, and each KIB's own ``details`` (``KIB_DETAILS``: one schema per KIB,
  a vehicle's in ``VehicleDetailsIn``), their files and history; the bulk import (``AssetImport*``).
"""
from __future__ import annotations

import re
from datetime import date

from marshmallow import ValidationError, fields, post_load, validate, validates, validates_schema
from situok_contracts.events import Assets
from situok_kit import schema as kit_schema
from situok_kit.outputs import choice, day, flag, integer, listing, moment, rupiah, text
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..models.register import ASSET_STATUSES, CONDITIONS, FILE_KINDS, HISTORY_KINDS, KIBS, SOURCES

#: The largest photo and document an item takes (judged by content).
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: The largest code list / import file.
MAX_TABLE_BYTES = 5 * 1024 * 1024
#: What a keeper may do with an item (``AssetDetailOut.allowed_actions``; hand_over and propose_disposal are
#: other areas' pages).
ASSET_ACTIONS = ("edit", "upload_file", "hand_over", "print_label", "propose_disposal")
CERTIFICATE_STATUSES = ("sertifikat", "belum")
FUELS = ("bensin", "solar", "listrik", "hybrid")
CONSTRUCTIONS = ("permanen", "semi_permanen", "darurat")
FILE_VARIANTS = ("original", "thumbnail", "web")
#: An Indonesian number plate: region letters, digits, suffix letters (``DK 1234 AB``).
PLATE = re.compile(r"^([A-Z]{1,2})\s*([0-9]{1,4})\s*([A-Z]{0,3})$")
FACILITY = re.compile(r"^[a-z0-9_]{1,40}$")
CODE_TEXT = re.compile(r"^[0-9][0-9.]*$")


class FileBytes(kit_schema.Base64Bytes):
    """An item's file: at most 10 MB (photos 8 MB, checked by the domain), a browser's ``data:`` URL accepted."""

    max_bytes = MAX_DOCUMENT_BYTES
    data_url = True


def normalise_plate(value: str) -> str | None:
    """``dk1234ab`` / ``DK  1234 AB`` → ``DK 1234 AB``; None when it is not a plate."""
    match = PLATE.match(" ".join(value.upper().split()))
    if not match:
        return None
    return " ".join(part for part in match.groups() if part)


def _text(n: int, description: str, required: bool = False) -> Text:
    if required:
        return Text(required=True, validate=required_text(n), metadata=describe(description))
    return Text(allow_none=True, validate=max_length(n), metadata=describe(description))


def _positive(description: str, required: bool = False) -> fields.Float:
    return fields.Float(required=required, allow_none=not required, validate=validate.Range(
        min=0, min_inclusive=False, error="Harus lebih dari 0."), metadata=describe(description))


def _count(description: str, minimum: int = 1) -> fields.Integer:
    return fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=minimum, max=1000, error=f"Harus bilangan bulat {minimum} sampai 1000."), metadata=describe(description))


def _facilities() -> fields.List:
    return fields.List(fields.String(validate=validate.Regexp(FACILITY, error=(
        "Fasilitas berupa kata pendek huruf kecil (mis. proyektor, sound_system)."))),
        validate=validate.Length(max=30, error="Maksimal 30 fasilitas."),
        metadata=describe("Fasilitas: kata pendek huruf kecil, mis. `proyektor`, `sound_system`."))


class _Details(ContractSchema):
    """A KIB's own fields; dates are kept as ISO text (``details`` is JSON)."""

    @post_load
    def _as_json(self, data, **kwargs):
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items() if v is not None}


# -- per-KIB details ------------------------------------------------------------------------------------------

class KibADetailsIn(_Details):
    """KIB A — tanah."""

    area_m2 = _positive("Luas tanah (m²).", required=True)
    address = _text(300, "Letak/alamat.", required=True)
    certificate_status = fields.String(allow_none=True, validate=one_of(CERTIFICATE_STATUSES), metadata=describe(
        "Status sertifikat: `sertifikat` atau `belum`.", enum=list(CERTIFICATE_STATUSES)))
    certificate_number = _text(100, "Nomor sertifikat.")
    certificate_date = fields.Date(allow_none=True, metadata=describe("Tanggal sertifikat (wajib bila bersertifikat)."))
    rights = _text(100, "Hak: hak pakai, hak pengelolaan, …")
    use = _text(200, "Penggunaan.", required=True)

    @validates_schema(skip_on_field_errors=False)
    def _certificate(self, data, **kwargs):
        if data.get("certificate_status") == "sertifikat":
            problems = {k: "Wajib diisi bila bersertifikat." for k in ("certificate_number", "certificate_date")
                        if not data.get(k)}
            if problems:
                raise ValidationError(problems)


class KibBDetailsIn(_Details):
    """KIB B — peralatan dan mesin (a vehicle's further fields: ``VehicleDetailsIn``)."""

    brand = _text(100, "Merek.")
    type = _text(100, "Tipe.")
    size_cc = _text(40, "Ukuran/CC.")
    material = _text(100, "Bahan.")
    serial_number = _text(100, "Nomor pabrik / nomor seri.")
    plate_number = Text(allow_none=True, validate=max_length(20), metadata=describe(
        "Nomor polisi (kendaraan), mis. `DK 1234 AB`."))
    frame_number = _text(60, "Nomor rangka (kendaraan).")
    engine_number = _text(60, "Nomor mesin (kendaraan).")
    bpkb_number = _text(60, "Nomor BPKB (kendaraan).")
    seats = _count("Jumlah tempat duduk (kendaraan).")
    fuel = fields.String(allow_none=True, validate=one_of(FUELS), metadata=describe(
        "Bahan bakar (kendaraan).", enum=list(FUELS)))

    @validates("plate_number")
    def _plate_format(self, value, **kwargs):
        if value and normalise_plate(value) is None:
            raise ValidationError("Nomor polisi seperti DK 1234 AB.")

    @post_load
    def _plate(self, data, **kwargs):
        if data.get("plate_number"):
            data["plate_number"] = normalise_plate(data["plate_number"])
        return data


class VehicleDetailsIn(KibBDetailsIn):
    """KIB B on a motor-vehicle code: plate, frame, engine and BPKB numbers are required."""

    @validates_schema
    def _vehicle(self, data, **kwargs):
        problems = {k: "Wajib diisi untuk kendaraan." for k in ("plate_number", "frame_number", "engine_number",
                                                                "bpkb_number") if not data.get(k)}
        if problems:
            raise ValidationError(problems)


class KibCDetailsIn(_Details):
    """KIB C — gedung dan bangunan."""

    floors = _count("Jumlah lantai (≥ 1).")
    land_area_m2 = _positive("Luas tanah (m²).")
    construction = fields.String(allow_none=True, validate=one_of(CONSTRUCTIONS), metadata=describe(
        "Konstruksi.", enum=list(CONSTRUCTIONS)))
    concrete = fields.Boolean(allow_none=True, metadata=describe("Beton (true) atau tidak."))
    floor_area_m2 = _positive("Luas lantai (m²).", required=True)
    address = _text(300, "Letak/alamat.", required=True)
    land_status = _text(100, "Status tanah.")
    document_number = _text(100, "Nomor dokumen gedung.")
    document_date = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen gedung."))
    land_code = _text(40, "Kode tanah (barang KIB A tempat gedung berdiri).")


class KibDDetailsIn(_Details):
    """KIB D — jalan, irigasi dan jaringan."""

    construction = _text(100, "Konstruksi.")
    length_m = _positive("Panjang (m).")
    width_m = _positive("Lebar (m).")
    area_m2 = _positive("Luas (m²).")
    address = _text(300, "Letak/alamat.", required=True)
    document_number = _text(100, "Nomor dokumen.")
    document_date = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen."))
    land_status = _text(100, "Status tanah.")


class KibEDetailsIn(_Details):
    """KIB E — aset tetap lainnya: buku (judul, pengarang, spesifikasi), barang bercorak kesenian (asal daerah,
    pencipta, bahan), hewan/tumbuhan (jenis, ukuran)."""

    title = _text(300, "Judul (buku).")
    author = _text(200, "Pengarang/pencipta (buku).")
    specification = _text(300, "Spesifikasi (buku).")
    origin = _text(200, "Asal daerah (kesenian).")
    creator = _text(200, "Pencipta (kesenian).")
    material = _text(100, "Bahan (kesenian).")
    kind = _text(200, "Jenis (hewan/tumbuhan).")
    size = _text(100, "Ukuran (hewan/tumbuhan).")

    @validates_schema
    def _title_or_kind(self, data, **kwargs):
        if not data.get("title") and not data.get("kind"):
            raise ValidationError({"title": "Isi judul (buku/kesenian) atau jenis (hewan/tumbuhan).",
                                   "kind": "Isi judul (buku/kesenian) atau jenis (hewan/tumbuhan)."})


class KibFDetailsIn(_Details):
    """KIB F — konstruksi dalam pengerjaan."""

    construction = fields.String(allow_none=True, validate=one_of(CONSTRUCTIONS), metadata=describe(
        "Konstruksi.", enum=list(CONSTRUCTIONS)))
    floors = _count("Jumlah lantai.")
    concrete = fields.Boolean(allow_none=True, metadata=describe("Beton."))
    area_m2 = _positive("Luas (m²).")
    address = _text(300, "Letak/alamat.")
    document_number = _text(100, "Nomor dokumen.")
    document_date = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen."))
    start_date = fields.Date(required=True, metadata=describe("Tanggal mulai pengerjaan."))
    land_status = _text(100, "Status tanah.")
    work_status = _text(200, "Status pekerjaan.")


#: Each KIB's details schema (a vehicle code's: ``VehicleDetailsIn``).
KIB_DETAILS = {"A": KibADetailsIn, "B": KibBDetailsIn, "C": KibCDetailsIn, "D": KibDDetailsIn,
               "E": KibEDetailsIn, "F": KibFDetailsIn}


# -- inputs ---------------------------------------------------------------------------------------------------

class AssetCodeFilters(ContractSchema):
    prefix = Text(allow_none=True, validate=[validate.Regexp(CODE_TEXT, error="Awal kode seperti 1.3.2.02."),
                                             max_length(30)], metadata=describe("Kode diawali ini."))
    kib = fields.String(allow_none=True, validate=one_of(KIBS), metadata=describe("KIB.", enum=list(KIBS)))
    q = Text(allow_none=True, validate=max_length(100), metadata=describe("Teks pada nama atau kode."))
    registrable = fields.Boolean(allow_none=True, metadata=describe("Hanya kode tempat barang didaftarkan."))


class AssetCodeFileIn(ContractSchema):
    filename = _text(200, "Nama berkas (`.csv`/`.xlsx`).", required=True)
    content_b64 = kit_schema.Base64Bytes(required=True, max_bytes=MAX_TABLE_BYTES, metadata=describe(
        "CSV/XLSX berkolom `kode,nama,roda` dalam base64 (maksimal 5 MB)."))


class UsefulLifeIn(ContractSchema):
    code_prefix = Text(required=True, validate=[validate.Regexp(CODE_TEXT, error="Awal kode seperti 1.3.2.02."),
                                                max_length(30)], metadata=describe("Awal kode barang."))
    years = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=100, error="Harus 0 sampai 100."), metadata=describe("Masa manfaat (tahun); 0: tidak disusutkan."))
    valid_from = fields.Date(required=True, metadata=describe("Berlaku mulai (YYYY-MM-DD)."))
    note = _text(300, "Keterangan (dasar hukum).")


class AssetBuildingIn(ContractSchema):
    code = _text(20, "Kode gedung (unik).", required=True)
    name = _text(200, "Nama gedung.", required=True)
    address = _text(300, "Alamat.")
    asset_id = fields.Integer(allow_none=True, **ID, metadata=describe("Barang KIB C gedung ini, bila terdaftar."))
    bookable = fields.Boolean(load_default=False, metadata=describe("Dipinjamkan lewat booking sebagai satu gedung."))
    capacity = _count("Kapasitas orang.")
    facilities = _facilities()
    active = fields.Boolean(load_default=True, metadata=describe("Aktif."))


class AssetFloorIn(ContractSchema):
    building_id = fields.Integer(required=True, **ID, metadata=describe("Gedung."))
    name = _text(60, "Nama lantai, mis. `Lantai 2`.", required=True)
    level = fields.Integer(load_default=1, strict=True, validate=validate.Range(
        min=-5, max=100, error="Harus -5 sampai 100."), metadata=describe("Urutan lantai."))


class AssetRoomIn(ContractSchema):
    floor_id = fields.Integer(required=True, **ID, metadata=describe("Lantai."))
    code = _text(20, "Kode ruangan (unik).", required=True)
    name = _text(200, "Nama ruangan.", required=True)
    person_in_charge_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Penanggung jawab ruangan (id pegawai; menandatangani KIR)."))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit kerja pengguna ruangan."))
    capacity = _count("Kapasitas orang.")
    facilities = _facilities()
    bookable = fields.Boolean(load_default=False, metadata=describe("Dipinjamkan lewat booking."))
    active = fields.Boolean(load_default=True, metadata=describe("Aktif."))


class AssetRoomFilters(ContractSchema):
    building_id = fields.Integer(allow_none=True, **ID, metadata=describe("Gedung."))
    floor_id = fields.Integer(allow_none=True, **ID, metadata=describe("Lantai."))
    q = Text(allow_none=True, validate=max_length(100), metadata=describe("Teks pada kode atau nama ruangan."))
    include_inactive = fields.Boolean(load_default=False, metadata=describe("Sertakan ruangan nonaktif."))


class AssetIn(ContractSchema):
    code = Text(required=True, validate=[validate.Regexp(CODE_TEXT, error="Kode barang seperti 1.3.2.05.02.01.003."),
                                         max_length(30)], metadata=describe("Kode barang (tingkat terakhir)."))
    name = _text(300, "Nama/uraian barang.", required=True)
    acquisition_year = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1900, max=2100, error="Tahun 1900-2100."), metadata=describe("Tahun perolehan."))
    acquisition_date = fields.Date(allow_none=True, metadata=describe(
        "Tanggal perolehan (tahunnya = tahun perolehan)."))
    acquisition_value = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=10**15, error="Harus rupiah bulat 0 atau lebih."), metadata=describe("Nilai perolehan (rupiah)."))
    source = fields.String(required=True, validate=one_of(SOURCES), metadata=describe(
        "Asal-usul perolehan.", enum=list(SOURCES)))
    condition = fields.String(required=True, validate=one_of(CONDITIONS), metadata=describe(
        "Kondisi: B baik, KB kurang baik, RB rusak berat.", enum=list(CONDITIONS)))
    room_id = fields.Integer(allow_none=True, **ID, metadata=describe("Ruangan tempat barang berada."))
    holder_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pemegang (id pegawai)."))
    notes = _text(2000, "Keterangan.")
    details = fields.Dict(load_default=dict, metadata=describe(
        "Kolom khusus KIB (lihat `KibADetailsIn` … `KibFDetailsIn`; kendaraan: `VehicleDetailsIn`)."))

    @validates_schema(skip_on_field_errors=True)
    def _date_in_year(self, data, **kwargs):
        when, year = data.get("acquisition_date"), data.get("acquisition_year")
        if when and year and when.year != year:
            raise ValidationError({"acquisition_date": "Tahun tanggal perolehan harus sama dengan tahun perolehan."})


class AssetChangeIn(AssetIn):
    """A partial change: only the fields sent (``code``, ``room_id`` and ``holder_employee_id`` are refused by
    the service: re-register, or hand the item over). ``updated_at``: the version edited (409 when it changed)."""

    updated_at = fields.DateTime(allow_none=True, metadata=describe(
        "`updated_at` barang yang diubah (opsional): 409 bila barang sudah diubah orang lain."))


class AssetFilters(ContractSchema):
    kib = fields.String(allow_none=True, validate=one_of(KIBS), metadata=describe("KIB.", enum=list(KIBS)))
    code = Text(allow_none=True, validate=[validate.Regexp(CODE_TEXT, error="Awal kode seperti 1.3.2.02."),
                                           max_length(30)], metadata=describe("Kode barang diawali ini."))
    room_id = fields.Integer(allow_none=True, **ID, metadata=describe("Ruangan."))
    building_id = fields.Integer(allow_none=True, **ID, metadata=describe("Gedung."))
    condition = fields.String(allow_none=True, validate=one_of(CONDITIONS), metadata=describe(
        "Kondisi.", enum=list(CONDITIONS)))
    holder_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pemegang."))
    status = fields.String(load_default="active", validate=one_of(ASSET_STATUSES), metadata=describe(
        "Status (bawaan `active`).", enum=list(ASSET_STATUSES)))
    acquisition_year = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1900, max=2100, error="Tahun 1900-2100."), metadata=describe("Tahun perolehan."))
    q = Text(allow_none=True, validate=max_length(100), metadata=describe(
        "Kata pada nama, nomor register, nomor polisi atau kode (semua kata, awalan kata)."))


class AssetFileIn(ContractSchema):
    kind = fields.String(load_default="photo", validate=one_of(FILE_KINDS), metadata=describe(
        "`photo` (JPEG/PNG/WebP, maks. 8 MB) atau `document` (PDF, maks. 10 MB).", enum=list(FILE_KINDS)))
    filename = _text(255, "Nama berkas asli.", required=True)
    content_b64 = FileBytes(required=True, metadata=describe("Isi berkas dalam base64 (dinilai dari isinya)."))
    caption = _text(300, "Keterangan foto/dokumen.")


class AssetImportIn(ContractSchema):
    filename = _text(200, "Nama berkas (`.csv`/`.xlsx`).", required=True)
    content_b64 = kit_schema.Base64Bytes(required=True, max_bytes=MAX_TABLE_BYTES, metadata=describe(
        "CSV/XLSX register (kolom seperti templat) dalam base64 (maksimal 5 MB)."))


# -- answers --------------------------------------------------------------------------------------------------

class AssetCodeOut(ContractSchema):
    code = text("Kode barang (Permendagri 108/2016).")
    name = text("Nama.")
    kib = choice("KIB (null di atas tingkat jenis).", KIBS, nullable=True)
    level = integer("Tingkat 1-7.")
    parent_code = text("Kode induk.", nullable=True)
    registrable = flag("Barang didaftarkan pada kode ini (tingkat terakhir).")
    vehicle_wheels = integer("Kendaraan bermotor: jumlah roda.", nullable=True)
    active = flag("Masih dipakai.")


class AssetCodePage(ContractSchema):
    items = listing(AssetCodeOut, "Kode, urut kode.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class AssetCodeImportOut(ContractSchema):
    created = integer("Kode baru.")
    updated = integer("Kode yang namanya/rodanya diperbarui.")
    total = integer("Baris pada berkas.")


class UsefulLifeOut(ContractSchema):
    id = integer("Id.")
    code_prefix = text("Awal kode barang.")
    years = integer("Masa manfaat (tahun).")
    valid_from = day("Berlaku mulai")
    note = text("Keterangan.", nullable=True)


class AssetFloorOut(ContractSchema):
    id = integer("Id lantai.")
    building_id = integer("Gedung.")
    name = text("Nama lantai.")
    level = integer("Urutan lantai.")
    room_count = integer("Ruangan pada lantai ini.")


class AssetBuildingOut(ContractSchema):
    id = integer("Id gedung.")
    code = text("Kode gedung.")
    name = text("Nama gedung.")
    address = text("Alamat.", nullable=True)
    asset_id = integer("Barang KIB C gedung ini.", nullable=True)
    bookable = flag("Dipinjamkan lewat booking.")
    capacity = integer("Kapasitas.", nullable=True)
    facilities = listing(fields.String(), "Fasilitas.")
    active = flag("Aktif.")
    floors = listing(AssetFloorOut, "Lantai, urut tingkat.")
    updated_at = moment("Diubah terakhir")


class AssetRoomOut(ContractSchema):
    id = integer("Id ruangan.")
    floor_id = integer("Lantai.")
    floor_name = text("Nama lantai.")
    building_id = integer("Gedung.")
    building_name = text("Nama gedung.")
    code = text("Kode ruangan.")
    name = text("Nama ruangan.")
    person_in_charge_employee_id = integer("Penanggung jawab (id pegawai).", nullable=True)
    person_in_charge_name = text("Nama penanggung jawab (salinan roster).", nullable=True)
    unit_id = integer("Unit kerja pengguna.", nullable=True)
    unit_name = text("Nama unit kerja.", nullable=True)
    capacity = integer("Kapasitas orang.", nullable=True)
    facilities = listing(fields.String(), "Fasilitas.")
    bookable = flag("Dipinjamkan lewat booking.")
    active = flag("Aktif.")
    item_count = integer("Barang aktif di ruangan ini.")
    updated_at = moment("Diubah terakhir")


class AssetRoomPage(ContractSchema):
    items = listing(AssetRoomOut, "Ruangan, urut kode.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class AssetOut(ContractSchema):
    """An item as the register lists it."""

    id = integer("Id barang.")
    code = text("Kode barang.")
    code_name = text("Nama kode barang.", nullable=True)
    register_number = integer("Nomor register (per kode).")
    kib = choice("KIB.", KIBS)
    name = text("Nama/uraian barang.")
    acquisition_year = integer("Tahun perolehan.")
    acquisition_value = rupiah("Nilai perolehan")
    condition = choice("Kondisi: B baik, KB kurang baik, RB rusak berat.", CONDITIONS)
    status = choice("Status.", ASSET_STATUSES)
    room_id = integer("Ruangan.", nullable=True)
    room_code = text("Kode ruangan.", nullable=True)
    room_name = text("Nama ruangan.", nullable=True)
    holder_employee_id = integer("Pemegang (id pegawai).", nullable=True)
    holder_name = text("Nama pemegang (salinan roster).", nullable=True)
    plate_number = text("Nomor polisi (kendaraan).", nullable=True)
    updated_at = moment("Diubah terakhir")


class AssetPage(ContractSchema):
    items = listing(AssetOut, "Barang, terbaru dulu (id menurun).", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class AssetFileOut(ContractSchema):
    id = integer("Id berkas.")
    asset_id = integer("Barang.")
    kind = choice("Foto atau dokumen.", FILE_KINDS)
    filename = text("Nama berkas.")
    content_type = text("Jenis isi (menurut isinya).")
    size = integer("Ukuran (byte).")
    sha256 = text("SHA-256 berkas asli.")
    caption = text("Keterangan.", nullable=True)
    has_thumbnail = flag("Ada gambar kecil dan salinan web (foto).")
    uploaded_at = moment("Diunggah")
    uploaded_by = text("Pengunggah.")


class AssetHistoryOut(ContractSchema):
    id = integer("Id riwayat.")
    at = moment("Saat", nullable=False)
    kind = choice("Peristiwa.", HISTORY_KINDS)
    actor = text("Pelaku (nama pengguna; `system` dari layanan lain).")
    from_room_id = integer("Dari ruangan.", nullable=True)
    from_room_name = text("Nama ruangan asal.", nullable=True)
    to_room_id = integer("Ke ruangan.", nullable=True)
    to_room_name = text("Nama ruangan tujuan.", nullable=True)
    from_holder_employee_id = integer("Dari pemegang.", nullable=True)
    from_holder_name = text("Nama pemegang asal.", nullable=True)
    to_holder_employee_id = integer("Ke pemegang.", nullable=True)
    to_holder_name = text("Nama pemegang baru.", nullable=True)
    from_condition = choice("Kondisi sebelumnya.", CONDITIONS, nullable=True)
    to_condition = choice("Kondisi sesudahnya.", CONDITIONS, nullable=True)
    odometer_km = integer("Odometer (km).", nullable=True)
    reference_kind = text("Dokumen asal: handover, campaign, disposal, maintenance, trip, import.", nullable=True)
    reference_id = integer("Id dokumen asal.", nullable=True)
    reference_number = text("Nomor dokumen asal.", nullable=True)
    note = text("Catatan.", nullable=True)
    data = fields.Dict(metadata=describe("Data lain (mis. kolom yang diubah: `{kolom: {old, new}}`)."))


class AssetDetailOut(AssetOut):
    """An item's page: everything, its files (without content), its history and what the caller may do."""

    code_vehicle_wheels = integer("Kendaraan bermotor: jumlah roda kodenya.", nullable=True)
    acquisition_date = day("Tanggal perolehan", nullable=True)
    source = choice("Asal-usul perolehan.", SOURCES)
    notes = text("Keterangan.", nullable=True)
    details = fields.Dict(metadata=describe("Kolom khusus KIB."))
    building_id = integer("Gedung ruangannya.", nullable=True)
    building_name = text("Nama gedung.", nullable=True)
    floor_name = text("Nama lantai.", nullable=True)
    odometer_km = integer("Odometer terakhir (km, kendaraan).", nullable=True)
    label_printed_at = moment("Label terakhir dicetak")
    registered_at = moment("Didaftarkan", nullable=False)
    registered_by = text("Pendaftar.")
    disposed_at = moment("Dihapuskan")
    useful_life_years = integer("Masa manfaat kodenya (tahun), bila ada.", nullable=True)
    files = listing(AssetFileOut, "Foto dan dokumen (tanpa isi).")
    history = listing(AssetHistoryOut, "Riwayat, terlama dulu.")
    allowed_actions = listing(fields.String(validate=validate.OneOf(ASSET_ACTIONS)), (
        "Yang boleh dilakukan pemanggil: " + ", ".join(ASSET_ACTIONS) + "."))
    suggest_disposal = flag("Rusak berat: pertimbangkan penghapusan.")


class AssetRegisterFileOut(ContractSchema):
    """A file out: an item's photo/document, or the import template."""

    filename = text("Nama berkas unduhan.")
    content_type = text("Jenis isi.")
    content_b64 = kit_schema.Base64Bytes(attribute="content", metadata=describe("Isi berkas dalam base64."))


class AssetImportKibOut(ContractSchema):
    kib = choice("KIB.", KIBS)
    count = integer("Barang yang dimuat.")


class AssetImportOut(ContractSchema):
    total = integer("Barang yang dimuat.")
    by_kib = listing(AssetImportKibOut, "Jumlah per KIB.")
    first_id = integer("Id barang pertama yang dimuat.", nullable=True)
    last_id = integer("Id barang terakhir yang dimuat.", nullable=True)


class AssetEvent(ContractSchema):
    """``assets.item_registered`` / ``assets.item_changed``: an item as others need it."""

    id = integer("Id barang.")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    kib = choice("KIB.", KIBS)
    name = text("Nama barang.")
    condition = choice("Kondisi.", CONDITIONS)
    room_id = integer("Ruangan.", nullable=True)
    holder_employee_id = integer("Pemegang.", nullable=True)
    acquisition_year = integer("Tahun perolehan.")
    acquisition_value = rupiah("Nilai perolehan")
    status = choice("Status.", ASSET_STATUSES)


_ALL = (KibADetailsIn, KibBDetailsIn, VehicleDetailsIn, KibCDetailsIn, KibDDetailsIn, KibEDetailsIn, KibFDetailsIn,
        AssetCodeFilters, AssetCodeFileIn, UsefulLifeIn, AssetBuildingIn, AssetFloorIn, AssetRoomIn, AssetRoomFilters,
        AssetIn, AssetChangeIn, AssetFilters, AssetFileIn, AssetImportIn, AssetCodeOut, AssetCodePage,
        AssetCodeImportOut, UsefulLifeOut, AssetFloorOut, AssetBuildingOut, AssetRoomOut, AssetRoomPage, AssetOut,
        AssetPage, AssetFileOut, AssetHistoryOut, AssetDetailOut, AssetRegisterFileOut, AssetImportKibOut,
        AssetImportOut, AssetEvent)
SCHEMAS = {cls.__name__: cls for cls in _ALL}
EVENTS = {Assets.ITEM_REGISTERED: AssetEvent, Assets.ITEM_CHANGED: AssetEvent}
