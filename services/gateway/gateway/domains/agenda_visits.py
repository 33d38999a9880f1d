"""The agenda API — official visit and audience requests (izin kunjungan resmi / audiensi).

The public routes take no token: the form's time-to-submit ticket, the form itself (with the request letter as
base64, PDF or image, at most 5 MB; answered with a tracking code shown once), the status a code shows and, once
approved, the visitor pass (PDF with a QR). The gateway passes agenda the client's address as Traefik saw it
(``X-Forwarded-For``'s last entry: ``routes.client_address``) for the per-client limit (429 with
``Retry-After``); the visitor never sends it. Answers about tracking codes are never cached.

The staff's routes: the queue and a request with its contact and letter (protocol staff), the decision (the
Kepala Bagian Protokol or the configured role: approve with a time and a room booked through booking — 409
naming booking's conflict — or an address; refuse with a reason), cancellation (protocol staff, a reason), and
reception's check of a pass and the arrival. agenda decides who may do what; every request answer carries the
caller's ``allowed_actions``.
"""
from __future__ import annotations

from agenda.models.visits import VISIT_STATUSES

from ..queries import PageQuery, one_of_param
from ..routes import NO_BODY, Fields, Json, Route, file_answer
from . import Domain, Tag

AGENDA_VISITS = "Agenda: kunjungan resmi dan audiensi"
VISIT = "/agenda/visits/<int:visit_id>"
PASS = "/agenda/visit-passes/<token>"
#: The form with a letter of at most 5 MB as base64 (≈ 6.7 MB) and a few short texts: over this a 413, unread.
VISIT_FORM_BYTES = 7 * 1024 * 1024
NO_STORE = {"Cache-Control": "no-store"}
PROTOCOL = "Staf protokol (Bagian Protokol dan Komunikasi Pimpinan, subbagiannya) dan admin; selainnya 403."
APPROVER = "Kepala Bagian Protokol dan Komunikasi Pimpinan, peran yang ditetapkan, atau admin; selainnya 403."


class VisitListQuery(PageQuery):
    status = one_of_param(VISIT_STATUSES, "Hanya status ini.")


