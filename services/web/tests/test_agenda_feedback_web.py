"""The feedback pages without a running service (agenda replaced, its answers dumped through agenda's own schemas):
the public form opens without a session with agenda's ticket and a hidden honeypot, goes to agenda as typed with
the client's address the edge saw, shows the tracking code once and never cached; agenda's refusals land by
their fields, the limit is a 429; the status page gives one answer for unknown codes; the published Q&A is
cacheable; the staff's queue, a message's forms from its ``allowed_actions``, the report and its XLSX."""
from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from agenda.schemas.common import AgendaCapabilitiesOut
from agenda.schemas.feedback import (
    FeedbackOut,
    FeedbackPublishedOut,
    FeedbackReceiptOut,
    FeedbackReportOut,
    FeedbackStatusOut,
)
from situok_kit.errors import Conflict, NotFound, TooManyRequests, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.http import codec
from web.sessions import WebSession
from web.views.agenda_feedback import action_payload, feedback_payload

PROTOCOL = Identity(account_id=5, username="analis_protokol", employee_id=21, roles=frozenset({"pegawai"}))
NONE = dict.fromkeys(AgendaCapabilitiesOut().fields, False)
WHEN = datetime(2031, 6, 10, 1, tzinfo=UTC)
FORM = {"kind": "question", "subject": "Jadwal upacara", "message": "Kapan upacara hari jadi dilaksanakan?",
        "event_id": "", "name": "Ni Luh Putu Ayu", "email": "", "phone": "0812 3456 7890",
        "reply_by_contact": "1", "ticket": "1767225600.abc", "website": ""}
RECEIPT = FeedbackReceiptOut().dump({"tracking_code": "ASP-7K2M-Q9XD-4TZA-B8RW", "kind": "question",
                                     "kind_label": "pertanyaan", "status": "received", "status_label": "diterima",
                                     "submitted_at": WHEN})
MADE: list[Browser] = []


def item(**extra) -> dict:
    return FeedbackOut().dump({
        "id": 41, "kind": "complaint", "kind_label": "pengaduan", "status": "received", "status_label": "diterima",
        "subject": "Antrean di lobi", "message": "Antrean tamu lama.", "event_id": None, "event_title": None,
        "name": "I Made Suarsana", "email": "made@example.id", "phone": "+62 812 3456 7890",
        "reply_by_contact": True, "consent_publish": True, "created_at": WHEN, "category": None,
        "category_label": None, "unit_id": None, "unit_name": None, "answer": None, "published": False,
        "steps": [], "allowed_actions": ["triage", "answer", "close"]} | extra)


def browser(*names: str, anonymous: bool = False, identity: Identity = PROTOCOL) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "agenda": caps}, identity)
    made.service.agenda.capabilities.return_value = caps
    made.service.agenda.public_form_ticket.return_value = {"ticket": "1767225600.fresh", "min_seconds": 3}
    made.service.agenda.feedback_units.return_value = {"items": [{"id": 7, "name": "Subbagian Perbendaharaan",
                                                                  "code": "BUP.KA.PBH"}]}
    if anonymous:
        made.session = WebSession.anonymous()
        made.cookie = codec().dumps(made.session)
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_agenda_rpcs():
    """Every call the pages made to the fake agenda is one the real ``AgendaService`` takes."""
    from agenda.service import AgendaService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AgendaService, "agenda")


def test_the_payloads_are_as_typed():
    assert feedback_payload(FORM) == {
        "kind": "question", "subject": "Jadwal upacara", "message": "Kapan upacara hari jadi dilaksanakan?",
        "event_id": None, "name": "Ni Luh Putu Ayu", "email": None, "phone": "0812 3456 7890",
        "reply_by_contact": True, "consent_publish": False, "ticket": "1767225600.abc", "website": ""}
    assert action_payload("triage", {"category": "layanan", "unit_id": "7", "note": ""}) == {
        "category": "layanan", "unit_id": 7, "note": None}
    assert action_payload("answer", {"answer": " Ya. "}) == {"answer": "Ya."}
    assert action_payload("close", {}) == {"note": None}


