"""Leave requests and corrections through the running service: the caller's ``allowed_actions`` on real records
in each state, cancelling (its event, its history, and cancelled leave no longer counting in day statuses)."""
import base64

import pytest
from attendance_testkit import wita
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

ATTACHMENT = {"filename": "formulir-cuti.pdf", "content_type": "application/pdf",
              "content_b64": base64.b64encode(b"%PDF-1.4 formulir cuti").decode()}


def leave(kind: str, start: str, end: str | None = None) -> dict:
    return {"kind": kind, "start_date": start, "end_date": end or start, "reason": "Upacara adat di desa",
            "attachment": ATTACHMENT}


def actions(proxy, what: str, item_id: int) -> list[str]:
    return getattr(proxy, f"get_{what}")(item_id)["allowed_actions"]


def day_statuses(proxy, month: str, *days: str) -> list[str]:
    found = {d["day"]: d["status"] for d in proxy.employee_days(month)["days"]}
    return [found[day] for day in days]


def test_allowed_actions_differ_by_caller_and_state(rpc, bureau, clock_at):
    ids = bureau.employee_ids
    me = rpc(bureau.as_("teknisi"))
    supervisor = rpc(bureau.as_("kasubbag_pml", "kasubbag"))            # teknisi's supervisor
    head_above = rpc(bureau.as_("kabag_rt", "kepala_bagian"))           # head of the bagian above
    other_head = rpc(bureau.as_("kasubbag_dok", "kasubbag"))
    admin = rpc(bureau.admin())
    clock_at(wita("2026-06-01T08:00"))

    submitted = me.submit_request(leave("cuti", "2026-06-10", "2026-06-11"))
    assert submitted["status"] == "submitted" and submitted["allowed_actions"] == ["cancel"]
    request_id = submitted["id"]
    assert actions(me, "request", request_id) == ["cancel"]
    assert actions(supervisor, "request", request_id) == ["approve", "reject"]
    assert actions(head_above, "request", request_id) == ["approve", "reject"]
    assert actions(admin, "request", request_id) == []
    with pytest.raises(NotFound):
        other_head.get_request(request_id)
    listed = supervisor.list_requests({"employee_id": ids["teknisi"], "status": "submitted"})["items"]
    assert [(r["id"], r["allowed_actions"]) for r in listed] == [(request_id, ["approve", "reject"])]
    assert me.list_requests({"mine": True})["items"][0]["allowed_actions"] == ["cancel"]

    correction = me.submit_correction({"day": "2026-05-29", "kind": "check_out", "time": "14:30",
                                       "reason": "Lupa absen pulang"})
    assert correction["allowed_actions"] == ["cancel"]
    assert actions(supervisor, "correction", correction["id"]) == ["approve", "reject"]
    assert actions(head_above, "correction", correction["id"]) == ["approve", "reject"]
    assert actions(admin, "correction", correction["id"]) == []
    assert supervisor.list_corrections({"employee_id": ids["teknisi"]})["items"][0]["allowed_actions"] == [
        "approve", "reject"]

    approved = supervisor.approve_request(request_id, "Silakan")
    assert approved["status"] == "approved" and approved["allowed_actions"] == []
    assert actions(me, "request", request_id) == ["cancel"]              # approved, before its first day
    assert actions(head_above, "request", request_id) == []
    clock_at(wita("2026-06-10T07:00"))                                  # its first day has come
    assert actions(me, "request", request_id) == []

    decided = head_above.approve_correction(correction["id"])
    assert decided["allowed_actions"] == []
    assert actions(me, "correction", correction["id"]) == []
    assert actions(supervisor, "correction", correction["id"]) == []


def test_cancelling_requests_and_corrections(rpc, bureau, clock_at, observer):
    events = observer("request_cancelled", "correction_cancelled")
    ids = bureau.employee_ids
    me = rpc(bureau.as_("pramu_bakti"))
    supervisor = rpc(bureau.as_("kasubbag_rtp", "kasubbag"))
    clock_at(wita("2026-06-01T08:00"))
    cuti = me.submit_request(leave("cuti", "2026-06-10", "2026-06-11"))
    izin = me.submit_request(leave("izin", "2026-06-15"))
    supervisor.approve_request(cuti["id"])
    supervisor.approve_request(izin["id"])

    clock_at(wita("2026-06-09T16:00"))                                  # the day before the cuti
    with pytest.raises(Forbidden):                                      # only the employee cancels
        supervisor.cancel_request(cuti["id"])
    cancelled = me.cancel_request(cuti["id"], "Upacara diundur")
    assert cancelled["status"] == "cancelled" and cancelled["allowed_actions"] == []
    assert (cancelled["cancelled_by_employee_id"], cancelled["cancel_reason"]) == (ids["pramu_bakti"],
                                                                                   "Upacara diundur")
    assert cancelled["decided_by_employee_id"] == ids["kasubbag_rtp"]    # the approval stays on record
    with pytest.raises(Conflict):
        me.cancel_request(cuti["id"])
    with pytest.raises(Conflict):
        supervisor.approve_request(cuti["id"])
    again = me.submit_request(leave("cuti", "2026-06-11"))             # a cancelled leave frees its dates
    me.cancel_request(again["id"])

    clock_at(wita("2026-06-15T07:00"))                                  # the izin has begun
    with pytest.raises(ValidationFailed) as err:
        me.cancel_request(izin["id"])
    assert "start_date" in err.value.fields

    clock_at(wita("2026-06-16T18:00"))
    assert day_statuses(me, "2026-06", "2026-06-10", "2026-06-11", "2026-06-15") == ["alpa", "alpa", "izin"]

    correction = me.submit_correction({"day": "2026-06-16", "kind": "check_in", "time": "07:25",
                                       "reason": "Lupa absen masuk"})
    withdrawn = me.cancel_correction(correction["id"])
    assert withdrawn["status"] == "cancelled" and withdrawn["cancel_reason"] is None
    with pytest.raises(Conflict):
        supervisor.approve_correction(correction["id"])
    with pytest.raises(ValidationFailed) as err:
        me.cancel_correction(correction["id"], "x" * 1001)
    assert "reason" in err.value.fields

    assert bureau.scalar("SELECT count(*) FROM leave_requests WHERE employee_id = :i AND status = 'cancelled'",
                         {"i": ids["pramu_bakti"]}) == 2                # kept, never deleted
    wait_for(lambda: {(e["type"], e["data"]["id"], e["data"]["status"]) for e in events.poll()} >= {
        ("attendance.request_cancelled", cuti["id"], "cancelled"),
        ("attendance.correction_cancelled", correction["id"], "cancelled")}, message="cancel events")


def test_migration_matches_the_models(attendance_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from attendance.models import Base

    with attendance_db[1].connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
