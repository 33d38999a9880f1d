"""Accounts: create, change roles/active, unlock, list."""
from __future__ import annotations

from datetime import datetime

from situok_kit.errors import NotFound, Unauthorized, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from .. import events
from ..models import Account, Employee, utcnow
from . import passwords
from .auth import INACTIVE, AuthPolicy, revoke_account_sessions
from .conflicts import ensure_free, flush_or_conflict
from .employees import cursor_values, get_employee

USERNAME_TAKEN = "Nama pengguna ini sudah dipakai."
EMPLOYEE_HAS_ACCOUNT = "Pegawai ini sudah memiliki akun."
_UNIQUE = {
    "uq_accounts_username": ("username", USERNAME_TAKEN),
    "uq_accounts_employee_id": ("employee_id", EMPLOYEE_HAS_ACCOUNT),
}


def get_account(session: Session, account_id: int, *, for_update: bool = False) -> Account:
    account = session.get(Account, account_id, with_for_update=for_update or None)
    if account is None:
        raise NotFound("Akun tidak ditemukan.")
    return account


def list_accounts(session: Session, cursor: str | None, limit: int) -> dict:
    query = select(Account)
    after = decode_cursor(cursor, 2)
    if after is not None:
        username, last_id = cursor_values(after)
        query = query.where(tuple_(Account.username, Account.id) > tuple_(username, last_id))
    rows = list(session.scalars(query.order_by(Account.username, Account.id).limit(limit + 1)))
    return page(rows, limit, lambda a: [a.username, a.id])


def create_account(tx, data: dict, now: datetime | None = None, password_hash: str | None = None) -> Account:
    """Create a login for an (active) employee, or a system account without one.

    ``password_hash`` lets a caller hash before opening the transaction.
    """
    now = now or utcnow()
    session = tx.session
    errors: dict[str, str] = {}
    problem = passwords.password_problem(data["password"], data["username"])
    if problem:
        errors["password"] = problem
    employee_id = data.get("employee_id")
    if employee_id is not None:
        employee = session.get(Employee, employee_id)
        if employee is None:
            errors["employee_id"] = "Pegawai tidak ditemukan."
        elif not employee.active:
            errors["employee_id"] = "Pegawai sudah tidak aktif."
    if errors:
        raise ValidationFailed("Data akun tidak valid.", errors)
    ensure_free(session, select(Account.id).where(Account.username == data["username"]), "username", USERNAME_TAKEN)
    if employee_id is not None:
        ensure_free(session, select(Account.id).where(Account.employee_id == employee_id), "employee_id",
                    EMPLOYEE_HAS_ACCOUNT)
    account = Account(
        username=data["username"], employee_id=employee_id, roles=list(dict.fromkeys(data["roles"])),
        password_hash=password_hash or passwords.hash_password(data["password"]),
        active=True, failed_attempts=0, created_at=now, updated_at=now, password_changed_at=now,
    )
    session.add(account)
    flush_or_conflict(session, _UNIQUE)
    tx.emit(events.ACCOUNT_CREATED, events.account_data(account))
    return account


def update_account(tx, account_id: int, changes: dict, actor: Identity, policy: AuthPolicy,
                   now: datetime | None = None) -> Account:
    """Change roles and/or active. Fewer rights or deactivation revoke the account's sessions,
    so the next token carries the new roles. An admin cannot lock themselves out."""
    now = now or utcnow()
    account = get_account(tx.session, account_id, for_update=True)
    roles = list(dict.fromkeys(changes["roles"])) if "roles" in changes else account.roles
    active = changes.get("active", account.active)
    if account.id == actor.account_id:
        if not active:
            raise ValidationFailed("Akun sendiri tidak dapat dinonaktifkan.",
                                   {"active": "Anda tidak dapat menonaktifkan akun Anda sendiri."})
        if "admin" in account.roles and "admin" not in roles:
            raise ValidationFailed("Peran admin sendiri tidak dapat dicabut.",
                                   {"roles": "Anda tidak dapat mencabut peran admin dari akun Anda sendiri."})
    if active and not account.active and account.employee_id is not None:
        employee_active = tx.session.scalar(select(Employee.active).where(Employee.id == account.employee_id))
        if not employee_active:
            raise ValidationFailed("Pegawai pemilik akun sudah tidak aktif.",
                                   {"active": "Pegawai pemilik akun sudah tidak aktif; aktifkan pegawainya dulu."})
    roles_changed = sorted(roles) != sorted(account.roles)
    if not roles_changed and active == account.active:
        return account
    deactivated = account.active and not active
    account.roles = roles
    account.active = active
    account.updated_at = now
    if deactivated or roles_changed:
        revoke_account_sessions(tx, account.id, policy, now,
                                "account_deactivated" if deactivated else "roles_changed")
    tx.session.flush()
    tx.emit(events.ACCOUNT_DEACTIVATED if deactivated else events.ACCOUNT_UPDATED, events.account_data(account))
    return account


def unlock_account(tx, account_id: int, now: datetime | None = None) -> Account:
    account = get_account(tx.session, account_id, for_update=True)
    if account.locked_until is None and account.failed_attempts == 0:
        return account
    account.locked_until = None
    account.failed_attempts = 0
    account.updated_at = now or utcnow()
    tx.session.flush()
    tx.emit(events.ACCOUNT_UPDATED, events.account_data(account))
    return account


def me(session: Session, identity: Identity) -> tuple[Account, Employee | None]:
    account = session.get(Account, identity.account_id)
    if account is None or not account.active:
        raise Unauthorized(INACTIVE)
    employee = None
    if account.employee_id is not None:
        employee = get_employee(session, account.employee_id)
    return account, employee
