"""agenda's documentation contract: an event's documentation (texts, photos, attachments) as staff see it, its
edits and workflow steps, the staff's lists, the files, and the events it publishes.

Only staff (protocol staff and the publication approver) read these shapes; the portal's shapes are the public
area's. No payload here carries a guest's personal data; the event payloads carry no person at all.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.clock import WITA
from situok_kit.outputs import choice, flag, integer, listing, moment, text
from situok_kit.schema import Base64Bytes, ContractSchema, Text, describe, max_length, one_of

from ..domain.documentation_workflow import ACTIONS
from ..models.agenda import EVENT_STATUSES
from ..models.documentation import DOCUMENTATION_STATUSES

#: Upload limits (bytes): a photo before re-encoding, an attachment.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
#: A photo's sizes (longer side, pixels): the stored original, the web copy, the thumbnail.
ORIGINAL_PX, WEB_PX, THUMBNAIL_PX = 2560, 1280, 320
PHOTO_VARIANTS = ("original", "web", "thumbnail")
LIMITS = {"caption": 500, "alt_text": 300, "title": 200, "filename": 200, "note": 2000, "minutes": 50000,
          "press_release": 20000}


def _text(n: int, description: str, **kwargs) -> Text:
    kwargs.setdefault("allow_none", True)
    return Text(validate=max_length(n), metadata=describe(description), **kwargs)


def _datetime(description: str) -> fields.AwareDateTime:
    return fields.AwareDateTime(allow_none=True, default_timezone=WITA,
                                metadata=describe(description + " (ISO 8601; tanpa offset dianggap WITA)."))


# -- input ------------------------------------------------------------------------------------------------------

class DocumentationTextsIn(ContractSchema):
    """An edit of the texts: any subset of them with the ``version`` last read (409 when another edit came first)."""

    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                             metadata=describe("Versi dokumentasi yang terakhir dibaca."))
    minutes = _text(LIMITS["minutes"], "Notulen (internal kecuali `minutes_public`).")
    minutes_public = fields.Boolean(metadata=describe("Notulen ikut dipublikasikan."))
    press_release = _text(LIMITS["press_release"], "Siaran pers.")
    embargo_until = _datetime("Embargo: tidak dipublikasikan sebelum waktu ini")


class DocumentationApproveIn(ContractSchema):
    """The approval, with an optional embargo (replaces the one entered with the texts when given)."""

    embargo_until = _datetime("Embargo: tidak dipublikasikan sebelum waktu ini")


class DocumentationNoteIn(ContractSchema):
    """A return's note or a withdrawal's reason (required)."""

    note = Text(required=True, validate=[validate.Length(min=3, error="Minimal 3 karakter."),
                                         max_length(LIMITS["note"])],
                metadata=describe("Catatan/alasan."))


class DocumentationPhotoIn(ContractSchema):
    """A photo upload: JPEG, PNG or WebP by content (≤ 10 MB); re-encoded without EXIF/GPS, with a web copy and
    a thumbnail. ``content_type``, when sent, must match the content."""

    filename = _text(LIMITS["filename"], "Nama berkas asli (tidak disimpan).")
    content_type = _text(100, "Jenis berkas yang dinyatakan klien (diperiksa terhadap isinya).")
    content_b64 = Base64Bytes(required=True, max_bytes=MAX_PHOTO_BYTES, metadata=describe(
        "Isi foto dalam base64 (maksimal 10 MB)."))
    caption = _text(LIMITS["caption"], "Keterangan foto.")
    alt_text = _text(LIMITS["alt_text"], "Teks alternatif (wajib sebelum diajukan).")


class DocumentationPhotoEditIn(ContractSchema):
    caption = _text(LIMITS["caption"], "Keterangan foto.")
    alt_text = _text(LIMITS["alt_text"], "Teks alternatif.")


class DocumentationPhotoOrderIn(ContractSchema):
    photo_ids = fields.List(fields.Integer(strict=True, validate=validate.Range(min=1)), required=True,
                            metadata=describe("Semua foto dokumentasi ini, dalam urutan baru."))


class DocumentationAttachmentIn(ContractSchema):
    """An attachment: PDF, DOCX, XLSX, JPEG or PNG by content (≤ 20 MB); images re-encoded without metadata."""

    title = Text(required=True, validate=[validate.Length(min=1, error="Tidak boleh kosong."),
                                          max_length(LIMITS["title"])], metadata=describe("Judul lampiran."))
    filename = Text(required=True, validate=[validate.Length(min=1, error="Tidak boleh kosong."),
                                             max_length(LIMITS["filename"])], metadata=describe("Nama berkas."))
    content_type = _text(100, "Jenis berkas yang dinyatakan klien (diperiksa terhadap isinya).")
    content_b64 = Base64Bytes(required=True, max_bytes=MAX_ATTACHMENT_BYTES, metadata=describe(
        "Isi berkas dalam base64 (maksimal 20 MB)."))
    public = fields.Boolean(load_default=False, metadata=describe("Ditawarkan di portal setelah publikasi."))


class DocumentationAttachmentEditIn(ContractSchema):
    title = Text(validate=[validate.Length(min=1, error="Tidak boleh kosong."), max_length(LIMITS["title"])],
                 metadata=describe("Judul lampiran."))
    public = fields.Boolean(metadata=describe("Ditawarkan di portal setelah publikasi."))


class DocumentationListFilters(ContractSchema):
    status = fields.String(validate=one_of(DOCUMENTATION_STATUSES), metadata=describe("Status."))


# -- output -----------------------------------------------------------------------------------------------------

class DocumentationPhotoOut(ContractSchema):
    id = integer("Id foto.")
    caption = text("Keterangan.", nullable=True)
    alt_text = text("Teks alternatif; null bila belum diisi.", nullable=True)
    content_type = text("Jenis berkas (image/jpeg, image/png, image/webp).")
    width = integer("Lebar asli tersimpan (piksel).", nullable=True)
    height = integer("Tinggi asli tersimpan (piksel).", nullable=True)
    position = integer("Urutan.")
    created_at = moment("Diunggah")


class DocumentationAttachmentOut(ContractSchema):
    id = integer("Id lampiran.")
    title = text("Judul.")
    filename = text("Nama berkas (aman).")
    content_type = text("Jenis berkas.")
    size = integer("Ukuran (byte).")
    public = flag("Ditawarkan di portal setelah publikasi.")
    created_at = moment("Diunggah")


class DocumentationOut(ContractSchema):
    """An event's documentation as staff see it, with what the caller may do now."""

    id = integer("Id dokumentasi.")
    event_id = integer("Kegiatan.")
    event_title = text("Judul kegiatan.")
    event_starts_at = moment("Mulai kegiatan", nullable=False)
    event_status = choice("Status kegiatan.", EVENT_STATUSES)
    status = choice("Status dokumentasi.", DOCUMENTATION_STATUSES)
    minutes = text("Notulen.", nullable=True)
    minutes_public = flag("Notulen ikut dipublikasikan.")
    press_release = text("Siaran pers.", nullable=True)
    embargo_until = moment("Embargo")
    submitted_at = moment("Diajukan")
    submitted_by_employee_id = integer("Pegawai yang mengajukan.", nullable=True)
    approved_at = moment("Disetujui")
    approved_by_employee_id = integer("Pegawai yang menyetujui.", nullable=True)
    return_note = text("Catatan pengembalian/penarikan terakhir.", nullable=True)
    public_from = moment("Tampil di portal sejak/mulai")
    is_public = flag("Tampil di portal sekarang.")
    announced = flag("Pengumuman publikasi sudah dikirim.")
    version = integer("Versi (untuk pengubahan).")
    created_at = moment("Dibuat")
    updated_at = moment("Diubah")
    photos = listing(DocumentationPhotoOut, "Foto, menurut urutan.")
    attachments = listing(DocumentationAttachmentOut, "Lampiran.")
    allowed_actions = listing(fields.String(validate=one_of(ACTIONS)), "Tindakan yang boleh dilakukan pemanggil.")


