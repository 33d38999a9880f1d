"""An event's documentation (Dokumentasi Pimpinan): get-or-create, the texts, the workflow steps
(``documentation_workflow.DOCUMENTATION``), the announcement when it becomes public, the staff's lists, and the
sample for ``make run`` (``demo``). Photos and attachments: ``domain.photos``.

* Documentation belongs to an event that exists and is not cancelled (a tentative event's documentation may be
  drafted). Only protocol staff and the publication approver read it here; the portal reads it through
  ``domain.publication``'s rule.
* Texts are edited with the ``version`` read (409 when stale); every step bumps the version too.
* Approval sets ``approved_at``/``approved_by_employee_id`` and ``public_from`` (``publication.public_from``:
  the approval, or the embargo's end). ``agenda.documentation_published`` goes out once, when it becomes
  public: in the approval's transaction without an embargo, else from ``announce_due`` (a timer).
* A withdrawal (approver, with a reason) returns approved documentation to ``returned``: off the portal.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.clock import utcnow
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..models import AgendaEvent, EventLeader, Leader
from ..models.documentation import Documentation, DocumentationAttachment, DocumentationPhoto
from ..schemas.documentation import (
    DocumentationPublishedEvent,
    DocumentationReturnedEvent,
    DocumentationSubmittedEvent,
)
from . import portal, publication, steps
from .access import NOT_PROTOCOL, Caller
from .documentation_workflow import DOCUMENTATION, VERBS, capacities, guards

NOT_STAFF = "Hanya staf protokol dan penyetuju publikasi yang dapat membuka dokumentasi."
TEXT_FIELDS = ("minutes", "minutes_public", "press_release", "embargo_until")

_submitted_event = DocumentationSubmittedEvent()
_returned_event = DocumentationReturnedEvent()
_published_event = DocumentationPublishedEvent()


def require_staff(caller: Caller) -> Caller:
    return caller.require(caller.is_protocol_staff or caller.approves_publication, NOT_STAFF)


# -- facts ------------------------------------------------------------------------------------------------------

def get(session: Session, documentation_id: int, *, lock: bool = False) -> Documentation:
    query = select(Documentation).where(Documentation.id == documentation_id)
    row = session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise NotFound("Dokumentasi tidak ditemukan.")
    return row


def event_of(session: Session, event_id: int) -> AgendaEvent:
    event = session.get(AgendaEvent, event_id)
    if event is None:
        raise NotFound("Kegiatan tidak ditemukan.")
    return event


def _photo_facts(session: Session, documentation_id: int) -> tuple[int, list[int]]:
    """(how many photos, the ids of those without alt text, in order)."""
    rows = session.execute(select(DocumentationPhoto.id, DocumentationPhoto.alt_text)
                           .where(DocumentationPhoto.documentation_id == documentation_id)
                           .order_by(DocumentationPhoto.position, DocumentationPhoto.id)).all()
    return len(rows), [r.id for r in rows if not (r.alt_text or "").strip()]


def _capacities(caller: Caller, doc) -> frozenset[str]:
    submitted_it = caller.employee_id is not None and doc.submitted_by_employee_id == caller.employee_id
    return capacities(protocol_staff=caller.is_protocol_staff, approver=caller.approves_publication,
                      submitted_it=submitted_it)


def _allowed(caller: Caller, doc, event_status: str, photo_count: int, missing_alt: list[int]) -> list[str]:
    if event_status == "cancelled":
        return []
    return DOCUMENTATION.allowed_actions(doc.status, _capacities(caller, doc),
                                         guards(photo_count, bool(doc.press_release), missing_alt))


def check(session: Session, caller: Caller, doc: Documentation, action: str):
    """The step ``action`` for this caller on ``doc`` (403/409/422 as ``Workflow.check``); an event cancelled
    since is a 409: its documentation is closed."""
    event = event_of(session, doc.event_id)
    count, missing = _photo_facts(session, doc.id)
    try:
        step = DOCUMENTATION.check(action, doc.status, _capacities(caller, doc),
                                   guards(count, bool(doc.press_release), missing), verb=VERBS[action])
    except ValidationFailed as exc:
        if missing and any(name.endswith(".alt_text") for name in exc.fields):
            # name every photo without alt text, not only the first
            raise ValidationFailed("Teks alternatif foto wajib diisi sebelum diajukan.",
                                   {f"photos.{pid}.alt_text": "Teks alternatif (alt) foto wajib diisi."
                                    for pid in missing}) from None
        raise
    if event.status == "cancelled":
        raise Conflict("Kegiatan ini dibatalkan: dokumentasinya tidak dapat diubah.",
                       {"event_id": "Kegiatan dibatalkan."})
    return step


def touch(doc: Documentation, now: datetime | None = None) -> None:
    doc.version += 1
    doc.updated_at = now or utcnow()


# -- views ------------------------------------------------------------------------------------------------------

def detail(session: Session, caller: Caller, doc: Documentation, *, now: datetime | None = None) -> View:
    """One documentation with its photos (no bytes), attachments (no bytes) and ``allowed_actions``."""
    now = now or utcnow()
    event = event_of(session, doc.event_id)
    photos = session.execute(select(DocumentationPhoto.id, DocumentationPhoto.caption, DocumentationPhoto.alt_text,
                                    DocumentationPhoto.content_type, DocumentationPhoto.width,
                                    DocumentationPhoto.height, DocumentationPhoto.position,
                                    DocumentationPhoto.created_at)
                             .where(DocumentationPhoto.documentation_id == doc.id)
                             .order_by(DocumentationPhoto.position, DocumentationPhoto.id)).mappings().all()
    attachments = session.execute(select(DocumentationAttachment.id, DocumentationAttachment.title,
                                         DocumentationAttachment.filename, DocumentationAttachment.content_type,
                                         DocumentationAttachment.size, DocumentationAttachment.public,
                                         DocumentationAttachment.created_at)
                                  .where(DocumentationAttachment.documentation_id == doc.id)
                                  .order_by(DocumentationAttachment.id)).mappings().all()
    missing = [p["id"] for p in photos if not (p["alt_text"] or "").strip()]
    return View(doc, event_title=event.title, event_starts_at=event.starts_at, event_status=event.status,
                is_public=publication.documentation_is_public(status=doc.status, public_from=doc.public_from,
                                                              event_status=event.status, now=now),
                photos=[dict(p) for p in photos], attachments=[dict(a) for a in attachments],
                allowed_actions=_allowed(caller, doc, event.status, len(photos), missing))


def for_event(session: Session, caller: Caller, event_id: int) -> Documentation:
    """The documentation of ``event_id`` (staff; 404 when there is none yet)."""
    require_staff(caller)
    event_of(session, event_id)
    doc = session.scalar(select(Documentation).where(Documentation.event_id == event_id))
    if doc is None:
        raise NotFound("Kegiatan ini belum memiliki dokumentasi.")
    return doc


def readable(session: Session, caller: Caller, documentation_id: int) -> Documentation:
    require_staff(caller)
    return get(session, documentation_id)


# -- writes -----------------------------------------------------------------------------------------------------

def open_for_event(tx, caller: Caller, event_id: int) -> Documentation:
    """The event's documentation, created as a draft when it has none (protocol staff). The event must exist
    and not be cancelled; a tentative event's documentation may be drafted. Two calls at once make one."""
    caller.require(caller.is_protocol_staff, NOT_PROTOCOL)
    session = tx.session
    event = session.scalar(select(AgendaEvent).where(AgendaEvent.id == event_id).with_for_update())
    if event is None:
        raise NotFound("Kegiatan tidak ditemukan.")
    doc = session.scalar(select(Documentation).where(Documentation.event_id == event_id))
    if doc is not None:
        return doc
    if event.status == "cancelled":
        raise Conflict("Kegiatan yang dibatalkan tidak didokumentasikan.", {"event_id": "Kegiatan dibatalkan."})
    doc = Documentation(event_id=event.id, status="draft", minutes_public=False, announced=False, version=1)
    session.add(doc)
    session.flush()
    steps.record(session, event.id, "documentation_opened", caller)
    session.refresh(doc)
    return doc


