"""The workflow tables and the caller's capacities, without a database: who may approve, reject or cancel a
leave request or a correction in each state, and the before-the-first-day guard."""
from datetime import date

import pytest
from attendance.domain.access import Viewer
from attendance.domain.workflow import (
    ACTIONS,
    ADMIN,
    CORRECTION,
    LEAVE_REQUEST,
    OWNER,
    PARTICIPANT,
    SUPERVISOR,
    capacities,
    correction_guards,
    request_guards,
)
from attendance.models import REQUEST_STATUSES, Correction, LeaveRequest, RosterEmployee
from situok_contracts.events import Attendance
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.identity import Identity

EMPLOYEE = RosterEmployee(id=10, unit_id=31, supervisor_id=20)     # in sub-unit 31 of bagian 30
TODAY = date(2026, 6, 9)


def viewer(employee_id=None, *, supervised=(), unit_ids=(), admin=False) -> Viewer:
    roles = frozenset({"admin"} if admin else {"pegawai"})
    ident = Identity(account_id=1, username="u", employee_id=employee_id, roles=roles)
    return Viewer(ident, admin, frozenset(unit_ids), frozenset(supervised))


CALLERS = {
    "owner": viewer(10),
    "supervisor": viewer(20, supervised={10}),
    "unit head above": viewer(40, unit_ids={30, 31}),               # heads bagian 30 and its sub-unit 31
    "head of another unit": viewer(41, unit_ids={50}),
    "admin": viewer(admin=True),
    "stranger": viewer(42),
}


def leave(status: str, start: date = date(2026, 6, 10)) -> LeaveRequest:
    return LeaveRequest(id=1, employee_id=10, status=status, start_date=start, end_date=start)


def correction(status: str) -> Correction:
    return Correction(id=1, employee_id=10, status=status, day=date(2026, 6, 1))


def request_actions(caller: str, status: str, start: date = date(2026, 6, 10)) -> list[str]:
    item = leave(status, start)
    return LEAVE_REQUEST.allowed_actions(status, capacities(CALLERS[caller], EMPLOYEE), request_guards(item, TODAY))


def correction_actions(caller: str, status: str) -> list[str]:
    item = correction(status)
    return CORRECTION.allowed_actions(status, capacities(CALLERS[caller], EMPLOYEE),
                                      correction_guards(item, TODAY))


def test_capacities():
    assert capacities(CALLERS["owner"], EMPLOYEE) == {OWNER, PARTICIPANT}
    assert capacities(CALLERS["supervisor"], EMPLOYEE) == {SUPERVISOR}
    assert capacities(CALLERS["unit head above"], EMPLOYEE) == {SUPERVISOR}
    assert capacities(CALLERS["head of another unit"], EMPLOYEE) == set()
    assert capacities(CALLERS["admin"], EMPLOYEE) == {ADMIN}
    assert capacities(CALLERS["stranger"], EMPLOYEE) == set()
    # a unit head is never the supervisor of their own records
    assert capacities(viewer(10, unit_ids={31}), EMPLOYEE) == {OWNER, PARTICIPANT}


@pytest.mark.parametrize("caller,submitted,approved,rejected,cancelled", [
    ("owner", ["cancel"], ["cancel"], [], []),
    ("supervisor", ["approve", "reject"], [], [], []),
    ("unit head above", ["approve", "reject"], [], [], []),
    ("head of another unit", [], [], [], []),
    ("admin", [], [], [], []),
    ("stranger", [], [], [], []),
])
def test_leave_request_actions_by_caller_and_state(caller, submitted, approved, rejected, cancelled):
    assert request_actions(caller, "submitted") == submitted
    assert request_actions(caller, "approved") == approved
    assert request_actions(caller, "rejected") == rejected
    assert request_actions(caller, "cancelled") == cancelled


@pytest.mark.parametrize("caller,submitted", [
    ("owner", ["cancel"]), ("supervisor", ["approve", "reject"]), ("unit head above", ["approve", "reject"]),
    ("head of another unit", []), ("admin", []), ("stranger", []),
])
def test_correction_actions_by_caller_and_state(caller, submitted):
    assert correction_actions(caller, "submitted") == submitted
    for status in ("approved", "rejected", "cancelled"):          # an approved correction stays
        assert correction_actions(caller, status) == []


def test_an_approved_leave_is_cancelled_only_before_its_first_day():
    assert request_actions("owner", "approved", start=date(2026, 6, 10)) == ["cancel"]
    assert request_actions("owner", "approved", start=TODAY) == []                  # the first day: too late
    assert request_actions("owner", "approved", start=date(2026, 6, 1)) == []
    assert request_actions("owner", "submitted", start=date(2026, 6, 1)) == ["cancel"]   # not yet decided: any time
    started = leave("approved", TODAY)
    with pytest.raises(ValidationFailed) as err:
        LEAVE_REQUEST.check("cancel", "approved", {OWNER}, request_guards(started, TODAY))
    assert "start_date" in err.value.fields


def test_commands_are_checked_by_the_table():
    guards = request_guards(leave("submitted"), TODAY)
    step = LEAVE_REQUEST.check("approve", "submitted", {SUPERVISOR}, guards)
    assert (step.target, step.event) == ("approved", Attendance.REQUEST_APPROVED)
    with pytest.raises(Forbidden) as denied:                       # nobody approves their own request
        LEAVE_REQUEST.check("approve", "submitted", {OWNER}, guards)
    assert denied.value.message == "Anda tidak berwenang memutuskan pengajuan ini."
    with pytest.raises(Forbidden):                                 # admin reads, never decides
        CORRECTION.check("reject", "submitted", {ADMIN}, {})
    with pytest.raises(Forbidden):                                 # only the employee cancels
        CORRECTION.check("cancel", "submitted", {SUPERVISOR}, {})
    with pytest.raises(Conflict) as decided:
        CORRECTION.check("reject", "approved", {SUPERVISOR}, {}, verb="ditolak")
    assert decided.value.message == "Koreksi berstatus disetujui tidak dapat ditolak."


def test_each_step_names_its_event_and_the_tables_cover_the_statuses():
    assert {(s.action, s.event) for s in LEAVE_REQUEST.steps} == {
        ("approve", Attendance.REQUEST_APPROVED), ("reject", Attendance.REQUEST_REJECTED),
        ("cancel", Attendance.REQUEST_CANCELLED)}
    assert {(s.action, s.event) for s in CORRECTION.steps} == {
        ("approve", Attendance.CORRECTION_APPROVED), ("reject", Attendance.CORRECTION_REJECTED),
        ("cancel", Attendance.CORRECTION_CANCELLED)}
    assert set(LEAVE_REQUEST.states) == set(CORRECTION.states) == set(REQUEST_STATUSES)
    assert LEAVE_REQUEST.actions == CORRECTION.actions == ACTIONS
