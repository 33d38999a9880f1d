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
from sqlalchemy import case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .. import events
from ..models import Account, Employee, LoginSession, LoginThrottle, utcnow
from ..schemas import ChangedOut, RevokedOut
from . import passwords

audit = logging.getLogger("situok.audit")

BAD_CREDENTIALS = "Nama pengguna atau kata sandi salah."
INACTIVE = "Akun tidak aktif. Hubungi admin."
SESSION_INVALID = "Sesi tidak berlaku lagi. Silakan masuk kembali."
SESSION_TOO_OLD = "Sesi Anda telah mencapai batas waktu maksimum sejak masuk. Silakan masuk kembali."

#: A rotated refresh token presented again within this many seconds is treated as a
#: harmless race (two tabs refreshing at once) and refused; later it means the token
#: was copied, and the whole session is revoked.
REUSE_GRACE_SECONDS = 10

#: The answers of ``logout``/``end_session`` and ``change_password`` (``RevokedOut``, ``ChangedOut``).
REVOKED = RevokedOut().dump({"revoked": True})
CHANGED = ChangedOut().dump({"changed": True})


@dataclass(frozen=True)
class AuthPolicy:
    #: Failures (per account, per account and address) before each further one makes the source wait.
    max_failures: int
    #: The longest wait, and how long failures are remembered (SITUOK_LOGIN_LOCK_MINUTES).
    lock_seconds: float
    access_ttl: int
    refresh_ttl: int
    #: Absolute lifetime of a login session from login (SITUOK_SESSION_MAX_HOURS): refreshing never extends it.
    session_max_seconds: float = 12 * 3600

    @property
    def throttle_seconds(self) -> float:
        return self.lock_seconds

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
            session_max_seconds=pick("SESSION_MAX_HOURS", "SITUOK_SESSION_MAX_HOURS", float) * 3600,
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
                         created_at=now, expires_at=_refresh_expiry(now, now, policy))
    session.add(login)
    session.flush()
    return login, refresh_token


def _refresh_expiry(created_at: datetime, now: datetime, policy: AuthPolicy) -> datetime:
    """A refresh token's expiry: ``refresh_ttl`` from now, never past the session's absolute end."""
    return min(now + timedelta(seconds=policy.refresh_ttl), created_at + timedelta(seconds=policy.session_max_seconds))


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


# -- login throttling --------------------------------------------------------
#
# No hard lock: a lock anyone can trigger is a denial of service on the owner. Failed logins are counted per
# account (``account:<username>``, from any address), per account *and* client address (``pair:…``) and per
# client address (``address:…``, against password spraying, with a higher threshold as one office NAT can
# carry many people). From ``threshold`` failures on, each further failure makes that key wait 2^k seconds
# (k = failures beyond the threshold, at most ``throttle_seconds``); failures quiet for ``throttle_seconds``
# are forgotten. While a key waits, the attempt is refused with the generic answer plus ``retry_after``,
# without looking at the password:
#
# * an address or pair delay refuses everything from that source — it is per source (ASVS 2.2.1), so the
#   owner elsewhere is not affected;
# * the account delay refuses only sources that themselves failed on this account in the window; a source
#   with a clean record (the owner's own device) still has its password checked, so the right password lets
#   the owner in while someone else hammers the account — and a wrong one is counted and throttled in turn.
#
# Keys are per *username*, existing or not, and the unknown-user path verifies a dummy hash: unknown user,
# wrong password and throttled attempt give the same answer in about the same time.

ADDRESS_THRESHOLD_FACTOR = 10


def _source(client_address: str | None) -> str:
    """The client address as given by the edge (``-`` when unknown), bounded for the key."""
    text_ = (client_address or "").strip()[:64]
    return text_ or "-"


def _throttle_keys(username: str, source: str, policy: AuthPolicy) -> dict[str, tuple[str, int]]:
    return {"account": (f"account:{username}", policy.max_failures),
            "pair": (f"pair:{username}|{source}", policy.max_failures),
            "address": (f"address:{source}", policy.max_failures * ADDRESS_THRESHOLD_FACTOR)}


def _live(row: LoginThrottle | None, policy: AuthPolicy, now: datetime) -> bool:
    return row is not None and row.last_failure_at > now - timedelta(seconds=policy.throttle_seconds)


def _wait(row: LoginThrottle | None, now: datetime) -> int:
    """Whole seconds until ``row`` lets the next attempt through (0: now)."""
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return 0
    return max(1, math.ceil((row.blocked_until - now).total_seconds()))


def _locked(session: Session, keys: dict[str, tuple[str, int]], account: Account | None, policy: AuthPolicy,
            now: datetime) -> tuple[int, dict[str, LoginThrottle]]:
    """Seconds this attempt must still wait (0: check the password) and the keys' rows (locked for update)."""
    rows = {row.key: row for row in session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_([key for key, _ in keys.values()])).with_for_update())}
    account_key, pair_key = keys["account"][0], keys["pair"][0]
    if (account is not None and account_key in rows and not account.failed_attempts
            and account.locked_until is None):
        # An admin unlocked the account (accounts.unlock_account clears its counters): forget its failures.
        username = account_key.split(":", 1)[1]
        session.execute(delete(LoginThrottle).where(
            (LoginThrottle.key == account_key)
            | LoginThrottle.key.startswith(f"pair:{username}|", autoescape=True))
            .execution_options(synchronize_session="fetch"))
        rows.pop(account_key, None)
        rows.pop(pair_key, None)
    waits = {name: _wait(rows.get(key), now) for name, (key, _) in keys.items()}
    source_failed = _live(rows.get(pair_key), policy, now)
    wait = max(waits["address"], waits["pair"], waits["account"] if source_failed else 0)
    return wait, rows


