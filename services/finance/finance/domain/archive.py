"""The archive ("Pencatatan G Drive"): every supporting document of finance, kept with its sha256, its
archive classification and its retention, arranged by year, month and unit, and found again by number,
vendor, account, date or the words of its description.

Rules:

* Who: every finance role reads the register (``Caller.uses_finance``; finance sees every unit's documents —
  the archive is the bureau's, not a unit's); PPTK, bendahara and admin upload and register; bendahara and
  admin run the integrity check (``domain.integrity``); admin loads the classification list.
* A file is judged by its content (``situok_kit.uploads``), never by its name or declared type: PDF, JPEG, PNG
  or WebP; images are decoded and re-encoded (metadata and trailing bytes gone); a PDF must be whole
  (``%PDF-`` … ``%%EOF``) and carry no active content (JavaScript, launch actions, embedded files). At most
  10 MB. Anything else is a 422 naming the field.
* The period: the document's date (WITA) gives its year and month; without one, the year/month given, else
  today's. ``retention_until`` = 31 December of (that year + the classification's active + inactive years).
* The storage key: ``YYYY/MM/<unit id or "umum">/<first 16 hex of the sha256>-<safe filename>``. The same
  content under the same name in the same month and unit is the same document: a second upload is a 409
  naming the first.
* The bytes are written to storage before the row is committed; a rollback afterwards leaves an unreferenced
  object under a content-derived key (harmless: the integrity check reads only registered documents).
* A document kept elsewhere (a Drive or any https URL) is registered as ``kind = link`` with its sha256 when
  one is given; the integrity check cannot re-read it.
* Every new document publishes ``finance.document_archived`` in its transaction.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

from situok_contracts.events import Finance
from situok_kit import uploads
from situok_kit.clock import wita_day
from situok_kit.db import advisory_lock
from situok_kit.envelope import Envelope
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, insert, or_, select

from ..models import ArchiveClassification, ArchiveDocument, RosterUnit, kit_tables
from ..models.archive import DISPOSITIONS
from ..schemas.archive import CLASSIFICATION_CODE, MAX_ARCHIVE_BYTES, ArchiveDocumentArchivedEvent
from .access import Caller
from .storage import Storage, StorageMissing

#: What the archive takes, by content.
ACCEPTED_KINDS = frozenset({"pdf", "jpeg", "png", "webp"})
#: Longer side of a stored photo or scan (pixels): enough to read a receipt.
IMAGE_MAX_PX = 3000
#: Active content a supporting PDF has no business carrying.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
CLASSIFICATIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "archive_classifications.csv"
_LOCK_CLASSIFICATIONS = 7_340_008  # pg advisory lock: one classification load at a time

_archived_event = ArchiveDocumentArchivedEvent()


# -- who --------------------------------------------------------------------------------------------------

def require_reader(caller: Caller) -> Caller:
    return caller.require_finance()


def require_archivist(caller: Caller) -> Caller:
    caller.require_finance()
    return caller.require(caller.has("pptk", "bendahara", "admin"),
                          "Hanya PPTK, bendahara atau admin yang dapat mengarsipkan dokumen.")


def require_checker(caller: Caller) -> Caller:
    caller.require_finance()
    return caller.require(caller.has("bendahara", "admin"),
                          "Hanya bendahara atau admin yang dapat menjalankan pemeriksaan keutuhan arsip.")


# -- pure rules -------------------------------------------------------------------------------------------

def retention_until(year: int, active_years: int, inactive_years: int) -> date:
    """The last day of a document's retention: 31 December of its year + active + inactive years."""
    return date(year + active_years + inactive_years, 12, 31)


def period(document_date: date | None, fiscal_year: int | None, month: int | None, today: date) -> tuple[int, int]:
    """(year, month) a document is filed under: its date's, else the given year/month, else today's."""
    if document_date is not None:
        return document_date.year, document_date.month
    return fiscal_year or today.year, month or today.month


