"""The leave area's entrypoints (``domain.leave``). Every RPC needs an identity: the employee's own records, the
supervisor chain reads, staff officers and the official read all (``Caller.may_read``); the direct supervisor
considers, the official decides (never their own), a staff officer files on an employee's behalf, sets opening
balances and cancels approved leave; admin edits the rules. Working days are counted against attendance's
holidays (``domain.calendar``, asked as the system: attendance away → 503, nothing written)."""
from __future__ import annotations

import base64

from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import NotFound
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import calendar, leave
from ..schemas.leave import (
    LeaveApplicationIn,
    LeaveBalanceOut,
    LeaveBalanceQuery,
    LeaveCancelIn,
    LeaveDecisionIn,
    LeaveFileOut,
    LeaveOpeningIn,
    LeaveOpeningOut,
    LeaveOut,
    LeavePage,
    LeavePreviewIn,
    LeavePreviewOut,
    LeaveQuery,
    LeaveRuleIn,
    LeaveRuleOut,
    LeaveUpdateIn,
)

_rule_out = LeaveRuleOut()
_rule_in = LeaveRuleIn()
_balance_out = LeaveBalanceOut()
_balance_q = LeaveBalanceQuery()
_request_in = LeaveApplicationIn()
_update_in = LeaveUpdateIn()
_preview_in = LeavePreviewIn()
_preview_out = LeavePreviewOut()
_out = LeaveOut()
_page = LeavePage()
_query = LeaveQuery()
_decision_in = LeaveDecisionIn()
_cancel_in = LeaveCancelIn()
_opening_in = LeaveOpeningIn()
_opening_out = LeaveOpeningOut()
_file_out = LeaveFileOut()


def _file(filename: str, content_type: str, content: bytes) -> dict:
    return _file_out.dump({"filename": filename, "content_type": content_type,
                           "content_b64": base64.b64encode(content).decode()})


