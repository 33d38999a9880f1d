"""Keuangan's pages without a running service: the bar chart's shares and SVG, the forms <-> finance's data, and
the pages rendered by the web service itself with finance replaced (``worker_factory``), fed with sample answers
dumped through finance's own output schemas — so a template that names a field finance does not answer fails
here (StrictUndefined), and the buttons follow ``allowed_actions``."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from finance.schemas import SCHEMAS
from finance.schemas.common import FinanceCapabilitiesOut
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web import nav, rendering
from web.forms.finance import (
    archive_filters,
    archive_upload,
    field_errors,
    file_problems,
    parse_amount,
    parse_month,
    parse_year,
    shift_month,
)
from web.views import finance as finance_pages
from web.views.finance import BAR_SCALE, bar_segments, used_percent
from werkzeug.datastructures import FileStorage, MultiDict

ALL_CAPABILITIES = tuple(FinanceCapabilitiesOut().fields)
NONE = dict.fromkeys(ALL_CAPABILITIES, False)
BENDAHARA = Identity(account_id=21, username="bendahara", employee_id=9, roles=frozenset({"bendahara", "pegawai"}))


def finance_caps(*names: str) -> dict:
    return {**NONE, **dict.fromkeys(names, True)}


def dumped(schema: str, data):
    """``data`` as finance answers it: dumped through its output schema (only its fields, its formats)."""
    many = isinstance(data, list)
    return SCHEMAS[schema](many=many).dump(data)


class FinanceBrowser(Browser):
    """A signed-in browser whose finance answers ``capabilities()`` with ``names`` granted."""

    made: list[FinanceBrowser] = []

    def __init__(self, *names: str, identity: Identity = BENDAHARA):
        super().__init__({**STAFF, "finance": finance_caps("read", *names)}, identity)
        self.service.finance.capabilities.return_value = finance_caps("read", *names)
        FinanceBrowser.made.append(self)


@pytest.fixture(autouse=True)
def calls_fit_finances_rpcs():
    """After each test: every call the pages made to the fake finance is one the real ``FinanceService`` takes
    (the method exists, the arguments bind to its signature)."""
    from finance.service import FinanceService

    FinanceBrowser.made.clear()
    yield
    assert_calls_fit(FinanceBrowser.made, FinanceService, "finance")


# -- the chart --------------------------------------------------------------------------------------------

def test_bar_segments_are_shares_of_the_ceiling_in_drawing_order():
    parts = bar_segments(1_000_000, 250_000, 500_000)
    assert [(p["key"], p["x"], p["width"]) for p in parts] == [
        ("realized", 0.0, 500.0), ("committed", 500.0, 250.0), ("remaining", 750.0, 250.0)]
    assert sum(p["width"] for p in parts) == BAR_SCALE
    assert [p["key"] for p in bar_segments(1_000_000, 0, 0)] == ["remaining"]       # nothing spent yet
    assert [p["key"] for p in bar_segments(1_000_000, 0, 1_000_000)] == ["realized"]  # all of it
    assert bar_segments(0, 0, 0) == [{"key": "none", "x": 0, "width": BAR_SCALE}]     # no ceiling
    # never past the bar's end, whatever it is given
    over = bar_segments(100, 80, 80)
    assert sum(p["width"] for p in over) == BAR_SCALE and over[-1]["key"] == "committed"
    assert used_percent(1_000_000, 250_000, 500_000) == 75 and used_percent(0, 5, 5) == 0


def test_the_bar_is_svg_shapes_with_classes_and_no_style():
    html = rendering.environment("id").from_string(
        '{% from "finance/_macros.html" import budget_bar, bar_legend with context %}'
        '{{ budget_bar(1000000, 250000, 500000, "label <x>") }}{{ bar_legend() }}'
    ).render(bar_segments=bar_segments, bar_scale=BAR_SCALE, bar_parts=finance_pages.BAR_PARTS)
    svg = re.search(r"<svg class=\"budget-bar\".*?</svg>", html, re.S).group(0)
    assert 'viewBox="0 0 1000 20"' in svg and 'role="img"' in svg and 'aria-label="label &lt;x&gt;"' in svg
    rects = re.findall(r'<rect class="bar-(\w+)" x="([\d.]+)" y="0" width="([\d.]+)"', svg)
    assert rects == [("realized", "0.0", "500.0"), ("committed", "500.0", "250.0"), ("remaining", "750.0", "250.0")]
    assert "style" not in html and "<script" not in html
    assert "Realisasi" in html and "Sisa pagu" in html                       # the legend
    css = (rendering.STATIC / "css" / "situok.css").read_text()
    for key in ("realized", "committed", "remaining", "none"):
        assert f".bar-{key} {{ fill:" in css


# -- forms ------------------------------------------------------------------------------------------------

def test_month_year_and_amounts():
    today = date(2026, 12, 3)
    assert parse_month("2026-04", today) == (2026, 4) and parse_month("2026-13", today) == (2026, 12)
    assert parse_year("2025", today) == 2025 and parse_year("20x5", today) == 2026 and parse_year(None, today) == 2026
    assert shift_month(2026, 1, -1) == "2025-12" and shift_month(2026, 12, 1) == "2027-01"
    assert parse_amount("Rp1.250.000") == 1_250_000 and parse_amount("12,5") == "12,5"


def test_messages_land_on_their_fields_and_a_refused_file_lists_its_rows():
    fields = {"fiscal_year": "Tahun anggaran 2000-2100.", "content_b64": "Berkas kosong.",
              "baris_12.pagu": "Harus bilangan bulat.", "baris_3.nip_pptk": "NIP tidak dikenal.",
              "berkas": "Kolom pagu tidak ada.", "other": "Sesuatu."}
    errors, other = field_errors(fields, ("fiscal_year", "file"), str, aliases={"content_b64": "file"})
    assert errors == {"fiscal_year": "Tahun anggaran 2000-2100.", "file": "Berkas kosong."}
    assert "Sesuatu." in other
    assert file_problems(fields, str) == [
        {"row": None, "column": None, "problem": "Kolom pagu tidak ada."},
        {"row": 3, "column": "nip_pptk", "problem": "NIP tidak dikenal."},
        {"row": 12, "column": "pagu", "problem": "Harus bilangan bulat."}]


def test_the_register_search_and_the_upload_form_are_finances_input():
    filters, shown = archive_filters(MultiDict({"q": " nota atk ", "date_from": "kemarin", "date_to": "2026-12-01",
                                                "account_code": "5.1.02", "other": "x"}))
    assert filters == {"q": "nota atk", "date_to": "2026-12-01", "account_code": "5.1.02"}
    assert shown["date_from"] == "" and "other" not in shown
    photo = FileStorage(stream=__import__("io").BytesIO(b"\xff\xd8\xff photo"), filename="nota.jpg",
                        content_type="image/jpeg")
    values, data = archive_upload(MultiDict({"title": " Nota ATK ", "classification_code": "900.1.4",
                                             "spj_id": "7", "vendor": ""}), MultiDict({"file": photo}))
    assert data["title"] == "Nota ATK" and data["spj_id"] == 7 and "vendor" not in data
    assert data["filename"] == "nota.jpg" and data["content_b64"]
    assert set(data) - {"filename", "content_b64"} <= set(SCHEMAS["ArchiveUploadIn"]().fields)
    assert values["vendor"] == ""


# -- navigation -----------------------------------------------------------------------------------------

def test_every_finance_capability_a_link_or_page_names_exists():
    from web.service import WebService

    named = [need for area in nav.areas() for link in area.links for need in link.needs if need[0] == "finance"]
    for name in dir(WebService):
        named += [need for need in getattr(getattr(WebService, name), "needs", ()) if need[0] == "finance"]
    assert len(named) > 10
    assert {capability for _, capability in named} <= set(ALL_CAPABILITIES)


def test_the_menu_follows_finances_capabilities():
    def links(*names):
        return {url for area, shown in nav.menu_for({"finance": frozenset(names)}) for url in
                (link.url for link in shown)}

    assert links() == set()                                            # no finance role: no area
    assert "/keuangan/anggaran/muat" in links("read", "view_budget", "manage_budget")
    assert "/keuangan/anggaran/muat" not in links("read", "view_budget")
    assert "/keuangan/arsip/unggah" not in links("read", "read_archive")


# -- pages --------------------------------------------------------------------------------------------------

def overview_answer() -> dict:
    account = {"line_id": 41, "account_code": "5.1.02.01.01.0024", "account_name": "Belanja Alat Tulis Kantor",
               "ceiling": 12_000_000, "committed": 2_500_000, "realized": 4_000_000, "remaining": 5_500_000,
               "cash_plan": [1_000_000] * 12}
    totals = {"ceiling": 12_000_000, "committed": 2_500_000, "realized": 4_000_000, "remaining": 5_500_000}
    return dumped("BudgetOverviewOut", {
        "fiscal_year": 2026, "totals": totals,
        "version": {"id": 1, "fiscal_year": 2026, "number": 0, "label": "DPA murni 2026", "status": "active",
                    "filename": "dpa.csv", "sha256": "ab" * 32, "loaded_by": "admin",
                    "loaded_at": datetime(2026, 1, 5, 1, tzinfo=UTC), "sub_activity_count": 1, "account_count": 1,
                    "total_ceiling": 12_000_000},
        "sub_activities": [{"program_code": "4.01.01", "program_name": "Program Penunjang",
                            "activity_code": "4.01.01.2.06", "activity_name": "Administrasi Umum",
                            "code": "4.01.01.2.06.0004",
                            "name": "Penyediaan Bahan Logistik Kantor", "pptk_employee_id": 12,
                            "pptk_name": "I Made Sudarma", "pptk_nip": "197001011990031001",
                            "accounts": [account], "cash_plan": [1_000_000] * 12, "totals": totals}]})


def test_the_budget_dashboard_shows_each_account_with_its_bar():
    browser = FinanceBrowser("view_budget")
    browser.service.finance.budget_overview.return_value = overview_answer()
    response = browser.call("finance_budget", "/keuangan/anggaran?tahun=2026")
    body = text(response)
    assert response.status_code == 200
    browser.service.finance.budget_overview.assert_called_once_with(2026)
    assert "Penyediaan Bahan Logistik Kantor" in body and "5.1.02.01.01.0024" in body
    assert "Rp12.000.000" in body and "Rp5.500.000" in body and "54% terpakai" in body
    assert body.count('<svg class="budget-bar"') == 3                     # the year, the sub-kegiatan, the account
    assert 'href="/keuangan/anggaran/muat"' not in body.split("</nav>", 1)[1]  # no manage_budget: no button
    assert "/keuangan/anggaran" in menu_links(body)


def test_a_year_without_a_dpa_says_so():
    browser = FinanceBrowser("view_budget")
    browser.service.finance.budget_overview.return_value = dumped("BudgetOverviewOut", {
        "fiscal_year": 2027, "version": None, "sub_activities": [],
        "totals": {"ceiling": 0, "committed": 0, "realized": 0, "remaining": 0}})
    body = text(browser.call("finance_budget", "/keuangan/anggaran?tahun=2027"))
    assert "DPA tahun 2027 belum dimuat." in body and "budget-bar" not in body


def test_a_refused_dpa_file_names_each_row_and_keeps_the_form():
    browser = FinanceBrowser("view_budget", "manage_budget")
    browser.service.finance.list_budget_versions.return_value = []
    browser.service.finance.load_budget.side_effect = ValidationFailed("Berkas DPA ditolak.", {
        "file": "Berkas DPA ditolak: 2 masalah; tidak ada yang dimuat.", "baris_4.pagu": "Harus bilangan bulat.",
        "baris_2.nip_pptk": "Pegawai dengan NIP 1 tidak ada pada daftar pegawai."})
    from io import BytesIO

    response = browser.call("finance_budget_load", "/keuangan/anggaran/muat", "POST", {
        "fiscal_year": "2026", "label": "", "file": (BytesIO(b"kode_program;...\n"), "dpa.csv", "text/csv")})
    body = text(response)
    assert response.status_code == 422
    assert body.index("nip_pptk") < body.index("Harus bilangan bulat.")    # by row
    assert 'id="e-file"' in body and 'value="2026"' in body
    browser.service.finance.load_budget.assert_called_once()
    assert browser.service.finance.load_budget.call_args.args[:2] == (2026, "dpa.csv")


def archive_document(document_id: int, actions, **over) -> dict:
    return dumped("ArchiveDocumentOut", {
        "id": document_id, "number": f"NOTA-{document_id}", "title": "Nota pembelian ATK", "description": "Kertas",
        "classification_code": "900.1.4", "classification_name": "Bukti pengeluaran", "disposition": "musnah",
        "retention_until": date(2036, 12, 31), "fiscal_year": 2026, "month": 11, "unit_id": 3,
        "unit_name": "Subbagian RT", "vendor": "Toko Sinar", "account_code": "5.1.02.01.01.0024",
        "document_date": date(2026, 11, 20), "spj_id": None,
        "kind": "file", "filename": "nota.jpg", "content_type": "image/jpeg", "size_bytes": 20480,
        "sha256": "cd" * 32, "url": None, "storage_key": "2026/11/3/x.jpg", "created_by": "pptk",
        "created_at": datetime(2026, 11, 20, 2, tzinfo=UTC), "integrity": "ok", "checked_at": None,
        "allowed_actions": list(actions), **over})


def test_the_register_offers_what_each_document_allows():
    browser = FinanceBrowser("read_archive", "archive_documents", "check_archive")
    browser.service.finance.list_archive_classifications.return_value = dumped("ArchiveClassificationOut", [
        {"code": "900.1.4", "name": "Bukti pengeluaran", "active_years": 2, "inactive_years": 8,
         "disposition": "musnah", "active": True, "note": None}])
    browser.service.finance.list_archive.return_value = {"items": [
        archive_document(1, ["download"]),
        archive_document(2, ["open_link"], kind="link", url="https://drive.google.com/file/d/x", filename=None),
        archive_document(3, [], integrity="mismatch")], "next_cursor": "c2"}
    body = text(browser.call("finance_archive", "/keuangan/arsip?q=nota"))
    assert 'href="/keuangan/arsip/1/berkas"' in body and 'href="/keuangan/arsip/3/berkas"' not in body
    assert 'href="https://drive.google.com/file/d/x"' in body and "Isi berubah" in body
    assert "/keuangan/arsip/periksa" in posts(body)
    assert 'href="/keuangan/arsip?q=nota&amp;cursor=c2"' in body           # the pager keeps the search
    browser.service.finance.list_archive.assert_called_with(filters={"q": "nota"}, cursor=None, limit=20)
    reader = FinanceBrowser("read_archive")
    reader.service.finance.list_archive_classifications.return_value = []
    reader.service.finance.list_archive.return_value = {"items": [], "next_cursor": None}
    body = text(reader.call("finance_archive", "/keuangan/arsip"))
    assert posts(body) == {"/keluar"} and "/keuangan/arsip/unggah" not in body


def test_the_upload_form_opens_the_phones_camera():
    browser = FinanceBrowser("read_archive", "archive_documents")
    browser.service.finance.list_archive_classifications.return_value = []
    body = text(browser.call("finance_archive_new", "/keuangan/arsip/unggah?spj=7"))
    tag = re.search(r'<input id="f-file"[^>]*>', body).group(0)
    assert 'accept="image/*,application/pdf"' in tag and 'capture="environment"' in tag
    assert 'enctype="multipart/form-data"' in body and 'name="spj_id" value="7"' in body


@pytest.mark.parametrize("lang", ["id", "en"])
def test_finance_templates_compile(lang):
    env = rendering.environment(lang)
    for path in (rendering.TEMPLATES / "finance").glob("*.html"):
        env.get_template(f"finance/{path.name}")


# -- the SPJ form ------------------------------------------------------------------------------------------

def spj_form(**over) -> MultiDict:
    data = MultiDict({"budget_line_id": "41", "title": " ATK November ", "description": "",
                      "action": "save", "evidence_classification": "900.1.4",
                      # purchase 3 (the form's numbers need not be 0, 1, …), with two items, one blank
                      "p-3-vendor_name": "Toko Sinar", "p-3-vendor_npwp": "", "p-3-purchased_on": "2026-11-20",
                      "p-3-receipt_number": "N-1", "p-3-evidence_document_id": "12", "p-3-vendor_pkp": "1",
                      "p-3-i-0-description": "Kertas A4", "p-3-i-0-quantity": "2,5", "p-3-i-0-unit": "rim",
                      "p-3-i-0-unit_price": "Rp55.000", "p-3-i-0-category": "barang",
                      "p-3-i-4-description": "", "p-3-i-4-quantity": "", "p-3-i-4-unit": "",
                      "p-3-i-4-unit_price": "", "p-3-i-4-category": "barang",
                      # a purchase left wholly blank
                      "p-7-vendor_name": "", "p-7-i-0-description": "", "p-7-i-0-category": "jasa",
                      # purchase 9: one item, no evidence yet
                      "p-9-vendor_name": "CV Maju", "p-9-purchased_on": "2026-11-21",
                      "p-9-i-2-description": "Servis printer", "p-9-i-2-quantity": "1", "p-9-i-2-unit": "kali",
                      "p-9-i-2-unit_price": "350000", "p-9-i-2-category": "jasa"})
    data.update(over)
    return data


def test_the_spj_form_is_finances_spj_in_with_positions_kept():
    from web.forms.finance import spj_payload, spj_values

    values = spj_values(spj_form())
    assert [p["vendor_name"] for p in values["purchases"]] == ["Toko Sinar", "CV Maju"]
    assert [p["source"] for p in values["purchases"]] == [3, 9]          # their evidence files' names
    data = spj_payload(values)
    assert data["budget_line_id"] == 41 and data["title"] == "ATK November" and data["description"] is None
    first, second = data["purchases"]
    assert first == {"vendor_name": "Toko Sinar", "vendor_npwp": None, "vendor_pkp": True, "receipt_number": "N-1",
                     "evidence_document_id": 12, "purchased_on": "2026-11-20",
                     "items": [{"description": "Kertas A4", "unit": "rim", "category": "barang", "quantity": "2.5",
                                "unit_price": 55_000}]}
    assert second["evidence_document_id"] is None and second["items"][0]["unit_price"] == 350_000
    loaded = SCHEMAS["SpjIn"]().load(data)                             # finance takes it as it is
    assert loaded["purchases"][0]["items"][0]["quantity"] == __import__("decimal").Decimal("2.5")


def test_finances_messages_land_on_the_row_they_name():
    from web.forms.finance import spj_errors, spj_field_key

    assert spj_field_key("purchases.1.items.0.unit_price") == "p-1-i-0-unit_price"
    assert spj_field_key("purchases.0.vendor_npwp") == "p-0-vendor_npwp"
    assert spj_field_key("purchases.0") == "p-0" and spj_field_key("purchases") == "purchases"
    assert spj_field_key("budget_line_id") == "budget_line_id" and spj_field_key("nonsense") is None
    errors, other = spj_errors({"purchases.0.items.0.unit_price": "Harus rupiah bulat.", "x": "Lain."}, str)
    assert errors == {"p-0-i-0-unit_price": "Harus rupiah bulat."} and other == ["Lain."]


def test_rows_are_added_and_removed_without_javascript():
    from web.forms.finance import row_action, spj_values

    values = spj_values(spj_form())
    assert row_action(values, "save") is None
    assert len(row_action(values, "add-purchase")["purchases"]) == 3
    assert len(row_action(values, "add-item:1")["purchases"][1]["items"]) == 2
    assert [p["vendor_name"] for p in row_action(values, "remove-purchase:0")["purchases"]] == ["CV Maju"]
    assert row_action(values, "remove-item:0:0")["purchases"][0]["items"] == []
    assert len(row_action(values, "remove-item:5:0")["purchases"]) == 2   # no such row: nothing changes


def spj_detail(actions, status="submitted", **over) -> dict:
    item = {"id": 5, "description": "Kertas A4", "quantity": 2.5, "unit": "rim", "unit_price": 55_000,
            "amount": 137_500, "category": "barang", "dpp": 137_500, "ppn": 0, "pph_kind": None, "pph_rate_bp": 0,
            "pph": 0}
    purchase = {"id": 31, "vendor_name": "Toko Sinar", "vendor_npwp": None, "vendor_pkp": False,
                "purchased_on": date(2026, 11, 20), "receipt_number": "N-1", "evidence_document_id": 12,
                "evidence_kind": "nota", "evidence_label": "Nota/bukti pembelian", "total": 137_500,
                "tax_withheld": 0, "net": 137_500, "meterai_required": False, "return_note": None,
                "split_flag": {"total": 10_200_000, "purchase_ids": [31, 40], "spj_labels": ["SPJ-2/2026", "#9"],
                               "message": "Pembelian sepenyedia seminggu mencapai Rp10.000.000."},
                "problem": None, "items": [item]}
    without_evidence = {**purchase, "id": 32, "evidence_document_id": None, "split_flag": None,
                        "vendor_name": "CV Maju"}
    data = {"id": 9, "number": "SPJ-9/2026", "kind": "purchase", "status": status, "fiscal_year": 2026,
            "budget_line": {"id": 41, "fiscal_year": 2026, "sub_activity_code": "4.01.01.2.06.0004",
                            "account_code": "5.1.02.01.01.0024", "account_name": "Belanja ATK"},
            "title": "ATK November", "pptk_employee_id": 12, "gross": 275_000, "tax_withheld": 0,
            "net_payable": 275_000, "approval_level": "ppk", "paid_on": None,
            "updated_at": datetime(2026, 11, 22, tzinfo=UTC), "allowed_actions": list(actions),
            "description": None, "unit_id": 3, "created_by_employee_id": 12, "verified_by_account_id": None,
            "approved_by_account_id": None, "payment_medium": None, "closed_month": None, "travel_order_id": None,
            "travel_order_number": None, "created_at": datetime(2026, 11, 21, tzinfo=UTC),
            "purchases": [purchase, without_evidence],
            "taxes": [{"id": 3, "purchase_id": 31, "kind": "pph22", "base": 2_500_000, "rate_bp": 150,
                       "amount": 37_500, "billing_code": None, "ntpn": None, "deposited_on": None}],
            "travel": None,
            "transitions": [{"action": "create", "from_status": None, "to_status": "draft", "actor_username": "pptk",
                             "actor_employee_id": 12, "note": None, "at": datetime(2026, 11, 21, tzinfo=UTC)}],
            **over}
    return dumped("SpjDetailOut", data)


PHOTO = {"id": 12, "kind": "file", "content_type": "image/jpeg"}


def evidence_browser(*names) -> FinanceBrowser:
    browser = FinanceBrowser(*names)
    browser.service.finance.get_archive_document.return_value = archive_document(12, ["download"])
    return browser


SPJ = "/keuangan/spj/9"


@pytest.mark.parametrize("status", ["submitted", "verified"])
def test_the_spj_page_shows_a_button_only_for_an_allowed_action(status):
    """The same SPJ, several answers of finance: the buttons follow ``allowed_actions``, whatever the status."""
    browser = evidence_browser("verify_spj", "pay_spj")
    forms = {}
    for actions in ([], ["edit", "submit", "cancel"], ["verify", "return", "reject"], ["approve", "reject"],
                    ["pay", "deposit_tax"], ["revise"]):
        browser.service.finance.get_spj.return_value = spj_detail(actions, status)
        forms[tuple(actions)] = posts(text(browser.call("finance_spj_detail", SPJ, spj_id=9)))
    assert forms[()] == {"/keluar"}
    assert forms[("edit", "submit", "cancel")] == {"/keluar", f"{SPJ}/ajukan", f"{SPJ}/batalkan"}
    assert forms[("verify", "return", "reject")] == {"/keluar", f"{SPJ}/kembalikan", f"{SPJ}/tolak"}
    assert forms[("approve", "reject")] == {"/keluar", f"{SPJ}/setujui", f"{SPJ}/tolak"}
    assert forms[("pay", "deposit_tax")] == {"/keluar", f"{SPJ}/bayar", f"{SPJ}/pajak/3/setor"}
    assert forms[("revise",)] == {"/keluar", f"{SPJ}/perbaiki"}


def test_the_spj_page_shows_the_evidence_items_flags_and_history():
    browser = evidence_browser()
    browser.service.finance.get_spj.return_value = spj_detail(["verify", "return"])
    body = text(browser.call("finance_spj_detail", SPJ, spj_id=9))
    assert '<img src="/keuangan/arsip/12/berkas"' in body                   # the photo, inline
    assert "Bukti belum diunggah." in body                                   # the second purchase has none
    assert 'formaction="/keuangan/spj/9/verifikasi"' in body and 'name="note-31"' in body
    assert "Kemungkinan pemecahan pembelian" in body and "SPJ-2/2026" in body
    assert "Kertas A4" in body and "Rp137.500" in body and "PPh 22" in body and "1,5%" in body
    assert "2,5 rim" in body                                                  # a quantity as people write it
    assert "Diajukan" in body or "Draf" in body                               # the history's statuses
    browser.service.finance.get_archive_document.assert_called_once_with(12)


def test_a_pdf_evidence_is_a_link():
    browser = FinanceBrowser("verify_spj")
    browser.service.finance.get_archive_document.return_value = archive_document(
        12, ["download"], content_type="application/pdf", filename="nota.pdf")
    browser.service.finance.get_spj.return_value = spj_detail([])
    body = text(browser.call("finance_spj_detail", SPJ, spj_id=9))
    assert "<img" not in body.split("<main", 1)[1] and 'href="/keuangan/arsip/12/berkas"' in body


def test_the_verification_queue_shows_evidence_beside_items_and_offers_what_each_allows():
    browser = evidence_browser("verify_spj")
    summaries = {"items": [{"id": 9}, {"id": 10}], "next_cursor": None}
    browser.service.finance.list_spj.return_value = summaries
    browser.service.finance.get_spj.side_effect = lambda spj_id: (
        spj_detail(["verify", "return", "reject"]) if spj_id == 9 else spj_detail([], id=10, number="SPJ-10/2026"))
    body = text(browser.call("finance_queue", "/keuangan/verifikasi"))
    browser.service.finance.list_spj.assert_called_once_with(filters={"queue": "verify"}, cursor=None, limit=10)
    assert posts(body) == {"/keluar", f"{SPJ}/kembalikan", f"{SPJ}/tolak", "/keuangan/spj/10/kembalikan"}
    assert 'formaction="/keuangan/spj/9/verifikasi"' in body and 'formaction="/keuangan/spj/10/' not in body
    review = body.index('data-purchase="31"')
    assert body.index("/keuangan/arsip/12/berkas", review) < body.index("Kertas A4", review)  # evidence beside
    assert 'name="next" value="/keuangan/verifikasi"' in body


def test_return_sends_a_note_per_purchase_and_comes_back_to_the_queue():
    browser = FinanceBrowser("verify_spj")
    response = browser.call("finance_spj_return", f"{SPJ}/kembalikan", "POST",
                            {"note-31": " Nota buram ", "note-32": "", "next": "/keuangan/verifikasi"}, spj_id=9)
    assert response.status_code == 303 and response.headers["Location"] == "/keuangan/verifikasi"
    browser.service.finance.return_spj.assert_called_once_with(9, {"31": "Nota buram"})
    evil = browser.call("finance_spj_verify", f"{SPJ}/verifikasi", "POST", {"next": "//evil.example"}, spj_id=9)
    assert evil.headers["Location"] == "/"


def test_a_refused_step_comes_back_as_a_message():
    from situok_kit.errors import Conflict

    browser = FinanceBrowser("approve_spj")
    browser.service.finance.approve_spj.side_effect = Conflict("Pagu rekening tidak mencukupi.",
                                                               {"gross": "Sisa pagu Rp100.000."})
    response = browser.call("finance_spj_approve", f"{SPJ}/setujui", "POST", {"note": ""}, spj_id=9)
    assert response.status_code == 303 and response.headers["Location"] == SPJ
    browser.service.finance.get_spj.return_value = spj_detail([])
    browser.service.finance.get_archive_document.return_value = archive_document(12, [])
    body = text(browser.call("finance_spj_detail", SPJ, spj_id=9))
    assert "Pagu rekening tidak mencukupi. Sisa pagu Rp100.000." in body


def test_the_inbox_offers_what_each_spj_allows():
    browser = FinanceBrowser("approve_spj")
    one, two = spj_detail(["approve", "reject"]), spj_detail([], id=10)
    browser.service.finance.list_spj.return_value = {"items": [one, two], "next_cursor": None}
    body = text(browser.call("finance_inbox", "/keuangan/persetujuan"))
    browser.service.finance.list_spj.assert_called_once_with(filters={"queue": "approve"}, cursor=None, limit=20)
    assert posts(body) == {"/keluar", f"{SPJ}/setujui", f"{SPJ}/tolak"}


def budget_lines() -> dict:
    line = {"id": 41, "fiscal_year": 2026, "sub_activity_code": "4.01.01.2.06.0004", "sub_activity_name": "Logistik",
            "account_code": "5.1.02.01.01.0024", "account_name": "Belanja ATK", "cash_plan": None,
            "pptk_employee_id": 9, "pptk_name": "A", "pptk_nip": None, "in_active_version": True,
            "ceiling": 10, "committed": 0, "realized": 0, "remaining": 10}
    other = {**line, "id": 42, "sub_activity_code": "4.01.01.2.06.0001", "sub_activity_name": "Lain",
             "pptk_employee_id": 77}
    return dumped("BudgetLinePage", {"items": [other, line], "next_cursor": None})


def test_the_spj_form_offers_the_lines_own_sub_activity_first_and_rows_to_add():
    browser = FinanceBrowser("draft_spj", "archive_documents")
    browser.service.finance.list_budget_lines.return_value = budget_lines()
    browser.service.finance.list_archive_classifications.return_value = []
    body = text(browser.call("finance_spj_new", "/keuangan/spj/baru"))
    assert body.index('value="41"') < body.index('value="42"')              # the user's own (employee 9) first
    assert 'name="p-0-i-0-description"' in body and 'name="p-__P__-vendor_name"' in body  # a row, the template
    assert 'data-item-rows' in body and 'value="add-purchase"' in body
    tag = re.search(r'<input id="f-p-0-evidence"[^>]*>', body).group(0)
    assert 'capture="environment"' in tag and 'accept="image/*,application/pdf"' in tag


def test_saving_archives_the_photo_first_and_shows_finances_messages_on_their_rows():
    browser = FinanceBrowser("draft_spj", "archive_documents")
    browser.service.finance.list_budget_lines.return_value = budget_lines()
    browser.service.finance.list_archive_classifications.return_value = []
    browser.service.finance.archive_upload.return_value = archive_document(55, ["download"])
    browser.service.finance.create_spj.side_effect = ValidationFailed("SPJ tidak valid.", {
        "purchases.1.items.0.unit_price": "Pembelian Rp12.000.000 mencapai batas: gunakan prosedur pengadaan."})
    from io import BytesIO

    form = dict(spj_form().items(multi=False))
    form["p-9-evidence"] = (BytesIO(b"\xff\xd8\xff photo"), "nota.jpg", "image/jpeg")
    response = browser.call("finance_spj_create", "/keuangan/spj/baru", "POST", form)
    body = text(response)
    assert response.status_code == 422
    sent = browser.service.finance.archive_upload.call_args.args[0]
    assert sent["classification_code"] == "900.1.4" and sent["vendor"] == "CV Maju" and sent["filename"] == "nota.jpg"
    data = browser.service.finance.create_spj.call_args.args[0]
    assert data["purchases"][1]["evidence_document_id"] == 55                # the archived photo is its evidence
    assert 'id="e-p-1-i-0-unit_price"' in body and "prosedur pengadaan" in body
    assert 'name="p-1-evidence_document_id" value="55"' in body               # kept for the next try
    # no classification chosen: finance's message lands on the form's one classification field
    browser.service.finance.archive_upload.side_effect = ValidationFailed("Data tidak valid.", {
        "classification_code": "Wajib diisi."})
    form = dict(spj_form(evidence_classification="").items(multi=False))
    form["p-9-evidence"] = (BytesIO(b"\xff\xd8\xff photo"), "nota.jpg", "image/jpeg")
    body = text(browser.call("finance_spj_create", "/keuangan/spj/baru", "POST", form))
    assert 'id="e-evidence_classification"' in body and 'id="e-p-1-evidence"' in body
    assert browser.service.finance.create_spj.call_count == 1                 # not saved without its evidence


# -- the books -------------------------------------------------------------------------------------------

def entry(n: int, **over) -> dict:
    return {"id": n, "seq": n, "fiscal_year": 2026, "month": 11, "posted_on": date(2026, 11, n), "kind": "up_receipt",
            "medium": "bank", "description": f"Entri {n}", "reference": "SP2D-1", "debit": 50_000_000, "credit": 0,
            "budget_line_id": None, "spj_id": None, "tax_kind": None, "posted_by": "bendahara",
            "account_code": None, "account_name": None, "balance": 50_000_000 * n, **over}


def test_the_bku_has_a_month_filter_running_balances_and_busy_downloads():
    browser = FinanceBrowser("view_books", "keep_books")
    browser.service.finance.cash_book.return_value = dumped("CashBookPage", {
        "fiscal_year": 2026, "month_from": 11, "month_to": 11, "medium": None,
        "totals": {"opening_balance": 0, "debit": 100_000_000, "credit": 0, "closing_balance": 100_000_000},
        "items": [entry(1), entry(2, spj_id=9, kind="spj_payment")], "next_cursor": "n2"})
    body = text(browser.call("finance_bku", "/keuangan/bku?tahun=2026&bulan=11"))
    browser.service.finance.cash_book.assert_called_once_with(2026, month_from=11, month_to=11, medium=None,
                                                              cursor=None, limit=100)
    assert "Rp100.000.000" in body and "Entri 2" in body and 'href="/keuangan/spj/9"' in body
    links = re.findall(r'<a class="button" href="([^"]+)" data-download', body)
    assert links == ["/keuangan/buku/unduh?jenis=bku&amp;tahun=2026&amp;bulan=11&amp;format=xlsx",
                     "/keuangan/buku/unduh?jenis=bku&amp;tahun=2026&amp;bulan=11&amp;format=pdf"]
    assert 'data-busy-label="Menyiapkan berkas…"' in body
    assert "/keuangan/bku/catat" in posts(body)                               # keep_books: the posting form
    assert 'href="/keuangan/bku?tahun=2026&amp;bulan=11&amp;cursor=n2"' in body


def test_a_download_is_finances_file():
    browser = FinanceBrowser("view_books")
    browser.service.finance.books_document.return_value = {"filename": "bku-2026-11.xlsx", "content_type": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "content_b64": "UEsDBA=="}
    response = browser.call("finance_books_download", "/keuangan/buku/unduh?jenis=bku&tahun=2026&bulan=11&format=xlsx")
    assert response.status_code == 200 and response.get_data() == b"PK\x03\x04"
    browser.service.finance.books_document.assert_called_once_with(2026, "bku", month=11, format="xlsx")


def test_the_report_offers_closing_only_when_the_month_allows_it():
    browser = FinanceBrowser("view_books", "keep_books")
    row = {"code": "up", "label": "SP2D UP/GU", "before": 0, "this_month": 1, "to_date": 1}
    browser.service.finance.accountability_report.return_value = dumped("CashReportOut", {
        "fiscal_year": 2026, "month": 11, "month_name": "November", "closed": False,
        "lines": [{"budget_line_id": 41, "sub_activity_code": "4.01", "account_code": "5.1.02", "account_name": "ATK",
                   "ceiling": 10, "before": 1, "this_period": 2, "to_date": 3, "remaining": 7}],
        "totals": {"ceiling": 10, "before": 1, "this_period": 2, "to_date": 3, "remaining": 7},
        "receipts": [row], "receipts_total": row, "expenditures": [row], "expenditures_total": row,
        "balance": {"opening": 0, "cash": 1, "bank": 2, "total": 3}})

    def months(actions):
        return {"fiscal_year": 2026, "items": [
            {"fiscal_year": 2026, "month": m, "month_name": f"B{m}", "status": "open", "closed_at": None,
             "closed_by": None, "allowed_actions": actions if m == 11 else []} for m in range(1, 13)]}

    browser.service.finance.list_month_closings.return_value = months(["close"])
    body = text(browser.call("finance_report", "/keuangan/laporan?tahun=2026&bulan=11"))
    assert "/keuangan/laporan/tutup" in posts(body) and "ATK" in body
    browser.service.finance.list_month_closings.return_value = months([])
    assert "/keuangan/laporan/tutup" not in posts(text(browser.call("finance_report",
                                                                    "/keuangan/laporan?tahun=2026&bulan=11")))


def test_a_document_kept_elsewhere_is_registered_by_its_link():
    browser = FinanceBrowser("read_archive", "archive_documents")
    browser.service.finance.list_archive_classifications.return_value = []
    form = text(browser.call("finance_archive_link_form", "/keuangan/arsip/tautan"))
    assert 'name="url"' in form and 'name="sha256"' in form and 'type="file"' not in form.split("<main", 1)[1]
    browser.service.finance.archive_register_link.return_value = archive_document(
        4, ["open_link"], kind="link", url="https://drive.google.com/file/d/abc", spj_id=9)
    response = browser.call("finance_archive_link", "/keuangan/arsip/tautan", "POST", {
        "url": "https://drive.google.com/file/d/abc", "sha256": "ab" * 32, "title": "Kuitansi", "filename": "",
        "classification_code": "900.1.4", "spj_id": "9"})
    assert response.status_code == 303 and response.headers["Location"] == "/keuangan/spj/9"
    sent = browser.service.finance.archive_register_link.call_args.args[0]
    assert sent == {"url": "https://drive.google.com/file/d/abc", "sha256": "ab" * 32, "title": "Kuitansi",
                    "classification_code": "900.1.4", "spj_id": 9}
    assert set(sent) <= set(SCHEMAS["ArchiveLinkIn"]().fields)
    browser.service.finance.archive_register_link.side_effect = ValidationFailed(
        "Data tidak valid.", {"url": "Harus alamat https:// yang lengkap (mis. tautan Google Drive)."})
    refused = browser.call("finance_archive_link", "/keuangan/arsip/tautan", "POST", {"url": "drive", "title": "K"})
    assert refused.status_code == 422 and 'id="e-url"' in text(refused) and 'value="drive"' in text(refused)


def test_a_travel_spj_shows_its_travellers_lines_and_printouts():
    travel = {"travel_order_id": 7, "order_number": "094/7/SPT/2026", "purpose": "Konsultasi", "destination":
              "Jakarta Pusat, DKI Jakarta", "departure_date": date(2026, 11, 2), "return_date": date(2026, 11, 4),
              "sub_activity_code": "4.01.01.2.06.0004", "account_code": "5.1.02.04.01.0001", "lump_sum": 1_590_000,
              "at_cost": 2_100_000, "riil": 150_000, "total": 3_840_000, "advance_paid": 3_000_000,
              "balance": 840_000, "signers": {"pa_kpa_employee_id": 1, "ppk_employee_id": 2,
                                              "pptk_employee_id": 3, "bendahara_employee_id": 4},
              "travellers": [{"employee_id": 5, "name": "I Kadek Agus", "nip": "1992", "lump_sum": 1_590_000,
                              "at_cost": 2_100_000, "riil": 150_000, "total": 3_840_000, "advance_paid": 3_000_000,
                              "balance": 840_000}],
              "lines": [{"id": 1, "employee_id": 5, "name": "I Kadek Agus", "nip": None, "kind": "lump_sum",
                         "category": "uang_harian", "description": "Uang harian", "quantity": 3, "rate": 530_000,
                         "amount": 1_590_000, "receipts": []},
                        {"id": 2, "employee_id": 5, "name": "I Kadek Agus", "nip": None, "kind": "at_cost",
                         "category": "penginapan", "description": "Hotel", "quantity": 2, "rate": 1_050_000,
                         "amount": 2_100_000, "receipts": [{"attachment_id": 9, "sha256": "ef" * 32,
                                                            "filename": "hotel.pdf"}]}],
              "realized_at": datetime(2026, 11, 5, tzinfo=UTC), "documents": ["rincian", "riil"]}
    browser = FinanceBrowser("verify_spj")
    browser.service.finance.get_spj.return_value = spj_detail([], "draft", kind="travel", purchases=[], taxes=[],
                                                              travel=travel, travel_order_id=7)
    body = text(browser.call("finance_spj_detail", SPJ, spj_id=9))
    assert "Rp840.000" in body and "Hotel" in body and "hotel.pdf" in body and "Lumpsum" in body
    assert 'href="/keuangan/spj/9/perjalanan/riil"' in body and 'href="/perjalanan/7"' in body
    browser.service.finance.travel_spj_document.return_value = {"filename": "riil.pdf",
                                                                "content_type": "application/pdf",
                                                                "content_b64": "JVBERi0="}
    pdf = browser.call("finance_travel_document", f"{SPJ}/perjalanan/riil?pelaksana=5", spj_id=9, kind="riil")
    assert pdf.status_code == 200 and pdf.get_data() == b"%PDF-"
    browser.service.finance.travel_spj_document.assert_called_once_with(9, "riil", 5)
    assert browser.call("finance_travel_document", f"{SPJ}/perjalanan/x", spj_id=9, kind="x").status_code == 404


def test_realizations_waiting_for_their_budget_line():
    browser = FinanceBrowser("see_all", "keep_books")
    browser.service.finance.travel_spj_inbox.return_value = dumped("TravelSpjInboxPage", {"items": [
        {"id": 1, "travel_order_id": 7, "order_number": None, "fiscal_year": 2026, "sub_activity_code": "4.01",
         "account_code": "5.1.02.04.01.0001", "total": 3_840_000, "status": "waiting",
         "problem": "Rekening tidak ada pada DPA.", "spj_id": None, "received_at": datetime(2026, 11, 5, tzinfo=UTC),
         "updated_at": datetime(2026, 11, 5, tzinfo=UTC)}]})
    body = text(browser.call("finance_travel_inbox", "/keuangan/perjalanan-menunggu"))
    assert "Menunggu baris anggaran" in body and "Rekening tidak ada pada DPA." in body
    assert "/keuangan/perjalanan-menunggu/ulangi" in posts(body)


def test_the_pages_speak_english_second():
    from web.http import codec

    browser = FinanceBrowser("view_budget", "verify_spj")
    browser.session.lang = "en"
    browser.cookie = codec().dumps(browser.session)
    browser.service.finance.budget_overview.return_value = overview_answer()
    body = text(browser.call("finance_budget", "/keuangan/anggaran?tahun=2026"))
    assert "Budget 2026" in body and "54% used" in body and "Remaining" in body and 'lang="en"' in body
    browser.service.finance.get_archive_document.return_value = archive_document(12, ["download"])
    browser.service.finance.get_spj.return_value = spj_detail(["verify", "return"])
    body = text(browser.call("finance_spj_detail", SPJ, spj_id=9))
    assert "Return with notes" in body and "2.5 rim" in body and "Possible split purchase:" in body


def test_the_count_beside_the_form_is_finances_preview():
    browser = FinanceBrowser("draft_spj")
    browser.service.finance.preview_taxes.return_value = dumped("SpjPreviewOut", {
        "purchases": [{"id": None, "vendor_name": "Toko Sinar", "vendor_npwp": None, "vendor_pkp": False,
                       "purchased_on": date(2026, 11, 20), "receipt_number": None, "evidence_document_id": None,
                       "evidence_kind": "nota", "evidence_label": "Nota/bukti pembelian", "total": 6_000_000,
                       "tax_withheld": 90_000, "net": 5_910_000, "meterai_required": True, "return_note": None,
                       "split_flag": None, "problem": None, "items": []}],
        "taxes": [], "gross": 6_000_000, "tax_withheld": 90_000, "net_payable": 5_910_000, "problems": {}})
    response = browser.call("finance_spj_preview", "/keuangan/spj/pratinjau", "POST", dict(spj_form().items()))
    body = text(response)
    assert response.status_code == 200 and body.strip().startswith('<div class="preview-body">')
    assert "Rp5.910.000" in body and "bermeterai" in body and "<nav" not in body   # a fragment, not a page
    sent = browser.service.finance.preview_taxes.call_args.args[0]
    assert sent["budget_line_id"] == 41 and [p["vendor_name"] for p in sent["purchases"]] == ["Toko Sinar", "CV Maju"]
    browser.service.finance.preview_taxes.side_effect = ValidationFailed("Data tidak valid.", {
        "purchases.0.items.0.unit_price": "Harus rupiah bulat."})
    assert "Lengkapi isian yang ditandai" in text(browser.call("finance_spj_preview", "/keuangan/spj/pratinjau",
                                                                "POST", dict(spj_form().items())))


def test_a_budget_line_shows_its_versions_cash_plan_and_spj():
    browser = FinanceBrowser("view_budget")
    line = budget_lines()["items"][1]
    browser.service.finance.get_budget_line.return_value = dumped("BudgetLineDetailOut", {
        **line, "cash_plan": [1_000_000] * 12, "ceiling": 12_000_000, "committed": 0, "realized": 3_000_000,
        "remaining": 9_000_000, "history": [
            {"version_number": 1, "version_label": "DPA perubahan ke-1 2026", "version_status": "active",
             "ceiling": 12_000_000, "cash_plan": [1_000_000] * 12},
            {"version_number": 0, "version_label": "DPA murni 2026", "version_status": "superseded",
             "ceiling": 10_000_000, "cash_plan": [0] * 12}]})
    browser.service.finance.list_spj.return_value = {"items": [spj_detail([], "paid")], "next_cursor": None}
    body = text(browser.call("finance_budget_line", "/keuangan/anggaran/baris/41", line_id=41))
    browser.service.finance.list_spj.assert_called_once_with(filters={"budget_line_id": 41}, limit=50)
    assert "DPA murni 2026" in body and "Digantikan" in body and "Rp10.000.000" in body
    assert "Desember" in body and 'href="/keuangan/spj/9"' in body and '<rect class="bar-realized"' in body


def test_the_subsidiary_books_filter_by_month_tax_and_account():
    browser = FinanceBrowser("view_books")
    empty = {"fiscal_year": 2026, "month": 11, "line_id": None, "tax_kind": None,
             "totals": {"opening_balance": 0, "debit": 37_500, "credit": 0, "closing_balance": 37_500},
             "items": [entry(3, kind="tax_withheld", tax_kind="pph22", debit=37_500, spj_id=9)], "next_cursor": None,
             "taxes": [{"tax_kind": "pph22", "label": "PPh Pasal 22", "opening_balance": 0, "withheld": 37_500,
                        "deposited": 0, "outstanding": 37_500}], "advances": [], "accounts": []}
    browser.service.finance.subsidiary_book.return_value = dumped("CashSubsidiaryBookOut", {**empty, "book": "pajak"})
    body = text(browser.call("finance_books", "/keuangan/buku-pembantu?buku=pajak&tahun=2026&bulan=11&pajak=pph22"))
    browser.service.finance.subsidiary_book.assert_called_once_with(2026, "pajak", month=11, line_id=None,
                                                                    tax_kind="pph22", cursor=None, limit=100)
    assert "PPh Pasal 22" in body and 'aria-current="page">Buku pajak' in body and "Rp37.500" in body
    browser.service.finance.list_budget_lines.return_value = budget_lines()
    browser.service.finance.subsidiary_book.return_value = dumped("CashSubsidiaryBookOut", {
        **empty, "book": "rekening", "taxes": [], "line_id": 41})
    body = text(browser.call("finance_books", "/keuangan/buku-pembantu?buku=rekening&tahun=2026&rekening=41"))
    assert browser.service.finance.subsidiary_book.call_args.kwargs["line_id"] == 41
    assert "jenis=rekening&amp;tahun=2026&amp;line_id=41&amp;format=pdf" in body
    assert '<option value="41" selected>' in body


def test_the_spj_settings_are_finances():
    browser = FinanceBrowser("manage_budget")
    browser.service.finance.spj_settings.return_value = dumped("SpjSettingsOut", {
        "approval_threshold": 50_000_000, "purchase_limit": 10_000_000, "meterai_threshold": 5_000_000,
        "number_template": "900.1.2.3/{seq}/SPJ/{year}", "updated_by": "admin",
        "updated_at": datetime(2026, 11, 1, tzinfo=UTC)})
    rate = {"kind": "pph22", "kind_label": "PPh Pasal 22", "categories": ["barang"], "rate_bp": 150,
            "rate_bp_no_npwp": 300, "rate_label": "1,5%", "rate_label_no_npwp": "3%", "threshold": 2_000_000,
            "pkp_only": False, "verified": False, "note": "PMK 34/2017"}
    browser.service.finance.list_tax_rates.return_value = dumped("SpjTaxRatesOut", {
        "today": date(2026, 11, 1), "in_force": date(2026, 1, 1), "versions": [
            {"valid_from": date(2027, 1, 1), "in_force": False, "upcoming": True, "rates": [{**rate, "rate_bp": 200}]},
            {"valid_from": date(2026, 1, 1), "in_force": True, "upcoming": False, "rates": [rate]}]})
    browser.service.finance.list_evidence_tiers.return_value = dumped("SpjEvidenceTierOut", [
        {"kind": "nota", "label": "Nota/bukti pembelian", "from_amount": 0, "up_to": 10_000_000, "verified": False},
        {"kind": "kontrak", "label": "Surat perjanjian", "from_amount": 10_000_001, "up_to": None, "verified": False}])
    body = text(browser.call("finance_settings", "/keuangan/pengaturan"))
    assert 'value="10000000"' in body and 'value="900.1.2.3/{seq}/SPJ/{year}"' in body
    # the version in force (not the upcoming one), and the tiers, as finance answers them
    assert "PPh Pasal 22" in body and "1,5%" in body and "Rp2.000.000" in body and "PMK 34/2017" in body
    assert "Nota/bukti pembelian" in body and "Rp10.000.000" in body
    assert "/keuangan/pengaturan/tarif-pajak" in posts(body)
    response = browser.call("finance_settings_update", "/keuangan/pengaturan", "POST", {
        "approval_threshold": "Rp75.000.000", "purchase_limit": "10.000.000", "meterai_threshold": "5000000",
        "number_template": "{seq}/SPJ/{year}"})
    assert response.status_code == 303
    browser.service.finance.update_spj_settings.assert_called_once_with({
        "approval_threshold": 75_000_000, "purchase_limit": 10_000_000, "meterai_threshold": 5_000_000,
        "number_template": "{seq}/SPJ/{year}"})
    assert "/keuangan/pengaturan" not in {url for _a, shown in nav.menu_for({"finance": frozenset({"read"})})
                                          for url in (link.url for link in shown)}


def test_the_classification_list_and_its_load():
    from io import BytesIO

    admin = FinanceBrowser("read_archive", "manage_budget")
    admin.service.finance.list_archive_classifications.return_value = dumped("ArchiveClassificationOut", [
        {"code": "900.1.4", "name": "Pertanggungjawaban Belanja", "active_years": 2, "inactive_years": 8,
         "disposition": "musnah", "active": True, "note": "verify"},
        {"code": "900.9", "name": "Lama", "active_years": 1, "inactive_years": 1, "disposition": "permanen",
         "active": False, "note": None}])
    body = text(admin.call("finance_classifications", "/keuangan/arsip/klasifikasi"))
    assert "Pertanggungjawaban Belanja" in body and "tidak aktif" in body and "Permanen" in body
    assert "/keuangan/arsip/klasifikasi" in posts(body)
    admin.service.finance.load_archive_classifications.side_effect = ValidationFailed("Berkas ditolak.", {
        "baris 3.code": "Kode klasifikasi seperti 900.1.4.", "content_b64": "Berkas ditolak."})
    refused = admin.call("finance_classifications_load", "/keuangan/arsip/klasifikasi", "POST",
                         {"file": (BytesIO(b"code,name\n"), "klasifikasi.csv", "text/csv")})
    assert refused.status_code == 422 and "Baris 3 · code: Kode klasifikasi seperti 900.1.4." in text(refused)
    reader = FinanceBrowser("read_archive")
    reader.service.finance.list_archive_classifications.return_value = []
    assert posts(text(reader.call("finance_classifications", "/keuangan/arsip/klasifikasi"))) == {"/keluar"}
