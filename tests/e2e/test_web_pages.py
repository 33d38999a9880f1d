"""The web app over HTTP through Traefik: sessions, CSRF, roles, personnel pages."""
from __future__ import annotations

import base64
import json
import re
import time
import urllib.parse
import uuid

import pytest
from situok_kit.identity import Identity
from situok_kit.tokens import issue_access_token
from web.sessions import COOKIE_NAME, SessionCodec, SessionPolicy

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import unique_nip
from tests.e2e.web import WebClient, text_of

pytestmark = pytest.mark.e2e


@pytest.fixture
def web(stack) -> WebClient:
    return WebClient(stack.base_url)


@pytest.fixture
def admin_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("admin", ADMIN_PASSWORD)


@pytest.fixture
def pegawai_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("pegawai", DEMO_PASSWORD)


def nav_links(response) -> set[str]:
    nav = re.search(r'<nav id="menu".*?</nav>', response.text, re.S)
    return set(re.findall(r'href="([^"]+)"', nav.group(0))) if nav else set()


def test_pages_need_a_login_and_come_back_after_it(web):
    response = web.get("/pegawai?q=ayu")
    assert response.status_code == 303
    assert response.headers["Location"] == "/masuk?" + urllib.parse.urlencode({"next": "/pegawai?q=ayu"})
    assert web.login("admin", ADMIN_PASSWORD, "/pegawai?q=ayu").headers["Location"] == "/pegawai?q=ayu"


def session_codec(stack) -> SessionCodec:
    """The web's own codec (the stack's secret), to open a cookie the way the web does."""
    return SessionCodec(SessionPolicy(secret=stack.process_env()["SITUOK_WEB_SECRET"],
                                      idle_seconds=1800, absolute_seconds=43200))


