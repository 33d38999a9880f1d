"""The OpenAPI 3 document, generated from the routes and the Marshmallow schemas.

Paths come from the service's ``@api`` routes themselves (each carries an
``Operation``), so a route cannot exist undocumented; bodies come from
personnel's, travel's and attendance's contract schemas (``personnel.schemas``,
``travel.schemas``, ``attendance.schemas``, imported only when the document is
first built), the shapes of travel's and attendance's answers
(``gateway.travel_schemas``, ``gateway.attendance_schemas``) and the gateway's own
(``gateway.schemas``). The document is built once per process and served as
cached bytes.
"""
from __future__ import annotations

import importlib
import re
import threading
from dataclasses import dataclass

import orjson
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields

from . import schemas as own
from .problems import CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from .problems import TITLES

OPENAPI_VERSION = "3.0.3"
API_VERSION = "1.0.0"

#: Personnel's contract schemas the API uses (``personnel.schemas.SCHEMAS``), leaves first.
PERSONNEL_SCHEMAS = (
    "EmployeeOut", "EmployeeIn", "EmployeePage", "DeactivateIn",
    "OrgUnitOut", "OrgUnitIn", "OrgUnitDetailOut", "PositionOut", "PositionIn",
    "AccountOut", "AccountIn", "AccountUpdateIn", "AccountPage",
    "LoginIn", "RefreshIn", "ChangePasswordIn", "TokenOut", "MeOut",
)
#: travel's contract schemas the API uses (``travel.schemas.SCHEMAS``), leaves first.
TRAVEL_SCHEMAS = (
    "CostLineOut", "TravellerEstimateOut", "EstimateOut",
    "DestinationIn", "FollowerIn", "TravellerIn", "EstimateIn", "OrderIn",
    "NoteIn", "ReasonIn", "LegIn", "AttachmentIn", "ReportIn", "RealizationLineIn", "RealizeIn",
    "LevelRuleIn", "ApprovalRuleIn", "NumberTemplateIn", "RulesIn",
)
#: The gateway's own components.
GATEWAY_SCHEMAS = ("Problem", "RevokedOut", "ChangedOut", "Health")

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
    500: ("InternalError", "Kesalahan tak terduga; `request_id` adalah kode referensi di log."),
    503: ("ServiceUnavailable", "Layanan di belakang gateway tidak tersedia."),
    504: ("ServiceTimeout", "Layanan di belakang gateway tidak menjawab tepat waktu."),
}

