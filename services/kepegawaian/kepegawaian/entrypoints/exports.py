"""kepegawaian's exports entrypoints: the leave recap per unit and year, on screen and as XLSX or PDF (the
leave-reports area; the career area's lists — DUK, nominatif, KGB/KP due — live in ``entrypoints.career``).
Who may: staff officers and the leave official every unit; a supervisor only their own staff; others 403
(``domain.leave_recap``)."""
from __future__ import annotations

import base64

from situok_kit.clock import wita_day
from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..documents import leave_recap as recap_file
from ..domain import leave_recap
from ..schemas.leave_reports import LeaveRecapExportIn, LeaveRecapFileOut, LeaveRecapOut, LeaveRecapQuery

_query = LeaveRecapQuery()
_export_in = LeaveRecapExportIn()
_recap_out = LeaveRecapOut()
_file_out = LeaveRecapFileOut()


class ExportEntrypoints:
    """RPCs of the leave recap (mixed into ``KepegawaianService``)."""

    def _leave_recap(self, schema, data: dict) -> tuple[dict, dict]:
        caller = self._caller()
        leave_recap.require_reader(caller)
        args = load_input(schema, data)
        year = args["year"] or wita_day().year
        return args, leave_recap.recap(self.db.session, caller, year, args["unit_id"])

    @api
    def leave_recap(self, year=None, unit_id=None):
        """The approved leave days per kind and the annual leave left, per employee of a unit (with its
        sub-units; every unit without one) in a year (default this year). Staff officers and the official: any
        unit; a supervisor: their own staff only; others 403."""
        _, found = self._leave_recap(_query, {"year": year, "unit_id": unit_id})
        return _recap_out.dump(found)

    @api
    def export_leave_recap(self, year=None, unit_id=None, format="xlsx"):  # noqa: A002  (the API's parameter name)
        """``leave_recap`` as a file: ``format`` ``xlsx`` or ``pdf`` (A4 landscape with the kop); the same
        callers. Answers ``{filename, content_type, content_b64}``."""
        args, found = self._leave_recap(_export_in, {"year": year, "unit_id": unit_id, "format": format})
        made = recap_file.render(_recap_out.dump(found), args["format"])
        return _file_out.dump({"filename": made["filename"], "content_type": made["content_type"],
                               "content_b64": base64.b64encode(made["content"]).decode()})
