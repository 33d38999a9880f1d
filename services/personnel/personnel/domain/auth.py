"""Login, lockout, sessions and tokens.

A login creates a session: a uuid that goes into every access token (``sid``)
and an opaque refresh token stored only as its SHA-256. Refreshing rotates the
refresh token and keeps the session id. Revoking a session (logout, password
change, deactivation) stops its refresh token at once and, through the
``personnel.session_revoked`` event, its still-unexpired access tokens.

Functions that must record something *and* refuse (a failed login counts
towards the lockout) return an ``Outcome`` with the error instead of raising, so
the caller can commit first and raise after.
"""
from __future__ import annotations

import hashlib
import logging
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from situok_kit.config import env
from situok_kit.errors import AccountLocked, DomainError, Unauthorized, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.tokens import issue_access_token
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import events
from ..models import Account, Employee, LoginSession, utcnow
from ..schemas import ChangedOut, RevokedOut
from . import passwords

audit = logging.getLogger("situok.audit")

BAD_CREDENTIALS = "Nama pengguna atau kata sandi salah."
INACTIVE = "Akun tidak aktif. Hubungi admin."
SESSION_INVALID = "Sesi tidak berlaku lagi. Silakan masuk kembali."

#: A rotated refresh token presented again within this many seconds is treated as a
#: harmless race (two tabs refreshing at once) and refused; later it means the token
#: was copied, and the whole session is revoked.
REUSE_GRACE_SECONDS = 10

#: The answers of ``logout``/``end_session`` and ``change_password`` (``RevokedOut``, ``ChangedOut``).
REVOKED = RevokedOut().dump({"revoked": True})
CHANGED = ChangedOut().dump({"changed": True})


@dataclass(frozen=True)
class AuthPolicy:
    max_failures: int
    lock_seconds: float
    access_ttl: int
    refresh_ttl: int

    @classmethod
    def from_config(cls, config: dict | None = None) -> AuthPolicy:
        """Nameko config keys (``LOGIN_MAX_FAILURES`` …) override the SITUOK_* environment."""
        config = config or {}

        def pick(key: str, var: str, cast):
            value = config.get(key)
            return cast(env(var) if value in (None, "") else value)

        return cls(
            max_failures=pick("LOGIN_MAX_FAILURES", "SITUOK_LOGIN_MAX_FAILURES", int),
            lock_seconds=pick("LOGIN_LOCK_MINUTES", "SITUOK_LOGIN_LOCK_MINUTES", float) * 60,
            access_ttl=pick("ACCESS_TOKEN_TTL", "SITUOK_ACCESS_TOKEN_TTL", int),
            refresh_ttl=pick("REFRESH_TOKEN_TTL", "SITUOK_REFRESH_TOKEN_TTL", int),
        )


@dataclass
class Outcome:
    """The answer of a login-like operation: ``result`` or ``error`` (raise it after commit)."""

    result: dict | None = None
    error: DomainError | None = None

    def unwrap(self) -> dict:
        if self.error is not None:
            raise self.error
        return self.result


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _epoch(moment: datetime) -> int:
    return int(math.ceil(moment.timestamp()))


def _log(decision: str, action: str, level: int = logging.INFO, **fields) -> None:
    audit.log(level, "%s %s", action, decision, extra={"action": action, "decision": decision, **fields})


# -- identity and tokens -----------------------------------------------------

def identity_for(session: Session, account: Account, session_id: str | None = None) -> Identity:
    unit_id = None
    if account.employee_id is not None:
        unit_id = session.scalar(select(Employee.unit_id).where(Employee.id == account.employee_id))
    return Identity(account_id=account.id, username=account.username, employee_id=account.employee_id,
                    unit_id=unit_id, roles=frozenset(account.roles), session_id=session_id)


def _tokens(session: Session, account: Account, login: LoginSession, refresh_token: str,
            policy: AuthPolicy, now: datetime) -> dict:
    identity = identity_for(session, account, str(login.id))
    access, expires_in = issue_access_token(identity, str(login.id), ttl=policy.access_ttl, now=now.timestamp())
    return {"access_token": access, "refresh_token": refresh_token, "token_type": "Bearer",
            "expires_in": expires_in}


def _new_session(session: Session, account: Account, policy: AuthPolicy, now: datetime) -> tuple[LoginSession, str]:
    refresh_token = secrets.token_urlsafe(32)
    login = LoginSession(id=uuid.uuid4(), account_id=account.id, refresh_token_hash=token_hash(refresh_token),
                         created_at=now, expires_at=now + timedelta(seconds=policy.refresh_ttl))
    session.add(login)
    session.flush()
    return login, refresh_token


