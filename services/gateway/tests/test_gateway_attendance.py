"""The attendance routes (``gateway.domains.attendance``) with attendance replaced: parsing, bodies, files, spec."""
import base64
from unittest.mock import ANY

import pytest
from gateway.domains.attendance import (
    DOMAIN,
    XLSX,
    AttendanceDaysQuery,
    AttendanceExportQuery,
    AttendanceRecapQuery,
    HolidayQuery,
    LeaveListQuery,
    without_content,
)
from gateway.http import UPLOAD_BODY_BYTES, Reply, route_map
from gateway.openapi import build_spec
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)
from situok_kit.pagination import DEFAULT_LIMIT

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 rekap"
HERE = {"latitude": -8.6725, "longitude": 115.2334, "accuracy": 12.0}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


ATTENDANCE_DAYS_QUERY, ATTENDANCE_RECAP_QUERY = AttendanceDaysQuery(), AttendanceRecapQuery()
ATTENDANCE_EXPORT_QUERY, HOLIDAY_QUERY, LEAVE_LIST_QUERY = AttendanceExportQuery(), HolidayQuery(), LeaveListQuery()
HOLIDAY_UPLOAD = next(route.body for route in DOMAIN.routes if route.rpc == "import_holidays")


def holiday_file(request) -> tuple[str, str]:
    args = HOLIDAY_UPLOAD.read(request, {})
    return args["filename"], args["content_b64"]


def parse(schema, query: str) -> dict:
    return parse_query(schema, make_request("/x", query_string=query))


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


# -- query strings -------------------------------------------------------------------------------

def test_month_is_required_and_checked():
    assert parse(ATTENDANCE_DAYS_QUERY, "month=2026-09&employee_id=4") == {"month": "2026-09", "employee_id": 4}
    for query in ("", "month=2026-13", "month=09-2026", "month=2026-9", "employee_id=4"):
        with pytest.raises(ValidationFailed) as caught:
            parse(ATTENDANCE_DAYS_QUERY, query)
        assert list(caught.value.fields) == ["month"], query
    with pytest.raises(ValidationFailed) as caught:  # the cached-defaults path raises too, every time
        parse(ATTENDANCE_RECAP_QUERY, "")
    assert list(caught.value.fields) == ["month"]


def test_export_format_defaults_to_xlsx():
    assert parse(ATTENDANCE_EXPORT_QUERY, "month=2026-09") == {"month": "2026-09", "format": "xlsx"}
    assert parse(ATTENDANCE_EXPORT_QUERY, "month=2026-09&unit_id=3&format=pdf")["format"] == "pdf"
    with pytest.raises(ValidationFailed) as caught:
        parse(ATTENDANCE_EXPORT_QUERY, "month=2026-09&format=docx")
    assert list(caught.value.fields) == ["format"]


