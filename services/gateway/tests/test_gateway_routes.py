"""Route methods with their dependencies replaced (Nameko's worker_factory)."""
import pytest
from gateway.http import Reply
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.envelope import Envelope
from situok_kit.errors import NotFound, ValidationFailed


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_list_employees_passes_filters_cursor_limit(service):
    service.personnel.list_employees.return_value = {"items": [], "next_cursor": None}
    reply = service.list_employees(make_request("/api/v1/employees", query_string="is_asn=false&cursor=c1"))
    assert isinstance(reply, Reply) and reply.status == 200
    service.auth.authenticate.assert_called_once()
    service.personnel.list_employees.assert_called_once_with(filters={"is_asn": False}, cursor="c1", limit=50)


def test_list_employees_without_filters_passes_none(service):
    service.list_employees(make_request("/api/v1/employees"))
    service.personnel.list_employees.assert_called_once_with(filters=None, cursor=None, limit=50)


def test_create_employee_answers_201_with_location_and_forwards_the_key(service):
    service.personnel.create_employee.return_value = {"id": 12, "name": "Ayu"}
    request = make_request("/api/v1/employees", method="POST", json={"name": "Ayu"},
                           headers={"Idempotency-Key": "k-1"})
    reply = service.create_employee(request)
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/employees/12"}
    service.personnel.create_employee.assert_called_once_with(data={"name": "Ayu"}, idempotency_key="k-1")


@pytest.mark.parametrize("method, path, rpc, args", [
    ("create_org_unit", "/api/v1/org-units", "create_org_unit", "/api/v1/org-units/5"),
    ("create_account", "/api/v1/accounts", "create_account", "/api/v1/accounts/5"),
])
def test_other_creates_answer_201_with_location(service, method, path, rpc, args):
    getattr(service.personnel, rpc).return_value = {"id": 5}
    reply = getattr(service, method)(make_request(path, method="POST", json={"code": "X"}))
    assert reply.status == 201 and reply.headers["Location"] == args
    getattr(service.personnel, rpc).assert_called_once_with(data={"code": "X"}, idempotency_key=None)


def test_create_position_answers_201(service):
    service.personnel.create_position.return_value = {"id": 9, "unit_id": 4}
    request = make_request("/api/v1/positions", method="POST", json={"name": "Analis"},
                           headers={"Idempotency-Key": "jab-1"})
    reply = service.create_position(request)
    assert reply.status == 201 and reply.body == {"id": 9, "unit_id": 4}
    service.personnel.create_position.assert_called_once_with(data={"name": "Analis"}, idempotency_key="jab-1")


def test_lists_without_paging_are_wrapped_in_items(service):
    service.personnel.list_org_units.return_value = [{"id": 1}]
    service.personnel.list_positions.return_value = [{"id": 2}]
    assert service.list_org_units(make_request("/api/v1/org-units")).body == {"items": [{"id": 1}]}
    reply = service.list_positions(make_request("/api/v1/positions", query_string="unit_id=4"))
    assert reply.body == {"items": [{"id": 2}]}
    service.personnel.list_positions.assert_called_once_with(unit_id=4)


def test_deactivate_reason_is_optional_but_must_be_text(service):
    service.deactivate_employee(make_request("/x", method="POST"), employee_id=3)
    service.personnel.deactivate_employee.assert_called_once_with(employee_id=3)
    result = service.deactivate_employee(make_request("/x", method="POST", json={"reason": 5}), employee_id=3)
    assert isinstance(result, ValidationFailed) and result.fields == {"reason": "Harus teks."}


def test_errors_from_personnel_are_returned_for_the_entrypoint(service):
    service.personnel.get_employee.side_effect = NotFound("Pegawai tidak ditemukan.")
    assert isinstance(service.get_employee(make_request("/x"), employee_id=9), NotFound)


def test_logout_revokes_locally_after_personnel_did(service):
    service.personnel.logout.return_value = {"revoked": True}
    assert service.logout(make_request("/x", method="POST")).body == {"revoked": True}
    service.auth.revoke_current.assert_called_once_with()


def test_public_routes_do_not_authenticate(service):
    service.personnel.login.return_value = {"access_token": "a"}
    service.login(make_request("/x", method="POST", json={"username": "u", "password": "p"}))
    service.personnel.login.assert_called_once_with(username="u", password="p", client_address=None)
    service.openapi(make_request("/api/v1/openapi.json"))
    service.auth.authenticate.assert_not_called()


def test_session_revoked_event_revokes_on_this_instance(service):
    event = Envelope(type="personnel.session_revoked", data={"session_id": "s1", "account_id": 1, "until": 1900000000})
    service.on_session_revoked(event.to_dict())
    service.auth.revoke.assert_called_once_with("s1", 1900000000.0)
    service.auth.revoke.reset_mock()
    service.on_session_revoked(Envelope(type="personnel.session_revoked", data={}).to_dict())
    service.auth.revoke.assert_not_called()


def test_login_tells_personnel_the_address_traefik_saw(service):
    """The last X-Forwarded-For entry is the one Traefik added; what the client wrote before it is ignored."""
    service.personnel.login.return_value = {"access_token": "a"}
    service.login(make_request("/x", method="POST", json={"username": "u", "password": "p"},
                               headers={"X-Forwarded-For": "10.9.9.9, 203.0.113.5"}))
    service.personnel.login.assert_called_once_with(username="u", password="p", client_address="203.0.113.5")
