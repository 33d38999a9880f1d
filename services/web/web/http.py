"""Pages: an ``@http`` entrypoint that answers HTML, with sessions, CSRF and role checks.

Routes are declared with ``@page(method, url, public=..., roles=...)`` on a
method ``fn(self, visit, **path_values)``. ``Visit`` is one request seen by the
web app: its session (``web.sessions``), the signed-in identity (verified like
the gateway does, refreshed with the session's refresh token when the access
token has expired), the translator and the form. ``fn`` returns a ``Page``
(template + context) or a werkzeug ``Response`` (a redirect, a file).

Errors become pages in the same layout: a ``DomainError`` its status (403, 404,
422 …); anything unexpected a 500 page naming a reference id that is in the
logs, never the exception itself.
"""
from __future__ import annotations

import functools
import logging
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import partial

from eventlet.event import Event
from nameko.exceptions import ContainerBeingKilled
from nameko.web.handlers import HttpRequestHandler
from situok_kit.config import env, env_int
from situok_kit.errors import DomainError, Forbidden, ServiceTimeout, ServiceUnavailable, Unauthorized
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from . import i18n, nav
from .rendering import render
from .sessions import COOKIE_NAME, SessionCodec, SessionPolicy, WebSession, csrf_matches

log = logging.getLogger("situok.web")
audit = logging.getLogger("situok.audit")

HTML = "text/html; charset=utf-8"
#: Forms are small; file uploads (trip reports, receipts) stay under this.
MAX_FORM_BYTES = 8 * 1024 * 1024
REQUEST_ID_HEADER = "X-Request-Id"


@functools.lru_cache(maxsize=1)
def codec() -> SessionCodec:
    return SessionCodec(SessionPolicy(
        secret=env("SITUOK_WEB_SECRET"),
        idle_seconds=env_int("SITUOK_WEB_IDLE_MINUTES") * 60,
        absolute_seconds=env_int("SITUOK_WEB_SESSION_HOURS") * 3600,
        secure=env("SITUOK_WEB_SECURE_COOKIES") in ("1", "true", "yes"),
    ))


@dataclass
class Page:
    template: str
    context: dict = field(default_factory=dict)
    status: int = 200
    title: str | None = None


class LoginRequired(Exception):
    """Not signed in (or the session ended): go to the login page and come back."""


class CsrfRejected(Forbidden):
    pass


def safe_next(target: str | None) -> str:
    """A local path to return to after login; anything else (``//evil``, ``http://…``) becomes ``/``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def redirect(url: str, status: int = 303) -> Response:
    return Response("", status=status, headers={"Location": url})


class Visit:
    """One request to the web app (see module doc)."""

    def __init__(self, service, request, public: bool):
        self.service = service
        self.request = request
        self.public = public
        self.now = time.time()
        self.session: WebSession = codec().loads(request.cookies.get(COOKIE_NAME), self.now)
        self._ = i18n.gettext_for(self.session.lang)
        self.ngettext = i18n.ngettext_for(self.session.lang)
        self.identity = None
        self._form = None
        if self.session.ended in ("idle", "absolute"):
            self.flash("warning", self._("Sesi Anda berakhir; silakan masuk kembali."))
            self._revoke_ended(self.session.ended_refresh)

    def _revoke_ended(self, refresh_token: str | None) -> None:
        """The web session expired: end personnel's session too, so its refresh token is worth nothing.
        Best effort — the user is logged out here either way."""
        if not refresh_token:
            return
        try:
            self.service.personnel.end_session(refresh_token)
        except Exception as exc:  # personnel down or slow: the token still expires on its own TTL
            log.warning("could not end the expired session at personnel: %r", exc)

    # -- request -------------------------------------------------------------
    @property
    def form(self):
        if self._form is None:
            self.request.max_content_length = MAX_FORM_BYTES
            try:
                self._form = self.request.form
            except RequestEntityTooLarge:
                raise DomainError(self._("Berkas atau formulir terlalu besar (maksimal 8 MB)."))
        return self._form

    def value(self, name: str, default: str = "") -> str:
        return (self.form.get(name) or default).strip()

    @property
    def action(self) -> str:
        return f"{self.request.method} {self.request.path}"

    # -- checks --------------------------------------------------------------
    def check_csrf(self) -> None:
        submitted = self.request.headers.get("X-CSRF-Token") or self.form.get("csrf_token")
        if not csrf_matches(self.session, submitted):
            audit.warning("denied: csrf", extra={"action": self.action, "decision": "csrf_rejected"})
            raise CsrfRejected(self._("Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba "
                                      "lagi."))

    def authenticate(self):
        """The signed-in identity (put into the worker context for every RPC), refreshing tokens if needed."""
        session = self.session
        if not session.logged_in:
            raise LoginRequired()
        auth = self.service.auth
        try:
            self.identity = auth.authenticate_token(session.access, self.action)
        except Unauthorized as exc:
            if exc.fields.get("token") != "expired":
                self.end_session(self._("Sesi Anda berakhir; silakan masuk kembali."))
                raise LoginRequired()
            try:
                session.set_tokens(self.service.personnel.refresh(session.refresh))
                self.identity = auth.authenticate_token(session.access, self.action)
            except Unauthorized:
                self.end_session(self._("Sesi Anda berakhir; silakan masuk kembali."))
                raise LoginRequired()
        return self.identity

    def try_authenticate(self) -> None:
        """On a public page: recognise a signed-in visitor if the session is still good, else carry on."""
        try:
            self.authenticate()
        except LoginRequired:
            pass

    def require_roles(self, roles) -> None:
        if not set(self.identity.roles) & set(roles):
            audit.warning("denied: role", extra={"action": self.action, "decision": "forbidden",
                                                  "account_id": self.identity.account_id})
            raise Forbidden(self._("Anda tidak berwenang membuka halaman ini."))

    def has_role(self, *roles) -> bool:
        return self.identity is not None and bool(set(self.identity.roles) & set(roles))

    # -- session -------------------------------------------------------------
    def field_errors(self, error: DomainError) -> dict[str, str]:
        """A domain error's messages by form field, translated (``{}`` when it names no field)."""
        return {name: self._(message) for name, message in (error.fields or {}).items()}

    def flash(self, category: str, message: str) -> None:
        self.session.flash(category, message)

    def end_session(self, message: str | None = None) -> None:
        lang = self.session.lang
        self.session = WebSession.anonymous(lang=lang, now=self.now)
        self.identity = None
        if message:
            self.flash("warning", message)

    # -- responses -----------------------------------------------------------
    def redirect(self, url: str, message: str | None = None, category: str = "success") -> Response:
        if message:
            self.flash(category, message)
        return redirect(url)

    def login_redirect(self) -> Response:
        target = self.request.full_path.rstrip("?") if self.request.method == "GET" else "/"
        return redirect("/masuk?" + urllib.parse.urlencode({"next": safe_next(target)}))

    def base_context(self) -> dict:
        user = self.session.user if self.session.logged_in else None
        roles = sorted(self.identity.roles) if self.identity else []
        return {
            "lang": self.session.lang, "csrf_token": self.session.csrf, "user": user,
            "roles": roles, "menu": nav.menu_for(roles) if self.identity else [],
            "flashes": self.session.pop_flashes(), "path": self.request.path,
            "tanggal": partial(i18n.long_date, lang=self.session.lang),
            "waktu": partial(i18n.date_time, lang=self.session.lang),
            "public_url": env("SITUOK_PUBLIC_URL"),
        }

    def render(self, page: Page) -> Response:
        context = self.base_context()
        context.update(page.context)
        context.setdefault("title", page.title)
        return Response(render(page.template, context), status=page.status, content_type=HTML)

    def error_page(self, error: DomainError) -> Response:
        status = getattr(error, "status", 400) or 400
        if isinstance(error, (ServiceUnavailable, ServiceTimeout)):
            message = self._("Layanan sedang tidak tersedia. Coba lagi sebentar lagi.")
        else:
            message = error.message
        return self.render(Page("errors/error.html", {"status": status, "message": message,
                                                      "fields": error.fields, "reference": None}, status))

    def finish(self, result) -> Response:
        response = self.render(result) if isinstance(result, Page) else result
        if self.session.dirty:
            response.set_cookie(value=codec().dumps(self.session), **codec().cookie_options(self.session))
        if self.session.logged_in or self.identity is not None:
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Language", self.session.lang)
        return response


