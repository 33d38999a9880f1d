"""The documentation pages without a running service: the menu follows agenda's capabilities, the page shows the
photo grid with thumbnails and alt text and only the buttons agenda allows, uploads go from multipart to base64,
steps go with their note or embargo, agenda's refusals come back as messages naming the photo, files are
downloaded through the web (attachments always as downloads of a servable type)."""
from __future__ import annotations

import base64
import io
from datetime import UTC, datetime

import pytest
from agenda.schemas import SCHEMAS
from agenda.schemas.common import AgendaCapabilitiesOut
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views.agenda_documentation import local_input, moved, texts_payload

NONE = dict.fromkeys(AgendaCapabilitiesOut().fields, False)
MADE: list[Browser] = []
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 32
BASE = "/agenda/dokumentasi"


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "agenda": caps})
    made.service.agenda.capabilities.return_value = caps
    MADE.append(made)
    return made


def documentation(actions, status="draft", **extra) -> dict:
    return SCHEMAS["DocumentationOut"]().dump({
        "id": 4, "event_id": 9, "event_title": "Kunjungan Kerja ke Karangasem",
        "event_starts_at": datetime(2026, 12, 1, 1, tzinfo=UTC), "event_status": "done", "status": status,
        "minutes": "Notulen", "minutes_public": False, "press_release": None, "embargo_until": None,
        "submitted_at": None, "submitted_by_employee_id": None, "approved_at": None,
        "approved_by_employee_id": None, "return_note": None, "public_from": None, "is_public": False,
        "announced": False, "version": 3, "created_at": datetime(2026, 12, 1, 5, tzinfo=UTC),
        "updated_at": datetime(2026, 12, 1, 5, tzinfo=UTC),
        "photos": [{"id": 11, "caption": "Pembukaan", "alt_text": "Gubernur membuka acara.",
                    "content_type": "image/jpeg", "width": 2560, "height": 1707, "position": 1,
                    "created_at": datetime(2026, 12, 1, 5, tzinfo=UTC)},
                   {"id": 12, "caption": None, "alt_text": None, "content_type": "image/jpeg", "width": 800,
                    "height": 600, "position": 2, "created_at": datetime(2026, 12, 1, 5, tzinfo=UTC)}],
        "attachments": [{"id": 21, "title": "Undangan", "filename": "undangan.pdf",
                         "content_type": "application/pdf", "size": 2048, "public": False,
                         "created_at": datetime(2026, 12, 1, 5, tzinfo=UTC)}],
        "allowed_actions": actions} | extra)


def summary(**extra) -> dict:
    return SCHEMAS["DocumentationSummaryOut"]().dump({
        "id": 4, "event_id": 9, "event_title": "Kunjungan Kerja ke Karangasem",
        "event_starts_at": datetime(2026, 12, 1, 1, tzinfo=UTC), "event_status": "done", "status": "submitted",
        "submitted_at": datetime(2026, 12, 2, 1, tzinfo=UTC), "approved_at": None, "embargo_until": None,
        "public_from": None, "is_public": False, "photo_count": 2, "allowed_actions": ["approve", "return"]} | extra)


@pytest.fixture(autouse=True)
def calls_fit_agenda_rpcs():
    """Every call the pages made to the fake agenda is one the real ``AgendaService`` takes."""
    from agenda.service import AgendaService

    MADE.clear()
    yield
    assert_calls_fit(MADE, AgendaService, "agenda")


def test_shaping_is_pure():
    assert moved([1, 2, 3], 2, "up") == [2, 1, 3]
    assert moved([1, 2, 3], 2, "down") == [1, 3, 2]
    assert moved([1, 2, 3], 1, "up") == [1, 2, 3] and moved([1, 2], 9, "up") == [1, 2]
    assert local_input("2026-12-05T01:30:00+00:00") == "2026-12-05T09:30" and local_input(None) == ""
    payload = texts_payload({"version": "3", "minutes": " Notulen ", "press_release": "", "embargo_until": ""})
    assert payload == {"version": 3, "minutes": "Notulen", "minutes_public": False, "press_release": None,
                       "embargo_until": None}


def test_the_menu_follows_capabilities():
    approver = browser("document", "approve_publication")
    approver.service.agenda.list_documentation_queue.return_value = {"items": [summary()], "next_cursor": None}
    body = text(approver.call("agenda_documentation_queue", f"{BASE}/antrean"))
    assert {f"{BASE}/antrean", BASE, f"{BASE}/terbit"} <= menu_links(body)
    assert "Kunjungan Kerja ke Karangasem" in body and f'href="{BASE}/4"' in body
    approver.service.agenda.list_documentation_queue.assert_called_once_with(cursor=None, limit=25)
    staff = browser("document")
    staff.service.agenda.list_documentations.return_value = {"items": [], "next_cursor": None}
    body = text(staff.call("agenda_documentation_list", BASE))
    assert f"{BASE}/antrean" not in menu_links(body) and BASE in menu_links(body)
    assert staff.call("agenda_documentation_queue", f"{BASE}/antrean").status_code == 403
    assert browser().call("agenda_documentation_list", BASE).status_code == 403


