"""What finance's schemas share: the capabilities answer, the roster answers, and the kit's field builders."""
from __future__ import annotations

from situok_kit.outputs import flag, integer, text
from situok_kit.schema import ContractSchema


class FinanceCapabilitiesOut(ContractSchema):
    """What the caller may do in finance in general (``capabilities()``); each SPJ still carries its own
    ``allowed_actions``."""

    read = flag("Memakai modul keuangan (menu Keuangan).")
    draft_spj = flag("Menyusun SPJ (PPTK).")
    verify_spj = flag("Memverifikasi bukti SPJ (bendahara pengeluaran).")
    approve_spj = flag("Menyetujui SPJ (PPK-SKPD; PA/KPA di atas batas).")
    pay_spj = flag("Mencatat pembayaran dan setoran pajak (bendahara pengeluaran).")
    see_all = flag("Melihat semua SPJ.")
    view_budget = flag("Melihat dasbor anggaran.")
    manage_budget = flag("Memuat DPA/perubahan dan mengatur tarif pajak serta jenjang bukti (admin).")
    keep_books = flag("Mencatat UP/GU dan buku kas, menutup bulan (bendahara pengeluaran).")
    view_books = flag("Melihat BKU, buku pembantu dan laporan pertanggungjawaban.")
    read_archive = flag("Mencari register arsip.")
    archive_documents = flag("Mengunggah dan mendaftarkan dokumen arsip.")
    check_archive = flag("Menjalankan pemeriksaan keutuhan arsip.")


class FinanceRosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class FinanceRosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


SCHEMAS = {
    "FinanceCapabilitiesOut": FinanceCapabilitiesOut,
    "FinanceRosterSyncOut": FinanceRosterSyncOut,
    "FinanceRosterStatusOut": FinanceRosterStatusOut,
}