# -- revocation --------------------------------------------------------------

def revoke_session(tx, login: LoginSession, policy: AuthPolicy, now: datetime, reason: str) -> bool:
    """Revoke one session and announce it; False if it was already revoked."""
    if login.revoked_at is not None:
        return False
    login.revoked_at = now
    until = _epoch(now + timedelta(seconds=policy.access_ttl))
    tx.emit(events.SESSION_REVOKED, events.session_revoked_data(login.id, login.account_id, until))
    _log("revoked", "session_revoke", account_id=login.account_id, session_id=str(login.id), reason=reason)
    return True


def revoke_account_sessions(tx, account_id: int, policy: AuthPolicy, now: datetime, reason: str,
                            keep: str | None = None) -> int:
    """Revoke every live session of an account (except ``keep``); return how many."""
    live = tx.session.scalars(
        select(LoginSession).where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None),
                                   LoginSession.expires_at > now).with_for_update()
    )
    count = 0
    for login in live:
        if keep is not None and str(login.id) == keep:
            continue
        count += revoke_session(tx, login, policy, now, reason)
    return count


def revoked_sessions(session: Session, policy: AuthPolicy, now: datetime | None = None) -> list[dict]:
    """Sessions revoked recently enough that some access token of theirs may still be unexpired."""
    now = now or utcnow()
    since = now - timedelta(seconds=policy.access_ttl)
    rows = session.execute(
        select(LoginSession.id, LoginSession.revoked_at).where(LoginSession.revoked_at > since)
        .order_by(LoginSession.revoked_at)
    )
    return [{"session_id": str(sid), "until": _epoch(revoked + timedelta(seconds=policy.access_ttl))}
            for sid, revoked in rows]


# -- login -------------------------------------------------------------------

def _locked(account: Account, now: datetime) -> AccountLocked | None:
    if account.locked_until is None or account.locked_until <= now:
        return None
    seconds = max(1, math.ceil((account.locked_until - now).total_seconds()))
    minutes = max(1, math.ceil(seconds / 60))
    return AccountLocked(
        f"Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        {}, {"retry_after": seconds},
    )


def record_failure(account: Account, policy: AuthPolicy, now: datetime) -> AccountLocked | None:
    """Count a wrong password; lock the account at the limit (and return the lock error)."""
    account.failed_attempts += 1
    if account.failed_attempts < policy.max_failures:
        return None
    account.failed_attempts = 0
    account.locked_until = now + timedelta(seconds=policy.lock_seconds)
    account.updated_at = now
    _log("locked", "login", logging.WARNING, account_id=account.id, username=account.username,
         locked_until=account.locked_until.isoformat())
    return _locked(account, now)


def login(tx, username: str, password: str, policy: AuthPolicy, now: datetime | None = None) -> Outcome:
    now = now or utcnow()
    session = tx.session
    account = session.scalar(select(Account).where(Account.username == username).with_for_update())
    if account is None:
        passwords.dummy_verify(password)
        _log("denied", "login", logging.WARNING, username=username, reason="unknown_user")
        return Outcome(error=Unauthorized(BAD_CREDENTIALS))
    locked = _locked(account, now)
    if locked is not None:
        _log("denied", "login", logging.WARNING, account_id=account.id, username=username, reason="locked")
        return Outcome(error=locked)
    if not passwords.verify_password(account.password_hash, password):
        lock = record_failure(account, policy, now)
        _log("denied", "login", logging.WARNING, account_id=account.id, username=username,
             reason="bad_password", failed_attempts=account.failed_attempts)
        return Outcome(error=lock or Unauthorized(BAD_CREDENTIALS))
    if not account.active:
        _log("denied", "login", logging.WARNING, account_id=account.id, username=username, reason="inactive")
        return Outcome(error=Unauthorized(INACTIVE))
    account.failed_attempts = 0
    account.locked_until = None
    account.last_login_at = now
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    login_session, refresh_token = _new_session(session, account, policy, now)
    _log("allowed", "login", account_id=account.id, username=username, session_id=str(login_session.id))
    return Outcome(result=_tokens(session, account, login_session, refresh_token, policy, now))


