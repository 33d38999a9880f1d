"""What the public portal shows (no identity: everything here is public, ``domain.publication`` decides).

* **visible on the portal**: an event that is public (``is_public`` and confirmed/postponed/done), or one whose
  documentation is public (approved, past its embargo, the event not cancelled) — the SQL below
  (``event_public_sql``, ``documentation_public_sql``) is the same rule as ``domain.publication``'s functions, and
  ``tests/test_agenda_portal.py`` checks that both agree on a table of cases;
* ``upcoming``: public events from today (WITA) on, soonest first (keyset);
* ``months`` / ``archive``: the month index (``YYYY-MM`` in WITA, counts per month) and one month's events,
  newest first — every visible event, or with ``documented`` only those with public documentation;
* ``search``: PostgreSQL full-text search with the ``simple`` configuration (no stemming: Indonesian and English
  alike; every word a prefix) over an event's title and public summary, and a public press release; the GIN
  indexes of revision 0006 serve it;
* ``event_page``: one event with its public documentation (press release, photos' alt/caption, the minutes only
  when ``minutes_public``, the attachments marked ``public``);
* ``photo`` / ``attachment``: a file of public documentation (a photo's web copy or thumbnail, never the stored
  original);
* ``feed`` / ``sitemap``: the Atom feed's entries (documentation published, public events confirmed) and the
  sitemap's.

Never selected here: guests (any field), protocol notes, the internal description, the organiser, the dress code,
who entered or approved anything, rooms' booking ids. Every answer carries ``version`` (``versioned``: a hash of
the answer itself) that the edges use as the ETag.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, time

from situok_kit.clock import at_wita, utcnow, wita_day
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.pagination import clamp_limit, decode_cursor, page
from situok_kit.uploads import CONTENT_TYPES, sniff
from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from ..models import (
    AgendaEvent,
    Documentation,
    DocumentationAttachment,
    DocumentationPhoto,
    EventLeader,
    Leader,
)
from .publication import PUBLIC_EVENT_STATUSES

MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
PHOTO_VARIANTS = ("web", "thumb")
SEARCH_MIN, SEARCH_MAX, SEARCH_WORDS = 2, 100, 8
FEED_ENTRIES = 30
SITEMAP_MAX = 10000
SUMMARY_CHARS = 300
#: The full-text documents (the same expressions as the GIN indexes of revision 0006).
EVENT_TEXT = literal_column(
    "to_tsvector('simple'::regconfig, coalesce(agenda_events.title, '') || ' ' || "
    "coalesce(agenda_events.public_summary, ''))")
RELEASE_TEXT = literal_column(
    "to_tsvector('simple'::regconfig, coalesce(documentations.press_release, ''))")
MONTH_OF_EVENT = func.to_char(func.timezone("Asia/Makassar", AgendaEvent.starts_at), "YYYY-MM")


# -- the rule, in SQL ----------------------------------------------------------------------------------------
def event_public_sql():
    """``publication.event_is_public`` over ``agenda_events``."""
    return and_(AgendaEvent.is_public.is_(True), AgendaEvent.status.in_(PUBLIC_EVENT_STATUSES))


def documentation_public_sql(now: datetime):
    """``publication.documentation_is_public`` over ``documentations`` joined to its ``agenda_events``."""
    return and_(Documentation.status == "approved", Documentation.public_from.is_not(None),
                Documentation.public_from <= now, AgendaEvent.status != "cancelled")


def _visible(now: datetime):
    """Events with their documentation when public (``doc_id`` null otherwise), restricted to those the portal
    shows: public, or documented publicly."""
    joined = select(AgendaEvent.id).select_from(AgendaEvent).outerjoin(
        Documentation, and_(Documentation.event_id == AgendaEvent.id, documentation_public_sql(now)))
    return joined, or_(event_public_sql(), Documentation.id.is_not(None))


def visible_event_ids(session: Session, now: datetime) -> set[int]:
    """Every event the portal shows at ``now`` (the test that SQL and rule agree reads this)."""
    query, condition = _visible(now)
    return set(session.scalars(query.where(condition)))


def public_documentation_event_ids(session: Session, now: datetime) -> set[int]:
    return set(session.scalars(select(AgendaEvent.id).join(Documentation, Documentation.event_id == AgendaEvent.id)
                               .where(documentation_public_sql(now))))


# -- helpers ---------------------------------------------------------------------------------------------------
def versioned(answer: dict) -> dict:
    """``answer`` with ``version``: a hash of its content (the ETag of what is built from it)."""
    raw = json.dumps(answer, sort_keys=True, default=str, separators=(",", ":")).encode()
    return {**answer, "version": hashlib.sha256(raw).hexdigest()[:20]}


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:20]


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", (title or "").lower())
    return "-".join(words)[:80].strip("-") or "kegiatan"


def place_of(location_kind: str, room_name: str | None, address: str | None) -> str | None:
    if location_kind == "internal":
        return ", ".join(p for p in (room_name, address) if p) or None
    return address or room_name


def _clip(value: str | None, size: int = SUMMARY_CHARS) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value if len(value) <= size else value[: size - 1].rsplit(" ", 1)[0] + "…"


def _month_bounds(month: str) -> tuple[datetime, datetime]:
    if not isinstance(month, str) or not MONTH.match(month):
        raise ValidationFailed("Bulan tidak valid.", {"month": "Harus bulan dengan format YYYY-MM."})
    year, number = int(month[:4]), int(month[5:])
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return at_wita(first, time(0)), at_wita(following, time(0))


_SUMMARY_COLUMNS = (AgendaEvent.id, AgendaEvent.title, AgendaEvent.starts_at, AgendaEvent.ends_at,
                    AgendaEvent.location_kind, AgendaEvent.room_name, AgendaEvent.address, AgendaEvent.status,
                    AgendaEvent.public_summary)


def _summary_query(now: datetime):
    cover = (select(DocumentationPhoto.id).where(DocumentationPhoto.documentation_id == Documentation.id)
             .order_by(DocumentationPhoto.position, DocumentationPhoto.id).limit(1).scalar_subquery())
    query = (select(*_SUMMARY_COLUMNS, Documentation.id.label("doc_id"), Documentation.public_from,
                    cover.label("cover_id"))
             .select_from(AgendaEvent)
             .outerjoin(Documentation, and_(Documentation.event_id == AgendaEvent.id, documentation_public_sql(now))))
    return query, or_(event_public_sql(), Documentation.id.is_not(None))


def _summaries(session: Session, rows) -> list[dict]:
    covers = {row.cover_id for row in rows if row.cover_id}
    alts = dict(session.execute(select(DocumentationPhoto.id, DocumentationPhoto.alt_text)
                                .where(DocumentationPhoto.id.in_(covers))).all()) if covers else {}
    return [{
        "id": row.id, "slug": slug(row.title), "title": row.title, "starts_at": row.starts_at,
        "ends_at": row.ends_at, "place": place_of(row.location_kind, row.room_name, row.address),
        "status": row.status, "public_summary": row.public_summary, "documented": row.doc_id is not None,
        "published_at": row.public_from if row.doc_id is not None else None,
        "cover": ({"id": row.cover_id, "alt_text": alts.get(row.cover_id) or row.title} if row.cover_id else None),
    } for row in rows]


def _keyset(cursor, limit, ascending: bool):
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 2)
    if after is None:
        return limit, None
    try:
        moment, last_id = datetime.fromisoformat(after[0]), int(after[1])
    except (TypeError, ValueError):
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
    at, key = AgendaEvent.starts_at, AgendaEvent.id
    if ascending:
        return limit, or_(at > moment, and_(at == moment, key > last_id))
    return limit, or_(at < moment, and_(at == moment, key < last_id))


def _key(item: dict) -> list:
    return [item["starts_at"].isoformat(), item["id"]]


# -- the answers ------------------------------------------------------------------------------------------------
def upcoming(session: Session, now: datetime | None = None, cursor=None, limit=20) -> dict:
    """Public events from the start of today (WITA), soonest first."""
    now = now or utcnow()
    limit, after = _keyset(cursor, limit, ascending=True)
    today = at_wita(wita_day(now), time(0))
    query = (select(*_SUMMARY_COLUMNS, Documentation.id.label("doc_id"), Documentation.public_from,
                    literal_column("NULL::integer").label("cover_id"))
             .select_from(AgendaEvent)
             .outerjoin(Documentation, and_(Documentation.event_id == AgendaEvent.id, documentation_public_sql(now)))
             .where(event_public_sql(), AgendaEvent.ends_at > today))
    if after is not None:
        query = query.where(after)
    rows = session.execute(query.order_by(AgendaEvent.starts_at, AgendaEvent.id).limit(limit + 1)).all()
    return page(_summaries(session, rows), limit, _key)


def months(session: Session, now: datetime | None = None, documented: bool = False) -> dict:
    """The archive's months, newest first, with how many events each shows (and how many are documented)."""
    now = now or utcnow()
    query, condition = _summary_query(now)
    inner = query.where(Documentation.id.is_not(None) if documented else condition).subquery()
    month = func.to_char(func.timezone("Asia/Makassar", inner.c.starts_at), "YYYY-MM")
    rows = session.execute(select(month.label("month"), func.count().label("events"),
                                  func.count(inner.c.doc_id).label("documented"))
                           .group_by(month).order_by(month.desc())).all()
    return {"items": [{"month": r.month, "events": r.events, "documented": r.documented} for r in rows]}


