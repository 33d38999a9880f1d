"""Leave through the running service (real broker and database): the whole workflow with its events, overlap
refused (and the exclusion constraint proven with SQL), who may read and act, all-or-nothing on bad input.

attendance is not part of kepegawaian's test stack, so this module runs a small stand-in named ``attendance``
on the same broker answering ``list_holidays(year)`` with a fixed calendar in attendance's ``HolidayOut`` shape:
``domain.calendar`` asks it exactly as it asks attendance (RPC as the system)."""
from __future__ import annotations

import base64
from datetime import date, timedelta

import pytest
from kepegawaian.domain import leave as leave_domain
from nameko.containers import ServiceContainer
from nameko.rpc import rpc as nameko_rpc
from situok_kit.errors import Conflict, Forbidden, ServiceUnavailable, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

#: Christmas 2030: Tuesday 24 cuti bersama, Wednesday 25 a national holiday.
HOLIDAYS = {date(2030, 12, 24): ("Cuti bersama Natal", "cuti_bersama"), date(2030, 12, 25): ("Natal", "nasional"),
            date(2031, 1, 1): ("Tahun Baru", "nasional")}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class FakeAttendance:
    name = "attendance"

    @nameko_rpc
    def list_holidays(self, year=None):
        return [{"date": d.isoformat(), "name": name, "kind": kind, "verify": False, "source": "test"}
                for d, (name, kind) in HOLIDAYS.items() if year is None or d.year == year]


@pytest.fixture(scope="module")
def leave_stack(kepegawaian_db, broker_uri, services):
    """The leave rules seeded (``kepegawaian.domain.leave:seed``) and the attendance stand-in running."""
    with Session(kepegawaian_db[1]) as session:
        leave_domain.seed(session)
        session.commit()
    running = {"container": _attendance(broker_uri), "broker_uri": broker_uri}
    try:
        yield running
    finally:
        running["container"].kill()


def _attendance(broker_uri: str) -> ServiceContainer:
    container = ServiceContainer(FakeAttendance, {"AMQP_URI": broker_uri})
    container.start()
    return container


def annual(start: date, end: date, **extra) -> dict:
    return {"kind": "tahunan", "start_date": start.isoformat(), "end_date": end.isoformat(),
            "reason": "Urusan keluarga", **extra}


def count(bureau) -> int:
    return bureau.scalar("SELECT count(*) FROM leave_requests")


def test_full_workflow_with_events_and_balance(rpc, bureau, observer, leave_stack):
    watch = observer()
    employee = rpc(bureau.pegawai())
    # preview: counted days exact (Mon 23..Fri 27: minus the cuti bersama Tuesday and Christmas), nothing saved
    before = count(bureau)
    preview = employee.preview_leave(annual(date(2030, 12, 23), date(2030, 12, 27)))
    assert preview["days"] == 3 and preview["ok"] is True and preview["problems"] == {}
    assert preview["balance"]["total"] == 12
    assert count(bureau) == before
    made = employee.request_leave(annual(date(2030, 12, 23), date(2030, 12, 27)))
    assert made["status"] == "submitted" and made["days"] == 3 and made["allowed_actions"] == ["cancel"]
    lid = made["id"]
    # the direct supervisor considers; the chain above reads; a colleague neither
    supervisor = rpc(bureau.supervisor())
    assert lid in [x["id"] for x in supervisor.leave_inbox()["items"]]
    assert supervisor.get_leave(lid)["allowed_actions"] == ["consider"]
    assert rpc(bureau.kabag()).get_leave(lid)["allowed_actions"] == []
    colleague = rpc(bureau.colleague())
    with pytest.raises(Forbidden):
        colleague.get_leave(lid)
    with pytest.raises(Forbidden):
        colleague.consider_leave(lid, {"option": "setuju"})
    with pytest.raises(Forbidden):
        rpc(bureau.official()).consider_leave(lid, {"option": "setuju"})
    with pytest.raises(ValidationFailed) as noted:
        supervisor.consider_leave(lid, {"option": "ditangguhkan"})
    assert "note" in noted.value.fields
    considered = supervisor.consider_leave(lid, {"option": "setuju", "note": None})
    assert considered["status"] == "considered"
    official = rpc(bureau.official())
    assert lid in [x["id"] for x in official.leave_inbox()["items"]]
    assert official.get_leave(lid)["allowed_actions"] == ["decide"]
    with pytest.raises(Forbidden):
        supervisor.decide_leave(lid, {"option": "setuju"})
    approved = official.decide_leave(lid, {"option": "setuju"})
    assert approved["status"] == "approved" and approved["decided_at"]
    assert approved["allowed_actions"] == ["cancel"]
    with pytest.raises(Conflict):
        official.decide_leave(lid, {"option": "setuju"})
    balance = employee.my_leave_balance(2030)
    assert balance["used"] == 3 and balance["remaining"] == balance["total"] - 3
    # the employee may no longer cancel an approved leave; the staff officer may, with a reason
    with pytest.raises(Forbidden):
        employee.cancel_leave(lid, {"reason": "batal"})
    staff = rpc(bureau.staff_officer())
    with pytest.raises(ValidationFailed) as reasonless:
        staff.cancel_leave(lid, {})
    assert "reason" in reasonless.value.fields
    cancelled = staff.cancel_leave(lid, {"reason": "Tugas mendesak"})
    assert cancelled["status"] == "cancelled"
    assert employee.my_leave_balance(2030)["used"] == 0
    # the events, one schema
    names = ("requested", "considered", "approved", "cancelled")

    def seen():
        return {e["type"]: e["data"] for e in watch.poll() if e["data"].get("id") == lid}

    wait_for(lambda: len(seen()) == 4, message="the four leave events")
    events = seen()
    assert set(events) == {f"kepegawaian.leave_{n}" for n in names}
    payload = events["kepegawaian.leave_approved"]
    assert payload["employee_id"] == bureau.employee_ids["pegawai"] and payload["kind"] == "tahunan"
    assert payload["start_date"] == "2030-12-23" and payload["end_date"] == "2030-12-27" and payload["days"] == 3
    assert payload["employment_type"] == "pns" and payload["nip"] and payload["status"] == "approved"
    assert payload["kind_name"] == "Cuti Tahunan" and payload["half_day"] is None and payload["decided_at"]
    assert events["kepegawaian.leave_cancelled"]["status"] == "cancelled"


