"""Dokumentasi Pimpinan — the documentation pages: an event's documentation (minutes, press release, embargo,
a photo grid with thumbnails, caption and alt text, uploads, attachments, the workflow's buttons), the
approver's queue, every event's documentation and what was published lately; photos and attachments are
downloaded through the web for staff.

agenda decides everything: who may open what (403), which buttons show (``allowed_actions``), what a file is
(judged by its content, images re-encoded without EXIF/GPS), when it becomes public. Uploads come as multipart
from the browser and go to agenda as base64 (``web.files.uploaded``).
"""
from __future__ import annotations

import base64
from datetime import datetime

from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

from ..files import SERVABLE_UPLOAD_TYPES, file_response, stored_file_response, uploaded
from ..forms.common import text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

DOCUMENT = ("agenda", "document")
APPROVE = ("agenda", "approve_publication")
STAFF = (DOCUMENT, APPROVE)
BASE = "/agenda/dokumentasi"
PAGE_SIZE = 25
PHOTO_VARIANTS = ("thumbnail", "web", "original")

NAV = Area("dokumentasi", service="agenda", position=12, links=(
    Link(_("Antrean persetujuan dokumentasi"), f"{BASE}/antrean", APPROVE),
    Link(_("Dokumentasi kegiatan"), BASE, STAFF),
    Link(_("Dokumentasi terbit"), f"{BASE}/terbit", STAFF),
))
STATUS_LABELS = {"draft": _("Draf"), "submitted": _("Diajukan"), "returned": _("Dikembalikan"),
                 "approved": _("Disetujui")}
EVENT_STATUS_LABELS = {"tentative": _("Sementara"), "confirmed": _("Pasti"), "postponed": _("Ditunda"),
                       "cancelled": _("Dibatalkan"), "done": _("Selesai")}
#: Each step's URL tail and the flash after it.
STEPS = {"submit": ("ajukan", _("Dokumentasi diajukan untuk disetujui.")),
         "approve": ("setujui", _("Dokumentasi disetujui.")),
         "return": ("kembalikan", _("Dokumentasi dikembalikan.")),
         "withdraw": ("tarik", _("Dokumentasi ditarik dari portal."))}


# -- shaping (pure) -----------------------------------------------------------------------------------

