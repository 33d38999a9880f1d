"""The leaders' agenda pages without a running service (agenda replaced, its answers dumped through agenda's own
schemas): the menu by capability, the day and week views (leader filter, conflicts highlighted, a list per day),
one event (guests in protocol order, run-down, buttons only for ``allowed_actions``), the form (leaders as
checkboxes, repeated rows, refusals landing on the row they came from), the status steps and the settings."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from agenda.schemas.common import AgendaCapabilitiesOut, AgendaSettingsOut
from agenda.schemas.events import AgendaDayOut, AgendaEventOut, AgendaWeekOut
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views import agenda_events

PROTOCOL = Identity(account_id=5, username="analis_protokol", employee_id=21, roles=frozenset({"pegawai"}))
NONE = dict.fromkeys(AgendaCapabilitiesOut().fields, False)
MADE: list[Browser] = []
GUBERNUR = {"leader_id": 1, "code": "gubernur", "title": "Gubernur Bali", "holder_name": None, "role": "attends",
            "represented_by": None}


def typed(value):
    """Answers' texts as the objects agenda's schemas dump (moments, clock times, days)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, str) and len(value) == 25 and value[10] == "T":
        return datetime.fromisoformat(value)
    if isinstance(value, str) and len(value) == 8 and value[2] == ":" and value[5] == ":":
        return time.fromisoformat(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return date.fromisoformat(value)
    return value


def event(**fields) -> dict:
    return dump(AgendaEventOut, {
        "id": 12, "title": "Rapat Koordinasi Forkopimda", "starts_at": "2031-03-04T01:00:00+00:00",
        "ends_at": "2031-03-04T03:30:00+00:00", "status": "tentative", "status_label": "sementara",
        "location_kind": "external", "room_name": None, "room_status": "none", "address": "Wiswa Sabha, Denpasar",
        "organiser": "Biro Pemerintahan", "dress_code": "PDH", "is_public": True, "leaders": [GUBERNUR],
        "leader_codes": ["gubernur"], "conflicts": [], "version": 3,
        "allowed_actions": ["edit", "confirm", "postpone", "cancel"], "description": None,
        "room_resource_id": None, "room_booking_id": None, "room_note": None, "protocol_notes": "Pintu timur",
        "status_note": None, "public_summary": None, "shown_publicly": False,
        "participants": [{"name": "Kepala OPD", "count": 20}],
        "guests": [{"name": "Duta Besar", "title": "Duta Besar", "agency": None, "precedence_code": "national",
                    "precedence_rank": 10, "order": 1, "phone": "+62 811 000", "email": None, "id_number": None,
                    "contact_note": None},
                   {"name": "Bupati Gianyar", "title": "Bupati", "agency": "Pemkab", "precedence_code": None,
                    "precedence_rank": None, "order": 2, "phone": None, "email": None, "id_number": None,
                    "contact_note": None}],
        "guest_contacts_visible": True,
        "rundown": [{"starts_at": "09:00:00", "ends_at": "09:30:00", "item": "Kedatangan", "who": None},
                    {"starts_at": "10:00:00", "ends_at": None, "item": "Sambutan", "who": "Gubernur"}],
        "protocol_staff": [{"employee_id": 21, "name": "I Made Protokol", "duty": "Pendamping"}],
        "steps": [{"action": "created", "actor": "analis_protokol", "note": None, "at": "2031-03-01T01:00:00+00:00"}],
        "created_at": "2031-03-01T01:00:00+00:00", "updated_at": "2031-03-01T01:00:00+00:00"} | fields)


def dump(schema, value: dict) -> dict:
    return schema().dump(typed(value))


CLASH = {"event_id": 13, "title": "Peresmian Pasar", "starts_at": "2031-03-04T02:30:00+00:00",
         "ends_at": "2031-03-04T04:00:00+00:00", "status": "tentative", "leader_codes": ["gubernur"]}


def browser(*names: str, identity: Identity = PROTOCOL) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "agenda": caps}, identity)
    made.service.agenda.capabilities.return_value = caps
    made.service.agenda.list_leaders.return_value = {"items": [
        {"id": 1, "code": "gubernur", "title": "Gubernur Bali"}, {"id": 3, "code": "sekda", "title": "Sekda"}],
        "next_cursor": None}
    made.service.agenda.list_precedence_ranks.return_value = {"items": [
        {"id": 1, "code": "national", "rank": 10, "label": "Pejabat negara"}], "next_cursor": None}
    made.service.agenda.get_event.return_value = event()
    made.service.booking.list_resources.return_value = {"items": [
        {"id": 4, "name": "Aula Wiswa Sabha", "location": "Lantai 2"}], "next_cursor": None}
    made.service.personnel.list_employees.return_value = {"items": [
        {"id": 21, "full_name": "I Made Protokol", "unit_name": "Subbagian Protokol"}], "next_cursor": None}
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
    staff = menu_links(text(browser("manage_events").call("dashboard", "/")))
    assert {"/agenda/harian", "/agenda/mingguan", "/agenda/kegiatan/baru"} <= staff
    assert "/agenda/pengaturan" not in staff
    pegawai = menu_links(text(browser().call("dashboard", "/")))
    assert "/agenda/harian" in pegawai and "/agenda/kegiatan/baru" not in pegawai
    assert "/agenda/pengaturan" in menu_links(text(browser("manage_settings").call("dashboard", "/")))
    assert browser().call("agenda_events_new", "/agenda/kegiatan/baru").status_code == 403
    assert browser().call("agenda_events_settings", "/agenda/pengaturan").status_code == 403


