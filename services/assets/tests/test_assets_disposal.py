"""Disposal (penghapusan) through the running service: a keeper's proposal of items with their book values,
submitted (history ``disposal_proposed``, ``assets.disposal_proposed``), approved by the Kepala Biro (never the
proposer) or rejected, decided (SK), done with the berita acara — the items leave the active register in one
transaction, their history kept; vehicles withdrawn from booking; RB suggestions; the report and the files.

Rooms and items are inserted straight into assets' database (unique codes)."""
from __future__ import annotations

import base64
import io

import pytest
from assets.domain import numbering
from assets.models import Asset, AssetHistory, Building, Floor, NumberCounter, Room
from assets_testkit import unique
from openpyxl import load_workbook
from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

FURNITURE = "1.3.2.05.01.04.002"  # Lemari Kayu
SEDAN = "1.3.2.02.01.01.001"


def make_room(engine) -> int:
    with Session(engine) as session, session.begin():
        building = Building(code=unique("GD"), name=f"Gedung {unique('G')}")
        session.add(building)
        session.flush()
        floor = Floor(building_id=building.id, name="Lantai 1", level=1)
        session.add(floor)
        session.flush()
        room = Room(floor_id=floor.id, code=unique("RD"), name="Gudang")
        session.add(room)
        session.flush()
        return room.id


def make_item(engine, room_id: int | None, *, code: str = FURNITURE, name: str = "Lemari kayu",
              condition: str = "RB", details: dict | None = None, year: int = 2015) -> int:
    with Session(engine) as session, session.begin():
        asset = Asset(code=code, register_number=numbering.next_register_number(session, code), kib="B", name=name,
                      acquisition_year=year, acquisition_value=4_000_000, source="apbd", condition=condition,
                      room_id=room_id, details=details or {}, registered_by="test")
        session.add(asset)
        session.flush()
        return asset.id


def item(engine, asset_id: int) -> Asset:
    with Session(engine) as session:
        return session.get(Asset, asset_id)


def kinds(engine, asset_id: int) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(AssetHistory.kind).where(AssetHistory.asset_id == asset_id)
                                    .order_by(AssetHistory.id)))


def counter(engine, year: int) -> int:
    with Session(engine) as session:
        found = session.get(NumberCounter, f"disposal:{year}")
        return found.last_seq if found else 0