def test_the_public_form_opens_without_a_session_with_the_ticket_and_a_hidden_honeypot():
    made = browser(anonymous=True)
    made.service.agenda.feedback_event.return_value = {"id": 9, "title": "Peresmian Taman Budaya",
                                                       "starts_at": "2031-06-10T09:00:00+08:00"}
    response = made.call("agenda_feedback_form", "/publik/masukan?event_id=9")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = text(response)
    assert "/publik/masukan" in posts(body) and 'name="csrf_token"' in body
    assert 'name="ticket" value="1767225600.fresh"' in body and "Peresmian Taman Budaya" in body
    assert 'name="event_id" value="9"' in body
    honeypot = body[body.index('name="website"') - 300:body.index('name="website"') + 100]
    assert "hidden" in honeypot and 'aria-hidden="true"' in honeypot and 'tabindex="-1"' in honeypot
    made.service.agenda.feedback_event.assert_called_once_with(9)
    made.service.auth.authenticate_token.assert_not_called()
    # an event that is not public: the form without it
    made.service.agenda.feedback_event.side_effect = NotFound("Kegiatan tidak ditemukan.")
    assert "event_id" not in text(made.call("agenda_feedback_form", "/publik/masukan?event_id=8"))


def test_the_form_goes_as_typed_with_the_client_address_and_shows_the_code_once():
    made = browser(anonymous=True)
    made.service.agenda.submit_feedback.return_value = RECEIPT
    response = made.call("agenda_feedback_submit", "/publik/masukan", "POST", FORM)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = text(response)
    assert "ASP-7K2M-Q9XD-4TZA-B8RW" in body and "hanya ditampilkan sekali" in body
    sent, kwargs = made.service.agenda.submit_feedback.call_args
    assert sent[0] == feedback_payload(FORM) and "client" in kwargs


def test_agendas_refusals_land_by_their_fields_and_the_limit_is_429():
    made = browser(anonymous=True)
    made.service.agenda.submit_feedback.side_effect = ValidationFailed(
        "Masukan belum benar.", {"message": "Maksimal 4000 karakter.", "ticket": "Formulir dikirim terlalu cepat."})
    response = made.call("agenda_feedback_submit", "/publik/masukan", "POST", FORM)
    assert response.status_code == 422
    body = text(response)
    assert body.index("Maksimal 4000 karakter.") > body.index('id="f-message"')
    assert "Formulir dikirim terlalu cepat." in body and 'value="Ni Luh Putu Ayu"' in body
    assert 'name="ticket" value="1767225600.fresh"' in body  # a fresh ticket for the next try
    made.service.agenda.submit_feedback.side_effect = TooManyRequests(
        "Terlalu banyak masukan dari perangkat/jaringan ini.", {}, {"retry_after": 60})
    limited = made.call("agenda_feedback_submit", "/publik/masukan", "POST", FORM)
    assert limited.status_code == 429 and "Terlalu banyak masukan" in text(limited)


def test_a_public_post_needs_the_csrf_token():
    made = browser(anonymous=True)
    made.session.csrf = "other"
    made.cookie = codec().dumps(WebSession.anonymous())
    assert made.call("agenda_feedback_submit", "/publik/masukan", "POST", FORM).status_code == 403
    made.service.agenda.submit_feedback.assert_not_called()


