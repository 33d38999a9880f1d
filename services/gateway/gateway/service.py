"""The gateway: SITU OK's JSON API (``/api/v1``) for client apps.

Thin by design: its routes are the domains' tables (``gateway.domains``), each row read from the request,
sent to the owning service over RPC with the caller's identity in context, and answered
(``gateway.routes``). Authentication, problem documents and request ids live in ``gateway.http`` /
``gateway.auth``; the OpenAPI document is generated from the same tables (``gateway.openapi``). This module
only assembles the Nameko service class: the kit's health checks, the revocation broadcast, one RPC proxy
per domain, one entrypoint per row, the documentation pages and the fallback for unknown paths.
"""
from __future__ import annotations

from situok_kit import codec
from situok_kit.authn import RevokedSessionsConsumer
from situok_kit.errors import NotFound
from situok_kit.health import HealthMixin
from situok_kit.logs import CallIdLogging
from situok_kit.rpc import TimedRpcProxy

from . import docs
from .auth import Authenticator
from .domains import Domain, domains
from .http import ALL_METHODS, FallbackHandler, Reply, api, from_nameko, route_miss
from .openapi import spec_json
from .routes import Route

codec.install()  # replies of a page of employees decode several times faster (also done by the launcher)

DOCS = "Dokumentasi"


def openapi_document(service, request):
    return Reply(spec_json(type(service)), headers={"Cache-Control": "public, max-age=300"})


def docs_page(service, request):
    return Reply(docs.PAGE, content_type="text/html; charset=utf-8")


def docs_asset(service, request, asset):
    found = docs.asset(asset)
    if found is None:
        raise NotFound(f"Berkas dokumentasi {asset} tidak ada.")
    data, content_type = found
    return Reply(data, content_type=content_type, headers={"Cache-Control": "public, max-age=86400"})


#: The gateway's own pages: the document and its browser (no service behind them).
OWN_ROUTES = (
    Route("GET", "/openapi.json", None, "Dokumen OpenAPI 3 API ini", DOCS, name="openapi", public=True,
          backend=False, handler=openapi_document),
    Route("GET", docs.DOCS_PATH.removeprefix("/api/v1"), None, "Halaman dokumentasi (Swagger UI, tanpa internet)",
          DOCS, name="docs_page", public=True, backend=False, content_type="text/html", handler=docs_page),
    Route("GET", docs.DOCS_PATH.removeprefix("/api/v1") + "/<asset>", None, "Berkas halaman dokumentasi", DOCS,
          name="docs_asset", public=True, backend=False, errors=(404,), content_type="application/octet-stream",
          handler=docs_asset),
)


class GatewayBase(HealthMixin, RevokedSessionsConsumer):
    """What every gateway has besides its routes (it takes its Nameko ``name`` only once assembled, so the
    launcher finds one service class here)."""

    auth = Authenticator(warm_from="personnel")
    call_ids = CallIdLogging()

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


def entrypoint(route: Route, service: str | None):
    """The Nameko entrypoint of one row: authenticate (unless public), call, answer."""

    def handle(self, request, **path):
        return route.call(self, getattr(self, service) if service else None, request, path)

    handle.__name__ = handle.__qualname__ = route.operation_id
    handle.__doc__ = route.summary
    return api(route.method, route.url, public=route.public, doc=route)(handle)


def assemble(base: type, registry: tuple[Domain, ...], own: tuple[Route, ...] = OWN_ROUTES) -> type:
    """``base`` with one RPC proxy per domain (named after its service) and one entrypoint per route."""
    members: dict = {"name": "gateway"}
    for domain in registry:
        members[domain.service] = TimedRpcProxy(domain.service)
        for route in domain.routes:
            _add(members, route.operation_id, entrypoint(route, domain.service))
    for route in own:
        _add(members, route.operation_id, entrypoint(route, None))
    return type("GatewayService", (base,), {"__module__": __name__, "__doc__": base.__doc__, **members})


def _add(members: dict, name: str, value) -> None:
    if name in members:
        raise ValueError(f"two gateway routes are named {name!r}: give one an explicit name=")
    members[name] = value


GatewayService = assemble(GatewayBase, domains())
