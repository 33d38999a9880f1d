"""The assets settings page without a running service: values shown as assets answers them, sent as typed,
assets' per-field messages under their fields, the link for admins only."""
from __future__ import annotations

from datetime import UTC, datetime

from assets.schemas import SCHEMAS
from assets.schemas.common import AssetsCapabilitiesOut
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, text
from web import nav

ADMIN = Identity(account_id=1, username="admin", roles=frozenset({"admin"}))
NONE = dict.fromkeys(AssetsCapabilitiesOut().fields, False)
SETTINGS = SCHEMAS["AssetSettingsOut"]().dump({
    "bureau_name": "Biro Umum dan Protokol Setda Provinsi Bali", "unit_code": "B.Umum",
    "pengurus_barang_employee_id": None, "pengurus_barang_name": "I Wayan Gede Santika",
    "pengurus_barang_nip": "198101012006041001", "handover_number_template": "000.2.1/{seq}/{unit}/{year}",
    "census_number_template": "000.2.1/{seq}/{unit}/{year}", "disposal_number_template": "000.2.4/{seq}/{unit}/{year}",
    "depreciation_period": "year", "updated_at": datetime(2026, 12, 1, tzinfo=UTC), "updated_by": None})


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "assets": caps}, ADMIN)
    made.service.assets.capabilities.return_value = caps
    made.service.assets.get_settings.return_value = SETTINGS
    return made


def test_the_settings_show_what_assets_answers():
    body = text(browser("manage_reference").call("assets_settings", "/aset/pengaturan"))
    assert 'value="000.2.4/{seq}/{unit}/{year}"' in body and "I Wayan Gede Santika" in body
    assert '<option value="year" selected>' in body


def test_a_change_goes_as_typed_and_assets_messages_land_under_their_fields():
    made = browser("manage_reference")
    made.service.assets.update_settings.side_effect = ValidationFailed(
        "Pengaturan tidak valid.", fields={"handover_number_template": "Templat harus memuat {seq}."})
    response = made.call("assets_settings_update", "/aset/pengaturan", "POST", {
        "bureau_name": "Biro Umum", "unit_code": "B.Umum", "pengurus_barang_employee_id": "",
        "handover_number_template": "000.2.1/BAST", "census_number_template": "x/{seq}",
        "disposal_number_template": "y/{seq}", "depreciation_period": "semester"})
    assert response.status_code == 422
    assert "Templat harus memuat {seq}." in text(response)
    sent = made.service.assets.update_settings.call_args.args[0]
    assert sent["pengurus_barang_employee_id"] is None and sent["depreciation_period"] == "semester"


def test_only_who_manages_reference_data_sees_the_link():
    def links(caps):
        return {link.url for _area, shown in nav.menu_for(caps) for link in shown}

    assert "/aset/pengaturan" in links({"assets": frozenset({"read", "manage_reference"})})
    assert "/aset/pengaturan" not in links({"assets": frozenset({"read", "manage_register"})})