class DocumentationSummaryOut(ContractSchema):
    """A documentation in a staff list."""

    id = integer("Id dokumentasi.")
    event_id = integer("Kegiatan.")
    event_title = text("Judul kegiatan.")
    event_starts_at = moment("Mulai kegiatan", nullable=False)
    event_status = choice("Status kegiatan.", EVENT_STATUSES)
    status = choice("Status dokumentasi.", DOCUMENTATION_STATUSES)
    submitted_at = moment("Diajukan")
    approved_at = moment("Disetujui")
    embargo_until = moment("Embargo")
    public_from = moment("Tampil di portal sejak/mulai")
    is_public = flag("Tampil di portal sekarang.")
    photo_count = integer("Jumlah foto.")
    allowed_actions = listing(fields.String(validate=one_of(ACTIONS)), "Tindakan yang boleh dilakukan pemanggil.")


class DocumentationPage(ContractSchema):
    items = listing(DocumentationSummaryOut, "Dokumentasi.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class DocumentationFileOut(ContractSchema):
    """A photo (one of its variants) or an attachment, for staff to download."""

    filename = text("Nama berkas unduhan.")
    content_type = text("Jenis berkas.")
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi berkas dalam base64."))


# -- events -----------------------------------------------------------------------------------------------------

class DocumentationSubmittedEvent(ContractSchema):
    """``agenda.documentation_submitted``: waiting for the approver."""

    documentation_id = integer("Dokumentasi.")
    event_id = integer("Kegiatan.")
    title = text("Judul kegiatan.")
    photo_count = integer("Jumlah foto.")
    submitted_at = moment("Diajukan", nullable=False)


class DocumentationReturnedEvent(ContractSchema):
    """``agenda.documentation_returned``: sent back to protocol staff (or withdrawn from the portal)."""

    documentation_id = integer("Dokumentasi.")
    event_id = integer("Kegiatan.")
    title = text("Judul kegiatan.")
    withdrawn = flag("Ditarik setelah disetujui (hilang dari portal).")
    note = text("Catatan/alasan.")


class DocumentationPublishedEvent(ContractSchema):
    """``agenda.documentation_published``: the documentation is on the portal now."""

    documentation_id = integer("Dokumentasi.")
    event_id = integer("Kegiatan.")
    title = text("Judul kegiatan.")
    public_from = moment("Tampil di portal sejak", nullable=False)
    photo_count = integer("Jumlah foto.")


SCHEMAS = {
    "DocumentationTextsIn": DocumentationTextsIn,
    "DocumentationApproveIn": DocumentationApproveIn,
    "DocumentationNoteIn": DocumentationNoteIn,
    "DocumentationPhotoIn": DocumentationPhotoIn,
    "DocumentationPhotoEditIn": DocumentationPhotoEditIn,
    "DocumentationPhotoOrderIn": DocumentationPhotoOrderIn,
    "DocumentationAttachmentIn": DocumentationAttachmentIn,
    "DocumentationAttachmentEditIn": DocumentationAttachmentEditIn,
    "DocumentationListFilters": DocumentationListFilters,
    "DocumentationPhotoOut": DocumentationPhotoOut,
    "DocumentationAttachmentOut": DocumentationAttachmentOut,
    "DocumentationOut": DocumentationOut,
    "DocumentationSummaryOut": DocumentationSummaryOut,
    "DocumentationPage": DocumentationPage,
    "DocumentationFileOut": DocumentationFileOut,
    "DocumentationSubmittedEvent": DocumentationSubmittedEvent,
    "DocumentationReturnedEvent": DocumentationReturnedEvent,
    "DocumentationPublishedEvent": DocumentationPublishedEvent,
}

EVENTS = {
    "agenda.documentation_submitted": DocumentationSubmittedEvent,
    "agenda.documentation_returned": DocumentationReturnedEvent,
    "agenda.documentation_published": DocumentationPublishedEvent,
}
