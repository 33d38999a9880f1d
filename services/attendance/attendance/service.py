"""The attendance Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract schemas, calls the domain and
answers ``SomeOut().dump(...)`` of what it returns. Writes run in one transaction with their outbox events.
Contract: docs/contracts.md.
"""
from __future__ import annotations

from situok_contracts.events import Kepegawaian, Travel
from situok_kit import schema as kit_schema
from situok_kit.consumers import event_consumer
from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api
from situok_kit.schema import load_input as load
from situok_kit.schema import record_id

from . import sync
from .domain import (
    access,
    capabilities,
    duty,
    exports,
    kepegawaian_leave,
    recap,
    records,
    requests,
    review,
    roster,
    setup,
)
from .domain.requests import CORRECTIONS, REQUESTS
from .domain.workflow import APPROVE, CANCEL, REJECT
from .models import Base
from .schemas import (
    AttendanceCapabilitiesOut,
    AttendanceMonthIn,
    AttendanceRosterOut,
    AttendanceRosterSyncOut,
    AttendanceWhoAmIOut,
    CancelIn,
    CheckOut,
    CorrectionIn,
    CorrectionOut,
    CorrectionPage,
    DecisionIn,
    DeletedOut,
    EmployeeDaysOut,
    GeoPositionIn,
    HolidayFileIn,
    HolidayImportOut,
    HolidayIn,
    HolidayOut,
    LeaveFilters,
    LeaveRequestDetailOut,
    LeaveRequestIn,
    LeaveRequestOut,
    LeaveRequestPage,
    LocationIn,
    LocationOut,
    MarkReviewedIn,
    MyTodayOut,
    PeriodIn,
    PeriodOut,
    RecapFileOut,
    RecapOut,
    RecordReviewedOut,
    RejectIn,
    ReviewFilters,
    ReviewQueuePage,
    ScheduleIn,
    ScheduleOut,
    SettingsIn,
    SettingsOut,
    SetupOut,
    TodayOut,
    WeightOut,
    WeightsIn,
)

_position = GeoPositionIn()
_request_in = LeaveRequestIn()
_correction_in = CorrectionIn()
_decision_in = DecisionIn()
_reject_in = RejectIn()
_cancel_in = CancelIn()
_filters = LeaveFilters()
_month = AttendanceMonthIn()
_location = LocationIn()
_schedule = ScheduleIn()
_period = PeriodIn()
_holiday = HolidayIn()
_holiday_file = HolidayFileIn()
_weights = WeightsIn()
_settings = SettingsIn()
_review_filters = ReviewFilters()
_mark_reviewed = MarkReviewedIn()

_check_out = CheckOut()
_my_today = MyTodayOut()
_days = EmployeeDaysOut()
_recap = RecapOut()
_recap_file = RecapFileOut()
_today = TodayOut()
_request_out = LeaveRequestOut()
_request_detail = LeaveRequestDetailOut()
_request_page = LeaveRequestPage()
_correction_out = CorrectionOut()
_correction_page = CorrectionPage()
_setup = SetupOut()
_location_out = LocationOut()
_schedule_out = ScheduleOut()
_period_out = PeriodOut()
_holiday_out = HolidayOut()
_holiday_import = HolidayImportOut()
_weight_out = WeightOut()
_settings_out = SettingsOut()
_deleted = DeletedOut()
_whoami = AttendanceWhoAmIOut()
_capabilities_out = AttendanceCapabilitiesOut()
_review_page = ReviewQueuePage()
_reviewed = RecordReviewedOut()


def _month_args(month, **extra) -> tuple[int, int, dict]:
    args = load(_month, {"month": month, **{k: v for k, v in extra.items() if v is not None}})
    year, mon = (int(x) for x in args["month"].split("-"))
    return year, mon, args


def _list_args(filters, cursor, limit) -> dict:
    args = load(_filters, filters)
    args.update(limit=clamp_limit(limit), after_id=record_id(cursor, "cursor") if cursor else None)
    return args


