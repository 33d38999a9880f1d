"""Errors as problem documents (RFC 9457, ``application/problem+json``).

Every error a client sees has the same shape::

    {"type": "urn:situok:problem:validation_failed", "title": "Data tidak valid.",
     "status": 422, "detail": "...", "fields": {"nip": "..."},
     "instance": "/api/v1/employees", "request_id": "..."}

Domain errors (``situok_kit.errors``) keep their status, message and per-field
messages; anything unexpected becomes a 500 whose detail names only the
request id under which the traceback was logged.
"""
from __future__ import annotations

import math

from nameko.exceptions import UnknownService
from situok_kit.errors import AccountLocked, DomainError

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
    500: "Terjadi kesalahan pada server.",
    503: "Layanan tidak tersedia.",
    504: "Layanan tidak menjawab tepat waktu.",
}

#: The realm named in ``WWW-Authenticate`` on every 401.
REALM = "situok"


class MethodNotAllowed(DomainError):
    """The path exists but not for this method; ``extra['allow']`` lists the methods it has."""

    status, code = 405, "method_not_allowed"


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(DomainError):
    status, code = 415, "unsupported_media_type"


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


def problem_from_error(exc: BaseException) -> Problem | None:
    """The problem for an error raised on purpose; ``None`` for an unexpected one."""
    if isinstance(exc, DomainError):
        status = int(exc.status)
        headers: dict[str, str] = {}
        fields = {str(k): str(v) for k, v in exc.fields.items()} if exc.fields else None
        if status == 401:
            challenge = f'Bearer realm="{REALM}"'
            if exc.fields.get("token"):
                challenge += ', error="invalid_token"'
            headers["WWW-Authenticate"] = challenge
        if isinstance(exc, AccountLocked):
            headers["Retry-After"] = str(retry_after_seconds(exc.extra.get("retry_after")))
        if isinstance(exc, MethodNotAllowed):
            headers["Allow"] = ", ".join(exc.extra.get("allow", ()))
        return Problem(status, exc.code, exc.message or TITLES.get(status, TITLES[400]), fields, headers)
    if isinstance(exc, UnknownService):
        return Problem(503, "service_unavailable", f"Layanan {exc} tidak tersedia.")
    return None


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
