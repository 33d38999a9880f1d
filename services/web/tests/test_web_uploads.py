"""Files people uploaded are served back by the web as downloads with a safe ASCII name and ``nosniff``; the
check-in/out call tells attendance the client's address as the edge saw it. No broker, no database."""
from __future__ import annotations

import base64

import pytest
from test_web_page_actions import Browser
from web.files import file_response, stored_file_response
from web.sessions import COOKIE_NAME
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

PNG = b"\x89PNG\r\n\x1a\n0000"
PDF = b"%PDF-1.7\n% a letter"


def uploaded(name, content_type, content=PNG) -> dict:
    return {"id": 9, "filename": name, "content_type": content_type, "size": len(content), "sha256": "0",
            "content_b64": base64.b64encode(content).decode()}


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "text/plain"])
def test_an_uploaded_file_is_always_an_attachment(content_type):
    response = stored_file_response(uploaded("foto kegiatan.png", content_type), inline=True)
    assert response.headers["Content-Disposition"] == 'attachment; filename="foto kegiatan.png"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_an_upload_stored_with_a_renderable_type_is_served_as_bytes():
    response = stored_file_response(uploaded("x.html", "text/html", b"<script>x</script>"))
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_the_name_is_safe_ascii():
    response = file_response(PDF, "application/pdf", '../../surat "dokter"\r\nX: y – Pérez.pdf', inline=False)
    disposition = response.headers["Content-Disposition"]
    assert disposition.isascii() and disposition.count('"') == 2 and "/" not in disposition
    assert disposition.startswith('attachment; filename="') and disposition.endswith('Perez.pdf"')


def test_rendered_letters_may_still_open_inline():
    letter = {"filename": "SPT_1.pdf", "content_type": "application/pdf",
              "content_b64": base64.b64encode(PDF).decode()}
    response = stored_file_response(letter, "application/pdf")
    assert response.headers["Content-Disposition"] == 'inline; filename="SPT_1.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("action, rpc", [("check_in", "check_in"), ("check_out", "check_out")])
def test_check_in_and_out_pass_the_client_address(action, rpc):
    browser = Browser()
    getattr(browser.service.attendance, rpc).return_value = {"id": 1, "replayed": False, "check_in": None,
                                                             "check_out": None}
    builder = EnvironBuilder(path="/absensi", method="POST", data={
        "csrf_token": browser.session.csrf, "action": action, "latitude": "-8.6726", "longitude": "115.2335",
        "accuracy": "18"}, headers={"Cookie": f"{COOKIE_NAME}={browser.cookie}",
                                    "X-Forwarded-For": "10.20.3.4, 203.0.113.9"})
    try:
        request = Request(builder.get_environ())
    finally:
        builder.close()
    browser.service.attendance_record(request)
    call = getattr(browser.service.attendance, rpc)
    call.assert_called_once()
    assert call.call_args.kwargs["client_address"] == "203.0.113.9"
