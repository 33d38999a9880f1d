"""Domain errors that cross RPC intact and that the gateway maps to HTTP.

Each error is registered with Nameko's ``deserialize_to_instance`` so a caller
receives the same class with the same ``message`` and per-field ``fields``
instead of a generic ``RemoteError``. Only JSON-friendly args are used.
"""
from __future__ import annotations

from nameko.exceptions import deserialize_to_instance


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", fields: dict | None = None, extra: dict | None = None):
        super().__init__(message, fields or {}, extra or {})

    @property
    def message(self) -> str:
        return self.args[0]

    @property
    def fields(self) -> dict:
        return self.args[1]

    @property
    def extra(self) -> dict:
        return self.args[2]

    def __str__(self) -> str:
        if self.fields:
            return f"{self.message} {self.fields}"
        return self.message


@deserialize_to_instance
class BadRequest(DomainError):
    status, code = 400, "bad_request"


@deserialize_to_instance
class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


@deserialize_to_instance
class Forbidden(DomainError):
    status, code = 403, "forbidden"


@deserialize_to_instance
class NotFound(DomainError):
    status, code = 404, "not_found"


@deserialize_to_instance
class Conflict(DomainError):
    status, code = 409, "conflict"


@deserialize_to_instance
class ValidationFailed(DomainError):
    """Input that is well-formed but breaks a rule; ``fields`` names each problem."""

    status, code = 422, "validation_failed"


@deserialize_to_instance
class AccountLocked(DomainError):
    """Too many failed logins; ``extra['retry_after']`` says when to try again (seconds)."""

    status, code = 423, "account_locked"

    @property
    def retry_after(self) -> int:
        """Seconds until the lock ends (RPC serialization turns numbers into strings)."""
        return int(float(self.extra.get("retry_after", 0)))


@deserialize_to_instance
class TooManyRequests(DomainError):
    """Over a per-client limit (a public form); ``extra['retry_after']`` says when to try again (seconds)."""

    status, code = 429, "too_many_requests"

    @property
    def retry_after(self) -> int:
        """Seconds until the client may try again (RPC serialization turns numbers into strings)."""
        return int(float(self.extra.get("retry_after", 0)))


class MethodNotAllowed(DomainError):
    """The path exists but not for this method; ``extra['allow']`` lists the methods it has (an edge's)."""

    status, code = 405, "method_not_allowed"


class PayloadTooLarge(DomainError):
    """A request body over the edge's limit (not read)."""

    status, code = 413, "payload_too_large"


class UnsupportedMediaType(DomainError):
    """A request body of a media type the route does not take."""

    status, code = 415, "unsupported_media_type"


@deserialize_to_instance
class ServiceTimeout(DomainError):
    status, code = 504, "service_timeout"


@deserialize_to_instance
class ServiceUnavailable(DomainError):
    status, code = 503, "service_unavailable"


def from_marshmallow(err, message: str = "Data tidak valid.") -> ValidationFailed:
    """Turn a marshmallow ``ValidationError`` into ``ValidationFailed``.

    Field messages become one string per field (``{"nip": "..."}``), the shape
    every client gets.
    """
    return ValidationFailed(message, flatten_messages(err.messages))


def flatten_messages(messages, prefix: str = "") -> dict:
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                name = prefix or "_schema"
            if isinstance(value, dict):
                flat.update(flatten_messages(value, name))
            elif isinstance(value, (list, tuple)):
                strings = [v for v in value if isinstance(v, str)]
                nested = [v for v in value if isinstance(v, dict)]
                if strings:
                    flat[name] = " ".join(strings)
                for item in nested:
                    flat.update(flatten_messages(item, name))
            else:
                flat[name] = str(value)
    else:
        flat[prefix or "_schema"] = str(messages)
    return flat
