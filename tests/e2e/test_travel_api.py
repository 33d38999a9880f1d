"""The travel API through Traefik with the real stack: one trip from request to realization.

A pegawai requests a trip for themselves (the estimate shown first) and submits it; their Kepala Bagian approves
(the approval rules: staff by their kepala_bagian or pimpinan); admin issues; the letters download as PDFs that
carry the number; anyone can check the letter's QR token; the trip report, completion and realization follow.
Every error is a problem document.
"""
from __future__ import annotations

import base64
import csv
import io
import secrets
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from .conftest import XLSX, Api, is_problem, signed_in

pytestmark = pytest.mark.e2e

# 1×1 transparent PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
                       "RU5ErkJggg==")


def trip_dates() -> tuple[date, date]:
    """Three days soon, inside this year (the seeded rate table is this year's)."""
    today = date.today()
    start = today + timedelta(days=3)
    if (start + timedelta(days=2)).year != today.year:
        start = today - timedelta(days=12)
    return start, start + timedelta(days=2)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def roster_synced(admin: Api):
    """travel pulls the roster at start; make sure it has (the admin-only sync route, too)."""
    response = admin.request("POST", "/travel/roster/sync")
    assert response.status_code == 200, response.text
    assert response.json()["employees"] > 0
    return response.json()


@pytest.fixture(scope="module")
def pegawai(stack, roster_synced) -> Api:
    return signed_in(stack, "pegawai")


@pytest.fixture(scope="module")
def kabag(stack, roster_synced) -> Api:
    return signed_in(stack, "kabag")        # Kepala Bagian Keuangan dan Aset: pegawai's bagian


@pytest.fixture(scope="module")
def kasubbag(stack, roster_synced) -> Api:
    return signed_in(stack, "kasubbag")     # Kepala Subbagian Perbendaharaan: not an approver under the rules


@pytest.fixture(scope="module")
def me(pegawai: Api) -> dict:
    response = pegawai.request("GET", "/me")
    assert response.status_code == 200
    return response.json()["employee"]


def draft(employee_id: int, **over) -> dict:
    start, end = trip_dates()
    body = {
        "travellers": [{"employee_id": employee_id}],
        "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
        "departure_date": start.isoformat(), "return_date": end.isoformat(),
        "category": "luar_kota", "transport": "umum",
        "basis": ["Undangan Kementerian Dalam Negeri Nomor 000/123/2026"],
        "purpose": "Konsultasi pengelolaan keuangan daerah " + uuid.uuid4().hex[:6],
        "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali",
        "budget_account": "5.1.02.04.01.0001",
        "sub_activity_code": "4.01.01.2.06.0001", "account_code": "5.1.02.04.01.0001",
    }
    body.update(over)
    return body


