"""Official visit and audience requests on the real stack (agenda and personnel running; booking does not run
here: the decision's room goes through a fake ``reserve``/``release`` given to the domain, as the entrypoint
gives ``domain.rooms`` bound to the broker — the whole way through booking is tested in tests/e2e).

A request made without any identity, followed by its tracking code; codes nobody can guess or enumerate; the
honeypot, the time-to-submit ticket, the per-client limit, the letter's kind and size; the contact shown to
protocol staff only; approval with a room (and booking's conflict: the request unchanged) or an address; refusal
and cancellation with a reason; the visitor pass (PDF, QR to the reception's check) valid only on its day."""
from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from contextlib import contextmanager
from datetime import datetime, time, timedelta

import pytest
from agenda.domain import staff, visits
from agenda.models import VisitRequest, kit_tables
from agenda.schemas.common import PublicFormLimitReached
from agenda_testkit import unique
from pypdf import PdfReader
from situok_kit.clock import at_wita, utcnow, wita_day
from situok_kit.db import Transaction
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.letters.qr import form_name
from situok_kit.public_forms import FormTickets
from situok_kit.testing import wait_for
from sqlalchemy import select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

PDF = visits.DEMO_LETTER
DAY = wita_day() + timedelta(days=20)
START, END = at_wita(DAY, time(10)), at_wita(DAY, time(11, 30))
ZBARIMG, PDFTOPPM = shutil.which("zbarimg"), shutil.which("pdftoppm")


def ticket(bureau, seconds_ago: int = 30) -> str:
    """A form ticket issued ``seconds_ago`` (what the form page got from ``public_form_ticket``)."""
    secret = bytes(bureau.scalar("SELECT form_secret FROM agenda_settings WHERE id = 1"))
    return FormTickets(secret).issue(utcnow() - timedelta(seconds=seconds_ago))


def form(bureau, **extra) -> dict:
    return {"agency": unique("Dinas Pariwisata Kab. "), "leader_wished": "Gubernur Bali",
            "purpose": "Audiensi tentang festival budaya tahunan di kabupaten kami.", "visitor_count": 5,
            "visitor_names": ["I Wayan Sudarma", "Ni Kadek Ayu"],
            "wished_dates": [DAY.isoformat(), (DAY + timedelta(days=1)).isoformat()],
            "contact_name": "I Wayan Sudarma", "contact_phone": "+62 812 1111 2222",
            "contact_email": "wayan@example.id", "letter_b64": base64.b64encode(PDF).decode(),
            "letter_name": "surat permohonan.pdf", "ticket": ticket(bureau)} | extra


def visit_id(bureau, code: str) -> int:
    return bureau.scalar("SELECT id FROM visit_requests WHERE code_hash = :h", {"h": visits.CODES.stored(code)})


def submit(rpc, bureau, **extra) -> tuple[str, int]:
    receipt = rpc().submit_visit_request(form(bureau, **extra), client=unique("203.0.113."))
    return receipt["tracking_code"], visit_id(bureau, receipt["tracking_code"])


def read_qr(pdf: bytes, tmp_path) -> str | None:
    """The pass token the QR of ``pdf`` carries (checking it points at the reception's check); None where
    pdftoppm or zbarimg is not installed."""
    if not (ZBARIMG and PDFTOPPM):
        return None
    (tmp_path / "pass.pdf").write_bytes(pdf)
    subprocess.run([PDFTOPPM, "-r", "200", "-png", str(tmp_path / "pass.pdf"), str(tmp_path / "page")], check=True,
                   timeout=60)
    png = sorted(tmp_path.glob("page*.png"))[0]
    decoded = subprocess.run([ZBARIMG, "--quiet", "--raw", str(png)], capture_output=True, text=True,
                             timeout=60).stdout.strip()
    assert decoded.startswith(visits.public_url() + visits.CHECK_PATH)
    return decoded.rsplit("/", 1)[1]


@pytest.mark.skipif(ZBARIMG is None or PDFTOPPM is None, reason="pdftoppm or zbarimg not installed")
def test_the_pass_qr_decodes_to_the_reception_check_address(tmp_path):
    from types import SimpleNamespace

    from agenda.documents.visitor_pass import render

    visit = SimpleNamespace(id=7, agency="Dinas X", visitor_count=2, visitor_names=["A"], starts_at=START,
                            ends_at=END, room_name=None, address="Jaya Sabha", purpose="Audiensi", decision_note=None)
    url = visits.check_url("tok-123")
    assert read_qr(render(visit, url), tmp_path) == "tok-123"


