"""``capabilities()``: what each role may do in assets in general, against the schema (unit) and through the
running service (integration)."""
import pytest
from assets.domain.access import Caller
from assets.domain.capabilities import CAPABILITIES, capabilities
from assets.schemas import SCHEMAS
from situok_kit.identity import Identity

KEEPER = {"read", "manage_register", "manage_rooms", "print_labels", "hand_over", "manage_maintenance",
          "view_reports", "run_campaigns", "check_campaigns", "propose_disposal", "keep_stock"}


def _caller(*roles, employee_id=7, unit_id=3):
    return Caller(Identity(account_id=1, username="u", employee_id=employee_id, unit_id=unit_id,
                           roles=frozenset(roles)))


def test_the_schema_declares_every_capability_in_order():
    assert tuple(SCHEMAS["AssetsCapabilitiesOut"]().fields) == CAPABILITIES


@pytest.mark.parametrize("roles, granted", [
    (("pegawai",), {"read", "check_campaigns", "request_supplies"}),
    (("pengurus_barang", "pegawai"), KEEPER | {"request_supplies"}),
    (("kasubbag", "pegawai"), {"read", "check_campaigns", "request_supplies", "approve_supply_requests"}),
    (("kepala_bagian", "pegawai"), {"read", "check_campaigns", "request_supplies", "approve_supply_requests",
                                    "view_reports"}),
    (("pimpinan", "pegawai"), {"read", "check_campaigns", "request_supplies", "approve_supply_requests",
                               "view_reports", "approve_disposal"}),
    (("admin",), KEEPER | {"manage_reference", "request_supplies"}),
])
def test_capabilities_by_role(roles, granted):
    answer = capabilities(_caller(*roles))
    assert {name for name, allowed in answer.items() if allowed} == granted


def test_an_account_without_an_employee_record_requests_nothing():
    answer = capabilities(_caller("pegawai", employee_id=None, unit_id=None))
    assert {name for name, allowed in answer.items() if allowed} == {"read"}


@pytest.mark.integration
def test_capabilities_through_the_service(rpc, bureau):
    assert rpc(bureau.keeper()).capabilities()["manage_register"] is True
    answer = rpc(bureau.pegawai()).capabilities()
    assert {name for name, allowed in answer.items() if allowed} == {"read", "check_campaigns", "request_supplies"}
