"""The agenda API — the leaders' agenda: events (time, place, leaders, VIP guests in protocol order, run-down,
protocol staff), their status steps, conflicts in a leader's agenda, the day and week views; and agenda's
general routes (what the caller may do, the settings, the public forms' ticket).

agenda decides who may do what: every signed-in employee reads (a VIP guest's contact and ID number only protocol
staff see); protocol staff (the protocol unit and its sub-units) and admin enter, edit and take every step. Each
event answer carries the caller's ``allowed_actions`` and the event's ``conflicts`` (other events of the same
leaders at an overlapping time — shown, never refused). An internal event's room is booked in booking: a room
taken is a 409 naming the booking that holds it.
"""
from __future__ import annotations

from agenda.models.agenda import EVENT_STATUSES
from marshmallow import ValidationError, fields, validates_schema
from situok_kit.clock import WITA

from ..queries import PageQuery, QuerySchema, bool_param, date_param, id_param, one_of_param
from ..routes import Json, Route
from . import Domain, Tag

AGENDA_EVENTS = "Agenda: agenda pimpinan"
AGENDA_GENERAL = "Agenda: hak dan pengaturan"
EVENT = "/agenda/events/<int:event_id>"
NO_STORE = {"Cache-Control": "no-store"}
ANSWER = ("Jawaban: kegiatan dengan `allowed_actions` pemanggil dan `conflicts`. Tidak ditemukan 404, bukan staf "
          "protokol 403, status yang salah 409, data salah 422 per kolom.")


def _moment(description: str) -> fields.AwareDateTime:
    return fields.AwareDateTime(default_timezone=WITA, error_messages={"invalid": "Harus tanggal dan waktu ISO 8601."},
                                metadata={"description": description, "example": "2031-03-04T00:00:00+08:00"})


class EventListQuery(PageQuery):
    starts_from = _moment("Kegiatan yang berakhir sesudah saat ini (tanpa offset: WITA).")
    starts_before = _moment("Kegiatan yang mulai sebelum saat ini.")
    leader_id = id_param("Hanya pimpinan ini.")
    status = one_of_param(EVENT_STATUSES, "Hanya status ini.")

    @validates_schema(skip_on_field_errors=True)
    def _window(self, data, **kwargs):
        if data.get("starts_from") and data.get("starts_before") and data["starts_before"] <= data["starts_from"]:
            raise ValidationError({"starts_before": "Harus setelah starts_from."})


class AgendaViewQuery(QuerySchema):
    day = date_param("Tanggal (WITA, YYYY-MM-DD); bawaan hari ini. Tampilan mingguan: minggu (Senin–Minggu) "
                     "tanggal ini.")
    leader_id = id_param("Hanya pimpinan ini.")
    include_cancelled = bool_param("true: tampilkan juga kegiatan yang dibatalkan.")


def _step(action: str, rpc: str, summary: str, body: str, required: bool, description: str) -> Route:
    return Route("POST", f"{EVENT}/{action}", rpc, summary, AGENDA_EVENTS, name=f"{action}_agenda_event",
                 response="AgendaEventOut", body=Json(body, required=required), errors=(403, 404, 409, 422),
                 description=description + " " + ANSWER)


