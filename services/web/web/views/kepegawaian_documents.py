"""Kepegawaian — personnel documents: "Dokumen saya" (the employee's papers by type with their status, what is
still missing, the upload form per type), one document (its facts, the file, the buttons kepegawaian allows:
update/re-upload, delete, verify, reject), an employee's documents for their supervisors and the staff officers,
the staff officer's "Dokumen belum lengkap" per unit and the verify queue, and the documents expiring soon.

kepegawaian judges the file, validates each type's fields and decides who may do what (its capabilities, each
document's ``allowed_actions``, its 403s); these pages show what it answers.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

from ..files import stored_file_response, uploaded
from ..forms.common import field_errors, int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page
from .personnel import unit_options, unit_tree

OWN = ("kepegawaian", "own_records")
SUPERVISE = ("kepegawaian", "supervise")
VERIFY = ("kepegawaian", "verify_documents")
BASE = "/kepegawaian/dokumen"
PAGE_SIZE = 25
PAPER_FIELDS = ("number", "issued_on", "tmt", "expires_on")
FORM_FIELDS = ("type_code", *PAPER_FIELDS, "file", "details")
STATUS_LABELS = {"waiting": _("Menunggu verifikasi"), "verified": _("Terverifikasi"), "rejected": _("Ditolak")}
STATE_LABELS = {"verified": _("Lengkap"), "waiting": _("Menunggu verifikasi"), "rejected": _("Ditolak"),
                "expired": _("Kedaluwarsa"), "missing": _("Belum ada")}
EMPLOYMENT_LABELS = {"pns": _("PNS"), "pppk": _("PPPK"), "non_asn": _("Non-ASN")}

NAV = Area("kepegawaian", links=(
    Link(_("Dokumen saya"), BASE, (OWN,)),
    Link(_("Dokumen belum lengkap"), f"{BASE}/kelengkapan", (VERIFY,)),
    Link(_("Verifikasi dokumen"), f"{BASE}/verifikasi", (VERIFY,)),
), service="kepegawaian", position=86)


# -- shaping (pure) -----------------------------------------------------------------------------------

def detail_values(form, kind: dict) -> dict:
    """The type's detail fields from the form (``details.<name>``), numbers as numbers, empty ones left out."""
    found = {}
    for spec in kind.get("detail_fields") or []:
        raw = text_of(form, f"details.{spec['name']}")
        if raw == "":
            continue
        found[spec["name"]] = int(raw) if spec.get("kind") == "integer" and raw.isdigit() else raw
    return found


def document_payload(form, kind: dict, file: dict | None, employee_id: int | None = None, *,
                     new: bool = True) -> dict:
    """The form as kepegawaian's ``DocumentUploadIn`` (``new``) or ``DocumentUpdateIn``: the paper's fields the
    type has (empty ones null), its details, the file as base64 with its name and declared type."""
    payload: dict = {}
    rules = {"number": "number_rule", "issued_on": "issued_rule", "tmt": "tmt_rule", "expires_on": "expiry_rule"}
    for name, rule in rules.items():
        if kind.get(rule, "none") != "none":
            payload[name] = text_of(form, name) or None
    if kind.get("detail_fields"):
        payload["details"] = detail_values(form, kind)
    if file is not None:
        payload |= {"file": file["content_b64"], "file_name": file["filename"], "content_type": file["content_type"]}
    if new:
        payload["type_code"] = kind["code"]
        if file is None:
            payload["file"] = None
        if employee_id:
            payload["employee_id"] = employee_id
    return payload


def form_errors(fields: dict, translate) -> tuple[dict, list[str]]:
    """kepegawaian's field messages by the form's fields: each detail under its own ``details.<name>`` input,
    the file's name and declared type under the file input."""
    details = {name: translate(str(message)) for name, message in (fields or {}).items()
               if name.startswith("details.")}
    rest = {name: message for name, message in (fields or {}).items() if not name.startswith("details.")}
    errors, other = field_errors(rest, FORM_FIELDS, translate, aliases={"file_name": "file", "content_type": "file"})
    return errors | details, other


def by_type(types: list[dict], documents: list[dict]) -> list[dict]:
    """Each active type with the caller's documents of it (newest first)."""
    rows = []
    for kind in types:
        mine = [d for d in documents if d["type_code"] == kind["code"]]
        if kind.get("active", True) or mine:
            rows.append({"type": kind, "documents": mine})
    return rows


