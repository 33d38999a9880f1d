"""Keuangan's pages over HTTP through Traefik, with the real stack.

Admin loads the year's DPA from its page; the PPTK drafts a small-purchase SPJ on their sub-kegiatan with a
photo of the receipt (archived first, then the purchase's evidence) and submits it; the bendahara finds it in the
verification queue with the photo beside its items and verifies it; the PPK approves it from the inbox; the
bendahara books the UP and pays the SPJ; the BKU shows the payment and downloads as XLSX; the budget dashboard
shows the realized amount in its chart; the archive register finds the receipt. A pegawai sees no finance at all,
and a refused form keeps its values with finance's messages beside the fields.
"""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD, DEMO_PASSWORD
from tests.e2e.conftest import Api
from tests.e2e.web import WebClient, text_of

pytestmark = pytest.mark.e2e

#: A valid 1×1 PNG (uploads are judged by content and images re-encoded, so a corrupt one is refused).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
                    "606060000000050001a5f645400000000049454e44ae426082")
DPA = Path(__file__).resolve().parents[2] / "services" / "finance" / "finance" / "data" / "dpa_contoh_2026.csv"
#: The example DPA's Penyediaan Bahan Logistik Kantor sub-kegiatan, whose PPTK is the demo ``pptk``.
ATK_ACCOUNT = "5.1.02.01.01.0024"
ATK_SUB = "4.01.01.2.06.0004"
WITA = timezone(timedelta(hours=8))


def today() -> str:
    return datetime.now(UTC).astimezone(WITA).date().isoformat()


def year() -> int:
    return int(today()[:4])


def signed_in(stack, username: str, password: str = DEMO_PASSWORD) -> WebClient:
    return WebClient(stack.base_url).logged_in(username, password)


def nav_links(response) -> set[str]:
    nav = re.search(r'<nav id="menu".*?</nav>', response.text, re.S)
    return set(re.findall(r'href="([^"]+)"', nav.group(0))) if nav else set()


@pytest.fixture(scope="module")
def budget(stack, admin: Api) -> int:
    """The year's DPA loaded through the admin's page (after finance copied personnel's roster); the ATK line's
    id on the PPTK's sub-kegiatan."""
    response = admin.request("POST", "/finance/roster/sync")
    assert response.status_code == 200, response.text
    web = signed_in(stack, "admin", ADMIN_PASSWORD)
    assert web.get("/keuangan/anggaran/muat").status_code == 200
    loaded = web.post("/keuangan/anggaran/muat", {"fiscal_year": str(year()), "label": ""},
                      files={"file": ("dpa.csv", DPA.read_bytes(), "text/csv")})
    assert loaded.status_code == 303, text_of(loaded)[:2000]
    dashboard = web.get(loaded.headers["Location"])
    assert dashboard.status_code == 200 and ATK_SUB in dashboard.text
    row = re.search(rf'<tr data-line="(\d+)">\s*<td[^>]*><span class="mono small">{re.escape(ATK_ACCOUNT)}',
                    dashboard.text[dashboard.text.index(f'data-sub-activity="{ATK_SUB}"'):])
    assert row, "the ATK line of the PPTK's sub-kegiatan is on the dashboard"
    return int(row.group(1))


def spj_form(line_id: int, vendor: str, price: str = "250.000", **over) -> dict:
    form = {"budget_line_id": str(line_id), "title": f"Belanja ATK {vendor}", "description": "",
            "evidence_classification": "900.1.4", "idempotency_key": uuid.uuid4().hex, "action": "save",
            "p-0-vendor_name": vendor, "p-0-vendor_npwp": "", "p-0-purchased_on": today(),
            "p-0-receipt_number": "NT-" + vendor[-6:], "p-0-evidence_document_id": "", "p-0-evidence_filename": "",
            "p-0-i-0-description": "Kertas HVS A4 70 gram", "p-0-i-0-quantity": "2", "p-0-i-0-unit": "rim",
            "p-0-i-0-unit_price": price, "p-0-i-0-category": "barang"}
    form.update(over)
    return form


