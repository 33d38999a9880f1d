"""A domain's HTTP API as a table: one ``Route`` per row, from the request to the RPC and back.

A row says everything about one route — method and path, the RPC it calls, how the path, the query string and
the body become the RPC's keyword arguments, the success status, how the answer becomes the response, and the
documentation — so a domain's gateway module (``gateway.domains.<name>``) is a table and nothing else, and the
OpenAPI document is built from the same rows (``gateway.openapi``)::

    Route("POST", "/travel/orders/<int:order_id>/approve", "approve_order", "Setujui", TRAVEL,
          response="OrderDetailOut", body=Fields("note"), errors=(403, 404, 409))

Every argument reaches the service by name (``approve_order(order_id=5, note="…")``); the service validates
it. A row with a ``handler`` (login's token revocation, the documentation pages) runs that instead of the
generic call.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

from marshmallow import Schema
from situok_kit import uploads
from situok_kit.errors import ValidationFailed

from .http import (
    MAX_BODY_BYTES,
    UPLOAD_BODY_BYTES,
    V1,
    Reply,
    idempotency_key,
    read_fields,
    read_json,
    read_upload,
    require_text,
    service_file,
)
from .queries import jsonable, page_args, parse_query

# -- request bodies -------------------------------------------------------------------------------------


class Body(ABC):
    """How a route's body becomes RPC arguments (``read``), and what the OpenAPI document says of it."""

    #: The component documenting the JSON body (None: no documented body).
    component: str | None = None
    required: bool = True
    #: Documented as ``component`` with no field required (a PATCH).
    partial: bool = False
    max_bytes: int = MAX_BODY_BYTES
    #: Media types also accepted as the body itself (a file upload).
    raw_types: tuple[str, ...] = ()

    @abstractmethod
    def read(self, request, path: dict) -> dict:
        """The RPC's keyword arguments taken from the body."""


class Json(Body):
    """The body is a JSON object, passed whole as ``arg`` (``data``)."""

    def __init__(self, component: str, *, arg: str = "data", partial: bool = False, required: bool = True,
                 max_bytes: int = MAX_BODY_BYTES):
        self.component, self.arg, self.partial = component, arg, partial
        self.required, self.max_bytes = required, max_bytes

    def read(self, request, path: dict) -> dict:
        return {self.arg: read_json(request, required=self.required, max_bytes=self.max_bytes)}


class Fields(Body):
    """An optional JSON body of an action holding at most ``names`` (text or null), each passed by its name;
    another field, or a value that is not text, is a 422 naming it."""

    required = False

    def __init__(self, *names: str, component: str | None = None, required: bool = False):
        self.names, self.component, self.required = names, component, required

    def read(self, request, path: dict) -> dict:
        values = read_fields(request, *self.names)
        wrong = {name: "Harus teks." for name, value in values.items()
                 if value is not None and not isinstance(value, str)}
        if wrong:
            raise ValidationFailed("Data tidak valid.", wrong)
        return values


class Texts(Body):
    """A JSON body whose ``names`` are all required, non-empty text (login, a password change)."""

    def __init__(self, component: str, *names: str):
        self.component, self.names = component, names

    def read(self, request, path: dict) -> dict:
        return dict(zip(self.names, require_text(read_json(request), *self.names), strict=True))


class Upload(Body):
    """One file: JSON ``{filename, content_b64}`` (``component``) or the file itself as the body, of one of
    ``file_types`` (media type -> default extension) named by ``?filename=`` (``query``); passed as
    ``filename`` and ``content_b64``. ``stem`` (formatted with the path values) names a file sent without a
    name; ``what`` names the file in messages."""

    max_bytes = UPLOAD_BODY_BYTES

    def __init__(self, component: str, file_types: dict[str, str], query: Schema, stem: str, what: str):
        self.component, self.file_types, self.query, self.stem, self.what = component, file_types, query, stem, what
        self.raw_types = tuple(file_types)

    def read(self, request, path: dict) -> dict:
        filename, content_b64 = read_upload(request, self.file_types, self.query, self.stem.format(**path),
                                            self.what)
        return {"filename": filename, "content_b64": content_b64}


class NoBody(Body):
    """The route takes no body (an action without fields); any field sent is a 422 naming it."""

    required = False

    def read(self, request, path: dict) -> dict:
        read_fields(request)
        return {}


NO_BODY = NoBody()

# -- answers ----------------------------------------------------------------------------------------------


def items(answer, args: dict | None = None) -> dict:
    """A bare list wrapped as ``{items}``, so the resource can grow paging without breaking clients."""
    return {"items": answer}


#: Types an uploaded file is served as; any other stored type is served as ``application/octet-stream``.
SERVABLE_UPLOAD_TYPES = frozenset(uploads.CONTENT_TYPES[k] for k in (
    "jpeg", "png", "webp", "gif", "heic", "pdf", "xlsx", "docx", "text"))