def storage_key(year: int, month: int, unit_id: int | None, sha256: str, filename: str) -> str:
    """``YYYY/MM/<unit>/<sha256 prefix>-<filename>`` (``filename`` already safe)."""
    unit = str(unit_id) if unit_id else "umum"
    return f"{year:04d}/{month:02d}/{unit}/{sha256[:16]}-{filename}"


def check_pdf(data: bytes, field: str) -> None:
    """A whole PDF without active content, else a 422 naming ``field``. Names are read with their ``#xx``
    escapes undone (``/J#61vaScript`` is ``/JavaScript``). Content inside compressed object streams is not
    inflated: a PDF hiding its actions there passes (stored, served only as a download)."""
    if not re.match(rb"%PDF-[12]\.[0-9]", data[:16]):
        raise ValidationFailed("Berkas PDF ditolak.", {field: "Kepala berkas PDF tidak valid."})
    if b"%%EOF" not in data[-2048:]:
        raise ValidationFailed("Berkas PDF ditolak.", {field: "Berkas PDF terpotong (tidak ada %%EOF di akhir)."})
    names = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    found = PDF_ACTIVE.search(names)
    if found:
        raise ValidationFailed("Berkas PDF ditolak.", {
            field: f"PDF memuat konten aktif (/{found.group(1).decode()}); cetak ulang sebagai PDF biasa."})


def judged(content: bytes, filename: str, field: str = "content_b64") -> tuple[bytes, str, str]:
    """``(content as kept, content type, safe filename)`` of a file for the archive (see the rules)."""
    if not content:
        raise ValidationFailed("Berkas kosong.", {field: "Berkas kosong."})
    if len(content) > MAX_ARCHIVE_BYTES:
        raise ValidationFailed("Berkas terlalu besar.", {field: "Berkas terlalu besar (maksimal 10 MB)."})
    kind = uploads.require_kind(content, ACCEPTED_KINDS, field)
    if kind in uploads.IMAGE_KINDS:
        content = uploads.reencode_image(content, IMAGE_MAX_PX, field)
    else:
        check_pdf(content, field)
    return content, uploads.CONTENT_TYPES[kind], uploads.safe_filename(filename, kind)[:200]


# -- events -----------------------------------------------------------------------------------------------

def emit(target, event_type: str, data: dict) -> None:
    """``tx.emit`` when ``target`` is a ``situok_kit.db.Transaction`` (the event carries its actor), else the
    outbox row written through the bare session (the relay's next poll sends it)."""
    if hasattr(target, "emit"):
        target.emit(event_type, data)
        return
    envelope = Envelope(type=event_type, data=data)
    target.execute(insert(kit_tables.outbox).values(event_id=envelope.id, event_type=event_type,
                                                    envelope=envelope.to_dict(), headers={}))


def _session(target):
    return target.session if hasattr(target, "emit") else target


# -- classifications --------------------------------------------------------------------------------------

def classification_for_new(session, code: str, field: str = "classification_code") -> ArchiveClassification:
    found = session.get(ArchiveClassification, code)
    if found is None:
        raise ValidationFailed("Kode klasifikasi tidak dikenal.", {field: f"Kode {code} tidak ada di daftar."})
    if not found.active:
        raise ValidationFailed("Kode klasifikasi tidak dipakai lagi.", {field: f"Kode {code} sudah tidak aktif."})
    return found


def list_classifications(session) -> list[ArchiveClassification]:
    return list(session.scalars(select(ArchiveClassification).order_by(ArchiveClassification.code)))


