"""The booking API — guests: another agency or a member of the public asks to borrow a building or hall
through the public portal, without an account.

The public routes take no token: the list of buildings and halls a guest may ask for, the form (answered with a
tracking code shown once), and the status a tracking code shows. The gateway passes booking the client's
address as Traefik saw it (``X-Forwarded-For``'s last entry: ``routes.client_address``) for the per-client
limit (429 with ``Retry-After``); the guest never sends it. The staff's queue lists the guest requests of the
resources the caller approves, with the guests' contact details.
"""
from __future__ import annotations

from booking.models.bookings import BOOKING_STATUSES

from ..queries import PageQuery, one_of_param
from ..routes import Json, Route
from . import Domain, Tag

BOOKING_GUESTS = "Peminjaman: tamu (portal publik)"
#: The form is a few short texts: a body over this is a 413, never read.
GUEST_FORM_BYTES = 16 * 1024
NO_STORE = {"Cache-Control": "no-store"}


class GuestRequestQuery(PageQuery):
    status = one_of_param(BOOKING_STATUSES, "Hanya status ini.")


DOMAIN = Domain(
    service="booking",
    position=64,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_GUESTS, "Permohonan peminjaman gedung/aula oleh instansi lain atau masyarakat melalui portal "
                              "publik (tanpa akun): formulir, kode pelacakan, status; antrean permohonan tamu bagi "
                              "pengelola."),),
    routes=(
        Route("GET", "/public/booking/resources", "guest_resources", "Gedung/aula yang dapat dimohon tamu (publik)",
              BOOKING_GUESTS, name="list_guest_resources", public=True, response="GuestResourceList", errors=(503,),
              headers={"Cache-Control": "public, max-age=60"},
              description="Tanpa autentikasi. Nama, jenis, lokasi, kapasitas, fasilitas dan keterangan; tidak ada "
                          "data internal (pengelola, kode aset)."),
        Route("POST", "/public/booking/requests", "submit_guest_request", "Ajukan permohonan peminjaman (publik)",
              BOOKING_GUESTS, name="submit_guest_request", public=True, response="GuestReceiptOut", status=201,
              body=Json("GuestRequestIn", max_bytes=GUEST_FORM_BYTES), errors=(409, 413, 422, 429),
              headers=NO_STORE, client_arg="client",
              description="Tanpa autentikasi. Jawaban memuat `tracking_code` (`PGJ-XXXX-XXXX-XXXX-XXXX`) yang hanya "
                          "ditampilkan sekali — simpan untuk melihat status. Batas per klien per jam (pengaturan "
                          "`guest_requests_per_hour`; lewat batas 429 dengan `Retry-After`), lama dan jangkauan "
                          "permohonan (`guest_max_days`, `guest_horizon_days`), panjang setiap isian: 422 per kolom. "
                          "Waktu yang sudah terpakai peminjaman disetujui atau masa tutup: 409. Kolom `website` "
                          "harus kosong."),
        Route("GET", "/public/booking/requests/<code>", "guest_request_status", "Status permohonan dari kode "
              "pelacakan (publik)", BOOKING_GUESTS, name="guest_request_status", public=True,
              response="GuestRequestStatusOut", errors=(404,), headers=NO_STORE,
              description="Tanpa autentikasi. Status, gedung/aula, waktu, keperluan dan alasan keputusan; tidak "
                          "ada data pemohon. Kode tidak dikenal atau tidak berbentuk kode: 404 yang sama."),
        Route("GET", "/booking/guest-requests", "list_guest_requests", "Antrean permohonan tamu", BOOKING_GUESTS,
              name="list_guest_requests", response="BookingPage", query=GuestRequestQuery(), errors=(403, 422),
              description="Permohonan tamu atas sumber daya yang pemanggil setujui, terbaru dulu, masing-masing "
                          "dengan kontak tamu (`guest`). Persetujuan/penolakan lewat `/booking/bookings/{id}/"
                          "approve` dan `/reject` (alasan wajib). Bukan penyetuju 403."),
    ),
)