def test_change_requested_then_resubmitted_then_refused(rpc, bureau, observer, leave_stack):
    watch = observer()
    employee = rpc(bureau.colleague())
    lid = employee.request_leave(annual(date(2030, 11, 4), date(2030, 11, 8)))["id"]
    supervisor = rpc(bureau.supervisor())
    sent_back = supervisor.consider_leave(lid, {"option": "perubahan", "note": "Geser sepekan"})
    assert sent_back["status"] == "change_requested" and sent_back["considered_note"] == "Geser sepekan"
    assert employee.get_leave(lid)["allowed_actions"] == ["update", "cancel"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).update_leave(lid, annual(date(2030, 11, 11), date(2030, 11, 12)))
    changed = employee.update_leave(lid, annual(date(2030, 11, 11), date(2030, 11, 12)))
    assert changed["status"] == "submitted" and changed["days"] == 2 and changed["considered_option"] is None
    supervisor.consider_leave(lid, {"option": "setuju"})
    refused = rpc(bureau.official()).decide_leave(lid, {"option": "tidak_disetujui", "note": "Akhir tahun anggaran"})
    assert refused["status"] == "refused" and refused["allowed_actions"] == []
    wait_for(lambda: {"kepegawaian.leave_change_requested", "kepegawaian.leave_refused"} <= {
        e["type"] for e in watch.poll() if e["data"].get("id") == lid})


def test_overlap_refused_and_the_constraint_holds_in_sql(rpc, bureau, leave_stack):
    employee = rpc(bureau.pegawai())
    first = employee.request_leave(annual(date(2030, 10, 7), date(2030, 10, 9)))
    before = count(bureau)
    with pytest.raises(ValidationFailed) as overlap:
        employee.request_leave(annual(date(2030, 10, 9), date(2030, 10, 10)))
    assert "bertumpang tindih" in overlap.value.fields["start_date"]
    assert count(bureau) == before
    # the database itself refuses a second open request over the same days (a race cannot write two)
    with Session(bureau.engine) as session, pytest.raises(IntegrityError) as raced:
        session.execute(text(
            "INSERT INTO leave_requests (employee_id, employee_name, employment_type, kind, kind_name, start_date,"
            " end_date, period, days, status) SELECT employee_id, employee_name, employment_type, kind, kind_name,"
            " start_date, end_date, period, days, 'submitted' FROM leave_requests WHERE id = :id"),
            {"id": first["id"]})
        session.commit()
    assert "leave_requests_no_overlap" in str(raced.value)
    # a cancelled request frees its days
    employee.cancel_leave(first["id"], {})
    again = employee.request_leave(annual(date(2030, 10, 9), date(2030, 10, 10)))
    assert again["status"] == "submitted"


