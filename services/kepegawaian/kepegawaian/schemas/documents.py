"""kepegawaian's documents contract: the document types (data), an employee's documents (upload, update,
verify, reject, the file), completeness per employee and per unit, documents expiring soon.

The file travels as base64 (``file``, at most 5 MB) with its name and declared media type; the service judges
it by its content. Event payloads carry ids, the type, the status and the verifier — never the file nor a
paper's number (a NIK, an NPWP)."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Kepegawaian as _Events
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, number, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, one_of

from ..domain.document_rules import ACTIONS, EMPLOYMENT_TYPES, STATES
from ..models.documents import APPLIES, DOCUMENT_STATUSES

#: The file: PDF, JPEG or PNG (judged by content), at most this many bytes.
FILE_MAX_BYTES = 5 * 1024 * 1024
LIMITS = {"number": 100, "reason": 1000, "file_name": 200, "content_type": 100}


class _DocumentFile(Base64Bytes):
    max_bytes = FILE_MAX_BYTES
    data_url = True


class DocumentTypeOut(ContractSchema):
    """A document type: which paper fields apply, who must hold it, the schema of its details."""

    code = text("Kode jenis.")
    name = text("Nama jenis dokumen.")
    description = text("Keterangan.", nullable=True)
    required_for = listing(fields.String(), "Jenis kepegawaian yang wajib memiliki (pns, pppk, non_asn).")
    number_rule = choice("Nomor: none/optional/required.", APPLIES)
    issued_rule = choice("Tanggal dokumen: none/optional/required.", APPLIES)
    tmt_rule = choice("TMT: none/optional/required.", APPLIES)
    expiry_rule = choice("Berlaku sampai: none/optional/required.", APPLIES)
    multiple = flag("Seorang pegawai boleh memiliki lebih dari satu.")
    detail_fields = listing(fields.Dict(), "Isian rincian: {name, label, kind, required, choices?, min?, max?}.")
    sort_order = integer("Urutan.")
    active = flag("Aktif.")


class DocumentTypeList(ContractSchema):
    items = listing(DocumentTypeOut, "Jenis dokumen, menurut urutan.", required=True)


class DocumentTypeIn(ContractSchema):
    """Admin: change a type (every field optional)."""

    name = Text(validate=validate.Length(min=2, max=120), metadata=describe("Nama."))
    description = Text(allow_none=True, validate=validate.Length(max=1000), metadata=describe("Keterangan."))
    required_for = fields.List(fields.String(validate=one_of(EMPLOYMENT_TYPES)),
                               metadata=describe("Jenis kepegawaian yang wajib memiliki."))
    number_rule = fields.String(validate=one_of(APPLIES), metadata=describe("Nomor."))
    issued_rule = fields.String(validate=one_of(APPLIES), metadata=describe("Tanggal dokumen."))
    tmt_rule = fields.String(validate=one_of(APPLIES), metadata=describe("TMT."))
    expiry_rule = fields.String(validate=one_of(APPLIES), metadata=describe("Berlaku sampai."))
    multiple = fields.Boolean(metadata=describe("Boleh lebih dari satu."))
    detail_fields = fields.List(fields.Dict(), metadata=describe("Isian rincian."))
    sort_order = fields.Integer(strict=True, validate=validate.Range(min=0, max=10000), metadata=describe("Urutan."))
    active = fields.Boolean(metadata=describe("Aktif."))


class _PaperFields(ContractSchema):
    number = Text(allow_none=True, validate=validate.Length(max=LIMITS["number"]),
                  metadata=describe("Nomor dokumen sebagaimana tertulis."))
    issued_on = fields.Date(allow_none=True, metadata=describe("Tanggal dokumen (YYYY-MM-DD)."))
    tmt = fields.Date(allow_none=True, metadata=describe("Terhitung mulai tanggal (SK)."))
    expires_on = fields.Date(allow_none=True, metadata=describe("Berlaku sampai (bila ada)."))
    details = fields.Dict(allow_none=True, metadata=describe("Rincian menurut jenis (mis. ijazah: level, major, "
                                                             "institution, year)."))
    file_name = Text(allow_none=True, validate=validate.Length(max=LIMITS["file_name"]),
                     metadata=describe("Nama berkas."))
    content_type = fields.String(allow_none=True, validate=validate.Length(max=LIMITS["content_type"]),
                                 metadata=describe("Jenis isi yang dinyatakan (diperiksa terhadap isinya)."))


class DocumentUploadIn(_PaperFields):
    """A new document: the caller's own, or (a staff officer) ``employee_id``'s."""

    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pegawai (bawaan: diri sendiri)."))
    type_code = fields.String(required=True, validate=validate.Length(min=1, max=30),
                              metadata=describe("Jenis dokumen (kode)."))
    file = _DocumentFile(required=True, metadata=describe("Berkas: PDF, JPEG atau PNG, maks. 5 MB, base64."))


class DocumentUpdateIn(_PaperFields):
    """Changes to a document (any field; a new ``file`` replaces the old): back to waiting for verification."""

    file = _DocumentFile(allow_none=True, metadata=describe("Berkas pengganti (boleh kosong)."))


class DocumentOut(ContractSchema):
    """One document (without the file: ``document_file``)."""

    id = integer("Dokumen (id).")
    employee_id = integer("Pegawai (id).")
    employee_name = text("Nama pegawai.", nullable=True)
    unit_id = integer("Unit (id).", nullable=True)
    type_code = text("Jenis (kode).")
    type_name = text("Jenis dokumen.")
    number = text("Nomor.", nullable=True)
    issued_on = day("Tanggal dokumen", nullable=True)
    tmt = day("TMT", nullable=True)
    expires_on = day("Berlaku sampai", nullable=True)
    expired = flag("Sudah tidak berlaku.")
    details = fields.Dict(metadata=describe("Rincian menurut jenis."))
    file_name = text("Nama berkas.")
    file_type = text("Jenis isi berkas.")
    file_size = integer("Ukuran berkas (bita).")
    status = choice("Status.", DOCUMENT_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    reason = text("Alasan penolakan.", nullable=True)
    uploaded_at = moment("Diunggah", nullable=False)
    uploaded_by = text("Diunggah oleh.", nullable=True)
    verified_at = moment("Diverifikasi/ditolak")
    verified_by = text("Diverifikasi/ditolak oleh.", nullable=True)
    version = integer("Versi.")
    allowed_actions = listing(fields.String(validate=validate.OneOf(ACTIONS)), "Tindakan yang boleh sekarang.")


class DocumentPage(ContractSchema):
    items = listing(DocumentOut, "Dokumen, terbaru dulu.", required=True)
    next_cursor = text("Kursor halaman berikutnya; null bila habis.", nullable=True)


class DocumentQuery(ContractSchema):
    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pegawai (bawaan: semua yang boleh)."))
    type_code = fields.String(allow_none=True, validate=validate.Length(max=30), metadata=describe("Jenis."))
    status = fields.String(allow_none=True, validate=one_of(DOCUMENT_STATUSES), metadata=describe("Status."))


class DocumentReasonIn(ContractSchema):
    reason = Text(required=True, validate=validate.Length(min=3, max=LIMITS["reason"]),
                  metadata=describe("Alasan penolakan (wajib)."))


class DocumentDaysIn(ContractSchema):
    days = fields.Integer(load_default=90, strict=True, validate=validate.Range(min=1, max=730),
                          metadata=describe("Dalam berapa hari ke depan (1–730, bawaan 90)."))


class DocumentFileOut(ContractSchema):
    filename = text("Nama berkas.")
    content_type = text("Jenis isi.")
    content_b64 = text("Isi berkas (base64).")


class DocumentDeletedOut(ContractSchema):
    id = integer("Dokumen (id).")
    deleted = flag("Terhapus.")


class CompletenessItemOut(ContractSchema):
    type_code = text("Jenis (kode).")
    type_name = text("Jenis dokumen.")
    state = choice("Keadaan.", STATES)
    state_label = text("Keadaan dalam bahasa Indonesia.")
    document_id = integer("Dokumen terbaik untuk jenis ini.", nullable=True)


class CompletenessOut(ContractSchema):
    """One employee's completeness: each required type verified and in force."""

    employee_id = integer("Pegawai (id).")
    employee_name = text("Nama.")
    nip = text("NIP.", nullable=True)
    employment_type = text("Jenis kepegawaian.")
    unit_id = integer("Unit (id).", nullable=True)
    unit_name = text("Unit.", nullable=True)
    required = integer("Jumlah jenis wajib.")
    verified = integer("Jumlah jenis wajib yang terverifikasi dan berlaku.")
    complete = flag("Lengkap.")
    percent = number("Persentase kelengkapan.")
    missing = listing(fields.String(), "Jenis yang belum lengkap (kode).")
    items = listing(CompletenessItemOut, "Per jenis wajib.")


