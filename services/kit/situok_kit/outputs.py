"""Short builders of a contract's output fields: each takes the description OpenAPI shows (Indonesian) and
says whether the value may be null, so an answer schema reads as a list of documented fields::

    class SpjOut(ContractSchema):
        id = integer("Id SPJ.")
        status = choice("Status.", SPJ_STATUSES)
        gross = rupiah("Jumlah bruto")
        paid_on = day("Tanggal bayar (WITA)", nullable=True)

Travel's and finance's schemas use them (one way across services).
"""
from __future__ import annotations

from marshmallow import fields

from .schema import describe


def _field(cls, description: str, nullable: bool, required: bool, attribute: str | None, meta: dict,
           **kwargs) -> fields.Field:
    if attribute is not None:
        kwargs["attribute"] = attribute
    return cls(allow_none=nullable, required=required, metadata=describe(description, **meta), **kwargs)


def text(description: str, nullable: bool = False, *, required: bool = False, attribute: str | None = None,
         **meta) -> fields.String:
    return _field(fields.String, description, nullable, required, attribute, meta)


def choice(description: str, choices, nullable: bool = False, *, required: bool = False,
           attribute: str | None = None) -> fields.String:
    """An enumerated output field: ``enum`` lists travel's own tuple."""
    return _field(fields.String, description, nullable, required, attribute, {"enum": list(choices)})


def integer(description: str, nullable: bool = False, *, required: bool = False,
            attribute: str | None = None) -> fields.Integer:
    return _field(fields.Integer, description, nullable, required, attribute, {})


def number(description: str, nullable: bool = False, *, attribute: str | None = None) -> fields.Float:
    return _field(fields.Float, description, nullable, False, attribute, {})


def flag(description: str) -> fields.Boolean:
    return _field(fields.Boolean, description, False, False, None, {})


def rupiah(description: str, nullable: bool = False) -> fields.Integer:
    return _field(fields.Integer, description + " (rupiah bulat).", nullable, False, None, {})


def day(description: str, nullable: bool = False) -> fields.Date:
    return _field(fields.Date, description + " (YYYY-MM-DD).", nullable, False, None, {})


def moment(description: str, nullable: bool = True) -> fields.DateTime:
    return _field(fields.DateTime, description + " (ISO 8601 dengan offset).", nullable, False, None, {})


def listing(item: fields.Field | type, description: str, *, required: bool = False,
            attribute: str | None = None) -> fields.List:
    """A list of ``item`` (a field, or a schema class to nest)."""
    inner = fields.Nested(item) if isinstance(item, type) else item
    return _field(fields.List, description, False, required, attribute, {}, cls_or_instance=inner)


def nested(schema: type, description: str, nullable: bool = False) -> fields.Nested:
    return _field(fields.Nested, description, nullable, False, None, {}, nested=schema)


class View:
    """A record as one answer shows it: ``facts`` first, then the record's own attributes.

    Output schemas dump a ``View`` like the record itself, so an answer can add what is not stored on the
    record (what the caller may do now, its history, an event's note) without a second description of its
    shape. An attribute neither has is left out of the dump.
    """

    __slots__ = ("record", "facts")

    def __init__(self, record: object = None, **facts):
        self.record = record
        self.facts = facts

    def __getattr__(self, name: str):
        facts = object.__getattribute__(self, "facts")
        if name in facts:
            return facts[name]
        return getattr(object.__getattribute__(self, "record"), name)
