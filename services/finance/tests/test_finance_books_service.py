"""The books through the running service (real broker, identities in context): who may post, read and close
(bendahara writes; bendahara, PPK, PA/KPA and admin read; others 403), the answers' shapes, the events
published (``finance.cash_posted``, ``finance.month_closed``), 422s naming the field, and the files (PDF and
XLSX that open and carry the expected text, formula-safe)."""
from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from finance.domain import access, postings, reports
from openpyxl import load_workbook
from pypdf import PdfReader
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

YEAR = 2022
FORMULA = '=HYPERLINK("http://x","klik")'


def _post(rpc, identity, kind, on, amount, description="Uraian", **extra):
    return rpc(identity).post_cash({"kind": kind, "posted_on": on, "amount": amount, "description": description,
                                    **extra})


def _pdf_text(answer) -> str:
    assert answer["content_type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(base64.b64decode(answer["content_b64"])))
    return "\n".join(page.extract_text() for page in reader.pages)


def _xlsx_cells(answer) -> list:
    assert answer["content_type"].endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(base64.b64decode(answer["content_b64"]))).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_only_the_bendahara_writes_and_the_books_readers_read(rpc, bureau, observer):
    events = observer("cash_posted", "month_closed")
    bendahara = bureau.bendahara()
    up = _post(rpc, bendahara, "up_receipt", f"{YEAR}-01-03", 20_000_000, "Penerimaan UP", reference="SP2D-UP")
    assert up["kind"] == "up_receipt" and up["fiscal_year"] == YEAR
    assert [(p["kind"], p["medium"], p["debit"], p["credit"], p["seq"]) for p in up["postings"]] == [
        ("up_receipt", "bank", 20_000_000, 0, 1)]
    moved = _post(rpc, bendahara, "bank_to_cash", f"{YEAR}-01-04", 5_000_000, "Penarikan tunai")
    assert [(p["medium"], p["debit"], p["credit"]) for p in moved["postings"]] == [("bank", 0, 5_000_000),
                                                                                   ("cash", 5_000_000, 0)]
    for identity in (bureau.ppk(), bureau.pa_kpa(), bureau.admin(), bureau.pptk(), bureau.pegawai()):
        with pytest.raises(Forbidden):
            _post(rpc, identity, "gu_replenishment", f"{YEAR}-01-05", 1_000, reference="SP2D-GU")
        with pytest.raises(Forbidden):
            rpc(identity).close_month(YEAR, 1)
    for identity in (bureau.pptk(), bureau.pegawai()):
        with pytest.raises(Forbidden):
            rpc(identity).cash_book(YEAR)
        with pytest.raises(Forbidden):
            rpc(identity).accountability_report(YEAR, 1)
        with pytest.raises(Forbidden):
            rpc(identity).books_document(YEAR, "bku", month=1)
    for identity in (bendahara, bureau.ppk(), bureau.pa_kpa(), bureau.admin()):
        page = rpc(identity).cash_book(YEAR, month_from=1, month_to=1, limit=2)
        assert [e["seq"] for e in page["items"]] == [1, 2] and page["next_cursor"]
        assert page["totals"]["closing_balance"] == 20_000_000 and page["items"][-1]["balance"] == 15_000_000
        rest = rpc(identity).cash_book(YEAR, 1, 1, None, page["next_cursor"], 2)
        assert [e["seq"] for e in rest["items"]] == [3] and rest["next_cursor"] is None
        assert rest["items"][0]["balance"] == 20_000_000
    assert [m["allowed_actions"] for m in rpc(bendahara).list_month_closings(YEAR)["items"][:2]] == [["close"], []]
    assert rpc(bureau.ppk()).list_month_closings(YEAR)["items"][0]["allowed_actions"] == []

    closed = rpc(bendahara).close_month(YEAR, 1)
    assert (closed["month_name"], closed["receipts"], closed["expenditures"], closed["closing_balance"]) == (
        "Januari", 25_000_000, 5_000_000, 20_000_000)
    with pytest.raises(Conflict):
        _post(rpc, bendahara, "cash_to_bank", f"{YEAR}-01-31", 1_000)
    wait_for(lambda: len(events.of_type("finance.cash_posted")) >= 2 and [
        m for m in events.of_type("finance.month_closed") if m["data"]["fiscal_year"] == YEAR],
             timeout=10, message="cash_posted and month_closed published")
    posted = [m["data"] for m in events.messages if m["type"] == "finance.cash_posted"]
    assert [p["kind"] for p in posted if p["fiscal_year"] == YEAR] == ["up_receipt", "bank_to_cash"]
    # this test's closing (another test's, published late by its outbox relay, may be on the queue too)
    month_closed = next(m["data"] for m in events.messages
                        if m["type"] == "finance.month_closed" and m["data"]["fiscal_year"] == YEAR)
    assert month_closed == closed