@pytest.mark.parametrize("query, field", [
    ("status=pending", "status"), ("unit_id=0", "unit_id"), ("mine=kadang", "mine"),
    ("date_from=2026-02-30", "date_from"), ("date_from=2026-03-01&date_to=2026-02-01", "date_to"),
    ("limit=0", "limit"),
])
def test_bad_list_filters_name_the_parameter(query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse(LEAVE_LIST_QUERY, query)
    assert list(caught.value.fields) == [field]


def test_holiday_year():
    assert parse(HOLIDAY_QUERY, "year=2026") == {"year": 2026}
    with pytest.raises(ValidationFailed):
        parse(HOLIDAY_QUERY, "year=26")


def test_statuses_are_attendances_own():
    from attendance.schemas import EXPORT_FORMATS, REQUEST_STATUSES

    assert LEAVE_LIST_QUERY.fields["status"].metadata["enum"] == list(REQUEST_STATUSES)
    assert ATTENDANCE_EXPORT_QUERY.fields["format"].metadata["enum"] == list(EXPORT_FORMATS)


# -- check-in / check-out ------------------------------------------------------------------------

def test_check_in_is_201_and_a_replay_200(service):
    service.attendance.check_in.return_value = {"id": 1, "replayed": False}
    reply = service.attendance_check_in(post(HERE, headers={"Idempotency-Key": "k-1"}))
    assert isinstance(reply, Reply) and reply.status == 201
    service.auth.authenticate.assert_called_once()
    service.attendance.check_in.assert_called_once_with(data=HERE, idempotency_key="k-1",
                                                        client_address=ANY)
    service.attendance.check_in.return_value = {"id": 1, "replayed": True}
    assert service.attendance_check_in(post(HERE)).status == 200
    service.attendance.check_in.side_effect = Conflict("Sudah absen masuk hari ini.")
    assert isinstance(service.attendance_check_in(post(HERE)), Conflict)


def test_geofence_refusal_is_passed_through_as_422(service):
    service.attendance.check_in.side_effect = ValidationFailed(
        "Di luar area kantor: 1,2 km dari Kantor.", {"latitude": "di luar area kantor: 1,2 km dari Kantor"})
    answer = service.attendance_check_in(post({"latitude": -8.68, "longitude": 115.22}))
    assert isinstance(answer, ValidationFailed) and "km" in answer.fields["latitude"]


def test_a_selfie_fits_but_the_body_has_a_limit(service):
    selfie = {**HERE, "selfie_b64": "A" * (3 * 1024 * 1024)}
    service.attendance.check_out.return_value = {"id": 1, "replayed": False}
    assert service.attendance_check_out(post(selfie)).status == 200
    assert service.attendance.check_out.call_args.kwargs["data"]["selfie_b64"] == selfie["selfie_b64"]
    too_big = service.attendance_check_out(post({"selfie_b64": "A" * UPLOAD_BODY_BYTES}))
    assert isinstance(too_big, PayloadTooLarge)


def test_reads_pass_their_parameters(service):
    service.attendance_days(make_request("/x", query_string="month=2026-09"))
    service.attendance.employee_days.assert_called_once_with(month="2026-09")
    service.attendance_recap(make_request("/x", query_string="month=2026-09&unit_id=5"))
    service.attendance.monthly_recap.assert_called_once_with(month="2026-09", unit_id=5)
    service.attendance_today(make_request("/x", query_string="unit_id=5"))
    service.attendance.today_view.assert_called_once_with(unit_id=5)
    service.attendance_today(make_request("/x"))
    service.attendance.today_view.assert_called_with()
    assert isinstance(service.attendance_days(make_request("/x")), ValidationFailed)
    service.attendance.list_holidays.return_value = [{"date": "2026-03-19"}]
    assert service.list_attendance_holidays(make_request("/x", query_string="year=2026")).body == {
        "items": [{"date": "2026-03-19"}]}
    service.attendance.list_holidays.assert_called_once_with(year=2026)


def test_recap_export_is_the_file_as_an_attachment(service):
    service.attendance.export_recap.return_value = {
        "filename": "rekap-kehadiran-2026-09.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(PDF).decode()}
    reply = service.attendance_recap_export(make_request("/x", query_string="month=2026-09&format=pdf&unit_id=2"))
    assert reply.body == PDF and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"] == 'attachment; filename="rekap-kehadiran-2026-09.pdf"'
    assert reply.headers["Cache-Control"] == "private, no-store"
    service.attendance.export_recap.assert_called_once_with(month="2026-09", unit_id=2, format="pdf")
    service.attendance.export_recap.side_effect = Forbidden("Hanya atasan.")
    assert isinstance(service.attendance_recap_export(make_request("/x", query_string="month=2026-09")), Forbidden)


# -- leave requests and corrections ---------------------------------------------------------------

REQUEST = {"id": 12, "status": "submitted", "attachment": {
    "filename": "surat dokter.pdf", "content_type": "application/pdf", "size": len(PDF), "sha256": "0",
    "content_b64": base64.b64encode(PDF).decode()}}


def test_requests_never_carry_the_attachment_content_as_json(service):
    assert "content_b64" not in without_content(REQUEST)["attachment"]
    assert REQUEST["attachment"]["content_b64"]  # the answer itself is left alone
    service.attendance.get_request.return_value = REQUEST
    assert service.get_attendance_request(make_request("/x"), request_id=12).body["attachment"] == {
        "filename": "surat dokter.pdf", "content_type": "application/pdf", "size": len(PDF), "sha256": "0"}
    service.attendance.list_requests.return_value = {"items": [REQUEST], "next_cursor": "12"}
    page = service.list_attendance_requests(make_request("/x", query_string="mine=true&status=submitted")).body
    assert page["next_cursor"] == "12" and "content_b64" not in page["items"][0]["attachment"]
    service.attendance.list_requests.assert_called_once_with(filters={"mine": True, "status": "submitted"},
                                                             cursor=None, limit=DEFAULT_LIMIT)


def test_attachment_is_the_file_itself(service):
    service.attendance.get_request.return_value = REQUEST
    reply = service.attendance_request_attachment(make_request("/x"), request_id=12)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"] == 'attachment; filename="surat dokter.pdf"'
    service.attendance.get_request.assert_called_once_with(request_id=12)


def test_submit_request_is_201_with_location(service):
    service.attendance.submit_request.return_value = REQUEST
    body = {"kind": "sakit", "attachment": {"content_b64": "A" * (2 * 1024 * 1024)}}
    reply = service.submit_attendance_request(post(body, headers={"Idempotency-Key": "izin-1"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/attendance/requests/12"}
    assert "content_b64" not in reply.body["attachment"]
    service.attendance.submit_request.assert_called_once_with(data=body, idempotency_key="izin-1")


def test_decisions_send_their_one_field(service):
    service.attendance.approve_request.return_value = REQUEST
    service.approve_attendance_request(post(), request_id=12)
    service.attendance.approve_request.assert_called_once_with(request_id=12)
    service.reject_attendance_request(post({"reason": "Tanpa surat"}), request_id=12)
    service.attendance.reject_request.assert_called_once_with(request_id=12, reason="Tanpa surat")
    service.approve_attendance_correction(post({"note": "Ok"}), correction_id=3)
    service.attendance.approve_correction.assert_called_once_with(correction_id=3, note="Ok")
    service.reject_attendance_correction(post({"reason": "Tidak ada bukti"}), correction_id=3)
    service.attendance.reject_correction.assert_called_once_with(correction_id=3, reason="Tidak ada bukti")
    service.attendance.cancel_request.return_value = REQUEST
    assert "content_b64" not in service.cancel_attendance_request(post(), request_id=12).body["attachment"]
    service.attendance.cancel_request.assert_called_once_with(request_id=12)
    service.cancel_attendance_correction(post({"reason": "Salah tanggal"}), correction_id=3)
    service.attendance.cancel_correction.assert_called_once_with(correction_id=3, reason="Salah tanggal")
    wrong = service.approve_attendance_request(post({"note": "x", "status": "approved"}), request_id=12)
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"status": "Kolom tidak dikenal."}


def test_submit_correction_is_201_with_location(service):
    service.attendance.submit_correction.return_value = {"id": 5}
    reply = service.submit_attendance_correction(post({"day": "2026-09-01", "kind": "check_out"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/attendance/corrections/5"}


# -- setup ----------------------------------------------------------------------------------------

CSV = b"tanggal,nama,jenis\n2027-01-01,Tahun Baru 2027 Masehi,nasional\n"


def test_holiday_file_as_json_or_the_csv_itself():
    assert holiday_file(post({"filename": "libur.csv", "content_b64": "YQ=="})) == ("libur.csv", "YQ==")
    filename, content = holiday_file(make_request("/x", method="POST", data=CSV, content_type="text/csv",
                                                  query_string="filename=libur%202027.csv"))
    assert filename == "libur 2027.csv" and base64.b64decode(content) == CSV
    assert holiday_file(make_request("/x", method="POST", data=CSV, content_type="text/csv"))[0] == \
        "hari-libur.csv"
    with pytest.raises(UnsupportedMediaType):
        holiday_file(make_request("/x", method="POST", data=b"PK", content_type=XLSX))
    with pytest.raises(BadRequest):
        holiday_file(make_request("/x", method="POST", data=b"", content_type="text/csv"))
    with pytest.raises(ValidationFailed) as caught:
        holiday_file(post({"filename": "libur.csv"}))
    assert caught.value.fields == {"content_b64": "Wajib diisi."}


def test_setup_writes(service):
    service.attendance.create_location.return_value = {"id": 2}
    assert service.create_attendance_location(post({"name": "Kantor"})).status == 201
    service.update_attendance_location(make_request("/x", method="PATCH", json={"active": False}), location_id=2)
    service.attendance.update_location.assert_called_once_with(location_id=2, data={"active": False})
    service.update_attendance_period(make_request("/x", method="PUT", json={"name": "R"}), period_id=4)
    service.attendance.save_period.assert_called_once_with(data={"name": "R"}, period_id=4)
    service.attendance.update_weights.return_value = [{"code": "TL1", "weight_bp": 50}]
    assert service.update_attendance_weights(make_request("/x", method="PUT", json={"weights": []})).body == {
        "items": [{"code": "TL1", "weight_bp": 50}]}
    service.delete_attendance_holiday(make_request("/x", method="DELETE"), day="2026-03-19")
    service.attendance.delete_holiday.assert_called_once_with(day="2026-03-19")
    service.import_attendance_holidays(make_request("/x", method="POST", data=CSV, content_type="text/csv"))
    service.attendance.import_holidays.assert_called_once_with(filename="hari-libur.csv",
                                                               content_b64=base64.b64encode(CSV).decode())
    service.attendance.create_location.side_effect = Forbidden("Hanya admin.")
    assert isinstance(service.create_attendance_location(post({"name": "X"})), Forbidden)


def test_routes_resolve():
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/attendance/requests/7/approve", method="POST")[1] == {"request_id": 7}
    assert urls.match("/api/v1/attendance/holidays/2026-03-19", method="DELETE")[1] == {"day": "2026-03-19"}
    assert urls.match("/api/v1/attendance/holidays/import", method="POST")[1] == {}
    assert urls.allowed_methods("/api/v1/attendance/check-in") == ["POST"]


# -- the spec -------------------------------------------------------------------------------------

A = "/api/v1/attendance"
ATTENDANCE_ROUTES = {
    ("post", f"{A}/check-in"), ("post", f"{A}/check-out"), ("get", f"{A}/me"), ("get", f"{A}/me/today"),
    ("get", f"{A}/days"), ("get", f"{A}/recap"), ("get", f"{A}/recap/export"), ("get", f"{A}/today"),
    ("get", f"{A}/requests"), ("post", f"{A}/requests"), ("get", f"{A}/requests/{{request_id}}"),
    ("get", f"{A}/requests/{{request_id}}/attachment"), ("post", f"{A}/requests/{{request_id}}/approve"),
    ("post", f"{A}/requests/{{request_id}}/reject"), ("post", f"{A}/requests/{{request_id}}/cancel"),
    ("get", f"{A}/corrections"), ("post", f"{A}/corrections"), ("get", f"{A}/corrections/{{correction_id}}"),
    ("post", f"{A}/corrections/{{correction_id}}/approve"), ("post", f"{A}/corrections/{{correction_id}}/reject"),
    ("post", f"{A}/corrections/{{correction_id}}/cancel"),
    ("get", f"{A}/setup"), ("post", f"{A}/locations"), ("patch", f"{A}/locations/{{location_id}}"),
    ("put", f"{A}/schedules"), ("post", f"{A}/periods"), ("put", f"{A}/periods/{{period_id}}"),
    ("delete", f"{A}/periods/{{period_id}}"), ("get", f"{A}/holidays"), ("post", f"{A}/holidays"),
    ("delete", f"{A}/holidays/{{day}}"), ("post", f"{A}/holidays/import"), ("put", f"{A}/weights"),
    ("patch", f"{A}/settings"), ("get", f"{A}/roster"), ("post", f"{A}/roster/sync"),
}


@pytest.fixture(scope="module")
def spec():
    return build_spec(GatewayService)


def test_every_attendance_route_is_documented_under_its_tag(spec):
    documented = {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()}
    assert ATTENDANCE_ROUTES <= set(documented)
    for key in ATTENDANCE_ROUTES:
        assert documented[key]["tags"] == ["Absensi"], key
        assert documented[key]["security"] == [{"bearer": []}], key
    assert "Absensi" in {tag["name"] for tag in spec["tags"]}


def test_attendance_bodies_come_from_the_contract(spec):
    paths, schemas = spec["paths"], spec["components"]["schemas"]
    check_in = paths[f"{A}/check-in"]["post"]
    assert check_in["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/GeoPositionIn"}
    assert {"201", "409", "422"} <= set(check_in["responses"])
    assert {"$ref": "#/components/parameters/Idempotency-Key"} in check_in["parameters"]
    assert set(schemas["GeoPositionIn"]["required"]) == {"latitude", "longitude"}
    assert schemas["LeaveRequestIn"]["properties"]["attachment"]["allOf"] == [
        {"$ref": "#/components/schemas/LeaveAttachmentIn"}]
    assert "required" not in schemas["LocationPatch"]
    month = [p for p in paths[f"{A}/recap"]["get"]["parameters"] if p.get("name") == "month"]
    assert month and month[0]["required"] is True


def test_files_are_binary_in_the_spec(spec):
    export = spec["paths"][f"{A}/recap/export"]["get"]
    ok = export["responses"]["200"]
    assert ok["content"]["application/octet-stream"]["schema"] == {"type": "string", "format": "binary"}
    assert "Content-Disposition" in ok["headers"]
    formats = [p for p in export["parameters"] if p.get("name") == "format"][0]
    assert formats["schema"]["enum"] == ["xlsx", "pdf"]
    attachment = spec["paths"][f"{A}/requests/{{request_id}}/attachment"]["get"]["responses"]["200"]
    assert attachment["content"]["*/*"]["schema"]["format"] == "binary"
    upload = spec["paths"][f"{A}/holidays/import"]["post"]
    assert set(upload["requestBody"]["content"]) == {"application/json", "text/csv"}
    assert "415" in upload["responses"]
