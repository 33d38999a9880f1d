"""The employee API through Traefik: validation, pagination, idempotent creates, errors."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import Api, unique_nik, unique_nip

pytestmark = pytest.mark.e2e


def asn(unit_id: int, **over) -> dict:
    body = {"employment_type": "pns", "name": "I Wayan Uji " + uuid.uuid4().hex[:4], "nip": unique_nip(),
            "gender": "L", "golongan": "III/a", "unit_id": unit_id}
    body.update(over)
    return body


def test_invalid_nip_is_422_naming_the_field(admin: Api, a_unit_id):
    short = admin.request("POST", "/employees", json=asn(a_unit_id, nip="1990"))
    assert short.status_code == 422
    assert short.headers["Content-Type"].startswith("application/problem+json")
    assert "nip" in short.json()["fields"] and "18" in short.json()["fields"]["nip"]
    bad_date = admin.request("POST", "/employees", json=asn(a_unit_id, nip="199013312015031001"))
    assert bad_date.status_code == 422
    assert "nip" in bad_date.json()["fields"]
    wrong_gender = admin.request("POST", "/employees", json=asn(a_unit_id, nip=unique_nip("2"), gender="L"))
    assert wrong_gender.status_code == 422 and "nip" in wrong_gender.json()["fields"]


def test_invalid_nik_is_422_naming_the_field(admin: Api, a_unit_id):
    response = admin.request("POST", "/employees", json={
        "employment_type": "non_asn", "name": "Ni Kadek Uji", "nik": "12345", "unit_id": a_unit_id})
    assert response.status_code == 422
    assert "nik" in response.json()["fields"]


def test_create_get_update_deactivate(admin: Api, a_unit_id):
    created = admin.request("POST", "/employees", json=asn(a_unit_id))
    assert created.status_code == 201, created.text
    employee = created.json()
    assert created.headers["Location"].endswith(f"/employees/{employee['id']}")
    assert employee["pangkat"] == "Penata Muda" and employee["is_asn"] is True
    got = admin.request("GET", f"/employees/{employee['id']}")
    assert got.status_code == 200 and got.json()["nip"] == employee["nip"]
    patched = admin.request("PATCH", f"/employees/{employee['id']}", json={"golongan": "III/b"})
    assert patched.status_code == 200 and patched.json()["pangkat"] == "Penata Muda Tingkat I"
    gone = admin.request("POST", f"/employees/{employee['id']}/deactivate", json={"reason": "pensiun"})
    assert gone.status_code == 200 and gone.json()["active"] is False
    duplicate = admin.request("POST", "/employees", json=asn(a_unit_id, nip=employee["nip"]))
    assert duplicate.status_code == 409 and "nip" in duplicate.json()["fields"]


def test_same_post_replayed_with_one_idempotency_key_creates_one(admin: Api, a_unit_id):
    body = {"employment_type": "non_asn", "name": "Ni Luh Ulang " + uuid.uuid4().hex[:4],
            "nik": unique_nik(), "unit_id": a_unit_id}
    key = str(uuid.uuid4())

    def post(_):
        return admin.request("POST", "/employees", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(post, range(4)))
    responses.append(post(None))
    assert all(r.status_code in (200, 201) for r in responses), [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    matches = admin.request("GET", "/employees", params={"q": body["name"]}).json()["items"]
    assert len(matches) == 1
    reused = admin.request("POST", "/employees", json={**body, "name": "Lain"}, headers={"Idempotency-Key": key})
    assert reused.status_code == 409


def test_keyset_pagination_walks_every_employee_once(admin: Api):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = admin.request("GET", "/employees", params=params).json()
        seen += [e["id"] for e in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor or pages > 50:
            break
    assert len(seen) == len(set(seen)) >= 30
    assert pages >= 5
    bad = admin.request("GET", "/employees", params={"cursor": "%%%"})
    assert bad.status_code == 422 and "cursor" in bad.json()["fields"]
    bad_limit = admin.request("GET", "/employees", params={"limit": "banyak"})
    assert bad_limit.status_code == 422 and "limit" in bad_limit.json()["fields"]


def test_filters(admin: Api):
    non_asn = admin.request("GET", "/employees", params={"employment_type": "non_asn", "limit": 200}).json()
    assert non_asn["items"] and all(e["employment_type"] == "non_asn" for e in non_asn["items"])
    inactive = admin.request("GET", "/employees", params={"active": "false", "limit": 200}).json()
    assert all(e["active"] is False for e in inactive["items"])


def test_errors_are_problems(admin: Api):
    missing = admin.request("GET", "/employees/999999")
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("application/problem+json")
    garbage = admin.request("POST", "/employees", data="{not json", headers={"Content-Type": "application/json"})
    assert garbage.status_code == 400
    unknown = admin.request("GET", "/tidak-ada")
    assert unknown.status_code == 404


def test_openapi_and_docs_are_served(api: Api, stack):
    spec = api.request("GET", "/openapi.json", token="").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/employees" in spec["paths"] or "/employees" in spec["paths"]
    docs = api.http.get(stack.base_url + "/api/v1/docs", timeout=10)
    assert docs.status_code == 200 and "text/html" in docs.headers["Content-Type"]


def test_edge_adds_security_headers(api: Api):
    response = api.request("GET", "/openapi.json", token="")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