class MyDocumentsOut(ContractSchema):
    employee_id = integer("Pegawai (id).")
    items = listing(DocumentOut, "Dokumen saya.", required=True)
    completeness = nested(CompletenessOut, "Kelengkapan.")


class UnitCompletenessOut(ContractSchema):
    """A unit's (with sub-units) completeness and its incomplete employees (keyset by name)."""

    unit_id = integer("Unit (id).")
    unit_name = text("Unit.")
    employees = integer("Pegawai aktif.")
    complete = integer("Lengkap.")
    incomplete = integer("Belum lengkap.")
    percent = number("Persentase pegawai lengkap.")
    has_waiting = flag("Ada dokumen menunggu verifikasi.")
    items = listing(CompletenessOut, "Pegawai yang belum lengkap.", required=True)
    next_cursor = text("Kursor halaman berikutnya; null bila habis.", nullable=True)


class DocumentList(ContractSchema):
    items = listing(DocumentOut, "Dokumen.", required=True)


class DocumentEvent(ContractSchema):
    """``kepegawaian.document_uploaded|verified|rejected``: no file, no number."""

    document_id = integer("Dokumen (id).", attribute="id")
    employee_id = integer("Pegawai (id).")
    unit_id = integer("Unit pegawai (id).", nullable=True)
    type_code = text("Jenis (kode).")
    status = choice("Status setelah langkah.", DOCUMENT_STATUSES)
    verified_by = text("Diverifikasi/ditolak oleh.", nullable=True)
    verified_at = moment("Diverifikasi/ditolak")


SCHEMAS = {
    "DocumentTypeOut": DocumentTypeOut, "DocumentTypeList": DocumentTypeList, "DocumentTypeIn": DocumentTypeIn,
    "DocumentUploadIn": DocumentUploadIn, "DocumentUpdateIn": DocumentUpdateIn, "DocumentOut": DocumentOut,
    "DocumentPage": DocumentPage, "DocumentQuery": DocumentQuery, "DocumentReasonIn": DocumentReasonIn,
    "DocumentDaysIn": DocumentDaysIn, "DocumentFileOut": DocumentFileOut, "DocumentDeletedOut": DocumentDeletedOut,
    "DocumentCompletenessItemOut": CompletenessItemOut, "DocumentCompletenessOut": CompletenessOut,
    "MyDocumentsOut": MyDocumentsOut, "UnitCompletenessOut": UnitCompletenessOut, "DocumentList": DocumentList,
    "DocumentEvent": DocumentEvent,
}

EVENTS = {_Events.DOCUMENT_UPLOADED: DocumentEvent, _Events.DOCUMENT_VERIFIED: DocumentEvent,
          _Events.DOCUMENT_REJECTED: DocumentEvent}
