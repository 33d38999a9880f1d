"""The kepegawaian API — performance (SKP, PermenPANRB 6/2022): the employee's plan for the year (work results
with indicators and targets, aligned to the direct supervisor's agreed results), periodic progress with evidence
(a PDF/JPEG/PNG judged by its content, or a link), the direct supervisor's agreement, feedback and assessment of
results and behaviour (the seven core values), the predikat by the matrix; history per year, the supervisor's
inbox, the staff officers' summary per unit. kepegawaian decides who may do what; every plan answer carries the
caller's ``allowed_actions``.
"""
from __future__ import annotations

from kepegawaian.domain.skp_workflow import STATUSES
from marshmallow import fields, validate

from ..queries import PageQuery, QuerySchema, id_param, one_of_param
from ..routes import NO_BODY, Fields, Json, Route, file_answer
from . import Domain, Tag

SKP = "Kepegawaian: SKP (kinerja pegawai)"
PLAN = "/kepegawaian/skp/<int:skp_id>"
#: A progress entry with an evidence file of at most 5 MB as base64 (≈ 6.7 MB) and the realisations.
PROGRESS_BYTES = 7 * 1024 * 1024
EMPLOYEE = "Pegawai pemilik SKP; selainnya 403."
SUPERVISOR = "Atasan langsung pegawai (bukan atasan dari atasan, tidak untuk SKP sendiri); selainnya 403."
READERS = "Pegawai itu sendiri, rantai atasannya, pengelola kepegawaian dan pejabat; selainnya 403."


def _year(required: bool) -> fields.Integer:
    return fields.Integer(strict=False, required=required,
                          error_messages={"invalid": "Harus bilangan bulat.", "required": "Wajib diisi."},
                          validate=validate.Range(min=2020, max=2100, error="Harus tahun 2020–2100."),
                          metadata={"description": "Tahun SKP.", "example": 2026})


class YearQuery(QuerySchema):
    year = _year(True)


class SummaryQuery(QuerySchema):
    year = _year(True)
    unit_id = id_param("Unit (beserta sub-unitnya); tanpa ini: seluruh Biro.")


class SkpListQuery(PageQuery):
    employee_id = id_param("Pegawai (riwayat SKP per tahun).")
    unit_id = id_param("Unit (beserta sub-unitnya).")
    year = _year(False)
    status = one_of_param(STATUSES, "Hanya status ini.")


def _kind(found: dict, args: dict) -> str:
    return found.get("content_type") or "application/octet-stream"


