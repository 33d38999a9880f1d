"""The supervisor's review queue (``domain.review``): the rule as pure functions, then the whole path through
attendance's RPC — a flagged check-in reaches its supervisor with its reasons, staff are refused, another unit's
supervisor does not see it, it is marked reviewed once (and never by the employee), with an event."""
from datetime import UTC, date, datetime

import pytest
from attendance.domain import review
from attendance.domain.access import Viewer
from attendance.models import AttendanceRecord, RosterEmployee
from attendance_testkit import position, wita
from situok_kit.errors import Conflict, Forbidden, NotFound
from situok_kit.identity import Identity
from situok_kit.testing import wait_for

AT = datetime(2026, 8, 3, 0, 0, tzinfo=UTC)


def viewer(employee_id, *, unit_ids=(), supervised=(), admin=False) -> Viewer:
    ident = Identity(account_id=employee_id or 1, username="u", employee_id=employee_id,
                     roles=frozenset({"admin"} if admin else ()))
    return Viewer(ident, admin, frozenset(unit_ids), frozenset(supervised))


EMPLOYEE = RosterEmployee(id=7, unit_id=50, supervisor_id=3)


def record(check_in_review=True, check_out_review=False, checked_out=True) -> AttendanceRecord:
    return AttendanceRecord(id=1, employee_id=7, day=date(2026, 8, 3), check_in_at=AT, check_in_review=check_in_review,
                            check_in_review_reasons="akurasi", check_out_at=AT if checked_out else None,
                            check_out_review=check_out_review, check_out_review_reasons=None)


# -- the rule (pure) -----------------------------------------------------------------------------------

@pytest.mark.parametrize("who, may", [
    ("supervisor", True), ("head of the unit", True), ("head of another unit", False), ("admin", False),
    ("the employee", False), ("the employee heading their own unit", False), ("stranger", False),
])
def test_who_may_review(who, may):
    callers = {
        "supervisor": viewer(3, supervised={7}),
        "head of the unit": viewer(40, unit_ids={50, 51}),
        "head of another unit": viewer(41, unit_ids={60}),
        "admin": viewer(None, admin=True),
        "the employee": viewer(7),
        "the employee heading their own unit": viewer(7, unit_ids={50}, supervised={7}),
        "stranger": viewer(99),
    }
    view = callers[who]
    assert review.may_review(view, EMPLOYEE) is may
    assert review.allowed_actions(view, EMPLOYEE, record()) == (["mark_reviewed"] if may else [])


def test_queue_is_for_supervisors_and_admin():
    assert review.may_see_queue(viewer(3, supervised={7})) and review.may_see_queue(viewer(None, admin=True))
    assert not review.may_see_queue(viewer(7))


def test_flagged_sides_and_nothing_to_do_once_reviewed():
    assert review.flagged_sides(record(True, True)) == ("check_in", "check_out")
    assert review.flagged_sides(record(False, True)) == ("check_out",)
    assert review.flagged_sides(record(False, True, checked_out=False)) == ()
    assert review.allowed_actions(viewer(3, supervised={7}), EMPLOYEE, record(False, False)) == []


def test_reasons_carry_their_indonesian_labels():
    assert review.reasons(("luar_area", "akurasi")) == [
        {"code": "luar_area", "label": "Di luar area kantor"},
        {"code": "akurasi", "label": "Akurasi lokasi buruk atau tidak dilaporkan"}]


# -- through the service ------------------------------------------------------------------------------------

@pytest.mark.integration
def test_review_queue_and_marking_reviewed(rpc, bureau, clock_at, observer):
    seen = observer()
    me = rpc(bureau.as_("dokumentasi"))
    supervisor = rpc(bureau.as_("kasubbag_dok", "kasubbag"))
    other = rpc(bureau.as_("kasubbag_rtp", "kasubbag"))
    admin = rpc(bureau.admin())
    day = {"date_from": "2026-10-05", "date_to": "2026-10-05"}

    clock_at(wita("2026-10-05T07:25"))
    flagged = me.check_in(position(accuracy=None))                     # no accuracy reported: akurasi
    assert flagged["check_in"]["review_reasons"] == ["akurasi"]

    queue = supervisor.review_queue(day)
    (item,) = [i for i in queue["items"] if i["id"] == flagged["id"]]
    assert item["employee_id"] == bureau.employee_ids["dokumentasi"] and item["employee_name"]
    assert item["day"] == "2026-10-05" and item["allowed_actions"] == ["mark_reviewed"]
    (side,) = item["sides"]
    assert side["side"] == "check_in" and side["accuracy"] is None and side["location"]
    assert side["reasons"] == [{"code": "akurasi", "label": "Akurasi lokasi buruk atau tidak dilaporkan"}]
    assert any(i["id"] == flagged["id"] for i in admin.review_queue(day)["items"])
    assert all(i["allowed_actions"] == [] for i in admin.review_queue(day)["items"])
    assert all(i["id"] != flagged["id"] for i in other.review_queue(day)["items"])

    with pytest.raises(Forbidden):
        me.review_queue()
    with pytest.raises(Forbidden):                                     # never one's own
        me.mark_reviewed(flagged["id"], "check_in")
    with pytest.raises(NotFound):                                      # another unit's record is unseen
        other.mark_reviewed(flagged["id"], "check_in")
    with pytest.raises(Forbidden):                                     # admin reads, reviewing is the supervisors'
        admin.mark_reviewed(flagged["id"], "check_in")
    with pytest.raises(Conflict):                                      # the check-out is not flagged
        supervisor.mark_reviewed(flagged["id"], "check_out")

    done = supervisor.mark_reviewed(flagged["id"], "check_in", "Sinyal lemah di ruang rapat")
    assert (done["side"], done["reasons"], done["note"], done["allowed_actions"]) == (
        "check_in", ["akurasi"], "Sinyal lemah di ruang rapat", [])
    assert done["reviewed_by_employee_id"] == bureau.employee_ids["kasubbag_dok"]
    assert bureau.scalar("SELECT check_in_review FROM attendance_records WHERE id = :i", {"i": flagged["id"]}) is False
    assert bureau.scalar("SELECT check_in_review_note FROM attendance_records WHERE id = :i",
                         {"i": flagged["id"]}) == "Sinyal lemah di ruang rapat"
    assert all(i["id"] != flagged["id"] for i in supervisor.review_queue(day)["items"])
    with pytest.raises(Conflict):                                      # once
        supervisor.mark_reviewed(flagged["id"], "check_in")
    with pytest.raises(NotFound):
        supervisor.mark_reviewed(999999, "check_in")

    wait_for(lambda: any(e["type"] == "attendance.record_reviewed" and e["data"]["id"] == flagged["id"]
                         for e in seen.poll()), timeout=15, message="attendance.record_reviewed")


@pytest.mark.integration
def test_review_queue_pages_newest_day_first(rpc, bureau, clock_at):
    me = rpc(bureau.as_("dokumentasi"))
    supervisor = rpc(bureau.as_("kasubbag_dok", "kasubbag"))
    ids = []
    for day in ("2026-10-12", "2026-10-13", "2026-10-14"):
        clock_at(wita(f"{day}T07:25"))
        ids.append(me.check_in(position(accuracy=900))["id"])
    span = {"date_from": "2026-10-12", "date_to": "2026-10-14"}
    first = supervisor.review_queue(span, limit=2)
    assert [i["id"] for i in first["items"]] == [ids[2], ids[1]] and first["next_cursor"]
    second = supervisor.review_queue(span, cursor=first["next_cursor"], limit=2)
    assert [i["id"] for i in second["items"]] == [ids[0]] and second["next_cursor"] is None
