"""The leaders' agenda routes (``gateway.domains.agenda_events``) with agenda replaced: every route named,
documented and answering an agenda schema; lists and views pass their filters, writes their bodies and path ids,
a new event is 201 with its location, the public form ticket needs no token and is never cached, agenda's errors
(403, 404, 409 naming the room's booking, 422 per field) pass through."""
import pytest
from agenda.schemas import SCHEMAS
from gateway.domains.agenda_events import DOMAIN, AgendaViewQuery, EventListQuery
from gateway.http import route_map
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

EVENT = {"id": 12, "title": "Rapat Forkopimda", "status": "tentative", "version": 1, "conflicts": [],
         "allowed_actions": ["edit", "confirm", "postpone", "cancel"]}
FORM = {"title": "Rapat Forkopimda", "starts_at": "2031-03-04T09:00:00", "ends_at": "2031-03-04T11:00:00",
        "address": "Denpasar", "leaders": [{"leader_id": 1}]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_an_agenda_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 18
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors
        assert route.response in SCHEMAS
        assert route.body is None or route.body.component in SCHEMAS
    assert {route.path for route in DOMAIN.routes if route.public} == {"/public/agenda/form-ticket"}
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/agenda/events/12/postpone", method="POST")[1] == {"event_id": 12}
    assert urls.match("/api/v1/agenda/events/12", method="PATCH")[1] == {"event_id": 12}


def test_lists_and_views_pass_their_filters(service):
    service.agenda.list_events.return_value = {"items": [EVENT], "next_cursor": None}
    reply = service.list_agenda_events(make_request(
        "/x", query_string="starts_from=2031-03-04T00:00:00&leader_id=2&status=confirmed&limit=5"))
    assert reply.status == 200 and reply.body["items"][0]["id"] == 12
    service.agenda.list_events.assert_called_once_with(starts_from="2031-03-04T00:00:00+08:00", leader_id=2,
                                                       status="confirmed", limit=5)
    service.auth.authenticate.assert_called_once()
    service.agenda.agenda_day.return_value = {"day": "2031-03-04", "items": [], "conflicts": 0}
    service.agenda_day(make_request("/x", query_string="day=2031-03-04&include_cancelled=true"))
    service.agenda.agenda_day.assert_called_once_with(day="2031-03-04", include_cancelled=True)
    service.agenda.agenda_week.return_value = {"week_start": "2031-03-03", "days": []}
    assert service.agenda_week(make_request("/x")).status == 200
    service.agenda.agenda_week.assert_called_once_with()
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(AgendaViewQuery(), make_request("/x", query_string="day=besok&leader_id=0"))
    assert set(wrong.value.fields) == {"day", "leader_id"}
    with pytest.raises(ValidationFailed) as window:
        parse_query(EventListQuery(), make_request(
            "/x", query_string="starts_from=2031-03-04T00:00:00&starts_before=2031-03-03T00:00:00"))
    assert list(window.value.fields) == ["starts_before"]


def test_writes_pass_their_bodies_and_ids_and_a_new_event_is_201_with_its_location(service):
    service.agenda.create_event.return_value = EVENT
    reply = service.create_agenda_event(make_request("/x", method="POST", json=FORM))
    assert reply.status == 201 and reply.headers["Location"] == "/api/v1/agenda/events/12"
    service.agenda.create_event.assert_called_once_with(data=FORM)
    service.agenda.update_event.return_value = {**EVENT, "version": 2}
    service.update_agenda_event(make_request("/x", method="PATCH", json={"version": 1, "title": "X"}), event_id=12)
    service.agenda.update_event.assert_called_once_with(event_id=12, data={"version": 1, "title": "X"})
    service.agenda.postpone_event.return_value = {**EVENT, "status": "postponed"}
    reply = service.postpone_agenda_event(make_request("/x", method="POST", json={"reason": "Hujan"}), event_id=12)
    assert reply.status == 200 and reply.body["status"] == "postponed"
    service.agenda.postpone_event.assert_called_once_with(event_id=12, data={"reason": "Hujan"})
    service.agenda.confirm_event.return_value = {**EVENT, "status": "confirmed"}
    assert service.confirm_agenda_event(make_request("/x", method="POST"), event_id=12).status == 200
    service.agenda.confirm_event.assert_called_once_with(event_id=12, data={})
    service.agenda.get_event.return_value = EVENT
    assert service.get_agenda_event(make_request("/x"), event_id=12).body["id"] == 12
    service.agenda.get_event.assert_called_once_with(event_id=12)


def test_the_general_routes_and_the_public_ticket(service):
    service.agenda.public_form_ticket.return_value = {"ticket": "abc", "min_seconds": 3}
    reply = service.agenda_form_ticket(make_request("/x"))
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store" and reply.body["ticket"] == "abc"
    service.auth.authenticate.assert_not_called()
    service.agenda.capabilities.return_value = {"read": True}
    assert service.agenda_capabilities(make_request("/x")).body == {"read": True}
    service.agenda.update_settings.return_value = {"protocol_unit_code": "BUP.PKP"}
    service.update_agenda_settings(make_request("/x", method="PATCH", json={"form_min_seconds": 5}))
    service.agenda.update_settings.assert_called_once_with(data={"form_min_seconds": 5})


def test_agenda_errors_pass_through(service):
    service.agenda.create_event.side_effect = Conflict("Ruangan tidak tersedia pada waktu itu: peminjaman #77.",
                                                       {"room_resource_id": "peminjaman #77"})
    answer = service.create_agenda_event(make_request("/x", method="POST", json=FORM))
    assert isinstance(answer, Conflict) and answer.fields == {"room_resource_id": "peminjaman #77"}
    service.agenda.update_event.side_effect = ValidationFailed("x", {"rundown.2.starts_at": "Di luar waktu."})
    answer = service.update_agenda_event(make_request("/x", method="PATCH", json={"version": 1}), event_id=3)
    assert isinstance(answer, ValidationFailed) and list(answer.fields) == ["rundown.2.starts_at"]
    service.agenda.cancel_event.side_effect = Forbidden("Hanya staf protokol.")
    assert isinstance(service.cancel_agenda_event(make_request("/x", method="POST", json={"reason": "x"}),
                                                  event_id=3), Forbidden)
    service.agenda.get_event.side_effect = NotFound("Kegiatan tidak ditemukan.")
    assert isinstance(service.get_agenda_event(make_request("/x"), event_id=99), NotFound)
