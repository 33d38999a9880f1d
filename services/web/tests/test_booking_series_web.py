"""The series pages without a running service: the form sends what was typed (ticked days as numbers, the dates
to leave out as a list), booking's messages land under their fields, the buttons are the series' and each
occurrence's ``allowed_actions``, the approval's report is shown after it, "this and following" leads to the new
series; every call fits the real service's RPCs."""
from __future__ import annotations

from datetime import UTC, date, datetime, time

from booking.schemas import SCHEMAS
from booking.schemas.common import BookingCapabilitiesOut
from booking.service import BookingService
from situok_kit.errors import ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, posts, text
from web import nav

NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)


def occurrence(booking_id: int, day: int, actions=("reschedule", "cancel"), status="pending", **extra) -> dict:
    start = datetime(2031, 3, day, 1, tzinfo=UTC)  # 09:00 WITA
    return {"id": booking_id, "resource_id": 3, "resource_kind": "room", "resource_name": "Ruang Rapat Biro",
            "source": "staff", "status": status, "status_label": status, "purpose": "Rapat mingguan",
            "starts_at": start, "ends_at": start.replace(hour=3), "occupied_from": start,
            "occupied_to": start.replace(hour=3), "series_id": 4, "occurrence_start": start, "detached": False,
            "created_at": start, "allowed_actions": list(actions), "conflicts": [], "steps": [], "cancel_reason": None,
            "decision_note": None} | extra


def series(actions, occurrences, conflicting=()) -> dict:
    return SCHEMAS["BookingSeriesOut"]().dump({
        "id": 4, "resource_id": 3, "resource_kind": "room", "resource_name": "Ruang Rapat Biro",
        "requester_employee_id": 5, "requester_name": "I Kadek Agus Wirawan", "frequency": "weekly", "interval": 1,
        "weekdays": [1, 3], "month_day": None, "starts_on": date(2031, 3, 1), "until_on": date(2031, 3, 31),
        "start_time": time(9), "end_time": time(11), "except_dates": [], "skipped_months": [],
        "rule_text": "Setiap minggu pada Senin, Rabu, 09.00–11.00 WITA", "purpose": "Rapat mingguan",
        "participants": 12, "contact_name": None, "contact_phone": None, "requester_unit_id": 3,
        "split_from_id": None, "split_into_id": None, "created_by": "pegawai",
        "status": "active", "status_label": "berjalan", "created_at": datetime(2030, 12, 1, tzinfo=UTC),
        "counts": {"pending": 2, "approved": 0, "rejected": 0, "cancelled": 0}, "conflicting": list(conflicting),
        "occurrences": occurrences, "allowed_actions": list(actions)})


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps})
    made.service.booking.capabilities.return_value = caps
    made.service.booking.list_resources.side_effect = lambda kind, **_: {"items": [
        {"id": 3 if kind == "room" else 8, "name": "Ruang Rapat Biro" if kind == "room" else "Gedung Jaya Sabha",
         "code": "R.2.01" if kind == "room" else None}], "next_cursor": None}
    return made


def test_my_series_and_the_link():
    made = browser("request")
    made.service.booking.list_my_series.return_value = {"items": [series([], [])], "next_cursor": None}
    body = text(made.call("booking_series_list", "/peminjaman/seri"))
    assert 'href="/peminjaman/seri/4"' in body and "Setiap minggu pada Senin, Rabu" in body
    made.service.booking.list_my_series.assert_called_once_with(cursor=None, limit=20)
    links = {link.url for _area, shown in nav.menu_for({"booking": frozenset({"read", "request"})}) for link in shown}
    assert "/peminjaman/seri" in links
    assert "/peminjaman/seri" not in {link.url for _a, shown in nav.menu_for({"booking": frozenset({"read"})})
                                      for link in shown}
    assert_calls_fit([made], BookingService, "booking")


def test_the_form_sends_what_was_typed_and_messages_land_under_their_fields():
    made = browser("request")
    body = text(made.call("booking_series_new", "/peminjaman/seri/baru"))
    assert '<option value="3">Ruang Rapat Biro (R.2.01)</option>' in body and "Gedung Jaya Sabha" in body
    assert body.count('name="weekdays"') == 7
    made.service.booking.create_series.side_effect = ValidationFailed(
        "Seri terlalu banyak jadwal.", {"until_on": "Seri paling banyak 100 jadwal; aturan ini memberi 104."})
    form = {"resource_id": "3", "frequency": "weekly", "interval": "1", "weekdays": ["1", "3"],
            "starts_on": "2031-03-01", "until_on": "2032-02-28", "start_time": "09:00", "end_time": "11:00",
            "except_dates": "2031-03-31, 2031-04-18", "purpose": "Rapat mingguan", "participants": "12"}
    response = made.call("booking_series_create", "/peminjaman/seri/baru", "POST", form)
    assert response.status_code == 422
    page = text(response)
    assert "aturan ini memberi 104" in page and 'id="e-until_on"' in page
    assert 'value="1" checked' in page and 'value="3" checked' in page
    sent = made.service.booking.create_series.call_args.args[0]
    assert sent["weekdays"] == [1, 3] and sent["resource_id"] == 3 and sent["participants"] == 12
    assert sent["except_dates"] == ["2031-03-31", "2031-04-18"] and "month_day" not in sent
    made.service.booking.create_series.side_effect = None
    made.service.booking.create_series.return_value = series([], [])
    done = made.call("booking_series_create", "/peminjaman/seri/baru", "POST", form)
    assert done.status_code == 303 and done.headers["Location"].endswith("/peminjaman/seri/4")
    assert_calls_fit([made], BookingService, "booking")