def archive(session: Session, month: str, now: datetime | None = None, documented: bool = False, cursor=None,
            limit=50) -> dict:
    """One month's visible events (``documented``: only those with public documentation), newest first."""
    now = now or utcnow()
    start, end = _month_bounds(month)
    limit, after = _keyset(cursor, limit, ascending=False)
    query, condition = _summary_query(now)
    query = query.where(Documentation.id.is_not(None) if documented else condition,
                        AgendaEvent.starts_at >= start, AgendaEvent.starts_at < end)
    if after is not None:
        query = query.where(after)
    rows = session.execute(query.order_by(AgendaEvent.starts_at.desc(), AgendaEvent.id.desc()).limit(limit + 1)).all()
    return {"month": month, **page(_summaries(session, rows), limit, _key)}


def search(session: Session, q: str, now: datetime | None = None, cursor=None, limit=20) -> dict:
    """Visible events whose title or public summary, or whose public press release, has every word of ``q``
    (as a prefix), newest first."""
    now = now or utcnow()
    words = re.findall(r"\w+", (q or "").lower())[:SEARCH_WORDS] if isinstance(q, str) else []
    if not isinstance(q, str) or len(q.strip()) < SEARCH_MIN or len(q) > SEARCH_MAX or not words:
        raise ValidationFailed("Kata pencarian tidak valid.",
                               {"q": f"Isi {SEARCH_MIN}–{SEARCH_MAX} karakter berupa kata."})
    tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), " & ".join(f"{w}:*" for w in words))
    limit, after = _keyset(cursor, limit, ascending=False)
    query, condition = _summary_query(now)
    query = query.where(condition, or_(EVENT_TEXT.op("@@")(tsquery),
                                       and_(Documentation.id.is_not(None), RELEASE_TEXT.op("@@")(tsquery))))
    if after is not None:
        query = query.where(after)
    rows = session.execute(query.order_by(AgendaEvent.starts_at.desc(), AgendaEvent.id.desc()).limit(limit + 1)).all()
    return {"q": q, **page(_summaries(session, rows), limit, _key)}


