"""The running service over RPC: real broker, real databases, identity in context data, the service's clock
fixed by the test (``clock_at``) so each test owns its days."""
import base64
import io

import pytest
from attendance_testkit import RENON, position, publish_event, wita
from situok_kit.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.4 surat keterangan dokter"


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 40)).save(out, "JPEG")
    return out.getvalue()


#: A real (2×2) JPEG: selfies are decoded and re-encoded (situok_kit.uploads).
JPEG = _photo()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def day_of(days: dict, iso: str) -> dict:
    return next(d for d in days["days"] if d["day"] == iso)


def row_of(recap: dict, employee_id: int) -> dict:
    return next(r for r in recap["employees"] if r["employee_id"] == employee_id)


# -- roster ---------------------------------------------------------------------------------------------

def test_roster_pulled_with_supervisors(rpc, bureau):
    status = rpc(bureau.admin()).roster_status()
    assert status["last_sync_at"] and status["active_non_asn"] >= 5
    ids = bureau.employee_ids
    assert bureau.scalar("SELECT supervisor_id FROM roster_employees WHERE id = :i",
                         {"i": ids["dokumentasi"]}) == ids["kasubbag_dok"]
    me = rpc(bureau.as_("dokumentasi")).whoami()
    assert me["tracked"] and not me["supervisor"]
    assert rpc(bureau.as_("kasubbag_dok", "kasubbag")).whoami()["supervisor"]


# -- check-in / check-out -------------------------------------------------------------------------------

def test_wita_day_boundary(rpc, bureau, clock_at):
    me = rpc(bureau.as_("dokumentasi"))
    clock_at("2026-03-03T15:59")                      # 23:59 WITA, Tuesday 3 March
    late_night = me.check_in(position())
    assert late_night["day"] == "2026-03-03" and late_night["check_in"]["time"] == "23.59"
    clock_at("2026-03-03T16:01")                      # 00:01 WITA, Wednesday 4 March
    after_midnight = me.check_in(position())
    assert after_midnight["day"] == "2026-03-04" and after_midnight["id"] != late_night["id"]
    assert after_midnight["check_in"]["at"].startswith("2026-03-03T16:01")    # stored in UTC


def test_geofence_refuses_with_distance_or_marks_for_review(rpc, bureau, clock_at):
    me, admin = rpc(bureau.as_("pramu_bakti")), rpc(bureau.admin())
    clock_at(wita("2026-04-07T07:25"))
    outside = position(RENON[0] + 0.00315, RENON[1])                  # 350 m north of the office
    with pytest.raises(ValidationFailed) as err:
        me.check_in(outside)
    assert err.value.fields["latitude"] == "di luar area kantor: 350 m dari Kantor Gubernur Bali (Renon)"
    assert bureau.scalar("SELECT count(*) FROM attendance_records WHERE employee_id = :i",
                         {"i": bureau.employee_ids["pramu_bakti"]}) == 0
    with pytest.raises(ValidationFailed) as err:
        me.check_out(position())
    assert "check_out" in err.value.fields                             # check-out only after check-in
    admin.update_settings({"geofence_mode": "tinjau"})
    try:
        record = me.check_in(outside)
    finally:
        admin.update_settings({"geofence_mode": "tolak"})
    assert record["check_in"]["needs_review"] and record["check_in"]["review_note"] == "perlu ditinjau"
    assert record["check_in"]["distance_m"] == 350 and record["check_in"]["accuracy"] == 12.0