def test_bad_input_is_a_422_naming_the_field(rpc, bureau):
    bendahara = bureau.bendahara()
    cases = (
        ({"kind": "spj_payment", "posted_on": "2023-01-02", "amount": 1, "description": "x"}, "kind"),
        ({"kind": "up_receipt", "posted_on": "2023-01-02", "amount": 0, "description": "x"}, "amount"),
        ({"kind": "up_receipt", "posted_on": "2023-01-02", "amount": 1.5, "description": "x"}, "amount"),
        ({"kind": "up_receipt", "posted_on": "kemarin", "amount": 1, "description": "x"}, "posted_on"),
        ({"kind": "up_receipt", "posted_on": "2023-01-02", "amount": 1, "description": "  "}, "description"),
        ({"kind": "up_receipt", "posted_on": "2023-01-02", "amount": 1, "description": "x"}, "reference"),
    )
    for data, field in cases:
        with pytest.raises(ValidationFailed) as refused:
            rpc(bendahara).post_cash(data)
        assert field in refused.value.fields, (data, refused.value.fields)
    with pytest.raises(ValidationFailed) as refused:
        rpc(bendahara).cash_book(2023, month_from=5, month_to=2)
    assert "month_to" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        rpc(bendahara).subsidiary_book(2023, "buku_lain")
    assert "book" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        rpc(bendahara).books_document(2023, "lpj")
    assert "month" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        rpc(bendahara).cash_book(2023, cursor="bukan-cursor")
    assert "cursor" in refused.value.fields


