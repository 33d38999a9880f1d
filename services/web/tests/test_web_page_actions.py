"""Pages rendered by the web service itself with its services replaced (``worker_factory``): the buttons are the
records' ``allowed_actions``, the pages and the menu follow the services' ``capabilities()`` (asked once per
session), and an unreachable service is a friendly 503 with ``Retry-After`` or a hidden area — never a rule of
the web's own. No broker, no database."""
from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest
from nameko.testing.services import worker_factory
from situok_kit.edge import EdgeHandler, failure_of
from situok_kit.errors import Forbidden, ServiceUnavailable
from situok_kit.identity import Identity
from web.http import PageHandler, codec
from web.service import WebService
from web.sessions import COOKIE_NAME, WebSession
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

ORDER_ID = 7
PEGAWAI = Identity(account_id=11, username="pegawai", employee_id=5, roles=frozenset({"pegawai"}))
#: What each service answers ``capabilities()`` for an ordinary employee (no supervisor pages, no admin).
STAFF = {
    "personnel": {"read_employees": False, "manage_employees": False, "manage_org_units": False,
                  "manage_accounts": False},
    "travel": {"create_order": True, "request_for_others": False, "decide": False, "issue": False,
               "see_all": False, "manage_rules": False},
    "attendance": {"employee_id": 5, "check_in": True, "supervise": False, "decide": False, "manage_setup": False},
}


def granting(service: str, *names: str) -> dict:
    """STAFF with ``names`` granted by ``service`` too."""
    return {**STAFF, service: {**STAFF[service], **dict.fromkeys(names, True)}}


def order(allowed_actions, status="issued") -> dict:
    """One travel order as ``get_order`` answers it (``OrderDetailOut``); only ``allowed_actions`` varies."""
    traveller = {"employee_id": 5, "name": "I Kadek Agus Wirawan", "nip": "199209222019031002",
                 "pangkat": "Penata Muda", "golongan": "III/a", "position_name": "Pengadministrasi Keuangan",
                 "unit_id": 3, "unit_name": "Subbagian Perbendaharaan", "rank": "staff", "cost_level": "C",
                 "followers": [], "sppd_number": None, "estimate_total": 1_500_000, "legs": []}
    return {
        "id": ORDER_ID, "status": status, "number": None, "unit_id": 3, "requester_account_id": 11,
        "requester_employee_id": 5, "requester_name": "I Kadek Agus Wirawan", "purpose": "Koordinasi anggaran",
        "origin": "Denpasar", "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
        "departure_date": "2026-12-01", "return_date": "2026-12-02", "days": 2, "category": "luar_kota",
        "transport": "umum", "estimate_total": 1_500_000, "travellers": [traveller], "issued_date": None,
        "created_at": "2026-11-20T01:00:00+00:00", "updated_at": "2026-11-20T01:00:00+00:00",
        "allowed_actions": list(allowed_actions), "basis": ["DPA Biro Umum 2026"], "budget_agency": "Biro Umum",
        "budget_account": "5.1.02", "notes": None, "estimate": None, "issued_at": None, "verify_url": None,
        "cancel_reason": None, "approver_employee_id": None, "realized_total": None, "transitions": [],
        "report": None, "realization": None,
    }


def leave_request(request_id: int, allowed_actions, employee_id=31, status="submitted") -> dict:
    return {"id": request_id, "employee_id": employee_id, "kind": "sakit", "start_date": "2026-12-01",
            "end_date": "2026-12-01", "reason": "Demam", "status": status, "decision_note": None,
            "attachment": {"filename": "surat.pdf", "content_type": "application/pdf", "size": 9},
            "created_at": "2026-11-30T23:00:00+00:00", "allowed_actions": list(allowed_actions)}


def correction(correction_id: int, allowed_actions, employee_id=31, status="submitted") -> dict:
    return {"id": correction_id, "employee_id": employee_id, "day": "2026-11-30", "kind": "check_out",
            "time": "16.30", "reason": "Lupa absen pulang", "status": status, "decision_note": None,
            "allowed_actions": list(allowed_actions)}


def assert_calls_fit(browsers, service_class, proxy: str) -> None:
    """Every call the pages made on ``browsers`` to the fake ``proxy`` (a service's name) is one the real
    ``service_class`` takes: the RPC exists and the arguments bind to its signature (TypeError otherwise)."""
    import inspect

    for browser in browsers:
        for name, args, kwargs in getattr(browser.service, proxy).mock_calls:
            method = name.split(".")[0]
            if not method or method.startswith("_") or "." in name:
                continue
            real = getattr(service_class, method, None)
            assert real is not None, f"{proxy} has no RPC {method}"
            inspect.signature(real).bind(None, *args, **kwargs)


