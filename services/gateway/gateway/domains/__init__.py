"""The registry of domains the API serves: every module of this package that defines ``DOMAIN``.

A domain's module is its whole HTTP API: the service it calls, its OpenAPI tags, the module of the
service's contract schemas (registered as OpenAPI components as they are named there) and the table of its
routes (``gateway.routes.Route``). Adding a domain to the API is adding a module here; ``gateway.service``
turns the tables into entrypoints and ``gateway.openapi`` into the document.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from ..routes import Route


@dataclass(frozen=True)
class Tag:
    name: str
    description: str


@dataclass(frozen=True)
class Domain:
    #: The Nameko service the routes call (also the gateway's attribute holding its RPC proxy).
    service: str
    tags: tuple[Tag, ...]
    routes: tuple[Route, ...]
    #: The module whose ``SCHEMAS`` (name -> Marshmallow schema) documents the service's bodies and answers.
    schemas: str
    #: Where the domain's tags come in the document (smaller first).
    position: int


@cache
def domains() -> tuple[Domain, ...]:
    """Every domain module's ``DOMAIN``, in ``position`` order."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        domain = getattr(importlib.import_module(f"{__name__}.{module.name}"), "DOMAIN", None)
        if isinstance(domain, Domain):
            found.append(domain)
    return tuple(sorted(found, key=lambda d: (d.position, d.service)))
