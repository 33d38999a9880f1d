"""An event's documentation through the running service (integration): the workflow with its refusals (403,
409, 422), separation of duties at approval, photos stored without EXIF/GPS (original, web copy, thumbnail),
uploads judged by content, the embargo and the one announcement, the events on the broker (no personal data),
the staff's lists."""
from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
from agenda.domain import documentation, publication
from agenda.models import AgendaEvent, Documentation, DocumentationAttachment, DocumentationPhoto, EventGuest
from agenda.models.base import kit_tables
from agenda_testkit import unique
from PIL import Image
from situok_kit.clock import utcnow
from situok_kit.db import Transaction
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

pytestmark = pytest.mark.integration

GPS_IFD = 0x8825
CAMERA = "KameraRahasiaUji"


def make_event(engine, *, status="done", days=-2, guest=False) -> int:
    starts = utcnow().replace(microsecond=0) + timedelta(days=days)
    with Session(engine) as session, session.begin():
        event = AgendaEvent(title=unique("Kunjungan Kerja "), starts_at=starts, ends_at=starts + timedelta(hours=2),
                            location_kind="external", address="Kantor Gubernur Bali", status=status,
                            is_public=True, room_status="none")
        session.add(event)
        session.flush()
        if guest:  # personal data that must never leave in an event
            session.add(EventGuest(event_id=event.id, name="Tamu Rahasia", phone="+62 811 0000 1111",
                                   email="tamu@contoh.id", id_number="5171000000000001"))
        return event.id