def test_check_in_retry_and_check_out(rpc, bureau, clock_at, observer):
    events = observer("checked_in", "checked_out")
    me = rpc(bureau.as_("pengemudi"))
    clock_at(wita("2026-04-22T07:20"))
    first = me.check_in(position(selfie_b64=b64(JPEG)), idempotency_key="tap-1")
    assert first["check_in"]["has_selfie"] and not first["replayed"]
    assert me.check_in(position(selfie_b64=b64(JPEG)), idempotency_key="tap-1")["id"] == first["id"]
    again = me.check_in(position(selfie_b64=b64(JPEG)))                # a double tap without a key
    assert again["id"] == first["id"] and again["replayed"]
    with pytest.raises(Conflict) as err:
        me.check_in(position(RENON[0] + 0.0005, RENON[1]))             # another check-in the same day
    assert "07.20" in err.value.fields["check_in"]
    clock_at(wita("2026-04-22T16:35"))
    out = me.check_out(position())
    assert out["check_out"]["time"] == "16.35" and out["id"] == first["id"]
    wait_for(lambda: [e for e in events.poll() if e["data"]["id"] == first["id"] and e["type"].endswith("out")],
             message="checked_out published")
    ins = [e for e in events.poll() if e["type"] == "attendance.checked_in" and e["data"]["id"] == first["id"]]
    assert len(ins) == 1 and "selfie" not in str(ins[0]["data"]).replace("has_selfie", "")
    days = me.employee_days("2026-04")
    assert day_of(days, "2026-04-22")["status"] == "hadir"


def test_concurrent_duplicate_check_ins_over_rpc_record_once(rpc, bureau, clock_at):
    me = rpc(bureau.as_("teknisi"))
    clock_at(wita("2026-04-09T07:29"))
    replies = [me.check_in.call_async(position()) for _ in range(8)]
    ids = {r.result()["id"] for r in replies}
    assert len(ids) == 1
    assert bureau.scalar("SELECT count(*) FROM attendance_records WHERE employee_id = :i AND day = '2026-04-09'",
                         {"i": bureau.employee_ids["teknisi"]}) == 1


