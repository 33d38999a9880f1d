"""The gateway: SITU OK's JSON API (``/api/v1``) for client apps.

Thin by design: each route reads the request (``gateway.http``,
``gateway.queries``), calls personnel (or travel and attendance: the routes of
``gateway.travel_routes`` and ``gateway.attendance_routes``, mixins) over RPC with the caller's identity in
context, and returns the answer. Authentication, problem documents and
request ids live in ``gateway.http``/``gateway.auth``; the OpenAPI document is
generated from these routes (``gateway.openapi``).
"""
from __future__ import annotations

from situok_kit import codec
from situok_kit.authn import RevokedSessionsConsumer
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.health import HealthMixin
from situok_kit.logs import CallIdLogging
from situok_kit.rpc import TimedRpcProxy

from . import docs
from .attendance_routes import AttendanceRoutes
from .auth import Authenticator
from .http import (
    ALL_METHODS,
    V1,
    FallbackHandler,
    Reply,
    api,
    created,
    from_nameko,
    idempotency_key,
    read_json,
    require_text,
    route_miss,
)
from .openapi import Operation, spec_json
from .queries import (
    ACCOUNT_QUERY,
    EMPLOYEE_QUERY,
    POSITION_QUERY,
    AccountQuery,
    EmployeeQuery,
    PositionQuery,
    page_args,
    parse_query,
    split_paging,
)
from .travel_routes import TravelRoutes

codec.install()  # replies of a page of employees decode several times faster (also done by the launcher)

AUTH, EMPLOYEES, UNITS, POSITIONS, ACCOUNTS, DOCS = (
    "Autentikasi", "Pegawai", "Unit organisasi", "Jabatan", "Akun", "Dokumentasi")


