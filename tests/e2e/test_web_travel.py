"""The SPT & SPPD pages over HTTP through Traefik, with the real stack.

A pegawai drafts a trip for themselves (the estimate shown before saving) and submits it; their Kepala Bagian
approves it from the approval inbox; admin issues it; the letters download as PDFs; the public verification
page (where the QR code points) tells the number and nothing about money; sheet II records an arrival; a
cancelled letter shows as DIBATALKAN. Validation messages land next to their fields, and a pegawai cannot approve.
"""
from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import Api
from tests.e2e.web import WebClient, text_of

pytestmark = pytest.mark.e2e

#: A valid 1×1 transparent PNG (uploads are decoded and re-encoded, so a corrupt one is refused).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
                    "606060000000050001a5f645400000000049454e44ae426082")


def trip_dates(offset: int, days: int = 3) -> tuple[date, date]:
    """``days`` days starting ``offset`` days from now, inside this year (the seeded rate table is this year's);
    each test uses its own offset so one traveller's trips never overlap."""
    today = date.today()
    start = today + timedelta(days=offset)
    if (start + timedelta(days=days - 1)).year != today.year:
        start = date(today.year, 1, 1) + timedelta(days=offset)
    return start, start + timedelta(days=days - 1)


def trip_form(employee_id: int, offset: int, **over) -> dict:
    start, end = trip_dates(offset)
    form = {
        "traveller": str(employee_id),
        "basis": "Undangan Kementerian Dalam Negeri Nomor 000/123/2026\nDPA Biro Umum dan Protokol 2026",
        "purpose": "Konsultasi pengelolaan keuangan daerah " + uuid.uuid4().hex[:6],
        "origin": "Denpasar", "destination_province": "31", "destination_city": "Jakarta Pusat",
        "category": "luar_kota", "departure_date": start.isoformat(), "return_date": end.isoformat(),
        "transport": "umum", "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali",
        "budget_account": "5.1.02.04.01.0001", "notes": "",
    }
    form.update(over)
    return form