def jpeg_with_gps(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 100, 50))
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (8.0, 39.0, 0.0), 3: "E", 4: (115.0, 13.0, 0.0),
                                  0x12: "GPS-WGS-84"})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(out, "PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def photo(data: bytes | None = None, **extra) -> dict:
    return {"content_b64": b64(data if data is not None else png_bytes()), **extra}


def assert_no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not dict(exif) and not exif.get_ifd(GPS_IFD)
        assert "exif" not in image.info
    assert b"Exif\x00\x00" not in data and b"GPS" not in data and CAMERA.encode() not in data


def approved_published(observer_messages, documentation_id):
    return [m for m in observer_messages if m["type"] == "agenda.documentation_published"
            and m["data"]["documentation_id"] == documentation_id]


def test_the_workflow_with_its_refusals_and_events(services, rpc, bureau, agenda_db, observer):
    _, engine = agenda_db
    watch = observer("documentation_submitted", "documentation_returned", "documentation_published")
    event_id = make_event(engine, guest=True)
    staff, protocol, approver, pegawai = (rpc(bureau.documentation_staff()), rpc(bureau.protocol()),
                                          rpc(bureau.approver()), rpc(bureau.pegawai()))

    with pytest.raises(Forbidden):
        pegawai.open_documentation(event_id)
    with pytest.raises(Forbidden):
        rpc(bureau.other_kabag()).get_event_documentation(event_id)
    with pytest.raises(NotFound):
        staff.get_event_documentation(event_id)
    with pytest.raises(NotFound):
        staff.open_documentation(10**9)

    doc = staff.open_documentation(event_id)
    assert (doc["status"], doc["version"], doc["allowed_actions"]) == ("draft", 1, ["edit"])
    assert staff.open_documentation(event_id)["id"] == doc["id"]  # one per event
    did = doc["id"]

    with pytest.raises(ValidationFailed) as empty:
        staff.submit_documentation(did)
    assert list(empty.value.fields) == ["photos"]

    edited = staff.update_documentation(did, {"version": 1, "minutes": "Notulen rapat.", "minutes_public": False})
    assert edited["minutes"] == "Notulen rapat." and edited["version"] == 2
    with pytest.raises(Conflict) as stale:
        staff.update_documentation(did, {"version": 1, "press_release": "Terlambat"})
    assert "version" in stale.value.fields
    with pytest.raises(ValidationFailed) as bad_version:
        staff.update_documentation(did, {"press_release": "Tanpa versi"})
    assert "version" in bad_version.value.fields

    with_photos = staff.add_documentation_photo(did, photo(caption="Pembukaan"))
    with_photos = staff.add_documentation_photo(did, photo(caption="Penutupan"))
    first, second = (p["id"] for p in with_photos["photos"])
    with pytest.raises(ValidationFailed) as no_alt:
        staff.submit_documentation(did)
    assert set(no_alt.value.fields) == {f"photos.{first}.alt_text", f"photos.{second}.alt_text"}
    staff.update_documentation_photo(first, {"alt_text": "Gubernur membuka rapat."})
    staff.update_documentation_photo(second, {"alt_text": "Peserta berfoto bersama."})
    reordered = staff.reorder_documentation_photos(did, {"photo_ids": [second, first]})
    assert [p["id"] for p in reordered["photos"]] == [second, first]
    with pytest.raises(ValidationFailed):
        staff.reorder_documentation_photos(did, {"photo_ids": [second]})
    assert "submit" in reordered["allowed_actions"]

    with pytest.raises(Forbidden):
        pegawai.submit_documentation(did)
    submitted = staff.submit_documentation(did)
    assert submitted["status"] == "submitted"
    assert submitted["submitted_by_employee_id"] == bureau.employee_ids["dokumentasi"]
    with pytest.raises(Conflict):  # under review: no edits
        staff.update_documentation(did, {"version": submitted["version"], "minutes": "x"})
    with pytest.raises(Conflict):
        staff.delete_documentation_photo(first)
    with pytest.raises(Forbidden):  # protocol staff are not the approver
        protocol.approve_documentation(did, {})
    queue = approver.list_documentation_queue()
    assert did in [item["id"] for item in queue["items"]]
    with pytest.raises(Forbidden):
        staff.list_documentation_queue()

    with pytest.raises(ValidationFailed) as no_note:
        approver.return_documentation(did, {"note": " "})
    assert list(no_note.value.fields) == ["note"]
    returned = approver.return_documentation(did, {"note": "Tambahkan siaran pers."})
    assert (returned["status"], returned["return_note"]) == ("returned", "Tambahkan siaran pers.")

    # the approver (protocol staff too) submits it: they may not approve what they submitted
    mine = approver.submit_documentation(did)
    assert "approve" not in mine["allowed_actions"] and "return" in mine["allowed_actions"]
    with pytest.raises(Forbidden) as own:
        approver.approve_documentation(did, {})
    assert "pemisahan tugas" in own.value.message
    approver.return_documentation(did, {"note": "Diajukan ulang oleh staf dokumentasi."})
    staff.submit_documentation(did)

    approved = approver.approve_documentation(did, {})
    assert (approved["status"], approved["is_public"], approved["announced"]) == ("approved", True, True)
    assert approved["approved_by_employee_id"] == bureau.employee_ids["kabag_pkp"]
    assert approved["public_from"] == approved["approved_at"]
    assert approved["allowed_actions"] == ["withdraw"]
    assert staff.get_documentation(did)["allowed_actions"] == []
    with pytest.raises(Conflict):
        approver.approve_documentation(did, {})
    with pytest.raises(Conflict):  # no deleting once approved
        staff.delete_documentation_photo(first)
    assert did in [i["id"] for i in staff.list_recently_published_documentation()["items"]]

    with pytest.raises(Forbidden):
        staff.withdraw_documentation(did, {"note": "Salah foto"})
    withdrawn = approver.withdraw_documentation(did, {"note": "Foto keliru, ditarik."})
    assert (withdrawn["status"], withdrawn["is_public"], withdrawn["public_from"]) == ("returned", False, None)
    assert did not in [i["id"] for i in staff.list_recently_published_documentation()["items"]]

    def mine_only():
        return [m for m in watch.poll() if m["data"].get("documentation_id") == did]

    wait_for(lambda: len(mine_only()) >= 7, message="the documentation's events")
    seen = mine_only()
    assert [m["type"].split(".")[1] for m in seen] == [
        "documentation_submitted", "documentation_returned", "documentation_submitted", "documentation_returned",
        "documentation_submitted", "documentation_published", "documentation_returned"]
    published = approved_published(seen, did)[0]["data"]
    assert set(published) == {"documentation_id", "event_id", "title", "public_from", "photo_count"}
    assert published["photo_count"] == 2 and published["event_id"] == event_id
    assert seen[-1]["data"]["withdrawn"] is True
    everything = str([m["data"] for m in seen])
    for secret in ("Tamu Rahasia", "0811", "811 0000", "tamu@contoh.id", "5171000000000001"):
        assert secret not in everything


def test_photos_are_stored_without_exif_or_gps(services, rpc, bureau, agenda_db):
    _, engine = agenda_db
    staff = rpc(bureau.documentation_staff())
    did = staff.open_documentation(make_event(engine))["id"]
    original = jpeg_with_gps()
    assert b"GPS" in original and CAMERA.encode() in original  # the upload carries a location
    with Image.open(io.BytesIO(original)) as probe:
        assert probe.getexif().get_ifd(GPS_IFD)

    made = staff.add_documentation_photo(did, photo(original, content_type="image/jpeg", filename="IMG_0001.JPG",
                                                    alt_text="Pimpinan menyapa warga.", caption="Sapa warga"))
    stored = made["photos"][0]
    assert (stored["width"], stored["height"], stored["content_type"]) == (2560, 1707, "image/jpeg")
    with Session(engine) as session:
        row = session.get(DocumentationPhoto, stored["id"])
        variants = {"original": row.content, "web": row.web_copy, "thumbnail": row.thumbnail}
    for name, data in variants.items():
        assert_no_metadata(data)
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) == {"original": 2560, "web": 1280, "thumbnail": 320}[name]
    served = staff.documentation_photo_file(stored["id"], "thumbnail")
    assert served["content_type"] == "image/jpeg"
    assert_no_metadata(base64.b64decode(served["content_b64"]))
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).documentation_photo_file(stored["id"], "original")
    with pytest.raises(ValidationFailed):
        staff.documentation_photo_file(stored["id"], "raw")

    # an image attachment is cleaned too (it may be published)
    attached = staff.add_documentation_attachment(did, {"title": "Foto resmi", "filename": "../../etc/foto.jpeg",
                                                        "content_b64": b64(original), "public": True})
    attachment = attached["attachments"][0]
    assert attachment["filename"] == "foto.jpeg" and attachment["public"] is True
    with Session(engine) as session:
        assert_no_metadata(session.get(DocumentationAttachment, attachment["id"]).content)


