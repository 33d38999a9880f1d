"""The web session: an encrypted cookie, so any web instance can serve any request and nobody can read it.

The cookie holds the personnel session's tokens, the CSRF token, the locale, the flash messages, what each
service said the user may do (``web.capabilities``: the names it granted, dropped with every new token) and two
clocks: ``seen`` (idle expiry) and ``login_at`` (absolute expiry). It is sealed with Fernet from ``cryptography``
(AES-128-CBC encryption with an HMAC-SHA256 over it): whoever sees the cookie — in a proxy log, a HAR file, a
browser profile — learns nothing from it, least of all the refresh token, which the API would otherwise accept
on its own (``/api/v1/auth/refresh``) long after the web session ended. A changed byte fails the HMAC.

The key is derived from ``SITUOK_WEB_SECRET`` with HKDF. The setting may list several secrets (separated by
spaces or commas): the first seals new cookies, every one opens them (``MultiFernet``), so a secret is rotated by
putting the new one first and dropping the old one once the absolute expiry has passed.

A cookie that cannot be opened, or whose session has expired, is replaced by a fresh anonymous session. Logging
in always starts a new session (new CSRF token), so a session fixed before login is worthless.
"""
from __future__ import annotations

import base64
import hmac
import logging
import re
import secrets
import time
from dataclasses import dataclass, field

import orjson
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger("situok.web")

COOKIE_NAME = "situok_session"
LOCALES = ("id", "en")
DEFAULT_LOCALE = "id"
#: A request refreshes ``seen`` (and so rewrites the cookie) at most this often.
SEEN_RESOLUTION = 60
#: Browsers keep cookies up to 4096 bytes (name and value); a longer one is not ours, and we never write one.
MAX_COOKIE_CHARS = 4096 - len(COOKIE_NAME) - 1
#: HKDF's context: a key derived for the session cookie is good for nothing else.
KEY_INFO = b"situok-web-session-cookie"


@dataclass
class SessionPolicy:
    #: ``SITUOK_WEB_SECRET``: one secret, or several (spaces or commas between); the first seals.
    secret: str
    idle_seconds: int
    absolute_seconds: int
    secure: bool = False


@dataclass
class WebSession:
    csrf: str
    created: float
    seen: float
    lang: str = DEFAULT_LOCALE
    login_at: float | None = None
    access: str | None = None
    refresh: str | None = None
    user: dict | None = None
    flashes: list = field(default_factory=list)
    #: service -> the capabilities it granted this session's token (``web.capabilities``).
    capabilities: dict = field(default_factory=dict)
    dirty: bool = False
    #: Why the previous session ended, if it just did ("idle", "absolute"); not stored.
    ended: str | None = None
    #: The refresh token of that ended session, so the web can revoke it at personnel; not stored.
    ended_refresh: str | None = None

    @classmethod
    def anonymous(cls, lang: str = DEFAULT_LOCALE, now: float | None = None) -> WebSession:
        now = time.time() if now is None else now
        return cls(csrf=secrets.token_urlsafe(24), created=now, seen=now, lang=lang, dirty=True)

    @property
    def logged_in(self) -> bool:
        return self.access is not None

    def start_login(self, tokens: dict, user: dict, now: float | None = None) -> None:
        """Become a logged-in session: new CSRF token, clocks reset, flashes kept."""
        now = time.time() if now is None else now
        self.csrf = secrets.token_urlsafe(24)
        self.created = self.seen = self.login_at = now
        self.set_tokens(tokens)
        self.user = user
        self.dirty = True

    def set_tokens(self, tokens: dict) -> None:
        self.access = tokens["access_token"]
        self.refresh = tokens["refresh_token"]
        self.capabilities = {}  # a new token may carry other roles: ask the services again
        self.dirty = True

    def keep_capabilities(self, service: str, names: list[str]) -> None:
        self.capabilities[service] = list(names)
        self.dirty = True

    def flash(self, category: str, message: str) -> None:
        self.flashes.append([category, message])
        self.dirty = True

    def pop_flashes(self) -> list:
        flashes, self.flashes = self.flashes, []
        if flashes:
            self.dirty = True
        return flashes

    def touch(self, now: float) -> None:
        if now - self.seen >= SEEN_RESOLUTION:
            self.seen = now
            self.dirty = True

    def to_dict(self) -> dict:
        return {"c": self.csrf, "t0": round(self.created), "ts": round(self.seen), "l": self.lang,
                "li": round(self.login_at) if self.login_at else None, "a": self.access, "r": self.refresh,
                "u": self.user, "f": self.flashes, "k": self.capabilities}

    @classmethod
    def from_dict(cls, data: dict) -> WebSession:
        return cls(csrf=data["c"], created=float(data["t0"]), seen=float(data["ts"]),
                   lang=data.get("l") if data.get("l") in LOCALES else DEFAULT_LOCALE,
                   login_at=float(data["li"]) if data.get("li") else None, access=data.get("a"),
                   refresh=data.get("r"), user=data.get("u"), flashes=list(data.get("f") or []),
                   capabilities=_capabilities(data.get("k")))


