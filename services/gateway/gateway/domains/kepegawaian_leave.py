"""The kepegawaian API — leave (cuti): the rules per employment type and kind (data with their legal source),
each employee's annual balance per year with the carry-over explained, requests counted in working days against
attendance's holiday calendar (cuti bersama does not reduce the balance), the preview (days and problems, nothing
saved), the direct supervisor's consideration and the authorised official's decision (setuju, perubahan,
ditangguhkan, tidak disetujui — a note for all but setuju), cancellation, the doctor's letter, the standard leave
form (PDF), the staff officer's opening balances and admin's rule edits. kepegawaian decides who may do what;
every request carries the caller's ``allowed_actions``.
"""
from __future__ import annotations

from kepegawaian.models.leave import LEAVE_KINDS, LEAVE_STATUSES

from ..queries import PageQuery, QuerySchema, id_param, int_param, one_of_param
from ..routes import Json, Route, file_answer, items
from . import Domain, Tag

LEAVE = "Kepegawaian: cuti"
ONE = "/kepegawaian/leave/<int:leave_id>"
#: A doctor's letter of at most 5 MB as base64 (≈ 6.7 MB) and a few short fields: over this a 413, unread.
REQUEST_BODY_BYTES = 7 * 1024 * 1024
READERS = ("Pegawai yang bersangkutan, atasannya (berjenjang), pengelola kepegawaian, pejabat yang berwenang "
           "memberikan cuti dan admin; selainnya 403 (id yang tidak ada: 404).")
_YEAR = ("Tahun (bawaan: tahun ini).", 2000, 2100, "Harus antara 2000 dan 2100.")


class YearQuery(QuerySchema):
    year = int_param(*_YEAR)


class KindsQuery(QuerySchema):
    employee_id = id_param("Pegawai (bawaan: diri sendiri; pembaca datanya saja).")


class LeaveListQuery(PageQuery):
    employee_id = id_param("Hanya pegawai ini.")
    unit_id = id_param("Hanya unit ini beserta sub-unitnya.")
    status = one_of_param(LEAVE_STATUSES, "Hanya status ini.")
    kind = one_of_param(LEAVE_KINDS, "Hanya jenis cuti ini.")
    year = int_param("Cuti yang menyentuh tahun ini.", 2000, 2100, "Harus antara 2000 dan 2100.")