def test_the_buttons_are_the_allowed_actions():
    requester = browser("request")
    requester.service.booking.get_series.return_value = series(
        ["cancel", "edit_following"], [occurrence(40, 3), occurrence(41, 5, actions=(), status="cancelled",
                                                                     cancel_reason="Dinas luar")])
    body = text(requester.call("booking_series_detail", "/peminjaman/seri/4", series_id=4))
    forms = posts(body)
    assert "/peminjaman/seri/4/setujui" not in forms and "/peminjaman/seri/4/batalkan" in forms
    assert {"/peminjaman/seri/4/jadwal/40/pindah", "/peminjaman/seri/4/jadwal/40/batalkan",
            "/peminjaman/seri/4/jadwal/40/berikutnya"} <= forms
    assert not any("/jadwal/41/" in f for f in forms) and "Dinas luar" in body
    assert 'value="2031-03-03"' in body and 'value="09:00"' in body  # the move form starts from its WITA slot

    approver = browser("approve")
    approver.service.booking.get_series.return_value = series(["approve", "reject", "cancel"],
                                                              [occurrence(40, 3, actions=("cancel",))])
    forms = posts(text(approver.call("booking_series_detail", "/peminjaman/seri/4", series_id=4)))
    assert {"/peminjaman/seri/4/setujui", "/peminjaman/seri/4/tolak"} <= forms
    assert "/peminjaman/seri/4/jadwal/40/berikutnya" not in forms
    assert_calls_fit([requester, approver], BookingService, "booking")


def test_approving_shows_the_report_and_each_conflict():
    made = browser("approve")
    clash = {"id": 41, "occurrence_start": datetime(2031, 3, 5, 1, tzinfo=UTC),
             "starts_at": datetime(2031, 3, 5, 1, tzinfo=UTC), "ends_at": datetime(2031, 3, 5, 3, tzinfo=UTC),
             "conflicts": [{"kind": "booking", "booking_id": 9, "starts_at": datetime(2031, 3, 5, 2, tzinfo=UTC),
                            "ends_at": datetime(2031, 3, 5, 4, tzinfo=UTC), "label": "Rapat anggaran",
                            "status": "approved"}]}
    after = series([], [occurrence(40, 3, status="approved", actions=()), occurrence(41, 5, actions=())],
                   conflicting=[clash])
    made.service.booking.decide_series.return_value = {"decision": "approve", "approved_ids": [40],
                                                       "rejected_ids": [], "conflicting": after["conflicting"],
                                                       "series": after}
    response = made.call("booking_series_approve", "/peminjaman/seri/4/setujui", "POST", {"note": "Silakan"},
                         series_id=4)
    body = text(response)
    assert response.status_code == 200 and 'id="series-report"' in body
    assert "1 jadwal disetujui." in body and "Rapat anggaran" in body and "conflict-note" in body
    made.service.booking.decide_series.assert_called_once_with(4, {"decision": "approve", "note": "Silakan"})
    made.service.booking.decide_series.reset_mock()
    made.call("booking_series_reject", "/peminjaman/seri/4/tolak", "POST", {"reason": "Dipakai pimpinan"},
              series_id=4)
    made.service.booking.decide_series.assert_called_once_with(4, {"decision": "reject", "note": "Dipakai pimpinan"})
    assert_calls_fit([made], BookingService, "booking")


def test_one_occurrence_and_this_and_following():
    made = browser("request")
    moved = made.call("booking_series_move", "/peminjaman/seri/4/jadwal/40/pindah", "POST",
                      {"date": "2031-03-10", "start_time": "14:00", "end_time": "16:00"}, series_id=4, booking_id=40)
    assert moved.status_code == 303
    made.service.booking.move_occurrence.assert_called_once_with(40, {"starts_at": "2031-03-10T14:00",
                                                                      "ends_at": "2031-03-10T16:00"})
    made.call("booking_series_cancel_one", "/peminjaman/seri/4/jadwal/41/batalkan", "POST",
              {"reason": "Dinas luar"}, series_id=4, booking_id=41)
    made.service.booking.cancel_occurrence.assert_called_once_with(41, {"reason": "Dinas luar"})
    made.service.booking.edit_following.return_value = {**series([], []), "id": 5, "split_from_id": 4}
    split = made.call("booking_series_edit_following", "/peminjaman/seri/4/jadwal/42/berikutnya", "POST",
                      {"start_time": "10:00", "end_time": "12:00", "weekdays": ["2"], "purpose": ""},
                      series_id=4, booking_id=42)
    assert split.status_code == 303 and split.headers["Location"].endswith("/peminjaman/seri/5")
    made.service.booking.edit_following.assert_called_once_with(42, {"start_time": "10:00", "end_time": "12:00",
                                                                     "weekdays": [2]})
    made.service.booking.edit_following.side_effect = ValidationFailed("Aturan seri belum benar.",
                                                                       {"end_time": "Jam selesai harus setelah."})
    refused = made.call("booking_series_edit_following", "/peminjaman/seri/4/jadwal/42/berikutnya", "POST",
                        {"end_time": "08:00"}, series_id=4, booking_id=42)
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/peminjaman/seri/4")
    assert_calls_fit([made], BookingService, "booking")