@contextmanager
def transaction(engine):
    with Session(engine) as session, session.begin():
        yield Transaction(session, kit_tables, {}, {"username": "test"})


def caller(engine, identity):
    with Session(engine) as session:
        return staff.caller_of(session, identity)


class FakeRooms:
    """booking's side as the domain sees it: ``reserve`` answers like ``reserve_for_agenda`` or raises its
    ``Conflict``; ``release`` records the call."""

    def __init__(self, conflict: str | None = None):
        self.conflict = conflict
        self.reserved: list[dict] = []
        self.released: list[dict] = []

    def reserve(self, **kwargs):
        if self.conflict:
            raise Conflict(self.conflict, {"starts_at": self.conflict})
        self.reserved.append(kwargs)
        return {"booking_id": 9001, "resource_id": kwargs["resource_id"], "resource_name": "Ruang Rapat Wiswa Sabha",
                "status": "approved", "reference": kwargs["reference"]}

    def release(self, **kwargs):
        self.released.append(kwargs)
        return {"status": "cancelled"}


def test_a_request_followed_by_its_code_without_contact_and_seen_by_staff_with_it(rpc, bureau, observer):
    watch = observer()
    code, vid = submit(rpc, bureau)
    assert re.fullmatch(r"KNJ(-[0-9A-Z]{4}){4}", code)
    seen = rpc().visit_request_status(code.lower().replace("-", " "))  # forgiving of case and separators
    assert seen["status"] == "pending" and seen["pass_available"] is False and seen["visitor_count"] == 5
    assert not {"contact", "contact_phone", "contact_email", "contact_name"} & set(seen)
    assert seen["wished_dates"] == [DAY.isoformat(), (DAY + timedelta(days=1)).isoformat()]
    # protocol staff see it with the contact and the letter; others may not
    protocol = rpc(bureau.protocol())
    page = protocol.list_visit_requests(status="pending", limit=200)
    mine = next(v for v in page["items"] if v["id"] == vid)
    assert mine["contact"]["phone"] == "+62 812 1111 2222" and mine["allowed_actions"] == ["cancel"]
    assert protocol.get_visit_request(vid)["contact"]["email"] == "wayan@example.id"
    letter = protocol.visit_request_letter(vid)
    assert base64.b64decode(letter["content_b64"]) == PDF and letter["content_type"] == "application/pdf"
    assert letter["filename"] == "surat permohonan.pdf"
    assert rpc(bureau.approver()).get_visit_request(vid)["allowed_actions"] == ["approve", "refuse", "cancel"]
    for outsider in (bureau.pegawai(), bureau.other_kabag()):
        with pytest.raises(Forbidden):
            rpc(outsider).list_visit_requests()
        with pytest.raises(Forbidden):
            rpc(outsider).get_visit_request(vid)
    # the event names the request, never the contact
    wait_for(lambda: [e for e in watch.of_type("agenda.visit_requested") if e["data"]["visit_id"] == vid])
    event = next(e for e in watch.messages if e.get("type") == "agenda.visit_requested"
                 and e["data"]["visit_id"] == vid)
    assert "wayan" not in str(event["data"]).lower() and "2222" not in str(event["data"])


def test_tracking_codes_cannot_be_guessed_or_enumerated(rpc, bureau):
    code, _ = submit(rpc, bureau)
    public = rpc()
    unknown = visits.CODES.new_code()
    answers = []
    for wrong in (unknown, "KNJ-0000", "zzz", "", code[:-1] + ("0" if code[-1] != "0" else "1"), "x" * 64):
        with pytest.raises(NotFound) as refused:
            public.visit_request_status(wrong)
        answers.append((refused.value.message, refused.value.fields))
    assert len(set(map(str, answers))) == 1  # one answer whatever was wrong
    with pytest.raises(NotFound):
        public.visit_pass(unknown)