def test_a_pptk_drafts_the_bendahara_verifies_the_ppk_approves_and_the_books_show_it(stack, budget):
    vendor = "Toko Sinar " + uuid.uuid4().hex[:6]
    pptk = signed_in(stack, "pptk")
    home = pptk.get("/keuangan")
    assert home.status_code == 200
    assert {"/keuangan/spj/saya", "/keuangan/spj/baru"} <= nav_links(home)
    assert "/keuangan/verifikasi" not in nav_links(home)

    form = pptk.get("/keuangan/spj/baru")
    assert form.status_code == 200 and 'capture="environment"' in form.text
    assert f'value="{budget}"' in form.text
    saved = pptk.post("/keuangan/spj/baru", spj_form(budget, vendor),
                      files={"p-0-evidence": ("nota.png", PNG, "image/png")})
    assert saved.status_code == 303, text_of(saved)[:3000]
    spj_url = saved.headers["Location"]
    spj_id = int(spj_url.rsplit("/", 1)[1])
    page = pptk.get(spj_url)
    assert page.status_code == 200 and vendor in page.text and "Rp500.000" in page.text
    evidence = re.search(r'<img src="/keuangan/arsip/(\d+)/berkas"', page.text)
    assert evidence, "the archived photo is the purchase's evidence"
    assert f"{spj_url}/ajukan" in page.text and f"{spj_url}/verifikasi" not in page.text
    submitted = pptk.post(f"{spj_url}/ajukan", {"note": "Mohon diverifikasi"})
    assert submitted.status_code == 303
    assert "SPJ diajukan" in text_of(pptk.get(spj_url))

    bendahara = signed_in(stack, "bendahara")
    queue = bendahara.get("/keuangan/verifikasi")
    assert queue.status_code == 200 and f'data-spj="{spj_id}"' in queue.text
    card = queue.text[queue.text.index(f'data-spj="{spj_id}"'):]
    assert card.index(f"/keuangan/arsip/{evidence.group(1)}/berkas") < card.index("Kertas HVS A4 70 gram")
    photo = bendahara.get(f"/keuangan/arsip/{evidence.group(1)}/berkas")
    assert photo.status_code == 200 and photo.headers["Content-Type"].startswith("image/")
    assert photo.content[:8] == b"\x89PNG\r\n\x1a\n" or photo.content[:3] == b"\xff\xd8\xff"
    verified = bendahara.post(f"{spj_url}/verifikasi", {"note": "Bukti lengkap", "next": "/keuangan/verifikasi"})
    assert verified.status_code == 303 and verified.headers["Location"] == "/keuangan/verifikasi"
    assert f'data-spj="{spj_id}"' not in bendahara.get("/keuangan/verifikasi").text

    ppk = signed_in(stack, "ppk")
    inbox = ppk.get("/keuangan/persetujuan")
    assert inbox.status_code == 200 and f'action="{spj_url}/setujui"' in inbox.text
    approved = ppk.post(f"{spj_url}/setujui", {"note": ""})
    assert approved.status_code == 303
    assert "SPJ disetujui." in text_of(ppk.get(spj_url))

    bku = bendahara.get(f"/keuangan/bku?tahun={year()}")
    assert bku.status_code == 200
    up = bendahara.post("/keuangan/bku/catat", {"kind": "up_receipt", "posted_on": today(), "amount": "25.000.000",
                                                "medium": "", "description": "Penerimaan UP " + vendor,
                                                "reference": "SP2D-UP-" + vendor[-6:]})
    assert up.status_code in (303, 409, 422), text_of(up)[:2000]  # UP may already have been booked this year
    paid = bendahara.post(f"{spj_url}/bayar", {"medium": "bank", "paid_on": today()})
    assert paid.status_code == 303
    page = bendahara.get(spj_url)
    assert "Pembayaran SPJ dicatat di BKU." in text_of(page), text_of(page)[:2000]

    month = int(today()[5:7])
    bku = bendahara.get(f"/keuangan/bku?tahun={year()}&bulan={month}")
    assert bku.status_code == 200 and f'href="/keuangan/spj/{spj_id}"' in bku.text
    download = re.search(r'href="(/keuangan/buku/unduh\?[^"]*format=xlsx)" data-download', bku.text).group(1)
    xlsx = bendahara.get(download.replace("&amp;", "&"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["Content-Disposition"]
    report = bendahara.get(f"/keuangan/laporan?tahun={year()}&bulan={month}")
    assert report.status_code == 200 and ATK_ACCOUNT in report.text

    dashboard = ppk.get(f"/keuangan/anggaran?tahun={year()}")
    row = dashboard.text[dashboard.text.index(f'<tr data-line="{budget}">'):]
    row = row[:row.index("</tr>")]
    assert '<rect class="bar-realized"' in row and "style=" not in row

    register = bendahara.get("/keuangan/arsip?" + f"vendor={vendor.replace(' ', '+')}")
    assert register.status_code == 200 and f'data-document="{evidence.group(1)}"' in register.text


def test_finances_messages_land_beside_their_fields_and_the_form_keeps_its_values(stack, budget):
    pptk = signed_in(stack, "pptk")
    pptk.get("/keuangan/spj/baru")
    refused = pptk.post("/keuangan/spj/baru", spj_form(budget, "Toko Mahal", price="12.000.000"))
    assert refused.status_code == 422, text_of(refused)[:2000]
    assert 'class="error"' in refused.text and "Toko Mahal" in refused.text
    assert "pengadaan" in text_of(refused)                     # Rp24 juta for one purchase: procurement
    added = pptk.post("/keuangan/spj/baru", spj_form(budget, "Toko Dua", action="add-item:0"))
    assert added.status_code == 200 and 'name="p-0-i-1-description"' in added.text


def test_a_pegawai_sees_no_finance(stack):
    pegawai = signed_in(stack, "pegawai")
    home = pegawai.get("/")
    assert not {link for link in nav_links(home) if link.startswith("/keuangan")}
    assert pegawai.get("/keuangan").status_code == 403
    assert pegawai.get("/keuangan/verifikasi").status_code == 403


def test_without_evidence_it_cannot_be_verified_and_goes_back_to_the_pptk_with_a_note(stack, budget):
    vendor = "CV Maju " + uuid.uuid4().hex[:6]
    pptk = signed_in(stack, "pptk")
    pptk.get("/keuangan/spj/baru")
    saved = pptk.post("/keuangan/spj/baru", spj_form(budget, vendor, price="40.000"))
    assert saved.status_code == 303, text_of(saved)[:3000]
    spj_url = saved.headers["Location"]
    spj_id = int(spj_url.rsplit("/", 1)[1])
    assert "Bukti belum diunggah." in pptk.get(spj_url).text
    assert pptk.post(f"{spj_url}/ajukan", {"note": ""}).status_code == 303

    bendahara = signed_in(stack, "bendahara")
    queue = bendahara.get("/keuangan/verifikasi")
    card = queue.text[queue.text.index(f'data-spj="{spj_id}"'):]
    purchase_id = re.search(r'data-purchase="(\d+)"', card).group(1)
    refused = bendahara.post(f"{spj_url}/verifikasi", {"note": "", "next": "/keuangan/verifikasi"})
    assert refused.status_code == 303
    after = bendahara.get("/keuangan/verifikasi")
    assert 'class="flash flash-error"' in after.text and f'data-spj="{spj_id}"' in after.text  # still waiting
    returned = bendahara.post(f"{spj_url}/kembalikan", {f"note-{purchase_id}": "Mohon lampirkan foto nota.",
                                                        "next": "/keuangan/verifikasi"})
    assert returned.status_code == 303
    assert "SPJ dikembalikan ke PPTK dengan catatan." in text_of(bendahara.get("/keuangan/verifikasi"))

    page = pptk.get(spj_url)
    assert "Mohon lampirkan foto nota." in page.text and "Dikembalikan bendahara" in page.text
    assert f"{spj_url}/ubah" in page.text                                     # a draft again: the PPTK edits it
    mine = pptk.get("/keuangan/spj/saya")
    drafts = mine.text[mine.text.index('id="drafts-title"'):mine.text.index('id="all-title"')]
    assert f'data-spj="{spj_id}"' in drafts


@pytest.mark.parametrize("username", ["admin", "bendahara", "ppk", "pptk", "pimpinan"])
def test_every_finance_link_in_a_roles_menu_opens(stack, budget, username):
    """No dead links: what finance's capabilities put in the menu opens for that role (the budget loaded or not,
    books empty or not)."""
    web = signed_in(stack, username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
    links = {link for link in nav_links(web.get("/")) if link.startswith("/keuangan")}
    assert "/keuangan" in links
    for link in sorted(links):
        response = web.get(link)
        assert response.status_code == 200, (username, link, text_of(response)[:500])


def test_the_archive_classifications_are_finances_seeded_list(stack):
    web = signed_in(stack, "admin", ADMIN_PASSWORD)
    page = web.get("/keuangan/arsip/klasifikasi")
    assert page.status_code == 200 and "900.1.4" in page.text and 'action="/keuangan/arsip/klasifikasi"' in page.text
    upload = web.get("/keuangan/arsip/unggah")
    assert '<option value="900.1.4">' in upload.text and 'capture="environment"' in upload.text
