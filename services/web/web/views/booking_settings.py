"""Peminjaman Gedung & Kendaraan — the settings page (admin): which role approves each kind of resource when the
resource names no manager, the overdue grace of vehicle trips, the guest form's limits. booking checks every
value (``update_settings``)."""
from __future__ import annotations

from situok_contracts.roles import LABELS as ROLE_LABELS
from situok_kit.errors import ValidationFailed

from ..forms.common import field_errors, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link

MANAGE_SETTINGS = ("booking", "manage_settings")
ROLE_FIELDS = ("room_approver_role", "building_approver_role", "vehicle_approver_role")
NUMBER_FIELDS = ("overdue_grace_minutes", "guest_requests_per_hour", "guest_max_days", "guest_horizon_days")
SETTINGS_FIELDS = ROLE_FIELDS + NUMBER_FIELDS

NAV = Area("peminjaman", links=(Link(_("Pengaturan peminjaman"), "/peminjaman/pengaturan", MANAGE_SETTINGS),),
           service="booking", position=77)


def settings_payload(form) -> tuple[dict, dict]:
    """(the form's values as typed, the data for ``update_settings``): numbers go as numbers, anything else as
    typed for booking to refuse."""
    values = {name: text_of(form, name) for name in SETTINGS_FIELDS}
    data = {name: values[name] for name in ROLE_FIELDS}
    data.update({name: int_or_text(values[name]) for name in NUMBER_FIELDS})
    return values, data


class BookingSettingsPages:
    def _booking_settings_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        current = self.booking.get_settings()
        shown = values or {name: "" if current.get(name) is None else str(current.get(name))
                           for name in SETTINGS_FIELDS}
        return Page("booking/settings.html", {
            "settings": current, "values": shown, "errors": errors or {}, "summary": summary, "other": list(other),
            "roles": [(code, visit._(label)) for code, label in ROLE_LABELS.items()],
        }, status, title=visit._("Pengaturan peminjaman"))

    @page("GET", "/peminjaman/pengaturan", needs=MANAGE_SETTINGS)
    def booking_settings(self, visit):
        return self._booking_settings_page(visit)

    @page("POST", "/peminjaman/pengaturan", needs=MANAGE_SETTINGS)
    def booking_settings_update(self, visit):
        values, data = settings_payload(visit.form)
        try:
            self.booking.update_settings(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, SETTINGS_FIELDS, visit._)
            return self._booking_settings_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect("/peminjaman/pengaturan", visit._("Pengaturan peminjaman disimpan."))
