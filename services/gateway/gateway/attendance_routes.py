"""The attendance API (absensi pegawai non-ASN): ``/api/v1/attendance/...``.

A mixin ``GatewayService`` inherits, like ``travel_routes``: each route reads the request, calls attendance
over RPC (``self.attendance``) with the caller's identity, and answers. attendance decides who may do what
(404 unseen, 403 not allowed, 409 decided already / a different second check-in, 422 per field — outside the
geofence on ``latitude`` with the distance).

Files: a selfie (check-in/out) and a leave request's attachment travel inside the JSON as base64, so those
routes read up to ``UPLOAD_BODY_BYTES`` (8 MiB), every other route 1 MiB. A holiday CSV may also be sent as
the file itself (``Content-Type: text/csv``, ``?filename=``). The recap export and a request's attachment are
answered as the file itself, decoded from attendance's base64; a request's JSON never carries the content.
"""
from __future__ import annotations

from situok_kit.rpc import TimedRpcProxy

from .http import (
    UPLOAD_BODY_BYTES,
    V1,
    Reply,
    api,
    created,
    idempotency_key,
    read_fields,
    read_json,
    read_upload,
    service_file,
)
from .openapi import NOTE_BODY, REASON_BODY, Operation
from .queries import (
    ATTENDANCE_DAYS_QUERY,
    ATTENDANCE_EXPORT_QUERY,
    ATTENDANCE_RECAP_QUERY,
    ATTENDANCE_TODAY_QUERY,
    HOLIDAY_QUERY,
    HOLIDAY_UPLOAD_QUERY,
    LEAVE_LIST_QUERY,
    AttendanceDaysQuery,
    AttendanceExportQuery,
    AttendanceRecapQuery,
    AttendanceTodayQuery,
    HolidayQuery,
    HolidayUploadQuery,
    LeaveListQuery,
    page_args,
    parse_query,
)

ABSENSI = "Absensi"
BASE = f"{V1}/attendance"
REQUESTS = f"{BASE}/requests"
REQUEST = REQUESTS + "/<int:request_id>"
CORRECTIONS = f"{BASE}/corrections"
CORRECTION = CORRECTIONS + "/<int:correction_id>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Holiday files accepted as the body itself: media type -> default file extension.
HOLIDAY_FILE_TYPES = {"text/csv": ".csv"}

_POSITION = ("Badan: `latitude`, `longitude` dari peramban (wajib), `accuracy` (m), `selfie_b64` opsional "
             "(JPEG/PNG/WebP base64, paling besar `selfie_max_kb`). Jam dan hari (WITA) dari server. Di luar "
             "area kantor: 422 dengan `fields.latitude` = \"di luar area kantor: 350 m dari …\", atau — dengan "
             "`geofence_mode` `tinjau` — diterima dengan `needs_review: true`. Badan paling besar 8 MiB.")
_ADMIN = " Hanya admin (403 selain itu)."


def holiday_file(request) -> tuple[str, str]:
    """(filename, content_b64) of a holiday upload: JSON ``{filename, content_b64}``, or the CSV itself as
    the body with ``?filename=`` (default ``hari-libur.csv``). Anything else is a 415."""
    return read_upload(request, HOLIDAY_FILE_TYPES, HOLIDAY_UPLOAD_QUERY, "hari-libur", "berkas hari libur")


def without_content(leave_request: dict) -> dict:
    """A request as JSON: its attachment described, its content left to the attachment route."""
    attachment = leave_request.get("attachment")
    if isinstance(attachment, dict) and "content_b64" in attachment:
        leave_request = {**leave_request, "attachment": {k: v for k, v in attachment.items() if k != "content_b64"}}
    return leave_request


