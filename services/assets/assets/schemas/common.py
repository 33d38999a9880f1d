"""What assets' schemas share: the capabilities answer and the roster answers."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.outputs import choice, flag, integer, moment, text
from situok_kit.schema import ContractSchema, describe, one_of

DEPRECIATION_PERIODS = ("year", "semester")


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


class AssetSettingsOut(ContractSchema):
    """The bureau's settings for assets (labels, signers, numbering, depreciation)."""

    bureau_name = text("Nama biro yang dicetak pada label dan surat.")
    unit_code = text("Kode unit pada nomor surat ({unit}).")
    pengurus_barang_employee_id = integer("Pegawai pengurus barang yang ditetapkan.", nullable=True)
    pengurus_barang_name = text("Pengurus barang yang menandatangani sekarang (yang ditetapkan, atau pegawai "
                                "berjabatan Pengurus Barang).", nullable=True)
    pengurus_barang_nip = text("NIP pengurus barang yang menandatangani.", nullable=True)
    handover_number_template = text("Templat nomor BAST, mis. 000.2.1/{seq}/{unit}/{year}.")
    census_number_template = text("Templat nomor berita acara inventarisasi.")
    disposal_number_template = text("Templat nomor berita acara penghapusan (000.2.4).")
    depreciation_period = choice("Periode penyusutan: year (tahunan) atau semester.", DEPRECIATION_PERIODS)
    updated_at = moment("Terakhir diubah")
    updated_by = text("Diubah oleh.", nullable=True)


class AssetSettingsIn(ContractSchema):
    """A change of the settings (admin): any subset of the fields."""

    bureau_name = fields.String(validate=validate.Length(min=3, max=200),
                                metadata=describe("Nama biro pada label dan surat."))
    unit_code = fields.String(validate=validate.Length(min=1, max=60), metadata=describe("Kode unit ({unit})."))
    pengurus_barang_employee_id = fields.Integer(allow_none=True, validate=validate.Range(min=1),
                                                 metadata=describe("Pegawai pengurus barang; null: otomatis."))
    handover_number_template = fields.String(validate=validate.Length(min=5, max=120),
                                             metadata=describe("Templat nomor BAST ({seq} wajib)."))
    census_number_template = fields.String(validate=validate.Length(min=5, max=120),
                                           metadata=describe("Templat nomor BA inventarisasi ({seq} wajib)."))
    disposal_number_template = fields.String(validate=validate.Length(min=5, max=120),
                                             metadata=describe("Templat nomor BA penghapusan ({seq} wajib)."))
    depreciation_period = fields.String(validate=one_of(DEPRECIATION_PERIODS),
                                        metadata=describe("year atau semester."))


SCHEMAS = {
    "AssetSettingsOut": AssetSettingsOut,
    "AssetSettingsIn": AssetSettingsIn,
    "AssetsCapabilitiesOut": AssetsCapabilitiesOut,
    "AssetsRosterSyncOut": AssetsRosterSyncOut,
    "AssetsRosterStatusOut": AssetsRosterStatusOut,
}
