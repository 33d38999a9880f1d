"""``capabilities()`` and the settings: what each role may do in booking in general, against the schema (unit)
and through the running service (integration); who approves a resource (``access.approves``, pure)."""
import pytest
from booking.domain.access import Caller, approves
from booking.domain.capabilities import CAPABILITIES, capabilities
from booking.schemas import SCHEMAS
from situok_kit.errors import Forbidden, ValidationFailed
from situok_kit.identity import Identity


def _caller(*roles, employee_id=7, unit_id=3):
    return Caller(Identity(account_id=1, username="u", employee_id=employee_id, unit_id=unit_id,
                           roles=frozenset(roles)))


def test_the_schema_declares_every_capability_in_order():
    assert tuple(SCHEMAS["BookingCapabilitiesOut"]().fields) == CAPABILITIES


@pytest.mark.parametrize("roles, approves_some, is_driver, granted", [
    (("pegawai",), False, False, {"read", "request"}),
    (("pegawai",), False, True, {"read", "request", "drive"}),
    (("kepala_bagian", "pegawai"), True, False, {"read", "request", "approve", "view_guest_requests"}),
    (("pengurus_barang", "pegawai"), False, False, {"read", "request", "manage_resources", "manage_drivers"}),
    (("admin",), True, False, {"read", "request", "approve", "view_guest_requests", "manage_resources",
                               "manage_drivers", "manage_settings"}),
])
def test_capabilities_by_role(roles, approves_some, is_driver, granted):
    answer = capabilities(_caller(*roles), approves_some=approves_some, is_driver=is_driver)
    assert {name for name, allowed in answer.items() if allowed} == granted


def test_an_account_without_an_employee_record_requests_nothing():
    answer = capabilities(_caller("pegawai", employee_id=None, unit_id=None), approves_some=False, is_driver=False)
    assert {name for name, allowed in answer.items() if allowed} == {"read"}


def test_the_manager_alone_approves_a_resource_that_names_one():
    assert approves(_caller("pegawai", employee_id=5), 5, "kepala_bagian")
    assert not approves(_caller("kepala_bagian", employee_id=6), 5, "kepala_bagian")
    assert approves(_caller("admin", employee_id=None), 5, "kepala_bagian")


def test_without_a_manager_the_approving_role_decides():
    assert approves(_caller("kepala_bagian", "pegawai"), None, "kepala_bagian")
    assert not approves(_caller("kasubbag", "pegawai"), None, "kepala_bagian")
    assert not approves(_caller("pegawai"), None, None)


@pytest.mark.integration
def test_capabilities_through_the_service(rpc, bureau):
    answer = rpc(bureau.pegawai()).capabilities()
    assert {name for name, allowed in answer.items() if allowed} == {"read", "request"}
    assert rpc(bureau.keeper()).capabilities()["manage_resources"] is True
    assert rpc(bureau.admin()).capabilities()["manage_settings"] is True


@pytest.mark.integration
def test_settings_are_read_by_everyone_and_changed_by_admin_alone(rpc, bureau):
    settings = rpc(bureau.pegawai()).get_settings()
    assert settings["vehicle_approver_role"] == "kepala_bagian"
    with pytest.raises(Forbidden):
        rpc(bureau.keeper()).update_settings({"overdue_grace_minutes": 10})
    with pytest.raises(ValidationFailed) as refused:
        rpc(bureau.admin()).update_settings({"room_approver_role": "raja", "guest_max_days": 0})
    assert set(refused.value.fields) == {"room_approver_role", "guest_max_days"}
    changed = rpc(bureau.admin()).update_settings({"overdue_grace_minutes": 45})
    assert changed["overdue_grace_minutes"] == 45 and changed["updated_by"] == "admin"
    rpc(bureau.admin()).update_settings({"overdue_grace_minutes": 30})
