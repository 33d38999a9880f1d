"""Consumables (persediaan) through the running service: items, receipts, requests (approval by the unit head,
issue FIFO by the pengurus barang), short stock, the minimum-stock event once per crossing, the stock card,
stock opname, the semester report and its files; concurrent issues on the database (no unit taken twice,
never negative)."""
import base64
import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from assets.domain import supplies, supplies_requests
from assets.domain.access import Caller
from assets.models import SupplyLot, SupplyMovement
from assets_testkit import unique
from situok_contracts.events import Assets
from situok_kit import testing
from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from sqlalchemy import func, select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

TODAY = wita_day()


def _error(exc) -> str:
    return {Conflict: "CONFLICT", Forbidden: "FORBIDDEN", NotFound: "NOT_FOUND",
            ValidationFailed: "VALIDATION_FAILED"}.get(type(exc.value), type(exc.value).__name__)


def _fields(exc) -> str:
    return str(getattr(exc.value, "fields", None)) + str(exc.value)


def _item(rpc, keeper, minimum=0, **extra):
    code = unique("SUP")
    return rpc(keeper).create_supply_item({"code": code, "name": f"Barang {code}", "unit": "rim",
                                           "minimum_stock": minimum, **extra})


def _receive(rpc, keeper, lines, on=TODAY):
    return rpc(keeper).receive_supplies({"received_on": on.isoformat(), "supplier": "CV Sumber Rejeki",
                                         "document_number": unique("F-"), "lines": lines})


def _ask(rpc, who, lines, purpose="Keperluan kantor"):
    return rpc(who).request_supplies({"purpose": purpose,
                                      "lines": [{"item_id": i, "quantity": q} for i, q in lines]})


def test_receive_request_approve_issue_fifo(rpc, bureau, observer):
    keeper, pegawai, kasubbag = bureau.keeper(), bureau.pegawai(), bureau.as_("kasubbag_pbh", "kasubbag", "pegawai")
    events = observer()
    item = _item(rpc, keeper, account_code="1.1.7.01.01")
    first = _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 10, "unit_price": 50_000}],
                     on=TODAY - timedelta(days=2))
    _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 10, "unit_price": 55_000}])
    assert first["total"] == 500_000 and first["lines"][0]["quantity_left"] == 10
    stock = rpc(pegawai).get_supply_item(item["id"])
    assert (stock["stock"], stock["stock_value"]) == (20, 1_050_000)

    asked = _ask(rpc, pegawai, [(item["id"], 16)])
    assert asked["status"] == "submitted" and asked["allowed_actions"] == ["cancel"]
    inbox = rpc(kasubbag).supply_requests(queue="approve")
    mine = next(r for r in inbox["items"] if r["id"] == asked["id"])
    assert mine["allowed_actions"] == ["approve", "reject"]
    line_id = asked["lines"][0]["id"]
    with pytest.raises(DomainError) as too_many:
        rpc(kasubbag).approve_supply_request(asked["id"], lines=[{"line_id": line_id, "quantity": 17}])
    assert _error(too_many) == "VALIDATION_FAILED"
    approved = rpc(kasubbag).approve_supply_request(asked["id"], lines=[{"line_id": line_id, "quantity": 15}])
    assert approved["status"] == "approved" and approved["lines"][0]["quantity_approved"] == 15
    assert approved["allowed_actions"] == []
    queue = rpc(keeper).supply_requests(queue="issue", limit=200)
    assert asked["id"] in [r["id"] for r in queue["items"]]
    issued = rpc(keeper).issue_supply_request(asked["id"])
    assert issued["status"] == "issued"
    assert issued["lines"][0]["quantity_issued"] == 15
    assert issued["lines"][0]["value_issued"] == 10 * 50_000 + 5 * 55_000 == 775_000
    left = rpc(keeper).get_supply_item(item["id"])
    assert (left["stock"], left["stock_value"]) == (5, 275_000)
    with pytest.raises(DomainError) as again:
        rpc(keeper).issue_supply_request(asked["id"])
    assert _error(again) == "CONFLICT"

    card = rpc(keeper).supply_stock_card(item["id"], limit=2)
    assert [r["kind"] for r in card["items"]] == ["receipt", "receipt"]
    assert [r["balance_qty"] for r in card["items"]] == [10, 20]
    rest = rpc(keeper).supply_stock_card(item["id"], cursor=card["next_cursor"])
    assert [(r["qty_out"], r["value_out"], r["balance_qty"], r["balance_value"]) for r in rest["items"]] == [
        (10, 500_000, 10, 550_000), (5, 275_000, 5, 275_000)]
    assert rest["next_cursor"] is None
    assert card["totals"] == {"opening_qty": 0, "opening_value": 0, "in_qty": 20, "in_value": 1_050_000,
                              "out_qty": 15, "out_value": 775_000, "closing_qty": 5, "closing_value": 275_000}
    document = rpc(keeper).supply_stock_card_document(item["id"], format="xlsx")
    assert base64.b64decode(document["content_b64"])[:2] == b"PK"

    def mine_of(kind):
        return [e for e in events.of_type(kind) if e["data"].get("id") == asked["id"]]

    testing.wait_for(lambda: mine_of(Assets.SUPPLY_ISSUED), message="supply_issued")
    assert mine_of(Assets.SUPPLY_REQUESTED) and mine_of(Assets.SUPPLY_REQUEST_DECIDED)
    assert mine_of(Assets.SUPPLY_ISSUED)[0]["data"]["total_issued_value"] == 775_000
    assert [e for e in events.of_type(Assets.SUPPLY_RECEIVED) if e["data"]["id"] == first["id"]]


