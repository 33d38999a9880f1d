"""Handovers (BAST) through the running service: a handover to an employee and a room moves the items, writes
their history and numbers the BAST in one transaction; a failure midway changes nothing and uses no number;
returns and moves; who may read a BAST; the list's filters; the BAST PDF; a vehicle's new holder published.

Rooms and items are inserted straight into assets' database (``make_room``, ``make_item``; unique codes), so
these tests do not depend on the register's RPCs."""
from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from assets.domain import numbering
from assets.models import Asset, AssetHistory, Building, Floor, Handover, NumberCounter, Room
from assets_testkit import unique
from situok_kit.clock import wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

FURNITURE = "1.3.2.05.01.04.002"  # Lemari Kayu
SEDAN = "1.3.2.02.01.01.001"  # a four-wheeled vehicle: booking lends it


def make_room(engine, *, person_in_charge: int | None = None, name: str = "Ruang uji") -> int:
    """A building, floor and room of their own; the room's id."""
    with Session(engine) as session, session.begin():
        building = Building(code=unique("GH"), name=f"Gedung {unique('G')}")
        session.add(building)
        session.flush()
        floor = Floor(building_id=building.id, name="Lantai 1", level=1)
        session.add(floor)
        session.flush()
        room = Room(floor_id=floor.id, code=unique("RH"), name=name, person_in_charge_employee_id=person_in_charge)
        session.add(room)
        session.flush()
        return room.id


def make_item(engine, room_id: int | None = None, *, code: str = FURNITURE, name: str = "Lemari kayu",
              holder: int | None = None, condition: str = "B", status: str = "active", details: dict | None = None,
              odometer_km: int | None = None) -> int:
    """An item registered straight in the database (the next register number of its code)."""
    with Session(engine) as session, session.begin():
        asset = Asset(code=code, register_number=numbering.next_register_number(session, code), kib="B", name=name,
                      acquisition_year=2022, acquisition_value=2_500_000, source="apbd", condition=condition,
                      room_id=room_id, holder_employee_id=holder, status=status, details=details or {},
                      odometer_km=odometer_km, registered_by="test")
        session.add(asset)
        session.flush()
        return asset.id


def item(engine, asset_id: int) -> Asset:
    with Session(engine) as session:
        return session.get(Asset, asset_id)


def history_of(engine, asset_id: int) -> list[AssetHistory]:
    with Session(engine) as session:
        return list(session.scalars(select(AssetHistory).where(AssetHistory.asset_id == asset_id)
                                    .order_by(AssetHistory.id)))


def counter(engine, year: int) -> int:
    with Session(engine) as session:
        found = session.get(NumberCounter, f"handover:{year}")
        return found.last_seq if found else 0


def test_a_handover_to_an_employee_and_a_room_in_one_transaction(rpc, bureau, observer):
    engine = bureau.engine
    ids = bureau.employee_ids
    store, office = make_room(engine), make_room(engine, name="Ruang Subbagian Perbendaharaan")
    desk, cabinet = make_item(engine, store, name="Meja kerja"), make_item(engine, store, name="Lemari arsip")
    watch = observer("item_handed_over")
    today = wita_day()
    before = counter(engine, today.year)

    shown = rpc(bureau.keeper()).create_handover({
        "kind": "handover", "handover_date": today.isoformat(), "to_holder_employee_id": ids["pegawai"],
        "to_room_id": office, "note": "Untuk pegawai baru",
        "items": [{"asset_id": desk}, {"asset_id": cabinet, "condition": "KB", "note": "Pintu agak longgar"}]})

    assert shown["kind"] == "handover" and shown["item_count"] == 2
    assert counter(engine, today.year) == before + 1
    assert shown["number"] == f"000.2.1/{before + 1}/B.Umum/{today.year}"
    assert shown["first_party"]["employee_id"] == ids["pengurus_barang"]  # the pengurus barang by default
    assert shown["first_party"]["position"] == "Pengurus Barang"
    assert shown["second_party"]["employee_id"] == ids["pegawai"]
    assert shown["to_room_name"] == "Ruang Subbagian Perbendaharaan" and shown["allowed_actions"] == ["download"]
    assert [(i["asset_id"], i["from_room_id"], i["condition_before"], i["condition"]) for i in shown["items"]] == [
        (desk, store, "B", "B"), (cabinet, store, "B", "KB")]

    # the register (the KIR reads items by room) and the history say the same
    for asset_id in (desk, cabinet):
        found = item(engine, asset_id)
        assert (found.room_id, found.holder_employee_id) == (office, ids["pegawai"])
    assert item(engine, cabinet).condition == "KB"
    with Session(engine) as session:
        in_office = set(session.scalars(select(Asset.id).where(Asset.room_id == office)))
    assert in_office == {desk, cabinet}
    rows = history_of(engine, cabinet)
    assert [r.kind for r in rows] == ["handed_over", "condition_changed"]
    moved = rows[0]
    assert (moved.from_room_id, moved.to_room_id, moved.from_holder_employee_id, moved.to_holder_employee_id) == (
        store, office, None, ids["pegawai"])
    assert (moved.reference_kind, moved.reference_id, moved.reference_number) == (
        "handover", shown["id"], shown["number"])
    assert (rows[1].from_condition, rows[1].to_condition) == ("B", "KB")

    def handed():
        found = [e for e in watch.of_type("assets.item_handed_over") if e["data"]["handover_id"] == shown["id"]]
        return found if len(found) == 2 else None

    events = wait_for(handed, timeout=20, message="an item_handed_over event per item")
    assert sorted(e["data"]["asset_id"] for e in events) == sorted([desk, cabinet])
    assert {e["data"]["to_holder_employee_id"] for e in events} == {ids["pegawai"]}


