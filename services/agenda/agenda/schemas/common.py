"""What agenda's schemas share: the capabilities answer, the roster answers, the settings, the public forms'
ticket and the 429 of a public form."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.roles import ROLES
from situok_kit.errors import TooManyRequests
from situok_kit.outputs import flag, integer, text
from situok_kit.schema import ContractSchema, describe, one_of

#: The honeypot field of every public form: hidden from people, filled in by bots (a filled one gets a fake
#: success and nothing is stored).
HONEYPOT = "website"


#: 429: a client sent a public form too often in the last hour (``extra.retry_after``: seconds) — the kit's error
#: itself, so it crosses RPC as what it is.
PublicFormLimitReached = TooManyRequests


class AgendaCapabilitiesOut(ContractSchema):
    """What the caller may do in agenda in general (``capabilities()``); records still carry their own
    ``allowed_actions``."""

    read = flag("Membuka agenda pimpinan (harian/mingguan) dan halaman kegiatan.")
    manage_events = flag("Mengisi dan mengubah agenda pimpinan, tamu VIP, susunan acara, petugas protokol "
                         "(staf protokol).")
    manage_leaders = flag("Mengelola daftar pimpinan dan tata urutan (staf protokol).")
    document = flag("Menyiapkan dokumentasi kegiatan dan mengajukannya (staf protokol).")
    approve_publication = flag("Menyetujui dokumentasi untuk dipublikasikan (Kepala Bagian Protokol, peran yang "
                               "ditetapkan, admin).")
    view_visits = flag("Melihat permohonan kunjungan/audiensi beserta kontaknya (staf protokol).")
    decide_visits = flag("Memutuskan permohonan kunjungan (Kepala Bagian Protokol, peran yang ditetapkan, admin).")
    check_in_visitors = flag("Memeriksa kartu tamu di resepsionis (staf protokol).")
    triage_feedback = flag("Memilah, menjawab dan menutup masukan masyarakat (staf protokol).")
    answer_feedback = flag("Menjawab masukan yang diteruskan ke unit sendiri (setiap pegawai unit itu).")
    manage_settings = flag("Mengubah pengaturan agenda (admin).")


class AgendaRosterSyncOut(ContractSchema):
    employees = integer("Pegawai yang ditarik dari personnel.")
    org_units = integer("Unit organisasi yang ditarik.")


class AgendaRosterStatusOut(ContractSchema):
    employees = integer("Pegawai pada salinan.")
    units = integer("Unit organisasi pada salinan.")
    last_sync_at = text("Penarikan terakhir yang berhasil (ISO 8601 dengan offset); null bila belum pernah.",
                        nullable=True, format="date-time")


class AgendaSettingsOut(ContractSchema):
    """The protocol unit, the extra approving role, the public forms' limits."""

    protocol_unit_code = text("Kode unit protokol (stafnya dan subunitnya mengelola agenda).")
    approver_role = text("Peran yang juga menyetujui publikasi dan memutuskan kunjungan; null bila tidak ada.",
                         nullable=True)
    visit_requests_per_hour = integer("Permohonan kunjungan per klien per jam.")
    feedback_per_hour = integer("Masukan per klien per jam.")
    form_min_seconds = integer("Detik paling cepat sebuah formulir publik boleh dikirim setelah dibuka.")


class AgendaSettingsIn(ContractSchema):
    """A change of the settings (admin): any subset of the fields."""

    protocol_unit_code = fields.String(validate=validate.Length(min=1, max=40),
                                       metadata=describe("Kode unit organisasi."))
    approver_role = fields.String(allow_none=True, validate=one_of(ROLES), metadata=describe("Peran; null: tidak ada."))
    visit_requests_per_hour = fields.Integer(validate=validate.Range(min=1, max=1000), metadata=describe("1–1000."))
    feedback_per_hour = fields.Integer(validate=validate.Range(min=1, max=1000), metadata=describe("1–1000."))
    form_min_seconds = fields.Integer(validate=validate.Range(min=0, max=600), metadata=describe("0–600 detik."))


class FormTicketOut(ContractSchema):
    """A public form's time-to-submit ticket: the edge puts it in the form and sends it back with it."""

    ticket = text("Tiket formulir (dikirim kembali apa adanya).")
    min_seconds = integer("Detik paling cepat formulir boleh dikirim.")


SCHEMAS = {
    "AgendaCapabilitiesOut": AgendaCapabilitiesOut, "AgendaRosterSyncOut": AgendaRosterSyncOut,
    "AgendaRosterStatusOut": AgendaRosterStatusOut, "AgendaSettingsOut": AgendaSettingsOut,
    "AgendaSettingsIn": AgendaSettingsIn, "FormTicketOut": FormTicketOut,
}
