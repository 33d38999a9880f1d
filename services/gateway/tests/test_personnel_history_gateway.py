"""The employee history and lifecycle routes (``gateway.domains.personnel``) with personnel replaced: each route
is documented, answers a personnel schema and passes the path, the query and the body to its RPC."""
import pytest
from gateway.domains.personnel import DOMAIN
from gateway.http import route_map
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from personnel.schemas import SCHEMAS

HISTORY_ROUTES = {"list_employee_history", "record_career_change", "change_employee_status", "restore_employee"}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_history_routes_are_documented_and_answer_personnel_schemas():
    routes = {route.operation_id: route for route in DOMAIN.routes if route.operation_id in HISTORY_ROUTES}
    assert set(routes) == HISTORY_ROUTES
    for route in routes.values():
        assert route.response in SCHEMAS and route.description and 403 in route.errors
        assert route.body is None or route.body.component in SCHEMAS
    for name in ("record_career_change", "change_employee_status", "restore_employee"):
        assert "admin" in routes[name].description
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/employees/7/history", method="GET")[1] == {"employee_id": 7}
    assert urls.match("/api/v1/employees/7/career-changes", method="POST")[1] == {"employee_id": 7}
    assert urls.match("/api/v1/employees/7/status", method="POST")[1] == {"employee_id": 7}
    assert urls.match("/api/v1/employees/7/restore", method="POST")[1] == {"employee_id": 7}


def test_history_list_passes_filters_and_paging(service):
    service.personnel.list_employee_history.return_value = {"items": [], "next_cursor": None,
                                                            "allowed_actions": [], "next_statuses": []}
    reply = service.list_employee_history(make_request("/x", query_string="kind=rank&limit=5"), employee_id=7)
    assert reply.status == 200 and reply.body["items"] == []
    service.personnel.list_employee_history.assert_called_once_with(
        employee_id=7, filters={"kind": "rank"}, cursor=None, limit=5)


def test_writes_pass_the_body(service):
    answer = {"employee": {"id": 7}, "entries": [], "account_id": None, "account_active": None}
    service.personnel.record_career_change.return_value = answer
    body = {"kind": "rank", "value": "III/b", "tmt": "2025-04-01", "decree_number": "800/1",
            "decree_date": "2025-03-01"}
    reply = service.record_career_change(make_request("/x", method="POST", json=body), employee_id=7)
    assert reply.status == 201
    service.personnel.record_career_change.assert_called_once_with(employee_id=7, data=body)
    service.personnel.restore_employee.return_value = answer
    reply = service.restore_employee(make_request("/x", method="POST", json={"reason": "salah"}), employee_id=7)
    assert reply.status == 200
    service.personnel.restore_employee.assert_called_once_with(employee_id=7, data={"reason": "salah"})
    service.personnel.change_employee_status.return_value = answer
    status = {"status": "pensiun", "since": "2026-03-01", "decree_number": "1", "decree_date": "2026-02-01"}
    service.change_employee_status(make_request("/x", method="POST", json=status), employee_id=7)
    service.personnel.change_employee_status.assert_called_once_with(employee_id=7, data=status)
