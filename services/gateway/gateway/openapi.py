"""The OpenAPI 3 document, generated from the domains' route tables and the services' own schemas.

Paths come from the entrypoints themselves (each carries its ``Route``), so a route cannot exist undocumented;
tags and components come from the registry of domains (``gateway.domains``): each domain's tags, and every
schema its service's contract module lists in ``SCHEMAS`` under that name — the same schemas the service
answers with, so the document describes what the services really send. Derived components (a PATCH body with
no field required, a bare list wrapped in ``{items}``) are made from them; the gateway's own (the problem
document, health) come from ``gateway.schemas``. Built once per process and served as cached bytes.
"""
from __future__ import annotations

import importlib
import re
import threading

import orjson
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields

from . import schemas as own
from .problems import CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from .problems import TITLES

OPENAPI_VERSION = "3.0.3"
API_VERSION = "1.0.0"

#: The gateway's own components.
GATEWAY_SCHEMAS = ("Problem", "Health")

#: Problem responses by status: (component name, description).
PROBLEM_RESPONSES = {
    400: ("BadRequest", "Permintaan tidak valid: JSON rusak, Content-Type salah, atau badan bukan objek."),
    401: ("Unauthorized", "Token tidak ada, tidak valid, kedaluwarsa, atau sesinya sudah dicabut."),
    403: ("Forbidden", "Peran pemanggil tidak berwenang untuk tindakan ini."),
    404: ("NotFound", "Data tidak ada atau tidak boleh dilihat pemanggil."),
    405: ("MethodNotAllowed", "Metode tidak tersedia untuk alamat ini (lihat header Allow)."),
    409: ("Conflict", "Bertentangan dengan data yang ada (mis. Idempotency-Key dipakai untuk isi lain)."),
    413: ("PayloadTooLarge", "Badan permintaan lebih dari 1 MiB (8 MiB untuk rute yang membawa berkas)."),
    415: ("UnsupportedMediaType", "Jenis isi (Content-Type) badan permintaan tidak diterima rute ini."),
    422: ("ValidationFailed", "Data atau parameter tidak valid; `fields` menyebut tiap masalah."),
    423: ("AccountLocked", "Akun terkunci karena terlalu banyak gagal masuk (lihat Retry-After)."),
    429: ("TooManyRequests", "Terlalu banyak permintaan dari klien ini; coba lagi setelah Retry-After."),
    500: ("InternalError", "Kesalahan tak terduga; `request_id` adalah kode referensi di log."),
    503: ("ServiceUnavailable", "Layanan di belakang gateway tidak tersedia."),
    504: ("ServiceTimeout", "Layanan di belakang gateway tidak menjawab tepat waktu."),
}

#: Tags of the gateway's own routes, after every domain's.
OWN_TAGS = (
    ("Dokumentasi", "Dokumen OpenAPI ini dan halaman penjelajahnya."),
    ("Operasional", "Probe kesehatan untuk orkestrator dan Traefik."),
)

DESCRIPTION = """\
API JSON SITU OK untuk aplikasi klien. Semua waktu ISO 8601 dengan offset, tanggal
`YYYY-MM-DD`, uang dalam rupiah bulat, nama kolom snake_case.

* **Autentikasi**: `POST /api/v1/auth/login` memberi `access_token`; kirim sebagai
  `Authorization: Bearer <token>`.
* **Kesalahan**: selalu `application/problem+json` dengan `type`, `title`, `status`,
  `detail`, `fields` (per kolom), `instance`, `request_id`.
* **X-Request-Id**: dikirim balik di setiap jawaban; kirim sendiri untuk menelusuri permintaan.
* **Idempotency-Key**: perintah pembuatan (`POST` yang membuat data) yang diulang dengan kunci
  yang sama memberi hasil pertama; kunci sama dengan isi berbeda: 409.
* **Daftar panjang**: `{items, next_cursor}`; kirim `cursor=<next_cursor>` untuk halaman berikutnya.
* **Berkas**: lampiran dan bukti dikirim di dalam JSON sebagai base64 (`content_b64`); badan permintaan
  paling besar 1 MiB, 8 MiB untuk rute yang membawa berkas. Cetakan PDF dan lampiran dijawab sebagai
  berkasnya sendiri (bukan JSON) dengan `Content-Disposition`.
"""


