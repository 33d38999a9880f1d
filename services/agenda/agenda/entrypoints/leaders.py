"""The leaders area's entrypoints: the leaders, the order of precedence, a leader's printed agenda
(``domain.leaders``, ``documents.agenda_pdf``). Every employee reads and prints; protocol staff write (403
otherwise); bad input is a 422 naming the field."""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..documents import agenda_pdf
from ..domain import leaders
from ..schemas.leaders import (
    LeaderAgendaDocumentOut,
    LeaderIn,
    LeaderOut,
    LeaderPage,
    PrecedenceRankIn,
    PrecedenceRankOut,
    PrecedenceRankPage,
)

_leader_in = LeaderIn()
_leader_out = LeaderOut()
_leader_page = LeaderPage()
_rank_in = PrecedenceRankIn()
_rank_out = PrecedenceRankOut()
_rank_page = PrecedenceRankPage()
_document_out = LeaderAgendaDocumentOut()


def _flag(value, field: str) -> bool:
    if value in (None, ""):
        return False
    if not isinstance(value, bool):
        raise ValidationFailed("Data tidak valid.", {field: "Harus true atau false."})
    return value


class LeaderEntrypoints:
    """RPCs of the leaders area (mixed into ``AgendaService``)."""

    @api
    def list_leaders(self, include_inactive=False, cursor=None, limit=50):
        """Every employee: the active leaders by position; protocol staff with ``include_inactive`` also the
        inactive ones, after them."""
        caller = self._caller()
        return _leader_page.dump(leaders.list_leaders(
            self.db.session, caller, include_inactive=_flag(include_inactive, "include_inactive"), cursor=cursor,
            limit=clamp_limit(limit)))

    @api
    def get_leader(self, leader_id):
        """Every employee: one leader."""
        caller = self._caller()
        return _leader_out.dump(leaders.leader_view(self.db.session, caller, checked_id(leader_id, "leader_id")))

    @api
    def create_leader(self, data):
        """Protocol staff: a new leader (422 naming each bad field: code taken or malformed, title, an unknown
        precedence code)."""
        caller = self._caller()
        payload = load_input(_leader_in, data)
        with self.db.transaction() as tx:
            return _leader_out.dump(leaders.create_leader(tx.session, caller, payload))

    @api
    def update_leader(self, leader_id, data):
        """Protocol staff: change the fields sent; ``active: false`` deactivates (events to come keep the leader:
        ``notice`` says how many), ``active: true`` reactivates."""
        caller = self._caller()
        leader_id = checked_id(leader_id, "leader_id")
        payload = load_input(_leader_in, data, partial=True)
        with self.db.transaction() as tx:
            return _leader_out.dump(leaders.update_leader(tx.session, caller, leader_id, payload))

    @api
    def list_precedence_ranks(self, cursor=None, limit=200):
        """Every employee: the order of precedence by rank."""
        caller = self._caller()
        return _rank_page.dump(leaders.list_precedence_ranks(self.db.session, caller, cursor=cursor,
                                                             limit=clamp_limit(limit)))

    @api
    def create_precedence_rank(self, data):
        """Protocol staff: a local rank, with its own ``rank`` or ``after_code`` (halfway to the next one)."""
        caller = self._caller()
        payload = load_input(_rank_in, data)
        with self.db.transaction() as tx:
            return _rank_out.dump(leaders.create_precedence_rank(tx.session, caller, payload))

    @api
    def update_precedence_rank(self, rank_id, data):
        """Protocol staff: a rank's label, basis or rank (unique; its code never changes)."""
        caller = self._caller()
        rank_id = checked_id(rank_id, "rank_id")
        payload = load_input(_rank_in, data, partial=True)
        with self.db.transaction() as tx:
            return _rank_out.dump(leaders.update_precedence_rank(tx.session, caller, rank_id, payload))

    @api
    def leader_agenda_pdf(self, leader_id, day=None, week_of=None):
        """Every employee: a leader's daily agenda (``day``, YYYY-MM-DD; neither given: today, WITA) or weekly
        agenda (Monday–Sunday of the week of ``week_of``) as a PDF: ``{filename, content_type, content_b64}``."""
        caller = self._caller()
        sheet = leaders.agenda_sheet(self.db.session, caller, checked_id(leader_id, "leader_id"), day=day,
                                     week_of=week_of)
        return _document_out.dump({"filename": agenda_pdf.filename_of(sheet), "content_type": agenda_pdf.CONTENT_TYPE,
                                   "content": agenda_pdf.render(sheet)})
