"""Personnel documents: each employee's decrees, diplomas, certificates, ID and family papers — uploaded,
typed, numbered, dated (with expiry where it applies), verified by a staff officer; completeness per employee
and per unit; documents expiring soon (a PPPK's contract).

Who (``Caller``, the rules in ``document_rules``):

* the **employee**: reads and uploads their own, updates/deletes their own while not verified;
* their **supervisor chain**: reads (never writes, never verifies);
* the **staff officers** (and admin): read all, upload for anyone, verify/reject (never their own), replace a
  verified one; the per-unit completeness and the expiring list;
* anyone else: 403 on an existing document (404 only for an id that does not exist, as agenda does).

The file is judged by its content (``situok_kit.uploads``): PDF, JPEG or PNG; a declared type (or the file
name's extension) naming another kind is refused (422 on ``file``); images are re-encoded (no EXIF survives).
Events (``kepegawaian.document_uploaded|verified|rejected``) carry ids, the type, the status and the verifier —
never the file nor the paper's number.

``education_of``/``trainings_of``: the highest verified diploma and the verified training certificates per
employee (the career area's DUK).
"""
from __future__ import annotations

import mimetypes
from collections import defaultdict
from datetime import date, datetime

from situok_contracts.events import Kepegawaian as Events
from situok_kit import uploads
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from ..models import DocumentType, EmployeeDocument, RosterEmployee, RosterUnit
from . import document_rules as rules
from . import roster
from .access import Caller

NOT_FOUND = "Dokumen tidak ditemukan."
NOT_YOURS = "Anda hanya dapat melihat dokumen Anda sendiri atau dokumen bawahan Anda."
NOT_UPLOADER = "Anda hanya dapat mengunggah dokumen Anda sendiri."
INVALID = "Data dokumen belum benar."
FILE_KINDS = ("pdf", "jpeg", "png")
#: Advisory lock class (with the employee id) serialising uploads of a type an employee holds once.
UPLOAD_LOCK = 7_340_050
TYPE_COLUMNS = ("name", "description", "required_for", "number_rule", "issued_rule", "tmt_rule", "expiry_rule",
                "multiple", "detail_fields", "sort_order", "active")


# -- types ----------------------------------------------------------------------------------------

def seed(session: Session) -> dict:
    """The document types of ``document_rules.TYPES`` not there yet (an admin's edits are kept)."""
    have = set(session.scalars(select(DocumentType.code)))
    added = 0
    for spec in rules.TYPES:
        if spec["code"] not in have:
            session.add(DocumentType(**spec))
            added += 1
    session.flush()
    return {"document_types": added}


def _type_dict(row: DocumentType) -> dict:
    return {"code": row.code, **{c: getattr(row, c) for c in TYPE_COLUMNS}}


def types(session: Session, *, active_only: bool = False) -> list[DocumentType]:
    statement = select(DocumentType).order_by(DocumentType.sort_order, DocumentType.code)
    if active_only:
        statement = statement.where(DocumentType.active.is_(True))
    return list(session.scalars(statement))


def update_type(tx, caller: Caller, code: str, data: dict) -> DocumentType:
    """Admin: a type's name, who must hold it, which fields apply, its detail fields."""
    caller.require_admin()
    row = tx.session.get(DocumentType, code, with_for_update=True)
    if row is None:
        raise NotFound("Jenis dokumen tidak dikenal.")
    if "detail_fields" in data:
        problem = rules.detail_fields_problems(data["detail_fields"])
        if problem:
            raise ValidationFailed(INVALID, {"detail_fields": problem})
    for column in TYPE_COLUMNS:
        if column in data:
            setattr(row, column, data[column])
    row.updated_at = utcnow()
    tx.session.flush()
    return row


def _get_type(session: Session, code: str) -> DocumentType:
    row = session.get(DocumentType, code)
    if row is None or not row.active:
        raise ValidationFailed(INVALID, {"type_code": "Jenis dokumen tidak dikenal."})
    return row


# -- who ------------------------------------------------------------------------------------------

def may_read(caller: Caller, employee_id: int) -> bool:
    return caller.is_self(employee_id) or caller.supervises(employee_id) or caller.is_staff_officer


