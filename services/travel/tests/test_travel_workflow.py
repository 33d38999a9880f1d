"""The order workflow table and the caller's capacities, without a database or broker.

Five callers look at one order in every status: its requester (a Kasubbag who asked for a staff member),
the traveller, the Kepala Bagian above them (the approver), an admin and a stranger.
"""
from datetime import date

import pytest
from situok_contracts.events import Booking, Kepegawaian, Personnel, Travel, names
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.identity import Identity
from travel import events
from travel.domain.access import Caller, capacities
from travel.domain.reading import allowed_actions
from travel.domain.workflow import ORDER, STATUS_LABELS, VERBS, guards
from travel.models import STATUSES, Order, OrderTraveller

BAGIAN, SUBBAGIAN, OTHER_BAGIAN = 10, 11, 20
RULES = {"staff": frozenset({"kepala_bagian", "pimpinan"}), "eselon_iv": frozenset({"kepala_bagian", "pimpinan"}),
         "kepala_bagian": frozenset({"pimpinan"}), "pimpinan": frozenset({"pimpinan"})}


def caller(account_id, employee_id, *roles, units=None) -> Caller:
    identity = Identity(account_id=account_id, username=f"u{account_id}", employee_id=employee_id,
                        roles=frozenset(roles))
    return Caller(identity, RULES, units)


REQUESTER = caller(1, 101, "kasubbag", "pegawai", units=frozenset({SUBBAGIAN}))
TRAVELLER = caller(2, 102, "pegawai")
APPROVER = caller(3, 103, "kepala_bagian", "pegawai", units=frozenset({BAGIAN, SUBBAGIAN}))
ADMIN = caller(4, None, "admin")
STRANGER = caller(5, 105, "pegawai")
CALLERS = {"requester": REQUESTER, "traveller": TRAVELLER, "approver": APPROVER, "admin": ADMIN,
           "stranger": STRANGER}


def order(status="draft", *travellers) -> Order:
    travellers = travellers or (OrderTraveller(employee_id=102, unit_id=SUBBAGIAN, rank="staff"),)
    return Order(id=1, status=status, requester_account_id=1, unit_id=SUBBAGIAN, departure_date=date(2026, 3, 2),
                 return_date=date(2026, 3, 3), travellers=list(travellers))


def actions(status, who, report_filed=False) -> list[str]:
    return allowed_actions(CALLERS[who], order(status), lambda: report_filed)


# -- capacities ------------------------------------------------------------------------------------------

def test_capacities_of_each_caller():
    assert {who: set(capacities(c, order())) for who, c in CALLERS.items()} == {
        "requester": {"requester", "creator"}, "traveller": {"traveller", "participant"}, "approver": {"approver"},
        "admin": {"admin"}, "stranger": set()}


def test_nobody_approves_a_trip_they_travel_on():
    own = order("submitted", OrderTraveller(employee_id=103, unit_id=BAGIAN, rank="kepala_bagian"))
    assert "approver" not in capacities(APPROVER, own)
    assert "sendiri" in APPROVER.approval_problem(own)


def test_the_highest_rank_decides_the_approver_role():
    with_kabag = order("submitted", OrderTraveller(employee_id=102, unit_id=SUBBAGIAN, rank="staff"),
                       OrderTraveller(employee_id=107, unit_id=BAGIAN, rank="kepala_bagian"))
    assert APPROVER.approval_problem(with_kabag) == "Perjalanan dinas pegawai tingkat kepala_bagian disetujui " \
                                                    "oleh: pimpinan."
    pimpinan = caller(6, 106, "pimpinan", units=frozenset({1, BAGIAN, SUBBAGIAN}))
    assert capacities(pimpinan, with_kabag) == {"approver"}


def test_an_approver_must_head_every_travellers_unit():
    outside = order("submitted", OrderTraveller(employee_id=102, unit_id=SUBBAGIAN, rank="staff"),
                    OrderTraveller(employee_id=108, unit_id=OTHER_BAGIAN, rank="staff"))
    assert "di luar unit kerja" in APPROVER.approval_problem(outside)
    without_unit = caller(3, 103, "kepala_bagian")
    assert without_unit.approval_problem(order()) == "Akun tanpa data pegawai aktif tidak dapat menyetujui."


def test_admin_is_no_approver_unless_a_rule_names_a_role_of_theirs():
    assert "approver" not in capacities(ADMIN, order("submitted"))
    assert Caller(ADMIN.identity, {}, None).approval_problem(order()) == \
        "Perjalanan dinas pegawai tingkat staff disetujui oleh: -."


def test_an_order_without_travellers_has_no_approver():
    empty = Order(id=2, status="draft", requester_account_id=1, unit_id=SUBBAGIAN, travellers=[])
    assert capacities(APPROVER, empty) == frozenset()
    assert capacities(ADMIN, empty) == {"admin"}


# -- allowed actions by caller and status ----------------------------------------------------------------