class Browser:
    """One signed-in browser on a ``WebService`` whose services are fakes: it keeps the session cookie the web
    sets, as a browser would."""

    def __init__(self, capabilities=STAFF, identity: Identity = PEGAWAI):
        self.service = worker_factory(WebService)
        self.service.auth.authenticate_token.return_value = identity
        for name in ("personnel", "travel", "attendance"):
            proxy = getattr(self.service, name)
            answer = capabilities.get(name)
            if isinstance(answer, Exception):
                proxy.capabilities.side_effect = answer
            else:
                proxy.capabilities.return_value = answer
        self.service.personnel.get_employee.return_value = {"id": 31, "full_name": "Ni Kadek Ayu Pratiwi",
                                                            "unit_name": "Subbagian Tata Usaha"}
        session = WebSession.anonymous()
        session.start_login({"access_token": "access", "refresh_token": "refresh"},
                            {"name": "I Kadek Agus Wirawan", "username": "pegawai"})
        self.session = session
        self.cookie = codec().dumps(session)

    def call(self, route: str, path: str, method: str = "GET", data: dict | None = None, **path_values):
        if method == "POST":
            data = {"csrf_token": self.session.csrf, **(data or {})}
        builder = EnvironBuilder(path=path, method=method, data=data,
                                 headers={"Cookie": f"{COOKIE_NAME}={self.cookie}"})
        try:
            request = Request(builder.get_environ())
        finally:
            builder.close()
        response = getattr(self.service, route)(request, **path_values)
        cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
        if COOKIE_NAME in cookie:
            self.cookie = cookie[COOKIE_NAME].value
        return response


def text(response) -> str:
    return response.get_data(as_text=True)


def posts(body: str) -> set[str]:
    return set(re.findall(r'<form method="post" action="([^"]+)"', body))


def menu_links(body: str) -> set[str]:
    nav = re.search(r'<nav id="menu".*?</nav>', body, re.S)
    return set(re.findall(r'href="([^"]+)"', nav.group(0))) if nav else set()


# -- buttons are allowed_actions ------------------------------------------------------------------------

TRIP = f"/perjalanan/{ORDER_ID}"


@pytest.mark.parametrize("status", ["submitted", "issued"])
def test_the_trip_page_shows_a_button_only_for_an_allowed_action(status):
    """The same order, two answers of travel: the buttons follow ``allowed_actions``, whatever the status."""
    browser = Browser()
    browser.service.travel.get_order.return_value = order(["edit", "submit", "cancel"], status)
    requester = text(browser.call("travel_detail", TRIP, order_id=ORDER_ID))
    browser.service.travel.get_order.return_value = order(["approve", "reject", "issue", "record_leg", "report",
                                                           "complete", "realize"], status)
    approver = text(browser.call("travel_detail", TRIP, order_id=ORDER_ID))

    assert posts(requester) == {"/keluar", f"{TRIP}/ajukan", f"{TRIP}/batalkan"}
    assert f'href="{TRIP}/ubah"' in requester and f'href="{TRIP}/perjalanan"' not in requester
    assert posts(approver) == {"/keluar", f"{TRIP}/setujui", f"{TRIP}/tolak", f"{TRIP}/terbitkan", f"{TRIP}/selesai",
                               f"{TRIP}/laporan", f"{TRIP}/realisasi"}
    assert f'href="{TRIP}/ubah"' not in approver and f'href="{TRIP}/perjalanan"' in approver

    browser.service.travel.get_order.return_value = order([], status)
    nothing = text(browser.call("travel_detail", TRIP, order_id=ORDER_ID))
    assert posts(nothing) == {"/keluar"} and "Tindakan" not in nothing
    browser.service.travel.get_rules.assert_not_called()  # no approval rule is worked out by the web


def test_sheet_two_offers_recording_only_when_allowed():
    browser = Browser()
    browser.service.travel.get_order.return_value = order(["record_leg"])
    assert f"{TRIP}/perjalanan" in posts(text(browser.call("travel_road", f"{TRIP}/perjalanan", order_id=ORDER_ID)))
    browser.service.travel.get_order.return_value = order(["report"])
    assert f"{TRIP}/perjalanan" not in posts(text(browser.call("travel_road", f"{TRIP}/perjalanan",
                                                                 order_id=ORDER_ID)))


def test_editing_needs_the_edit_action():
    browser = Browser()
    browser.service.travel.get_order.return_value = order(["submit"], "draft")
    assert browser.call("travel_edit", f"{TRIP}/ubah", order_id=ORDER_ID).status_code == 403