def test_concurrent_duplicate_check_ins_in_real_threads_record_once(bureau, attendance_db, services, clock_at):
    """Eight OS threads (not green threads), each with its own connection, released together."""
    import eventlet.patcher
    from attendance.domain import records
    from attendance.models import kit_tables
    from attendance.schemas import CheckOut
    from situok_kit.db import Transaction
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import NullPool

    real = eventlet.patcher.original("threading")
    clock_at(wita("2026-04-10T07:10"))
    ident = bureau.as_("teknisi")
    engine = create_engine(attendance_db[0], poolclass=NullPool)
    with Session(engine) as session:           # first connect (dialect set-up) here, not in the threads
        records.own_employee(session, ident)
    barrier = real.Barrier(8)
    results, errors = [], []
    payload = {"latitude": RENON[0], "longitude": RENON[1], "accuracy": 8.0}

    def attempt():
        try:
            with Session(engine) as session, session.begin():
                session.connection()                      # connect before the race starts
                barrier.wait(timeout=20)
                answer = records.check_in(Transaction(session, kit_tables, {}, None), ident, payload)
                results.append(CheckOut().dump(answer))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [real.Thread(target=attempt, daemon=True) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    engine.dispose()
    assert not errors, errors
    assert len({r["id"] for r in results}) == 1 and len(results) == 8
    assert sum(1 for r in results if not r["replayed"]) == 1
    assert bureau.scalar("SELECT count(*) FROM attendance_records WHERE employee_id = :i AND day = '2026-04-10'",
                         {"i": bureau.employee_ids["teknisi"]}) == 1
    assert bureau.scalar("SELECT count(*) FROM outbox_events WHERE event_type = 'attendance.checked_in' "
                         "AND envelope->'data'->>'id' = :i", {"i": str(results[0]["id"])}) == 1


def test_bad_input_names_the_field(rpc, bureau, clock_at):
    me = rpc(bureau.as_("teknisi"))
    clock_at(wita("2026-04-14T07:00"))
    with pytest.raises(ValidationFailed) as err:
        me.check_in({"latitude": "utara", "longitude": 115.2})
    assert "latitude" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        me.check_in(position(selfie_b64=b64(JPEG + b"\x00" * 600 * 1024)))
    assert "selfie_b64" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        me.check_in(position(selfie_b64=b64(b"not an image")))
    assert "selfie_b64" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rpc(bureau.as_("pegawai")).check_in(position())                 # ASN: not tracked here
    assert "employee_id" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        me.monthly_recap("2026-13")
    assert "month" in err.value.fields
    assert bureau.scalar("SELECT count(*) FROM attendance_records WHERE day = '2026-04-14'") == 0


# -- dinas luar from travel, through the real broker ---------------------------------------------------

def test_dinas_luar_from_travel_events(rpc, bureau, clock_at, broker_uri):
    me = rpc(bureau.as_("pengemudi"))
    employee_id = bureau.employee_ids["pengemudi"]
    clock_at(wita("2026-04-20T10:00"))
    order = {"order_id": 424242, "status": "approved", "number": None, "unit_id": bureau.unit_ids["BUP.RT.RTP"],
             "purpose": "Mengantar pimpinan", "departure_date": "2026-04-13", "return_date": "2026-04-15",
             "travellers": [{"employee_id": employee_id, "name": "I Ketut Budiarta", "nip": None,
                             "unit_id": bureau.unit_ids["BUP.RT.RTP"], "sppd_number": None,
                             "departure_date": "2026-04-13", "return_date": "2026-04-15"}]}

    def statuses():
        days = me.employee_days("2026-04")
        return [day_of(days, f"2026-04-{d}")["status"] for d in (13, 14, 15, 16)]

    assert statuses() == ["alpa", "alpa", "alpa", "alpa"]
    publish_event(broker_uri, "travel.order_approved", {**order, "approved_by_employee_id": 1, "note": None})
    wait_for(lambda: statuses() == ["dinas_luar", "dinas_luar", "dinas_luar", "alpa"], timeout=15,
             message="order_approved to mark dinas luar")
    publish_event(broker_uri, "travel.order_cancelled",
                  {**order, "status": "cancelled", "from_status": "approved", "reason": "batal"})
    wait_for(lambda: statuses() == ["alpa", "alpa", "alpa", "alpa"], timeout=15,
             message="order_cancelled to take dinas luar off")


# -- corrections, leave requests and the recap ------------------------------------------------------------

def test_correction_and_leave_change_the_recap(rpc, bureau, clock_at, observer):
    events = observer("correction_submitted", "correction_approved", "request_approved")
    ids = bureau.employee_ids
    me = rpc(bureau.as_("admin_umum"))
    supervisor = rpc(bureau.as_("kasubbag_tup", "kasubbag"))
    clock_at(wita("2026-05-04T07:20"))                                  # Monday; 1 May is a holiday
    me.check_in(position())
    clock_at(wita("2026-05-06T10:00"))
    before = row_of(supervisor.monthly_recap("2026-05"), ids["admin_umum"])
    days = me.employee_days("2026-05")
    assert [day_of(days, f"2026-05-0{d}")["status"] for d in (1, 4, 5, 6)] == [
        "libur", "tidak_absen_pulang", "alpa", "belum_absen"]
    assert before["codes"]["PSW4"] == 1 and before["days"]["alpa"] == 1

    correction = me.submit_correction({"day": "2026-05-04", "kind": "check_out", "time": "16:40",
                                       "reason": "Lupa absen pulang, rapat sampai sore"})
    assert correction["status"] == "submitted" and correction["time"] == "16.40"
    with pytest.raises(NotFound):
        rpc(bureau.as_("pegawai")).get_correction(correction["id"])
    with pytest.raises(NotFound):
        rpc(bureau.as_("kasubbag_pbh", "kasubbag")).approve_correction(correction["id"])
    with pytest.raises(Forbidden):
        me.approve_correction(correction["id"])
    approved = supervisor.approve_correction(correction["id"], "Benar, rapat")
    assert approved["status"] == "approved" and approved["decided_by_employee_id"] == ids["kasubbag_tup"]
    with pytest.raises(Conflict):
        supervisor.reject_correction(correction["id"], "terlambat")

    leave = me.submit_request({"kind": "sakit", "start_date": "2026-05-05", "end_date": "2026-05-05",
                               "reason": "Demam", "attachment": {"filename": "surat-dokter.pdf",
                                                                 "content_type": "application/pdf",
                                                                 "content_b64": b64(PDF)}})
    kabag = rpc(bureau.as_("kabag_tu", "kepala_bagian"))                # head of the bagian above
    assert kabag.get_request(leave["id"])["attachment"]["content_b64"] == b64(PDF)
    kabag.approve_request(leave["id"])

    after = row_of(supervisor.monthly_recap("2026-05"), ids["admin_umum"])
    days = me.employee_days("2026-05")
    assert day_of(days, "2026-05-04")["status"] == "hadir"
    assert day_of(days, "2026-05-04")["corrected"] == ["check_out"]
    assert day_of(days, "2026-05-05")["status"] == "sakit"
    assert after["codes"]["PSW4"] == 0 and after["days"]["alpa"] == 0 and after["days"]["sakit"] == 1
    weights = {w["code"]: w["weight_bp"] for w in me.get_setup()["weights"]}
    assert before["deduction_bp"] - after["deduction_bp"] == weights["PSW4"] + weights["ALPA"]
    history = me.list_corrections({"mine": True})["items"]
    assert history[0]["id"] == correction["id"] and history[0]["decision_note"] == "Benar, rapat"
    wait_for(lambda: {"attendance.correction_submitted", "attendance.correction_approved",
                      "attendance.request_approved"} <= {e["type"] for e in events.poll()},
             message="correction and request events")


def test_request_needs_attachment_and_valid_dates(rpc, bureau, clock_at):
    me = rpc(bureau.as_("dokumentasi"))
    clock_at(wita("2026-05-11T08:00"))
    with pytest.raises(ValidationFailed) as err:
        me.submit_request({"kind": "izin", "start_date": "2026-05-12", "end_date": "2026-05-12", "reason": "x"})
    assert set(err.value.fields) == {"attachment"}
    attachment = {"filename": "surat.pdf", "content_type": "application/pdf", "content_b64": b64(PDF)}
    with pytest.raises(ValidationFailed) as err:
        me.submit_request({"kind": "izin", "start_date": "2026-05-12", "end_date": "2026-05-11", "reason": "x",
                           "attachment": attachment})
    assert set(err.value.fields) == {"end_date"}
    with pytest.raises(ValidationFailed) as err:
        me.submit_correction({"day": "2026-05-20", "kind": "check_in", "time": "07:30", "reason": "x"})
    assert "day" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        me.submit_correction({"day": "2026-05-08", "kind": "check_in", "time": "7 pagi", "reason": "x"})
    assert "time" in err.value.fields


# -- authorization ------------------------------------------------------------------------------------------

def test_authorization(rpc, bureau, clock_at):
    ids = bureau.employee_ids
    clock_at(wita("2026-04-21T09:00"))
    with pytest.raises(Unauthorized):
        rpc().check_in(position())
    with pytest.raises(NotFound):                                       # another employee's days: unseen
        rpc(bureau.as_("dokumentasi")).employee_days("2026-04", ids["pengemudi"])
    with pytest.raises(Forbidden):                                      # supervises nobody
        rpc(bureau.as_("dokumentasi")).today_view()
    with pytest.raises(Forbidden):
        rpc(bureau.as_("dokumentasi")).create_location({"name": "X", "latitude": 0, "longitude": 0,
                                                          "radius_m": 100})
    head = rpc(bureau.as_("kasubbag_rtp", "kasubbag"))
    today = head.today_view()
    listed = {p["employee_id"] for group in ("in", "late", "absent", "on_duty", "leave", "off") for p in today[group]}
    assert {ids["pramu_bakti"], ids["pengemudi"]} <= listed and ids["dokumentasi"] not in listed
    assert head.employee_days("2026-04", ids["pengemudi"])["employee"]["employee_id"] == ids["pengemudi"]
    with pytest.raises(NotFound):
        head.employee_days("2026-04", ids["dokumentasi"])
    with pytest.raises(NotFound):
        head.monthly_recap("2026-04", bureau.unit_ids["BUP.PKP.DOK"])
    karo = rpc(bureau.as_("karo", "pimpinan"))                          # the biro: every unit
    assert {r["employee_id"] for r in karo.monthly_recap("2026-04")["employees"]} >= {
        ids["dokumentasi"], ids["pengemudi"], ids["admin_umum"]}
    admin = rpc(bureau.admin())
    loc = admin.create_location({"name": "Gedung Jaya Sabha", "latitude": -8.6548, "longitude": 115.2210,
                                 "radius_m": 100, "active": False})
    assert admin.update_location(loc["id"], {"radius_m": 150})["radius_m"] == 150


# -- setup data and exports ---------------------------------------------------------------------------------

def test_holiday_import_all_or_nothing(rpc, bureau):
    admin = rpc(bureau.admin())
    before = bureau.scalar("SELECT count(*) FROM holidays")
    bad = b"tanggal,nama,jenis\n2027-01-13,Galungan,bali\n2027-02-30,Salah,nasional\n"
    with pytest.raises(ValidationFailed) as err:
        admin.import_holidays("libur-2027.csv", b64(bad))
    assert "baris_3.tanggal" in err.value.fields
    assert bureau.scalar("SELECT count(*) FROM holidays") == before
    good = b"tanggal,nama,jenis,verifikasi\n2027-01-13,Hari Raya Galungan,bali,1\n2027-01-23,Kuningan,bali,1\n"
    assert admin.import_holidays("libur-2027.csv", b64(good))["imported"] == 2
    assert [h["name"] for h in admin.list_holidays(2027)] == ["Hari Raya Galungan", "Kuningan"]
    with pytest.raises(Forbidden):
        rpc(bureau.as_("pegawai")).import_holidays("x.csv", b64(good))


def test_exports(rpc, bureau, clock_at):
    clock_at(wita("2026-04-30T17:00"))
    head = rpc(bureau.as_("kabag_rt", "kepala_bagian"))
    xlsx = head.export_recap("2026-04", bureau.unit_ids["BUP.RT"], "xlsx")
    assert xlsx["filename"].endswith(".xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx["content_b64"]))).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "BIRO UMUM DAN PROTOKOL" in texts and "I Ketut Budiarta" in texts
    pdf = head.export_recap("2026-04", bureau.unit_ids["BUP.RT"], "pdf")
    raw = base64.b64decode(pdf["content_b64"])
    assert raw.startswith(b"%PDF") and pdf["content_type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    text = reader.pages[0].extract_text()
    assert "PEMERINTAH PROVINSI BALI" in text and "SEKRETARIAT DAERAH" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height        # landscape
    with pytest.raises(ValidationFailed) as err:
        head.export_recap("2026-04", None, "docx")
    assert "format" in err.value.fields



def test_days_before_tracking_start_are_not_counted(rpc, bureau, clock_at):
    """A fresh installation starts counting on its first day: earlier working days are not alpa."""
    clock_at(wita("2026-03-31T18:00"))
    admin = rpc(bureau.admin())
    employee_id = bureau.employee_ids["teknisi"]

    def days():
        result = admin.employee_days("2026-03", employee_id=employee_id)
        return result["days"] if isinstance(result, dict) else result

    assert any(day["status"] == "alpa" and day["day"] < "2026-03-16" for day in days())
    admin.update_settings({"tracking_start": "2026-03-16"})
    try:
        shown = days()
        assert shown and min(day["day"] for day in shown) == "2026-03-16"
        assert admin.get_setup()["settings"]["tracking_start"] == "2026-03-16"
    finally:
        admin.update_settings({"tracking_start": None})