EXPECTED = {
    "draft": {"requester": ["edit", "submit", "cancel"], "traveller": [], "approver": ["cancel"],
              "admin": ["edit", "submit", "cancel"], "stranger": []},
    "submitted": {"requester": ["cancel"], "traveller": [], "approver": ["approve", "reject", "cancel"],
                  "admin": ["cancel"], "stranger": []},
    "approved": {"requester": [], "traveller": [], "approver": ["issue", "cancel"], "admin": ["issue", "cancel"],
                 "stranger": []},
    "issued": {"requester": ["report"], "traveller": ["record_leg", "report"], "approver": ["cancel"],
               "admin": ["cancel", "report"], "stranger": []},
    "completed": {"requester": ["realize"], "traveller": ["realize"], "approver": [], "admin": ["realize"],
                  "stranger": []},
    "rejected": dict.fromkeys(CALLERS, []),
    "realized": dict.fromkeys(CALLERS, []),
    "cancelled": dict.fromkeys(CALLERS, []),
}


@pytest.mark.parametrize("status", STATUSES)
def test_allowed_actions_by_caller_and_status(status):
    assert {who: actions(status, who) for who in CALLERS} == EXPECTED[status]


def test_completing_needs_a_filed_report():
    assert {who: actions("issued", who, report_filed=True) for who in CALLERS} == {
        "requester": ["report", "complete"], "traveller": ["record_leg", "report", "complete"],
        "approver": ["cancel"], "admin": ["cancel", "report", "complete"], "stranger": []}


def test_a_requester_travelling_themselves_holds_both_capacities():
    self_requested = caller(2, 102, "pegawai")
    trip = order("issued")
    trip.requester_account_id = 2
    assert capacities(self_requested, trip) == {"requester", "traveller", "creator", "participant"}
    assert allowed_actions(self_requested, trip, lambda: True) == ["record_leg", "report", "complete"]


def test_the_report_is_looked_up_only_when_completing_is_possible():
    asked = []

    def filed():
        asked.append(True)
        return True

    allowed_actions(APPROVER, order("issued"), filed)
    assert asked == []                                # an approver may not complete: no need to ask
    allowed_actions(TRAVELLER, order("issued"), filed)
    assert asked == [True]


# -- commands go through the same table --------------------------------------------------------------------

def test_check_answers_403_409_422_as_the_table_says():
    with pytest.raises(Forbidden):
        ORDER.check("approve", "submitted", capacities(ADMIN, order("submitted")), guards(lambda: True))
    with pytest.raises(Conflict) as wrong_state:
        ORDER.check("edit", "submitted", capacities(REQUESTER, order()), guards(lambda: True), verb=VERBS["edit"])
    assert wrong_state.value.message == "Perjalanan dinas berstatus diajukan tidak dapat diubah."
    with pytest.raises(ValidationFailed) as missing:
        ORDER.check("complete", "issued", capacities(TRAVELLER, order("issued")), guards(lambda: False))
    assert "report" in missing.value.fields
    step = ORDER.check("cancel", "issued", capacities(APPROVER, order("issued")), guards(lambda: True))
    assert (step.target, step.event) == ("cancelled", Travel.ORDER_CANCELLED)


# -- the table against the rest of the contract ----------------------------------------------------------------

def test_the_table_covers_every_status_event_and_verb():
    assert set(ORDER.states) == set(STATUSES) == set(STATUS_LABELS)
    assert set(ORDER.actions) == set(VERBS)
    assert set(ORDER.events) == set(events.PUBLISHED) == set(names(Travel))


def test_consumed_events_are_the_roster_consumers_bookings_official_vehicles_and_approved_leave():
    from travel.service import TravelService

    consumed = {f"{entrypoint.source_service}.{entrypoint.event_type}"
                for name in dir(TravelService)
                for entrypoint in getattr(getattr(TravelService, name), "nameko_entrypoints", None) or ()
                if hasattr(entrypoint, "event_type")}
    vehicles = {Booking.TRAVEL_VEHICLE_RESERVED, Booking.TRAVEL_VEHICLE_UNAVAILABLE}
    leave = {Kepegawaian.LEAVE_APPROVED, Kepegawaian.LEAVE_CANCELLED}
    assert consumed == set(events.CONSUMED)
    assert consumed - vehicles - leave <= set(names(Personnel)) and vehicles <= consumed and leave <= consumed


# -- separation of duties ----------------------------------------------------------------------------------

def test_a_kabag_who_drafts_a_subordinates_order_may_not_decide_or_issue_it():
    drafted = order("submitted")
    drafted.requester_account_id = APPROVER.identity.account_id
    assert {"approver", "requester", "creator"} <= capacities(APPROVER, drafted)
    assert allowed_actions(APPROVER, drafted, lambda: False) == ["cancel"]
    for action, status, verb in (("approve", "submitted", "disetujui"), ("reject", "submitted", "ditolak"),
                                 ("issue", "approved", "diterbitkan")):
        drafted.status = status
        with pytest.raises(Forbidden) as refused:
            ORDER.check(action, status, capacities(APPROVER, drafted), guards(lambda: False), verb=verb)
        assert refused.value.message == (f"Perjalanan dinas yang Anda buat sendiri tidak dapat {verb} oleh Anda "
                                         "(pemisahan tugas).")
    drafted.status = "approved"
    assert allowed_actions(APPROVER, drafted, lambda: False) == ["cancel"]


def test_an_admin_who_drafted_or_travels_may_not_issue():
    drafted = order("approved")
    drafted.requester_account_id = ADMIN.identity.account_id
    assert "issue" not in allowed_actions(ADMIN, drafted, lambda: False)
    travelling_admin = caller(6, 102, "admin", "pegawai")
    assert "issue" not in allowed_actions(travelling_admin, order("approved"), lambda: False)
    assert "issue" in allowed_actions(ADMIN, order("approved"), lambda: False)
