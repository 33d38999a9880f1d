"""The settings' entrypoints: the staff officers' unit, the leave official's role, half days, reminder lead times
(``domain.settings``)."""
from __future__ import annotations

from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import settings
from ..schemas.common import KepegawaianSettingsIn, KepegawaianSettingsOut

_settings_in = KepegawaianSettingsIn()
_settings_out = KepegawaianSettingsOut()


class SettingsEntrypoints:
    """RPCs of the settings (mixed into ``KepegawaianService``)."""

    @api
    def get_settings(self):
        """The settings (anyone signed in)."""
        self._caller()
        return _settings_out.dump(settings.get_settings(self.db.session))

    @api
    def update_settings(self, data):
        """Admin: change the settings (422 naming each bad field, nothing saved)."""
        self._caller().require_admin()
        changes = load_input(_settings_in, data, partial=True)
        with self.db.transaction() as tx:
            return _settings_out.dump(settings.update(tx.session, changes))
