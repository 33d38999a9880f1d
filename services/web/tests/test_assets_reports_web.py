"""The reports pages without a running service (assets replaced, its answers dumped through assets' own schemas):
the label form and its refusals, the scan page and the decoder it is served, the KIR, the reports page with the
KIB exports and depreciation, an item's schedule — and the menu's links by capability."""
from __future__ import annotations

import base64
from datetime import date

import pytest
from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, text
from web.views import assets_reports

KEEPER = Identity(account_id=3, username="pengurus_barang", employee_id=9, roles=frozenset({"pengurus_barang"}))
NONE = dict.fromkeys(AssetsCapabilitiesOut().fields, False)
PDF = {"filename": "label.pdf", "content_type": "application/pdf", "content_b64": base64.b64encode(b"%PDF").decode()}
ROOMS = {"items": [{"id": 7, "floor_id": 1, "floor_name": "Lantai 1", "building_id": 1, "building_name": "Gedung A",
                    "code": "R-101", "name": "Ruang Rapat", "person_in_charge_employee_id": None,
                    "person_in_charge_name": None, "unit_id": None, "unit_name": None, "capacity": None,
                    "facilities": [], "bookable": False}], "next_cursor": None}
KIR = SCHEMAS["RoomInventoryOut"]().dump({
    "room": {"id": 7, "code": "R-101", "name": "Ruang Rapat", "floor_name": "Lantai 1", "building_name": "Gedung A",
             "building_code": "GA", "unit_id": None, "unit_name": None},
    "bureau_name": "Biro Umum", "unit_code": "B.Umum",
    "lines": [{"no": 1, "code": "1.3.2.05.02.01.003", "code_name": "Meja Kerja Kayu", "name": "Kursi Kerja",
               "brand": "Chitose", "serial_number": "", "size": "", "material": "Besi", "acquisition_year": 2023,
               "condition": "B", "count": 3, "registers": "0001–0003", "register_numbers": [1, 2, 3],
               "asset_ids": [11, 12, 13], "acquisition_value": 2_250_000, "notes": ""}],
    "totals": {"lines": 1, "items": 3, "acquisition_value": 2_250_000, "baik": 3, "kurang_baik": 0, "rusak_berat": 0},
    "person_in_charge": {"employee_id": 4, "name": "Ni Luh Putu Sari", "nip": "1987", "position": "Kasubbag"},
    "pengurus_barang": None, "printed_on": date(2026, 12, 3)})
REPORT = SCHEMAS["DepreciationReportOut"]().dump({
    "year": 2026, "kib": None, "period": "year", "as_of": date(2026, 12, 31),
    "rows": [{"kib": "B", "kib_name": "Peralatan dan Mesin", "items": 2, "acquisition_value": 30_000_000,
              "depreciation": 7_500_000, "accumulated": 15_000_000, "book_value": 15_000_000}],
    "totals": {"kib": "", "kib_name": "Jumlah", "items": 2, "acquisition_value": 30_000_000,
               "depreciation": 7_500_000, "accumulated": 15_000_000, "book_value": 15_000_000}, "items": []})
SCHEDULE = SCHEMAS["AssetDepreciationOut"]().dump({
    "asset_id": 11, "code": "1.3.2.10.01.02.001", "register_number": 4, "name": "Laptop Uji", "kib": "B",
    "acquisition_value": 15_000_000, "acquired_on": date(2024, 3, 10), "useful_life_years": 4, "period": "year",
    "depreciated": True, "status": "active", "disposed_on": None,
    "periods": [{"index": n + 1, "year": 2024 + n, "semester": None, "starts_on": date(2024 + n, 1, 1),
                 "ends_on": date(2024 + n, 12, 31), "amount": 3_750_000, "accumulated": 3_750_000 * (n + 1),
                 "book_value": 15_000_000 - 3_750_000 * (n + 1)} for n in range(4)]})
MADE: list[Browser] = []


