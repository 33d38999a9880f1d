"""The leave routes (``gateway.domains.kepegawaian_leave``) with kepegawaian replaced: every route is named,
documented and answers a kepegawaian schema; path, query and body reach the RPC as its arguments; lists of rules
are wrapped as ``{items}``; the doctor's letter is always a download and the form is the PDF itself; the
service's errors come back as they are."""
import base64

import pytest
from gateway.domains.kepegawaian_leave import DOMAIN, LeaveListQuery
from gateway.http import route_map
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from kepegawaian.schemas import SCHEMAS
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

LEAVE = {"id": 7, "status": "submitted", "allowed_actions": ["consider"]}
REQUEST = {"kind": "tahunan", "start_date": "2030-12-23", "end_date": "2030-12-27", "reason": "Keluarga"}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_kepegawaian_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 17
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors and route.path.startswith("/kepegawaian/")
        assert route.response is None or route.response in SCHEMAS
        assert route.body is None or route.body.component is None or route.body.component in SCHEMAS
        assert not route.public
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/leave/7/decide", method="POST")[1] == {"leave_id": 7}
    assert urls.match("/api/v1/kepegawaian/leave/inbox", method="GET")[1] == {}
    assert urls.match("/api/v1/kepegawaian/employees/3/leave-balance", method="GET")[1] == {"employee_id": 3}


def test_request_preview_and_update_pass_the_body(service):
    service.kepegawaian.request_leave.return_value = LEAVE
    reply = service.request_kepegawaian_leave(make_request("/x", method="POST", json=REQUEST))
    assert reply.status == 201 and reply.body == LEAVE
    service.kepegawaian.request_leave.assert_called_once_with(data=REQUEST)
    service.kepegawaian.preview_leave.return_value = {"days": 3, "ok": True, "problems": {}}
    assert service.preview_kepegawaian_leave(make_request("/x", method="POST", json=REQUEST)).body["days"] == 3
    service.kepegawaian.update_leave.return_value = LEAVE
    service.update_kepegawaian_leave(make_request("/x", method="PUT", json=REQUEST), leave_id=7)
    service.kepegawaian.update_leave.assert_called_once_with(leave_id=7, data=REQUEST)


def test_consider_decide_cancel(service):
    body = {"option": "perubahan", "note": "Geser"}
    service.kepegawaian.consider_leave.return_value = LEAVE
    service.consider_kepegawaian_leave(make_request("/x", method="POST", json=body), leave_id=7)
    service.kepegawaian.consider_leave.assert_called_once_with(leave_id=7, data=body)
    service.kepegawaian.decide_leave.side_effect = Forbidden("Tidak untuk cuti sendiri.")
    assert isinstance(service.decide_kepegawaian_leave(make_request("/x", method="POST", json={"option": "setuju"}),
                                                       leave_id=7), Forbidden)
    service.kepegawaian.cancel_leave.side_effect = Conflict("Sudah dibatalkan.")
    assert isinstance(service.cancel_kepegawaian_leave(make_request("/x", method="POST", json={"reason": "x"}),
                                                       leave_id=7), Conflict)
    service.kepegawaian.cancel_leave.assert_called_once_with(leave_id=7, data={"reason": "x"})


def test_lists_balance_and_rules(service):
    service.kepegawaian.list_leave.return_value = {"items": [LEAVE], "next_cursor": None}
    reply = service.list_kepegawaian_leave(make_request("/x", query_string="status=approved&year=2030&limit=5"))
    assert reply.body["items"] == [LEAVE]
    service.kepegawaian.list_leave.assert_called_once_with(status="approved", year=2030, limit=5)
    with pytest.raises(ValidationFailed):
        parse_query(LeaveListQuery(), make_request("/x", query_string="status=liburan"))
    service.kepegawaian.leave_balance.return_value = {"year": 2030, "total": 12}
    service.kepegawaian_leave_balance(make_request("/x", query_string="year=2030"), employee_id=3)
    service.kepegawaian.leave_balance.assert_called_once_with(employee_id=3, year=2030)
    service.kepegawaian.leave_kinds.return_value = [{"kind": "tahunan"}]
    assert service.kepegawaian_leave_kinds(make_request("/x")).body == {"items": [{"kind": "tahunan"}]}
    service.kepegawaian.update_leave_rule.return_value = {"id": 1}
    service.update_kepegawaian_leave_rule(make_request("/x", method="PATCH", json={"carry_max_days": 6}), rule_id=1)
    service.kepegawaian.update_leave_rule.assert_called_once_with(rule_id=1, data={"carry_max_days": 6})


def test_files(service):
    service.kepegawaian.get_leave_attachment.return_value = {
        "filename": "surat dokter.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF-1.4 dokter").decode()}
    reply = service.kepegawaian_leave_attachment(make_request("/x"), leave_id=7)
    assert reply.body == b"%PDF-1.4 dokter" and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"].startswith("attachment")
    service.kepegawaian.leave_form_pdf.return_value = {
        "filename": "formulir-cuti-7.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF-1.4 form").decode()}
    reply = service.kepegawaian_leave_form(make_request("/x"), leave_id=7)
    assert reply.body == b"%PDF-1.4 form" and reply.content_type == "application/pdf"
    service.kepegawaian.leave_form_pdf.assert_called_once_with(leave_id=7)