_RULE_PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def openapi_path(rule: str) -> tuple[str, list[dict]]:
    """A Werkzeug rule as an OpenAPI path plus its path parameters."""
    params = []

    def replace(match):
        converter, name = match.group(1) or "string", match.group(2)
        schema = {"type": "integer", "minimum": 0} if converter == "int" else {"type": "string"}
        if converter == "any":  # <any(a, b):name>
            schema["enum"] = [choice.strip() for choice in match.group(0).split("(", 1)[1].split(")")[0].split(",")]
        params.append({"in": "path", "name": name, "required": True, "schema": schema})
        return "{" + name + "}"

    return _RULE_PART.sub(replace, rule), params


def api_routes(service_cls):
    """``(method_name, http_method, url, entrypoint)`` of each documented route, in definition order."""
    from .http import ApiHandler

    seen = set()
    for klass in reversed(service_cls.__mro__):
        for name, attr in vars(klass).items():
            for entrypoint in getattr(attr, "nameko_entrypoints", ()):
                if isinstance(entrypoint, ApiHandler) and entrypoint.doc is not None:
                    for method in entrypoint.method.split(","):
                        key = (method, entrypoint.url)
                        if key not in seen:
                            seen.add(key)
                            yield name, method, entrypoint.url, entrypoint


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def patch_name(component: str) -> str:
    """``EmployeeIn`` -> ``EmployeePatch``: the same body with no field required."""
    return component.removesuffix("In") + "Patch"


def list_name(component: str) -> str:
    """``OrgUnitOut`` -> ``OrgUnitList``: a bare list answered as ``{items}``."""
    return component.removesuffix("Out") + "List"


def response_component(route) -> str | None:
    from .routes import items

    if route.response and route.answer is items:
        return list_name(route.response)
    return route.response


def body_component(route) -> str | None:
    body = route.body
    if body is None or body.component is None:
        return None
    return patch_name(body.component) if body.partial else body.component


def register_schemas(spec: APISpec, registry) -> None:
    """Every domain's contract schemas under their contract names, the components derived from them, then
    the gateway's own. Two services naming different schemas alike is an error, not a silent overwrite."""
    found: dict[str, type[Schema]] = {}
    for domain in registry:
        contract = importlib.import_module(domain.schemas)
        for name, schema in contract.SCHEMAS.items():
            if name in found and found[name] is not schema:
                raise ValueError(f"component {name} is declared by two services ({domain.schemas})")
            found[name] = schema
    for name in GATEWAY_SCHEMAS:
        found[name] = getattr(own, name)
    for name, schema in found.items():
        spec.components.schema(name, schema=schema)
    for domain in registry:
        for route in domain.routes:
            _register_derived(spec, found, route)


def _register_derived(spec: APISpec, found: dict, route) -> None:
    schemas = spec.components.schemas
    body = route.body
    if body is not None and body.component and body.partial and patch_name(body.component) not in schemas:
        spec.components.schema(patch_name(body.component), schema=found[body.component](partial=True))
    name = response_component(route)
    if name and name != route.response and name not in schemas:
        item = found[route.response]
        spec.components.schema(name, schema=Schema.from_dict(
            {"items": fields.List(fields.Nested(item), required=True)}, name=name))


def register_common(spec: APISpec) -> None:
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    spec.components.header("X-Request-Id", {
        "description": "Id permintaan: milik pemanggil bila dikirim, selain itu call id Nameko.",
        "schema": {"type": "string"},
    })
    spec.components.parameter("X-Request-Id", "header", {
        "name": "X-Request-Id", "required": False, "schema": {"type": "string", "maxLength": 128},
        "description": "Id untuk menelusuri permintaan di log semua layanan (huruf, angka, . _ : -).",
    })
    spec.components.parameter("Idempotency-Key", "header", {
        "name": "Idempotency-Key", "required": False, "schema": {"type": "string", "maxLength": 200},
        "description": "Permintaan yang diulang dengan kunci yang sama memberi hasil pertama.",
    })
    for status, (name, description) in PROBLEM_RESPONSES.items():
        headers = {"X-Request-Id": "X-Request-Id"}
        if status == 401:
            headers["WWW-Authenticate"] = {"schema": {"type": "string"}, "description": 'Bearer realm="situok"'}
        if status == 405:
            headers["Allow"] = {"schema": {"type": "string"}, "description": "Metode yang tersedia."}
        if status in (423, 429):
            headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Detik sampai boleh mencoba lagi."}
        spec.components.response(name, {
            "description": f"{TITLES[status]} {description}",
            "headers": headers,
            "content": {PROBLEM_CONTENT_TYPE: {"schema": _ref("Problem")}},
        })


