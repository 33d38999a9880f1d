"""Recurring series through the running service: a weekly series with a moved and a cancelled occurrence,
approving a series that reports each occurrence that conflicts, "this and following" splitting a series, who may
do what (403/404), and the series events."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from booking_core import make_resource
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration


def series_data(resource_id: int, **extra) -> dict:
    """Mondays and Wednesdays of March 2031, 09:00–11:00 WITA (9 occurrences)."""
    return {"resource_id": resource_id, "frequency": "weekly", "weekdays": [1, 3], "starts_on": "2031-03-01",
            "until_on": "2031-03-31", "start_time": "09:00", "end_time": "11:00",
            "purpose": "Rapat koordinasi mingguan", "participants": 12} | extra


def wita(moment: str) -> datetime:
    return datetime.fromisoformat(moment).astimezone(WITA)


def by_day(series: dict) -> dict[date, dict]:
    return {wita(o["occurrence_start"]).date(): o for o in series["occurrences"]}


def events(watch, name: str, series_id: int) -> list[dict]:
    return [e["data"] for e in watch.of_type(name) if e["data"].get("series_id") == series_id]


def test_a_recurring_series_with_a_moved_and_a_cancelled_occurrence(rpc, bureau, booking_db, observer):
    _, engine = booking_db
    room = make_resource(engine)
    watch = observer("series_created", "series_decided", "series_split", "approved")
    staff, kabag = rpc(bureau.pegawai()), rpc(bureau.kabag())
    series = staff.create_series(series_data(room))
    assert series["rule_text"] == "Setiap minggu pada Senin, Rabu, 09.00–11.00 WITA"
    assert series["counts"]["pending"] == 9 and series["status"] == "active"
    assert series["allowed_actions"] == ["cancel", "edit_following"]
    days = by_day(series)
    assert sorted(d.day for d in days) == [3, 5, 10, 12, 17, 19, 24, 26, 31]
    monday = days[date(2031, 3, 3)]
    assert wita(monday["starts_at"]).hour == 9 and monday["status"] == "pending"
    assert "reschedule" in monday["allowed_actions"]
    created = wait_for(lambda: events(watch, "booking.series_created", series["id"]), timeout=20,
                       message="booking.series_created")[0]
    assert len(created["occurrence_ids"]) == 9 and created["conflicting_ids"] == []
    assert "contact_phone" not in created

    # one occurrence moved alone (10 March 09:00 → 14:00), another cancelled alone
    moved_id, cancelled_id = days[date(2031, 3, 10)]["id"], days[date(2031, 3, 12)]["id"]
    moved = staff.move_occurrence(moved_id, {"starts_at": "2031-03-10T14:00:00+08:00",
                                             "ends_at": "2031-03-10T16:00:00+08:00"})
    assert moved["detached"] is True and wita(moved["starts_at"]).hour == 14
    assert wita(moved["occurrence_start"]).hour == 9  # the slot the rule gave it stays
    with pytest.raises(ValidationFailed) as no_reason:
        staff.cancel_occurrence(cancelled_id, {})
    assert "reason" in no_reason.value.fields
    assert staff.cancel_occurrence(cancelled_id, {"reason": "Kepala biro dinas luar"})["status"] == "cancelled"

    # the approver approves the series: the moved one at its new time, the cancelled one stays cancelled
    assert kabag.get_series(series["id"])["allowed_actions"] == ["approve", "reject", "cancel"]
    report = kabag.decide_series(series["id"], {"decision": "approve", "note": "Silakan"})
    assert len(report["approved_ids"]) == 8 and moved_id in report["approved_ids"]
    assert cancelled_id not in report["approved_ids"] and report["conflicting"] == []
    after = by_day(report["series"])
    assert after[date(2031, 3, 10)]["status"] == "approved" and wita(after[date(2031, 3, 10)]["starts_at"]).hour == 14
    assert after[date(2031, 3, 12)]["status"] == "cancelled"
    assert report["series"]["counts"] == {"pending": 0, "approved": 8, "rejected": 0, "cancelled": 1}
    decided = wait_for(lambda: events(watch, "booking.series_decided", series["id"]), timeout=20,
                       message="booking.series_decided")[0]
    assert decided["decision"] == "approve" and sorted(decided["approved_ids"]) == sorted(report["approved_ids"])
    wait_for(lambda: moved_id in [e["data"]["booking_id"] for e in watch.of_type("booking.approved")], timeout=20,
             message="the occurrence's own booking.approved")

    # the series' later edit (this and following from 5 March) leaves the moved one as it is
    new = staff.edit_following(days[date(2031, 3, 5)]["id"], {"start_time": "10:00", "end_time": "12:00"})
    assert new["split_from_id"] == series["id"] and date(2031, 3, 10) in [
        date.fromisoformat(d) for d in new["except_dates"]]
    assert date(2031, 3, 10) not in by_day(new)
    old = staff.get_series(series["id"])
    kept = by_day(old)[date(2031, 3, 10)]
    assert (kept["status"], wita(kept["starts_at"]).hour, kept["cancel_reason"]) == ("approved", 14, None)
    assert by_day(old)[date(2031, 3, 3)]["status"] == "approved"
    assert by_day(old)[date(2031, 3, 17)]["cancel_reason"] == "diganti seri baru"
    split = wait_for(lambda: events(watch, "booking.series_split", series["id"]), timeout=20,
                     message="booking.series_split")[0]
    assert split["new_series_id"] == new["id"] and split["kept_ids"] == [moved_id]


def test_approving_a_series_reports_each_occurrence_that_conflicts(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine)
    kabag = rpc(bureau.kabag())
    # an approved single booking on one occurrence's slot beforehand (Wednesday 19 March, 10:00–12:00)
    single = rpc(bureau.keeper()).create_booking({
        "resource_id": room, "starts_at": "2031-03-19T10:00:00+08:00", "ends_at": "2031-03-19T12:00:00+08:00",
        "purpose": "Rapat anggaran"})
    kabag.approve_booking(single["id"])
    series = rpc(bureau.pegawai()).create_series(series_data(room))
    clash = by_day(series)[date(2031, 3, 19)]
    assert [c["booking_id"] for c in series["conflicting"][0]["conflicts"]] == [single["id"]]
    assert series["conflicting"][0]["booking_id"] == clash["id"]

    report = kabag.decide_series(series["id"], {"decision": "approve"})
    assert len(report["approved_ids"]) == 8 and clash["id"] not in report["approved_ids"]
    assert [(c["booking_id"], [x["booking_id"] for x in c["conflicts"]]) for c in report["conflicting"]] == [
        (clash["id"], [single["id"]])]
    assert by_day(report["series"])[date(2031, 3, 19)]["status"] == "pending"
    # the one left pending can be rejected later with a reason; nothing else waits
    with pytest.raises(ValidationFailed) as no_reason:
        kabag.decide_series(series["id"], {"decision": "reject"})
    assert "note" in no_reason.value.fields
    rejected = kabag.decide_series(series["id"], {"decision": "reject", "note": "Ruangan dipakai rapat anggaran"})
    assert rejected["rejected_ids"] == [clash["id"]] and rejected["series"]["counts"]["rejected"] == 1


def test_edit_following_splits_the_series(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine)
    staff = rpc(bureau.pegawai())
    series = staff.create_series(series_data(room))
    days = by_day(series)
    new = staff.edit_following(days[date(2031, 3, 17)]["id"], {
        "start_time": "13:00", "end_time": "14:30", "weekdays": [2], "purpose": "Rapat koordinasi (jam baru)"})
    old = staff.get_series(series["id"])
    assert old["until_on"] == "2031-03-16" and old["status"] == "active" and old["split_into_id"] == new["id"]
    earlier = [o for d, o in by_day(old).items() if d < date(2031, 3, 17)]
    assert len(earlier) == 4 and {o["status"] for o in earlier} == {"pending"}
    assert {o["starts_at"] for o in earlier} == {days[d]["starts_at"] for d in days if d < date(2031, 3, 17)}
    later = [o for d, o in by_day(old).items() if d >= date(2031, 3, 17)]
    assert {(o["status"], o["cancel_reason"]) for o in later} == {("cancelled", "diganti seri baru")}
    assert (new["starts_on"], new["until_on"], new["weekdays"]) == ("2031-03-17", "2031-03-31", [2])
    assert [(d.day, wita(o["starts_at"]).strftime("%H:%M"), o["status"]) for d, o in by_day(new).items()] == [
        (18, "13:00", "pending"), (25, "13:00", "pending")]
    assert new["purpose"] == "Rapat koordinasi (jam baru)" and new["counts"]["pending"] == 2
    assert [s["id"] for s in staff.list_my_series(limit=2)["items"]] == [new["id"], series["id"]]
    # the new rule's limits are checked like a new series'
    with pytest.raises(ValidationFailed) as refused:
        staff.edit_following(by_day(new)[date(2031, 3, 18)]["id"], {"start_time": "15:00", "end_time": "14:00"})
    assert "end_time" in refused.value.fields


def test_who_may_do_what_to_a_series(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine)
    staff, kabag, other = rpc(bureau.pegawai()), rpc(bureau.kabag()), rpc(bureau.driver())
    series = staff.create_series(series_data(room, frequency="monthly", weekdays=[], starts_on="2031-01-31",
                                              until_on="2031-05-31"))
    assert [o["starts_at"][:10] for o in series["occurrences"]] == ["2031-01-31", "2031-03-31", "2031-05-31"]
    assert series["skipped_months"] == ["2031-02-01", "2031-04-01"]
    first = series["occurrences"][0]["id"]
    with pytest.raises(NotFound):
        other.get_series(series["id"])
    with pytest.raises(Forbidden):
        staff.decide_series(series["id"], {"decision": "approve"})  # the requester never approves their own
    with pytest.raises(Forbidden):
        other.move_occurrence(first, {"starts_at": "2031-01-31T14:00:00+08:00",
                                      "ends_at": "2031-01-31T15:00:00+08:00"})
    with pytest.raises(Forbidden):
        kabag.edit_following(first, {"start_time": "10:00"})
    with pytest.raises(NotFound):
        other.edit_following(first, {"start_time": "10:00"})
    with pytest.raises(NotFound):
        other.cancel_series(series["id"], {"reason": "Bukan milik saya"})
    with pytest.raises(ValidationFailed) as bad:
        staff.create_series(series_data(room, until_on="2032-03-31", interval=0) | {"resource_id": "x"})
    assert {"interval", "resource_id"} <= set(bad.value.fields)
    with pytest.raises(ValidationFailed) as beyond:
        staff.create_series(series_data(room, until_on="2032-03-31"))
    assert set(beyond.value.fields) == {"until_on"}
    vehicle = make_resource(engine, "vehicle", capacity=7)
    with pytest.raises(ValidationFailed) as not_a_room:
        staff.create_series(series_data(vehicle))
    assert set(not_a_room.value.fields) == {"resource_id"}
    # the approver cancels the whole series
    cancelled = kabag.cancel_series(series["id"], {"reason": "Ruangan direnovasi"})
    assert cancelled["status"] == "cancelled" and cancelled["counts"]["cancelled"] == 3
    assert cancelled["allowed_actions"] == []
    with pytest.raises(Conflict):
        staff.cancel_series(series["id"], {"reason": "Lagi"})