def edit_texts(tx, caller: Caller, documentation_id: int, changes: dict) -> Documentation:
    """Minutes, whether they are public, the press release, the embargo — with the version read."""
    session = tx.session
    doc = get(session, documentation_id, lock=True)
    check(session, caller, doc, "edit")
    if changes["version"] != doc.version:
        raise Conflict("Dokumentasi telah diubah orang lain; muat ulang lalu ulangi.",
                       {"version": f"Versi saat ini: {doc.version}."})
    for name in TEXT_FIELDS:
        if name in changes:
            setattr(doc, name, changes[name])
    touch(doc)
    session.flush()
    return doc


def _event_payload(session: Session, doc: Documentation) -> tuple[AgendaEvent, int]:
    event = event_of(session, doc.event_id)
    count = session.scalar(select(func.count()).select_from(DocumentationPhoto)
                           .where(DocumentationPhoto.documentation_id == doc.id))
    return event, count


def submit(tx, caller: Caller, documentation_id: int, *, now: datetime | None = None) -> Documentation:
    session = tx.session
    now = now or utcnow()
    doc = get(session, documentation_id, lock=True)
    step = check(session, caller, doc, "submit")
    doc.status = step.target
    doc.submitted_at = now
    doc.submitted_by_employee_id = caller.employee_id
    doc.return_note = None
    touch(doc, now)
    event, count = _event_payload(session, doc)
    steps.record(session, doc.event_id, "documentation_submitted", caller)
    tx.emit(step.event, _submitted_event.dump({"documentation_id": doc.id, "event_id": event.id,
                                                "title": event.title, "photo_count": count,
                                                "submitted_at": now}))
    session.flush()
    return doc


