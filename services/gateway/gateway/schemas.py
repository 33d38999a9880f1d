"""Schemas the gateway itself owns: the problem document and its health answer.

Every other body and answer is described by the owning service's contract (``<service>.schemas``, registered
through ``gateway.domains``); ``gateway.openapi`` combines them.
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


class Health(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    service = fields.String(required=True, metadata={"example": "gateway"})
    checks = fields.Dict(keys=fields.String(), values=fields.String())