def test_session_cookie_is_httponly_and_samesite(web):
    response = web.login("admin", ADMIN_PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_the_session_cookie_gives_no_token_away(stack, web):
    """The cookie carries personnel's tokens, sealed: whoever reads a Set-Cookie header (a proxy log, a HAR file)
    cannot lift the refresh token and use it at /api/v1/auth/refresh."""
    response = web.login("admin", ADMIN_PASSWORD)
    assert response.status_code == 303
    header = response.headers["Set-Cookie"]
    value = header.split(";", 1)[0].split("=", 1)[1]
    session = session_codec(stack).loads(value)
    assert session.logged_in and session.refresh and session.access  # the web itself can open it
    decoded = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    for token in (session.refresh, session.access, *session.access.split(".")):
        assert token not in header and token.encode() not in decoded
    with pytest.raises(ValueError):  # no JSON under the base64 either
        json.loads(decoded)


def test_wrong_password_says_so_without_telling_which(web):
    wrong_user = web.login("tidak-ada-" + uuid.uuid4().hex[:6], "apa-saja-123")
    wrong_password = web.login("admin", "salah-sandi-123")
    assert wrong_user.status_code == wrong_password.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in text_of(wrong_user)
    assert "Nama pengguna atau kata sandi salah." in text_of(wrong_password)


def test_a_throttled_login_looks_like_a_wrong_password(stack, admin, web):
    username = "kunciweb" + uuid.uuid4().hex[:6]
    created = admin.request("POST", "/accounts", json={
        "username": username, "password": "Awal-Sandi-2026", "roles": ["pegawai"]})
    assert created.status_code == 201, created.text
    for attempt in range(5):
        web.login(username, f"keliru-{attempt}-xyz")
    for delay in (1, 2):          # wait out the delays: each further failure doubles the next (now 4 s)
        time.sleep(delay + 0.2)
        web.login(username, "keliru-lagi-xyz")
    throttled = web.login(username, "Awal-Sandi-2026")  # this source must still wait: refused like a wrong one
    assert throttled.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in text_of(throttled)
    assert not re.search(r"terkunci", text_of(throttled))
    time.sleep(4.5)
    assert web.login(username, "Awal-Sandi-2026").status_code == 303   # never a hard lock


def test_admin_menu_shows_only_areas_that_exist(admin_web):
    links = nav_links(admin_web.get("/"))
    assert {"/", "/profil", "/pegawai", "/pegawai/baru", "/unit"} <= links
    for link in links:  # no dead links
        assert admin_web.get(link).status_code == 200, link


def test_pegawai_sees_a_smaller_menu_and_cannot_open_admin_pages(pegawai_web):
    links = nav_links(pegawai_web.get("/"))
    assert "/profil" in links and "/pegawai/baru" not in links and "/pegawai" not in links
    for path in ("/pegawai/baru", "/pegawai"):
        denied = pegawai_web.get(path)
        assert denied.status_code == 403, path
        assert "Akses ditolak" in text_of(denied)
    post = pegawai_web.post("/pegawai/baru", {"employment_type": "pns", "name": "Siluman", "unit_id": "1"},
                            csrf=pegawai_web.csrf("/"))
    assert post.status_code == 403


def test_pegawai_sees_their_own_profile_and_not_someone_elses(pegawai_web, admin):
    profile = pegawai_web.get("/profil")
    assert profile.status_code == 200
    me = admin.request("GET", "/accounts").json()["items"]
    pegawai = next(a for a in me if a["username"] == "pegawai")
    own = admin.request("GET", f"/employees/{pegawai['employee_id']}").json()
    assert own["nip"] in profile.text
    assert pegawai_web.get(f"/pegawai/{own['id']}").status_code == 200
    others = admin.request("GET", "/employees", params={"limit": 5}).json()["items"]
    other = next(e for e in others if e["id"] != own["id"])
    assert pegawai_web.get(f"/pegawai/{other['id']}").status_code == 404


def test_invalid_nip_is_explained_next_to_the_field_and_nothing_is_created(admin_web, admin, a_unit_id):
    name = "Salah Nip " + uuid.uuid4().hex[:6]
    response = admin_web.post("/pegawai/baru", {"employment_type": "pns", "name": name, "nip": "12345",
                                                "unit_id": str(a_unit_id)})
    assert response.status_code == 422
    error = re.search(r'<p class="error" id="e-nip">([^<]+)</p>', response.text)
    assert error and "18 digit" in error.group(1)
    assert 'aria-invalid="true"' in response.text and name in response.text  # the input is kept
    assert admin.request("GET", "/employees", params={"q": name}).json()["items"] == []


def test_create_edit_and_deactivate_an_employee(admin_web, admin, a_unit_id):
    name = "Ni Luh Web " + uuid.uuid4().hex[:6]
    form = admin_web.get("/pegawai/baru")
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form.text).group(1)
    data = {"employment_type": "pns", "name": name, "nip": unique_nip("2"), "unit_id": str(a_unit_id),
            "golongan": "III/a", "email": "niluh@example.go.id", "idempotency_key": key}
    created = admin_web.post("/pegawai/baru", data)
    assert created.status_code == 303, text_of(created)[:400]
    detail_path = created.headers["Location"]
    again = admin_web.post("/pegawai/baru", data)  # a double submit of the same form
    assert again.headers["Location"] == detail_path
    assert len(admin.request("GET", "/employees", params={"q": name}).json()["items"]) == 1
    detail = admin_web.get(detail_path)
    assert name in detail.text and "Pegawai " + name + " ditambahkan." in text_of(detail)
    assert "Penata Muda" in detail.text  # pangkat of III/a

    edited = admin_web.post(detail_path + "/ubah", {**data, "phone": "+62 812-3456-7890", "golongan": "III/b"})
    assert edited.status_code == 303, text_of(edited)[:400]
    assert "Penata Muda Tingkat I" in admin_web.get(detail_path).text

    off = admin_web.post(detail_path + "/nonaktifkan", {"reason": "mutasi"})
    assert off.status_code == 303
    assert "Pegawai ini tidak aktif." in text_of(admin_web.get(detail_path))


