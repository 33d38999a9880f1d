"""Login, tokens and authorization through Traefik, as a client app sees them."""
from __future__ import annotations

import uuid

import pytest
from situok_kit import testing

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD

from .conftest import Api

pytestmark = pytest.mark.e2e


def test_login_success_returns_tokens_and_me(api: Api):
    response = api.login("admin", ADMIN_PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    assert body["access_token"] and body["refresh_token"]
    me = api.request("GET", "/me", token=body["access_token"])
    assert me.status_code == 200
    assert me.json()["account"]["username"] == "admin"
    assert "admin" in me.json()["account"]["roles"]


def test_login_failure_is_401_problem_without_saying_which_part(api: Api):
    wrong_password = api.login("admin", "salah-sekali-123")
    unknown_user = api.login("tidak-ada-" + uuid.uuid4().hex[:6], "salah-sekali-123")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 401
        assert response.headers["Content-Type"].startswith("application/problem+json")
    assert wrong_password.json()["detail"] == unknown_user.json()["detail"]


def test_login_with_missing_fields_names_them(api: Api):
    response = api.request("POST", "/auth/login", json={"username": "admin"}, token="")
    assert response.status_code in (400, 422)
    assert "password" in response.json()["fields"]


def test_repeated_failures_are_throttled_never_locked(admin: Api, api: Api, a_unit_id):
    username = "kunci" + uuid.uuid4().hex[:6]
    account = admin.request("POST", "/accounts", json={
        "username": username, "password": "Awal-Sandi-2026", "roles": ["pegawai"]})
    assert account.status_code == 201, account.text
    failures = [api.login(username, f"keliru-{i}-xyz") for i in range(5)]
    unknown = api.login("tidak-ada-" + uuid.uuid4().hex[:6], "keliru-0-xyz")
    assert {r.status_code for r in failures + [unknown]} == {401}           # never 423: no hard lock
    assert len({r.json()["detail"] for r in failures + [unknown]}) == 1     # throttled or not, the same answer
    # Once this source's short delay has passed, the right password works again (no admin needed) ...
    ok = testing.wait_for(lambda: (r := api.login(username, "Awal-Sandi-2026")).status_code == 200 and r,
                          timeout=15, interval=0.5, message="the login delay to pass")
    assert ok.json()["token_type"] == "Bearer"
    # ... and an admin's unlock still answers (it clears the counters).
    assert admin.request("POST", f"/accounts/{account.json()['id']}/unlock").status_code == 200


def test_no_token_is_401_with_challenge(api: Api):
    response = api.request("GET", "/employees", token="")
    assert response.status_code == 401
    assert response.headers.get("WWW-Authenticate", "").startswith("Bearer")
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert api.request("GET", "/employees", token="not.a.token").status_code == 401


def test_pegawai_cannot_call_admin_actions(api: Api, a_unit_id):
    token = api.token_for("pegawai", DEMO_PASSWORD)
    response = api.request("POST", "/employees", token=token, json={
        "employment_type": "non_asn", "name": "Ni Komang Coba", "nik": "5101015705900001", "unit_id": a_unit_id})
    assert response.status_code == 403
    assert response.json()["status"] == 403
    assert api.request("GET", "/accounts", token=token).status_code == 403


def test_pegawai_reads_own_record_only(api: Api, admin: Api):
    token = api.token_for("pegawai", DEMO_PASSWORD)
    me = api.request("GET", "/me", token=token).json()
    own_id = me["employee"]["id"]
    assert api.request("GET", f"/employees/{own_id}", token=token).status_code == 200
    listing = api.request("GET", "/employees", token=token).json()
    assert [e["id"] for e in listing["items"]] == [own_id]
    other = next(e["id"] for e in admin.request("GET", "/employees").json()["items"] if e["id"] != own_id)
    assert api.request("GET", f"/employees/{other}", token=token).status_code == 404


def test_refresh_rotates_and_logout_invalidates(api: Api):
    body = api.login("pegawai", DEMO_PASSWORD).json()
    refreshed = api.request("POST", "/auth/refresh", json={"refresh_token": body["refresh_token"]}, token="")
    assert refreshed.status_code == 200
    new = refreshed.json()
    assert new["refresh_token"] != body["refresh_token"]
    assert api.request("GET", "/me", token=new["access_token"]).status_code == 200
    assert api.request("POST", "/auth/logout", token=new["access_token"]).status_code in (200, 204)
    # Both gateway instances learn of the revocation (one at once, the other by event).
    testing.wait_for(
        lambda: all(api.request("GET", "/me", token=new["access_token"]).status_code == 401 for _ in range(4)),
        timeout=10, message="the revoked token to be refused by every gateway")
    again = api.request("POST", "/auth/refresh", json={"refresh_token": new["refresh_token"]}, token="")
    assert again.status_code == 401
