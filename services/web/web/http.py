"""Pages: an ``@http`` entrypoint that answers HTML, with sessions, CSRF and capability checks.

Routes are declared with ``@page(method, url, public=..., needs=...)`` on a method ``fn(self, visit,
**path_values)``. ``Visit`` is one request seen by the web app: its session (``web.sessions``), the signed-in
identity (verified like the gateway does, refreshed with the session's refresh token when the access token has
expired), what the services say the user may do (``web.capabilities``: ``visit.can("travel", "decide")``), the
translator and the form. ``needs`` names the capabilities of which one opens the page (``("attendance",
"supervise")``); the service behind the page still decides per record. ``fn`` returns a ``Page`` (template +
context) or a werkzeug ``Response`` (a redirect, a file).

The entrypoint is the kit's HTTP edge (``situok_kit.edge.EdgeHandler``, shared with the gateway): the request
id, the failure mapping and its logging are the kit's. Errors become pages in the same layout: a
``DomainError`` its status (403, 404, 422 …); an unreachable service a 503 page ("Layanan sedang tidak
tersedia") with ``Retry-After``, a timeout a 504; anything unexpected a 500 page naming a reference id that
is in the logs, never the exception itself.
"""
from __future__ import annotations

import functools
import logging
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import partial

from situok_kit.config import env, env_int
from situok_kit.edge import EdgeHandler, Failure, failure_of, is_outage
from situok_kit.errors import DomainError, Forbidden, PayloadTooLarge, ServiceUnavailable, Unauthorized
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from . import capabilities, i18n, nav
from .i18n import gettext_noop as N_
from .rendering import render
from .sessions import COOKIE_NAME, SessionCodec, SessionPolicy, WebSession, csrf_matches

log = logging.getLogger("situok.web")
audit = logging.getLogger("situok.audit")

HTML = "text/html; charset=utf-8"
#: What an error page says when a service is unreachable or slow (503/504), and after a crash (500).
UNAVAILABLE = N_("Coba lagi sebentar lagi.")
CRASHED = N_("Terjadi kesalahan pada sistem. Kami sudah mencatatnya.")
#: Forms are small; file uploads (trip reports, receipts) stay under this.
MAX_FORM_BYTES = 8 * 1024 * 1024


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


def _unsafe_char(ch: str) -> bool:
    import unicodedata

    return ch == "\\" or ch.isspace() or unicodedata.category(ch)[0] == "C"


def _local_path(target: object) -> bool:
    """Whether ``target`` is a path on this site however a browser or proxy reads it: one leading ``/``, no
    ``//``, backslash, whitespace or control character — raw anywhere, and in the path also after
    percent-decoding (repeatedly: ``%252F``) — and nothing that joins onto another host or scheme. The query
    and fragment are only checked raw: a browser does not decode them into the location's host."""
    if not isinstance(target, str) or not target.startswith("/") or any(map(_unsafe_char, target)):
        return False
    path = target.split("?", 1)[0].split("#", 1)[0]
    for _ in range(4):
        if "//" in path or any(map(_unsafe_char, path)):
            return False
        decoded = urllib.parse.unquote(path)
        if decoded == path:
            break
        path = decoded
    else:
        return False  # still percent-encoded after several rounds: no honest link looks like that
    for candidate in (target, path):
        parts = urllib.parse.urlsplit(candidate)
        joined = urllib.parse.urlsplit(urllib.parse.urljoin("https://situok.invalid/", candidate))
        if parts.scheme or parts.netloc or joined.netloc != "situok.invalid" or joined.scheme != "https":
            return False
    return True


