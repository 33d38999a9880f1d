"""Files people uploaded are served back as downloads (never rendered by the browser under the API's origin),
and check-in/out tell attendance the client's address as the edge saw it."""
import base64
import inspect

import pytest
from attendance.service import AttendanceService
from gateway.http import Reply
from gateway.routes import file_answer
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory

PNG = b"\x89PNG\r\n\x1a\n0000"
PDF = b"%PDF-1.7\n% a letter"
HERE = {"latitude": -8.6725, "longitude": 115.2334, "accuracy": 12.0}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def stored(name, content_type, content, **extra):
    return {"id": 9, "filename": name, "content_type": content_type, "sha256": "0",
            "content_b64": base64.b64encode(content).decode(), **extra}


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "text/plain"])
def test_travel_attachment_is_always_a_download_with_nosniff(service, content_type):
    service.travel.get_attachment.return_value = stored("foto kegiatan.png", content_type, PNG)
    reply = service.travel_attachment(make_request("/x"), attachment_id=9)
    assert isinstance(reply, Reply)
    assert reply.headers["Content-Disposition"] == 'attachment; filename="foto kegiatan.png"'
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_leave_attachment_is_a_download_with_a_safe_ascii_name(service):
    service.attendance.get_request.return_value = {"id": 12, "attachment": stored(
        '../../surat "dokter"\r\nSet-Cookie: x=1 – Pérez.pdf', "application/pdf", PDF)}
    reply = service.attendance_request_attachment(make_request("/x"), request_id=12)
    disposition = reply.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.isascii()
    assert "\r" not in disposition and "\n" not in disposition and "/" not in disposition
    assert "filename*" not in disposition and disposition.count('"') == 2
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_an_upload_stored_with_a_renderable_type_is_served_as_bytes():
    answer = file_answer("attachment")(stored("x.html", "text/html", b"<script>x</script>"), {})
    assert answer.content_type == "application/octet-stream"
    assert answer.headers["Content-Disposition"].startswith("attachment;")


def test_generated_letters_may_still_open_inline():
    answer = file_answer("document", "application/pdf")({"filename": "SPT_1.pdf", "content_type": "application/pdf",
                                                        "content_b64": base64.b64encode(PDF).decode()}, {})
    assert answer.headers["Content-Disposition"] == 'inline; filename="SPT_1.pdf"'
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("entry, rpc", [("attendance_check_in", "check_in"), ("attendance_check_out", "check_out")])
def test_check_in_and_out_pass_the_client_address_the_edge_saw(service, entry, rpc):
    getattr(service.attendance, rpc).return_value = {"id": 1, "replayed": False}
    request = make_request("/x", method="POST", json=HERE, headers={
        "X-Forwarded-For": "10.20.3.4, 203.0.113.9", "Idempotency-Key": "k-1"})
    getattr(service, entry)(request)
    getattr(service.attendance, rpc).assert_called_once_with(data=HERE, idempotency_key="k-1",
                                                            client_address="203.0.113.9")


@pytest.mark.parametrize("rpc", ["check_in", "check_out"])
def test_attendance_takes_the_client_address(rpc):
    assert "client_address" in inspect.signature(getattr(AttendanceService, rpc)).parameters
