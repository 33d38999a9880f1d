"""The leaders routes (``gateway.domains.agenda_leaders``) with agenda replaced: every route named, documented and
answering an agenda schema; lists pass their filters and paging, writes their bodies, the printed agenda is the
PDF itself (inline) with its day or week, agenda's 403/404/422 pass through."""
import base64

import pytest
from agenda.schemas import SCHEMAS
from gateway.domains.agenda_leaders import DOMAIN, LeaderAgendaQuery
from gateway.http import Reply, route_map
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Forbidden, NotFound, ValidationFailed

PDF = b"%PDF-1.4 agenda"
LEADER = {"id": 3, "code": "sekda", "title": "Sekretaris Daerah Provinsi Bali", "allowed_actions": ["edit"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_an_agenda_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 8
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors and not route.public
        assert route.response is None or route.response in SCHEMAS
        assert route.body is None or route.body.component in SCHEMAS
    pdf = next(route for route in DOMAIN.routes if route.rpc == "leader_agenda_pdf")
    assert pdf.content_type == "application/pdf" and pdf.response is None
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/agenda/leaders/3/agenda.pdf", method="GET")[1] == {"leader_id": 3}
    assert urls.match("/api/v1/agenda/precedence/7", method="PATCH")[1] == {"rank_id": 7}


def test_lists_pass_their_filters_and_paging(service):
    service.agenda.list_leaders.return_value = {"items": [LEADER], "next_cursor": None}
    reply = service.list_agenda_leaders(make_request("/x", query_string="include_inactive=true&limit=5"))
    assert reply.status == 200 and reply.body["items"][0]["code"] == "sekda"
    service.agenda.list_leaders.assert_called_once_with(include_inactive=True, limit=5)
    service.auth.authenticate.assert_called_once()
    service.agenda.list_precedence_ranks.return_value = {"items": [], "next_cursor": None}
    assert service.list_agenda_precedence_ranks(make_request("/x", query_string="cursor=abc")).status == 200
    service.agenda.list_precedence_ranks.assert_called_once_with(cursor="abc", limit=50)


def test_writes_pass_their_bodies_and_a_new_record_is_201_with_its_location(service):
    service.agenda.create_leader.return_value = LEADER
    body = {"code": "sekda", "title": "Sekretaris Daerah Provinsi Bali", "precedence_code": "sekda_forkopimda"}
    reply = service.create_agenda_leader(make_request("/x", method="POST", json=body))
    assert reply.status == 201 and reply.headers["Location"] == "/api/v1/agenda/leaders/3"
    service.agenda.create_leader.assert_called_once_with(data=body)
    service.agenda.update_leader.return_value = {**LEADER, "active": False}
    reply = service.update_agenda_leader(make_request("/x", method="PATCH", json={"active": False}), leader_id=3)
    assert reply.status == 200
    service.agenda.update_leader.assert_called_once_with(leader_id=3, data={"active": False})
    service.agenda.create_precedence_rank.return_value = {"id": 30, "code": "mda"}
    rank = {"code": "mda", "label": "Majelis Desa Adat", "after_code": "ketua_dprd_provinsi"}
    assert service.create_agenda_precedence_rank(make_request("/x", method="POST", json=rank)).status == 201
    service.agenda.create_precedence_rank.assert_called_once_with(data=rank)
    service.agenda.update_precedence_rank.return_value = {"id": 30, "code": "mda"}
    service.update_agenda_precedence_rank(make_request("/x", method="PATCH", json={"rank": 55}), rank_id=30)
    service.agenda.update_precedence_rank.assert_called_once_with(rank_id=30, data={"rank": 55})


def test_the_printed_agenda_is_the_pdf_itself_inline(service):
    service.agenda.leader_agenda_pdf.return_value = {
        "filename": "agenda-sekda-pekan-2031-03-10.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(PDF).decode()}
    reply = service.agenda_leader_agenda_pdf(make_request("/x", query_string="week_of=2031-03-12"), leader_id=3)
    assert isinstance(reply, Reply) and reply.body == PDF and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"] == 'inline; filename="agenda-sekda-pekan-2031-03-10.pdf"'
    service.agenda.leader_agenda_pdf.assert_called_once_with(leader_id=3, week_of="2031-03-12")
    service.agenda.leader_agenda_pdf.reset_mock()
    service.agenda_leader_agenda_pdf(make_request("/x"), leader_id=3)
    service.agenda.leader_agenda_pdf.assert_called_once_with(leader_id=3)
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(LeaderAgendaQuery(), make_request("/x", query_string="day=kemarin"))
    assert list(wrong.value.fields) == ["day"]


def test_agenda_errors_pass_through(service):
    service.agenda.create_leader.side_effect = Forbidden("Hanya staf Bagian Protokol ...")
    assert isinstance(service.create_agenda_leader(make_request("/x", method="POST", json={"code": "x"})),
                      Forbidden)
    service.agenda.update_precedence_rank.side_effect = ValidationFailed("Urutan sudah dipakai.", {"rank": "..."})
    answer = service.update_agenda_precedence_rank(make_request("/x", method="PATCH", json={"rank": 10}), rank_id=3)
    assert isinstance(answer, ValidationFailed) and answer.fields == {"rank": "..."}
    service.agenda.leader_agenda_pdf.side_effect = NotFound("Pimpinan tidak ditemukan.")
    assert isinstance(service.agenda_leader_agenda_pdf(make_request("/x"), leader_id=99), NotFound)