DOMAIN = Domain(
    service="agenda",
    position=70,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_EVENTS, "Agenda Gubernur, Wakil Gubernur, Sekda, Asisten dan Kepala Biro: kegiatan, tempat "
                             "(ruangan lewat layanan peminjaman atau alamat), tamu VIP menurut tata urutan, susunan "
                             "acara, petugas protokol, status, bentrokan jadwal; tampilan harian dan mingguan."),
          Tag(AGENDA_GENERAL, "Yang boleh dilakukan pengguna di modul agenda, pengaturannya, dan tiket formulir "
                              "publik.")),
    routes=(
        Route("POST", "/agenda/events", "create_event", "Tambah kegiatan pimpinan", AGENDA_EVENTS,
              name="create_agenda_event", response="AgendaEventOut", status=201, body=Json("AgendaEventIn"),
              location="/agenda/events/{id}", errors=(403, 409, 422),
              description="Staf protokol. Status awal `tentative`. Kegiatan `internal` memesan ruangannya di layanan "
                          "peminjaman (ruangan terpakai 409 menyebut peminjamannya; tidak ada yang tersimpan); "
                          "`external` wajib alamat. Bentrok dengan kegiatan lain pimpinan yang sama tetap disimpan "
                          "dan ditampilkan di `conflicts`. Salah isian 422 per kolom (mis. `rundown.2.starts_at`). "
                          "`agenda.event_created`."),
        Route("GET", "/agenda/events", "list_events", "Daftar kegiatan pimpinan", AGENDA_EVENTS,
              name="list_agenda_events", response="AgendaEventPage", query=EventListQuery(), errors=(422,),
              description="Setiap pegawai. Kegiatan yang bertumpang dengan jendela waktu, menurut waktu mulai, "
                          "masing-masing dengan `conflicts`."),
        Route("GET", "/agenda/day", "agenda_day", "Agenda pimpinan harian", AGENDA_EVENTS, name="agenda_day",
              response="AgendaDayOut", query=AgendaViewQuery(), errors=(422,),
              description="Setiap pegawai. Satu hari WITA; kegiatan yang dibatalkan hanya dengan "
                          "`include_cancelled=true`; `conflicts` menghitung kegiatan yang bentrok."),
        Route("GET", "/agenda/week", "agenda_week", "Agenda pimpinan mingguan", AGENDA_EVENTS, name="agenda_week",
              response="AgendaWeekOut", query=AgendaViewQuery(), errors=(422,),
              description="Setiap pegawai. Senin–Minggu (WITA) dari minggu `day`, hari demi hari; kegiatan beberapa "
                          "hari tampil pada setiap harinya."),
        Route("GET", EVENT, "get_event", "Data satu kegiatan", AGENDA_EVENTS, name="get_agenda_event",
              response="AgendaEventOut", errors=(404,),
              description="Setiap pegawai: semua data kegiatan, tamu VIP menurut tata urutan (kontak dan nomor "
                          "identitas hanya bagi staf protokol), susunan acara menurut jam, petugas protokol, riwayat "
                          "langkah, bentrokan."),
        Route("PATCH", EVENT, "update_event", "Ubah kegiatan", AGENDA_EVENTS, name="update_agenda_event",
              response="AgendaEventOut", body=Json("AgendaEventUpdateIn"), errors=(403, 404, 409, 422),
              description="Staf protokol; `version` yang dibaca wajib (sudah diubah orang lain 409). Daftar yang "
                          "dikirim menggantikan daftar kegiatan; yang tidak dikirim tetap. Waktu/ruangan berubah: "
                          "ruangan dipesan ulang; pindah ke luar: ruangan dilepas. `agenda.event_updated`. " + ANSWER),
        Route("GET", f"{EVENT}/conflicts", "event_conflicts", "Bentrokan jadwal kegiatan", AGENDA_EVENTS,
              name="agenda_event_conflicts", response="AgendaEventConflictList", errors=(404,),
              description="Setiap pegawai: kegiatan lain (tidak dibatalkan) pimpinan yang sama pada waktu yang "
                          "bertumpang."),
        _step("confirm", "confirm_event", "Pastikan kegiatan", "AgendaEventNoteIn", False,
              "Staf protokol: `tentative` → `confirmed`; badan `{note}` opsional. `agenda.event_confirmed`."),
        _step("postpone", "postpone_event", "Tunda kegiatan", "AgendaEventReasonIn", True,
              "Staf protokol: `tentative`/`confirmed` → `postponed`; badan `{reason}` wajib; ruangan dilepas. "
              "`agenda.event_postponed`."),
        _step("reschedule", "reschedule_event", "Jadwalkan ulang kegiatan yang ditunda", "AgendaEventRescheduleIn",
              True, "Staf protokol: `postponed` → `tentative` dengan waktu baru `{starts_at, ends_at}`; ruangan "
              "dipesan lagi (terpakai 409). `agenda.event_updated`."),
        _step("cancel", "cancel_event", "Batalkan kegiatan", "AgendaEventReasonIn", True,
              "Staf protokol: kegiatan terbuka → `cancelled`; badan `{reason}` wajib; ruangan dilepas. "
              "`agenda.event_cancelled`."),
        _step("complete", "complete_event", "Tandai kegiatan selesai", "AgendaEventNoteIn", False,
              "Staf protokol: `confirmed` → `done` setelah kegiatan dimulai (sebelumnya 422 pada `starts_at`). "
              "`agenda.event_done`."),
        Route("GET", "/agenda/roster", "roster_status", "Status salinan data pegawai di layanan agenda",
              AGENDA_GENERAL, name="agenda_roster_status", response="AgendaRosterStatusOut", errors=(401,),
              description="Jumlah pegawai dan unit pada salinan agenda (siapa staf protokol, nama, unit tujuan "
                          "masukan) dan penarikan terakhir."),
        Route("POST", "/agenda/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              AGENDA_GENERAL, name="sync_agenda_roster", response="AgendaRosterSyncOut", errors=(403,),
              description="Hanya admin: salinan diisi ulang dari `employee_snapshot` personnel sekarang."),
        Route("GET", "/agenda/capabilities", "capabilities", "Yang boleh dilakukan pengguna di modul agenda",
              AGENDA_GENERAL, name="agenda_capabilities", response="AgendaCapabilitiesOut", errors=(401,),
              description="Menu dan tombol aplikasi klien; setiap catatan tetap membawa `allowed_actions`-nya."),
        Route("GET", "/agenda/settings", "get_settings", "Pengaturan agenda", AGENDA_GENERAL,
              name="agenda_settings", response="AgendaSettingsOut", errors=(401,),
              description="Unit protokol, peran penyetuju tambahan, batas formulir publik. Semua pengguna yang "
                          "masuk."),
        Route("PATCH", "/agenda/settings", "update_settings", "Ubah pengaturan agenda (admin)", AGENDA_GENERAL,
              name="update_agenda_settings", response="AgendaSettingsOut", body=Json("AgendaSettingsIn"),
              errors=(403, 422),
              description="Kolom yang dikirim saja. Hanya admin (selain itu 403); salah isian 422 per kolom."),
        Route("GET", "/public/agenda/form-ticket", "public_form_ticket", "Tiket formulir publik agenda (publik)",
              AGENDA_GENERAL, name="agenda_form_ticket", public=True, response="FormTicketOut", errors=(503,),
              headers=NO_STORE,
              description="Tanpa autentikasi. Tiket waktu-isi untuk formulir publik (permohonan kunjungan, "
                          "masukan), dikirim kembali apa adanya sebagai `ticket`; lebih cepat dari `min_seconds` "
                          "ditolak 422."),
    ),
)
