"""The public feedback's rules, pure (no database, no clock): the workflow as one table, who the caller is to a
message, labels, how a sender is named in public, the time-to-submit ticket's messages and the response-time
figures.

::

    received ──triage (category, unit)──▶ triaged ──answer (text)──▶ answered ──close──▶ closed
    triaged ──triage (again: another unit)──▶ triaged
    received ──answer (protocol staff, without triage)──▶ answered
    received/triaged ──close (a note: spam, duplicate, out of scope)──▶ closed
    answered/closed ──publish / unpublish (the sender agreed; protocol staff decide)

Capacities: ``protocol`` (protocol staff and admin: every step on every message) and ``unit`` (staff of the unit a
message was triaged to: ``answer`` only).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.workflow import Step, Workflow

from ..models.feedback import FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES

PROTOCOL, UNIT = "protocol", "unit"
KIND_LABELS = {"suggestion": "saran", "question": "pertanyaan", "complaint": "pengaduan"}
STATUS_LABELS = {"received": "diterima", "triaged": "diteruskan ke unit", "answered": "dijawab",
                 "closed": "ditutup"}
CATEGORY_LABELS = {"layanan": "Layanan", "protokol": "Keprotokolan", "fasilitas": "Fasilitas dan sarana",
                   "informasi": "Informasi publik", "lainnya": "Lainnya"}
assert set(KIND_LABELS) == set(FEEDBACK_KINDS) and set(STATUS_LABELS) == set(FEEDBACK_STATUSES)
assert set(CATEGORY_LABELS) == set(FEEDBACK_CATEGORIES)

ONLY_PROTOCOL = "Hanya staf Bagian Protokol dan Komunikasi Pimpinan yang dapat memilah, menutup atau " \
                "mempublikasikan masukan."
NOT_YOURS = "Masukan ini tidak diteruskan ke unit Anda."
OPEN = ("received", "triaged")

FEEDBACK = Workflow("masukan", [
    Step("triage", OPEN, "triaged", who=(PROTOCOL,), event=AgendaEvents.FEEDBACK_TRIAGED, denied=ONLY_PROTOCOL),
    Step("answer", ("received",), "answered", who=(PROTOCOL,), event=AgendaEvents.FEEDBACK_ANSWERED,
         denied=NOT_YOURS),
    Step("answer", ("triaged",), "answered", who=(PROTOCOL, UNIT), event=AgendaEvents.FEEDBACK_ANSWERED,
         denied=NOT_YOURS),
    Step("close", (*OPEN, "answered"), "closed", who=(PROTOCOL,), event=AgendaEvents.FEEDBACK_CLOSED,
         denied=ONLY_PROTOCOL),
    Step("publish", ("answered", "closed"), None, who=(PROTOCOL,), requires=("consent", "unpublished"),
         denied=ONLY_PROTOCOL),
    Step("unpublish", ("answered", "closed"), None, who=(PROTOCOL,), requires=("published",),
         denied=ONLY_PROTOCOL),
], labels=STATUS_LABELS)

#: Why a time-to-submit ticket is refused (``FormTickets.problem``), in the form's words.


def capacities(*, is_protocol_staff: bool, caller_unit: int | None, unit_id: int | None) -> frozenset[str]:
    """What the caller is to a message triaged to ``unit_id`` (None: not triaged)."""
    found = set()
    if is_protocol_staff:
        found.add(PROTOCOL)
    if unit_id is not None and caller_unit == unit_id:
        found.add(UNIT)
    return frozenset(found)


def guards(*, consent_publish: bool, published: bool, answered: bool):
    """The publish/unpublish guards: ``(field, message)`` when the step may not run."""
    return {
        "consent": lambda: None if consent_publish and answered else (
            "published", "Pengirim tidak menyetujui publikasi, atau masukan belum dijawab."),
        "unpublished": lambda: None if not published else ("published", "Masukan sudah dipublikasikan."),
        "published": lambda: None if published else ("published", "Masukan belum dipublikasikan."),
    }


def public_name(name: str | None) -> str:
    """How a sender is named in public: their initials (``I Made Suarsana`` → ``I.M.S.``), else ``Anonim``."""
    words = [w for w in (name or "").replace(".", " ").split() if w[:1].isalpha()]
    if not words:
        return "Anonim"
    return "".join(f"{w[0].upper()}." for w in words[:4])


def contact_problems(*, reply_by_contact: bool, email: str | None, phone: str | None) -> dict[str, str]:
    """A reply by contact needs an e-mail address or a telephone number."""
    if reply_by_contact and not email and not phone:
        return {"email": "Isi surel atau nomor telepon agar jawaban dapat dikirim kepada Anda."}
    return {}


# -- response times -------------------------------------------------------------------------------

def percentile(values: Iterable[float], fraction: float) -> float | None:
    """The ``fraction`` percentile with linear interpolation between the closest ranks (PostgreSQL's
    ``percentile_cont``); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def hours_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def response_report(rows: Iterable[tuple], now: datetime, open_days: int) -> list[dict]:
    """Per unit: ``rows`` are ``(unit_id, status, created_at, first_response_at)`` of the messages in the period;
    the answer lists each unit (None: not triaged yet) with ``count``, ``answered`` (a first answer given),
    ``median_hours`` and ``p90_hours`` to the first answer (rounded to 0.1; None without answers) and
    ``open_over_days`` (received or triaged, sent more than ``open_days`` days before ``now``)."""
    units: dict[int | None, dict] = {}
    for unit_id, status, created_at, first_response_at in rows:
        unit = units.setdefault(unit_id, {"unit_id": unit_id, "count": 0, "answered": 0, "hours": [],
                                          "open_over_days": 0})
        unit["count"] += 1
        if first_response_at is not None:
            unit["answered"] += 1
            unit["hours"].append(hours_between(created_at, first_response_at))
        if status in OPEN and hours_between(created_at, now) > open_days * 24:
            unit["open_over_days"] += 1
    report = []
    for unit in units.values():
        hours = unit.pop("hours")
        median, p90 = percentile(hours, 0.5), percentile(hours, 0.9)
        unit["median_hours"] = None if median is None else round(median, 1)
        unit["p90_hours"] = None if p90 is None else round(p90, 1)
        report.append(unit)
    return sorted(report, key=lambda u: (u["unit_id"] is None, u["unit_id"] or 0))
