"""The JSON API's entrypoint: the kit's HTTP edge (``situok_kit.edge``) answering JSON and problem documents.

``ApiHandler`` is ``EdgeHandler`` (request ids, 503 while a dependency is unreachable, a 500 naming only a
reference) that turns the worker's result — a ``Reply``, or a ``DomainError`` the route returned — into a
JSON or ``application/problem+json`` response, and carries the route's ``public``/``doc`` metadata, from
which ``gateway.openapi`` builds the document.

Routes are declared with ``@api(method, url, doc=...)`` (the domains' tables do it for every row), which
also authenticates the caller (``self.auth``) unless the route is ``public``.
"""
from __future__ import annotations

import base64
import functools
import logging
import re
from urllib.parse import quote

import orjson
from nameko.web.handlers import HttpRequestHandler
from situok_kit.edge import REQUEST_ID_HEADER, EdgeHandler, limit_body
from situok_kit.errors import (
    BadRequest,
    DomainError,
    MethodNotAllowed,
    NotFound,
    UnsupportedMediaType,
    ValidationFailed,
)
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Response

from .problems import CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from .problems import Problem, problem_of
from .queries import parse_query

log = logging.getLogger("situok.gateway")

JSON_CONTENT_TYPE = "application/json"
ALL_METHODS = "GET,POST,PUT,PATCH,DELETE,OPTIONS"
V1 = "/api/v1"
#: The largest request body read; every resource of the API is far smaller.
MAX_BODY_BYTES = 1024 * 1024
#: The limit of the few routes that carry files (trip report attachments, receipts, rate tables):
#: one 5 MB file in base64 (≈ 6.7 MB) fits.
UPLOAD_BODY_BYTES = 8 * 1024 * 1024


class Reply:
    """A successful response: a JSON-able ``body`` (or ``bytes``/``str`` with its ``content_type``)."""

    __slots__ = ("body", "status", "headers", "content_type")

    def __init__(self, body, status: int = 200, headers: dict | None = None,
                 content_type: str = JSON_CONTENT_TYPE):
        self.body = body
        self.status = status
        self.headers = headers
        self.content_type = content_type


def created(body, location: str) -> Reply:
    return Reply(body, 201, {"Location": location})


def from_nameko(result: tuple) -> Reply:
    """A plain Nameko ``(status, headers, body)`` result (e.g. the kit's health checks) as a ``Reply``."""
    status, headers, body = result
    return Reply(body, status, content_type=headers.get("Content-Type", JSON_CONTENT_TYPE))


def json_response(body, status: int, headers: dict | None, request_id: str | None,
                  content_type: str = JSON_CONTENT_TYPE) -> Response:
    if isinstance(body, (bytes, str)):
        data = body
    else:
        data = orjson.dumps(body)
    response = Response(data, status=status, headers=headers, content_type=content_type)
    if request_id:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def problem_response(problem: Problem, request_id: str | None, instance: str | None) -> Response:
    return json_response(problem.document(request_id, instance), problem.status, problem.headers,
                         request_id, PROBLEM_CONTENT_TYPE)


class ApiHandler(EdgeHandler):
    """``@http`` entrypoint of the JSON API (see module doc)."""

    def __init__(self, method, url, *, public: bool = False, doc=None, **kwargs):
        self.public = public
        self.doc = doc
        super().__init__(method, url, **kwargs)

    def respond(self, result, request, request_id: str):
        if isinstance(result, Reply):
            return json_response(result.body, result.status, result.headers, request_id, result.content_type)
        if isinstance(result, Response):
            return result
        return self.fail(result, request, request_id, request_id)  # a DomainError the route returned

    def render(self, failure, request, request_id: str | None):
        return problem_response(problem_of(failure), request_id, request.path)


def api(method: str, url: str, *, public: bool = False, doc=None):
    """Declare a JSON API route on a service method ``fn(self, request, **path_values)``.

    Unless ``public``, the caller must present a valid bearer token: ``self.auth``
    verifies it and puts the identity into the worker context before ``fn`` runs.
    ``fn`` returns a ``Reply`` (or a JSON-able value for 200); a ``DomainError``
    it raises is returned to the entrypoint as the problem to answer with, so
    expected errors are not logged as crashes.
    """

    def decorator(fn):
        @functools.wraps(fn)
        def route(self, request, **path_values):
            try:
                if not public:
                    self.auth.authenticate(request)
                result = fn(self, request, **path_values)
            except DomainError as exc:
                return exc
            return result if isinstance(result, (Reply, Response)) else Reply(result)

        return ApiHandler.decorator(method, url, public=public, doc=doc)(route)

    return decorator


def read_body(request, max_bytes: int = MAX_BODY_BYTES) -> bytes:
    """The raw request body; a body over ``max_bytes`` is a 413 and is not read."""
    return limit_body(request, max_bytes)


def is_json(request) -> bool:
    mimetype = request.mimetype
    return mimetype == JSON_CONTENT_TYPE or mimetype.endswith("+json")


def read_json(request, required: bool = True, max_bytes: int = MAX_BODY_BYTES) -> dict:
    """The request body as a JSON object; 400 naming the problem otherwise.

    With ``required=False`` an empty body reads as ``{}`` (actions whose body is optional).
    A body over ``max_bytes`` (1 MiB unless the route carries files) is a 413 and is not read.
    """
    data = read_body(request, max_bytes)
    if not data.strip():
        if required:
            raise BadRequest("Badan permintaan kosong; kirim objek JSON.", {"body": "Wajib diisi."})
        return {}
    if not is_json(request):
        raise BadRequest(
            f"Content-Type harus {JSON_CONTENT_TYPE}, bukan {request.mimetype or '(kosong)'}.",
            {"content_type": f"Gunakan {JSON_CONTENT_TYPE}."},
        )
    try:
        body = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"JSON tidak valid: {exc}", {"body": "JSON tidak valid."})
    if not isinstance(body, dict):
        raise BadRequest("Badan permintaan harus berupa objek JSON.", {"body": "Harus objek JSON."})
    return body