def parse_classifications(content: bytes, field: str = "content_b64") -> list[dict]:
    """The rows of a classification CSV (``code,name,active_years,inactive_years,disposition[,note]``); every
    bad row and column is reported at once (422), so nothing is half-loaded."""
    uploads.require_kind(content, {"text"}, field)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("Berkas ditolak.", {field: "Berkas harus teks UTF-8."}) from None
    reader = csv.DictReader(io.StringIO(text))
    wanted = ("code", "name", "active_years", "inactive_years", "disposition")
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise ValidationFailed("Kolom CSV kurang.", {field: "Kolom wajib tidak ada: " + ", ".join(missing) + "."})
    reader.fieldnames = header
    rows, errors, seen = [], {}, set()
    for line, raw in enumerate(reader, start=2):
        raw = {k: (v or "").strip() for k, v in raw.items() if k}
        row = {"code": raw.get("code", ""), "name": raw.get("name", ""), "note": raw.get("note") or None}
        if not CLASSIFICATION_CODE.match(row["code"]):
            errors[f"baris {line}.code"] = "Kode klasifikasi seperti 900.1.4."
        elif row["code"] in seen:
            errors[f"baris {line}.code"] = f"Kode {row['code']} ganda."
        seen.add(row["code"])
        if not row["name"] or len(row["name"]) > 300:
            errors[f"baris {line}.name"] = "Nama wajib diisi (maksimal 300 karakter)."
        for column in ("active_years", "inactive_years"):
            value = raw.get(column, "")
            if not value.isdigit() or int(value) > 100:
                errors[f"baris {line}.{column}"] = "Bilangan bulat 0-100."
            else:
                row[column] = int(value)
        row["disposition"] = raw.get("disposition", "").lower()
        if row["disposition"] not in DISPOSITIONS:
            errors[f"baris {line}.disposition"] = "Harus musnah atau permanen."
        if row["note"] and len(row["note"]) > 500:
            errors[f"baris {line}.note"] = "Maksimal 500 karakter."
        rows.append(row)
    if not rows and not errors:
        errors[field] = "Daftar klasifikasi kosong."
    if errors:
        raise ValidationFailed("Daftar klasifikasi ditolak; tidak ada yang dimuat.", errors)
    return rows