class AttendanceRoutes:
    """Routes of the attendance API (mixed into ``GatewayService``)."""

    attendance = TimedRpcProxy("attendance")

    # -- check-in / check-out ----------------------------------------------------------------------

    @api("POST", f"{BASE}/check-in", doc=Operation(
        "Absen masuk", ABSENSI, response="CheckOut", status=201, body="GeoPositionIn", errors=(409,),
        idempotent=True,
        description="Pegawai non-ASN untuk dirinya sendiri (422 pada `employee_id` bagi yang lain). Sekali "
                    "sehari: permintaan yang sama diulang (ketuk dua kali, jaringan putus) dijawab 200 dengan "
                    "catatan yang sama dan `replayed: true`; absen masuk kedua yang berbeda 409. " + _POSITION))
    def attendance_check_in(self, request):
        record = self.attendance.check_in(read_json(request, max_bytes=UPLOAD_BODY_BYTES),
                                          idempotency_key=idempotency_key(request))
        return Reply(record, 200 if record.get("replayed") else 201)

    @api("POST", f"{BASE}/check-out", doc=Operation(
        "Absen pulang", ABSENSI, response="CheckOut", body="GeoPositionIn", errors=(409,), idempotent=True,
        description="Sesudah absen masuk hari ini (422 pada `check_out` sebelumnya). Ulangan yang sama: "
                    "`replayed: true`; absen pulang kedua yang berbeda 409. " + _POSITION))
    def attendance_check_out(self, request):
        return self.attendance.check_out(read_json(request, max_bytes=UPLOAD_BODY_BYTES),
                                         idempotency_key=idempotency_key(request))

    @api("GET", f"{BASE}/me", doc=Operation(
        "Apa yang boleh dilakukan pemanggil di absensi", ABSENSI, response="AttendanceWhoAmIOut",
        description="`tracked`: pegawai non-ASN aktif (boleh absen); `supervisor`: atasan atau kepala unit "
                    "(papan hari ini, rekap, persetujuan); `admin`: pengaturan."))
    def attendance_whoami(self, request):
        return self.attendance.whoami()

    @api("GET", f"{BASE}/me/today", doc=Operation(
        "Absensi saya hari ini", ABSENSI, response="MyTodayOut",
        description="Catatan hari ini (atau null) dan status harinya."))
    def attendance_my_today(self, request):
        return self.attendance.my_today()

    # -- days, recaps, today board -----------------------------------------------------------------

    @api("GET", f"{BASE}/days", doc=Operation(
        "Status harian sebulan seorang pegawai", ABSENSI, response="EmployeeDaysOut", query=AttendanceDaysQuery,
        description="Bawaan pemanggil sendiri; pegawai lain bagi atasannya, kepala unit di atasnya, dan admin "
                    "(selain itu 404). Hari sampai hari ini, dengan ringkasan dan potongan."))
    def attendance_days(self, request):
        params = parse_query(ATTENDANCE_DAYS_QUERY, request)
        return self.attendance.employee_days(params["month"], employee_id=params.get("employee_id"))

    @api("GET", f"{BASE}/recap", doc=Operation(
        "Rekap bulanan", ABSENSI, response="RecapOut", query=AttendanceRecapQuery, errors=(403, 404),
        description="Atasan, kepala unit dan admin (selain itu 403): per pegawai non-ASN dalam lingkupnya "
                    "jumlah hari per status, pita TL/PSW, menit, potongan (basis poin). `unit_id` di luar "
                    "lingkup: 404."))
    def attendance_recap(self, request):
        params = parse_query(ATTENDANCE_RECAP_QUERY, request)
        return self.attendance.monthly_recap(params["month"], unit_id=params.get("unit_id"))

    @api("GET", f"{BASE}/recap/export", doc=Operation(
        "Unduh rekap bulanan (XLSX atau PDF)", ABSENSI, query=AttendanceExportQuery, errors=(403, 404),
        content_type="application/octet-stream", download=True,
        description=f"Berkasnya sendiri sebagai lampiran: `{XLSX}` atau `application/pdf` (A4 lanskap, kop "
                    "Pemerintah Provinsi Bali). Siapa boleh: seperti rekap."))
    def attendance_recap_export(self, request):
        params = parse_query(ATTENDANCE_EXPORT_QUERY, request)
        found = self.attendance.export_recap(params["month"], unit_id=params.get("unit_id"),
                                             format=params["format"])
        return service_file(found, "recap", XLSX if params["format"] == "xlsx" else "application/pdf",
                            inline=False)

    @api("GET", f"{BASE}/today", doc=Operation(
        "Papan hari ini (atasan)", ABSENSI, response="TodayOut", query=AttendanceTodayQuery, errors=(403, 404),
        description="Pegawai non-ASN dalam lingkup pemanggil, dikelompokkan: hadir (`in`), terlambat, belum "
                    "absen, dinas luar, izin/sakit/cuti, libur; dengan jumlah per kelompok."))
    def attendance_today(self, request):
        return self.attendance.today_view(unit_id=parse_query(ATTENDANCE_TODAY_QUERY, request).get("unit_id"))

    # -- leave requests ------------------------------------------------------------------------------

    @api("GET", REQUESTS, doc=Operation(
        "Daftar pengajuan izin/sakit/cuti", ABSENSI, response="LeaveRequestPage", query=LeaveListQuery,
        description="Terbaru dulu; milik sendiri dan pegawai yang diawasi (admin semua)."))
    def list_attendance_requests(self, request):
        page = self.attendance.list_requests(**page_args(LEAVE_LIST_QUERY, request))
        return {**page, "items": [without_content(item) for item in page.get("items", [])]}

    @api("POST", REQUESTS, doc=Operation(
        "Ajukan izin, sakit atau cuti", ABSENSI, response="LeaveRequestOut", status=201, body="LeaveRequestIn",
        idempotent=True, location=True,
        description="Oleh pegawai non-ASN untuk dirinya; paling lama 90 hari; lampiran wajib (PDF/JPEG/PNG/WebP "
                    "base64, paling besar 2 MB; badan paling besar 8 MiB). Tumpang tindih dengan pengajuan "
                    "lain: 422 pada `start_date`."))
    def submit_attendance_request(self, request):
        found = self.attendance.submit_request(read_json(request, max_bytes=UPLOAD_BODY_BYTES),
                                               idempotency_key=idempotency_key(request))
        return created(without_content(found), f"{REQUESTS}/{found['id']}")

    @api("GET", REQUEST, doc=Operation(
        "Data satu pengajuan", ABSENSI, response="LeaveRequestOut", errors=(404,),
        description="Lampirannya diunduh di `/attachment`."))
    def get_attendance_request(self, request, request_id):
        return without_content(self.attendance.get_request(request_id))

    @api("GET", f"{REQUEST}/attachment", doc=Operation(
        "Unduh lampiran pengajuan", ABSENSI, errors=(404,), content_type="*/*", download=True,
        description="Berkasnya sendiri (PDF atau gambar, `inline`), dengan Content-Type yang disimpan."))
    def attendance_request_attachment(self, request, request_id):
        return service_file(self.attendance.get_request(request_id).get("attachment") or {}, "attachment")

    @api("POST", f"{REQUEST}/approve", doc=Operation(
        "Setujui pengajuan", ABSENSI, response="LeaveRequestOut", body="DecisionIn", body_required=False,
        errors=(403, 404, 409),
        description="Oleh atasan pegawai atau kepala unit di atasnya, bukan diri sendiri; sekali (409 bila "
                    "sudah diputuskan). " + NOTE_BODY))
    def approve_attendance_request(self, request, request_id):
        return without_content(self.attendance.approve_request(request_id, **read_fields(request, "note")))

    @api("POST", f"{REQUEST}/reject", doc=Operation(
        "Tolak pengajuan", ABSENSI, response="LeaveRequestOut", body="RejectIn", errors=(403, 404, 409),
        description="Seperti menyetujui. " + REASON_BODY))
    def reject_attendance_request(self, request, request_id):
        return without_content(self.attendance.reject_request(request_id, **read_fields(request, "reason")))

    # -- corrections ---------------------------------------------------------------------------------

    @api("GET", CORRECTIONS, doc=Operation(
        "Daftar koreksi jam (riwayat)", ABSENSI, response="CorrectionPage", query=LeaveListQuery,
        description="Terbaru dulu; semua koreksi dengan keputusannya (tidak pernah dihapus)."))
    def list_attendance_corrections(self, request):
        return self.attendance.list_corrections(**page_args(LEAVE_LIST_QUERY, request))

    @api("POST", CORRECTIONS, doc=Operation(
        "Ajukan koreksi jam masuk/pulang", ABSENSI, response="CorrectionOut", status=201, body="CorrectionIn",
        idempotent=True, location=True,
        description="Oleh pegawai untuk harinya sendiri (bukan hari depan); satu koreksi terbuka per hari dan "
                    "jenis. Setelah disetujui, jam ini menggantikan jam tercatat di status dan rekap."))
    def submit_attendance_correction(self, request):
        found = self.attendance.submit_correction(read_json(request), idempotency_key=idempotency_key(request))
        return created(found, f"{CORRECTIONS}/{found['id']}")

    @api("GET", CORRECTION, doc=Operation(
        "Data satu koreksi", ABSENSI, response="CorrectionOut", errors=(404,)))
    def get_attendance_correction(self, request, correction_id):
        return self.attendance.get_correction(correction_id)

    @api("POST", f"{CORRECTION}/approve", doc=Operation(
        "Setujui koreksi", ABSENSI, response="CorrectionOut", body="DecisionIn", body_required=False,
        errors=(403, 404, 409), description="Seperti pengajuan. " + NOTE_BODY))
    def approve_attendance_correction(self, request, correction_id):
        return self.attendance.approve_correction(correction_id, **read_fields(request, "note"))

    @api("POST", f"{CORRECTION}/reject", doc=Operation(
        "Tolak koreksi", ABSENSI, response="CorrectionOut", body="RejectIn", errors=(403, 404, 409),
        description="Seperti pengajuan. " + REASON_BODY))
    def reject_attendance_correction(self, request, correction_id):
        return self.attendance.reject_correction(correction_id, **read_fields(request, "reason"))

    # -- setup data (read: anyone signed in; write: admin) --------------------------------------------

    @api("GET", f"{BASE}/setup", doc=Operation(
        "Data pengaturan absensi", ABSENSI, response="SetupOut",
        description="Lokasi kerja (area), jadwal per unit dan periode, periode Ramadan, bobot potongan, "
                    "pengaturan (`geofence_mode`, `selfie_max_kb`). Hari libur: `/attendance/holidays`."))
    def attendance_setup(self, request):
        return self.attendance.get_setup()

    @api("POST", f"{BASE}/locations", doc=Operation(
        "Tambah lokasi kerja", ABSENSI, response="LocationOut", status=201, body="LocationIn", errors=(403,),
        description="Titik dan radius (10–10000 m) area absen." + _ADMIN))
    def create_attendance_location(self, request):
        return Reply(self.attendance.create_location(read_json(request)), 201)

    @api("PATCH", f"{BASE}/locations/<int:location_id>", doc=Operation(
        "Ubah lokasi kerja", ABSENSI, response="LocationOut", body="LocationPatch", errors=(403,),
        description="Kolom yang dikirim saja; `active: false` menonaktifkan." + _ADMIN))
    def update_attendance_location(self, request, location_id):
        return self.attendance.update_location(location_id, read_json(request))

    @api("PUT", f"{BASE}/schedules", doc=Operation(
        "Ganti jadwal kerja seminggu", ABSENSI, response="ScheduleOut", body="ScheduleIn", errors=(403,),
        description="Untuk (unit atau bawaan, periode `normal`/`ramadan`): `days` mengganti seluruh minggu; "
                    "hari tanpa baris bukan hari kerja; `days` kosong menghapus jadwal khusus unit." + _ADMIN))
    def set_attendance_schedule(self, request):
        return self.attendance.set_schedule(read_json(request))

    @api("POST", f"{BASE}/periods", doc=Operation(
        "Tambah periode Ramadan", ABSENSI, response="PeriodOut", status=201, body="PeriodIn", errors=(403,),
        description="Tumpang tindih dengan periode lain: 422 pada `start_date`." + _ADMIN))
    def create_attendance_period(self, request):
        return Reply(self.attendance.save_period(read_json(request)), 201)

    @api("PUT", f"{BASE}/periods/<int:period_id>", doc=Operation(
        "Ubah periode", ABSENSI, response="PeriodOut", body="PeriodIn", errors=(403,), description=_ADMIN.strip()))
    def update_attendance_period(self, request, period_id):
        return self.attendance.save_period(read_json(request), period_id=period_id)

    @api("DELETE", f"{BASE}/periods/<int:period_id>", doc=Operation(
        "Hapus periode", ABSENSI, response="DeletedOut", errors=(403,), description=_ADMIN.strip()))
    def delete_attendance_period(self, request, period_id):
        return self.attendance.delete_period(period_id)

    @api("GET", f"{BASE}/holidays", doc=Operation(
        "Daftar hari libur", ABSENSI, response="HolidayList", query=HolidayQuery,
        description="Nasional, cuti bersama dan hari raya Bali; `verify` bila tanggalnya perlu diperiksa."))
    def list_attendance_holidays(self, request):
        return {"items": self.attendance.list_holidays(year=parse_query(HOLIDAY_QUERY, request).get("year"))}

    @api("POST", f"{BASE}/holidays", doc=Operation(
        "Tambah atau ganti satu hari libur", ABSENSI, response="HolidayOut", body="HolidayIn", errors=(403,),
        description="Tanggal yang sudah ada diganti." + _ADMIN))
    def save_attendance_holiday(self, request):
        return self.attendance.save_holiday(read_json(request))

    @api("DELETE", f"{BASE}/holidays/<day>", doc=Operation(
        "Hapus hari libur", ABSENSI, response="DeletedOut", errors=(403, 422),
        description="`day` YYYY-MM-DD (422 pada `date` bila bukan tanggal)." + _ADMIN))
    def delete_attendance_holiday(self, request, day):
        return self.attendance.delete_holiday(day)

    @api("POST", f"{BASE}/holidays/import", doc=Operation(
        "Muat hari libur dari CSV", ABSENSI, response="HolidayImportOut", body="HolidayFileIn",
        raw_bodies=tuple(HOLIDAY_FILE_TYPES), query=HolidayUploadQuery, errors=(403,),
        description="Dua cara: JSON `{filename, content_b64}`, atau berkasnya sendiri sebagai badan dengan "
                    "`Content-Type: text/csv` dan `?filename=`. Kolom `tanggal,nama,jenis[,verifikasi]` (`,` atau "
                    "`;`), `jenis` nasional, cuti_bersama, bali. Berkas salah ditolak utuh: 422 dengan "
                    "`fields[\"baris_<n>.<kolom>\"]`; berkas benar menambah/mengganti tanggalnya." + _ADMIN))
    def import_attendance_holidays(self, request):
        filename, content_b64 = holiday_file(request)
        return self.attendance.import_holidays(filename, content_b64)

    @api("PUT", f"{BASE}/weights", doc=Operation(
        "Ganti bobot potongan", ABSENSI, response="WeightList", body="WeightsIn", errors=(403,),
        description="Basis poin per kode (TL1–4, PSW1–4, ALPA; 100 = 1%); kode yang dikirim saja. Jawaban: "
                    "semua bobot." + _ADMIN))
    def update_attendance_weights(self, request):
        return {"items": self.attendance.update_weights(read_json(request))}

    @api("PATCH", f"{BASE}/settings", doc=Operation(
        "Ubah pengaturan absensi", ABSENSI, response="SettingsOut", body="SettingsIn", errors=(403,),
        description="`geofence_mode`: `tolak` (di luar area ditolak) atau `tinjau` (diterima, perlu ditinjau); "
                    "`selfie_max_kb` 16–2048." + _ADMIN))
    def update_attendance_settings(self, request):
        return self.attendance.update_settings(read_json(request))

    # -- roster --------------------------------------------------------------------------------------

    @api("GET", f"{BASE}/roster", doc=Operation(
        "Status salinan data pegawai di layanan absensi", ABSENSI, response="AttendanceRosterOut"))
    def attendance_roster_status(self, request):
        return self.attendance.roster_status()

    @api("POST", f"{BASE}/roster/sync", doc=Operation(
        "Tarik ulang data pegawai dari personnel (admin)", ABSENSI, response="RosterSyncOut", errors=(403,)))
    def sync_attendance_roster(self, request):
        read_fields(request)
        return self.attendance.sync_roster()
