"""A travel realization arriving through the real broker (as travel's outbox publishes it, its payload dumped
through travel's own event schema) becomes a draft travel SPJ for the charged sub-kegiatan's PPTK, with the
lump-sum / at-cost / riil split and the balance; one per order, changed only while a draft; a realization
whose budget line is not in finance's budget waits in the inbox until the budget has it; the printouts."""
import base64
import itertools
import json
from datetime import date
from types import SimpleNamespace

import pytest
from finance.domain import travel_spj
from finance.models import Spj, SpjTransition, TravelSpj, TravelSpjInbox, TravelSpjLine
from finance.schemas.travel_spj import TravelSpjPartOut
from situok_contracts.events import Travel
from situok_kit.envelope import Envelope
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from travel.schemas import OrderRealizedEvent

pytestmark = pytest.mark.integration

#: A fiscal year of its own, so other areas' budgets of the tests' usual year never meet these lines.
YEAR = 2051  # a year of its own: other tests load DPAs into theirs
_orders = itertools.count(880_001)
_codes = itertools.count(901)


def publish(amqp_uri: str, data: dict, event_id: str | None = None) -> str:
    """Publish ``travel.order_realized`` exactly as travel's outbox relay does (topic exchange
    ``travel.events``, routing key ``order_realized``, JSON envelope, persistent); ``event_id`` to redeliver."""
    from kombu import Connection
    from nameko.constants import PERSISTENT
    from situok_kit.outbox import event_exchange

    envelope = Envelope(type=Travel.ORDER_REALIZED, data=data, actor={"username": "pegawai"})
    if event_id is not None:
        envelope = Envelope(type=envelope.type, data=data, actor=envelope.actor, id=event_id)
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        exchange = event_exchange("travel")
        producer = conn.Producer()
        exchange(producer.channel).declare()
        producer.publish(json.loads(json.dumps(envelope.to_dict())), exchange=exchange, routing_key="order_realized",
                         serializer="json", delivery_mode=PERSISTENT, retry=True)
    return envelope.id


