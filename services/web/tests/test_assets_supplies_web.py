"""The consumables pages without a running service: what assets answers is shown, forms go as typed, assets'
per-field messages land by their rows, buttons come from ``allowed_actions``, links from the capabilities."""
from __future__ import annotations

import base64
from datetime import UTC, date, datetime

import pytest
from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, posts, text
from web import nav

KEEPER = Identity(account_id=3, username="pengurus_barang", employee_id=9, roles=frozenset({"pengurus_barang"}))
NONE = dict.fromkeys(AssetsCapabilitiesOut().fields, False)
ITEM = {"id": 4, "code": "ATK-001", "name": "Kertas HVS A4", "unit": "rim", "minimum_stock": 5,
        "account_code": "1.1.7.01.01", "active": True, "stock": 3, "stock_value": 165_000, "low": True}
ITEMS = SCHEMAS["SupplyItemPage"]().dump({"items": [ITEM], "next_cursor": None})


def request(status="submitted", actions=("approve", "reject"), issued=None):
    return SCHEMAS["SupplyRequestOut"]().dump({
        "id": 12, "status": status, "status_label": status, "requester_employee_id": 5,
        "requester_name": "I Kadek Agus Wirawan", "requester_unit_id": 2, "requester_unit_name": "Subbagian PBH",
        "purpose": "Rapat koordinasi", "created_at": datetime(2026, 11, 2, 1, tzinfo=UTC),
        "decided_by_employee_id": None, "decided_by_name": None, "decided_at": None, "decision_note": None,
        "issued_by": None, "issued_on": None, "issue_note": None, "total_issued_value": 0,
        "lines": [{"id": 31, "item_id": 4, "item_code": "ATK-001", "item_name": "Kertas HVS A4", "unit": "rim",
                   "quantity_requested": 4, "quantity_approved": 4 if status != "submitted" else None,
                   "quantity_issued": issued, "value_issued": None, "issue_note": None, "stock": 3}],
        "allowed_actions": list(actions)})


MADE: list[Browser] = []


def browser(*names: str, identity: Identity = KEEPER) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "assets": caps}, identity)
    made.service.assets.capabilities.return_value = caps
    made.service.assets.supply_items.return_value = ITEMS
    made.service.assets.supply_low_stock.return_value = {"items": [ITEM]}
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_assets_rpcs():
    """Every call the pages made to the fake assets is one the real ``AssetsService`` takes."""
    from assets.service import AssetsService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AssetsService, "assets")


def test_the_items_page_shows_stock_and_low_stock_alerts_to_the_keeper():
    body = text(browser("keep_stock", "request_supplies").call("assets_supplies", "/aset/persediaan"))
    assert "Stok menipis" in body and "ATK-001" in body and "Rp165.000" in body
    assert "/aset/persediaan/4/kartu" in body and "/aset/persediaan" in posts(body)
    pegawai = text(browser("request_supplies").call("assets_supplies", "/aset/persediaan"))
    assert 'id="low-title"' not in pegawai and "Rp165.000" not in pegawai
    assert "/aset/persediaan" not in posts(pegawai)


def test_a_request_goes_as_typed_and_row_messages_land_on_their_rows():
    made = browser("request_supplies")
    made.service.assets.supply_requests.return_value = {"items": [], "next_cursor": None}
    made.service.assets.request_supplies.side_effect = ValidationFailed(
        "Permintaan tidak valid.", {"lines.0.quantity": "Harus bilangan bulat lebih dari 0."})
    response = made.call("assets_supply_request_create", "/aset/persediaan/permintaan", "POST", {
        "purpose": "Rapat", "rows": "3", "item_id_2": "4", "quantity_2": "0"})
    assert response.status_code == 422
    body = text(response)
    assert 'id="f-quantity_2"' in body and body.index("Harus bilangan bulat lebih dari 0.") > body.index(
        'id="f-quantity_2"')
    sent = made.service.assets.request_supplies.call_args.args[0]
    assert sent == {"purpose": "Rapat", "lines": [{"item_id": 4, "quantity": 0}]}


def test_the_inbox_shows_the_buttons_assets_allows_and_sends_the_quantities():
    made = browser("approve_supply_requests", identity=Identity(account_id=4, username="kasubbag", employee_id=7,
                                                                 roles=frozenset({"kasubbag"})))
    made.service.assets.supply_requests.return_value = {"items": [request()], "next_cursor": None}
    body = text(made.call("assets_supply_inbox", "/aset/persediaan/persetujuan"))
    assert {"/aset/persediaan/permintaan/12/setujui", "/aset/persediaan/permintaan/12/tolak"} <= posts(body)
    assert 'name="qty_31"' in body
    made.service.assets.get_supply_request.return_value = request()
    response = made.call("assets_supply_request_approve", "/aset/persediaan/permintaan/12/setujui", "POST",
                         {"qty_31": "2", "note": "Sebagian"}, request_id=12)
    assert response.status_code == 303
    made.service.assets.approve_supply_request.assert_called_once_with(
        12, lines=[{"line_id": 31, "quantity": 2}], note="Sebagian")
    made.service.assets.supply_requests.return_value = {"items": [request(actions=())], "next_cursor": None}
    assert posts(text(made.call("assets_supply_inbox", "/aset/persediaan/persetujuan"))) == {"/keluar"}