def test_an_unknown_and_a_malformed_code_cost_the_same_work(monkeypatch):
    """One digest and one lookup of a 64-hex digest for any code, so neither the answer nor its time tells which
    codes exist — counted, not timed (a timing bound would be a flaky test on a loaded machine)."""
    digests, lookups = [], []
    real = visits.CODES.digest
    monkeypatch.setattr(visits.CODES, "digest", lambda body: digests.append(body) or real(body))

    class Session:
        def scalar(self, statement):
            lookups.append(statement.compile().params)
            return None

    answers = []
    for code in (visits.CODES.new_code(), "KNJ-XXXX", "", "A" * 500, None):
        digests.clear()
        lookups.clear()
        with pytest.raises(NotFound) as unknown:
            visits.request_status(Session(), code)
        assert len(digests) == 1 and len(lookups) == 1
        (digest,) = lookups[0].values()
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
        answers.append((unknown.value.status, unknown.value.message, unknown.value.fields))
    assert len(set(map(str, answers))) == 1


def test_the_honeypot_answers_like_a_success_and_stores_nothing(rpc, bureau, observer):
    watch = observer()
    before = bureau.scalar("SELECT count(*) FROM visit_requests")
    fake = rpc().submit_visit_request(form(bureau, website="http://spam.example"), client=unique("203.0.113."))
    assert fake["status"] == "pending" and re.fullmatch(r"KNJ(-[0-9A-Z]{4}){4}", fake["tracking_code"])
    assert bureau.scalar("SELECT count(*) FROM visit_requests") == before
    with pytest.raises(NotFound):
        rpc().visit_request_status(fake["tracking_code"])
    assert not [e for e in watch.poll() if e.get("data", {}).get("agency") == fake["agency"]]


def test_the_form_ticket_must_be_there_genuine_and_not_too_fast(rpc, bureau):
    public, client = rpc(), unique("203.0.113.")
    fresh = public.public_form_ticket()
    assert fresh["min_seconds"] >= 1
    for sent, words in ((fresh["ticket"], "terlalu cepat"), (None, "muat ulang"), ("123.abc", "tidak dikenal"),
                        (ticket(bureau, 13 * 3600), "terlalu lama")):
        with pytest.raises(ValidationFailed) as refused:
            public.submit_visit_request(form(bureau, ticket=sent), client=client)
        assert list(refused.value.fields) == ["ticket"] and words in refused.value.fields["ticket"].lower()


def test_the_per_client_limit_holds_with_retry_after(rpc, bureau):
    admin = rpc(bureau.admin())
    admin.update_settings({"visit_requests_per_hour": 2})
    try:
        client = unique("198.51.100.")
        for _ in range(2):
            rpc().submit_visit_request(form(bureau), client=client)
        with pytest.raises(PublicFormLimitReached) as over:
            rpc().submit_visit_request(form(bureau), client=client)
        assert 0 < over.value.retry_after <= 3601
        rpc().submit_visit_request(form(bureau), client=unique("198.51.100."))  # another client is not limited
    finally:
        admin.update_settings({"visit_requests_per_hour": 5})


@pytest.mark.parametrize("change, field", [
    ({"wished_dates": []}, "wished_dates"),
    ({"wished_dates": [wita_day().isoformat()]}, "wished_dates"),
    ({"contact_phone": "telepon saya"}, "contact_phone"),
    ({"agency": "x" * 201}, "agency"),
    ({"visitor_count": 1}, "visitor_names"),
    ({"letter_b64": base64.b64encode(b"<html><script>x</script></html>").decode()}, "letter_b64"),
    ({"letter_b64": base64.b64encode(b"%PDF" + b"0" * (5 * 1024 * 1024)).decode()}, "letter_b64"),
    ({"leader_id": 999999}, "leader_id"),
])
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_stored(rpc, bureau, change, field):
    before = bureau.scalar("SELECT count(*) FROM visit_requests")
    with pytest.raises(ValidationFailed) as refused:
        rpc().submit_visit_request(form(bureau, **change), client=unique("192.0.2."))
    assert field in refused.value.fields
    assert bureau.scalar("SELECT count(*) FROM visit_requests") == before


