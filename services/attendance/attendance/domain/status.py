"""The day's status of one employee: a pure function of the schedule, the holiday calendar, the (corrected)
check-in/out times, an approved leave request and duty days. No database, no clock: fast and easy to test.

Bands (Pergub Bali 58/2023 practice; weights per band are data, ``deduction_weights``):
TL (terlambat, late arrival) and PSW (pulang sebelum waktunya, early leave) 1: 1–30 min, 2: 31–60, 3: 61–90,
4: more than 90 min **or no record** (no check-in: TL4; no check-out: PSW4). Minutes are whole minutes of
the WITA clock (07.31 is 1 minute late for 07.30; seconds are ignored).

Precedence: libur (weekend or holiday) > dinas luar > izin/sakit/cuti > what the records say. With records,
the status is ``terlambat`` if late, else ``tidak_absen_pulang`` if no check-out, else ``pulang_cepat`` if
early, else ``hadir``; ``codes`` lists every band that applies (late and early on one day: both). Neither
check-in nor check-out: ``alpa``. For today (``now`` given) the day is still running: nothing recorded yet is
``belum_absen`` until the end of the working hours, a missing check-out is no PSW yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

STATUSES = ("hadir", "terlambat", "pulang_cepat", "tidak_absen_pulang", "izin", "sakit", "cuti", "dinas_luar",
            "libur", "alpa", "belum_absen")
LABELS = {"hadir": "Hadir", "terlambat": "Terlambat", "pulang_cepat": "Pulang cepat",
          "tidak_absen_pulang": "Tidak absen pulang", "izin": "Izin", "sakit": "Sakit", "cuti": "Cuti",
          "dinas_luar": "Dinas luar", "libur": "Libur", "alpa": "Alpa", "belum_absen": "Belum absen"}
CODES = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "ALPA")
#: The groups of a supervisor's today board, in order, and the group of each status.
TODAY_GROUPS = ("in", "late", "absent", "on_duty", "leave", "off")
TODAY_GROUP = {"hadir": "in", "pulang_cepat": "in", "tidak_absen_pulang": "in", "terlambat": "late",
               "belum_absen": "absent", "alpa": "absent", "dinas_luar": "on_duty", "izin": "leave",
               "sakit": "leave", "cuti": "leave", "libur": "off"}


@dataclass(frozen=True)
class Hours:
    start: time
    end: time
    break_start: time | None = None
    break_end: time | None = None


@dataclass(frozen=True)
class DayStatus:
    status: str
    codes: tuple[str, ...] = ()
    late_minutes: int = 0
    early_minutes: int = 0

    @property
    def working_day(self) -> bool:
        return self.status != "libur"

    @property
    def label(self) -> str:
        return LABELS[self.status]


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def band(late: int) -> int:
    """0 (on time) or the band 1–4 of ``late`` whole minutes."""
    if late <= 0:
        return 0
    if late <= 30:
        return 1
    if late <= 60:
        return 2
    if late <= 90:
        return 3
    return 4


LIBUR = DayStatus("libur")
DINAS_LUAR = DayStatus("dinas_luar")
ALPA = DayStatus("alpa", ("ALPA",))
BELUM = DayStatus("belum_absen")
_LEAVE = {kind: DayStatus(kind) for kind in ("izin", "sakit", "cuti")}


def day_status(hours: Hours | None, holiday: bool, check_in: time | None, check_out: time | None,
               leave: str | None = None, duty: bool = False, now: time | None = None) -> DayStatus:
    """The status of one day. ``hours``: the schedule of that day (None: not a working day); ``check_in`` /
    ``check_out``: WITA clock times after approved corrections; ``leave``: an approved izin/sakit/cuti;
    ``duty``: dinas luar; ``now``: the WITA time when the day is today (None: the day is over)."""
    if hours is None or holiday:
        return LIBUR
    if duty:
        return DINAS_LUAR
    if leave:
        return _LEAVE[leave]
    if check_in is None and check_out is None:
        if now is not None and minutes(now) < minutes(hours.end):
            return BELUM
        return ALPA
    codes = []
    late = early = 0
    if check_in is None:
        codes.append("TL4")
    else:
        late = max(0, minutes(check_in) - minutes(hours.start))
        if late:
            codes.append(f"TL{band(late)}")
    missing_out = False
    if check_out is None:
        if now is None:
            missing_out = True
            codes.append("PSW4")
    else:
        early = max(0, minutes(hours.end) - minutes(check_out))
        if early:
            codes.append(f"PSW{band(early)}")
    if codes and codes[0].startswith("TL"):
        status = "terlambat"
    elif missing_out:
        status = "tidak_absen_pulang"
    elif early:
        status = "pulang_cepat"
    else:
        status = "hadir"
    return DayStatus(status, tuple(codes), late, early)


def summarize(statuses: list[DayStatus], weights: dict[str, int]) -> dict:
    """Days per status, band counts, late/early minutes and the deduction (basis points) of a period."""
    days = dict.fromkeys(STATUSES, 0)
    codes = dict.fromkeys(CODES, 0)
    late = early = 0
    for s in statuses:
        days[s.status] += 1
        for code in s.codes:
            codes[code] += 1
        late += s.late_minutes
        early += s.early_minutes
    deduction = sum(weights.get(code, 0) * n for code, n in codes.items())
    working = sum(n for status, n in days.items() if status != "libur")
    return {"working_days": working, "days": days, "codes": codes, "late_minutes": late, "early_minutes": early,
            "deduction_bp": deduction}


def month_days(year: int, month: int) -> list[date]:
    from calendar import monthrange

    return [date(year, month, d) for d in range(1, monthrange(year, month)[1] + 1)]
