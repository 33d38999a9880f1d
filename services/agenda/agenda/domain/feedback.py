"""The public's feedback: suggestions, questions and complaints from the portal, without an account.

* ``bait`` / ``submit``: the form (``FeedbackIn``). In order: the **honeypot** (``website`` filled: the answer looks
  like a success with a code that was never stored — nothing is written, no event); the **time-to-submit
  ticket** (``public_form_ticket``: missing, forged, too fast or too old → 422 on ``ticket``); the
  **per-client limit** (``AgendaSettings.feedback_per_hour`` per hour per client, counted in ``feedback`` under a
  transaction-scoped advisory lock on the client's key: every instance shares it and racing requests of one
  client count one after the other — ``situok_kit.public_forms``; the key is the SHA-256 of the address the edge
  passed); the rules (a reply by contact needs an e-mail or a telephone; ``event_id`` must be a public event,
  ``domain.publication``); then the row with the SHA-256 of a fresh ``ASP-`` tracking code, returned once;
* ``status_of``: what a code shows (kind, status, the answer once answered); an unknown and a malformed code get
  the same 404 after the same work;
* staff (``domain.feedback_rules.FEEDBACK``): ``queue`` (protocol staff all; a unit's staff their unit's),
  ``detail``, ``act`` (triage, answer, close, publish, unpublish), ``report`` (response times per unit);
* ``published``: the answered questions the sender agreed to publish and protocol staff published — the sender
  only as initials or ``Anonim``, never a contact.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from situok_contracts.events import Agenda
from situok_kit.clock import at_wita, utcnow
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from situok_kit.public_forms import TrackingCodes, client_key, hourly_limit, too_many
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AgendaEvent, Feedback, FeedbackStep, RosterEmployee, RosterUnit
from ..schemas.common import HONEYPOT
from . import settings
from .access import Caller
from .feedback_rules import (
    CATEGORY_LABELS,
    FEEDBACK,
    KIND_LABELS,
    STATUS_LABELS,
    capacities,
    contact_problems,
    guards,
    public_name,
    response_report,
)
from .publication import event_is_public

CODES = TrackingCodes("ASP")
CLIENT_PURPOSE = "agenda-feedback"
#: A form opened longer ago than this is refused (reload the page).
NOT_FOUND = "Kode pelacakan tidak dikenal. Periksa kembali kode yang Anda simpan."
NO_FEEDBACK = "Masukan tidak ditemukan."
NOT_PUBLIC_EVENT = "Kegiatan tidak ditemukan atau tidak dipublikasikan."
NOT_STAFF = "Hanya staf protokol dan staf unit yang ditunjuk yang dapat melihat masukan."
VERBS = {"triage": "dipilah", "answer": "dijawab", "close": "ditutup", "publish": "dipublikasikan",
         "unpublish": "ditarik dari publikasi"}


def _event(row: Feedback):
    """A ``FeedbackEvent`` payload (no name, contact or text)."""
    from ..schemas.feedback import FeedbackEvent

    return FeedbackEvent().dump(row)


# -- the form -------------------------------------------------------------------------------------

def bait(data) -> View | None:
    """The honeypot: a form whose ``website`` is filled gets a receipt that looks real and nothing else."""
    if not isinstance(data, dict) or not data.get(HONEYPOT):
        return None
    kind = data.get("kind") if data.get("kind") in KIND_LABELS else "suggestion"
    return View(tracking_code=CODES.new_code(), kind=kind, kind_label=KIND_LABELS[kind], status="received",
                status_label=STATUS_LABELS["received"], submitted_at=utcnow())


def _check_limit(session: Session, client_hash: str, per_hour: int, now: datetime) -> None:
    hourly_limit(session, client_hash, Feedback.client_hash, Feedback.created_at, per_hour, now,
                 too_many("masukan", per_hour))


def _public_event(session: Session, event_id: int) -> AgendaEvent | None:
    event = session.get(AgendaEvent, event_id)
    if event is None or not event_is_public(is_public=event.is_public, status=event.status):
        return None
    return event


def submit(tx, data: dict, client_address, *, now: datetime | None = None) -> View:
    """The sender's message (``FeedbackIn``, loaded; see the module doc): a ``FeedbackReceiptOut`` view."""
    session = tx.session
    now = now or utcnow()
    row = settings.get_settings(session)
    settings.check_ticket(session, data.get("ticket"), now)
    client_hash = client_key(client_address, CLIENT_PURPOSE)
    _check_limit(session, client_hash, row.feedback_per_hour, now)
    problems = contact_problems(reply_by_contact=data["reply_by_contact"], email=data.get("email"),
                                phone=data.get("phone"))
    if data.get("event_id") is not None and _public_event(session, data["event_id"]) is None:
        problems["event_id"] = NOT_PUBLIC_EVENT
    if problems:
        raise ValidationFailed("Masukan belum benar.", problems)
    code = CODES.new_code()
    feedback = Feedback(code_hash=CODES.stored(code), kind=data["kind"], subject=data["subject"],
                        message=data["message"], event_id=data.get("event_id"), name=data.get("name"),
                        email=data.get("email"), phone=data.get("phone"),
                        reply_by_contact=data["reply_by_contact"], consent_publish=data["consent_publish"],
                        client_hash=client_hash, created_at=now, status="received", published=False)
    session.add(feedback)
    session.flush()
    tx.emit(Agenda.FEEDBACK_RECEIVED, _event(feedback))
    return View(feedback, tracking_code=code, kind_label=KIND_LABELS[feedback.kind],
                status_label=STATUS_LABELS["received"], submitted_at=now)


