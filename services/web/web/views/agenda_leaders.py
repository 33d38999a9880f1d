"""Dokumentasi Pimpinan — the leaders pages: the leaders the bureau serves and the order of precedence (lists and
forms for protocol staff: ``/agenda/pimpinan``, ``/agenda/tata-urutan``), and "Cetak agenda" (``/agenda/cetak``,
every employee): a leader and a day or a week → the PDF agenda agenda prints, shown inline. agenda decides
everything (``allowed_actions`` on each record, 403/404/422 naming the fields); these pages only show it.
"""
from __future__ import annotations

from situok_kit.clock import wita_day
from situok_kit.errors import ValidationFailed

from ..files import stored_file_response
from ..forms.common import field_errors, int_or_none, int_or_text, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

READ = ("agenda", "read")
MANAGE = ("agenda", "manage_leaders")
PAGE_SIZE = 50
LEADER_FIELDS = ("code", "title", "holder_name", "precedence_code", "position", "active")
RANK_FIELDS = ("code", "label", "basis", "rank", "after_code")
PRINT_FIELDS = ("leader_id", "kind", "date", "day", "week_of")
PRINT_KINDS = {"day": _("Agenda harian"), "week": _("Agenda mingguan (Senin–Minggu)")}

NAV = Area("dokumentasi", service="agenda", position=13, links=(
    Link(_("Cetak agenda pimpinan"), "/agenda/cetak", READ),
    Link(_("Daftar pimpinan"), "/agenda/pimpinan", MANAGE),
    Link(_("Tata urutan"), "/agenda/tata-urutan", MANAGE),
))


# -- shaping (pure) -----------------------------------------------------------------------------------

def leader_payload(form, *, creating: bool) -> tuple[dict, dict]:
    """(the form's values as typed, ``create_leader``/``update_leader``'s data): the position as a number,
    anything else as typed for agenda to refuse; empty optional fields null."""
    names = LEADER_FIELDS if creating else tuple(f for f in LEADER_FIELDS if f != "code")
    values = {name: text_of(form, name) for name in names if name != "active"}
    data: dict = {}
    for name, value in values.items():
        if name == "position":
            data[name] = int_or_text(value) if value else None
        elif name in ("code", "title"):
            data[name] = value
        else:
            data[name] = value or None
    values["active"] = "1" if form.get("active") else ""
    data["active"] = bool(values["active"])
    return values, data


def leader_values(leader: dict) -> dict:
    values = {name: "" if leader.get(name) is None else str(leader[name]) for name in LEADER_FIELDS
              if name != "active"}
    values["active"] = "1" if leader.get("active") else ""
    return values


def rank_payload(form, *, creating: bool) -> tuple[dict, dict]:
    names = RANK_FIELDS if creating else ("label", "basis", "rank")
    values = {name: text_of(form, name) for name in names}
    data: dict = {}
    for name, value in values.items():
        if name == "rank":
            data[name] = int_or_text(value) if value else None
        elif name in ("code", "label"):
            data[name] = value
        else:
            data[name] = value or None
    if creating and data.get("after_code"):
        data.pop("rank")  # placed after the chosen rank; the number is agenda's
    elif creating:
        data.pop("after_code")
    return values, data


def print_query(args, today) -> tuple[dict, dict | None]:
    """(the print form's values, ``leader_agenda_pdf``'s arguments — None until a leader was chosen)."""
    shown = {"leader_id": text_of(args, "leader_id"), "kind": text_of(args, "kind") or "day",
             "date": text_of(args, "date") or today.isoformat()}
    if shown["kind"] not in PRINT_KINDS:
        shown["kind"] = "day"
    leader_id = int_or_none(shown["leader_id"])
    if leader_id is None:
        return shown, None
    key = "week_of" if shown["kind"] == "week" else "day"
    return shown, {"leader_id": leader_id, key: shown["date"]}


