"""kepegawaian's career contract: an employee's next KGB/KP/BUP dates, the due list for a month (or a range),
the staff officers' reminders, the rules table, the exports (DUK, nominative list, due list as XLSX/PDF), and the
``kepegawaian.career_due`` event's payload."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Kepegawaian as _Kepegawaian
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, text
from situok_kit.schema import ContractSchema, describe

from ..domain.career_rules import KINDS

FORMATS = ("xlsx", "pdf")
FLAGS = ("pppk_contract", "level_missing", "kgb_base_is_tmt_cpns")


class CareerDateOut(ContractSchema):
    """One next date: its kind, the TMT, what it was counted from and why it needs a look (``flags``)."""

    kind = choice("kgb | kp | bup.", KINDS)
    kind_name = text("Nama jenis.")
    due_date = day("TMT (selalu tanggal 1)")
    base_date = day("Dihitung dari (TMT KGB terakhir/TMT CPNS, TMT pangkat, tanggal lahir)")
    flags = listing(fields.String(), "pppk_contract (periksa perjanjian kerja), level_missing (BUP 58 karena "
                                     "jenjang belum tercatat), kgb_base_is_tmt_cpns.")
    detail = text("Aturan yang dipakai.")
    overdue = flag("Tanggal sudah lewat: data belum diperbarui.")


class CareerDatesOut(ContractSchema):
    """An employee's next KGB, KP and retirement (null where not applicable: no KP at IV/e or for PPPK, no BUP
    for PPPK or without a birth date)."""

    employee_id = integer("Pegawai.")
    full_name = text("Nama.")
    nip = text("NIP.", nullable=True)
    employment_type = text("pns | pppk | non_asn.")
    golongan = text("Golongan.", nullable=True)
    unit_name = text("Unit.", nullable=True)
    position_name = text("Jabatan.", nullable=True)
    masa_kerja_years = integer("Masa kerja (tahun) sejak TMT CPNS.", nullable=True)
    masa_kerja_months = integer("Masa kerja (bulan).", nullable=True)
    kgb = nested(CareerDateOut, "KGB berikutnya.", nullable=True)
    kp = nested(CareerDateOut, "Kenaikan pangkat reguler berikutnya.", nullable=True)
    bup = nested(CareerDateOut, "TMT pensiun (BUP).", nullable=True)


class CareerDueQuery(ContractSchema):
    """``month`` ``YYYY-MM`` (default this month), ``until`` ``YYYY-MM`` (a range, ≤ 24 months), ``kinds``,
    ``unit_id`` (with its sub-units)."""

    month = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"),
                          metadata=describe("Bulan awal TTTT-BB."))
    until = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"),
                          metadata=describe("Bulan akhir TTTT-BB."))
    kinds = fields.List(fields.String(validate=validate.OneOf(KINDS)), load_default=None, allow_none=True,
                        metadata=describe("kgb, kp, bup (kosong: semua)."))
    unit_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1),
                             metadata=describe("Unit (beserta sub-unitnya)."))


class CareerDueItemOut(ContractSchema):
    employee_id = integer("Pegawai.")
    full_name = text("Nama.")
    nip = text("NIP.", nullable=True)
    employment_type = text("pns | pppk.")
    golongan = text("Golongan.", nullable=True)
    pangkat = text("Pangkat.", nullable=True)
    position_name = text("Jabatan.", nullable=True)
    unit_id = integer("Unit.", nullable=True)
    unit_name = text("Unit.", nullable=True)
    kind = choice("kgb | kp | bup.", KINDS)
    kind_name = text("Nama jenis.")
    due_date = day("TMT")
    base_date = day("Dihitung dari")
    flags = listing(fields.String(), "Lihat CareerDateOut.flags.")
    detail = text("Aturan yang dipakai.")
    overdue = flag("Sudah lewat dan belum tercatat.")


class CareerDueCountsOut(ContractSchema):
    kgb = integer("KGB.")
    kp = integer("Kenaikan pangkat.")
    bup = integer("Pensiun.")
    overdue = integer("Terlambat.")


class CareerDueListOut(ContractSchema):
    start = day("Awal")
    end = day("Akhir")
    kinds = listing(fields.String(), "Jenis yang dicari.")
    unit_id = integer("Unit.", nullable=True)
    counts = nested(CareerDueCountsOut, "Jumlah per jenis.")
    items = listing(CareerDueItemOut, "Yang jatuh tempo, menurut tanggal.")


class CareerReminderQuery(ContractSchema):
    unread_only = fields.Boolean(load_default=False, metadata=describe("Hanya yang belum dibaca."))


class CareerReminderOut(ContractSchema):
    id = integer("Pengingat.")
    employee_id = integer("Pegawai.")
    employee_name = text("Nama.")
    nip = text("NIP.", nullable=True)
    unit_id = integer("Unit.", nullable=True)
    kind = choice("kgb | kp | bup.", KINDS)
    kind_name = text("Nama jenis.")
    due_date = day("TMT")
    created_at = moment("Dibuat")
    read_at = moment("Dibaca")
    allowed_actions = listing(fields.String(), "mark_read.")


class CareerReminderPage(ContractSchema):
    items = listing(CareerReminderOut, "Pengingat, tanggal terdekat dulu.")
    next_cursor = text("Halaman berikutnya.", nullable=True)


class CareerRuleOut(ContractSchema):
    kind = text("kgb_interval_years | kp_min_years | kp_periods | bup_age.")
    key = text("Jenjang jabatan (bup_age).")
    value = integer("Tahun.", nullable=True)
    months = text("Bulan periode KP (1–12).", nullable=True)
    effective_from = day("Berlaku mulai")
    source = text("Dasar hukum.")


class CareerRulesOut(ContractSchema):
    items = listing(CareerRuleOut, "Aturan karier.")


class CareerExportIn(ContractSchema):
    """An export: ``format`` (xlsx|pdf) and ``unit_id`` (with its sub-units; all units without one); the due
    list also takes ``month``/``until``/``kinds``."""

    format = fields.String(load_default="xlsx", validate=validate.OneOf(FORMATS), metadata=describe("xlsx | pdf."))
    unit_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1),
                             metadata=describe("Unit."))


class CareerDueExportIn(CareerDueQuery):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(FORMATS), metadata=describe("xlsx | pdf."))


class CareerFileOut(ContractSchema):
    filename = text("Nama berkas.")
    content_type = text("Jenis isi.")
    content_b64 = text("Isi berkas (base64).")


class CareerDueEvent(ContractSchema):
    """``kepegawaian.career_due``: a KGB/KP/BUP date entered its reminder lead time (once per employee, kind and
    date)."""

    employee_id = integer("Pegawai.")
    employee_name = text("Nama.")
    nip = text("NIP.", nullable=True)
    unit_id = integer("Unit.", nullable=True)
    kind = choice("kgb | kp | bup.", KINDS)
    due_date = day("TMT")


SCHEMAS = {
    "CareerDateOut": CareerDateOut, "CareerDatesOut": CareerDatesOut, "CareerDueQuery": CareerDueQuery,
    "CareerDueItemOut": CareerDueItemOut, "CareerDueCountsOut": CareerDueCountsOut,
    "CareerDueListOut": CareerDueListOut, "CareerReminderQuery": CareerReminderQuery,
    "CareerReminderOut": CareerReminderOut, "CareerReminderPage": CareerReminderPage,
    "CareerRuleOut": CareerRuleOut, "CareerRulesOut": CareerRulesOut, "CareerExportIn": CareerExportIn,
    "CareerDueExportIn": CareerDueExportIn, "CareerFileOut": CareerFileOut, "CareerDueEvent": CareerDueEvent,
}
EVENTS = {_Kepegawaian.CAREER_DUE: CareerDueEvent}