def event_for_form(session: Session, event_id: int) -> AgendaEvent:
    """A public event (the form's heading when a message is about one); 404 otherwise."""
    event = _public_event(session, event_id)
    if event is None:
        raise NotFound(NOT_PUBLIC_EVENT, {"event_id": NOT_PUBLIC_EVENT})
    return event


# -- following a message --------------------------------------------------------------------------

def _unit_names(session: Session, ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(RosterUnit.id, RosterUnit.name).where(RosterUnit.id.in_(ids))).all())


def _event_titles(session: Session, ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(AgendaEvent.id, AgendaEvent.title).where(AgendaEvent.id.in_(ids))).all())


def status_of(session: Session, code) -> View:
    """The message of tracking code ``code`` (``FeedbackStatusOut``); 404 with one message otherwise."""
    computed, well_formed = CODES.hash_of(code)
    found = session.scalar(select(Feedback).where(Feedback.code_hash == computed))
    if found is None or not well_formed or not CODES.same(found.code_hash, computed):
        raise NotFound(NOT_FOUND, {"code": NOT_FOUND})
    answered = found.answer is not None
    return View(found, kind_label=KIND_LABELS[found.kind], status_label=STATUS_LABELS[found.status],
                submitted_at=found.created_at, unit_name=_unit_names(session, [found.unit_id]).get(found.unit_id),
                answer=found.answer if answered else None, answered_at=found.answered_at if answered else None)


# -- staff ----------------------------------------------------------------------------------------

def _capacities(caller: Caller, row: Feedback) -> frozenset[str]:
    return capacities(is_protocol_staff=caller.is_protocol_staff, caller_unit=caller.unit, unit_id=row.unit_id)


def _guards(row: Feedback):
    return guards(consent_publish=row.consent_publish, published=row.published, answered=row.answer is not None)


def _views(session: Session, caller: Caller, rows: list[Feedback], *, steps: bool = False) -> list[View]:
    units = _unit_names(session, [r.unit_id for r in rows])
    titles = _event_titles(session, [r.event_id for r in rows])
    views = []
    for row in rows:
        facts = dict(kind_label=KIND_LABELS[row.kind], status_label=STATUS_LABELS[row.status],
                     category_label=CATEGORY_LABELS.get(row.category), unit_name=units.get(row.unit_id),
                     event_title=titles.get(row.event_id),
                     allowed_actions=FEEDBACK.allowed_actions(row.status, _capacities(caller, row), _guards(row)))
        if steps:
            facts["steps"] = list(session.scalars(select(FeedbackStep).where(FeedbackStep.feedback_id == row.id)
                                                  .order_by(FeedbackStep.at, FeedbackStep.id)))
        views.append(View(row, **facts))
    return views


def _require_sees(caller: Caller, row: Feedback) -> None:
    if not caller.answers_feedback_of(row.unit_id):
        raise Forbidden(NOT_STAFF)


