"""``capabilities()``: what a caller may do in travel in general, by role — decided by travel's own rules
(``access.Caller``), answered through ``TravelCapabilitiesOut``."""
import pytest
from situok_kit.contract_check import AnswerCheck
from situok_kit.errors import Unauthorized
from situok_kit.identity import Identity
from travel.domain.access import Caller
from travel.domain.capabilities import CAPABILITIES, capabilities
from travel.schemas import SCHEMAS, TravelCapabilitiesOut

RULES = {"staff": frozenset({"kepala_bagian", "pimpinan"}), "eselon_iv": frozenset({"kepala_bagian", "pimpinan"}),
         "kepala_bagian": frozenset({"pimpinan"}), "pimpinan": frozenset({"pimpinan"})}


def caller(*roles, employee_id=7, units=frozenset({3, 4}), rules=None) -> Caller:
    identity = Identity(account_id=1, username="u", employee_id=employee_id, roles=frozenset(roles))
    return Caller(identity, RULES if rules is None else rules, units)


def granted(c: Caller) -> set[str]:
    return {name for name, value in capabilities(c).items() if value}


def test_the_schema_names_every_capability_and_is_in_the_contract():
    assert tuple(TravelCapabilitiesOut().fields) == CAPABILITIES
    assert SCHEMAS["TravelCapabilitiesOut"] is TravelCapabilitiesOut
    assert set(capabilities(caller("pegawai"))) == set(CAPABILITIES)


def test_by_role_under_the_seeded_rules():
    assert granted(caller("pegawai", units=None)) == {"create_order"}
    assert granted(caller("kasubbag", "pegawai")) == {"create_order", "request_for_others"}
    assert granted(caller("kepala_bagian", "pegawai")) == {"create_order", "request_for_others", "decide", "issue"}
    assert granted(caller("pimpinan", "pegawai")) == {"create_order", "request_for_others", "decide", "issue",
                                                      "see_all"}
    assert granted(caller("admin", employee_id=None, units=None)) == {"create_order", "request_for_others", "issue",
                                                                      "see_all", "manage_rules"}
    assert granted(caller("operator", employee_id=None, units=None)) == set()  # no employee record: nothing


def test_decide_follows_the_rules_not_the_role_names():
    with_kasubbag = {**RULES, "staff": RULES["staff"] | {"kasubbag"}}
    assert "decide" in granted(caller("kasubbag", "pegawai", rules=with_kasubbag))
    assert "decide" not in granted(caller("kepala_bagian", "pegawai", rules={}))
    # an approver role without an active roster entry approves nothing
    assert "decide" not in granted(caller("kepala_bagian", "pegawai", units=None))


@pytest.mark.integration
def test_capabilities_over_rpc_by_role(rpc, bureau):
    check = AnswerCheck()
    found = {}
    for name, ident in (("pegawai", bureau.account("pegawai")), ("kasubbag", bureau.account("kasubbag")),
                        ("kabag", bureau.account("kabag")), ("pimpinan", bureau.account("pimpinan")),
                        ("admin", bureau.admin())):
        answer = rpc(ident).capabilities()
        check.answer(TravelCapabilitiesOut, answer)
        found[name] = {key for key, value in answer.items() if value}
    assert check.problems() == []
    assert found == {
        "pegawai": {"create_order"},
        "kasubbag": {"create_order", "request_for_others"},
        "kabag": {"create_order", "request_for_others", "decide", "issue"},
        "pimpinan": {"create_order", "request_for_others", "decide", "issue", "see_all"},
        "admin": {"create_order", "request_for_others", "issue", "see_all", "manage_rules"},
    }
    with pytest.raises(Unauthorized):
        rpc().capabilities()
