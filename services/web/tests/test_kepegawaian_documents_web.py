"""The documents pages without a running service: "Dokumen saya" lists the papers by type with their status and
what is missing; the upload form per type shows the fields kepegawaian's type has and sends the file as base64
with its declared type; kepegawaian's messages land by their fields (each detail under its own input, the lying
file under the file input); a document shows only the buttons kepegawaian allows and its file is a download; the
staff officer's "Dokumen belum lengkap" and verify queue; each page closed (403) without its capability."""
from __future__ import annotations

import base64
import io
from datetime import UTC, date, datetime

import pytest
from kepegawaian.domain.document_rules import TYPES
from kepegawaian.schemas import SCHEMAS
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from situok_kit.errors import Forbidden, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views.kepegawaian_documents import by_type, document_payload, form_errors

NONE = dict.fromkeys(KepegawaianCapabilitiesOut().fields, False)
MADE: list[Browser] = []
KINDS = {t["code"]: SCHEMAS["DocumentTypeOut"]().dump(t) for t in TYPES}
PDF = b"%PDF-1.4 ijazah"


def browser(*names: str) -> Browser:
    caps = {**NONE, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "kepegawaian": caps})
    made.service.kepegawaian.capabilities.return_value = caps
    made.service.kepegawaian.document_types.return_value = {"items": list(KINDS.values())}
    made.service.personnel.list_org_units.return_value = [
        {"id": 1, "code": "BUP", "name": "Biro Umum dan Protokol", "parent_id": None},
        {"id": 2, "code": "BUP.TU", "name": "Bagian Tata Usaha", "parent_id": 1}]
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    from kepegawaian.service import KepegawaianService

    MADE.clear()
    yield
    assert_calls_fit(MADE, KepegawaianService, "kepegawaian")


def document(actions, status="waiting", **extra) -> dict:
    return SCHEMAS["DocumentOut"]().dump({
        "id": 7, "employee_id": 31, "employee_name": "I Kadek Agus Wirawan", "unit_id": 5, "type_code": "ijazah",
        "type_name": "Ijazah", "number": "DN-01/S1/2012", "issued_on": date(2012, 9, 1), "tmt": None,
        "expires_on": None, "expired": False, "details": {"level": "S1", "institution": "Universitas Udayana",
                                                          "year": 2012},
        "file_name": "ijazah.pdf", "file_type": "application/pdf", "file_size": 20480, "status": status,
        "status_label": status, "reason": None, "uploaded_at": datetime(2026, 5, 1, 2, tzinfo=UTC),
        "uploaded_by": "pegawai", "verified_at": None, "verified_by": None, "version": 1,
        "allowed_actions": actions} | extra)


def completeness(state="missing", **extra) -> dict:
    items = [{"type_code": "ktp", "type_name": "KTP Elektronik", "state": "verified", "state_label": "lengkap",
              "document_id": 3},
             {"type_code": "kk", "type_name": "Kartu Keluarga", "state": state, "state_label": state,
              "document_id": None}]
    return SCHEMAS["DocumentCompletenessOut"]().dump({
        "employee_id": 31, "employee_name": "I Kadek Agus Wirawan", "nip": "199001012015031001",
        "employment_type": "pns", "unit_id": 5, "unit_name": "Subbagian Perbendaharaan", "required": 2,
        "verified": 1, "complete": False, "percent": 50.0, "missing": ["kk"], "items": items} | extra)


def test_the_payload_is_the_form_as_kepegawaian_reads_it():
    form = {"number": " DN-01 ", "issued_on": "2012-09-01", "tmt": "2012-01-01", "details.level": "S1",
            "details.institution": "Unud", "details.year": "2012", "details.major": ""}
    file = {"filename": "ijazah.pdf", "content_type": "application/pdf", "content_b64": "JVBERg=="}
    assert document_payload(form, KINDS["ijazah"], file, 9) == {
        "number": "DN-01", "issued_on": "2012-09-01", "details": {"level": "S1", "institution": "Unud",
                                                                  "year": 2012},
        "file": "JVBERg==", "file_name": "ijazah.pdf", "content_type": "application/pdf", "type_code": "ijazah",
        "employee_id": 9}  # no TMT: a diploma has none
    assert document_payload({}, KINDS["ktp"], None, new=False) == {"number": None, "issued_on": None,
                                                                   "expires_on": None}
    errors, other = form_errors({"details.level": "Jenjang wajib diisi.", "content_type": "Isi berkas adalah PNG.",
                                 "employee_id": "x"}, str)
    assert errors == {"details.level": "Jenjang wajib diisi.", "file": "Isi berkas adalah PNG."} and other == ["x"]
    rows = by_type([KINDS["ktp"], KINDS["ijazah"]], [document([])])
    assert [(r["type"]["code"], len(r["documents"])) for r in rows] == [("ktp", 0), ("ijazah", 1)]


