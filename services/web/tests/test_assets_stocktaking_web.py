"""Inventarisasi and penghapusan pages without a running service: rendered by the web service itself with assets
replaced (``worker_factory``), fed with sample answers dumped through assets' own output schemas — so a template
naming a field assets does not answer fails here (StrictUndefined) — the buttons following ``allowed_actions``,
the forms becoming assets' input, and every call one the real ``AssetsService`` takes."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web import nav

ALL = tuple(AssetsCapabilitiesOut().fields)
KEEPER = Identity(account_id=41, username="pengurus", employee_id=12, roles=frozenset({"pengurus_barang", "pegawai"}))
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)


def caps(*names: str) -> dict:
    return {**dict.fromkeys(ALL, False), "read": True, **dict.fromkeys(names, True)}


def dumped(schema: str, data):
    return SCHEMAS[schema]().dump(data)


class AssetsBrowser(Browser):
    made: list[AssetsBrowser] = []

    def __init__(self, *names: str, identity: Identity = KEEPER):
        super().__init__({**STAFF, "assets": caps(*names)}, identity)
        self.service.assets.capabilities.return_value = caps(*names)
        AssetsBrowser.made.append(self)


@pytest.fixture(autouse=True)
def calls_fit_assets_rpcs():
    from assets.service import AssetsService

    AssetsBrowser.made.clear()
    yield
    assert_calls_fit(AssetsBrowser.made, AssetsService, "assets")


def campaign(actions, status="open", room_actions=("check", "finish")) -> dict:
    return dumped("CampaignDetailOut", campaign_raw(actions, status, room_actions))


def campaign_raw(actions, status="open", room_actions=("check", "finish")) -> dict:
    room = {"id": 3, "room_id": 30, "room_code": "R-01", "room_name": "Ruang Arsip", "checker_employee_id": 7,
            "checker_name": "Ni Luh Uji", "done": False, "done_at": None, "done_by": None, "total": 2, "checked": 1,
            "found_here_elsewhere": 0, "findings": 1, "allowed_actions": list(room_actions)}
    return {
        "id": 9, "name": "Sensus BMD 2026", "kind": "sensus", "start_date": date(2026, 12, 1), "status": status,
        "notes": None, "created_by": "pengurus", "created_at": NOW, "closed_at": None, "closed_by": None,
        "closed_early": False, "ba_number": "000.2.1/4/B.Umum/2026" if status != "open" else None,
        "ba_date": date(2026, 12, 3) if status != "open" else None, "applied_at": None, "applied_by": None,
        "cancelled_at": None, "cancel_reason": None, "rooms_total": 1, "rooms_done": 0, "items_total": 2,
        "items_checked": 1, "allowed_actions": list(actions), "rooms": [room], "findings_total": 2,
        "applied_summary": {}}


def line(asset_id, result=None, **extra) -> dict:
    return {"asset_id": asset_id, "code": "1.3.2.05.01.04.002", "register_number": asset_id,
            "name": f"Lemari {asset_id}", "condition": "B", "room_id": 30, "room_name": "Ruang Arsip",
            "status": "active", "result": result,
            "checked_condition": None, "note": None, "checked_by": None, "checked_at": None, **extra}


FINDING = {"id": 5, "campaign_room_id": 3, "name": "Kursi lipat", "suggested_code": "1.3.2.05", "condition": "B",
           "quantity": 2, "description": None, "recorded_by": "pegawai", "recorded_at": NOW, "registered_code": None,
           "registered_value": None, "asset_ids": []}


def result_answer(status="open") -> dict:
    changed = {**line(2, "found"), "checked_condition": "KB", "registered_condition": "B", "from_room_id": 30,
               "from_room_name": "Ruang Arsip", "to_room_id": 30, "to_room_name": "Ruang Arsip"}
    return dumped("CampaignResultOut", {
        "campaign": campaign_raw([], status), "found": [], "condition_changed": [changed], "not_found": [],
        "found_elsewhere": [], "unchecked": [line(1)], "findings": [{**FINDING, "room_name": "Ruang Arsip"}],
        "team": [], "counts": {"found": 0, "condition_changed": 1, "not_found": 0, "found_elsewhere": 0,
                               "unchecked": 1, "findings": 1}})


def sheet(room_actions=("check", "finish")) -> dict:
    data = campaign_raw(["check"], room_actions=room_actions)
    return dumped("CampaignRoomSheetOut", {"campaign": data, "room": data["rooms"][0],
                                           "items": [line(1), line(2, "found")], "found_here": [],
                                           "findings": [FINDING]})


def proposal(actions, status="draft") -> dict:
    return dumped("DisposalDetailOut", {
        "id": 4, "method": "pemusnahan", "reasons": "Rusak berat", "status": status, "created_by": "pengurus",
        "created_at": NOW, "proposed_at": None, "approved_by": None, "approved_at": None, "rejected_by": None,
        "rejected_at": None, "rejection_reason": None, "decree_number": None, "decree_date": None, "decree_by": None,
        "decided_at": None, "ba_number": None, "ba_date": None, "done_at": None, "done_by": None,
        "cancelled_at": None, "cancel_reason": None, "updated_at": NOW, "items_count": 1, "total_value": 1_500_000,
        "allowed_actions": list(actions),
        "items": [{"id": 1, "asset_id": 11, "code": "1.3.2.05.01.04.002", "register_number": 3, "name": "Lemari",
                   "kib": "B", "acquisition_year": 2015, "room_id": 30, "room_name": "Gudang",
                   "asset_status": "active", "reason": "Lapuk", "condition": "RB", "acquisition_value": 4_000_000,
                   "value": 1_500_000, "value_basis": "book_value"}]})


def test_the_menu_links_follow_the_capabilities():
    def links(*names):
        return {link.url for area, shown in nav.menu_for({"assets": frozenset(names)}) for link in shown}

    assert "/aset/inventarisasi" in links("read", "check_campaigns")
    assert "/aset/penghapusan" not in links("read", "check_campaigns")
    assert "/aset/penghapusan" in links("read", "approve_disposal")
    assert "/aset/penghapusan/laporan" in links("read", "view_reports")


def test_the_campaign_page_offers_what_the_campaign_allows():
    browser = AssetsBrowser("run_campaigns", "check_campaigns")
    browser.service.assets.campaign_result.return_value = result_answer()
    base = "/aset/inventarisasi/9"
    forms = {}
    for actions in ([], ["check", "close", "cancel"], ["apply", "cancel"]):
        browser.service.assets.get_campaign.return_value = campaign(actions)
        forms[tuple(actions)] = posts(text(browser.call("assets_campaign", base, campaign_id=9)))
    assert forms[()] == {"/keluar"}
    assert forms[("check", "close", "cancel")] == {"/keluar", f"{base}/tutup", f"{base}/batalkan"}
    assert forms[("apply", "cancel")] == {"/keluar", f"{base}/terapkan", f"{base}/batalkan"}
    body = text(browser.call("assets_campaign", base, campaign_id=9))
    assert "Ruang Arsip" in body and 'name="code-5"' in body and "/aset/inventarisasi/9/ruangan/30" in body
    assert "/aset/inventarisasi" in menu_links(body)


def test_the_room_page_is_plain_forms_with_big_buttons():
    browser = AssetsBrowser("check_campaigns", identity=Identity(account_id=5, username="pegawai", employee_id=7,
                                                                 roles=frozenset({"pegawai"})))
    browser.service.assets.campaign_room.return_value = sheet()
    base = "/aset/inventarisasi/9/ruangan/30"
    body = text(browser.call("assets_campaign_room", base, campaign_id=9, room_id=30))
    assert posts(body) == {"/keluar", f"{base}/periksa", f"{base}/temuan", f"{base}/temuan/5/hapus",
                           f"{base}/selesai"}
    assert body.count('value="not_found"') == 2 and 'name="label"' in body and "<progress" in body
    assert "assets-campaign.js" in body and "assets-scan.js" in body
    browser.service.assets.campaign_room.return_value = sheet(room_actions=())
    body = text(browser.call("assets_campaign_room", base, campaign_id=9, room_id=30))
    assert posts(body) == {"/keluar"} and "Lemari 1" in body


def test_an_answer_and_a_label_become_checks():
    browser = AssetsBrowser("check_campaigns")
    base = "/aset/inventarisasi/9/ruangan/30"
    response = browser.call("assets_campaign_check", f"{base}/periksa", "POST",
                            {"asset_id": "11", "result": "not_found", "condition": ""}, campaign_id=9, room_id=30)
    assert response.status_code in (302, 303) and response.headers["Location"].endswith(f"{base}#barang-11")
    browser.service.assets.record_campaign_check.assert_called_once_with(
        9, 30, {"result": "not_found", "asset_id": 11, "condition": None})
    browser.call("assets_campaign_check", f"{base}/periksa", "POST",
                 {"label": "1.3.2.05.01.04.002.7", "result": "found", "condition": "KB"}, campaign_id=9, room_id=30)
    browser.service.assets.record_campaign_check.assert_called_with(
        9, 30, {"result": "found", "label": "1.3.2.05.01.04.002.7", "condition": "KB"})
    browser.service.assets.record_campaign_check.side_effect = Conflict("Inventarisasi berstatus ditutup.")
    response = browser.call("assets_campaign_check", f"{base}/periksa", "POST", {"asset_id": "11"},
                            campaign_id=9, room_id=30)
    assert response.status_code in (302, 303)


def test_a_new_campaign_shows_assets_messages_by_its_fields():
    browser = AssetsBrowser("run_campaigns")
    browser.service.assets.campaign_choices.return_value = dumped("CampaignChoicesOut", {
        "rooms": [{"id": 30, "code": "R-01", "name": "Ruang Arsip", "items": 4}],
        "employees": [{"id": 7, "name": "Ni Luh Uji", "unit_name": "Subbagian Umum"}]})
    body = text(browser.call("assets_campaign_new", "/aset/inventarisasi/baru"))
    assert 'name="checker-30"' in body and "Ni Luh Uji" in body
    browser.service.assets.create_campaign.side_effect = ValidationFailed(
        "Data tidak valid.", {"name": "Tidak boleh kosong.", "rooms.0.checker_employee_id": "Pegawai tidak ditemukan."})
    response = browser.call("assets_campaign_create", "/aset/inventarisasi/baru", "POST",
                            {"name": "", "kind": "sensus", "start_date": "2026-12-01", "room": "30",
                             "checker-30": "7"})
    body = text(response)
    assert response.status_code == 422 and 'id="e-name"' in body and 'id="e-rooms"' in body
    browser.service.assets.create_campaign.assert_called_once_with({
        "name": "", "kind": "sensus", "start_date": "2026-12-01", "notes": None,
        "rooms": [{"room_id": 30, "checker_employee_id": 7}]})


def test_the_disposal_page_offers_what_the_proposal_allows():
    browser = AssetsBrowser("propose_disposal", "approve_disposal")
    base = "/aset/penghapusan/4"
    forms = {}
    for actions in ([], ["edit", "submit", "cancel"], ["approve", "reject"], ["decide"], ["complete"]):
        browser.service.assets.get_disposal.return_value = proposal(actions)
        forms[tuple(actions)] = posts(text(browser.call("assets_disposal", base, proposal_id=4)))
    assert forms[()] == {"/keluar"}
    assert forms[("edit", "submit", "cancel")] == {"/keluar", f"{base}/ajukan", f"{base}/batalkan"}
    assert forms[("approve", "reject")] == {"/keluar", f"{base}/setujui", f"{base}/tolak"}
    assert forms[("decide",)] == {"/keluar", f"{base}/sk"}
    assert forms[("complete",)] == {"/keluar", f"{base}/berita-acara"}
    browser.service.assets.disposal_document.return_value = {"filename": "ba.pdf", "content_type": "application/pdf",
                                                             "content_b64": "JVBERi0="}
    response = browser.call("assets_disposal_document", f"{base}/dokumen/berita-acara", proposal_id=4,
                            kind="berita-acara")
    assert response.status_code == 200
    browser.service.assets.disposal_document.assert_called_once_with(4, "berita_acara")


def test_a_new_proposal_takes_the_picked_items_and_labels():
    browser = AssetsBrowser("propose_disposal")
    browser.service.assets.disposal_suggestions.return_value = dumped("DisposalSuggestionPage", {"items": [
        {"asset_id": 11, "code": "1.3.2.05.01.04.002", "register_number": 3, "name": "Lemari", "kib": "B",
         "acquisition_year": 2015, "room_id": 30, "room_name": "Gudang", "condition": "RB",
         "acquisition_value": 4_000_000, "value": 1_500_000, "value_basis": "book_value"}], "next_cursor": None})
    body = text(browser.call("assets_disposal_new", "/aset/penghapusan/baru?barang=11&barang=12"))
    assert 'value="11" checked' in body and 'value="12" checked' in body
    browser.service.assets.create_disposal.return_value = {"id": 4}
    response = browser.call("assets_disposal_create", "/aset/penghapusan/baru", "POST", {
        "method": "hibah", "reasons": "Rusak", "asset": "11", "reason-11": "Lapuk",
        "extra": "1.3.2.05.01.04.002.9"})
    assert response.headers["Location"].endswith("/aset/penghapusan/4")
    browser.service.assets.create_disposal.assert_called_once_with({
        "method": "hibah", "reasons": "Rusak", "items": [{"asset_id": 11, "reason": "Lapuk"},
                                                          {"label": "1.3.2.05.01.04.002.9"}]})


def test_the_report_page_and_its_downloads():
    browser = AssetsBrowser("view_reports")
    browser.service.assets.disposal_report.return_value = dumped("DisposalReportOut", {
        "year": 2026, "method": None, "items": 1, "acquisition_value": 4_000_000, "value": 0,
        "by_method": [{"method": "pemusnahan", "items": 1, "acquisition_value": 4_000_000, "value": 0}],
        "rows": [{"proposal_id": 4, "asset_id": 11, "code": "1.3.2.05.01.04.002", "register_number": 3,
                  "name": "Lemari", "kib": "B", "acquisition_year": 2015, "method": "pemusnahan", "condition": "RB",
                  "acquisition_value": 4_000_000, "value": 0, "value_basis": "book_value",
                  "decree_number": "SK 1", "decree_date": date(2026, 12, 1), "ba_number": "000.2.4/1/B.Umum/2026",
                  "ba_date": date(2026, 12, 3), "reason": "Lapuk"}]})
    body = text(browser.call("assets_disposal_report", "/aset/penghapusan/laporan?tahun=2026"))
    assert "000.2.4/1/B.Umum/2026" in body and "/aset/penghapusan/laporan/unduh?tahun=2026&amp;format=xlsx" in body
    browser.service.assets.disposal_report.assert_called_once_with(2026, None)