def _announce(tx, doc: Documentation) -> None:
    event, count = _event_payload(tx.session, doc)
    tx.emit(AgendaEvents.DOCUMENTATION_PUBLISHED, _published_event.dump({
        "documentation_id": doc.id, "event_id": event.id, "title": event.title, "public_from": doc.public_from,
        "photo_count": count}))


def approve(tx, caller: Caller, documentation_id: int, payload: dict, *,
            now: datetime | None = None) -> Documentation:
    """The approver (never whoever submitted it) approves; an embargo given here replaces the texts' one.
    Public at once without an embargo (the event goes out now), else ``announce_due`` announces it."""
    session = tx.session
    now = now or utcnow()
    doc = get(session, documentation_id, lock=True)
    step = check(session, caller, doc, "approve")
    if "embargo_until" in payload:
        doc.embargo_until = payload["embargo_until"]
    doc.status = step.target
    doc.approved_at = now
    doc.approved_by_employee_id = caller.employee_id
    doc.public_from = publication.public_from(now, doc.embargo_until)
    doc.return_note = None
    touch(doc, now)
    event = event_of(session, doc.event_id)
    public = publication.documentation_is_public(status=doc.status, public_from=doc.public_from,
                                                 event_status=event.status, now=now)
    doc.announced = public
    steps.record(session, doc.event_id, "documentation_approved", caller,
                 None if public else f"embargo sampai {doc.public_from.isoformat()}")
    session.flush()
    if public:
        _announce(tx, doc)
    return doc


def _send_back(tx, caller: Caller, documentation_id: int, action: str, note: str) -> Documentation:
    session = tx.session
    doc = get(session, documentation_id, lock=True)
    step = check(session, caller, doc, action)
    withdrawn = action == "withdraw"
    doc.status = step.target
    doc.return_note = note
    if withdrawn:
        doc.public_from = None
        doc.approved_at = None
        doc.approved_by_employee_id = None
        doc.announced = False
    touch(doc)
    event = event_of(session, doc.event_id)
    steps.record(session, doc.event_id, f"documentation_{'withdrawn' if withdrawn else 'returned'}", caller, note)
    tx.emit(step.event, _returned_event.dump({"documentation_id": doc.id, "event_id": event.id,
                                              "title": event.title, "withdrawn": withdrawn, "note": note}))
    session.flush()
    return doc


