"""The booking API — permohonan peminjaman dan persetujuannya.

booking decides who may do what: every signed-in employee asks and follows their own requests and reads any
booking (a guest's contact details only for the resource's approvers); the resource's manager — or, when it
names none, the role the settings name for its kind — approves and rejects (never their own request);
the requester or the approver cancels and moves. Each booking answer carries the caller's ``allowed_actions``;
a pending one shown to its approver carries its ``conflicts``. Two approved bookings of one resource never
overlap: the losing approval is a 409 naming ``starts_at``.
"""
from __future__ import annotations

from booking.models.bookings import BOOKING_STATUSES
from booking.models.resources import RESOURCE_KINDS
from marshmallow import ValidationError, fields, validates_schema
from situok_kit.clock import WITA

from ..queries import PageQuery, bool_param, id_param, one_of_param
from ..routes import Json, Route
from . import Domain, Tag

BOOKING_REQUESTS = "Peminjaman: permohonan"
BOOKING = "/booking/bookings/<int:booking_id>"
ANSWER = ("Jawaban: peminjaman dengan `allowed_actions` pemanggil. Tidak ditemukan 404, bukan pihak yang berwenang "
          "403, status yang salah 409, data salah 422 per kolom.")


def _moment(description: str) -> fields.AwareDateTime:
    return fields.AwareDateTime(default_timezone=WITA, error_messages={"invalid": "Harus tanggal dan waktu ISO 8601."},
                                metadata={"description": description, "example": "2030-03-04T09:00:00+08:00"})


class MineQuery(PageQuery):
    status = one_of_param(BOOKING_STATUSES, "Hanya status ini.")
    upcoming = bool_param("true: yang belum selesai, terdekat dulu; false: yang sudah lewat; kosong: semua, terbaru "
                          "dulu.")


class InboxQuery(PageQuery):
    kind = one_of_param(RESOURCE_KINDS, "Hanya sumber daya jenis ini (`room`, `building`, `vehicle`).")


class BookingListQuery(PageQuery):
    resource_id = id_param("Hanya sumber daya ini.")
    status = one_of_param(BOOKING_STATUSES, "Hanya status ini.")
    starts_at = _moment("Yang berakhir sesudah saat ini (tanpa offset: WITA).")
    ends_at = _moment("Yang mulai sebelum saat ini.")

    @validates_schema(skip_on_field_errors=True)
    def _period(self, data, **kwargs):
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise ValidationError({"ends_at": "Harus setelah starts_at."})


DOMAIN = Domain(
    service="booking",
    position=61,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_REQUESTS, "Permohonan peminjaman gedung, ruangan dan kendaraan dinas; persetujuan oleh "
                                "pengelola sumber daya, penolakan, pembatalan, perubahan jadwal; peminjaman saya "
                                "dan kotak masuk pengelola."),),
    routes=(
        Route("POST", "/booking/bookings", "create_booking", "Ajukan peminjaman", BOOKING_REQUESTS,
              name="create_booking", response="BookingOut", status=201, body=Json("BookingIn"),
              location="/booking/bookings/{id}", errors=(403, 404, 409, 422),
              description="Pegawai: ruangan/gedung (keperluan, waktu, jumlah peserta) atau kendaraan (penumpang, "
                          "tujuan, dengan/tanpa pengemudi), narahubung. Menunggu persetujuan; `booking.requested`. "
                          "Sumber daya tidak dikenal 404; tidak dapat dipinjam atau waktunya sudah terpakai "
                          "peminjaman yang disetujui/masa tutup 409; aturan (waktu, kapasitas) 422 per kolom."),
        Route("GET", "/booking/bookings/mine", "list_my_bookings", "Peminjaman saya", BOOKING_REQUESTS,
              name="list_my_bookings", response="BookingPage", query=MineQuery(), errors=(403, 422),
              description="Permohonan pemanggil sendiri. `upcoming=true`: yang belum selesai, terdekat dulu."),
        Route("GET", "/booking/inbox", "list_inbox", "Kotak masuk persetujuan", BOOKING_REQUESTS,
              name="list_booking_inbox", response="BookingPage", query=InboxQuery(), errors=(422,),
              description="Permohonan menunggu atas sumber daya yang pemanggil setujui, terlama dulu, masing-masing "
                          "dengan `conflicts` (peminjaman disetujui, permohonan lain yang menunggu pada waktu yang "
                          "sama, masa tutup). Bukan penyetuju: daftar kosong."),
        Route("GET", "/booking/bookings", "list_bookings", "Daftar peminjaman sumber daya", BOOKING_REQUESTS,
              name="list_bookings", response="BookingPage", query=BookingListQuery(), errors=(403, 422),
              description="Semua peminjaman atas sumber daya yang pemanggil setujui (pengurus barang dan admin: "
                          "semua), menurut waktu mulai. Bukan penyetuju dan bukan pengurus barang 403."),
        Route("GET", BOOKING, "get_booking", "Data satu peminjaman", BOOKING_REQUESTS, name="get_booking",
              response="BookingOut", errors=(404,),
              description="Dengan riwayat langkahnya (`steps`). Setiap pegawai dapat membacanya (kalender "
                          "menampilkannya); kontak tamu dan bentrokan hanya bagi pengelola sumber daya."),
        Route("POST", f"{BOOKING}/approve", "approve_booking", "Setujui peminjaman", BOOKING_REQUESTS,
              name="approve_booking", response="BookingOut", body=Json("BookingDecisionIn", required=False),
              errors=(403, 404, 409, 422),
              description="Pengelola sumber daya (atau peran penyetujunya), bukan pemohonnya sendiri; badan "
                          "`{note}` opsional. Waktu yang sudah disetujui untuk peminjaman lain 409 menyebut "
                          "`starts_at` (dijamin basis data). `booking.approved`. " + ANSWER),
        Route("POST", f"{BOOKING}/reject", "reject_booking", "Tolak peminjaman", BOOKING_REQUESTS,
              name="reject_booking", response="BookingOut", body=Json("BookingDecisionIn"),
              errors=(403, 404, 409, 422),
              description="Pengelola sumber daya; badan `{note}` (alasan, wajib). `booking.rejected`. " + ANSWER),
        Route("POST", f"{BOOKING}/cancel", "cancel_booking", "Batalkan peminjaman", BOOKING_REQUESTS,
              name="cancel_booking", response="BookingOut", body=Json("BookingCancelIn"),
              errors=(403, 404, 409, 422),
              description="Pemohon atau pengelola; badan `{reason}` (wajib). `booking.cancelled`. " + ANSWER),
        Route("POST", f"{BOOKING}/reschedule", "reschedule_booking", "Ubah jadwal peminjaman", BOOKING_REQUESTS,
              name="reschedule_booking", response="BookingOut", body=Json("BookingRescheduleIn"),
              errors=(403, 404, 409, 422),
              description="Pemohon atau pengelola; badan `{starts_at, ends_at}`. Peminjaman yang sudah disetujui "
                          "dan diubah pemohonnya kembali menunggu persetujuan. `booking.rescheduled`. " + ANSWER),
    ),
)
