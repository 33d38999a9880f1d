"""Absensi Non ASN pages over HTTP through Traefik, with the real stack.

A non-ASN employee (a seeded one, given an account here) checks in inside the office's geofence (a second tap
with the page's idempotency key records once), is refused outside it with the distance, checks out, and finds
the day in their history. Their Kepala Biro (pimpinan, head of the unit above theirs) sees them on the today
board, approves a sick-leave request and rejects a correction from the inbox, and downloads the monthly recap
as XLSX and PDF. ASN staff are told the page is not for them; supervisor pages are closed to a pegawai.
"""
from __future__ import annotations

import re
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import Api
from tests.e2e.web import WebClient, text_of

pytestmark = pytest.mark.e2e

#: Inside the seeded office geofence (Kantor Gubernur Bali, Renon: -8.6725, 115.2334, 200 m): about 15 m away.
INSIDE = {"latitude": "-8.672600", "longitude": "115.233500", "accuracy": "18"}
#: About 2 km south of it.
OUTSIDE = {"latitude": "-8.690500", "longitude": "115.233400", "accuracy": "12"}
PDF = b"%PDF-1.4\n% surat keterangan dokter\n"
PASSWORD = "Absen-Sandi-2026"
FETCH = {"X-Requested-With": "fetch"}
SUPERVISOR_PAGES = ("/absensi/persetujuan", "/absensi/hari-ini", "/absensi/rekap")


def wita_today() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Makassar")).date()


def account_for(admin: Api, name: str) -> str:
    """A new login (role pegawai) for the seeded non-ASN employee called ``name``; returns the username."""
    found = admin.request("GET", "/employees", params={"q": name}).json()["items"]
    [employee] = [e for e in found if e["name"] == name or e["full_name"] == name]
    assert employee["employment_type"] == "non_asn"
    username = "nonasn" + uuid.uuid4().hex[:6]
    created = admin.request("POST", "/accounts", json={"username": username, "password": PASSWORD,
                                                        "roles": ["pegawai"], "employee_id": employee["id"]})
    assert created.status_code == 201, created.text
    return username


def tracked_web(stack, username: str) -> WebClient:
    """Signed in, once attendance's roster knows the employee (it syncs from personnel at start)."""
    web = WebClient(stack.base_url).logged_in(username, PASSWORD)
    deadline = time.monotonic() + 45
    while True:
        page = web.get("/absensi")
        assert page.status_code == 200, text_of(page)[:500]
        if "data-checkin-form" in page.text or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert "data-checkin-form" in page.text, text_of(page)[:800]
    return web


@pytest.fixture(scope="module")
def employee(stack, admin) -> WebClient:
    return tracked_web(stack, account_for(admin, "Ni Luh Sri Wahyuni"))


@pytest.fixture
def pimpinan_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("pimpinan", DEMO_PASSWORD)


@pytest.fixture
def pegawai_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("pegawai", DEMO_PASSWORD)


def form_token(web: WebClient, path: str = "/absensi") -> tuple[str, str]:
    """(CSRF token, idempotency key) of the check-in form as the page rendered it."""
    page = web.get(path)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text).group(1)
    return web.csrf(path), key


def tap(stack, web: WebClient, action: str, position: dict, token: str, key: str):
    """What attendance.js sends: the form, the CSRF token in a header, JSON back."""
    return web.http.post(stack.base_url + "/absensi", data={"action": action, "idempotency_key": key, **position},
                         headers={**FETCH, "X-CSRF-Token": token}, timeout=15)


