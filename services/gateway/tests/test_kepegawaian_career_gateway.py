"""The career routes (``gateway.domains.kepegawaian_career``) with kepegawaian replaced: every route named,
documented and answering a kepegawaian schema; the due list and reminders pass their filters and paging, the
exports answer the file itself as a download, kepegawaian's 403/422 pass through."""
import base64

import pytest
from gateway.domains.kepegawaian_career import DOMAIN
from gateway.http import Reply, route_map
from gateway.service import GatewayService
from gateway_requests import make_request
from kepegawaian.schemas import SCHEMAS
from nameko.testing.services import worker_factory
from situok_kit.errors import Forbidden

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_kepegawaian_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 9
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors and not route.public
        assert route.path.startswith("/kepegawaian/")
        assert route.response is None or route.response in SCHEMAS
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/career/employees/7", method="GET")[1] == {"employee_id": 7}
    assert urls.match("/api/v1/kepegawaian/career/reminders/5/read", method="POST")[1] == {"reminder_id": 5}


def test_the_due_list_passes_its_filters_and_a_bad_month_is_422(service):
    service.kepegawaian.due_list.return_value = {"items": [], "counts": {}}
    reply = service.kepegawaian_due_list(make_request("/x", query_string="month=2026-06&kinds=kgb,kp&unit_id=4"))
    assert reply.status == 200
    service.kepegawaian.due_list.assert_called_once_with(month="2026-06", kinds="kgb,kp", unit_id=4)
    wrong = service.kepegawaian_due_list(make_request("/x", query_string="month=2026-6&kinds=gaji"))
    assert wrong.status == 422 and set(wrong.fields) == {"month", "kinds"}
    service.kepegawaian.due_list.assert_called_once()  # the bad query never reached kepegawaian


def test_reminders_are_paged_and_marked_read(service):
    service.kepegawaian.list_reminders.return_value = {"items": [], "next_cursor": None}
    service.kepegawaian_list_career_reminders(make_request("/x", query_string="unread_only=true&limit=5"))
    service.kepegawaian.list_reminders.assert_called_once_with(unread_only=True, limit=5)
    service.kepegawaian.mark_reminder_read.return_value = {"id": 5, "allowed_actions": []}
    reply = service.kepegawaian_mark_career_reminder_read(make_request("/x", method="POST"), reminder_id=5)
    assert reply.status == 200
    service.kepegawaian.mark_reminder_read.assert_called_once_with(reminder_id=5)


def test_the_exports_are_the_file_itself_as_a_download(service):
    service.kepegawaian.export_duk.return_value = {
        "filename": "duk-2026-12-03.xlsx", "content_type": XLSX, "content_b64": base64.b64encode(b"PK..").decode()}
    reply = service.kepegawaian_export_duk(make_request("/x", query_string="format=xlsx&unit_id=3"))
    assert isinstance(reply, Reply) and reply.body == b"PK.." and reply.content_type == XLSX
    assert reply.headers["Content-Disposition"].startswith("attachment")
    service.kepegawaian.export_duk.assert_called_once_with(format="xlsx", unit_id=3)
    service.kepegawaian.export_due_list.return_value = {
        "filename": "jatuh-tempo-2026-06.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF").decode()}
    reply = service.kepegawaian_export_due_list(make_request("/x", query_string="format=pdf&month=2026-06"))
    assert reply.content_type == "application/pdf"
    service.kepegawaian.export_due_list.assert_called_once_with(format="pdf", month="2026-06")
    assert service.kepegawaian_export_nominative(make_request("/x", query_string="format=doc")).status == 422
    service.kepegawaian.export_nominative.assert_not_called()
    service.kepegawaian.export_nominative.side_effect = Forbidden("Hanya pengelola kepegawaian.")
    assert service.kepegawaian_export_nominative(make_request("/x")).status == 403
