"""Query-string parameters: typed, validated, with Indonesian messages.

Each list route has one Marshmallow schema (in its domain's module, ``gateway.domains``); the same schema
documents the parameters in the OpenAPI document. A wrong type (``limit=abc``, ``active=maybe``) is a 422
naming the parameter. Unknown parameters are ignored; an empty value (``?q=``) counts as absent. The
``*_param`` helpers build the fields; enumerations come from the owning service's contract, never a copy.
"""
from __future__ import annotations

import re
from datetime import date

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from situok_kit.errors import from_marshmallow
from situok_kit.pagination import DEFAULT_LIMIT, MAX_LIMIT

_MONTH = re.compile(r"^20\d\d-(0[1-9]|1[0-2])$")
_INT = {"invalid": "Harus bilangan bulat.", "too_large": "Angka terlalu besar."}
_BOOL = {"invalid": "Harus true atau false."}
_STR = {"invalid": "Harus teks."}
_DATE = {"invalid": "Harus tanggal YYYY-MM-DD."}


def id_param(description: str) -> fields.Integer:
    return fields.Integer(strict=False, error_messages=_INT, metadata={"description": description},
                          validate=validate.Range(min=1, error="Harus bilangan bulat positif."))


def int_param(description: str, low: int, high: int, message: str) -> fields.Integer:
    return fields.Integer(strict=False, error_messages=_INT, metadata={"description": description},
                          validate=validate.Range(min=low, max=high, error=message))


def bool_param(description: str) -> fields.Boolean:
    return fields.Boolean(error_messages=_BOOL, metadata={"description": description})


def text_param(description: str, max_length: int = 200) -> fields.String:
    return fields.String(error_messages=_STR, metadata={"description": description},
                         validate=validate.Length(max=max_length, error=f"Paling banyak {max_length} karakter."))


def date_param(description: str) -> fields.Date:
    return fields.Date(error_messages=_DATE, metadata={"description": description})


def one_of_param(choices, description: str, **kwargs) -> fields.String:
    """A parameter taking one of ``choices`` (the owning service's enumeration)."""
    choices = tuple(choices)
    return fields.String(validate=validate.OneOf(choices, error=f"Harus salah satu dari: {', '.join(choices)}."),
                         error_messages=_STR, metadata={"description": description, "enum": list(choices)},
                         **kwargs)


def month_param(description: str) -> fields.String:
    return fields.String(required=True, error_messages={**_STR, "required": "Wajib diisi (YYYY-MM)."},
                         validate=validate.Regexp(_MONTH, error="Harus bulan dengan format YYYY-MM."),
                         metadata={"description": description, "example": "2026-09"})


class QuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE


class PageQuery(QuerySchema):
    cursor = text_param("Cursor dari `next_cursor` halaman sebelumnya.", 1000)
    limit = fields.Integer(
        strict=False, error_messages=_INT, load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT, error=f"Harus antara 1 dan {MAX_LIMIT}."),
        metadata={"description": f"Jumlah data per halaman (1–{MAX_LIMIT}, bawaan {DEFAULT_LIMIT})."},
    )


class DateRange:
    """Mixin for a query with ``date_from``/``date_to``: the end may not come before the start."""

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise ValidationError({"date_to": "Tidak boleh sebelum date_from."})


class FilenameQuery(QuerySchema):
    """``?filename=`` of an upload whose body is the file itself."""

    filename = text_param("Nama berkas bila badan permintaan adalah berkasnya sendiri.")


#: Parameters of a list that are passed through as ``filters``; the rest are paging.
PAGING = ("cursor", "limit")

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
    """A list route's RPC arguments: ``filters`` (``jsonable``; ``None`` when none was given — left out when
    the list has no filters at all), ``cursor`` and ``limit``."""
    filters, cursor, limit = split_paging(parse_query(schema, request))
    args = {"cursor": cursor, "limit": limit}
    if set(schema.fields) - set(PAGING):
        args["filters"] = jsonable(filters) or None
    return args


def jsonable(params: dict) -> dict:
    """Loaded parameters as an RPC can carry them: dates as ``YYYY-MM-DD``."""
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in params.items()}