def operation_spec(route) -> tuple[str, dict]:
    """The path and the operation object of one route (``gateway.routes.Route``)."""
    path, params = openapi_path(route.url)
    parameters: list = list(params) + ["X-Request-Id"]
    if route.idempotent:
        parameters.append("Idempotency-Key")
    query = route.query if route.query is not None else getattr(route.body, "query", None)
    if query is not None:
        parameters.append({"in": "query", "schema": query})
    success: dict = {"description": route.summary, "headers": {"X-Request-Id": "X-Request-Id"}}
    if route.location:
        success["headers"]["Location"] = {"schema": {"type": "string"}, "description": "Alamat data baru."}
    if route.download:
        success["headers"]["Content-Disposition"] = {
            "schema": {"type": "string"}, "description": 'Nama berkas, mis. `inline; filename="SPT_....pdf"`.'}
    response = response_component(route)
    if response:
        success["content"] = {route.content_type: {"schema": _ref(response)}}
    elif route.content_type.endswith("json"):
        success["content"] = {route.content_type: {"schema": {"type": "object"}}}
    elif route.content_type.startswith("text/"):
        success["content"] = {route.content_type: {"schema": {"type": "string"}}}
    else:
        success["content"] = {route.content_type: {"schema": {"type": "string", "format": "binary"}}}
    body = body_component(route)
    raw_types = route.body.raw_types if route.body is not None else ()
    statuses = set(route.errors) | {500}
    if not route.public:
        statuses.add(401)
    if body:
        statuses |= {400, 413, 422}
    if raw_types:
        statuses.add(415)
    if params:
        statuses.add(404)
    if query is not None:
        statuses.add(422)
    if route.backend:
        statuses |= {503, 504}
    responses = {str(route.status): success}
    for status in sorted(statuses):
        responses[str(status)] = PROBLEM_RESPONSES[status][0]
    operation = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.tag],
        "parameters": parameters,
        "responses": responses,
        "security": [] if route.public else [{"bearer": []}],
    }
    if route.description:
        operation["description"] = route.description
    if body:
        content = {"application/json": {"schema": _ref(body)}}
        for media_type in raw_types:
            content[media_type] = {"schema": {"type": "string", "format": "binary"}}
        operation["requestBody"] = {"required": route.body.required, "content": content}
    return path, operation


def health_paths() -> dict:
    def probe(summary: str, ready: bool) -> dict:
        responses = {"200": {"description": "Sehat.", "content": {"application/json": {"schema": _ref("Health")}}}}
        if ready:
            responses["503"] = {"description": "Belum siap (broker tidak terjangkau).",
                                "content": {"application/json": {"schema": _ref("Health")}}}
        return {"get": {"operationId": "health_ready" if ready else "health_live", "summary": summary,
                        "tags": ["Operasional"], "security": [], "responses": responses}}

    return {"/health/live": probe("Proses hidup.", False), "/health/ready": probe("Siap melayani.", True)}


def build_spec(service_cls, registry=None) -> dict:
    from .domains import domains

    registry = domains() if registry is None else registry
    tags = [(tag.name, tag.description) for domain in registry for tag in domain.tags] + list(OWN_TAGS)
    spec = APISpec(
        title="SITU OK API", version=API_VERSION, openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION},
        servers=[{"url": "/", "description": "Gateway ini"}],
        tags=[{"name": name, "description": description} for name, description in tags],
    )
    register_common(spec)
    register_schemas(spec, registry)
    operations: dict[str, dict] = {}
    for _name, method, _url, entrypoint in api_routes(service_cls):
        path, operation = operation_spec(entrypoint.doc)
        operations.setdefault(path, {})[method.lower()] = operation
    for path, ops in operations.items():
        spec.path(path=path, operations=ops)
    for path, ops in health_paths().items():
        spec.path(path=path, operations=ops)
    return spec.to_dict()


_cache: dict = {}
_cache_lock = threading.Lock()


def spec_json(service_cls) -> bytes:
    """The document as JSON bytes, built on first use and cached for the process."""
    data = _cache.get(service_cls)
    if data is None:
        with _cache_lock:
            data = _cache.get(service_cls)
            if data is None:
                data = _cache[service_cls] = orjson.dumps(build_spec(service_cls))
    return data
