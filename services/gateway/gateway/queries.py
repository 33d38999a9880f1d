"""Query-string parameters: typed, validated, with Indonesian messages.

Each list endpoint has one Marshmallow schema; the same schema documents the
parameters in the OpenAPI spec. A wrong type (``limit=abc``, ``active=maybe``)
is a 422 naming the parameter. Unknown parameters are ignored; an empty value
(``?q=``) counts as absent.
"""
from __future__ import annotations

import re
from datetime import date

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from situok_kit.errors import from_marshmallow
from situok_kit.pagination import DEFAULT_LIMIT, MAX_LIMIT

EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")
#: travel's order statuses (``travel.models.STATUSES``; a test keeps them equal).
ORDER_STATUSES = ("draft", "submitted", "approved", "rejected", "issued", "completed", "realized", "cancelled")
#: attendance's request/correction statuses (``attendance.models.REQUEST_STATUSES``; a test keeps them equal).
LEAVE_STATUSES = ("submitted", "approved", "rejected")
EXPORT_FORMATS = ("xlsx", "pdf")
_MONTH = re.compile(r"^20\d\d-(0[1-9]|1[0-2])$")

_INT = {"invalid": "Harus bilangan bulat.", "too_large": "Angka terlalu besar."}
_BOOL = {"invalid": "Harus true atau false."}
_STR = {"invalid": "Harus teks."}
_DATE = {"invalid": "Harus tanggal YYYY-MM-DD."}


def _id(description: str) -> fields.Integer:
    return fields.Integer(strict=False, error_messages=_INT, metadata={"description": description},
                          validate=validate.Range(min=1, error="Harus bilangan bulat positif."))


def _bool(description: str) -> fields.Boolean:
    return fields.Boolean(error_messages=_BOOL, metadata={"description": description})


def _text(description: str, max_length: int = 200) -> fields.String:
    return fields.String(error_messages=_STR, metadata={"description": description},
                         validate=validate.Length(max=max_length, error=f"Paling banyak {max_length} karakter."))


def _date(description: str) -> fields.Date:
    return fields.Date(error_messages=_DATE, metadata={"description": description})


class QuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE


class PageQuery(QuerySchema):
    cursor = _text("Cursor dari `next_cursor` halaman sebelumnya.", 1000)
    limit = fields.Integer(
        strict=False, error_messages=_INT, load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT, error=f"Harus antara 1 dan {MAX_LIMIT}."),
        metadata={"description": f"Jumlah data per halaman (1–{MAX_LIMIT}, bawaan {DEFAULT_LIMIT})."},
    )


class EmployeeQuery(PageQuery):
    q = _text("Cari nama, NIP atau NIK.")
    unit_id = _id("Hanya pegawai unit ini.")
    include_subunits = _bool("Sertakan pegawai sub-unit (bawaan true).")
    employment_type = fields.String(
        validate=validate.OneOf(EMPLOYMENT_TYPES, error="Harus salah satu dari: pns, pppk, non_asn."),
        error_messages=_STR, metadata={"description": "Jenis kepegawaian."},
    )
    is_asn = _bool("Hanya ASN (PNS dan PPPK) atau hanya non-ASN.")
    active = _bool("Hanya pegawai aktif atau nonaktif.")
    golongan = _text("Golongan ruang PNS, mis. III/a.", 10)


class PositionQuery(QuerySchema):
    unit_id = _id("Hanya jabatan pada unit ini.")


class AccountQuery(PageQuery):
    pass


class TravelOrderQuery(PageQuery):
    status = fields.String(
        validate=validate.OneOf(ORDER_STATUSES, error=f"Harus salah satu dari: {', '.join(ORDER_STATUSES)}."),
        error_messages=_STR, metadata={"description": "Hanya surat dengan status ini.", "enum": list(ORDER_STATUSES)},
    )
    unit_id = _id("Hanya surat unit ini (termasuk sub-unitnya): unit surat atau unit seorang pelaksana.")
    date_from = _date("Berangkat pada/sesudah tanggal ini (YYYY-MM-DD).")
    date_to = _date("Berangkat pada/sebelum tanggal ini (YYYY-MM-DD).")
    mine = _bool("Hanya yang saya ajukan atau saya ikuti.")

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise ValidationError({"date_to": "Tidak boleh sebelum date_from."})


class TravelDocumentQuery(QuerySchema):
    traveller_id = _id("Pelaksana (id pegawai) untuk sppd1, sppd2, rincian dan kuitansi bila pelaksananya "
                       "lebih dari satu.")


class RateUploadQuery(QuerySchema):
    filename = _text("Nama berkas bila badan permintaan adalah berkasnya sendiri (text/csv atau XLSX); "
                     "bawaan `tarif-<tahun>.csv`/`.xlsx`.")


class HolidayUploadQuery(QuerySchema):
    filename = _text("Nama berkas bila badan permintaan adalah berkasnya sendiri (text/csv); bawaan "
                     "`hari-libur.csv`.")