def test_my_documents_show_status_what_is_missing_and_upload_links():
    made = browser("own_records")
    made.service.kepegawaian.my_documents.return_value = {  # dumps of DocumentOut and DocumentCompletenessOut
        "employee_id": 31, "items": [document(["update", "delete"], status="rejected", reason="Buram.")],
        "completeness": completeness()}
    response = made.call("kepegawaian_my_documents", "/kepegawaian/dokumen")
    body = text(response)
    assert response.status_code == 200 and "Buram." in body and "Ditolak" in body
    assert "1 dari 2 dokumen wajib" in body and "Kartu Keluarga" in body and "Belum ada" in body
    assert 'href="/kepegawaian/dokumen/unggah?jenis=kk"' in body and 'href="/kepegawaian/dokumen/7"' in body
    assert 'href="/kepegawaian/dokumen/unggah?jenis=ijazah"' in body  # several diplomas may be held
    assert "/kepegawaian/dokumen" in menu_links(body) and "/kepegawaian/dokumen/kelengkapan" not in menu_links(body)
    assert browser().call("kepegawaian_my_documents", "/kepegawaian/dokumen").status_code == 403


def test_the_upload_form_has_the_types_fields_and_sends_the_file():
    made = browser("own_records")
    body = text(made.call("kepegawaian_document_upload_form", "/kepegawaian/dokumen/unggah?jenis=ijazah"))
    assert 'enctype="multipart/form-data"' in body and 'name="details.level"' in body and '<option value="S3"' in body
    assert 'name="issued_on"' in body and 'name="tmt"' not in body and 'name="file"' in body
    made.service.kepegawaian.upload_document.return_value = document(["update", "delete"])
    form = {"type_code": "ijazah", "number": "DN-01/S1/2012", "issued_on": "2012-09-01", "details.level": "S1",
            "details.institution": "Universitas Udayana", "details.year": "2012",
            "file": (io.BytesIO(PDF), "ijazah.pdf", "application/pdf")}
    done = made.call("kepegawaian_document_upload", "/kepegawaian/dokumen/unggah", "POST", form)
    assert done.status_code in (302, 303) and done.headers["Location"].endswith("/kepegawaian/dokumen/7")
    sent = made.service.kepegawaian.upload_document.call_args[0][0]
    assert base64.b64decode(sent["file"]) == PDF and sent["content_type"] == "application/pdf"
    assert sent["details"] == {"level": "S1", "institution": "Universitas Udayana", "year": 2012}