def _capabilities(stored) -> dict:
    """What a cookie says the services granted, if it is well formed (else nothing: ask again)."""
    if not isinstance(stored, dict):
        return {}
    return {service: [str(n) for n in names] for service, names in stored.items()
            if isinstance(service, str) and isinstance(names, list)}


def cookie_key(secret: str) -> bytes:
    """A Fernet key (32 random-looking bytes, base64) derived from one secret."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def cookie_sealer(secret_setting: str) -> MultiFernet:
    """``MultiFernet`` over the secrets in ``SITUOK_WEB_SECRET``: the first seals, every one opens."""
    secrets_listed = [s for s in re.split(r"[\s,]+", secret_setting.strip()) if s]
    if not secrets_listed:
        raise ValueError("SITUOK_WEB_SECRET is empty")
    return MultiFernet([Fernet(cookie_key(secret)) for secret in secrets_listed])


class SessionCodec:
    """Seal and open the session cookie; apply the idle and absolute expiry."""

    def __init__(self, policy: SessionPolicy):
        self.policy = policy
        self._sealer = cookie_sealer(policy.secret)

    def dumps(self, session: WebSession) -> str:
        """The sealed cookie value. Flash messages (the only part of unbounded size) are dropped, oldest first,
        rather than write a cookie the browser would throw away."""
        data = session.to_dict()
        while True:
            cookie = self._sealer.encrypt(orjson.dumps(data)).decode("ascii")
            if len(cookie) <= MAX_COOKIE_CHARS or not data["f"]:
                return cookie
            log.warning("session cookie too large (%d characters): dropping a flash message", len(cookie))
            data["f"] = data["f"][1:]

    def loads(self, cookie: str | None, now: float | None = None) -> WebSession:
        """The session in ``cookie``; a fresh anonymous one if it is missing, forged or expired."""
        now = time.time() if now is None else now
        session = self._opened(cookie)
        if session is None:
            return WebSession.anonymous(now=now)
        ended = self.expiry(session, now)
        if ended:
            fresh = WebSession.anonymous(lang=session.lang, now=now)
            fresh.ended = ended
            fresh.ended_refresh = session.refresh
            return fresh
        session.touch(now)
        return session

    def _opened(self, cookie: str | None) -> WebSession | None:
        if not cookie or len(cookie) > MAX_COOKIE_CHARS:
            return None
        try:
            return WebSession.from_dict(orjson.loads(self._sealer.decrypt(cookie.encode("ascii"))))
        except (InvalidToken, UnicodeError, ValueError, KeyError, TypeError):
            return None

    def expiry(self, session: WebSession, now: float) -> str | None:
        """"idle" or "absolute" if ``session`` has ended at ``now``, else None."""
        if not session.logged_in:  # a login form may stay open a while; only its age counts
            return "anonymous" if now - session.created > self.policy.absolute_seconds else None
        if session.login_at is None or now - session.login_at > self.policy.absolute_seconds:
            return "absolute"
        if now - session.seen > self.policy.idle_seconds:
            return "idle"
        return None

    def cookie_options(self, session: WebSession) -> dict:
        """``Response.set_cookie`` arguments: HttpOnly, SameSite=Lax, Path=/, Secure when configured."""
        start = session.login_at or session.created
        max_age = max(0, int(start + self.policy.absolute_seconds - time.time())) if session.logged_in else None
        return {"key": COOKIE_NAME, "max_age": max_age, "path": "/", "httponly": True, "samesite": "Lax",
                "secure": self.policy.secure}


def csrf_matches(session: WebSession, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(session.csrf.encode(), submitted.encode())
