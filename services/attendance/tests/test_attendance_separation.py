"""Separation of duties on leave requests and corrections, without a database: the employee a record is about
never approves or rejects it, whatever else they are (a supervisor's own request goes to their supervisor)."""
import pytest
from attendance.domain.access import Viewer
from attendance.domain.workflow import CORRECTION, LEAVE_REQUEST, SUPERVISOR, capacities
from attendance.models import RosterEmployee
from situok_kit.errors import Forbidden
from situok_kit.identity import Identity

HEAD = RosterEmployee(id=20, unit_id=30, supervisor_id=None)


def head_viewer() -> Viewer:
    ident = Identity(account_id=2, username="kabag", employee_id=20, roles=frozenset({"kepala_bagian", "pegawai"}))
    return Viewer(ident, False, frozenset({30, 31}), frozenset({10}))


def test_a_unit_head_is_no_supervisor_of_their_own_record():
    assert SUPERVISOR not in capacities(head_viewer(), HEAD)


@pytest.mark.parametrize("table", [LEAVE_REQUEST, CORRECTION])
def test_even_a_supervising_capacity_never_decides_ones_own_record(table):
    # should ``Viewer.manages`` ever count oneself, the table still refuses
    own = capacities(head_viewer(), HEAD) | {SUPERVISOR}
    assert table.allowed_actions("submitted", own) == ["cancel"]
    for action, verb in (("approve", "disetujui"), ("reject", "ditolak")):
        with pytest.raises(Forbidden) as refused:
            table.check(action, "submitted", own, verb=verb)
        assert "pemisahan tugas" in refused.value.message
    # a supervisor deciding someone else's record is unaffected
    assert table.allowed_actions("submitted", {SUPERVISOR}) == ["approve", "reject"]
