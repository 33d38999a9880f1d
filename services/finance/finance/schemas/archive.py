"""finance contract: the archive ("Pencatatan G Drive") — uploads, links, the register, files, the
classification list and the integrity check.

``SCHEMAS`` (name -> schema) and ``EVENTS`` (event name -> payload schema) are merged by ``finance.schemas``.
"""
from __future__ import annotations

import re

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_contracts.events import Finance
from situok_kit import schema as kit_schema
from situok_kit.outputs import choice, day, flag, integer, listing, moment, text
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..models.archive import ARCHIVE_KINDS, DISPOSITIONS, INTEGRITY_STATES

#: The largest file the archive takes.
MAX_ARCHIVE_BYTES = 10 * 1024 * 1024
#: The largest classification list an admin may load.
MAX_CLASSIFICATION_FILE_BYTES = 512 * 1024
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
CLASSIFICATION_CODE = re.compile(r"^[0-9]{3}(\.[0-9]{1,3}){0,4}$")
ARCHIVE_ACTIONS = ("download", "open_link")


class ArchiveBytes(kit_schema.Base64Bytes):
    """A file for the archive: at most 10 MB, a browser's ``data:`` URL accepted."""

    max_bytes = MAX_ARCHIVE_BYTES
    data_url = True


def _code(**kwargs) -> fields.String:
    return Text(validate=[validate.Regexp(CLASSIFICATION_CODE, error="Kode klasifikasi seperti 900.1.4."),
                          max_length(20)], **kwargs)


# -- inputs ------------------------------------------------------------------------------------------------

class _ArchiveMetadataIn(ContractSchema):
    classification_code = _code(required=True, metadata=describe("Kode klasifikasi arsip, mis. `900.1.4`."))
    title = Text(required=True, validate=required_text(300), metadata=describe("Judul dokumen."))
    description = Text(allow_none=True, validate=max_length(5000), metadata=describe("Uraian (dicari teks)."))
    number = Text(allow_none=True, validate=max_length(120), metadata=describe("Nomor dokumen/bukti."))
    vendor = Text(allow_none=True, validate=max_length(200), metadata=describe("Penyedia/toko."))
    account_code = Text(allow_none=True, validate=[validate.Regexp(r"^[0-9][0-9.]*$", error=(
        "Kode rekening seperti 5.1.02.01.01.0024.")), max_length(40)], metadata=describe("Kode rekening."))
    document_date = fields.Date(allow_none=True, metadata=describe(
        "Tanggal dokumen (YYYY-MM-DD, WITA); menentukan tahun/bulan arsip dan retensinya. Kosong: hari ini."))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit kerja pemilik dokumen."))
    spj_id = fields.Integer(allow_none=True, **ID, metadata=describe("SPJ yang didukung dokumen ini."))


class ArchiveUploadIn(_ArchiveMetadataIn):
    filename = Text(required=True, validate=required_text(255), metadata=describe("Nama berkas asli."))
    content_b64 = ArchiveBytes(required=True, metadata=describe(
        "Isi berkas (PDF, JPEG, PNG atau WebP) dalam base64, maksimal 10 MB."))


class ArchiveLinkIn(_ArchiveMetadataIn):
    url = Text(required=True, validate=[validate.URL(schemes={"https"}, require_tld=True, error=(
        "Harus alamat https:// yang lengkap (mis. tautan Google Drive).")), max_length(2000)],
        metadata=describe("Alamat dokumen yang disimpan di tempat lain (https, mis. Google Drive)."))
    sha256 = Text(allow_none=True, validate=validate.Regexp(SHA256, error="Harus 64 digit heksadesimal."),
                  metadata=describe("SHA-256 berkas bila diketahui (64 digit heksadesimal)."))
    filename = Text(allow_none=True, validate=max_length(255), metadata=describe("Nama berkas, bila ada."))


