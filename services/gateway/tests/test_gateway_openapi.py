"""The generated OpenAPI document and the offline docs page.

The document is validated against the official OpenAPI 3.0 JSON Schema
(``oas-3.0-schema-2021-09-28.json``, published by the OpenAPI Initiative under
the Apache License 2.0, as shipped in openapi-spec-validator), plus the checks
a schema cannot make: every ``$ref`` resolves, every path template has its
path parameters.
"""
import json
import pathlib
import re

import orjson
import pytest
from gateway import docs
from gateway.http import ApiHandler, FallbackHandler
from gateway.openapi import PROBLEM_RESPONSES, api_routes, build_spec, openapi_path, spec_json
from gateway.service import GatewayService
from jsonschema import Draft4Validator

OAS_30_SCHEMA = json.loads((pathlib.Path(__file__).parent / "oas-3.0-schema-2021-09-28.json").read_text())


@pytest.fixture(scope="module")
def spec():
    return build_spec(GatewayService)


def all_api_entrypoints():
    """Every route of the service, its mixins' (the travel routes) included."""
    for klass in GatewayService.__mro__:
        for attr in vars(klass).values():
            for entrypoint in getattr(attr, "nameko_entrypoints", ()):
                if isinstance(entrypoint, ApiHandler) and not isinstance(entrypoint, FallbackHandler):
                    yield entrypoint


def test_is_valid_openapi_3(spec):
    errors = sorted(Draft4Validator(OAS_30_SCHEMA).iter_errors(spec), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert spec["openapi"].startswith("3.0")


def test_the_schema_check_catches_broken_documents(spec):
    broken = json.loads(json.dumps(spec))
    del broken["paths"]["/api/v1/me"]["get"]["responses"]
    broken["paths"]["/api/v1/employees"]["get"]["parameters"].append({"in": "query"})
    assert len(list(Draft4Validator(OAS_30_SCHEMA).iter_errors(broken))) >= 2


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_every_ref_resolves(spec):
    refs = set(_refs(spec))
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        node = spec
        for part in ref[2:].split("/"):
            assert part in node, ref
            node = node[part]


def test_path_templates_have_their_parameters(spec):
    for path, operations in spec["paths"].items():
        names = set(re.findall(r"{(\w+)}", path))
        for operation in operations.values():
            declared = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"}
            assert declared == names, (path, declared)


def test_every_route_is_documented(spec):
    entrypoints = list(all_api_entrypoints())
    assert len(entrypoints) >= 48
    for entrypoint in entrypoints:
        path, _ = openapi_path(entrypoint.url)
        assert entrypoint.doc is not None or path.startswith("/health/"), entrypoint.url
        assert entrypoint.method.lower() in spec["paths"][path], (entrypoint.method, path)


def test_required_routes_present(spec):
    expected = {
        ("post", "/api/v1/auth/login"), ("post", "/api/v1/auth/refresh"), ("post", "/api/v1/auth/logout"),
        ("post", "/api/v1/auth/password"), ("get", "/api/v1/me"),
        ("get", "/api/v1/employees"), ("post", "/api/v1/employees"), ("get", "/api/v1/employees/{employee_id}"),
        ("patch", "/api/v1/employees/{employee_id}"), ("post", "/api/v1/employees/{employee_id}/deactivate"),
        ("get", "/api/v1/org-units"), ("post", "/api/v1/org-units"), ("get", "/api/v1/org-units/{unit_id}"),
        ("patch", "/api/v1/org-units/{unit_id}"), ("get", "/api/v1/positions"),
        ("get", "/api/v1/accounts"), ("post", "/api/v1/accounts"), ("get", "/api/v1/accounts/{account_id}"),
        ("patch", "/api/v1/accounts/{account_id}"), ("post", "/api/v1/accounts/{account_id}/unlock"),
        ("get", "/api/v1/openapi.json"), ("get", "/api/v1/docs"), ("get", "/health/live"), ("get", "/health/ready"),
    }
    documented = {(method, path) for path, ops in spec["paths"].items() for method in ops}
    assert expected <= documented


def test_components(spec):
    schemas = spec["components"]["schemas"]
    for name in ("Problem", "EmployeeIn", "EmployeeOut", "EmployeePatch", "EmployeePage", "OrgUnitIn", "OrgUnitOut",
                 "PositionOut", "AccountIn", "AccountOut", "LoginIn", "TokenOut", "MeOut"):
        assert name in schemas, name
    assert set(schemas["Problem"]["properties"]) == {"type", "title", "status", "detail", "fields", "instance",
                                                     "request_id"}
    assert "required" not in schemas["EmployeePatch"]
    assert "nip" in schemas["EmployeeIn"]["properties"]
    assert spec["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer",
                                                               "bearerFormat": "JWT"}
    for name, _ in PROBLEM_RESPONSES.values():
        content = spec["components"]["responses"][name]["content"]
        assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_operations_have_security_parameters_bodies_and_problems(spec):
    employees = spec["paths"]["/api/v1/employees"]
    listing, creating = employees["get"], employees["post"]
    names = {p["name"] for p in listing["parameters"] if "name" in p}
    assert {"q", "unit_id", "include_subunits", "employment_type", "is_asn", "active", "golongan", "cursor",
            "limit"} <= names
    assert listing["security"] == [{"bearer": []}]
    assert {"200", "401", "422", "500", "503", "504"} <= set(listing["responses"])
    assert creating["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/EmployeeIn"}
    assert {"201", "400", "403", "409", "422"} <= set(creating["responses"])
    assert "Location" in creating["responses"]["201"]["headers"]
    assert {"$ref": "#/components/parameters/Idempotency-Key"} in creating["parameters"]
    login = spec["paths"]["/api/v1/auth/login"]["post"]
    assert login["security"] == [] and "401" in login["responses"] and "423" not in login["responses"]
    detail = spec["paths"]["/api/v1/employees/{employee_id}"]["get"]
    [path_param] = [p for p in detail["parameters"] if p.get("in") == "path"]
    assert path_param == {"in": "path", "name": "employee_id", "required": True,
                          "schema": {"type": "integer", "minimum": 0}}
    assert "404" in detail["responses"]


def test_operation_ids_are_the_method_names(spec):
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert {name for name, *_ in api_routes(GatewayService)} <= set(ids)


def test_document_is_cached_bytes():
    first = spec_json(GatewayService)
    assert first is spec_json(GatewayService)
    assert orjson.loads(first)["info"]["title"] == "SITU OK API"


EXTERNAL_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def test_docs_page_references_nothing_outside_this_host():
    page, script = docs.PAGE, docs.asset("init.js")[0].decode()
    assert not EXTERNAL_URL.search(page) and "http" not in page
    assert not EXTERNAL_URL.search(script) and "http" not in script
    assert "validatorUrl: null" in script  # no badge fetched from the validator service
    for path in re.findall(r'(?:href|src)="([^"]+)"', page):
        assert path.startswith("/api/v1/"), path
        if path.startswith(docs.DOCS_PATH + "/"):
            assert docs.asset(path.rsplit("/", 1)[1]) is not None, path


def test_docs_assets_are_vendored():
    data, content_type = docs.asset("swagger-ui-bundle.js")
    assert len(data) > 100_000 and content_type.startswith("application/javascript")
    assert docs.asset("swagger-ui.css")[1].startswith("text/css")
    assert docs.asset("../../etc/passwd") is None
    assert docs.asset("index.html") is None