def test_the_status_page_shows_the_answer_and_one_answer_for_unknown_codes():
    made = browser(anonymous=True)
    assert made.call("agenda_feedback_status_form", "/publik/masukan/status").status_code == 200
    made.service.agenda.feedback_status.return_value = FeedbackStatusOut().dump({
        "kind": "question", "kind_label": "pertanyaan", "status": "answered", "status_label": "dijawab",
        "subject": "Jadwal upacara", "submitted_at": WHEN, "unit_name": "Subbagian Protokol",
        "answer": "Upacara pukul 08.00 WITA.", "answered_at": WHEN, "published": False})
    found = made.call("agenda_feedback_status", "/publik/masukan/status", "POST", {"code": "ASP-7K2M-Q9XD-4TZA-B8RW"})
    assert found.status_code == 200 and found.headers["Cache-Control"] == "no-store"
    assert "Upacara pukul 08.00 WITA." in text(found) and "Subbagian Protokol" in text(found)
    made.service.agenda.feedback_status.assert_called_with("ASP-7K2M-Q9XD-4TZA-B8RW")
    made.service.agenda.feedback_status.side_effect = NotFound("Kode pelacakan tidak dikenal.")
    unknown = made.call("agenda_feedback_status", "/publik/masukan/status", "POST", {"code": "ASP-0000"})
    assert unknown.status_code == 404 and "Kode pelacakan tidak dikenal" in text(unknown)


def test_the_published_questions_and_answers_are_cacheable():
    made = browser(anonymous=True)
    made.service.agenda.published_feedback.return_value = {"items": [FeedbackPublishedOut().dump({
        "id": 3, "kind": "question", "kind_label": "pertanyaan", "category": "informasi",
        "category_label": "Informasi publik", "subject": "Agenda Gubernur", "message": "Di mana jadwalnya?",
        "sender": "N.L.P.A.", "answer": "Di halaman Agenda.", "unit_name": None, "event_title": None,
        "submitted_at": WHEN, "answered_at": WHEN, "published_at": WHEN})], "next_cursor": "c2"}
    response = made.call("agenda_feedback_answered", "/publik/masukan/terjawab")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=60"
    body = text(response)
    assert "N.L.P.A." in body and "Di halaman Agenda." in body and "cursor=c2" in body
    made.service.agenda.published_feedback.assert_called_with(cursor=None, limit=20)


def test_the_portal_lists_the_section():
    from web.views.home import PUBLIC_SECTIONS

    if "masukan" not in PUBLIC_SECTIONS:
        pytest.skip("the portal's sections (web.views.home.PUBLIC_SECTIONS) do not name masukan yet")
    body = text(browser(anonymous=True).call("public_home", "/publik"))
    assert 'href="/publik/masukan"' in body and 'href="/publik/masukan/terjawab"' in body


def test_the_queue_shows_messages_and_the_menu_follows_the_capability():
    made = browser("triage_feedback", "answer_feedback")
    made.service.agenda.list_feedback.return_value = {"items": [item()], "next_cursor": "c2"}
    response = made.call("agenda_feedback_queue", "/agenda/masukan?status=received&kind=complaint")
    assert response.status_code == 200
    body = text(response)
    assert 'href="/agenda/masukan/41"' in body and "Antrean di lobi" in body and "cursor=c2" in body
    made.service.agenda.list_feedback.assert_called_with(status="received", kind="complaint", cursor=None, limit=25)
    assert {"/agenda/masukan", "/agenda/masukan/waktu-tanggap"} <= menu_links(body)
    unit_staff = browser("answer_feedback")
    unit_staff.service.agenda.list_feedback.return_value = {"items": [], "next_cursor": None}
    links = menu_links(text(unit_staff.call("agenda_feedback_queue", "/agenda/masukan")))
    assert "/agenda/masukan" in links and "/agenda/masukan/waktu-tanggap" not in links
    assert browser().call("agenda_feedback_queue", "/agenda/masukan").status_code == 403
    assert unit_staff.call("agenda_feedback_report", "/agenda/masukan/waktu-tanggap").status_code == 403


def test_the_detail_offers_the_forms_of_its_allowed_actions_only():
    made = browser("triage_feedback")
    made.service.agenda.get_feedback.return_value = item()
    body = text(made.call("agenda_feedback_detail", "/agenda/masukan/41", feedback_id=41))
    assert "made@example.id" in body and "Subbagian Perbendaharaan" in body
    for action in ("triage", "answer", "close"):
        assert f'name="action" value="{action}"' in body
    assert 'value="publish"' not in body
    made.service.agenda.get_feedback.return_value = item(status="answered", answer="Sudah.",
                                                         allowed_actions=["close", "publish"])
    body = text(made.call("agenda_feedback_detail", "/agenda/masukan/41", feedback_id=41))
    assert 'value="publish"' in body and 'value="triage"' not in body and 'value="answer"' not in body
    made.service.agenda.feedback_units.assert_called_once_with()  # only while triage is offered


