"""The assets API — the bureau's settings for assets (who signs as pengurus barang, the letters' numbering, the
depreciation period) and the roster copy's status."""
from __future__ import annotations

from ..routes import Json, Route
from . import Domain, Tag

ASSETS_SETTINGS = "Aset: pengaturan"

DOMAIN = Domain(
    service="assets",
    position=59,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_SETTINGS, "Pengaturan aset: penandatangan, penomoran surat, periode penyusutan."),),
    routes=(
        Route("GET", "/assets/settings", "get_settings", "Pengaturan aset", ASSETS_SETTINGS, name="assets_settings",
              response="AssetSettingsOut", errors=(),
              description="Nama biro pada label, pengurus barang yang menandatangani KIR/BAST/berita acara, templat "
                          "nomor surat, periode penyusutan. Semua pengguna yang masuk."),
        Route("PATCH", "/assets/settings", "update_settings", "Ubah pengaturan aset (admin)", ASSETS_SETTINGS,
              name="update_assets_settings", response="AssetSettingsOut", body=Json("AssetSettingsIn"),
              errors=(403,), description="Kolom yang dikirim saja; templat wajib memuat {seq}. Hanya admin "
                                         "(selain itu 403); salah isian 422 per kolom."),
        Route("GET", "/assets/roster", "roster_status", "Status salinan data pegawai di layanan aset",
              ASSETS_SETTINGS, name="assets_roster_status", response="AssetsRosterStatusOut"),
        Route("POST", "/assets/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              ASSETS_SETTINGS, name="sync_assets_roster", response="AssetsRosterSyncOut", errors=(403,)),
    ),
)
