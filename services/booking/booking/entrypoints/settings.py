"""The settings' entrypoints: who approves each kind, the overdue grace, the guest form's limits
(``domain.settings``)."""
from __future__ import annotations

from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import settings
from ..schemas.common import BookingSettingsIn, BookingSettingsOut

_settings_in = BookingSettingsIn()
_settings_out = BookingSettingsOut()


class SettingsEntrypoints:
    """RPCs of the settings (mixed into ``BookingService``)."""

    @api
    def get_settings(self):
        """The settings (anyone signed in: the pages say who approves)."""
        self._caller()
        return _settings_out.dump(settings.get_settings(self.db.session))

    @api
    def update_settings(self, data):
        """Admin: change the settings (422 naming each bad field, nothing saved)."""
        caller = self._caller().require_admin()
        changes = load_input(_settings_in, data, partial=True)
        with self.db.transaction() as tx:
            return _settings_out.dump(settings.update_settings(tx.session, caller, changes))