DOMAIN = Domain(
    service="kepegawaian",
    position=80,
    schemas="kepegawaian.schemas",
    tags=(Tag(LEAVE, "Cuti ASN dan non-ASN menurut PP 11/2017 (diubah PP 17/2020), Peraturan BKN 24/2017 (diubah "
                     "Peraturan BKN 7/2021), PP 49/2018 untuk PPPK dan ketentuan Biro untuk non-ASN: aturan per "
                     "jenis kepegawaian dan jenis cuti, saldo cuti tahunan dengan sisa yang dibawa, permohonan, "
                     "pertimbangan atasan langsung, keputusan pejabat yang berwenang, formulir cuti (PDF)."),),
    routes=(
        Route("GET", "/kepegawaian/leave/kinds", "leave_kinds", "Jenis cuti yang dapat diajukan", LEAVE,
              name="kepegawaian_leave_kinds", response="LeaveRuleList", query=KindsQuery(), answer=items,
              errors=(403, 404, 422),
              description="Jenis cuti menurut jenis kepegawaian (dan jenis kelamin) pegawai, dengan ketentuan dan "
                          "dasar hukumnya. Setiap pegawai untuk dirinya; " + READERS),
        Route("GET", "/kepegawaian/leave/rules", "leave_rules", "Aturan cuti", LEAVE, name="kepegawaian_leave_rules",
              response="LeaveRuleList", answer=items, errors=(403,),
              description="Semua baris aturan (per jenis kepegawaian dan jenis cuti). Pengelola kepegawaian dan "
                          "admin; selainnya 403."),
        Route("PATCH", "/kepegawaian/leave/rules/<int:rule_id>", "update_leave_rule", "Ubah aturan cuti", LEAVE,
              name="update_kepegawaian_leave_rule", response="LeaveRuleOut", body=Json("LeaveRuleIn", partial=True),
              errors=(403, 404, 422), description="Kolom yang dikirim saja. Admin; selainnya 403."),
        Route("GET", "/kepegawaian/leave/balance", "my_leave_balance", "Saldo cuti tahunan saya", LEAVE,
              name="my_kepegawaian_leave_balance", response="LeaveBalanceOut", query=YearQuery(),
              errors=(403, 422),
              description="Hak tahun berjalan, sisa tahun lalu yang dibawa (paling banyak 6 hari; 24 hari bila 2 "
                          "tahun berturut-turut tidak digunakan; yang ditangguhkan dibawa penuh), dipakai, menunggu, "
                          "sisa, dengan penjelasannya. Akun yang terhubung dengan data pegawai; selainnya 403."),
        Route("GET", "/kepegawaian/employees/<int:employee_id>/leave-balance", "leave_balance",
              "Saldo cuti tahunan pegawai", LEAVE, name="kepegawaian_leave_balance", response="LeaveBalanceOut",
              query=YearQuery(), errors=(403, 404, 422), description=READERS),
        Route("PUT", "/kepegawaian/leave/opening-balances", "set_opening_balance", "Isi saldo awal cuti", LEAVE,
              name="set_kepegawaian_leave_opening_balance", response="LeaveOpeningOut", body=Json("LeaveOpeningIn"),
              errors=(403, 404, 422),
              description="Sisa cuti tahunan N-1 dan N-2 (dan yang ditangguhkan N-1) dari kartu cuti kertas untuk "
                          "tahun `year`; saldo tahun itu dan sesudahnya dihitung darinya. Pengelola kepegawaian "
                          "dan admin; selainnya 403."),
        Route("POST", "/kepegawaian/leave/preview", "preview_leave", "Hitung permohonan cuti (tanpa menyimpan)",
              LEAVE, name="preview_kepegawaian_leave", response="LeavePreviewOut",
              body=Json("LeavePreviewIn", max_bytes=REQUEST_BODY_BYTES), errors=(403, 404, 413, 422, 503),
              description="Hari yang dihitung (hari kerja menurut kalender presensi untuk cuti tahunan), masalah "
                          "per kolom, saldo tahun itu; tidak ada yang disimpan. Kalender presensi tidak tersedia: "
                          "503. Sebagaimana mengajukan."),
        Route("POST", "/kepegawaian/leave", "request_leave", "Ajukan cuti", LEAVE, name="request_kepegawaian_leave",
              response="LeaveOut", status=201, body=Json("LeaveApplicationIn", max_bytes=REQUEST_BODY_BYTES),
              errors=(403, 404, 413, 422, 503),
              description="422 per kolom: tumpang tindih dengan cuti lain atau perjalanan dinas yang disetujui, "
                          "belum memenuhi masa kerja, saldo tidak cukup, jenis kelamin, surat keterangan dokter, "
                          "tanggal yang sudah lewat. `attachment_b64`: PDF/JPEG/PNG dinilai dari isinya. Menerbitkan "
                          "`kepegawaian.leave_requested`. Pegawai untuk dirinya; pengelola kepegawaian atas nama "
                          "pegawai (`employee_id`); selainnya 403. Kalender presensi tidak tersedia: 503."),
        Route("GET", "/kepegawaian/leave", "list_leave", "Daftar permohonan cuti", LEAVE,
              name="list_kepegawaian_leave", response="LeavePage", query=LeaveListQuery(), errors=(401, 422),
              description="Terbaru dulu, dengan `allowed_actions`. Pengelola kepegawaian dan pejabat: semua "
                          "pegawai; selainnya miliknya sendiri dan bawahannya (berjenjang)."),
        Route("GET", "/kepegawaian/leave/inbox", "leave_inbox", "Kotak masuk cuti", LEAVE,
              name="kepegawaian_leave_inbox", response="LeavePage", query=PageQuery(), errors=(401, 422),
              description="Yang menunggu pemanggil: permohonan bawahan langsung untuk dipertimbangkan, dan (pejabat) "
                          "permohonan yang sudah dipertimbangkan untuk diputuskan — tidak termasuk cutinya sendiri."),
        Route("GET", ONE, "get_leave", "Satu permohonan cuti", LEAVE, name="get_kepegawaian_leave",
              response="LeaveOut", errors=(403, 404), description=READERS),
        Route("PUT", ONE, "update_leave", "Ubah permohonan cuti", LEAVE, name="update_kepegawaian_leave",
              response="LeaveOut", body=Json("LeaveUpdateIn", max_bytes=REQUEST_BODY_BYTES),
              errors=(403, 404, 409, 413, 422, 503),
              description="Hanya permohonan yang diminta perubahan (selainnya 409); kembali ke atasan dan "
                          "`kepegawaian.leave_requested` terbit. Pegawai yang bersangkutan atau pengelola "
                          "kepegawaian; selainnya 403."),
        Route("POST", f"{ONE}/consider", "consider_leave", "Pertimbangan atasan langsung", LEAVE,
              name="consider_kepegawaian_leave", response="LeaveOut", body=Json("LeaveDecisionIn"),
              errors=(403, 404, 409, 422),
              description="`option`: setuju, perubahan, ditangguhkan, tidak_disetujui; `note` wajib selain setuju. "
                          "Atasan yang juga pejabat langsung memutuskan. Menerbitkan `kepegawaian.leave_considered` "
                          "(atau `_approved`, `_change_requested`, `_deferred`, `_refused`). Atasan langsung "
                          "pegawai; selainnya 403."),
        Route("POST", f"{ONE}/decide", "decide_leave", "Keputusan pejabat", LEAVE, name="decide_kepegawaian_leave",
              response="LeaveOut", body=Json("LeaveDecisionIn"), errors=(403, 404, 409, 422),
              description="Atas permohonan yang sudah dipertimbangkan (selainnya 409); bertumpang tindih dengan "
                          "perjalanan dinas yang disetujui: 422. Menerbitkan `kepegawaian.leave_approved` (atau "
                          "`_change_requested`, `_deferred`, `_refused`). Pejabat yang berwenang memberikan cuti dan "
                          "admin, tidak untuk cutinya sendiri; selainnya 403."),
        Route("POST", f"{ONE}/cancel", "cancel_leave", "Batalkan cuti", LEAVE, name="cancel_kepegawaian_leave",
              response="LeaveOut", body=Json("LeaveCancelIn", required=False), errors=(403, 404, 409, 422),
              description="Belum diputuskan: pegawai yang bersangkutan atau pengelola kepegawaian. Sudah disetujui "
                          "(sebelum atau selama cuti): pengelola kepegawaian atau pejabat, `reason` wajib. "
                          "Menerbitkan `kepegawaian.leave_cancelled`."),
        Route("GET", f"{ONE}/attachment", "get_leave_attachment", "Unduh surat keterangan dokter", LEAVE,
              name="kepegawaian_leave_attachment", errors=(403, 404), content_type="*/*", download=True,
              answer=file_answer("attachment"),
              description="Berkasnya sendiri, selalu sebagai unduhan. " + READERS),
        Route("GET", f"{ONE}/form", "leave_form_pdf", "Unduh formulir cuti (PDF)", LEAVE,
              name="kepegawaian_leave_form", errors=(403, 404), content_type="application/pdf", download=True,
              answer=file_answer("document", "application/pdf"),
              description="Formulir permintaan dan pemberian cuti (lampiran Peraturan BKN 24/2017). " + READERS),
    ),
)
