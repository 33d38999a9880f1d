"""Aset & Barang — the register's pages rendered by the web service with assets replaced (``worker_factory``), fed
with answers dumped through assets' own output schemas (a template naming a field assets does not answer fails
here: StrictUndefined); the buttons follow ``allowed_actions``; the forms become assets' input."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web import rendering
from web.forms.assets_register import asset_filters, asset_payload, asset_values, detail_fields, room_payload
from werkzeug.datastructures import MultiDict

ALL_CAPABILITIES = tuple(AssetsCapabilitiesOut().fields)
NONE = dict.fromkeys(ALL_CAPABILITIES, False)
KEEPER = Identity(account_id=31, username="pengurus_barang", employee_id=19,
                  roles=frozenset({"pengurus_barang", "pegawai"}))
ACTIONS = ["edit", "upload_file", "hand_over", "print_label", "propose_disposal"]


def _typed(value):
    """ISO text as the domain hands it to the schema: datetimes and dates (other values unchanged)."""
    if isinstance(value, dict):
        return {k: (v if k in ("details", "data") else _typed(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return datetime.fromisoformat(value)
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return date.fromisoformat(value)
    return value


def dumped(schema: str, data):
    many = isinstance(data, list)
    return SCHEMAS[schema](many=many).dump(_typed(data))


class AssetsBrowser(Browser):
    made: list = []

    def __init__(self, *names: str, identity: Identity = KEEPER):
        caps = {**NONE, **dict.fromkeys(("read", *names), True)}
        super().__init__({**STAFF, "assets": caps}, identity)
        self.service.assets.capabilities.return_value = caps
        AssetsBrowser.made.append(self)


@pytest.fixture(autouse=True)
def calls_fit_assets_rpcs():
    """Every call the pages made to the fake assets is one the real ``AssetsService`` takes."""
    from assets.service import AssetsService

    AssetsBrowser.made.clear()
    yield
    assert_calls_fit(AssetsBrowser.made, AssetsService, "assets")


def asset(**over) -> dict:
    data = {
        "id": 41, "code": "1.3.2.02.01.01.001", "code_name": "Sedan", "code_vehicle_wheels": 4,
        "register_number": 3, "kib": "B", "name": "Toyota Vios <dinas>", "acquisition_year": 2022,
        "acquisition_date": "2022-03-15", "acquisition_value": 310_000_000, "source": "apbd", "condition": "RB",
        "status": "active", "room_id": 4, "room_code": "R-01", "room_name": "Garasi", "floor_name": "Lantai 1",
        "building_id": 2, "building_name": "Gedung Jaya Sabha", "holder_employee_id": 7, "holder_name": "Made",
        "plate_number": "DK 1023 AB", "notes": None, "odometer_km": 12000, "label_printed_at": None,
        "registered_at": "2026-01-02T03:04:05+00:00", "registered_by": "pengurus_barang", "disposed_at": None,
        "updated_at": "2026-01-02T03:04:05+00:00", "useful_life_years": 8,
        "details": {"brand": "Toyota", "type": "Vios", "plate_number": "DK 1023 AB", "seats": 5, "fuel": "bensin"},
        "files": [{"id": 8, "asset_id": 41, "kind": "photo", "filename": "depan.jpg", "content_type": "image/jpeg",
                   "size": 2048, "sha256": "0" * 64, "caption": "Tampak depan", "has_thumbnail": True,
                   "uploaded_at": "2026-01-02T03:04:05+00:00", "uploaded_by": "pengurus_barang"}],
        "history": [{"id": 1, "at": "2026-01-02T03:04:05+00:00", "kind": "registered", "actor": "pengurus_barang",
                     "from_room_id": None, "from_room_name": None, "to_room_id": 4, "to_room_name": "Garasi",
                     "from_holder_employee_id": None, "from_holder_name": None, "to_holder_employee_id": 7,
                     "to_holder_name": "Made", "from_condition": None, "to_condition": "B", "odometer_km": None,
                     "reference_kind": None, "reference_id": None, "reference_number": None, "note": None,
                     "data": {}}],
        "allowed_actions": ACTIONS, "suggest_disposal": True,
    }
    return dumped("AssetDetailOut", data | over)


def page_of(items) -> dict:
    return {"items": items, "next_cursor": None}


def row(**over) -> dict:
    data = {"id": 41, "code": "1.3.2.05.02.01.003", "code_name": "Meja Kerja Kayu", "register_number": 12,
            "kib": "B", "name": "Meja kerja", "acquisition_year": 2020, "acquisition_value": 2_500_000,
            "condition": "B", "status": "active", "room_id": 4, "room_code": "R-01", "room_name": "Ruang Rapat",
            "holder_employee_id": None, "holder_name": None, "plate_number": None,
            "updated_at": "2026-01-02T03:04:05+00:00"}
    return dumped("AssetOut", data | over)


def room(**over) -> dict:
    data = {"id": 4, "floor_id": 2, "floor_name": "Lantai 1", "building_id": 1, "building_name": "Gedung A",
            "code": "R-01", "name": "Ruang Rapat", "person_in_charge_employee_id": 7, "person_in_charge_name": "Made",
            "unit_id": None, "unit_name": None, "capacity": 20, "facilities": ["proyektor"], "bookable": True,
            "active": True, "item_count": 3, "updated_at": "2026-01-02T03:04:05+00:00"}
    return dumped("AssetRoomOut", data | over)


# -- forms ----------------------------------------------------------------------------------------------------

def test_filters_and_the_item_form_become_assets_input():
    filters, shown = asset_filters(MultiDict({"kib": "B", "room_id": "4", "acquisition_year": "dua", "q": " vios "}))
    assert filters == {"kib": "B", "room_id": 4, "q": "vios"} and shown["acquisition_year"] == "dua"
    form = MultiDict({"code": "1.3.2.02.01.01.001", "name": " Vios ", "acquisition_year": "2022",
                      "acquisition_value": "310.000.000", "source": "apbd", "condition": "B", "room_id": "4",
                      "details.plate_number": "dk 1 a", "details.seats": "5", "details.brand": "Toyota",
                      "details.area_m2": "12,5"})
    data = asset_payload(asset_values(form), "B", True)
    assert data["acquisition_value"] == 310_000_000 and data["room_id"] == 4 and data["name"] == "Vios"
    assert data["details"]["seats"] == 5 and data["details"]["plate_number"] == "dk 1 a"
    assert "area_m2" not in data["details"]
    assert set(data) <= set(SCHEMAS["AssetIn"]().fields)
    assert set(data["details"]) <= set(SCHEMAS["VehicleDetailsIn"]().fields)
    for kib, schema in (("A", "KibADetailsIn"), ("C", "KibCDetailsIn"), ("D", "KibDDetailsIn"),
                        ("E", "KibEDetailsIn"), ("F", "KibFDetailsIn")):
        assert {f[0] for f in detail_fields(kib, False)} == set(SCHEMAS[schema]().fields), kib
    edit = asset_payload(asset_values(MultiDict({"condition": "KB", "updated_at": "2026-01-02T03:04:05+00:00"})),
                         "C", False, edit=True)
    assert "code" not in edit and "room_id" not in edit and edit["details"]["concrete"] is False
    assert set(edit) <= set(SCHEMAS["AssetChangeIn"]().fields)
    _values, room_data = room_payload(MultiDict({"floor_id": "2", "code": "R-9", "name": "Aula",
                                                 "facilities": "Proyektor, sound system", "bookable": "1"}))
    assert room_data["facilities"] == ["proyektor", "sound_system"] and room_data["floor_id"] == 2
    assert set(room_data) <= set(SCHEMAS["AssetRoomIn"]().fields)


# -- pages ----------------------------------------------------------------------------------------------------

def test_the_item_page_shows_details_photos_history_and_allowed_buttons():
    browser = AssetsBrowser("manage_register", "view_reports")
    browser.service.assets.get_asset.return_value = asset()
    response = browser.call("register_item", "/aset/barang/41", asset_id=41)
    body = text(response)
    assert response.status_code == 200
    assert "Toyota Vios &lt;dinas&gt;" in body and "DK 1023 AB" in body and "Rp310.000.000" in body
    assert "Nomor polisi" in body and "Tempat duduk" in body and "rusak berat" in body
    assert 'src="/aset/berkas/8?varian=thumbnail"' in body
    for link in ("/aset/barang/41/ubah", "/aset/label?barang=41", "/aset/serah-terima/baru?barang=41",
                 "/aset/penghapusan/baru?barang=41", "/aset/barang/41/penyusutan"):
        assert f'href="{link}"' in body, link
    assert "/aset/barang/41/berkas" in posts(body)
    assert "Didaftarkan" in body and "Garasi" in body


def test_the_depreciation_link_follows_the_reports_capability():
    browser = AssetsBrowser("manage_register")
    browser.service.assets.get_asset.return_value = asset()
    body = text(browser.call("register_item", "/aset/barang/41", asset_id=41))
    assert "/aset/barang/41/penyusutan" not in body and 'href="/aset/barang/41/ubah"' in body


def test_a_reader_sees_the_item_without_buttons():
    browser = AssetsBrowser(identity=Identity(account_id=11, username="pegawai", employee_id=5,
                                              roles=frozenset({"pegawai"})))
    browser.service.assets.get_asset.return_value = asset(allowed_actions=[], condition="B",
                                                          suggest_disposal=False)
    body = text(browser.call("register_item", "/aset/barang/41", asset_id=41))
    assert "/aset/barang/41/ubah" not in body and "/aset/label" not in body and posts(body) == {"/keluar"}
    assert "Tampak depan" in body


def test_the_register_lists_with_kib_tabs_and_paging():
    browser = AssetsBrowser("manage_register")
    browser.service.assets.list_assets.return_value = {"items": [row()], "next_cursor": "abc"}
    body = text(browser.call("register_list", "/aset/barang?kib=B&q=meja&room_id=4"))
    browser.service.assets.list_assets.assert_called_once_with(filters={"kib": "B", "q": "meja", "room_id": 4},
                                                               cursor=None, limit=25)
    assert 'href="/aset/barang/41"' in body and "Meja Kerja Kayu" in body and "Rp2.500.000" in body
    assert "cursor=abc" in body and 'aria-current="page"' in body and 'href="/aset/barang/baru"' in body
    assert re.search(r'href="/aset/barang\?[^"]*kib=C', body)


def test_my_items_and_the_home_page_links():
    browser = AssetsBrowser()
    browser.service.assets.my_assets.return_value = page_of([row(holder_employee_id=19, holder_name="Wayan")])
    body = text(browser.call("register_mine", "/aset/milik-saya"))
    assert "Wayan" in body and "/aset/barang/baru" not in body.split("<main")[-1].split("</main>")[0]
    home = text(browser.call("register_home", "/aset"))
    assert {"/aset/barang", "/aset/milik-saya", "/aset/ruangan"} <= menu_links(home)
    assert "/aset/impor" not in menu_links(home)


def test_registering_chooses_a_code_then_the_kibs_form_and_shows_messages_on_fields():
    browser = AssetsBrowser("manage_register")
    sedan = dumped("AssetCodeOut", {"code": "1.3.2.02.01.01.001", "name": "Sedan", "kib": "B", "level": 7,
                                    "parent_code": "1.3.2.02.01.01", "registrable": True, "vehicle_wheels": 4,
                                    "active": True})
    browser.service.assets.list_asset_codes.return_value = page_of([sedan])
    body = text(browser.call("register_new", "/aset/barang/baru?q=sedan"))
    assert 'href="/aset/barang/baru?kode=1.3.2.02.01.01.001"' in body
    browser.service.assets.list_rooms.return_value = page_of([room()])
    body = text(browser.call("register_new", "/aset/barang/baru?kode=1.3.2.02.01.01.001"))
    assert 'name="details.plate_number"' in body and 'name="details.bpkb_number"' in body
    assert 'name="details.area_m2"' not in body and "R-01" in body

    browser.service.assets.register_asset.side_effect = ValidationFailed("Data KIB tidak valid.", {
        "details.plate_number": "Nomor polisi seperti DK 1234 AB.", "acquisition_value": "Wajib diisi."})
    response = browser.call("register_create", "/aset/barang/baru", "POST", {
        "code": "1.3.2.02.01.01.001", "name": "Vios", "acquisition_year": "2022", "source": "apbd",
        "condition": "B", "details.plate_number": "12"})
    body = text(response)
    assert response.status_code == 422
    assert re.search(r'id="e-details.plate_number">Nomor polisi seperti DK 1234 AB\.', body)
    assert re.search(r'id="e-acquisition_value">Wajib diisi\.', body)

    browser.service.assets.register_asset.side_effect = None
    browser.service.assets.register_asset.return_value = asset()
    response = browser.call("register_create", "/aset/barang/baru", "POST", {
        "code": "1.3.2.02.01.01.001", "name": "Vios", "acquisition_year": "2022", "acquisition_value": "1",
        "source": "apbd", "condition": "B"})
    assert response.status_code == 303 and response.headers["Location"] == "/aset/barang/41"


def test_editing_keeps_room_and_holder_to_handovers():
    browser = AssetsBrowser("manage_register")
    browser.service.assets.get_asset.return_value = asset()
    body = text(browser.call("register_edit", "/aset/barang/41/ubah", asset_id=41))
    assert 'value="Toyota Vios &lt;dinas&gt;"' in body and 'name="room_id"' not in body
    assert 'name="updated_at" value="2026-01-02T03:04:05+00:00"' in body
    browser.service.assets.update_asset.return_value = asset()
    response = browser.call("register_update", "/aset/barang/41/ubah", "POST", {
        "name": "Vios", "acquisition_year": "2022", "acquisition_value": "1", "source": "apbd", "condition": "KB",
        "details.plate_number": "DK 1023 AB", "details.frame_number": "F", "details.engine_number": "E",
        "details.bpkb_number": "B"}, asset_id=41)
    assert response.status_code == 303
    sent = browser.service.assets.update_asset.call_args.args[1]
    assert sent["condition"] == "KB" and "room_id" not in sent and "code" not in sent


def test_rooms_room_page_buildings_codes_and_import_render():
    browser = AssetsBrowser("manage_register", "manage_rooms", "manage_reference")
    assets = browser.service.assets
    assets.list_rooms.return_value = page_of([room()])
    building = dumped("AssetBuildingOut", {"id": 1, "code": "G-A", "name": "Gedung A", "address": None,
                                           "asset_id": None, "bookable": False, "capacity": None, "facilities": [],
                                           "active": True, "updated_at": "2026-01-02T03:04:05+00:00",
                                           "floors": [{"id": 2, "building_id": 1, "name": "Lantai 1", "level": 1,
                                                       "room_count": 1}]})
    assets.list_buildings.return_value = [building]
    body = text(browser.call("register_rooms", "/aset/ruangan"))
    assert 'href="/aset/ruangan/4"' in body and "Gedung A" in body
    assets.get_room.return_value = room()
    assets.list_assets.return_value = page_of([row()])
    body = text(browser.call("register_room", "/aset/ruangan/4", room_id=4))
    assert 'href="/aset/ruangan/4/kir"' in body and 'href="/aset/barang/41"' in body
    assets.list_assets.assert_called_with(filters={"room_id": 4}, cursor=None, limit=25)
    body = text(browser.call("register_buildings", "/aset/gedung"))
    assert posts(body) == {"/aset/gedung", "/keluar"} and "Lantai 1" in body
    assets.create_room.side_effect = ValidationFailed("Pegawai tidak dikenal.", {
        "person_in_charge_employee_id": "Pegawai tidak ada pada data kepegawaian."})
    response = browser.call("register_buildings_add", "/aset/gedung", "POST", {
        "form": "room", "floor_id": "2", "code": "R-2", "name": "Aula", "person_in_charge_employee_id": "999"})
    assert response.status_code == 422 and "Pegawai tidak ada pada data kepegawaian." in text(response)
    assets.list_asset_codes.return_value = page_of([])
    assets.list_useful_lives.return_value = []
    body = text(browser.call("register_codes", "/aset/kode?q=meja"))
    assert "/aset/kode" in posts(body)
    body = text(browser.call("register_import_form", "/aset/impor"))
    assert 'href="/aset/impor/templat"' in body and "/aset/impor" in posts(body)


def test_a_refused_import_lists_its_rows():
    import io

    from werkzeug.datastructures import FileStorage

    browser = AssetsBrowser("manage_register")
    browser.service.assets.import_assets.side_effect = ValidationFailed("Berkas register ditolak.", {
        "baris_3.kondisi": "Harus salah satu dari: B, KB, RB.", "baris_2.kode_barang": "Kode barang tidak ada."})
    csv = FileStorage(stream=io.BytesIO(b"kode_barang\n1\n"), filename="lama.csv", content_type="text/csv")
    response = browser.call("register_import", "/aset/impor", "POST", {"file": csv})
    body = text(response)
    assert response.status_code == 422 and body.index("kode_barang") < body.index("kondisi")
    browser.service.assets.import_assets.assert_called_once()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_register_templates_compile(lang):
    env = rendering.environment(lang)
    for path in (rendering.TEMPLATES / "assets").glob("register_*.html"):
        env.get_template(f"assets/{path.name}")


def test_photos_are_served_as_assets_answers_them():
    import base64

    browser = AssetsBrowser()
    browser.service.assets.asset_file.return_value = {"filename": "depan-thumbnail.jpg", "content_type": "image/jpeg",
                                                      "content_b64": base64.b64encode(b"\xff\xd8\xff").decode()}
    response = browser.call("register_file", "/aset/berkas/8?varian=thumbnail", file_id=8)
    assert response.status_code == 200 and response.data == b"\xff\xd8\xff"
    browser.service.assets.asset_file.assert_called_once_with(8, "thumbnail")


def test_a_building_is_edited_and_a_clash_shown():
    browser = AssetsBrowser("manage_rooms")
    building = dumped("AssetBuildingOut", {"id": 1, "code": "G-A", "name": "Gedung A", "address": None,
                                           "asset_id": None, "bookable": True, "capacity": 200,
                                           "facilities": ["panggung"], "active": True, "floors": [],
                                           "updated_at": "2026-01-02T03:04:05+00:00"})
    browser.service.assets.list_buildings.return_value = [building]
    body = text(browser.call("register_building_edit", "/aset/gedung/1/ubah", building_id=1))
    assert 'value="panggung"' in body and "/aset/gedung/1/ubah" in posts(body)
    browser.service.assets.update_building.side_effect = Conflict("Kode gedung sudah dipakai.", {
        "code": "Kode gedung sudah dipakai."})
    response = browser.call("register_building_update", "/aset/gedung/1/ubah", "POST", {
        "code": "G-B", "name": "Gedung A", "bookable": "1"}, building_id=1)
    assert response.status_code == 409 and re.search(r'id="e-code">Kode gedung sudah dipakai\.', text(response))
    sent = browser.service.assets.update_building.call_args.args[1]
    assert sent["active"] is False and sent["bookable"] is True and set(sent) <= set(
        SCHEMAS["AssetBuildingIn"]().fields)
