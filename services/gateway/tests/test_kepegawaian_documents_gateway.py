"""The documents routes (``gateway.domains.kepegawaian_documents``) with kepegawaian replaced: every route named,
documented and answering a kepegawaian schema; filters, bodies and path values passed as kepegawaian's RPCs take
them; the file answered as itself (always a download, by the type kepegawaian judged); an upload over the limit a
413 unread; kepegawaian's refusals passed through."""
import base64

import pytest
from gateway.domains.kepegawaian_documents import DOMAIN, UPLOAD_BODY_BYTES
from gateway.http import route_map
from gateway.service import GatewayService
from gateway_requests import make_request
from kepegawaian.schemas import SCHEMAS
from nameko.testing.services import worker_factory
from situok_kit.errors import Forbidden, NotFound, PayloadTooLarge, ValidationFailed

DOC = {"id": 7, "employee_id": 3, "type_code": "ijazah", "status": "waiting", "allowed_actions": ["update"]}
UPLOAD = {"type_code": "ijazah", "number": "DN-1", "issued_on": "2012-09-01",
          "details": {"level": "S1", "institution": "Unud", "year": 2012},
          "file": base64.b64encode(b"%PDF-1.4").decode(), "file_name": "ijazah.pdf", "content_type": "application/pdf"}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_kepegawaian_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 14
    for route in DOMAIN.routes:
        assert route.path.startswith("/kepegawaian/") and route.summary and route.description and route.errors
        assert route.response is None or route.response in SCHEMAS
        assert route.body is None or getattr(route.body, "component", None) is None or route.body.component in SCHEMAS
        assert not route.public
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/documents/7/verify", method="POST")[1] == {"document_id": 7}
    assert urls.match("/api/v1/kepegawaian/units/4/document-completeness", method="GET")[1] == {"unit_id": 4}
    assert urls.match("/api/v1/kepegawaian/document-types/ijazah", method="PATCH")[1] == {"code": "ijazah"}


def test_reading_routes_pass_filters(service):
    service.kepegawaian.list_documents.return_value = {"items": [DOC], "next_cursor": None}
    reply = service.list_kepegawaian_documents(make_request(
        "/x", query_string="employee_id=3&status=waiting&type_code=ijazah&limit=5"))
    assert reply.status == 200 and reply.body["items"] == [DOC]
    service.kepegawaian.list_documents.assert_called_once_with(employee_id=3, status="waiting", type_code="ijazah",
                                                               limit=5)
    service.auth.authenticate.assert_called_once()
    answer = service.list_kepegawaian_documents(make_request("/x", query_string="status=lost"))
    assert isinstance(answer, ValidationFailed) and "status" in answer.fields
    service.kepegawaian.my_documents.return_value = {"employee_id": 3, "items": [DOC], "completeness": None}
    assert service.my_kepegawaian_documents(make_request("/x")).body["items"] == [DOC]
    service.kepegawaian.completeness.return_value = {"employee_id": 3, "complete": False}
    service.kepegawaian_document_completeness(make_request("/x"), employee_id=3)
    service.kepegawaian.completeness.assert_called_once_with(employee_id=3)
    service.kepegawaian.unit_completeness.return_value = {"unit_id": 4, "items": [], "next_cursor": None}
    service.kepegawaian_unit_document_completeness(make_request("/x", query_string="limit=10"), unit_id=4)
    service.kepegawaian.unit_completeness.assert_called_once_with(unit_id=4, limit=10)
    service.kepegawaian.expiring_documents.return_value = {"items": []}
    service.kepegawaian_expiring_documents(make_request("/x", query_string="days=60"))
    service.kepegawaian.expiring_documents.assert_called_once_with(days=60)
    answer = service.kepegawaian_expiring_documents(make_request("/x", query_string="days=0"))
    assert isinstance(answer, ValidationFailed)


def test_writing_routes_pass_bodies(service):
    service.kepegawaian.upload_document.return_value = DOC
    reply = service.upload_kepegawaian_document(make_request("/x", method="POST", json=UPLOAD))
    assert reply.status == 201 and reply.body == DOC
    service.kepegawaian.upload_document.assert_called_once_with(data=UPLOAD)
    service.kepegawaian.update_document.return_value = DOC
    service.update_kepegawaian_document(make_request("/x", method="PATCH", json={"number": "DN-2"}), document_id=7)
    service.kepegawaian.update_document.assert_called_once_with(document_id=7, data={"number": "DN-2"})
    service.kepegawaian.verify_document.return_value = {**DOC, "status": "verified"}
    assert service.verify_kepegawaian_document(make_request("/x", method="POST"), document_id=7).status == 200
    service.kepegawaian.verify_document.assert_called_once_with(document_id=7)
    service.kepegawaian.reject_document.return_value = {**DOC, "status": "rejected"}
    service.reject_kepegawaian_document(make_request("/x", method="POST", json={"reason": "Buram."}), document_id=7)
    service.kepegawaian.reject_document.assert_called_once_with(document_id=7, reason="Buram.")
    service.kepegawaian.delete_document.return_value = {"id": 7, "deleted": True}
    service.delete_kepegawaian_document(make_request("/x", method="DELETE"), document_id=7)
    service.kepegawaian.delete_document.assert_called_once_with(document_id=7)


def test_an_upload_over_the_limit_is_413_unread(service):
    assert UPLOAD_BODY_BYTES > (5 * 1024 * 1024 * 4) // 3 + 16 * 1024
    body = {**UPLOAD, "file": "A" * (UPLOAD_BODY_BYTES + 1)}
    assert isinstance(service.upload_kepegawaian_document(make_request("/x", method="POST", json=body)),
                      PayloadTooLarge)
    service.kepegawaian.upload_document.assert_not_called()


def test_the_file_is_a_download_of_the_type_kepegawaian_judged(service):
    service.kepegawaian.document_file.return_value = {
        "filename": "ijazah saya.png", "content_type": "image/png",
        "content_b64": base64.b64encode(b"\x89PNG").decode()}
    reply = service.kepegawaian_document_file(make_request("/x"), document_id=7)
    assert reply.body == b"\x89PNG" and reply.content_type == "image/png"
    assert reply.headers["Content-Disposition"].startswith("attachment;")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    service.kepegawaian.document_file.assert_called_once_with(document_id=7)
    service.kepegawaian.document_file.return_value = {
        "filename": "x.html", "content_type": "text/html", "content_b64": base64.b64encode(b"<html>").decode()}
    assert service.kepegawaian_document_file(make_request("/x"), document_id=8).content_type \
        == "application/octet-stream"


def test_kepegawaian_refusals_pass_through(service):
    service.kepegawaian.get_document.side_effect = Forbidden("Bukan dokumen Anda.")
    assert isinstance(service.get_kepegawaian_document(make_request("/x"), document_id=7), Forbidden)
    service.kepegawaian.document_file.side_effect = NotFound("Dokumen tidak ditemukan.")
    assert isinstance(service.kepegawaian_document_file(make_request("/x"), document_id=9), NotFound)
    service.kepegawaian.upload_document.side_effect = ValidationFailed("x", {"file": "Isi berkas bukan PDF."})
    answer = service.upload_kepegawaian_document(make_request("/x", method="POST", json=UPLOAD))
    assert isinstance(answer, ValidationFailed) and answer.fields == {"file": "Isi berkas bukan PDF."}