def rupiah(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


@pytest.fixture(scope="module")
def roster_synced(admin: Api):
    response = admin.request("POST", "/travel/roster/sync")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def pegawai_api(stack, roster_synced) -> Api:
    client = Api(stack.base_url)
    client.token = client.token_for("pegawai", DEMO_PASSWORD)
    return client


@pytest.fixture(scope="module")
def me(pegawai_api: Api) -> dict:
    return pegawai_api.request("GET", "/me").json()["employee"]


@pytest.fixture
def pegawai_web(stack, roster_synced) -> WebClient:
    return WebClient(stack.base_url).logged_in("pegawai", DEMO_PASSWORD)


@pytest.fixture
def kabag_web(stack, roster_synced) -> WebClient:
    return WebClient(stack.base_url).logged_in("kabag", DEMO_PASSWORD)


@pytest.fixture
def admin_web(stack, roster_synced) -> WebClient:
    return WebClient(stack.base_url).logged_in("admin", ADMIN_PASSWORD)


def order_id_of(response) -> int:
    assert response.status_code == 303, text_of(response)[:600]
    found = re.fullmatch(r"/perjalanan/(\d+)", response.headers["Location"])
    assert found, response.headers["Location"]
    return int(found.group(1))


def nav_links(response) -> set[str]:
    nav = re.search(r'<nav id="menu".*?</nav>', response.text, re.S)
    return set(re.findall(r'href="([^"]+)"', nav.group(0))) if nav else set()


def create_and_submit(web: WebClient, form: dict) -> int:
    web.get("/perjalanan/baru")
    order_id = order_id_of(web.post("/perjalanan/baru", {**form, "action": "save"}))
    assert web.post(f"/perjalanan/{order_id}/ajukan", {"note": "Mohon persetujuan."}).status_code == 303
    return order_id


def test_menu_links_by_role(pegawai_web, kabag_web):
    mine = nav_links(pegawai_web.get("/"))
    assert {"/perjalanan", "/perjalanan/baru"} <= mine and "/perjalanan/persetujuan" not in mine
    assert pegawai_web.get("/perjalanan/persetujuan").status_code == 403
    assert "/perjalanan/persetujuan" in nav_links(kabag_web.get("/"))
    assert kabag_web.get("/perjalanan/persetujuan").status_code == 200


def test_trip_from_draft_to_issued_letter_verified_then_cancelled(stack, pegawai_web, kabag_web, admin_web,
                                                                 pegawai_api, me, admin):
    # The form: a pegawai requests for themselves only, so they are preselected and cannot pick anyone else.
    page = pegawai_web.get("/perjalanan/baru")
    assert page.status_code == 200
    assert f'<input type="hidden" name="traveller" value="{me["id"]}">' in page.text
    assert 'type="checkbox" name="traveller"' not in page.text
    assert 'id="estimate"' in page.text and "js/travel.js" in page.text

    form = trip_form(me["id"], offset=10)
    expected = pegawai_api.request("POST", "/travel/estimate", json={
        "travellers": [{"employee_id": me["id"]}], "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
        "departure_date": form["departure_date"], "return_date": form["return_date"], "category": "luar_kota",
        "transport": "umum"}).json()
    # The live estimate (what travel.js fetches): an HTML fragment, the CSRF token in a header.
    token = pegawai_web.csrf("/perjalanan/baru")
    live = pegawai_web.http.post(stack.base_url + "/perjalanan/estimasi", data=form,
                                 headers={"X-CSRF-Token": token}, timeout=15)
    assert live.status_code == 200 and live.headers["Content-Type"].startswith("text/html")
    assert rupiah(expected["total"]) in live.text and 'class="estimate-body"' in live.text
    assert "<html" not in live.text
    refused = pegawai_web.http.post(stack.base_url + "/perjalanan/estimasi", data=form, timeout=15)
    assert refused.status_code == 403  # no token, no estimate
    # Without JavaScript, "Hitung biaya" renders the estimate into the form, keeping what was typed.
    counted = pegawai_web.post("/perjalanan/baru", {**form, "action": "estimate"})
    assert counted.status_code == 200 and rupiah(expected["total"]) in counted.text
    assert form["purpose"] in counted.text

    order_id = order_id_of(pegawai_web.post("/perjalanan/baru", {**form, "action": "save"}))
    detail = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "Draf SPT disimpan." in text_of(detail) and form["purpose"] in detail.text
    assert "status-draft" in detail.text and rupiah(expected["total"]) in detail.text
    assert f'action="/perjalanan/{order_id}/ajukan"' in detail.text
    listed = pegawai_web.get("/perjalanan?mine=1&status=draft")
    assert f'href="/perjalanan/{order_id}"' in listed.text

    # The draft can still change; someone else's draft cannot be opened for editing.
    edit = pegawai_web.get(f"/perjalanan/{order_id}/ubah")
    assert edit.status_code == 200 and form["purpose"] in edit.text and 'value="5.1.02.04.01.0001"' in edit.text
    assert kabag_web.get(f"/perjalanan/{order_id}/ubah").status_code == 403
    changed = pegawai_web.post(f"/perjalanan/{order_id}/ubah", {**form, "notes": "Membawa laptop dinas.",
                                                                "action": "save"})
    assert changed.status_code == 303 and changed.headers["Location"] == f"/perjalanan/{order_id}"
    assert "Membawa laptop dinas." in pegawai_web.get(f"/perjalanan/{order_id}").text

    assert pegawai_web.post(f"/perjalanan/{order_id}/ajukan", {"note": "Mohon persetujuan."}).status_code == 303
    submitted = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "SPT diajukan untuk persetujuan." in text_of(submitted) and "status-submitted" in submitted.text
    assert pegawai_web.get(f"/perjalanan/{order_id}/ubah").status_code == 403  # no longer a draft: no "edit"

    # A pegawai cannot approve: no button, and the POST is refused.
    assert f"/perjalanan/{order_id}/setujui" not in submitted.text
    denied = pegawai_web.post(f"/perjalanan/{order_id}/setujui", {"note": "sendiri"})
    assert denied.status_code == 403 and "Akses ditolak" in text_of(denied)

    # The approver finds it in the inbox and approves it there.
    inbox = kabag_web.get("/perjalanan/persetujuan")
    assert inbox.status_code == 200 and f'action="/perjalanan/{order_id}/setujui"' in inbox.text
    approved = kabag_web.post(f"/perjalanan/{order_id}/setujui", {"note": "Setuju, laporkan hasilnya."},
                              csrf=kabag_web.csrf("/perjalanan/persetujuan"))
    assert approved.status_code == 303
    assert "status-approved" in kabag_web.get(f"/perjalanan/{order_id}").text
    again = kabag_web.post(f"/perjalanan/{order_id}/setujui", {})  # twice: the status says no, kindly
    assert again.status_code == 303
    assert "tidak dapat disetujui" in text_of(kabag_web.get(f"/perjalanan/{order_id}"))

    # Admin issues from the inbox's second list.
    assert f'action="/perjalanan/{order_id}/terbitkan"' in admin_web.get("/perjalanan/persetujuan").text
    assert admin_web.post(f"/perjalanan/{order_id}/terbitkan", {}).status_code == 303
    letter = admin.request("GET", f"/travel/orders/{order_id}").json()
    assert letter["status"] == "issued" and letter["number"]
    [traveller] = letter["travellers"]
    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert letter["number"] in view.text and traveller["sppd_number"] in view.text
    assert "Setuju, laporkan hasilnya." in view.text  # the history names the note

    # The letters, as PDFs, inline and never cached.
    for path in (f"/perjalanan/{order_id}/dokumen/spt", f"/perjalanan/{order_id}/dokumen/sppd1?pelaksana={me['id']}",
                 f"/perjalanan/{order_id}/dokumen/sppd2?pelaksana={me['id']}"):
        pdf = pegawai_web.get(path)
        assert pdf.status_code == 200, path
        assert pdf.headers["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF"), path
        assert pdf.headers["Content-Disposition"].startswith("inline; filename=")
        assert pdf.headers["Cache-Control"] == "no-store"
    assert f'href="/perjalanan/{order_id}/dokumen/sppd1?pelaksana={me["id"]}"' in view.text
    assert pegawai_web.get(f"/perjalanan/{order_id}/dokumen/memo").status_code == 404

    # The public page the QR code points to: the number, nothing about money.
    token = letter["verify_url"].rstrip("/").rsplit("/", 1)[1]
    assert f'href="/verifikasi/{token}"' in view.text
    public = WebClient(stack.base_url)
    checked = public.get(f"/verifikasi/{token}")
    assert checked.status_code == 200
    shown = text_of(checked)
    assert letter["number"] in shown and traveller["name"] in shown and "SURAT TERDAFTAR" in shown
    assert letter["budget_account"] not in shown and "Rp" not in shown and "DIBATALKAN" not in shown
    unknown = public.get("/verifikasi/" + uuid.uuid4().hex + "abcd")
    assert unknown.status_code == 404 and "Surat tidak dikenal" in text_of(unknown)
    assert public.get("/verifikasi/pendek").status_code == 404

    # On the road: sheet II records an arrival at the server's time.
    road = pegawai_web.get(f"/perjalanan/{order_id}/perjalanan")
    assert road.status_code == 200 and 'name="kind" value="arrival"' in road.text
    arrived = pegawai_web.post(f"/perjalanan/{order_id}/perjalanan", {
        "kind": "arrival", "place": "Jakarta Pusat", "latitude": "-6.1754", "longitude": "106.8272",
        "accuracy": "25"})
    assert arrived.status_code == 303
    after = pegawai_web.get(f"/perjalanan/{order_id}/perjalanan")
    assert "Tiba di Jakarta Pusat tercatat pada" in text_of(after)
    assert "-6.17540, 106.82720" in after.text
    legs = admin.request("GET", f"/travel/orders/{order_id}").json()["travellers"][0]["legs"]
    assert [(leg["kind"], leg["place"], leg["accuracy"]) for leg in legs] == [("arrival", "Jakarta Pusat", 25.0)]
    # Someone else's sheet: no buttons (kabag sees the trip but does not travel on it).
    assert 'name="kind"' not in kabag_web.get(f"/perjalanan/{order_id}/perjalanan").text

    # Cancelled: the trip page and the public page say so plainly.
    no_reason = kabag_web.post(f"/perjalanan/{order_id}/batalkan", {"reason": " "})
    assert no_reason.status_code == 303
    assert "status-issued" in kabag_web.get(f"/perjalanan/{order_id}").text
    cancelled = kabag_web.post(f"/perjalanan/{order_id}/batalkan", {"reason": "Kegiatan ditunda penyelenggara."})
    assert cancelled.status_code == 303
    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "DIBATALKAN" in text_of(view) and "Kegiatan ditunda penyelenggara." in view.text
    gone = public.get(f"/verifikasi/{token}")
    assert gone.status_code == 200 and "DIBATALKAN" in text_of(gone) and letter["number"] in gone.text


def test_report_completion_and_realization_with_files(pegawai_web, kabag_web, admin_web, me, admin):
    order_id = create_and_submit(pegawai_web, trip_form(me["id"], offset=14))
    assert kabag_web.post(f"/perjalanan/{order_id}/setujui", {}, csrf=kabag_web.csrf("/")).status_code == 303
    assert admin_web.post(f"/perjalanan/{order_id}/terbitkan", {}, csrf=admin_web.csrf("/")).status_code == 303

    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert f'action="/perjalanan/{order_id}/laporan"' in view.text
    assert f'action="/perjalanan/{order_id}/selesai"' not in view.text  # no report yet
    token = pegawai_web.csrf(f"/perjalanan/{order_id}")
    report = pegawai_web.post(f"/perjalanan/{order_id}/laporan",
                              {"summary": "Konsultasi selesai; notulen terlampir."}, csrf=token,
                              files=[("attachments", ("foto kegiatan.png", PNG, "image/png")),
                                     ("attachments", ("notulen.txt", b"Notulen rapat", "text/plain"))])
    assert report.status_code == 303
    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "Laporan perjalanan disimpan." in text_of(view) and "Konsultasi selesai" in view.text
    links = re.findall(r'<a href="(/perjalanan/lampiran/\d+)">([^<]+)</a>', view.text)
    assert [name for _, name in links] == ["foto kegiatan.png", "notulen.txt"]
    image = pegawai_web.get(links[0][0])
    # re-encoded on upload (same picture, not the same bytes), served back as a download
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["Content-Disposition"].startswith("attachment;")

    assert pegawai_web.post(f"/perjalanan/{order_id}/selesai", {}).status_code == 303
    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "status-completed" in view.text and f'action="/perjalanan/{order_id}/realisasi"' in view.text

    realized = pegawai_web.post(f"/perjalanan/{order_id}/realisasi", {
        "line-0-employee_id": str(me["id"]), "line-0-category": "transport",
        "line-0-description": "Tiket pesawat DPS-CGK PP", "line-0-amount": "Rp2.350.000",
        "line-1-employee_id": str(me["id"]), "line-1-category": "uang_harian",
        "line-1-description": "Uang harian 3 hari", "line-1-quantity": "3", "line-1-rate": "530000",
        "sub_activity_code": "4.01.01.2.06.0001", "account_code": "5.1.02.04.01.0001",
    }, csrf=pegawai_web.csrf(f"/perjalanan/{order_id}"),
        files=[("line-0-receipts", ("tiket.pdf", b"%PDF-1.4 tiket", "application/pdf"))])
    assert realized.status_code == 303
    view = pegawai_web.get(f"/perjalanan/{order_id}")
    assert "status-realized" in view.text and "Rp3.940.000" in view.text and "tiket.pdf" in view.text
    assert admin.request("GET", f"/travel/orders/{order_id}").json()["realized_total"] == 3_940_000


def test_missing_budget_account_is_shown_next_to_its_field(pegawai_web, pegawai_api, me):
    form = trip_form(me["id"], offset=18, budget_account="")
    pegawai_web.get("/perjalanan/baru")
    response = pegawai_web.post("/perjalanan/baru", {**form, "action": "save"})
    assert response.status_code == 422
    error = re.search(r'<p class="error" id="e-budget_account">([^<]+)</p>', response.text)
    assert error, text_of(response)[:800]
    assert re.search(r'id="f-budget_account"[^>]*aria-invalid="true"', response.text)
    assert 'id="form-summary"' in response.text
    assert form["purpose"] in response.text  # nothing typed is lost
    mine = pegawai_api.request("GET", "/travel/orders", params={"mine": "true", "limit": 100}).json()["items"]
    assert form["purpose"] not in [o["purpose"] for o in mine]

    # A traveller problem lands on the traveller field; a bad date on its own field.
    broken = pegawai_web.post("/perjalanan/baru", {**trip_form(me["id"], offset=18), "return_date": "2020-01-01",
                                                   "action": "save"}, csrf=pegawai_web.csrf("/perjalanan/baru"))
    assert broken.status_code == 422 and 'id="e-return_date"' in broken.text


def test_several_destinations_and_a_follower(pegawai_web, pegawai_api, me):
    """Two destinations and a follower from the form: saved, shown on the trip, the follower on SPPD sheet I."""
    page = pegawai_web.get("/perjalanan/baru")
    assert page.status_code == 200
    assert 'id="f-destination_city-1"' in page.text and f'name="follower_name-{me["id"]}"' in page.text
    assert "Tambah tujuan" in page.text and "Tambah pengikut" in page.text
    follower = "Ni Luh Pengikut " + uuid.uuid4().hex[:5]
    form = trip_form(me["id"], offset=30, destination_province=["31", "32", ""],
                     destination_city=["Jakarta Pusat", "Bandung", ""])
    form.update({f"follower_name-{me['id']}": [follower, ""], f"follower_birth_date-{me['id']}": ["1995-03-04", ""],
                 f"follower_note-{me['id']}": ["Ajudan", ""]})

    # The live estimate takes the same form.
    estimate = pegawai_web.post("/perjalanan/estimasi", form)
    assert estimate.status_code == 200 and 'data-estimate-state="ok"' in estimate.text, text_of(estimate)[:600]

    # A follower row without a name: the message lands on that row.
    broken = pegawai_web.post("/perjalanan/baru", {**form, f"follower_name-{me['id']}": [follower, ""],
                                                   f"follower_birth_date-{me['id']}": ["1995-03-04", "2000-01-01"],
                                                   "action": "save"}, csrf=pegawai_web.csrf("/perjalanan/baru"))
    assert broken.status_code == 422
    assert re.search(rf'<p class="error" id="e-follower_name-{me["id"]}-1">[^<]+</p>', broken.text), \
        text_of(broken)[:800]
    assert "Bandung" in broken.text and follower in broken.text  # nothing typed is lost

    order_id = order_id_of(pegawai_web.post("/perjalanan/baru", {**form, "action": "save"},
                                            csrf=pegawai_web.csrf("/perjalanan/baru")))
    order = pegawai_api.request("GET", f"/travel/orders/{order_id}").json()
    assert [(d["province_code"], d["city"]) for d in order["destinations"]] == [("31", "Jakarta Pusat"),
                                                                              ("32", "Bandung")]
    assert order["travellers"][0]["followers"] == [{"name": follower, "birth_date": "1995-03-04", "note": "Ajudan"}]

    view = text_of(pegawai_web.get(f"/perjalanan/{order_id}"))
    assert "Jakarta Pusat, DKI Jakarta; Bandung, Jawa Barat" in view and follower in view

    # Editing shows both destinations and the follower again.
    edit = pegawai_web.get(f"/perjalanan/{order_id}/ubah")
    assert edit.status_code == 200 and 'value="Bandung"' in edit.text and f'value="{follower}"' in edit.text

    pdf = pegawai_web.get(f"/perjalanan/{order_id}/dokumen/sppd1?pelaksana={me['id']}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = re.sub(r"\s+", " ", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert follower in text, text[:1500]


def test_a_pegawai_cannot_request_for_someone_else(pegawai_web, admin, me):
    other = next(e for e in admin.request("GET", "/employees", params={"limit": 20}).json()["items"]
                 if e["id"] != me["id"])
    pegawai_web.get("/perjalanan/baru")
    response = pegawai_web.post("/perjalanan/baru", {**trip_form(other["id"], offset=22), "action": "save"})
    assert response.status_code == 403


def test_a_kepala_bagian_picks_travellers_from_a_list(kabag_web):
    page = kabag_web.get("/perjalanan/baru")
    assert page.status_code == 200
    assert len(re.findall(r'type="checkbox" name="traveller"', page.text)) >= 2


def test_the_trip_pages_speak_english_too(pegawai_web, me):
    pegawai_web.get("/")
    pegawai_web.post("/bahasa", {"lang": "en", "next": "/perjalanan"}, csrf=pegawai_web.csrf("/"))
    page = pegawai_web.get("/perjalanan/baru")
    assert page.status_code == 200 and page.headers["Content-Language"] == "en"
    text = text_of(page)
    assert "New SPT" in text and "Cost estimate" in text and "Save draft" in text and "Simpan draf" not in text
    assert "SPT list" in text_of(pegawai_web.get("/perjalanan"))
    pegawai_web.post("/bahasa", {"lang": "id", "next": "/"}, csrf=pegawai_web.csrf("/"))
