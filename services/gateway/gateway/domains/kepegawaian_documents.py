"""The kepegawaian API — personnel documents: each employee's decrees (SK CPNS/PNS/PPPK, rank, position, KGB),
diplomas and transcripts, training certificates, ID and family papers — uploaded (PDF, JPEG or PNG judged by
content, at most 5 MB as base64; images stored again without metadata), typed, numbered, dated (with expiry
where it applies), verified or rejected by a staff officer; completeness per employee and per unit; documents
expiring soon. kepegawaian decides who may do what; every document carries the caller's ``allowed_actions``.
"""
from __future__ import annotations

from kepegawaian.models.documents import DOCUMENT_STATUSES
from marshmallow import fields, validate

from ..queries import PageQuery, QuerySchema, id_param, int_param, one_of_param
from ..routes import NO_BODY, Fields, Json, Route, file_answer
from . import Domain, Tag

DOCUMENTS = "Kepegawaian: dokumen pegawai"
DOCUMENT = "/kepegawaian/documents/<int:document_id>"
#: A file of at most 5 MB as base64 (≈ 6.7 MB) and a few short fields: over this a 413, unread.
UPLOAD_BODY_BYTES = 7 * 1024 * 1024
READERS = ("Pegawai yang bersangkutan, atasannya (berjenjang), pengelola kepegawaian dan admin; selainnya 403 "
           "(id yang tidak ada: 404).")
WRITERS = ("Pegawai yang bersangkutan selama belum diverifikasi; pengelola kepegawaian dan admin kapan saja; "
           "selainnya 403.")
OFFICERS = ("Pengelola kepegawaian (Subbagian Kepegawaian dan sub-unitnya) dan admin — tidak untuk dokumennya "
            "sendiri; selainnya 403.")


class DocumentListQuery(PageQuery):
    employee_id = id_param("Pegawai; tanpa ini: semua yang boleh dilihat (pengelola: semua pegawai).")
    type_code = fields.String(validate=validate.Length(max=30), metadata={"description": "Jenis dokumen (kode)."})
    status = one_of_param(DOCUMENT_STATUSES, "Hanya status ini (antrean verifikasi: `waiting`).")


class ExpiringQuery(QuerySchema):
    days = int_param("Dalam berapa hari ke depan (1–730, bawaan 90).", 1, 730, "Harus antara 1 dan 730.")


