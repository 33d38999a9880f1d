"""The booking API — seri peminjaman berulang (rapat mingguan/bulanan).

booking decides who may do what: an employee makes a series of a room or building (every occurrence pending,
each showing its conflicts); the resource's approver — never the requester — approves the whole series (every
occurrence that does not conflict is approved, each conflicting one stays pending and is reported with what it
collides with) or rejects it with a reason; the requester moves or cancels one occurrence alone, or changes
"this and following" (the series is split); the requester or the approver cancels the rest of the series. Each
series answer carries the caller's ``allowed_actions``, each occurrence its own.
"""
from __future__ import annotations

from ..queries import PageQuery
from ..routes import Json, Route
from . import Domain, Tag

BOOKING_SERIES = "Peminjaman: seri berulang"
SERIES = "/booking/series/<int:series_id>"
OCCURRENCE = "/booking/bookings/<int:booking_id>"
ANSWER = ("Tidak ditemukan (atau bukan pemohon/pengelola) 404, tidak berwenang 403, status yang salah 409, data "
          "salah 422 per kolom.")


class SeriesMineQuery(PageQuery):
    """Only the page: a cursor and a limit."""


DOMAIN = Domain(
    service="booking",
    position=62,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_SERIES, "Seri peminjaman mingguan/bulanan: persetujuan sekaligus dengan laporan bentrokan "
                              "per kejadian, memindahkan atau membatalkan satu kejadian, mengubah \"ini dan "
                              "berikutnya\"."),),
    routes=(
        Route("POST", "/booking/series", "create_series", "Ajukan seri peminjaman berulang", BOOKING_SERIES,
              name="create_booking_series", response="BookingSeriesOut", status=201, body=Json("BookingSeriesIn"),
              location="/booking/series/{id}", errors=(403, 404, 409, 422),
              description="Pegawai: ruangan atau gedung, mingguan (setiap 1–12 minggu pada hari yang dipilih) atau "
                          "bulanan (tanggal yang sama; bulan tanpa tanggal itu dilewati dan disebut di "
                          "`skipped_months`), jam WITA, paling lama setahun dan 100 kejadian (selebihnya 422 "
                          "menyebut `until_on`). Hari libur tidak dilewati otomatis: isi `except_dates`. Setiap "
                          "kejadian menunggu persetujuan; yang sudah bentrok tercantum di `conflicting`. "
                          "`booking.series_created`."),
        Route("GET", "/booking/series/mine", "list_my_series", "Seri peminjaman saya", BOOKING_SERIES,
              name="list_my_booking_series", response="BookingSeriesPage", query=SeriesMineQuery(),
              errors=(422,), description="Seri pemanggil sendiri, terbaru dulu, dengan jumlah kejadian per status."),
        Route("GET", SERIES, "get_series", "Data satu seri dengan kejadiannya", BOOKING_SERIES,
              name="get_booking_series", response="BookingSeriesOut", errors=(404,),
              description="Kejadian menurut tanggal (`BookingOut`, masing-masing dengan `allowed_actions`-nya) dan "
                          "kejadian menunggu yang bentrok. Pemohon, pengelola sumber daya dan pengurus barang; "
                          "selain itu 404."),
        Route("POST", f"{SERIES}/decide", "decide_series", "Putuskan seri (setujui atau tolak)", BOOKING_SERIES,
              name="decide_booking_series", response="BookingSeriesDecisionOut", body=Json("BookingSeriesDecisionIn"),
              errors=(403, 404, 409, 422),
              description="Pengelola sumber daya, bukan pemohonnya. `approve`: setiap kejadian menunggu yang tidak "
                          "bentrok disetujui (masing-masing dijamin basis data), yang bentrok tetap menunggu dan "
                          "dilaporkan di `conflicting` beserta lawannya. `reject` dengan `note` (wajib): semua yang "
                          "menunggu ditolak. `booking.series_decided` dan event tiap kejadian. " + ANSWER),
        Route("POST", f"{SERIES}/cancel", "cancel_series", "Batalkan seri", BOOKING_SERIES,
              name="cancel_booking_series", response="BookingSeriesOut", body=Json("BookingSeriesCancelIn"),
              errors=(403, 404, 409, 422),
              description="Pemohon atau pengelola; badan `{reason}` (wajib). Setiap kejadian mendatang yang "
                          "menunggu atau disetujui dibatalkan. " + ANSWER),
        Route("POST", f"{OCCURRENCE}/move", "move_occurrence", "Pindahkan satu kejadian seri", BOOKING_SERIES,
              name="move_booking_occurrence", response="BookingOut", body=Json("BookingRescheduleIn"),
              errors=(403, 404, 409, 422),
              description="Pemohon atau pengelola; badan `{starts_at, ends_at}`. Kejadian ini saja (ditandai "
                          "`detached`: perubahan seri berikutnya tidak menyentuhnya). Yang sudah disetujui dan "
                          "dipindah pemohon kembali menunggu. Bukan kejadian seri 422 `booking_id`. " + ANSWER),
        Route("POST", f"{OCCURRENCE}/cancel-occurrence", "cancel_occurrence", "Batalkan satu kejadian seri",
              BOOKING_SERIES, name="cancel_booking_occurrence", response="BookingOut", body=Json("BookingCancelIn"),
              errors=(403, 404, 409, 422),
              description="Pemohon atau pengelola; badan `{reason}` (wajib). Kejadian lain tetap. " + ANSWER),
        Route("POST", f"{OCCURRENCE}/edit-following", "edit_following", "Ubah kejadian ini dan berikutnya",
              BOOKING_SERIES, name="edit_booking_series_following", response="BookingSeriesOut",
              body=Json("BookingSeriesEditIn"), status=201, location="/booking/series/{id}",
              errors=(403, 404, 409, 422),
              description="Pemohon seri: seri berakhir sehari sebelum kejadian ini, kejadian berikutnya dibatalkan "
                          "(\"diganti seri baru\"; yang diubah tersendiri tetap), dan seri baru (`split_from_id`) "
                          "mulai pada tanggal kejadian ini dengan jam/hari/keperluan baru, kejadiannya menunggu "
                          "persetujuan. Jawaban: seri baru. `booking.series_split`. " + ANSWER),
    ),
)
