"""The assets handovers and maintenance routes (``gateway.domains.assets_handovers``) with assets replaced:
query parsing, bodies, statuses, the BAST as a file."""
import base64

import pytest
from gateway.domains.assets_handovers import HandoverQuery, MaintenanceDueQuery, MaintenanceRecordQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

PDF = b"%PDF-1.4\n% BAST"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


@pytest.mark.parametrize("schema, query, field", [
    (HandoverQuery(), "kind=pinjam", "kind"),
    (HandoverQuery(), "date_from=2026-03-01&date_to=2026-02-01", "date_to"),
    (HandoverQuery(), "asset_id=0", "asset_id"),
    (MaintenanceRecordQuery(), "status=selesai", "status"),
    (MaintenanceRecordQuery(), "year=1999", "year"),
    (MaintenanceDueQuery(), "month=2026-13", "month"),
])
def test_bad_filters_name_the_parameter(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(schema, make_request("/x", query_string=query))
    assert list(caught.value.fields) == [field]


def test_handovers_list_and_create(service):
    service.assets.list_handovers.return_value = {"items": [], "next_cursor": None}
    reply = service.list_handovers(make_request("/x", query_string="kind=return&asset_id=5&date_from=2026-01-01"))
    assert reply.status == 200
    service.assets.list_handovers.assert_called_once_with(
        filters={"kind": "return", "asset_id": 5, "date_from": "2026-01-01"}, cursor=None, limit=DEFAULT_LIMIT)
    body = {"kind": "move", "handover_date": "2026-12-03", "to_room_id": 4, "items": [{"asset_id": 5}]}
    service.assets.create_handover.return_value = {"id": 12, "number": "000.2.1/12/B.Umum/2026"}
    reply = service.create_handover(post(body, headers={"Idempotency-Key": "bast-12"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/handovers/12"}
    service.assets.create_handover.assert_called_once_with(data=body, idempotency_key="bast-12")
    service.assets.create_handover.side_effect = Forbidden("Hanya pengurus barang atau admin.")
    assert isinstance(service.create_handover(post(body)), Forbidden)


def test_a_bast_is_its_pdf(service):
    service.assets.handover_document.return_value = {"filename": "BAST-12.pdf", "content_type": "application/pdf",
                                                     "content_b64": base64.b64encode(PDF).decode()}
    reply = service.handover_document(make_request("/x"), handover_id=12)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    service.assets.handover_document.assert_called_once_with(handover_id=12)
    service.assets.get_handover.side_effect = NotFound("Serah terima tidak ditemukan.")
    assert isinstance(service.get_handover(make_request("/x"), handover_id=9), NotFound)


def test_maintenance_routes_pass_their_arguments(service):
    service.assets.maintenance_due.return_value = {"month": "2026-12", "km_margin": 500, "items": []}
    service.maintenance_due(make_request("/x", query_string="month=2026-12"))
    service.assets.maintenance_due.assert_called_once_with(month="2026-12")
    service.assets.list_maintenance_plans.return_value = [{"id": 1}]
    assert service.list_maintenance_plans(make_request("/x", query_string="asset_id=3")).body == {"items": [{"id": 1}]}
    service.assets.list_maintenance_plans.assert_called_once_with(asset_id=3)
    service.assets.maintenance_costs.return_value = {"year": 2026, "items": [], "total": 0}
    service.maintenance_costs(make_request("/x"), year=2026)
    service.assets.maintenance_costs.assert_called_once_with(year=2026)

    service.assets.create_maintenance_record.return_value = {"id": 8, "status": "scheduled"}
    record = {"asset_id": 3, "work": "Servis", "starts_at": "2026-12-10T08:00:00+08:00",
              "ends_at": "2026-12-10T12:00:00+08:00"}
    reply = service.create_maintenance_record(post(record))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/maintenance/records/8"}
    service.start_maintenance(post(), record_id=8)
    service.assets.start_maintenance.assert_called_once_with(record_id=8)
    service.finish_maintenance(post({"cost": 850000}), record_id=8)
    service.assets.finish_maintenance.assert_called_once_with(record_id=8, data={"cost": 850000})
    service.cancel_maintenance(post({"reason": "Ditunda"}), record_id=8)
    service.assets.cancel_maintenance.assert_called_once_with(record_id=8, reason="Ditunda")
    service.assets.start_maintenance.side_effect = Conflict("Pemeliharaan berstatus selesai tidak dapat dimulai.")
    assert isinstance(service.start_maintenance(post(), record_id=8), Conflict)
    assert isinstance(service.start_maintenance(post({"note": "x"}), record_id=8), ValidationFailed)


def test_the_forms_choices(service):
    service.assets.find_handover_items.return_value = [{"id": 5}]
    reply = service.find_handover_items(make_request("/x", query_string="q=proyektor&room_id=2"))
    assert reply.body == {"items": [{"id": 5}]}
    service.assets.find_handover_items.assert_called_once_with(q="proyektor", room_id=2)
    service.assets.handover_options.return_value = {"employees": [], "rooms": []}
    assert service.handover_options(make_request("/x")).body == {"employees": [], "rooms": []}
