"""kepegawaian's general routes (``gateway.domains.kepegawaian_general``) with kepegawaian replaced: named,
documented, answering kepegawaian schemas; an employee's trips pass their dates and answer ``{items}``; the
settings' PATCH body reaches kepegawaian as given and kepegawaian's 403 passes through."""
import pytest
from gateway.domains.kepegawaian_general import DOMAIN
from gateway.http import route_map
from gateway.service import GatewayService
from gateway_requests import make_request
from kepegawaian.schemas import SCHEMAS
from nameko.testing.services import worker_factory
from situok_kit.errors import Forbidden


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_kepegawaian_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 6
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors and not route.public
        assert route.path.startswith("/kepegawaian/") and route.response in SCHEMAS
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/kepegawaian/employees/7/trips", method="GET")[1] == {"employee_id": 7}


def test_an_employees_trips_pass_their_dates_and_answer_items(service):
    trip = {"order_id": 3, "number": "094/12/BUP/2026", "purpose": "Rapat", "start_date": "2026-12-07",
            "end_date": "2026-12-08"}
    service.kepegawaian.employee_trips.return_value = [trip]
    reply = service.kepegawaian_employee_trips(make_request("/x", query_string="start=2026-12-01&end=2026-12-31"),
                                               employee_id=7)
    assert reply.status == 200 and reply.body["items"] == [trip]
    service.kepegawaian.employee_trips.assert_called_once_with(employee_id=7, start="2026-12-01", end="2026-12-31")
    wrong = service.kepegawaian_employee_trips(make_request("/x", query_string="start=1-12-2026"), employee_id=7)
    assert wrong.status == 422 and "start" in wrong.fields
    service.kepegawaian.employee_trips.assert_called_once()
    service.kepegawaian.employee_trips.side_effect = Forbidden("Bukan data Anda.")
    assert service.kepegawaian_employee_trips(make_request("/x"), employee_id=8).status == 403


def test_the_settings_body_reaches_kepegawaian_and_a_non_admin_gets_403(service):
    service.kepegawaian.update_settings.return_value = {"staff_unit_code": "BUP.TU.KPG", "official_role": "pimpinan",
                                                        "half_days": True, "reminder_days": 60,
                                                        "retirement_reminder_days": 365}
    reply = service.update_kepegawaian_settings(make_request("/x", method="PATCH", json={"half_days": True}))
    assert reply.status == 200
    service.kepegawaian.update_settings.assert_called_once_with(data={"half_days": True})
    service.kepegawaian.update_settings.side_effect = Forbidden("Hanya admin.")
    assert service.update_kepegawaian_settings(make_request("/x", method="PATCH", json={})).status == 403
