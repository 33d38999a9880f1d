"""The handovers area's entrypoints: BAST handovers to a holder or a room, returns, moves (``domain.handovers``)."""
from __future__ import annotations

from situok_kit.idempotency import run_idempotent
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import access, handovers
from ..schemas.handovers import (
    HandoverCandidateOut,
    HandoverDocumentOut,
    HandoverFilters,
    HandoverIn,
    HandoverItemSearchIn,
    HandoverOptionsOut,
    HandoverOut,
    HandoverPage,
)

_handover_in = HandoverIn()
_handover_filters = HandoverFilters()
_handover_out = HandoverOut()
_handover_page = HandoverPage()
_handover_document_out = HandoverDocumentOut()
_handover_options_out = HandoverOptionsOut()
_item_search_in = HandoverItemSearchIn()
_candidates_out = HandoverCandidateOut(many=True)


class HandoverEntrypoints:
    """RPCs of the handovers area (mixed into ``AssetsService``)."""

    @api
    def create_handover(self, data, idempotency_key=None):
        """Keeper: apply a handover, return or move now — the BAST numbered, the items' room/holder (and
        condition) changed, their history written, ``assets.item_handed_over`` per item, all in one transaction
        (422 naming each bad field, nothing changed). A retry with the same ``idempotency_key`` applies it once."""
        ident = self.caller.require()
        access.caller_of(ident).require_keeper()
        payload = load_input(_handover_in, data)

        def create(tx):
            caller = access.caller_of(ident)
            handover = handovers.create(tx, caller, payload)
            return _handover_out.dump(handovers.detail(tx.session, caller, handover))

        return run_idempotent(self.db, f"create_handover:{ident.account_id}", idempotency_key, data, create)

    @api
    def get_handover(self, handover_id):
        """One BAST with its items: the keeper, or a party/holder of it (404 otherwise)."""
        caller = self._caller()
        session = self.db.session
        found = handovers.visible(session, caller, record_id(handover_id, "handover_id"))
        return _handover_out.dump(handovers.detail(session, caller, found))

    @api
    def list_handovers(self, filters=None, cursor=None, limit=50):
        """BASTs newest first, keyset-paginated: the keeper all, anyone else those they are a party to; filters
        kind, employee_id, room_id, asset_id, date_from, date_to."""
        caller = self._caller()
        return _handover_page.dump(handovers.list_handovers(
            self.db.session, caller, load_input(_handover_filters, filters), cursor, clamp_limit(limit)))

    @api
    def handover_document(self, handover_id):
        """The BAST as PDF ``{filename, content_type, content_b64}`` (whoever may read the handover)."""
        caller = self._caller()
        return _handover_document_out.dump(handovers.document(self.db.session, caller,
                                                              record_id(handover_id, "handover_id")))

    @api
    def handover_options(self):
        """Keeper: the handover form's choices — active employees (roster copy) and rooms."""
        return _handover_options_out.dump(handovers.options(self.db.session, self._caller()))

    @api
    def find_handover_items(self, q=None, asset_ids=None, holder_employee_id=None, room_id=None):
        """Keeper: items to pick for a handover — the ids given, and active items matching ``q`` (name, code,
        ``<code>/<register number>``, id), a holder or a room (at most 30)."""
        caller = self._caller()
        args = load_input(_item_search_in, {k: v for k, v in {"q": q, "asset_ids": asset_ids,
                                                               "holder_employee_id": holder_employee_id,
                                                               "room_id": room_id}.items() if v is not None})
        return _candidates_out.dump(handovers.find_items(self.db.session, caller, args.get("q"), args["asset_ids"],
                                                         args.get("holder_employee_id"), args.get("room_id")))