def browser(*names: str, identity: Identity = KEEPER) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "assets": caps}, identity)
    made.service.assets.capabilities.return_value = caps
    made.service.assets.list_rooms.return_value = ROOMS
    made.service.assets.list_assets.return_value = {"items": [], "next_cursor": None}
    made.service.assets.room_inventory.return_value = KIR
    made.service.assets.depreciation_report.return_value = REPORT
    made.service.assets.asset_depreciation.return_value = SCHEDULE
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_assets_rpcs():
    """Every call the pages made to the fake assets is one the real ``AssetsService`` takes."""
    from assets.service import AssetsService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AssetsService, "assets")


def test_the_menu_links_follow_the_capabilities():
    keeper = menu_links(text(browser("print_labels", "view_reports").call("dashboard", "/")))
    assert {"/aset/label", "/aset/pindai", "/aset/laporan"} <= keeper
    pegawai = menu_links(text(browser().call("dashboard", "/")))
    assert "/aset/pindai" in pegawai and "/aset/label" not in pegawai and "/aset/laporan" not in pegawai
    assert browser().call("assets_labels", "/aset/label").status_code == 403
    assert browser().call("assets_reports", "/aset/laporan").status_code == 403
    assert browser().call("assets_item_depreciation", "/aset/barang/11/penyusutan", asset_id=11).status_code == 403


def test_the_label_form_prints_the_chosen_items_for_this_sites_pages(monkeypatch):
    monkeypatch.setenv("SITUOK_PUBLIC_URL", "https://situok.baliprov.go.id/")
    made = browser("print_labels")
    made.service.assets.list_assets.return_value = {"items": [{"id": 11, "name": "Laptop Uji", "code": "1.3.2.10",
                                                               "register_number": 4}], "next_cursor": None}
    body = text(made.call("assets_labels", "/aset/label?q=laptop&room_id=7"))
    assert 'name="asset_id" value="11"' in body and "R-101 — Ruang Rapat" in body
    made.service.assets.list_assets.assert_called_with(filters={"q": "laptop", "room_id": 7}, limit=100)
    made.service.assets.get_asset.return_value = {"id": 12, "name": "Proyektor Uji", "code": "1.3.2.05.01.05.048",
                                                   "register_number": 1, "allowed_actions": ["print_label"]}
    one = text(made.call("assets_labels", "/aset/label?barang=12"))
    assert 'name="asset_id" value="12"' in one and "Proyektor Uji" in one and 'value="11"' not in one
    made.service.assets.get_asset.assert_called_once_with(12)
    made.service.assets.label_sheet.return_value = PDF
    response = made.call("assets_labels_print", "/aset/label", "POST", {"target": "items", "asset_id": ["11", "12"],
                                                                        "layout": "a4-3x7", "skip": "2"})
    assert response.status_code == 200 and response.data == b"%PDF" and response.mimetype == "application/pdf"
    made.service.assets.label_sheet.assert_called_once_with(base_url="https://situok.baliprov.go.id",
                                                            asset_ids=[11, 12], layout="a4-3x7", skip=2)
    made.call("assets_labels_print", "/aset/label", "POST", {"target": "room", "room_id": "7"})
    made.service.assets.label_sheet.assert_called_with(base_url="https://situok.baliprov.go.id", room_id=7)


def test_the_label_forms_refusals_land_by_their_fields():
    made = browser("print_labels")
    made.service.assets.label_sheet.side_effect = ValidationFailed(
        "Tidak ada barang untuk dicetak labelnya.", {"room_id": "Ruangan ini belum berisi barang aktif."})
    response = made.call("assets_labels_print", "/aset/label", "POST", {"target": "room", "room_id": "7"})
    assert response.status_code == 422
    body = text(response)
    assert 'id="e-room_id">Ruangan ini belum berisi barang aktif.' in body
    made.service.assets.label_sheet.side_effect = Conflict("Barang yang sudah dihapuskan tidak diberi label: x.")
    gone = made.call("assets_labels_print", "/aset/label", "POST", {"target": "items", "asset_id": "11"})
    assert gone.status_code == 409 and "sudah dihapuskan" in text(gone)