def test_a_form_without_the_sessions_csrf_token_is_refused(admin_web, stack, a_unit_id, admin):
    name = "Csrf " + uuid.uuid4().hex[:6]
    data = {"employment_type": "non_asn", "name": name, "nik": "5101011705900001", "unit_id": str(a_unit_id)}
    missing = admin_web.post("/pegawai/baru", data, csrf=None)
    assert missing.status_code == 403 and "Formulir sudah kedaluwarsa" in text_of(missing)
    stranger = WebClient(stack.base_url)
    stranger.get("/masuk")
    foreign = admin_web.post("/pegawai/baru", data, csrf=stranger.csrf())
    assert foreign.status_code == 403
    assert admin.request("GET", "/employees", params={"q": name}).json()["items"] == []
    logout = WebClient(stack.base_url).logged_in("admin", ADMIN_PASSWORD)
    assert logout.post("/keluar", csrf="nope").status_code == 403


def test_logout_ends_the_session_everywhere(stack, web):
    web.logged_in("admin", ADMIN_PASSWORD)
    stolen = web.http.cookies.get(COOKIE_NAME)
    out = web.post("/keluar")
    assert out.status_code == 303 and out.headers["Location"] == "/masuk"
    assert web.get("/").status_code == 303
    replay = WebClient(stack.base_url)
    replay.http.cookies.set(COOKIE_NAME, stolen)
    assert replay.get("/").status_code == 303  # the old cookie's session is revoked


def test_an_expired_access_token_is_renewed_with_the_refresh_token(stack, web):
    web.logged_in("admin", ADMIN_PASSWORD)
    codec = session_codec(stack)
    session = codec.loads(web.http.cookies.get(COOKIE_NAME))
    claims = __import__("jwt").decode(session.access, options={"verify_signature": False})
    identity = Identity(account_id=int(claims["sub"]), username=claims["usr"], employee_id=claims["emp"],
                        unit_id=claims["unit"], roles=frozenset(claims["roles"]), session_id=claims["sid"])
    expired, _ = issue_access_token(identity, claims["sid"], ttl=1, secret=stack.process_env()["SITUOK_JWT_SECRET"],
                                    now=time.time() - 3600)
    session.access = expired
    web.http.cookies.clear()
    web.http.cookies.set(COOKIE_NAME, codec.dumps(session))
    response = web.get("/pegawai")
    assert response.status_code == 200
    renewed = codec.loads(response.cookies.get(COOKIE_NAME))
    assert renewed.access != expired and renewed.refresh != session.refresh


def test_an_idle_session_ends_here_and_at_personnel(stack, web, api):
    web.logged_in("admin", ADMIN_PASSWORD)
    codec = session_codec(stack)
    session = codec.loads(web.http.cookies.get(COOKIE_NAME))
    session.seen -= 31 * 60  # the user left the desk half an hour ago
    web.http.cookies.clear()
    web.http.cookies.set(COOKIE_NAME, codec.dumps(session))
    page = web.get("/pegawai")
    assert page.status_code == 303 and page.headers["Location"].startswith("/masuk")
    assert "Sesi Anda berakhir" in text_of(web.get("/masuk"))
    refresh = api.request("POST", "/auth/refresh", json={"refresh_token": session.refresh}, token="")
    assert refresh.status_code == 401  # personnel's session was ended too


