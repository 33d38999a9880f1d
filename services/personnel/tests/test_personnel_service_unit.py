"""Service methods through Nameko's ``worker_factory``: deny by default, before any database work."""
from unittest.mock import MagicMock

import pytest
from nameko.testing.services import worker_factory
from personnel.service import PersonnelService, record_id
from situok_kit.errors import Forbidden, Unauthorized, ValidationFailed
from situok_kit.identity import Caller, Identity

PEGAWAI = Identity(account_id=7, username="pegawai", employee_id=18, unit_id=7, roles=frozenset({"pegawai"}))


def service_as(identity):
    db = MagicMock(name="db")
    worker = worker_factory(PersonnelService, db=db, caller=Caller(identity, "personnel.test"), config={})
    return worker, db


@pytest.mark.parametrize("method, args", [
    ("me", ()), ("logout", ()), ("list_employees", ()), ("get_employee", (1,)), ("list_org_units", ()),
    ("get_org_unit", (1,)), ("list_positions", ()), ("change_password", ("a", "b")),
])
def test_every_read_needs_an_identity(method, args):
    worker, db = service_as(None)
    with pytest.raises(Unauthorized):
        getattr(worker, method)(*args)
    assert not db.mock_calls


@pytest.mark.parametrize("method, args", [
    ("create_employee", ({},)), ("update_employee", (1, {})), ("deactivate_employee", (1,)),
    ("create_org_unit", ({},)), ("update_org_unit", (1, {})), ("create_position", ({},)),
    ("list_accounts", ()), ("get_account", (1,)), ("create_account", ({},)), ("update_account", (1, {})),
    ("unlock_account", (1,)),
])
def test_writes_and_accounts_are_admin_only(method, args):
    worker, db = service_as(PEGAWAI)
    with pytest.raises(Forbidden):
        getattr(worker, method)(*args)
    assert not db.mock_calls


def test_bad_input_is_refused_before_the_database():
    admin = Identity(account_id=1, username="admin", roles=frozenset({"admin"}))
    worker, db = service_as(admin)
    with pytest.raises(ValidationFailed) as info:
        worker.create_employee({"employment_type": "pns"})
    assert info.value.fields == {"name": "Wajib diisi.", "unit_id": "Wajib diisi.",
                                 "nip": "NIP wajib diisi untuk PNS dan PPPK."}
    with pytest.raises(ValidationFailed):
        worker.login("", "")
    assert not db.mock_calls


def test_record_ids():
    assert record_id(5, "x") == 5 and record_id("12", "x") == 12
    for bad in (0, -1, "1a", None, True, 1.5):
        with pytest.raises(ValidationFailed) as info:
            record_id(bad, "employee_id")
        assert info.value.fields == {"employee_id": "Harus bilangan bulat positif."}
