"""The documentation routes (``gateway.domains.agenda_documentation``) with agenda replaced: every route named,
documented and answering an agenda schema; uploads go as JSON base64 with a body limit (413 unread); steps pass
their bodies; lists pass their filters and paging; files are answered as downloads; agenda's refusals pass
through."""
import base64

import pytest
from agenda.schemas import SCHEMAS
from gateway.domains.agenda_documentation import DOMAIN, PHOTO_BODY_BYTES, DocumentationListQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, PayloadTooLarge, ValidationFailed

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64
DOC = {"id": 4, "event_id": 9, "status": "draft", "allowed_actions": ["edit"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def post(json=None, method="POST"):
    return make_request("/x", method=method, json=json)


def test_every_route_is_named_documented_and_answers_an_agenda_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 20
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors
        assert route.response is None or route.response in SCHEMAS
        assert route.body is None or getattr(route.body, "component", None) in (None, *SCHEMAS)
        assert not route.public
    assert {r.rpc for r in DOMAIN.routes if r.download} == {"documentation_photo_file",
                                                              "documentation_attachment_file"}


def test_a_photo_goes_as_json_base64_and_a_big_one_is_413_unread(service):
    body = {"filename": "foto.jpg", "content_type": "image/jpeg", "content_b64": b64(JPEG),
            "alt_text": "Gubernur menyapa warga."}
    service.agenda.add_documentation_photo.return_value = DOC
    reply = service.add_agenda_documentation_photo(post(body), documentation_id=4)
    assert reply.status == 201 and reply.body == DOC
    service.agenda.add_documentation_photo.assert_called_once_with(documentation_id=4, data=body)
    big = {"content_b64": "A" * (PHOTO_BODY_BYTES + 1)}
    assert isinstance(service.add_agenda_documentation_photo(post(big), documentation_id=4), PayloadTooLarge)
    service.agenda.add_documentation_photo.assert_called_once()  # the big one never reached agenda
    service.agenda.add_documentation_photo.side_effect = ValidationFailed(
        "Jenis berkas tidak diterima.", {"content_b64": "Isi berkas bukan JPEG, PNG, WebP."})
    assert isinstance(service.add_agenda_documentation_photo(post(body), documentation_id=4), ValidationFailed)


def test_steps_pass_their_bodies_and_refusals_pass_through(service):
    service.agenda.open_documentation.return_value = DOC
    assert service.open_agenda_event_documentation(post(), event_id=9).body == DOC
    service.agenda.open_documentation.assert_called_once_with(event_id=9)
    service.agenda.submit_documentation.return_value = {**DOC, "status": "submitted"}
    assert service.submit_agenda_documentation(post(), documentation_id=4).status == 200
    service.agenda.submit_documentation.assert_called_once_with(documentation_id=4)
    service.agenda.approve_documentation.return_value = {**DOC, "status": "approved"}
    embargo = {"embargo_until": "2031-06-10T09:00:00+08:00"}
    service.approve_agenda_documentation(post(embargo), documentation_id=4)
    service.agenda.approve_documentation.assert_called_once_with(documentation_id=4, data=embargo)
    service.agenda.return_documentation.side_effect = Forbidden("Bukan penyetuju.")
    assert isinstance(service.return_agenda_documentation(post({"note": "Kurang"}), documentation_id=4), Forbidden)
    service.agenda.update_documentation.side_effect = Conflict("Usang.", {"version": "Versi saat ini: 3."})
    changed = service.update_agenda_documentation(post({"version": 2, "minutes": "x"}, "PATCH"), documentation_id=4)
    assert isinstance(changed, Conflict)
    service.agenda.update_documentation.assert_called_once_with(documentation_id=4, data={"version": 2,
                                                                                          "minutes": "x"})
    service.agenda.reorder_documentation_photos.return_value = DOC
    service.reorder_agenda_documentation_photos(post({"photo_ids": [3, 2]}, "PUT"), documentation_id=4)
    service.agenda.reorder_documentation_photos.assert_called_once_with(documentation_id=4,
                                                                        data={"photo_ids": [3, 2]})
    service.agenda.delete_documentation_photo.return_value = DOC
    service.delete_agenda_documentation_photo(make_request("/x", method="DELETE"), photo_id=3)
    service.agenda.delete_documentation_photo.assert_called_once_with(photo_id=3)


def test_lists_pass_their_filters_and_paging(service):
    service.agenda.list_documentations.return_value = {"items": [], "next_cursor": None}
    reply = service.list_agenda_documentations(make_request("/x", query_string="status=submitted&limit=5"))
    assert reply.status == 200
    service.agenda.list_documentations.assert_called_once_with(status="submitted", limit=5)
    service.agenda.list_documentation_queue.return_value = {"items": [], "next_cursor": None}
    service.list_agenda_documentation_queue(make_request("/x", query_string="cursor=abc"))
    service.agenda.list_documentation_queue.assert_called_once_with(cursor="abc", limit=50)
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(DocumentationListQuery(), make_request("/x", query_string="status=terbit"))
    assert list(wrong.value.fields) == ["status"]


def test_files_are_downloads(service):
    service.agenda.documentation_photo_file.return_value = {"filename": "dokumentasi-4-foto-3-thumbnail.jpg",
                                                            "content_type": "image/jpeg", "content_b64": b64(JPEG)}
    reply = service.agenda_documentation_photo_file(make_request("/x", query_string="variant=thumbnail"),
                                                    photo_id=3)
    service.agenda.documentation_photo_file.assert_called_once_with(photo_id=3, variant="thumbnail")
    assert reply.status == 200 and reply.body == JPEG and reply.content_type == "image/jpeg"
    assert reply.headers["Content-Disposition"].startswith("attachment")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    service.agenda.documentation_attachment_file.return_value = {
        "filename": "undangan.html", "content_type": "text/html", "content_b64": b64(b"<html></html>")}
    reply = service.agenda_documentation_attachment_file(make_request("/x"), attachment_id=2)
    assert reply.content_type == "application/octet-stream"  # never served as something a browser runs
    assert reply.headers["Content-Disposition"].startswith("attachment")