def test_the_travel_inbox_lists_and_offers_what_each_order_allows():
    browser = Browser(granting("travel", "decide", "issue"))
    to_approve = {**order(["approve", "reject"], "submitted"), "id": 1}
    only_reject = {**order(["reject"], "submitted"), "id": 2}
    not_mine = {**order([], "submitted"), "id": 3}
    to_issue = {**order(["issue", "cancel"], "approved"), "id": 4}
    not_to_issue = {**order(["cancel"], "approved"), "id": 5}

    def list_orders(filters=None, cursor=None, limit=50):
        found = [to_approve, only_reject, not_mine] if filters["status"] == "submitted" else [to_issue, not_to_issue]
        return {"items": found, "next_cursor": None}

    browser.service.travel.list_orders.side_effect = list_orders
    body = text(browser.call("travel_inbox", "/perjalanan/persetujuan"))
    assert posts(body) == {"/keluar", "/perjalanan/1/setujui", "/perjalanan/1/tolak", "/perjalanan/2/tolak",
                           "/perjalanan/4/terbitkan"}
    assert 'href="/perjalanan/3"' not in body and 'href="/perjalanan/5"' not in body


def test_the_attendance_inbox_offers_what_each_request_allows():
    browser = Browser(granting("attendance", "supervise", "decide"))
    browser.service.attendance.list_requests.return_value = {
        "items": [leave_request(1, ["approve", "reject"]), leave_request(2, [])], "next_cursor": None}
    browser.service.attendance.list_corrections.return_value = {
        "items": [correction(3, ["reject"]), correction(4, ["approve", "reject"])], "next_cursor": None}
    body = text(browser.call("attendance_inbox", "/absensi/persetujuan"))
    assert posts(body) == {"/keluar", "/absensi/pengajuan/1/setujui", "/absensi/pengajuan/1/tolak",
                           "/absensi/koreksi/3/tolak", "/absensi/koreksi/4/setujui", "/absensi/koreksi/4/tolak"}
    assert "keputusannya ada pada atasan" not in body
    # admin reads the inbox (supervise) without deciding: told so, and the records offer nothing
    admin = Browser(granting("attendance", "supervise"))
    admin.service.attendance.list_requests.return_value = {"items": [leave_request(1, [])], "next_cursor": None}
    admin.service.attendance.list_corrections.return_value = {"items": [], "next_cursor": None}
    read_only = text(admin.call("attendance_inbox", "/absensi/persetujuan"))
    assert posts(read_only) == {"/keluar"} and "keputusannya ada pada atasan" in read_only


def test_my_requests_offer_cancel_only_when_allowed_and_name_the_cancelled_status():
    browser = Browser()
    attendance = browser.service.attendance
    attendance.list_requests.return_value = {"items": [
        leave_request(1, ["cancel"], 5), leave_request(2, [], 5, "approved"),
        leave_request(3, [], 5, "cancelled")], "next_cursor": None}
    attendance.list_corrections.return_value = {"items": [
        correction(4, ["cancel"], 5), correction(5, [], 5, "rejected")], "next_cursor": None}
    body = text(browser.call("attendance_requests", "/absensi/pengajuan"))
    assert posts(body) == {"/keluar", "/absensi/pengajuan/izin", "/absensi/pengajuan/koreksi",
                           "/absensi/pengajuan/1/batalkan", "/absensi/koreksi/4/batalkan"}
    assert re.search(r'<tr data-request="3">.*?Dibatalkan', body, re.S)
    assert 'status-cancelled' in body


def test_cancelling_calls_attendance_and_comes_back_with_its_answer():
    browser = Browser()
    answer = browser.call("attendance_request_cancel", "/absensi/pengajuan/1/batalkan", "POST",
                          {"reason": "Sudah sembuh"}, request_id=1)
    assert answer.status_code == 303 and answer.headers["Location"] == "/absensi/pengajuan"
    browser.service.attendance.cancel_request.assert_called_once_with(1, "Sudah sembuh")
    browser.service.attendance.cancel_correction.side_effect = Forbidden(
        "Hanya pegawai yang mengajukannya yang dapat membatalkan.")
    refused = browser.call("attendance_correction_cancel", "/absensi/koreksi/4/batalkan", "POST", {},
                           correction_id=4)
    assert refused.status_code == 303
    browser.service.attendance.cancel_correction.assert_called_once_with(4, None)
    page = text(browser.call("attendance_requests", "/absensi/pengajuan"))
    assert "Hanya pegawai yang mengajukannya yang dapat membatalkan." in page


# -- pages and the menu follow capabilities ---------------------------------------------------------------

