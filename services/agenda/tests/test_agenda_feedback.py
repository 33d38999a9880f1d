"""The public's feedback on the real stack: a message sent without any identity and followed by its tracking code;
codes nobody can guess or enumerate; the honeypot, the time-to-submit ticket and the per-client limit (also
under concurrent submissions); triage, answer and close by the right people only; publishing with the sender's
consent only and without their contact; response times per unit; events without contact or text."""
from __future__ import annotations

import base64
from datetime import datetime, timedelta
from io import BytesIO

import eventlet
import pytest
from agenda.domain import feedback
from agenda.models import AgendaEvent, Feedback
from agenda_testkit import unique
from openpyxl import load_workbook
from situok_kit.clock import WITA, utcnow
from situok_kit.errors import Conflict, Forbidden, NotFound, TooManyRequests, ValidationFailed
from situok_kit.public_forms import FormTickets
from situok_kit.testing import wait_for
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

EMAIL, PHONE, NAME = "ayu.feedback@example.id", "+62 811 3999 1234", "Ni Luh Putu Ayu"


def ticket(bureau, age_seconds: int = 30) -> str:
    """A ticket issued ``age_seconds`` ago with the service's own secret (a person who took that long)."""
    secret = bytes(bureau.scalar("SELECT form_secret FROM agenda_settings WHERE id = 1"))
    return FormTickets(secret).issue(utcnow() - timedelta(seconds=age_seconds))


def form(bureau, **extra) -> dict:
    return {"kind": "question", "subject": "Jadwal upacara hari jadi",
            "message": "Kapan upacara hari jadi provinsi dilaksanakan dan apakah terbuka untuk umum?",
            "name": NAME, "email": EMAIL, "phone": PHONE, "reply_by_contact": True, "consent_publish": True,
            "ticket": ticket(bureau)} | extra


def feedback_id(bureau, code: str) -> int:
    return bureau.scalar("SELECT id FROM feedback WHERE code_hash = :h", {"h": feedback.CODES.stored(code)})


def unit(bureau, code: str) -> int:
    return bureau.unit_ids[code]


def test_a_message_followed_by_its_code_from_sending_to_the_answer(rpc, bureau, observer):
    watch = observer("feedback_received", "feedback_triaged", "feedback_answered", "feedback_closed")
    public = rpc()
    receipt = public.submit_feedback(form(bureau), client=unique("198.51.100."))
    code = receipt["tracking_code"]
    assert code.startswith("ASP-") and receipt["status"] == "received" and receipt["kind_label"] == "pertanyaan"
    seen = public.feedback_status(code)
    assert seen["status"] == "received" and seen["answer"] is None and seen["unit_name"] is None
    assert not {"name", "email", "phone", "message"} & set(seen)
    fid = feedback_id(bureau, code)

    protocol, pegawai, other = rpc(bureau.protocol()), rpc(bureau.pegawai()), rpc(bureau.other_kabag())
    detail = protocol.get_feedback(fid)
    assert (detail["email"], detail["phone"]) == (EMAIL, PHONE)
    assert detail["allowed_actions"] == ["triage", "answer", "close"]
    with pytest.raises(Forbidden):  # not triaged to a pegawai's unit: not theirs
        pegawai.get_feedback(fid)
    with pytest.raises(Forbidden):
        pegawai.triage_feedback(fid, {"category": "informasi", "unit_id": unit(bureau, "BUP.KA.PBH")})
    with pytest.raises(ValidationFailed) as wrong:
        protocol.triage_feedback(fid, {"category": "gosip", "unit_id": 999999})
    assert set(wrong.value.fields) == {"category"}
    with pytest.raises(ValidationFailed) as no_unit:
        protocol.triage_feedback(fid, {"category": "informasi", "unit_id": 999999})
    assert set(no_unit.value.fields) == {"unit_id"}
    triaged = protocol.triage_feedback(fid, {"category": "informasi", "unit_id": unit(bureau, "BUP.KA.PBH"),
                                             "note": "Untuk Subbagian Perbendaharaan."})
    assert triaged["status"] == "triaged" and triaged["category_label"] == "Informasi publik"
    # the unit's staff see it and may answer only; another unit's head may not
    mine = pegawai.list_feedback(limit=200)["items"]
    assert fid in [m["id"] for m in mine] and all(m["unit_id"] == unit(bureau, "BUP.KA.PBH") for m in mine)
    assert pegawai.get_feedback(fid)["allowed_actions"] == ["answer"]
    with pytest.raises(Forbidden):
        other.answer_feedback(fid, {"answer": "Bukan urusan kami."})
    with pytest.raises(Forbidden):
        other.get_feedback(fid)
    assert fid not in [m["id"] for m in other.list_feedback(limit=200)["items"]]
    with pytest.raises(ValidationFailed) as blank:
        pegawai.answer_feedback(fid, {"answer": "   "})
    assert list(blank.value.fields) == ["answer"]
    answered = pegawai.answer_feedback(fid, {"answer": "Upacara pada 14 Agustus pukul 08.00 WITA, terbuka."})
    assert answered["status"] == "answered" and answered["first_response_at"]
    with pytest.raises(Forbidden):  # closing and publishing are protocol staff's
        pegawai.close_feedback(fid)
    with pytest.raises(Conflict):  # answered once
        pegawai.answer_feedback(fid, {"answer": "Lagi."})
    shown = public.feedback_status(code.lower().replace("-", " "))
    assert shown["status"] == "answered" and shown["answer"].startswith("Upacara pada 14 Agustus")
    closed = protocol.close_feedback(fid, {"note": "Selesai."})
    assert closed["status"] == "closed" and [s["action"] for s in closed["steps"]] == ["triage", "answer", "close"]

    for name in ("feedback_received", "feedback_triaged", "feedback_answered", "feedback_closed"):
        payload = wait_for(lambda name=name: [e["data"] for e in watch.of_type(f"agenda.{name}")
                                              if e["data"]["id"] == fid], timeout=20, message=name)[0]
        assert set(payload) <= {"id", "kind", "category", "unit_id", "status", "created_at", "triaged_at",
                                "first_response_at", "answered_at", "closed_at"}
        dumped = str(payload)
        assert EMAIL not in dumped and PHONE not in dumped and NAME not in dumped and "upacara" not in dumped


