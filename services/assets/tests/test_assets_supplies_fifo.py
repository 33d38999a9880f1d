"""FIFO valuation of consumables (pure) and the consumables files (PDF/XLSX), no database."""
import io
from datetime import date

import pytest
from assets.documents import supplies as documents
from assets.domain.supplies_fifo import Lot, take, take_exactly
from assets.domain.supplies_requests import REQUEST
from assets.schemas import EVENTS, SCHEMAS
from situok_contracts.events import Assets
from situok_kit.errors import Conflict, Forbidden
from situok_kit.letters.data import Signer
from situok_kit.workflow import CREATOR

JAN, FEB, MAR = date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)


def test_an_issue_spanning_two_prices_is_valued_lot_by_lot():
    lots = [Lot(2, FEB, 55_000, 10), Lot(1, JAN, 50_000, 10)]     # any order in: oldest first out
    taken = take(lots, 15)
    assert [(d.lot_id, d.quantity, d.unit_price) for d in taken.draws] == [(1, 10, 50_000), (2, 5, 55_000)]
    assert taken.value == 10 * 50_000 + 5 * 55_000 == 775_000
    assert taken.quantity == 15 and taken.short == 0
    assert taken.remaining == (Lot(2, FEB, 55_000, 5),)


def test_a_partial_lot_keeps_its_price():
    taken = take([Lot(1, JAN, 3_000, 8)], 3)
    assert taken.value == 9_000
    assert taken.remaining == (Lot(1, JAN, 3_000, 5),)


def test_exact_exhaustion_leaves_nothing():
    taken = take([Lot(1, JAN, 1_000, 4), Lot(2, FEB, 2_000, 6)], 10)
    assert taken.value == 4_000 + 12_000
    assert taken.remaining == () and taken.short == 0


def test_same_day_lots_go_by_id_and_empty_lots_are_skipped():
    taken = take([Lot(9, MAR, 700, 5), Lot(3, MAR, 500, 5), Lot(1, JAN, 100, 0)], 6)
    assert [(d.lot_id, d.quantity) for d in taken.draws] == [(3, 5), (9, 1)]
    assert taken.value == 2_500 + 700


def test_not_enough_stock_takes_what_there_is_and_says_how_many_are_missing():
    taken = take([Lot(1, JAN, 1_000, 3)], 5)
    assert taken.quantity == 3 and taken.short == 2 and taken.value == 3_000 and taken.remaining == ()
    with pytest.raises(Conflict):
        take_exactly([Lot(1, JAN, 1_000, 3)], 5)
    assert take_exactly([Lot(1, JAN, 1_000, 3)], 3).value == 3_000


def test_nothing_asked_takes_nothing_and_bad_quantities_are_refused():
    assert take([Lot(1, JAN, 1_000, 3)], 0).draws == ()
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            take([], bad)


def test_the_request_workflow():
    assert REQUEST.allowed_actions("submitted", {"head"}) == ["approve", "reject"]
    assert REQUEST.allowed_actions("submitted", {"head", "requester", CREATOR}) == ["cancel"]
    assert REQUEST.allowed_actions("approved", {"keeper"}) == ["issue"]
    assert REQUEST.allowed_actions("issued", {"keeper", "head"}) == []
    with pytest.raises(Forbidden):
        REQUEST.check("approve", "submitted", {"head", "requester", CREATOR})
    with pytest.raises(Conflict):
        REQUEST.check("issue", "submitted", {"keeper"})


def test_the_contract_lists_the_events():
    for name in (Assets.SUPPLY_RECEIVED, Assets.SUPPLY_REQUESTED, Assets.SUPPLY_REQUEST_DECIDED,
                 Assets.SUPPLY_ISSUED, Assets.STOCK_LOW):
        assert name in EVENTS
    assert "SupplyRequestOut" in SCHEMAS and "SupplyReportOut" in SCHEMAS


SIGNERS = (Signer(position="Kepala Biro Umum dan Protokol", name="Drs. I Gusti", nip="197003121995031001"),
           Signer(position="Pengurus Barang", name="I Wayan <b>", nip=None))


def _report():
    row = {"item_id": 1, "code": "ATK-1", "name": "Kertas A4 =SUM(A1)", "unit": "rim", "account_code": "1.1.7.01.01",
           "opening_qty": 5, "opening_value": 250_000, "received_qty": 10, "received_value": 550_000,
           "issued_qty": 12, "issued_value": 610_000, "adjusted_qty": -1, "adjusted_value": -55_000,
           "closing_qty": 2, "closing_value": 135_000}
    return {"year": 2026, "semester": 1, "period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30),
            "rows": [row], "totals": {**row, "code": "", "name": "Jumlah"}}


def test_the_report_files():
    printable = documents.report_printable(_report(), "Biro Umum", SIGNERS)
    pdf = documents.render(printable, "pdf")
    assert pdf["content"].startswith(b"%PDF") and pdf["filename"] == "laporan-persediaan-2026-s1.pdf"
    xlsx = documents.render(printable, "xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx["content"])).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert 550_000 in values and -55_000 in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)   # text never a formula


def test_the_stock_card_files():
    card = {"item": {"code": "ATK-1", "name": "Kertas", "unit": "rim", "account_code": None}, "date_from": None,
            "date_to": None, "totals": {"opening_qty": 0, "opening_value": 0, "in_qty": 10, "in_value": 500_000,
                                        "out_qty": 4, "out_value": 200_000, "closing_qty": 6,
                                        "closing_value": 300_000},
            "items": [{"moved_on": JAN, "kind": "receipt", "reference": "Penerimaan F-1", "qty_in": 10, "qty_out": 0,
                       "unit_price": 50_000, "value_in": 500_000, "value_out": 0, "balance_qty": 10,
                       "balance_value": 500_000},
                      {"moved_on": FEB, "kind": "issue", "reference": "Permintaan #1", "qty_in": 0, "qty_out": 4,
                       "unit_price": 50_000, "value_in": 0, "value_out": 200_000, "balance_qty": 6,
                       "balance_value": 300_000}]}
    printable = documents.card_printable(card, "Biro Umum", SIGNERS)
    assert documents.render(printable, "pdf")["content"].startswith(b"%PDF")
    assert documents.render(printable, "xlsx")["content"][:2] == b"PK"