TAGS = (
    ("Autentikasi", "Masuk, perpanjang token, keluar, ganti kata sandi, profil sendiri."),
    ("Pegawai", "Data pegawai (PNS, PPPK, non-ASN)."),
    ("Unit organisasi", "Biro, bagian, subbagian."),
    ("Jabatan", "Jabatan struktural, fungsional, pelaksana."),
    ("Akun", "Akun pengguna (khusus admin)."),
    ("Perjalanan dinas", "Surat Perintah Tugas (SPT) dan SPPD: pengajuan, persetujuan, penerbitan, laporan, "
                         "biaya riil, cetak PDF, tabel tarif, aturan, dan verifikasi surat (publik)."),
    ("Absensi", "Presensi pegawai non-ASN: absen masuk/pulang di area kantor, status harian, izin/sakit/cuti, "
                "koreksi jam, papan hari ini dan rekap bulanan (XLSX/PDF) untuk atasan, data pengaturan."),
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


@dataclass(frozen=True)
class Operation:
    """What the OpenAPI document says about one route."""

    summary: str
    tag: str
    response: str | None = None      # component name of the success body
    status: int = 200
    body: str | None = None          # component name of the request body
    body_required: bool = True
    query: type[Schema] | None = None
    errors: tuple[int, ...] = ()     # problem statuses beyond the ones every route of its kind has
    idempotent: bool = False         # honours the Idempotency-Key header
    location: bool = False           # 201 with a Location header
    backend: bool = True             # calls another service (so 503/504 are possible)
    content_type: str = "application/json"
    description: str = ""
    raw_bodies: tuple[str, ...] = ()  # media types also accepted as the body itself (a file upload)
    download: bool = False           # answers a file with Content-Disposition


#: Descriptions of the bodies of action routes (``read_fields(request, "note")`` / ``"reason"``).
NOTE_BODY = "Badan opsional: `{note}`."
REASON_BODY = "Badan: `{reason}` (wajib)."

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


def _list(item: type[Schema]) -> type[Schema]:
    return Schema.from_dict({"items": fields.List(fields.Nested(item), required=True)})


def register_schemas(spec: APISpec) -> None:
    """Personnel's contract schemas under their contract names, then the gateway's own."""
    contract = importlib.import_module("personnel.schemas")
    found = {name: contract.SCHEMAS[name] for name in PERSONNEL_SCHEMAS}
    for name, schema in found.items():
        spec.components.schema(name, schema=schema)
    # A PATCH body: the same fields as creating, none required.
    spec.components.schema("EmployeePatch", schema=found["EmployeeIn"](partial=True))
    spec.components.schema("OrgUnitPatch", schema=found["OrgUnitIn"](partial=True))
    # The gateway wraps flat lists in an object, like the paged ones.
    spec.components.schema("OrgUnitList", schema=_list(found["OrgUnitOut"]))
    spec.components.schema("PositionList", schema=_list(found["PositionOut"]))
    travel = importlib.import_module("travel.schemas")
    for name in TRAVEL_SCHEMAS:
        spec.components.schema(name, schema=travel.SCHEMAS[name])
    spec.components.schema("OrderPatch", schema=travel.SCHEMAS["OrderIn"](partial=True))
    answers = importlib.import_module("gateway.travel_schemas")
    for name, schema in answers.SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    attendance = importlib.import_module("attendance.schemas")
    shapes = importlib.import_module("gateway.attendance_schemas")
    for name, contract_name in shapes.CONTRACT.items():
        spec.components.schema(name, schema=attendance.SCHEMAS[contract_name])
    spec.components.schema("LocationPatch", schema=attendance.SCHEMAS["LocationIn"](partial=True))
    for name, schema in shapes.SCHEMAS.items():
        spec.components.schema(name, schema=schema)
    for name in GATEWAY_SCHEMAS:
        spec.components.schema(name, schema=getattr(own, name))


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
        if status == 423:
            headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Detik sampai boleh mencoba lagi."}
        spec.components.response(name, {
            "description": f"{TITLES[status]} {description}",
            "headers": headers,
            "content": {PROBLEM_CONTENT_TYPE: {"schema": _ref("Problem")}},
        })


def operation_spec(name: str, url: str, public: bool, op: Operation) -> tuple[str, dict]:
    path, params = openapi_path(url)
    parameters: list = list(params) + ["X-Request-Id"]
    if op.idempotent:
        parameters.append("Idempotency-Key")
    if op.query is not None:
        parameters.append({"in": "query", "schema": op.query})
    success: dict = {
        "description": op.summary,
        "headers": {"X-Request-Id": "X-Request-Id"},
    }
    if op.location:
        success["headers"]["Location"] = {"schema": {"type": "string"}, "description": "Alamat data baru."}
    if op.download:
        success["headers"]["Content-Disposition"] = {
            "schema": {"type": "string"}, "description": 'Nama berkas, mis. `inline; filename="SPT_....pdf"`.'}
    if op.response:
        success["content"] = {op.content_type: {"schema": _ref(op.response)}}
    elif op.content_type.endswith("json"):
        success["content"] = {op.content_type: {"schema": {"type": "object"}}}
    elif op.content_type.startswith("text/"):
        success["content"] = {op.content_type: {"schema": {"type": "string"}}}
    else:
        success["content"] = {op.content_type: {"schema": {"type": "string", "format": "binary"}}}
    statuses = set(op.errors) | {500}
    if not public:
        statuses.add(401)
    if op.body:
        statuses |= {400, 413, 422}
    if op.raw_bodies:
        statuses.add(415)
    if params:
        statuses.add(404)
    if op.query is not None:
        statuses.add(422)
    if op.backend:
        statuses |= {503, 504}
    responses = {str(op.status): success}
    for status in sorted(statuses):
        responses[str(status)] = PROBLEM_RESPONSES[status][0]
    operation = {
        "operationId": name,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": parameters,
        "responses": responses,
        "security": [] if public else [{"bearer": []}],
    }
    if op.description:
        operation["description"] = op.description
    if op.body:
        content = {"application/json": {"schema": _ref(op.body)}}
        for media_type in op.raw_bodies:
            content[media_type] = {"schema": {"type": "string", "format": "binary"}}
        operation["requestBody"] = {"required": op.body_required, "content": content}
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


def build_spec(service_cls) -> dict:
    spec = APISpec(
        title="SITU OK API", version=API_VERSION, openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION},
        servers=[{"url": "/", "description": "Gateway ini"}],
        tags=[{"name": name, "description": description} for name, description in TAGS],
    )
    register_common(spec)
    register_schemas(spec)
    operations: dict[str, dict] = {}
    for name, method, url, entrypoint in api_routes(service_cls):
        path, operation = operation_spec(name, url, entrypoint.public, entrypoint.doc)
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
