"""The booking API — what the caller may do in booking, the settings (who approves each kind, the overdue grace,
the guest form's limits) and the roster copy's status."""
from __future__ import annotations

from ..routes import Json, Route
from . import Domain, Tag

BOOKING_SETTINGS = "Peminjaman: pengaturan"

DOMAIN = Domain(
    service="booking",
    position=69,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_SETTINGS, "Hak pengguna di modul peminjaman, pengaturan penyetuju dan batas permohonan tamu."),),
    routes=(
        Route("GET", "/booking/capabilities", "capabilities", "Yang boleh dilakukan pengguna di modul peminjaman",
              BOOKING_SETTINGS, name="booking_capabilities", response="BookingCapabilitiesOut",
              description="Menu dan tombol aplikasi klien; setiap catatan tetap membawa `allowed_actions`-nya."),
        Route("GET", "/booking/settings", "get_settings", "Pengaturan peminjaman", BOOKING_SETTINGS,
              name="booking_settings", response="BookingSettingsOut",
              description="Peran penyetuju per jenis sumber daya (bila sumber daya tidak menunjuk pengelola), "
                          "toleransi keterlambatan kendaraan, batas permohonan tamu. Semua pengguna yang masuk."),
        Route("PATCH", "/booking/settings", "update_settings", "Ubah pengaturan peminjaman (admin)",
              BOOKING_SETTINGS, name="update_booking_settings", response="BookingSettingsOut",
              body=Json("BookingSettingsIn"), errors=(403,),
              description="Kolom yang dikirim saja. Hanya admin (selain itu 403); salah isian 422 per kolom."),
        Route("GET", "/booking/roster", "roster_status", "Status salinan data pegawai di layanan peminjaman",
              BOOKING_SETTINGS, name="booking_roster_status", response="BookingRosterStatusOut"),
        Route("POST", "/booking/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              BOOKING_SETTINGS, name="sync_booking_roster", response="BookingRosterSyncOut", errors=(403,)),
    ),
)