def load_classifications(session, rows: list[dict], replace: bool = True) -> dict:
    """Upsert ``rows``; with ``replace`` the codes not in ``rows`` stop being offered for new documents
    (documents keep them). Counts of what changed."""
    advisory_lock(session, _LOCK_CLASSIFICATIONS)
    existing = {c.code: c for c in session.scalars(select(ArchiveClassification))}
    counts = {"created": 0, "updated": 0, "deactivated": 0}
    for row in rows:
        found = existing.get(row["code"])
        values = {**row, "active": True}
        if found is None:
            session.add(ArchiveClassification(**values))
            counts["created"] += 1
        elif any(getattr(found, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(found, k, v)
            counts["updated"] += 1
    if replace:
        codes = {row["code"] for row in rows}
        for code, found in existing.items():
            if code not in codes and found.active:
                found.active = False
                counts["deactivated"] += 1
    session.flush()
    return counts


def seed_classifications(session) -> dict:
    """Seeder: the shipped list (``finance/data/archive_classifications.csv``, marked *verify*), adding only the
    codes not there yet (an admin's changes stay)."""
    rows = parse_classifications(CLASSIFICATIONS_CSV.read_bytes())
    advisory_lock(session, _LOCK_CLASSIFICATIONS)
    have = set(session.scalars(select(ArchiveClassification.code)))
    new = [row for row in rows if row["code"] not in have]
    for row in new:
        session.add(ArchiveClassification(**row))
    session.flush()
    return {"archive_classifications": len(new)}


# -- storing ----------------------------------------------------------------------------------------------

def _new_document(session, *, classification_code: str, title: str, created_by: str, unit_id, document_date,
                  fiscal_year, month, spj_id, vendor, account_code, number, description,
                  today: date | None = None) -> ArchiveDocument:
    if not title or not str(title).strip():
        raise ValidationFailed("Judul wajib diisi.", {"title": "Wajib diisi."})
    classification = classification_for_new(session, classification_code)
    year, month = period(document_date, fiscal_year, month, today or wita_day())
    if not 1 <= month <= 12:
        raise ValidationFailed("Bulan tidak valid.", {"month": "Bulan 1-12."})
    return ArchiveDocument(
        number=number, title=str(title).strip()[:300], description=description,
        classification_code=classification.code,
        retention_until=retention_until(year, classification.active_years, classification.inactive_years),
        fiscal_year=year, month=month, unit_id=unit_id, vendor=vendor, account_code=account_code,
        document_date=document_date, spj_id=spj_id, created_by=created_by)


def _archived(target, document: ArchiveDocument) -> ArchiveDocument:
    session = _session(target)
    session.add(document)
    session.flush()
    session.refresh(document)
    emit(target, Finance.DOCUMENT_ARCHIVED, _archived_event.dump(document))
    return document


def store_file(session, storage: Storage, *, filename: str, content: bytes, classification_code: str, title: str,
               created_by: str, unit_id: int | None = None, document_date: date | None = None,
               fiscal_year: int | None = None, month: int | None = None, spj_id: int | None = None,
               vendor: str | None = None, account_code: str | None = None, number: str | None = None,
               description: str | None = None) -> ArchiveDocument:
    """Archive one file (an upload, or another area's printout): judged by content, stored under its key,
    registered with its classification and retention; ``finance.document_archived`` published.

    ``session`` is the caller's transaction: a ``situok_kit.db.Transaction`` (the event carries its actor) or
    its bare ``Session``. 422 for a bad file or an unknown classification, 409 when the same file is already
    archived under the same key."""
    db = _session(session)
    document = _new_document(db, classification_code=classification_code, title=title, created_by=created_by,
                             unit_id=unit_id, document_date=document_date, fiscal_year=fiscal_year, month=month,
                             spj_id=spj_id, vendor=vendor, account_code=account_code, number=number,
                             description=description)
    content, content_type, safe_name = judged(content, filename)
    sha256 = hashlib.sha256(content).hexdigest()
    key = storage_key(document.fiscal_year, document.month, unit_id, sha256, safe_name)
    same = db.scalar(select(ArchiveDocument.id).where(ArchiveDocument.storage_key == key))
    if same is not None:
        raise Conflict(f"Berkas yang sama sudah diarsipkan (dokumen #{same}).",
                       {"content_b64": f"Sudah diarsipkan sebagai dokumen #{same}."})
    storage.put(key, content, content_type)
    document.kind = "file"
    document.storage_key = key
    document.filename = safe_name
    document.content_type = content_type
    document.size_bytes = len(content)
    document.sha256 = sha256
    return _archived(session, document)


def upload(tx, storage: Storage, caller: Caller, data: dict) -> ArchiveDocument:
    """``archive_upload``: a file from a PPTK, bendahara or admin (``ArchiveUploadIn``)."""
    require_archivist(caller)
    return store_file(tx, storage, filename=data["filename"], content=data["content_b64"],
                      classification_code=data["classification_code"], title=data["title"],
                      created_by=caller.username, unit_id=data.get("unit_id"),
                      document_date=data.get("document_date"), spj_id=data.get("spj_id"),
                      vendor=data.get("vendor"), account_code=data.get("account_code"), number=data.get("number"),
                      description=data.get("description"))


def register_link(tx, caller: Caller, data: dict) -> ArchiveDocument:
    """``archive_register_link``: a document kept elsewhere (``ArchiveLinkIn``)."""
    require_archivist(caller)
    document = _new_document(
        tx.session, classification_code=data["classification_code"], title=data["title"],
        created_by=caller.username, unit_id=data.get("unit_id"), document_date=data.get("document_date"),
        fiscal_year=None, month=None, spj_id=data.get("spj_id"), vendor=data.get("vendor"),
        account_code=data.get("account_code"), number=data.get("number"), description=data.get("description"))
    document.kind = "link"
    document.url = data["url"]
    document.sha256 = data["sha256"].lower() if data.get("sha256") else None
    document.filename = uploads.safe_filename(data["filename"])[:200] if data.get("filename") else None
    return _archived(tx, document)


# -- reading ----------------------------------------------------------------------------------------------

def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _views(session, documents: list[ArchiveDocument]) -> list[dict]:
    """The register's rows as ``ArchiveDocumentOut`` reads them (classification and unit names added)."""
    codes = {d.classification_code for d in documents}
    units = {d.unit_id for d in documents if d.unit_id}
    classes = {c.code: c for c in session.scalars(
        select(ArchiveClassification).where(ArchiveClassification.code.in_(codes)))} if codes else {}
    names = dict(session.execute(select(RosterUnit.id, RosterUnit.name).where(RosterUnit.id.in_(units))).all()) \
        if units else {}
    out = []
    for d in documents:
        c = classes.get(d.classification_code)
        view = {column: getattr(d, column) for column in (
            "id", "number", "title", "description", "classification_code", "retention_until", "fiscal_year",
            "month", "unit_id", "vendor", "account_code", "document_date", "spj_id", "kind", "filename",
            "content_type", "size_bytes", "sha256", "url", "storage_key", "created_by", "created_at",
            "integrity", "checked_at")}
        view.update(classification_name=c.name if c else None, disposition=c.disposition if c else None,
                    unit_name=names.get(d.unit_id),
                    allowed_actions=["download"] if d.kind == "file" else ["open_link"])
        out.append(view)
    return out


def list_documents(session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """The register, newest first (keyset on id), narrowed by ``ArchiveFilters``."""
    require_reader(caller)
    q = select(ArchiveDocument)
    f = {k: v for k, v in filters.items() if v is not None}
    if "number" in f:
        q = q.where(ArchiveDocument.number.ilike(_like(f["number"]), escape="\\"))
    if "vendor" in f:
        q = q.where(ArchiveDocument.vendor.ilike(_like(f["vendor"]), escape="\\"))
    if "account_code" in f:
        q = q.where(ArchiveDocument.account_code.startswith(f["account_code"], autoescape=True))
    if "date_from" in f:
        q = q.where(ArchiveDocument.document_date >= f["date_from"])
    if "date_to" in f:
        q = q.where(ArchiveDocument.document_date <= f["date_to"])
    for column in ("fiscal_year", "month", "unit_id", "spj_id", "kind", "integrity"):
        if column in f:
            q = q.where(getattr(ArchiveDocument, column) == f[column])
    if "classification_code" in f:
        code = f["classification_code"]
        q = q.where(or_(ArchiveDocument.classification_code == code,
                        ArchiveDocument.classification_code.startswith(code + ".", autoescape=True)))
    if "q" in f:
        q = q.where(ArchiveDocument.search.op("@@")(func.plainto_tsquery("simple", f["q"])))
    after = decode_cursor(cursor, 1)
    if after is not None:
        q = q.where(ArchiveDocument.id < int(after[0]))
    rows = list(session.scalars(q.order_by(ArchiveDocument.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda d: [d.id])
    result["items"] = _views(session, result["items"])
    return result


def _document(session, document_id: int) -> ArchiveDocument:
    found = session.get(ArchiveDocument, document_id)
    if found is None:
        raise NotFound("Dokumen arsip tidak ditemukan.")
    return found


def get_document(session, caller: Caller, document_id: int) -> dict:
    require_reader(caller)
    return _views(session, [_document(session, document_id)])[0]


def document_file(session, storage: Storage, caller: Caller, document_id: int) -> dict:
    """The stored file ``{filename, content_type, sha256, content}`` (an attachment at the edges); a link has
    no file here (404), nor has a document whose file is gone."""
    require_reader(caller)
    document = _document(session, document_id)
    if document.kind != "file":
        raise NotFound("Dokumen ini berupa tautan; bukalah alamatnya.")
    try:
        content = storage.get(document.storage_key)
    except StorageMissing:
        raise NotFound("Berkas dokumen arsip tidak ada di penyimpanan.") from None
    return {"filename": document.filename, "content_type": document.content_type, "sha256": document.sha256,
            "content": content}
