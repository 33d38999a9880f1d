"""The documentation area's entrypoints: an event's documentation, its texts, photos and attachments, the workflow
(submit → approve/return, withdraw), the staff's lists and files (``domain.documentation``, ``domain.photos``),
and the timer that announces documentation whose embargo has ended. Every documentation answer is a
``DocumentationOut`` with the caller's ``allowed_actions``; who may do what is
``domain.documentation_workflow.DOCUMENTATION``."""
from __future__ import annotations

import logging

from nameko.timer import timer
from situok_kit.clock import utcnow
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import documentation, photos
from ..schemas.documentation import (
    DocumentationApproveIn,
    DocumentationAttachmentEditIn,
    DocumentationAttachmentIn,
    DocumentationFileOut,
    DocumentationListFilters,
    DocumentationNoteIn,
    DocumentationOut,
    DocumentationPage,
    DocumentationPhotoEditIn,
    DocumentationPhotoIn,
    DocumentationPhotoOrderIn,
    DocumentationTextsIn,
)

log = logging.getLogger(__name__)

#: How often (seconds) documentation whose embargo ended is announced.
ANNOUNCE_SECONDS = 30

_texts_in = DocumentationTextsIn()
_approve_in = DocumentationApproveIn()
_note_in = DocumentationNoteIn()
_photo_in = DocumentationPhotoIn()
_photo_edit_in = DocumentationPhotoEditIn()
_order_in = DocumentationPhotoOrderIn()
_attachment_in = DocumentationAttachmentIn()
_attachment_edit_in = DocumentationAttachmentEditIn()
_list_filters = DocumentationListFilters()
_documentation_out = DocumentationOut()
_page_out = DocumentationPage()
_file_out = DocumentationFileOut()