def test_trip_from_request_to_realization(stack, api: Api, admin: Api, pegawai: Api, kabag: Api,
                                          kasubbag: Api, me: dict):
    form = draft(me["id"])

    # The estimate of the unsaved form, as the UI shows it while typing.
    estimate = pegawai.request("POST", "/travel/estimate", json=form)
    assert estimate.status_code == 200, estimate.text
    shown = estimate.json()
    assert shown["days"] == 3 and shown["nights"] == 2 and shown["province_code"] == "31"
    assert shown["total"] > 0 and isinstance(shown["total"], int)
    assert [t["employee_id"] for t in shown["travellers"]] == [me["id"]]
    assert {line["code"] for line in shown["travellers"][0]["lines"]} >= {"uang_harian", "penginapan", "transport"}

    # Request it (idempotent create: a retry with the same key is the same order).
    key = str(uuid.uuid4())
    created = pegawai.request("POST", "/travel/orders", json=form, headers={"Idempotency-Key": key})
    assert created.status_code == 201, created.text
    order = created.json()
    assert created.headers["Location"].endswith(f"/api/v1/travel/orders/{order['id']}")
    assert order["status"] == "draft" and order["estimate_total"] == shown["total"]
    assert order["requester_employee_id"] == me["id"]
    again = pegawai.request("POST", "/travel/orders", json=form, headers={"Idempotency-Key": key})
    assert again.status_code in (200, 201) and again.json()["id"] == order["id"]
    order_path = f"/travel/orders/{order['id']}"

    # The draft can still change; the estimate follows.
    patched = pegawai.request("PATCH", order_path, json={"notes": "Membawa laptop dinas."})
    assert patched.status_code == 200 and patched.json()["notes"] == "Membawa laptop dinas."

    mine = pegawai.request("GET", "/travel/orders", params={"mine": "true", "status": "draft", "limit": 5})
    assert mine.status_code == 200 and order["id"] in [o["id"] for o in mine.json()["items"]]

    submitted = pegawai.request("POST", f"{order_path}/submit", json={"note": "Mohon persetujuan."})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"

    # Not theirs to approve: the requester, and a kasubbag (not an approver under the rules).
    is_problem(pegawai.request("POST", f"{order_path}/approve"), 403)
    is_problem(kasubbag.request("POST", f"{order_path}/approve"), 403)
    # An unknown field in an action's body is named.
    assert "approve_all" in is_problem(kabag.request("POST", f"{order_path}/approve", json={"approve_all": 1}),
                                       422)["fields"]

    approved = kabag.request("POST", f"{order_path}/approve", json={"note": "Setuju."})
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    is_problem(kabag.request("POST", f"{order_path}/approve"), 409)

    issued = admin.request("POST", f"{order_path}/issue")
    assert issued.status_code == 200, issued.text
    letter = issued.json()
    assert letter["status"] == "issued" and letter["number"] and letter["verify_url"]
    [traveller] = letter["travellers"]
    assert traveller["sppd_number"]

    # The letters, as PDFs, carrying their numbers.
    spt = pegawai.request("GET", f"{order_path}/documents/spt")
    assert spt.status_code == 200, spt.text
    assert spt.headers["Content-Type"] == "application/pdf"
    assert spt.content.startswith(b"%PDF")
    disposition = spt.headers["Content-Disposition"]
    assert disposition.startswith('inline; filename="') and disposition.endswith('.pdf"')
    assert squeeze(letter["number"]) in squeeze(pdf_text(spt.content))
    sppd = pegawai.request("GET", f"{order_path}/documents/sppd1", params={"traveller_id": me["id"]})
    assert sppd.status_code == 200 and sppd.headers["Content-Type"] == "application/pdf"
    assert sppd.content.startswith(b"%PDF")
    assert squeeze(traveller["sppd_number"]) in squeeze(pdf_text(sppd.content))
    is_problem(pegawai.request("GET", f"{order_path}/documents/memo"), 404)
    assert "traveller_id" in is_problem(
        pegawai.request("GET", f"{order_path}/documents/sppd1", params={"traveller_id": "x"}), 422)["fields"]

    # Anyone holding the QR code can check the letter; nobody can guess one.
    token = letter["verify_url"].rstrip("/").rsplit("/", 1)[1]
    checked = api.request("GET", f"/public/letters/{token}", token="")
    assert checked.status_code == 200, checked.text
    assert checked.json()["number"] == letter["number"] and checked.json()["status"] == "issued"
    assert checked.json()["valid"] is True
    assert checked.json()["travellers"] == [traveller["name"]]
    assert "budget_account" not in checked.json()
    is_problem(api.request("GET", f"/public/letters/{secrets.token_urlsafe(24)}", token=""), 404)
    is_problem(api.request("GET", "/public/letters/short", token=""), 404)

    # On the road: sheet II.
    leg = pegawai.request("POST", f"{order_path}/legs", json={"kind": "arrival", "place": "Jakarta Pusat"})
    assert leg.status_code == 201, leg.text
    assert leg.json()["kind"] == "arrival" and leg.json()["recorded_at"]

    # Back: the report with an attachment, completion, the actual costs with a receipt.
    is_problem(pegawai.request("POST", f"{order_path}/complete"), 422)  # no report yet
    report = pegawai.request("POST", f"{order_path}/report", json={
        "summary": "Konsultasi selesai; hasil terlampir.",
        "attachments": [{"filename": "foto kegiatan.png", "content_type": "image/png",
                         "content_b64": base64.b64encode(PNG).decode()}]})
    assert report.status_code == 200, report.text
    [attachment] = report.json()["report"]["attachments"]
    assert attachment["size"] > 0 and attachment["content_type"] == "image/png"
    file = pegawai.request("GET", f"/travel/attachments/{attachment['id']}")
    # re-encoded on upload (same picture, not the same bytes), served back as a download
    assert file.status_code == 200 and file.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert file.headers["Content-Type"] == "image/png" and file.headers["X-Content-Type-Options"] == "nosniff"
    assert file.headers["Content-Disposition"] == 'attachment; filename="foto kegiatan.png"'

    completed = pegawai.request("POST", f"{order_path}/complete")
    assert completed.status_code == 200, completed.text
    assert completed.json()["status"] == "completed"

    realized = pegawai.request("POST", f"{order_path}/realize", json={"lines": [
        {"employee_id": me["id"], "category": "transport", "description": "Tiket pesawat DPS-CGK PP",
         "amount": 2_350_000, "receipts": [{"filename": "tiket.pdf", "content_type": "application/pdf",
                                            "content_b64": base64.b64encode(b"%PDF-1.4 tiket").decode()}]},
        {"employee_id": me["id"], "category": "uang_harian", "description": "Uang harian 3 hari",
         "quantity": 3, "rate": 530_000},
    ]})
    assert realized.status_code == 200, realized.text
    done = realized.json()
    assert done["status"] == "realized" and done["realized_total"] == 3_940_000
    assert done["realization"]["total"] == 3_940_000

    still = api.request("GET", f"/public/letters/{token}", token="")
    assert still.status_code == 200 and still.json()["status"] == "realized" and still.json()["valid"] is True

    history = [t["to_status"] for t in pegawai.request("GET", order_path).json()["transitions"]]
    assert history == ["draft", "submitted", "approved", "issued", "completed", "realized"]