def _not_found() -> NotFound:
    return NotFound("Kegiatan tidak ditemukan.", {"event_id": "Tidak ada kegiatan publik dengan nomor ini."})


def event_page(session: Session, event_id, now: datetime | None = None) -> dict:
    """One visible event as its public page shows it, with its public documentation (``documentation`` null
    when there is none yet)."""
    now = now or utcnow()
    if not isinstance(event_id, int) or isinstance(event_id, bool) or event_id < 1:
        raise _not_found()
    query, condition = _summary_query(now)
    row = session.execute(query.where(condition, AgendaEvent.id == event_id)).one_or_none()
    if row is None:
        raise _not_found()
    event = _summaries(session, [row])[0]
    leaders = session.execute(select(Leader.title, EventLeader.role)
                              .join(EventLeader, EventLeader.leader_id == Leader.id)
                              .where(EventLeader.event_id == event_id)
                              .order_by(Leader.position, Leader.id)).all()
    event["leaders"] = [{"title": title, "role": role} for title, role in leaders]
    event["documentation"] = None
    if row.doc_id is not None:
        doc = session.execute(select(Documentation.press_release, Documentation.minutes, Documentation.minutes_public,
                                     Documentation.public_from).where(Documentation.id == row.doc_id)).one()
        photos = session.execute(select(DocumentationPhoto.id, DocumentationPhoto.caption, DocumentationPhoto.alt_text,
                                        DocumentationPhoto.width, DocumentationPhoto.height)
                                 .where(DocumentationPhoto.documentation_id == row.doc_id)
                                 .order_by(DocumentationPhoto.position, DocumentationPhoto.id)).all()
        files = session.execute(select(DocumentationAttachment.id, DocumentationAttachment.title,
                                       DocumentationAttachment.filename, DocumentationAttachment.content_type,
                                       DocumentationAttachment.size)
                                .where(DocumentationAttachment.documentation_id == row.doc_id,
                                       DocumentationAttachment.public.is_(True))
                                .order_by(DocumentationAttachment.id)).all()
        event["documentation"] = {
            "published_at": doc.public_from, "press_release": doc.press_release,
            "minutes": doc.minutes if doc.minutes_public else None,
            "photos": [{"id": p.id, "caption": p.caption, "alt_text": p.alt_text or p.caption or event["title"],
                        "width": p.width, "height": p.height} for p in photos],
            "attachments": [{"id": a.id, "title": a.title, "filename": a.filename, "content_type": a.content_type,
                             "size": a.size} for a in files],
        }
    return event