def uploaded(found: dict, what: str) -> bool:
    """A file somebody uploaded (a travel attachment or receipt, a leave request's attachment): the services
    answer those with their checksum; the letters and recaps they render themselves come without one."""
    return what == "attachment" or "sha256" in found


def file_answer(what: str, default_type: str = "application/octet-stream", inline: bool = True,
                content_type: Callable[[dict, dict], str] | None = None) -> Callable:
    """A service's ``{filename, content_type, content_b64}`` answered as the file itself; ``content_type``
    may pick the type from (answer, arguments). An uploaded file (``uploaded``) is always a download
    (``Content-Disposition: attachment``, whatever ``inline`` says), of a type from ``SERVABLE_UPLOAD_TYPES``,
    under a safe ASCII name; every file answer carries ``X-Content-Type-Options: nosniff`` (``file_reply``)."""

    def answer(found: dict, args: dict) -> Reply:
        kind = content_type(found, args) if content_type else (found.get("content_type") or default_type)
        if not uploaded(found, what):
            return service_file(found, what, kind, inline=inline)
        kind = kind if kind in SERVABLE_UPLOAD_TYPES else "application/octet-stream"
        named = {**found, "filename": uploads.safe_filename(found.get("filename")), "content_type": kind}
        return service_file(named, what, kind, inline=False)

    return answer


def client_address(request) -> str | None:
    """The client's address as Traefik saw it: the last ``X-Forwarded-For`` entry (Traefik appends the peer it
    talked to; earlier entries are whatever the client claimed), else the peer itself."""
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    return (forwarded[-1] if forwarded else request.remote_addr) or None


# -- the row ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    method: str
    #: The Werkzeug rule under /api/v1, e.g. ``/travel/orders/<int:order_id>``.
    path: str
    #: The RPC method of the domain's service (None with a ``handler``).
    rpc: str | None
    summary: str
    tag: str
    #: The entrypoint's and the operation's name (default: the RPC method's).
    name: str | None = None
    response: str | None = None
    status: int = 200
    body: Body | None = None
    query: Schema | None = None
    #: The query string is a list's filters plus ``cursor`` and ``limit`` (``filters``/``cursor``/``limit``).
    paged: bool = False
    idempotent: bool = False
    #: ``/travel/orders/{id}``: a 201's ``Location``, formatted with the answer.
    location: str | None = None
    errors: tuple[int, ...] = ()
    public: bool = False
    description: str = ""
    #: The answer's shape before it is sent: ``items`` wraps a bare list; a ``(answer, args) -> Reply`` too.
    answer: Callable | None = None
    #: Answer status chosen from the answer (e.g. 200 for a replayed check-in instead of 201).
    status_of: Callable[[dict], int] | None = None
    headers: dict = field(default_factory=dict)
    #: Path values checked before the service is asked (``{"token": letter_token}`` raising NotFound).
    checks: dict = field(default_factory=dict)
    #: ``handler(service, request, **path)`` instead of the generic call.
    handler: Callable | None = None
    #: The RPC's keyword that receives the client's address as the edge saw it (``client_address``): the public
    #: forms' per-client limits (``client``), attendance's office networks, login's throttle (``client_address``).
    client_arg: str | None = None
    #: What the operation answers when it is not JSON (a PDF, a file of any type, an HTML page).
    content_type: str = "application/json"
    download: bool = False
    #: Calls another service (so 503/504 are possible); false for the gateway's own pages.
    backend: bool = True

    @property
    def operation_id(self) -> str:
        return self.name or self.rpc

    @property
    def url(self) -> str:
        return f"{V1}{self.path}"

    # -- running --------------------------------------------------------------------------------------
    def arguments(self, request, path: dict) -> dict:
        """The RPC's keyword arguments: path values, query parameters, body, idempotency key."""
        args = {name: self.checks[name](value) if name in self.checks else value for name, value in path.items()}
        if self.query is not None:
            args.update(page_args(self.query, request) if self.paged else jsonable(parse_query(self.query, request)))
        if self.body is not None:
            args.update(self.body.read(request, path))
        if self.idempotent:
            args["idempotency_key"] = idempotency_key(request)
        if self.client_arg:
            args[self.client_arg] = client_address(request)
        return args

    def call(self, service, proxy, request, path: dict):
        if self.handler is not None:
            return self.handler(service, request, **path)
        args = self.arguments(request, path)
        answer = getattr(proxy, self.rpc)(**args)
        return self.reply(answer, args)

    def reply(self, answer, args: dict):
        if self.answer is not None:
            shaped = self.answer(answer, args)
            if isinstance(shaped, Reply):
                return shaped
            answer = shaped
        status = self.status_of(answer) if self.status_of else self.status
        headers = dict(self.headers)
        if self.location and status == 201:
            headers["Location"] = V1 + self.location.format(**answer)
        return Reply(answer, status, headers or None)
