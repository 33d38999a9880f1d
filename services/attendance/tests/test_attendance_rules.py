"""The rules as plain Python: statuses, bands on both sides of every edge, schedules (Friday, Ramadan),
holidays, WITA days, geofence distances, the holiday CSV."""
import base64
from datetime import date, time

import pytest
from attendance.domain import calendar, clock, geo, setup
from attendance.domain.status import Hours, band, day_status, summarize
from attendance.seed import read_data
from attendance_testkit import RENON, utc
from situok_kit.errors import ValidationFailed

MON_THU = Hours(time(7, 30), time(16, 30), time(12), time(13))
FRIDAY = Hours(time(7, 30), time(14, 30), time(11, 30), time(13))


def t(text: str) -> time:
    return time.fromisoformat(text)


def seeded_calendar(holidays=None) -> calendar.Calendar:
    """The seeded default schedules and Ramadan periods, without a database."""
    schedules: dict = {}
    for row in read_data("schedules.csv"):
        schedules.setdefault((None, row["period"]), {})[int(row["weekday"])] = Hours(
            t(row["start_time"]), t(row["end_time"]))
    periods = [(r["period"], date.fromisoformat(r["start_date"]), date.fromisoformat(r["end_date"]))
               for r in read_data("periods.csv")]
    return calendar.Calendar(holidays or {}, periods, schedules, {})


# -- bands: both sides of every edge -----------------------------------------------------------------

@pytest.mark.parametrize("minutes,expected", [(0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3),
                                              (91, 4), (600, 4), (-5, 0)])
def test_band_edges(minutes, expected):
    assert band(minutes) == expected


@pytest.mark.parametrize("check_in,status,codes,late", [
    ("07:29", "hadir", (), 0), ("07:30", "hadir", (), 0), ("07:30:59", "hadir", (), 0),
    ("07:31", "terlambat", ("TL1",), 1), ("08:00", "terlambat", ("TL1",), 30),
    ("08:01", "terlambat", ("TL2",), 31), ("08:30", "terlambat", ("TL2",), 60),
    ("08:31", "terlambat", ("TL3",), 61), ("09:00", "terlambat", ("TL3",), 90),
    ("09:01", "terlambat", ("TL4",), 91), ("11:00", "terlambat", ("TL4",), 210),
])
def test_late_bands(check_in, status, codes, late):
    s = day_status(MON_THU, False, t(check_in), t("16:30"))
    assert (s.status, s.codes, s.late_minutes) == (status, codes, late)


@pytest.mark.parametrize("check_out,status,codes,early", [
    ("16:31", "hadir", (), 0), ("16:30", "hadir", (), 0),
    ("16:29", "pulang_cepat", ("PSW1",), 1), ("16:00", "pulang_cepat", ("PSW1",), 30),
    ("15:59", "pulang_cepat", ("PSW2",), 31), ("15:30", "pulang_cepat", ("PSW2",), 60),
    ("15:29", "pulang_cepat", ("PSW3",), 61), ("15:00", "pulang_cepat", ("PSW3",), 90),
    ("14:59", "pulang_cepat", ("PSW4",), 91),
])
def test_early_leave_bands(check_out, status, codes, early):
    s = day_status(MON_THU, False, t("07:15"), t(check_out))
    assert (s.status, s.codes, s.early_minutes) == (status, codes, early)


def test_no_record_is_band_four_and_nothing_is_alpa():
    assert day_status(MON_THU, False, None, t("16:30")).codes == ("TL4",)
    missing_out = day_status(MON_THU, False, t("07:20"), None)
    assert (missing_out.status, missing_out.codes) == ("tidak_absen_pulang", ("PSW4",))
    late_and_missing = day_status(MON_THU, False, t("08:10"), None)
    assert (late_and_missing.status, late_and_missing.codes) == ("terlambat", ("TL2", "PSW4"))
    assert day_status(MON_THU, False, None, None).status == "alpa"
    assert day_status(MON_THU, False, t("08:10"), t("15:10")).codes == ("TL2", "PSW3")


def test_today_is_still_running():
    assert day_status(MON_THU, False, None, None, now=t("09:00")).status == "belum_absen"
    assert day_status(MON_THU, False, None, None, now=t("16:31")).status == "alpa"
    assert day_status(MON_THU, False, t("07:20"), None, now=t("17:00")).status == "hadir"


def test_precedence_libur_duty_leave_records():
    assert day_status(None, False, t("07:00"), t("17:00")).status == "libur"          # weekend
    assert day_status(MON_THU, True, None, None, leave="cuti", duty=True).status == "libur"
    assert day_status(MON_THU, False, None, None, leave="sakit", duty=True).status == "dinas_luar"
    assert day_status(MON_THU, False, t("09:30"), None, leave="izin").status == "izin"


def test_friday_and_ramadan_hours():
    cal = seeded_calendar()
    assert cal.hours(None, date(2026, 4, 10)) == Hours(t("07:30"), t("14:30"))      # Friday
    assert cal.hours(None, date(2026, 4, 13)) == Hours(t("07:30"), t("16:30"))      # Monday
    assert cal.hours(None, date(2026, 4, 11)) is None                                # Saturday
    assert cal.period_of(date(2026, 2, 17)) == "normal"
    assert cal.period_of(date(2026, 2, 18)) == "ramadan"
    assert cal.period_of(date(2026, 3, 19)) == "ramadan"
    assert cal.period_of(date(2026, 3, 20)) == "normal"
    assert cal.hours(None, date(2026, 3, 2)) == Hours(t("08:00"), t("15:30"))       # Ramadan Monday
    assert cal.hours(None, date(2026, 3, 6)) == Hours(t("08:00"), t("13:30"))       # Ramadan Friday
    assert cal.period_of(date(2027, 2, 10)) == "ramadan"
    friday = cal.hours(None, date(2026, 4, 10))
    assert day_status(friday, False, t("07:30"), t("14:30")).status == "hadir"
    assert day_status(friday, False, t("07:30"), t("14:29")).codes == ("PSW1",)
    ramadan_friday = cal.hours(None, date(2026, 3, 6))
    assert day_status(ramadan_friday, False, t("08:00"), t("13:30")).status == "hadir"
    assert day_status(ramadan_friday, False, t("08:01"), t("13:30")).codes == ("TL1",)
    assert day_status(ramadan_friday, False, t("07:45"), t("13:29")).codes == ("PSW1",)


