"""Kepegawaian — the leave recap per unit and year ("Rekap cuti"): the approved days of each kind of leave per
employee and the annual leave left, with the XLSX and PDF downloads.

kepegawaian decides who sees what (staff officers and the leave official every unit, a supervisor only their own
staff — its answer says which with ``scope`` —, anyone else 403); this page shows what it answers.
"""
from __future__ import annotations

from situok_kit.errors import ValidationFailed

from ..files import stored_file_response
from ..forms.common import int_or_none
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link

EXPORT = ("kepegawaian", "export")
SUPERVISE = ("kepegawaian", "supervise")
BASE = "/kepegawaian/rekap-cuti"

NAV = Area("kepegawaian", links=(
    Link(_("Rekap cuti"), BASE, (EXPORT, SUPERVISE)),
), service="kepegawaian", position=83)


def days_label(value) -> str:
    """3.0 -> "3", 0.5 -> "0,5", None -> "–"."""
    if value is None:
        return "–"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}".replace(".", ",")


def recap_query(args) -> dict:
    """The page's query as kepegawaian's ``leave_recap`` arguments (what is missing is left to kepegawaian)."""
    query = {"year": int_or_none(args.get("year")), "unit_id": int_or_none(args.get("unit_id"))}
    return {k: v for k, v in query.items() if v is not None}


class KepegawaianLeavePrintPages:
    """Pages of the area (mixed into ``WebService``)."""

    @page("GET", BASE, needs=(EXPORT, SUPERVISE))
    def kepegawaian_leave_recap(self, visit):
        query = recap_query(visit.request.args)
        errors: list[str] = []
        try:
            found = self.kepegawaian.leave_recap(**query)
        except ValidationFailed as exc:
            found, errors = None, [visit._(exc.message), *exc.fields.values()]
        export = "&".join(f"{k}={v}" for k, v in (("year", found and found["year"]),
                                                  ("unit_id", query.get("unit_id"))) if v)
        return Page("kepegawaian/leave_recap.html", {
            "found": found, "errors": errors, "year": (found and found["year"]) or query.get("year") or "",
            "unit_id": query.get("unit_id") or "", "export_query": export, "days_label": days_label},
            422 if errors else 200, title=visit._("Rekap cuti"))

    @page("GET", f"{BASE}/unduh", needs=(EXPORT, SUPERVISE))
    def kepegawaian_leave_recap_export(self, visit):
        args = visit.request.args
        query = {**recap_query(args), "format": "pdf" if args.get("format") == "pdf" else "xlsx"}
        try:
            document = self.kepegawaian.export_leave_recap(**query)
        except ValidationFailed as exc:
            return visit.redirect(BASE, visit._(exc.message), "error")
        return stored_file_response(document, inline=False)
