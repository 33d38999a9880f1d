"""The web session: a signed cookie, so any web instance can serve any request.

The cookie holds the personnel session's tokens (the refresh token never
reaches JavaScript: the cookie is HttpOnly), the CSRF token, the locale, the
flash messages and two clocks: ``seen`` (idle expiry) and ``login_at``
(absolute expiry). It is signed with HMAC-SHA256 (``SITUOK_WEB_SECRET``); a
cookie that fails the check, or has expired, is replaced by a fresh anonymous
session. Logging in always starts a new session (new CSRF token), so a
session fixed before login is worthless.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

import orjson

COOKIE_NAME = "situok_session"
LOCALES = ("id", "en")
DEFAULT_LOCALE = "id"
#: A request refreshes ``seen`` (and so rewrites the cookie) at most this often.
SEEN_RESOLUTION = 60


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SessionPolicy:
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
                "u": self.user, "f": self.flashes}

    @classmethod
    def from_dict(cls, data: dict) -> WebSession:
        return cls(csrf=data["c"], created=float(data["t0"]), seen=float(data["ts"]),
                   lang=data.get("l") if data.get("l") in LOCALES else DEFAULT_LOCALE,
                   login_at=float(data["li"]) if data.get("li") else None, access=data.get("a"),
                   refresh=data.get("r"), user=data.get("u"), flashes=list(data.get("f") or []))


class SessionCodec:
    """Sign and check the session cookie; apply the idle and absolute expiry."""

    def __init__(self, policy: SessionPolicy):
        self.policy = policy
        self._key = hashlib.sha256(b"situok-web-session:" + policy.secret.encode()).digest()

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())

    def dumps(self, session: WebSession) -> str:
        payload = _b64(orjson.dumps(session.to_dict()))
        return f"{payload}.{self._sign(payload)}"

    def loads(self, cookie: str | None, now: float | None = None) -> WebSession:
        """The session in ``cookie``; a fresh anonymous one if it is missing, forged or expired."""
        now = time.time() if now is None else now
        session = self._verified(cookie)
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

    def _verified(self, cookie: str | None) -> WebSession | None:
        if not cookie or cookie.count(".") != 1 or len(cookie) > 8192:
            return None
        payload, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            return WebSession.from_dict(orjson.loads(_unb64(payload)))
        except (ValueError, KeyError, TypeError):
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
