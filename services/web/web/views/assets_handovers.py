"""Aset & Barang — Serah terima (BAST), pengembalian, pemindahan; pemeliharaan.

* ``/aset/serah-terima``: the BASTs the user may see (the keeper all; anyone else those they are a party to),
  filtered by kind and dates; ``/aset/serah-terima/baru``: the keeper's form — kind, date, the items (ticked from
  a search by name/code/register number or holder; ``?barang=<id>`` comes preselected from an item's page), the
  receiving employee and/or room, each item's condition, the parties, a note; ``/aset/serah-terima/<id>``: the
  BAST with its items and the PDF download.
* ``/aset/pemeliharaan``: what is due this month (or overdue, or near its km) and the records;
  ``/aset/pemeliharaan/baru``: schedule a window or record a past maintenance; ``/aset/pemeliharaan/<id>``: a
  record with its buttons (its ``allowed_actions``: start, finish, cancel); ``/aset/pemeliharaan/rencana``: the
  plans (per item with ``?barang=``) and a new plan; ``/aset/pemeliharaan/biaya``: the cost per item and year.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own. What a form becomes is ``web.forms.assets_handovers``.
"""
from __future__ import annotations

from datetime import UTC, datetime

from situok_kit.errors import Conflict, ValidationFailed
from werkzeug.wrappers import Response

from ..files import stored_file_response
from ..forms.assets_handovers import (
    FINISH_FIELDS,
    PLAN_FIELDS,
    RECORD_FIELDS,
    field_errors,
    finish_payload,
    handover_errors,
    handover_filters,
    handover_payload,
    handover_values,
    ids_of,
    int_or_none,
    plan_payload,
    plan_values,
    record_payload,
    record_values,
)
from ..forms.common import parse_month, parse_year, shift_month, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import keyset_page
from .attendance import month_label

READ = ("assets", "read")
HAND_OVER = ("assets", "hand_over")
MAINTAIN = ("assets", "manage_maintenance")
REPORTS = ("assets", "view_reports")
MAINTENANCE_READERS = (MAINTAIN, REPORTS)
PAGE_SIZE = 20

NAV = Area("aset", links=(
    Link(_("Serah terima barang (BAST)"), "/aset/serah-terima", HAND_OVER),
    Link(_("Pemeliharaan"), "/aset/pemeliharaan", MAINTAIN),
), service="assets", position=60)

KIND_LABELS = {"handover": _("Serah terima"), "return": _("Pengembalian"), "move": _("Pemindahan")}
CONDITION_LABELS = {"B": _("Baik"), "KB": _("Kurang baik"), "RB": _("Rusak berat")}
STATUS_LABELS = {"scheduled": _("Dijadwalkan"), "in_progress": _("Sedang dikerjakan"), "done": _("Selesai"),
                 "cancelled": _("Dibatalkan")}
DUE_LABELS = {"overdue": _("Terlambat"), "date": _("Jatuh tempo bulan ini"), "km": _("Mendekati batas km")}
DONE = {"start": _("Pemeliharaan dimulai; barang tercatat sedang dipelihara."),
        "finish": _("Pemeliharaan selesai dan dicatat pada riwayat barang."),
        "cancel": _("Pemeliharaan dibatalkan.")}


def wita_today():
    return to_wita(datetime.now(UTC)).date()


def kilometres(value, lang: str) -> str:
    """``14.100`` (``14,100`` in English): an odometer or a distance as people read it."""
    if value is None or value == "":
        return "-"
    text = f"{int(value):,}"
    return text.replace(",", ".") if lang == "id" else text


class AssetsHandoverPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""

    def _handover_globals(self, visit) -> dict:
        return {"can": lambda name: visit.can("assets", name), "kind_labels": KIND_LABELS,
                "km": lambda value: kilometres(value, visit.session.lang),
                "condition_labels": CONDITION_LABELS, "status_labels": STATUS_LABELS, "due_labels": DUE_LABELS,
                "kinds": [(k, visit._(v)) for k, v in KIND_LABELS.items()],
                "conditions": [(k, visit._(v)) for k, v in CONDITION_LABELS.items()]}

    # -- handovers ---------------------------------------------------------------------------------------
    @page("GET", "/aset/serah-terima", needs=READ)
    def assets_handover_list(self, visit):
        """The BASTs the user may see, newest first."""
        filters, shown = handover_filters(visit.request.args)
        problem = None
        try:
            result, pager = keyset_page(visit, lambda cursor: self.assets.list_handovers(
                filters=filters or None, cursor=cursor, limit=PAGE_SIZE), "/aset/serah-terima",
                {k: v for k, v in shown.items() if v})
        except ValidationFailed as exc:
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            result, pager = {"items": []}, {"next_url": None, "first_url": None}
        return Page("assets/handovers_list.html", {**self._handover_globals(visit), "handovers": result["items"],
                                                   "shown": shown, "filter_problem": problem, **pager},
                    title=visit._("Serah terima barang"))

    def _handover_form(self, visit, values: dict, errors: dict, item_errors: dict, *, summary=None, other=(),
                       status=200) -> Page:
        args = visit.request.args
        picked = [item["asset_id"] for item in values["items"]]
        search = {"q": text_of(args, "q"), "pemegang": text_of(args, "pemegang"), "ruang": text_of(args, "ruang")}
        candidates = self.assets.find_handover_items(
            q=search["q"] or None, asset_ids=picked or None, holder_employee_id=int_or_none(search["pemegang"]),
            room_id=int_or_none(search["ruang"]))
        options = self.assets.handover_options()
        chosen = {item["asset_id"]: item for item in values["items"]}
        return Page("assets/handovers_form.html", {
            **self._handover_globals(visit), "values": values, "errors": errors, "item_errors": item_errors,
            "summary": summary, "other": list(other), "candidates": candidates, "chosen": chosen,
            "search": search, "picked": picked, "options": options,
            "employees": [(e["id"], f"{e['name']}" + (f" — {e['position']}" if e.get("position") else ""))
                          for e in options["employees"]],
            "rooms": [(r["id"], f"{r['code']} {r['name']}") for r in options["rooms"]],
        }, status, title=visit._("Serah terima baru"))

    @page("GET", "/aset/serah-terima/baru", needs=HAND_OVER)
    def assets_handover_new(self, visit):
        """The form; ``?barang=<id>`` (repeatable) preselects items, ``?q=``/``?pemegang=``/``?ruang=`` search."""
        args = visit.request.args
        kind = text_of(args, "jenis")
        values = {"kind": kind if kind in KIND_LABELS else "handover", "handover_date": wita_today().isoformat(),
                  "items": [{"asset_id": i, "condition": "", "note": ""} for i in ids_of(args.getlist("barang"))]}
        return self._handover_form(visit, values, {}, {})

    @page("POST", "/aset/serah-terima/baru", needs=HAND_OVER)
    def assets_handover_create(self, visit):
        values = handover_values(visit.form)
        if not values["items"]:
            return self._handover_form(visit, values, {"items": visit._("Pilih sedikitnya satu barang.")}, {},
                                       summary=visit._("Belum ada barang yang dipilih."), status=422)
        try:
            handover = self.assets.create_handover(handover_payload(values),
                                                   idempotency_key=visit.value("idempotency_key") or None)
        except ValidationFailed as exc:
            errors, item_errors, other = handover_errors(exc.fields, values, visit._)
            return self._handover_form(visit, values, errors, item_errors, summary=visit._(exc.message),
                                       other=other, status=422)
        return visit.redirect(f"/aset/serah-terima/{handover['id']}", visit._(
            "BAST %(number)s dicatat; barang sudah berpindah.", number=handover["number"]))

    @page("GET", "/aset/serah-terima/<int:handover_id>", needs=READ)
    def assets_handover_detail(self, visit, handover_id):
        handover = self.assets.get_handover(handover_id)
        return Page("assets/handovers_detail.html", {**self._handover_globals(visit), "h": handover},
                    title=visit._("BAST %(number)s", number=handover["number"]))

    @page("GET", "/aset/serah-terima/<int:handover_id>/bast", needs=READ)
    def assets_handover_document(self, visit, handover_id):
        return stored_file_response(self.assets.handover_document(handover_id))

    # -- maintenance ------------------------------------------------------------------------------------
    @page("GET", "/aset/pemeliharaan", needs=MAINTENANCE_READERS)
    def assets_maintenance_home(self, visit):
        """What is due in the month (``?bulan=``) and the records (``?status=``)."""
        year, month = parse_month(visit.request.args.get("bulan"), wita_today())
        due = self.assets.maintenance_due(f"{year:04d}-{month:02d}")
        status = text_of(visit.request.args, "status")
        filters = {"status": status} if status in STATUS_LABELS else {}
        result, pager = keyset_page(visit, lambda cursor: self.assets.list_maintenance_records(
            filters=filters or None, cursor=cursor, limit=PAGE_SIZE), "/aset/pemeliharaan",
            {"status": filters["status"]} if filters else None)
        return Page("assets/maintenance_home.html", {
            **self._handover_globals(visit), "due": due, "records": result["items"], "status": filters.get("status"),
            "month_name": month_label(year, month, visit.session.lang),
            "previous_month": shift_month(year, month, -1), "next_month": shift_month(year, month, 1),
            "statuses": [(k, visit._(v)) for k, v in STATUS_LABELS.items()], **pager,
        }, title=visit._("Pemeliharaan barang"))

    def _plans_of(self, asset_id: int | None) -> list[dict]:
        return self.assets.list_maintenance_plans(asset_id=asset_id) if asset_id else []

    def _record_form(self, visit, values: dict, errors: dict, *, summary=None, other=(), status=200) -> Page:
        return Page("assets/maintenance_form.html", {
            **self._handover_globals(visit), "values": values, "errors": errors, "summary": summary,
            "other": list(other), "plans": self._plans_of(int_or_none(values.get("asset_id"))),
        }, status, title=visit._("Pemeliharaan baru"))

    @page("GET", "/aset/pemeliharaan/baru", needs=MAINTAIN)
    def assets_maintenance_new(self, visit):
        args = visit.request.args
        values = dict.fromkeys(RECORD_FIELDS, "")
        barang = text_of(args, "barang")
        values.update({"asset_id": barang if barang.isdigit() else "", "plan_id": text_of(args, "rencana"),
                       "status": "done" if text_of(args, "status") == "done" else "scheduled"})
        return self._record_form(visit, values, {})

    @page("POST", "/aset/pemeliharaan/baru", needs=MAINTAIN)
    def assets_maintenance_create(self, visit):
        values = record_values(visit.form)
        try:
            record = self.assets.create_maintenance_record(record_payload(values),
                                                           idempotency_key=visit.value("idempotency_key") or None)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, RECORD_FIELDS, visit._)
            return self._record_form(visit, values, errors, summary=visit._(exc.message), other=other,
                                     status=exc.status)
        message = (visit._("Pemeliharaan dicatat pada riwayat barang.") if record["status"] == "done"
                   else visit._("Pemeliharaan dijadwalkan; waktunya diblokir untuk peminjaman."))
        return visit.redirect(f"/aset/pemeliharaan/{record['id']}", message)

    def _record_page(self, visit, record: dict, errors=None, summary=None, values=None, status=200) -> Page:
        return Page("assets/maintenance_detail.html", {
            **self._handover_globals(visit), "r": record, "actions": record.get("allowed_actions") or [],
            "errors": errors or {}, "summary": summary, "today": wita_today().isoformat(),
            "values": values or {"cost": "", "vendor": record.get("vendor") or "", "odometer_km": "",
                                 "done_on": wita_today().isoformat(), "note": ""},
        }, status, title=visit._("Pemeliharaan #%(id)s", id=record["id"]))

    @page("GET", "/aset/pemeliharaan/<int:record_id>", needs=MAINTENANCE_READERS)
    def assets_maintenance_detail(self, visit, record_id):
        return self._record_page(visit, self.assets.get_maintenance_record(record_id))

    def _maintenance_act(self, visit, record_id: int, step: str, call) -> Response:
        back = f"/aset/pemeliharaan/{record_id}"
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, visit._(DONE[step]))

    @page("POST", "/aset/pemeliharaan/<int:record_id>/mulai", needs=MAINTAIN)
    def assets_maintenance_start(self, visit, record_id):
        return self._maintenance_act(visit, record_id, "start", lambda: self.assets.start_maintenance(record_id))

    @page("POST", "/aset/pemeliharaan/<int:record_id>/selesai", needs=MAINTAIN)
    def assets_maintenance_finish(self, visit, record_id):
        values, data = finish_payload(visit.form)
        try:
            self.assets.finish_maintenance(record_id, data)
        except ValidationFailed as exc:
            errors, _other = field_errors(exc.fields, FINISH_FIELDS, visit._)
            return self._record_page(visit, self.assets.get_maintenance_record(record_id), errors,
                                     visit._(exc.message), values, 422)
        except Conflict as exc:
            return visit.redirect(f"/aset/pemeliharaan/{record_id}", visit._(exc.message), "error")
        return visit.redirect(f"/aset/pemeliharaan/{record_id}", visit._(DONE["finish"]))

    @page("POST", "/aset/pemeliharaan/<int:record_id>/batalkan", needs=MAINTAIN)
    def assets_maintenance_cancel(self, visit, record_id):
        return self._maintenance_act(visit, record_id, "cancel", lambda: self.assets.cancel_maintenance(
            record_id, visit.value("reason") or None))

    def _plans_page(self, visit, values: dict, errors: dict, *, summary=None, other=(), status=200) -> Page:
        barang = int_or_none(text_of(visit.request.args, "barang")) or int_or_none(values.get("asset_id"))
        show_all = text_of(visit.request.args, "semua") == "1"
        plans = self.assets.list_maintenance_plans(asset_id=barang, include_inactive=show_all)
        return Page("assets/maintenance_plans.html", {
            **self._handover_globals(visit), "plans": plans, "barang": barang, "values": values, "errors": errors,
            "summary": summary, "other": list(other), "show_all": show_all,
        }, status, title=visit._("Rencana pemeliharaan"))

    @page("GET", "/aset/pemeliharaan/rencana", needs=MAINTENANCE_READERS)
    def assets_maintenance_plans(self, visit):
        values = dict.fromkeys(PLAN_FIELDS, "")
        barang = text_of(visit.request.args, "barang")
        values["asset_id"] = barang if barang.isdigit() else ""
        return self._plans_page(visit, values, {})

    @page("POST", "/aset/pemeliharaan/rencana", needs=MAINTAIN)
    def assets_maintenance_plan_create(self, visit):
        values = plan_values(visit.form)
        try:
            plan = self.assets.create_maintenance_plan(plan_payload(values))
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, PLAN_FIELDS, visit._)
            return self._plans_page(visit, values, errors, summary=visit._(exc.message), other=other, status=422)
        return visit.redirect(f"/aset/pemeliharaan/rencana?barang={plan['asset_id']}",
                              visit._("Rencana pemeliharaan dibuat: %(work)s.", work=plan["work"]))

    @page("POST", "/aset/pemeliharaan/rencana/<int:plan_id>/hentikan", needs=MAINTAIN)
    def assets_maintenance_plan_stop(self, visit, plan_id):
        plan = self.assets.update_maintenance_plan(plan_id, {"active": False})
        return visit.redirect(f"/aset/pemeliharaan/rencana?barang={plan['asset_id']}",
                              visit._("Rencana pemeliharaan dihentikan."))

    @page("GET", "/aset/pemeliharaan/biaya", needs=MAINTENANCE_READERS)
    def assets_maintenance_costs(self, visit):
        year = parse_year(visit.request.args.get("tahun"), wita_today())
        return Page("assets/maintenance_costs.html", {**self._handover_globals(visit),
                                                      "costs": self.assets.maintenance_costs(year)},
                    title=visit._("Biaya pemeliharaan %(year)s", year=year))
