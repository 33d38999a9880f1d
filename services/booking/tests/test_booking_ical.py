"""Bookings written as RFC 5545 and read back by a standard parser (the ``icalendar`` package): stable UIDs, the
instants in UTC, the status mapping, SEQUENCE growing with each change, CRLF lines."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from booking.domain import ical
from icalendar import Calendar
from situok_kit.clock import WITA

MADE = datetime(2031, 3, 1, 2, tzinfo=UTC)


def entry(booking_id: int, status: str, changed_minutes: int = 0, **extra) -> ical.Entry:
    return ical.Entry(booking_id=booking_id, starts_at=datetime(2031, 3, 4, 9, tzinfo=WITA),
                      ends_at=datetime(2031, 3, 4, 11, 30, tzinfo=WITA), summary="Rapat koordinasi — Aula Kertha",
                      status=status, created_at=MADE, updated_at=MADE + timedelta(minutes=changed_minutes),
                      **extra)


def parse(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def test_a_calendar_reads_back_with_uids_instants_summary_and_status():
    text = ical.calendar("Peminjaman saya", [
        entry(7, "approved", location="Aula Kertha · Renon", description="Status: disetujui."),
        entry(8, "pending"), entry(9, "rejected"), entry(10, "cancelled")], now=MADE)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert "\n" not in text.replace("\r\n", "")
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == ical.PRODID
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Makassar"
    events = parse(text)
    assert [str(e["UID"]) for e in events] == [f"booking-{i}@situok-booking" for i in (7, 8, 9, 10)]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "TENTATIVE", "CANCELLED", "CANCELLED"]
    first = events[0]
    assert first.decoded("DTSTART") == datetime(2031, 3, 4, 1, tzinfo=UTC)  # 09:00 WITA
    assert first.decoded("DTEND") == datetime(2031, 3, 4, 3, 30, tzinfo=UTC)
    assert str(first["SUMMARY"]) == "Rapat koordinasi — Aula Kertha"
    assert str(first["LOCATION"]) == "Aula Kertha · Renon"
    assert first.decoded("LAST-MODIFIED") == MADE
    assert "TRANSP" not in first and str(events[1]["TRANSP"]) == "TRANSPARENT"


def test_the_uid_is_stable_and_the_sequence_grows_with_each_change():
    before = parse(ical.calendar("x", [entry(7, "pending")], now=MADE))[0]
    after = parse(ical.calendar("x", [entry(7, "approved", changed_minutes=5)], now=MADE))[0]
    assert str(before["UID"]) == str(after["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"]) == 0
    assert after.decoded("LAST-MODIFIED") == MADE + timedelta(minutes=5)


def test_long_and_special_text_is_folded_and_escaped():
    long = "Rapat; koordinasi, " + "persiapan HUT Provinsi Bali " * 5
    (event,) = parse(ical.calendar("x", [entry(1, "approved", description=long)], now=MADE))
    assert str(event["DESCRIPTION"]) == long
