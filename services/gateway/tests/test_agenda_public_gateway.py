"""The agenda public portal's routes (``gateway.domains.agenda_public``) with agenda replaced: every route is
public (no token asked), answers agenda's public schemas with ``Cache-Control: public``, passes its query to
agenda's RPCs by name (and refuses a bad one with a 422 before asking), and answers photos and attachments as
the files themselves, cacheable, with nosniff."""
import base64
import inspect

import pytest
from agenda.schemas import SCHEMAS
from agenda.service import AgendaService
from gateway.domains.agenda_public import DOMAIN
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import NotFound, ValidationFailed


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_public_documented_and_names_a_real_rpc_and_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 10 and all(name.startswith("agenda_public_") for name in names)
    assert DOMAIN.position == 72
    for route in DOMAIN.routes:
        assert route.public and route.method == "GET" and route.path.startswith("/public/agenda/")
        assert route.summary and route.description and route.errors
        assert route.response is None or route.response in SCHEMAS
        assert callable(getattr(AgendaService, route.rpc))


def test_lists_pass_their_query_by_name_and_are_cacheable(service):
    service.agenda.public_upcoming.return_value = {"items": [], "next_cursor": None, "version": "v"}
    reply = service.agenda_public_upcoming(make_request("/x", query_string="limit=5"))
    assert reply.status == 200 and reply.headers["Cache-Control"].startswith("public, max-age=60")
    service.agenda.public_upcoming.assert_called_once_with(limit=5)
    service.agenda.public_archive.return_value = {"items": [], "next_cursor": None, "version": "v"}
    service.agenda_public_archive(make_request("/x", query_string="documented=true"), month="2026-11")
    service.agenda.public_archive.assert_called_once_with(month="2026-11", documented=True, limit=50)
    service.agenda.public_search.return_value = {"items": [], "next_cursor": None, "q": "pohon", "version": "v"}
    service.agenda_public_search(make_request("/x", query_string="q=pohon"))
    service.agenda.public_search.assert_called_once_with(q="pohon", limit=50)
    for name, args in (("public_upcoming", {"limit": 5}), ("public_archive", {"month": "x", "documented": True}),
                       ("public_search", {"q": "x", "limit": 5})):
        inspect.signature(getattr(AgendaService, name)).bind(None, **args)
    service.auth.authenticate.assert_not_called()


def test_a_bad_query_is_422_before_agenda_is_asked(service):
    assert isinstance(service.agenda_public_search(make_request("/x", query_string="q=a")), ValidationFailed)
    assert isinstance(service.agenda_public_search(make_request("/x")), ValidationFailed)
    service.agenda.public_search.assert_not_called()


def test_an_event_agenda_does_not_show_is_404(service):
    service.agenda.public_event.side_effect = NotFound("Kegiatan tidak ditemukan.", {"event_id": "x"})
    assert isinstance(service.agenda_public_event(make_request("/x"), event_id=9), NotFound)
    service.agenda.public_event.assert_called_once_with(event_id=9)


def test_files_are_answered_as_themselves_cacheable_with_nosniff(service):
    jpeg = b"\xff\xd8\xff\xe0photo"
    service.agenda.public_photo.return_value = {"id": 5, "variant": "web", "content_type": "image/jpeg",
                                                "content_b64": base64.b64encode(jpeg).decode(), "version": "p"}
    reply = service.agenda_public_photo(make_request("/x"), photo_id=5, variant="web")
    assert reply.body == jpeg and reply.content_type == "image/jpeg"
    assert reply.headers["Cache-Control"] == "public, max-age=86400"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    service.agenda.public_photo.assert_called_once_with(photo_id=5, variant="web")
    service.agenda.public_attachment.return_value = {"id": 7, "filename": "a.html", "content_type": "text/html",
                                                     "content_b64": base64.b64encode(b"<b>").decode(),
                                                     "version": "a"}
    reply = service.agenda_public_attachment(make_request("/x"), attachment_id=7)
    assert reply.content_type == "application/octet-stream" and "attachment" in reply.headers["Content-Disposition"]
    service.auth.authenticate.assert_not_called()