def test_uploads_are_judged_by_their_content(services, rpc, bureau, agenda_db):
    _, engine = agenda_db
    staff = rpc(bureau.documentation_staff())
    did = staff.open_documentation(make_event(engine))["id"]
    with pytest.raises(ValidationFailed) as png_as_jpeg:
        staff.add_documentation_photo(did, photo(png_bytes(), content_type="image/jpeg", filename="foto.jpg"))
    assert list(png_as_jpeg.value.fields) == ["content_type"]
    html = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
    with pytest.raises(ValidationFailed) as script:
        staff.add_documentation_photo(did, photo(html, filename="foto.jpg"))
    assert list(script.value.fields) == ["content_b64"]
    with pytest.raises(ValidationFailed) as not_base64:
        staff.add_documentation_photo(did, {"content_b64": "bukan base64!"})
    assert list(not_base64.value.fields) == ["content_b64"]
    with pytest.raises(ValidationFailed) as html_attachment:
        staff.add_documentation_attachment(did, {"title": "Undangan", "filename": "undangan.pdf",
                                                 "content_b64": b64(html)})
    assert list(html_attachment.value.fields) == ["content_b64"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    made = staff.add_documentation_attachment(did, {"title": "Undangan", "filename": "Undangan Rapat.docx",
                                                    "content_b64": b64(pdf)})
    attachment = made["attachments"][0]
    assert (attachment["filename"], attachment["content_type"], attachment["public"]) == (
        "Undangan Rapat.pdf", "application/pdf", False)
    file = staff.documentation_attachment_file(attachment["id"])
    assert base64.b64decode(file["content_b64"]) == pdf
    renamed = staff.update_documentation_attachment(attachment["id"], {"public": True, "title": "Undangan resmi"})
    assert renamed["attachments"][0]["title"] == "Undangan resmi" and renamed["attachments"][0]["public"]
    assert staff.delete_documentation_attachment(attachment["id"])["attachments"] == []
    with Session(engine) as session:
        assert session.get(Documentation, did).status == "draft"  # nothing half-written by the refusals
        assert session.query(DocumentationPhoto).filter_by(documentation_id=did).count() == 0


def test_a_cancelled_event_is_not_documented(services, rpc, bureau, agenda_db):
    _, engine = agenda_db
    with pytest.raises(Conflict):
        rpc(bureau.documentation_staff()).open_documentation(make_event(engine, status="cancelled"))
    tentative = rpc(bureau.documentation_staff()).open_documentation(make_event(engine, status="tentative", days=3))
    assert tentative["status"] == "draft"


def test_an_embargo_holds_publication_until_it_ends_and_it_is_announced_once(services, rpc, bureau, agenda_db,
                                                                            observer):
    _, engine = agenda_db
    watch = observer("documentation_published")
    staff, approver = rpc(bureau.documentation_staff()), rpc(bureau.approver())
    did = staff.open_documentation(make_event(engine))["id"]
    version = staff.get_documentation(did)["version"]
    staff.update_documentation(did, {"version": version, "press_release": "Siaran pers kunjungan kerja."})
    staff.submit_documentation(did)
    embargo = (utcnow() + timedelta(days=2)).replace(microsecond=0)
    approved = approver.approve_documentation(did, {"embargo_until": embargo.isoformat()})
    assert (approved["status"], approved["is_public"], approved["announced"]) == ("approved", False, False)
    with Session(engine) as session:
        row = session.get(Documentation, did)
        assert row.public_from == embargo == row.embargo_until
        assert not publication.documentation_is_public(status=row.status, public_from=row.public_from,
                                                       event_status="done", now=embargo - timedelta(seconds=1))
        assert publication.documentation_is_public(status=row.status, public_from=row.public_from,
                                                   event_status="done", now=embargo)
    assert did not in [i["id"] for i in staff.list_recently_published_documentation()["items"]]

    def announce(now):
        with Session(engine) as session, session.begin():
            return documentation.announce_due(Transaction(session, kit_tables, {}, None), now)

    assert did not in announce(embargo - timedelta(minutes=1))
    assert did in announce(embargo + timedelta(minutes=1))
    assert did not in announce(embargo + timedelta(minutes=2))  # once only
    found = wait_for(lambda: approved_published(watch.poll(), did), message="the embargoed announcement")
    assert len(found) == 1 and found[0]["data"]["public_from"].startswith(embargo.isoformat()[:19])
    assert staff.get_documentation(did)["announced"] is True


def test_the_demo_publishes_a_sample_once(services, agenda_db):
    _, engine = agenda_db
    with Session(engine) as session, session.begin():
        made = documentation.demo(session)
    assert made["documentations"] == 1 and made["photos"] == 1
    with Session(engine) as session, session.begin():
        assert documentation.demo(session) == {}
    with Session(engine) as session:
        doc = session.query(Documentation).filter_by(press_release=documentation.DEMO_PRESS_RELEASE).one()
        event = session.get(AgendaEvent, doc.event_id)
        assert publication.documentation_is_public(status=doc.status, public_from=doc.public_from,
                                                   event_status=event.status, now=utcnow())
        stored = session.query(DocumentationPhoto).filter_by(documentation_id=doc.id).one()
        assert stored.alt_text and stored.thumbnail


def test_two_instances_announcing_at_once_announce_once(services, rpc, bureau, agenda_db):
    """While one instance's announcement holds the row, another's waits on it and then finds nothing to do."""
    from eventlet import patcher

    threading = patcher.original("threading")  # a real thread: its blocking database call must not stop ours

    from sqlalchemy import text as sql

    _, engine = agenda_db
    staff, approver = rpc(bureau.documentation_staff()), rpc(bureau.approver())
    did = staff.open_documentation(make_event(engine))["id"]
    staff.update_documentation(did, {"version": 1, "press_release": "Siaran pers."})
    staff.submit_documentation(did)
    embargo = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    approver.approve_documentation(did, {"embargo_until": embargo.isoformat()})
    later = embargo + timedelta(minutes=1)
    found: dict[str, list[int]] = {}

    # the second instance: a connection of its own on a real thread, as another process would have
    second_engine = create_engine(agenda_db[0], poolclass=NullPool)
    failed: list[BaseException] = []

    def second_instance():
        try:
            with Session(second_engine) as other, other.begin():
                found["second"] = documentation.announce_due(Transaction(other, kit_tables, {}, None), later)
        except BaseException as exc:  # shown by the wait below rather than lost in the thread
            failed.append(exc)
            raise

    with Session(engine) as first, first.begin():
        found["first"] = documentation.announce_due(Transaction(first, kit_tables, {}, None), later)
        waiting = threading.Thread(target=second_instance, daemon=True)
        waiting.start()

        def second_is_waiting() -> bool:
            # a transaction of its own each time: pg_stat_activity is a snapshot kept for the whole transaction
            with engine.connect() as watch:
                return bool(failed) or bool(watch.scalar(sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query ILIKE 'UPDATE documentations%'")))

        wait_for(second_is_waiting, message="the second instance waiting on the row")
        assert not failed, failed
    waiting.join(timeout=30)
    second_engine.dispose()
    assert did in found["first"] and did not in found["second"]
