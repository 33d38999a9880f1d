"""A leader's printed agenda shaped without a database (``domain.leaders.day_rows`` and friends): rows per WITA
day in time order, cancelled events left out, tentative and postponed ones marked, an event over several days on
each of its days, the place a room or an address, the week Monday to Sunday; the PDF drawn from a sheet carries
the title, the Indonesian days, the empty day's sentence and the footer."""
from __future__ import annotations

import io
from datetime import date, datetime, time

from agenda.documents import agenda_pdf
from agenda.documents.agenda_pdf import AgendaSheet
from agenda.domain.leaders import EventFacts, day_rows, time_text, week_days
from pypdf import PdfReader
from situok_kit.clock import WITA

DAY = date(2026, 12, 7)  # a Monday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WITA)


def event(n: int, title: str, start: datetime, end: datetime, status: str = "confirmed", **extra) -> EventFacts:
    return EventFacts(id=n, title=title, starts_at=start, ends_at=end, status=status, **extra)


def test_a_day_lists_its_events_in_time_order_with_the_marks_and_without_the_cancelled():
    events = [
        event(1, "Rapat paripurna", at(DAY, 13), at(DAY, 15), "tentative", room_name="Wiswa Sabha",
              location_kind="internal", organiser="DPRD Provinsi Bali", dress_code="PSL"),
        event(2, "Upacara", at(DAY, 8), at(DAY, 10), address="Lapangan Renon", protocol_notes="Memberi sambutan"),
        event(3, "Dibatalkan", at(DAY, 9), at(DAY, 10), "cancelled"),
        event(4, "Ditunda", at(DAY, 16), at(DAY, 17), "postponed", role="represented", represented_by="Sekda"),
    ]
    [day] = day_rows(events, [DAY])
    assert day.day == DAY
    assert [r.time for r in day.rows] == ["08.00–10.00", "13.00–15.00", "16.00–17.00"]
    assert [r.event for r in day.rows] == ["Upacara", "Rapat paripurna (sementara)", "Ditunda (ditunda)"]
    first, second, third = day.rows
    assert (first.place, first.notes, first.organiser, first.dress_code) == ("Lapangan Renon", "Memberi sambutan",
                                                                             "-", "-")
    assert (second.place, second.organiser, second.dress_code) == ("Wiswa Sabha", "DPRD Provinsi Bali", "PSL")
    assert third.notes == "Diwakili oleh Sekda" and third.place == "-"


def test_an_event_over_several_days_is_on_each_of_them_and_the_week_runs_monday_to_sunday():
    days = week_days(date(2026, 12, 10))  # a Thursday
    assert days[0] == DAY and days[-1] == date(2026, 12, 13) and len(days) == 7
    retreat = event(5, "Retret", at(DAY, 19), at(date(2026, 12, 9), 12), address="Bedugul")
    morning = event(6, "Sarapan", at(date(2026, 12, 8), 7), at(date(2026, 12, 8), 8))
    shaped = day_rows([morning, retreat], days)
    assert [len(d.rows) for d in shaped] == [1, 2, 1, 0, 0, 0, 0]
    assert shaped[0].rows[0].time == "mulai 19.00"
    assert shaped[0].rows[0].event == "Retret (hari ke-1 dari 3, 7 Desember 2026 s.d. 9 Desember 2026)"
    # carried over from the day before: first that day
    assert [r.time for r in shaped[1].rows] == ["sepanjang hari", "07.00–08.00"]
    assert shaped[2].rows[0].time == "s.d. 12.00" and "hari ke-3 dari 3" in shaped[2].rows[0].event


def test_an_end_at_midnight_belongs_to_the_day_before():
    late = event(7, "Malam budaya", at(DAY, 20), at(date(2026, 12, 8), 0))
    shaped = day_rows([late], [DAY, date(2026, 12, 8)])
    assert shaped[0].rows[0].time == "20.00–24.00" and shaped[0].rows[0].event == "Malam budaya"
    assert shaped[1].rows == []
    assert time_text(at(DAY, 8), at(DAY, 9, 30), DAY) == "08.00–09.30"


def test_the_days_are_wita_days_not_utc_ones():
    # 07.00 WITA is 23.00 UTC the day before: still the WITA day's event
    early = event(8, "Apel pagi", at(DAY, 7), at(DAY, 7, 30))
    shaped = day_rows([early], [date(2026, 12, 6), DAY])
    assert shaped[0].rows == [] and shaped[1].rows[0].time == "07.00–07.30"


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_carries_title_days_rows_the_empty_day_and_the_footer():
    events = [event(1, "Upacara Hari Bela Negara", at(DAY, 8), at(DAY, 10), address="Lapangan Renon"),
              event(2, "Audiensi", at(DAY, 11), at(DAY, 12), "tentative")]
    sheet = AgendaSheet(leader_code="gubernur", leader_title="Gubernur Bali", holder_name="I Wayan Contoh",
                        weekly=True, days=day_rows(events, week_days(DAY)),
                        printed_at=datetime(2026, 12, 3, 1, 30, tzinfo=WITA))
    pdf = agenda_pdf.render(sheet)
    assert pdf.startswith(b"%PDF")
    body = _text(pdf)
    for expected in ("PEMERINTAH PROVINSI BALI", "BIRO UMUM DAN PROTOKOL", "AGENDA KEGIATAN GUBERNUR BALI",
                     "I Wayan Contoh", "Pekan 7 Desember 2026 s.d. 13 Desember 2026", "Senin, 7 Desember 2026",
                     "Minggu, 13 Desember 2026", "Upacara Hari Bela Negara", "Lapangan Renon", "(sementara)",
                     "Tidak ada kegiatan.", "Dicetak Kamis, 3 Desember 2026 pukul 01.30 WITA", "Halaman 1"):
        assert expected in body, expected
    assert body.count("Tidak ada kegiatan.") == 6
    assert agenda_pdf.filename_of(sheet) == "agenda-gubernur-pekan-2026-12-07.pdf"


def test_a_long_day_runs_over_pages_with_the_header_repeated_and_numbered_pages():
    events = [event(n, f"Pertemuan ke-{n}", at(DAY, 7, 0) + n * (at(DAY, 7, 15) - at(DAY, 7)),
                    at(DAY, 7, 10) + n * (at(DAY, 7, 15) - at(DAY, 7)), protocol_notes="Catatan " * 8)
              for n in range(40)]
    sheet = AgendaSheet(leader_code="sekda", leader_title="Sekretaris Daerah Provinsi Bali", holder_name=None,
                        weekly=False, days=day_rows(events, [DAY]), printed_at=datetime(2026, 12, 3, tzinfo=WITA))
    reader = PdfReader(io.BytesIO(agenda_pdf.render(sheet)))
    assert len(reader.pages) >= 2
    second = reader.pages[1].extract_text()
    assert "Halaman 2" in second and "Kegiatan" in second  # the table's header again
    assert "Pertemuan ke-39" in _text(agenda_pdf.render(sheet))
