"""The HTTP edge's decisions: what a caller is told for each kind of error, request ids, body limits."""
from __future__ import annotations

import pytest
from kombu.exceptions import OperationalError as KombuOperationalError
from nameko.exceptions import RemoteError, UnknownService
from situok_kit.edge import RETRY_AFTER_SECONDS, failure_of, limit_body, request_id_from
from situok_kit.errors import NotFound, PayloadTooLarge, ServiceTimeout, ServiceUnavailable, ValidationFailed
from sqlalchemy.exc import OperationalError as DBOperationalError
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request


def request(headers=None, data=b""):
    return Request(EnvironBuilder(path="/x", method="POST", headers=headers or {}, data=data).get_environ())


def test_a_domain_error_is_told_as_it_is():
    failure = failure_of(ValidationFailed("Data tidak valid.", {"nip": "Salah."}), "r1")
    assert (failure.status, failure.code, failure.message, failure.fields) == (
        422, "validation_failed", "Data tidak valid.", {"nip": "Salah."})
    assert failure_of(NotFound("x"), "r1").status == 404


@pytest.mark.parametrize("error", [
    KombuOperationalError("[Errno 111] Connection refused"),
    ConnectionRefusedError(111, "refused"),
    DBOperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")),
    RemoteError("OperationalError", "could not connect to server"),
    UnknownService("personnel"),
    ServiceUnavailable("Layanan personnel tidak tersedia."),
])
def test_an_unreachable_dependency_is_503_with_retry_after_never_500(error):
    failure = failure_of(error, "r1")
    assert failure.status == 503 and failure.code == "service_unavailable"
    assert failure.headers == {"Retry-After": str(RETRY_AFTER_SECONDS)}
    assert "Errno" not in failure.message and "SELECT" not in failure.message


def test_a_timeout_is_504_and_anything_else_500_naming_only_the_reference():
    assert failure_of(ServiceTimeout("lambat"), "r1").status == 504
    failure = failure_of(KeyError("secret internals"), "ref-9")
    assert (failure.status, failure.reference) == (500, "ref-9")
    assert "secret" not in failure.message
    assert failure_of(RemoteError("KeyError", "boom"), "r").status == 500


def test_request_id_is_taken_only_when_short_and_plain():
    assert request_id_from(request({"X-Request-Id": "abc-1.2:3_4"})) == "abc-1.2:3_4"
    assert request_id_from(request({"X-Request-Id": "a b"})) is None
    assert request_id_from(request({"X-Request-Id": "x" * 129})) is None
    assert request_id_from(request()) is None


def test_a_body_over_the_limit_is_413_and_not_read():
    assert limit_body(request(data=b"12345"), 10) == b"12345"
    with pytest.raises(PayloadTooLarge) as caught:
        limit_body(request(data=b"x" * 2048), 1024)
    assert caught.value.message == "Badan permintaan melebihi 1 KiB."