def record_failure(session: Session, keys: dict[str, tuple[str, int]], policy: AuthPolicy,
                   now: datetime) -> tuple[int, LoginThrottle]:
    """Count a failed login on every key; return how long this source must now wait and the account key's row."""
    window = timedelta(seconds=policy.throttle_seconds)
    session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at <= now - window)
                    .execution_options(synchronize_session="fetch"))
    wait, account_row = 0, None
    for name, (key, threshold) in keys.items():
        counted = session.execute(
            pg_insert(LoginThrottle).values(key=key, failures=1, last_failure_at=now)
            .on_conflict_do_update(index_elements=[LoginThrottle.key], set_={
                "failures": case((LoginThrottle.last_failure_at <= now - window, 1),
                                 else_=LoginThrottle.failures + 1),
                "last_failure_at": now})
            .returning(LoginThrottle.failures)).scalar_one()
        row = session.get(LoginThrottle, key, populate_existing=True)
        if counted >= threshold:
            delay = min(2 ** min(counted - threshold, 30), policy.throttle_seconds)
            row.blocked_until = now + timedelta(seconds=delay)
        session.flush()
        wait = max(wait, _wait(row, now))
        if name == "account":
            account_row = row
    return wait, account_row


def _password_throttled(wait: int) -> AccountLocked:
    """Too many wrong old passwords in ``change_password`` (its caller is signed in: no secret to keep)."""
    minutes = max(1, math.ceil(wait / 60))
    return AccountLocked(f"Terlalu banyak percobaan kata sandi lama yang salah. Coba lagi dalam {minutes} menit.",
                         {}, {"retry_after": wait})


def _refused(wait: int) -> Unauthorized:
    """The one answer for an unknown user, a wrong password and a throttled attempt."""
    return Unauthorized(BAD_CREDENTIALS, {}, {"retry_after": wait} if wait else {})


# -- login -------------------------------------------------------------------

def login(tx, username: str, password: str, policy: AuthPolicy, now: datetime | None = None,
          client_address: str | None = None) -> Outcome:
    now = now or utcnow()
    session = tx.session
    source = _source(client_address)
    keys = _throttle_keys(username, source, policy)
    account = session.scalar(select(Account).where(Account.username == username).with_for_update())
    wait, rows = _locked(session, keys, account, policy, now)
    if wait:
        passwords.dummy_verify(password)
        _log("denied", "login", logging.WARNING, username=username, client_address=source, reason="throttled",
             retry_after=wait, **({"account_id": account.id} if account is not None else {}))
        return Outcome(error=_refused(wait))
    if account is None:
        passwords.dummy_verify(password)
        correct = False
    else:
        correct = passwords.verify_password(account.password_hash, password)
    if not correct:
        wait, account_row = record_failure(session, keys, policy, now)
        if account is not None:  # shown on the admin's account page
            account.failed_attempts = account_row.failures
            account.locked_until = account_row.blocked_until
        _log("denied", "login", logging.WARNING, username=username, client_address=source,
             reason="unknown_user" if account is None else "bad_password", failed_attempts=account_row.failures,
             retry_after=wait, **({"account_id": account.id} if account is not None else {}))
        return Outcome(error=_refused(wait))
    if not account.active:
        _log("denied", "login", logging.WARNING, account_id=account.id, username=username, client_address=source,
             reason="inactive")
        return Outcome(error=Unauthorized(INACTIVE))
    for key in (keys["account"][0], keys["pair"][0]):  # the owner is in: this source and the account start afresh
        if key in rows:
            session.delete(rows[key])
    account.failed_attempts = 0
    account.locked_until = None
    account.last_login_at = now
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    login_session, refresh_token = _new_session(session, account, policy, now)
    _log("allowed", "login", account_id=account.id, username=username, client_address=source,
         session_id=str(login_session.id))
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
    ends_at = login_session.created_at + timedelta(seconds=policy.session_max_seconds)
    if login_session.revoked_at is None and now >= ends_at:
        revoke_session(tx, login_session, policy, now, "session_max_age")
        _log("denied", "refresh", logging.WARNING, account_id=login_session.account_id,
             session_id=str(login_session.id), reason="session_max_age")
        return Outcome(error=Unauthorized(SESSION_TOO_OLD))
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
    login_session.expires_at = _refresh_expiry(login_session.created_at, now, policy)
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
    key = {"account": (f"password:{account.id}", policy.max_failures)}
    wait = _wait(tx.session.get(LoginThrottle, key["account"][0], with_for_update=True), now)
    if wait:
        _log("denied", "change_password", logging.WARNING, account_id=account.id, reason="throttled",
             retry_after=wait)
        return Outcome(error=_password_throttled(wait))
    if not passwords.verify_password(account.password_hash, old_password):
        wait, _row = record_failure(tx.session, key, policy, now)
        _log("denied", "change_password", logging.WARNING, account_id=account.id, reason="bad_password",
             retry_after=wait)
        return Outcome(error=_password_throttled(wait) if wait else ValidationFailed(
            "Kata sandi lama salah.", {"old_password": "Kata sandi lama salah."}))
    problem = passwords.password_problem(new_password, account.username)
    if problem:
        return Outcome(error=ValidationFailed("Kata sandi baru tidak memenuhi ketentuan.",
                                              {"new_password": problem}))
    account.password_hash = passwords.hash_password(new_password)
    account.password_changed_at = now
    account.updated_at = now
    tx.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key["account"][0]))
    revoked = revoke_account_sessions(tx, account.id, policy, now, "password_changed", keep=identity.session_id)
    _log("allowed", "change_password", account_id=account.id, revoked_sessions=revoked)
    return Outcome(result=CHANGED)
