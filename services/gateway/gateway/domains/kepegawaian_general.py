"""The kepegawaian API — general routes: what the caller may do in kepegawaian (the menu and pages of a client),
the roster copy's status and a pull now (admin), the settings (the staff officers' unit, the leave official's
role, half days, reminder lead times), and an employee's approved trips (travel's SPTs, against which leave is
refused).

kepegawaian decides who may do what: every record carries the caller's ``allowed_actions``.
"""
from __future__ import annotations

from ..queries import QuerySchema, date_param
from ..routes import Json, Route, items
from . import Domain, Tag

GENERAL = "Kepegawaian: hak dan pengaturan"


class EmployeeTripsQuery(QuerySchema):
    start = date_param("Dari tanggal (YYYY-MM-DD).")
    end = date_param("Sampai tanggal (YYYY-MM-DD), inklusif.")


DOMAIN = Domain(
    service="kepegawaian",
    position=79,
    schemas="kepegawaian.schemas",
    tags=(Tag(GENERAL, "Yang boleh dilakukan pengguna di modul kepegawaian, salinan data pegawai, pengaturan, dan "
                       "perjalanan dinas pegawai yang disetujui (cuti tidak dapat diajukan pada hari-hari itu)."),),
    routes=(
        Route("GET", "/kepegawaian/capabilities", "capabilities", "Yang boleh dilakukan pengguna di modul kepegawaian",
              GENERAL, name="kepegawaian_capabilities", response="KepegawaianCapabilitiesOut", errors=(401,),
              description="Menu dan tombol aplikasi klien; setiap catatan tetap membawa `allowed_actions`-nya."),
        Route("GET", "/kepegawaian/roster", "roster_status", "Status salinan data pegawai di layanan kepegawaian",
              GENERAL, name="kepegawaian_roster_status", response="KepegawaianRosterStatusOut", errors=(401,),
              description="Jumlah pegawai dan unit pada salinan (dengan pangkat, TMT, jenjang jabatan yang dipakai "
                          "untuk KGB/KP/BUP) dan penarikan terakhir."),
        Route("POST", "/kepegawaian/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              GENERAL, name="sync_kepegawaian_roster", response="KepegawaianRosterSyncOut", errors=(403,),
              description="Hanya admin: salinan diisi ulang dari `employee_snapshot` personnel sekarang."),
        Route("GET", "/kepegawaian/settings", "get_settings", "Pengaturan kepegawaian", GENERAL,
              name="kepegawaian_settings", response="KepegawaianSettingsOut", errors=(401,),
              description="Unit pengelola kepegawaian, peran pejabat pemberi cuti, cuti setengah hari, hari "
                          "pengingat. Semua pengguna yang masuk."),
        Route("PATCH", "/kepegawaian/settings", "update_settings", "Ubah pengaturan kepegawaian (admin)", GENERAL,
              name="update_kepegawaian_settings", response="KepegawaianSettingsOut",
              body=Json("KepegawaianSettingsIn"), errors=(403, 422),
              description="Kolom yang dikirim saja. Hanya admin (selain itu 403); salah isian 422 per kolom."),
        Route("GET", "/kepegawaian/employees/<int:employee_id>/trips", "employee_trips",
              "Perjalanan dinas pegawai yang disetujui", GENERAL, name="kepegawaian_employee_trips",
              response="KepegawaianTripOut", answer=items, query=EmployeeTripsQuery(), errors=(403, 422),
              description="SPT yang disetujui (tidak dibatalkan) dan bertumpang tindih dengan `start`…`end` "
                          "(paling lama setahun): cuti tidak dapat diajukan pada hari-hari ini. Pegawai itu, "
                          "atasannya (berjenjang), pengelola kepegawaian, pejabat pemberi cuti; selainnya 403."),
    ),
)