def test_missing_budget_account_is_422_naming_the_field(pegawai: Api, me: dict):
    form = draft(me["id"])
    del form["budget_account"]
    body = is_problem(pegawai.request("POST", "/travel/orders", json=form), 422)
    assert "budget_account" in body["fields"]
    blank = is_problem(pegawai.request("POST", "/travel/orders", json=draft(me["id"], budget_account=" ")), 422)
    assert "budget_account" in blank["fields"]


def test_a_pegawai_requests_only_for_themselves(pegawai: Api, kabag: Api):
    other = kabag.request("GET", "/me").json()["employee"]["id"]
    is_problem(pegawai.request("POST", "/travel/orders", json=draft(other)), 403)


def test_errors_are_problem_documents(api: Api, pegawai: Api):
    is_problem(api.request("GET", "/travel/orders", token=""), 401)
    is_problem(pegawai.request("GET", "/travel/orders/999999999"), 404)
    is_problem(pegawai.request("GET", "/travel/orders", params={"status": "lost"}), 422)
    is_problem(pegawai.request("GET", "/travel/orders", params={"date_from": "2026-02-30"}), 422)
    is_problem(pegawai.request("DELETE", "/travel/orders/1"), 405)
    is_problem(pegawai.request("POST", "/travel/estimate", data="{", headers={"Content-Type": "application/json"}),
               400)
    too_big = pegawai.request("POST", "/travel/orders", data=b"x" * (1024 * 1024 + 10),
                              headers={"Content-Type": "application/json"})
    is_problem(too_big, 413)


