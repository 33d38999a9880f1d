"""The attendance API (absensi pegawai non-ASN, RPC to ``attendance``).

attendance decides who may do what (404 unseen, 403 not allowed, 409 decided already / a different second
check-in, 422 per field — outside the geofence on ``latitude`` with the distance); requests and corrections
carry the caller's ``allowed_actions``. A selfie and a leave request's attachment travel inside the JSON as
base64 (routes read up to 8 MiB); a holiday CSV may also be sent as the file itself. The recap export and a
request's attachment are answered as the file itself; a request's JSON never carries the content.
"""
from __future__ import annotations

from attendance.schemas import EXPORT_FORMATS, REQUEST_STATUSES

from ..http import UPLOAD_BODY_BYTES
from ..queries import (
    DateRange,
    FilenameQuery,
    PageQuery,
    QuerySchema,
    bool_param,
    date_param,
    id_param,
    int_param,
    month_param,
    one_of_param,
)
from ..routes import NO_BODY, Fields, Json, Route, Upload, file_answer, items
from . import Domain, Tag

ABSENSI = "Absensi"
BASE = "/attendance"
REQUESTS = f"{BASE}/requests"
REQUEST = REQUESTS + "/<int:request_id>"
CORRECTIONS = f"{BASE}/corrections"
CORRECTION = CORRECTIONS + "/<int:correction_id>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTE = "Badan opsional: `{note}`."
REASON = "Badan: `{reason}` (wajib)."
ADMIN = " Hanya admin (403 selain itu)."
POSITION = ("Badan: `latitude`, `longitude` dari peramban (wajib), `accuracy` (m), `selfie_b64` opsional "
            "(JPEG/PNG/WebP base64, paling besar `selfie_max_kb`). Jam dan hari (WITA) dari server. Di luar area "
            "kantor: 422 dengan `fields.latitude` = \"di luar area kantor: 350 m dari …\", atau — dengan "
            "`geofence_mode` `tinjau` — diterima dengan `needs_review: true`. Posisi dari peramban bisa dipalsukan: "
            "akurasi buruk, alamat di luar jaringan kantor, atau perpindahan tidak wajar sejak absen sebelumnya "
            "juga diterima dengan `needs_review: true` dan alasannya di `review_reasons` (pengaturan "
            "`geofence_max_accuracy_m`, `office_networks`, `max_speed_kmh`; `selfie_required` menolak absen tanpa "
            "swafoto). Badan paling besar 8 MiB.")


class AttendanceDaysQuery(QuerySchema):
    month = month_param("Bulan `YYYY-MM` (WITA); hari sampai hari ini.")
    employee_id = id_param("Pegawai (bawaan: pemanggil); atasan, kepala unit dan admin untuk pegawai lain.")


class AttendanceRecapQuery(QuerySchema):
    month = month_param("Bulan `YYYY-MM` (WITA).")
    unit_id = id_param("Hanya unit ini (dengan sub-unitnya); bawaan seluruh lingkup pemanggil.")


class AttendanceExportQuery(AttendanceRecapQuery):
    format = one_of_param(EXPORT_FORMATS, "`xlsx` (bawaan) atau `pdf` (A4 lanskap).", load_default="xlsx")


class AttendanceTodayQuery(QuerySchema):
    unit_id = id_param("Hanya unit ini (dengan sub-unitnya); bawaan seluruh lingkup pemanggil.")


class LeaveListQuery(DateRange, PageQuery):
    mine = bool_param("Hanya milik saya sendiri.")
    unit_id = id_param("Hanya pegawai unit ini (dengan sub-unitnya).")
    employee_id = id_param("Hanya pegawai ini.")
    status = one_of_param(REQUEST_STATUSES, "Hanya dengan status ini.")
    date_from = date_param("Sampai/sesudah tanggal ini (YYYY-MM-DD).")
    date_to = date_param("Sampai/sebelum tanggal ini (YYYY-MM-DD).")


class ReviewQueueQuery(DateRange, PageQuery):
    unit_id = id_param("Hanya pegawai unit ini (dengan sub-unitnya).")
    date_from = date_param("Sejak hari ini (YYYY-MM-DD, WITA).")
    date_to = date_param("Sampai hari ini (YYYY-MM-DD, WITA).")


class HolidayQuery(QuerySchema):
    year = int_param("Hanya tahun ini.", 2000, 2099, "Harus tahun 2000–2099.")


