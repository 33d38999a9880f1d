"""The contract module itself, without a database: names, descriptions, enumerations, registration order, and
answers dumped from the domain's objects in the shapes and formats the edges read."""
from datetime import UTC, date, datetime, time

import pytest
from attendance import events, schemas
from attendance.domain.daily import DayRow
from attendance.domain.status import TODAY_GROUP, TODAY_GROUPS, DayStatus
from attendance.models import AttendanceRecord, LeaveRequest, RosterEmployee, WorkSchedule
from marshmallow import fields, validate
from situok_contracts.events import Attendance, names


def all_fields(schema_cls):
    """(schema, field name, field) of every field, list items included."""
    for name, field in schema_cls().fields.items():
        yield schema_cls.__name__, name, field
        if isinstance(field, fields.List):
            yield schema_cls.__name__, f"{name}[]", field.inner


def nested(field):
    field = field.inner if isinstance(field, fields.List) else field
    return field.schema.__class__ if isinstance(field, fields.Nested) else None


def test_names_are_the_class_names_and_unique_on_the_platform():
    assert all(name == cls.__name__ for name, cls in schemas.SCHEMAS.items())
    for renamed in ("GeoPositionIn", "LeaveAttachmentIn", "LeaveRequestIn"):
        assert renamed in schemas.SCHEMAS
    assert not {"PositionIn", "AttachmentIn", "RequestIn"} & set(schemas.SCHEMAS)


def test_every_field_is_described():
    undescribed = [f"{s}.{n}" for cls in schemas.SCHEMAS.values() for s, n, f in all_fields(cls)
                   if not f.metadata.get("description") and not n.endswith("[]")]
    assert undescribed == []


def test_enumerated_inputs_declare_their_enum():
    wrong = []
    for cls in schemas.SCHEMAS.values():
        for s, n, f in all_fields(cls):
            for v in f.validators:
                if isinstance(v, validate.OneOf) and list(v.choices) != f.metadata.get("enum"):
                    wrong.append(f"{s}.{n}")
    assert wrong == []


@pytest.mark.parametrize("schema,field,values", [
    ("DayOut", "status", schemas.DAY_STATUSES), ("DayOut", "codes[]", schemas.CODES),
    ("LeaveRequestOut", "status", schemas.REQUEST_STATUSES), ("LeaveRequestOut", "kind", schemas.LEAVE_KINDS),
    ("LeaveRequestOut", "allowed_actions[]", schemas.ACTIONS), ("CorrectionOut", "allowed_actions[]", schemas.ACTIONS),
    ("CorrectionOut", "kind", schemas.CORRECTION_KINDS), ("HolidayOut", "kind", schemas.HOLIDAY_KINDS),
    ("ScheduleOut", "period", schemas.PERIODS), ("SettingsOut", "geofence_mode", schemas.GEOFENCE_MODES),
    ("WeightOut", "code", schemas.WEIGHT_CODES), ("AttendanceMonthIn", "format", schemas.EXPORT_FORMATS),
])
def test_enumerated_answers_declare_attendances_own_tuples(schema, field, values):
    found = {n: f for _, n, f in all_fields(schemas.SCHEMAS[schema])}
    assert found[field].metadata["enum"] == list(values)


def test_nested_schemas_are_registered_before_the_schemas_nesting_them():
    order = list(schemas.SCHEMAS)
    for name, cls in schemas.SCHEMAS.items():
        for _, _, field in all_fields(cls):
            inner = nested(field)
            if inner is not None:
                assert inner.__name__ in schemas.SCHEMAS, f"{name} nests unregistered {inner.__name__}"
                assert order.index(inner.__name__) < order.index(name), f"{inner.__name__} after {name}"


def test_every_event_has_its_payload_schema():
    assert set(events.PAYLOADS) == set(events.PUBLISHED) == set(names(Attendance))
    assert all(schema.__name__ in schemas.SCHEMAS for schema in events.PAYLOADS.values())


def test_the_today_board_groups_every_status():
    assert set(TODAY_GROUP) == set(schemas.DAY_STATUSES)
    assert set(TODAY_GROUP.values()) == set(TODAY_GROUPS)
    keys = [f.data_key or name for name, f in schemas.TodayOut().fields.items()]
    assert [k for k in keys if k in TODAY_GROUPS] == list(TODAY_GROUPS)


