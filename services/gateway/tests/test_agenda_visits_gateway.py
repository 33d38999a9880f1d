"""The visits routes (``gateway.domains.agenda_visits``) with agenda replaced: the public routes need no token, the
form goes with the client's address as the edge saw it (never one the visitor sends) and a too big body is a 413
unread, answers about tracking codes are never cached, the per-client limit is a 429 with Retry-After, the pass
and the letter are the files themselves, the staff's and the reception's routes pass their arguments."""
import base64

import pytest
from agenda.schemas import SCHEMAS
from agenda.schemas.common import PublicFormLimitReached
from gateway.domains.agenda_visits import DOMAIN, VISIT_FORM_BYTES, VisitListQuery
from gateway.http import route_map
from gateway.problems import problem_of
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.edge import failure_of
from situok_kit.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationFailed

FORM = {"agency": "Dinas Pariwisata", "purpose": "Audiensi festival budaya tahunan.", "visitor_count": 3,
        "wished_dates": ["2031-05-14"], "contact_name": "I Wayan", "contact_phone": "0812345678",
        "letter_b64": base64.b64encode(b"%PDF-1.4").decode(), "letter_name": "surat.pdf",
        "ticket": "1767225600.abc", "website": ""}
RECEIPT = {"tracking_code": "KNJ-ABCD-EFGH-JKMN-PQRS", "status": "pending"}
ITEM = {"id": 7, "status": "pending", "allowed_actions": ["approve", "refuse", "cancel"]}
CODE = "KNJ-0000-0000-0000-0000"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_an_agenda_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 11
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component is None or route.body.component in SCHEMAS
    public = {route.path for route in DOMAIN.routes if route.public}
    assert public == {"/public/agenda/visits", "/public/agenda/visits/<code>",
                      "/public/agenda/visits/<code>/pass"}
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match(f"/api/v1/public/agenda/visits/{CODE}/pass", method="GET")[1] == {"code": CODE}
    assert urls.match("/api/v1/agenda/visits/7/approve", method="POST")[1] == {"visit_id": 7}
    assert urls.match("/api/v1/agenda/visit-passes/abc_-1/check-in", method="POST")[1] == {"token": "abc_-1"}


def test_the_public_routes_need_no_token_and_codes_are_never_cached(service):
    service.agenda.visit_request_status.return_value = {"status": "pending"}
    reply = service.visit_request_status(make_request("/x"), code=CODE)
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store"
    service.agenda.visit_request_status.assert_called_once_with(code=CODE)
    service.agenda.public_form_ticket.return_value = {"ticket": "1.x", "min_seconds": 3}
    reply = service.agenda_form_ticket(make_request("/x"))  # the one ticket route (agenda_events)
    assert reply.body["ticket"] == "1.x" and reply.headers["Cache-Control"] == "no-store"
    service.agenda.visit_pass.return_value = {"filename": "kartu-tamu-7.pdf", "content_type": "application/pdf",
                                              "content_b64": base64.b64encode(b"%PDF-1.4 pass").decode()}
    reply = service.visit_pass(make_request("/x"), code=CODE)
    assert reply.body == b"%PDF-1.4 pass" and reply.content_type == "application/pdf"
    assert "no-store" in reply.headers["Cache-Control"]
    service.agenda.visit_pass.assert_called_once_with(code=CODE)
    service.auth.authenticate.assert_not_called()