def test_the_day_view_filters_by_leader_and_highlights_conflicts():
    made = browser("manage_events")
    made.service.agenda.agenda_day.return_value = dump(AgendaDayOut, {"day": "2031-03-04", "conflicts": 1, "items": [
        event(conflicts=[CLASH])]})
    body = text(made.call("agenda_events_day", "/agenda/harian?tanggal=2031-03-04&pimpinan_id=1"))
    made.service.agenda.agenda_day.assert_called_once_with(day="2031-03-04", leader_id=1)
    assert "Rapat Koordinasi Forkopimda" in body and "09.00–11.30" in body and "agenda-conflict" in body
    assert "Peresmian Pasar" in body and "10.30–12.00" in body and 'href="/agenda/kegiatan/13"' in body
    assert "tanggal=2031-03-03&amp;pimpinan_id=1" in body and "tanggal=2031-03-05&amp;pimpinan_id=1" in body
    assert '<option value="1" selected>' in body and "/agenda/kegiatan/baru?tanggal=2031-03-04" in body


def test_the_week_view_lists_each_day():
    made = browser()
    days = [{"day": f"2031-03-{d:02d}", "conflicts": 0, "items": [event()] if d == 4 else []} for d in range(3, 10)]
    made.service.agenda.agenda_week.return_value = dump(AgendaWeekOut,
        {"week_start": "2031-03-03", "week_end": "2031-03-09", "leader_id": None, "days": days})
    body = text(made.call("agenda_events_week", "/agenda/mingguan?tanggal=kemarin&batal=1"))
    call = made.service.agenda.agenda_week.call_args.kwargs
    assert call["include_cancelled"] is True and len(call["day"]) == 10  # a bad date: today
    assert body.count('class="panel agenda-day"') == 7 and body.count("Tidak ada kegiatan.") == 6
    assert "/agenda/kegiatan/baru" not in body  # not protocol staff: no button


def test_the_event_page_shows_everything_and_only_the_allowed_buttons():
    made = browser("manage_events")
    body = text(made.call("agenda_events_show", "/agenda/kegiatan/12", event_id=12))
    assert body.index("Duta Besar") < body.index("Bupati Gianyar") and "+62 811 000" in body
    assert body.index("Kedatangan") < body.index("Sambutan") and "I Made Protokol" in body
    assert {"/agenda/kegiatan/12/pastikan", "/agenda/kegiatan/12/tunda", "/agenda/kegiatan/12/batalkan"} == {
        p for p in posts(body) if p.startswith("/agenda/")}
    assert 'href="/agenda/kegiatan/12/ubah"' in body
    plain = browser()
    plain.service.agenda.get_event.return_value = event(allowed_actions=[], guest_contacts_visible=False,
                                                        conflicts=[CLASH])
    seen = text(plain.call("agenda_events_show", "/agenda/kegiatan/12", event_id=12))
    assert not [p for p in posts(seen) if p.startswith("/agenda/")] and "/agenda/kegiatan/12/ubah" not in seen
    assert "Kontak" not in seen and "Peresmian Pasar" in seen and "Bentrok dengan 1 kegiatan" in seen


