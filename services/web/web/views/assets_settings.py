"""Aset & Barang — the settings page (admin): the bureau's name on labels, who signs as pengurus barang, the
letters' numbering templates and the depreciation period. assets checks every value (``update_settings``)."""
from __future__ import annotations

from situok_kit.errors import ValidationFailed

from ..forms.common import field_errors, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link

MANAGE_REFERENCE = ("assets", "manage_reference")
SETTINGS_FIELDS = ("bureau_name", "unit_code", "pengurus_barang_employee_id", "handover_number_template",
                   "census_number_template", "disposal_number_template", "depreciation_period")
PERIOD_LABELS = {"year": _("Tahunan"), "semester": _("Semesteran")}

NAV = Area("aset", service="assets", position=60, links=(
    Link(_("Pengaturan aset"), "/aset/pengaturan", MANAGE_REFERENCE),
))


def settings_payload(form) -> tuple[dict, dict]:
    """(the form's values as typed, the data for ``update_settings``): an empty pengurus barang is null (the
    position decides), a number stays a number and anything else goes as typed for assets to refuse."""
    values = {name: text_of(form, name) for name in SETTINGS_FIELDS}
    data = {name: value for name, value in values.items() if name != "pengurus_barang_employee_id"}
    employee = values["pengurus_barang_employee_id"]
    data["pengurus_barang_employee_id"] = int_or_text(employee) if employee else None
    return values, data


class AssetsSettingsPages:
    def _assets_settings_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        current = self.assets.get_settings()
        shown = values or {name: "" if current.get(name) is None else str(current.get(name))
                           for name in SETTINGS_FIELDS}
        return Page("assets/settings.html", {
            "settings": current, "values": shown, "errors": errors or {}, "summary": summary, "other": list(other),
            "periods": [(code, visit._(label)) for code, label in PERIOD_LABELS.items()],
        }, status, title=visit._("Pengaturan aset"))

    @page("GET", "/aset/pengaturan", needs=MANAGE_REFERENCE)
    def assets_settings(self, visit):
        return self._assets_settings_page(visit)

    @page("POST", "/aset/pengaturan", needs=MANAGE_REFERENCE)
    def assets_settings_update(self, visit):
        values, data = settings_payload(visit.form)
        try:
            self.assets.update_settings(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, SETTINGS_FIELDS, visit._)
            return self._assets_settings_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect("/aset/pengaturan", visit._("Pengaturan aset disimpan."))