def _require_reader(caller: Caller, employee_id: int) -> None:
    if not may_read(caller, employee_id):
        raise Forbidden(NOT_YOURS)


def _capacities(caller: Caller, employee_id: int) -> frozenset[str]:
    return rules.capacities(owner=caller.is_self(employee_id), officer=caller.is_staff_officer,
                            reader=caller.supervises(employee_id))


def _employee(session: Session, employee_id: int) -> RosterEmployee:
    found = session.get(RosterEmployee, employee_id)
    if found is None:
        raise NotFound("Pegawai tidak ditemukan.", {"employee_id": "Pegawai tidak dikenal."})
    return found


# -- reading --------------------------------------------------------------------------------------

def view(session: Session, caller: Caller, doc: EmployeeDocument, *, today: date | None = None,
         kinds: dict[str, DocumentType] | None = None, people: dict[int, RosterEmployee] | None = None) -> View:
    today = today or wita_day()
    kind = (kinds or {}).get(doc.type_code) or session.get(DocumentType, doc.type_code)
    person = (people or {}).get(doc.employee_id) or session.get(RosterEmployee, doc.employee_id)
    return View(doc, type_name=kind.name if kind else doc.type_code, status_label=rules.STATUS_LABELS[doc.status],
                employee_name=person.full_name if person else None, unit_id=person.unit_id if person else None,
                expired=doc.expires_on is not None and doc.expires_on < today,
                allowed_actions=rules.DOCUMENT.allowed_actions(doc.status, _capacities(caller, doc.employee_id)))


def _views(session: Session, caller: Caller, docs: list[EmployeeDocument]) -> list[View]:
    kinds = {t.code: t for t in types(session)}
    ids = {d.employee_id for d in docs}
    people = {p.id: p for p in session.scalars(select(RosterEmployee).where(RosterEmployee.id.in_(ids)))} \
        if ids else {}
    today = wita_day()
    return [view(session, caller, d, today=today, kinds=kinds, people=people) for d in docs]


def _get(session: Session, document_id: int, *, lock: bool = False) -> EmployeeDocument:
    statement = select(EmployeeDocument).where(EmployeeDocument.id == document_id)
    if lock:
        statement = statement.with_for_update()
    found = session.scalar(statement)
    if found is None:
        raise NotFound(NOT_FOUND)
    return found


def detail(session: Session, caller: Caller, document_id: int) -> View:
    doc = _get(session, document_id)
    _require_reader(caller, doc.employee_id)
    return view(session, caller, doc)