def form(**extra) -> dict:
    return {"title": "Rapat", "date": "2031-03-04", "start_time": "09:00", "end_time": "11:00", "end_date": "",
            "leaders": ["1", "3"], "location_kind": "external", "address": "Denpasar", "guests-rows": "3",
            "guests-0-name": "", "guests-1-name": "Duta Besar", "guests-1-precedence_code": "national",
            "guests-1-email": "salah", "rundown-rows": "2", "rundown-0-starts_at": "09:00",
            "rundown-0-item": "Buka", "rundown-1-starts_at": "12:00", "rundown-1-item": "Lewat",
            "protocol_staff-rows": "1", "protocol_staff-0-employee_id": "21"} | extra


def test_the_form_sends_the_rows_typed_and_refusals_land_on_the_row_they_came_from():
    made = browser("manage_events")
    blank = text(made.call("agenda_events_new", "/agenda/kegiatan/baru?tanggal=2031-03-04"))
    assert 'name="leaders" value="3"' in blank and 'name="guests-2-name"' in blank and "I Made Protokol" in blank
    assert '<option value="4">Aula Wiswa Sabha · Lantai 2</option>' in blank
    made.service.booking.list_resources.side_effect = TimeoutError("booking sedang tidak menjawab")
    away = text(made.call("agenda_events_new", "/agenda/kegiatan/baru"))
    assert 'name="room_resource_id" type="text"' in away  # booking away: the room's id can still be typed
    made.service.agenda.create_event.side_effect = ValidationFailed("Data kegiatan belum benar.", {
        "guests.0.email": "Alamat surel tidak valid.", "rundown.1.starts_at": "Harus di dalam waktu kegiatan.",
        "leaders.1.leader_id": "Pimpinan tidak dikenal.", "ends_at": "Waktu selesai harus setelah waktu mulai."})
    refused = made.call("agenda_events_create", "/agenda/kegiatan/baru", "POST", form())
    body = text(refused)
    assert refused.status_code == 422
    assert 'id="e-guests-1-email">Alamat surel tidak valid.' in body  # the form's row 1 was the first sent
    assert 'id="e-rundown-1-starts_at">Harus di dalam waktu kegiatan.' in body
    assert 'id="e-end_time">Waktu selesai' in body and "Pimpinan tidak dikenal." in body
    sent = made.service.agenda.create_event.call_args.args[0]
    assert sent["starts_at"] == "2031-03-04T09:00" and sent["ends_at"] == "2031-03-04T11:00"
    assert sent["leaders"] == [{"leader_id": 1}, {"leader_id": 3}] and sent["is_public"] is False
    assert [g["name"] for g in sent["guests"]] == ["Duta Besar"] and sent["guests"][0]["email"] == "salah"
    assert sent["rundown"][1] == {"starts_at": "12:00", "ends_at": None, "item": "Lewat", "who": None}
    assert sent["protocol_staff"] == [{"employee_id": 21, "duty": None}] and "version" not in sent

    made.service.agenda.create_event.side_effect = None
    made.service.agenda.create_event.return_value = event(conflicts=[CLASH])
    done = made.call("agenda_events_create", "/agenda/kegiatan/baru", "POST", form())
    assert done.status_code == 303 and done.headers["Location"].endswith("/agenda/kegiatan/12")


def test_an_edit_sends_the_version_it_read_and_a_taken_room_is_shown():
    made = browser("manage_events")
    edit = text(made.call("agenda_events_edit", "/agenda/kegiatan/12/ubah", event_id=12))
    assert 'name="version" value="3"' in edit and 'value="09:00"' in edit and 'value="11:30"' in edit
    assert 'value="Duta Besar"' in edit and 'value="Kedatangan"' in edit
    made.service.agenda.update_event.side_effect = Conflict(
        "Ruangan tidak tersedia pada waktu itu: peminjaman #77.", {"room_resource_id": "Peminjaman #77"})
    refused = made.call("agenda_events_update", "/agenda/kegiatan/12/ubah", "POST", form(
        version="3", location_kind="internal", room_resource_id="4"), event_id=12)
    assert refused.status_code == 409 and "peminjaman #77" in text(refused)
    sent = made.service.agenda.update_event.call_args.args
    assert sent[0] == 12 and sent[1]["version"] == 3 and sent[1]["room_resource_id"] == 4


