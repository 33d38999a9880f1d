"""The consumables routes (``gateway.domains.assets_supplies``) with assets replaced: parsing, bodies, files."""
import base64

import pytest
from gateway.domains.assets_supplies import DOMAIN, DateRangeQuery, RequestQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REQUEST = {"id": 7, "status": "approved", "allowed_actions": ["issue"], "lines": []}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def test_every_create_is_idempotent_and_paths_are_under_assets():
    for route in DOMAIN.routes:
        assert route.path.startswith("/assets/supp")
        if route.method == "POST" and route.status == 201:
            assert route.idempotent and route.location
        assert route.errors


@pytest.mark.parametrize("schema, query, field", [
    (RequestQuery(), "queue=semua", "queue"),
    (RequestQuery(), "status=lunas", "status"),
    (DateRangeQuery(), "date_from=2026-03-01&date_to=2026-02-01", "date_to"),
    (DateRangeQuery(), "limit=0", "limit"),
])
def test_bad_query_parameters_are_named(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(schema, make_request("/x", query_string=query))
    assert list(caught.value.fields) == [field]


def test_items_pass_their_filters_by_name(service):
    service.assets.supply_items.return_value = {"items": [], "next_cursor": None}
    reply = service.list_asset_supplies(make_request("/x", query_string="q=kertas&low_only=true&limit=5"))
    assert reply.status == 200
    service.assets.supply_items.assert_called_once_with(q="kertas", low_only=True, limit=5)


def test_create_item_and_receipt_are_201_with_location(service):
    service.assets.create_supply_item.return_value = {"id": 4, "code": "ATK-1"}
    body = {"code": "ATK-1", "name": "Kertas A4", "unit": "rim"}
    reply = service.create_asset_supply(post(body, headers={"Idempotency-Key": "k-1"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/supplies/4"}
    service.assets.create_supply_item.assert_called_once_with(data=body, idempotency_key="k-1")
    service.assets.receive_supplies.return_value = {"id": 9}
    receipt = {"received_on": "2026-01-02", "supplier": "CV", "document_number": "F-1", "lines": []}
    reply = service.create_asset_supply_receipt(post(receipt))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/assets/supply-receipts/9"}
    service.assets.receive_supplies.side_effect = Forbidden("Hanya pengurus barang atau admin.")
    assert isinstance(service.create_asset_supply_receipt(post(receipt)), Forbidden)


def test_request_actions_send_their_fields(service):
    service.assets.supply_requests.return_value = {"items": [REQUEST], "next_cursor": None}
    reply = service.list_asset_supply_requests(make_request("/x", query_string="queue=issue"))
    assert reply.body["items"][0]["allowed_actions"] == ["issue"]
    service.assets.supply_requests.assert_called_once_with(queue="issue")
    lines = [{"line_id": 3, "quantity": 2}]
    service.approve_asset_supply_request(post({"lines": lines, "note": "ok"}), request_id=7)
    service.assets.approve_supply_request.assert_called_once_with(request_id=7, lines=lines, note="ok")
    service.reject_asset_supply_request(post({"reason": "Stok ruangan masih ada"}), request_id=7)
    service.assets.reject_supply_request.assert_called_once_with(request_id=7, reason="Stok ruangan masih ada")
    service.issue_asset_supply_request(post(), request_id=7)
    service.assets.issue_supply_request.assert_called_once_with(request_id=7)
    wrong = service.cancel_asset_supply_request(post({"reason": "x", "status": "cancelled"}), request_id=7)
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"status": "Kolom tidak dikenal."}
    service.assets.issue_supply_request.side_effect = Conflict("Permintaan berstatus diserahkan.")
    assert isinstance(service.issue_asset_supply_request(post(), request_id=7), Conflict)
    service.assets.get_supply_request.side_effect = NotFound("Permintaan persediaan tidak ditemukan.")
    assert isinstance(service.get_asset_supply_request(make_request("/x"), request_id=8), NotFound)


def test_counts_apply_without_a_body(service):
    service.apply_asset_supply_count(post(), count_id=3)
    service.assets.apply_supply_count.assert_called_once_with(count_id=3)
    wrong = service.apply_asset_supply_count(post({"force": True}), count_id=3)
    assert isinstance(wrong, ValidationFailed)


def test_stock_card_and_report_exports_are_the_files(service):
    service.assets.supply_stock_card.return_value = {"items": [], "next_cursor": None}
    service.asset_supply_stock_card(make_request("/x", query_string="date_from=2026-01-01"), item_id=4)
    service.assets.supply_stock_card.assert_called_once_with(item_id=4, date_from="2026-01-01")
    service.assets.supply_report_document.return_value = {
        "filename": "laporan-persediaan-2026-s1.xlsx", "content_type": XLSX,
        "content_b64": base64.b64encode(b"PK\x03\x04").decode()}
    reply = service.asset_supply_report_export(make_request("/x", query_string="format=xlsx"), year=2026,
                                               semester=1)
    assert reply.body == b"PK\x03\x04" and reply.content_type == XLSX
    assert reply.headers["Content-Disposition"] == 'attachment; filename="laporan-persediaan-2026-s1.xlsx"'
    service.assets.supply_report_document.assert_called_once_with(year=2026, semester=1, format="xlsx")
    service.assets.supply_stock_card_document.return_value = {
        "filename": "kartu.pdf", "content_type": "application/pdf", "content_b64": base64.b64encode(b"%PDF").decode()}
    reply = service.asset_supply_stock_card_export(make_request("/x"), item_id=4)
    assert reply.body == b"%PDF" and reply.content_type == "application/pdf"
    assert isinstance(service.asset_supply_report_export(make_request("/x", query_string="format=doc"), year=2026,
                                                         semester=1), ValidationFailed)