def test_who_decides_a_request(rpc, bureau):
    keeper, pegawai = bureau.keeper(), bureau.pegawai()
    item = _item(rpc, keeper)
    _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 5, "unit_price": 1_000}])
    asked = _ask(rpc, pegawai, [(item["id"], 2)])
    other_unit = bureau.as_("kasubbag_rtp", "kasubbag", "pegawai")
    with pytest.raises(DomainError) as unseen:
        rpc(other_unit).approve_supply_request(asked["id"])
    assert _error(unseen) == "NOT_FOUND"
    with pytest.raises(DomainError) as own:
        rpc(pegawai).approve_supply_request(asked["id"])
    assert _error(own) == "FORBIDDEN"
    with pytest.raises(DomainError) as early:
        rpc(keeper).issue_supply_request(asked["id"])
    assert _error(early) == "CONFLICT"
    with pytest.raises(DomainError) as no_reason:
        rpc(bureau.as_("kabag_ka", "kepala_bagian", "pegawai")).reject_supply_request(asked["id"])
    assert _error(no_reason) == "VALIDATION_FAILED"
    rejected = rpc(bureau.as_("kabag_ka", "kepala_bagian", "pegawai")).reject_supply_request(
        asked["id"], reason="Masih ada stok di ruangan")
    assert rejected["status"] == "rejected" and rejected["decision_note"] == "Masih ada stok di ruangan"

    # a head asking for themselves: another head above approves, never they themselves
    head = bureau.as_("kasubbag_pbh", "kasubbag", "pegawai")
    own_request = _ask(rpc, head, [(item["id"], 1)])
    assert own_request["allowed_actions"] == ["cancel"]
    with pytest.raises(DomainError) as separated:
        rpc(head).approve_supply_request(own_request["id"])
    assert _error(separated) == "FORBIDDEN"
    cancelled = rpc(head).cancel_supply_request(own_request["id"])
    assert cancelled["status"] == "cancelled"
    with pytest.raises(DomainError) as pegawai_queue:
        rpc(pegawai).supply_requests(queue="issue")
    assert _error(pegawai_queue) == "FORBIDDEN"
    with pytest.raises(DomainError) as not_keeper:
        rpc(pegawai).create_supply_item({"code": unique("X"), "name": "x", "unit": "pcs"})
    assert _error(not_keeper) == "FORBIDDEN"