def without_content(leave_request: dict) -> dict:
    """A request as JSON: its attachment described, its content left to the attachment route."""
    attachment = leave_request.get("attachment")
    if isinstance(attachment, dict) and "content_b64" in attachment:
        leave_request = {**leave_request, "attachment": {k: v for k, v in attachment.items() if k != "content_b64"}}
    return leave_request


def page_without_content(page: dict, args: dict) -> dict:
    return {**page, "items": [without_content(item) for item in page.get("items", [])]}


def request_without_content(found: dict, args: dict) -> dict:
    return without_content(found)


def request_attachment(found: dict, args: dict):
    return file_answer("attachment")(found.get("attachment") or {}, args)


def recap_type(found: dict, args: dict) -> str:
    return XLSX if args.get("format", "xlsx") == "xlsx" else "application/pdf"


def replayed_or_created(record: dict) -> int:
    """A new check-in is 201; the same request replayed answers the first record with 200."""
    return 200 if record.get("replayed") else 201


DOMAIN = Domain(
    service="attendance",
    position=20,
    schemas="attendance.schemas",
    tags=(Tag(ABSENSI, "Presensi pegawai non-ASN: absen masuk/pulang di area kantor, status harian, izin/sakit/"
                       "cuti, koreksi jam, papan hari ini dan rekap bulanan (XLSX/PDF) untuk atasan, data "
                       "pengaturan."),),
    routes=(
        # -- check-in / check-out
        Route("POST", f"{BASE}/check-in", "check_in", "Absen masuk", ABSENSI, name="attendance_check_in",
              response="CheckOut", status=201, status_of=replayed_or_created, client_arg="client_address",
              body=Json("GeoPositionIn", max_bytes=UPLOAD_BODY_BYTES), errors=(409,), idempotent=True,
              description="Pegawai non-ASN untuk dirinya sendiri (422 pada `employee_id` bagi yang lain). Sekali "
                          "sehari: permintaan yang sama diulang (ketuk dua kali, jaringan putus) dijawab 200 "
                          "dengan catatan yang sama dan `replayed: true`; absen masuk kedua yang berbeda 409. "
                          + POSITION),
        Route("POST", f"{BASE}/check-out", "check_out", "Absen pulang", ABSENSI, name="attendance_check_out",
              response="CheckOut", body=Json("GeoPositionIn", max_bytes=UPLOAD_BODY_BYTES), errors=(409,),
              idempotent=True, client_arg="client_address",
              description="Sesudah absen masuk hari ini (422 pada `check_out` sebelumnya). Ulangan yang sama: "
                          "`replayed: true`; absen pulang kedua yang berbeda 409. " + POSITION),
        Route("GET", f"{BASE}/me", "whoami", "Apa yang boleh dilakukan pemanggil di absensi", ABSENSI,
              name="attendance_whoami", response="AttendanceWhoAmIOut",
              description="`tracked`: pegawai non-ASN aktif (boleh absen); `supervisor`: atasan atau kepala unit "
                          "(papan hari ini, rekap, persetujuan); `admin`: pengaturan."),
        Route("GET", f"{BASE}/capabilities", "capabilities", "Apa yang boleh dilakukan pemanggil di absensi",
              ABSENSI, name="attendance_capabilities", response="AttendanceCapabilitiesOut",
              description="`check_in`: pegawai non-ASN aktif; `supervise`: halaman atasan (admin membaca); "
                          "`decide`: menyetujui/menolak untuk pegawai yang diawasi; `manage_setup`: pengaturan. "
                          "Tiap pengajuan dan koreksi tetap membawa `allowed_actions` pemanggil."),
        Route("GET", f"{BASE}/me/today", "my_today", "Absensi saya hari ini", ABSENSI, name="attendance_my_today",
              response="MyTodayOut", description="Catatan hari ini (atau null) dan status harinya."),
        # -- days, recaps, today board
        Route("GET", f"{BASE}/days", "employee_days", "Status harian sebulan seorang pegawai", ABSENSI,
              name="attendance_days", response="EmployeeDaysOut", query=AttendanceDaysQuery(),
              description="Bawaan pemanggil sendiri; pegawai lain bagi atasannya, kepala unit di atasnya, dan "
                          "admin (selain itu 404). Hari sampai hari ini, dengan ringkasan dan potongan."),
        Route("GET", f"{BASE}/recap", "monthly_recap", "Rekap bulanan", ABSENSI, name="attendance_recap",
              response="RecapOut", query=AttendanceRecapQuery(), errors=(403, 404),
              description="Atasan, kepala unit dan admin (selain itu 403): per pegawai non-ASN dalam lingkupnya "
                          "jumlah hari per status, pita TL/PSW, menit, potongan (basis poin). `unit_id` di luar "
                          "lingkup: 404."),
        Route("GET", f"{BASE}/recap/export", "export_recap", "Unduh rekap bulanan (XLSX atau PDF)", ABSENSI,
              name="attendance_recap_export", query=AttendanceExportQuery(), errors=(403, 404),
              content_type="application/octet-stream", download=True,
              answer=file_answer("recap", inline=False, content_type=recap_type),
              description=f"Berkasnya sendiri sebagai lampiran: `{XLSX}` atau `application/pdf` (A4 lanskap, kop "
                          "Pemerintah Provinsi Bali). Siapa boleh: seperti rekap."),
        Route("GET", f"{BASE}/today", "today_view", "Papan hari ini (atasan)", ABSENSI, name="attendance_today",
              response="TodayOut", query=AttendanceTodayQuery(), errors=(403, 404),
              description="Pegawai non-ASN dalam lingkup pemanggil, dikelompokkan: hadir (`in`), terlambat, "
                          "belum absen, dinas luar, izin/sakit/cuti, libur; dengan jumlah per kelompok."),
        # -- the review queue (flagged check-ins/outs)
        Route("GET", f"{BASE}/reviews", "review_queue", "Antrean tinjauan absensi (atasan)", ABSENSI,
              name="attendance_review_queue", response="ReviewQueuePage", query=ReviewQueueQuery(), paged=True,
              errors=(403, 404),
              description="Absen masuk/pulang yang ditandai perlu ditinjau dan belum ditinjau, hari terbaru dulu: "
                          "pegawai yang diawasi pemanggil (atasan, kepala unit), semua bagi admin; selain itu 403. "
                          "Tiap catatan membawa sisi yang ditandai dengan alasannya (`code`, `label`), lokasi, "
                          "jarak, akurasi, dan `allowed_actions` pemanggil (`mark_reviewed`)."),
        Route("POST", f"{BASE}/records/<int:record_id>/reviewed", "mark_reviewed", "Tandai sudah ditinjau",
              ABSENSI, name="mark_attendance_record_reviewed", response="RecordReviewedOut",
              body=Fields("side", "note", component="MarkReviewedIn"), errors=(403, 404, 409),
              description="Badan: `{side, note}`; `side` `check_in` atau `check_out` (wajib), `note` opsional. "
                          "Hanya atasan pegawai atau kepala unit di atasnya, bukan pegawainya sendiri (403; juga "
                          "admin); catatan yang tidak terlihat 404; sisi yang tidak menunggu tinjauan 409. "
                          "Menerbitkan `attendance.record_reviewed`."),
        # -- leave requests
        Route("GET", REQUESTS, "list_requests", "Daftar pengajuan izin/sakit/cuti", ABSENSI,
              name="list_attendance_requests", response="LeaveRequestPage", query=LeaveListQuery(), paged=True,
              answer=page_without_content,
              description="Terbaru dulu; milik sendiri dan pegawai yang diawasi (admin semua). Tiap pengajuan "
                          "membawa `allowed_actions` pemanggil."),
        Route("POST", REQUESTS, "submit_request", "Ajukan izin, sakit atau cuti", ABSENSI,
              name="submit_attendance_request", response="LeaveRequestOut", status=201,
              body=Json("LeaveRequestIn", max_bytes=UPLOAD_BODY_BYTES), idempotent=True,
              location="/attendance/requests/{id}", answer=request_without_content,
              description="Oleh pegawai non-ASN untuk dirinya; paling lama 90 hari; lampiran wajib (PDF/JPEG/PNG/"
                          "WebP base64, paling besar 2 MB; badan paling besar 8 MiB). Tumpang tindih dengan "
                          "pengajuan lain: 422 pada `start_date`."),
        Route("GET", REQUEST, "get_request", "Data satu pengajuan", ABSENSI, name="get_attendance_request",
              response="LeaveRequestOut", errors=(404,), answer=request_without_content,
              description="Lampirannya diunduh di `/attachment`."),
        Route("GET", f"{REQUEST}/attachment", "get_request", "Unduh lampiran pengajuan", ABSENSI,
              name="attendance_request_attachment", errors=(404,), content_type="*/*", download=True,
              answer=request_attachment,
              description="Berkasnya sendiri (PDF atau gambar, `inline`), dengan Content-Type yang disimpan."),
        Route("POST", f"{REQUEST}/approve", "approve_request", "Setujui pengajuan", ABSENSI,
              name="approve_attendance_request", response="LeaveRequestOut",
              body=Fields("note", component="DecisionIn"), errors=(403, 404, 409), answer=request_without_content,
              description="Oleh atasan pegawai atau kepala unit di atasnya, bukan diri sendiri; sekali (409 bila "
                          "sudah diputuskan). " + NOTE),
        Route("POST", f"{REQUEST}/reject", "reject_request", "Tolak pengajuan", ABSENSI,
              name="reject_attendance_request", response="LeaveRequestOut",
              body=Fields("reason", component="RejectIn", required=True), errors=(403, 404, 409),
              answer=request_without_content, description="Seperti menyetujui. " + REASON),
        Route("POST", f"{REQUEST}/cancel", "cancel_request", "Batalkan pengajuan", ABSENSI,
              name="cancel_attendance_request", response="LeaveRequestOut",
              body=Fields("reason", component="CancelIn"), errors=(403, 404, 409, 422),
              answer=request_without_content,
              description="Oleh pegawainya sendiri: selama diajukan, atau — bila sudah disetujui — sebelum hari "
                          "pertamanya (422 pada `start_date` sesudahnya). Badan opsional: `{reason}`."),
        # -- corrections
        Route("GET", CORRECTIONS, "list_corrections", "Daftar koreksi jam (riwayat)", ABSENSI,
              name="list_attendance_corrections", response="CorrectionPage", query=LeaveListQuery(), paged=True,
              description="Terbaru dulu; semua koreksi dengan keputusannya (tidak pernah dihapus)."),
        Route("POST", CORRECTIONS, "submit_correction", "Ajukan koreksi jam masuk/pulang", ABSENSI,
              name="submit_attendance_correction", response="CorrectionOut", status=201, body=Json("CorrectionIn"),
              idempotent=True, location="/attendance/corrections/{id}",
              description="Oleh pegawai untuk harinya sendiri (bukan hari depan); satu koreksi terbuka per hari "
                          "dan jenis. Setelah disetujui, jam ini menggantikan jam tercatat di status dan rekap."),
        Route("GET", CORRECTION, "get_correction", "Data satu koreksi", ABSENSI, name="get_attendance_correction",
              response="CorrectionOut", errors=(404,)),
        Route("POST", f"{CORRECTION}/approve", "approve_correction", "Setujui koreksi", ABSENSI,
              name="approve_attendance_correction", response="CorrectionOut",
              body=Fields("note", component="DecisionIn"), errors=(403, 404, 409),
              description="Seperti pengajuan. " + NOTE),
        Route("POST", f"{CORRECTION}/reject", "reject_correction", "Tolak koreksi", ABSENSI,
              name="reject_attendance_correction", response="CorrectionOut",
              body=Fields("reason", component="RejectIn", required=True), errors=(403, 404, 409),
              description="Seperti pengajuan. " + REASON),
        Route("POST", f"{CORRECTION}/cancel", "cancel_correction", "Batalkan koreksi", ABSENSI,
              name="cancel_attendance_correction", response="CorrectionOut",
              body=Fields("reason", component="CancelIn"), errors=(403, 404, 409),
              description="Oleh pegawainya sendiri, selama belum diputuskan. Badan opsional: `{reason}`."),
        # -- setup data (read: anyone signed in; write: admin)
        Route("GET", f"{BASE}/setup", "get_setup", "Data pengaturan absensi", ABSENSI, name="attendance_setup",
              response="SetupOut",
              description="Lokasi kerja (area), jadwal per unit dan periode, periode Ramadan, bobot potongan, "
                          "pengaturan (`geofence_mode`, `selfie_max_kb`). Hari libur: `/attendance/holidays`."),
        Route("POST", f"{BASE}/locations", "create_location", "Tambah lokasi kerja", ABSENSI,
              name="create_attendance_location", response="LocationOut", status=201, body=Json("LocationIn"),
              errors=(403,), description="Titik dan radius (10–10000 m) area absen." + ADMIN),
        Route("PATCH", f"{BASE}/locations/<int:location_id>", "update_location", "Ubah lokasi kerja", ABSENSI,
              name="update_attendance_location", response="LocationOut", body=Json("LocationIn", partial=True),
              errors=(403,), description="Kolom yang dikirim saja; `active: false` menonaktifkan." + ADMIN),
        Route("PUT", f"{BASE}/schedules", "set_schedule", "Ganti jadwal kerja seminggu", ABSENSI,
              name="set_attendance_schedule", response="ScheduleOut", body=Json("ScheduleIn"), errors=(403,),
              description="Untuk (unit atau bawaan, periode `normal`/`ramadan`): `days` mengganti seluruh minggu; "
                          "hari tanpa baris bukan hari kerja; `days` kosong menghapus jadwal khusus unit." + ADMIN),
        Route("POST", f"{BASE}/periods", "save_period", "Tambah periode Ramadan", ABSENSI,
              name="create_attendance_period", response="PeriodOut", status=201, body=Json("PeriodIn"),
              errors=(403,), description="Tumpang tindih dengan periode lain: 422 pada `start_date`." + ADMIN),
        Route("PUT", f"{BASE}/periods/<int:period_id>", "save_period", "Ubah periode", ABSENSI,
              name="update_attendance_period", response="PeriodOut", body=Json("PeriodIn"), errors=(403,),
              description=ADMIN.strip()),
        Route("DELETE", f"{BASE}/periods/<int:period_id>", "delete_period", "Hapus periode", ABSENSI,
              name="delete_attendance_period", response="DeletedOut", errors=(403,), description=ADMIN.strip()),
        Route("GET", f"{BASE}/holidays", "list_holidays", "Daftar hari libur", ABSENSI,
              name="list_attendance_holidays", response="HolidayOut", answer=items, query=HolidayQuery(),
              description="Nasional, cuti bersama dan hari raya Bali; `verify` bila tanggalnya perlu diperiksa."),
        Route("POST", f"{BASE}/holidays", "save_holiday", "Tambah atau ganti satu hari libur", ABSENSI,
              name="save_attendance_holiday", response="HolidayOut", body=Json("HolidayIn"), errors=(403,),
              description="Tanggal yang sudah ada diganti." + ADMIN),
        Route("DELETE", f"{BASE}/holidays/<day>", "delete_holiday", "Hapus hari libur", ABSENSI,
              name="delete_attendance_holiday", response="DeletedOut", errors=(403, 422),
              description="`day` YYYY-MM-DD (422 pada `date` bila bukan tanggal)." + ADMIN),
        Route("POST", f"{BASE}/holidays/import", "import_holidays", "Muat hari libur dari CSV", ABSENSI,
              name="import_attendance_holidays", response="HolidayImportOut", errors=(403,),
              body=Upload("HolidayFileIn", {"text/csv": ".csv"}, FilenameQuery(), "hari-libur", "berkas hari libur"),
              description="Dua cara: JSON `{filename, content_b64}`, atau berkasnya sendiri sebagai badan dengan "
                          "`Content-Type: text/csv` dan `?filename=`. Kolom `tanggal,nama,jenis[,verifikasi]` (`,` "
                          "atau `;`), `jenis` nasional, cuti_bersama, bali. Berkas salah ditolak utuh: 422 dengan "
                          "`fields[\"baris_<n>.<kolom>\"]`; berkas benar menambah/mengganti tanggalnya." + ADMIN),
        Route("PUT", f"{BASE}/weights", "update_weights", "Ganti bobot potongan", ABSENSI,
              name="update_attendance_weights", response="WeightOut", answer=items, body=Json("WeightsIn"),
              errors=(403,), description="Basis poin per kode (TL1–4, PSW1–4, ALPA; 100 = 1%); kode yang dikirim "
                                         "saja. Jawaban: semua bobot." + ADMIN),
        Route("PATCH", f"{BASE}/settings", "update_settings", "Ubah pengaturan absensi", ABSENSI,
              name="update_attendance_settings", response="SettingsOut", body=Json("SettingsIn"), errors=(403,),
              description="`geofence_mode`: `tolak` (di luar area ditolak) atau `tinjau` (diterima, perlu "
                          "ditinjau); `selfie_max_kb` 16–2048." + ADMIN),
        # -- roster
        Route("GET", f"{BASE}/roster", "roster_status", "Status salinan data pegawai di layanan absensi", ABSENSI,
              name="attendance_roster_status", response="AttendanceRosterOut"),
        Route("POST", f"{BASE}/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              ABSENSI, name="sync_attendance_roster", response="AttendanceRosterSyncOut", body=NO_BODY, errors=(403,)),
    ),
)