def local_input(value: str | None) -> str:
    """An ISO moment as a ``datetime-local`` value in WITA (``2026-12-05T09:00``); empty for none."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(WITA).strftime("%Y-%m-%dT%H:%M")


def texts_payload(form) -> dict:
    """The texts form as agenda's ``DocumentationTextsIn``: the version as read, empty texts null, the embargo
    as typed (``datetime-local``: agenda reads it as WITA)."""
    version = text_of(form, "version")
    return {"version": int(version) if version.isdigit() else version,
            "minutes": text_of(form, "minutes") or None, "minutes_public": bool(form.get("minutes_public")),
            "press_release": text_of(form, "press_release") or None,
            "embargo_until": text_of(form, "embargo_until") or None}


def moved(photo_ids: list[int], photo_id: int, direction: str) -> list[int]:
    """The order after moving ``photo_id`` one place ``up`` or ``down`` (unchanged at an end or when unknown)."""
    order = list(photo_ids)
    if photo_id not in order:
        return order
    i = order.index(photo_id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


def problem_text(exc, translate) -> str:
    """A refusal as one line: the message and each field's message (a photo's alt text names the photo)."""
    parts = [translate(exc.message)] if exc.message else []
    for name, message in (exc.fields or {}).items():
        pieces = name.split(".")
        label = f"{translate('Foto')} #{pieces[1]}: " if len(pieces) == 3 and pieces[0] == "photos" else ""
        parts.append(label + translate(str(message)))
    return " ".join(parts)


def ids_of(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


class AgendaDocumentationPages:
    # -- lists --------------------------------------------------------------------------------------------
    def _agenda_documentation_list(self, visit, fetch, path, query, title, intro, tabs=False, status=None):
        result, links = keyset_page(visit, fetch, path, query)
        return Page("agenda/documentation_list.html", {
            "items": result["items"], "status_labels": STATUS_LABELS, "event_status_labels": EVENT_STATUS_LABELS,
            "intro": intro, "tabs": tabs, "status": status, "heading": title, **links}, title=title)

    @page("GET", f"{BASE}/antrean", needs=APPROVE)
    def agenda_documentation_queue(self, visit):
        return self._agenda_documentation_list(
            visit, lambda cursor: self.agenda.list_documentation_queue(cursor=cursor, limit=PAGE_SIZE),
            f"{BASE}/antrean", None, visit._("Antrean persetujuan dokumentasi"),
            visit._("Dokumentasi yang diajukan staf protokol, pengajuan terlama dulu. Tidak ada yang tampil di "
                    "portal sebelum disetujui."))

    @page("GET", BASE, needs=STAFF)
    def agenda_documentation_list(self, visit):
        status = visit.request.args.get("status") or None
        if status not in STATUS_LABELS:
            status = None
        return self._agenda_documentation_list(
            visit, lambda cursor: self.agenda.list_documentations(status=status, cursor=cursor, limit=PAGE_SIZE),
            BASE, {"status": status} if status else None, visit._("Dokumentasi kegiatan"),
            visit._("Dokumentasi setiap kegiatan, kegiatan terbaru dulu."), tabs=True, status=status)

    @page("GET", f"{BASE}/terbit", needs=STAFF)
    def agenda_documentation_published(self, visit):
        return self._agenda_documentation_list(
            visit, lambda cursor: self.agenda.list_recently_published_documentation(cursor=cursor, limit=PAGE_SIZE),
            f"{BASE}/terbit", None, visit._("Dokumentasi terbit"),
            visit._("Dokumentasi yang tampil di portal sekarang, publikasi terbaru dulu."))

    # -- one event's documentation --------------------------------------------------------------------------
    @page("GET", "/agenda/kegiatan/<int:event_id>/dokumentasi", needs=STAFF)
    def agenda_documentation_for_event(self, visit, event_id):
        """The event's documentation, or a button to start it when it has none."""
        try:
            found = self.agenda.get_event_documentation(event_id)
        except NotFound:
            return Page("agenda/documentation_start.html", {
                "event_id": event_id, "may_document": visit.can(*DOCUMENT)},
                        title=visit._("Dokumentasi kegiatan"))
        return visit.redirect(f"{BASE}/{found['id']}")

    @page("POST", "/agenda/kegiatan/<int:event_id>/dokumentasi", needs=DOCUMENT)
    def agenda_documentation_open(self, visit, event_id):
        try:
            found = self.agenda.open_documentation(event_id)
        except (Conflict, ValidationFailed, Forbidden) as exc:
            return visit.redirect(f"/agenda/kegiatan/{event_id}/dokumentasi", problem_text(exc, visit._), "error")
        return visit.redirect(f"{BASE}/{found['id']}")

    @page("GET", f"{BASE}/<int:documentation_id>", needs=STAFF)
    def agenda_documentation_page(self, visit, documentation_id):
        doc = self.agenda.get_documentation(documentation_id)
        return Page("agenda/documentation_page.html", {
            "doc": doc, "actions": doc["allowed_actions"], "status_labels": STATUS_LABELS,
            "event_status_labels": EVENT_STATUS_LABELS, "embargo_value": local_input(doc.get("embargo_until")),
            "photo_ids": [p["id"] for p in doc["photos"]]}, title=doc["event_title"])

    def _agenda_documentation_change(self, visit, documentation_id, call, done: str):
        """Run one change and come back to the page with agenda's answer (its refusal as an error)."""
        try:
            call()
        except (ValidationFailed, Conflict, Forbidden, NotFound) as exc:
            return visit.redirect(f"{BASE}/{documentation_id}", problem_text(exc, visit._), "error")
        return visit.redirect(f"{BASE}/{documentation_id}", visit._(done))

    @page("POST", f"{BASE}/<int:documentation_id>/teks", needs=DOCUMENT)
    def agenda_documentation_texts(self, visit, documentation_id):
        data = texts_payload(visit.form)
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.update_documentation(documentation_id, data),
            _("Teks dokumentasi disimpan."))

    @page("POST", f"{BASE}/<int:documentation_id>/<step>", needs=STAFF)
    def agenda_documentation_step(self, visit, documentation_id, step):
        action = next((name for name, (tail, _done) in STEPS.items() if tail == step), None)
        if action is None:
            raise NotFound(visit._("Halaman tidak ditemukan."))
        note = text_of(visit.form, "note")

        def call():
            if action == "submit":
                return self.agenda.submit_documentation(documentation_id)
            if action == "approve":
                embargo = text_of(visit.form, "embargo_until")
                return self.agenda.approve_documentation(documentation_id,
                                                         {"embargo_until": embargo} if embargo else {})
            if action == "return":
                return self.agenda.return_documentation(documentation_id, {"note": note})
            return self.agenda.withdraw_documentation(documentation_id, {"note": note})

        return self._agenda_documentation_change(visit, documentation_id, call, STEPS[action][1])

    # -- photos ---------------------------------------------------------------------------------------------
    @page("POST", f"{BASE}/<int:documentation_id>/foto", needs=DOCUMENT)
    def agenda_documentation_upload_photo(self, visit, documentation_id):
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return visit.redirect(f"{BASE}/{documentation_id}", visit._("Pilih foto JPEG, PNG atau WebP."), "error")
        data = {**files[0], "caption": text_of(visit.form, "caption") or None,
                "alt_text": text_of(visit.form, "alt_text") or None}
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.add_documentation_photo(documentation_id, data),
            _("Foto diunggah (tanpa data lokasi)."))

    @page("POST", f"{BASE}/<int:documentation_id>/foto/<int:photo_id>", needs=DOCUMENT)
    def agenda_documentation_edit_photo(self, visit, documentation_id, photo_id):
        data = {"caption": text_of(visit.form, "caption") or None,
                "alt_text": text_of(visit.form, "alt_text") or None}
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.update_documentation_photo(photo_id, data),
            _("Keterangan foto disimpan."))

    @page("POST", f"{BASE}/<int:documentation_id>/foto/<int:photo_id>/hapus", needs=DOCUMENT)
    def agenda_documentation_delete_photo(self, visit, documentation_id, photo_id):
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.delete_documentation_photo(photo_id), _("Foto dihapus."))

    @page("POST", f"{BASE}/<int:documentation_id>/urutan", needs=DOCUMENT)
    def agenda_documentation_move_photo(self, visit, documentation_id):
        current = ids_of(visit.form.getlist("photo_ids"))
        move = text_of(visit.form, "move")
        order = moved(current, int(move) if move.isdigit() else 0, text_of(visit.form, "direction"))
        return self._agenda_documentation_change(
            visit, documentation_id,
            lambda: self.agenda.reorder_documentation_photos(documentation_id, {"photo_ids": order}),
            _("Urutan foto disimpan."))

    @page("GET", f"{BASE}/foto/<int:photo_id>/berkas", needs=STAFF)
    def agenda_documentation_photo_file(self, visit, photo_id):
        """A photo (``?varian=thumbnail|web|original``): re-encoded by agenda, without EXIF/GPS."""
        variant = text_of(visit.request.args, "varian") or "web"
        if variant not in PHOTO_VARIANTS:
            variant = "web"
        return stored_file_response(self.agenda.documentation_photo_file(photo_id, variant),
                                    inline=variant != "original")

    # -- attachments ----------------------------------------------------------------------------------------
    @page("POST", f"{BASE}/<int:documentation_id>/lampiran", needs=DOCUMENT)
    def agenda_documentation_upload_attachment(self, visit, documentation_id):
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return visit.redirect(f"{BASE}/{documentation_id}", visit._("Pilih berkas lampiran."), "error")
        data = {**files[0], "title": text_of(visit.form, "title") or files[0]["filename"][:200],
                "public": bool(visit.form.get("public"))}
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.add_documentation_attachment(documentation_id, data),
            _("Lampiran diunggah."))

    @page("POST", f"{BASE}/<int:documentation_id>/lampiran/<int:attachment_id>/hapus", needs=DOCUMENT)
    def agenda_documentation_delete_attachment(self, visit, documentation_id, attachment_id):
        return self._agenda_documentation_change(
            visit, documentation_id, lambda: self.agenda.delete_documentation_attachment(attachment_id),
            _("Lampiran dihapus."))

    @page("GET", f"{BASE}/lampiran/<int:attachment_id>/berkas", needs=STAFF)
    def agenda_documentation_attachment_file(self, visit, attachment_id):
        """An attachment, always as a download of a servable type."""
        item = self.agenda.documentation_attachment_file(attachment_id)
        kind = item["content_type"] if item["content_type"] in SERVABLE_UPLOAD_TYPES else "application/octet-stream"
        return file_response(base64.b64decode(item["content_b64"]), kind, item["filename"], inline=False)