def home(session: Session, now: datetime | None = None, events: int = 4, documented: int = 4) -> dict:
    """The portal home's agenda section: the next public events and the latest published documentation."""
    now = now or utcnow()
    query, _ = _summary_query(now)
    latest = session.execute(query.where(Documentation.id.is_not(None))
                             .order_by(Documentation.public_from.desc(), Documentation.id.desc())
                             .limit(documented)).all()
    return {"upcoming": upcoming(session, now, None, events)["items"], "documented": _summaries(session, latest)}


def photo(session: Session, photo_id, variant: str, now: datetime | None = None) -> dict:
    """A public photo's web copy (``web``) or thumbnail (``thumb``) — never the stored original."""
    now = now or utcnow()
    if variant not in PHOTO_VARIANTS:
        raise ValidationFailed("Varian foto tidak valid.", {"variant": "Harus web atau thumb."})
    column = DocumentationPhoto.web_copy if variant == "web" else DocumentationPhoto.thumbnail
    row = None
    if isinstance(photo_id, int) and not isinstance(photo_id, bool):
        row = session.execute(select(DocumentationPhoto.id, column.label("content"))
                              .join(Documentation, Documentation.id == DocumentationPhoto.documentation_id)
                              .join(AgendaEvent, AgendaEvent.id == Documentation.event_id)
                              .where(DocumentationPhoto.id == photo_id, documentation_public_sql(now))).one_or_none()
    if row is None:
        raise NotFound("Foto tidak ditemukan.", {"photo_id": "Tidak ada foto publik dengan nomor ini."})
    content = bytes(row.content)
    return {"id": row.id, "variant": variant, "content_type": CONTENT_TYPES.get(sniff(content), "image/jpeg"),
            "content": content, "version": _digest(content)}