# -- answers from the domain's objects -------------------------------------------------------------------

EMPLOYEE = RosterEmployee(id=7, name="Ni Kadek", full_name="Ni Kadek Ayu", nik="5171047112000005", unit_id=3,
                          unit_name="Subbagian TU", position_name="Pengadministrasi Umum", supervisor_id=2)


def test_a_record_answers_like_before():
    record = AttendanceRecord(id=1, employee_id=7, day=date(2026, 5, 4),
                              check_in_at=datetime(2026, 5, 3, 23, 42, 5, tzinfo=UTC), check_in_latitude=-8.67,
                              check_in_longitude=115.23, check_in_accuracy=12.0, check_in_location="Renon",
                              check_in_distance_m=350, check_in_review=True, check_in_selfie=b"\xff\xd8\xff")
    answer = schemas.CheckOut().dump((record, EMPLOYEE, {"replayed": False}))
    assert answer == {
        "id": 1, "employee_id": 7, "employee_name": "Ni Kadek Ayu", "day": "2026-05-04", "replayed": False,
        "check_in": {"at": "2026-05-03T23:42:05+00:00", "time": "07.42", "latitude": -8.67, "longitude": 115.23,
                     "accuracy": 12.0, "location": "Renon", "distance_m": 350, "needs_review": True,
                     "review_note": "perlu ditinjau", "review_reasons": [], "has_selfie": True},
        "check_out": None}
    assert events.record_data(record, EMPLOYEE)["unit_id"] == 3


def test_a_person_and_their_day():
    row = DayRow(date(2026, 5, 4), DayStatus("terlambat", ("TL1", "PSW4"), 12, 0),
                 datetime(2026, 5, 3, 23, 42, tzinfo=UTC), None, ("check_in",), None)
    assert schemas.TodayPersonOut().dump((EMPLOYEE, row)) == {
        "employee_id": 7, "name": "Ni Kadek Ayu", "nik": "5171047112000005", "unit_id": 3,
        "unit_name": "Subbagian TU", "position_name": "Pengadministrasi Umum", "day": "2026-05-04",
        "status": "terlambat", "label": "Terlambat", "codes": ["TL1", "PSW4"], "late_minutes": 12,
        "early_minutes": 0, "check_in": "07.42", "check_out": None, "corrected": ["check_in"], "holiday": None}


def test_a_leave_request_with_the_callers_actions():
    request = LeaveRequest(id=5, employee_id=7, unit_id=3, kind="cuti", start_date=date(2026, 6, 10),
                           end_date=date(2026, 6, 11), reason="Upacara adat", attachment_name="form.pdf",
                           attachment_type="application/pdf", attachment=b"%PDF", attachment_sha256="ab" * 32,
                           status="approved", created_at=datetime(2026, 6, 1, 1, tzinfo=UTC))
    answer = schemas.LeaveRequestOut().dump((request, {"allowed_actions": ["cancel"]}))
    assert answer["allowed_actions"] == ["cancel"] and answer["start_date"] == "2026-06-10"
    assert answer["attachment"] == {"filename": "form.pdf", "content_type": "application/pdf", "size": 4,
                                    "sha256": "ab" * 32}
    assert answer["cancelled_at"] is None and answer["created_at"] == "2026-06-01T01:00:00+00:00"
    assert schemas.LeaveRequestDetailOut().dump((request, {"allowed_actions": []}))["attachment"][
        "content_b64"] == "JVBERg=="
    assert "allowed_actions" not in events.request_data(request)
    assert events.request_submitted_data(request, EMPLOYEE)["supervisor_id"] == 2


def test_schedule_times_answer_as_typed():
    day = WorkSchedule(weekday=4, start_time=time(7, 30), end_time=time(14, 30), break_start=time(11, 30),
                       break_end=time(13), note=None)
    assert schemas.ScheduleDayOut().dump(day) == {"weekday": 4, "start_time": "07:30", "end_time": "14:30",
                                                  "break_start": "11:30", "break_end": "13:00", "note": None}