def test_who_reads_a_bast_and_its_pdf(rpc, bureau):
    engine = bureau.engine
    ids = bureau.employee_ids
    room = make_room(engine)
    laptop = make_item(engine, room, name="Laptop", details={"brand": "Lenovo", "type": "ThinkPad E14"})
    shown = rpc(bureau.keeper()).create_handover({
        "kind": "handover", "handover_date": wita_day().isoformat(), "to_holder_employee_id": ids["pegawai"],
        "items": [{"asset_id": laptop}]})

    holder = rpc(bureau.pegawai())
    assert holder.get_handover(shown["id"])["number"] == shown["number"]
    assert shown["id"] in [h["id"] for h in holder.list_handovers()["items"]]
    assert shown["items"][0]["brand"] == "Lenovo ThinkPad E14"
    stranger = rpc(bureau.as_("operator", "pegawai"))
    with pytest.raises(NotFound):
        stranger.get_handover(shown["id"])
    with pytest.raises(NotFound):
        stranger.handover_document(shown["id"])
    assert shown["id"] not in [h["id"] for h in stranger.list_handovers()["items"]]

    document = holder.handover_document(shown["id"])
    assert document["content_type"] == "application/pdf" and document["filename"].startswith("BAST-")
    assert base64.b64decode(document["content_b64"]).startswith(b"%PDF")
    with pytest.raises(NotFound):
        rpc(bureau.keeper()).get_handover(99_999_999)


def test_a_failure_midway_changes_nothing_and_uses_no_number(rpc, bureau):
    engine = bureau.engine
    ids = bureau.employee_ids
    room, other = make_room(engine), make_room(engine)
    good = make_item(engine, room)
    gone = make_item(engine, room, status="disposed")
    today = wita_day()
    before = counter(engine, today.year)
    keeper = rpc(bureau.keeper())

    with pytest.raises(ValidationFailed) as caught:
        keeper.create_handover({"kind": "handover", "handover_date": today.isoformat(),
                                "to_holder_employee_id": ids["pegawai"], "to_room_id": other,
                                "items": [{"asset_id": good}, {"asset_id": gone}, {"asset_id": 99_999_999}]})
    assert set(caught.value.fields) == {"items.1.asset_id", "items.2.asset_id"}
    assert "dihapuskan" in caught.value.fields["items.1.asset_id"]
    assert counter(engine, today.year) == before
    assert (item(engine, good).room_id, item(engine, good).holder_employee_id) == (room, None)
    assert history_of(engine, good) == []

    # every field wrong at once: each named, nothing written
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_handover({"kind": "move", "handover_date": (today + timedelta(days=1)).isoformat(),
                                "to_holder_employee_id": 99_999, "first_party_employee_id": 99_998,
                                "items": [{"asset_id": good}]})
    assert {"handover_date", "to_holder_employee_id", "to_room_id", "first_party_employee_id"} <= set(
        caught.value.fields)
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_handover({"kind": "handover", "handover_date": today.isoformat(), "items": [
            {"asset_id": good}, {"asset_id": good}], "to_room_id": other})
    assert list(caught.value.fields) == ["items.1.asset_id"]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_handover({"kind": "handover", "handover_date": today.isoformat(), "items": []})
    assert "items" in caught.value.fields
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).create_handover({"kind": "move", "handover_date": today.isoformat(),
                                               "to_room_id": other, "items": [{"asset_id": good}]})
    assert counter(engine, today.year) == before
    with Session(engine) as session:
        assert session.scalar(select(Handover.id).where(Handover.number.like(f"%/{before + 1}/%"))) is None