def test_authorization_of_reading_and_filing(rpc, bureau, leave_stack):
    employee = rpc(bureau.pegawai())
    lid = employee.request_leave(annual(date(2030, 9, 2), date(2030, 9, 3)))["id"]
    colleague_id = bureau.employee_ids["bendahara"]
    with pytest.raises(Forbidden):
        employee.leave_balance(colleague_id, 2030)
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).leave_balance(bureau.employee_ids["pegawai"], 2030)
    assert rpc(bureau.supervisor()).leave_balance(bureau.employee_ids["pegawai"], 2030)["total"] == 12
    # a colleague does not see it in a list; the staff officer sees everyone's
    assert lid not in [x["id"] for x in rpc(bureau.colleague()).list_leave(year=2030)["items"]]
    staff = rpc(bureau.staff_officer())
    assert lid in [x["id"] for x in staff.list_leave(employee_id=bureau.employee_ids["pegawai"])["items"]]
    # filing on someone's behalf: the staff officer only
    with pytest.raises(Forbidden):
        employee.request_leave(annual(date(2030, 9, 9), date(2030, 9, 9), employee_id=colleague_id))
    filed = staff.request_leave(annual(date(2030, 9, 9), date(2030, 9, 9), employee_id=colleague_id))
    assert filed["employee_id"] == colleague_id and filed["filed_by"]


def test_official_never_decides_their_own_leave(rpc, bureau, leave_stack):
    official = rpc(bureau.official())
    made = official.request_leave(annual(date(2030, 8, 5), date(2030, 8, 6)))
    # no supervisor (the Kepala Biro): straight to the official — who may not decide it
    assert made["status"] == "considered" and made["allowed_actions"] == ["cancel"]
    assert made["id"] not in [x["id"] for x in official.leave_inbox()["items"]]
    with pytest.raises(Forbidden):
        official.decide_leave(made["id"], {"option": "setuju"})
    assert rpc(bureau.admin()).decide_leave(made["id"], {"option": "setuju"})["status"] == "approved"


def test_refusals_name_the_field_and_write_nothing(rpc, bureau, leave_stack):
    employee = rpc(bureau.pegawai())
    before = count(bureau)
    with pytest.raises(ValidationFailed) as male:
        employee.request_leave({"kind": "melahirkan", "start_date": "2030-07-01", "end_date": "2030-07-31",
                                "child_order": 1})
    assert "perempuan" in male.value.fields["kind"]
    with pytest.raises(ValidationFailed) as sick:
        employee.request_leave({"kind": "sakit", "start_date": "2030-07-01", "end_date": "2030-07-02"})
    assert "surat keterangan dokter" in sick.value.fields["attachment_b64"]
    with pytest.raises(ValidationFailed) as disguised:
        employee.request_leave({"kind": "sakit", "start_date": "2030-07-01", "end_date": "2030-07-02",
                                "attachment_b64": base64.b64encode(b"<script>alert(1)</script>").decode(),
                                "attachment_name": "surat.pdf"})
    assert "attachment_b64" in disguised.value.fields
    with pytest.raises(ValidationFailed) as past:
        employee.request_leave(annual(date(2020, 1, 6), date(2020, 1, 6)))
    assert "sudah lewat" in past.value.fields["start_date"]
    with pytest.raises(ValidationFailed) as over:  # 30 working days: over any balance (24 at most)
        employee.request_leave(annual(date(2030, 6, 3), date(2030, 7, 12)))
    assert "tidak cukup" in over.value.fields["end_date"]
    with pytest.raises(ValidationFailed) as shape:
        employee.request_leave({"kind": "liburan", "start_date": "kemarin"})
    assert {"kind", "start_date", "end_date"} <= set(shape.value.fields)
    assert count(bureau) == before


def test_sick_leave_with_a_doctors_letter(rpc, bureau, leave_stack):
    employee = rpc(bureau.colleague())
    start = date.today() + timedelta(days=30)
    made = employee.request_leave({"kind": "sakit", "start_date": start.isoformat(),
                                   "end_date": (start + timedelta(days=3)).isoformat(),
                                   "attachment_b64": base64.b64encode(PDF).decode(),
                                   "attachment_name": "surat dokter.pdf"})
    assert made["days"] == 4 and made["has_attachment"] is True
    letter = rpc(bureau.supervisor()).get_leave_attachment(made["id"])
    assert base64.b64decode(letter["content_b64"]) == PDF and letter["content_type"] == "application/pdf"
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).get_leave_attachment(made["id"])


