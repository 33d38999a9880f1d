"""The disposal area's entrypoints: proposals, approval, decision (SK), berita acara, suggestions, reports
(``domain.disposal``)."""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import disposal, disposal_files
from ..schemas.disposal import (
    DisposalCompletionIn,
    DisposalDecisionIn,
    DisposalDetailOut,
    DisposalDocumentIn,
    DisposalDocumentOut,
    DisposalEvent,
    DisposalFilters,
    DisposalPage,
    DisposalProposalIn,
    DisposalReasonIn,
    DisposalReportIn,
    DisposalReportOut,
    DisposalSuggestionPage,
)

_proposal_in = DisposalProposalIn()
_filters = DisposalFilters()
_reason_in = DisposalReasonIn()
_decision_in = DisposalDecisionIn()
_completion_in = DisposalCompletionIn()
_report_in = DisposalReportIn()
_document_in = DisposalDocumentIn()
_detail_out = DisposalDetailOut()
_page_out = DisposalPage()
_suggestions_out = DisposalSuggestionPage()
_report_out = DisposalReportOut()
_document_out = DisposalDocumentOut()
_event = DisposalEvent()


class DisposalEntrypoints:
    """RPCs of the disposal area (mixed into ``AssetsService``)."""

    @api
    def list_disposals(self, filters=None, cursor=None, limit=50):
        """Proposals, newest first (keepers and report readers; others 403)."""
        caller = self._caller()
        return _page_out.dump(disposal.list_proposals(self.db.session, caller, load_input(_filters, filters), cursor,
                                                      clamp_limit(limit)))

    @api
    def disposal_suggestions(self, cursor=None, limit=50):
        """Active items in condition RB that are in no open proposal."""
        return _suggestions_out.dump(disposal.suggestions(self.db.session, self._caller(), cursor,
                                                          clamp_limit(limit)))

    @api
    def create_disposal(self, data):
        """Keeper: a draft proposal (method, reasons, items with their reasons); values taken now."""
        caller = self._caller()
        payload = load_input(_proposal_in, data)
        with self.db.transaction() as tx:
            return _detail_out.dump(disposal.detail(tx.session, caller, disposal.create(tx, caller, payload)))

    @api
    def get_disposal(self, proposal_id):
        """A proposal with its items and ``allowed_actions``."""
        caller = self._caller()
        session = self.db.session
        return _detail_out.dump(disposal.detail(session, caller, disposal.load(session, caller,
                                                                               record_id(proposal_id, "proposal_id"))))

    def _step(self, command, proposal_id, *args, event: str | None = None):
        caller = self._caller()
        proposal_id = record_id(proposal_id, "proposal_id")
        with self.db.transaction() as tx:
            proposal = command(tx, caller, proposal_id, *args)
            if event:
                tx.emit(event, _event.dump(disposal.proposal_event(tx.session, proposal)))
            return _detail_out.dump(disposal.detail(tx.session, caller, proposal))

    @api
    def update_disposal(self, proposal_id, data):
        """Keeper: replace a draft whole (method, reasons, items)."""
        return self._step(disposal.update, proposal_id, load_input(_proposal_in, data))

    @api
    def submit_disposal(self, proposal_id):
        """Keeper: submit a draft to the Kepala Biro (history ``disposal_proposed`` on each item). Publishes
        ``assets.disposal_proposed``."""
        return self._step(disposal.submit, proposal_id, event=Assets.DISPOSAL_PROPOSED)

    @api
    def approve_disposal(self, proposal_id):
        """The Kepala Biro (not the proposer): approve a proposed disposal."""
        return self._step(disposal.approve, proposal_id)

    @api
    def reject_disposal(self, proposal_id, reason=None):
        """The Kepala Biro (not the proposer): reject with a reason; the items are free again."""
        return self._step(disposal.reject, proposal_id, load_input(_reason_in, {"reason": reason})["reason"])

    @api
    def decide_disposal(self, proposal_id, data):
        """Keeper: record the decision (the Gubernur's/Sekda's SK number and date) of an approved proposal."""
        return self._step(disposal.decide, proposal_id, load_input(_decision_in, data))

    @api
    def complete_disposal(self, proposal_id, data=None):
        """Keeper: record the berita acara (numbered now); every item is disposed in the same transaction.
        Publishes ``assets.item_disposed`` per item and ``assets.disposal_decided``."""
        return self._step(disposal.complete, proposal_id, load_input(_completion_in, data),
                          event=Assets.DISPOSAL_DECIDED)

    @api
    def cancel_disposal(self, proposal_id, reason=None):
        """Keeper: cancel a draft, proposed or approved proposal (with a reason); the items are free again."""
        return self._step(disposal.cancel, proposal_id, load_input(_reason_in, {"reason": reason})["reason"])

    @api
    def disposal_document(self, proposal_id, kind):
        """The proposal's list (``proposal``) or the berita acara (``berita_acara``) as PDF."""
        args = load_input(_document_in, {"kind": kind})
        return _document_out.dump(disposal_files.document(self.db.session, self._caller(),
                                                          record_id(proposal_id, "proposal_id"), args["kind"]))

    @api
    def disposal_report(self, year, method=None):
        """Items disposed in ``year`` (berita acara date) with SK/BA numbers and values, by method."""
        args = load_input(_report_in, {"year": year, "method": method}, partial=("format",))
        return _report_out.dump(disposal.report(self.db.session, self._caller(), args["year"], args["method"]))

    @api
    def disposal_report_file(self, year, method=None, format="xlsx"):
        """The same report as XLSX or PDF."""
        args = load_input(_report_in, {"year": year, "method": method, "format": format})
        return _document_out.dump(disposal_files.report_file(self.db.session, self._caller(), args["year"],
                                                             args["method"], args["format"]))
