"""kepegawaian's documents entrypoints (``domain.documents``): the document types, an employee's documents
(upload, update, delete, verify, reject, the file), completeness per employee and per unit, documents
expiring soon.

Who: the employee their own (read, upload, update/delete while not verified); their supervisor chain reads;
staff officers read all, upload for anyone, verify/reject (never their own); admin edits the types. Anyone else:
403 on an existing record (404 only for an id that does not exist)."""
from __future__ import annotations

import base64

from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import documents
from ..schemas.documents import (
    CompletenessOut,
    DocumentDaysIn,
    DocumentDeletedOut,
    DocumentFileOut,
    DocumentList,
    DocumentOut,
    DocumentPage,
    DocumentQuery,
    DocumentReasonIn,
    DocumentTypeIn,
    DocumentTypeList,
    DocumentTypeOut,
    DocumentUpdateIn,
    DocumentUploadIn,
    MyDocumentsOut,
    UnitCompletenessOut,
)

_types_out = DocumentTypeList()
_type_out = DocumentTypeOut()
_type_in = DocumentTypeIn()
_upload_in = DocumentUploadIn()
_update_in = DocumentUpdateIn()
_document_out = DocumentOut()
_page_out = DocumentPage()
_query = DocumentQuery()
_reason_in = DocumentReasonIn()
_days_in = DocumentDaysIn()
_file_out = DocumentFileOut()
_deleted_out = DocumentDeletedOut()
_completeness_out = CompletenessOut()
_mine_out = MyDocumentsOut()
_unit_out = UnitCompletenessOut()
_list_out = DocumentList()


class DocumentEntrypoints:
    """RPCs of the documents area (mixed into ``KepegawaianService``)."""

    @api
    def document_types(self):
        """Any signed-in caller: the document types (active ones first by order; inactive ones flagged)."""
        self._caller()
        return _types_out.dump({"items": documents.types(self.db.session)})

    @api
    def update_document_type(self, code, data):
        """Admin: change a document type (name, who must hold it, which fields apply, its detail fields)."""
        caller = self._caller()
        payload = load_input(_type_in, data)
        with self.db.transaction() as tx:
            return _type_out.dump(documents.update_type(tx, caller, str(code or ""), payload))

    @api
    def my_documents(self):
        """An employee: their own documents, what is missing, what they may do to each."""
        caller = self._caller()
        return _mine_out.dump(documents.mine(self.db.session, caller))

    @api
    def list_documents(self, employee_id=None, type_code=None, status=None, cursor=None, limit=50):
        """One employee's documents (their own, their supervisors', staff officers), or without ``employee_id``
        all a staff officer may see — the verify queue with ``status="waiting"`` — (others: their own and their
        staff's). Newest first, keyset."""
        caller = self._caller()
        args = load_input(_query, {"employee_id": employee_id, "type_code": type_code, "status": status})
        return _page_out.dump(documents.listing(self.db.session, caller, args.get("employee_id"),
                                                args.get("type_code"), args.get("status"), cursor, limit))

    @api
    def get_document(self, document_id):
        """A reader of the document's employee: one document with ``allowed_actions``."""
        caller = self._caller()
        return _document_out.dump(documents.detail(self.db.session, caller, checked_id(document_id,
                                                                                       "document_id")))

    @api
    def upload_document(self, data):
        """The employee (their own) or a staff officer (anyone's): a new document, waiting for verification.
        The file is judged by its content (PDF/JPEG/PNG; a declared type naming another kind: 422 on
        ``file``)."""
        caller = self._caller()
        payload = load_input(_upload_in, data)
        with self.db.transaction() as tx:
            return _document_out.dump(documents.upload(tx, caller, payload))

    @api
    def update_document(self, document_id, data):
        """The owner while not verified, a staff officer always: new data and/or file → waiting again."""
        caller = self._caller()
        document_id = checked_id(document_id, "document_id")
        payload = load_input(_update_in, data)
        with self.db.transaction() as tx:
            return _document_out.dump(documents.update(tx, caller, document_id, payload))

    @api
    def delete_document(self, document_id):
        """The owner while not verified, a staff officer always."""
        caller = self._caller()
        document_id = checked_id(document_id, "document_id")
        with self.db.transaction() as tx:
            return _deleted_out.dump(documents.delete(tx, caller, document_id))

    @api
    def verify_document(self, document_id):
        """A staff officer (not for their own document): a waiting document verified."""
        caller = self._caller()
        document_id = checked_id(document_id, "document_id")
        with self.db.transaction() as tx:
            return _document_out.dump(documents.verify(tx, caller, document_id))

    @api
    def reject_document(self, document_id, reason=None):
        """A staff officer (not for their own document): a waiting document rejected with a reason."""
        caller = self._caller()
        document_id = checked_id(document_id, "document_id")
        args = load_input(_reason_in, {"reason": reason})
        with self.db.transaction() as tx:
            return _document_out.dump(documents.reject(tx, caller, document_id, args["reason"]))

    @api
    def document_file(self, document_id):
        """A reader of the document's employee: the file ``{filename, content_type, content_b64}``."""
        caller = self._caller()
        found = documents.file_of(self.db.session, caller, checked_id(document_id, "document_id"))
        return _file_out.dump({"filename": found["filename"], "content_type": found["media_type"],
                               "content_b64": base64.b64encode(found["content"]).decode()})

    @api
    def completeness(self, employee_id=None):
        """A reader of the employee (default: the caller): each required type verified and in force?"""
        caller = self._caller()
        if employee_id is None:
            caller.require_employee()
            employee_id = caller.employee_id
        return _completeness_out.dump(documents.completeness_of(self.db.session, caller,
                                                                checked_id(employee_id, "employee_id")))

    @api
    def unit_completeness(self, unit_id, cursor=None, limit=50):
        """A staff officer: a unit's (with sub-units) completeness and its incomplete employees (keyset)."""
        caller = self._caller()
        return _unit_out.dump(documents.unit_completeness(self.db.session, caller, checked_id(unit_id, "unit_id"),
                                                          cursor, limit))

    @api
    def expiring_documents(self, days=90):
        """Documents in force ending within ``days``: a staff officer's for everyone, others' for themselves
        and their staff."""
        caller = self._caller()
        args = load_input(_days_in, {"days": days})
        return _list_out.dump({"items": documents.expiring(self.db.session, caller, args["days"])})