class AttendanceService(HealthMixin, RosterCopy):
    name = "attendance"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = AttendanceRosterSyncOut()
    roster_status_out = AttendanceRosterOut()

    # -- check-in / check-out ------------------------------------------------------------------

    @api
    def check_in(self, data, idempotency_key=None, client_address=None):
        """The caller checks in now (server clock, WITA day), from where the browser says it is;
        ``client_address`` is the browser's address as the edge saw it (for ``office_networks``)."""
        ident = self.caller.require()
        payload = load(_position, data)
        return run_idempotent(self.db, f"check_in:{ident.account_id}", idempotency_key, data,
                              lambda tx: _check_out.dump(records.check_in(tx, ident, payload, client_address)))

    @api
    def check_out(self, data, idempotency_key=None, client_address=None):
        ident = self.caller.require()
        payload = load(_position, data)
        return run_idempotent(self.db, f"check_out:{ident.account_id}", idempotency_key, data,
                              lambda tx: _check_out.dump(records.check_out(tx, ident, payload, client_address)))

    @api
    def my_today(self):
        """The caller's record of today (or null) and the day's status."""
        ident = self.caller.require()
        return _my_today.dump(recap.my_today(self.db.session, ident))

    # -- days and recaps ---------------------------------------------------------------------------

    @api
    def employee_days(self, month, employee_id=None):
        """Every day of ``month`` (to today) of an employee (default: the caller) with its status."""
        ident = self.caller.require()
        year, mon, args = _month_args(month, employee_id=employee_id)
        return _days.dump(recap.employee_month(self.db.session, ident, args.get("employee_id"), year, mon))

    @api
    def monthly_recap(self, month, unit_id=None):
        ident = self.caller.require()
        year, mon, args = _month_args(month, unit_id=unit_id)
        return _recap.dump(recap.monthly_recap(self.db.session, ident, year, mon, args.get("unit_id")))

    @api
    def export_recap(self, month, unit_id=None, format="xlsx"):
        """The monthly unit recap as XLSX or PDF: ``{filename, content_type, content_b64}``."""
        ident = self.caller.require()
        year, mon, args = _month_args(month, unit_id=unit_id, format=format)
        answer = _recap.dump(recap.monthly_recap(self.db.session, ident, year, mon, args.get("unit_id")))
        return _recap_file.dump(exports.export(answer, args["format"]))

    @api
    def today_view(self, unit_id=None):
        """A supervisor's today: in, late, absent, on duty, on leave."""
        ident = self.caller.require()
        unit = record_id(unit_id, "unit_id") if unit_id is not None else None
        return _today.dump(recap.today_view(self.db.session, ident, unit))

    # -- leave requests ------------------------------------------------------------------------------

    @api
    def submit_request(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_request_in, data)
        return run_idempotent(self.db, f"submit_request:{ident.account_id}", idempotency_key, data,
                              lambda tx: _request_out.dump(requests.submit_request(tx, ident, payload)))

    @api
    def get_request(self, request_id):
        """The request with its attachment's content (``attachment.content_b64``)."""
        ident = self.caller.require()
        found = requests.get(self.db.session, ident, REQUESTS, record_id(request_id, "request_id"))
        return _request_detail.dump(found)

    @api
    def list_requests(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        return _request_page.dump(requests.list_items(self.db.session, ident, REQUESTS,
                                                      _list_args(filters, cursor, limit)))

    def _step(self, kind: requests.Kind, item_id, action: str, note_in, given: dict, out):
        """One step of a request's or correction's table; ``given``: the note or reason, read by ``note_in``."""
        ident = self.caller.require()
        item_id = record_id(item_id, f"{kind.noun}_id")
        (note,) = load(note_in, given).values()
        with self.db.transaction() as tx:
            return out.dump(requests.act(tx, ident, kind, item_id, action, note))

    @api
    def approve_request(self, request_id, note=None):
        return self._step(REQUESTS, request_id, APPROVE, _decision_in, {"note": note}, _request_out)

    @api
    def reject_request(self, request_id, reason=None):
        return self._step(REQUESTS, request_id, REJECT, _reject_in, {"reason": reason}, _request_out)

    @api
    def cancel_request(self, request_id, reason=None):
        """The employee withdraws their request: while submitted, or approved before its first day."""
        return self._step(REQUESTS, request_id, CANCEL, _cancel_in, {"reason": reason}, _request_out)

    # -- corrections ----------------------------------------------------------------------------------

    @api
    def submit_correction(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_correction_in, data)
        return run_idempotent(self.db, f"submit_correction:{ident.account_id}", idempotency_key, data,
                              lambda tx: _correction_out.dump(requests.submit_correction(tx, ident, payload)))

    @api
    def get_correction(self, correction_id):
        ident = self.caller.require()
        found = requests.get(self.db.session, ident, CORRECTIONS, record_id(correction_id, "correction_id"))
        return _correction_out.dump(found)

    @api
    def list_corrections(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        return _correction_page.dump(requests.list_items(self.db.session, ident, CORRECTIONS,
                                                         _list_args(filters, cursor, limit)))

    @api
    def approve_correction(self, correction_id, note=None):
        return self._step(CORRECTIONS, correction_id, APPROVE, _decision_in, {"note": note}, _correction_out)

    @api
    def reject_correction(self, correction_id, reason=None):
        return self._step(CORRECTIONS, correction_id, REJECT, _reject_in, {"reason": reason}, _correction_out)

    @api
    def cancel_correction(self, correction_id, reason=None):
        """The employee withdraws their correction while it is submitted."""
        return self._step(CORRECTIONS, correction_id, CANCEL, _cancel_in, {"reason": reason}, _correction_out)

    # -- the review queue (flagged check-ins/outs) ----------------------------------------------------

    @api
    def review_queue(self, filters=None, cursor=None, limit=None):
        """Flagged check-ins/outs not yet reviewed, newest day first: supervisors and unit heads (their people),
        admin (everyone); others 403."""
        ident = self.caller.require()
        args = load(_review_filters, filters)
        args.update(limit=clamp_limit(limit), cursor=cursor)
        return _review_page.dump(review.queue(self.db.session, ident, args))

    @api
    def mark_reviewed(self, record_id, side, note=None):
        """Take one side (``check_in`` / ``check_out``) of a flagged record off the queue: only someone who
        manages the employee, never the employee; 409 when that side is not waiting for review."""
        ident = self.caller.require()
        rid = kit_schema.record_id(record_id, "record_id")     # the argument hides the helper
        args = load(_mark_reviewed, {"side": side, "note": note})
        with self.db.transaction() as tx:
            return _reviewed.dump(review.mark_reviewed(tx, ident, rid, args["side"], args["note"]))

    # -- setup data (read: anyone signed in; write: admin) ------------------------------------------

    @api
    def get_setup(self):
        self.caller.require()
        return _setup.dump(setup.overview(self.db.session))

    @api
    def create_location(self, data):
        self.caller.require_roles("admin")
        payload = load(_location, data)
        with self.db.transaction() as tx:
            return _location_out.dump(setup.create_location(tx.session, payload))

    @api
    def update_location(self, location_id, data):
        self.caller.require_roles("admin")
        location_id = record_id(location_id, "location_id")
        payload = load(_location, data, partial=True)
        with self.db.transaction() as tx:
            return _location_out.dump(setup.update_location(tx.session, location_id, payload))

    @api
    def set_schedule(self, data):
        """Admin: replace the week of (unit or default, period)."""
        self.caller.require_roles("admin")
        payload = load(_schedule, data)
        with self.db.transaction() as tx:
            return _schedule_out.dump(setup.set_schedule(tx.session, payload))

    @api
    def save_period(self, data, period_id=None):
        self.caller.require_roles("admin")
        payload = load(_period, data)
        pid = record_id(period_id, "period_id") if period_id is not None else None
        with self.db.transaction() as tx:
            return _period_out.dump(setup.save_period(tx.session, payload, pid))

    @api
    def delete_period(self, period_id):
        self.caller.require_roles("admin")
        pid = record_id(period_id, "period_id")
        with self.db.transaction() as tx:
            return _deleted.dump(setup.delete_period(tx.session, pid))

    @api
    def list_holidays(self, year=None):
        self.caller.require()
        year = record_id(year, "year") if year is not None else None
        return _holiday_out.dump(setup.list_holidays(self.db.session, year), many=True)

    @api
    def save_holiday(self, data):
        self.caller.require_roles("admin")
        payload = load(_holiday, data)
        with self.db.transaction() as tx:
            return _holiday_out.dump(setup.save_holiday(tx.session, payload))

    @api
    def delete_holiday(self, day):
        self.caller.require_roles("admin")
        payload = load(_holiday, {"date": day, "name": "-", "kind": "nasional"})
        with self.db.transaction() as tx:
            return _deleted.dump(setup.delete_holiday(tx.session, payload["day"]))

    @api
    def import_holidays(self, filename, content_b64):
        """Admin: add/replace holidays from a CSV (``tanggal,nama,jenis[,verifikasi]``); a bad file loads nothing."""
        ident = self.caller.require_roles("admin")
        args = load(_holiday_file, {"filename": filename, "content_b64": content_b64})
        rows = setup.parse_holiday_csv(args["content_b64"], f"{args['filename']} ({ident.username})")
        with self.db.transaction() as tx:
            return _holiday_import.dump(setup.import_holidays(tx.session, rows))

    @api
    def update_weights(self, data):
        self.caller.require_roles("admin")
        payload = load(_weights, data)
        with self.db.transaction() as tx:
            return _weight_out.dump(setup.update_weights(tx.session, payload["weights"]), many=True)

    @api
    def update_settings(self, data):
        self.caller.require_roles("admin")
        payload = load(_settings, data)
        with self.db.transaction() as tx:
            return _settings_out.dump(setup.update_settings(tx.session, payload))

    # -- the caller -----------------------------------------------------------------------------------

    @api
    def whoami(self):
        """What the caller may do here: ``{employee_id, tracked, supervisor, admin}``."""
        ident = self.caller.require()
        return _whoami.dump(access.whoami(self.db.session, ident))

    @api
    def capabilities(self):
        """What the caller may do in attendance in general (an edge's menu and pages); requests and corrections
        carry their own ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self.db.session, self.caller.require()))

    # -- travel: dinas luar ---------------------------------------------------------------------------

    @event_consumer(Travel.ORDER_APPROVED)
    def on_order_approved(self, tx, event):
        duty.order_approved(tx.session, event.data)

    @event_consumer(Travel.ORDER_CANCELLED)
    def on_order_cancelled(self, tx, event):
        duty.order_cancelled(tx.session, event.data)

    @event_consumer(Kepegawaian.LEAVE_APPROVED)
    def on_leave_approved(self, tx, event):
        """A non-ASN employee's approved leave: its days show cuti (others are ignored)."""
        kepegawaian_leave.leave_approved(tx.session, event.data)

    @event_consumer(Kepegawaian.LEAVE_CANCELLED)
    def on_leave_cancelled(self, tx, event):
        """A cancelled leave: its days are no longer cuti."""
        kepegawaian_leave.leave_cancelled(tx.session, event.data)
