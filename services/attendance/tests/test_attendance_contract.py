"""attendance answers exactly what its schemas declare: every RPC answer and every event payload of a whole
working life (check-in/out, days, recaps, the today board, requests and corrections through every step,
setup data, roster, whoami) is fed with its declared schema to ``AnswerCheck``. A field answered but not
declared, or declared but never answered, fails this test."""
import base64
import io

import pytest
from attendance import events, schemas
from attendance_testkit import position, wita
from situok_contracts.events import Attendance, names
from situok_kit.contract_check import AnswerCheck
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration



def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 40)).save(out, "JPEG")
    return out.getvalue()


#: A real (2×2) JPEG: selfies are decoded and re-encoded (situok_kit.uploads).
JPEG = _photo()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def leave(kind: str, start: str, end: str) -> dict:
    return {"kind": kind, "start_date": start, "end_date": end, "reason": "Keperluan keluarga",
            "attachment": {"filename": "surat.pdf", "content_type": "application/pdf", "content_b64": b64(b"%PDF")}}


def correction(day: str, kind: str, time: str) -> dict:
    return {"day": day, "kind": kind, "time": time, "reason": "Lupa absen"}


def test_days_requests_and_events(rpc, bureau, clock_at, observer):
    check = AnswerCheck()
    seen = observer()
    me = rpc(bureau.as_("dokumentasi"))
    supervisor = rpc(bureau.as_("kasubbag_dok", "kasubbag"))
    head = rpc(bureau.as_("kabag_pkp", "kepala_bagian"))
    unit = bureau.unit_ids["BUP.PKP.DOK"]

    clock_at(wita("2026-07-01T07:42"))
    check.answer(schemas.CheckOut, me.check_in(position(selfie_b64=b64(JPEG))))
    check.answer(schemas.CheckOut, me.check_in(position(selfie_b64=b64(JPEG))))          # replayed
    check.answer(schemas.MyTodayOut, me.my_today())
    check.answer(schemas.TodayOut, supervisor.today_view())
    check.answer(schemas.TodayOut, head.today_view(unit))
    clock_at(wita("2026-07-01T16:35"))
    flagged = me.check_out(position(accuracy=500))                       # akurasi: to the review queue
    check.answer(schemas.CheckOut, flagged)
    queue = supervisor.review_queue({"unit_id": unit, "date_from": "2026-07-01", "date_to": "2026-07-01"}, limit=1)
    check.answer(schemas.ReviewQueuePage, queue)
    check.answer(schemas.RecordReviewedOut, supervisor.mark_reviewed(flagged["id"], "check_out", "Sinyal lemah"))
    clock_at(wita("2026-07-03T10:00"))
    check.answer(schemas.EmployeeDaysOut, me.employee_days("2026-07"))
    check.answer(schemas.EmployeeDaysOut, supervisor.employee_days("2026-07", bureau.employee_ids["dokumentasi"]))
    check.answer(schemas.RecapOut, supervisor.monthly_recap("2026-07"))
    check.answer(schemas.RecapOut, head.monthly_recap("2026-07", unit))
    check.answer(schemas.RecapFileOut, head.export_recap("2026-07", unit, "xlsx"))

    approved = me.submit_request(leave("cuti", "2026-07-06", "2026-07-07"))
    rejected = me.submit_request(leave("izin", "2026-07-08", "2026-07-08"))
    withdrawn = me.submit_request(leave("sakit", "2026-07-09", "2026-07-09"))
    for answer in (approved, rejected, withdrawn):
        check.answer(schemas.LeaveRequestOut, answer)
    check.answer(schemas.LeaveRequestDetailOut, supervisor.get_request(approved["id"]))
    check.answer(schemas.LeaveRequestPage, supervisor.list_requests({"unit_id": unit}, limit=2))
    check.answer(schemas.LeaveRequestOut, supervisor.approve_request(approved["id"], "Silakan"))
    check.answer(schemas.LeaveRequestOut, supervisor.reject_request(rejected["id"], "Tanggal itu ada acara"))
    check.answer(schemas.LeaveRequestOut, me.cancel_request(withdrawn["id"], "Sudah sembuh"))

    fixes = [me.submit_correction(correction("2026-07-02", kind, time))
             for kind, time in (("check_in", "07:30"), ("check_out", "16:30"))]
    third = me.submit_correction(correction("2026-07-03", "check_in", "07:31"))
    for answer in (*fixes, third):
        check.answer(schemas.CorrectionOut, answer)
    check.answer(schemas.CorrectionOut, head.get_correction(third["id"]))
    check.answer(schemas.CorrectionPage, me.list_corrections({"mine": True}))
    check.answer(schemas.CorrectionOut, head.approve_correction(fixes[0]["id"]))
    check.answer(schemas.CorrectionOut, supervisor.reject_correction(fixes[1]["id"], "Tidak ada bukti"))
    check.answer(schemas.CorrectionOut, me.cancel_correction(third["id"]))

    every = set(names(Attendance))
    wait_for(lambda: {e["type"] for e in seen.poll()} >= every, timeout=15, message="every attendance event")
    for event in seen.poll():
        check.answer(events.PAYLOADS[event["type"]], event["data"], name=event["type"])
    assert check.problems() == []