def test_an_image_letter_is_kept_without_its_metadata(rpc, bureau):
    from PIL import Image

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG", exif=exif.tobytes())
    _, vid = submit(rpc, bureau, letter_b64=base64.b64encode(buffer.getvalue()).decode(), letter_name="surat.png")
    letter = rpc(bureau.protocol()).visit_request_letter(vid)
    assert letter["content_type"] == "image/jpeg" and letter["filename"] == "surat.jpg"
    assert b"KameraRahasia" not in base64.b64decode(letter["content_b64"])


def test_approval_books_the_room_and_a_conflict_leaves_the_request_unchanged(rpc, bureau, agenda_db):
    engine = agenda_db[1]
    code, vid = submit(rpc, bureau)
    approver = caller(engine, bureau.approver())
    taken = FakeRooms("Ruangan sudah dipakai peminjaman #77 (Rapat Koordinasi) 10.00–12.00.")
    with pytest.raises(Conflict) as refused, transaction(engine) as tx:
        visits.approve(tx, approver, vid, {"starts_at": START, "ends_at": END, "room_resource_id": 4}, taken.reserve)
    assert "peminjaman #77" in refused.value.message and "room_resource_id" in refused.value.fields
    with Session(engine) as session:
        row = session.get(VisitRequest, vid)
        assert (row.status, row.starts_at, row.room_booking_id, row.decided_at) == ("pending", None, None, None)
    assert rpc().visit_request_status(code)["status"] == "pending"
    # a protocol staff member who is not the approver may not decide
    with pytest.raises(Forbidden), transaction(engine) as tx:
        visits.approve(tx, caller(engine, bureau.protocol()), vid, {"starts_at": START, "ends_at": END,
                                                                    "address": "x"}, taken.reserve)
    def unknown_room(**kwargs):
        raise NotFound("Ruangan tidak ditemukan.")

    with pytest.raises(ValidationFailed) as unknown, transaction(engine) as tx:
        visits.approve(tx, approver, vid, {"starts_at": START, "ends_at": END, "room_resource_id": 999},
                       unknown_room)
    assert unknown.value.fields == {"room_resource_id": "Ruangan tidak ditemukan."}
    free = FakeRooms()
    with transaction(engine) as tx:
        done = visits.approve(tx, approver, vid, {"starts_at": START, "ends_at": END, "room_resource_id": 4,
                                                  "note": "Harap hadir 15 menit sebelumnya."}, free.reserve)
        assert done.status == "approved" and done.allowed_actions == ["cancel", "check_in"]
    assert free.reserved[0]["reference"] == f"agenda-visit:{vid}" and free.reserved[0]["resource_id"] == 4
    assert free.reserved[0]["starts_at"] == START and free.reserved[0]["contact_employee_id"] is not None
    seen = rpc().visit_request_status(code)
    assert (seen["status"], seen["place"], seen["pass_available"]) == ("approved", "Ruang Rapat Wiswa Sabha", True)
    assert datetime.fromisoformat(seen["starts_at"]) == START and seen["note"] == "Harap hadir 15 menit sebelumnya."
    # cancelling releases the room
    with transaction(engine) as tx:
        visits.cancel(tx, caller(engine, bureau.protocol()), vid, "Pimpinan berhalangan.", free.release)
    assert free.released == [{"reference": f"agenda-visit:{vid}",
                              "reason": "Kunjungan dibatalkan: Pimpinan berhalangan."}]
    assert rpc().visit_request_status(code)["reason"] == "Pimpinan berhalangan."


def test_refusal_needs_a_reason_and_the_approver(rpc, bureau, observer):
    watch = observer()
    code, vid = submit(rpc, bureau)
    with pytest.raises(Forbidden):
        rpc(bureau.protocol()).refuse_visit_request(vid, "Tidak sempat.")
    approver = rpc(bureau.approver())
    with pytest.raises(ValidationFailed) as missing:
        approver.refuse_visit_request(vid, "")
    assert "reason" in missing.value.fields
    refused = approver.refuse_visit_request(vid, "Jadwal pimpinan penuh bulan ini.")
    assert refused["status"] == "refused" and refused["allowed_actions"] == []
    seen = rpc().visit_request_status(code)
    assert (seen["status"], seen["reason"], seen["place"]) == ("refused", "Jadwal pimpinan penuh bulan ini.", None)
    with pytest.raises(Conflict):
        approver.refuse_visit_request(vid, "Lagi.")
    with pytest.raises(Conflict):
        rpc().visit_pass(code)  # no pass for a refused request
    wait_for(lambda: [e for e in watch.of_type("agenda.visit_decided") if e["data"]["visit_id"] == vid])


