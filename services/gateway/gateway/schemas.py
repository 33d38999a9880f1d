"""Schemas the gateway itself owns: the problem document and a few small answers.

The resources' schemas (``EmployeeIn``, ``EmployeeOut``, ``TokenOut``, ...) are
personnel's contract (``personnel.schemas``); ``gateway.openapi`` combines both.
"""
from __future__ import annotations

from marshmallow import Schema, fields


class Problem(Schema):
    type = fields.String(required=True, metadata={"example": "urn:situok:problem:validation_failed"})
    title = fields.String(required=True, metadata={"example": "Data tidak valid."})
    status = fields.Integer(required=True, metadata={"example": 422})
    detail = fields.String(required=True)
    fields_ = fields.Dict(
        data_key="fields", keys=fields.String(), values=fields.String(),
        metadata={"description": "Pesan per kolom/parameter yang bermasalah.",
                  "example": {"nip": "NIP harus 18 digit."}},
    )
    instance = fields.String(metadata={"description": "Path permintaan.", "example": "/api/v1/employees"})
    request_id = fields.String(required=True, metadata={"description": "Sama dengan header X-Request-Id."})


class RevokedOut(Schema):
    revoked = fields.Boolean(required=True)


class ChangedOut(Schema):
    changed = fields.Boolean(required=True)


class Health(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    service = fields.String(required=True, metadata={"example": "gateway"})
    checks = fields.Dict(keys=fields.String(), values=fields.String())