def test_the_form_goes_with_the_client_address_the_edge_saw(service):
    service.agenda.submit_visit_request.return_value = RECEIPT
    request = make_request("/x", method="POST", json={**FORM, "client": "6.6.6.6"},
                           headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    reply = service.submit_visit_request(request)
    assert reply.status == 201 and reply.body == RECEIPT and reply.headers["Cache-Control"] == "no-store"
    service.agenda.submit_visit_request.assert_called_once_with(data={**FORM, "client": "6.6.6.6"},
                                                                client="198.51.100.7")
    service.auth.authenticate.assert_not_called()


def test_a_letter_of_5_mb_fits_and_a_bigger_body_is_413_unread(service):
    assert VISIT_FORM_BYTES > (5 * 1024 * 1024 * 4) // 3 + 16 * 1024
    body = {**FORM, "letter_b64": "A" * (VISIT_FORM_BYTES + 1)}
    answer = service.submit_visit_request(make_request("/x", method="POST", json=body))
    assert isinstance(answer, PayloadTooLarge)
    service.agenda.submit_visit_request.assert_not_called()


def test_agenda_errors_pass_through_and_the_limit_says_when_to_retry(service):
    service.agenda.visit_request_status.side_effect = NotFound("Kode pelacakan tidak dikenal.", {"code": "x"})
    assert isinstance(service.visit_request_status(make_request("/x"), code="zzz"), NotFound)
    service.agenda.submit_visit_request.side_effect = ValidationFailed("x", {"ticket": "Terlalu cepat."})
    assert isinstance(service.submit_visit_request(make_request("/x", method="POST", json=FORM)), ValidationFailed)
    problem = problem_of(failure_of(PublicFormLimitReached("Terlalu banyak.", {}, {"retry_after": 120}), "r-1"))
    assert problem.status == 429 and problem.headers["Retry-After"] == "120"
    service.agenda.visit_pass.side_effect = Conflict("Belum disetujui.")
    assert isinstance(service.visit_pass(make_request("/x"), code=CODE), Conflict)


def test_the_staff_routes_pass_filters_and_bodies(service):
    service.agenda.list_visit_requests.return_value = {"items": [ITEM], "next_cursor": None}
    reply = service.list_agenda_visit_requests(make_request("/x", query_string="status=pending&limit=5"))
    assert reply.status == 200
    service.agenda.list_visit_requests.assert_called_once_with(status="pending", limit=5)
    service.auth.authenticate.assert_called_once()
    service.agenda.approve_visit_request.return_value = {**ITEM, "status": "approved"}
    body = {"starts_at": "2031-05-14T10:00", "ends_at": "2031-05-14T11:30", "room_resource_id": 4}
    assert service.approve_agenda_visit_request(make_request("/x", method="POST", json=body), visit_id=7).status \
        == 200
    service.agenda.approve_visit_request.assert_called_once_with(visit_id=7, data=body)
    service.agenda.approve_visit_request.side_effect = Conflict("Ruangan tidak tersedia: peminjaman #77.")
    assert isinstance(service.approve_agenda_visit_request(make_request("/x", method="POST", json=body),
                                                           visit_id=7), Conflict)
    service.agenda.refuse_visit_request.return_value = {**ITEM, "status": "refused"}
    service.refuse_agenda_visit_request(make_request("/x", method="POST", json={"reason": "Penuh."}), visit_id=7)
    service.agenda.refuse_visit_request.assert_called_once_with(visit_id=7, reason="Penuh.")
    service.agenda.cancel_visit_request.side_effect = Forbidden("Bukan staf protokol.")
    answer = service.cancel_agenda_visit_request(make_request("/x", method="POST", json={"reason": "x"}), visit_id=7)
    assert isinstance(answer, Forbidden)
    service.agenda.visit_request_letter.return_value = {
        "filename": "surat.pdf", "content_type": "application/pdf", "sha256": "0" * 64,
        "content_b64": base64.b64encode(b"%PDF").decode()}
    letter = service.agenda_visit_request_letter(make_request("/x"), visit_id=7)
    assert letter.body == b"%PDF" and letter.headers["Content-Disposition"].startswith("attachment;")
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(VisitListQuery(), make_request("/x", query_string="status=selesai"))
    assert list(wrong.value.fields) == ["status"]


def test_reception_checks_a_pass_and_records_the_arrival(service):
    checked = {"valid": True, "reason": "valid", "message": "Berlaku.", "visit": None, "allowed_actions": ["check_in"]}
    service.agenda.check_visitor_pass.return_value = checked
    reply = service.check_agenda_visitor_pass(make_request("/x"), token="tok")
    assert reply.body == checked and reply.headers["Cache-Control"] == "no-store"
    service.agenda.check_visitor_pass.assert_called_once_with(token="tok")
    service.agenda.check_in_visitor.return_value = {**checked, "allowed_actions": []}
    service.check_in_agenda_visitor(make_request("/x", method="POST"), token="tok")
    service.agenda.check_in_visitor.assert_called_once_with(token="tok")
    service.agenda.check_in_visitor.side_effect = Conflict("Sudah dicatat.")
    assert isinstance(service.check_in_agenda_visitor(make_request("/x", method="POST"), token="tok"), Conflict)
