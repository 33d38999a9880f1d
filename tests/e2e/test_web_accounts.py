"""Account pages for admins over HTTP through Traefik: create, field messages, roles, unlock, who may open them."""
from __future__ import annotations

import re
import time
import uuid

import pytest

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import unique_nik
from tests.e2e.web import WebClient, text_of

pytestmark = pytest.mark.e2e

PASSWORD = "Sandi-Awal-2026"


@pytest.fixture
def admin_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("admin", ADMIN_PASSWORD)


@pytest.fixture
def pegawai_web(stack) -> WebClient:
    return WebClient(stack.base_url).logged_in("pegawai", DEMO_PASSWORD)


@pytest.fixture
def an_employee(admin, a_unit_id) -> dict:
    """A new active employee without an account."""
    created = admin.request("POST", "/employees", json={
        "employment_type": "non_asn", "name": "Akun Web " + uuid.uuid4().hex[:6], "nik": unique_nik(),
        "unit_id": a_unit_id})
    assert created.status_code == 201, created.text
    return created.json()


def new_username(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:8]


def create_account(admin_web: WebClient, username: str, employee_id, roles=("pegawai",)):
    form = admin_web.get("/akun/baru")
    assert form.status_code == 200
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form.text).group(1)
    data = {"username": username, "password": PASSWORD, "employee_id": str(employee_id or ""),
            "roles": list(roles), "idempotency_key": key}
    return admin_web.post("/akun/baru", data)


def account_id_of(response) -> int:
    assert response.status_code == 303, response.text[:800]
    return int(re.fullmatch(r"/akun/(\d+)", response.headers["Location"]).group(1))


def test_admin_creates_an_account_for_an_employee_who_then_logs_in(stack, admin_web, an_employee):
    form = admin_web.get("/akun/baru")
    assert f'value="{an_employee["id"]}"' in form.text  # offered: active, no account yet
    username = new_username("webakun")
    account_id = account_id_of(create_account(admin_web, username, an_employee["id"]))

    detail = admin_web.get(f"/akun/{account_id}")
    assert detail.status_code == 200
    page = text_of(detail)
    assert f"Akun {username} dibuat." in page and an_employee["full_name"] in page
    listing = admin_web.get("/akun")
    assert listing.status_code == 200 and f'href="/akun/{account_id}"' in listing.text
    assert f'value="{an_employee["id"]}"' not in admin_web.get("/akun/baru").text  # no longer offered

    assert WebClient(stack.base_url).login(username, PASSWORD).status_code == 303

    again = create_account(admin_web, new_username("kedua"), an_employee["id"])  # one account per employee
    assert again.status_code == 409
    assert re.search(r'<p class="error" id="e-employee_id">[^<]*sudah memiliki akun', again.text)


def test_a_taken_username_is_explained_next_to_the_field(admin_web, an_employee):
    response = create_account(admin_web, "admin", an_employee["id"])
    assert response.status_code in (409, 422)
    error = re.search(r'<p class="error" id="e-username">([^<]+)</p>', response.text)
    assert error and "sudah dipakai" in error.group(1)
    assert 'aria-invalid="true"' in response.text and 'value="admin"' in response.text  # the input is kept


def test_roles_change_and_the_new_session_carries_them(stack, admin_web, admin):
    username = new_username("peran")
    account_id = account_id_of(create_account(admin_web, username, None, ("pegawai",)))
    user = WebClient(stack.base_url).logged_in(username, PASSWORD)
    assert user.get("/pegawai").status_code == 403

    saved = admin_web.post(f"/akun/{account_id}/peran", {"roles": ["pegawai", "admin"]})
    assert saved.status_code == 303
    assert sorted(admin.request("GET", f"/accounts/{account_id}").json()["roles"]) == ["admin", "pegawai"]
    detail = admin_web.get(f"/akun/{account_id}")
    assert re.search(r'value="admin" checked', detail.text)

    none = admin_web.post(f"/akun/{account_id}/peran", {})
    assert none.status_code == 422 and 'id="e-roles"' in none.text

    # Roles changed: the old session ended; the new one carries them, and personnel's capabilities with them.
    again = WebClient(stack.base_url).logged_in(username, PASSWORD)
    assert again.get("/pegawai").status_code == 200 and again.get("/akun").status_code == 200
    assert 'href="/akun"' in again.get("/").text


def test_a_locked_account_is_unlocked_from_its_page(stack, admin_web):
    username = new_username("kunci")
    account_id = account_id_of(create_account(admin_web, username, None))
    user = WebClient(stack.base_url)
    for attempt in range(5):
        user.login(username, f"keliru-{attempt}-xyz")
    for delay in (1, 2, 4):       # wait out the delays: each further failure doubles the next (now 8 s)
        time.sleep(delay + 0.2)
        user.login(username, "keliru-lagi-xyz")
    assert user.login(username, PASSWORD).status_code == 401   # this source still waits

    detail = admin_web.get(f"/akun/{account_id}")
    assert f'action="/akun/{account_id}/buka-kunci"' in detail.text
    unlocked = admin_web.post(f"/akun/{account_id}/buka-kunci")
    assert unlocked.status_code == 303
    assert "buka-kunci" not in admin_web.get(f"/akun/{account_id}").text
    assert WebClient(stack.base_url).login(username, PASSWORD).status_code == 303


def test_deactivate_and_activate(stack, admin_web):
    username = new_username("nonaktif")
    account_id = account_id_of(create_account(admin_web, username, None))
    assert admin_web.post(f"/akun/{account_id}/nonaktifkan").status_code == 303
    assert "Akun ini tidak aktif." in text_of(admin_web.get(f"/akun/{account_id}"))
    assert WebClient(stack.base_url).login(username, PASSWORD).status_code != 303
    assert admin_web.post(f"/akun/{account_id}/aktifkan").status_code == 303
    assert WebClient(stack.base_url).login(username, PASSWORD).status_code == 303


def test_pegawai_cannot_open_account_pages(pegawai_web, admin_web):
    for path in ("/akun", "/akun/baru", "/akun/1"):
        denied = pegawai_web.get(path)
        assert denied.status_code == 403, path
        assert "Akses ditolak" in text_of(denied)
    assert pegawai_web.post("/akun/1/buka-kunci", csrf=pegawai_web.csrf("/")).status_code == 403
    assert 'href="/akun"' not in pegawai_web.get("/").text
    assert 'href="/akun"' in admin_web.get("/").text