class LeaveEntrypoints:
    """RPCs of the leave area (mixed into ``KepegawaianService``)."""

    def _holidays(self) -> calendar.HolidaySource:
        return calendar.source(self._amqp_uri())

    # -- rules and balances -----------------------------------------------------------------------------
    @api
    def leave_kinds(self, employee_id=None):
        """The kinds the caller (or, for a reader of them, ``employee_id``) may request, with the rule text and
        source."""
        caller = self._caller()
        employee_id = checked_id(employee_id, "employee_id") if employee_id is not None else None
        return _rule_out.dump(leave.kinds(self.db.session, caller, employee_id), many=True)

    @api
    def leave_rules(self):
        """Every rule row (staff officers and admin: the rules as data, with their sources)."""
        caller = self._caller()
        caller.require_staff_officer()
        return _rule_out.dump(leave.all_rules(self.db.session), many=True)

    @api
    def update_leave_rule(self, rule_id, data):
        """Admin: change a rule's figures or text."""
        caller = self._caller()
        rule_id = checked_id(rule_id, "rule_id")
        values = load_input(_rule_in, data)
        with self.db.transaction() as tx:
            return _rule_out.dump(leave.update_rule(tx.session, caller, rule_id, values))

    @api
    def my_leave_balance(self, year=None):
        """The caller's annual leave of ``year`` (default this year), with the carry-over explained."""
        caller = self._caller().require_employee()
        args = load_input(_balance_q, {"year": year})
        year = args.get("year") or wita_day(utcnow()).year
        return _balance_out.dump(leave.balance(self.db.session, caller, caller.employee_id, year))

    @api
    def leave_balance(self, employee_id, year=None):
        """An employee's annual leave of ``year``: the employee, their supervisors, staff officers, the official."""
        caller = self._caller()
        args = load_input(_balance_q, {"employee_id": employee_id, "year": year})
        if not args.get("employee_id"):
            raise NotFound("Pegawai tidak ditemukan.")
        year = args.get("year") or wita_day(utcnow()).year
        return _balance_out.dump(leave.balance(self.db.session, caller, args["employee_id"], year))

    @api
    def set_opening_balance(self, data):
        """Staff officer: an employee's opening balance of a year (days left of N-1 and N-2 from paper)."""
        caller = self._caller()
        values = load_input(_opening_in, data)
        with self.db.transaction() as tx:
            return _opening_out.dump(leave.set_opening(tx.session, caller, values))

    # -- requests -------------------------------------------------------------------------------------
    @api
    def preview_leave(self, data):
        """The days a request would count and every problem with it; nothing saved."""
        caller = self._caller()
        values = load_input(_preview_in, data)
        return _preview_out.dump(leave.preview(self.db.session, caller, values, self._holidays()))

    @api
    def request_leave(self, data):
        """A leave request (the caller's own; a staff officer may name ``employee_id``). 422 naming each field
        (overlap, an approved trip, eligibility, balance, gender, a doctor's letter, a past start)."""
        caller = self._caller()
        values = load_input(_request_in, data)
        with self.db.transaction() as tx:
            return _out.dump(leave.request(tx, caller, values, self._holidays()))

    @api
    def update_leave(self, leave_id, data):
        """The employee (or a staff officer): new dates for a request sent back for changes; back to the
        supervisor."""
        caller = self._caller()
        leave_id = checked_id(leave_id, "leave_id")
        values = load_input(_update_in, data)
        with self.db.transaction() as tx:
            return _out.dump(leave.update(tx, caller, leave_id, values, self._holidays()))

    @api
    def get_leave(self, leave_id):
        caller = self._caller()
        return _out.dump(leave.get(self.db.session, caller, checked_id(leave_id, "leave_id")))

    @api
    def list_leave(self, employee_id=None, unit_id=None, status=None, year=None, kind=None, cursor=None,
                   limit=50):
        """The requests the caller may read (staff officers and the official: everyone), newest first."""
        caller = self._caller()
        filters = load_input(_query, {"employee_id": employee_id, "unit_id": unit_id, "status": status,
                                      "year": year, "kind": kind})
        return _page.dump(leave.listing(self.db.session, caller, filters, cursor, limit))

    @api
    def leave_inbox(self, cursor=None, limit=50):
        """What waits for the caller: their direct staff's requests to consider, and (the official) the
        considered requests to decide."""
        caller = self._caller()
        return _page.dump(leave.inbox(self.db.session, caller, cursor, limit))

    @api
    def consider_leave(self, leave_id, data):
        """The direct supervisor: ``{option, note}`` (a supervisor who is also the official decides at once)."""
        caller = self._caller()
        leave_id = checked_id(leave_id, "leave_id")
        values = load_input(_decision_in, data)
        with self.db.transaction() as tx:
            return _out.dump(leave.consider(tx, caller, leave_id, values["option"], values.get("note")))

    @api
    def decide_leave(self, leave_id, data):
        """The official (never their own): ``{option, note}`` on a considered request."""
        caller = self._caller()
        leave_id = checked_id(leave_id, "leave_id")
        values = load_input(_decision_in, data)
        with self.db.transaction() as tx:
            return _out.dump(leave.decide(tx, caller, leave_id, values["option"], values.get("note")))

    @api
    def cancel_leave(self, leave_id, data=None):
        """The employee while undecided; an approved leave: a staff officer or the official, with a reason."""
        caller = self._caller()
        leave_id = checked_id(leave_id, "leave_id")
        values = load_input(_cancel_in, data)
        with self.db.transaction() as tx:
            return _out.dump(leave.cancel(tx, caller, leave_id, values.get("reason")))

    @api
    def get_leave_attachment(self, leave_id):
        """The doctor's letter of a request (whoever may read the request)."""
        caller = self._caller()
        found = leave.attachment(self.db.session, caller, checked_id(leave_id, "leave_id"))
        return _file(found["filename"], found["content_type"], found["content"])

    @api
    def leave_form_pdf(self, leave_id):
        """The standard leave form (PDF) of a request (whoever may read it)."""
        from ..documents import leave_form

        caller = self._caller()
        leave_id = checked_id(leave_id, "leave_id")
        session = self.db.session
        found = leave.get(session, caller, leave_id)
        leave_out = _out.dump(found)
        year = found.start_date.year
        balance_out = _balance_out.dump(leave.balance(session, caller, found.employee_id, year))
        content = leave_form.render(leave.form_view(session, caller, leave_id, leave_out, balance_out))
        return _file(f"formulir-cuti-{leave_id}.pdf", "application/pdf", content)