DOMAIN = Domain(
    service="kepegawaian",
    position=88,
    schemas="kepegawaian.schemas",
    tags=(Tag(SKP, "Sasaran Kinerja Pegawai menurut PermenPANRB 6/2022: rencana hasil kerja tahunan dengan "
                   "indikator dan target yang selaras dengan hasil kerja atasan, realisasi per periode (triwulan) "
                   "dengan bukti dukung, umpan balik, penilaian hasil kerja dan perilaku kerja (BerAKHLAK), "
                   "predikat kinerja menurut matriks."),),
    routes=(
        Route("GET", "/kepegawaian/skp/reference", "skp_reference", "Referensi SKP", SKP,
              name="kepegawaian_skp_reference", response="SkpReferenceOut", errors=(401,),
              description="Nilai dasar BerAKHLAK dan perilaku yang diharapkan, skala rating, matriks predikat, "
                          "periode penilaian. Setiap pengguna yang masuk."),
        Route("GET", "/kepegawaian/skp/me", "my_skp", "SKP saya", SKP, name="kepegawaian_my_skp",
              response="SkpMineOut", query=YearQuery(), errors=(403, 422),
              description="SKP tahun itu milik pegawai yang masuk (`plan` null bila belum dibuat) dan hasil kerja "
                          "atasan langsung yang disetujui (pilihan keselarasan). Akun yang terhubung dengan data "
                          "pegawai; selainnya 403."),
        Route("GET", "/kepegawaian/skp", "list_skp", "Daftar SKP", SKP, name="kepegawaian_list_skp",
              response="SkpPage", query=SkpListQuery(), errors=(403, 422),
              description="Tahun terbaru dulu (keyset). Tanpa `employee_id`: SKP sendiri dan bawahan (seluruh "
                          "rantai); pengelola kepegawaian dan pejabat: semua. Dengan `employee_id`: " + READERS),
        Route("POST", "/kepegawaian/skp", "create_skp", "Buat SKP tahun ini", SKP, name="kepegawaian_create_skp",
              response="SkpPlanOut", status=201, body=Json("SkpPlanIn"), errors=(403, 409, 422),
              description="Pegawai yang masuk: satu SKP per tahun (409 bila sudah ada). Hasil kerja wajib selaras "
                          "dengan hasil kerja atasan langsung bila rencana atasan tahun itu sudah disetujui; "
                          "pegawai tanpa atasan menuliskan tujuan organisasi; setiap indikator wajib bertarget."),
        Route("GET", PLAN, "get_skp", "SKP", SKP, name="kepegawaian_get_skp", response="SkpPlanOut",
              errors=(403, 404), description="Dengan realisasi, penilaian dan `allowed_actions`. " + READERS),
        Route("PUT", PLAN, "update_skp", "Ubah rencana SKP", SKP, name="kepegawaian_update_skp",
              response="SkpPlanOut", body=Json("SkpPlanUpdateIn"), errors=(403, 404, 409, 422),
              description="Hanya berstatus konsep atau dikembalikan; SKP yang sudah disetujui hanya dapat direvisi "
                          "setelah dikembalikan atasan (409). " + EMPLOYEE),
        Route("PUT", f"{PLAN}/expectations", "set_skp_expectations", "Ekspektasi khusus perilaku", SKP,
              name="kepegawaian_set_skp_expectations", response="SkpPlanOut", body=Json("SkpExpectationsIn"),
              errors=(403, 404, 409, 422),
              description="Ekspektasi khusus per nilai dasar, sebelum SKP disetujui. " + SUPERVISOR),
        Route("POST", f"{PLAN}/submit", "submit_skp", "Ajukan SKP", SKP, name="kepegawaian_submit_skp",
              response="SkpPlanOut", body=NO_BODY, errors=(403, 404, 409, 422),
              description="Kepada atasan langsung; rencana yang belum lengkap: 422 menyebut kolomnya. " + EMPLOYEE),
        Route("POST", f"{PLAN}/approve", "approve_skp", "Setujui SKP", SKP, name="kepegawaian_approve_skp",
              response="SkpPlanOut", body=NO_BODY, errors=(403, 404, 409), description=SUPERVISOR),
        Route("POST", f"{PLAN}/return", "return_skp", "Kembalikan SKP", SKP, name="kepegawaian_return_skp",
              response="SkpPlanOut", body=Fields("note", required=True), errors=(403, 404, 409, 422),
              description="Badan `{note}` (wajib). SKP yang diajukan atau sudah disetujui (revisi) kembali dapat "
                          "diubah pegawai. " + SUPERVISOR),
        Route("POST", f"{PLAN}/progress", "record_progress", "Catat realisasi periode", SKP,
              name="kepegawaian_record_skp_progress", response="SkpPlanOut",
              body=Json("SkpProgressIn", max_bytes=PROGRESS_BYTES), errors=(403, 404, 409, 413, 422),
              description="Realisasi per indikator satu periode dengan bukti dukung: berkas PDF, JPEG atau PNG "
                          "(diperiksa dari isinya; jenis yang dinyatakan tidak sesuai isi: 422 pada "
                          "`content_type`), maksimal 5 MB, atau tautan. Periode yang sudah diberi umpan balik: "
                          "409. " + EMPLOYEE),
        Route("POST", f"{PLAN}/feedback", "give_feedback", "Umpan balik periode", SKP,
              name="kepegawaian_give_skp_feedback", response="SkpPlanOut", body=Json("SkpFeedbackIn"),
              errors=(403, 404, 409, 422), description=SUPERVISOR),
        Route("POST", f"{PLAN}/assessment", "assess_skp", "Nilai SKP", SKP, name="kepegawaian_assess_skp",
              response="SkpPlanOut", body=Json("SkpAssessIn"), errors=(403, 404, 409, 422),
              description="Rating hasil kerja, rating perilaku per nilai dasar (ketujuhnya) dan keseluruhan; "
                          "predikat dihitung layanan menurut matriks PermenPANRB 6/2022. " + SUPERVISOR),
        Route("GET", "/kepegawaian/skp/inbox", "skp_inbox", "Kotak masuk SKP atasan", SKP,
              name="kepegawaian_skp_inbox", response="SkpInboxOut", errors=(403,),
              description="Rencana menunggu persetujuan, realisasi menunggu umpan balik, SKP yang sudah waktunya "
                          "dinilai — dari bawahan langsung pemanggil. Akun pegawai; selainnya 403."),
        Route("GET", "/kepegawaian/skp/summary", "skp_unit_summary", "Rekap predikat SKP per unit", SKP,
              name="kepegawaian_skp_unit_summary", response="SkpUnitSummaryOut", query=SummaryQuery(),
              errors=(403, 422),
              description="Jumlah per predikat satu tahun. Pengelola kepegawaian dan pejabat; selainnya 403."),
        Route("GET", "/kepegawaian/skp/progress/<int:progress_id>/evidence", "skp_evidence",
              "Unduh bukti dukung", SKP, name="kepegawaian_skp_evidence", response="SkpFileOut",
              errors=(403, 404), content_type="*/*", download=True,
              answer=file_answer("attachment", content_type=_kind),
              description="Berkasnya sendiri, selalu sebagai unduhan. " + READERS),
    ),
)
