"""Days, recaps and the today board: the month asked for, and what is answered."""
from __future__ import annotations

import re

from marshmallow import ValidationError, fields, validates_schema
from situok_kit.schema import ID, ContractSchema, describe, one_of

from ..domain.exports import EXPORT_FORMATS
from ..domain.status import CODES, STATUSES, TODAY_GROUPS
from ..models import CORRECTION_KINDS
from .base import Base64Bytes, OutSchema, WitaClock
from .records import RecordOut


class AttendanceMonthIn(ContractSchema):
    """The arguments of ``employee_days``, ``monthly_recap`` and ``export_recap``."""

    month = fields.String(required=True, metadata=describe("Bulan `YYYY-MM`."))
    unit_id = fields.Integer(load_default=None, allow_none=True, **ID,
                             metadata=describe("Hanya unit ini (dengan sub-unitnya)."))
    employee_id = fields.Integer(load_default=None, allow_none=True, **ID,
                                 metadata=describe("Pegawai (bawaan: pemanggil)."))
    format = fields.String(load_default="xlsx", validate=one_of(EXPORT_FORMATS),
                           metadata=describe("Format berkas rekap.", enum=list(EXPORT_FORMATS)))

    @validates_schema
    def _month(self, data, **kwargs):
        m = re.fullmatch(r"(20\d\d)-(0[1-9]|1[0-2])", data.get("month") or "")
        if not m:
            raise ValidationError("Harus bulan dengan format YYYY-MM.", "month")


def _counts(text: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.Integer(), metadata=describe(text))


class DayOut(OutSchema):
    """A day of an employee (``daily.DayRow``)."""

    day = fields.Date(metadata=describe("Hari (WITA)."))
    status = fields.String(attribute="state.status", metadata=describe(
        "Status hari itu; `belum_absen`: hari ini, belum ada catatan.", enum=list(STATUSES)))
    label = fields.String(attribute="state.label", metadata=describe("Label status untuk tampilan."))
    codes = fields.List(fields.String(metadata=describe("Kode pita.", enum=list(CODES))), attribute="state.codes",
                        metadata=describe("Pita keterlambatan/pulang cepat (TL1–4, PSW1–4) atau ALPA."))
    late_minutes = fields.Integer(attribute="state.late_minutes", metadata=describe("Menit terlambat."))
    early_minutes = fields.Integer(attribute="state.early_minutes", metadata=describe("Menit pulang cepat."))
    check_in = WitaClock(allow_none=True, metadata=describe(
        "Jam masuk (`HH.MM` WITA) setelah koreksi yang disetujui.", example="07.42"))
    check_out = WitaClock(allow_none=True, metadata=describe(
        "Jam pulang (`HH.MM` WITA) setelah koreksi yang disetujui.", example="16.35"))
    corrected = fields.List(fields.String(metadata=describe("Jenis jam.", enum=list(CORRECTION_KINDS))),
                            metadata=describe("Jam yang berasal dari koreksi."))
    holiday = fields.String(allow_none=True, metadata=describe("Nama hari libur."))


class MyTodayOut(OutSchema):
    day = fields.Date(metadata=describe("Hari ini (WITA)."))
    record = fields.Nested(RecordOut, allow_none=True, metadata=describe("Catatan hari ini; null bila belum ada."))
    status = fields.Nested(DayOut, allow_none=True, metadata=describe(
        "Status hari ini; null sebelum `tracking_start`."))


class PersonOut(OutSchema):
    """An employee as recaps show them (``RosterEmployee``)."""

    employee_id = fields.Integer(attribute="id", metadata=describe("Pegawai (id)."))
    name = fields.String(attribute="full_name", metadata=describe("Nama lengkap."))
    nik = fields.String(allow_none=True, metadata=describe("NIK."))
    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit kerja (id)."))
    unit_name = fields.String(allow_none=True, metadata=describe("Nama unit kerja."))
    position_name = fields.String(allow_none=True, metadata=describe("Nama jabatan."))


class SummaryOut(OutSchema):
    """Totals of a period (``status.summarize``)."""

    working_days = fields.Integer(metadata=describe("Hari kerja (semua status selain libur)."))
    days = _counts("Jumlah hari per status.")
    codes = _counts("Jumlah per pita (TL1…PSW4, ALPA).")
    late_minutes = fields.Integer(metadata=describe("Jumlah menit terlambat."))
    early_minutes = fields.Integer(metadata=describe("Jumlah menit pulang cepat."))
    deduction_bp = fields.Integer(metadata=describe("Potongan: Σ bobot × jumlah pita, basis poin (100 = 1%)."))


class EmployeeDaysOut(OutSchema):
    employee = fields.Nested(PersonOut, metadata=describe("Pegawainya."))
    month = fields.String(metadata=describe("`YYYY-MM`."))
    days = fields.List(fields.Nested(DayOut), metadata=describe("Hari-hari bulan itu sampai hari ini."))
    summary = fields.Nested(SummaryOut, metadata=describe("Ringkasan hari-hari itu."))


class RecapRowOut(PersonOut, SummaryOut):
    """A person and their month, dumped from ``(RosterEmployee, summary)``."""


class RecapOut(OutSchema):
    month = fields.String(metadata=describe("`YYYY-MM`."))
    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit yang diminta; null: seluruh lingkup."))
    unit_name = fields.String(allow_none=True, metadata=describe("Nama unit itu."))
    until = fields.Date(metadata=describe("Hari terakhir yang dihitung (hari ini untuk bulan berjalan)."))
    weights = _counts("Bobot potongan per kode (basis poin).")
    employees = fields.List(fields.Nested(RecapRowOut), metadata=describe("Per pegawai, urut nama."))
    totals = fields.Nested(SummaryOut, metadata=describe("Jumlah semua pegawai."))


class TodayPersonOut(PersonOut, DayOut):
    """A person and their day, dumped from ``(RosterEmployee, DayRow)``."""


def _group(text: str, **kwargs) -> fields.List:
    return fields.List(fields.Nested(TodayPersonOut), metadata=describe(text), **kwargs)


class TodayOut(OutSchema):
    """The today board; its groups are ``TODAY_GROUPS``."""

    day = fields.Date(metadata=describe("Hari ini (WITA)."))
    unit_id = fields.Integer(allow_none=True, metadata=describe("Unit yang diminta; null: seluruh lingkup."))
    total = fields.Integer(metadata=describe("Pegawai non-ASN dalam lingkup."))
    counts = _counts(f"Jumlah per kelompok: {', '.join(TODAY_GROUPS)}.")
    in_ = _group("Hadir (termasuk pulang cepat dan belum absen pulang).", data_key="in", attribute="in")
    late = _group("Terlambat.")
    absent = _group("Belum absen / alpa.")
    on_duty = _group("Dinas luar.")
    leave = _group("Izin, sakit, cuti.")
    off = _group("Libur.")


class RecapFileOut(OutSchema):
    """The answer of ``export_recap``."""

    filename = fields.String(metadata=describe("Nama berkas, mis. `rekap-kehadiran-2026-09-unit5.xlsx`."))
    content_type = fields.String(metadata=describe("Jenis isi (XLSX atau PDF)."))
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi berkas (base64)."))
