"""The agenda API — the public's feedback (saran, pertanyaan, pengaduan): anyone sends a suggestion, question or
complaint through the portal without an account, optionally about a public event, and follows it by its
tracking code; protocol staff triage it (category, unit), the unit's staff answer it, protocol staff close it
and — when the sender agreed — publish the question with its answer; response times per unit.

The public routes take no token. The gateway passes agenda the client's address as Traefik saw it
(``X-Forwarded-For``'s last entry: ``routes.client_address``) for the per-client limit (429 with
``Retry-After``); the sender never sends it. The form carries the time-to-submit ticket from
``/public/agenda/form-ticket`` and a honeypot field (``website``, left empty). Answers about tracking codes
are never cached. agenda decides who may do what (403 not allowed, 404 unknown, 409 a wrong state, 422 per field);
every staff answer carries the caller's ``allowed_actions``.
"""
from __future__ import annotations

from agenda.models.feedback import FEEDBACK_KINDS, FEEDBACK_STATUSES
from marshmallow import fields

from ..queries import DateRange, PageQuery, QuerySchema, id_param, int_param, one_of_param
from ..routes import Json, Route, file_answer
from . import Domain, Tag

AGENDA_FEEDBACK = "Agenda: masukan masyarakat"
#: The form is a few short texts and a message of at most 4000 characters: a body over this is a 413, never read.
FEEDBACK_FORM_BYTES = 32 * 1024
NO_STORE = {"Cache-Control": "no-store"}
ONE = "/agenda/feedback/<int:feedback_id>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROTOCOL = "Staf protokol (Bagian Protokol dan Komunikasi Pimpinan, subbagiannya) dan admin; selainnya 403."


class FeedbackListQuery(PageQuery):
    status = one_of_param(FEEDBACK_STATUSES, "Hanya status ini.")
    kind = one_of_param(FEEDBACK_KINDS, "Hanya jenis ini (suggestion, question, complaint).")
    unit_id = id_param("Hanya masukan yang diteruskan ke unit ini.")


def _required_day(description: str) -> fields.Date:
    return fields.Date(required=True, error_messages={"invalid": "Harus tanggal YYYY-MM-DD.",
                                                      "required": "Wajib diisi (YYYY-MM-DD)."},
                       metadata={"description": description})


class FeedbackReportParams(DateRange, QuerySchema):
    date_from = _required_day("Dari tanggal diterima (WITA, YYYY-MM-DD), termasuk.")
    date_to = _required_day("Sampai tanggal diterima (WITA), termasuk.")
    open_days = int_param("Hitung yang masih terbuka lebih dari sekian hari (1–365, bawaan 7).", 1, 365,
                          "Harus antara 1 dan 365.")


def _step(action: str, summary: str, body: Json, errors: tuple[int, ...], description: str) -> Route:
    return Route("POST", f"{ONE}/{action}", f"{action}_feedback", summary, AGENDA_FEEDBACK, response="FeedbackOut",
                 body=body, errors=errors, description=description)


