"""Errors as problem documents (RFC 9457, ``application/problem+json``).

Every error a client sees has the same shape::

    {"type": "urn:situok:problem:validation_failed", "title": "Data tidak valid.",
     "status": 422, "detail": "...", "fields": {"nip": "..."},
     "instance": "/api/v1/employees", "request_id": "..."}

Domain errors (``situok_kit.errors``) keep their status, message and per-field
messages; an unreachable broker, database or service is a 503 with Retry-After; anything
unexpected becomes a 500 whose detail names only the request id under which the traceback
was logged (``situok_kit.edge`` decides which).
"""
from __future__ import annotations

import math

from situok_kit.edge import Failure
from situok_kit.errors import AccountLocked, MethodNotAllowed

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Permintaan tidak valid.",
    401: "Autentikasi diperlukan.",
    403: "Akses ditolak.",
    404: "Tidak ditemukan.",
    405: "Metode tidak diizinkan.",
    409: "Konflik dengan data yang ada.",
    413: "Badan permintaan terlalu besar.",
    415: "Jenis konten tidak didukung.",
    422: "Data tidak valid.",
    423: "Akun terkunci.",
    429: "Terlalu banyak permintaan.",
    500: "Terjadi kesalahan pada server.",
    503: "Layanan tidak tersedia.",
    504: "Layanan tidak menjawab tepat waktu.",
}

#: The realm named in ``WWW-Authenticate`` on every 401.
REALM = "situok"


class Problem:
    """One error response: status, a stable code, a detail, per-field messages, extra headers."""

    __slots__ = ("status", "code", "detail", "fields", "headers")

    def __init__(self, status: int, code: str, detail: str, fields: dict | None = None,
                 headers: dict | None = None):
        self.status = status
        self.code = code
        self.detail = detail
        self.fields = fields or None
        self.headers = headers or {}

    @property
    def title(self) -> str:
        return TITLES.get(self.status, TITLES[500] if self.status >= 500 else TITLES[400])

    def document(self, request_id: str | None = None, instance: str | None = None) -> dict:
        doc = {
            "type": f"urn:situok:problem:{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.fields:
            doc["fields"] = self.fields
        if instance:
            doc["instance"] = instance
        doc["request_id"] = request_id
        return doc

    def __repr__(self) -> str:
        return f"Problem({self.status}, {self.code!r}, {self.detail!r})"


def problem_of(failure: Failure) -> Problem:
    """The problem document of what the edge decided to tell the caller (``situok_kit.edge.Failure``): the
    status and messages of a domain error, with the headers HTTP asks for (the Bearer challenge on a 401,
    ``Retry-After`` on a lock or an outage, ``Allow`` on a 405); a 500 names only the reference id."""
    if failure.status == 500:
        return internal_problem(failure.reference or "-")
    error = failure.error
    headers = dict(failure.headers)
    fields = {str(k): str(v) for k, v in failure.fields.items()} if failure.fields else None
    if failure.status == 401:
        challenge = f'Bearer realm="{REALM}"'
        if failure.fields.get("token"):
            challenge += ', error="invalid_token"'
        headers["WWW-Authenticate"] = challenge
    if isinstance(error, AccountLocked) or (error is not None and error.extra.get("retry_after") is not None):
        # a lock, or a throttled login (its 401 says only "wrong username or password", and when to retry)
        headers["Retry-After"] = str(retry_after_seconds(error.extra.get("retry_after")))
    if isinstance(error, MethodNotAllowed):
        headers["Allow"] = ", ".join(error.extra.get("allow", ()))
    return Problem(failure.status, failure.code, failure.message or TITLES.get(failure.status, TITLES[400]),
                   fields, headers)


def retry_after_seconds(value) -> int:
    """A whole number of seconds, at least 1 (the lock may end within the second)."""
    try:
        return max(1, math.ceil(float(value)))
    except (TypeError, ValueError):
        return 60


def internal_problem(reference: str) -> Problem:
    """The 500 a client gets for an unexpected error: no internals, only the reference."""
    return Problem(500, "internal_error",
                   f"Terjadi kesalahan tak terduga. Sebutkan kode referensi {reference} saat melapor.")


def not_found(path: str) -> Problem:
    return Problem(404, "not_found", f"Alamat {path} tidak dikenal.")
