"""The booking API — pengemudi dan perjalanan kendaraan dinas.

booking decides who may do what: the keepers (pengurus barang, admin) keep the drivers' list (hours, absences);
keepers and vehicle approvers read it and the drivers' schedule (a driver: their own); the booking's approver or
a keeper assigns a driver to an approved vehicle booking (one trip at a time per driver — the database's
exclusion constraint: 409 naming ``driver_employee_id``); the trip's driver (or a keeper) records check-out and
return on their phone (odometer, fuel in eighths of a tank, damage → the vehicle's history in assets).
"""
from __future__ import annotations

from marshmallow import fields

from ..queries import PageQuery, QuerySchema, id_param, text_param
from ..routes import Json, Route
from . import Domain, Tag

BOOKING_VEHICLES = "Peminjaman: pengemudi dan perjalanan"
DRIVER = "/booking/drivers/<int:employee_id>"
TRIP = "/booking/trips/<int:trip_id>"
KEEPER = "Pengurus barang atau admin (selain itu 403)."
TRIP_ANSWER = ("Hanya pengemudi perjalanan itu atau pengurus barang (selain itu 403); tidak ditemukan 404, status "
               "yang salah 409, data salah 422 per kolom.")


class ScheduleQuery(QuerySchema):
    starts_on = fields.Date(required=True, error_messages={"invalid": "Harus tanggal YYYY-MM-DD.",
                                                           "required": "Wajib diisi (YYYY-MM-DD)."},
                            metadata={"description": "Dari tanggal (WITA, YYYY-MM-DD)."})
    ends_on = fields.Date(required=True, error_messages={"invalid": "Harus tanggal YYYY-MM-DD.",
                                                         "required": "Wajib diisi (YYYY-MM-DD)."},
                          metadata={"description": "Sampai tanggal (termasuk; paling lama 62 hari)."})
    employee_id = id_param("Satu pengemudi saja.")


class CandidateQuery(QuerySchema):
    q = text_param("Sebagian nama atau NIP.", 100)


class MyTripsQuery(PageQuery):
    """Only the page: a cursor and a limit."""


