"""Domain errors, outages and unexpected failures as problem documents."""
import pytest
from gateway.problems import internal_problem, problem_of, retry_after_seconds
from kombu.exceptions import OperationalError
from nameko.exceptions import RemoteError, UnknownService
from situok_kit import errors
from situok_kit.edge import failure_of
from situok_kit.errors import MethodNotAllowed


def problem_from_error(error):
    return problem_of(failure_of(error, "ref-1"))


@pytest.mark.parametrize("error, status, code", [
    (errors.BadRequest("x"), 400, "bad_request"),
    (errors.Unauthorized("x"), 401, "unauthorized"),
    (errors.Forbidden("x"), 403, "forbidden"),
    (errors.NotFound("x"), 404, "not_found"),
    (errors.Conflict("x"), 409, "conflict"),
    (errors.ValidationFailed("x", {"nip": "NIP harus 18 digit."}), 422, "validation_failed"),
    (errors.AccountLocked("x", {}, {"retry_after": 30}), 423, "account_locked"),
    (errors.ServiceUnavailable("x"), 503, "service_unavailable"),
    (errors.ServiceTimeout("x"), 504, "service_timeout"),
    (MethodNotAllowed("x", extra={"allow": ["GET"]}), 405, "method_not_allowed"),
])
def test_domain_errors_keep_status_and_code(error, status, code):
    problem = problem_from_error(error)
    assert (problem.status, problem.code, problem.detail) == (status, code, "x")
    doc = problem.document("req-1", "/api/v1/x")
    assert doc["type"] == f"urn:situok:problem:{code}"
    assert doc["status"] == status and doc["request_id"] == "req-1" and doc["instance"] == "/api/v1/x"
    assert doc["title"]


def test_fields_are_passed_as_strings_and_omitted_when_empty():
    doc = problem_from_error(errors.ValidationFailed("Data tidak valid.", {"nip": "Salah.", "unit_id": 3})).document()
    assert doc["fields"] == {"nip": "Salah.", "unit_id": "3"}
    assert doc["title"] == "Data tidak valid."
    assert "fields" not in problem_from_error(errors.NotFound("Tidak ada.")).document()


def test_401_carries_a_bearer_challenge():
    assert problem_from_error(errors.Unauthorized("x")).headers["WWW-Authenticate"] == 'Bearer realm="situok"'
    bad_token = problem_from_error(errors.Unauthorized("x", {"token": "expired"}))
    assert bad_token.headers["WWW-Authenticate"] == 'Bearer realm="situok", error="invalid_token"'


def test_account_locked_carries_retry_after_even_after_rpc_stringified_it():
    assert problem_from_error(errors.AccountLocked("x", {}, {"retry_after": "89.2"})).headers["Retry-After"] == "90"
    assert retry_after_seconds(0.2) == 1
    assert retry_after_seconds(None) == 60


def test_a_throttled_login_is_a_plain_401_that_says_when_to_retry():
    problem = problem_from_error(errors.Unauthorized("Nama pengguna atau kata sandi salah.", {},
                                                     {"retry_after": 7.5}))
    assert problem.status == 401 and problem.headers["Retry-After"] == "8"
    assert "Retry-After" not in problem_from_error(errors.Unauthorized("x")).headers


def test_method_not_allowed_lists_allowed_methods():
    problem = problem_from_error(MethodNotAllowed("x", extra={"allow": ["GET", "POST"]}))
    assert problem.headers["Allow"] == "GET, POST"


@pytest.mark.parametrize("error", [UnknownService("personnel"), OperationalError("[Errno 111] refused"),
                                   RemoteError("OperationalError", "could not connect")])
def test_an_unreachable_dependency_is_503_with_retry_after(error):
    problem = problem_from_error(error)
    assert problem.status == 503 and problem.headers["Retry-After"] == "5"


@pytest.mark.parametrize("error", [RuntimeError("secret"), RemoteError("KeyError", "secret"), KeyError("secret")])
def test_unexpected_errors_are_500_naming_only_the_reference(error):
    problem = problem_from_error(error)
    assert problem.status == 500 and "secret" not in problem.detail and "ref-1" in problem.detail


def test_internal_problem_names_only_the_reference():
    doc = internal_problem("gateway.me.abc").document("gateway.me.abc", "/api/v1/me")
    assert doc["status"] == 500 and "gateway.me.abc" in doc["detail"]
    assert set(doc) == {"type", "title", "status", "detail", "instance", "request_id"}