def test_the_scan_page_loads_the_decoder_from_this_site(monkeypatch, tmp_path):
    body = text(browser().call("assets_scan", "/aset/pindai"))
    assert 'src="/vendor/jsqr.js?v=' in body and "/static/js/assets-scan.js?v=" in body
    assert 'capture="environment"' in body and "data-scan-page" in body and "cdn" not in body.lower()
    anonymous = browser()
    anonymous.cookie = ""            # a signed-in visit's answers are never cached (no-store), as for /static
    served = anonymous.call("assets_jsqr", "/vendor/jsqr.js?v=1")
    assert served.status_code == 200 and b"jsQR" in served.data
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served.mimetype == "application/javascript"
    monkeypatch.setattr(assets_reports, "JSQR_FILE", tmp_path / "missing.js")
    assets_reports._jsqr.cache_clear()
    try:
        assert browser().call("assets_jsqr", "/vendor/jsqr.js").status_code == 404
        assert "Pemindai belum terpasang" in text(browser().call("assets_scan", "/aset/pindai"))
    finally:
        assets_reports._jsqr.cache_clear()


def test_the_kir_page_and_its_downloads():
    made = browser()
    body = text(made.call("assets_room_kir", "/aset/ruangan/7/kir", room_id=7))
    assert "Kursi Kerja" in body and "0001–0003" in body and "Rp2.250.000" in body and "Ni Luh Putu Sari" in body
    assert "/aset/ruangan/7/kir/unduh?format=xlsx" in body
    made.service.assets.room_inventory_document.return_value = PDF
    response = made.call("assets_room_kir_download", "/aset/ruangan/7/kir/unduh?format=pdf", room_id=7)
    assert response.status_code == 200 and response.data == b"%PDF"
    made.service.assets.room_inventory_document.assert_called_once_with(7, "pdf")


def test_the_reports_page_exports_kibs_and_shows_depreciation():
    made = browser("view_reports")
    body = text(made.call("assets_reports", "/aset/laporan?tahun=2026"))
    assert "Rp15.000.000" in body and "KIB B — Peralatan dan Mesin" in body
    assert "/aset/laporan/penyusutan/unduh?tahun=2026&amp;kib=B&amp;format=pdf" in body
    made.service.assets.depreciation_report.assert_called_with(2026)
    made.service.assets.kib_export.return_value = PDF
    response = made.call("assets_kib_download", "/aset/laporan/kib?kib=B&format=pdf&room_id=7&condition=RB"
                                                "&year_from=2020&year_to=")
    assert response.status_code == 200 and response.data == b"%PDF"
    made.service.assets.kib_export.assert_called_once_with("B", "pdf", {"room_id": 7, "year_from": 2020,
                                                                        "condition": "RB"})
    made.service.assets.kib_export.side_effect = ValidationFailed("Data tidak valid.", {
        "year_to": "Tahun akhir tidak boleh sebelum tahun awal."})
    refused = made.call("assets_kib_download", "/aset/laporan/kib?kib=B&year_from=2025&year_to=2020")
    assert refused.status_code == 422 and 'id="e-year_to">Tahun akhir' in text(refused)
    made.service.assets.depreciation_report.return_value = PDF
    made.call("assets_depreciation_download", "/aset/laporan/penyusutan/unduh?tahun=2025&kib=b&format=xlsx")
    made.service.assets.depreciation_report.assert_called_with(2025, kib="B", format="xlsx")


def test_an_items_schedule():
    body = text(browser("view_reports").call("assets_item_depreciation", "/aset/barang/11/penyusutan", asset_id=11))
    assert "Laptop Uji" in body and "Rp3.750.000" in body and "4 tahun" in body and "/aset/barang/11" in body