DOMAIN = Domain(
    service="booking",
    position=63,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_VEHICLES, "Daftar pengemudi (jam kerja, ketidakhadiran), jadwal pengemudi, penugasan "
                                "pengemudi, pengambilan dan pengembalian kendaraan, kendaraan terlambat."),),
    routes=(
        Route("GET", "/booking/drivers", "list_drivers", "Daftar pengemudi", BOOKING_VEHICLES,
              name="list_booking_drivers", response="DriverListOut", errors=(403,),
              description="Pengurus barang, admin dan penyetuju kendaraan (selain itu 403): setiap pengemudi "
                          "dengan hari/jam kerja dan ketidakhadiran yang belum lewat, urut nama."),
        Route("GET", "/booking/drivers/candidates", "driver_candidates", "Pegawai yang dapat dijadikan pengemudi",
              BOOKING_VEHICLES, name="booking_driver_candidates", response="DriverCandidateListOut",
              query=CandidateQuery(), errors=(403, 422),
              description="Pegawai aktif yang belum ada di daftar pengemudi, urut nama (paling banyak 200); `q` "
                          "sebagian nama atau NIP. " + KEEPER),
        Route("POST", "/booking/drivers", "add_driver", "Tambah pengemudi dari daftar pegawai", BOOKING_VEHICLES,
              name="add_booking_driver", response="DriverOut", status=201, body=Json("DriverIn"),
              location="/booking/drivers/{employee_id}", errors=(403, 409, 422),
              description="Pegawai (id) dengan telepon, hari kerja (bawaan Senin–Jumat) dan jam kerja (bawaan "
                          "07:30–16:00 WITA); perjalanan dinas boleh melewatinya (peringatan, bukan penolakan). "
                          "Sudah ada 409. " + KEEPER),
        Route("PATCH", DRIVER, "update_driver", "Ubah data pengemudi", BOOKING_VEHICLES,
              name="update_booking_driver", response="DriverOut", body=Json("DriverChangeIn"),
              errors=(403, 404, 422),
              description="Kolom yang dikirim saja; `active: false` mengeluarkannya dari penugasan baru. " + KEEPER),
        Route("POST", f"{DRIVER}/absences", "add_driver_absence", "Catat ketidakhadiran pengemudi",
              BOOKING_VEHICLES, name="add_booking_driver_absence", response="DriverAbsenceOut", status=201,
              body=Json("DriverAbsenceIn"), errors=(403, 404, 422),
              description="Cuti, sakit, pelatihan, lainnya: tanggal WITA `starts_on`–`ends_on` (keduanya "
                          "termasuk); pengemudi tidak dapat ditugaskan pada hari itu. (Data cuti dari kepegawaian "
                          "belum ada.) " + KEEPER),
        Route("DELETE", "/booking/driver-absences/<int:absence_id>", "remove_driver_absence",
              "Hapus ketidakhadiran pengemudi", BOOKING_VEHICLES, name="remove_booking_driver_absence",
              response="DriverAbsenceRemovedOut", errors=(403, 404), description=KEEPER),
        Route("GET", "/booking/drivers/schedule", "driver_schedule", "Jadwal pengemudi", BOOKING_VEHICLES,
              name="booking_driver_schedule", response="DriverScheduleOut", query=ScheduleQuery(),
              errors=(403, 422),
              description="Perjalanan dan ketidakhadiran setiap pengemudi pada rentang tanggal (paling lama 62 "
                          "hari). Pengurus barang dan penyetuju: semua; pengemudi: dirinya sendiri; selain itu "
                          "403."),
        Route("GET", "/booking/bookings/<int:booking_id>/available-drivers", "available_drivers",
              "Pengemudi yang bebas untuk peminjaman ini", BOOKING_VEHICLES, name="booking_available_drivers",
              response="AvailableDriversOut", errors=(403, 404, 409, 422),
              description="Pengelola peminjaman atau pengurus barang: pengemudi aktif, tidak berhalangan dan tidak "
                          "bertugas lain pada waktu peminjaman kendaraan yang disetujui, masing-masing dengan "
                          "peringatan jam kerja."),
        Route("POST", "/booking/bookings/<int:booking_id>/driver", "assign_driver", "Tugaskan pengemudi",
              BOOKING_VEHICLES, name="assign_booking_driver", response="TripOut", body=Json("AssignDriverIn"),
              errors=(403, 404, 409, 422),
              description="Pengelola peminjaman atau pengurus barang; badan `{driver_employee_id, note}`. Peminjaman "
                          "kendaraan yang disetujui dengan pengemudi; menugaskan lagi mengganti pengemudi. "
                          "Pengemudi berhalangan atau bertugas lain pada waktu itu 409 menyebut "
                          "`driver_employee_id` (dijamin basis data); tidak aktif 422. Di luar jam kerja: "
                          "`warnings`. `booking.driver_assigned`."),
        Route("GET", "/booking/trips/mine", "my_trips", "Tugas perjalanan saya (pengemudi)", BOOKING_VEHICLES,
              name="list_my_booking_trips", response="TripPage", query=MyTripsQuery(), errors=(422,),
              description="Perjalanan pemanggil sebagai pengemudi: hari ini dan mendatang dulu, lalu yang lewat; "
                          "masing-masing dengan `allowed_actions` (`check_out`, `return`)."),
        Route("POST", f"{TRIP}/check-out", "check_out_trip", "Ambil kendaraan", BOOKING_VEHICLES,
              name="check_out_booking_trip", response="TripOut", body=Json("TripCheckOutIn"),
              errors=(403, 404, 409, 422),
              description="Badan `{odometer_km, fuel, notes}`; `fuel` perdelapan tangki 0–8. Tidak sebelum hari "
                          "perjalanan (409). `booking.trip_checked_out`. " + TRIP_ANSWER),
        Route("POST", f"{TRIP}/return", "return_trip", "Kembalikan kendaraan", BOOKING_VEHICLES,
              name="return_booking_trip", response="TripOut", body=Json("TripReturnIn"),
              errors=(403, 404, 409, 422),
              description="Badan `{odometer_km, fuel, damage, notes}`; odometer tidak kurang dari saat diambil "
                          "(422 `odometer_km`). Kilometer dan kerusakan masuk riwayat aset kendaraan "
                          "(`booking.trip_returned`). " + TRIP_ANSWER),
        Route("GET", "/booking/trips/overdue", "list_overdue_trips", "Kendaraan terlambat kembali",
              BOOKING_VEHICLES, name="list_overdue_booking_trips", response="TripListOut", errors=(403,),
              description="Pengurus barang, admin dan penyetuju kendaraan (selain itu 403): perjalanan yang belum "
                          "kembali melewati jadwal ditambah toleransi pengaturan."),
    ),
)
