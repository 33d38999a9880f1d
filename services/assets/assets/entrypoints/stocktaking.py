"""The stocktaking area's entrypoints: campaigns (inventarisasi / sensus), room checks on a phone, findings, the
berita acara and applying the result (``domain.stocktaking``)."""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import stocktaking, stocktaking_files
from ..schemas.stocktaking import (
    CampaignAppliedEvent,
    CampaignApplyIn,
    CampaignCheckIn,
    CampaignChoicesOut,
    CampaignCloseIn,
    CampaignDetailOut,
    CampaignDocumentOut,
    CampaignFilters,
    CampaignFindingIn,
    CampaignFindingOut,
    CampaignIn,
    CampaignItemOut,
    CampaignPage,
    CampaignReasonIn,
    CampaignResultOut,
    CampaignRoomSheetOut,
)

_campaign_in = CampaignIn()
_campaign_filters = CampaignFilters()
_check_in = CampaignCheckIn()
_finding_in = CampaignFindingIn()
_close_in = CampaignCloseIn()
_reason_in = CampaignReasonIn()
_apply_in = CampaignApplyIn()
_detail_out = CampaignDetailOut()
_page_out = CampaignPage()
_sheet_out = CampaignRoomSheetOut()
_item_out = CampaignItemOut()
_finding_out = CampaignFindingOut()
_result_out = CampaignResultOut()
_document_out = CampaignDocumentOut()
_choices_out = CampaignChoicesOut()
_applied_event = CampaignAppliedEvent()