def test_short_stock_is_issued_partly_and_stock_low_goes_out_once(rpc, bureau, observer):
    keeper, pegawai, head = bureau.keeper(), bureau.pegawai(), bureau.as_("kabag_ka", "kepala_bagian", "pegawai")
    events = observer(Assets.STOCK_LOW.split(".", 1)[1])
    item = _item(rpc, keeper, minimum=3)
    _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 6, "unit_price": 2_000}])
    first = _ask(rpc, pegawai, [(item["id"], 4)])
    rpc(head).approve_supply_request(first["id"])
    second = _ask(rpc, pegawai, [(item["id"], 4)])
    rpc(head).approve_supply_request(second["id"])
    rpc(keeper).issue_supply_request(first["id"])          # 6 → 2: at/below 3, published
    assert rpc(keeper).get_supply_item(item["id"])["low"] is True
    assert item["id"] in [i["id"] for i in rpc(keeper).supply_low_stock()["items"]]
    short = rpc(keeper).issue_supply_request(second["id"])  # 2 → 0: still low, not published again
    line = short["lines"][0]
    assert (line["quantity_approved"], line["quantity_issued"], line["value_issued"]) == (4, 2, 4_000)
    assert "Stok kurang" in line["issue_note"]

    third = _ask(rpc, pegawai, [(item["id"], 1)])
    rpc(head).approve_supply_request(third["id"])
    with pytest.raises(DomainError) as empty:
        rpc(keeper).issue_supply_request(third["id"])
    assert _error(empty) == "CONFLICT"
    _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 10, "unit_price": 2_500}])   # above again
    rpc(keeper).issue_supply_request(third["id"], lines=[{"line_id": third["lines"][0]["id"], "quantity": 1}])
    fourth = _ask(rpc, pegawai, [(item["id"], 7)])
    rpc(head).approve_supply_request(fourth["id"])
    rpc(keeper).issue_supply_request(fourth["id"])         # 9 → 2: a new crossing, published again

    def mine():
        return [e for e in events.of_type(Assets.STOCK_LOW) if e["data"]["item_id"] == item["id"]]

    testing.wait_for(lambda: len(mine()) >= 2, message="two stock_low")
    assert [e["data"]["stock"] for e in mine()] == [2, 2]


def test_bad_input_is_named_per_field(rpc, bureau):
    keeper = bureau.keeper()
    item = _item(rpc, keeper)
    with pytest.raises(DomainError) as future:
        _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 1, "unit_price": 1}],
                 on=TODAY + timedelta(days=1))
    assert _error(future) == "VALIDATION_FAILED" and "received_on" in _fields(future)
    with pytest.raises(DomainError) as zero:
        _receive(rpc, keeper, [{"item_id": item["id"], "quantity": 0, "unit_price": -1}])
    assert "lines.0.quantity" in _fields(zero) and "lines.0.unit_price" in _fields(zero)
    with pytest.raises(DomainError) as twice:
        _ask(rpc, bureau.pegawai(), [(item["id"], 1), (item["id"], 2)])
    assert "lines.1.item_id" in _fields(twice)
    with pytest.raises(DomainError) as duplicate:
        rpc(keeper).create_supply_item({"code": item["code"], "name": "lagi", "unit": "pcs"})
    assert _error(duplicate) == "CONFLICT"


def test_stock_opname_and_the_semester_report(rpc, bureau):
    keeper, leader = bureau.keeper(), bureau.leader()
    year = TODAY.year - 1                    # a closed year of our own making: dated receipts, counts
    short_item, extra_item = _item(rpc, keeper), _item(rpc, keeper)
    _receive(rpc, keeper, [{"item_id": short_item["id"], "quantity": 4, "unit_price": 10_000},
                           {"item_id": extra_item["id"], "quantity": 2, "unit_price": 7_000}], on=date(year, 3, 1))
    _receive(rpc, keeper, [{"item_id": short_item["id"], "quantity": 4, "unit_price": 12_000},
                           {"item_id": extra_item["id"], "quantity": 2, "unit_price": 8_000}], on=date(year, 8, 1))
    count = rpc(keeper).create_supply_count({"counted_on": date(year, 9, 30).isoformat(), "note": "Opname TW III",
                                             "lines": [{"item_id": short_item["id"], "counted_qty": 3},
                                                       {"item_id": extra_item["id"], "counted_qty": 6}]})
    assert count["status"] == "draft" and count["allowed_actions"] == ["edit", "apply"]
    assert {line["item_id"]: line["difference"] for line in count["lines"]} == {short_item["id"]: -5,
                                                                                extra_item["id"]: 2}
    applied = rpc(keeper).apply_supply_count(count["id"])
    values = {line["item_id"]: line["adjustment_value"] for line in applied["lines"]}
    assert values == {short_item["id"]: -(4 * 10_000 + 1 * 12_000), extra_item["id"]: 2 * 8_000}
    with pytest.raises(DomainError) as frozen:
        rpc(keeper).apply_supply_count(count["id"])
    assert _error(frozen) == "CONFLICT"
    with pytest.raises(DomainError) as frozen_edit:
        rpc(keeper).update_supply_count(count["id"], {"counted_on": date(year, 9, 30).isoformat(),
                                                      "lines": [{"item_id": short_item["id"], "counted_qty": 1}]})
    assert _error(frozen_edit) == "CONFLICT"
    assert rpc(keeper).get_supply_item(short_item["id"])["stock_value"] == 3 * 12_000

    first = {r["item_id"]: r for r in rpc(leader).supply_report(year, 1)["rows"]}
    assert first[short_item["id"]]["closing_qty"] == 4 and first[short_item["id"]]["closing_value"] == 40_000
    report = rpc(leader).supply_report(year, 2)
    row = {r["item_id"]: r for r in report["rows"]}[short_item["id"]]
    assert (row["opening_qty"], row["opening_value"], row["received_qty"], row["received_value"]) == (
        4, 40_000, 4, 48_000)
    assert (row["adjusted_qty"], row["adjusted_value"], row["closing_qty"], row["closing_value"]) == (
        -5, -52_000, 3, 36_000)
    totals = report["totals"]
    assert totals["closing_value"] == sum(r["closing_value"] for r in report["rows"])
    pdf = rpc(leader).supply_report_document(year, 2)
    assert pdf["content_type"] == "application/pdf"
    assert base64.b64decode(pdf["content_b64"]).startswith(b"%PDF")
    with pytest.raises(DomainError) as pegawai_report:
        rpc(bureau.pegawai()).supply_report(year, 2)
    assert _error(pegawai_report) == "FORBIDDEN"
    with pytest.raises(DomainError) as bad_semester:
        rpc(leader).supply_report(year, 3)
    assert "semester" in _fields(bad_semester)


