"""The agenda API — leaders: the leaders the bureau serves (Gubernur, Wakil Gubernur, Sekda, Asisten, Kepala Biro),
the order of precedence (tata urutan per UU 9/2010 tentang Keprotokolan Pasal 10 and PP 39/2018, as data), and a
leader's daily or weekly agenda printed as a PDF.

Every employee reads and prints; protocol staff (Bagian Protokol dan Komunikasi Pimpinan and its sub-units, admin)
keep the leaders and the order (403 for anyone else). The PDF is answered as the file itself, ``inline``.
"""
from __future__ import annotations

from ..queries import PageQuery, QuerySchema, bool_param, date_param
from ..routes import Json, Route, file_answer
from . import Domain, Tag

AGENDA_LEADERS = "Agenda: pimpinan dan tata urutan"
LEADER = "/agenda/leaders/<int:leader_id>"
STAFF = "Hanya staf protokol (Bagian Protokol dan Komunikasi Pimpinan, subbagiannya) dan admin; selainnya 403."
READERS = "Setiap pegawai."


class LeaderListQuery(PageQuery):
    include_inactive = bool_param("Sertakan pimpinan nonaktif, sesudah yang aktif (staf protokol).")


class LeaderAgendaQuery(QuerySchema):
    day = date_param("Agenda harian tanggal ini (WITA, YYYY-MM-DD); tanpa `day` dan `week_of`: hari ini.")
    week_of = date_param("Agenda mingguan (Senin–Minggu) pekan yang memuat tanggal ini (YYYY-MM-DD).")


DOMAIN = Domain(
    service="agenda",
    position=69,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_LEADERS, "Pimpinan yang dilayani Biro (data, dikelola staf protokol), tata urutan/tata tempat "
                              "menurut UU 9/2010 Pasal 10 (data), dan cetak agenda harian/mingguan pimpinan "
                              "(PDF)."),),
    routes=(
        Route("GET", "/agenda/leaders", "list_leaders", "Daftar pimpinan", AGENDA_LEADERS, name="list_agenda_leaders",
              response="LeaderPage", query=LeaderListQuery(), errors=(422,),
              description="Yang aktif menurut urutan; `include_inactive` (staf protokol) menambahkan yang "
                          "nonaktif sesudahnya. Halaman dengan `cursor`. " + READERS),
        Route("POST", "/agenda/leaders", "create_leader", "Tambah pimpinan", AGENDA_LEADERS,
              name="create_agenda_leader", response="LeaderOut", status=201, body=Json("LeaderIn"),
              errors=(403, 422), location="/agenda/leaders/{id}",
              description="Kode unik (huruf kecil, angka, garis bawah), jabatan paling banyak 200 karakter, kode "
                          "tata urutan yang ada: 422 per kolom. " + STAFF),
        Route("GET", LEADER, "get_leader", "Data satu pimpinan", AGENDA_LEADERS, name="get_agenda_leader",
              response="LeaderOut", errors=(404,), description="`allowed_actions` pemanggil. " + READERS),
        Route("PATCH", LEADER, "update_leader", "Ubah, nonaktifkan atau aktifkan kembali pimpinan", AGENDA_LEADERS,
              name="update_agenda_leader", response="LeaderOut", body=Json("LeaderIn", partial=True),
              errors=(403, 404, 422),
              description="Kolom yang dikirim saja yang berubah. `active: false` menonaktifkan: kegiatan yang akan "
                          "datang tetap tercatat atas namanya dan `notice` menyebut jumlahnya. " + STAFF),
        Route("GET", "/agenda/precedence", "list_precedence_ranks", "Tata urutan (tata tempat)", AGENDA_LEADERS,
              name="list_agenda_precedence_ranks", response="PrecedenceRankPage", query=PageQuery(), paged=True,
              errors=(422,),
              description="Menurut nomor urut (kecil lebih dahulu): pejabat negara dan tamu tingkat nasional, lalu "
                          "UU 9/2010 Pasal 10 ayat (1) huruf a–q, dengan tata urutan lokal yang ditambahkan. "
                          + READERS),
        Route("POST", "/agenda/precedence", "create_precedence_rank", "Tambah tata urutan lokal", AGENDA_LEADERS,
              name="create_agenda_precedence_rank", response="PrecedenceRankOut", status=201,
              body=Json("PrecedenceRankIn"), errors=(403, 422),
              description="Dengan `rank` sendiri (unik) atau `after_code`: di tengah antara nomor tata urutan itu "
                          "dan nomor berikutnya (nomor bawaan berjarak 10). " + STAFF),
        Route("PATCH", "/agenda/precedence/<int:rank_id>", "update_precedence_rank", "Ubah tata urutan",
              AGENDA_LEADERS, name="update_agenda_precedence_rank", response="PrecedenceRankOut",
              body=Json("PrecedenceRankIn", partial=True), errors=(403, 404, 422),
              description="`label`, `basis`, `rank` (unik); kode tidak dapat diubah. " + STAFF),
        Route("GET", f"{LEADER}/agenda.pdf", "leader_agenda_pdf", "Cetak agenda harian/mingguan pimpinan (PDF)",
              AGENDA_LEADERS, name="agenda_leader_agenda_pdf", query=LeaderAgendaQuery(), errors=(404, 422),
              content_type="application/pdf", download=True, answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri (`inline`): kop Biro, judul, hari dan tanggal, tabel waktu (WITA), "
                          "kegiatan, tempat, penyelenggara, pakaian, catatan; kegiatan sementara/ditunda bertanda, "
                          "yang batal tidak dicetak. `day` atau `week_of`, bukan keduanya. " + READERS),
    ),
)