def test_the_report_and_books_print_as_pdf_and_xlsx(rpc, bureau, finance_db):
    engine = finance_db[1]
    year = 2024
    bendahara = bureau.bendahara()
    line_id = bureau.budget_line(25_000_000, account_code="5.1.02.01.01.0052", year=year,
                                 account_name="Belanja Makanan dan Minuman Rapat")
    _post(rpc, bendahara, "up_receipt", f"{year}-03-01", 30_000_000, "Penerimaan UP 2024", reference="SP2D-UP-24")
    _post(rpc, bendahara, "bank_to_cash", f"{year}-03-02", 4_000_000, "Penarikan tunai")
    _post(rpc, bendahara, "advance_given", f"{year}-03-04", 750_000, FORMULA, reference="PJ-24")
    with Session(engine) as session, session.begin():
        postings.post(session, posted_on=date(year, 3, 5), kind="spj_payment", medium="cash", credit=2_500_000,
                      description="Pembayaran konsumsi rapat <b>evaluasi</b>", reference="SPJ-24-1",
                      budget_line_id=line_id, posted_by="bendahara")
        postings.post(session, posted_on=date(year, 3, 5), kind="tax_withheld", medium="cash", debit=50_000,
                      description="Penerimaan PPh 23 SPJ-24-1", reference="SPJ-24-1", budget_line_id=line_id,
                      tax_kind="pph23", posted_by="bendahara")

    me = rpc(bendahara)
    report = me.accountability_report(year, 3)
    line = next(entry for entry in report["lines"] if entry["budget_line_id"] == line_id)
    assert (line["before"], line["this_period"], line["to_date"], line["remaining"]) == (0, 2_500_000, 2_500_000,
                                                                                         22_500_000)
    assert report["balance"]["total"] == 30_000_000 - 750_000 - 2_500_000 + 50_000

    lpj = me.books_document(year, "lpj", month=3)
    assert lpj["filename"] == f"lpj-{year}-03.pdf"
    text = _pdf_text(lpj)
    for expected in ("LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN", "Maret 2024", "5.1.02.01.01.0052",
                     "Belanja Makanan dan Minuman Rapat", "25.000.000", "22.500.000", "Mengetahui",
                     "Bendahara Pengeluaran", "Kuasa Pengguna Anggaran", "31 Maret 2024", "Ni Putu Yuliantari",
                     "Wiryanata"):
        assert expected in text, expected
    cells = _xlsx_cells(me.books_document(year, "lpj", month=3, format="xlsx"))
    values = [c.value for c in cells]
    assert "Belanja Makanan dan Minuman Rapat" in values and 22_500_000 in values and "Mengetahui," in values

    for kind, expected in (("bku", ("BUKU KAS UMUM", "Penerimaan UP 2024", "Saldo bank")),
                           ("kas_tunai", ("BUKU PEMBANTU KAS TUNAI", "Penarikan tunai")),
                           ("bank", ("BUKU PEMBANTU BANK", "SP2D-UP-24")),
                           ("pajak", ("BUKU PEMBANTU PAJAK", "PPh Pasal 23", "50.000")),
                           ("panjar", ("BUKU PEMBANTU PANJAR", "PJ-24", "750.000")),
                           ("rekening", ("BUKU PEMBANTU RINCIAN OBJEK BELANJA", "5.1.02.01.01.0052",
                                         "<b>evaluasi</b>"))):
        text = _pdf_text(me.books_document(year, kind, month=3))
        for words in (*expected, "Mengetahui", "Bendahara Pengeluaran", "Maret 2024"):
            assert words in text, (kind, words)
        cells = _xlsx_cells(me.books_document(year, kind, month=3, format="xlsx"))
        assert any(c.value == BOOK_TITLES[kind] for c in cells)
        # people's text stays text: a formula-like description is a string cell, never a formula
        assert all(c.data_type == "s" for c in cells if isinstance(c.value, str) and c.value.startswith("="))
    bku_cells = _xlsx_cells(me.books_document(year, "bku", format="xlsx"))
    assert any(c.value == FORMULA and c.data_type == "s" for c in bku_cells)
    single = _pdf_text(me.books_document(year, "rekening", month=3, line_id=line_id))
    assert "Pagu Anggaran : Rp25.000.000" in single

    # the PA/KPA named; the bendahara who closed the month when someone else prints
    with Session(engine) as session:
        head, treasurer = reports.signers(session, access.caller_of(bureau.ppk()), year, 3,
                                          bureau.employee_ids["karo"])
    assert "Wiryanata" in head.name and head.nip and treasurer.name == ""


BOOK_TITLES = {"bku": "BUKU KAS UMUM", "kas_tunai": "BUKU PEMBANTU KAS TUNAI", "bank": "BUKU PEMBANTU BANK",
               "pajak": "BUKU PEMBANTU PAJAK", "panjar": "BUKU PEMBANTU PANJAR",
               "rekening": "BUKU PEMBANTU RINCIAN OBJEK BELANJA"}


def test_a_retried_posting_with_its_idempotency_key_posts_once(rpc, bureau):
    bendahara = rpc(bureau.bendahara())
    year = 2013  # a year of its own (no other test posts there): its UP first
    _post(rpc, bureau.bendahara(), "up_receipt", f"{year}-01-03", 20_000_000, "Penerimaan UP", reference="SP2D-UP-IDEM")
    data = {"kind": "gu_replenishment", "posted_on": f"{year}-02-03", "amount": 7_500_000, "medium": "bank",
            "description": "Penggantian GU ke-1", "reference": "SP2D-GU-IDEM"}
    first = bendahara.post_cash(data, idempotency_key="gu-idem-1")
    again = bendahara.post_cash(data, idempotency_key="gu-idem-1")
    assert again == first
    assert bureau.scalar("SELECT count(*) FROM cash_postings WHERE reference = 'SP2D-GU-IDEM'") == 1
