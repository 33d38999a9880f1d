"""The leaders pages without a running service (agenda replaced, its answers dumped through agenda's own schemas):
the menu by capability, "Cetak agenda" choosing a leader and a day or a week and answering the PDF inline, the
protocol staff's leaders list (deactivate/reactivate with agenda's notice) and forms (refusals landing by their
fields), the order of precedence and its forms."""
from __future__ import annotations

import pytest
from agenda.schemas.common import AgendaCapabilitiesOut
from agenda.schemas.leaders import LeaderAgendaDocumentOut, LeaderOut, PrecedenceRankOut
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views import agenda_leaders

PROTOCOL = Identity(account_id=5, username="analis_protokol", employee_id=21, roles=frozenset({"pegawai"}))
NONE = dict.fromkeys(AgendaCapabilitiesOut().fields, False)
PDF = b"%PDF-1.4 agenda"
MADE: list[Browser] = []


def leader(**fields) -> dict:
    return LeaderOut().dump({
        "id": 3, "code": "sekda", "title": "Sekretaris Daerah Provinsi Bali", "holder_name": "Dewa Made Contoh",
        "precedence_code": "sekda_forkopimda", "precedence_label": "Sekretaris Daerah, panglima ...",
        "precedence_rank": 80, "position": 3, "active": True, "upcoming_events": 2,
        "allowed_actions": ["edit", "deactivate"], "notice": None} | fields)


def rank(**fields) -> dict:
    return PrecedenceRankOut().dump({"id": 2, "code": "gubernur", "rank": 20, "label": "Gubernur",
                                     "basis": "UU 9/2010 Pasal 10 ayat (1) huruf a", "leaders": 1,
                                     "allowed_actions": ["edit"]} | fields)


def browser(*names: str, identity: Identity = PROTOCOL) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "agenda": caps}, identity)
    made.service.agenda.capabilities.return_value = caps
    made.service.agenda.list_leaders.return_value = {"items": [leader()], "next_cursor": None}
    made.service.agenda.list_precedence_ranks.return_value = {"items": [rank(), rank(
        id=3, code="wakil_gubernur", rank=30, label="Wakil Gubernur", leaders=1)], "next_cursor": None}
    made.service.agenda.get_leader.return_value = leader()
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_agenda_rpcs():
    """Every call the pages made to the fake agenda is one the real ``AgendaService`` takes."""
    from agenda.service import AgendaService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AgendaService, "agenda")


def test_the_menu_links_follow_the_capabilities():
    staff = menu_links(text(browser("manage_leaders").call("dashboard", "/")))
    assert {"/agenda/cetak", "/agenda/pimpinan", "/agenda/tata-urutan"} <= staff
    pegawai = menu_links(text(browser().call("dashboard", "/")))
    assert "/agenda/cetak" in pegawai and "/agenda/pimpinan" not in pegawai and "/agenda/tata-urutan" not in pegawai
    assert browser().call("agenda_leader_list", "/agenda/pimpinan").status_code == 403
    assert browser().call("agenda_leader_ranks", "/agenda/tata-urutan").status_code == 403
    assert browser().call("agenda_leader_new", "/agenda/pimpinan/baru").status_code == 403


def test_the_print_page_chooses_a_leader_and_a_day_or_week_and_answers_the_pdf_inline():
    made = browser()
    body = text(made.call("agenda_leader_print", "/agenda/cetak"))
    assert "Sekretaris Daerah Provinsi Bali" in body and 'action="/agenda/cetak/pdf"' in body
    assert 'name="kind" value="week"' in body and "leader_id=3&amp;kind=week" in body
    made.service.agenda.leader_agenda_pdf.return_value = LeaderAgendaDocumentOut().dump({
        "filename": "agenda-sekda-pekan-2031-03-10.pdf", "content_type": "application/pdf", "content": PDF})
    response = made.call("agenda_leader_print_pdf", "/agenda/cetak/pdf?leader_id=3&kind=week&date=2031-03-12")
    assert response.status_code == 200 and response.get_data() == PDF
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="agenda-sekda-pekan-2031-03-10.pdf"'
    made.service.agenda.leader_agenda_pdf.assert_called_once_with(leader_id=3, week_of="2031-03-12")
    made.call("agenda_leader_print_pdf", "/agenda/cetak/pdf?leader_id=3&kind=day&date=2031-03-10")
    made.service.agenda.leader_agenda_pdf.assert_called_with(leader_id=3, day="2031-03-10")


def test_the_print_page_refuses_without_a_leader_and_shows_agendas_refusal_by_the_date():
    made = browser()
    missing = made.call("agenda_leader_print_pdf", "/agenda/cetak/pdf?kind=day&date=2031-03-10")
    assert missing.status_code == 422 and 'id="e-leader_id">Pilih pimpinan.' in text(missing)
    made.service.agenda.leader_agenda_pdf.assert_not_called()
    made.service.agenda.leader_agenda_pdf.side_effect = ValidationFailed(
        "Tanggal tidak valid.", {"day": "Tanggal berbentuk YYYY-MM-DD."})
    refused = made.call("agenda_leader_print_pdf", "/agenda/cetak/pdf?leader_id=3&kind=day&date=kemarin")
    assert refused.status_code == 422 and 'id="e-date">Tanggal berbentuk YYYY-MM-DD.' in text(refused)


