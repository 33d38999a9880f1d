"""Request bodies, request ids, responses and the 404/405 fallback (no server)."""
import orjson
import pytest
from gateway.http import (
    MAX_BODY_BYTES,
    ApiHandler,
    Reply,
    api,
    idempotency_key,
    json_response,
    read_json,
    require_text,
    route_miss,
)
from gateway.service import GatewayService
from gateway_requests import make_request
from situok_kit.edge import request_id_from
from situok_kit.errors import BadRequest, MethodNotAllowed, NotFound, PayloadTooLarge, Unauthorized, ValidationFailed


def test_read_json_object():
    request = make_request(method="POST", json={"name": "Ayu"})
    assert read_json(request) == {"name": "Ayu"}


def test_read_json_accepts_json_suffix_and_charset():
    request = make_request(method="POST", data=b'{"a": 1}', content_type="application/merge-patch+json")
    assert read_json(request) == {"a": 1}
    request = make_request(method="POST", data=b'{"a": 1}', content_type="application/json; charset=utf-8")
    assert read_json(request) == {"a": 1}


@pytest.mark.parametrize("data, content_type, field, words", [
    (b'{"a": ', "application/json", "body", "JSON tidak valid"),
    (b"\xff\xfe", "application/json", "body", "JSON tidak valid"),
    (b"[1, 2]", "application/json", "body", "objek JSON"),
    (b'"text"', "application/json", "body", "objek JSON"),
    (b"a=1", "application/x-www-form-urlencoded", "content_type", "application/x-www-form-urlencoded"),
    (b'{"a": 1}', None, "content_type", "(kosong)"),
    (b"", "application/json", "body", "kosong"),
])
def test_read_json_rejects_with_400_naming_the_problem(data, content_type, field, words):
    request = make_request(method="POST", data=data, content_type=content_type)
    with pytest.raises(BadRequest) as caught:
        read_json(request)
    assert field in caught.value.fields
    assert words in caught.value.message


def test_body_over_the_limit_is_413_and_not_read():
    request = make_request(method="POST", data=b'{"a": "' + b"x" * MAX_BODY_BYTES + b'"}',
                           content_type="application/json")
    with pytest.raises(PayloadTooLarge) as caught:
        read_json(request)
    assert caught.value.status == 413


def test_optional_body_reads_empty_as_empty_object():
    assert read_json(make_request(method="POST"), required=False) == {}


def test_require_text():
    assert require_text({"username": "a", "password": "b"}, "username", "password") == ["a", "b"]
    with pytest.raises(ValidationFailed) as caught:
        require_text({"username": 5, "password": ""}, "username", "password")
    assert caught.value.fields == {"username": "Harus teks.", "password": "Wajib diisi."}


@pytest.mark.parametrize("value, expected", [
    ("abc-123", "abc-123"),
    ("trace:1.2_3", "trace:1.2_3"),
    ("x" * 128, "x" * 128),
    ("x" * 129, None),
    ("has space", None),
    ("semi;colon", None),
    ("", None),
])
def test_request_id_from_header(value, expected):
    headers = {"X-Request-Id": value} if value else {}
    assert request_id_from(make_request(headers=headers)) == expected


def test_idempotency_key():
    assert idempotency_key(make_request(headers={"Idempotency-Key": " k1 "})) == "k1"
    assert idempotency_key(make_request(headers={"Idempotency-Key": "  "})) is None
    assert idempotency_key(make_request()) is None


def test_json_response_sets_request_id_and_serializes():
    response = json_response({"a": [1, "dua"]}, 201, {"Location": "/x"}, "req-1")
    assert response.status_code == 201
    assert response.headers["X-Request-Id"] == "req-1"
    assert response.headers["Location"] == "/x"
    assert response.mimetype == "application/json"
    assert orjson.loads(response.get_data()) == {"a": [1, "dua"]}


@pytest.mark.parametrize("method, path, outcome", [
    ("GET", "/api/v1/unknown", NotFound),
    ("GET", "/api/v1/employees/abc", NotFound),
    ("DELETE", "/api/v1/employees", MethodNotAllowed),
    ("PUT", "/api/v1/employees/5", MethodNotAllowed),
    ("POST", "/health/live", MethodNotAllowed),
])
def test_route_miss_tells_unknown_paths_from_wrong_methods(method, path, outcome):
    assert isinstance(route_miss(GatewayService, make_request(path, method=method)), outcome)


def test_route_miss_lists_allowed_methods():
    result = route_miss(GatewayService, make_request("/api/v1/employees/5", method="DELETE"))
    assert set(result.extra["allow"]) == {"GET", "HEAD", "PATCH"}
    options = route_miss(GatewayService, make_request("/api/v1/employees", method="OPTIONS"))
    assert isinstance(options, Reply) and options.status == 204
    assert set(options.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


class _Service:
    class auth:  # stands in for the Authenticator dependency
        calls = []

        @classmethod
        def authenticate(cls, request):
            cls.calls.append(request.path)
            if "Authorization" not in request.headers:
                raise Unauthorized("Autentikasi diperlukan.")

    @api("GET", "/private")
    def private(self, request):
        return {"ok": True}

    @api("GET", "/public", public=True)
    def public(self, request):
        raise NotFound("Tidak ada.")


def test_api_routes_authenticate_unless_public_and_return_errors():
    service = _Service()
    assert isinstance(service.private(make_request("/private")), Unauthorized)
    reply = service.private(make_request("/private", headers={"Authorization": "Bearer x"}))
    assert isinstance(reply, Reply) and reply.body == {"ok": True} and reply.status == 200
    _Service.auth.calls.clear()
    assert isinstance(service.public(make_request("/public")), NotFound)
    assert _Service.auth.calls == []


def test_api_registers_an_entrypoint_with_its_doc():
    [entrypoint] = _Service.private.nameko_entrypoints
    assert isinstance(entrypoint, ApiHandler)
    assert (entrypoint.method, entrypoint.url, entrypoint.public) == ("GET", "/private", False)