def test_tracking_codes_cannot_be_guessed_or_enumerated(rpc, bureau):
    public = rpc()
    code = public.submit_feedback(form(bureau), client=unique("192.0.2."))["tracking_code"]
    body = feedback.CODES.normalise(code)
    off = body[:-1] + ("0" if body[-1] != "0" else "1")
    answers = []
    for wrong in (f"ASP-{off}", "ASP-XXXX", "PGJ-" + body, "'; DROP TABLE feedback; --", "", "A" * 500):
        with pytest.raises(NotFound) as unknown:
            public.feedback_status(wrong)
        answers.append((unknown.value.status, unknown.value.message, unknown.value.fields))
    assert len(set(map(str, answers))) == 1
    dump = " ".join(row[0] for row in bureau.rows("SELECT f::text FROM feedback f"))
    assert body not in dump and code not in dump


def test_the_honeypot_and_the_ticket(rpc, bureau):
    public = rpc()
    before = bureau.scalar("SELECT count(*) FROM feedback")
    fake = public.submit_feedback(form(bureau, website="http://spam.example"), client=unique("10.9.8."))
    assert fake["tracking_code"].startswith("ASP-") and fake["status"] == "received"
    assert bureau.scalar("SELECT count(*) FROM feedback") == before
    with pytest.raises(NotFound):
        public.feedback_status(fake["tracking_code"])
    fresh = public.public_form_ticket()["ticket"]  # just opened: too fast (form_min_seconds 3)
    for bad in (fresh, fresh.split(".")[0] + ".forged", None, ticket(bureau, age_seconds=13 * 3600)):
        with pytest.raises(ValidationFailed) as refused:
            public.submit_feedback(form(bureau, ticket=bad), client=unique("10.9.8."))
        assert list(refused.value.fields) == ["ticket"]
    assert bureau.scalar("SELECT count(*) FROM feedback") == before