class PageHandler(HttpRequestHandler):
    """``@http`` entrypoint answering pages; a crash becomes a 500 page with a reference id."""

    def handle_request(self, request):
        request.shallow = False
        event = Event()
        try:
            self.container.spawn_worker(self, (request,), request.path_values, context_data={},
                                        handle_result=partial(self._handle_result, event))
        except ContainerBeingKilled:
            return Response("Layanan sedang dihentikan; coba lagi.", status=503, content_type="text/plain")
        result, exc_info, call_id = event.wait()
        if exc_info is None and isinstance(result, Response):
            result.headers[REQUEST_ID_HEADER] = call_id
            return result
        error = exc_info[1] if exc_info else result
        log.error("unexpected error answering %s %s: %r (reference %s)", request.method, request.path,
                  error, call_id, extra={"call_id": call_id})
        return internal_error_page(request, call_id)

    def _handle_result(self, event, worker_ctx, result, exc_info):
        event.send((result, exc_info, worker_ctx.call_id))
        return result, exc_info


def internal_error_page(request, reference: str) -> Response:
    session = codec().loads(request.cookies.get(COOKIE_NAME))
    _ = i18n.gettext_for(session.lang)
    context = {"lang": session.lang, "csrf_token": session.csrf, "user": None, "roles": [], "menu": [],
               "flashes": [], "path": request.path, "status": 500, "fields": {}, "reference": reference,
               "message": _("Terjadi kesalahan pada sistem. Kami sudah mencatatnya."), "title": None,
               "public_url": env("SITUOK_PUBLIC_URL")}
    try:
        response = Response(render("errors/error.html", context), status=500, content_type=HTML)
    except Exception:  # the error page itself failed: still answer, still name the reference
        log.exception("error page failed (reference %s)", reference)
        response = Response(f"500 - {context['message']} ({reference})", status=500, content_type="text/plain")
    response.headers[REQUEST_ID_HEADER] = reference
    return response


def page(method: str, url: str, *, public: bool = False, roles=None, identify: bool = True):
    """Declare a page route (see module doc). POSTs must carry the session's CSRF token.

    A ``public`` page still recognises a signed-in visitor (menu, name) unless
    ``identify`` is false (static files).
    """

    def decorator(fn):
        @functools.wraps(fn)
        def route(self, request, **path_values):
            visit = Visit(self, request, public)
            try:
                if request.method == "POST":
                    visit.check_csrf()
                if not public:
                    visit.authenticate()
                    if roles:
                        visit.require_roles(roles)
                elif identify and visit.session.logged_in:
                    visit.try_authenticate()
                result = fn(self, visit, **path_values)
            except LoginRequired:
                result = visit.login_redirect()
            except Unauthorized:  # personnel no longer accepts this session (account deactivated …)
                visit.end_session(visit._("Sesi Anda berakhir; silakan masuk kembali."))
                result = visit.login_redirect()
            except DomainError as exc:
                result = visit.error_page(exc)
            return visit.finish(result)

        return PageHandler.decorator(method, url)(route)

    return decorator
