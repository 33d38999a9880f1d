"""``capabilities()``: what a caller may do in personnel in general, by role — decided by personnel's own rules
(``access.viewer_for`` for reading, the admin-only writes), answered through ``PersonnelCapabilitiesOut``."""
import pytest
from personnel.domain.capabilities import CAPABILITIES, capabilities
from personnel.schemas import SCHEMAS, PersonnelCapabilitiesOut
from situok_kit.contract_check import AnswerCheck
from situok_kit.errors import Unauthorized
from situok_kit.identity import Identity


def test_the_schema_names_every_capability_and_is_in_the_contract():
    assert tuple(PersonnelCapabilitiesOut().fields) == CAPABILITIES
    assert SCHEMAS["PersonnelCapabilitiesOut"] is PersonnelCapabilitiesOut


def granted(answer: dict) -> set[str]:
    return {name for name, value in answer.items() if value}


@pytest.mark.integration
def test_by_role_in_the_domain(tx, seeded_db):
    def of(username):
        return granted(capabilities(tx.session, seeded_db.identity(username)))

    assert of("admin") == set(CAPABILITIES)
    assert of("kasubbag") == of("kabag") == of("pimpinan") == {"read_employees"}  # their unit and below
    assert of("pegawai") == of("operator") == of("bendahara") == set()           # their own record only
    headless = Identity(account_id=999, username="x", roles=frozenset({"kasubbag"}))  # heads no unit
    assert granted(capabilities(tx.session, headless)) == set()


@pytest.mark.integration
def test_capabilities_over_rpc(service, rpc, seeded_db):
    check = AnswerCheck()
    found = {}
    for username in ("admin", "kabag", "pegawai"):
        answer = rpc(seeded_db.identity(username)).capabilities()
        check.answer(PersonnelCapabilitiesOut, answer)
        found[username] = granted(answer)
    assert check.problems() == []
    assert found == {"admin": set(CAPABILITIES), "kabag": {"read_employees"}, "pegawai": set()}
    with pytest.raises(Unauthorized):
        rpc().capabilities()
