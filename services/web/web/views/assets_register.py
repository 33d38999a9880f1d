"""Aset & Barang — Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, kodefikasi.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own. The item's page is where a label's QR leads: it reads well on a
phone (photos first, details as a list, tables that scroll). What a form becomes is
``web.forms.assets_register``.
"""
from __future__ import annotations

import secrets
import urllib.parse

from situok_kit.errors import Conflict, NotFound, ValidationFailed

from .. import nav
from ..files import stored_file_response, uploaded
from ..forms.assets_register import (
    CONDITION_LABELS,
    HISTORY_LABELS,
    KIB_LABELS,
    KIBS,
    SOURCE_LABELS,
    asset_filters,
    asset_payload,
    asset_values,
    building_payload,
    detail_fields,
    detail_label,
    floor_payload,
    room_payload,
    values_of_asset,
)
from ..forms.common import field_errors, file_problems, int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

PAGE_SIZE = 25
#: assets' capabilities (``assets.schemas.common.AssetsCapabilitiesOut``) that open pages and links.
READ = ("assets", "read")
MANAGE_REGISTER = ("assets", "manage_register")
MANAGE_REFERENCE = ("assets", "manage_reference")
MANAGE_ROOMS = ("assets", "manage_rooms")

NAV = Area("aset", _("Aset & Barang"), "box", (
    Link(_("Ringkasan aset"), "/aset", READ),
    Link(_("Register barang"), "/aset/barang", READ),
    Link(_("Barang yang saya pegang"), "/aset/milik-saya", READ),
    Link(_("Daftarkan barang"), "/aset/barang/baru", MANAGE_REGISTER),
    Link(_("Impor register"), "/aset/impor", MANAGE_REGISTER),
    Link(_("Ruangan"), "/aset/ruangan", READ),
    Link(_("Gedung dan ruangan"), "/aset/gedung", MANAGE_ROOMS),
    Link(_("Kodefikasi barang"), "/aset/kode", READ),
), service="assets", position=60)
#: What each page is for, under its card on the area's home page.
LINK_HELP = {
    "/aset/barang": _("Cari barang menurut KIB, kode, ruangan, kondisi, pemegang atau nama/nomor polisi."),
    "/aset/milik-saya": _("Barang yang tercatat Anda pegang."),
    "/aset/barang/baru": _("Daftarkan barang baru dengan kolom KIB-nya."),
    "/aset/impor": _("Muat register lama dari XLSX/CSV dengan templatnya."),
    "/aset/ruangan": _("Ruangan beserta jumlah barangnya dan KIR."),
    "/aset/gedung": _("Kelola gedung, lantai dan ruangan."),
    "/aset/kode": _("Kodefikasi barang Permendagri 108/2016 dan masa manfaat."),
}
#: Fields of the item form that assets may name (the KIB's as ``details.<name>``).
ITEM_FIELDS = ("code", "name", "acquisition_year", "acquisition_date", "acquisition_value", "source", "condition",
               "room_id", "holder_employee_id", "notes", "details", "updated_at")
ROOM_FIELDS = ("floor_id", "code", "name", "person_in_charge_employee_id", "unit_id", "capacity", "facilities",
               "bookable", "active")


def item_errors(fields: dict, translate) -> tuple[dict, list[str]]:
    """assets' messages by the item form's fields (``details.<name>`` kept whole)."""
    errors: dict[str, str] = {}
    other: list[str] = []
    for name, message in (fields or {}).items():
        text = translate(str(message))
        if name.startswith("details.") or name in ITEM_FIELDS:
            errors[name] = text
        else:
            other.append(text)
    return errors, other


def area_link_help() -> dict:
    """What each page of the area is for: every assets views module's ``LINK_HELP`` (each part of the area
    describes its own links)."""
    import importlib
    import pkgutil

    from .. import views

    found: dict = {}
    for info in pkgutil.iter_modules(views.__path__):
        if info.name.startswith("assets_"):
            found.update(getattr(importlib.import_module(f"{views.__name__}.{info.name}"), "LINK_HELP", {}))
    return found


class AssetsRegisterPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""

    def _register_globals(self, visit) -> dict:
        return {"can": lambda name: visit.can("assets", name), "kib_labels": KIB_LABELS, "kibs": KIBS,
                "condition_labels": CONDITION_LABELS, "source_labels": SOURCE_LABELS,
                "history_labels": HISTORY_LABELS, "detail_label": detail_label, "query_url": query_url}

    # -- home --------------------------------------------------------------------------------------------------
    @page("GET", "/aset", needs=READ)
    def register_home(self, visit):
        """The area's links the user sees, as cards."""
        links = [link for area, shown in nav.menu_for(visit.capabilities()) if area.key == NAV.key
                 for link in shown if link.url != "/aset"]
        return Page("assets/register_home.html", {**self._register_globals(visit), "links": links,
                                                  "link_help": area_link_help()}, title=visit._("Aset & Barang"))

    # -- the register --------------------------------------------------------------------------------------
    def _list_page(self, visit, fetch, path: str, filters_shown: dict | None, title: str, *, mine: bool = False):
        problem = None
        try:
            result, pager = keyset_page(visit, fetch, path, {k: v for k, v in (filters_shown or {}).items() if v})
        except ValidationFailed as exc:
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            result, pager = {"items": []}, {"next_url": None, "first_url": None}
        return Page("assets/register_list.html", {
            **self._register_globals(visit), "assets": result["items"], "shown": filters_shown or {}, **pager,
            "filter_problem": problem, "mine": mine, "path": path,
        }, title=title)

    @page("GET", "/aset/barang", needs=READ)
    def register_list(self, visit):
        """The register: KIB tabs, code, room, condition, holder, text; keyset pages."""
        filters, shown = asset_filters(visit.request.args)
        return self._list_page(visit, lambda cursor: self.assets.list_assets(
            filters=filters, cursor=cursor, limit=PAGE_SIZE), "/aset/barang", shown, visit._("Register barang"))

    @page("GET", "/aset/milik-saya", needs=READ)
    def register_mine(self, visit):
        """The items the user holds."""
        return self._list_page(visit, lambda cursor: self.assets.my_assets(cursor=cursor, limit=PAGE_SIZE),
                               "/aset/milik-saya", None, visit._("Barang yang saya pegang"), mine=True)

    @page("GET", "/aset/barang/<int:asset_id>", needs=READ)
    def register_item(self, visit, asset_id):
        """An item's page (where its label's QR leads): photos, the KIB's details, history, buttons from
        ``allowed_actions``."""
        asset = self.assets.get_asset(asset_id)
        vehicle = bool(asset.get("code_vehicle_wheels"))
        shown = [(label, asset["details"].get(name)) for name, label, _kind in detail_fields(asset["kib"], vehicle)
                 if asset["details"].get(name) not in (None, "")]
        return Page("assets/register_item.html", {
            **self._register_globals(visit), "asset": asset, "details_shown": shown,
            "photos": [f for f in asset["files"] if f["kind"] == "photo"],
            "documents": [f for f in asset["files"] if f["kind"] == "document"],
        }, title=asset["name"])

    @page("GET", "/aset/berkas/<int:file_id>", needs=READ)
    def register_file(self, visit, file_id):
        """A photo (``?varian=thumbnail|web``) or document of an item, as assets answers it."""
        variant = text_of(visit.request.args, "varian") or "original"
        if variant not in ("original", "thumbnail", "web"):
            variant = "original"
        return stored_file_response(self.assets.asset_file(file_id, variant), inline=variant != "original")

    @page("POST", "/aset/barang/<int:asset_id>/berkas", needs=MANAGE_REGISTER)
    def register_upload(self, visit, asset_id):
        """A photo (taken with the phone's camera) or a PDF for an item."""
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return visit.redirect(f"/aset/barang/{asset_id}", visit._("Pilih foto atau berkas PDF."), "error")
        kind = "document" if text_of(visit.form, "kind") == "document" else "photo"
        data = {"kind": kind, "filename": files[0]["filename"], "content_b64": files[0]["content_b64"],
                "caption": text_of(visit.form, "caption") or None}
        try:
            self.assets.upload_asset_file(asset_id, data)
        except ValidationFailed as exc:
            message = " ".join(visit._(str(m)) for m in exc.fields.values()) or visit._(exc.message)
            return visit.redirect(f"/aset/barang/{asset_id}", message, "error")
        return visit.redirect(f"/aset/barang/{asset_id}", visit._("Berkas ditambahkan."))

    # -- registering and editing ---------------------------------------------------------------------------
    def _code(self, code: str) -> dict | None:
        found = self.assets.list_asset_codes(filters={"prefix": code, "registrable": True}, limit=1)["items"]
        return found[0] if found and found[0]["code"] == code else None

    def _rooms(self) -> list[tuple]:
        rooms = self.assets.list_rooms(filters={}, limit=200)["items"]
        return [(r["id"], f"{r['code']} — {r['name']} ({r['building_name']})") for r in rooms]

    def _item_form(self, visit, code: dict, values: dict, errors: dict, *, asset=None, summary=None, other=(),
                   status=200) -> Page:
        vehicle = bool(code.get("vehicle_wheels"))
        title = visit._("Ubah barang") if asset else visit._("Daftarkan barang")
        return Page("assets/register_form.html", {
            **self._register_globals(visit), "code": code, "values": values, "errors": errors, "asset": asset,
            "fields": detail_fields(code["kib"], vehicle), "summary": summary, "other": list(other),
            "rooms": [] if asset else self._rooms(), "title": title,
            "idempotency_key": values.get("idempotency_key") or secrets.token_urlsafe(16),
            "sources": [(k, visit._(v)) for k, v in SOURCE_LABELS.items()],
            "conditions": [(k, visit._(v)) for k, v in CONDITION_LABELS.items()],
        }, status, title=title)

    @page("GET", "/aset/barang/baru", needs=MANAGE_REGISTER)
    def register_new(self, visit):
        """Choose a code (search), then the KIB's form."""
        chosen = text_of(visit.request.args, "kode")
        code = self._code(chosen) if chosen else None
        if code:
            return self._item_form(visit, code, {"code": code["code"], "condition": "B", "source": "apbd"}, {})
        q = text_of(visit.request.args, "q")
        codes = self.assets.list_asset_codes(filters={"q": q, "registrable": True} if q else {"registrable": True},
                                             limit=100)["items"]
        return Page("assets/register_choose.html", {**self._register_globals(visit), "codes": codes, "q": q,
                                                    "unknown": bool(chosen)}, title=visit._("Daftarkan barang"))

    @page("POST", "/aset/barang/baru", needs=MANAGE_REGISTER)
    def register_create(self, visit):
        values = asset_values(visit.form)
        code = self._code(values["code"])
        if code is None:
            return visit.redirect("/aset/barang/baru", visit._("Kode barang tidak dikenal; pilih lagi."), "error")
        data = asset_payload(values, code["kib"], bool(code.get("vehicle_wheels")))
        try:
            asset = self.assets.register_asset(data, idempotency_key=text_of(visit.form, "idempotency_key") or None)
        except ValidationFailed as exc:
            errors, other = item_errors(exc.fields, visit._)
            return self._item_form(visit, code, values, errors, summary=visit._(exc.message), other=other,
                                   status=422)
        return visit.redirect(f"/aset/barang/{asset['id']}", visit._(
            "Barang didaftarkan dengan nomor register %(number)s.", number=asset["register_number"]))

    @page("GET", "/aset/barang/<int:asset_id>/ubah", needs=MANAGE_REGISTER)
    def register_edit(self, visit, asset_id):
        asset = self.assets.get_asset(asset_id)
        code = {"code": asset["code"], "name": asset["code_name"], "kib": asset["kib"],
                "vehicle_wheels": asset.get("code_vehicle_wheels")}
        return self._item_form(visit, code, values_of_asset(asset), {}, asset=asset)

    @page("POST", "/aset/barang/<int:asset_id>/ubah", needs=MANAGE_REGISTER)
    def register_update(self, visit, asset_id):
        asset = self.assets.get_asset(asset_id)
        code = {"code": asset["code"], "name": asset["code_name"], "kib": asset["kib"],
                "vehicle_wheels": asset.get("code_vehicle_wheels")}
        values = asset_values(visit.form)
        data = asset_payload(values, asset["kib"], bool(code["vehicle_wheels"]), edit=True)
        try:
            self.assets.update_asset(asset_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = item_errors(exc.fields, visit._)
            return self._item_form(visit, code, values, errors, asset=asset, summary=visit._(exc.message),
                                   other=other, status=422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"/aset/barang/{asset_id}", visit._("Perubahan disimpan."))

    # -- import --------------------------------------------------------------------------------------------
    def _import_page(self, visit, *, errors=None, summary=None, problems=(), report=None, status=200) -> Page:
        return Page("assets/register_import.html", {
            **self._register_globals(visit), "errors": errors or {}, "summary": summary,
            "problems": list(problems), "report": report}, status, title=visit._("Impor register"))

    @page("GET", "/aset/impor", needs=MANAGE_REGISTER)
    def register_import_form(self, visit):
        return self._import_page(visit)

    @page("GET", "/aset/impor/templat", needs=MANAGE_REGISTER)
    def register_import_template(self, visit):
        return stored_file_response(self.assets.asset_import_template(), inline=False)

    @page("POST", "/aset/impor", needs=MANAGE_REGISTER)
    def register_import(self, visit):
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return self._import_page(visit, errors={"file": visit._("Pilih berkas XLSX atau CSV.")},
                                     summary=visit._("Berkas belum dipilih."), status=422)
        try:
            report = self.assets.import_assets(files[0]["filename"], files[0]["content_b64"])
        except ValidationFailed as exc:
            errors, _other = field_errors(exc.fields, ("file",), visit._,
                                          aliases={"filename": "file", "content_b64": "file", "header": "file"})
            return self._import_page(visit, errors=errors, summary=visit._(exc.message),
                                     problems=file_problems(exc.fields, visit._), status=422)
        return self._import_page(visit, report=report)

    # -- rooms and buildings -------------------------------------------------------------------------------
    @page("GET", "/aset/ruangan", needs=READ)
    def register_rooms(self, visit):
        args = visit.request.args
        shown = {"building_id": text_of(args, "building_id"), "q": text_of(args, "q")}
        filters = {"q": shown["q"] or None, "building_id": int_or_none(shown["building_id"])}
        filters = {k: v for k, v in filters.items() if v}
        result, pager = keyset_page(visit, lambda cursor: self.assets.list_rooms(
            filters=filters, cursor=cursor, limit=PAGE_SIZE), "/aset/ruangan", {k: v for k, v in shown.items() if v})
        return Page("assets/register_rooms.html", {
            **self._register_globals(visit), "rooms": result["items"], "shown": shown, **pager,
            "buildings": self.assets.list_buildings()}, title=visit._("Ruangan"))

    @page("GET", "/aset/ruangan/<int:room_id>", needs=READ)
    def register_room(self, visit, room_id):
        """A room with its items (paged) and the link to its KIR."""
        room = self.assets.get_room(room_id)
        result, pager = keyset_page(visit, lambda cursor: self.assets.list_assets(
            filters={"room_id": room_id}, cursor=cursor, limit=PAGE_SIZE), f"/aset/ruangan/{room_id}")
        return Page("assets/register_room.html", {
            **self._register_globals(visit), "room": room, "assets": result["items"], **pager},
            title=room["name"])

    def _buildings_page(self, visit, *, errors=None, values=None, form=None, summary=None, status=200) -> Page:
        return Page("assets/register_buildings.html", {
            **self._register_globals(visit), "buildings": self.assets.list_buildings(), "errors": errors or {},
            "values": values or {}, "form": form, "summary": summary}, status, title=visit._("Gedung dan ruangan"))

    @page("GET", "/aset/gedung", needs=MANAGE_ROOMS)
    def register_buildings(self, visit):
        return self._buildings_page(visit)

    @page("POST", "/aset/gedung", needs=MANAGE_ROOMS)
    def register_buildings_add(self, visit):
        """Add a building, a floor or a room (``form`` says which)."""
        form = text_of(visit.form, "form")
        try:
            if form == "floor":
                values, data = floor_payload(visit.form)
                self.assets.create_floor(data)
                message = visit._("Lantai ditambahkan.")
            elif form == "room":
                values, data = room_payload(visit.form)
                room = self.assets.create_room(data)
                return visit.redirect(f"/aset/ruangan/{room['id']}", visit._("Ruangan ditambahkan."))
            else:
                form = "building"
                values, data = building_payload(visit.form)
                self.assets.create_building(data)
                message = visit._("Gedung ditambahkan.")
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, ROOM_FIELDS + ("building_id", "level", "address"), visit._)
            summary = " ".join([visit._(exc.message), *other])
            return self._buildings_page(visit, errors=errors, values=values, form=form, summary=summary,
                                        status=422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect("/aset/gedung", message)

    def _building_form(self, visit, building, values, errors, summary=None, status=200) -> Page:
        return Page("assets/register_building_form.html", {
            **self._register_globals(visit), "building": building, "values": values, "errors": errors,
            "summary": summary}, status, title=visit._("Ubah gedung"))

    def _building(self, building_id: int) -> dict:
        for building in self.assets.list_buildings():
            if building["id"] == building_id:
                return building
        raise NotFound(_("Gedung tidak ditemukan."))

    @page("GET", "/aset/gedung/<int:building_id>/ubah", needs=MANAGE_ROOMS)
    def register_building_edit(self, visit, building_id):
        building = self._building(building_id)
        values = {k: "" if building.get(k) is None else str(building[k])
                  for k in ("code", "name", "address", "capacity")}
        values.update(facilities=", ".join(building["facilities"]), bookable="1" if building["bookable"] else "",
                      active="1" if building["active"] else "")
        return self._building_form(visit, building, values, {})

    @page("POST", "/aset/gedung/<int:building_id>/ubah", needs=MANAGE_ROOMS)
    def register_building_update(self, visit, building_id):
        values, data = building_payload(visit.form)
        values["active"] = "1" if visit.form.get("active") else ""
        data["active"] = bool(values["active"])
        try:
            self.assets.update_building(building_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, ("code", "name", "address", "capacity", "facilities",
                                                      "bookable", "active"), visit._)
            return self._building_form(visit, self._building(building_id), values, errors,
                                       " ".join([visit._(exc.message), *other]),
                                       422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect("/aset/gedung", visit._("Gedung disimpan."))

    def _room_form(self, visit, room, values, errors, summary=None, status=200) -> Page:
        return Page("assets/register_room_form.html", {
            **self._register_globals(visit), "room": room, "values": values, "errors": errors,
            "summary": summary}, status, title=visit._("Ubah ruangan"))

    @page("GET", "/aset/ruangan/<int:room_id>/ubah", needs=MANAGE_ROOMS)
    def register_room_edit(self, visit, room_id):
        room = self.assets.get_room(room_id)
        values = {k: "" if room.get(k) is None else str(room[k]) for k in ROOM_FIELDS if k != "facilities"}
        values.update(facilities=", ".join(room["facilities"]), bookable="1" if room["bookable"] else "",
                      active="1" if room["active"] else "")
        return self._room_form(visit, room, values, {})

    @page("POST", "/aset/ruangan/<int:room_id>/ubah", needs=MANAGE_ROOMS)
    def register_room_update(self, visit, room_id):
        values, data = room_payload(visit.form, partial=True)
        try:
            self.assets.update_room(room_id, data)
        except (ValidationFailed, Conflict) as exc:
            errors, other = field_errors(exc.fields, ROOM_FIELDS, visit._)
            return self._room_form(visit, self.assets.get_room(room_id), values, errors,
                                   " ".join([visit._(exc.message), *other]),
                                   422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"/aset/ruangan/{room_id}", visit._("Ruangan disimpan."))

    # -- codes ---------------------------------------------------------------------------------------------
    def _codes_page(self, visit, *, errors=None, summary=None, problems=(), status=200) -> Page:
        args = visit.request.args
        shown = {"q": text_of(args, "q"), "prefix": text_of(args, "prefix"), "kib": text_of(args, "kib")}
        filters = {k: v for k, v in shown.items() if v}
        problem = None
        try:
            result, pager = keyset_page(visit, lambda cursor: self.assets.list_asset_codes(
                filters=filters, cursor=cursor, limit=100), "/aset/kode", filters)
        except ValidationFailed as exc:
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            result, pager = {"items": []}, {"next_url": None, "first_url": None}
        return Page("assets/register_codes.html", {
            **self._register_globals(visit), "codes": result["items"], "shown": shown, **pager,
            "filter_problem": problem, "useful_lives": self.assets.list_useful_lives(), "errors": errors or {},
            "summary": summary, "problems": list(problems)}, status, title=visit._("Kodefikasi barang"))

    @page("GET", "/aset/kode", needs=READ)
    def register_codes(self, visit):
        return self._codes_page(visit)

    @page("POST", "/aset/kode", needs=MANAGE_REFERENCE)
    def register_codes_import(self, visit):
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return self._codes_page(visit, errors={"file": visit._("Pilih berkas CSV atau XLSX.")},
                                    summary=visit._("Berkas belum dipilih."), status=422)
        try:
            loaded = self.assets.import_asset_codes(files[0]["filename"], files[0]["content_b64"])
        except ValidationFailed as exc:
            errors, _other = field_errors(exc.fields, ("file",), visit._,
                                          aliases={"filename": "file", "content_b64": "file"})
            return self._codes_page(visit, errors=errors, summary=visit._(exc.message),
                                    problems=file_problems(exc.fields, visit._), status=422)
        return visit.redirect("/aset/kode", visit._(
            "Kodefikasi dimuat: %(created)s baru, %(updated)s diperbarui.", created=loaded["created"],
            updated=loaded["updated"]))


def query_url(path: str, shown: dict, **changes) -> str:
    """``path`` with the list's filters and ``changes`` (a KIB tab) as its query."""
    query = {k: v for k, v in {**shown, **changes}.items() if v}
    return path + ("?" + urllib.parse.urlencode(query) if query else "")
