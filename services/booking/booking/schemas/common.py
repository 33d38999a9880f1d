"""What booking's schemas share: the capabilities answer, the roster answers, the settings."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.roles import ROLES
from situok_kit.outputs import flag, integer, moment, text
from situok_kit.schema import ContractSchema, describe, one_of


class BookingCapabilitiesOut(ContractSchema):
    """What the caller may do in booking in general (``capabilities()``); records still carry their own
    ``allowed_actions``."""

    read = flag("Membuka modul peminjaman: cari ketersediaan, kalender gedung, ruangan dan kendaraan.")
    request = flag("Mengajukan peminjaman (pegawai).")
    approve = flag("Menyetujui peminjaman sedikitnya satu sumber daya (pengelola, peran penyetuju, admin).")
    manage_resources = flag("Mengelola sumber daya, pengelola, jeda dan masa tutup (pengurus barang, admin).")
    manage_drivers = flag("Mengelola daftar pengemudi, jam kerja dan ketidakhadirannya.")
    manage_settings = flag("Mengubah pengaturan peminjaman (admin).")
    drive = flag("Pengemudi: melihat tugas perjalanan dan mencatat pengambilan/pengembalian kendaraan.")
    view_guest_requests = flag("Melihat permohonan tamu (portal publik) beserta kontaknya.")


class BookingRosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class BookingRosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


class BookingSettingsOut(ContractSchema):
    """Who approves each kind when the resource names no manager, the overdue grace, the guest form's limits."""

    room_approver_role = text("Peran penyetuju ruangan (bila ruangan tidak menunjuk pengelola).")
    building_approver_role = text("Peran penyetuju gedung.")
    vehicle_approver_role = text("Peran penyetuju kendaraan.")
    overdue_grace_minutes = integer("Menit setelah jadwal kembali sebelum kendaraan ditandai terlambat.")
    guest_requests_per_hour = integer("Permohonan tamu per klien per jam.")
    guest_max_days = integer("Lama peminjaman tamu terpanjang (hari).")
    guest_horizon_days = integer("Sejauh apa ke depan tamu boleh memohon (hari).")
    updated_at = moment("Terakhir diubah")
    updated_by = text("Diubah oleh.", nullable=True)


class BookingSettingsIn(ContractSchema):
    """A change of the settings (admin): any subset of the fields."""

    room_approver_role = fields.String(validate=one_of(ROLES), metadata=describe("Peran penyetuju ruangan."))
    building_approver_role = fields.String(validate=one_of(ROLES), metadata=describe("Peran penyetuju gedung."))
    vehicle_approver_role = fields.String(validate=one_of(ROLES), metadata=describe("Peran penyetuju kendaraan."))
    overdue_grace_minutes = fields.Integer(validate=validate.Range(min=0, max=1440),
                                           metadata=describe("0–1440 menit."))
    guest_requests_per_hour = fields.Integer(validate=validate.Range(min=1, max=100),
                                             metadata=describe("1–100."))
    guest_max_days = fields.Integer(validate=validate.Range(min=1, max=30), metadata=describe("1–30 hari."))
    guest_horizon_days = fields.Integer(validate=validate.Range(min=1, max=730), metadata=describe("1–730 hari."))


SCHEMAS = {
    "BookingCapabilitiesOut": BookingCapabilitiesOut,
    "BookingRosterSyncOut": BookingRosterSyncOut,
    "BookingRosterStatusOut": BookingRosterStatusOut,
    "BookingSettingsOut": BookingSettingsOut,
    "BookingSettingsIn": BookingSettingsIn,
}
