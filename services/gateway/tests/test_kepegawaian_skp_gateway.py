"""The SKP routes (``gateway.domains.kepegawaian_skp``) with kepegawaian replaced: every route named, documented
and answering a kepegawaian schema; paths, queries and bodies passed as the RPCs take them; kepegawaian's errors
pass through; the evidence is the file itself as a download; a too big progress body is a 413 unread."""
import base64

import pytest
from gateway.domains.kepegawaian_skp import DOMAIN, PROGRESS_BYTES
from gateway.http import route_map
from gateway.service import GatewayService
from gateway_requests import make_request
from kepegawaian.schemas import SCHEMAS
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, PayloadTooLarge, ValidationFailed

PLAN = {"id": 7, "status": "submitted", "allowed_actions": ["approve", "return"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_kepegawaian_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 16
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component is None or route.body.component in SCHEMAS
        assert route.path.startswith("/kepegawaian/skp") and not route.public
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/skp/7/assessment", method="POST")[1] == {"skp_id": 7}
    assert urls.match("/api/v1/kepegawaian/skp/inbox", method="GET")[1] == {}  # not a plan id
    assert urls.match("/api/v1/kepegawaian/skp/progress/3/evidence", method="GET")[1] == {"progress_id": 3}


def test_reading_passes_queries(service):
    service.kepegawaian.my_skp.return_value = {"year": 2026, "plan": None, "supervisor_results": []}
    assert service.kepegawaian_my_skp(make_request("/x", query_string="year=2026")).status == 200
    service.kepegawaian.my_skp.assert_called_once_with(year=2026)
    service.kepegawaian.list_skp.return_value = {"items": [PLAN], "next_cursor": None}
    service.kepegawaian_list_skp(make_request("/x", query_string="employee_id=5&year=2025&limit=10"))
    service.kepegawaian.list_skp.assert_called_once_with(employee_id=5, year=2025, limit=10)
    service.kepegawaian.skp_unit_summary.return_value = {"year": 2025, "counts": []}
    service.kepegawaian_skp_unit_summary(make_request("/x", query_string="year=2025&unit_id=4"))
    service.kepegawaian.skp_unit_summary.assert_called_once_with(year=2025, unit_id=4)
    answer = service.kepegawaian_skp_unit_summary(make_request("/x", query_string="year=abc"))
    assert isinstance(answer, ValidationFailed)
    service.kepegawaian.get_skp.side_effect = Forbidden("Bukan SKP Anda.")
    assert isinstance(service.kepegawaian_get_skp(make_request("/x"), skp_id=7), Forbidden)


def test_the_workflow_routes_pass_bodies(service):
    body = {"year": 2026, "results": [{"text": "Dokumen", "indicators": []}]}
    service.kepegawaian.create_skp.return_value = PLAN
    reply = service.kepegawaian_create_skp(make_request("/x", method="POST", json=body))
    assert reply.status == 201
    service.kepegawaian.create_skp.assert_called_once_with(data=body)
    service.kepegawaian.approve_skp.return_value = {**PLAN, "status": "approved"}
    service.kepegawaian_approve_skp(make_request("/x", method="POST"), skp_id=7)
    service.kepegawaian.approve_skp.assert_called_once_with(skp_id=7)
    service.kepegawaian.return_skp.return_value = {**PLAN, "status": "returned"}
    service.kepegawaian_return_skp(make_request("/x", method="POST", json={"note": "Perbaiki."}), skp_id=7)
    service.kepegawaian.return_skp.assert_called_once_with(skp_id=7, note="Perbaiki.")
    assessment = {"results_rating": "sesuai_ekspektasi", "behaviour_rating": "sesuai_ekspektasi",
                  "behaviour_ratings": {}}
    service.kepegawaian.assess_skp.side_effect = Conflict("Sudah dinilai.")
    answer = service.kepegawaian_assess_skp(make_request("/x", method="POST", json=assessment), skp_id=7)
    assert isinstance(answer, Conflict)
    service.kepegawaian.assess_skp.assert_called_once_with(skp_id=7, data=assessment)


def test_progress_with_evidence_fits_and_a_bigger_body_is_413_unread(service):
    assert PROGRESS_BYTES > (5 * 1024 * 1024 * 4) // 3 + 16 * 1024
    big = {"period": 1, "realisations": [], "evidence_b64": "A" * (PROGRESS_BYTES + 1)}
    answer = service.kepegawaian_record_skp_progress(make_request("/x", method="POST", json=big), skp_id=7)
    assert isinstance(answer, PayloadTooLarge)
    service.kepegawaian.record_progress.assert_not_called()


def test_the_evidence_is_the_file_itself_as_a_download(service):
    service.kepegawaian.skp_evidence.return_value = {"filename": "bukti.pdf", "content_type": "application/pdf",
                                                     "content_b64": base64.b64encode(b"%PDF-1.4").decode()}
    reply = service.kepegawaian_skp_evidence(make_request("/x"), progress_id=3)
    assert reply.body == b"%PDF-1.4" and reply.headers["Content-Disposition"].startswith("attachment;")
    service.kepegawaian.skp_evidence.assert_called_once_with(progress_id=3)
