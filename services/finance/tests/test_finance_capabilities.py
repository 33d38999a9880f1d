"""``capabilities()``: what each finance role may do in general, against the schema (unit) and through the
running service (integration)."""
import pytest
from finance.domain.access import Caller
from finance.domain.capabilities import CAPABILITIES, capabilities
from finance.schemas import SCHEMAS
from situok_kit.identity import Identity


def _caller(*roles, employee_id=7):
    return Caller(Identity(account_id=1, username="u", employee_id=employee_id, roles=frozenset(roles)))


def test_the_schema_declares_every_capability_in_order():
    assert tuple(SCHEMAS["FinanceCapabilitiesOut"]().fields) == CAPABILITIES


@pytest.mark.parametrize("roles, granted", [
    (("pegawai",), set()),
    (("pptk", "pegawai"), {"read", "draft_spj", "view_budget", "read_archive", "archive_documents"}),
    (("bendahara", "pegawai"), {"read", "verify_spj", "pay_spj", "see_all", "view_budget", "keep_books",
                                "view_books", "read_archive", "archive_documents", "check_archive"}),
    (("ppk", "pegawai"), {"read", "approve_spj", "see_all", "view_budget", "view_books", "read_archive"}),
    (("pimpinan", "pegawai"), {"read", "approve_spj", "see_all", "view_budget", "view_books", "read_archive"}),
    (("admin",), {"read", "see_all", "view_budget", "manage_budget", "view_books", "read_archive",
                  "archive_documents", "check_archive"}),
])
def test_capabilities_by_role(roles, granted):
    answer = capabilities(_caller(*roles))
    assert {name for name, allowed in answer.items() if allowed} == granted


def test_a_pptk_without_an_employee_record_drafts_nothing():
    assert capabilities(_caller("pptk", employee_id=None))["draft_spj"] is False


@pytest.mark.integration
def test_capabilities_through_the_service(rpc, bureau):
    assert rpc(bureau.bendahara()).capabilities()["verify_spj"] is True
    assert rpc(bureau.pegawai()).capabilities() == {name: False for name in CAPABILITIES}
