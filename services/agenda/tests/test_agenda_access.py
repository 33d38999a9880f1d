"""Who agenda's callers are (``domain.access``, pure) and what ``capabilities()`` answers each of them through
the running service (integration): protocol staff by unit (the roster copy), the publication approver (the
head of the protocol unit, a configured role, admin), everyone else."""
import pytest
from agenda.domain.access import Caller, ProtocolUnit
from agenda.domain.capabilities import capabilities
from agenda.schemas import SCHEMAS
from situok_kit.identity import Identity

PROTOCOL = ProtocolUnit(unit_id=10, unit_ids=frozenset({10, 11, 12}))


def _caller(*roles, unit=None, protocol=PROTOCOL, employee_id=7):
    identity = Identity(account_id=1, username="u", employee_id=employee_id, unit_id=None, roles=frozenset(roles))
    return Caller(identity, protocol, unit)


def test_the_schema_declares_every_capability_in_order():
    assert tuple(SCHEMAS["AgendaCapabilitiesOut"]().fields) == tuple(capabilities(_caller("pegawai")))


@pytest.mark.parametrize("roles, unit, protocol_staff, approver", [
    (("pegawai",), 11, True, False),  # a sub-unit of protocol
    (("pegawai",), 10, True, False),  # the protocol unit itself, not its head
    (("kepala_bagian", "pegawai"), 10, True, True),  # the Kepala Bagian Protokol
    (("kasubbag", "pegawai"), 11, True, False),  # a head below it: protocol staff, not the approver
    (("kepala_bagian", "pegawai"), 20, False, False),  # another bagian's head
    (("pegawai",), 20, False, False),
    (("admin",), None, True, True),
])
def test_protocol_staff_and_approver(roles, unit, protocol_staff, approver):
    caller = _caller(*roles, unit=unit)
    assert caller.is_protocol_staff is protocol_staff
    assert caller.approves_publication is approver


def test_a_configured_role_approves_and_an_unknown_protocol_unit_makes_nobody_staff():
    configured = ProtocolUnit(10, frozenset({10}), approver_role="pimpinan")
    assert _caller("pimpinan", unit=99, protocol=configured).approves_publication
    nobody = ProtocolUnit(None, frozenset())
    assert not _caller("kepala_bagian", unit=10, protocol=nobody).is_protocol_staff
    assert not _caller("kepala_bagian", unit=10, protocol=nobody).approves_publication


def test_feedback_is_answered_by_the_unit_it_was_sent_to():
    assert _caller("pegawai", unit=20).answers_feedback_of(20)
    assert not _caller("pegawai", unit=21).answers_feedback_of(20)
    assert _caller("pegawai", unit=11).answers_feedback_of(20)  # protocol staff answer any


@pytest.mark.integration
def test_capabilities_through_the_service(services, rpc, bureau):
    def granted(identity):
        return {name for name, allowed in rpc(identity).capabilities().items() if allowed}

    assert {"manage_events", "document", "triage_feedback"} <= granted(bureau.protocol())
    assert "approve_publication" not in granted(bureau.protocol())
    assert {"approve_publication", "decide_visits", "manage_events"} <= granted(bureau.approver())
    assert granted(bureau.other_kabag()) == {"read", "answer_feedback"}
    assert granted(bureau.pegawai()) == {"read", "answer_feedback"}
    assert "manage_settings" in granted(bureau.admin())
