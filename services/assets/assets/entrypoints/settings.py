"""The bureau's settings for assets: who signs as pengurus barang, the letters' numbering, the depreciation
period (``domain.settings``)."""
from __future__ import annotations

from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import settings
from ..schemas.common import AssetSettingsIn, AssetSettingsOut

_settings_in = AssetSettingsIn()
_settings_out = AssetSettingsOut()


class SettingsEntrypoints:
    """RPCs of the settings (mixed into ``AssetsService``)."""

    @api
    def get_settings(self):
        """The settings (anyone signed in: the labels and letters show them)."""
        self._caller()
        return _settings_out.dump(settings.view(self.db.session))

    @api
    def update_settings(self, data):
        """Admin: change the settings (422 naming each bad field, nothing saved)."""
        caller = self._caller().require_admin()
        changes = load_input(_settings_in, data, partial=True)
        with self.db.transaction() as tx:
            return _settings_out.dump(settings.update(tx.session, changes, caller.username))