def test_unit_schedule_applies_to_sub_units_and_falls_back():
    cal = seeded_calendar()
    cal.schedules[(10, "normal")] = {0: Hours(t("08:00"), t("17:00"))}
    cal.parents.update({11: 10, 12: 11, 20: None})
    assert cal.hours(12, date(2026, 4, 13)) == Hours(t("08:00"), t("17:00"))
    assert cal.hours(12, date(2026, 4, 14)) is None                                  # the unit works Mondays only
    assert cal.hours(20, date(2026, 4, 14)) == Hours(t("07:30"), t("16:30"))
    assert cal.hours(12, date(2026, 3, 2)) == Hours(t("08:00"), t("15:30"))          # no unit Ramadan: default's


def test_holiday_is_libur():
    nyepi = date(2026, 3, 19)
    holidays = {date.fromisoformat(r["tanggal"]): r["nama"] for r in read_data("holidays_2026.csv")}
    assert "Nyepi" in holidays[nyepi] and "Galungan" in holidays[date(2026, 6, 17)]
    assert all(r["verifikasi"] == "1" for r in read_data("holidays_2026.csv"))
    cal = seeded_calendar(holidays)
    s = day_status(cal.hours(None, nyepi), cal.holiday(nyepi) is not None, None, None)
    assert s.status == "libur" and not s.working_day


def test_wita_day_boundary():
    assert clock.wita_day(utc("2026-03-03T15:59")) == date(2026, 3, 3)     # 23:59 WITA
    assert clock.wita_day(utc("2026-03-03T16:01")) == date(2026, 3, 4)     # 00:01 WITA the next day
    assert clock.wita_day(utc("2026-03-03T23:59")) == date(2026, 3, 4)     # 07:59 WITA
    assert clock.hhmm(utc("2026-03-03T23:31")) == "07.31"


def test_geofence_distances():
    assert geo.haversine_m(*RENON, *RENON) == 0
    # 0.00315° of latitude is ~350 m anywhere.
    assert round(geo.haversine_m(*RENON, RENON[0] + 0.00315, RENON[1])) == 350
    airport = (-8.7482, 115.1675)   # I Gusti Ngurah Rai airport: about 11 km from Renon
    assert 10_500 < geo.haversine_m(*RENON, *airport) < 11_700
    office = geo.Place("Kantor Gubernur Bali (Renon)", *RENON, 200)
    far = geo.Place("Jauh", 0.0, 0.0, 200)
    fix = geo.nearest([far, office], RENON[0] + 0.00315, RENON[1])
    assert fix.place is office and fix.distance_m == 350 and not fix.inside
    assert geo.nearest([office], RENON[0] + 0.001, RENON[1]).inside
    assert geo.nearest([], 0, 0) is None
    assert geo.format_m(1250) == "1.250 m"


def test_summary_and_deduction():
    weights = {"TL1": 50, "TL2": 100, "PSW4": 150, "ALPA": 300}
    days = [day_status(MON_THU, False, t("07:40"), t("16:30")), day_status(MON_THU, False, t("08:10"), None),
            day_status(MON_THU, False, None, None), day_status(None, False, None, None)]
    s = summarize(days, weights)
    assert s["days"]["terlambat"] == 2 and s["days"]["alpa"] == 1 and s["days"]["libur"] == 1
    assert s["working_days"] == 3
    assert s["late_minutes"] == 10 + 40
    assert s["deduction_bp"] == 50 + 100 + 150 + 300


def _csv(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_holiday_csv_reports_every_bad_row_and_loads_nothing():
    good = setup.parse_holiday_csv(_csv("tanggal,nama,jenis\n2027-03-08,Nyepi,nasional\n2027-01-13,Galungan,bali\n"),
                                   "x.csv")
    assert [r["day"] for r in good] == [date(2027, 3, 8), date(2027, 1, 13)]
    semicolon = setup.parse_holiday_csv(_csv("tanggal;nama;jenis;verifikasi\n2027-01-23;Kuningan;bali;1\n"), "y")
    assert semicolon[0]["verify"] is True
    with pytest.raises(ValidationFailed) as err:
        setup.parse_holiday_csv(_csv("tanggal,nama,jenis\n2027-13-01,X,nasional\n2027-01-01,,libur\n"
                                     "2027-01-02,Ok,bali\n2027-01-02,Lagi,bali\n"), "bad.csv")
    fields = err.value.fields
    assert set(fields) == {"baris_2.tanggal", "baris_3.nama", "baris_3.jenis", "baris_5.tanggal"}
    assert "YYYY-MM-DD" in fields["baris_2.tanggal"]
    assert len(err.value.extra["rows"]) == 4
    with pytest.raises(ValidationFailed) as err:
        setup.parse_holiday_csv(_csv("date,name\n2027-01-01,x\n"), "z")
    assert "content_b64" in err.value.fields
    with pytest.raises(ValidationFailed):
        setup.parse_holiday_csv("not base64!!", "z")