def budget(engine, pptk_employee_id: int, ceiling: int = 50_000_000) -> tuple[str, str, int]:
    """A line of ``YEAR``'s active DPA version (made when there is none) whose sub-kegiatan has
    ``pptk_employee_id`` as PPTK: (sub-kegiatan code, account code, line id)."""
    sub_code, account = f"4.01.01.2.06.0{next(_codes)}", "5.1.02.04.01.0001"
    with Session(engine) as session, session.begin():
        version = session.execute(text(
            "SELECT id FROM budget_versions WHERE fiscal_year = :y AND status = 'active'"), {"y": YEAR}).scalar()
        if version is None:
            version = session.execute(text(
                "INSERT INTO budget_versions (fiscal_year, number, label, status, loaded_by) "
                "VALUES (:y, 0, 'DPA murni (uji)', 'active', 'test') RETURNING id"), {"y": YEAR}).scalar_one()
        sub = session.execute(text(
            "INSERT INTO budget_sub_activities (version_id, program_code, program_name, activity_code, "
            "activity_name, code, name, pptk_employee_id) VALUES (:v, '4.01.01', 'Program', '4.01.01.2.06', "
            "'Kegiatan', :c, 'Sub kegiatan uji', :p) RETURNING id"),
            {"v": version, "c": sub_code, "p": pptk_employee_id}).scalar_one()
        line = session.execute(text(
            "INSERT INTO budget_lines (fiscal_year, sub_activity_code, account_code, account_name, ceiling) "
            "VALUES (:y, :s, :a, 'Belanja Perjalanan Dinas Biasa', :c) RETURNING id"),
            {"y": YEAR, "s": sub_code, "a": account, "c": ceiling}).scalar_one()
        session.execute(text(
            "INSERT INTO budget_allocations (sub_activity_id, line_id, account_code, account_name, ceiling, "
            "cash_plan) VALUES (:s, :l, :a, 'Belanja Perjalanan Dinas Biasa', :c, CAST(:plan AS jsonb))"),
            {"s": sub, "l": line, "a": account, "c": ceiling, "plan": json.dumps([ceiling // 12] * 11 +
                                                                                  [ceiling - 11 * (ceiling // 12)])})
    return sub_code, account, line


def receipt(attachment_id: int, name: str) -> SimpleNamespace:
    return SimpleNamespace(id=attachment_id, sha256=f"{attachment_id:064x}", filename=name)


def cost(employee_id, category, kind, description, quantity, rate, receipts=()) -> SimpleNamespace:
    return SimpleNamespace(employee_id=employee_id, category=category, kind=kind, description=description,
                           quantity=quantity, rate=rate, amount=quantity * rate, receipt_count=len(receipts),
                           receipts=list(receipts))


def realization(bureau, sub_code: str, account: str, lines: list, advances: dict, order_id: int | None = None,
                signers: dict | None = None) -> dict:
    """The ``data`` travel publishes: an order as travel's ``OrderRealizedEvent`` dumps it."""
    ids = bureau.employee_ids
    travellers = [SimpleNamespace(employee_id=ids[key], name=name, nip=nip, unit_id=1, sppd_number=f"SPPD/{i}",
                                  departure_date=date(YEAR, 3, 3), return_date=date(YEAR, 3, 5))
                  for i, (key, name, nip) in enumerate((("pegawai", "Ni Luh Pegawai", "198001012005012001"),
                                                        ("operator", "I Made Operator", None)), 1)]
    total = sum(x.amount for x in lines)
    advance = sum(advances.values())
    order = SimpleNamespace(
        id=order_id or next(_orders), status="realized", number=f"000.1.2.3/{order_id or 1}/Biro Umum/{YEAR}",
        unit_id=1, requester_employee_id=ids["pegawai"], purpose="Koordinasi tata usaha pimpinan",
        destinations=[{"province_code": "31", "city": "Jakarta Pusat"}], category="luar_kota",
        departure_date=date(YEAR, 3, 3), return_date=date(YEAR, 3, 5), estimate_total=total, travellers=travellers,
        budget_agency="Biro Umum dan Protokol", budget_account=account, sub_activity_code=sub_code,
        account_code=account, realized_total=total, advance_paid=advance, balance=total - advance,
        advances=[{"employee_id": t.employee_id, "amount": advances.get(t.employee_id, 0)} for t in travellers],
        signers=signers or {"pa_kpa_employee_id": ids["karo"], "ppk_employee_id": ids["kasubbag_akp"],
                            "pptk_employee_id": ids["kasubbag_rtp"], "bendahara_employee_id": ids["bendahara"]},
        lines=lines)
    return OrderRealizedEvent().dump(order)


def drafted(engine, order_id: int):
    with Session(engine) as session:
        return session.scalar(select(Spj).where(Spj.travel_order_id == order_id))


def test_a_realization_through_the_broker_becomes_a_draft_travel_spj(rpc, bureau, broker_uri, finance_db):
    engine = finance_db[1]
    ids = bureau.employee_ids
    sub_code, account, line_id = budget(engine, ids["kasubbag_rtp"])
    me, other = ids["pegawai"], ids["operator"]
    lines = [cost(me, "uang_harian", "lump_sum", "Uang harian 3 hari", 3, 530_000),
             cost(me, "representasi", "lump_sum", "Representasi", 3, 150_000),
             cost(me, "penginapan", "at_cost", "Hotel 2 malam", 2, 850_000, [receipt(41, "hotel.pdf")]),
             cost(me, "transport", "at_cost", "Tiket pesawat PP", 1, 3_200_000, [receipt(42, "tiket.pdf")]),
             cost(me, "transport", "riil", "Taksi bandara", 2, 150_000),
             cost(other, "uang_harian", "lump_sum", "Uang harian 3 hari", 3, 530_000),
             cost(other, "penginapan", "riil", "Penginapan tanpa bill", 2, 301_500)]
    data = realization(bureau, sub_code, account, lines, {me: 5_000_000, other: 2_000_000})
    order_id = data["order_id"]
    event_id = publish(broker_uri, data)
    spj = wait_for(lambda: drafted(engine, order_id), timeout=20, message="the draft travel SPJ")

    lump_sum = 3 * 530_000 + 3 * 150_000 + 3 * 530_000
    at_cost = 2 * 850_000 + 3_200_000
    riil = 2 * 150_000 + 2 * 301_500
    total = lump_sum + at_cost + riil
    assert (spj.kind, spj.status, spj.fiscal_year, spj.budget_line_id) == ("travel", "draft", YEAR, line_id)
    assert spj.pptk_employee_id == ids["kasubbag_rtp"] and spj.travel_order_number == data["number"]
    assert spj.gross == spj.net_payable == total and spj.tax_withheld == 0
    with Session(engine) as session:
        found = session.get(Spj, spj.id)
        shown = TravelSpjPartOut().dump(travel_spj.part(session, found))
        assert session.scalar(select(func.count()).select_from(SpjTransition)
                              .where(SpjTransition.spj_id == spj.id)) == 1
    assert (shown["lump_sum"], shown["at_cost"], shown["riil"], shown["total"]) == (lump_sum, at_cost, riil, total)
    assert (shown["advance_paid"], shown["balance"]) == (7_000_000, total - 7_000_000)
    assert [(t["employee_id"], t["total"], t["advance_paid"], t["balance"]) for t in shown["travellers"]] == [
        (me, 1_590_000 + 450_000 + 1_700_000 + 3_200_000 + 300_000, 5_000_000, 7_240_000 - 5_000_000),
        (other, 1_590_000 + 603_000, 2_000_000, 2_193_000 - 2_000_000)]
    assert [(x["kind"], x["quantity"], x["rate"], x["amount"]) for x in shown["lines"]][:3] == [
        ("lump_sum", 3, 530_000, 1_590_000), ("lump_sum", 3, 150_000, 450_000), ("at_cost", 2, 850_000, 1_700_000)]
    assert shown["lines"][2]["receipts"] == [{"attachment_id": 41, "sha256": f"{41:064x}", "filename": "hotel.pdf"}]
    assert shown["lines"][0]["name"] == "Ni Luh Pegawai" and shown["lines"][5]["nip"] is None
    assert shown["signers"]["pa_kpa_employee_id"] == ids["karo"] and shown["documents"] == ["rincian", "riil"]
    assert (shown["sub_activity_code"], shown["account_code"]) == (sub_code, account)

    # one per order: the same event again changes nothing; a later realization of the order refreshes the draft
    publish(broker_uri, data, event_id=event_id)
    changed = realization(bureau, sub_code, account, lines[:1], {}, order_id=order_id)
    publish(broker_uri, changed)
    wait_for(lambda: drafted(engine, order_id).gross == 1_590_000, timeout=20, message="the draft refreshed")
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Spj).where(Spj.travel_order_id == order_id)) == 1
        assert session.scalar(select(func.count()).select_from(TravelSpjLine)
                              .where(TravelSpjLine.spj_id == spj.id)) == 1
        trip = session.get(TravelSpj, spj.id)
        assert (trip.total, trip.advance_paid, trip.balance) == (1_590_000, 0, 1_590_000)

    # once submitted it stays as submitted: a later realization is noted, not applied
    with Session(engine) as session, session.begin():
        session.execute(text("UPDATE spj SET status = 'submitted' WHERE id = :i"), {"i": spj.id})
    publish(broker_uri, data)
    wait_for(lambda: _inbox(engine, order_id).problem, timeout=20, message="the late realization noted")
    assert drafted(engine, order_id).gross == 1_590_000
    assert "submitted" in _inbox(engine, order_id).problem


def _inbox(engine, order_id: int) -> TravelSpjInbox:
    with Session(engine) as session:
        return session.scalar(select(TravelSpjInbox).where(TravelSpjInbox.travel_order_id == order_id))


def test_a_realization_without_its_budget_line_waits_until_the_budget_has_it(rpc, bureau, broker_uri, finance_db):
    engine = finance_db[1]
    ids = bureau.employee_ids
    code = f"4.01.01.2.06.0{next(_codes)}"
    data = realization(bureau, code, "5.1.02.04.01.0001",
                       [cost(ids["pegawai"], "uang_harian", "lump_sum", "Uang harian", 3, 530_000)], {})
    publish(broker_uri, data)
    waiting = wait_for(lambda: _inbox(engine, data["order_id"]), timeout=20, message="the inbox row")
    assert waiting.status == "waiting" and waiting.spj_id is None and code in waiting.problem
    assert drafted(engine, data["order_id"]) is None

    bendahara = rpc(bureau.bendahara())
    page = bendahara.travel_spj_inbox()
    row = next(item for item in page["items"] if item["travel_order_id"] == data["order_id"])
    assert (row["status"], row["sub_activity_code"], row["total"]) == ("waiting", code, 1_590_000)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).travel_spj_inbox()
    with pytest.raises(Forbidden):
        rpc(bureau.pptk()).retry_travel_spj()
    assert bendahara.retry_travel_spj()["drafted"] == 0               # the line is still missing

    with Session(engine) as session, session.begin():              # the budget is loaded with that line
        sub_code, account, line_id = budget(engine, ids["kasubbag_pml"])
        session.execute(text("UPDATE travel_spj_inbox SET sub_activity_code = :s WHERE id = :i"),
                        {"s": sub_code, "i": waiting.id})
    assert bendahara.retry_travel_spj()["drafted"] >= 1
    spj = drafted(engine, data["order_id"])
    assert (spj.status, spj.budget_line_id, spj.pptk_employee_id, spj.gross) == (
        "draft", line_id, ids["kasubbag_pml"], 1_590_000)
    assert _inbox(engine, data["order_id"]).status == "drafted"
    assert all(item["travel_order_id"] != data["order_id"] for item in bendahara.travel_spj_inbox()["items"])


def test_the_printouts_of_a_travel_spj(rpc, bureau, broker_uri, finance_db):
    engine = finance_db[1]
    ids = bureau.employee_ids
    sub_code, account, _ = budget(engine, ids["kasubbag_rtp"])
    data = realization(bureau, sub_code, account, [
        cost(ids["pegawai"], "uang_harian", "lump_sum", "Uang harian", 3, 530_000),
        cost(ids["pegawai"], "transport", "riil", "Taksi", 2, 100_000)], {ids["pegawai"]: 1_000_000})
    publish(broker_uri, data)
    spj = wait_for(lambda: drafted(engine, data["order_id"]), timeout=20, message="the draft travel SPJ")
    for who in (bureau.bendahara(), bureau.pptk(), bureau.ppk()):
        for kind in ("rincian", "riil"):
            doc = rpc(who).travel_spj_document(spj.id, kind)
            assert doc["content_type"] == "application/pdf" and doc["filename"].endswith(".pdf")
            assert base64.b64decode(doc["content_b64"]).startswith(b"%PDF")
    one = rpc(bureau.bendahara()).travel_spj_document(spj.id, "rincian", ids["pegawai"])
    assert base64.b64decode(one["content_b64"]).startswith(b"%PDF")
    with pytest.raises(ValidationFailed) as err:
        rpc(bureau.bendahara()).travel_spj_document(spj.id, "rincian", ids["operator"])
    assert "employee_id" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rpc(bureau.bendahara()).travel_spj_document(spj.id, "kuitansi")
    assert "kind" in err.value.fields
    with pytest.raises(NotFound):
        rpc(bureau.other_pptk()).travel_spj_document(spj.id, "rincian")       # not their draft
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).travel_spj_document(spj.id, "rincian")


def test_a_drafted_travel_spj_is_announced_goes_through_the_workflow_and_is_archived_when_paid(
        rpc, bureau, broker_uri, finance_db, observer):
    engine = finance_db[1]
    ids = bureau.employee_ids
    watch = observer("spj_drafted", "spj_paid")
    sub_code, account, line_id = budget(engine, ids["kasubbag_rtp"])
    lines = [cost(ids["pegawai"], "uang_harian", "lump_sum", "Uang harian 3 hari", 3, 530_000)]
    data = realization(bureau, sub_code, account, lines, {})
    publish(broker_uri, data)
    spj = wait_for(lambda: drafted(engine, data["order_id"]), timeout=20, message="the draft travel SPJ")
    announced = wait_for(lambda: [e for e in watch.of_type("finance.spj_drafted") if e["data"]["spj_id"] == spj.id],
                         timeout=20, message="finance.spj_drafted of the travel SPJ")
    assert announced[0]["data"]["kind"] == "travel"

    rpc(bureau.pptk()).submit_spj(spj.id)
    rpc(bureau.bendahara()).verify_spj(spj.id)
    rpc(bureau.ppk()).approve_spj(spj.id)
    paid = rpc(bureau.bendahara()).pay_spj(spj.id, {"medium": "bank", "paid_on": f"{YEAR}-03-20"})
    assert paid["status"] == "paid" and paid["gross"] == 1_590_000
    archived = rpc(bureau.bendahara()).list_archive({"spj_id": spj.id})["items"]
    assert [(d["classification_code"], d["content_type"], d["month"]) for d in archived] == [
        ("900.1.6", "application/pdf", 3)]
