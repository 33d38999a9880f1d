"""``GET /api/v1/<domain>/capabilities``: what the caller may do in each domain, by role. The services decide
(their own ``capabilities()`` over their access rules); the gateway authenticates, asks the service with no
arguments and answers what it said, documented with the service's own schema."""
import pytest
from gateway.domains import domains
from gateway.http import Reply, route_map
from gateway.openapi import build_spec
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import ServiceUnavailable

#: (service, path, operation, component)
CAPABILITY_ROUTES = (
    ("personnel", "/api/v1/personnel/capabilities", "personnel_capabilities", "PersonnelCapabilitiesOut"),
    ("travel", "/api/v1/travel/capabilities", "travel_capabilities", "TravelCapabilitiesOut"),
    ("attendance", "/api/v1/attendance/capabilities", "attendance_capabilities", "AttendanceCapabilitiesOut"),
    ("finance", "/api/v1/finance/capabilities", "finance_capabilities", "FinanceCapabilitiesOut"),
)

#: What each service answers a caller of each role (the seeded bureau), passed through unchanged.
ROLE_MATRIX = {
    "personnel": {
        "pegawai": {"read_employees": False, "manage_employees": False, "manage_org_units": False,
                    "manage_accounts": False},
        "kasubbag": {"read_employees": True, "manage_employees": False, "manage_org_units": False,
                     "manage_accounts": False},
        "admin": {"read_employees": True, "manage_employees": True, "manage_org_units": True,
                  "manage_accounts": True},
    },
    "travel": {
        "pegawai": {"create_order": True, "request_for_others": False, "decide": False, "issue": False,
                    "see_all": False, "manage_rules": False},
        "kepala_bagian": {"create_order": True, "request_for_others": True, "decide": True, "issue": True,
                          "see_all": False, "manage_rules": False},
        "admin": {"create_order": True, "request_for_others": True, "decide": False, "issue": True,
                  "see_all": True, "manage_rules": True},
    },
    "attendance": {
        "honorer": {"employee_id": 31, "check_in": True, "supervise": False, "decide": False,
                    "manage_setup": False},
        "kasubbag": {"employee_id": 12, "check_in": False, "supervise": True, "decide": True,
                     "manage_setup": False},
        "admin": {"employee_id": None, "check_in": False, "supervise": True, "decide": False,
                  "manage_setup": True},
    },
    "finance": {
        "pegawai": {"read": False, "draft_spj": False, "verify_spj": False, "approve_spj": False, "pay_spj": False,
                    "see_all": False, "view_budget": False, "manage_budget": False, "keep_books": False,
                    "view_books": False, "read_archive": False, "archive_documents": False,
                    "check_archive": False},
        "pptk": {"read": True, "draft_spj": True, "verify_spj": False, "approve_spj": False, "pay_spj": False,
                 "see_all": False, "view_budget": True, "manage_budget": False, "keep_books": False,
                 "view_books": False, "read_archive": True, "archive_documents": True, "check_archive": False},
        "bendahara": {"read": True, "draft_spj": False, "verify_spj": True, "approve_spj": False, "pay_spj": True,
                      "see_all": True, "view_budget": True, "manage_budget": False, "keep_books": True,
                      "view_books": True, "read_archive": True, "archive_documents": True, "check_archive": True},
        "admin": {"read": True, "draft_spj": False, "verify_spj": False, "approve_spj": False, "pay_spj": False,
                  "see_all": True, "view_budget": True, "manage_budget": True, "keep_books": False,
                  "view_books": True, "read_archive": True, "archive_documents": True, "check_archive": True},
    },
}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


@pytest.fixture(scope="module")
def spec():
    return build_spec(GatewayService)


@pytest.mark.parametrize("service_name, path, operation, component", CAPABILITY_ROUTES)
def test_each_domain_has_a_documented_bearer_route(spec, service_name, path, operation, component):
    domain = next(d for d in domains() if d.service == service_name)
    route = next(r for r in domain.routes if r.operation_id == operation)
    assert (route.method, route.rpc, route.response) == ("GET", "capabilities", component)
    operation_doc = spec["paths"][path]["get"]
    assert operation_doc["security"] == [{"bearer": []}]
    assert operation_doc["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": f"#/components/schemas/{component}"}
    assert route_map(GatewayService).bind("localhost").match(path, method="GET")[1] == {}


@pytest.mark.parametrize("service_name, path, operation, component", CAPABILITY_ROUTES)
def test_role_matrix_is_the_services_answer(service, service_name, path, operation, component):
    proxy = getattr(service, service_name)
    for role, answer in ROLE_MATRIX[service_name].items():
        proxy.capabilities.reset_mock()
        proxy.capabilities.return_value = answer
        reply = getattr(service, operation)(make_request(path))
        assert isinstance(reply, Reply) and reply.status == 200, role
        assert reply.body == answer, role
        proxy.capabilities.assert_called_once_with()
    proxy.capabilities.side_effect = ServiceUnavailable(f"Layanan {service_name} tidak tersedia.")
    assert isinstance(getattr(service, operation)(make_request(path)), ServiceUnavailable)
