"""What kepegawaian's schemas share: the capabilities answer, the roster answers and the settings."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.roles import ROLES
from situok_kit.outputs import flag, integer, text
from situok_kit.schema import ContractSchema, describe, one_of


class KepegawaianCapabilitiesOut(ContractSchema):
    """What the caller may do in kepegawaian in general (``capabilities()``); records still carry their own
    ``allowed_actions``."""

    own_records = flag("Cuti, saldo cuti, dokumen, SKP dan tanggal karier milik sendiri (pegawai).")
    supervise = flag("Kotak masuk atasan: pertimbangan cuti dan penilaian SKP bawahan.")
    decide_leave = flag("Memutuskan cuti sebagai pejabat yang berwenang memberikan cuti.")
    manage_records = flag("Mengelola data kepegawaian semua pegawai (pengelola kepegawaian).")
    verify_documents = flag("Memverifikasi dokumen kepegawaian (pengelola kepegawaian).")
    view_due_dates = flag("Daftar KGB/KP/BUP yang jatuh tempo dan pengingatnya (pengelola kepegawaian).")
    export = flag("Mengunduh DUK, daftar nominatif, rekap cuti dan daftar KGB/KP (XLSX/PDF).")
    manage_settings = flag("Mengubah pengaturan kepegawaian (admin).")


class KepegawaianRosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class KepegawaianRosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


class KepegawaianSettingsOut(ContractSchema):
    """The staff officers' unit, the leave official's role, half days, reminder lead times."""

    staff_unit_code = text("Kode unit pengelola kepegawaian (stafnya dan subunitnya).")
    official_role = text("Peran pejabat yang berwenang memberikan cuti.")
    half_days = flag("Cuti tahunan boleh setengah hari.")
    reminder_days = integer("Berapa hari sebelum TMT KGB/KP pengelola kepegawaian diingatkan.")
    retirement_reminder_days = integer("Berapa hari sebelum TMT pensiun (BUP) pengelola kepegawaian diingatkan.")


class KepegawaianSettingsIn(ContractSchema):
    staff_unit_code = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
                                                             error="Kode unit 1-40 karakter."),
                                    metadata=describe("Kode unit pengelola kepegawaian."))
    official_role = fields.String(validate=one_of(ROLES), metadata=describe("Peran pejabat pemberi cuti."))
    half_days = fields.Boolean(metadata=describe("Cuti tahunan boleh setengah hari."))
    reminder_days = fields.Integer(validate=validate.Range(1, 366, error="Antara 1 dan 366 hari."),
                                   metadata=describe("Hari sebelum TMT KGB/KP."))
    retirement_reminder_days = fields.Integer(validate=validate.Range(1, 1096, error="Antara 1 dan 1096 hari."),
                                              metadata=describe("Hari sebelum TMT pensiun."))


SCHEMAS = {
    "KepegawaianCapabilitiesOut": KepegawaianCapabilitiesOut,
    "KepegawaianRosterSyncOut": KepegawaianRosterSyncOut,
    "KepegawaianRosterStatusOut": KepegawaianRosterStatusOut,
    "KepegawaianSettingsOut": KepegawaianSettingsOut,
    "KepegawaianSettingsIn": KepegawaianSettingsIn,
}
