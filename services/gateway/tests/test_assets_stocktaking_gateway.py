"""The stock-taking and disposal routes (``gateway.domains.assets_stocktaking``) with assets replaced: queries,
bodies, statuses, files, and assets' refusals passed through."""
import base64

import pytest
from gateway.domains.assets_stocktaking import XLSX, CampaignQuery, DisposalExportQuery, DisposalReportQuery
from gateway.http import Reply
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

PDF = b"%PDF-1.7\n%ba"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize("schema, query, field", [
    (CampaignQuery(), "status=selesai", "status"),
    (CampaignQuery(), "kind=opname", "kind"),
    (DisposalReportQuery(), "", "year"),
    (DisposalReportQuery(), "year=1999", "year"),
    (DisposalExportQuery(), "year=2026&format=csv", "format"),
])
def test_bad_parameters_name_the_parameter(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(schema, make_request("/x", query_string=query))
    assert field in caught.value.fields


def test_campaigns_list_create_and_read(service):
    service.assets.list_campaigns.return_value = {"items": [], "next_cursor": None}
    reply = service.list_campaigns(make_request("/x", query_string="status=open&kind=sensus&limit=5"))
    assert reply.status == 200
    service.assets.list_campaigns.assert_called_once_with(filters={"status": "open", "kind": "sensus"}, cursor=None,
                                                          limit=5)
    service.list_campaigns(make_request("/x"))
    service.assets.list_campaigns.assert_called_with(filters=None, cursor=None, limit=DEFAULT_LIMIT)

    body = {"name": "Sensus 2026", "kind": "sensus", "start_date": "2026-12-01", "rooms": [{"room_id": 3}]}
    service.assets.create_campaign.return_value = {"id": 9, "status": "open"}
    reply = service.create_campaign(post(body))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/campaigns/9"}
    service.assets.create_campaign.assert_called_once_with(data=body)

    service.assets.get_campaign.side_effect = NotFound("Inventarisasi tidak ditemukan.")
    assert isinstance(service.get_campaign(make_request("/x"), campaign_id=9), NotFound)


def test_room_checks_findings_and_steps(service):
    service.assets.record_campaign_check.return_value = {"asset_id": 4, "result": "found"}
    body = {"label": "1.3.2.05.01.04.002.7", "result": "found"}
    assert service.record_campaign_check(post(body), campaign_id=9, room_id=3).status == 200
    service.assets.record_campaign_check.assert_called_once_with(campaign_id=9, room_id=3, data=body)

    service.assets.record_campaign_finding.return_value = {"id": 1}
    finding = {"name": "Kursi lipat", "condition": "B", "quantity": 2}
    assert service.record_campaign_finding(post(finding), campaign_id=9, room_id=3).status == 201

    service.assets.finish_campaign_room.return_value = {"room": {"done": True}}
    service.finish_campaign_room(post(), campaign_id=9, room_id=3)
    service.assets.finish_campaign_room.assert_called_once_with(campaign_id=9, room_id=3)
    assert isinstance(service.finish_campaign_room(post({"x": 1}), campaign_id=9, room_id=3), ValidationFailed)

    service.assets.close_campaign.return_value = {"id": 9, "status": "closed"}
    service.close_campaign(make_request("/x", method="POST", query_string="force=true"), campaign_id=9)
    service.assets.close_campaign.assert_called_once_with(campaign_id=9, force=True)

    service.assets.apply_campaign.side_effect = Conflict("Inventarisasi berstatus diterapkan tidak dapat diterapkan.")
    assert isinstance(service.apply_campaign(post(), campaign_id=9), Conflict)
    service.assets.apply_campaign.assert_called_once_with(campaign_id=9, data={})

    service.assets.cancel_campaign.return_value = {"id": 9}
    service.cancel_campaign(post({"reason": "Diundur"}), campaign_id=9)
    service.assets.cancel_campaign.assert_called_once_with(campaign_id=9, reason="Diundur")


def test_the_berita_acara_is_the_pdf_itself(service):
    service.assets.campaign_document.return_value = {"filename": "BA.pdf", "content_type": "application/pdf",
                                                     "content_b64": b64(PDF)}
    reply = service.campaign_document(make_request("/x"), campaign_id=9)
    assert isinstance(reply, Reply) and reply.body == PDF and reply.content_type == "application/pdf"
    service.assets.disposal_document.return_value = {"filename": "usulan.pdf", "content_type": "application/pdf",
                                                     "content_b64": b64(PDF)}
    reply = service.disposal_document(make_request("/x"), proposal_id=5, kind="berita_acara")
    assert reply.body == PDF
    service.assets.disposal_document.assert_called_once_with(proposal_id=5, kind="berita_acara")


def test_disposals_workflow_and_report(service):
    service.assets.create_disposal.return_value = {"id": 5, "status": "draft"}
    body = {"method": "pemusnahan", "reasons": "Rusak berat", "items": [{"asset_id": 4}]}
    reply = service.create_disposal(post(body))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/disposals/5"}

    service.assets.approve_disposal.side_effect = Forbidden("pemisahan tugas")
    assert isinstance(service.approve_disposal(post(), proposal_id=5), Forbidden)
    service.assets.reject_disposal.return_value = {"id": 5, "status": "rejected"}
    service.reject_disposal(post({"reason": "Masih baik"}), proposal_id=5)
    service.assets.reject_disposal.assert_called_once_with(proposal_id=5, reason="Masih baik")
    assert isinstance(service.reject_disposal(post({"reason": 3}), proposal_id=5), ValidationFailed)

    decision = {"decree_number": "SK 1", "decree_date": "2026-12-01"}
    service.assets.decide_disposal.return_value = {"id": 5}
    service.decide_disposal(post(decision), proposal_id=5)
    service.assets.decide_disposal.assert_called_once_with(proposal_id=5, data=decision)
    service.assets.complete_disposal.return_value = {"id": 5}
    service.complete_disposal(post(), proposal_id=5)
    service.assets.complete_disposal.assert_called_once_with(proposal_id=5, data={})

    service.assets.disposal_report.return_value = {"year": 2026, "rows": []}
    service.disposal_report(make_request("/x", query_string="year=2026&method=hibah"))
    service.assets.disposal_report.assert_called_once_with(year=2026, method="hibah")
    service.assets.disposal_report_file.return_value = {"filename": "penghapusan-2026.xlsx", "content_type": XLSX,
                                                        "content_b64": b64(b"PK\x03\x04")}
    reply = service.disposal_report_file(make_request("/x", query_string="year=2026&format=xlsx"))
    assert reply.content_type == XLSX and reply.headers["Content-Disposition"].startswith("attachment;")
    service.assets.disposal_suggestions.return_value = {"items": [], "next_cursor": None}
    service.disposal_suggestions(make_request("/x"))
    service.assets.disposal_suggestions.assert_called_once_with(cursor=None, limit=DEFAULT_LIMIT)