def return_(tx, caller: Caller, documentation_id: int, note: str) -> Documentation:
    """The approver sends submitted documentation back to protocol staff with a note."""
    return _send_back(tx, caller, documentation_id, "return", note)


def withdraw(tx, caller: Caller, documentation_id: int, reason: str) -> Documentation:
    """The approver takes approved documentation off the portal (back to ``returned``) with a reason."""
    return _send_back(tx, caller, documentation_id, "withdraw", reason)


def announce_due(tx, now: datetime) -> list[int]:
    """Announce approved documentation whose embargo has ended (not announced yet, event not cancelled): one
    ``agenda.documentation_published`` each, exactly once — the ``UPDATE … WHERE announced = false RETURNING``
    takes each row once however many instances run it at the same time. Returns the ids announced."""
    session = tx.session
    live_events = select(AgendaEvent.id).where(AgendaEvent.status != "cancelled")
    ids = list(session.scalars(
        update(Documentation)
        .where(Documentation.status == "approved", Documentation.announced.is_(False),
               Documentation.public_from <= now, Documentation.event_id.in_(live_events))
        .values(announced=True)
        .returning(Documentation.id)
        .execution_options(synchronize_session=False)))
    for documentation_id in sorted(ids):
        _announce(tx, session.get(Documentation, documentation_id))
    return sorted(ids)


# -- lists ------------------------------------------------------------------------------------------------------

def _summary_query():
    photo_count = (select(func.count()).select_from(DocumentationPhoto)
                   .where(DocumentationPhoto.documentation_id == Documentation.id).correlate(Documentation)
                   .scalar_subquery())
    missing_alt = (select(func.count()).select_from(DocumentationPhoto)
                   .where(DocumentationPhoto.documentation_id == Documentation.id,
                          func.coalesce(func.trim(DocumentationPhoto.alt_text), "") == "")
                   .correlate(Documentation).scalar_subquery())
    return (select(Documentation, AgendaEvent.title, AgendaEvent.starts_at, AgendaEvent.status.label("ev_status"),
                   photo_count.label("photo_count"), missing_alt.label("missing_alt"))
            .join(AgendaEvent, AgendaEvent.id == Documentation.event_id))


def _summaries(caller: Caller, rows, now: datetime) -> list[View]:
    out = []
    for doc, title, starts_at, ev_status, count, missing in rows:
        out.append(View(doc, event_title=title, event_starts_at=starts_at, event_status=ev_status,
                        photo_count=count,
                        is_public=publication.documentation_is_public(status=doc.status, public_from=doc.public_from,
                                                                      event_status=ev_status, now=now),
                        allowed_actions=_allowed(caller, doc, ev_status, count, [0] * missing)))
    return out


def _moment(value) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali."}) from None


def _paged(session, caller, query, cursor_columns, key, cursor, limit, now, descending: bool) -> dict:
    after = decode_cursor(cursor, 2)
    if after is not None:
        moment, last_id, column = _moment(after[0]), after[1], cursor_columns
        if descending:
            query = query.where((column < moment) | ((column == moment) & (Documentation.id < last_id)))
        else:
            query = query.where((column > moment) | ((column == moment) & (Documentation.id > last_id)))
    if descending:
        order = (cursor_columns.desc(), Documentation.id.desc())
    else:
        order = (cursor_columns.asc(), Documentation.id.asc())
    rows = session.execute(query.order_by(*order).limit(limit + 1)).all()
    result = page(rows, limit, key)
    result["items"] = _summaries(caller, result["items"], now)
    return result


def queue(session: Session, caller: Caller, cursor: str | None, limit: int, *,
          now: datetime | None = None) -> dict:
    """Approvers: submitted documentation, the oldest submission first."""
    caller.require_approver()
    query = _summary_query().where(Documentation.status == "submitted")
    return _paged(session, caller, query, Documentation.submitted_at,
                  lambda row: [row[0].submitted_at.isoformat(), row[0].id], cursor, limit, now or utcnow(), False)