def test_check_in_once_refused_outside_check_out_and_history(stack, employee):
    page = employee.get("/absensi")
    assert 'value="check_in"' in page.text and 'value="check_out"' in page.text and "js/attendance.js" in page.text
    assert 'accept="image/*" capture="user"' in page.text
    token, key = form_token(employee)

    # Outside the geofence: refused, with the distance and the place.
    refused = tap(stack, employee, "check_in", OUTSIDE, token, key)
    assert refused.status_code == 422 and refused.headers["Content-Type"].startswith("application/json")
    answer = refused.json()
    assert answer["ok"] is False
    assert re.search(r"di luar area kantor: [\d.,]+ (k?m) dari Kantor Gubernur Bali", answer["message"], re.I), answer
    assert answer["distance_m"] > 1500
    # Without JavaScript: the same refusal as a message on the page.
    employee.get("/absensi")
    plain = employee.post("/absensi", {"action": "check_in", **OUTSIDE})
    assert plain.status_code == 303 and plain.headers["Location"] == "/absensi"
    assert re.search(r"Di luar area kantor: [\d.,]+ k?m dari", text_of(employee.get("/absensi")))
    # Without a position (no JavaScript, or location refused): attendance says what is missing.
    plain = employee.post("/absensi", {"action": "check_in"})
    assert plain.status_code == 303
    shown = text_of(employee.get("/absensi"))
    assert "Lintang" in shown and "Izinkan akses lokasi" in shown
    # No token, no check-in.
    assert employee.http.post(stack.base_url + "/absensi", data=INSIDE, headers=FETCH, timeout=15).status_code == 403

    # Inside: recorded at the server's time; a double tap with the page's key records once.
    token, key = form_token(employee)
    first = tap(stack, employee, "check_in", INSIDE, token, key)
    assert first.status_code == 200, first.text
    done = first.json()
    assert done["ok"] and re.fullmatch(r"\d\d\.\d\d", done["time"]) and done["replayed"] is False
    assert done["message"] == f"Absen masuk tercatat pukul {done['time']} WITA."
    assert done["time"] in done["today_html"] and "data-time-check-in" in done["today_html"]
    assert "<html" not in done["today_html"]
    again = tap(stack, employee, "check_in", INSIDE, token, key)  # attendance answers the stored first answer
    assert again.status_code == 200 and again.json()["ok"] and again.json()["time"] == done["time"]
    # Without the key (another client, the same position): the existing record, said so.
    replayed = tap(stack, employee, "check_in", INSIDE, token, "")
    assert replayed.status_code == 200 and replayed.json()["replayed"] is True
    assert replayed.json()["message"] == f"Absen masuk sudah tercatat pukul {done['time']} WITA."
    # A new page load (new key) with another position: one check-in a day, says when it was.
    token2, key2 = form_token(employee)
    second = tap(stack, employee, "check_in", {**INSIDE, "accuracy": "40"}, token2, key2)
    assert second.status_code == 409 and f"pukul {done['time']} WITA" in second.json()["message"]

    page = employee.get("/absensi")
    assert f'<span class="clock-time" data-time-check-in>{done["time"]}</span>' in page.text
    assert "Kantor Gubernur Bali (Renon)" in page.text

    # Check-out without JavaScript (the form's own post with the position filled in).
    token, key = form_token(employee)
    out = employee.post("/absensi", {"action": "check_out", "idempotency_key": key, **INSIDE}, csrf=token)
    assert out.status_code == 303
    page = employee.get("/absensi")
    found = re.search(r"Absen pulang tercatat pukul (\d\d\.\d\d) WITA\.", text_of(page))
    assert found, text_of(page)[:800]
    assert f'data-time-check-out>{found.group(1)}</span>' in page.text

    # History: today, with both times, exactly once.
    today = wita_today()
    history = employee.get(f"/absensi/riwayat?bulan={today:%Y-%m}")
    assert history.status_code == 200
    rows = re.findall(rf'<tr class="day-row day-row-(\w+)" data-day="{today.isoformat()}">(.*?)</tr>',
                      history.text, re.S)
    assert len(rows) == 1, history.text[:2000]
    status, row = rows[0]
    assert done["time"] in row and found.group(1) in row and f"day-{status}" in row
    assert "Ni Luh Sri Wahyuni" in history.text
    # A month with nonsense falls back to this month; the previous month is a link.
    assert f"bulan={(today.replace(day=1) - timedelta(days=1)):%Y-%m}" in employee.get("/absensi/riwayat?bulan=x").text


