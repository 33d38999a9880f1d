"""The feedback area's entrypoints: the public's suggestions, questions and complaints (``domain.feedback``).

``submit_feedback``, ``feedback_status``, ``published_feedback`` and ``feedback_event`` are **public**: they take no
identity (a sender has no account) — the edges call them for anyone. ``client`` is the client's address as the
edge saw it (the per-client limit), passed by the gateway/web, never by the sender. The rest are the staff's:
protocol staff triage, answer, close and publish any message; the staff of the unit a message was triaged to
answer it.
"""
from __future__ import annotations

from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import feedback
from ..schemas.feedback import (
    FeedbackAboutEventOut,
    FeedbackAnswerIn,
    FeedbackCodeIn,
    FeedbackIn,
    FeedbackNoteIn,
    FeedbackOut,
    FeedbackPage,
    FeedbackPublishedPage,
    FeedbackQuery,
    FeedbackReceiptOut,
    FeedbackReportFileOut,
    FeedbackReportOut,
    FeedbackReportQuery,
    FeedbackStatusOut,
    FeedbackTriageIn,
    FeedbackUnitList,
)

_feedback_in = FeedbackIn()
_receipt_out = FeedbackReceiptOut()
_code_in = FeedbackCodeIn()
_status_out = FeedbackStatusOut()
_about_event_out = FeedbackAboutEventOut()
_published_out = FeedbackPublishedPage()
_query = FeedbackQuery()
_page_out = FeedbackPage()
_feedback_out = FeedbackOut()
_triage_in = FeedbackTriageIn()
_answer_in = FeedbackAnswerIn()
_note_in = FeedbackNoteIn()
_report_query = FeedbackReportQuery()
_report_out = FeedbackReportOut()
_units_out = FeedbackUnitList()
_report_file_out = FeedbackReportFileOut()


class FeedbackEntrypoints:
    """RPCs of the feedback area (mixed into ``AgendaService``)."""

    # -- public ---------------------------------------------------------------------------------
    @api
    def submit_feedback(self, data, client=None):
        """Public: the portal's form → the receipt with the tracking code (shown once). 422 naming each bad field
        (``ticket``: the time-to-submit ticket missing, forged, too fast or too old); 429 over the per-client
        limit. A filled honeypot answers like a success and stores nothing."""
        fake = feedback.bait(data)
        if fake is not None:
            return _receipt_out.dump(fake)
        payload = load_input(_feedback_in, data)
        with self.db.transaction() as tx:
            return _receipt_out.dump(feedback.submit(tx, payload, client if isinstance(client, str) else None))

    @api
    def feedback_status(self, code):
        """Public: the message of a tracking code; 404 (one message) for an unknown or malformed code."""
        args = load_input(_code_in, {"code": code if isinstance(code, str) else ""})
        return _status_out.dump(feedback.status_of(self.db.session, args["code"]))

    @api
    def published_feedback(self, cursor=None, limit=20):
        """Public: the published questions and answers, newest first (no contact; the sender as initials)."""
        return _published_out.dump(feedback.published(self.db.session, cursor, limit))

    @api
    def feedback_event(self, event_id):
        """Public: the public event a message may be about (the form's heading); 404 when not public."""
        return _about_event_out.dump(feedback.event_for_form(self.db.session, record_id(event_id, "event_id")))

    # -- staff ----------------------------------------------------------------------------------
    @api
    def list_feedback(self, status=None, kind=None, unit_id=None, cursor=None, limit=50):
        """Protocol staff: every message; a unit's staff: those triaged to their unit. Newest first."""
        caller = self._caller()
        filters = load_input(_query, {"status": status, "kind": kind, "unit_id": unit_id})
        return _page_out.dump(feedback.queue(self.db.session, caller, filters, cursor, limit))

    @api
    def get_feedback(self, feedback_id):
        """A message with the sender's contact, its steps and ``allowed_actions`` (protocol staff; the unit's
        staff once triaged to them)."""
        caller = self._caller()
        return _feedback_out.dump(feedback.detail(self.db.session, caller, record_id(feedback_id, "feedback_id")))

    def _feedback_step(self, feedback_id, action, schema, data):
        caller = self._caller()
        values = load_input(schema, data)
        with self.db.transaction() as tx:
            return _feedback_out.dump(feedback.act(tx, caller, record_id(feedback_id, "feedback_id"), action,
                                                   values))

    @api
    def triage_feedback(self, feedback_id, data):
        """Protocol staff: the category and the unit that answers (again to move it to another unit)."""
        return self._feedback_step(feedback_id, "triage", _triage_in, data)

    @api
    def answer_feedback(self, feedback_id, data):
        """Protocol staff, or the staff of the unit it was triaged to: the answer (required)."""
        return self._feedback_step(feedback_id, "answer", _answer_in, data)

    @api
    def close_feedback(self, feedback_id, data=None):
        """Protocol staff: close (answered, or spam/duplicate with a note)."""
        return self._feedback_step(feedback_id, "close", _note_in, data)

    @api
    def publish_feedback(self, feedback_id, data=None):
        """Protocol staff: publish an answered message whose sender agreed (422 otherwise)."""
        return self._feedback_step(feedback_id, "publish", _note_in, data)

    @api
    def unpublish_feedback(self, feedback_id, data=None):
        """Protocol staff: take a published message off the portal."""
        return self._feedback_step(feedback_id, "unpublish", _note_in, data)

    @api
    def feedback_units(self):
        """Protocol staff: the units a message may be triaged to."""
        caller = self._caller()
        return _units_out.dump({"items": feedback.units(self.db.session, caller)})

    def _feedback_report(self, date_from, date_to, open_days) -> dict:
        caller = self._caller()
        given = {"date_from": date_from, "date_to": date_to, "open_days": open_days}
        args = load_input(_report_query, {name: value for name, value in given.items() if value is not None})
        return feedback.report(self.db.session, caller, args["date_from"], args["date_to"], args["open_days"])

    @api
    def feedback_report(self, date_from, date_to, open_days=7):
        """Protocol staff: response times per unit of the messages received in a period (WITA days)."""
        return _report_out.dump(self._feedback_report(date_from, date_to, open_days))

    @api
    def feedback_report_xlsx(self, date_from, date_to, open_days=7):
        """Protocol staff: the same report as a spreadsheet (``{filename, content_type, content_b64}``)."""
        return _report_file_out.dump(feedback.report_xlsx(self._feedback_report(date_from, date_to, open_days)))