def test_size_limits_and_rules_name_their_fields(rpc, bureau, agenda_db):
    public = rpc()
    with pytest.raises(ValidationFailed) as wrong:
        public.submit_feedback(form(bureau, kind="pujian", subject="S" * 201, message="m" * 4001, name="N" * 121,
                                    email="bukan-surel", phone="telepon saya"), client=unique("10.1.1."))
    assert {"kind", "subject", "message", "name", "email", "phone"} <= set(wrong.value.fields)
    with pytest.raises(ValidationFailed) as extra:
        public.submit_feedback(form(bureau, status="answered"), client=unique("10.1.1."))
    assert "status" in extra.value.fields
    with pytest.raises(ValidationFailed) as no_contact:
        public.submit_feedback(form(bureau, email=None, phone=None), client=unique("10.1.1."))
    assert list(no_contact.value.fields) == ["email"]
    # without a reply by contact, no contact at all is fine
    assert public.submit_feedback(form(bureau, email=None, phone=None, name=None, reply_by_contact=False),
                                  client=unique("10.1.1."))["status"] == "received"
    # an event must be public
    _, engine = agenda_db
    with Session(engine) as session, session.begin():
        start = datetime(2031, 3, 2, 9, tzinfo=WITA)
        hidden = AgendaEvent(title="Rapat internal", starts_at=start, ends_at=start + timedelta(hours=2),
                             location_kind="external", address="Renon", status="confirmed", is_public=False)
        shown = AgendaEvent(title="Peresmian Taman Budaya", starts_at=start, ends_at=start + timedelta(hours=2),
                            location_kind="external", address="Renon", status="confirmed", is_public=True)
        session.add_all([hidden, shown])
        session.flush()
        hidden_id, shown_id = hidden.id, shown.id
    with pytest.raises(ValidationFailed) as not_public:
        public.submit_feedback(form(bureau, event_id=hidden_id), client=unique("10.1.1."))
    assert list(not_public.value.fields) == ["event_id"]
    with pytest.raises(NotFound):
        public.feedback_event(hidden_id)
    assert public.feedback_event(shown_id)["title"] == "Peresmian Taman Budaya"
    code = public.submit_feedback(form(bureau, event_id=shown_id), client=unique("10.1.1."))["tracking_code"]
    assert rpc(bureau.protocol()).get_feedback(feedback_id(bureau, code))["event_title"] == "Peresmian Taman Budaya"


def _limit(rpc, bureau, per_hour: int):
    rpc(bureau.admin()).update_settings({"feedback_per_hour": per_hour})


def test_the_per_client_limit_holds_also_under_concurrent_submissions(rpc, bureau):
    _limit(rpc, bureau, 3)
    try:
        public = rpc()
        client = unique("203.0.113.")
        for _ in range(3):
            public.submit_feedback(form(bureau), client=client)
        with pytest.raises(TooManyRequests) as limited:
            public.submit_feedback(form(bureau), client=client)
        assert limited.value.status == 429 and int(limited.value.extra["retry_after"]) > 0
        assert public.submit_feedback(form(bureau), client=unique("203.0.113."))["status"] == "received"

        racing = unique("203.0.114.")
        proxies = [rpc() for _ in range(8)]
        forms = [form(bureau) for _ in range(8)]

        def send(pair):
            proxy, data = pair
            try:
                return proxy.submit_feedback(data, client=racing)
            except TooManyRequests as refused:
                return refused

        answers = list(eventlet.GreenPool(8).imap(send, zip(proxies, forms, strict=True)))
        assert sum(isinstance(a, dict) for a in answers) == 3
        assert sum(isinstance(a, TooManyRequests) for a in answers) == 5
        stored = bureau.scalar("SELECT count(*) FROM feedback WHERE client_hash = :h",
                               {"h": feedback.client_key(racing, feedback.CLIENT_PURPOSE)})
        assert stored == 3
    finally:
        _limit(rpc, bureau, 5)


def test_publishing_needs_the_senders_consent_and_never_shows_a_contact(rpc, bureau):
    public, protocol = rpc(), rpc(bureau.protocol())
    marker = unique("Penanda")
    agreed = feedback_id(bureau, public.submit_feedback(form(bureau, subject=f"Setuju {marker}"),
                                                        client=unique("10.4.4."))["tracking_code"])
    refused = feedback_id(bureau, public.submit_feedback(
        form(bureau, subject=f"Tidak setuju {marker}", consent_publish=False), client=unique("10.4.4."))[
        "tracking_code"])
    with pytest.raises(Conflict):  # not answered yet
        protocol.publish_feedback(agreed)
    for fid in (agreed, refused):
        answered = protocol.answer_feedback(fid, {"answer": f"Jawaban {marker}"})
    assert "publish" not in answered["allowed_actions"]  # the last one: no consent
    with pytest.raises(ValidationFailed) as no_consent:
        protocol.publish_feedback(refused)
    assert list(no_consent.value.fields) == ["published"]
    assert "publish" in protocol.get_feedback(agreed)["allowed_actions"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).publish_feedback(agreed)
    made = protocol.publish_feedback(agreed)
    assert made["published"] and made["allowed_actions"] == ["close", "unpublish"]

    items = public.published_feedback(limit=100)["items"]
    listed = [i for i in items if marker in i["subject"]]
    assert [i["id"] for i in listed] == [agreed] and listed[0]["sender"] == "N.L.P.A."
    text_of_page = str(items)
    assert EMAIL not in text_of_page and PHONE not in text_of_page and NAME not in text_of_page
    assert not {"email", "phone", "name"} & set(listed[0])
    protocol.unpublish_feedback(agreed)
    assert agreed not in [i["id"] for i in public.published_feedback(limit=100)["items"]]