def test_the_page_shows_the_grid_and_only_the_allowed_buttons():
    staff = browser("document")
    staff.service.agenda.get_documentation.return_value = documentation(["edit"])
    body = text(staff.call("agenda_documentation_page", f"{BASE}/4", documentation_id=4))
    assert f'src="{BASE}/foto/11/berkas?varian=thumbnail"' in body and 'alt="Gubernur membuka acara."' in body
    forms = posts(body)
    assert {f"{BASE}/4/foto", f"{BASE}/4/teks", f"{BASE}/4/lampiran", f"{BASE}/4/foto/11",
            f"{BASE}/4/foto/12/hapus"} <= forms
    assert 'enctype="multipart/form-data"' in body and 'name="version" value="3"' in body
    assert not {f"{BASE}/4/ajukan", f"{BASE}/4/setujui", f"{BASE}/4/kembalikan", f"{BASE}/4/tarik"} & forms

    approver = browser("document", "approve_publication")
    approver.service.agenda.get_documentation.return_value = documentation(["approve", "return"], "submitted")
    body = text(approver.call("agenda_documentation_page", f"{BASE}/4", documentation_id=4))
    forms = posts(body)
    assert {f"{BASE}/4/setujui", f"{BASE}/4/kembalikan"} <= forms
    assert not {f"{BASE}/4/foto", f"{BASE}/4/teks", f"{BASE}/4/ajukan", f"{BASE}/4/tarik"} & forms
    assert 'name="embargo_until"' in body


def test_an_upload_goes_as_base64_and_a_refusal_names_the_photo():
    staff = browser("document")
    staff.service.agenda.add_documentation_photo.return_value = documentation(["edit"])
    response = staff.call("agenda_documentation_upload_photo", f"{BASE}/4/foto", "POST",
                          {"file": (io.BytesIO(JPEG), "foto.jpg", "image/jpeg"), "alt_text": "Warga hadir",
                           "caption": ""}, documentation_id=4)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{BASE}/4")
    staff.service.agenda.add_documentation_photo.assert_called_once_with(4, {
        "filename": "foto.jpg", "content_type": "image/jpeg", "content_b64": base64.b64encode(JPEG).decode(),
        "caption": None, "alt_text": "Warga hadir"})

    staff.service.agenda.submit_documentation.side_effect = ValidationFailed(
        "Teks alternatif foto wajib diisi sebelum diajukan.",
        {"photos.12.alt_text": "Teks alternatif (alt) foto wajib diisi."})
    staff.call("agenda_documentation_step", f"{BASE}/4/ajukan", "POST", {}, documentation_id=4, step="ajukan")
    staff.service.agenda.get_documentation.return_value = documentation(["edit"])
    body = text(staff.call("agenda_documentation_page", f"{BASE}/4", documentation_id=4))
    assert "Foto #12: Teks alternatif (alt) foto wajib diisi." in body


def test_steps_carry_their_note_or_embargo():
    approver = browser("document", "approve_publication")
    approver.service.agenda.approve_documentation.return_value = documentation(["withdraw"], "approved")
    approver.call("agenda_documentation_step", f"{BASE}/4/setujui", "POST",
                  {"embargo_until": "2026-12-05T09:00"}, documentation_id=4, step="setujui")
    approver.service.agenda.approve_documentation.assert_called_once_with(4, {"embargo_until": "2026-12-05T09:00"})
    approver.call("agenda_documentation_step", f"{BASE}/4/tarik", "POST", {"note": "Foto keliru"},
                  documentation_id=4, step="tarik")
    approver.service.agenda.withdraw_documentation.assert_called_once_with(4, {"note": "Foto keliru"})
    approver.service.agenda.return_documentation.side_effect = Forbidden("Bukan penyetuju.")
    response = approver.call("agenda_documentation_step", f"{BASE}/4/kembalikan", "POST", {"note": "Kurang"},
                             documentation_id=4, step="kembalikan")
    assert response.status_code == 303
    approver.call("agenda_documentation_move_photo", f"{BASE}/4/urutan", "POST",
                  {"photo_ids": ["11", "12"], "move": "12", "direction": "up"}, documentation_id=4)
    approver.service.agenda.reorder_documentation_photos.assert_called_once_with(4, {"photo_ids": [12, 11]})


def test_an_event_without_documentation_offers_to_start_it():
    staff = browser("document")
    staff.service.agenda.get_event_documentation.side_effect = NotFound("Belum ada.")
    body = text(staff.call("agenda_documentation_for_event", "/agenda/kegiatan/9/dokumentasi", event_id=9))
    assert "/agenda/kegiatan/9/dokumentasi" in posts(body)
    staff.service.agenda.open_documentation.return_value = documentation(["edit"])
    response = staff.call("agenda_documentation_open", "/agenda/kegiatan/9/dokumentasi", "POST", {}, event_id=9)
    assert response.headers["Location"].endswith(f"{BASE}/4")
    staff.service.agenda.open_documentation.assert_called_once_with(9)


def test_files_come_through_the_web():
    staff = browser("document")
    staff.service.agenda.documentation_photo_file.return_value = {
        "filename": "dokumentasi-4-foto-11-thumbnail.jpg", "content_type": "image/jpeg",
        "content_b64": base64.b64encode(JPEG).decode()}
    response = staff.call("agenda_documentation_photo_file", f"{BASE}/foto/11/berkas?varian=thumbnail",
                          photo_id=11)
    assert response.get_data() == JPEG and response.headers["X-Content-Type-Options"] == "nosniff"
    staff.service.agenda.documentation_photo_file.assert_called_once_with(11, "thumbnail")
    staff.service.agenda.documentation_attachment_file.return_value = {
        "filename": "undangan.html", "content_type": "text/html",
        "content_b64": base64.b64encode(b"<html></html>").decode()}
    response = staff.call("agenda_documentation_attachment_file", f"{BASE}/lampiran/21/berkas", attachment_id=21)
    assert response.content_type == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