def listing(session: Session, caller: Caller, employee_id: int | None = None, type_code: str | None = None,
            status: str | None = None, cursor: str | None = None, limit=50) -> dict:
    """Documents newest first (keyset on id): one employee's (a reader of theirs), or — without
    ``employee_id`` — every one a staff officer may see (the verify queue with ``status="waiting"``), or for
    anyone else their own and their staff's."""
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 1)
    statement = select(EmployeeDocument)
    if employee_id is not None:
        _employee(session, employee_id)
        _require_reader(caller, employee_id)
        statement = statement.where(EmployeeDocument.employee_id == employee_id)
    elif not caller.is_staff_officer:
        visible = set(caller.all_staff) | ({caller.employee_id} if caller.employee_id else set())
        if not visible:
            raise Forbidden(NOT_YOURS)
        statement = statement.where(EmployeeDocument.employee_id.in_(visible))
    if type_code:
        statement = statement.where(EmployeeDocument.type_code == type_code)
    if status:
        statement = statement.where(EmployeeDocument.status == status)
    if after:
        statement = statement.where(EmployeeDocument.id < int(after[0]))
    rows = list(session.scalars(statement.order_by(EmployeeDocument.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda d: [d.id])
    answer["items"] = _views(session, caller, answer["items"])
    return answer


def mine(session: Session, caller: Caller) -> dict:
    """The caller's own documents (by type, newest first) with their completeness and the types they may
    upload."""
    caller.require_employee()
    docs = list(session.scalars(select(EmployeeDocument).where(EmployeeDocument.employee_id == caller.employee_id)
                                .order_by(EmployeeDocument.type_code, EmployeeDocument.id.desc())))
    return {"employee_id": caller.employee_id, "items": _views(session, caller, docs),
            "completeness": completeness_of(session, caller, caller.employee_id)}


def file_of(session: Session, caller: Caller, document_id: int) -> dict:
    doc = session.scalar(select(EmployeeDocument).options(undefer(EmployeeDocument.file_content))
                         .where(EmployeeDocument.id == document_id))
    if doc is None:
        raise NotFound(NOT_FOUND)
    _require_reader(caller, doc.employee_id)
    return {"filename": doc.file_name, "media_type": doc.file_type, "content": doc.file_content}


# -- writing --------------------------------------------------------------------------------------

def _declared(content_type: str | None, file_name: str | None) -> str | None:
    """What the client said the file is: its media type, else what its name's extension means."""
    if content_type:
        return content_type
    guessed, _ = mimetypes.guess_type(file_name or "")
    return guessed


def _file(data: dict) -> tuple[bytes, str, str]:
    """The upload checked by content (a declared type or extension naming another kind: 422 on ``file``),
    images re-encoded without metadata: ``(content, media type, safe file name)``."""
    content = data["file"]
    try:
        kind = uploads.require_kind(content, FILE_KINDS, "file", _declared(data.get("content_type"),
                                                                          data.get("file_name")),
                                    refuse_mismatch=True)
    except ValidationFailed as exc:
        message = next(iter(exc.fields.values()), exc.message) if exc.fields else exc.message
        raise ValidationFailed(exc.message, {"file": message}) from None
    if kind != "pdf":
        content = uploads.reencode_image(content, field="file")
    return content, uploads.CONTENT_TYPES[kind], uploads.safe_filename(data.get("file_name"), kind, "dokumen")


def _paper(kind: DocumentType, data: dict, today: date) -> dict:
    problems = rules.paper_problems(_type_dict(kind), data)
    details, detail_problems = rules.detail_problems(kind.detail_fields or [], data.get("details"), today)
    problems.update(detail_problems)
    if problems:
        raise ValidationFailed(INVALID, problems)
    return {"number": data.get("number"), "issued_on": data.get("issued_on"), "tmt": data.get("tmt"),
            "expires_on": data.get("expires_on"), "details": details}


def _event(tx, name: str, doc: EmployeeDocument) -> None:
    from ..schemas.documents import EVENTS

    person = tx.session.get(RosterEmployee, doc.employee_id)
    tx.emit(name, EVENTS[name]().dump(View(doc, unit_id=person.unit_id if person else None)))


def upload(tx, caller: Caller, data: dict, *, now: datetime | None = None) -> View:
    """A new document: the caller's own (``employee_id`` absent or theirs) or — a staff officer — anyone's."""
    session = tx.session
    now = now or utcnow()
    employee_id = data.get("employee_id") or caller.employee_id
    if employee_id is None:
        caller.require_employee()
    if not (caller.is_self(employee_id) or caller.is_staff_officer):
        raise Forbidden(NOT_UPLOADER)
    _employee(session, employee_id)
    kind = _get_type(session, data["type_code"])
    paper = _paper(kind, data, wita_day(now))
    if not kind.multiple:
        # one upload of a held-once type per employee at a time: the check below cannot race
        session.execute(select(func.pg_advisory_xact_lock(UPLOAD_LOCK, employee_id)))
        existing = session.scalar(select(EmployeeDocument.id).where(
            EmployeeDocument.employee_id == employee_id, EmployeeDocument.type_code == kind.code).limit(1))
        if existing is not None:
            message = f"{kind.name} sudah ada (dokumen #{existing}); perbarui dokumen itu."
            raise Conflict(message, {"type_code": message}, {"document_id": existing})
    content, media_type, filename = _file(data)
    doc = EmployeeDocument(employee_id=employee_id, type_code=kind.code, **paper, file_content=content,
                           file_type=media_type, file_name=filename, file_size=len(content), status="waiting",
                           uploaded_at=now, uploaded_by=caller.username,
                           uploaded_by_employee_id=caller.employee_id)
    session.add(doc)
    session.flush()
    _event(tx, Events.DOCUMENT_UPLOADED, doc)
    return view(session, caller, doc)


def update(tx, caller: Caller, document_id: int, data: dict, *, now: datetime | None = None) -> View:
    """New data and/or a new file: back to ``waiting`` (the owner while not verified; a staff officer always)."""
    session = tx.session
    now = now or utcnow()
    doc = _get(session, document_id, lock=True)
    _require_reader(caller, doc.employee_id)
    step = rules.DOCUMENT.check("update", doc.status, _capacities(caller, doc.employee_id), verb="diubah")
    kind = session.get(DocumentType, doc.type_code)
    merged = {name: data[name] if name in data else getattr(doc, name)
              for name in ("number", "issued_on", "tmt", "expires_on", "details")}
    doc.number, doc.issued_on, doc.tmt, doc.expires_on, doc.details = (
        _paper(kind, merged, wita_day(now))[name] for name in ("number", "issued_on", "tmt", "expires_on",
                                                                "details"))
    if data.get("file") is not None:
        doc.file_content, doc.file_type, doc.file_name = _file(data)
        doc.file_size = len(doc.file_content)
    doc.status = step.target
    doc.reason = None
    doc.verified_at = doc.verified_by = doc.verified_by_employee_id = None
    doc.uploaded_at, doc.uploaded_by, doc.uploaded_by_employee_id = now, caller.username, caller.employee_id
    doc.version += 1
    session.flush()
    _event(tx, step.event, doc)
    return view(session, caller, doc)


def delete(tx, caller: Caller, document_id: int) -> dict:
    session = tx.session
    doc = _get(session, document_id, lock=True)
    _require_reader(caller, doc.employee_id)
    rules.DOCUMENT.check("delete", doc.status, _capacities(caller, doc.employee_id), verb="dihapus")
    session.delete(doc)
    session.flush()
    return {"id": document_id, "deleted": True}


def _decide(tx, caller: Caller, document_id: int, action: str, verb: str, reason: str | None,
            now: datetime | None) -> View:
    session = tx.session
    doc = _get(session, document_id, lock=True)
    _require_reader(caller, doc.employee_id)
    step = rules.DOCUMENT.check(action, doc.status, _capacities(caller, doc.employee_id), verb=verb)
    doc.status = step.target
    doc.reason = reason
    doc.verified_at = now or utcnow()
    doc.verified_by, doc.verified_by_employee_id = caller.username, caller.employee_id
    doc.version += 1
    session.flush()
    _event(tx, step.event, doc)
    return view(session, caller, doc)


def verify(tx, caller: Caller, document_id: int, *, now: datetime | None = None) -> View:
    return _decide(tx, caller, document_id, "verify", "diverifikasi", None, now)


def reject(tx, caller: Caller, document_id: int, reason: str, *, now: datetime | None = None) -> View:
    return _decide(tx, caller, document_id, "reject", "ditolak", reason, now)


# -- completeness ---------------------------------------------------------------------------------

def _type_dicts(session: Session) -> list[dict]:
    return [_type_dict(t) for t in types(session)]


def _doc_facts(session: Session, employee_ids) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = defaultdict(list)
    rows = session.execute(select(EmployeeDocument.employee_id, EmployeeDocument.id, EmployeeDocument.type_code,
                                  EmployeeDocument.status, EmployeeDocument.expires_on)
                           .where(EmployeeDocument.employee_id.in_(list(employee_ids))))
    for employee_id, doc_id, code, status, expires_on in rows:
        found[employee_id].append({"id": doc_id, "type_code": code, "status": status, "expires_on": expires_on})
    return found


def completeness_of(session: Session, caller: Caller, employee_id: int, *, today: date | None = None) -> dict:
    person = _employee(session, employee_id)
    _require_reader(caller, employee_id)
    facts = _doc_facts(session, [employee_id])
    result = rules.completeness(_type_dicts(session), person.employment_type, facts[employee_id],
                                today or wita_day())
    return {"employee_id": person.id, "employee_name": person.full_name, "nip": person.nip,
            "employment_type": person.employment_type, "unit_id": person.unit_id, "unit_name": person.unit_name,
            **result}


def unit_completeness(session: Session, caller: Caller, unit_id: int, cursor: str | None = None, limit=50, *,
                      today: date | None = None) -> dict:
    """A staff officer's dashboard "Dokumen belum lengkap": the unit (and its sub-units): how many active
    employees, how many complete, the percentage, and the incomplete ones (keyset by name, id)."""
    caller.require_staff_officer()
    unit = session.get(RosterUnit, unit_id)
    if unit is None:
        raise NotFound("Unit tidak ditemukan.", {"unit_id": "Unit tidak dikenal."})
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 2)
    today = today or wita_day()
    units = roster.subunit_ids(session, unit_id)
    people = list(session.scalars(select(RosterEmployee).where(RosterEmployee.unit_id.in_(units),
                                                               RosterEmployee.active.is_(True))
                                  .order_by(RosterEmployee.name, RosterEmployee.id)))
    kinds = _type_dicts(session)
    facts = _doc_facts(session, [p.id for p in people])
    results = {p.id: rules.completeness(kinds, p.employment_type, facts[p.id], today) for p in people}
    complete = sum(1 for r in results.values() if r["complete"])
    incomplete = [p for p in people if not results[p.id]["complete"]]
    if after:
        incomplete = [p for p in incomplete if (p.name, p.id) > (str(after[0]), int(after[1]))]
    answer = page(incomplete[:limit + 1], limit, key=lambda p: [p.name, p.id])
    answer["items"] = [{"employee_id": p.id, "employee_name": p.full_name, "nip": p.nip,
                        "employment_type": p.employment_type, "unit_id": p.unit_id, "unit_name": p.unit_name,
                        **results[p.id]} for p in answer["items"]]
    waiting = session.scalar(select(EmployeeDocument.id).where(
        EmployeeDocument.employee_id.in_([p.id for p in people]), EmployeeDocument.status == "waiting")
        .limit(1)) is not None if people else False
    return {"unit_id": unit.id, "unit_name": unit.name, "employees": len(people), "complete": complete,
            "incomplete": len(people) - complete,
            "percent": round(100 * complete / len(people), 1) if people else 100.0,
            "has_waiting": waiting, **answer}


def expiring(session: Session, caller: Caller, days: int, *, today: date | None = None) -> list[View]:
    """Documents in force (waiting or verified) ending within ``days`` from today, soonest first: a staff
    officer's for everyone; anyone else's for themselves and their staff."""
    start, end = rules.expiry_window(today or wita_day(), days)
    statement = select(EmployeeDocument).where(EmployeeDocument.expires_on.between(start, end),
                                               EmployeeDocument.status.in_(("waiting", "verified")))
    if not caller.is_staff_officer:
        visible = set(caller.all_staff) | ({caller.employee_id} if caller.employee_id else set())
        if not visible:
            raise Forbidden(NOT_YOURS)
        statement = statement.where(EmployeeDocument.employee_id.in_(visible))
    docs = list(session.scalars(statement.order_by(EmployeeDocument.expires_on, EmployeeDocument.id).limit(500)))
    return _views(session, caller, docs)


# -- for the career area's DUK ----------------------------------------------------------------------

def _verified(session: Session, employee_ids, code: str) -> list[EmployeeDocument]:
    ids = list(employee_ids)
    if not ids:
        return []
    return list(session.scalars(select(EmployeeDocument).where(
        EmployeeDocument.employee_id.in_(ids), EmployeeDocument.type_code == code,
        EmployeeDocument.status == "verified").order_by(EmployeeDocument.id)))


def education_of(session: Session, employee_ids) -> dict[int, dict]:
    """The highest verified diploma of each employee that has one: ``{"level", "major", "institution",
    "year"}``."""
    by_employee: dict[int, list[dict]] = defaultdict(list)
    for doc in _verified(session, employee_ids, "ijazah"):
        by_employee[doc.employee_id].append(doc.details or {})
    found = {eid: rules.highest_education(diplomas) for eid, diplomas in by_employee.items()}
    return {eid: best for eid, best in found.items() if best is not None}


def trainings_of(session: Session, employee_ids) -> dict[int, list[dict]]:
    """The verified training certificates of each employee, by year: ``[{"name", "year", "hours"}]``."""
    found: dict[int, list[dict]] = defaultdict(list)
    for doc in _verified(session, employee_ids, "sertifikat_diklat"):
        details = doc.details or {}
        found[doc.employee_id].append({"name": details.get("name"), "year": details.get("year"),
                                       "hours": details.get("hours")})
    return {eid: sorted(items, key=lambda t: (t["year"] or 0, t["name"] or "")) for eid, items in found.items()}