# -- attendance ------------------------------------------------------------------------------------

def _month(description: str) -> fields.String:
    return fields.String(required=True, error_messages={**_STR, "required": "Wajib diisi (YYYY-MM)."},
                         validate=validate.Regexp(_MONTH, error="Harus bulan dengan format YYYY-MM."),
                         metadata={"description": description, "example": "2026-09"})


class AttendanceDaysQuery(QuerySchema):
    month = _month("Bulan `YYYY-MM` (WITA); hari sampai hari ini.")
    employee_id = _id("Pegawai (bawaan: pemanggil); atasan, kepala unit dan admin untuk pegawai lain.")


class AttendanceRecapQuery(QuerySchema):
    month = _month("Bulan `YYYY-MM` (WITA).")
    unit_id = _id("Hanya unit ini (dengan sub-unitnya); bawaan seluruh lingkup pemanggil.")


class AttendanceExportQuery(AttendanceRecapQuery):
    format = fields.String(
        load_default="xlsx", error_messages=_STR,
        validate=validate.OneOf(EXPORT_FORMATS, error="Harus salah satu dari: xlsx, pdf."),
        metadata={"description": "`xlsx` (bawaan) atau `pdf` (A4 lanskap).", "enum": list(EXPORT_FORMATS)})


class AttendanceTodayQuery(QuerySchema):
    unit_id = _id("Hanya unit ini (dengan sub-unitnya); bawaan seluruh lingkup pemanggil.")


class LeaveListQuery(PageQuery):
    mine = _bool("Hanya milik saya sendiri.")
    unit_id = _id("Hanya pegawai unit ini (dengan sub-unitnya).")
    employee_id = _id("Hanya pegawai ini.")
    status = fields.String(
        validate=validate.OneOf(LEAVE_STATUSES, error=f"Harus salah satu dari: {', '.join(LEAVE_STATUSES)}."),
        error_messages=_STR, metadata={"description": "Hanya dengan status ini.", "enum": list(LEAVE_STATUSES)})
    date_from = _date("Sampai/sesudah tanggal ini (YYYY-MM-DD).")
    date_to = _date("Sampai/sebelum tanggal ini (YYYY-MM-DD).")

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise ValidationError({"date_to": "Tidak boleh sebelum date_from."})


class HolidayQuery(QuerySchema):
    year = fields.Integer(strict=False, error_messages=_INT, metadata={"description": "Hanya tahun ini."},
                          validate=validate.Range(min=2000, max=2099, error="Harus tahun 2000–2099."))


#: Parameters of a list that are passed through as ``filters``; the rest are paging.
PAGING = ("cursor", "limit")

EMPLOYEE_QUERY = EmployeeQuery()
POSITION_QUERY = PositionQuery()
ACCOUNT_QUERY = AccountQuery()
TRAVEL_ORDER_QUERY = TravelOrderQuery()
TRAVEL_DOCUMENT_QUERY = TravelDocumentQuery()
RATE_UPLOAD_QUERY = RateUploadQuery()
HOLIDAY_UPLOAD_QUERY = HolidayUploadQuery()
ATTENDANCE_DAYS_QUERY = AttendanceDaysQuery()
ATTENDANCE_RECAP_QUERY = AttendanceRecapQuery()
ATTENDANCE_EXPORT_QUERY = AttendanceExportQuery()
ATTENDANCE_TODAY_QUERY = AttendanceTodayQuery()
LEAVE_LIST_QUERY = LeaveListQuery()
HOLIDAY_QUERY = HolidayQuery()


_defaults: dict[int, dict] = {}


def parse_query(schema: Schema, request) -> dict:
    """The request's query parameters loaded by ``schema``; 422 naming each bad parameter."""
    raw = {key: value for key, value in request.args.items() if value != ""}
    try:
        if not raw:  # the common case: only the defaults, computed once per schema
            defaults = _defaults.get(id(schema))
            if defaults is None:
                defaults = _defaults[id(schema)] = schema.load({})  # a required parameter: 422 here
            return dict(defaults)
        return schema.load(raw)
    except ValidationError as err:
        raise from_marshmallow(err, "Parameter tidak valid.")


def split_paging(params: dict) -> tuple[dict, str | None, int]:
    """(filters, cursor, limit) of loaded list parameters."""
    filters = {key: value for key, value in params.items() if key not in PAGING}
    return filters, params.get("cursor"), params.get("limit", DEFAULT_LIMIT)


def page_args(schema: Schema, request) -> dict:
    """A list route's RPC arguments: ``filters`` (``jsonable``; ``None`` when none), ``cursor`` and ``limit``."""
    filters, cursor, limit = split_paging(parse_query(schema, request))
    return {"filters": jsonable(filters) or None, "cursor": cursor, "limit": limit}


def jsonable(params: dict) -> dict:
    """Loaded parameters as an RPC can carry them: dates as ``YYYY-MM-DD``."""
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in params.items()}
