"""The settings' entrypoints: the protocol unit, the extra approving role, the public forms' limits
(``domain.settings``), and the time-to-submit ticket every public form carries."""
from __future__ import annotations

from situok_kit.clock import utcnow
from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import settings
from ..schemas.common import AgendaSettingsIn, AgendaSettingsOut, FormTicketOut

_settings_in = AgendaSettingsIn()
_settings_out = AgendaSettingsOut()
_ticket_out = FormTicketOut()


class SettingsEntrypoints:
    """RPCs of the settings (mixed into ``AgendaService``)."""

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

    @api
    def public_form_ticket(self):
        """Public: a fresh time-to-submit ticket for a public form (visit request, feedback)."""
        session = self.db.session
        row = settings.get_settings(session)
        return _ticket_out.dump({"ticket": settings.form_tickets(session).issue(utcnow()),
                                 "min_seconds": row.form_min_seconds})