def read_fields(request, *names: str) -> dict:
    """An optional JSON body of an action holding at most ``names``: those present; 422 naming any other."""
    body = read_json(request, required=False)
    unknown = {key: "Kolom tidak dikenal." for key in body if key not in names}
    if unknown:
        raise ValidationFailed("Data tidak valid.", unknown)
    return {name: body[name] for name in names if name in body}


def require_text(body: dict, *names: str) -> list[str]:
    """The non-empty string values of ``names`` in ``body``; 422 naming each one missing or not text."""
    errors = {}
    values = []
    for name in names:
        value = body.get(name)
        if value is None or value == "":
            errors[name] = "Wajib diisi."
        elif not isinstance(value, str):
            errors[name] = "Harus teks."
        values.append(value)
    if errors:
        raise ValidationFailed("Data tidak valid.", errors)
    return values


def idempotency_key(request) -> str | None:
    """The ``Idempotency-Key`` header, passed to creating commands as ``idempotency_key``."""
    value = request.headers.get("Idempotency-Key")
    return value.strip() if value and value.strip() else None


# -- files -----------------------------------------------------------------------

_UNSAFE_FILENAME = re.compile(r'[^A-Za-z0-9._ ()+-]+')


def content_disposition(filename: str | None, inline: bool = True, fallback: str = "berkas") -> str:
    """``inline``/``attachment`` with a quoted ASCII ``filename`` (and RFC 5987 ``filename*`` when the name
    has other characters), never letting quotes, slashes or line breaks of a stored name through."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    ascii_name = _UNSAFE_FILENAME.sub("_", name).strip("._ ") or fallback
    value = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if name and ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def file_reply(name: str | None, content: bytes, content_type: str, inline: bool = True) -> Reply:
    """A file answered as itself (not JSON): its type, ``Content-Disposition``, never cached by proxies."""
    return Reply(content, content_type=content_type or "application/octet-stream", headers={
        "Content-Disposition": content_disposition(name, inline),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    })


def decode_b64(value, what: str = "berkas") -> bytes:
    """The bytes of base64 text a service answered with (a malformed answer is a 500, not a client error)."""
    if not isinstance(value, str):
        raise ValueError(f"{what}: content_b64 missing from the service's answer")
    return base64.b64decode(value, validate=True)


def service_file(found: dict, what: str, default_type: str = "application/octet-stream",
                 inline: bool = True) -> Reply:
    """A service's ``{filename, content_type, content_b64}`` answered as the file itself (``file_reply``)."""
    return file_reply(found.get("filename"), decode_b64(found.get("content_b64"), what),
                      found.get("content_type") or default_type, inline)


def read_upload(request, file_types: dict[str, str], query, default_stem: str, what: str) -> tuple[str, str]:
    """(filename, content_b64) of a route taking one file, up to ``UPLOAD_BODY_BYTES``: JSON
    ``{filename, content_b64}``, or the file itself as the body, of one of ``file_types`` (media type -> default
    extension), named by ``?filename=`` (read by ``query``; else ``default_stem`` plus the extension).
    Any other Content-Type is a 415, an empty file a 400; ``what`` names the file in those messages."""
    if is_json(request):
        return tuple(require_text(read_json(request, max_bytes=UPLOAD_BODY_BYTES), "filename", "content_b64"))
    mimetype = request.mimetype
    if mimetype not in file_types:
        accepted = [JSON_CONTENT_TYPE, *file_types]
        raise UnsupportedMediaType(
            f"Content-Type {mimetype or '(kosong)'} tidak diterima untuk {what}.",
            {"content_type": f"Gunakan {', '.join(accepted[:-1])} atau {accepted[-1]}."})
    filename = parse_query(query, request).get("filename") or f"{default_stem}{file_types[mimetype]}"
    content = read_body(request, UPLOAD_BODY_BYTES)
    if not content:
        raise BadRequest(f"Badan permintaan kosong; kirim {what}.", {"body": "Wajib diisi."})
    return filename, base64.b64encode(content).decode()


# -- requests no route matched -------------------------------------------------

class FallbackHandler(ApiHandler):
    """Catches what no route matched, so unknown paths and wrong methods get problem documents."""


_route_maps: dict = {}


def route_map(service_cls) -> Map:
    """Every real route of ``service_cls`` (the fallback excluded), to tell 404 from 405."""
    routes = _route_maps.get(service_cls)
    if routes is None:
        rules = []
        for klass in service_cls.__mro__:
            for attr in vars(klass).values():
                for entrypoint in getattr(attr, "nameko_entrypoints", ()):
                    if isinstance(entrypoint, HttpRequestHandler) and not isinstance(entrypoint, FallbackHandler):
                        rules.append(Rule(entrypoint.url, methods=entrypoint.method.split(",")))
        routes = _route_maps[service_cls] = Map(rules)
    return routes


def route_miss(service_cls, request):
    """404 for an unknown path; 405 (or, for OPTIONS, 204) with ``Allow`` for a known one."""
    allowed = route_map(service_cls).bind("localhost").allowed_methods(request.path)
    if not allowed:
        return NotFound(f"Alamat {request.path} tidak dikenal.")
    allow = ", ".join(sorted(allowed))
    if request.method == "OPTIONS":
        return Reply(b"", 204, {"Allow": allow})
    return MethodNotAllowed(f"Metode {request.method} tidak tersedia untuk {request.path}.",
                            extra={"allow": sorted(allowed)})
