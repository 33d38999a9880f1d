"""The visit requests' rules, pure (no database, no clock of their own): the workflow table, what a request's
wished dates and a decision's time may be, and when a visitor pass is valid at reception.

::

    pending ──approve (approver: a time and a room or an address)──▶ approved ──check_in (protocol, on the day)
    pending ──refuse (approver: a reason)──▶ refused
    pending/approved ──cancel (protocol staff: a reason; the room released)──▶ cancelled

A visitor pass (``check_pass``) is valid only while the request is approved, on the visit's day (WITA), from
``PASS_EARLY_MINUTES`` before its start until its end minute (inclusive).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.clock import wita_day
from situok_kit.workflow import Step, Workflow

PROTOCOL, APPROVER = "protocol", "approver"
STATUS_LABELS = {"pending": "menunggu keputusan", "approved": "disetujui", "refused": "ditolak",
                 "cancelled": "dibatalkan"}
ONLY_APPROVER = "Hanya Kepala Bagian Protokol (atau peran yang ditetapkan) yang dapat memutuskan permohonan kunjungan."
ONLY_PROTOCOL = "Hanya staf protokol yang dapat melakukan ini."

VISIT = Workflow("permohonan kunjungan", [
    Step("approve", ("pending",), "approved", who=(APPROVER,), event=AgendaEvents.VISIT_DECIDED,
         denied=ONLY_APPROVER),
    Step("refuse", ("pending",), "refused", who=(APPROVER,), event=AgendaEvents.VISIT_DECIDED, denied=ONLY_APPROVER),
    Step("cancel", ("pending", "approved"), "cancelled", who=(PROTOCOL,), event=AgendaEvents.VISIT_DECIDED,
         denied=ONLY_PROTOCOL),
    Step("check_in", ("approved",), None, who=(PROTOCOL,), event=AgendaEvents.VISIT_CHECKED_IN,
         requires=("not_checked_in",), denied=ONLY_PROTOCOL),
], labels=STATUS_LABELS)

#: How many wished dates a request names, and how far ahead.
MAX_WISHED_DATES = 3
HORIZON_DAYS = 180
#: At most this many names of visitors (the count may be larger: a delegation names its leaders).
MAX_VISITOR_NAMES = 50
#: A visit lasts at most this long.
MAX_VISIT_HOURS = 12
#: A pass is valid from this many minutes before the visit's start.
PASS_EARLY_MINUTES = 60


def capacities(is_protocol_staff: bool, approves: bool) -> frozenset[str]:
    found = set()
    if is_protocol_staff:
        found.add(PROTOCOL)
    if approves:
        found.add(APPROVER)
    return frozenset(found)


def request_problems(wished_dates: list[date], visitor_count: int, visitor_names: list[str],
                     today: date) -> dict[str, str]:
    """``{field: message}`` of a request's dates and visitors the form refuses (``today``: WITA)."""
    problems: dict[str, str] = {}
    if not wished_dates or len(wished_dates) > MAX_WISHED_DATES:
        problems["wished_dates"] = f"Pilih 1 sampai {MAX_WISHED_DATES} tanggal yang diinginkan."
    elif len(set(wished_dates)) != len(wished_dates):
        problems["wished_dates"] = "Tanggal yang diinginkan tidak boleh sama."
    elif any(d <= today for d in wished_dates):
        problems["wished_dates"] = "Tanggal yang diinginkan paling cepat besok."
    elif any(d > today + timedelta(days=HORIZON_DAYS) for d in wished_dates):
        problems["wished_dates"] = f"Tanggal yang diinginkan paling jauh {HORIZON_DAYS} hari ke depan."
    if len(visitor_names) > MAX_VISITOR_NAMES:
        problems["visitor_names"] = f"Paling banyak {MAX_VISITOR_NAMES} nama."
    elif len(visitor_names) > visitor_count:
        problems["visitor_names"] = "Nama peserta lebih banyak dari jumlah peserta."
    return problems


def decision_problems(starts_at: datetime, ends_at: datetime, now: datetime) -> dict[str, str]:
    """``{field: message}`` of an approval's time: after now, ending after it starts, within one WITA day and at
    most ``MAX_VISIT_HOURS`` long."""
    if ends_at <= starts_at:
        return {"ends_at": "Waktu selesai harus setelah waktu mulai."}
    if starts_at <= now:
        return {"starts_at": "Waktu kunjungan harus di masa depan."}
    if wita_day(starts_at) != wita_day(ends_at - timedelta(microseconds=1)):
        return {"ends_at": "Kunjungan berlangsung pada satu hari yang sama (WITA)."}
    if ends_at - starts_at > timedelta(hours=MAX_VISIT_HOURS):
        return {"ends_at": f"Kunjungan paling lama {MAX_VISIT_HOURS} jam."}
    return {}


@dataclass(frozen=True)
class PassCheck:
    """What reception sees: ``valid`` and why (``reason``: valid, unknown, pending, refused, cancelled,
    wrong_day, too_early, over) in words (``message``)."""

    valid: bool
    reason: str
    message: str


PASS_MESSAGES = {
    "valid": "Kartu tamu berlaku untuk kunjungan ini.",
    "unknown": "Kartu tamu tidak dikenal (atau sudah diganti dengan kartu yang diunduh lebih baru).",
    "pending": "Permohonan kunjungan ini belum disetujui.",
    "refused": "Permohonan kunjungan ini ditolak.",
    "cancelled": "Kunjungan ini dibatalkan.",
    "wrong_day": "Kartu tamu ini tidak berlaku hari ini.",
    "too_early": f"Terlalu awal: kartu berlaku mulai {PASS_EARLY_MINUTES} menit sebelum kunjungan.",
    "over": "Waktu kunjungan sudah berakhir.",
}


def _check(valid: bool, reason: str) -> PassCheck:
    return PassCheck(valid, reason, PASS_MESSAGES[reason])


def check_pass(status: str | None, starts_at: datetime | None, ends_at: datetime | None,
               now: datetime) -> PassCheck:
    """Whether a pass of a request in ``status`` for ``[starts_at, ends_at]`` is valid at ``now`` (``status``
    None: no request carries the token)."""
    if status is None:
        return _check(False, "unknown")
    if status != "approved" or starts_at is None or ends_at is None:
        return _check(False, status if status in PASS_MESSAGES else "unknown")
    if wita_day(now) != wita_day(starts_at):
        return _check(False, "wrong_day")
    if now < starts_at - timedelta(minutes=PASS_EARLY_MINUTES):
        return _check(False, "too_early")
    if now > ends_at + timedelta(seconds=59):  # the end minute still counts
        return _check(False, "over")
    return _check(True, "valid")