class ArchiveFilters(ContractSchema):
    number = Text(allow_none=True, validate=max_length(120), metadata=describe("Nomor dokumen memuat teks ini."))
    vendor = Text(allow_none=True, validate=max_length(200), metadata=describe("Penyedia memuat teks ini."))
    account_code = Text(allow_none=True, validate=max_length(40), metadata=describe(
        "Kode rekening diawali ini (mis. `5.1.02` mencakup rinciannya)."))
    date_from = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen pada/sesudah ini."))
    date_to = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen pada/sebelum ini."))
    fiscal_year = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=2000, max=2100, error="Tahun 2000-2100."), metadata=describe("Tahun arsip."))
    month = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1, max=12, error="Bulan 1-12."), metadata=describe("Bulan arsip (1-12)."))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit kerja."))
    classification_code = _code(allow_none=True, metadata=describe(
        "Kode klasifikasi beserta sub-kodenya (`900.1` mencakup `900.1.4`)."))
    spj_id = fields.Integer(allow_none=True, **ID, metadata=describe("SPJ."))
    kind = fields.String(allow_none=True, validate=one_of(ARCHIVE_KINDS), metadata=describe(
        "`file` (disimpan di arsip) atau `link` (tautan).", enum=list(ARCHIVE_KINDS)))
    integrity = fields.String(allow_none=True, validate=one_of(INTEGRITY_STATES), metadata=describe(
        "Hasil pemeriksaan keutuhan terakhir.", enum=list(INTEGRITY_STATES)))
    q = Text(allow_none=True, validate=max_length(200), metadata=describe(
        "Kata yang dicari pada nomor, judul, uraian dan penyedia (semua kata harus ada)."))

    @validates_schema
    def _dates(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("Tidak boleh sebelum date_from.", "date_to")


class ArchiveClassificationFileIn(ContractSchema):
    filename = Text(required=True, validate=required_text(200), metadata=describe("Nama berkas `.csv`."))
    content_b64 = kit_schema.Base64Bytes(required=True, max_bytes=MAX_CLASSIFICATION_FILE_BYTES, metadata=describe(
        "CSV berkolom code,name,active_years,inactive_years,disposition[,note] dalam base64 (maksimal 512 KB)."))


# -- answers -----------------------------------------------------------------------------------------------

class ArchiveClassificationOut(ContractSchema):
    code = text("Kode klasifikasi arsip.")
    name = text("Nama.")
    active_years = integer("Retensi aktif (tahun).")
    inactive_years = integer("Retensi inaktif (tahun).")
    disposition = choice("Nasib akhir: musnah atau permanen.", DISPOSITIONS)
    active = flag("Masih dipakai untuk dokumen baru.")
    note = text("Catatan (mis. perlu diverifikasi).", nullable=True)


class ArchiveClassificationLoadOut(ContractSchema):
    created = integer("Kode baru.")
    updated = integer("Kode yang diperbarui.")
    deactivated = integer("Kode yang tidak ada lagi di daftar (tidak dipakai untuk dokumen baru).")
    items = listing(ArchiveClassificationOut, "Daftar klasifikasi sesudah dimuat.", required=True)


class ArchiveDocumentOut(ContractSchema):
    id = integer("Id dokumen arsip.")
    number = text("Nomor dokumen/bukti.", nullable=True)
    title = text("Judul.")
    description = text("Uraian.", nullable=True)
    classification_code = text("Kode klasifikasi arsip.")
    classification_name = text("Nama klasifikasi.", nullable=True)
    disposition = choice("Nasib akhir sesudah retensi.", DISPOSITIONS, nullable=True)
    retention_until = day("Akhir masa retensi")
    fiscal_year = integer("Tahun arsip.")
    month = integer("Bulan arsip (1-12).")
    unit_id = integer("Unit kerja.", nullable=True)
    unit_name = text("Nama unit kerja (salinan roster).", nullable=True)
    vendor = text("Penyedia.", nullable=True)
    account_code = text("Kode rekening.", nullable=True)
    document_date = day("Tanggal dokumen", nullable=True)
    spj_id = integer("SPJ yang didukung.", nullable=True)
    kind = choice("`file`: disimpan di arsip; `link`: tautan ke tempat lain.", ARCHIVE_KINDS)
    filename = text("Nama berkas.", nullable=True)
    content_type = text("Jenis isi berkas (menurut isinya).", nullable=True)
    size_bytes = integer("Ukuran berkas (byte).", nullable=True)
    sha256 = text("SHA-256 berkas (null untuk tautan tanpa checksum).", nullable=True)
    url = text("Alamat dokumen (tautan).", nullable=True)
    storage_key = text("Letak berkas di penyimpanan arsip (tahun/bulan/unit/...).", nullable=True)
    created_by = text("Pengunggah.")
    created_at = moment("Diarsipkan", nullable=False)
    integrity = choice("Hasil pemeriksaan keutuhan terakhir.", INTEGRITY_STATES)
    checked_at = moment("Diperiksa terakhir")
    allowed_actions = listing(fields.String(validate=one_of(ARCHIVE_ACTIONS)),
                              "Yang dapat dilakukan pemanggil: `download` (berkas), `open_link` (tautan).")


class ArchivePage(ContractSchema):
    items = listing(ArchiveDocumentOut, "Dokumen, terbaru dulu (id menurun).", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class ArchiveFileOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = text("Jenis isi berkas.")
    sha256 = text("SHA-256 berkas tersimpan.")
    content_b64 = kit_schema.Base64Bytes(attribute="content", metadata=describe("Isi berkas dalam base64."))


class ArchiveProblemOut(ContractSchema):
    document_id = integer("Id dokumen arsip.")
    number = text("Nomor dokumen.", nullable=True)
    title = text("Judul.")
    classification_code = text("Kode klasifikasi.")
    storage_key = text("Letak berkas.")
    state = choice("`mismatch`: isi tidak cocok dengan SHA-256; `missing`: berkas tidak ada.",
                   ("mismatch", "missing"))
    expected_sha256 = text("SHA-256 yang tercatat.")
    actual_sha256 = text("SHA-256 isi sekarang; null bila berkas tidak ada.", nullable=True)
    checked_at = moment("Diperiksa", nullable=False)


class ArchiveCheckOut(ContractSchema):
    skipped = flag("Tidak dijalankan: pemeriksaan lain sedang berjalan atau baru saja selesai.")
    checked = integer("Berkas yang dibaca ulang.")
    ok = integer("Cocok dengan SHA-256-nya.")
    mismatched = integer("Isinya berubah.")
    missing = integer("Berkasnya hilang.")
    links = integer("Tautan (tidak dapat dibaca ulang, dilewati).")
    problems = listing(ArchiveProblemOut, "Dokumen bermasalah (paling banyak 200 pertama).", required=True)
    checked_at = moment("Waktu pemeriksaan", nullable=True)


# -- events ------------------------------------------------------------------------------------------------

class ArchiveDocumentArchivedEvent(ContractSchema):
    """``finance.document_archived``: a new document in the register."""

    id = integer("Id dokumen arsip.")
    number = text("Nomor dokumen.", nullable=True)
    title = text("Judul.")
    classification_code = text("Kode klasifikasi.")
    retention_until = day("Akhir retensi")
    fiscal_year = integer("Tahun arsip.")
    month = integer("Bulan arsip.")
    unit_id = integer("Unit kerja.", nullable=True)
    spj_id = integer("SPJ.", nullable=True)
    kind = choice("`file` atau `link`.", ARCHIVE_KINDS)
    filename = text("Nama berkas.", nullable=True)
    content_type = text("Jenis isi.", nullable=True)
    size_bytes = integer("Ukuran (byte).", nullable=True)
    sha256 = text("SHA-256.", nullable=True)
    url = text("Alamat (tautan).", nullable=True)
    created_by = text("Pengunggah.")


class ArchiveMismatchFoundEvent(ArchiveProblemOut):
    """``finance.archive_mismatch_found``: one document whose stored bytes no longer match its sha256, or
    whose file is gone (one event per document per check)."""


SCHEMAS = {
    "ArchiveUploadIn": ArchiveUploadIn,
    "ArchiveLinkIn": ArchiveLinkIn,
    "ArchiveFilters": ArchiveFilters,
    "ArchiveClassificationFileIn": ArchiveClassificationFileIn,
    "ArchiveClassificationOut": ArchiveClassificationOut,
    "ArchiveClassificationLoadOut": ArchiveClassificationLoadOut,
    "ArchiveDocumentOut": ArchiveDocumentOut,
    "ArchivePage": ArchivePage,
    "ArchiveFileOut": ArchiveFileOut,
    "ArchiveProblemOut": ArchiveProblemOut,
    "ArchiveCheckOut": ArchiveCheckOut,
    "ArchiveDocumentArchivedEvent": ArchiveDocumentArchivedEvent,
    "ArchiveMismatchFoundEvent": ArchiveMismatchFoundEvent,
}
EVENTS = {
    Finance.DOCUMENT_ARCHIVED: ArchiveDocumentArchivedEvent,
    Finance.ARCHIVE_MISMATCH_FOUND: ArchiveMismatchFoundEvent,
}
