"""The registry of domains: every row calls an RPC its service has, with arguments it takes, and documents
its bodies and answers with schemas that service declares."""
from __future__ import annotations

import importlib
import inspect
import json
import re

import pytest
from gateway.domains import domains
from gateway.openapi import build_spec
from gateway.routes import Upload
from gateway.service import GatewayService
from situok_contracts.services import BY_NAME

ROWS = [(domain, route) for domain in domains() for route in domain.routes]


def service_class(name: str):
    module = importlib.import_module(f"{name}.service")
    classes = [value for value in vars(module).values() if isinstance(value, type)]
    return next(cls for cls in classes if getattr(cls, "name", None) == name and cls.__module__ == module.__name__)


def path_names(route) -> set[str]:
    return set(re.findall(r"<(?:[^:>]+:)?(\w+)>", route.path))


@pytest.mark.parametrize("domain, route", ROWS, ids=lambda x: getattr(x, "operation_id", None) or x.service)
def test_every_row_calls_an_rpc_its_service_has_with_arguments_it_takes(domain, route):
    if route.handler is not None:
        return
    method = getattr(service_class(domain.service), route.rpc)
    params = inspect.signature(method).parameters
    sent = path_names(route)
    if route.query is not None:
        sent |= {"filters", "cursor", "limit"} if route.paged else set(route.query.fields)
        if route.paged and not set(route.query.fields) - {"cursor", "limit"}:
            sent -= {"filters"}
    if route.body is not None:
        sent |= {"filename", "content_b64"} if isinstance(route.body, Upload) else set(
            getattr(route.body, "names", ()) or ([route.body.arg] if hasattr(route.body, "arg") else []))
    if route.idempotent:
        sent.add("idempotency_key")
    assert sent <= set(params) - {"self"}, f"{domain.service}.{route.rpc} does not take {sent - set(params)}"


def test_every_domain_is_a_service_in_the_list():
    for domain in domains():
        assert domain.service in BY_NAME, domain.service
        assert domain.service in BY_NAME["gateway"].imports


def test_documented_components_are_the_services_own_and_every_ref_resolves():
    spec = build_spec(GatewayService)
    components = spec["components"]["schemas"]
    for domain in domains():
        contract = importlib.import_module(domain.schemas).SCHEMAS
        for route in domain.routes:
            for name in (route.response, getattr(route.body, "component", None)):
                if name:
                    assert name in contract, f"{route.operation_id}: {name} is not in {domain.schemas}.SCHEMAS"
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert refs <= set(components), refs - set(components)


def test_the_launcher_runs_the_assembled_service_with_every_route():
    from situok_kit.launcher import find_service_class

    assert find_service_class("gateway") is GatewayService
    assert {route.operation_id for _, route in ROWS} <= set(dir(GatewayService))