DOMAIN = Domain(
    service="agenda",
    position=74,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_FEEDBACK, "Saran, pertanyaan dan pengaduan masyarakat lewat portal publik (tanpa akun): "
                               "formulir, kode pelacakan, status dan jawaban; tanya-jawab yang dipublikasikan; "
                               "antrean staf, pemilahan ke unit, jawaban, penutupan, publikasi; waktu tanggap "
                               "per unit."),),
    routes=(
        Route("POST", "/public/agenda/feedback", "submit_feedback", "Kirim saran/pertanyaan/pengaduan (publik)",
              AGENDA_FEEDBACK, name="submit_feedback", public=True, response="FeedbackReceiptOut", status=201,
              body=Json("FeedbackIn", max_bytes=FEEDBACK_FORM_BYTES), errors=(413, 422, 429), headers=NO_STORE,
              client_arg="client",
              description="Tanpa autentikasi. Jawaban memuat `tracking_code` (`ASP-XXXX-XXXX-XXXX-XXXX`) yang hanya "
                          "ditampilkan sekali — simpan untuk melihat status dan jawaban. Batas per klien per jam "
                          "(pengaturan `feedback_per_hour`; lewat batas 429 dengan `Retry-After`); pokok paling "
                          "panjang 200 dan isi 4000 karakter (422 per kolom); badan lebih dari 32 KiB 413. "
                          "`reply_by_contact` memerlukan surel atau telepon; `event_id` harus kegiatan publik. "
                          "Kolom `website` harus kosong."),
        Route("GET", "/public/agenda/feedback/answered", "published_feedback", "Tanya-jawab yang dipublikasikan "
              "(publik)", AGENDA_FEEDBACK, name="published_feedback", public=True, response="FeedbackPublishedPage",
              query=PageQuery(), errors=(422,), headers={"Cache-Control": "public, max-age=60"},
              description="Tanpa autentikasi. Pertanyaan yang pengirimnya setuju dipublikasikan beserta jawabannya, "
                          "terbaru dulu; pengirim hanya inisial atau `Anonim`, tanpa kontak."),
        Route("GET", "/public/agenda/feedback/events/<int:event_id>", "feedback_event", "Kegiatan publik yang "
              "dimaksud masukan (publik)", AGENDA_FEEDBACK, name="feedback_event", public=True,
              response="FeedbackAboutEventOut", errors=(404,), headers={"Cache-Control": "public, max-age=60"},
              description="Tanpa autentikasi. Nama dan waktu kegiatan untuk judul formulir; kegiatan yang tidak "
                          "publik 404."),
        Route("GET", "/public/agenda/feedback/<code>", "feedback_status", "Status masukan dari kode pelacakan "
              "(publik)", AGENDA_FEEDBACK, name="feedback_status", public=True, response="FeedbackStatusOut",
              errors=(404,), headers=NO_STORE,
              description="Tanpa autentikasi. Jenis, status, unit yang menangani dan jawaban bila sudah dijawab; "
                          "tidak ada data pengirim. Kode tidak dikenal atau tidak berbentuk kode: 404 yang sama."),
        Route("GET", "/agenda/feedback", "list_feedback", "Antrean masukan", AGENDA_FEEDBACK, name="list_feedback",
              response="FeedbackPage", query=FeedbackListQuery(), errors=(403, 422),
              description="Staf protokol: semua masukan; pegawai lain: masukan yang diteruskan ke unitnya. Terbaru "
                          "dulu, dengan kontak pengirim dan `allowed_actions`."),
        Route("GET", ONE, "get_feedback", "Rincian masukan", AGENDA_FEEDBACK, response="FeedbackOut",
              errors=(403, 404),
              description="Staf protokol, atau staf unit yang dituju; selainnya 403. Dengan riwayat tindakan."),
        _step("triage", "Pilah masukan (kategori, unit)", Json("FeedbackTriageIn"), (403, 404, 409, 422),
              PROTOCOL + " Dari status diterima/diteruskan; unit tidak dikenal 422 pada `unit_id`."),
        _step("answer", "Jawab masukan", Json("FeedbackAnswerIn"), (403, 404, 409, 422),
              "Staf protokol, atau staf unit yang dituju (sesudah dipilah); jawaban wajib. Jawaban tampil bagi "
              "pengirim lewat kode pelacakannya."),
        _step("close", "Tutup masukan", Json("FeedbackNoteIn", required=False), (403, 404, 409, 422),
              PROTOCOL + " Catatan boleh kosong (mis. spam, ganda)."),
        _step("publish", "Publikasikan tanya-jawab", Json("FeedbackNoteIn", required=False), (403, 404, 409, 422),
              PROTOCOL + " Hanya yang sudah dijawab dan pengirimnya setuju (selainnya 422 pada `published`)."),
        _step("unpublish", "Tarik dari publikasi", Json("FeedbackNoteIn", required=False), (403, 404, 409, 422),
              PROTOCOL),
        Route("GET", "/agenda/feedback-units", "feedback_units", "Unit tujuan masukan", AGENDA_FEEDBACK,
              response="FeedbackUnitList", errors=(403,), description=PROTOCOL + " Unit aktif pada roster."),
        Route("GET", "/agenda/feedback-report", "feedback_report", "Waktu tanggap masukan per unit", AGENDA_FEEDBACK,
              response="FeedbackReportOut", query=FeedbackReportParams(), errors=(403, 422),
              description=PROTOCOL + " Masukan yang diterima pada periode (hari WITA): jumlah, yang dijawab, median "
                                     "dan persentil ke-90 jam sampai jawaban pertama, yang terbuka lebih dari "
                                     "`open_days` hari."),
        Route("GET", "/agenda/feedback-report.xlsx", "feedback_report_xlsx", "Unduh waktu tanggap masukan (XLSX)",
              AGENDA_FEEDBACK, query=FeedbackReportParams(), errors=(403, 422), content_type=XLSX, download=True,
              answer=file_answer("document", XLSX, inline=False),
              description=PROTOCOL + " Laporan yang sama sebagai lembar kerja, satu baris per unit dan jumlahnya."),
    ),
)