def test_change_password_checks_its_fields_and_ends_the_other_sessions(stack, admin):
    username = "gantisandi" + uuid.uuid4().hex[:6]
    created = admin.request("POST", "/accounts", json={
        "username": username, "password": "Sandi-Awal-2026", "roles": ["pegawai"]})
    assert created.status_code == 201, created.text
    desk = WebClient(stack.base_url).logged_in(username, "Sandi-Awal-2026")
    phone = WebClient(stack.base_url).logged_in(username, "Sandi-Awal-2026")

    def change(old: str, new: str, repeat: str):
        return desk.post("/akun/kata-sandi", {"old_password": old, "new_password": new, "repeat_password": repeat},
                         csrf=desk.csrf("/akun/kata-sandi"))

    mismatch = change("Sandi-Awal-2026", "Sandi-Baru-2026", "Sandi-Lain-2026")
    assert mismatch.status_code == 422
    assert re.search(r'id="e-repeat_password">[^<]*Tidak sama', mismatch.text)
    wrong_old = change("bukan-sandinya-1", "Sandi-Baru-2026", "Sandi-Baru-2026")
    assert wrong_old.status_code == 422 and 'id="e-old_password"' in wrong_old.text
    changed = change("Sandi-Awal-2026", "Sandi-Baru-2026", "Sandi-Baru-2026")
    assert changed.status_code == 303 and changed.headers["Location"] == "/profil"
    assert desk.get("/profil").status_code == 200        # this session goes on
    assert phone.get("/profil").status_code == 303       # the other one is over
    assert WebClient(stack.base_url).login(username, "Sandi-Awal-2026").status_code == 401
    assert WebClient(stack.base_url).login(username, "Sandi-Baru-2026").status_code == 303


def test_language_switch(admin_web):
    admin_web.get("/")
    switched = admin_web.post("/bahasa", {"lang": "en", "next": "/pegawai"}, csrf=admin_web.csrf("/"))
    assert switched.headers["Location"] == "/pegawai"
    page = admin_web.get("/pegawai")
    assert "Add employee" in page.text and page.headers["Content-Language"] == "en"
    assert '<html lang="en">' in page.text
    admin_web.post("/bahasa", {"lang": "id", "next": "/"}, csrf=admin_web.csrf("/"))
    assert "Tambah pegawai" in admin_web.get("/pegawai").text


def test_employee_list_filters_and_pages_through_everyone_once(admin_web, admin):
    expected = set()
    cursor = None
    while True:
        params = {"limit": 100, "active": "true", **({"cursor": cursor} if cursor else {})}
        body = admin.request("GET", "/employees", params=params).json()
        expected |= {e["id"] for e in body["items"]}
        cursor = body["next_cursor"]
        if not cursor:
            break
    seen: list[int] = []
    path = "/pegawai"
    for _ in range(50):
        page = admin_web.get(path)
        assert page.status_code == 200
        seen += [int(i) for i in re.findall(r'<a href="/pegawai/(\d+)">', page.text)]
        following = re.search(r'<a class="button" href="([^"]+)" rel="next">', page.text)
        if not following:
            break
        path = following.group(1).replace("&amp;", "&")
    assert len(seen) == len(set(seen)) and set(seen) == expected

    non_asn = admin_web.get("/pegawai?asn=0")
    assert "Non ASN" in non_asn.text and ">PNS<" not in non_asn.text
    nobody = admin_web.get("/pegawai?q=" + uuid.uuid4().hex)
    assert "Tidak ada pegawai yang cocok" in text_of(nobody)


def test_org_unit_tree(admin_web):
    page = admin_web.get("/unit")
    assert page.status_code == 200
    assert page.text.count('class="unit unit-biro') == 1 and 'unit-subbagian' in page.text


def test_error_pages_share_the_layout(admin_web, web):
    missing = admin_web.get("/tidak-ada-halaman")
    assert missing.status_code == 404 and "Halaman tidak ditemukan" in missing.text
    assert 'id="menu"' in missing.text  # the signed-in user keeps the menu
    assert admin_web.get("/pegawai/999999999").status_code == 404
    assert web.get("/tidak-ada").status_code == 404


def test_public_portal_and_static_files_need_no_login(web):
    portal = web.get("/publik")
    assert portal.status_code == 200 and "Biro Umum dan Protokol" in portal.text
    css_url = re.search(r'href="(/static/css/situok.css\?v=[0-9a-f]+)"', portal.text).group(1)
    css = web.get(css_url)
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]
    assert web.get(css_url, headers={"If-None-Match": css.headers["ETag"]}).status_code == 304
    assert "Content-Security-Policy" in portal.headers