class KepegawaianDocumentPages:
    """Pages of the area (mixed into ``WebService``)."""

    def _kepdoc_types(self) -> dict[str, dict]:
        return {t["code"]: t for t in self.kepegawaian.document_types()["items"]}

    # -- the employee -------------------------------------------------------------------------------------
    @page("GET", BASE, needs=OWN)
    def kepegawaian_my_documents(self, visit):
        mine = self.kepegawaian.my_documents()
        types = list(self._kepdoc_types().values())
        return Page("kepegawaian/documents_mine.html", {
            "rows": by_type(types, mine["items"]), "completeness": mine["completeness"],
            "status_labels": STATUS_LABELS, "state_labels": STATE_LABELS},
            title=visit._("Dokumen saya"))

    def _kepdoc_upload_form(self, visit, kind: dict, employee_id: int | None, values: dict, errors: dict, other: list,
                     status: int = 200):
        return Page("kepegawaian/documents_form.html", {
            "kind": kind, "employee_id": employee_id, "values": values, "errors": errors, "other": other,
            "action": f"{BASE}/unggah", "document": None}, status, title=visit._("Unggah dokumen"))

    @page("GET", f"{BASE}/unggah", needs=(OWN, VERIFY))
    def kepegawaian_document_upload_form(self, visit):
        kinds = self._kepdoc_types()
        kind = kinds.get(visit.request.args.get("jenis") or "")
        if kind is None:
            raise NotFound(visit._("Jenis dokumen tidak dikenal."))
        return self._kepdoc_upload_form(visit, kind, int_or_none(visit.request.args.get("pegawai")), {}, {}, [])

    @page("POST", f"{BASE}/unggah", needs=(OWN, VERIFY))
    def kepegawaian_document_upload(self, visit):
        kinds = self._kepdoc_types()
        kind = kinds.get(visit.form.get("type_code") or "")
        if kind is None:
            raise NotFound(visit._("Jenis dokumen tidak dikenal."))
        employee_id = int_or_none(visit.form.get("employee_id"))
        files = uploaded(visit.request.files.getlist("file"))
        try:
            made = self.kepegawaian.upload_document(document_payload(visit.form, kind, files[0] if files else None,
                                                                     employee_id))
        except (ValidationFailed, Conflict) as exc:
            errors, other = form_errors(exc.fields, visit._)
            return self._kepdoc_upload_form(visit, kind, employee_id, dict(visit.form), errors,
                                     [visit._(exc.message), *other], 422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"{BASE}/{made['id']}", visit._("Dokumen diunggah dan menunggu verifikasi."))

    # -- one document -------------------------------------------------------------------------------------
    def _kepdoc_page(self, visit, document_id: int, values: dict | None = None, errors: dict | None = None,
                       other: list | None = None, status: int = 200):
        found = self.kepegawaian.get_document(document_id)
        kind = self._kepdoc_types().get(found["type_code"], {"code": found["type_code"], "detail_fields": []})
        current = {name: found.get(name) or "" for name in PAPER_FIELDS}
        current |= {f"details.{k}": v for k, v in (found.get("details") or {}).items()}
        return Page("kepegawaian/documents_detail.html", {
            "item": found, "kind": kind, "status_labels": STATUS_LABELS, "values": values or current,
            "errors": errors or {}, "other": other or [], "action": f"{BASE}/{document_id}/perbarui",
            "document": found, "may_list": self._kepdoc_may_list(visit)}, status, title=visit._("Dokumen"))

    def _kepdoc_may_list(self, visit) -> bool:
        """Whether the caller may open an employee's documents page (supervisors and staff officers: the owner
        alone has "Dokumen saya")."""
        return bool({SUPERVISE[1], VERIFY[1]} & set(visit.capabilities().get("kepegawaian", frozenset())))

    @page("GET", f"{BASE}/<int:document_id>", needs=(OWN, SUPERVISE, VERIFY))
    def kepegawaian_document_detail(self, visit, document_id):
        return self._kepdoc_page(visit, document_id)

    @page("GET", f"{BASE}/<int:document_id>/berkas", needs=(OWN, SUPERVISE, VERIFY))
    def kepegawaian_document_file(self, visit, document_id):
        found = self.kepegawaian.document_file(document_id)
        # an uploaded file: always a download of a servable type (``sha256`` marks it as uploaded)
        return stored_file_response({"filename": found["filename"], "content_type": found["content_type"],
                                     "content_b64": found["content_b64"], "sha256": ""}, inline=False)

    @page("POST", f"{BASE}/<int:document_id>/perbarui", needs=(OWN, VERIFY))
    def kepegawaian_document_update(self, visit, document_id):
        found = self.kepegawaian.get_document(document_id)
        kind = self._kepdoc_types().get(found["type_code"], {"code": found["type_code"]})
        files = uploaded(visit.request.files.getlist("file"))
        try:
            self.kepegawaian.update_document(document_id, document_payload(
                visit.form, kind, files[0] if files else None, new=False))
        except (ValidationFailed, Conflict, Forbidden) as exc:
            if isinstance(exc, Forbidden):
                return visit.redirect(f"{BASE}/{document_id}", visit._(exc.message), "error")
            errors, other = form_errors(exc.fields, visit._)
            return self._kepdoc_page(visit, document_id, dict(visit.form), errors, [visit._(exc.message), *other],
                                       422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"{BASE}/{document_id}", visit._("Dokumen diperbarui dan menunggu verifikasi."))

    @page("POST", f"{BASE}/<int:document_id>/verifikasi", needs=VERIFY)
    def kepegawaian_document_verify(self, visit, document_id):
        try:
            self.kepegawaian.verify_document(document_id)
        except (Conflict, Forbidden) as exc:
            return visit.redirect(f"{BASE}/{document_id}", visit._(exc.message), "error")
        back = visit.form.get("next") == "queue"
        return visit.redirect(f"{BASE}/verifikasi" if back else f"{BASE}/{document_id}",
                              visit._("Dokumen diverifikasi."))

    @page("POST", f"{BASE}/<int:document_id>/tolak", needs=VERIFY)
    def kepegawaian_document_reject(self, visit, document_id):
        try:
            self.kepegawaian.reject_document(document_id, visit.value("reason"))
        except (ValidationFailed, Conflict, Forbidden) as exc:
            return visit.redirect(f"{BASE}/{document_id}", visit._(exc.message), "error")
        return visit.redirect(f"{BASE}/{document_id}", visit._("Dokumen ditolak; pegawai dapat mengunggah ulang."))

    @page("POST", f"{BASE}/<int:document_id>/hapus", needs=(OWN, VERIFY))
    def kepegawaian_document_delete(self, visit, document_id):
        try:
            self.kepegawaian.delete_document(document_id)
        except (Conflict, Forbidden) as exc:
            return visit.redirect(f"{BASE}/{document_id}", visit._(exc.message), "error")
        return visit.redirect(BASE, visit._("Dokumen dihapus."))

    # -- supervisors and staff officers --------------------------------------------------------------------
    @page("GET", f"{BASE}/pegawai/<int:employee_id>", needs=(SUPERVISE, VERIFY))
    def kepegawaian_employee_documents(self, visit, employee_id):
        completeness = self.kepegawaian.completeness(employee_id)
        result, links = keyset_page(visit, lambda cursor: self.kepegawaian.list_documents(
            employee_id=employee_id, cursor=cursor, limit=PAGE_SIZE), f"{BASE}/pegawai/{employee_id}")
        return Page("kepegawaian/documents_employee.html", {
            "completeness": completeness, "documents": result["items"], "types": list(self._kepdoc_types().values()),
            "status_labels": STATUS_LABELS, "state_labels": STATE_LABELS, "employment_labels": EMPLOYMENT_LABELS,
            "may_upload": VERIFY[1] in visit.capabilities().get("kepegawaian", frozenset()), **links},
            title=visit._("Dokumen pegawai"))

    def _kepdoc_units(self) -> list[tuple[int, str]]:
        try:
            return unit_options(unit_tree(self.personnel.list_org_units()))
        except Forbidden:
            return []

    @page("GET", f"{BASE}/kelengkapan", needs=VERIFY)
    def kepegawaian_documents_completeness(self, visit):
        units = self._kepdoc_units()
        unit_id = int_or_none(visit.request.args.get("unit_id")) or (units[0][0] if units else None)
        result, links = (None, {"next_url": None, "first_url": None})
        if unit_id is not None:
            result, links = keyset_page(visit, lambda cursor: self.kepegawaian.unit_completeness(
                unit_id, cursor=cursor, limit=PAGE_SIZE), f"{BASE}/kelengkapan", {"unit_id": unit_id})
        expiring = self.kepegawaian.expiring_documents(90)["items"]
        return Page("kepegawaian/documents_completeness.html", {
            "result": result, "units": units, "unit_id": unit_id, "expiring": expiring,
            "state_labels": STATE_LABELS, "employment_labels": EMPLOYMENT_LABELS, **links},
            title=visit._("Dokumen belum lengkap"))

    @page("GET", f"{BASE}/verifikasi", needs=VERIFY)
    def kepegawaian_documents_queue(self, visit):
        result, links = keyset_page(visit, lambda cursor: self.kepegawaian.list_documents(
            status="waiting", cursor=cursor, limit=PAGE_SIZE), f"{BASE}/verifikasi")
        return Page("kepegawaian/documents_queue.html", {"documents": result["items"], "status_labels": STATUS_LABELS,
                                                         **links}, title=visit._("Verifikasi dokumen"))