class _Tx:
    """A transaction as the domain sees it, on a plain session (events collected, not written)."""

    def __init__(self, session):
        self.session = session
        self.emitted = []

    def emit(self, name, data):
        self.emitted.append((name, data))


def test_concurrent_issues_never_take_the_same_units(assets_db, bureau, rpc):
    engine = assets_db[1]
    keeper_identity = dataclasses.replace(bureau.keeper(), unit_id=None)
    keeper = Caller(keeper_identity)
    head = Caller(bureau.as_("kabag_ka", "kepala_bagian", "pegawai"))
    item = _item(rpc, bureau.keeper())
    _receive(rpc, bureau.keeper(), [{"item_id": item["id"], "quantity": 7, "unit_price": 1_000},
                                    {"item_id": item["id"], "quantity": 7, "unit_price": 1_500}])
    requests = []
    for n in range(8):
        asked = _ask(rpc, bureau.pegawai(), [(item["id"], 3)], purpose=f"Race {n}")
        with Session(engine) as session, session.begin():
            supplies_requests.approve(_Tx(session), head, asked["id"], {"lines": []})
        requests.append(asked["id"])
    start = threading.Barrier(len(requests))

    def attempt(request_id):
        start.wait()
        with Session(engine) as session:
            try:
                with session.begin():
                    issued = supplies_requests.issue(_Tx(session), keeper, request_id, {})
                    line = supplies_requests.views(session, None, [issued])[0]["lines"][0]
                    return line["quantity_issued"], line["value_issued"]
            except Conflict:
                return None

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        results = list(pool.map(attempt, requests))
    done = [r for r in results if r is not None]
    assert sum(q for q, _ in done) == 14 and sum(v for _, v in done) == 7 * 1_000 + 7 * 1_500
    assert results.count(None) == 8 - len(done)
    with Session(engine) as session:
        lots = session.scalars(select(SupplyLot).where(SupplyLot.item_id == item["id"])).all()
        assert all(lot.qty_left == 0 for lot in lots)
        for lot in lots:
            out = session.scalar(select(func.sum(SupplyMovement.qty_out)).where(SupplyMovement.lot_id == lot.id))
            assert out == lot.qty_in
        assert supplies.stock_of(session, item["id"]) == 0


def test_identity_unit_beats_the_roster(bureau, assets_db):
    """A head's units come from the identity when it carries one (the gateway's), else from the roster."""
    engine = assets_db[1]
    with Session(engine) as session:
        plain = Caller(bureau.as_("kasubbag_pbh", "kasubbag"))
        assert supplies.unit_of(session, plain) == bureau.unit_ids["BUP.KA.PBH"]
        moved = Caller(dataclasses.replace(bureau.as_("kasubbag_pbh", "kasubbag"),
                                           unit_id=bureau.unit_ids["BUP.RT.RTP"]))
        assert supplies.unit_of(session, moved) == bureau.unit_ids["BUP.RT.RTP"]


def test_the_catalogue_seeds_each_item_once(assets_db):
    with Session(assets_db[1]) as session:
        supplies.seed(session)
        assert supplies.seed(session) == {"supply_items": 0}
        listed = supplies.list_items(session, q="ATK-001", limit=5)["items"]
        assert [i["unit"] for i in listed if i["code"] == "ATK-001"] == ["rim"]
        session.rollback()