def rate_csv(rates: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["jenis", "provinsi", "kategori", "tingkat", "jumlah"])
    for r in rates:
        writer.writerow([r["kind"], r["province_code"] or "", r["category"] or "", r["cost_level"] or "",
                         r["amount"]])
    return out.getvalue().encode()


def rate_xlsx(rates: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["jenis", "provinsi", "kategori", "tingkat", "jumlah"])
    for r in rates:
        sheet.append([r["kind"], r["province_code"], r["category"], r["cost_level"], r["amount"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_rate_tables_upload_as_csv_body_or_json(admin: Api, pegawai: Api):
    tables = pegawai.request("GET", "/travel/rates")
    assert tables.status_code == 200
    year = date.today().year
    assert year in [t["fiscal_year"] for t in tables.json()["items"]]
    current = pegawai.request("GET", f"/travel/rates/{year}")
    assert current.status_code == 200 and current.json()["rates"]
    content = rate_csv(current.json()["rates"])
    target = year + 7  # a year nobody else uses

    # Admin only; only CSV, XLSX or JSON.
    is_problem(pegawai.request("POST", f"/travel/rates/{target}", data=content,
                               headers={"Content-Type": "text/csv"}), 403)
    is_problem(admin.request("POST", f"/travel/rates/{target}", data=content,
                             headers={"Content-Type": "application/pdf"}), 415)
    # A bad file is refused whole, naming the row and column.
    broken = content.replace(b"uang_harian,51,luar_kota,,480000", b"uang_harian,51,luar_kota,,banyak", 1)
    assert broken != content
    refused = is_problem(admin.request("POST", f"/travel/rates/{target}", params={"filename": "tarif.csv"},
                                       data=broken, headers={"Content-Type": "text/csv"}), 422)
    assert any(name.startswith("baris_") for name in refused["fields"])
    assert target not in [t["fiscal_year"] for t in admin.request("GET", "/travel/rates").json()["items"]]

    # The file itself as the body ...
    loaded = admin.request("POST", f"/travel/rates/{target}", params={"filename": "tarif.csv"}, data=content,
                           headers={"Content-Type": "text/csv; charset=utf-8"})
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["fiscal_year"] == target and loaded.json()["row_count"] == len(current.json()["rates"])
    assert loaded.json()["source"] == "tarif.csv"
    # ... or inside JSON.
    again = admin.request("POST", f"/travel/rates/{target}", json={
        "filename": "tarif-json.csv", "content_b64": base64.b64encode(content).decode()})
    assert again.status_code == 200, again.text
    assert again.json()["source"] == "tarif-json.csv"
    # ... or as a spreadsheet (the name defaults from the year).
    xlsx = admin.request("POST", f"/travel/rates/{target}", data=rate_xlsx(current.json()["rates"]),
                         headers={"Content-Type": XLSX})
    assert xlsx.status_code == 200, xlsx.text
    assert xlsx.json()["source"] == f"tarif-{target}.xlsx"
    assert xlsx.json()["row_count"] == len(current.json()["rates"])


def test_rules_and_roster_are_admin_business(admin: Api, pegawai: Api):
    rules = pegawai.request("GET", "/travel/rules")
    assert rules.status_code == 200
    assert {"traveller_rank": "staff", "approver_role": "kepala_bagian"} in rules.json()["approval_rules"]
    is_problem(pegawai.request("PUT", "/travel/rules", json={"approval_rules": rules.json()["approval_rules"]}), 403)
    same = admin.request("PUT", "/travel/rules", json={"approval_rules": rules.json()["approval_rules"]})
    assert same.status_code == 200, same.text
    assert "approval_rules" in is_problem(admin.request("PUT", "/travel/rules", json={"approval_rules": []}),
                                          422)["fields"]
    is_problem(pegawai.request("POST", "/travel/roster/sync"), 403)
    status = pegawai.request("GET", "/travel/roster")
    assert status.status_code == 200 and status.json()["employees"] > 0
