"""The public portal (``domain.portal`` through ``PublicEntrypoints``): the SQL applies exactly the rule of
``domain.publication`` (a table of cases, both ways), and nothing unpublished, embargoed or personal ever reaches
a public answer — every public RPC is called over seeded events whose guests, notes and unpublished texts carry
unique markers, and no marker may appear while every published item does."""
from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from agenda.domain import portal
from agenda.domain.publication import documentation_is_public, event_is_public
from agenda.models import (
    AgendaEvent,
    Documentation,
    DocumentationAttachment,
    DocumentationPhoto,
    EventGuest,
    EventLeader,
    Leader,
)
from agenda.schemas import SCHEMAS
from agenda_testkit import unique
from situok_kit.clock import utcnow
from situok_kit.errors import NotFound, ValidationFailed
from sqlalchemy.orm import Session


def test_the_public_schemas_are_named_and_carry_no_internal_field():
    names = [name for name in SCHEMAS if name.startswith("Public")]
    assert {"PublicEventOut", "PublicEventPage", "PublicFeedOut", "PublicSitemapOut", "PublicFileOut"} <= set(names)
    internal = {"description", "protocol_notes", "organiser", "dress_code", "room_booking_id", "guests", "phone",
                "email", "id_number", "approved_by_employee_id", "created_by_employee_id", "return_note"}
    for name in names:
        assert not internal & set(SCHEMAS[name]().fields), name


def test_slugs_and_versions():
    assert portal.slug("Rapat Koordinasi: Bali 2027!") == "rapat-koordinasi-bali-2027"
    assert portal.slug("") == "kegiatan"
    assert portal.versioned({"a": 1})["version"] == portal.versioned({"a": 1})["version"]
    assert portal.versioned({"a": 1})["version"] != portal.versioned({"a": 2})["version"]


