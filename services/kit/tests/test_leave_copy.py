"""``situok_kit.leave_copy``: what a copy reads of kepegawaian's leave events (the database side — order,
tombstones, the later decision winning — is tested where a service keeps the copy: travel's, attendance's and
booking's leave tests)."""
from datetime import date

import pytest
from marshmallow import ValidationError
from situok_kit.leave_copy import LeaveCopy, LeaveCopyColumns, LeaveEventIn

EVENT = {"id": 7, "employee_id": 12, "employee_name": "I Kadek", "nip": "199209222019031002",
         "employment_type": "non_asn", "unit_id": 3, "kind": "tahunan", "kind_name": "Cuti Tahunan",
         "start_date": "2026-12-07", "end_date": "2026-12-08", "days": 2, "half_day": None, "status": "approved",
         "decided_at": "2026-12-03T09:00:00+08:00"}


def test_the_payload_is_read_and_the_rest_ignored():
    loaded = LeaveEventIn().load(EVENT)
    assert loaded["start_date"] == date(2026, 12, 7) and loaded["end_date"] == date(2026, 12, 8)
    assert "nip" not in loaded and "days" not in loaded


@pytest.mark.parametrize("change, field", [({"id": "x"}, "id"), ({"employee_id": None}, "employee_id"),
                                           ({"end_date": "2026-12-06"}, "end_date"),
                                           ({"start_date": "7-12-2026"}, "start_date")])
def test_a_payload_that_is_not_a_leave_is_refused(change, field):
    with pytest.raises(ValidationError) as refused:
        LeaveEventIn().load({**EVENT, **change})
    assert field in refused.value.messages


def test_a_copy_keeps_only_what_its_service_keeps():
    class Model(LeaveCopyColumns):
        pass

    copy = LeaveCopy(Model, keeps=lambda leave: leave["employment_type"] == "non_asn")
    assert copy._load(EVENT, "kepegawaian.leave_approved")["id"] == 7
    assert copy._load({**EVENT, "employment_type": "pns"}, "kepegawaian.leave_approved") is None
    assert copy._load({"id": "x"}, "kepegawaian.leave_approved") is None