class DocumentationEntrypoints:
    """RPCs of the documentation area (mixed into ``AgendaService``)."""

    def _documentation_answer(self, session, caller, doc) -> dict:
        return _documentation_out.dump(documentation.detail(session, caller, doc))

    # -- reading ----------------------------------------------------------------------------------------------
    @api
    def get_event_documentation(self, event_id):
        """Staff (protocol staff, the approver): an event's documentation; 404 when it has none yet."""
        caller = self._caller()
        session = self.db.session
        doc = documentation.for_event(session, caller, checked_id(event_id, "event_id"))
        return self._documentation_answer(session, caller, doc)

    @api
    def get_documentation(self, documentation_id):
        """Staff: one documentation with its photos and attachments (no file contents)."""
        caller = self._caller()
        session = self.db.session
        doc = documentation.readable(session, caller, checked_id(documentation_id, "documentation_id"))
        return self._documentation_answer(session, caller, doc)

    @api
    def list_documentation_queue(self, cursor=None, limit=50):
        """Approvers: submitted documentation, the oldest submission first."""
        caller = self._caller()
        return _page_out.dump(documentation.queue(self.db.session, caller, cursor, clamp_limit(limit)))

    @api
    def list_documentations(self, status=None, cursor=None, limit=50):
        """Staff: every event's documentation, the latest event first (``status`` filters)."""
        caller = self._caller()
        filters = load_input(_list_filters, {"status": status} if status is not None else {})
        return _page_out.dump(documentation.listing(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def list_recently_published_documentation(self, cursor=None, limit=50):
        """Staff: documentation on the portal now, the latest publication first."""
        caller = self._caller()
        return _page_out.dump(documentation.recently_published(self.db.session, caller, cursor,
                                                               clamp_limit(limit)))

    @api
    def documentation_photo_file(self, photo_id, variant="web"):
        """Staff: a photo's ``original``, ``web`` copy or ``thumbnail`` (base64), none with EXIF/GPS."""
        caller = self._caller()
        return _file_out.dump(photos.photo_file(self.db.session, caller, checked_id(photo_id, "photo_id"),
                                                variant))

    @api
    def documentation_attachment_file(self, attachment_id):
        """Staff: an attachment's file (base64)."""
        caller = self._caller()
        return _file_out.dump(photos.attachment_file(self.db.session, caller,
                                                     checked_id(attachment_id, "attachment_id")))

    # -- writing ----------------------------------------------------------------------------------------------
    @api
    def open_documentation(self, event_id):
        """Protocol staff: the event's documentation, created as a draft when it has none (404 unknown event,
        409 cancelled event)."""
        caller = self._caller()
        event_id = checked_id(event_id, "event_id")
        with self.db.transaction() as tx:
            doc = documentation.open_for_event(tx, caller, event_id)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def update_documentation(self, documentation_id, data):
        """Protocol staff (draft/returned): minutes, ``minutes_public``, press release, embargo, with the
        ``version`` read (409 when stale)."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        changes = load_input(_texts_in, data)
        with self.db.transaction() as tx:
            doc = documentation.edit_texts(tx, caller, documentation_id, changes)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def submit_documentation(self, documentation_id):
        """Protocol staff: submit for approval (a photo or a press release, alt text on every photo: 422 naming
        ``photos`` / ``photos.<id>.alt_text``); ``agenda.documentation_submitted``."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        with self.db.transaction() as tx:
            doc = documentation.submit(tx, caller, documentation_id)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def approve_documentation(self, documentation_id, data=None):
        """The approver (not whoever submitted it): approve, with an optional ``embargo_until``;
        ``agenda.documentation_published`` now when there is no embargo, else when it ends."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_approve_in, data)
        with self.db.transaction() as tx:
            doc = documentation.approve(tx, caller, documentation_id, payload)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def return_documentation(self, documentation_id, data):
        """The approver sends submitted documentation back with a ``note``; ``agenda.documentation_returned``."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_note_in, data)
        with self.db.transaction() as tx:
            doc = documentation.return_(tx, caller, documentation_id, payload["note"])
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def withdraw_documentation(self, documentation_id, data):
        """The approver takes approved documentation off the portal with a reason (``note``): back to
        ``returned``; ``agenda.documentation_returned`` with ``withdrawn``."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_note_in, data)
        with self.db.transaction() as tx:
            doc = documentation.withdraw(tx, caller, documentation_id, payload["note"])
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def add_documentation_photo(self, documentation_id, data):
        """Protocol staff (draft/returned): upload a photo (``DocumentationPhotoIn``: JPEG/PNG/WebP by content,
        ≤ 10 MB); stored re-encoded without EXIF/GPS with a web copy and a thumbnail."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_photo_in, data)
        with self.db.transaction() as tx:
            doc = photos.add_photo(tx, caller, documentation_id, payload)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def update_documentation_photo(self, photo_id, data):
        """Protocol staff (draft/returned): a photo's caption and alt text."""
        caller = self._caller()
        photo_id = checked_id(photo_id, "photo_id")
        changes = load_input(_photo_edit_in, data, partial=True)
        with self.db.transaction() as tx:
            doc = photos.edit_photo(tx, caller, photo_id, changes)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def reorder_documentation_photos(self, documentation_id, data):
        """Protocol staff (draft/returned): every photo's id in the new order."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_order_in, data)
        with self.db.transaction() as tx:
            doc = photos.reorder_photos(tx, caller, documentation_id, payload["photo_ids"])
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def delete_documentation_photo(self, photo_id):
        """Protocol staff (draft/returned: never once approved): delete a photo."""
        caller = self._caller()
        photo_id = checked_id(photo_id, "photo_id")
        with self.db.transaction() as tx:
            doc = photos.delete_photo(tx, caller, photo_id)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def add_documentation_attachment(self, documentation_id, data):
        """Protocol staff (draft/returned): an attachment (PDF/DOCX/XLSX/JPEG/PNG by content, ≤ 20 MB)."""
        caller = self._caller()
        documentation_id = checked_id(documentation_id, "documentation_id")
        payload = load_input(_attachment_in, data)
        with self.db.transaction() as tx:
            doc = photos.add_attachment(tx, caller, documentation_id, payload)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def update_documentation_attachment(self, attachment_id, data):
        """Protocol staff (draft/returned): an attachment's title and ``public`` flag."""
        caller = self._caller()
        attachment_id = checked_id(attachment_id, "attachment_id")
        changes = load_input(_attachment_edit_in, data, partial=True)
        with self.db.transaction() as tx:
            doc = photos.edit_attachment(tx, caller, attachment_id, changes)
            return self._documentation_answer(tx.session, caller, doc)

    @api
    def delete_documentation_attachment(self, attachment_id):
        """Protocol staff (draft/returned): delete an attachment."""
        caller = self._caller()
        attachment_id = checked_id(attachment_id, "attachment_id")
        with self.db.transaction() as tx:
            doc = photos.delete_attachment(tx, caller, attachment_id)
            return self._documentation_answer(tx.session, caller, doc)

    # -- the embargo's end -------------------------------------------------------------------------------------
    @timer(interval=ANNOUNCE_SECONDS)
    def announce_documentation_due(self):
        """Every 30 s: approved documentation whose embargo has ended is announced once
        (``agenda.documentation_published``); safe with several instances."""
        with self.db.transaction() as tx:
            announced = documentation.announce_due(tx, utcnow())
        if announced:
            log.info("documentation published after embargo: %s", announced)
