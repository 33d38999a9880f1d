"""Maintenance through the running service: plans and their due dates/km, a scheduled window published to
booking, started (the vehicle unavailable), finished (history, odometer, the plan moved, the vehicle available
again), cancelled; a past maintenance recorded as done; what is due this month; the cost per item; who may do
what. Items are inserted straight into assets' database (``test_assets_handovers.make_item``)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from assets.domain import maintenance
from assets.domain.access import Caller
from assets.models import Asset, MaintenancePlan
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.testing import wait_for
from sqlalchemy.orm import Session
from test_assets_handovers import SEDAN, history_of, item, make_item, make_room

pytestmark = pytest.mark.integration

AIR_CONDITIONER = "1.3.2.05.01.04.001"


def events(watch, name: str, record_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type(name) if e["data"].get("record_id") == record_id]


def published(watch, asset_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type("assets.resource_published")
            if e["data"]["resource_key"] == f"vehicle:{asset_id}"]


def test_add_months_keeps_the_day_or_the_months_last():
    assert maintenance.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert maintenance.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert maintenance.add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)


def test_the_records_workflow_by_caller():
    keeper = Caller(Identity(account_id=1, username="k", employee_id=2, roles=frozenset({"pengurus_barang"})))
    reader = Caller(Identity(account_id=2, username="r", employee_id=3, roles=frozenset({"kepala_bagian"})))
    assert maintenance.RECORD.allowed_actions("scheduled", maintenance.capacities(keeper)) == [
        "start", "finish", "cancel"]
    assert maintenance.RECORD.allowed_actions("in_progress", maintenance.capacities(keeper)) == ["finish", "cancel"]
    assert maintenance.RECORD.allowed_actions("done", maintenance.capacities(keeper)) == []
    assert maintenance.RECORD.allowed_actions("scheduled", maintenance.capacities(reader)) == []


def test_a_vehicles_window_is_published_started_and_finished(rpc, bureau, observer):
    engine = bureau.engine
    car = make_item(engine, None, code=SEDAN, name="Toyota Innova", details={"plate_number": "DK 9 MT"},
                    odometer_km=10_000)
    today = wita_day()
    keeper = rpc(bureau.keeper())
    plan = keeper.create_maintenance_plan({"asset_id": car, "work": "Servis berkala dan ganti oli",
                                           "interval_months": 6, "interval_km": 5_000,
                                           "last_done_on": maintenance.add_months(today, -7).isoformat(),
                                           "last_done_km": 9_000})
    assert plan["next_due_on"] == maintenance.add_months(today, -1).isoformat()
    assert (plan["next_due_km"], plan["plate"], plan["odometer_km"]) == (14_000, "DK 9 MT", 10_000)
    due = keeper.maintenance_due()
    mine = [d for d in due["items"] if d["plan"]["id"] == plan["id"]]
    assert mine and mine[0]["reason"] == "overdue" and mine[0]["km_left"] == 4_000
    assert due["month"] == f"{today.year:04d}-{today.month:02d}" and due["km_margin"] == 500

    watch = observer("maintenance_scheduled", "maintenance_ended", "maintenance_recorded", "resource_published")
    starts = utcnow() + timedelta(hours=1)
    record = keeper.create_maintenance_record({
        "asset_id": car, "plan_id": plan["id"], "work": "Servis 15.000 km", "vendor": "Auto2000 Sanur",
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=4)).isoformat()})
    assert (record["status"], record["vehicle"], record["allowed_actions"]) == (
        "scheduled", True, ["start", "finish", "cancel"])
    window = wait_for(lambda: events(watch, "assets.maintenance_scheduled", record["id"]), timeout=20,
                      message="the window published")[0]
    assert (window["resource_key"], window["asset_id"], window["work"]) == (f"vehicle:{car}", car, "Servis 15.000 km")
    assert keeper.maintenance_due()["items"][[d["plan"]["id"] for d in keeper.maintenance_due()["items"]].index(
        plan["id"])]["scheduled_record_id"] == record["id"]

    with pytest.raises(Conflict):  # the same item, an overlapping window
        keeper.create_maintenance_record({"asset_id": car, "work": "Cuci", "starts_at": (
            starts + timedelta(hours=2)).isoformat(), "ends_at": (starts + timedelta(hours=6)).isoformat()})
    reader = rpc(bureau.as_("kabag_rt", "kepala_bagian", "pegawai"))
    assert reader.get_maintenance_record(record["id"])["allowed_actions"] == []
    with pytest.raises(Forbidden):
        reader.start_maintenance(record["id"])
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).get_maintenance_record(record["id"])

    started = keeper.start_maintenance(record["id"])
    assert started["status"] == "in_progress" and started["allowed_actions"] == ["finish", "cancel"]
    with Session(engine) as session:
        assert maintenance.in_progress(session, car)
    unavailable = wait_for(lambda: [p for p in published(watch, car) if p["under_maintenance"]], timeout=20,
                           message="the vehicle published under maintenance")[-1]
    assert unavailable["available"] is False
    with pytest.raises(Conflict):
        keeper.start_maintenance(record["id"])

    done = keeper.finish_maintenance(record["id"], {"cost": 1_250_000, "odometer_km": 14_100, "note": "Oli diganti"})
    assert (done["status"], done["done_on"], done["cost"], done["allowed_actions"]) == (
        "done", today.isoformat(), 1_250_000, [])
    with Session(engine) as session:
        assert not maintenance.in_progress(session, car)
        moved = session.get(MaintenancePlan, plan["id"])
        assert (moved.last_done_on, moved.last_done_km) == (today, 14_100)
        assert (moved.next_due_on, moved.next_due_km) == (maintenance.add_months(today, 6), 19_100)
    assert item(engine, car).odometer_km == 14_100
    row = history_of(engine, car)[-1]
    assert (row.kind, row.odometer_km, row.reference_kind, row.reference_id) == (
        "maintenance", 14_100, "maintenance", record["id"])
    assert (row.data["cost"], row.data["vendor"], row.data["work"]) == (1_250_000, "Auto2000 Sanur",
                                                                        "Servis 15.000 km")
    ended = wait_for(lambda: events(watch, "assets.maintenance_ended", record["id"]), timeout=20,
                     message="the window ended")[0]
    assert ended["status"] == "done"
    recorded = wait_for(lambda: events(watch, "assets.maintenance_recorded", record["id"]), timeout=20,
                        message="the maintenance recorded")[0]
    assert (recorded["cost"], recorded["odometer_km"]) == (1_250_000, 14_100)
    wait_for(lambda: [p for p in published(watch, car) if p["available"] and p["odometer_km"] == 14_100], timeout=20,
             message="the vehicle available again")
    with pytest.raises(Conflict):
        keeper.finish_maintenance(record["id"])
    assert plan["id"] not in [d["plan"]["id"] for d in keeper.maintenance_due()["items"]]


def test_a_past_maintenance_a_cancelled_window_costs_and_bad_input(rpc, bureau, observer):
    engine = bureau.engine
    room = make_room(engine)
    ac = make_item(engine, room, code=AIR_CONDITIONER, name="AC split 1 PK")
    today = wita_day()
    keeper = rpc(bureau.keeper())
    plan = keeper.create_maintenance_plan({"asset_id": ac, "work": "Cuci AC", "interval_months": 3})
    assert plan["next_due_on"] == maintenance.add_months(today, 3).isoformat() and plan["next_due_km"] is None

    watch = observer("maintenance_scheduled", "maintenance_ended", "maintenance_recorded")
    past = keeper.create_maintenance_record({"asset_id": ac, "plan_id": plan["id"], "status": "done",
                                             "work": "Cuci AC dan isi freon", "vendor": "CV Sejuk",
                                             "cost": 350_000, "done_on": (today - timedelta(days=3)).isoformat()})
    assert (past["status"], past["starts_at"], past["allowed_actions"]) == ("done", None, [])
    assert [r.kind for r in history_of(engine, ac)] == ["maintenance"]
    with Session(engine) as session:
        assert session.get(MaintenancePlan, plan["id"]).next_due_on == maintenance.add_months(
            today - timedelta(days=3), 3)
    wait_for(lambda: events(watch, "assets.maintenance_recorded", past["id"]), timeout=20, message="recorded")

    starts = utcnow() + timedelta(days=2)
    window = keeper.create_maintenance_record({"asset_id": ac, "work": "Ganti kompresor",
                                               "starts_at": starts.isoformat(),
                                               "ends_at": (starts + timedelta(days=1)).isoformat()})
    scheduled = wait_for(lambda: events(watch, "assets.maintenance_scheduled", window["id"]), timeout=20,
                         message="the window")[0]
    assert scheduled["resource_key"] is None  # not a lendable vehicle
    with pytest.raises(ValidationFailed) as caught:
        keeper.cancel_maintenance(window["id"])
    assert list(caught.value.fields) == ["reason"]
    cancelled = keeper.cancel_maintenance(window["id"], "Kompresor masih bergaransi")
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "Kompresor masih bergaransi")
    assert wait_for(lambda: events(watch, "assets.maintenance_ended", window["id"]), timeout=20,
                    message="ended")[0]["status"] == "cancelled"
    assert [r.kind for r in history_of(engine, ac)] == ["maintenance"]  # a cancelled one writes no history

    costs = keeper.maintenance_costs((today - timedelta(days=3)).year)
    mine = [row for row in costs["items"] if row["asset_id"] == ac]
    assert mine == [{"asset_id": ac, "asset_name": "AC split 1 PK", "asset_code": AIR_CONDITIONER,
                     "register_number": item(engine, ac).register_number, "records": 1, "total": 350_000}]
    listed = keeper.list_maintenance_records({"asset_id": ac})["items"]
    assert [r["id"] for r in listed] == [window["id"], past["id"]]
    assert [r["id"] for r in keeper.list_maintenance_records({"asset_id": ac, "status": "done"})["items"]] == [
        past["id"]]
    assert [p["id"] for p in keeper.list_maintenance_plans(ac)] == [plan["id"]]
    stopped = keeper.update_maintenance_plan(plan["id"], {"active": False})
    assert stopped["active"] is False and keeper.list_maintenance_plans(ac) == []

    # bad input: each field named, nothing written
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_record({"asset_id": ac, "status": "done", "work": "x",
                                          "done_on": (today + timedelta(days=1)).isoformat()})
    assert list(caught.value.fields) == ["done_on"]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_record({"asset_id": ac, "work": "x", "starts_at": starts.isoformat(),
                                          "ends_at": (starts - timedelta(hours=1)).isoformat()})
    assert list(caught.value.fields) == ["ends_at"]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_record({"asset_id": ac, "work": "x", "starts_at": "2020-01-01T08:00:00+08:00",
                                          "ends_at": "2020-01-01T10:00:00+08:00"})
    assert list(caught.value.fields) == ["ends_at"]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_record({"asset_id": ac, "work": "x", "starts_at": "2030-01-01T08:00:00",
                                          "ends_at": "2030-01-01T10:00:00+08:00", "cost": -5})
    assert set(caught.value.fields) == {"starts_at", "cost"}
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_plan({"asset_id": ac, "work": "Cuci"})
    assert list(caught.value.fields) == ["interval_months"]
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_maintenance_plan({"asset_id": 99_999_999, "work": "Cuci", "interval_months": 1})
    assert list(caught.value.fields) == ["asset_id"]
    with pytest.raises(ValidationFailed):
        keeper.maintenance_due("2026-13")
    with pytest.raises(NotFound):
        keeper.get_maintenance_record(99_999_999)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).create_maintenance_plan({"asset_id": ac, "work": "Cuci", "interval_months": 1})
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).maintenance_due()


def test_a_plan_by_km_is_due_near_its_odometer(rpc, bureau):
    engine = bureau.engine
    car = make_item(engine, None, code=SEDAN, name="Mitsubishi Pajero", odometer_km=49_600)
    keeper = rpc(bureau.keeper())
    plan = keeper.create_maintenance_plan({"asset_id": car, "work": "Ganti ban", "interval_km": 40_000,
                                           "last_done_km": 10_000})
    assert (plan["next_due_on"], plan["next_due_km"]) == (None, 50_000)
    shown = [d for d in keeper.maintenance_due()["items"] if d["plan"]["id"] == plan["id"]]
    assert shown and (shown[0]["reason"], shown[0]["km_left"]) == ("km", 400)
    with Session(engine) as session, session.begin():
        session.get(Asset, car).odometer_km = 45_000
    assert plan["id"] not in [d["plan"]["id"] for d in keeper.maintenance_due()["items"]]


def test_a_window_that_has_begun_starts_by_itself(rpc, bureau, observer):
    from assets.models.base import kit_tables
    from situok_kit.db import Transaction

    engine = bureau.engine
    car = make_item(engine, None, code=SEDAN, name="Suzuki Ertiga")
    keeper = rpc(bureau.keeper())
    begun = keeper.create_maintenance_record({
        "asset_id": car, "work": "Ganti aki", "starts_at": (utcnow() - timedelta(minutes=5)).isoformat(),
        "ends_at": (utcnow() + timedelta(hours=2)).isoformat()})
    later = keeper.create_maintenance_record({
        "asset_id": car, "work": "Spooring", "starts_at": (utcnow() + timedelta(hours=3)).isoformat(),
        "ends_at": (utcnow() + timedelta(hours=4)).isoformat()})
    watch = observer("resource_published")
    with Session(engine) as session, session.begin():
        started = maintenance.start_due(Transaction(session, kit_tables, {}, None))
    assert begun["id"] in started and later["id"] not in started
    assert keeper.get_maintenance_record(begun["id"])["status"] == "in_progress"
    assert keeper.get_maintenance_record(later["id"])["status"] == "scheduled"
    wait_for(lambda: [p for p in published(watch, car) if p["under_maintenance"] and not p["available"]],
             timeout=20, message="the vehicle published under maintenance")
