"""The feedback routes (``gateway.domains.agenda_feedback``) with agenda replaced: the public routes need no token,
the form goes with the client's address as the edge saw it (never one the sender sends) and a big body is a 413
unread, answers about tracking codes are never cached while the published Q&A is, the per-client limit is a 429
with Retry-After, the staff's routes pass their filters, bodies and the report's period."""
import base64

import pytest
from agenda.schemas import SCHEMAS
from gateway.domains.agenda_feedback import DOMAIN, FEEDBACK_FORM_BYTES, XLSX, FeedbackListQuery, FeedbackReportParams
from gateway.http import route_map
from gateway.problems import problem_of
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.edge import failure_of
from situok_kit.errors import Conflict, Forbidden, NotFound, PayloadTooLarge, TooManyRequests, ValidationFailed

FORM = {"kind": "question", "subject": "Jadwal upacara", "message": "Kapan upacara hari jadi dilaksanakan?",
        "ticket": "1767225600.abc", "website": ""}
RECEIPT = {"tracking_code": "ASP-ABCD-EFGH-JKMN-PQRS", "status": "received", "kind": "question"}
ITEM = {"id": 7, "status": "triaged", "allowed_actions": ["answer"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_an_agenda_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 14
    for route in DOMAIN.routes:
        assert (route.response in SCHEMAS or route.download) and route.summary and route.description and route.errors
        assert route.body is None or route.body.component in SCHEMAS
    public = {route.path for route in DOMAIN.routes if route.public}
    assert public == {"/public/agenda/feedback", "/public/agenda/feedback/answered",
                      "/public/agenda/feedback/events/<int:event_id>", "/public/agenda/feedback/<code>"}
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/public/agenda/feedback/answered", method="GET")[1] == {}  # not a code
    assert urls.match("/api/v1/public/agenda/feedback/ASP-0000-0000-0000-0000", method="GET")[1] == {
        "code": "ASP-0000-0000-0000-0000"}
    assert urls.match("/api/v1/agenda/feedback/7/triage", method="POST")[1] == {"feedback_id": 7}


def test_the_public_routes_need_no_token_and_codes_are_never_cached(service):
    service.agenda.feedback_status.return_value = {"status": "received"}
    reply = service.feedback_status(make_request("/x"), code="ASP-0000-0000-0000-0000")
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store"
    service.agenda.feedback_status.assert_called_once_with(code="ASP-0000-0000-0000-0000")
    service.agenda.public_form_ticket.return_value = {"ticket": "1.x", "min_seconds": 3}
    reply = service.agenda_form_ticket(make_request("/x"))  # the one ticket route (agenda_events)
    assert reply.body["ticket"] == "1.x" and reply.headers["Cache-Control"] == "no-store"
    service.agenda.published_feedback.return_value = {"items": [], "next_cursor": None}
    reply = service.published_feedback(make_request("/x", query_string="limit=5"))
    assert reply.headers["Cache-Control"] == "public, max-age=60"
    service.agenda.published_feedback.assert_called_once_with(limit=5)
    service.agenda.feedback_event.return_value = {"id": 3, "title": "Peresmian", "starts_at": "2031-01-01"}
    assert service.feedback_event(make_request("/x"), event_id=3).status == 200
    service.agenda.feedback_event.assert_called_once_with(event_id=3)
    service.auth.authenticate.assert_not_called()


def test_the_form_goes_with_the_client_address_the_edge_saw(service):
    service.agenda.submit_feedback.return_value = RECEIPT
    request = make_request("/x", method="POST", json={**FORM, "client": "6.6.6.6"},
                           headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    reply = service.submit_feedback(request)
    assert reply.status == 201 and reply.body == RECEIPT and reply.headers["Cache-Control"] == "no-store"
    service.agenda.submit_feedback.assert_called_once_with(data={**FORM, "client": "6.6.6.6"},
                                                           client="198.51.100.7")
    service.auth.authenticate.assert_not_called()


def test_a_big_form_is_413_unread(service):
    body = {**FORM, "message": "x" * (FEEDBACK_FORM_BYTES + 1)}
    answer = service.submit_feedback(make_request("/x", method="POST", json=body))
    assert isinstance(answer, PayloadTooLarge)
    service.agenda.submit_feedback.assert_not_called()


def test_agenda_errors_pass_through_and_the_limit_says_when_to_retry(service):
    service.agenda.feedback_status.side_effect = NotFound("Kode pelacakan tidak dikenal.", {"code": "x"})
    assert isinstance(service.feedback_status(make_request("/x"), code="zzz"), NotFound)
    service.agenda.submit_feedback.side_effect = ValidationFailed("x", {"ticket": "Formulir dikirim terlalu cepat."})
    assert isinstance(service.submit_feedback(make_request("/x", method="POST", json=FORM)), ValidationFailed)
    problem = problem_of(failure_of(TooManyRequests("Terlalu banyak.", {}, {"retry_after": 120}), "r-1"))
    assert problem.status == 429 and problem.headers["Retry-After"] == "120"


def test_the_staff_routes_pass_filters_bodies_and_the_period(service):
    service.agenda.list_feedback.return_value = {"items": [ITEM], "next_cursor": None}
    reply = service.list_feedback(make_request("/x", query_string="status=triaged&kind=complaint&unit_id=4"))
    assert reply.status == 200
    service.agenda.list_feedback.assert_called_once_with(status="triaged", kind="complaint", unit_id=4, limit=50)
    service.auth.authenticate.assert_called_once()
    service.agenda.triage_feedback.return_value = ITEM
    body = {"category": "layanan", "unit_id": 4}
    assert service.triage_feedback(make_request("/x", method="POST", json=body), feedback_id=7).body == ITEM
    service.agenda.triage_feedback.assert_called_once_with(feedback_id=7, data=body)
    service.agenda.close_feedback.return_value = {**ITEM, "status": "closed"}
    service.close_feedback(make_request("/x", method="POST"), feedback_id=7)
    service.agenda.close_feedback.assert_called_once_with(feedback_id=7, data={})
    service.agenda.publish_feedback.side_effect = Conflict("Belum dijawab.")
    assert isinstance(service.publish_feedback(make_request("/x", method="POST"), feedback_id=7), Conflict)
    service.agenda.answer_feedback.side_effect = Forbidden("Bukan unit Anda.")
    answer = service.answer_feedback(make_request("/x", method="POST", json={"answer": "Ya."}), feedback_id=7)
    assert isinstance(answer, Forbidden)
    service.agenda.feedback_report.return_value = {"units": [], "total": {}}
    service.feedback_report(make_request("/x", query_string="date_from=2026-11-01&date_to=2026-11-30"))
    service.agenda.feedback_report.assert_called_once_with(date_from="2026-11-01", date_to="2026-11-30")
    service.agenda.feedback_report_xlsx.return_value = {
        "filename": "waktu-tanggap.xlsx", "content_type": XLSX, "content_b64": base64.b64encode(b"PK").decode()}
    sheet = service.feedback_report_xlsx(make_request("/x", query_string="date_from=2026-11-01&date_to=2026-11-30"))
    assert sheet.body == b"PK" and sheet.headers["Content-Disposition"].startswith("attachment;")
    with pytest.raises(ValidationFailed) as backwards:
        parse_query(FeedbackReportParams(), make_request("/x", query_string="date_from=2026-11-30&date_to=2026-11-01"))
    assert list(backwards.value.fields) == ["date_to"]
    with pytest.raises(ValidationFailed) as missing:
        parse_query(FeedbackReportParams(), make_request("/x"))
    assert set(missing.value.fields) == {"date_from", "date_to"}
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(FeedbackListQuery(), make_request("/x", query_string="status=hilang"))
    assert list(wrong.value.fields) == ["status"]
