"""What travel answers about its configuration: rate tables, rules, and the roster copy."""
from __future__ import annotations

from situok_kit.schema import ContractSchema

from ..domain.common import PROVINCES
from ..models import CATEGORIES, COST_LEVELS, RATE_KINDS, SPPD_SIGNER_ROLES
from .common import choice, flag, integer, listing, moment, nested, rupiah, text
from .inputs import ApprovalRuleIn, LevelRuleIn, NumberTemplateIn


class RateTableOut(ContractSchema):
    fiscal_year = integer("Tahun anggaran.", required=True)
    source = text("Nama berkas asal.", nullable=True)
    is_default = flag("Tarif bawaan yang belum diverifikasi.")
    row_count = integer("Banyaknya tarif.")
    loaded_by = text("Nama pengguna yang memuat.", nullable=True)
    loaded_at = moment("Dimuat", nullable=False)


class RateOut(ContractSchema):
    kind = choice("Jenis tarif.", RATE_KINDS)
    province_code = choice("Provinsi (uang harian, penginapan, transport).", tuple(PROVINCES), nullable=True)
    category = choice("Jenis perjalanan (uang harian, representasi).", CATEGORIES, nullable=True)
    cost_level = choice("Tingkat biaya (penginapan, representasi).", COST_LEVELS, nullable=True)
    amount = rupiah("Jumlah")
    note = text("Keterangan, mis. `default; verify`.", nullable=True)


class RateTableDetailOut(RateTableOut):
    rates = listing(RateOut, "Tarif tahun itu.")


class LetterSettingsOut(ContractSchema):
    pa_kpa_employee_id = integer("Pengguna Anggaran/KPA (id pegawai); null bila belum ditetapkan.", nullable=True)
    ppk_employee_id = integer("Pejabat Pembuat Komitmen (id pegawai).", nullable=True)
    pptk_employee_id = integer("PPTK (id pegawai).", nullable=True)
    bendahara_employee_id = integer("Bendahara pengeluaran (id pegawai).", nullable=True)
    sppd_signer = choice("SPPD butir 1 dan penandatangannya: `pa_kpa` atau `ppk`.", SPPD_SIGNER_ROLES)
    sppd_title = text("Judul SPPD.")
    perhatian = text("Teks PERHATIAN SPPD lembar II.")
    lodging_without_receipt_percent = integer("Persen pagu penginapan tanpa tagihan hotel.")


class RulesOut(ContractSchema):
    """The rules have the same shape going in (``RulesIn``) and coming out."""

    level_rules = listing(LevelRuleIn, "Aturan tingkat dan biaya (urut priority).")
    approval_rules = listing(ApprovalRuleIn, "Siapa menyetujui pelaksana tingkat apa.")
    number_templates = listing(NumberTemplateIn, "Templat nomor SPT dan SPPD.")
    letters = nested(LetterSettingsOut, "Pengaturan surat: penandatangan, judul SPPD, teks PERHATIAN.")


class RosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class RosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


class TravelCapabilitiesOut(ContractSchema):
    """What the caller may do in travel in general (``capabilities()``); each order still carries its own
    ``allowed_actions``."""

    create_order = flag("Boleh mengajukan SPT (untuk dirinya; kepala unit juga untuk unitnya; admin untuk siapa "
                        "saja).")
    request_for_others = flag("Memilih pelaksana selain dirinya (kepala unit, admin).")
    decide = flag("Penyetuju menurut aturan persetujuan: menyetujui atau menolak SPT yang diajukan.")
    issue = flag("Boleh menerbitkan SPT yang sudah disetujui (penyetuju, admin).")
    see_all = flag("Melihat semua SPT (admin, pimpinan).")
    manage_rules = flag("Mengelola aturan, tabel tarif dan salinan data pegawai (admin).")