class GatewayService(HealthMixin, RevokedSessionsConsumer, TravelRoutes, AttendanceRoutes):
    name = "gateway"

    personnel = TimedRpcProxy("personnel")
    auth = Authenticator(warm_from="personnel")
    call_ids = CallIdLogging()

    # -- authentication ----------------------------------------------------

    @api("POST", f"{V1}/auth/login", public=True, doc=Operation(
        "Masuk dengan nama pengguna dan kata sandi", AUTH, response="TokenOut", body="LoginIn", errors=(401, 423),
        description="Nama pengguna atau kata sandi yang salah memberi pesan yang sama. Setelah beberapa kali "
                    "gagal akun dikunci sementara: 423 dengan Retry-After."))
    def login(self, request):
        username, password = require_text(read_json(request), "username", "password")
        return self.personnel.login(username, password)

    @api("POST", f"{V1}/auth/refresh", public=True, doc=Operation(
        "Tukar refresh token dengan token baru", AUTH, response="TokenOut", body="RefreshIn", errors=(401,),
        description="Refresh token lama tidak berlaku lagi setelah dipakai."))
    def refresh(self, request):
        (refresh_token,) = require_text(read_json(request), "refresh_token")
        return self.personnel.refresh(refresh_token)

    @api("POST", f"{V1}/auth/logout", doc=Operation(
        "Keluar: cabut sesi ini", AUTH, response="RevokedOut",
        description="Refresh token sesi ini dan semua access token-nya berhenti berlaku."))
    def logout(self, request):
        result = self.personnel.logout()
        self.auth.revoke_current()
        return result

    @api("POST", f"{V1}/auth/password", doc=Operation(
        "Ganti kata sandi", AUTH, response="ChangedOut", body="ChangePasswordIn",
        description="Minimal 10 karakter, huruf dan angka. Sesi lain akun ini dicabut."))
    def change_password(self, request):
        old_password, new_password = require_text(read_json(request), "old_password", "new_password")
        return self.personnel.change_password(old_password, new_password)

    @api("GET", f"{V1}/me", doc=Operation("Akun dan data pegawai pemanggil", AUTH, response="MeOut"))
    def me(self, request):
        return self.personnel.me()

    # -- employees -----------------------------------------------------------

    @api("GET", f"{V1}/employees", doc=Operation(
        "Daftar pegawai", EMPLOYEES, response="EmployeePage", query=EmployeeQuery,
        description="Urut nama; hanya pegawai yang boleh dilihat pemanggil."))
    def list_employees(self, request):
        return self.personnel.list_employees(**page_args(EMPLOYEE_QUERY, request))

    @api("POST", f"{V1}/employees", doc=Operation(
        "Tambah pegawai", EMPLOYEES, response="EmployeeOut", status=201, body="EmployeeIn", errors=(403, 409),
        idempotent=True, location=True))
    def create_employee(self, request):
        employee = self.personnel.create_employee(read_json(request), idempotency_key=idempotency_key(request))
        return created(employee, f"{V1}/employees/{employee['id']}")

    @api("GET", f"{V1}/employees/<int:employee_id>", doc=Operation(
        "Data satu pegawai", EMPLOYEES, response="EmployeeOut", errors=(404,)))
    def get_employee(self, request, employee_id):
        return self.personnel.get_employee(employee_id)

    @api("PATCH", f"{V1}/employees/<int:employee_id>", doc=Operation(
        "Ubah data pegawai", EMPLOYEES, response="EmployeeOut", body="EmployeePatch", errors=(403, 404, 409),
        description="Hanya kolom yang dikirim yang berubah."))
    def update_employee(self, request, employee_id):
        return self.personnel.update_employee(employee_id, read_json(request))

    @api("POST", f"{V1}/employees/<int:employee_id>/deactivate", doc=Operation(
        "Nonaktifkan pegawai", EMPLOYEES, response="EmployeeOut", body="DeactivateIn", body_required=False,
        errors=(403, 404), description="Akun pegawai ikut dinonaktifkan dan sesinya dicabut."))
    def deactivate_employee(self, request, employee_id):
        reason = read_json(request, required=False).get("reason")
        if reason is not None and not isinstance(reason, str):
            raise ValidationFailed("Data tidak valid.", {"reason": "Harus teks."})
        return self.personnel.deactivate_employee(employee_id, reason=reason)

    # -- org units and positions -------------------------------------------------

    @api("GET", f"{V1}/org-units", doc=Operation(
        "Daftar unit organisasi", UNITS, response="OrgUnitList", description="Datar, urut menurut pohon."))
    def list_org_units(self, request):
        return {"items": self.personnel.list_org_units()}

    @api("POST", f"{V1}/org-units", doc=Operation(
        "Tambah unit organisasi", UNITS, response="OrgUnitOut", status=201, body="OrgUnitIn", errors=(403, 409),
        idempotent=True, location=True,
        description="Biro tanpa induk, bagian di bawah biro, subbagian di bawah bagian."))
    def create_org_unit(self, request):
        unit = self.personnel.create_org_unit(read_json(request), idempotency_key=idempotency_key(request))
        return created(unit, f"{V1}/org-units/{unit['id']}")

    @api("GET", f"{V1}/org-units/<int:unit_id>", doc=Operation(
        "Data satu unit beserta sub-unitnya", UNITS, response="OrgUnitDetailOut", errors=(404,)))
    def get_org_unit(self, request, unit_id):
        return self.personnel.get_org_unit(unit_id)

    @api("PATCH", f"{V1}/org-units/<int:unit_id>", doc=Operation(
        "Ubah unit organisasi", UNITS, response="OrgUnitOut", body="OrgUnitPatch", errors=(403, 404, 409)))
    def update_org_unit(self, request, unit_id):
        return self.personnel.update_org_unit(unit_id, read_json(request))

    @api("GET", f"{V1}/positions", doc=Operation(
        "Daftar jabatan", POSITIONS, response="PositionList", query=PositionQuery))
    def list_positions(self, request):
        return {"items": self.personnel.list_positions(unit_id=parse_query(POSITION_QUERY, request).get("unit_id"))}

    @api("POST", f"{V1}/positions", doc=Operation(
        "Tambah jabatan", POSITIONS, response="PositionOut", status=201, body="PositionIn", errors=(403, 409),
        idempotent=True, description="Satu jabatan kepala (struktural) per unit."))
    def create_position(self, request):
        return Reply(self.personnel.create_position(read_json(request), idempotency_key=idempotency_key(request)), 201)

    # -- accounts (admin) ----------------------------------------------------------

    @api("GET", f"{V1}/accounts", doc=Operation(
        "Daftar akun", ACCOUNTS, response="AccountPage", query=AccountQuery, errors=(403,)))
    def list_accounts(self, request):
        _, cursor, limit = split_paging(parse_query(ACCOUNT_QUERY, request))
        return self.personnel.list_accounts(cursor=cursor, limit=limit)

    @api("POST", f"{V1}/accounts", doc=Operation(
        "Buat akun", ACCOUNTS, response="AccountOut", status=201, body="AccountIn", errors=(403, 409),
        idempotent=True, location=True))
    def create_account(self, request):
        account = self.personnel.create_account(read_json(request), idempotency_key=idempotency_key(request))
        return created(account, f"{V1}/accounts/{account['id']}")

    @api("GET", f"{V1}/accounts/<int:account_id>", doc=Operation(
        "Data satu akun", ACCOUNTS, response="AccountOut", errors=(403, 404)))
    def get_account(self, request, account_id):
        return self.personnel.get_account(account_id)

    @api("PATCH", f"{V1}/accounts/<int:account_id>", doc=Operation(
        "Ubah peran atau status akun", ACCOUNTS, response="AccountOut", body="AccountUpdateIn", errors=(403, 404, 409)))
    def update_account(self, request, account_id):
        return self.personnel.update_account(account_id, read_json(request))

    @api("POST", f"{V1}/accounts/<int:account_id>/unlock", doc=Operation(
        "Buka kunci akun", ACCOUNTS, response="AccountOut", errors=(403, 404)))
    def unlock_account(self, request, account_id):
        return self.personnel.unlock_account(account_id)

    # -- documentation ---------------------------------------------------------------

    @api("GET", f"{V1}/openapi.json", public=True, doc=Operation(
        "Dokumen OpenAPI 3 API ini", DOCS, backend=False))
    def openapi(self, request):
        return Reply(spec_json(type(self)), headers={"Cache-Control": "public, max-age=300"})

    @api("GET", docs.DOCS_PATH, public=True, doc=Operation(
        "Halaman dokumentasi (Swagger UI, tanpa internet)", DOCS, backend=False, content_type="text/html"))
    def docs_page(self, request):
        return Reply(docs.PAGE, content_type="text/html; charset=utf-8")

    @api("GET", f"{docs.DOCS_PATH}/<asset>", public=True, doc=Operation(
        "Berkas halaman dokumentasi", DOCS, backend=False, errors=(404,), content_type="application/octet-stream"))
    def docs_asset(self, request, asset):
        found = docs.asset(asset)
        if found is None:
            raise NotFound(f"Berkas dokumentasi {asset} tidak ada.")
        data, content_type = found
        return Reply(data, content_type=content_type, headers={"Cache-Control": "public, max-age=86400"})

    # -- everything else ------------------------------------------------------------

    @FallbackHandler.decorator(ALL_METHODS, "/<path:path>", public=True)
    @FallbackHandler.decorator(ALL_METHODS, "/", public=True)
    def unknown_route(self, request, path=""):
        return route_miss(type(self), request)

    # -- health (the kit's checks, answered like every other route, with X-Request-Id) ------

    @api("GET", "/health/live", public=True)
    def health_live(self, request):
        return from_nameko(HealthMixin.health_live(self, request))

    @api("GET", "/health/ready", public=True)
    def health_ready(self, request):
        return from_nameko(HealthMixin.health_ready(self, request))
