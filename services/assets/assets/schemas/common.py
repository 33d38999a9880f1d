"""What assets' schemas share: the capabilities answer and the roster answers."""
from __future__ import annotations

from situok_kit.outputs import flag, integer, text
from situok_kit.schema import ContractSchema


class AssetsCapabilitiesOut(ContractSchema):
    """What the caller may do in assets in general (``capabilities()``); records still carry their own
    ``allowed_actions``."""

    read = flag("Membuka modul aset: register, halaman barang (tujuan QR label), ruangan dan KIR.")
    manage_register = flag("Mendaftarkan, mengubah dan mengimpor barang (pengurus barang, admin).")
    manage_reference = flag("Mengubah data acuan: kodefikasi barang, masa manfaat, penomoran, pengaturan (admin).")
    manage_rooms = flag("Mengelola gedung, lantai dan ruangan beserta penanggung jawabnya.")
    print_labels = flag("Mencetak label QR.")
    hand_over = flag("Membuat berita acara serah terima (BAST), pengembalian dan pemindahan barang.")
    manage_maintenance = flag("Mengelola jadwal dan catatan pemeliharaan.")
    view_reports = flag("Melihat laporan: KIB, penyusutan, penghapusan, persediaan.")
    run_campaigns = flag("Membuat, menutup dan menerapkan inventarisasi/sensus.")
    check_campaigns = flag("Memeriksa ruangan pada inventarisasi (petugas yang ditugaskan).")
    propose_disposal = flag("Mengusulkan penghapusan dan mencatat SK serta berita acaranya.")
    approve_disposal = flag("Menyetujui usulan penghapusan (Kepala Biro selaku kuasa pengguna barang).")
    request_supplies = flag("Mengajukan permintaan barang persediaan.")
    approve_supply_requests = flag("Menyetujui permintaan persediaan unitnya (kepala unit).")
    keep_stock = flag("Mengelola gudang persediaan: penerimaan, pengeluaran, stock opname.")


class AssetsRosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class AssetsRosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


SCHEMAS = {
    "AssetsCapabilitiesOut": AssetsCapabilitiesOut,
    "AssetsRosterSyncOut": AssetsRosterSyncOut,
    "AssetsRosterStatusOut": AssetsRosterStatusOut,
}