def test_an_action_goes_to_agenda_and_its_refusal_lands_by_its_field():
    made = browser("triage_feedback")
    made.service.agenda.get_feedback.return_value = item()
    made.service.agenda.triage_feedback.return_value = item(status="triaged")
    done = made.call("agenda_feedback_act", "/agenda/masukan/41/tindakan", "POST",
                     {"action": "triage", "category": "layanan", "unit_id": "7"}, feedback_id=41)
    assert done.status_code == 303 and done.headers["Location"].endswith("/agenda/masukan/41")
    made.service.agenda.triage_feedback.assert_called_once_with(41, {"category": "layanan", "unit_id": 7,
                                                                     "note": None})
    made.service.agenda.answer_feedback.side_effect = ValidationFailed("Jawaban belum benar.",
                                                                       {"answer": "Tidak boleh kosong."})
    refused = made.call("agenda_feedback_act", "/agenda/masukan/41/tindakan", "POST",
                        {"action": "answer", "answer": ""}, feedback_id=41)
    assert refused.status_code == 422
    body = text(refused)
    assert body.index("Tidak boleh kosong.") > body.index('id="f-answer"')
    made.service.agenda.publish_feedback.side_effect = Conflict("Masukan berstatus diterima tidak dapat "
                                                                "dipublikasikan.")
    assert made.call("agenda_feedback_act", "/agenda/masukan/41/tindakan", "POST", {"action": "publish"},
                     feedback_id=41).status_code == 409
    assert made.call("agenda_feedback_act", "/agenda/masukan/41/tindakan", "POST", {"action": "hapus"},
                     feedback_id=41).status_code == 422


def test_the_report_and_its_xlsx():
    made = browser("triage_feedback")
    total = {"unit_id": None, "unit_name": "Semua unit", "count": 3, "answered": 2, "median_hours": 4.0,
             "p90_hours": 8.8, "open_over_days": 1}
    made.service.agenda.feedback_report.return_value = FeedbackReportOut().dump({
        "date_from": datetime(2031, 6, 1).date(), "date_to": datetime(2031, 6, 30).date(), "open_days": 7,
        "total": total, "units": [{**total, "unit_id": 7, "unit_name": "Subbagian Perbendaharaan"}]})
    response = made.call("agenda_feedback_report", "/agenda/masukan/waktu-tanggap?date_from=2031-06-01"
                                                   "&date_to=2031-06-30")
    assert response.status_code == 200
    body = text(response)
    assert "Subbagian Perbendaharaan" in body and "8.8" in body and "Semua unit" in body
    assert "/agenda/masukan/waktu-tanggap/unduh?date_from=2031-06-01&amp;date_to=2031-06-30" in body
    made.service.agenda.feedback_report.assert_called_with(date_from="2031-06-01", date_to="2031-06-30",
                                                           open_days=7)
    made.service.agenda.feedback_report_xlsx.return_value = {
        "filename": "waktu-tanggap.xlsx", "content_b64": base64.b64encode(b"PK").decode(),
        "content_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    sheet = made.call("agenda_feedback_report_xlsx", "/agenda/masukan/waktu-tanggap/unduh?date_from=2031-06-01")
    assert sheet.status_code == 200 and sheet.get_data() == b"PK"
    assert sheet.headers["Content-Disposition"].startswith("attachment")
    made.service.agenda.feedback_report.side_effect = ValidationFailed("Periode tidak valid.",
                                                                       {"date_to": "Tidak boleh sebelum."})
    refused = made.call("agenda_feedback_report", "/agenda/masukan/waktu-tanggap?date_from=2031-06-30"
                                                  "&date_to=2031-06-01")
    assert refused.status_code == 422 and "Tidak boleh sebelum." in text(refused)
