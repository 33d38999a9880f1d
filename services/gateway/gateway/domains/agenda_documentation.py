"""The agenda API — documentation (Dokumentasi Pimpinan): an event's photos with captions and alt text, minutes
(notulen), press release and attachments; submitted by protocol staff, approved (with an optional embargo) or
returned by the Kepala Bagian Protokol (or the configured role); nothing is public before approval.

agenda decides who may do what (403 not allowed, 404 unknown, 409 a wrong state or a stale ``version``, 422 per
field); every documentation answer carries the caller's ``allowed_actions``. Photos and attachments travel as
base64 inside JSON (a photo up to 10 MB, an attachment up to 20 MB); agenda judges them by their content and
re-encodes images without EXIF/GPS. Files are answered as the file itself, always as a download.
"""
from __future__ import annotations

from agenda.models.documentation import DOCUMENTATION_STATUSES
from agenda.schemas.documentation import PHOTO_VARIANTS

from ..queries import PageQuery, QuerySchema, one_of_param
from ..routes import NO_BODY, Json, Route, file_answer
from . import Domain, Tag

AGENDA_DOCUMENTATION = "Agenda: dokumentasi pimpinan"
DOC = "/agenda/documentation/<int:documentation_id>"
PHOTO = "/agenda/documentation-photos/<int:photo_id>"
ATTACHMENT = "/agenda/documentation-attachments/<int:attachment_id>"
PROTOCOL = "Staf protokol (Bagian Protokol dan Komunikasi Pimpinan, subbagiannya) dan admin; selainnya 403."
APPROVER = ("Kepala Bagian Protokol dan Komunikasi Pimpinan, peran yang ditetapkan, atau admin; selainnya 403. "
            "Yang mengajukan tidak dapat menyetujui (pemisahan tugas, 403).")
STAFF = "Staf protokol dan penyetuju publikasi; selainnya 403."
EDITABLE = "Hanya selama draf atau dikembalikan (selainnya 409). "
#: A photo is up to 10 MB, sent as base64 inside JSON (≈ 13.4 MB); an attachment up to 20 MB (≈ 26.7 MB).
PHOTO_BODY_BYTES = 14 * 1024 * 1024
ATTACHMENT_BODY_BYTES = 27 * 1024 * 1024


class DocumentationListQuery(PageQuery):
    status = one_of_param(DOCUMENTATION_STATUSES, "Hanya status ini.")


class DocumentationPhotoQuery(QuerySchema):
    variant = one_of_param(PHOTO_VARIANTS, "`web` (bawaan, ±1280 px), `thumbnail` (±320 px) atau `original` "
                                           "(±2560 px); semuanya tanpa EXIF/GPS.")


