"""The attendance Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract schemas, calls the domain and
returns plain JSON. Writes run in one transaction with their outbox events. Contract: docs/contracts.md.
"""
from __future__ import annotations

import logging

from situok_kit.consumers import event_consumer
from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.roster import RosterConsumers
from situok_kit.rpc import api
from situok_kit.schema import load_input as load
from situok_kit.schema import record_id

from . import events, sync
from .domain import access, duty, recap, records, requests, roster, setup
from .models import Base
from .schemas import (
    CorrectionIn,
    DecisionIn,
    HolidayFileIn,
    HolidayIn,
    ListFilters,
    LocationIn,
    MonthIn,
    PeriodIn,
    PositionIn,
    RejectIn,
    RequestIn,
    ScheduleIn,
    SettingsIn,
    WeightsIn,
)

log = logging.getLogger(__name__)


_position = PositionIn()
_request_in = RequestIn()
_correction_in = CorrectionIn()
_decision_in = DecisionIn()
_reject_in = RejectIn()
_filters = ListFilters()
_month = MonthIn()
_location = LocationIn()
_schedule = ScheduleIn()
_period = PeriodIn()
_holiday = HolidayIn()
_holiday_file = HolidayFileIn()
_weights = WeightsIn()
_settings = SettingsIn()






def _month_args(month, **extra) -> tuple[int, int, dict]:
    args = load(_month, {"month": month, **{k: v for k, v in extra.items() if v is not None}})
    year, mon = (int(x) for x in args["month"].split("-"))
    return year, mon, args