class StocktakingEntrypoints:
    """RPCs of the stocktaking area (mixed into ``AssetsService``)."""

    @api
    def list_campaigns(self, filters=None, cursor=None, limit=50):
        """Campaigns, newest first: keepers and report readers all, a checker those they check."""
        caller = self._caller()
        filters = load_input(_campaign_filters, filters)
        return _page_out.dump(stocktaking.list_campaigns(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def campaign_choices(self, q=None):
        """Keeper: the active rooms (with how many items each holds) and employees to pick for a new campaign."""
        return _choices_out.dump(stocktaking.choices(self.db.session, self._caller(), q or None))

    @api
    def create_campaign(self, data):
        """Keeper: a campaign (name, kind, start date, rooms with their checkers); it opens at once."""
        caller = self._caller()
        payload = load_input(_campaign_in, data)
        with self.db.transaction() as tx:
            campaign = stocktaking.create(tx, caller, payload)
            return _detail_out.dump(stocktaking.detail(tx.session, caller, campaign))

    @api
    def get_campaign(self, campaign_id):
        """A campaign with its rooms' progress and ``allowed_actions`` (404 when the caller may not see it)."""
        caller = self._caller()
        session = self.db.session
        campaign = stocktaking.load(session, caller, record_id(campaign_id, "campaign_id"))
        return _detail_out.dump(stocktaking.detail(session, caller, campaign))

    @api
    def campaign_room(self, campaign_id, room_id):
        """One room of a campaign as its checker works it: the list, answers, findings, progress."""
        return _sheet_out.dump(stocktaking.room_sheet(self.db.session, self._caller(),
                                                      record_id(campaign_id, "campaign_id"),
                                                      record_id(room_id, "room_id")))

    @api
    def record_campaign_check(self, campaign_id, room_id, data):
        """The room's checker or a keeper: found / not found / found elsewhere for one item (by id or label);
        the last answer while open wins."""
        caller = self._caller()
        args = (record_id(campaign_id, "campaign_id"), record_id(room_id, "room_id"), load_input(_check_in, data))
        with self.db.transaction() as tx:
            return _item_out.dump(stocktaking.record_check(tx, caller, *args))

    @api
    def record_campaign_finding(self, campaign_id, room_id, data):
        """The room's checker or a keeper: an unlabelled item found (registered as a finding, not an item)."""
        caller = self._caller()
        args = (record_id(campaign_id, "campaign_id"), record_id(room_id, "room_id"), load_input(_finding_in, data))
        with self.db.transaction() as tx:
            return _finding_out.dump(stocktaking.finding_view(stocktaking.record_finding(tx, caller, *args)))

    @api
    def remove_campaign_finding(self, campaign_id, room_id, finding_id):
        """The room's checker or a keeper, while open: take a finding back."""
        caller = self._caller()
        campaign_id, room_id = record_id(campaign_id, "campaign_id"), record_id(room_id, "room_id")
        with self.db.transaction() as tx:
            stocktaking.remove_finding(tx, caller, campaign_id, room_id, record_id(finding_id, "finding_id"))
            return _sheet_out.dump(stocktaking.room_sheet(tx.session, caller, campaign_id, room_id))

    def _room_step(self, campaign_id, room_id, reopen: bool):
        caller = self._caller()
        campaign_id, room_id = record_id(campaign_id, "campaign_id"), record_id(room_id, "room_id")
        with self.db.transaction() as tx:
            stocktaking.finish_room(tx, caller, campaign_id, room_id, reopen=reopen)
            return _sheet_out.dump(stocktaking.room_sheet(tx.session, caller, campaign_id, room_id))

    @api
    def finish_campaign_room(self, campaign_id, room_id):
        """The room's checker or a keeper: the room is done."""
        return self._room_step(campaign_id, room_id, False)

    @api
    def reopen_campaign_room(self, campaign_id, room_id):
        """The room's checker or a keeper: take a done room back while the campaign is open."""
        return self._room_step(campaign_id, room_id, True)

    @api
    def close_campaign(self, campaign_id, force=None):
        """Keeper: close (every room done, or ``force``: unchecked items become not found); takes the berita
        acara's number."""
        caller = self._caller()
        campaign_id = record_id(campaign_id, "campaign_id")
        args = load_input(_close_in, {"force": force} if force is not None else {})
        with self.db.transaction() as tx:
            campaign = stocktaking.close(tx, caller, campaign_id, args["force"])
            return _detail_out.dump(stocktaking.detail(tx.session, caller, campaign))

    @api
    def cancel_campaign(self, campaign_id, reason=None):
        """Keeper: cancel an open or closed campaign (with a reason); the register is untouched."""
        caller = self._caller()
        campaign_id = record_id(campaign_id, "campaign_id")
        reason = load_input(_reason_in, {"reason": reason})["reason"]
        with self.db.transaction() as tx:
            campaign = stocktaking.cancel(tx, caller, campaign_id, reason)
            return _detail_out.dump(stocktaking.detail(tx.session, caller, campaign))

    @api
    def campaign_result(self, campaign_id):
        """The result's lists per kind (found, condition changed, not found, found elsewhere, findings)."""
        return _result_out.dump(stocktaking.result(self.db.session, self._caller(),
                                                   record_id(campaign_id, "campaign_id")))

    @api
    def campaign_document(self, campaign_id):
        """The berita acara hasil inventarisasi (PDF; a draft while open)."""
        return _document_out.dump(stocktaking_files.berita_acara(self.db.session, self._caller(),
                                                                  record_id(campaign_id, "campaign_id")))

    @api
    def apply_campaign(self, campaign_id, data=None):
        """Keeper, once (again: 409): apply a closed campaign's result to the register in one transaction;
        ``findings`` to register as items (code and value each). Publishes ``assets.campaign_applied``."""
        caller = self._caller()
        campaign_id = record_id(campaign_id, "campaign_id")
        payload = load_input(_apply_in, data)
        with self.db.transaction() as tx:
            campaign, counts = stocktaking.apply(tx, caller, campaign_id, payload)
            tx.emit(Assets.CAMPAIGN_APPLIED, _applied_event.dump(stocktaking.applied_event(campaign, counts)))
            return _detail_out.dump(stocktaking.detail(tx.session, caller, campaign))
