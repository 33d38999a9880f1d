"""Approved leave from kepegawaian, through the real broker: ``kepegawaian.leave_approved`` of a non-ASN employee
turns each of its days into ``cuti`` (the employee's days and the unit's monthly recap), a cancellation takes them
back; ASN leave (PNS, PPPK) is not attendance's and is ignored. The events are published as kepegawaian's outbox
relay does (kepegawaian itself is tested end to end in tests/e2e/test_leave_attendance_booking.py)."""
import pytest
from attendance_testkit import publish_event, wita
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration


def day_of(days: dict, iso: str) -> dict:
    return next(d for d in days["days"] if d["day"] == iso)


def row_of(recap: dict, employee_id: int) -> dict:
    return next(r for r in recap["employees"] if r["employee_id"] == employee_id)


def leave_event(bureau, username: str, leave_id: int, employment_type: str, status: str = "approved") -> dict:
    return {"id": leave_id, "employee_id": bureau.employee_ids[username], "employee_name": username, "nip": None,
            "employment_type": employment_type, "unit_id": bureau.unit_ids["BUP.TU.TUP"], "kind": "non_asn",
            "kind_name": "Cuti Pegawai Non-ASN",
            "start_date": "2026-10-06", "end_date": "2026-10-07", "days": 2, "half_day": None, "status": status,
            "decided_at": "2026-10-01T02:00:00+00:00"}


def test_non_asn_leave_shows_cuti_and_cancelling_takes_it_off(rpc, bureau, clock_at, broker_uri):
    me = rpc(bureau.as_("admin_umum"))
    supervisor = rpc(bureau.as_("kasubbag_tup", "kasubbag"))
    employee_id = bureau.employee_ids["admin_umum"]
    clock_at(wita("2026-10-09T10:00"))                               # Friday; Mon 5 … Thu 8 October are past

    def statuses():
        days = me.employee_days("2026-10")
        return [day_of(days, f"2026-10-0{d}")["status"] for d in (5, 6, 7, 8)]

    assert statuses() == ["alpa", "alpa", "alpa", "alpa"]
    before = row_of(supervisor.monthly_recap("2026-10"), employee_id)
    event = leave_event(bureau, "admin_umum", 915001, "non_asn")
    publish_event(broker_uri, "kepegawaian.leave_approved", event)
    wait_for(lambda: statuses() == ["alpa", "cuti", "cuti", "alpa"], timeout=15,
             message="leave_approved to mark cuti")
    after = row_of(supervisor.monthly_recap("2026-10"), employee_id)
    assert after["days"]["cuti"] == before["days"]["cuti"] + 2
    assert after["days"]["alpa"] == before["days"]["alpa"] - 2

    publish_event(broker_uri, "kepegawaian.leave_cancelled", {**event, "status": "cancelled"})
    wait_for(lambda: statuses() == ["alpa", "alpa", "alpa", "alpa"], timeout=15,
             message="leave_cancelled to take cuti off")
    # a late redelivery of the approval (a new event id) does not bring the cancelled leave back
    publish_event(broker_uri, "kepegawaian.leave_approved", event)
    wait_for(lambda: bureau.scalar("SELECT count(*) FROM kepegawaian_leaves WHERE leave_id = 915001 AND cancelled")
             == 1, timeout=15, message="the cancelled leave kept")
    assert statuses() == ["alpa", "alpa", "alpa", "alpa"]


def test_asn_leave_is_ignored(rpc, bureau, broker_uri):
    ids = [publish_event(broker_uri, "kepegawaian.leave_approved", leave_event(bureau, username, leave_id, kind))
           for leave_id, (username, kind) in enumerate((("pegawai", "pns"), ("operator", "pppk")), 915101)]
    wait_for(lambda: bureau.scalar("SELECT count(*) FROM processed_events WHERE event_id IN (:a, :b)",
                                   {"a": ids[0], "b": ids[1]}) == 2, timeout=15, message="both events handled")
    assert bureau.scalar("SELECT count(*) FROM kepegawaian_leaves WHERE leave_id IN (915101, 915102)") == 0
