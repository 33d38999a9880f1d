"""The kepegawaian API — leave reports: the leave recap per unit and year (the approved days of each kind of
leave per employee and the annual leave left), on screen and as XLSX or PDF (the file itself, as a download).
Staff officers and the leave official see every unit; a supervisor only their own staff; anyone else 403.
"""
from __future__ import annotations

from ..queries import QuerySchema, id_param, int_param, one_of_param
from ..routes import Route, file_answer
from . import Domain, Tag

LEAVE_REPORTS = "Kepegawaian: rekap cuti"
READERS = ("Pengelola kepegawaian, pejabat yang berwenang memberikan cuti (pimpinan) dan admin: semua unit; "
           "atasan: hanya bawahannya (`scope` `staff`); selainnya 403.")
FORMATS = ("xlsx", "pdf")


class LeaveRecapQuery(QuerySchema):
    year = int_param("Tahun (bawaan: tahun ini).", 2000, 2100, "Tahun 2000–2100.")
    unit_id = id_param("Unit (beserta sub-unitnya); tanpa ini: seluruh Biro.")


class LeaveRecapExportQuery(LeaveRecapQuery):
    format = one_of_param(FORMATS, "xlsx (bawaan) atau pdf.")


DOMAIN = Domain(
    service="kepegawaian",
    position=82,
    schemas="kepegawaian.schemas",
    tags=(Tag(LEAVE_REPORTS, "Rekap cuti per unit dan tahun: hari cuti yang disetujui per jenis (PP 11/2017 Pasal "
                             "310: tahunan, besar, sakit, melahirkan, alasan penting, di luar tanggungan negara) dan "
                             "sisa cuti tahunan, per pegawai; XLSX atau PDF."),),
    routes=(
        Route("GET", "/kepegawaian/reports/leave-recap", "leave_recap", "Rekap cuti per unit dan tahun",
              LEAVE_REPORTS, name="kepegawaian_leave_recap", response="LeaveRecapOut", query=LeaveRecapQuery(),
              errors=(403, 422),
              description="Per pegawai aktif unit (beserta sub-unitnya): hari cuti yang disetujui per jenis pada "
                          "tahun itu (menurut tanggal mulai; cuti yang dibatalkan tidak dihitung), jumlahnya dan "
                          "sisa cuti tahunan. Unit yang tidak dikenal: 422 `unit_id`. " + READERS),
        Route("GET", "/kepegawaian/reports/leave-recap/export", "export_leave_recap",
              "Unduh rekap cuti (XLSX/PDF)", LEAVE_REPORTS, name="kepegawaian_export_leave_recap",
              query=LeaveRecapExportQuery(), errors=(403, 422),
              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download=True,
              answer=file_answer("document", inline=False),
              description="Berkasnya sendiri (unduhan): XLSX (teks tidak pernah dibaca sebagai rumus) atau PDF A4 "
                          "mendatar dengan kop Biro; isi sama dengan rekap di layar. " + READERS),
    ),
)