def test_the_status_steps_send_their_reason_and_show_refusals():
    made = browser("manage_events")
    made.service.agenda.postpone_event.return_value = event(status="postponed")
    done = made.call("agenda_events_postpone", "/agenda/kegiatan/12/tunda", "POST", {"reason": "Hujan"},
                     event_id=12)
    assert done.status_code == 303
    made.service.agenda.postpone_event.assert_called_once_with(12, {"reason": "Hujan"})
    made.service.agenda.confirm_event.return_value = event(status="confirmed")
    made.call("agenda_events_confirm", "/agenda/kegiatan/12/pastikan", "POST", {"note": ""}, event_id=12)
    made.service.agenda.confirm_event.assert_called_once_with(12, {"note": None})
    made.service.agenda.complete_event.side_effect = ValidationFailed(
        "Kegiatan belum dimulai.", {"starts_at": "Kegiatan belum dimulai; belum dapat ditandai selesai."})
    refused = made.call("agenda_events_complete", "/agenda/kegiatan/12/selesai", "POST", {}, event_id=12)
    assert refused.status_code == 422 and "belum dapat ditandai selesai" in text(refused)
    made.service.agenda.reschedule_event.return_value = event()
    made.call("agenda_events_reschedule", "/agenda/kegiatan/12/jadwal-ulang", "POST", {
        "date": "2031-03-06", "start_time": "13:00", "end_time": "14:00"}, event_id=12)
    made.service.agenda.reschedule_event.assert_called_once_with(12, {"starts_at": "2031-03-06T13:00",
                                                                      "ends_at": "2031-03-06T14:00"})
    made.service.agenda.cancel_event.return_value = event(status="cancelled")
    made.call("agenda_events_cancel", "/agenda/kegiatan/12/batalkan", "POST", {"reason": "Batal"}, event_id=12)
    made.service.agenda.cancel_event.assert_called_once_with(12, {"reason": "Batal"})


def test_the_settings_page_for_admin():
    made = browser("manage_settings")
    made.service.agenda.get_settings.return_value = AgendaSettingsOut().dump({
        "protocol_unit_code": "BUP.PKP", "approver_role": None, "visit_requests_per_hour": 5,
        "feedback_per_hour": 5, "form_min_seconds": 3})
    body = text(made.call("agenda_events_settings", "/agenda/pengaturan"))
    assert 'value="BUP.PKP"' in body and "/agenda/pengaturan" in posts(body)
    made.service.agenda.update_settings.side_effect = ValidationFailed("Pengaturan agenda belum benar.", {
        "form_min_seconds": "0–600 detik."})
    refused = made.call("agenda_events_settings_update", "/agenda/pengaturan", "POST", {
        "protocol_unit_code": "BUP.PKP", "approver_role": "", "visit_requests_per_hour": "5",
        "feedback_per_hour": "5", "form_min_seconds": "900"})
    assert refused.status_code == 422 and 'id="e-form_min_seconds">0–600 detik.' in text(refused)
    made.service.agenda.update_settings.assert_called_once_with({
        "protocol_unit_code": "BUP.PKP", "approver_role": None, "visit_requests_per_hour": 5,
        "feedback_per_hour": 5, "form_min_seconds": 900})


def test_pure_shaping():
    assert agenda_events.clock_span("2031-03-04T12:00:00+00:00", "2031-03-04T18:00:00+00:00") == "4/3 20.00–5/3 02.00"
    assert agenda_events.moment("2031-03-04", "") is None and agenda_events.parse_day("x", date(2031, 1, 2)) == date(
        2031, 1, 2)
    errors, other = agenda_events.form_errors({"guests.1.name": "Wajib.", "leaders": "Pilih.", "x": "Lain."},
                                              {"guests": [0, 4]}, str)
    assert errors == {"guests-4-name": "Wajib.", "leaders": "Pilih."} and other == ["Lain."]