class AgendaLeaderPages:
    def _leaders_globals(self, visit) -> dict:
        return {"can_manage_leaders": visit.can("agenda", "manage_leaders")}

    def _all_ranks(self) -> list[dict]:
        return self.agenda.list_precedence_ranks(limit=200)["items"]

    # -- the print page -----------------------------------------------------------------------------
    @page("GET", "/agenda/cetak", needs=READ)
    def agenda_leader_print(self, visit):
        shown, _chosen = print_query(visit.request.args, wita_day())
        leaders = self.agenda.list_leaders(limit=200)["items"]
        return Page("agenda/leaders_print.html", {
            **self._leaders_globals(visit), "leaders": leaders, "shown": shown, "errors": {}, "summary": None,
            "kinds": [(k, visit._(v)) for k, v in PRINT_KINDS.items()]}, title=visit._("Cetak agenda pimpinan"))

    @page("GET", "/agenda/cetak/pdf", needs=READ)
    def agenda_leader_print_pdf(self, visit):
        shown, args = print_query(visit.request.args, wita_day())
        errors, summary = {}, None
        if args is None:
            errors, summary = {"leader_id": visit._("Pilih pimpinan.")}, visit._("Pilih pimpinan.")
        else:
            try:
                return stored_file_response(self.agenda.leader_agenda_pdf(**args), inline=True)
            except ValidationFailed as exc:
                errors, other = field_errors(exc.fields, PRINT_FIELDS, visit._)
                for name in ("day", "week_of"):
                    if name in errors:
                        errors["date"] = errors.pop(name)
                summary = " ".join([visit._(exc.message), *other])
        leaders = self.agenda.list_leaders(limit=200)["items"]
        return Page("agenda/leaders_print.html", {
            **self._leaders_globals(visit), "leaders": leaders, "shown": shown, "errors": errors, "summary": summary,
            "kinds": [(k, visit._(v)) for k, v in PRINT_KINDS.items()]}, 422, title=visit._("Cetak agenda pimpinan"))

    # -- leaders ------------------------------------------------------------------------------------
    @page("GET", "/agenda/pimpinan", needs=MANAGE)
    def agenda_leader_list(self, visit):
        result, pager = keyset_page(visit, lambda cursor: self.agenda.list_leaders(
            include_inactive=True, cursor=cursor, limit=PAGE_SIZE), "/agenda/pimpinan")
        return Page("agenda/leaders_list.html", {**self._leaders_globals(visit), "leaders": result["items"],
                                                 **pager}, title=visit._("Daftar pimpinan"))

    def _leader_form(self, visit, leader, values, errors, summary=None, status=200) -> Page:
        return Page("agenda/leaders_form.html", {
            **self._leaders_globals(visit), "leader": leader, "values": values, "errors": errors,
            "summary": summary, "ranks": [(r["code"], r["label"]) for r in self._all_ranks()]},
            status, title=visit._("Ubah pimpinan") if leader else visit._("Tambah pimpinan"))

    @page("GET", "/agenda/pimpinan/baru", needs=MANAGE)
    def agenda_leader_new(self, visit):
        return self._leader_form(visit, None, {"active": "1"}, {})

    @page("POST", "/agenda/pimpinan/baru", needs=MANAGE)
    def agenda_leader_create(self, visit):
        values, data = leader_payload(visit.form, creating=True)
        try:
            self.agenda.create_leader(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, LEADER_FIELDS, visit._)
            return self._leader_form(visit, None, values, errors, " ".join([visit._(exc.message), *other]), 422)
        return visit.redirect("/agenda/pimpinan", visit._("Pimpinan ditambahkan."))

    @page("GET", "/agenda/pimpinan/<int:leader_id>/ubah", needs=MANAGE)
    def agenda_leader_edit(self, visit, leader_id):
        leader = self.agenda.get_leader(leader_id)
        return self._leader_form(visit, leader, leader_values(leader), {})

    @page("POST", "/agenda/pimpinan/<int:leader_id>/ubah", needs=MANAGE)
    def agenda_leader_update(self, visit, leader_id):
        values, data = leader_payload(visit.form, creating=False)
        try:
            changed = self.agenda.update_leader(leader_id, data)
        except ValidationFailed as exc:
            leader = self.agenda.get_leader(leader_id)
            errors, other = field_errors(exc.fields, LEADER_FIELDS, visit._)
            return self._leader_form(visit, leader, {**leader_values(leader), **values}, errors,
                                     " ".join([visit._(exc.message), *other]), 422)
        return visit.redirect("/agenda/pimpinan", changed.get("notice") or visit._("Pimpinan disimpan."))

    @page("POST", "/agenda/pimpinan/<int:leader_id>/status", needs=MANAGE)
    def agenda_leader_toggle(self, visit, leader_id):
        """Deactivate or reactivate (the list's buttons); agenda's ``notice`` says what stays."""
        active = text_of(visit.form, "active") == "1"
        changed = self.agenda.update_leader(leader_id, {"active": active})
        return visit.redirect("/agenda/pimpinan", changed.get("notice") or visit._("Pimpinan disimpan."))

    # -- the order of precedence --------------------------------------------------------------------
    @page("GET", "/agenda/tata-urutan", needs=MANAGE)
    def agenda_leader_ranks(self, visit):
        result, pager = keyset_page(visit, lambda cursor: self.agenda.list_precedence_ranks(
            cursor=cursor, limit=200), "/agenda/tata-urutan")
        return Page("agenda/leaders_ranks.html", {**self._leaders_globals(visit), "ranks": result["items"],
                                                  **pager}, title=visit._("Tata urutan"))

    def _rank_form(self, visit, rank, values, errors, summary=None, status=200) -> Page:
        return Page("agenda/leaders_rank_form.html", {
            **self._leaders_globals(visit), "rank": rank, "values": values, "errors": errors, "summary": summary,
            "ranks": [(r["code"], f"{r['rank']} · {r['label']}") for r in self._all_ranks()]},
            status, title=visit._("Ubah tata urutan") if rank else visit._("Tambah tata urutan lokal"))

    @page("GET", "/agenda/tata-urutan/baru", needs=MANAGE)
    def agenda_leader_rank_new(self, visit):
        return self._rank_form(visit, None, {"after_code": text_of(visit.request.args, "after_code")}, {})

    @page("POST", "/agenda/tata-urutan/baru", needs=MANAGE)
    def agenda_leader_rank_create(self, visit):
        values, data = rank_payload(visit.form, creating=True)
        try:
            self.agenda.create_precedence_rank(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, RANK_FIELDS, visit._)
            return self._rank_form(visit, None, values, errors, " ".join([visit._(exc.message), *other]), 422)
        return visit.redirect("/agenda/tata-urutan", visit._("Tata urutan ditambahkan."))

    def _rank(self, rank_id: int) -> dict | None:
        return next((r for r in self._all_ranks() if r["id"] == rank_id), None)

    @page("GET", "/agenda/tata-urutan/<int:rank_id>/ubah", needs=MANAGE)
    def agenda_leader_rank_edit(self, visit, rank_id):
        rank = self._rank(rank_id)
        if rank is None:
            return visit.redirect("/agenda/tata-urutan", visit._("Tata urutan tidak ditemukan."), "error")
        values = {name: "" if rank.get(name) is None else str(rank[name]) for name in ("label", "basis", "rank")}
        return self._rank_form(visit, rank, values, {})

    @page("POST", "/agenda/tata-urutan/<int:rank_id>/ubah", needs=MANAGE)
    def agenda_leader_rank_update(self, visit, rank_id):
        values, data = rank_payload(visit.form, creating=False)
        try:
            self.agenda.update_precedence_rank(rank_id, data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, RANK_FIELDS, visit._)
            rank = self._rank(rank_id) or {"id": rank_id, "code": "", "label": ""}
            return self._rank_form(visit, rank, values, errors, " ".join([visit._(exc.message), *other]), 422)
        return visit.redirect("/agenda/tata-urutan", visit._("Tata urutan disimpan."))