def test_opening_balance_by_the_staff_officer(rpc, bureau, leave_stack):
    employee_id = bureau.employee_ids["bendahara"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).set_opening_balance({"employee_id": employee_id, "year": 2029, "remaining_n1": 4})
    rpc(bureau.staff_officer()).set_opening_balance({"employee_id": employee_id, "year": 2029,
                                                     "remaining_n1": 4, "note": "Kartu cuti 2028"})
    balance = rpc(bureau.staff_officer()).leave_balance(employee_id, 2029)
    assert (balance["carry"], balance["total"], balance["from_opening"]) == (4, 16, True)
    assert any("saldo awal" in line for line in balance["explanation"])


def test_kinds_and_rules(rpc, bureau, leave_stack):
    kinds = {k["kind"]: k for k in rpc(bureau.pegawai()).leave_kinds()}
    assert "melahirkan" not in kinds  # a man
    assert kinds["tahunan"]["source"].startswith("PP 11/2017") and kinds["tahunan"]["cuti_bersama_counts"] is False
    assert "melahirkan" in {k["kind"] for k in rpc(bureau.colleague()).leave_kinds()}
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).update_leave_rule(kinds["tahunan"]["id"], {"carry_max_days": 5})
    with pytest.raises(ValidationFailed):
        rpc(bureau.admin()).update_leave_rule(kinds["tahunan"]["id"], {"carry_max_days": -1})


def _trip(bureau, order_id: int, key: str, start: date, end: date) -> None:
    with Session(bureau.engine) as session:
        session.execute(text("INSERT INTO employee_trips (order_id, employee_id, start_date, end_date, number, purpose)"
                             " VALUES (:o, :e, :s, :t, :n, 'Koordinasi')"),
                        {"o": order_id, "e": bureau.employee_ids[key], "s": start, "t": end, "n": f"SPT-{order_id}"})
        session.commit()


def test_an_approved_trip_refuses_leave_at_request_and_at_approval(rpc, bureau, leave_stack):
    employee = rpc(bureau.pegawai())
    _trip(bureau, 990001, "pegawai", date(2030, 5, 6), date(2030, 5, 8))
    with pytest.raises(ValidationFailed) as trip:
        employee.request_leave(annual(date(2030, 5, 8), date(2030, 5, 10)))
    assert "SPT-990001" in trip.value.fields["start_date"]
    # a trip approved after the request: the official's approval is refused, the request stays considered
    lid = employee.request_leave(annual(date(2030, 5, 20), date(2030, 5, 21)))["id"]
    rpc(bureau.supervisor()).consider_leave(lid, {"option": "setuju"})
    _trip(bureau, 990002, "pegawai", date(2030, 5, 21), date(2030, 5, 22))
    with pytest.raises(ValidationFailed) as late:
        rpc(bureau.official()).decide_leave(lid, {"option": "setuju"})
    assert "SPT-990002" in late.value.fields["start_date"]
    assert employee.get_leave(lid)["status"] == "considered"


def test_a_supervisor_who_is_the_official_decides_in_one_step(rpc, bureau, observer, leave_stack):
    watch = observer()
    # the Kepala Bagian's direct supervisor is the Kepala Biro, the leave official
    lid = rpc(bureau.kabag()).request_leave(annual(date(2030, 4, 1), date(2030, 4, 2)))["id"]
    official = rpc(bureau.official())
    assert official.get_leave(lid)["allowed_actions"] == ["consider"]
    done = official.consider_leave(lid, {"option": "setuju"})
    assert done["status"] == "approved" and done["decided_option"] == "setuju"
    wait_for(lambda: [e for e in watch.poll() if e["type"] == "kepegawaian.leave_approved"
                      and e["data"]["id"] == lid])


def test_the_standard_form_is_a_pdf(rpc, bureau, leave_stack):
    lid = rpc(bureau.pegawai()).request_leave(annual(date(2030, 3, 4), date(2030, 3, 5)))["id"]
    found = rpc(bureau.supervisor()).leave_form_pdf(lid)
    assert found["content_type"] == "application/pdf" and found["filename"] == f"formulir-cuti-{lid}.pdf"
    assert base64.b64decode(found["content_b64"]).startswith(b"%PDF")
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).leave_form_pdf(lid)


def test_attendance_away_is_503_and_nothing_is_written(rpc, bureau, leave_stack):
    leave_stack["container"].kill()
    try:
        before = count(bureau)
        with pytest.raises(ServiceUnavailable):
            rpc(bureau.pegawai()).request_leave(annual(date(2030, 2, 4), date(2030, 2, 5)))
        assert count(bureau) == before
        # a calendar-day kind does not need the calendar
        made = rpc(bureau.pegawai()).request_leave({"kind": "sakit", "start_date": "2030-02-11",
                                                    "end_date": "2030-02-11"})
        assert made["days"] == 1
    finally:
        leave_stack["container"] = _attendance(leave_stack["broker_uri"])