def test_supervisor_today_board_recap_and_exports(stack, employee, pimpinan_web):
    # Whatever the day, the employee checked in (module order: the test above ran first).
    board = pimpinan_web.get("/absensi/hari-ini")
    assert board.status_code == 200
    row = re.search(r'<tr data-employee="\d+">\s*<th scope="row"[^>]*><a [^>]*>Ni Luh Sri Wahyuni</a>.*?</tr>',
                    board.text, re.S)
    assert row, text_of(board)[:1500]
    assert re.search(r"\d\d\.\d\d", row.group(0))  # the check-in time
    assert 'class="board-counts"' in board.text

    today = wita_today()
    recap = pimpinan_web.get(f"/absensi/rekap?bulan={today:%Y-%m}")
    assert recap.status_code == 200 and "Ni Luh Sri Wahyuni" in recap.text
    assert f'href="/absensi/rekap/unduh?bulan={today:%Y-%m}&amp;format=xlsx"' in recap.text
    xlsx = pimpinan_web.get(f"/absensi/rekap/unduh?bulan={today:%Y-%m}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert xlsx.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert re.match(r'attachment; filename="[^"]+\.xlsx"', xlsx.headers["Content-Disposition"])
    assert xlsx.headers["Cache-Control"] == "no-store"
    pdf = pimpinan_web.get(f"/absensi/rekap/unduh?bulan={today:%Y-%m}&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert re.match(r'inline; filename="[^"]+\.pdf"', pdf.headers["Content-Disposition"])
    # The employee's history, as their supervisor opens it from the recap.
    employee_id = re.search(r'<tr data-employee="(\d+)">\s*<th scope="row"[^>]*><a [^>]*>Ni Luh Sri Wahyuni',
                            recap.text).group(1)
    theirs = pimpinan_web.get(f"/absensi/riwayat?bulan={today:%Y-%m}&pegawai={employee_id}")
    assert theirs.status_code == 200 and f'data-day="{today.isoformat()}"' in theirs.text


def test_leave_request_approved_and_correction_rejected_from_the_inbox(stack, employee, pimpinan_web):
    start = wita_today() + timedelta(days=3)
    employee.get("/absensi/pengajuan")
    # No attachment: the message sits under the attachment field, and what was typed stays.
    missing = employee.post("/absensi/pengajuan/izin", {"kind": "sakit", "start_date": start.isoformat(),
                                                         "end_date": start.isoformat(), "reason": "Demam tinggi"})
    assert missing.status_code == 422
    assert re.search(r'<p class="error" id="e-attachment">[^<]+</p>', missing.text), text_of(missing)[:800]
    assert "Demam tinggi" in missing.text and 'id="form-summary"' in missing.text

    reason = "Demam tinggi, istirahat sesuai surat dokter " + uuid.uuid4().hex[:6]
    sent = employee.post("/absensi/pengajuan/izin", {
        "kind": "sakit", "start_date": start.isoformat(), "end_date": (start + timedelta(days=1)).isoformat(),
        "reason": reason}, csrf=employee.csrf("/absensi/pengajuan"),
        files=[("attachment", ("surat dokter.pdf", PDF, "application/pdf"))])
    assert sent.status_code == 303, text_of(sent)[:800]
    mine = employee.get("/absensi/pengajuan")
    assert "Pengajuan sakit dikirim ke atasan." in text_of(mine)
    request_id = re.search(r'<tr data-request="(\d+)">(?:(?!</tr>).)*' + re.escape(reason), mine.text, re.S).group(1)
    assert "status-submitted" in mine.text
    # The employee cannot decide their own request.
    assert employee.post(f"/absensi/pengajuan/{request_id}/setujui", {}).status_code == 403

    yesterday = wita_today() - timedelta(days=1)
    corrected = employee.post("/absensi/pengajuan/koreksi", {
        "c_day": yesterday.isoformat(), "c_kind": "check_in", "c_time": "07:25", "c_reason": "Lupa absen masuk"},
        csrf=employee.csrf("/absensi/pengajuan"))
    assert corrected.status_code == 303
    mine = employee.get("/absensi/pengajuan")
    correction_id = re.search(r'<tr data-correction="(\d+)">', mine.text).group(1)
    future = employee.post("/absensi/pengajuan/koreksi", {
        "c_day": (wita_today() + timedelta(days=2)).isoformat(), "c_kind": "check_out", "c_time": "16:30",
        "c_reason": "Coba"}, csrf=employee.csrf("/absensi/pengajuan"))
    assert future.status_code == 422 and 'id="e-c_day"' in future.text

    inbox = pimpinan_web.get("/absensi/persetujuan")
    assert inbox.status_code == 200
    assert f'action="/absensi/pengajuan/{request_id}/setujui"' in inbox.text and reason in inbox.text
    assert f'action="/absensi/koreksi/{correction_id}/tolak"' in inbox.text and "Ni Luh Sri Wahyuni" in inbox.text
    attachment = pimpinan_web.get(f"/absensi/pengajuan/{request_id}/lampiran")
    assert attachment.status_code == 200 and attachment.content == PDF
    assert attachment.headers["Content-Type"] == "application/pdf"

    token = pimpinan_web.csrf("/absensi/persetujuan")
    approved = pimpinan_web.post(f"/absensi/pengajuan/{request_id}/setujui", {"note": "Semoga lekas sembuh."},
                                 csrf=token)
    assert approved.status_code == 303
    assert "Pengajuan disetujui." in text_of(pimpinan_web.get("/absensi/persetujuan"))
    no_reason = pimpinan_web.post(f"/absensi/koreksi/{correction_id}/tolak", {"reason": " "}, csrf=token)
    assert no_reason.status_code == 303
    assert f'action="/absensi/koreksi/{correction_id}/tolak"' in pimpinan_web.get("/absensi/persetujuan").text
    rejected = pimpinan_web.post(f"/absensi/koreksi/{correction_id}/tolak", {"reason": "Tidak ada bukti hadir."},
                                 csrf=token)
    assert rejected.status_code == 303
    inbox = pimpinan_web.get("/absensi/persetujuan")
    assert "Koreksi ditolak." in text_of(inbox)
    assert f"/absensi/pengajuan/{request_id}/setujui" not in inbox.text
    # Twice: decided already, said kindly.
    again = pimpinan_web.post(f"/absensi/pengajuan/{request_id}/setujui", {}, csrf=token)
    assert again.status_code == 303
    assert 'class="flash flash-error"' in pimpinan_web.get("/absensi/persetujuan").text

    mine = employee.get("/absensi/pengajuan")
    request_row = re.search(rf'<tr data-request="{request_id}">.*?</tr>', mine.text, re.S).group(0)
    assert "status-approved" in request_row and "Semoga lekas sembuh." in request_row
    correction_row = re.search(rf'<tr data-correction="{correction_id}">.*?</tr>', mine.text, re.S).group(0)
    assert "status-rejected" in correction_row and "Tidak ada bukti hadir." in correction_row


def row_of(page, kind: str, record_id: str) -> str:
    return re.search(rf'<tr data-{kind}="{record_id}">.*?</tr>', page.text, re.S).group(0)


def test_own_request_and_correction_are_cancelled_from_the_requests_page(stack, employee, pimpinan_web):
    """The buttons are attendance's allowed_actions: the owner cancels while it is open; nobody else can."""
    start = wita_today() + timedelta(days=20)
    reason = "Urusan keluarga " + uuid.uuid4().hex[:6]
    sent = employee.post("/absensi/pengajuan/izin", {
        "kind": "izin", "start_date": start.isoformat(), "end_date": start.isoformat(), "reason": reason},
        csrf=employee.csrf("/absensi/pengajuan"), files=[("attachment", ("surat.pdf", PDF, "application/pdf"))])
    assert sent.status_code == 303, text_of(sent)[:800]
    day = wita_today() - timedelta(days=2)
    corrected = employee.post("/absensi/pengajuan/koreksi", {
        "c_day": day.isoformat(), "c_kind": "check_out", "c_time": "16:35", "c_reason": "Lupa absen pulang " + reason},
        csrf=employee.csrf("/absensi/pengajuan"))
    assert corrected.status_code == 303, text_of(corrected)[:800]
    mine = employee.get("/absensi/pengajuan")
    request_id = re.search(r'<tr data-request="(\d+)">(?:(?!</tr>).)*' + re.escape(reason), mine.text, re.S).group(1)
    correction_id = re.search(r'<tr data-correction="(\d+)">(?:(?!</tr>).)*' + re.escape(reason), mine.text,
                              re.S).group(1)
    assert f'action="/absensi/pengajuan/{request_id}/batalkan"' in row_of(mine, "request", request_id)
    assert f'action="/absensi/koreksi/{correction_id}/batalkan"' in row_of(mine, "correction", correction_id)
    # The supervisor decides it but cannot cancel it for the employee.
    inbox = pimpinan_web.get("/absensi/persetujuan")
    assert f'action="/absensi/pengajuan/{request_id}/setujui"' in inbox.text
    assert f"/absensi/pengajuan/{request_id}/batalkan" not in inbox.text
    pimpinan_web.post(f"/absensi/pengajuan/{request_id}/batalkan", {}, csrf=pimpinan_web.csrf("/absensi/persetujuan"))
    assert "status-submitted" in row_of(employee.get("/absensi/pengajuan"), "request", request_id)

    token = employee.csrf("/absensi/pengajuan")
    assert employee.post(f"/absensi/pengajuan/{request_id}/batalkan", {"reason": "Batal berangkat"},
                         csrf=token).status_code == 303
    assert employee.post(f"/absensi/koreksi/{correction_id}/batalkan", {}, csrf=token).status_code == 303
    mine = employee.get("/absensi/pengajuan")
    assert "Koreksi dibatalkan." in text_of(mine)
    for kind, record_id in (("request", request_id), ("correction", correction_id)):
        row = row_of(mine, kind, record_id)
        assert "status-cancelled" in row and "Dibatalkan" in row and "/batalkan" not in row
    assert f"/absensi/pengajuan/{request_id}/setujui" not in pimpinan_web.get("/absensi/persetujuan").text


def test_asn_staff_are_told_and_supervisor_pages_are_closed(stack, pegawai_web):
    page = pegawai_web.get("/absensi")
    assert page.status_code == 200 and "data-checkin-form" not in page.text
    assert "untuk pegawai non-ASN" in text_of(page)
    refused = pegawai_web.post("/absensi", {"action": "check_in", **INSIDE})  # the service refuses too
    assert refused.status_code == 303
    assert "non-ASN" in text_of(pegawai_web.get("/absensi"))
    for path in SUPERVISOR_PAGES + ("/absensi/rekap/unduh?format=pdf",):
        assert pegawai_web.get(path).status_code == 403, path
    links = set(re.findall(r'href="(/absensi[^"]*)"', re.search(r'<nav id="menu".*?</nav>',
                                                                pegawai_web.get("/").text, re.S).group(0)))
    assert links == {"/absensi", "/absensi/riwayat", "/absensi/pengajuan"}


def test_admin_opens_every_attendance_page(stack):
    admin_web = WebClient(stack.base_url).logged_in("admin", ADMIN_PASSWORD)
    for path in ("/absensi", "/absensi/riwayat", "/absensi/pengajuan") + SUPERVISOR_PAGES:
        response = admin_web.get(path)
        assert response.status_code == 200, (path, text_of(response)[:500])
    # Admin reads the inbox but does not decide (attendance leaves that to supervisors).
    assert "keputusannya ada pada atasan" in text_of(admin_web.get("/absensi/persetujuan"))


def test_the_check_in_page_speaks_english(stack, employee):
    employee.get("/")
    employee.post("/bahasa", {"lang": "en", "next": "/absensi"}, csrf=employee.csrf("/"))
    text = text_of(employee.get("/absensi"))
    assert "Check in" in text and "Check out" in text and "Absen masuk" not in text
    assert "Monthly attendance recap" not in text  # a pegawai has no recap link
    employee.post("/bahasa", {"lang": "id", "next": "/"}, csrf=employee.csrf("/"))