def test_kepegawaian_messages_land_by_their_fields():
    made = browser("own_records")
    made.service.kepegawaian.upload_document.side_effect = ValidationFailed(
        "Jenis berkas tidak sesuai isinya.", {"file": "Isi berkas adalah PNG, bukan application/pdf.",
                                              "details.level": "Jenjang wajib diisi."})
    form = {"type_code": "ijazah", "number": "DN-01", "details.institution": "Unud",
            "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "scan.pdf", "application/pdf")}
    response = made.call("kepegawaian_document_upload", "/kepegawaian/dokumen/unggah", "POST", form)
    body = text(response)
    assert response.status_code == 422
    assert body.index("Isi berkas adalah PNG") > body.index('id="f-file"')
    assert body.index("Jenjang wajib diisi.") > body.index('id="f-details.level"')
    assert 'value="Unud"' in body


def test_a_document_shows_only_the_allowed_buttons_and_its_file_is_a_download():
    officer = browser("verify_documents", "manage_records")
    officer.service.kepegawaian.get_document.return_value = document(["verify", "reject", "update", "delete"])
    body = text(officer.call("kepegawaian_document_detail", "/kepegawaian/dokumen/7", document_id=7))
    assert {"/kepegawaian/dokumen/7/verifikasi", "/kepegawaian/dokumen/7/tolak", "/kepegawaian/dokumen/7/perbarui",
            "/kepegawaian/dokumen/7/hapus"} <= posts(body)
    assert "Universitas Udayana" in body and 'href="/kepegawaian/dokumen/7/berkas"' in body
    supervisor = browser("supervise")
    supervisor.service.kepegawaian.get_document.return_value = document([])
    body = text(supervisor.call("kepegawaian_document_detail", "/kepegawaian/dokumen/7", document_id=7))
    assert not {p for p in posts(body) if p.startswith("/kepegawaian/dokumen/7")}
    supervisor.service.kepegawaian.document_file.return_value = {
        "filename": "ijazah.pdf", "content_type": "application/pdf", "content_b64": base64.b64encode(PDF).decode()}
    file = supervisor.call("kepegawaian_document_file", "/kepegawaian/dokumen/7/berkas", document_id=7)
    assert file.get_data() == PDF and file.headers["Content-Disposition"].startswith("attachment;")
    supervisor.service.kepegawaian.document_file.return_value = {
        "filename": "x.html", "content_type": "text/html", "content_b64": base64.b64encode(b"<html>").decode()}
    assert supervisor.call("kepegawaian_document_file", "/kepegawaian/dokumen/7/berkas",
                           document_id=7).content_type.startswith("application/octet-stream")
    # a page for a colleague's document: kepegawaian's 403
    colleague = browser("own_records")
    colleague.service.kepegawaian.get_document.side_effect = Forbidden("Bukan dokumen Anda.")
    assert colleague.call("kepegawaian_document_detail", "/kepegawaian/dokumen/7", document_id=7).status_code == 403


def test_verify_reject_update_and_delete_go_to_kepegawaian():
    officer = browser("verify_documents")
    officer.service.kepegawaian.get_document.return_value = document(["verify", "reject", "update", "delete"])
    done = officer.call("kepegawaian_document_verify", "/kepegawaian/dokumen/7/verifikasi", "POST",
                        {"next": "queue"}, document_id=7)
    assert done.status_code in (302, 303) and done.headers["Location"].endswith("/kepegawaian/dokumen/verifikasi")
    officer.service.kepegawaian.verify_document.assert_called_with(7)
    officer.call("kepegawaian_document_reject", "/kepegawaian/dokumen/7/tolak", "POST", {"reason": "Buram."},
                 document_id=7)
    officer.service.kepegawaian.reject_document.assert_called_with(7, "Buram.")
    officer.call("kepegawaian_document_update", "/kepegawaian/dokumen/7/perbarui", "POST",
                 {"number": "DN-02", "issued_on": "2012-09-01", "details.level": "S2",
                  "details.institution": "Unud", "details.year": "2014"}, document_id=7)
    sent = officer.service.kepegawaian.update_document.call_args[0]
    assert sent[0] == 7 and sent[1]["number"] == "DN-02" and "file" not in sent[1] and "type_code" not in sent[1]
    officer.call("kepegawaian_document_delete", "/kepegawaian/dokumen/7/hapus", "POST", {}, document_id=7)
    officer.service.kepegawaian.delete_document.assert_called_with(7)
    assert browser("supervise").call("kepegawaian_document_verify", "/kepegawaian/dokumen/7/verifikasi", "POST",
                                     {}, document_id=7).status_code == 403


def test_the_staff_officers_dashboard_queue_and_an_employees_documents():
    officer = browser("verify_documents", "manage_records")
    officer.service.kepegawaian.unit_completeness.return_value = {
        "unit_id": 1, "unit_name": "Biro Umum dan Protokol", "employees": 12, "complete": 9, "incomplete": 3,
        "percent": 75.0, "has_waiting": True, "items": [completeness()], "next_cursor": "c2"}
    officer.service.kepegawaian.expiring_documents.return_value = {"items": [document(
        [], type_code="sk_pppk", type_name="Perjanjian Kerja / SK PPPK", expires_on=date(2026, 8, 1))]}
    response = officer.call("kepegawaian_documents_completeness", "/kepegawaian/dokumen/kelengkapan")
    body = text(response)
    assert response.status_code == 200 and "75.0%" in body and ">12<" in body and "I Kadek Agus Wirawan" in body
    assert "Kartu Keluarga" in body and "Perjanjian Kerja / SK PPPK" in body and "cursor=c2" in body
    assert "Bagian Tata Usaha" in body and "/kepegawaian/dokumen/kelengkapan" in menu_links(body)
    officer.service.kepegawaian.unit_completeness.assert_called_with(1, cursor=None, limit=25)
    officer.service.kepegawaian.expiring_documents.assert_called_with(90)
    officer.service.kepegawaian.list_documents.return_value = {"items": [document(["verify", "reject"])],
                                                               "next_cursor": None}
    queue = text(officer.call("kepegawaian_documents_queue", "/kepegawaian/dokumen/verifikasi"))
    assert "/kepegawaian/dokumen/7/verifikasi" in posts(queue)
    officer.service.kepegawaian.list_documents.assert_called_with(status="waiting", cursor=None, limit=25)
    officer.service.kepegawaian.completeness.return_value = completeness()
    page = text(officer.call("kepegawaian_employee_documents", "/kepegawaian/dokumen/pegawai/31", employee_id=31))
    assert "199001012015031001" in page and 'href="/kepegawaian/dokumen/unggah?jenis=ijazah&amp;pegawai=31"' in page
    officer.service.kepegawaian.list_documents.assert_called_with(employee_id=31, cursor=None, limit=25)
    for page_name, path in (("kepegawaian_documents_completeness", "/kepegawaian/dokumen/kelengkapan"),
                            ("kepegawaian_documents_queue", "/kepegawaian/dokumen/verifikasi")):
        assert browser("own_records", "supervise").call(page_name, path).status_code == 403