DOMAIN = Domain(
    service="agenda",
    position=73,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_VISITS, "Permohonan kunjungan resmi/audiensi dari masyarakat atau instansi melalui portal "
                             "publik (tanpa akun): formulir dengan surat permohonan, kode pelacakan, status, kartu "
                             "tamu (PDF dengan QR); antrean dan keputusan staf protokol (waktu dan ruangan melalui "
                             "booking, atau alamat), pemeriksaan kartu tamu di resepsionis."),),
    routes=(
        # -- public
        Route("POST", "/public/agenda/visits", "submit_visit_request", "Ajukan permohonan kunjungan/audiensi "
              "(publik)", AGENDA_VISITS, name="submit_visit_request", public=True, response="VisitReceiptOut",
              status=201, body=Json("VisitRequestIn", max_bytes=VISIT_FORM_BYTES), errors=(413, 422, 429),
              headers=NO_STORE, client_arg="client",
              description="Tanpa autentikasi. Surat permohonan `letter_b64`: PDF, JPEG atau PNG (diperiksa dari "
                          "isinya), maksimal 5 MB; badan lebih dari 7 MB: 413. Jawaban memuat `tracking_code` "
                          "(`KNJ-XXXX-XXXX-XXXX-XXXX`) yang hanya ditampilkan sekali. Batas per klien per jam "
                          "(pengaturan `visit_requests_per_hour`; lewat batas 429 dengan `Retry-After`), tiket "
                          "waktu-isi (`ticket`), 1–3 tanggal yang diinginkan, panjang setiap isian: 422 per kolom. "
                          "Kolom `website` harus kosong."),
        Route("GET", "/public/agenda/visits/<code>", "visit_request_status", "Status permohonan kunjungan dari kode "
              "pelacakan (publik)", AGENDA_VISITS, name="visit_request_status", public=True,
              response="VisitStatusOut", errors=(404,), headers=NO_STORE,
              description="Tanpa autentikasi. Status, instansi, tanggal yang diinginkan, dan setelah disetujui "
                          "waktu dan tempat; alasan penolakan/pembatalan. Tidak ada data kontak. Kode tidak dikenal "
                          "atau tidak berbentuk kode: 404 yang sama."),
        Route("GET", "/public/agenda/visits/<code>/pass", "visit_pass", "Unduh kartu tamu (PDF, publik)",
              AGENDA_VISITS, name="visit_pass", public=True, response="VisitFileOut", errors=(404, 409),
              content_type="application/pdf", download=True, answer=file_answer("document", "application/pdf"),
              description="Tanpa autentikasi; kode pelacakan sebagai kuncinya. PDF-nya sendiri: instansi, peserta, "
                          "hari/tanggal, waktu (WITA), tempat, dan QR menuju pemeriksaan di resepsionis. Hanya untuk "
                          "permohonan yang disetujui (selainnya 409); setiap unduhan menerbitkan QR baru dan kartu "
                          "sebelumnya tidak berlaku lagi. Kode tidak dikenal: 404."),
        # -- staff
        Route("GET", "/agenda/visits", "list_visit_requests", "Antrean permohonan kunjungan", AGENDA_VISITS,
              name="list_agenda_visit_requests", response="VisitRequestPage", query=VisitListQuery(),
              errors=(403, 422),
              description="Terbaru dulu, masing-masing dengan kontak dan `allowed_actions`. " + PROTOCOL),
        Route("GET", VISIT, "get_visit_request", "Permohonan kunjungan", AGENDA_VISITS,
              name="get_agenda_visit_request", response="VisitRequestOut", errors=(403, 404),
              description="Dengan kontak narahubung. " + PROTOCOL),
        Route("GET", f"{VISIT}/letter", "visit_request_letter", "Unduh surat permohonan", AGENDA_VISITS,
              name="agenda_visit_request_letter", response="VisitFileOut", errors=(403, 404), content_type="*/*",
              download=True, answer=file_answer("attachment"),
              description="Berkasnya sendiri (PDF atau gambar), selalu sebagai unduhan. " + PROTOCOL),
        Route("POST", f"{VISIT}/approve", "approve_visit_request", "Setujui permohonan kunjungan", AGENDA_VISITS,
              name="approve_agenda_visit_request", response="VisitRequestOut", body=Json("VisitApproveIn"),
              errors=(403, 404, 409, 422),
              description="Waktu (satu hari, di masa depan) dan ruangan (`room_resource_id`, dipesan melalui booking) "
                          "atau alamat (`address`), salah satu. Ruangan yang sudah terpakai: 409 menyebut "
                          "peminjaman yang memakainya, permohonan tetap menunggu. Bukan menunggu: 409. " + APPROVER),
        Route("POST", f"{VISIT}/refuse", "refuse_visit_request", "Tolak permohonan kunjungan", AGENDA_VISITS,
              name="refuse_agenda_visit_request", response="VisitRequestOut", body=Fields("reason", required=True),
              errors=(403, 404, 409, 422),
              description="Badan `{reason}` (wajib; ditampilkan kepada pemohon). " + APPROVER),
        Route("POST", f"{VISIT}/cancel", "cancel_visit_request", "Batalkan kunjungan", AGENDA_VISITS,
              name="cancel_agenda_visit_request", response="VisitRequestOut", body=Fields("reason", required=True),
              errors=(403, 404, 409, 422),
              description="Badan `{reason}` (wajib). Ruangan yang dipesan dilepas di booking. " + PROTOCOL),
        # -- reception
        Route("GET", PASS, "check_visitor_pass", "Periksa kartu tamu", AGENDA_VISITS,
              name="check_agenda_visitor_pass", response="VisitPassCheckOut", errors=(403, 422), headers=NO_STORE,
              description="Berlaku hanya pada hari kunjungan (WITA), mulai 60 menit sebelum mulai sampai selesai, "
                          "dan selama disetujui; jawaban `valid`, `reason` (`wrong_day`, `too_early`, `over`, "
                          "`refused`, `cancelled`, `unknown` …) dan `message`. " + PROTOCOL),
        Route("POST", f"{PASS}/check-in", "check_in_visitor", "Catat kedatangan tamu", AGENDA_VISITS,
              name="check_in_agenda_visitor", response="VisitPassCheckOut", body=NO_BODY, errors=(403, 409, 422),
              headers=NO_STORE,
              description="Sekali saja; kartu yang tidak berlaku sekarang atau kedatangan yang sudah dicatat: 409. "
                          + PROTOCOL),
    ),
)