def safe_next(target: str | None) -> str:
    """A local path to return to after login (see ``_local_path``); anything else (``//evil``, ``http://…``,
    ``/%2F%2Fevil``, ``/\\evil``, ``/%09/evil``) becomes ``/``, the home page."""
    return target if _local_path(target) else "/"


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
        self._capabilities = None
        self._asked: set[str] = set()  # services whose capabilities were asked during this request
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
                raise PayloadTooLarge(self._("Berkas atau formulir terlalu besar (maksimal 8 MB)."))
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

    # -- what the services say the user may do -----------------------------------------------------------
    def capabilities(self) -> dict[str, frozenset[str]]:
        """service -> the capabilities it granted the signed-in user (a service that did not answer is missing;
        nobody signed in: nothing)."""
        if self.identity is None:
            return {}
        if self._capabilities is None:
            self._capabilities = capabilities.load(self.service, self.session, nav.services(), self._asked)
        return self._capabilities

    def fresh_capabilities(self, service: str) -> frozenset[str]:
        """What ``service`` grants the user, asked now (kept in the session for the menu); 503 while it does
        not answer. For a page whose content depends on it, and before refusing."""
        found = self.capabilities()
        if service not in self._asked:
            self._asked.add(service)
            answer = capabilities.ask(self.service, self.session, service)
            if answer is None:
                found.pop(service, None)
            else:
                found[service] = answer
        return self.capabilities_of(service)

    def can(self, service: str, name: str) -> bool:
        """Whether ``service`` grants the user ``name`` (false while it does not answer)."""
        return name in self.capabilities().get(service, ())

    def capabilities_of(self, service: str) -> frozenset[str]:
        """What ``service`` grants the user, for a page that cannot do without it: 503 while it does not
        answer."""
        found = self.capabilities().get(service)
        if found is None:
            raise ServiceUnavailable(f"Layanan {service} tidak tersedia.")
        return found

    def require(self, needs) -> None:
        """A page's gate: one of ``needs`` granted, else 403; 503 while the services asked do not answer."""
        if nav.granted(self.capabilities(), needs):
            return
        for service, _name in nav.needs_of(needs):
            self.fresh_capabilities(service)  # what the session kept may be old; not answering: 503, not 403
        if nav.granted(self.capabilities(), needs):
            return
        audit.warning("denied: capability", extra={"action": self.action, "decision": "forbidden",
                                                    "account_id": self.identity.account_id})
        raise Forbidden(self._("Anda tidak berwenang membuka halaman ini."))

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
            "roles": roles, "menu": nav.menu_for(self.capabilities()) if self.identity else [],
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

    def failure_page(self, failure: Failure) -> Response:
        """The page telling the user about ``failure`` (``situok_kit.edge.failure_of``), in the layout."""
        context = failure_context(failure, self._)
        response = self.render(Page("errors/error.html", context, failure.status))
        response.headers.update(failure.headers)
        return response

    def finish(self, result) -> Response:
        response = self.render(result) if isinstance(result, Page) else result
        if self.session.dirty:
            response.set_cookie(value=codec().dumps(self.session), **codec().cookie_options(self.session))
        if self.session.logged_in or self.identity is not None:
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Language", self.session.lang)
        return response


def failure_context(failure: Failure, translate) -> dict:
    """The error page's context: an unreachable or slow service is a friendly "try again soon", a crash names
    only its reference, a domain error says what the service said."""
    if failure.status in (503, 504):
        message = translate(UNAVAILABLE)
    elif failure.status >= 500:
        message = translate(CRASHED)
    else:
        message = translate(failure.message)
    fields = failure.fields if failure.status < 500 else {}
    return {"status": failure.status, "message": message, "fields": fields, "reference": failure.reference}


class PageHandler(EdgeHandler):
    """``@http`` entrypoint answering pages: the kit's edge (request id, 503 with Retry-After while a dependency
    is unreachable, a 500 naming only a reference), its failures rendered as pages in the site's layout."""

    def render(self, failure: Failure, request, request_id: str | None) -> Response:
        return failure_page(request, failure)


def failure_page(request, failure: Failure) -> Response:
    """An error page for a request the route did not answer (a crash, a service stopping), without the
    session's menu: only the language is read from the cookie."""
    session = codec().loads(request.cookies.get(COOKIE_NAME))
    _ = i18n.gettext_for(session.lang)
    context = {"lang": session.lang, "csrf_token": session.csrf, "user": None, "roles": [], "menu": [],
               "flashes": [], "path": request.path, "title": None, "public_url": env("SITUOK_PUBLIC_URL"),
               **failure_context(failure, _)}
    try:
        response = Response(render("errors/error.html", context), status=failure.status, content_type=HTML)
    except Exception:  # the error page itself failed: still answer, still name the reference
        log.exception("error page failed (reference %s)", failure.reference)
        response = Response(f"{failure.status} - {context['message']} ({failure.reference or '-'})",
                            status=failure.status, content_type="text/plain")
    response.headers.update(failure.headers)
    return response


def page(method: str, url: str, *, public: bool = False, needs=None, identify: bool = True):
    """Declare a page route (see module doc). POSTs must carry the session's CSRF token.

    ``needs``: the capability, or capabilities of which any one, that open the page (``("travel",
    "create_order")``). A ``public`` page still recognises a signed-in visitor (menu, name) unless ``identify``
    is false (static files).
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
                    if needs:
                        visit.require(needs)
                elif identify and visit.session.logged_in:
                    visit.try_authenticate()
                result = fn(self, visit, **path_values)
            except LoginRequired:
                result = visit.login_redirect()
            except Unauthorized:  # personnel no longer accepts this session (account deactivated …)
                visit.end_session(visit._("Sesi Anda berakhir; silakan masuk kembali."))
                result = visit.login_redirect()
            except Exception as exc:
                if not (isinstance(exc, DomainError) or is_outage(exc)):
                    raise  # the edge logs it and answers a 500 page naming its reference
                result = visit.failure_page(failure_of(exc, ""))
            return visit.finish(result)

        route.needs = nav.needs_of(needs)  # what opens the page (the tests check each names a real capability)
        return PageHandler.decorator(method, url)(route)

    return decorator