DOMAIN = Domain(
    service="kepegawaian",
    position=86,
    schemas="kepegawaian.schemas",
    tags=(Tag(DOCUMENTS, "Dokumen kepegawaian setiap pegawai: SK CPNS/PNS/PPPK, SK pangkat, jabatan dan KGB, ijazah "
                         "dan transkrip, sertifikat diklat, KTP, KK, NPWP, BPJS, dokumen keluarga untuk tunjangan — "
                         "diunggah, berjenis, bernomor dan bertanggal (dengan masa berlaku bila ada), diverifikasi "
                         "pengelola kepegawaian; kelengkapan per pegawai dan per unit; dokumen yang segera "
                         "berakhir."),),
    routes=(
        Route("GET", "/kepegawaian/document-types", "document_types", "Jenis dokumen", DOCUMENTS,
              name="kepegawaian_document_types", response="DocumentTypeList", errors=(401,),
              description="Setiap jenis: isian yang berlaku (nomor, tanggal, TMT, masa berlaku), jenis kepegawaian "
                          "yang wajib memilikinya, rincian per jenis. Setiap pengguna yang masuk."),
        Route("PATCH", "/kepegawaian/document-types/<code>", "update_document_type", "Ubah jenis dokumen", DOCUMENTS,
              name="update_kepegawaian_document_type", response="DocumentTypeOut",
              body=Json("DocumentTypeIn", partial=True), errors=(403, 404, 422),
              description="Kolom yang dikirim saja. Admin; selainnya 403."),
        Route("GET", "/kepegawaian/documents/mine", "my_documents", "Dokumen saya", DOCUMENTS,
              name="my_kepegawaian_documents", response="MyDocumentsOut", errors=(403,),
              description="Dokumen sendiri dengan `allowed_actions` dan kelengkapannya (jenis wajib yang belum "
                          "terverifikasi). Akun yang terhubung dengan data pegawai; selainnya 403."),
        Route("GET", "/kepegawaian/documents", "list_documents", "Daftar dokumen", DOCUMENTS,
              name="list_kepegawaian_documents", response="DocumentPage", query=DocumentListQuery(),
              errors=(403, 404, 422),
              description="Terbaru dulu. Dengan `employee_id`: " + READERS + " Tanpa itu: pengelola kepegawaian "
                          "melihat semua (antrean verifikasi: `status=waiting`), yang lain dokumennya sendiri dan "
                          "bawahannya."),
        Route("POST", "/kepegawaian/documents", "upload_document", "Unggah dokumen", DOCUMENTS,
              name="upload_kepegawaian_document", response="DocumentOut", status=201,
              body=Json("DocumentUploadIn", max_bytes=UPLOAD_BODY_BYTES), errors=(403, 404, 409, 413, 422),
              description="`file`: PDF, JPEG atau PNG dinilai dari isinya (maks. 5 MB, base64); `content_type` atau "
                          "ekstensi `file_name` yang tidak sesuai isinya: 422 pada `file`; gambar disimpan ulang "
                          "tanpa EXIF. Isian per jenis (nomor, tanggal, TMT, masa berlaku, `details`): 422 per "
                          "kolom. Jenis yang hanya boleh satu dan sudah ada: 409. Menerbitkan "
                          "`kepegawaian.document_uploaded`. Pegawai untuk dirinya sendiri; pengelola kepegawaian dan "
                          "admin untuk siapa saja (`employee_id`); selainnya 403."),
        Route("GET", DOCUMENT, "get_document", "Satu dokumen", DOCUMENTS, name="get_kepegawaian_document",
              response="DocumentOut", errors=(403, 404), description="Tanpa isi berkas. " + READERS),
        Route("PATCH", DOCUMENT, "update_document", "Perbarui dokumen", DOCUMENTS,
              name="update_kepegawaian_document", response="DocumentOut",
              body=Json("DocumentUpdateIn", partial=True, max_bytes=UPLOAD_BODY_BYTES),
              errors=(403, 404, 413, 422),
              description="Data dan/atau berkas pengganti; dokumen kembali menunggu verifikasi dan "
                          "`kepegawaian.document_uploaded` terbit. " + WRITERS),
        Route("DELETE", DOCUMENT, "delete_document", "Hapus dokumen", DOCUMENTS, name="delete_kepegawaian_document",
              response="DocumentDeletedOut", errors=(403, 404), description=WRITERS),
        Route("POST", f"{DOCUMENT}/verify", "verify_document", "Verifikasi dokumen", DOCUMENTS,
              name="verify_kepegawaian_document", response="DocumentOut", body=NO_BODY, errors=(403, 404, 409),
              description="Hanya dokumen yang menunggu (selainnya 409). Menerbitkan "
                          "`kepegawaian.document_verified`. " + OFFICERS),
        Route("POST", f"{DOCUMENT}/reject", "reject_document", "Tolak dokumen", DOCUMENTS,
              name="reject_kepegawaian_document", response="DocumentOut", body=Fields("reason", required=True),
              errors=(403, 404, 409, 422),
              description="Badan `{reason}` (wajib; ditampilkan kepada pegawai, yang dapat mengunggah ulang). "
                          "Menerbitkan `kepegawaian.document_rejected`. " + OFFICERS),
        Route("GET", f"{DOCUMENT}/file", "document_file", "Unduh berkas dokumen", DOCUMENTS,
              name="kepegawaian_document_file", errors=(403, 404), content_type="*/*", download=True,
              answer=file_answer("attachment"),
              description="Berkasnya sendiri, selalu sebagai unduhan. " + READERS),
        Route("GET", "/kepegawaian/employees/<int:employee_id>/document-completeness", "completeness",
              "Kelengkapan dokumen pegawai", DOCUMENTS, name="kepegawaian_document_completeness",
              response="DocumentCompletenessOut", errors=(403, 404),
              description="Setiap jenis wajib menurut jenis kepegawaian: terverifikasi dan masih berlaku, menunggu, "
                          "ditolak, kedaluwarsa (dihitung belum ada) atau belum ada. " + READERS),
        Route("GET", "/kepegawaian/units/<int:unit_id>/document-completeness", "unit_completeness",
              "Dokumen belum lengkap per unit", DOCUMENTS, name="kepegawaian_unit_document_completeness",
              response="UnitCompletenessOut", query=PageQuery(), errors=(403, 404, 422),
              description="Unit beserta sub-unitnya: jumlah pegawai, yang lengkap, persentase, dan pegawai yang "
                          "belum lengkap (urut nama, per halaman). Pengelola kepegawaian dan admin; selainnya 403."),
        Route("GET", "/kepegawaian/documents/expiring", "expiring_documents", "Dokumen yang segera berakhir",
              DOCUMENTS, name="kepegawaian_expiring_documents", response="DocumentList", query=ExpiringQuery(),
              errors=(403, 422),
              description="Dokumen yang berlaku (menunggu atau terverifikasi) dan berakhir dalam `days` hari (mis. "
                          "perjanjian kerja PPPK). Pengelola kepegawaian: semua pegawai; pegawai lain: dirinya "
                          "sendiri dan bawahannya."),
    ),
)
