"""Test doubles for the gateway: access tokens as personnel issues them, and a fake personnel.

``FakePersonnel`` implements a few of the contract's RPC methods in memory (docs/contracts.md),
raises ``situok_kit.errors`` like the real one, and records what it received
(arguments and the caller's identity) so tests can check what the gateway sent.
"""
from __future__ import annotations

import uuid

import eventlet
from nameko.rpc import rpc
from situok_kit.errors import AccountLocked, Forbidden, NotFound, Unauthorized, ValidationFailed
from situok_kit.identity import CallerIdentity, Identity
from situok_kit.logs import CallIdLogging, current_origin_call_id
from situok_kit.tokens import issue_access_token

SECRET = "gateway-tests-secret-0123456789abcdef"

#: Employee id whose lookup takes longer than the tests' RPC timeout.
SLOW_EMPLOYEE_ID = 666
#: Employee id whose lookup fails with an unexpected (non-domain) error.
BROKEN_EMPLOYEE_ID = 500

EMPLOYEE = {
    "id": 7, "employment_type": "pns", "is_asn": True, "name": "Made Sudarma", "full_name": "Made Sudarma, S.H.",
    "front_title": None, "back_title": "S.H.", "nip": "199003152015031002", "nik": None, "gender": "L",
    "birth_date": "1990-03-15", "birth_place": "Denpasar", "golongan": "III/a", "pangkat": "Penata Muda",
    "pppk_grade": None, "position_id": None, "position_name": None, "unit_id": 3, "unit_name": "Subbagian Umum",
    "supervisor_id": None, "supervisor_name": None, "email": None, "phone": None, "active": True,
    "created_at": "2024-01-02T03:04:05+00:00", "updated_at": "2024-01-02T03:04:05+00:00",
}


def make_token(roles=("pegawai",), session_id=None, account_id=11, username="made", ttl=900,
               secret=SECRET, now=None) -> tuple[str, str]:
    """An access token as personnel would issue it: (token, session id)."""
    session_id = session_id or uuid.uuid4().hex
    identity = Identity(account_id=account_id, username=username, employee_id=7, unit_id=3,
                        roles=frozenset(roles), session_id=session_id)
    token, _ = issue_access_token(identity, session_id, ttl=ttl, secret=secret, now=now)
    return token, session_id


class Recorder:
    """What the fake received; reset by the test fixture."""

    calls: list[tuple[str, dict, dict | None]] = []
    origins: list[tuple[str, str | None]] = []
    revoked: list[dict] = []

    @classmethod
    def reset(cls, revoked=()) -> None:
        cls.calls = []
        cls.origins = []
        cls.revoked = list(revoked)

    @classmethod
    def of(cls, method: str) -> list[tuple[dict, dict | None]]:
        return [(args, identity) for name, args, identity in cls.calls if name == method]


def _identity_dict(identity) -> dict | None:
    if identity is None:
        return None
    return {"account_id": identity.account_id, "username": identity.username, "roles": sorted(identity.roles),
            "session_id": identity.session_id}


class FakePersonnel:
    name = "personnel"

    caller = CallerIdentity()
    logs = CallIdLogging()

    def _record(self, method: str, **args) -> None:
        Recorder.calls.append((method, args, _identity_dict(self.caller.identity)))
        Recorder.origins.append((method, current_origin_call_id()))

    @rpc
    def login(self, username, password, client_address=None):
        self._record("login", username=username, client_address=client_address)
        if username == "terkunci":
            raise AccountLocked("Akun terkunci. Coba lagi nanti.", {}, {"retry_after": 89.2})
        if (username, password) != ("admin", "rahasia-123"):
            raise Unauthorized("Nama pengguna atau kata sandi salah.")
        return {"access_token": "a", "refresh_token": "r", "token_type": "Bearer", "expires_in": 900}

    @rpc
    def logout(self):
        self._record("logout")
        self.caller.require()
        return {"revoked": True}

    @rpc
    def me(self):
        identity = self.caller.require()
        self._record("me")
        return {"account": {"id": identity.account_id, "username": identity.username,
                            "roles": sorted(identity.roles)}, "employee": None}

    @rpc
    def revoked_sessions(self):
        self._record("revoked_sessions")
        return Recorder.revoked

    @rpc
    def list_employees(self, filters=None, cursor=None, limit=50):
        self.caller.require()
        self._record("list_employees", filters=filters, cursor=cursor, limit=limit)
        return {"items": [EMPLOYEE], "next_cursor": None}

    @rpc
    def get_employee(self, employee_id):
        self.caller.require()
        self._record("get_employee", employee_id=employee_id)
        if employee_id == SLOW_EMPLOYEE_ID:
            eventlet.sleep(1.5)
        if employee_id == BROKEN_EMPLOYEE_ID:
            raise RuntimeError("database exploded: secret internals")
        if employee_id != EMPLOYEE["id"]:
            raise NotFound("Pegawai tidak ditemukan.")
        return EMPLOYEE

    @rpc
    def create_employee(self, data, idempotency_key=None):
        identity = self.caller.require()
        self._record("create_employee", data=data, idempotency_key=idempotency_key)
        if not identity.is_admin:
            raise Forbidden("Anda tidak berwenang melakukan tindakan ini.")
        errors = {}
        if not data.get("name"):
            errors["name"] = "Wajib diisi."
        if data.get("nip") is not None and len(str(data["nip"])) != 18:
            errors["nip"] = "NIP harus 18 digit."
        if errors:
            raise ValidationFailed("Data tidak valid.", errors)
        return {**EMPLOYEE, "id": 8, "name": data["name"]}

    @rpc
    def list_org_units(self):
        self.caller.require()
        return [{"id": 1, "code": "BUP", "name": "Biro Umum", "kind": "biro", "parent_id": None,
                 "head_position_id": None, "depth": 0, "active": True}]
