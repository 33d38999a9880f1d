"""kepegawaian's leave-reports schemas: the leave recap per unit and year (``leave_recap``, its query, its rows,
``export_leave_recap``'s file). ``SCHEMAS`` and ``EVENTS`` as ``agenda.schemas`` areas do."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.outputs import choice, integer, listing, nested, number, text
from situok_kit.schema import ContractSchema, describe

FORMATS = ("xlsx", "pdf")
_YEAR = dict(strict=True, validate=validate.Range(min=2000, max=2100, error="Tahun 2000–2100."))


class LeaveRecapQuery(ContractSchema):
    """The recap's year (default: this year, WITA) and unit (with its sub-units; every unit without one)."""

    year = fields.Integer(load_default=None, allow_none=True, **_YEAR, metadata=describe("Tahun (bawaan: tahun ini)."))
    unit_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1),
                             metadata=describe("Unit (dengan subunitnya); kosong: semua unit."))


class LeaveRecapExportIn(LeaveRecapQuery):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(FORMATS), metadata=describe("xlsx | pdf."))


class LeaveRecapKindOut(ContractSchema):
    kind = text("Jenis cuti (kode).")
    name = text("Nama jenis cuti.")


class LeaveRecapDaysOut(ContractSchema):
    """Approved days per kind in the year (by start date; .5: half a day)."""

    tahunan = number("Cuti tahunan (hari kerja).")
    besar = number("Cuti besar (hari).")
    sakit = number("Cuti sakit (hari).")
    melahirkan = number("Cuti melahirkan (hari).")
    alasan_penting = number("Cuti karena alasan penting (hari).")
    cltn = number("Cuti di luar tanggungan negara (hari).")


class LeaveRecapRowOut(ContractSchema):
    no = integer("Nomor urut.")
    employee_id = integer("Pegawai (id).")
    full_name = text("Nama lengkap.")
    nip = text("NIP.", nullable=True)
    unit_name = text("Unit kerja.", nullable=True)
    golongan = text("Golongan ruang.", nullable=True)
    days = nested(LeaveRecapDaysOut, "Hari cuti yang disetujui per jenis.")
    total_days = number("Jumlah hari cuti yang disetujui.")
    tahunan_remaining = number("Sisa cuti tahunan (hari kerja); null bila tidak berhak/tidak dihitung.",
                               nullable=True)


class LeaveRecapOut(ContractSchema):
    """The leave recap of a unit (and its sub-units) for a year."""

    year = integer("Tahun.")
    unit_id = integer("Unit (id); null: semua unit.", nullable=True)
    unit_label = text("Nama unit (atau Biro).")
    scope = choice("`all`: semua pegawai unit; `staff`: hanya bawahan pemanggil (atasan).", ("all", "staff"))
    kinds = listing(LeaveRecapKindOut, "Kolom jenis cuti, menurut urutan formulir.")
    items = listing(LeaveRecapRowOut, "Pegawai, menurut unit dan nama.")


class LeaveRecapFileOut(ContractSchema):
    filename = text("Nama berkas.")
    content_type = text("Jenis isi (XLSX atau PDF).")
    content_b64 = text("Isi berkas (base64).")


SCHEMAS: dict = {
    "LeaveRecapQuery": LeaveRecapQuery,
    "LeaveRecapExportIn": LeaveRecapExportIn,
    "LeaveRecapKindOut": LeaveRecapKindOut,
    "LeaveRecapDaysOut": LeaveRecapDaysOut,
    "LeaveRecapRowOut": LeaveRecapRowOut,
    "LeaveRecapOut": LeaveRecapOut,
    "LeaveRecapFileOut": LeaveRecapFileOut,
}
EVENTS: dict = {}