def test_a_proposal_from_draft_to_done_takes_the_items_out_of_the_register(rpc, bureau, observer):
    engine = bureau.engine
    room = make_room(engine)
    cabinet = make_item(engine, room, name="Lemari rusak")
    car = make_item(engine, None, code=SEDAN, name="Sedan lama", details={"plate_number": "DK 9 ZZ"})
    good = make_item(engine, room, name="Lemari baik", condition="B")
    keeper, leader = rpc(bureau.keeper()), rpc(bureau.leader())
    watch = observer("disposal_proposed", "disposal_decided", "item_disposed", "resource_withdrawn")

    suggested = [s["asset_id"] for s in keeper.disposal_suggestions(limit=200)["items"]]
    assert cabinet in suggested and car in suggested and good not in suggested

    draft = keeper.create_disposal({"method": "pemusnahan", "reasons": "Rusak berat, tidak ekonomis diperbaiki",
                                    "items": [{"asset_id": cabinet, "reason": "Lapuk"}, {"asset_id": car}]})
    pid = draft["id"]
    assert draft["status"] == "draft" and draft["allowed_actions"] == ["edit", "submit", "cancel"]
    lines = {i["asset_id"]: i for i in draft["items"]}
    assert lines[cabinet]["reason"] == "Lapuk" and lines[car]["reason"].startswith("Rusak berat")
    assert lines[cabinet]["condition"] == "RB" and lines[cabinet]["acquisition_value"] == 4_000_000
    assert lines[cabinet]["value_basis"] in ("book_value", "acquisition_value")
    assert lines[cabinet]["value"] <= 4_000_000
    suggested = [s["asset_id"] for s in keeper.disposal_suggestions(limit=200)["items"]]
    assert cabinet not in suggested  # in an open proposal now

    # an item in an open proposal cannot be in another
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_disposal({"method": "hibah", "reasons": "x", "items": [{"asset_id": good},
                                                                          {"asset_id": cabinet}]})
    assert list(caught.value.fields) == ["items.1.asset_id"]

    with pytest.raises(Conflict):
        leader.approve_disposal(pid)  # not proposed yet: the leader may approve, but only a proposed one
    submitted = keeper.submit_disposal(pid)
    assert submitted["status"] == "proposed" and submitted["proposed_at"]
    assert kinds(engine, cabinet)[-1] == "disposal_proposed"
    assert "approve" not in submitted["allowed_actions"]  # the keeper is not the Kepala Biro
    with pytest.raises(Forbidden):
        keeper.approve_disposal(pid)
    assert leader.get_disposal(pid)["allowed_actions"] == ["approve", "reject"]
    approved = leader.approve_disposal(pid)
    assert approved["status"] == "approved" and approved["allowed_actions"] == []
    with pytest.raises(Conflict):
        leader.approve_disposal(pid)

    with pytest.raises(ValidationFailed) as caught:
        keeper.decide_disposal(pid, {"decree_number": "", "decree_date": "2026-13-01"})
    assert set(caught.value.fields) == {"decree_number", "decree_date"}
    today = wita_day()
    decided = keeper.decide_disposal(pid, {"decree_number": "SK 030/123/BPKAD", "decree_date": today.isoformat(),
                                           "decree_by": "Gubernur Bali"})
    assert decided["status"] == "decided" and decided["allowed_actions"] == ["complete"]

    before = counter(engine, today.year)
    done = keeper.complete_disposal(pid, {"ba_date": today.isoformat()})
    assert done["status"] == "done" and done["ba_number"] == f"000.2.4/{before + 1}/B.Umum/{today.year}"
    for asset_id in (cabinet, car):
        gone = item(engine, asset_id)
        assert gone.status == "disposed" and gone.disposed_at is not None and gone.room_id is None
        assert kinds(engine, asset_id)[-2:] == ["disposal_proposed", "disposed"]
    with Session(engine) as session:
        last = session.scalars(select(AssetHistory).where(AssetHistory.asset_id == cabinet)
                               .order_by(AssetHistory.id.desc())).first()
        assert (last.reference_kind, last.reference_id, last.reference_number) == ("disposal", pid, done["ba_number"])
        assert last.from_room_id == room and last.data["sk_number"] == "SK 030/123/BPKAD"
        active_in_room = set(session.scalars(select(Asset.id).where(Asset.room_id == room, Asset.status == "active")))
    assert active_in_room == {good}
    # the history is append-only: the database refuses to change or delete a disposed item's rows
    with pytest.raises(DBAPIError), Session(engine) as session, session.begin():
        session.execute(text("DELETE FROM asset_history WHERE asset_id = :a"), {"a": cabinet})
    assert kinds(engine, cabinet)[-1] == "disposed"

    def seen(kind, key, value, count=1):
        def probe():
            found = [e for e in watch.of_type(kind) if e["data"].get(key) == value]
            return found if len(found) >= count else None
        return probe

    wait_for(seen("assets.disposal_proposed", "proposal_id", pid), timeout=20, message="disposal_proposed")
    decided_event = wait_for(seen("assets.disposal_decided", "proposal_id", pid), timeout=20,
                             message="disposal_decided")[0]["data"]
    assert decided_event["ba_number"] == done["ba_number"] and sorted(decided_event["asset_ids"]) == sorted(
        [cabinet, car])
    assert len(wait_for(seen("assets.item_disposed", "proposal_id", pid, 2), timeout=20,
                        message="item_disposed per item")) == 2
    wait_for(seen("assets.resource_withdrawn", "asset_id", car), timeout=20, message="the car withdrawn")

    # the report and the files
    report = keeper.disposal_report(today.year)
    mine = [r for r in report["rows"] if r["proposal_id"] == pid]
    assert sorted(r["asset_id"] for r in mine) == sorted([cabinet, car])
    assert {r["ba_number"] for r in mine} == {done["ba_number"]} and {r["decree_number"] for r in mine} == {
        "SK 030/123/BPKAD"}
    xlsx = keeper.disposal_report_file(today.year, "pemusnahan", "xlsx")
    sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx["content_b64"]))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert done["ba_number"] in values
    for kind in ("proposal", "berita_acara"):
        assert base64.b64decode(keeper.disposal_document(pid, kind)["content_b64"]).startswith(b"%PDF")
    pdf = keeper.disposal_report_file(today.year, None, "pdf")
    assert base64.b64decode(pdf["content_b64"]).startswith(b"%PDF")


def test_rejection_separation_of_duties_and_who_reads(rpc, bureau):
    engine = bureau.engine
    chair = make_item(engine, make_room(engine), name="Kursi patah")
    keeper, leader = rpc(bureau.keeper()), rpc(bureau.leader())
    pid = keeper.create_disposal({"method": "penjualan", "reasons": "Rusak", "items": [{"asset_id": chair}]})["id"]
    keeper.submit_disposal(pid)
    with pytest.raises(ValidationFailed) as caught:
        leader.reject_disposal(pid, "  ")
    assert "reason" in caught.value.fields
    rejected = leader.reject_disposal(pid, "Masih dapat diperbaiki")
    assert rejected["status"] == "rejected" and rejected["rejection_reason"] == "Masih dapat diperbaiki"
    assert item(engine, chair).status == "active"
    # free again: a new proposal may take it; one the leader drafts himself he may not approve
    admin_leader = rpc(bureau.as_("karo", "pimpinan", "pengurus_barang"))
    again = admin_leader.create_disposal({"method": "hibah", "reasons": "Rusak", "items": [{"asset_id": chair}]})
    admin_leader.submit_disposal(again["id"])
    assert "approve" not in admin_leader.get_disposal(again["id"])["allowed_actions"]
    with pytest.raises(Forbidden) as caught:
        admin_leader.approve_disposal(again["id"])
    assert "pemisahan tugas" in caught.value.message
    cancelled = keeper.cancel_disposal(again["id"], "Diganti usulan lain")
    assert cancelled["status"] == "cancelled"
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).list_disposals()
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).get_disposal(pid)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).create_disposal({"method": "hibah", "reasons": "x", "items": [{"asset_id": chair}]})
    assert pid in [p["id"] for p in leader.list_disposals({"status": "rejected"})["items"]]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_disposal({"method": "dibakar", "reasons": "x", "items": []})
    assert set(caught.value.fields) == {"method", "items"}