def test_pages_open_by_capability_not_by_role():
    staff = Browser()
    assert staff.call("attendance_inbox", "/absensi/persetujuan").status_code == 403
    assert staff.call("travel_inbox", "/perjalanan/persetujuan").status_code == 403
    # the same roles, but attendance says this pegawai supervises someone: the page opens
    supervisor = Browser(granting("attendance", "supervise", "decide"))
    supervisor.service.attendance.list_requests.return_value = {"items": [], "next_cursor": None}
    supervisor.service.attendance.list_corrections.return_value = {"items": [], "next_cursor": None}
    assert supervisor.call("attendance_inbox", "/absensi/persetujuan").status_code == 200
    issuer = Browser(granting("travel", "issue"))
    issuer.service.travel.list_orders.return_value = {"items": [], "next_cursor": None}
    assert issuer.call("travel_inbox", "/perjalanan/persetujuan").status_code == 200


def test_the_menu_follows_capabilities_asked_once_per_session():
    browser = Browser(granting("personnel", "read_employees"))
    first = text(browser.call("dashboard", "/"))
    second = text(browser.call("dashboard", "/"))
    assert menu_links(first) == menu_links(second) == {
        "/", "/absensi", "/absensi/riwayat", "/absensi/pengajuan", "/perjalanan", "/perjalanan/baru",
        "/profil", "/pegawai", "/unit"}
    for name in ("personnel", "travel", "attendance"):
        getattr(browser.service, name).capabilities.assert_called_once_with()  # then kept in the session
    assert "Dokumentasi Pimpinan" not in first  # agenda did not answer with a capability: its area is hidden


def test_an_unreachable_service_hides_its_area_and_its_pages_answer_503():
    browser = Browser({**STAFF, "travel": ServiceUnavailable("Layanan travel tidak tersedia.")})
    home = browser.call("dashboard", "/")
    assert home.status_code == 200
    links = menu_links(text(home))
    assert "/absensi" in links and not {link for link in links if link.startswith("/perjalanan")}
    gated = browser.call("travel_new", "/perjalanan/baru")
    assert gated.status_code == 503 and gated.headers["Retry-After"]
    browser.service.travel.get_order.side_effect = ServiceUnavailable("Layanan travel tidak tersedia.")
    page = browser.call("travel_detail", TRIP, order_id=ORDER_ID)
    body = text(page)
    assert page.status_code == 503 and page.headers["Retry-After"]
    assert "Layanan sedang tidak tersedia" in body and "Coba lagi sebentar lagi." in body
    assert "/absensi" in menu_links(body)  # the rest of the site still works
    browser.service.travel.capabilities.side_effect = None  # back: asked again, area shown
    browser.service.travel.capabilities.return_value = STAFF["travel"]
    assert "/perjalanan" in menu_links(text(browser.call("dashboard", "/")))


def test_a_broken_connection_is_a_503_too():
    browser = Browser()
    browser.service.travel.get_order.side_effect = ConnectionRefusedError("broker")
    page = browser.call("travel_detail", TRIP, order_id=ORDER_ID)
    assert page.status_code == 503 and page.headers["Retry-After"]


def test_the_page_handler_is_the_kits_edge():
    assert issubclass(PageHandler, EdgeHandler)
    request = Request(EnvironBuilder(path="/perjalanan").get_environ())
    handler = PageHandler("GET", "/perjalanan")
    down = handler.render(failure_of(ConnectionResetError("gone"), "web.x.1"), request, "web.x.1")
    assert down.status_code == 503 and down.headers["Retry-After"] == "5"
    assert "Layanan sedang tidak tersedia" in text(down)
    crash = handler.render(failure_of(RuntimeError("secret"), "web.x.2"), request, "web.x.2")
    assert crash.status_code == 500 and "web.x.2" in text(crash) and "secret" not in text(crash)


def review_item(record_id: int, actions: list) -> dict:
    side = {"side": "check_in", "at": "2026-10-05T23:25:00+00:00", "time": "07.25", "latitude": -8.67,
            "longitude": 115.23, "accuracy": None, "location": "Kantor Gubernur Bali", "distance_m": 12,
            "has_selfie": False,
            "reasons": [{"code": "akurasi", "label": "Akurasi lokasi buruk atau tidak dilaporkan"}]}
    return {"id": record_id, "employee_id": 7, "employee_name": "Made Uji", "unit_id": 3, "day": "2026-10-06",
            "sides": [side], "allowed_actions": actions}


def test_the_review_queue_offers_marking_only_when_allowed():
    browser = Browser(granting("attendance", "supervise", "decide"))
    browser.service.attendance.review_queue.return_value = {
        "items": [review_item(1, ["mark_reviewed"]), review_item(2, [])], "next_cursor": None}
    body = text(browser.call("attendance_reviews", "/absensi/tinjauan"))
    assert posts(body) == {"/keluar", "/absensi/tinjauan/1"}
    assert "Made Uji" in body and "Akurasi lokasi buruk" in body and "Tandai sudah ditinjau" in body