def listing(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int, *,
            now: datetime | None = None) -> dict:
    """Staff: every event's documentation, the latest event first (optionally of one status)."""
    require_staff(caller)
    query = _summary_query()
    if filters.get("status"):
        query = query.where(Documentation.status == filters["status"])
    return _paged(session, caller, query, AgendaEvent.starts_at,
                  lambda row: [row[2].isoformat(), row[0].id], cursor, limit, now or utcnow(), True)


def recently_published(session: Session, caller: Caller, cursor: str | None, limit: int, *,
                       now: datetime | None = None) -> dict:
    """Staff: documentation public now, the latest publication first."""
    require_staff(caller)
    now = now or utcnow()
    query = _summary_query().where(portal.documentation_public_sql(now))
    return _paged(session, caller, query, Documentation.public_from,
                  lambda row: [row[0].public_from.isoformat(), row[0].id], cursor, limit, now, True)


# -- sample data (make run) ---------------------------------------------------------------------------------------

DEMO_TITLE = "Rapat Koordinasi Keprotokolan"
#: The sample's press release: how ``demo`` knows its part is there already.
DEMO_PRESS_RELEASE = ("Biro Umum dan Protokol menggelar rapat koordinasi keprotokolan untuk menyiapkan rangkaian "
                      "kegiatan pimpinan bulan ini.")


def _demo_jpeg() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (28, 78, 128))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 420, 880, 560), fill=(240, 240, 240))
    draw.ellipse((380, 120, 580, 320), fill=(230, 190, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def demo(session: Session) -> dict:
    """A past public event's documentation, approved and published, with one generated photo (alt text and
    caption) and a press release. Uses the latest past ``done`` public event without documentation, else makes
    its own (``DEMO_TITLE``, external, one leader); nothing the second time."""
    from .photos import variants

    if session.scalar(select(Documentation.id).where(Documentation.press_release == DEMO_PRESS_RELEASE)):
        return {}
    now = utcnow()
    created_event = 0
    undocumented = select(Documentation.id).where(Documentation.event_id == AgendaEvent.id).exists()
    event = session.scalar(select(AgendaEvent).where(AgendaEvent.status == "done", AgendaEvent.is_public.is_(True),
                                                     AgendaEvent.ends_at < now, ~undocumented)
                           .order_by(AgendaEvent.starts_at.desc(), AgendaEvent.id.desc()).limit(1))
    if event is None:
        starts = (now - timedelta(days=3)).replace(hour=2, minute=0, second=0, microsecond=0)
        event = AgendaEvent(title=DEMO_TITLE, description="Koordinasi persiapan upacara dan kunjungan pimpinan.",
                            starts_at=starts, ends_at=starts + timedelta(hours=2), location_kind="external",
                            address="Gedung Jaya Sabha, Denpasar", organiser="Biro Umum dan Protokol",
                            status="done", is_public=True, room_status="none",
                            public_summary="Rapat koordinasi keprotokolan bersama perangkat daerah.")
        session.add(event)
        session.flush()
        leader = session.scalar(select(Leader).where(Leader.active.is_(True)).order_by(Leader.position, Leader.id))
        if leader is not None:
            session.add(EventLeader(event_id=event.id, leader_id=leader.id, role="attends"))
        created_event = 1
    content, web_copy, thumbnail, width, height = variants(_demo_jpeg(), "jpeg")
    approved_at = event.ends_at if event.ends_at < now else now
    doc = Documentation(event_id=event.id, status="approved", minutes="Notulen rapat koordinasi (contoh).",
                        minutes_public=False, press_release=DEMO_PRESS_RELEASE,
                        submitted_at=approved_at, approved_at=approved_at,
                        public_from=publication.public_from(approved_at, None), announced=True, version=1)
    session.add(doc)
    session.flush()
    session.add(DocumentationPhoto(documentation_id=doc.id, caption="Suasana rapat koordinasi keprotokolan.",
                                   alt_text="Peserta rapat duduk di meja panjang mendengarkan paparan.",
                                   content_type="image/jpeg", content=content, web_copy=web_copy,
                                   thumbnail=thumbnail, width=width, height=height, position=1))
    session.flush()
    return {"events": created_event, "documentations": 1, "photos": 1}