class AttendanceService(HealthMixin, RosterConsumers):
    name = "attendance"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()
    roster_store = roster
    roster_sync = sync

    # -- check-in / check-out ------------------------------------------------------------------

    @api
    def check_in(self, data, idempotency_key=None):
        """The caller checks in now (server clock, WITA day), from where the browser says it is."""
        ident = self.caller.require()
        payload = load(_position, data)
        return run_idempotent(self.db, f"check_in:{ident.account_id}", idempotency_key, data,
                              lambda tx: records.check_in(tx, ident, payload))

    @api
    def check_out(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_position, data)
        return run_idempotent(self.db, f"check_out:{ident.account_id}", idempotency_key, data,
                              lambda tx: records.check_out(tx, ident, payload))

    @api
    def my_today(self):
        """The caller's record of today (or null) and the day's status."""
        ident = self.caller.require()
        from .domain import clock

        today = clock.wita_day()
        session = self.db.session
        month = recap.employee_month(session, ident, None, today.year, today.month)
        day = next((d for d in month["days"] if d["day"] == today.isoformat()), None)
        from sqlalchemy import select

        from .models import AttendanceRecord

        record = session.scalar(select(AttendanceRecord).where(AttendanceRecord.employee_id == ident.employee_id,
                                                               AttendanceRecord.day == today))
        return {"day": today.isoformat(), "record": records.record_out(record) if record else None, "status": day}

    # -- days and recaps ---------------------------------------------------------------------------

    @api
    def employee_days(self, month, employee_id=None):
        """Every day of ``month`` (to today) of an employee (default: the caller) with its status."""
        ident = self.caller.require()
        year, mon, args = _month_args(month, employee_id=employee_id)
        return recap.employee_month(self.db.session, ident, args.get("employee_id"), year, mon)

    @api
    def monthly_recap(self, month, unit_id=None):
        ident = self.caller.require()
        year, mon, args = _month_args(month, unit_id=unit_id)
        return recap.monthly_recap(self.db.session, ident, year, mon, args.get("unit_id"))

    @api
    def export_recap(self, month, unit_id=None, format="xlsx"):
        """The monthly unit recap as XLSX or PDF: ``{filename, content_type, content_b64}``."""
        ident = self.caller.require()
        year, mon, args = _month_args(month, unit_id=unit_id, format=format)
        data = recap.monthly_recap(self.db.session, ident, year, mon, args.get("unit_id"))
        return recap.export(data, args["format"])

    @api
    def today_view(self, unit_id=None):
        """A supervisor's today: in, late, absent, on duty, on leave."""
        ident = self.caller.require()
        unit = record_id(unit_id, "unit_id") if unit_id is not None else None
        return recap.today_view(self.db.session, ident, unit)

    # -- leave requests ------------------------------------------------------------------------------

    @api
    def submit_request(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_request_in, data)
        return run_idempotent(self.db, f"submit_request:{ident.account_id}", idempotency_key, data,
                              lambda tx: requests.submit_request(tx, ident, payload))

    @api
    def get_request(self, request_id):
        ident = self.caller.require()
        return requests.get_request(self.db.session, ident, record_id(request_id, "request_id"))

    @api
    def list_requests(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        args = load(_filters, filters)
        args.update(limit=clamp_limit(limit), after_id=record_id(cursor, "cursor") if cursor else None)
        return requests.list_requests(self.db.session, ident, args)

    @api
    def approve_request(self, request_id, note=None):
        ident = self.caller.require()
        request_id = record_id(request_id, "request_id")
        note = load(_decision_in, {"note": note})["note"]
        with self.db.transaction() as tx:
            return requests.decide_request(tx, ident, request_id, True, note)

    @api
    def reject_request(self, request_id, reason=None):
        ident = self.caller.require()
        request_id = record_id(request_id, "request_id")
        reason = load(_reject_in, {"reason": reason})["reason"]
        with self.db.transaction() as tx:
            return requests.decide_request(tx, ident, request_id, False, reason)

    # -- corrections ----------------------------------------------------------------------------------

    @api
    def submit_correction(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_correction_in, data)
        return run_idempotent(self.db, f"submit_correction:{ident.account_id}", idempotency_key, data,
                              lambda tx: requests.submit_correction(tx, ident, payload))

    @api
    def get_correction(self, correction_id):
        ident = self.caller.require()
        return requests.get_correction(self.db.session, ident, record_id(correction_id, "correction_id"))

    @api
    def list_corrections(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        args = load(_filters, filters)
        args.update(limit=clamp_limit(limit), after_id=record_id(cursor, "cursor") if cursor else None)
        return requests.list_corrections(self.db.session, ident, args)

    @api
    def approve_correction(self, correction_id, note=None):
        ident = self.caller.require()
        correction_id = record_id(correction_id, "correction_id")
        note = load(_decision_in, {"note": note})["note"]
        with self.db.transaction() as tx:
            return requests.decide_correction(tx, ident, correction_id, True, note)

    @api
    def reject_correction(self, correction_id, reason=None):
        ident = self.caller.require()
        correction_id = record_id(correction_id, "correction_id")
        reason = load(_reject_in, {"reason": reason})["reason"]
        with self.db.transaction() as tx:
            return requests.decide_correction(tx, ident, correction_id, False, reason)

    # -- setup data (read: anyone signed in; write: admin) ------------------------------------------

    @api
    def get_setup(self):
        self.caller.require()
        session = self.db.session
        return {"locations": setup.list_locations(session), "schedules": setup.list_schedules(session),
                "periods": setup.list_periods(session), "weights": setup.list_weights(session),
                "settings": setup.get_settings(session)}

    @api
    def create_location(self, data):
        self.caller.require_roles("admin")
        payload = load(_location, data)
        with self.db.transaction() as tx:
            return setup.create_location(tx.session, payload)

    @api
    def update_location(self, location_id, data):
        self.caller.require_roles("admin")
        location_id = record_id(location_id, "location_id")
        payload = load(_location, data, partial=True)
        with self.db.transaction() as tx:
            return setup.update_location(tx.session, location_id, payload)

    @api
    def set_schedule(self, data):
        """Admin: replace the week of (unit or default, period)."""
        self.caller.require_roles("admin")
        payload = load(_schedule, data)
        with self.db.transaction() as tx:
            return setup.set_schedule(tx.session, payload)

    @api
    def save_period(self, data, period_id=None):
        self.caller.require_roles("admin")
        payload = load(_period, data)
        pid = record_id(period_id, "period_id") if period_id is not None else None
        with self.db.transaction() as tx:
            return setup.save_period(tx.session, payload, pid)

    @api
    def delete_period(self, period_id):
        self.caller.require_roles("admin")
        pid = record_id(period_id, "period_id")
        with self.db.transaction() as tx:
            return setup.delete_period(tx.session, pid)

    @api
    def list_holidays(self, year=None):
        self.caller.require()
        return setup.list_holidays(self.db.session, record_id(year, "year") if year is not None else None)

    @api
    def save_holiday(self, data):
        self.caller.require_roles("admin")
        payload = load(_holiday, data)
        with self.db.transaction() as tx:
            setup.upsert_holidays(tx.session, [{**payload, "source": "admin"}])
            from .models import Holiday

            return setup.holiday_out(tx.session.get(Holiday, payload["day"]))

    @api
    def delete_holiday(self, day):
        self.caller.require_roles("admin")
        payload = load(_holiday, {"date": day, "name": "-", "kind": "nasional"})
        with self.db.transaction() as tx:
            return setup.delete_holiday(tx.session, payload["day"])

    @api
    def import_holidays(self, filename, content_b64):
        """Admin: add/replace holidays from a CSV (``tanggal,nama,jenis[,verifikasi]``); a bad file loads nothing."""
        ident = self.caller.require_roles("admin")
        args = load(_holiday_file, {"filename": filename, "content_b64": content_b64})
        rows = setup.parse_holiday_csv(args["content_b64"], f"{args['filename']} ({ident.username})")
        with self.db.transaction() as tx:
            return {"imported": setup.upsert_holidays(tx.session, rows),
                    "from": min(r["day"] for r in rows).isoformat(), "to": max(r["day"] for r in rows).isoformat()}

    @api
    def update_weights(self, data):
        self.caller.require_roles("admin")
        payload = load(_weights, data)
        with self.db.transaction() as tx:
            return setup.update_weights(tx.session, payload["weights"])

    @api
    def update_settings(self, data):
        self.caller.require_roles("admin")
        payload = load(_settings, data)
        with self.db.transaction() as tx:
            return setup.update_settings(tx.session, payload)

    # -- roster ---------------------------------------------------------------------------------------

    @api
    def sync_roster(self):
        self.caller.require_roles("admin")
        return sync.sync_with(self.db, self.config["AMQP_URI"])

    @api
    def roster_status(self):
        self.caller.require()
        return roster.counts(self.db.session)

    @api
    def whoami(self):
        """What the caller may do here: ``{employee_id, tracked, supervisor, admin}``."""
        ident = self.caller.require()
        session = self.db.session
        view = access.viewer(session, ident)
        me = session.get(roster.RosterEmployee, ident.employee_id) if ident.employee_id else None
        return {"employee_id": ident.employee_id,
                "tracked": bool(me and me.active and me.employment_type == "non_asn"),
                "supervisor": view.is_supervisor, "admin": ident.is_admin}

    # -- travel: dinas luar ---------------------------------------------------------------------------

    @event_consumer(events.ORDER_APPROVED)
    def on_order_approved(self, tx, event):
        duty.order_approved(tx.session, event.data)

    @event_consumer(events.ORDER_CANCELLED)
    def on_order_cancelled(self, tx, event):
        duty.order_cancelled(tx.session, event.data)