def test_a_return_then_a_move_and_the_lists_filters(rpc, bureau):
    engine = bureau.engine
    ids = bureau.employee_ids
    office, store, hall = make_room(engine), make_room(engine), make_room(engine,
                                                                          person_in_charge=ids["kasubbag_rtp"])
    printer = make_item(engine, office, name="Printer", holder=ids["pegawai"])
    keeper = rpc(bureau.keeper())
    today = wita_day().isoformat()

    returned = keeper.create_handover({"kind": "return", "handover_date": today, "to_room_id": store,
                                       "items": [{"asset_id": printer, "condition": "RB"}]})
    assert (item(engine, printer).holder_employee_id, item(engine, printer).room_id) == (None, store)
    assert returned["first_party"]["employee_id"] == ids["pegawai"]  # the holder gives it back
    assert returned["second_party"]["employee_id"] == ids["pengurus_barang"]
    assert [r.kind for r in history_of(engine, printer)] == ["returned", "condition_changed"]
    with pytest.raises(ValidationFailed) as caught:  # nobody holds it any more
        keeper.create_handover({"kind": "return", "handover_date": today, "items": [{"asset_id": printer}]})
    assert list(caught.value.fields) == ["items.0.asset_id"]

    moved = keeper.create_handover({"kind": "move", "handover_date": today, "to_room_id": hall,
                                    "items": [{"asset_id": printer}]})
    assert moved["second_party"]["employee_id"] == ids["kasubbag_rtp"]  # the room's person in charge
    last = history_of(engine, printer)[-1]
    assert (last.kind, last.from_room_id, last.to_room_id, last.to_holder_employee_id) == ("moved", store, hall, None)
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_handover({"kind": "move", "handover_date": today, "to_room_id": hall,
                                "items": [{"asset_id": printer}]})
    assert "ruangan tujuan" in caught.value.fields["items.0.asset_id"]

    listed = keeper.list_handovers({"asset_id": printer})["items"]
    assert [h["id"] for h in listed] == [moved["id"], returned["id"]]  # newest first
    assert listed[1]["first_item_name"] == "Printer" and listed[1]["item_count"] == 1
    assert [h["id"] for h in keeper.list_handovers({"asset_id": printer, "kind": "move"})["items"]] == [moved["id"]]
    assert [h["id"] for h in keeper.list_handovers({"room_id": store})["items"]][:2] == [moved["id"], returned["id"]]
    first = keeper.list_handovers({"asset_id": printer}, None, 1)
    assert [h["id"] for h in first["items"]] == [moved["id"]] and first["next_cursor"]
    assert [h["id"] for h in keeper.list_handovers({"asset_id": printer}, first["next_cursor"], 1)["items"]] == [
        returned["id"]]
    with pytest.raises(ValidationFailed):
        keeper.list_handovers({"date_from": "2026-03-01", "date_to": "2026-02-01"})


def test_a_vehicle_handed_to_a_driver_is_published_again(rpc, bureau, observer):
    engine = bureau.engine
    ids = bureau.employee_ids
    car = make_item(engine, None, code=SEDAN, name="Toyota Camry", details={"plate_number": "DK 1 BU", "seats": 5})
    watch = observer("resource_published")
    rpc(bureau.keeper()).create_handover({"kind": "handover", "handover_date": wita_day().isoformat(),
                                          "to_holder_employee_id": ids["pengemudi"], "items": [{"asset_id": car}]})
    published = wait_for(lambda: [e for e in watch.of_type("assets.resource_published")
                                  if e["data"]["resource_key"] == f"vehicle:{car}"], timeout=20,
                         message="the vehicle re-published")
    assert published[-1]["data"]["person_in_charge_employee_id"] == ids["pengemudi"]


def test_the_forms_choices_and_item_search(rpc, bureau):
    engine = bureau.engine
    ids = bureau.employee_ids
    room = make_room(engine, name="Gudang")
    name = unique("Proyektor ")
    projector = make_item(engine, room, name=name, holder=ids["analis_sdm"])
    make_item(engine, room, name=name, status="disposed")
    keeper = rpc(bureau.keeper())

    options = keeper.handover_options()
    assert ids["pegawai"] in [e["id"] for e in options["employees"]]
    assert room in [r["id"] for r in options["rooms"]]
    found = keeper.find_handover_items(q=name)
    assert [f["id"] for f in found] == [projector]  # a disposed one is not offered
    assert (found[0]["room_name"], found[0]["holder_employee_id"]) == ("Gudang", ids["analis_sdm"])
    code, number = found[0]["code"], found[0]["register_number"]
    assert [f["id"] for f in keeper.find_handover_items(q=f"{code}/{number}")] == [projector]
    assert projector in [f["id"] for f in keeper.find_handover_items(holder_employee_id=ids["analis_sdm"])]
    assert [f["id"] for f in keeper.find_handover_items(asset_ids=[projector])] == [projector]
    assert keeper.find_handover_items() == []
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).handover_options()
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).find_handover_items(q="x")
