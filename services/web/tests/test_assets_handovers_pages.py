"""Aset & Barang's handover and maintenance pages without a running service: rendered by the web service itself
with assets replaced (``worker_factory``), fed with sample answers dumped through assets' own output schemas — so
a template naming a field assets does not answer fails here (StrictUndefined) — the forms <-> assets' data, the
buttons from ``allowed_actions``, the menu's links from the capabilities."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.forms.assets_handovers import handover_payload, ids_of, record_payload, wita_moment

NONE = dict.fromkeys(AssetsCapabilitiesOut().fields, False)
KEEPER = Identity(account_id=31, username="pengurus_barang", employee_id=12,
                  roles=frozenset({"pengurus_barang", "pegawai"}))
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def caps(*names: str) -> dict:
    return {**NONE, "read": True, **dict.fromkeys(names, True)}


def dumped(schema: str, data):
    return SCHEMAS[schema](many=isinstance(data, list)).dump(data)


class AssetsBrowser(Browser):
    made: list[AssetsBrowser] = []

    def __init__(self, *names: str, identity: Identity = KEEPER):
        super().__init__({**STAFF, "assets": caps(*names)}, identity)
        self.service.assets.capabilities.return_value = caps(*names)
        AssetsBrowser.made.append(self)


@pytest.fixture(autouse=True)
def calls_fit_assets_rpcs():
    """Every call the pages made to the fake assets is one the real ``AssetsService`` takes."""
    from assets.service import AssetsService

    AssetsBrowser.made.clear()
    yield
    assert_calls_fit(AssetsBrowser.made, AssetsService, "assets")


PARTY = {"employee_id": 12, "name": "I Wayan Gede Santika", "nip": "198805102011011001", "position": "Pengurus Barang"}


def handover(**changes) -> dict:
    return dumped("HandoverOut", {
        "id": 12, "kind": "handover", "number": "000.2.1/12/B.Umum/2026", "handover_date": date(2026, 12, 3),
        "to_room_id": 4, "to_room_name": "Ruang Perbendaharaan", "to_holder_employee_id": 5,
        "to_holder_name": "I Kadek Agus Wirawan", "first_party": PARTY,
        "second_party": {"employee_id": 5, "name": "I Kadek Agus Wirawan", "nip": None, "position": None},
        "note": None, "item_count": 1, "created_at": NOW, "created_by": "pengurus_barang",
        "allowed_actions": ["download"],
        "items": [{"asset_id": 5, "code": "1.3.2.05.01.04.002", "register_number": 3, "name": "Lemari kayu",
                   "brand": None, "acquisition_year": 2022, "from_room_id": 2, "from_room_name": "Gudang",
                   "from_holder_employee_id": None, "from_holder_name": None, "condition_before": "B",
                   "condition": "KB", "quantity": 1, "note": "Pintu longgar"}], **changes})


def candidate(asset_id: int, name: str = "Lemari kayu") -> dict:
    return dumped("HandoverCandidateOut", {
        "id": asset_id, "code": "1.3.2.05.01.04.002", "register_number": asset_id, "name": name, "brand": None,
        "condition": "B", "status": "active", "room_id": 2, "room_name": "Gudang", "holder_employee_id": None,
        "holder_name": None})


def form_browser() -> AssetsBrowser:
    browser = AssetsBrowser("hand_over", "manage_maintenance", "view_reports")
    browser.service.assets.handover_options.return_value = dumped("HandoverOptionsOut", {
        "employees": [{"id": 5, "name": "I Kadek Agus Wirawan", "nip": None, "position": "Pengadministrasi",
                       "unit_name": None}], "rooms": [{"id": 4, "code": "R-04", "name": "Ruang Perbendaharaan"}]})
    browser.service.assets.find_handover_items.return_value = [candidate(5), candidate(6, "Meja")]
    return browser


# -- the forms' data ------------------------------------------------------------------------------------------

def test_the_forms_become_assets_data():
    assert ids_of(["3", "4,5", "x", "3"]) == [3, 4, 5]
    values = {"kind": "move", "handover_date": "2026-12-03", "to_holder_employee_id": "", "to_room_id": "4",
              "first_party_employee_id": "", "second_party_employee_id": "", "note": "",
              "items": [{"asset_id": 5, "condition": "KB", "note": ""}, {"asset_id": 6, "condition": "", "note": "x"}]}
    assert handover_payload(values) == {"kind": "move", "handover_date": "2026-12-03", "to_room_id": 4,
                                        "items": [{"asset_id": 5, "condition": "KB"}, {"asset_id": 6, "note": "x"}]}
    assert wita_moment("2026-12-10T08:00") == "2026-12-10T08:00:00+08:00" and wita_moment("") is None
    record = record_payload({"asset_id": "7", "plan_id": "", "status": "done", "work": "Servis", "vendor": "",
                             "cost": "Rp1.250.000", "odometer_km": "14.100", "starts_at": "", "ends_at": "",
                             "done_on": "2026-12-01", "note": ""})
    assert record == {"asset_id": 7, "status": "done", "work": "Servis", "cost": 1_250_000, "odometer_km": 14_100,
                      "done_on": "2026-12-01"}


# -- menu ------------------------------------------------------------------------------------------------------

def test_the_menu_links_follow_the_capabilities():
    keeper = AssetsBrowser("hand_over", "manage_maintenance")
    keeper.service.assets.list_handovers.return_value = {"items": [], "next_cursor": None}
    links = menu_links(text(keeper.call("assets_handover_list", "/aset/serah-terima")))
    assert {"/aset/serah-terima", "/aset/pemeliharaan"} <= links
    staff = AssetsBrowser(identity=Identity(account_id=11, username="pegawai", employee_id=5,
                                            roles=frozenset({"pegawai"})))
    staff.service.assets.list_handovers.return_value = {"items": [], "next_cursor": None}
    body = text(staff.call("assets_handover_list", "/aset/serah-terima"))
    assert not {"/aset/serah-terima", "/aset/pemeliharaan"} & menu_links(body)
    assert "/aset/serah-terima/baru" not in body
    assert staff.call("assets_maintenance_home", "/aset/pemeliharaan").status_code == 403


# -- handovers -----------------------------------------------------------------------------------------------

def test_the_list_and_a_bast_with_its_download():
    browser = AssetsBrowser("hand_over")
    summary = dumped("HandoverSummaryOut", {
        "id": 12, "kind": "return", "number": "000.2.1/12/B.Umum/2026", "handover_date": date(2026, 12, 3),
        "to_room_id": None, "to_room_name": None, "to_holder_employee_id": None, "to_holder_name": None,
        "first_party_name": "I Kadek Agus Wirawan", "second_party_name": "I Wayan Gede Santika", "item_count": 3,
        "first_item_name": "Printer", "created_at": NOW})
    browser.service.assets.list_handovers.return_value = {"items": [summary], "next_cursor": "abc"}
    body = text(browser.call("assets_handover_list", "/aset/serah-terima?kind=return&barang=5"))
    assert "000.2.1/12/B.Umum/2026" in body and "Pengembalian" in body and "dan 2 lainnya" in body
    assert "cursor=abc" in body
    browser.service.assets.list_handovers.assert_called_with(filters={"kind": "return", "asset_id": 5},
                                                             cursor=None, limit=20)

    browser.service.assets.get_handover.return_value = handover()
    body = text(browser.call("assets_handover_detail", "/aset/serah-terima/12", handover_id=12))
    assert 'href="/aset/serah-terima/12/bast"' in body and "Lemari kayu" in body and "Kurang baik" in body
    browser.service.assets.handover_document.return_value = {
        "filename": "BAST-12.pdf", "content_type": "application/pdf", "content_b64": "JVBERi0xLjQ="}
    pdf = browser.call("assets_handover_document", "/aset/serah-terima/12/bast", handover_id=12)
    assert pdf.status_code == 200 and pdf.get_data() == b"%PDF-1.4" and pdf.content_type == "application/pdf"


def test_the_form_preselects_an_item_and_shows_assets_messages_by_item():
    browser = form_browser()
    body = text(browser.call("assets_handover_new", "/aset/serah-terima/baru?barang=5"))
    browser.service.assets.find_handover_items.assert_called_with(q=None, asset_ids=[5], holder_employee_id=None,
                                                                  room_id=None)
    assert 'id="pick-5" name="asset_id" value="5" checked' in body
    assert 'id="pick-6" name="asset_id" value="6">' in body
    assert "/aset/serah-terima/baru" in posts(body)

    browser.service.assets.create_handover.side_effect = ValidationFailed(
        "Serah terima tidak dapat dicatat.", {"items.1.asset_id": "Meja sudah dihapuskan.",
                                              "to_holder_employee_id": "Pegawai tidak ditemukan atau tidak aktif."})
    form = {"kind": "handover", "handover_date": "2026-12-03", "to_holder_employee_id": "5", "asset_id": ["5", "6"],
            "condition-5": "KB"}
    response = browser.call("assets_handover_create", "/aset/serah-terima/baru", "POST", form)
    body = text(response)
    assert response.status_code == 422
    assert "Meja sudah dihapuskan." in body and "Pegawai tidak ditemukan atau tidak aktif." in body
    sent = browser.service.assets.create_handover.call_args.args[0]
    assert sent["items"] == [{"asset_id": 5, "condition": "KB"}, {"asset_id": 6}]

    browser.service.assets.create_handover.side_effect = None
    browser.service.assets.create_handover.return_value = handover()
    response = browser.call("assets_handover_create", "/aset/serah-terima/baru", "POST", form)
    assert response.status_code == 303 and response.headers["Location"] == "/aset/serah-terima/12"
    empty = browser.call("assets_handover_create", "/aset/serah-terima/baru", "POST",
                         {"kind": "move", "handover_date": "2026-12-03"})
    assert empty.status_code == 422 and "Pilih sedikitnya satu barang." in text(empty)


# -- maintenance ---------------------------------------------------------------------------------------------

PLAN = {"id": 3, "asset_id": 7, "asset_name": "Toyota Innova", "asset_code": "1.3.2.02.01.01.001",
        "register_number": 1, "plate": "DK 9 MT", "work": "Servis berkala", "interval_months": 6,
        "interval_km": 5000, "last_done_on": date(2026, 5, 1), "last_done_km": 9000, "next_due_on": date(2026, 11, 1),
        "next_due_km": 14000, "odometer_km": 13800, "active": True, "created_at": NOW, "created_by": "pengurus_barang"}


def record(status: str, actions: list[str]) -> dict:
    return dumped("MaintenanceRecordOut", {
        "id": 8, "asset_id": 7, "asset_name": "Toyota Innova", "asset_code": "1.3.2.02.01.01.001",
        "register_number": 1, "plate": "DK 9 MT", "vehicle": True, "plan_id": 3, "status": status,
        "work": "Servis 15.000 km", "vendor": "Auto2000", "cost": 0, "odometer_km": None, "starts_at": NOW,
        "ends_at": NOW, "started_at": None, "finished_at": None, "done_on": None, "note": None,
        "cancel_reason": None, "created_at": NOW, "created_by": "pengurus_barang", "updated_at": NOW,
        "allowed_actions": actions})


def test_the_maintenance_page_shows_what_is_due_and_the_records():
    browser = AssetsBrowser("manage_maintenance", "view_reports")
    browser.service.assets.maintenance_due.return_value = dumped("MaintenanceDueListOut", {
        "month": "2026-12", "km_margin": 500, "items": [{"plan": PLAN, "reason": "overdue", "km_left": 200,
                                                         "scheduled_record_id": None}]})
    browser.service.assets.list_maintenance_records.return_value = {"items": [record("scheduled", [])],
                                                                   "next_cursor": None}
    body = text(browser.call("assets_maintenance_home", "/aset/pemeliharaan?bulan=2026-12&status=scheduled"))
    browser.service.assets.maintenance_due.assert_called_once_with("2026-12")
    assert "Terlambat" in body and "sisa 200 km" in body and "pada 14.000 km" in body and "Desember 2026" in body
    assert "/aset/pemeliharaan/baru?barang=7&amp;rencana=3" in body
    assert "Servis 15.000 km" in body and "Dijadwalkan" in body

    browser.service.assets.list_maintenance_plans.return_value = dumped("MaintenancePlanOut", [PLAN])
    body = text(browser.call("assets_maintenance_plans", "/aset/pemeliharaan/rencana?barang=7"))
    assert "Servis berkala" in body and "/aset/pemeliharaan/rencana/3/hentikan" in posts(body)
    browser.service.assets.maintenance_costs.return_value = dumped("MaintenanceCostsOut", {
        "year": 2026, "total": 1_250_000, "items": [{"asset_id": 7, "asset_name": "Toyota Innova",
                                                     "asset_code": "1.3.2.02.01.01.001", "register_number": 1,
                                                     "records": 1, "total": 1_250_000}]})
    body = text(browser.call("assets_maintenance_costs", "/aset/pemeliharaan/biaya?tahun=2026"))
    assert "Rp1.250.000" in body


@pytest.mark.parametrize("status, actions, forms", [
    ("scheduled", ["start", "finish", "cancel"], {"/aset/pemeliharaan/8/mulai", "/aset/pemeliharaan/8/selesai",
                                                  "/aset/pemeliharaan/8/batalkan"}),
    ("in_progress", ["finish", "cancel"], {"/aset/pemeliharaan/8/selesai", "/aset/pemeliharaan/8/batalkan"}),
    ("done", [], set()),
])
def test_a_records_buttons_are_its_allowed_actions(status, actions, forms):
    browser = AssetsBrowser("manage_maintenance", "view_reports")
    browser.service.assets.get_maintenance_record.return_value = record(status, actions)
    body = text(browser.call("assets_maintenance_detail", "/aset/pemeliharaan/8", record_id=8))
    assert {p for p in posts(body) if p.startswith("/aset/pemeliharaan/8")} == forms


def test_a_records_steps_and_their_messages():
    browser = AssetsBrowser("manage_maintenance", "view_reports")
    response = browser.call("assets_maintenance_start", "/aset/pemeliharaan/8/mulai", "POST", record_id=8)
    assert response.status_code == 303 and response.headers["Location"] == "/aset/pemeliharaan/8"
    browser.service.assets.start_maintenance.assert_called_once_with(8)
    browser.service.assets.cancel_maintenance.side_effect = Conflict("Pemeliharaan berstatus selesai tidak dapat "
                                                                     "dibatalkan.")
    response = browser.call("assets_maintenance_cancel", "/aset/pemeliharaan/8/batalkan", "POST",
                            {"reason": "Ditunda"}, record_id=8)
    assert response.status_code == 303
    browser.service.assets.cancel_maintenance.assert_called_once_with(8, "Ditunda")
    browser.service.assets.finish_maintenance.side_effect = ValidationFailed("Tanggal tidak valid.", {
        "done_on": "Tidak boleh di masa depan."})
    browser.service.assets.get_maintenance_record.return_value = record("in_progress", ["finish", "cancel"])
    response = browser.call("assets_maintenance_finish", "/aset/pemeliharaan/8/selesai", "POST",
                            {"done_on": "2030-01-01", "cost": "850.000"}, record_id=8)
    assert response.status_code == 422 and "Tidak boleh di masa depan." in text(response)
    assert browser.service.assets.finish_maintenance.call_args.args == (8, {"done_on": "2030-01-01", "cost": 850_000})

    browser.service.assets.list_maintenance_plans.return_value = [PLAN]
    browser.service.assets.create_maintenance_record.side_effect = ValidationFailed("Data tidak valid.", {
        "ends_at": "Harus sesudah waktu mulai."})
    response = browser.call("assets_maintenance_create", "/aset/pemeliharaan/baru", "POST", {
        "asset_id": "7", "work": "Servis", "status": "scheduled", "starts_at": "2026-12-10T10:00",
        "ends_at": "2026-12-10T08:00"})
    assert response.status_code == 422 and "Harus sesudah waktu mulai." in text(response)
    sent = browser.service.assets.create_maintenance_record.call_args.args[0]
    assert (sent["starts_at"], sent["ends_at"]) == ("2026-12-10T10:00:00+08:00", "2026-12-10T08:00:00+08:00")
    body = text(browser.call("assets_maintenance_new", "/aset/pemeliharaan/baru?barang=7&rencana=3"))
    assert '<option value="3" selected>Servis berkala</option>' in body
