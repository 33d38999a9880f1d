"""``capabilities()``: what a caller may do in attendance in general, by role and by the roster (who is a
non-ASN employee, who supervises whom) — decided by attendance's ``access``, answered through
``AttendanceCapabilitiesOut``."""
import pytest
from attendance.domain.capabilities import CAPABILITIES
from attendance.schemas import SCHEMAS, AttendanceCapabilitiesOut
from situok_kit.contract_check import AnswerCheck
from situok_kit.errors import Unauthorized


def test_the_schema_names_every_capability_and_is_in_the_contract():
    assert tuple(AttendanceCapabilitiesOut().fields) == ("employee_id", *CAPABILITIES)
    assert SCHEMAS["AttendanceCapabilitiesOut"] is AttendanceCapabilitiesOut


@pytest.mark.integration
def test_capabilities_by_role_and_roster(rpc, bureau):
    check = AnswerCheck()
    callers = {
        "non_asn": bureau.as_("dokumentasi"),                             # tracked, supervised by kasubbag_dok
        "asn_staff": bureau.account("pegawai"),                           # PNS: not tracked here
        "supervisor": bureau.as_("kasubbag_dok", "kasubbag", "pegawai"),  # heads a unit with non-ASN staff
        "pimpinan": bureau.account("pimpinan"),
        "admin": bureau.admin(),
    }
    found = {}
    for name, ident in callers.items():
        answer = rpc(ident).capabilities()
        check.answer(AttendanceCapabilitiesOut, answer)
        assert answer["employee_id"] == ident.employee_id, name
        found[name] = {key for key in CAPABILITIES if answer[key]}
    assert check.problems() == []
    assert found == {
        "non_asn": {"check_in"},
        "asn_staff": set(),
        "supervisor": {"supervise", "decide"},
        "pimpinan": {"supervise", "decide"},
        "admin": {"supervise", "manage_setup"},          # reads the supervisor pages, decides nothing
    }
    with pytest.raises(Unauthorized):
        rpc().capabilities()
