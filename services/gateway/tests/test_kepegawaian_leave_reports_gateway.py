"""The leave-reports routes (``gateway.domains.kepegawaian_leave_reports``) with kepegawaian replaced: every route
named, documented and answering a kepegawaian schema; the recap passes its year and unit, a bad query is 422
before kepegawaian is asked; the export is the file itself as a download; kepegawaian's 403 passes through."""
import base64

import pytest
from gateway.domains.kepegawaian_leave_reports import DOMAIN
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
    assert len(names) == len(set(names)) == 2
    assert DOMAIN.position == 82 and DOMAIN.service == "kepegawaian"
    for route in DOMAIN.routes:
        assert route.summary and route.description and 403 in route.errors and not route.public
        assert route.path.startswith("/kepegawaian/")
        assert route.response is None or route.response in SCHEMAS
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/reports/leave-recap", method="GET")[1] == {}
    assert urls.match("/api/v1/kepegawaian/reports/leave-recap/export", method="GET")[1] == {}


def test_the_recap_passes_year_and_unit_and_a_bad_query_is_422(service):
    service.kepegawaian.leave_recap.return_value = {"year": 2026, "unit_id": 4, "unit_label": "Subbagian",
                                                    "scope": "all", "kinds": [], "items": []}
    reply = service.kepegawaian_leave_recap(make_request("/x", query_string="year=2026&unit_id=4"))
    assert reply.status == 200
    service.kepegawaian.leave_recap.assert_called_once_with(year=2026, unit_id=4)
    wrong = service.kepegawaian_leave_recap(make_request("/x", query_string="year=1899&unit_id=abc"))
    assert wrong.status == 422 and set(wrong.fields) == {"year", "unit_id"}
    service.kepegawaian.leave_recap.assert_called_once()  # the bad query never reached kepegawaian
    service.kepegawaian.leave_recap.side_effect = Forbidden("Hanya pengelola kepegawaian.")
    assert service.kepegawaian_leave_recap(make_request("/x")).status == 403


def test_the_export_is_the_file_itself_as_a_download(service):
    service.kepegawaian.export_leave_recap.return_value = {
        "filename": "rekap-cuti-2026.xlsx", "content_type": XLSX, "content_b64": base64.b64encode(b"PK..").decode()}
    reply = service.kepegawaian_export_leave_recap(make_request("/x", query_string="format=xlsx&year=2026"))
    assert isinstance(reply, Reply) and reply.body == b"PK.." and reply.content_type == XLSX
    assert reply.headers["Content-Disposition"].startswith("attachment")
    assert "rekap-cuti-2026.xlsx" in reply.headers["Content-Disposition"]
    service.kepegawaian.export_leave_recap.assert_called_once_with(format="xlsx", year=2026)
    service.kepegawaian.export_leave_recap.return_value = {
        "filename": "rekap-cuti-2026.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF").decode()}
    assert service.kepegawaian_export_leave_recap(make_request("/x", query_string="format=pdf")).content_type == \
        "application/pdf"
    assert service.kepegawaian_export_leave_recap(make_request("/x", query_string="format=doc")).status == 422
    assert service.kepegawaian.export_leave_recap.call_count == 2