def test_the_queue_issues_and_a_refusal_is_shown_on_the_request():
    made = browser("keep_stock")
    made.service.assets.supply_requests.return_value = {"items": [request("approved", ("issue",))],
                                                        "next_cursor": None}
    body = text(made.call("assets_supply_queue", "/aset/persediaan/antrean"))
    assert "/aset/persediaan/permintaan/12/serahkan" in posts(body)
    assert 'value="3"' in body                                   # defaults to what stock allows
    made.service.assets.get_supply_request.return_value = request("approved", ("issue",))
    made.service.assets.issue_supply_request.side_effect = ValidationFailed(
        "Jumlah tidak valid.", {"lines.0.quantity": "Tidak boleh melebihi yang disetujui (4)."})
    response = made.call("assets_supply_request_issue", "/aset/persediaan/permintaan/12/serahkan", "POST",
                         {"qty_31": "9"}, request_id=12)
    assert response.status_code == 422 and "Tidak boleh melebihi yang disetujui (4)." in text(response)


def test_receipts_send_rupiah_as_numbers():
    made = browser("keep_stock")
    made.service.assets.supply_receipts.return_value = {"items": [], "next_cursor": None}
    made.service.assets.receive_supplies.return_value = {"id": 1, "document_number": "F-1"}
    response = made.call("assets_supply_receipt_create", "/aset/persediaan/penerimaan", "POST", {
        "received_on": "2026-11-02", "supplier": "CV Sumber", "document_number": "F-1", "rows": "2",
        "item_id_0": "4", "quantity_0": "10", "unit_price_0": "Rp55.000"})
    assert response.status_code == 303
    sent = made.service.assets.receive_supplies.call_args.args[0]
    assert sent["lines"] == [{"item_id": 4, "quantity": 10, "unit_price": 55_000}]


def test_the_stock_card_and_its_downloads():
    made = browser("keep_stock")
    made.service.assets.supply_stock_card.return_value = SCHEMAS["SupplyStockCardOut"]().dump({
        "item": ITEM, "date_from": None, "date_to": None,
        "totals": {"opening_qty": 0, "opening_value": 0, "in_qty": 10, "in_value": 550_000, "out_qty": 7,
                   "out_value": 385_000, "closing_qty": 3, "closing_value": 165_000},
        "items": [{"id": 1, "moved_on": date(2026, 11, 2), "kind": "receipt", "reference": "Penerimaan F-1",
                   "qty_in": 10, "qty_out": 0, "unit_price": 55_000, "value_in": 550_000, "value_out": 0,
                   "balance_qty": 10, "balance_value": 550_000, "receipt_id": 1, "request_id": None,
                   "count_id": None}],
        "next_cursor": None})
    body = text(made.call("assets_supply_card", "/aset/persediaan/4/kartu", item_id=4))
    assert "Penerimaan F-1" in body and "Rp550.000" in body and "/aset/persediaan/4/kartu/unduh?format=xlsx" in body
    made.service.assets.supply_stock_card_document.return_value = {
        "filename": "kartu.pdf", "content_type": "application/pdf", "content_b64": base64.b64encode(b"%PDF").decode()}
    response = made.call("assets_supply_card_download", "/aset/persediaan/4/kartu/unduh", item_id=4)
    assert response.get_data() == b"%PDF" and response.content_type == "application/pdf"


def test_the_report_page():
    made = browser("view_reports")
    row = {"item_id": 4, "code": "ATK-001", "name": "Kertas", "unit": "rim", "account_code": None,
           "opening_qty": 1, "opening_value": 50_000, "received_qty": 10, "received_value": 550_000,
           "issued_qty": 8, "issued_value": 435_000, "adjusted_qty": 0, "adjusted_value": 0, "closing_qty": 3,
           "closing_value": 165_000}
    made.service.assets.supply_report.return_value = SCHEMAS["SupplyReportOut"]().dump({
        "year": 2026, "semester": 2, "period_start": date(2026, 7, 1), "period_end": date(2026, 12, 31),
        "rows": [row], "totals": row})
    body = text(made.call("assets_supply_report", "/aset/persediaan/laporan"))
    assert "Rp435.000" in body and "/aset/persediaan/laporan/unduh?" in body


def test_the_links_follow_the_capabilities():
    def links(*names):
        return {link.url for _area, shown in nav.menu_for({"assets": frozenset({"read", *names})})
                for link in shown}

    assert {"/aset/persediaan", "/aset/persediaan/permintaan"} <= links("request_supplies")
    assert "/aset/persediaan/antrean" not in links("request_supplies")
    assert "/aset/persediaan/persetujuan" in links("approve_supply_requests")
    assert {"/aset/persediaan/antrean", "/aset/persediaan/penerimaan", "/aset/persediaan/opname"} <= links(
        "keep_stock")
    assert "/aset/persediaan/laporan" in links("view_reports")