def attachment(session: Session, attachment_id, now: datetime | None = None) -> dict:
    """A public attachment of public documentation."""
    now = now or utcnow()
    row = None
    if isinstance(attachment_id, int) and not isinstance(attachment_id, bool):
        row = session.execute(select(DocumentationAttachment.id, DocumentationAttachment.filename,
                                     DocumentationAttachment.content_type, DocumentationAttachment.content)
                              .join(Documentation, Documentation.id == DocumentationAttachment.documentation_id)
                              .join(AgendaEvent, AgendaEvent.id == Documentation.event_id)
                              .where(DocumentationAttachment.id == attachment_id,
                                     DocumentationAttachment.public.is_(True),
                                     documentation_public_sql(now))).one_or_none()
    if row is None:
        raise NotFound("Lampiran tidak ditemukan.", {"attachment_id": "Tidak ada lampiran publik dengan nomor ini."})
    content = bytes(row.content)
    return {"id": row.id, "filename": row.filename, "content_type": row.content_type, "content": content,
            "version": _digest(content)}


def feed(session: Session, now: datetime | None = None, size: int = FEED_ENTRIES) -> dict:
    """The Atom feed's entries, newest first: documentation published (at ``public_from``) and public events
    (confirmed, postponed, done: at their last change)."""
    now = now or utcnow()
    docs = session.execute(select(AgendaEvent.id, AgendaEvent.title, Documentation.press_release,
                                  Documentation.public_from)
                           .join(Documentation, Documentation.event_id == AgendaEvent.id)
                           .where(documentation_public_sql(now))
                           .order_by(Documentation.public_from.desc(), Documentation.id.desc()).limit(size)).all()
    events = session.execute(select(AgendaEvent.id, AgendaEvent.title, AgendaEvent.public_summary,
                                    AgendaEvent.starts_at, AgendaEvent.updated_at)
                             .where(event_public_sql(), AgendaEvent.updated_at <= now)
                             .order_by(AgendaEvent.updated_at.desc(), AgendaEvent.id.desc()).limit(size)).all()
    entries = [{"kind": "documentation", "event_id": d.id, "slug": slug(d.title), "title": d.title,
                "summary": _clip(d.press_release), "updated": d.public_from, "starts_at": None} for d in docs]
    entries += [{"kind": "event", "event_id": e.id, "slug": slug(e.title), "title": e.title,
                 "summary": _clip(e.public_summary), "updated": e.updated_at, "starts_at": e.starts_at}
                for e in events]
    entries.sort(key=lambda e: (e["updated"], e["kind"], e["event_id"]), reverse=True)
    return {"items": entries[:size]}


def sitemap(session: Session, now: datetime | None = None) -> dict:
    """Every visible event's page with when it last changed, and the archive's months."""
    now = now or utcnow()
    query, condition = _visible(now)
    lastmod = func.greatest(AgendaEvent.updated_at, Documentation.public_from)
    rows = session.execute(query.add_columns(AgendaEvent.title, lastmod.label("lastmod")).where(condition)
                           .order_by(AgendaEvent.id.desc()).limit(SITEMAP_MAX)).all()
    return {"events": [{"id": r.id, "slug": slug(r.title), "lastmod": r.lastmod} for r in rows],
            "months": [m["month"] for m in months(session, now)["items"]],
            "documentation_months": [m["month"] for m in months(session, now, documented=True)["items"]]}


__all__ = ["event_public_sql", "documentation_public_sql", "visible_event_ids", "upcoming", "months", "archive",
           "search", "event_page", "home", "photo", "attachment", "feed", "sitemap", "versioned", "slug"]
