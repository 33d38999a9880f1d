"""The kepegawaian API — career: an employee's next KGB (kenaikan gaji berkala), KP (kenaikan pangkat reguler)
and retirement (BUP) dates computed from the record by kepegawaian's rules (data, each with its legal source);
who is due in a month; the staff officers' reminders; and the DUK, the nominative list and the due list as XLSX
or PDF (the file itself, as a download).
"""
from __future__ import annotations

from marshmallow import fields, validate

from ..queries import PageQuery, QuerySchema, bool_param, id_param, one_of_param
from ..routes import Route, file_answer
from . import Domain, Tag

CAREER = "Kepegawaian: tanggal karier (KGB, KP, pensiun)"
OFFICERS = "Pengelola kepegawaian (Subbagian Kepegawaian dan sub-unitnya) dan admin; selainnya 403."
EXPORTERS = "Pengelola kepegawaian, pejabat yang berwenang (pimpinan) dan admin; selainnya 403."
FORMATS = ("xlsx", "pdf")
KINDS = ("kgb", "kp", "bup")
_MONTH = r"^\d{4}-\d{2}$"


def _month(description: str) -> fields.String:
    return fields.String(validate=validate.Regexp(_MONTH, error="Harus bulan dengan format YYYY-MM."),
                         metadata={"description": description, "example": "2026-09"})


class DueQuery(QuerySchema):
    month = _month("Bulan (YYYY-MM); tanpa ini: bulan ini.")
    until = _month("Sampai bulan (YYYY-MM; rentang paling banyak 24 bulan).")
    kinds = fields.String(validate=validate.Regexp(r"^(kgb|kp|bup)(,(kgb|kp|bup))*$",
                                                   error="Daftar jenis dipisah koma: kgb, kp, bup."),
                          metadata={"description": "Jenis dipisah koma (kgb,kp,bup); tanpa ini: semua."})
    unit_id = id_param("Unit (beserta sub-unitnya).")


class ReminderQuery(PageQuery):
    unread_only = bool_param("Hanya yang belum dibaca.")


class ExportQuery(QuerySchema):
    format = one_of_param(FORMATS, "xlsx (bawaan) atau pdf.")
    unit_id = id_param("Unit (beserta sub-unitnya); tanpa ini: seluruh Biro.")


class DueExportQuery(DueQuery):
    format = one_of_param(FORMATS, "xlsx (bawaan) atau pdf.")


def _export(path: str, rpc: str, summary: str, name: str, query, description: str) -> Route:
    return Route("GET", path, rpc, summary, CAREER, name=name, query=query, errors=(403, 422),
                 content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 download=True, answer=file_answer("document", inline=False),
                 description=description + " " + EXPORTERS)


DOMAIN = Domain(
    service="kepegawaian",
    position=84,
    schemas="kepegawaian.schemas",
    tags=(Tag(CAREER, "KGB tiap 2 tahun (PP 15/1985 sebagaimana diubah), kenaikan pangkat reguler (PP 99/2000 jo. "
                      "PP 12/2002; periode menurut Peraturan BKN 4/2023 dan 4/2025), BUP (UU 20/2023, PP 11/2017 "
                      "Pasal 239) dihitung dari data kepegawaian; daftar jatuh tempo, pengingat, DUK dan daftar "
                      "nominatif."),),
    routes=(
        Route("GET", "/kepegawaian/career/me", "my_career_dates", "Tanggal karier saya", CAREER,
              name="kepegawaian_my_career_dates", response="CareerDatesOut", errors=(403,),
              description="KGB, kenaikan pangkat dan pensiun berikutnya pegawai yang masuk (null bila tidak "
                          "berlaku). Akun yang terhubung dengan data pegawai; selainnya 403."),
        Route("GET", "/kepegawaian/career/employees/<int:employee_id>", "career_dates",
              "Tanggal karier seorang pegawai", CAREER, name="kepegawaian_career_dates",
              response="CareerDatesOut", errors=(403, 404),
              description="Pegawai itu sendiri, atasannya, pengelola kepegawaian dan pejabat; selainnya 403."),
        Route("GET", "/kepegawaian/career/rules", "career_rules", "Aturan tanggal karier", CAREER,
              name="kepegawaian_career_rules", response="CareerRulesOut", errors=(401,),
              description="Aturan KGB, KP (periode dengan tanggal berlakunya) dan BUP per jenjang, masing-masing "
                          "dengan dasar hukumnya. Setiap pegawai."),
        Route("GET", "/kepegawaian/career/due", "due_list", "Jatuh tempo KGB/KP/pensiun", CAREER,
              name="kepegawaian_due_list", response="CareerDueListOut", query=DueQuery(), errors=(403, 422),
              description="Yang jatuh tempo pada bulan itu (atau rentang), ditambah yang sudah lewat dan belum "
                          "dicatat (`overdue`), dengan jumlah per jenis. " + EXPORTERS),
        Route("GET", "/kepegawaian/career/reminders", "list_reminders", "Pengingat tanggal karier", CAREER,
              name="kepegawaian_list_career_reminders", response="CareerReminderPage", query=ReminderQuery(),
              errors=(403, 422),
              description="Pengingat KGB/KP (sesuai `reminder_days`) dan pensiun (`retirement_reminder_days`), "
                          "tanggal terdekat dulu; halaman dengan `cursor`. " + OFFICERS),
        Route("POST", "/kepegawaian/career/reminders/<int:reminder_id>/read", "mark_reminder_read",
              "Tandai pengingat sudah dibaca", CAREER, name="kepegawaian_mark_career_reminder_read",
              response="CareerReminderOut", errors=(403, 404),
              description="Berlaku bagi semua pengelola kepegawaian. " + OFFICERS),
        _export("/kepegawaian/career/exports/duk", "export_duk", "Unduh DUK (XLSX/PDF)",
                "kepegawaian_export_duk", ExportQuery(),
                "Daftar Urut Kepangkatan PNS: golongan, TMT pangkat, jabatan, masa kerja, usia."),
        _export("/kepegawaian/career/exports/nominative", "export_nominative", "Unduh daftar nominatif (XLSX/PDF)",
                "kepegawaian_export_nominative", ExportQuery(),
                "Setiap pegawai unit (dan sub-unitnya): PNS, PPPK, non-ASN."),
        _export("/kepegawaian/career/exports/due", "export_due_list", "Unduh daftar jatuh tempo (XLSX/PDF)",
                "kepegawaian_export_due_list", DueExportQuery(), "KGB/KP/pensiun sebulan atau serentang bulan."),
    ),
)