DOMAIN = Domain(
    service="agenda",
    position=71,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_DOCUMENTATION, "Dokumentasi kegiatan pimpinan: foto (tanpa EXIF/GPS, gambar kecil dan salinan "
                                    "web, teks alternatif), notulen, siaran pers, lampiran; diajukan staf protokol, "
                                    "disetujui (dengan embargo opsional) atau dikembalikan Kepala Bagian Protokol."),),
    routes=(
        # -- reading
        Route("GET", "/agenda/documentation", "list_documentations", "Dokumentasi semua kegiatan",
              AGENDA_DOCUMENTATION, name="list_agenda_documentations", response="DocumentationPage",
              query=DocumentationListQuery(), errors=(403, 422),
              description="Kegiatan terbaru dulu, dengan status, jumlah foto dan `allowed_actions`. " + STAFF),
        Route("GET", "/agenda/documentation/queue", "list_documentation_queue", "Antrean persetujuan dokumentasi",
              AGENDA_DOCUMENTATION, name="list_agenda_documentation_queue", response="DocumentationPage",
              query=PageQuery(), errors=(403, 422),
              description="Dokumentasi yang diajukan, pengajuan terlama dulu. " + APPROVER),
        Route("GET", "/agenda/documentation/published", "list_recently_published_documentation",
              "Dokumentasi yang baru dipublikasikan", AGENDA_DOCUMENTATION,
              name="list_agenda_published_documentation", response="DocumentationPage", query=PageQuery(),
              errors=(403, 422),
              description="Yang tampil di portal sekarang, publikasi terbaru dulu. " + STAFF),
        Route("GET", "/agenda/events/<int:event_id>/documentation", "get_event_documentation",
              "Dokumentasi sebuah kegiatan", AGENDA_DOCUMENTATION, name="get_agenda_event_documentation",
              response="DocumentationOut", errors=(403, 404),
              description="404 bila kegiatan belum memiliki dokumentasi (buat dengan POST). " + STAFF),
        Route("POST", "/agenda/events/<int:event_id>/documentation", "open_documentation",
              "Mulai (atau buka) dokumentasi sebuah kegiatan", AGENDA_DOCUMENTATION,
              name="open_agenda_event_documentation", response="DocumentationOut", body=NO_BODY,
              errors=(403, 404, 409),
              description="Membuat draf bila belum ada, selain itu menjawab yang ada. Kegiatan dibatalkan 409; "
                          "kegiatan sementara boleh. " + PROTOCOL),
        Route("GET", DOC, "get_documentation", "Satu dokumentasi", AGENDA_DOCUMENTATION,
              name="get_agenda_documentation", response="DocumentationOut", errors=(403, 404),
              description="Teks, foto (tanpa isi), lampiran dan `allowed_actions`. " + STAFF),
        # -- writing
        Route("PATCH", DOC, "update_documentation", "Ubah notulen, siaran pers, embargo", AGENDA_DOCUMENTATION,
              name="update_agenda_documentation", response="DocumentationOut",
              body=Json("DocumentationTextsIn", partial=True), errors=(403, 404, 409, 422),
              description="Kolom yang dikirim saja, dengan `version` yang terakhir dibaca (usang: 409). " + EDITABLE
                          + PROTOCOL),
        Route("POST", f"{DOC}/submit", "submit_documentation", "Ajukan dokumentasi untuk disetujui",
              AGENDA_DOCUMENTATION, name="submit_agenda_documentation", response="DocumentationOut", body=NO_BODY,
              errors=(403, 404, 409, 422),
              description="Perlu minimal satu foto atau siaran pers (422 `photos`) dan teks alternatif setiap foto "
                          "(422 `photos.<id>.alt_text`). Menerbitkan `agenda.documentation_submitted`. " + PROTOCOL),
        Route("POST", f"{DOC}/approve", "approve_documentation", "Setujui dokumentasi untuk dipublikasikan",
              AGENDA_DOCUMENTATION, name="approve_agenda_documentation", response="DocumentationOut",
              body=Json("DocumentationApproveIn", required=False), errors=(403, 404, 409, 422),
              description="`embargo_until` opsional: tampil di portal sejak itu. Tanpa embargo tampil sekarang dan "
                          "`agenda.documentation_published` terbit; dengan embargo, terbit saat embargo berakhir. "
                          + APPROVER),
        Route("POST", f"{DOC}/return", "return_documentation", "Kembalikan dokumentasi dengan catatan",
              AGENDA_DOCUMENTATION, name="return_agenda_documentation", response="DocumentationOut",
              body=Json("DocumentationNoteIn"), errors=(403, 404, 409, 422),
              description="`note` wajib. Menerbitkan `agenda.documentation_returned`. " + APPROVER),
        Route("POST", f"{DOC}/withdraw", "withdraw_documentation", "Tarik dokumentasi dari portal",
              AGENDA_DOCUMENTATION, name="withdraw_agenda_documentation", response="DocumentationOut",
              body=Json("DocumentationNoteIn"), errors=(403, 404, 409, 422),
              description="Dokumentasi yang disetujui kembali ke status dikembalikan dan hilang dari portal; `note` "
                          "(alasan) wajib. " + APPROVER),
        # -- photos
        Route("POST", f"{DOC}/photos", "add_documentation_photo", "Unggah foto dokumentasi", AGENDA_DOCUMENTATION,
              name="add_agenda_documentation_photo", response="DocumentationOut", status=201,
              body=Json("DocumentationPhotoIn", max_bytes=PHOTO_BODY_BYTES), errors=(403, 404, 409, 413, 422),
              description="JPEG/PNG/WebP dinilai dari isinya (maks. 10 MB; `content_type` yang dinyatakan harus "
                          "sesuai isinya); disimpan ulang tanpa EXIF/GPS beserta salinan web dan gambar kecil. "
                          + EDITABLE + PROTOCOL),
        Route("PATCH", PHOTO, "update_documentation_photo", "Ubah keterangan atau teks alternatif foto",
              AGENDA_DOCUMENTATION, name="update_agenda_documentation_photo", response="DocumentationOut",
              body=Json("DocumentationPhotoEditIn", partial=True), errors=(403, 404, 409, 422),
              description=EDITABLE + PROTOCOL),
        Route("DELETE", PHOTO, "delete_documentation_photo", "Hapus foto", AGENDA_DOCUMENTATION,
              name="delete_agenda_documentation_photo", response="DocumentationOut", errors=(403, 404, 409),
              description="Tidak setelah disetujui. " + EDITABLE + PROTOCOL),
        Route("PUT", f"{DOC}/photo-order", "reorder_documentation_photos", "Urutkan foto", AGENDA_DOCUMENTATION,
              name="reorder_agenda_documentation_photos", response="DocumentationOut",
              body=Json("DocumentationPhotoOrderIn"), errors=(403, 404, 409, 422),
              description="`photo_ids`: setiap foto tepat satu kali. " + EDITABLE + PROTOCOL),
        Route("GET", f"{PHOTO}/file", "documentation_photo_file", "Unduh foto", AGENDA_DOCUMENTATION,
              name="agenda_documentation_photo_file", query=DocumentationPhotoQuery(), errors=(403, 404, 422),
              content_type="*/*", download=True, answer=file_answer("attachment"),
              description="Berkasnya sendiri (tanpa EXIF/GPS). " + STAFF),
        # -- attachments
        Route("POST", f"{DOC}/attachments", "add_documentation_attachment", "Unggah lampiran",
              AGENDA_DOCUMENTATION, name="add_agenda_documentation_attachment", response="DocumentationOut",
              status=201, body=Json("DocumentationAttachmentIn", max_bytes=ATTACHMENT_BODY_BYTES),
              errors=(403, 404, 409, 413, 422),
              description="PDF, DOCX, XLSX, JPEG atau PNG dinilai dari isinya (maks. 20 MB); gambar disimpan ulang "
                          "tanpa metadata; `public` menawarkannya di portal setelah publikasi. " + EDITABLE
                          + PROTOCOL),
        Route("PATCH", ATTACHMENT, "update_documentation_attachment", "Ubah judul atau sifat publik lampiran",
              AGENDA_DOCUMENTATION, name="update_agenda_documentation_attachment", response="DocumentationOut",
              body=Json("DocumentationAttachmentEditIn", partial=True), errors=(403, 404, 409, 422),
              description=EDITABLE + PROTOCOL),
        Route("DELETE", ATTACHMENT, "delete_documentation_attachment", "Hapus lampiran", AGENDA_DOCUMENTATION,
              name="delete_agenda_documentation_attachment", response="DocumentationOut", errors=(403, 404, 409),
              description=EDITABLE + PROTOCOL),
        Route("GET", f"{ATTACHMENT}/file", "documentation_attachment_file", "Unduh lampiran", AGENDA_DOCUMENTATION,
              name="agenda_documentation_attachment_file", errors=(403, 404), content_type="*/*", download=True,
              answer=file_answer("attachment"), description="Berkasnya sendiri, selalu sebagai unduhan. " + STAFF),
    ),
)