def test_setup_roster_and_whoami(rpc, bureau):
    check = AnswerCheck()
    admin = rpc(bureau.admin())
    setup = admin.get_setup()
    check.answer(schemas.SetupOut, setup)

    location = admin.create_location({"name": "Gedung Wiswa Sabha Utama", "latitude": -8.6731,
                                      "longitude": 115.2338, "radius_m": 120, "active": False})
    check.answer(schemas.LocationOut, location)
    check.answer(schemas.LocationOut, admin.update_location(location["id"], {"radius_m": 130}))

    unit = bureau.unit_ids["BUP.KA.AKP"]
    week = {"unit_id": unit, "period": "normal",
            "days": [{"weekday": 0, "start_time": "08:00", "end_time": "16:00", "break_start": "12:00",
                      "break_end": "13:00", "note": "uji kontrak"}]}
    check.answer(schemas.ScheduleOut, admin.set_schedule(week))
    check.answer(schemas.ScheduleOut, admin.set_schedule({**week, "days": []}))      # back to the default

    period = {"name": "Ramadan 1452 H (uji)", "start_date": "2030-12-01", "end_date": "2030-12-02"}
    saved = admin.save_period(period)
    check.answer(schemas.PeriodOut, saved)
    check.answer(schemas.PeriodOut, admin.save_period({**period, "verify": True}, period_id=saved["id"]))
    check.answer(schemas.DeletedOut, admin.delete_period(saved["id"]))

    check.answer(schemas.HolidayOut, admin.save_holiday({"date": "2030-01-02", "name": "Uji", "kind": "nasional"}))
    csv = b"tanggal,nama,jenis,verifikasi\n2030-01-03,Uji Galungan,bali,1\n2030-01-04,Uji Kuningan,bali,0\n"
    check.answer(schemas.HolidayImportOut, admin.import_holidays("uji-2030.csv", b64(csv)))
    check.answer(schemas.HolidayOut, admin.list_holidays(2030))
    for day in ("2030-01-02", "2030-01-03", "2030-01-04"):
        check.answer(schemas.DeletedOut, admin.delete_holiday(day))

    same = [{"code": w["code"], "weight_bp": w["weight_bp"], "note": w["note"]} for w in setup["weights"]]
    check.answer(schemas.WeightOut, admin.update_weights({"weights": same}))
    check.answer(schemas.SettingsOut, admin.update_settings({"selfie_max_kb": setup["settings"]["selfie_max_kb"]}))

    check.answer(schemas.AttendanceRosterSyncOut, admin.sync_roster())
    check.answer(schemas.AttendanceRosterOut, admin.roster_status())
    check.answer(schemas.AttendanceWhoAmIOut, admin.whoami())
    check.answer(schemas.AttendanceWhoAmIOut, rpc(bureau.as_("dokumentasi")).whoami())
    assert check.problems() == []