def _jpeg(colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _event(session, title, status="confirmed", is_public=True, starts=None, **extra) -> AgendaEvent:
    starts = starts or utcnow() + timedelta(days=3)
    event = AgendaEvent(title=title, status=status, is_public=is_public, starts_at=starts,
                        ends_at=starts + timedelta(hours=2), location_kind="external", address="Jl. Basuki Rahmat",
                        **extra)
    session.add(event)
    session.flush()
    return event


def _documentation(session, event, status="approved", public_from=None, **extra) -> Documentation:
    approved = status == "approved"
    doc = Documentation(event_id=event.id, status=status, approved_at=utcnow() if approved else None,
                        public_from=(public_from or utcnow() - timedelta(hours=1)) if approved else None, **extra)
    session.add(doc)
    session.flush()
    return doc


# is_public, event status, documentation status (None: none), public_from offset (hours from now)
CASES = [
    (is_public, status, doc, offset)
    for is_public in (True, False)
    for status in ("tentative", "confirmed", "postponed", "cancelled", "done")
    for doc, offset in ((None, None), ("draft", None), ("submitted", None), ("returned", None), ("approved", -1),
                        ("approved", 5))
]


@pytest.mark.integration
def test_the_sql_and_the_rule_agree_on_every_case(agenda_db):
    now = utcnow()
    expected_events, expected_docs, ids = set(), set(), set()
    with Session(agenda_db[1]) as session:
        for is_public, status, doc, offset in CASES:
            event = _event(session, unique("Kasus "), status=status, is_public=is_public)
            ids.add(event.id)
            doc_public = False
            if doc:
                public_from = now + timedelta(hours=offset) if offset is not None else None
                _documentation(session, event, status=doc, public_from=public_from)
                doc_public = documentation_is_public(status=doc, public_from=public_from, event_status=status,
                                                     now=now)
            if doc_public:
                expected_docs.add(event.id)
            if event_is_public(is_public=is_public, status=status) or doc_public:
                expected_events.add(event.id)
        session.flush()
        assert portal.visible_event_ids(session, now) & ids == expected_events
        assert portal.public_documentation_event_ids(session, now) & ids == expected_docs
        session.rollback()


@pytest.fixture
def seeded(agenda_db):
    """Events of every kind, each with a guest whose contact details are markers; returns what must appear and
    what must not, then removes them."""
    now = utcnow()
    marks = {key: unique(f"RAHASIA{key.upper()}x") for key in (
        "phone", "email", "idnum", "guestname", "notes", "description", "organiser", "dress", "tentative",
        "cancelled", "private", "embargo", "returned", "minutes", "hiddenfile", "contactnote", "draft")}
    word = unique("portalcek").replace("-", "x")
    shown, photos, files, hidden_files = {}, [], [], []
    with Session(agenda_db[1]) as session:
        leader = Leader(code=unique("L"), title="Gubernur Bali", holder_name=None)
        session.add(leader)
        session.flush()
        leader_id = leader.id

        def guest(event):
            session.add(EventGuest(event_id=event.id, name=marks["guestname"], title="Menteri",
                                   phone=marks["phone"], email=f"{marks['email']}@contoh.id",
                                   id_number=marks["idnum"], contact_note=marks["contactnote"]))

        secret = dict(description=marks["description"], protocol_notes=marks["notes"],
                      organiser=marks["organiser"], dress_code=marks["dress"], room_booking_id=987654)
        tentative = _event(session, f"{word} {marks['tentative']}", status="tentative", **secret)
        cancelled = _event(session, f"{word} {marks['cancelled']}", status="cancelled", **secret)
        _documentation(session, cancelled, press_release=marks["cancelled"])
        private = _event(session, f"{word} {marks['private']}", is_public=False, **secret)
        upcoming = _event(session, f"{word} Rapat Umum Terbuka", public_summary="Ringkasan publik rapat.",
                          **secret)
        session.add(EventLeader(event_id=upcoming.id, leader_id=leader.id))
        past = now - timedelta(days=12)
        embargoed = _event(session, f"{word} Kunjungan Kerja", status="done", starts=past, **secret)
        _documentation(session, embargoed, public_from=now + timedelta(days=10), press_release=marks["embargo"])
        returned = _event(session, f"{word} Peresmian Gedung", status="done", starts=past, **secret)
        _documentation(session, returned, status="returned", press_release=marks["returned"])
        drafted = _event(session, f"{word} Pelantikan Pejabat", status="done", starts=past, **secret)
        _documentation(session, drafted, status="draft", press_release=marks["draft"])
        published = _event(session, f"{word} Penanaman Pohon", status="done", is_public=False, starts=past,
                           **secret)
        doc = _documentation(session, published, press_release="Siaran pers penanaman seribu pohon.",
                             minutes=marks["minutes"])
        photo = DocumentationPhoto(documentation_id=doc.id, caption="Penanaman pohon",
                                   alt_text="Gubernur menanam pohon",
                                   content_type="image/jpeg", content=b"ORIGINAL" + _jpeg(), web_copy=_jpeg(),
                                   thumbnail=_jpeg((10, 10, 10)))
        shown_file = DocumentationAttachment(documentation_id=doc.id, title="Sambutan Gubernur",
                                             filename="sambutan.pdf", content_type="application/pdf",
                                             content=b"%PDF-1.4 sambutan", size=17, public=True)
        hidden_file = DocumentationAttachment(documentation_id=doc.id, title=marks["hiddenfile"],
                                              filename="internal.pdf", content_type="application/pdf",
                                              content=b"%PDF-1.4 internal", size=17, public=False)
        open_minutes = _event(session, f"{word} Musyawarah Daerah", status="done", starts=past, **secret)
        _documentation(session, open_minutes, press_release="Siaran pers musyawarah.", minutes="Notulen terbuka.",
                       minutes_public=True)
        session.add_all([photo, shown_file, hidden_file])
        for event in (tentative, cancelled, private, upcoming, embargoed, returned, drafted, published, open_minutes):
            guest(event)
        session.flush()
        shown = {"upcoming": upcoming.id, "embargoed": embargoed.id, "returned": returned.id,
                 "drafted": drafted.id, "published": published.id, "open_minutes": open_minutes.id}
        hidden = {"tentative": tentative.id, "cancelled": cancelled.id, "private": private.id}
        photos, files, hidden_files = [photo.id], [shown_file.id], [hidden_file.id]
        session.commit()
    yield {"marks": marks, "word": word, "shown": shown, "hidden": hidden, "photos": photos, "files": files,
           "hidden_files": hidden_files, "original": b"ORIGINAL"}
    with Session(agenda_db[1]) as session:
        for event_id in (*shown.values(), *hidden.values()):
            session.delete(session.get(AgendaEvent, event_id))
        session.delete(session.get(Leader, leader_id))
        session.commit()


@pytest.mark.integration
def test_nothing_unpublished_embargoed_or_personal_reaches_a_public_answer(services, rpc, seeded):
    public = rpc()
    answers = [public.public_home(), public.public_upcoming(limit=200), public.public_months(),
               public.public_months(documented=True), public.public_feed(), public.public_sitemap(),
               public.public_search(seeded["word"], limit=200)]
    for month in public.public_months()["items"]:
        answers.append(public.public_archive(month["month"], limit=200))
        answers.append(public.public_archive(month["month"], documented=True, limit=200))
    pages = {}
    for event_id in (*seeded["shown"].values(), *seeded["hidden"].values()):
        try:
            pages[event_id] = public.public_event(event_id)
        except NotFound:
            continue
    answers += list(pages.values())
    for key in ("tentative", "cancelled", "private", "embargo", "returned", "minutes", "hiddenfile", "draft"):
        assert public.public_search(seeded["marks"][key])["items"] == [], key  # (the answer repeats ``q``)
    dumped = json.dumps(answers, default=str)
    for key, mark in seeded["marks"].items():
        assert mark not in dumped, f"the {key} marker reached a public answer"
    assert "987654" not in dumped

    # what is published is there
    assert set(pages) == set(seeded["shown"].values())
    upcoming_ids = {item["id"] for item in answers[1]["items"]}
    assert seeded["shown"]["upcoming"] in upcoming_ids and not upcoming_ids & set(seeded["hidden"].values())
    found = {item["id"] for item in answers[6]["items"]}
    assert found == set(seeded["shown"].values())
    event = pages[seeded["shown"]["upcoming"]]
    assert event["leaders"] == [{"title": "Gubernur Bali", "role": "attends"}] and event["documentation"] is None
    assert event["public_summary"] == "Ringkasan publik rapat." and event["version"]
    page = pages[seeded["shown"]["published"]]["documentation"]
    assert page["press_release"].startswith("Siaran pers penanaman") and page["minutes"] is None
    assert [p["alt_text"] for p in page["photos"]] == ["Gubernur menanam pohon"]
    assert [a["id"] for a in page["attachments"]] == seeded["files"]
    assert pages[seeded["shown"]["open_minutes"]]["documentation"]["minutes"] == "Notulen terbuka."
    assert pages[seeded["shown"]["embargoed"]]["documentation"] is None
    sitemap_ids = {e["id"] for e in answers[5]["events"]}
    assert set(seeded["shown"].values()) <= sitemap_ids and not sitemap_ids & set(seeded["hidden"].values())
    feed_ids = {(e["kind"], e["event_id"]) for e in answers[4]["items"]}
    assert ("documentation", seeded["shown"]["published"]) in feed_ids
    assert ("event", seeded["shown"]["upcoming"]) in feed_ids
    assert all(event_id not in seeded["hidden"].values() for _, event_id in feed_ids)

    # files: the web copy and thumbnail of a published photo, never the original; public attachments only
    import base64

    for variant in ("web", "thumb"):
        answer = public.public_photo(seeded["photos"][0], variant)
        content = base64.b64decode(answer["content_b64"])
        assert answer["content_type"] == "image/jpeg" and content.startswith(b"\xff\xd8\xff")
        assert not content.startswith(seeded["original"])
    answer = public.public_attachment(seeded["files"][0])
    assert base64.b64decode(answer["content_b64"]) == b"%PDF-1.4 sambutan" and answer["version"]
    with pytest.raises(NotFound):
        public.public_attachment(seeded["hidden_files"][0])
    with pytest.raises(ValidationFailed):
        public.public_photo(seeded["photos"][0], "original")


@pytest.mark.integration
def test_bad_input_is_422_and_unknown_is_404(services, rpc):
    public = rpc()
    with pytest.raises(ValidationFailed) as month:
        public.public_archive("2026-13")
    assert "month" in month.value.fields
    with pytest.raises(ValidationFailed) as query:
        public.public_search("a")
    assert "q" in query.value.fields
    with pytest.raises(ValidationFailed):
        public.public_upcoming(cursor="zzz")
    with pytest.raises(NotFound):
        public.public_event(99999999)
    with pytest.raises(NotFound):
        public.public_event("1")
    with pytest.raises(NotFound):
        public.public_photo(99999999, "web")