def refresh(tx, refresh_token: str, policy: AuthPolicy, now: datetime | None = None) -> Outcome:
    now = now or utcnow()
    session = tx.session
    digest = token_hash(refresh_token)
    login_session = session.scalar(
        select(LoginSession).where(LoginSession.refresh_token_hash == digest).with_for_update())
    if login_session is None:
        replayed = session.scalar(
            select(LoginSession).where(LoginSession.previous_token_hash == digest).with_for_update())
        if replayed is not None and replayed.revoked_at is None:
            rotated = replayed.refreshed_at or replayed.created_at
            if (now - rotated).total_seconds() > REUSE_GRACE_SECONDS:
                revoke_session(tx, replayed, policy, now, "refresh_token_reuse")
                _log("denied", "refresh", logging.WARNING, account_id=replayed.account_id,
                     session_id=str(replayed.id), reason="refresh_token_reuse")
                return Outcome(error=Unauthorized(SESSION_INVALID))
        _log("denied", "refresh", logging.WARNING, reason="unknown_token")
        return Outcome(error=Unauthorized(SESSION_INVALID))
    account = session.get(Account, login_session.account_id)
    if login_session.revoked_at is not None or login_session.expires_at <= now:
        _log("denied", "refresh", logging.WARNING, account_id=login_session.account_id,
             session_id=str(login_session.id), reason="revoked" if login_session.revoked_at else "expired")
        return Outcome(error=Unauthorized(SESSION_INVALID))
    if account is None or not account.active:
        revoke_session(tx, login_session, policy, now, "account_inactive")
        _log("denied", "refresh", logging.WARNING, account_id=login_session.account_id, reason="inactive")
        return Outcome(error=Unauthorized(INACTIVE))
    new_token = secrets.token_urlsafe(32)
    login_session.previous_token_hash = digest
    login_session.refresh_token_hash = token_hash(new_token)
    login_session.refreshed_at = now
    login_session.expires_at = now + timedelta(seconds=policy.refresh_ttl)
    session.flush()
    _log("allowed", "refresh", account_id=account.id, session_id=str(login_session.id))
    return Outcome(result=_tokens(session, account, login_session, new_token, policy, now))


def end_session(tx, refresh_token: str, policy: AuthPolicy, now: datetime | None = None) -> dict:
    """Revoke the session a refresh token belongs to — for an edge whose own session expired (the web's idle
    or absolute limit) and that holds only that token. Possession of the token is the proof; an unknown or
    already revoked token is answered the same way, so the answer tells nothing."""
    now = now or utcnow()
    login_session = tx.session.scalar(
        select(LoginSession).where(LoginSession.refresh_token_hash == token_hash(refresh_token)).with_for_update())
    if login_session is not None:
        revoke_session(tx, login_session, policy, now, "edge_session_expired")
    return REVOKED


def logout(tx, identity: Identity, policy: AuthPolicy, now: datetime | None = None) -> dict:
    now = now or utcnow()
    if identity.session_id:
        try:
            sid = uuid.UUID(str(identity.session_id))
        except ValueError:
            sid = None
        login_session = tx.session.get(LoginSession, sid, with_for_update=True) if sid else None
        if login_session is not None and login_session.account_id == identity.account_id:
            revoke_session(tx, login_session, policy, now, "logout")
    _log("allowed", "logout", account_id=identity.account_id, session_id=identity.session_id)
    return REVOKED


def change_password(tx, identity: Identity, old_password: str, new_password: str, policy: AuthPolicy,
                    now: datetime | None = None) -> Outcome:
    """Check the old password (a wrong one counts towards the lockout), set the new one,
    and revoke the account's other sessions."""
    now = now or utcnow()
    account = tx.session.get(Account, identity.account_id, with_for_update=True)
    if account is None or not account.active:
        return Outcome(error=Unauthorized(INACTIVE))
    locked = _locked(account, now)
    if locked is not None:
        return Outcome(error=locked)
    if not passwords.verify_password(account.password_hash, old_password):
        lock = record_failure(account, policy, now)
        _log("denied", "change_password", logging.WARNING, account_id=account.id, reason="bad_password")
        return Outcome(error=lock or ValidationFailed(
            "Kata sandi lama salah.", {"old_password": "Kata sandi lama salah."}))
    problem = passwords.password_problem(new_password, account.username)
    if problem:
        return Outcome(error=ValidationFailed("Kata sandi baru tidak memenuhi ketentuan.",
                                              {"new_password": problem}))
    account.password_hash = passwords.hash_password(new_password)
    account.password_changed_at = now
    account.updated_at = now
    account.failed_attempts = 0
    revoked = revoke_account_sessions(tx, account.id, policy, now, "password_changed", keep=identity.session_id)
    _log("allowed", "change_password", account_id=account.id, revoked_sessions=revoked)
    return Outcome(result=CHANGED)
