"""The booking settings page without a running service: values shown as booking answers them, sent as typed,
booking's per-field messages under their fields, the link for admins only; the page's calls fit the real
service's RPCs."""
from __future__ import annotations

from datetime import UTC, datetime

from booking.schemas import SCHEMAS
from booking.schemas.common import BookingCapabilitiesOut
from booking.service import BookingService
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, text
from web import nav

ADMIN = Identity(account_id=1, username="admin", roles=frozenset({"admin"}))
NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)
SETTINGS = SCHEMAS["BookingSettingsOut"]().dump({
    "room_approver_role": "kepala_bagian", "building_approver_role": "kepala_bagian",
    "vehicle_approver_role": "kasubbag", "overdue_grace_minutes": 30, "guest_requests_per_hour": 5,
    "guest_max_days": 3, "guest_horizon_days": 180, "updated_at": datetime(2026, 12, 1, tzinfo=UTC),
    "updated_by": None})


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps}, ADMIN)
    made.service.booking.capabilities.return_value = caps
    made.service.booking.get_settings.return_value = SETTINGS
    return made


def test_the_settings_show_what_booking_answers():
    made = browser("manage_settings")
    body = text(made.call("booking_settings", "/peminjaman/pengaturan"))
    assert '<option value="kasubbag" selected>' in body and 'value="180"' in body
    assert_calls_fit([made], BookingService, "booking")


def test_a_change_goes_as_typed_and_bookings_messages_land_under_their_fields():
    made = browser("manage_settings")
    made.service.booking.update_settings.side_effect = ValidationFailed(
        "Pengaturan tidak valid.", fields={"guest_max_days": "Harus antara 1 dan 30."})
    response = made.call("booking_settings_update", "/peminjaman/pengaturan", "POST", {
        "room_approver_role": "kasubbag", "building_approver_role": "kepala_bagian",
        "vehicle_approver_role": "pimpinan", "overdue_grace_minutes": "45", "guest_requests_per_hour": "5",
        "guest_max_days": "99", "guest_horizon_days": "abc"})
    assert response.status_code == 422
    assert "Harus antara 1 dan 30." in text(response)
    sent = made.service.booking.update_settings.call_args.args[0]
    assert sent["overdue_grace_minutes"] == 45 and sent["guest_horizon_days"] == "abc"
    assert sent["room_approver_role"] == "kasubbag"
    assert_calls_fit([made], BookingService, "booking")


def test_only_admins_see_the_link():
    def links(caps):
        return {link.url for _area, shown in nav.menu_for(caps) for link in shown}

    assert "/peminjaman/pengaturan" in links({"booking": frozenset({"read", "manage_settings"})})
    assert "/peminjaman/pengaturan" not in links({"booking": frozenset({"read", "request"})})