def test_the_pass_prints_the_visit_and_its_qr_checks_in_only_on_its_day(rpc, bureau, agenda_db, tmp_path,
                                                                         monkeypatch):
    engine = agenda_db[1]
    code, vid = submit(rpc, bureau)
    approver = rpc(bureau.approver())
    with pytest.raises(ValidationFailed) as both:
        approver.approve_visit_request(vid, {"starts_at": START.isoformat(), "ends_at": END.isoformat()})
    assert "room_resource_id" in both.value.fields
    approved = approver.approve_visit_request(vid, {"starts_at": f"{DAY.isoformat()}T10:00",
                                                    "ends_at": f"{DAY.isoformat()}T11:30",
                                                    "address": "Gedung Jaya Sabha, Denpasar"})
    assert approved["place"] == "Gedung Jaya Sabha, Denpasar"
    document = rpc().visit_pass(code)
    assert document["content_type"] == "application/pdf"
    pdf = base64.b64decode(document["content_b64"])
    words = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert approved["agency"] in words and "10.00 – 11.30 WITA" in words and "Gedung Jaya Sabha" in words
    token = read_qr(pdf, tmp_path)
    if token is None:  # no QR reader here: the pass made again in-process, its check address caught and the
        # QR drawn for it found on the page (the kit draws each QR as a form XObject named by its value)
        made, real = [], visits.check_url
        monkeypatch.setattr(visits, "check_url", lambda value: made.append(value) or real(value))
        with transaction(engine) as tx:
            again = visits.visit_pass(tx, code)["content"]
        token = made[0]
        objects = PdfReader(io.BytesIO(again)).pages[0]["/Resources"]["/XObject"]
        assert "/FormXob." + form_name(f"{visits.public_url()}/kunjungan/periksa/{token}") in objects
    assert len(token) >= 22  # at least 128 random bits
    stored = bureau.scalar("SELECT pass_token_hash FROM visit_requests WHERE id = :i", {"i": vid})
    assert stored == visits._token_hash(token) and token not in stored
    # at reception: only protocol staff check; today is not the visit's day
    protocol = rpc(bureau.protocol())
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).check_visitor_pass(token)
    today = protocol.check_visitor_pass(token)
    assert (today["valid"], today["reason"], today["visit"]["id"]) == (False, "wrong_day", vid)
    assert protocol.check_visitor_pass("no-such-token")["reason"] == "unknown"
    with pytest.raises(Conflict):
        protocol.check_in_visitor(token)
    staff_member = caller(engine, bureau.protocol())
    with Session(engine) as session:
        for now, valid, reason in ((START - timedelta(days=1), False, "wrong_day"),
                                   (START - timedelta(minutes=61), False, "too_early"),
                                   (START - timedelta(minutes=59), True, "valid"),
                                   (END, True, "valid"),
                                   (START + timedelta(days=1), False, "wrong_day")):
            found = visits.check_pass(session, staff_member, token, now=now)
            assert (found.valid, found.reason) == (valid, reason), now
    with transaction(engine) as tx:
        arrived = visits.check_in(tx, staff_member, token, now=START - timedelta(minutes=10))
        assert arrived.valid and arrived.visit.checked_in_at is not None and arrived.allowed_actions == []
    with pytest.raises(Conflict), transaction(engine) as tx:  # once only
        visits.check_in(tx, staff_member, token, now=START)
    # a pass downloaded again replaces the old one
    rpc().visit_pass(code)
    assert protocol.check_visitor_pass(token)["reason"] == "unknown"


def test_the_sample_request_is_made_once(agenda_db):
    engine = agenda_db[1]
    with Session(engine) as session, session.begin():
        first = visits.demo(session)
    with Session(engine) as session, session.begin():
        again = visits.demo(session)
    assert again == {"visit_requests": 0} and first in ({"visit_requests": 1}, {"visit_requests": 0})
    with Session(engine) as session:
        row = session.scalar(select(VisitRequest).where(VisitRequest.agency == visits.DEMO_AGENCY))
        assert row.status == "pending" and row.wished_dates