def queue(session: Session, caller: Caller, filters: dict, cursor: str | None = None, limit=50) -> dict:
    """Messages the caller handles, newest first (a ``FeedbackPage``): protocol staff every one, a unit's staff
    those triaged to their unit."""
    limit = clamp_limit(limit)
    statement = select(Feedback)
    if not caller.is_protocol_staff:
        if caller.unit is None:
            raise Forbidden(NOT_STAFF)
        statement = statement.where(Feedback.unit_id == caller.unit)
    for name in ("status", "kind", "unit_id"):
        if filters.get(name) is not None:
            statement = statement.where(getattr(Feedback, name) == filters[name])
    after = decode_cursor(cursor, 1)
    if after:
        statement = statement.where(Feedback.id < int(after[0]))
    rows = list(session.scalars(statement.order_by(Feedback.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda r: [r.id])
    answer["items"] = _views(session, caller, answer["items"])
    return answer


def _get(session: Session, feedback_id: int, *, lock: bool = False) -> Feedback:
    statement = select(Feedback).where(Feedback.id == feedback_id)
    row = session.scalar(statement.with_for_update() if lock else statement)
    if row is None:
        raise NotFound(NO_FEEDBACK, {"feedback_id": NO_FEEDBACK})
    return row


def detail(session: Session, caller: Caller, feedback_id: int) -> View:
    row = _get(session, feedback_id)
    _require_sees(caller, row)
    return _views(session, caller, [row], steps=True)[0]


def _actor(session: Session, caller: Caller) -> str:
    name = None
    if caller.employee_id:
        name = session.scalar(select(RosterEmployee.name).where(RosterEmployee.id == caller.employee_id))
    return (name or caller.username or "sistem")[:80]


def act(tx, caller: Caller, feedback_id: int, action: str, values: dict, *, now: datetime | None = None) -> View:
    """Take ``action`` (a row of ``FEEDBACK``) on a message: 403 for someone who may not, 409 from the wrong
    status, 422 naming what is missing; the step is recorded and its event published."""
    session = tx.session
    now = now or utcnow()
    row = _get(session, feedback_id, lock=True)
    step = FEEDBACK.check(action, row.status, _capacities(caller, row), _guards(row), verb=VERBS[action])
    note = values.get("note")
    if action == "triage":
        unit = session.get(RosterUnit, values["unit_id"])
        if unit is None or not unit.active:
            raise ValidationFailed("Unit tidak dikenal.", {"unit_id": "Unit tidak dikenal atau tidak aktif."})
        row.category, row.unit_id = values["category"], unit.id
        row.triaged_at, row.triaged_by_employee_id = now, caller.employee_id
    elif action == "answer":
        row.answer, row.answered_at, row.answered_by_employee_id = values["answer"], now, caller.employee_id
        row.first_response_at = row.first_response_at or now
    elif action == "close":
        row.closed_at = now
    elif action == "publish":
        row.published, row.published_at = True, now
    elif action == "unpublish":
        row.published, row.published_at = False, None
    if step.target is not None:
        row.status = step.target
    session.add(FeedbackStep(feedback_id=row.id, action=action, actor_employee_id=caller.employee_id,
                             actor=_actor(session, caller), note=note, at=now))
    session.flush()
    if step.event:
        tx.emit(step.event, _event(row))
    return _views(session, caller, [row], steps=True)[0]


def units(session: Session, caller: Caller) -> list[RosterUnit]:
    """The active units a message may be triaged to (protocol staff)."""
    caller.require_protocol_staff()
    return list(session.scalars(select(RosterUnit).where(RosterUnit.active.is_(True))
                                .order_by(RosterUnit.name, RosterUnit.id)))


# -- what the portal shows ------------------------------------------------------------------------

def published(session: Session, cursor: str | None = None, limit=20) -> dict:
    """The published questions and answers, newest first (``FeedbackPublishedPage``): never a contact, the
    sender only as initials or ``Anonim``."""
    limit = clamp_limit(limit)
    statement = select(Feedback).where(Feedback.published.is_(True), Feedback.consent_publish.is_(True),
                                       Feedback.answer.is_not(None))
    after = decode_cursor(cursor, 2)
    if after:
        try:
            moment, last = datetime.fromisoformat(str(after[0])), int(after[1])
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak valid."}) from None
        statement = statement.where((Feedback.published_at < moment)
                                    | ((Feedback.published_at == moment) & (Feedback.id < last)))
    rows = list(session.scalars(statement.order_by(Feedback.published_at.desc(), Feedback.id.desc())
                                .limit(limit + 1)))
    answer = page(rows, limit, key=lambda r: [r.published_at.isoformat(), r.id])
    units_ = _unit_names(session, [r.unit_id for r in answer["items"]])
    titles = _event_titles(session, [r.event_id for r in answer["items"]])
    answer["items"] = [{
        "id": r.id, "kind": r.kind, "kind_label": KIND_LABELS[r.kind], "category": r.category,
        "category_label": CATEGORY_LABELS.get(r.category), "subject": r.subject, "message": r.message,
        "sender": public_name(r.name), "answer": r.answer, "unit_name": units_.get(r.unit_id),
        "event_title": titles.get(r.event_id), "submitted_at": r.created_at, "answered_at": r.answered_at,
        "published_at": r.published_at} for r in answer["items"]]
    return answer


# -- response times -------------------------------------------------------------------------------

def report(session: Session, caller: Caller, date_from: date, date_to: date, open_days: int = 7, *,
           now: datetime | None = None) -> dict:
    """Response times per unit of the messages received from ``date_from`` to ``date_to`` (WITA days, both
    included): protocol staff (``FeedbackReportOut``)."""
    caller.require_protocol_staff()
    if date_to < date_from:
        raise ValidationFailed("Periode tidak valid.", {"date_to": "Tidak boleh sebelum tanggal awal."})
    now = now or utcnow()
    start, end = at_wita(date_from, time(0)), at_wita(date_to + timedelta(days=1), time(0))
    rows = session.execute(select(Feedback.unit_id, Feedback.status, Feedback.created_at,
                                  Feedback.first_response_at)
                           .where(Feedback.created_at >= start, Feedback.created_at < end)).all()
    per_unit = response_report(rows, now, open_days)
    names = _unit_names(session, [u["unit_id"] for u in per_unit])
    for unit in per_unit:
        unit["unit_name"] = names.get(unit["unit_id"], "Belum dipilah" if unit["unit_id"] is None else
                                      f"Unit #{unit['unit_id']}")
    total = response_report([(0, *r[1:]) for r in rows], now, open_days)
    total = total[0] if total else {"count": 0, "answered": 0, "median_hours": None, "p90_hours": None,
                                    "open_over_days": 0}
    total.update(unit_id=None, unit_name="Semua unit")
    return {"date_from": date_from, "date_to": date_to, "open_days": open_days, "total": total, "units": per_unit}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_COLUMNS = ("Unit", "Diterima", "Dijawab", "Median jam ke jawaban pertama", "Persentil 90 (jam)",
                  "Terbuka > {days} hari")


def report_xlsx(found: dict) -> dict:
    """``report``'s answer as a spreadsheet (``{filename, content_type, content}``): one row per unit and the
    total; every text written as text (``situok_kit.exports``)."""
    from io import BytesIO

    from openpyxl import Workbook
    from situok_kit.exports import append_row

    book = Workbook()
    sheet = book.active
    sheet.title = "Waktu tanggap"
    append_row(sheet, [f"Waktu tanggap masukan masyarakat {found['date_from'].isoformat()} s.d. "
                       f"{found['date_to'].isoformat()} (WITA)"])
    append_row(sheet, [c.format(days=found["open_days"]) for c in REPORT_COLUMNS])
    for unit in [*found["units"], found["total"]]:
        append_row(sheet, [unit["unit_name"], unit["count"], unit["answered"], unit["median_hours"],
                           unit["p90_hours"], unit["open_over_days"]])
    sheet.column_dimensions["A"].width = 48
    out = BytesIO()
    book.save(out)
    name = f"waktu-tanggap-masukan-{found['date_from'].isoformat()}-{found['date_to'].isoformat()}.xlsx"
    return {"filename": name, "content_type": XLSX, "content": out.getvalue()}


# -- sample data ----------------------------------------------------------------------------------

DEMO_SUBJECT = "Jadwal kunjungan kerja Gubernur"


def demo(session: Session) -> dict:
    """``make run``: a question answered and published, a complaint waiting (once)."""
    if session.scalar(select(Feedback.id).where(Feedback.subject == DEMO_SUBJECT).limit(1)) is not None:
        return {"feedback": 0}
    now = utcnow()
    unit_id = settings_unit(session)
    question = Feedback(code_hash=CODES.stored(CODES.new_code()), kind="question", subject=DEMO_SUBJECT,
                        message="Di mana masyarakat dapat melihat jadwal kunjungan kerja Gubernur ke kabupaten?",
                        name="Ni Luh Putu Ayu", email="ayu@example.id", consent_publish=True,
                        client_hash=client_key("demo", CLIENT_PURPOSE), created_at=now - timedelta(days=3),
                        status="answered", category="informasi", unit_id=unit_id,
                        triaged_at=now - timedelta(days=3, hours=-2),
                        answer="Agenda publik pimpinan tersedia di portal ini pada halaman Agenda, diperbarui "
                               "setiap hari kerja.", answered_at=now - timedelta(days=2),
                        first_response_at=now - timedelta(days=2), published=True,
                        published_at=now - timedelta(days=2))
    complaint = Feedback(code_hash=CODES.stored(CODES.new_code()), kind="complaint",
                         subject="Antrean tamu di lobi kantor gubernur",
                         message="Antrean tamu di lobi cukup lama pada pagi hari, mohon ditambah petugas penerima.",
                         client_hash=client_key("demo", CLIENT_PURPOSE), created_at=now - timedelta(hours=5),
                         status="received", consent_publish=False)
    session.add_all([question, complaint])
    session.flush()
    return {"feedback": 2}


def settings_unit(session: Session) -> int | None:
    """The protocol unit's id in the roster copy (the demo's answering unit), if there."""
    code = settings.get_settings(session).protocol_unit_code
    return session.scalar(select(RosterUnit.id).where(RosterUnit.code == code))