def test_response_times_per_unit_on_hand_made_times(rpc, bureau, agenda_db):
    _, engine = agenda_db
    pbh, akp = unit(bureau, "BUP.KA.PBH"), unit(bureau, "BUP.KA.AKP")
    # a period nobody else's messages fall in
    base = datetime(2020, 1, 7, 1, 0, tzinfo=WITA)
    rows = [(pbh, 2), (pbh, 4), (pbh, 10), (pbh, None), (akp, 30), (None, None)]
    with Session(engine) as session, session.begin():
        for i, (unit_id, hours) in enumerate(rows):
            created = base + timedelta(minutes=i)
            answered = created + timedelta(hours=hours) if hours is not None else None
            session.add(Feedback(code_hash=feedback.CODES.stored(feedback.CODES.new_code()), kind="complaint",
                                 subject="Waktu tanggap", message="Uji waktu tanggap per unit.",
                                 client_hash="x" * 64, created_at=created, unit_id=unit_id,
                                 status="answered" if answered else ("triaged" if unit_id else "received"),
                                 answer="Ya." if answered else None, answered_at=answered,
                                 first_response_at=answered, triaged_at=created if unit_id else None))
    report = rpc(bureau.protocol()).feedback_report("2020-01-07", "2020-01-07", open_days=7)
    by_unit = {u["unit_id"]: u for u in report["units"]}
    assert set(by_unit) == {pbh, akp, None}
    assert (by_unit[pbh]["count"], by_unit[pbh]["answered"], by_unit[pbh]["median_hours"],
            by_unit[pbh]["p90_hours"], by_unit[pbh]["open_over_days"]) == (4, 3, 4.0, 8.8, 1)
    assert (by_unit[akp]["median_hours"], by_unit[akp]["p90_hours"]) == (30.0, 30.0)
    assert by_unit[None]["unit_name"] == "Belum dipilah" and by_unit[None]["answered"] == 0
    assert (report["total"]["count"], report["total"]["answered"], report["total"]["median_hours"]) == (6, 4, 7.0)
    # the same through SQL's percentile_cont
    with Session(engine) as session:
        p90 = session.scalar(text(
            "SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)"
            " / 3600) FROM feedback WHERE unit_id = :u AND created_at >= :a AND created_at < :b"),
            {"u": pbh, "a": base, "b": base + timedelta(days=1)})
    assert round(p90, 1) == by_unit[pbh]["p90_hours"]
    sheet = rpc(bureau.protocol()).feedback_report_xlsx("2020-01-07", "2020-01-07")
    assert sheet["filename"].endswith(".xlsx") and sheet["content_type"].endswith("spreadsheetml.sheet")
    rows = list(load_workbook(BytesIO(base64.b64decode(sheet["content_b64"]))).active.iter_rows(values_only=True))
    assert rows[-1] == ("Semua unit", 6, 4, 7.0, report["total"]["p90_hours"], 2)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).feedback_report_xlsx("2020-01-07", "2020-01-07")
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).feedback_report("2020-01-07", "2020-01-07")
    with pytest.raises(ValidationFailed):
        rpc(bureau.protocol()).feedback_report("2020-01-08", "2020-01-07")


def test_the_queue_filters_and_pages(rpc, bureau):
    public, admin = rpc(), rpc(bureau.admin())
    for kind in ("suggestion", "complaint", "complaint"):
        public.submit_feedback(form(bureau, kind=kind), client=unique("10.3.3."))
    first = admin.list_feedback(kind="complaint", limit=1)
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = admin.list_feedback(kind="complaint", limit=1, cursor=first["next_cursor"])
    assert second["items"][0]["id"] < first["items"][0]["id"]
    assert all(i["kind"] == "complaint" for i in first["items"] + second["items"])
    with pytest.raises(ValidationFailed):
        admin.list_feedback(status="hilang")
    assert rpc(bureau.protocol()).feedback_units()["items"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).feedback_units()


def test_the_demo_is_idempotent(agenda_db):
    _, engine = agenda_db
    with Session(engine) as session, session.begin():
        first = feedback.demo(session)
    with Session(engine) as session, session.begin():
        again = feedback.demo(session)
    assert first == {"feedback": 2} and again == {"feedback": 0}

