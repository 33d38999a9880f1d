"""The SKP entrypoints (``domain.skp``): the yearly performance plan, progress with evidence, the assessment
and predikat (PermenPANRB 6/2022). The employee writes their plan and progress; the direct supervisor agrees,
returns, gives feedback and assesses (never their own); the supervisor chain, staff officers and the official
read; anyone else gets 403."""
from __future__ import annotations

import base64

from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import skp
from ..schemas.skp import (
    SkpAssessIn,
    SkpExpectationsIn,
    SkpFeedbackIn,
    SkpFileOut,
    SkpInboxOut,
    SkpMineOut,
    SkpNoteIn,
    SkpPage,
    SkpPlanIn,
    SkpPlanOut,
    SkpPlanUpdateIn,
    SkpProgressIn,
    SkpQuery,
    SkpReferenceOut,
    SkpUnitSummaryOut,
    SkpYearIn,
)

_plan_in = SkpPlanIn()
_update_in = SkpPlanUpdateIn()
_plan_out = SkpPlanOut()
_mine_out = SkpMineOut()
_page_out = SkpPage()
_query = SkpQuery()
_year_in = SkpYearIn()
_note_in = SkpNoteIn()
_expectations_in = SkpExpectationsIn()
_progress_in = SkpProgressIn()
_feedback_in = SkpFeedbackIn()
_assess_in = SkpAssessIn()
_inbox_out = SkpInboxOut()
_summary_out = SkpUnitSummaryOut()
_file_out = SkpFileOut()
_reference_out = SkpReferenceOut()


class SkpEntrypoints:
    """RPCs of the skp area (mixed into ``KepegawaianService``)."""

    @api
    def skp_reference(self):
        """Anyone signed in: the core values (BerAKHLAK), the rating scale, the predikat matrix, the periods."""
        self._caller()
        return _reference_out.dump(skp.reference(self.db.session))

    @api
    def my_skp(self, year):
        """An employee: their plan of ``year`` (null when none yet) and the supervisor's agreed results."""
        caller = self._caller()
        args = load_input(_year_in, {"year": year})
        return _mine_out.dump(skp.mine(self.db.session, caller, args["year"]))

    @api
    def get_skp(self, skp_id):
        """The employee, their supervisor chain, staff officers, the official: one plan with its progress and
        assessment and the caller's ``allowed_actions``."""
        caller = self._caller()
        return _plan_out.dump(skp.detail(self.db.session, caller, checked_id(skp_id, "skp_id")))

    @api
    def list_skp(self, employee_id=None, unit_id=None, year=None, status=None, cursor=None, limit=50):
        """Plans the caller may read (their own, their chain's; every one for staff officers and the official),
        newest year first (keyset). An employee's history: ``employee_id``."""
        caller = self._caller()
        args = load_input(_query, {"employee_id": employee_id, "unit_id": unit_id, "year": year, "status": status})
        return _page_out.dump(skp.listing(self.db.session, caller, cursor=cursor, limit=limit, **args))

    @api
    def create_skp(self, data):
        """An employee: their plan of a year (409 when there is one), as a draft."""
        caller = self._caller()
        payload = load_input(_plan_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.create(tx, caller, payload))

    @api
    def update_skp(self, skp_id, data):
        """The employee: the results, indicators and alignment of a draft or returned plan."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        payload = load_input(_update_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.update(tx, caller, skp_id, payload))

    @api
    def set_skp_expectations(self, skp_id, data):
        """The direct supervisor: a specific expectation per core value, before the plan is agreed."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        payload = load_input(_expectations_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.set_expectations(tx, caller, skp_id, payload["expectations"]))

    @api
    def submit_skp(self, skp_id):
        """The employee: submit the plan to the direct supervisor (``kepegawaian.skp_plan_submitted``)."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.submit(tx, caller, skp_id))

    @api
    def approve_skp(self, skp_id):
        """The direct supervisor: agree the plan (``kepegawaian.skp_plan_approved``)."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.approve(tx, caller, skp_id))

    @api
    def return_skp(self, skp_id, note=None):
        """The direct supervisor: return a submitted or agreed plan with a note (editable again)."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        args = load_input(_note_in, {"note": note})
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.return_plan(tx, caller, skp_id, args["note"]))

    @api
    def record_progress(self, skp_id, data):
        """The employee: a period's realisation per indicator with evidence (file or link)
        (``kepegawaian.skp_progress_recorded``)."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        payload = load_input(_progress_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.record_progress(tx, caller, skp_id, payload))

    @api
    def give_feedback(self, skp_id, data):
        """The direct supervisor: feedback (umpan balik) on a period's progress."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        payload = load_input(_feedback_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.give_feedback(tx, caller, skp_id, payload["period"], payload["feedback"]))

    @api
    def assess_skp(self, skp_id, data):
        """The direct supervisor: rate results and behaviour (per core value and overall); the service gives
        the predikat by the matrix (``kepegawaian.skp_assessed``)."""
        caller = self._caller()
        skp_id = checked_id(skp_id, "skp_id")
        payload = load_input(_assess_in, data)
        with self.db.transaction() as tx:
            return _plan_out.dump(skp.assess(tx, caller, skp_id, payload))

    @api
    def skp_inbox(self):
        """A supervisor: their direct staff's plans waiting, progress waiting for feedback, assessments due."""
        caller = self._caller()
        return _inbox_out.dump(skp.inbox(self.db.session, caller))

    @api
    def skp_unit_summary(self, year, unit_id=None):
        """Staff officers and the official: counts per predikat of a year in a unit (and sub-units)."""
        caller = self._caller()
        args = load_input(_year_in, {"year": year, "unit_id": unit_id})
        return _summary_out.dump(skp.unit_summary(self.db.session, caller, args["year"], args["unit_id"]))

    @api
    def skp_evidence(self, progress_id):
        """Whoever may read the plan: a period's evidence file."""
        caller = self._caller()
        found = skp.evidence(self.db.session, caller, checked_id(progress_id, "progress_id"))
        return _file_out.dump({"filename": found["filename"], "content_type": found["content_type"],
                               "content_b64": base64.b64encode(found["content"]).decode()})
