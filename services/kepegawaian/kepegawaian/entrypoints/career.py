"""The career area's entrypoints (``domain.career``, ``domain.career_rules``, ``domain.duk``,
``documents.career_pdf``): an employee's next KGB/KP/BUP dates, who is due in a month, the staff officers'
reminders (an hourly timer makes them, safe to repeat), the rules table, and the exports — DUK, the nominative
list and the due list as XLSX or PDF (staff officers and the official; others 403)."""
from __future__ import annotations

import base64
import logging

from nameko.timer import timer
from situok_kit.clock import utcnow, wita_day
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..documents import career_pdf
from ..domain import career, duk
from ..schemas.career import (
    CareerDatesOut,
    CareerDueExportIn,
    CareerDueListOut,
    CareerDueQuery,
    CareerExportIn,
    CareerFileOut,
    CareerReminderOut,
    CareerReminderPage,
    CareerReminderQuery,
    CareerRulesOut,
)

log = logging.getLogger(__name__)

#: The reminders' timer: hourly (the work is idempotent — one row per employee, kind and date — so the day's
#: reminders appear within an hour of midnight WITA and a restart loses nothing).
REMINDER_SECONDS = 3600

_dates_out = CareerDatesOut()
_due_query = CareerDueQuery()
_due_out = CareerDueListOut()
_reminder_query = CareerReminderQuery()
_reminder_page = CareerReminderPage()
_reminder_out = CareerReminderOut()
_rules_out = CareerRulesOut()
_export_in = CareerExportIn()
_due_export_in = CareerDueExportIn()
_file_out = CareerFileOut()


def _kinds(kinds):
    """``["kgb", "kp"]`` or ``"kgb,kp"`` (a query string) → a list; anything else is left to the schema."""
    if isinstance(kinds, str):
        return [k.strip() for k in kinds.split(",") if k.strip()]
    return kinds


def _file(found: dict) -> dict:
    return _file_out.dump({"filename": found["filename"], "content_type": found["content_type"],
                           "content_b64": base64.b64encode(found["content"]).decode()})


class CareerEntrypoints:
    """RPCs of the career area (mixed into ``KepegawaianService``)."""

    @api
    def my_career_dates(self):
        """An employee: their own next KGB, KP and retirement date."""
        caller = self._caller().require_employee()
        return _dates_out.dump(career.career_dates(self.db.session, caller, caller.employee_id, wita_day()))

    @api
    def career_dates(self, employee_id):
        """An employee's next KGB, KP and retirement date (the employee, their supervisors, the staff officers,
        the official; 403 otherwise, 404 unknown)."""
        caller = self._caller()
        employee_id = checked_id(employee_id, "employee_id")
        return _dates_out.dump(career.career_dates(self.db.session, caller, employee_id, wita_day()))

    @api
    def career_rules(self):
        """The rules behind the dates, each with its legal source (anyone signed in)."""
        self._caller()
        return _rules_out.dump({"items": career.rule_rows(self.db.session)})

    @api
    def due_list(self, month=None, kinds=None, unit_id=None, until=None):
        """Staff officers and the official: who is due for KGB/KP/BUP in a month (``YYYY-MM``; a range with
        ``until``), with the overdue ones not yet recorded, and the counts."""
        caller = self._caller()
        args = load_input(_due_query, {"month": month, "until": until, "kinds": _kinds(kinds), "unit_id": unit_id})
        return _due_out.dump(career.due_list(self.db.session, caller, args["month"], args["until"], args["kinds"],
                                             args["unit_id"], wita_day()))

    @api
    def list_reminders(self, unread_only=False, cursor=None, limit=50):
        """Staff officers: the career reminders, soonest first."""
        caller = self._caller()
        args = load_input(_reminder_query, {"unread_only": bool(unread_only)})
        return _reminder_page.dump(career.list_reminders(self.db.session, caller, args["unread_only"], cursor,
                                                         limit))

    @api
    def mark_reminder_read(self, reminder_id):
        """Staff officers: mark a reminder read (for every staff officer; idempotent)."""
        caller = self._caller()
        reminder_id = checked_id(reminder_id, "reminder_id")
        with self.db.transaction() as tx:
            return _reminder_out.dump(career.mark_read(tx.session, caller, reminder_id, utcnow()))

    @timer(interval=REMINDER_SECONDS)
    def make_career_reminders(self):
        """Reminders for the dates entering their lead time (settings), once each; safe with two instances."""
        with self.db.transaction() as tx:
            made = career.make_reminders(tx, wita_day())
        if made:
            log.info("career reminders made: %s", made)

    # -- exports ------------------------------------------------------------------------------------------
    @api
    def export_duk(self, format="xlsx", unit_id=None):  # noqa: A002  (the API's parameter name)
        """Staff officers and the official: the DUK of a unit (with its sub-units; all without one), XLSX or PDF."""
        career.require_exporter(self._caller())
        args = load_input(_export_in, {"format": format, "unit_id": unit_id})
        session = self.db.session
        today = wita_day()
        label = career.unit_label(session, args["unit_id"])
        rows = duk.duk_rows(session, career.unit_scope(session, args["unit_id"]), today)
        return _file(career_pdf.render(career_pdf.duk_sheet(rows, label, today), args["format"],
                                       f"duk-{today.isoformat()}"))

    @api
    def export_nominative(self, format="xlsx", unit_id=None):  # noqa: A002
        """Staff officers and the official: the nominative list of a unit (and sub-units), XLSX or PDF."""
        career.require_exporter(self._caller())
        args = load_input(_export_in, {"format": format, "unit_id": unit_id})
        session = self.db.session
        today = wita_day()
        label = career.unit_label(session, args["unit_id"])
        rows = duk.nominative_rows(session, career.unit_scope(session, args["unit_id"]))
        return _file(career_pdf.render(career_pdf.nominative_sheet(rows, label, today), args["format"],
                                       f"nominatif-{today.isoformat()}"))

    @api
    def export_due_list(self, format="xlsx", month=None, until=None, kinds=None, unit_id=None):  # noqa: A002
        """Staff officers and the official: the KGB/KP/BUP due list of a month or a range, XLSX or PDF."""
        caller = self._caller()
        args = load_input(_due_export_in, {"format": format, "month": month, "until": until,
                                           "kinds": _kinds(kinds), "unit_id": unit_id})
        session = self.db.session
        found = career.due_list(session, caller, args["month"], args["until"], args["kinds"], args["unit_id"],
                                wita_day())
        label = career.unit_label(session, args["unit_id"])
        sheet = career_pdf.due_sheet(found["items"], found["start"], found["end"], label)
        return _file(career_pdf.render(sheet, args["format"], f"jatuh-tempo-{found['start'].isoformat()[:7]}"))