def test_the_leaders_list_offers_what_each_leader_allows_and_says_what_stays():
    made = browser("manage_leaders")
    made.service.agenda.list_leaders.return_value = {"items": [leader(), leader(
        id=9, code="staf_ahli", title="Staf Ahli", active=False, allowed_actions=["edit", "reactivate"])],
        "next_cursor": None}
    body = text(made.call("agenda_leader_list", "/agenda/pimpinan"))
    made.service.agenda.list_leaders.assert_called_once_with(include_inactive=True, cursor=None, limit=50)
    assert "Dewa Made Contoh" in body and "nonaktif" in body and "Aktifkan kembali" in body
    assert {"/agenda/pimpinan/3/status", "/agenda/pimpinan/9/status"} <= posts(body)
    made.service.agenda.update_leader.return_value = leader(
        active=False, notice="Pimpinan dinonaktifkan. 2 kegiatan yang akan datang tetap tercatat atas namanya.")
    done = made.call("agenda_leader_toggle", "/agenda/pimpinan/3/status", "POST", {"active": "0"}, leader_id=3)
    assert done.status_code == 303 and done.headers["Location"].endswith("/agenda/pimpinan")
    made.service.agenda.update_leader.assert_called_once_with(3, {"active": False})
    shown = text(made.call("agenda_leader_list", "/agenda/pimpinan"))
    assert "2 kegiatan yang akan datang tetap tercatat" in shown


def test_the_leader_forms_send_what_was_typed_and_refusals_land_by_their_fields():
    made = browser("manage_leaders")
    form = text(made.call("agenda_leader_new", "/agenda/pimpinan/baru"))
    assert 'name="code"' in form and "Wakil Gubernur" in form  # ranks to choose from
    made.service.agenda.create_leader.side_effect = ValidationFailed(
        "Data pimpinan belum benar.", {"code": "Kode ini sudah dipakai pimpinan lain."})
    refused = made.call("agenda_leader_create", "/agenda/pimpinan/baru", "POST", {
        "code": "sekda", "title": "Sekretaris Daerah", "holder_name": "", "precedence_code": "sekda_forkopimda",
        "position": "", "active": "1"})
    assert refused.status_code == 422 and 'id="e-code">Kode ini sudah dipakai pimpinan lain.' in text(refused)
    made.service.agenda.create_leader.assert_called_once_with({
        "code": "sekda", "title": "Sekretaris Daerah", "holder_name": None, "precedence_code": "sekda_forkopimda",
        "position": None, "active": True})
    edit = text(made.call("agenda_leader_edit", "/agenda/pimpinan/3/ubah", leader_id=3))
    assert 'value="Sekretaris Daerah Provinsi Bali"' in edit and "/agenda/pimpinan/3/ubah" in posts(edit)
    made.service.agenda.update_leader.return_value = leader(title="Sekda Bali")
    saved = made.call("agenda_leader_update", "/agenda/pimpinan/3/ubah", "POST", {
        "title": "Sekda Bali", "holder_name": "Dewa Made Contoh", "precedence_code": "sekda_forkopimda",
        "position": "3", "active": "1"}, leader_id=3)
    assert saved.status_code == 303
    made.service.agenda.update_leader.assert_called_once_with(3, {
        "title": "Sekda Bali", "holder_name": "Dewa Made Contoh", "precedence_code": "sekda_forkopimda",
        "position": 3, "active": True})


def test_the_order_of_precedence_and_its_forms():
    made = browser("manage_leaders")
    body = text(made.call("agenda_leader_ranks", "/agenda/tata-urutan"))
    assert "UU 9/2010 Pasal 10 ayat (1) huruf a" in body and "/agenda/tata-urutan/2/ubah" in body
    assert "/agenda/tata-urutan/baru?after_code=gubernur" in body
    made.service.agenda.create_precedence_rank.return_value = rank(id=7, code="mda", rank=25)
    made_rank = made.call("agenda_leader_rank_create", "/agenda/tata-urutan/baru", "POST", {
        "code": "mda", "label": "Majelis Desa Adat", "basis": "", "after_code": "gubernur", "rank": ""})
    assert made_rank.status_code == 303
    made.service.agenda.create_precedence_rank.assert_called_once_with({
        "code": "mda", "label": "Majelis Desa Adat", "basis": None, "after_code": "gubernur"})
    edit = text(made.call("agenda_leader_rank_edit", "/agenda/tata-urutan/3/ubah", rank_id=3))
    assert 'value="Wakil Gubernur"' in edit and 'value="30"' in edit
    made.service.agenda.update_precedence_rank.side_effect = ValidationFailed(
        "Urutan sudah dipakai.", {"rank": "Urutan 20 sudah dipakai oleh “Gubernur”."})
    refused = made.call("agenda_leader_rank_update", "/agenda/tata-urutan/3/ubah", "POST", {
        "label": "Wakil Gubernur", "basis": "", "rank": "20"}, rank_id=3)
    assert refused.status_code == 422 and "Urutan 20 sudah dipakai" in text(refused)
    made.service.agenda.update_precedence_rank.assert_called_once_with(3, {"label": "Wakil Gubernur", "basis": None,
                                                                          "rank": 20})


def test_the_print_query_is_shaped_without_a_service():
    from datetime import date

    shown, args = agenda_leaders.print_query({"leader_id": "4", "kind": "tahun", "date": ""}, date(2031, 3, 10))
    assert shown == {"leader_id": "4", "kind": "day", "date": "2031-03-10"}
    assert args == {"leader_id": 4, "day": "2031-03-10"}
    assert agenda_leaders.print_query({}, date(2031, 3, 10))[1] is None
