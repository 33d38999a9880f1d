"""Official visit and audience requests from the public (izin kunjungan resmi / audiensi).

* ``submit``: the portal's form (``VisitRequestIn``, loaded). In order: the **honeypot** (``website`` filled: an
  answer like a success with a code never stored, nothing written, no event); the **time-to-submit ticket**
  (``settings.form_tickets``: missing, forged, too fast or expired → 422 on ``ticket``); the **per-client limit**
  (``AgendaSettings.visit_requests_per_hour`` per hour per client address, counted under an advisory lock:
  ``situok_kit.public_forms.hourly_limit`` → 429 ``PublicFormLimitReached`` with ``retry_after``); the rules of
  the dates and visitors (``visit_rules.request_problems``), the leader, the letter (PDF/JPEG/PNG by content;
  an image is re-encoded without its metadata). Then the row with the SHA-256 of a fresh ``KNJ-`` code (shown
  once) and ``agenda.visit_requested`` (no contact data);
* ``request_status``: what a code shows (no contact); an unknown and a malformed code get the same 404 after
  the same work (one digest, one lookup);
* ``visit_pass``: the visitor pass (PDF with a QR to ``<public url>/kunjungan/periksa/<token>``) of an approved
  request, by its code. Each download issues a fresh random token (only its SHA-256 is kept): the latest
  downloaded pass is the valid one;
* staff: ``queue`` (protocol staff, keyset, by status), ``detail`` (with the contact), ``letter``; ``approve``
  (the approver: a time and a room reserved through booking — ``reserve`` is ``domain.rooms.reserve`` bound to
  the broker; booking's ``Conflict`` leaves the request pending and nothing written — or an address),
  ``refuse`` (a reason), ``cancel`` (protocol staff, a reason; the room released through ``release``);
* reception: ``check_pass`` (protocol staff: valid only while approved, on the visit's WITA day, from
  ``visit_rules.PASS_EARLY_MINUTES`` before the start to the end minute) and ``check_in`` (once).
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit import uploads
from situok_kit.clock import hhmm, utcnow, wita_day
from situok_kit.config import env
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from situok_kit.public_forms import TrackingCodes, client_key, hourly_limit, too_many
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from ..models import Leader, VisitRequest
from ..schemas.common import HONEYPOT
from . import settings
from . import visit_rules as rules
from .access import Caller

CODES = TrackingCodes("KNJ")
CLIENT_PURPOSE = "agenda-visit"
NOT_FOUND = "Kode pelacakan tidak dikenal. Periksa kembali kode yang Anda simpan."
NOT_A_REQUEST = "Permohonan kunjungan tidak ditemukan."
INVALID = "Permohonan kunjungan belum benar."
#: A form ticket older than this is expired.
#: Where a pass's QR points (the web's reception page).
CHECK_PATH = "/kunjungan/periksa/"


def public_url() -> str:
    """``SITUOK_PUBLIC_URL`` (the kit's setting), without a trailing slash."""
    return (env("SITUOK_PUBLIC_URL") or "http://localhost:8000").rstrip("/")


def check_url(token: str) -> str:
    return f"{public_url()}{CHECK_PATH}{token}"


def _token_hash(token: str) -> str:
    return hashlib.sha256(f"visit-pass:{token}".encode()).hexdigest()


def place_of(row: VisitRequest) -> str | None:
    return row.room_name or row.address


# -- the form -------------------------------------------------------------------------------------

def _check_limit(session: Session, client_hash: str, per_hour: int, now: datetime) -> None:
    hourly_limit(session, client_hash, VisitRequest.client_hash, VisitRequest.created_at, per_hour, now,
                 too_many("permohonan", per_hour))


def _letter(data: dict) -> tuple[bytes, str, str]:
    content = data["letter_b64"]
    kind = uploads.require_kind(content, ("pdf", "jpeg", "png"), "letter_b64")
    if kind != "pdf":
        content = uploads.reencode_image(content, field="letter_b64")
    return content, uploads.CONTENT_TYPES[kind], uploads.safe_filename(data.get("letter_name"), kind, "surat")


def submit(tx, data: dict, client_address, *, now: datetime | None = None) -> View:
    """The visitor's request (see module doc): a ``VisitReceiptOut`` view with the tracking code, shown once."""
    session = tx.session
    now = now or utcnow()
    if data.get(HONEYPOT):  # a bot: looks like a success, nothing stored, no event
        return View(tracking_code=CODES.new_code(), status="pending", status_label=rules.STATUS_LABELS["pending"],
                    agency=data["agency"], wished_dates=data["wished_dates"])
    settings.check_ticket(session, data.get("ticket"), now)
    row = settings.get_settings(session)
    client_hash = client_key(client_address, CLIENT_PURPOSE)
    _check_limit(session, client_hash, row.visit_requests_per_hour, now)
    problems = rules.request_problems(data["wished_dates"], data["visitor_count"], data["visitor_names"],
                                      wita_day(now))
    if data.get("leader_id") and session.get(Leader, data["leader_id"]) is None:
        problems["leader_id"] = "Pimpinan tidak dikenal."
    if problems:
        raise ValidationFailed(INVALID, problems)
    content, content_type, filename = _letter(data)
    code = CODES.new_code()
    visit = VisitRequest(
        code_hash=CODES.stored(code), agency=data["agency"], leader_id=data.get("leader_id"),
        leader_wished=data.get("leader_wished"), purpose=data["purpose"], visitor_count=data["visitor_count"],
        visitor_names=list(data["visitor_names"]), wished_dates=sorted(data["wished_dates"]),
        contact_name=data["contact_name"], contact_phone=data["contact_phone"],
        contact_email=data.get("contact_email"), letter_content=content, letter_type=content_type,
        letter_name=filename, client_hash=client_hash, created_at=now, status="pending")
    session.add(visit)
    session.flush()
    tx.emit(AgendaEvents.VISIT_REQUESTED, _event(AgendaEvents.VISIT_REQUESTED, visit))
    return View(visit, tracking_code=code, status_label=rules.STATUS_LABELS["pending"])


def _event(name: str, visit: VisitRequest, **extra) -> dict:
    from ..schemas.visits import EVENTS

    return EVENTS[name]().dump(View(visit, **extra))


# -- following a request --------------------------------------------------------------------------

def _by_code(session: Session, code, *, lock: bool = False) -> VisitRequest:
    """The request of ``code``; the same 404 after the same work for an unknown and a malformed one."""
    computed, well_formed = CODES.hash_of(code)
    statement = select(VisitRequest).where(VisitRequest.code_hash == computed)
    if lock:
        statement = statement.with_for_update()
    found = session.scalar(statement)
    if found is None or not well_formed or not CODES.same(found.code_hash, computed):
        raise NotFound(NOT_FOUND, {"code": NOT_FOUND})
    return found


def request_status(session: Session, code) -> View:
    """What a tracking code shows (``VisitStatusOut``): no contact, nobody else's data."""
    visit = _by_code(session, code)
    approved = visit.status == "approved"
    return View(visit, status_label=rules.STATUS_LABELS[visit.status], submitted_at=visit.created_at,
                place=place_of(visit) if approved else None, note=visit.decision_note if approved else None,
                starts_at=visit.starts_at if approved else None, ends_at=visit.ends_at if approved else None,
                pass_available=approved)


def visit_pass(tx, code, *, now: datetime | None = None) -> dict:
    """The visitor pass of an approved request (``VisitFileOut``): a fresh token, only its digest kept."""
    from ..documents.visitor_pass import render

    session = tx.session
    visit = _by_code(session, code, lock=True)
    if visit.status != "approved":
        raise Conflict("Kartu tamu hanya tersedia untuk permohonan yang disetujui.",
                       {"status": f"Status saat ini: {rules.STATUS_LABELS[visit.status]}."})
    token = secrets.token_urlsafe(24)  # 192 random bits
    visit.pass_token_hash = _token_hash(token)
    session.flush()
    pdf = render(visit, check_url(token), leader_title=_leader_title(session, visit))
    return {"filename": f"kartu-tamu-{visit.id}.pdf", "content_type": "application/pdf", "content": pdf}


# -- the staff ------------------------------------------------------------------------------------

def _leader_title(session: Session, visit: VisitRequest) -> str | None:
    if visit.leader_id is None:
        return visit.leader_wished
    leader = session.get(Leader, visit.leader_id)
    return leader.title if leader is not None else visit.leader_wished


def _guards(visit: VisitRequest) -> dict:
    return {"not_checked_in": lambda: None if visit.checked_in_at is None else (
        "checked_in", "Kedatangan sudah dicatat.")}


def view(session: Session, caller: Caller, visit: VisitRequest) -> View:
    capacities = rules.capacities(caller.is_protocol_staff, caller.approves_publication)
    return View(visit, status_label=rules.STATUS_LABELS[visit.status], leader_title=_leader_title(session, visit),
                place=place_of(visit),
                contact={"name": visit.contact_name, "phone": visit.contact_phone, "email": visit.contact_email},
                allowed_actions=rules.VISIT.allowed_actions(visit.status, capacities, _guards(visit)))


def queue(session: Session, caller: Caller, status: str | None = None, cursor: str | None = None,
          limit=50) -> dict:
    """Protocol staff (and approvers): the requests, newest first (``VisitRequestPage``)."""
    _require_staff(caller)
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 1)
    statement = select(VisitRequest)
    if status:
        statement = statement.where(VisitRequest.status == status)
    if after:
        statement = statement.where(VisitRequest.id < int(after[0]))
    rows = list(session.scalars(statement.order_by(VisitRequest.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda v: [v.id])
    answer["items"] = [view(session, caller, v) for v in answer["items"]]
    return answer


def _require_staff(caller: Caller) -> Caller:
    if caller.approves_publication:
        return caller
    return caller.require_protocol_staff()


def _get(session: Session, visit_id: int, *, lock: bool = False) -> VisitRequest:
    statement = select(VisitRequest).where(VisitRequest.id == visit_id)
    if lock:
        statement = statement.with_for_update()
    visit = session.scalar(statement)
    if visit is None:
        raise NotFound(NOT_A_REQUEST)
    return visit


def detail(session: Session, caller: Caller, visit_id: int) -> View:
    _require_staff(caller)
    return view(session, caller, _get(session, visit_id))


def letter(session: Session, caller: Caller, visit_id: int) -> dict:
    _require_staff(caller)
    visit = session.scalar(select(VisitRequest).options(undefer(VisitRequest.letter_content))
                           .where(VisitRequest.id == visit_id))
    if visit is None:
        raise NotFound(NOT_A_REQUEST)
    return {"filename": visit.letter_name, "content_type": visit.letter_type, "content": visit.letter_content}


def _step(caller: Caller, visit: VisitRequest, action: str, verb: str):
    capacities = rules.capacities(caller.is_protocol_staff, caller.approves_publication)
    return rules.VISIT.check(action, visit.status, capacities, _guards(visit), verb=verb)


def reference(visit_id: int) -> str:
    return f"agenda-visit:{visit_id}"


def approve(tx, caller: Caller, visit_id: int, data: dict, reserve: Callable[..., dict], *,
            now: datetime | None = None) -> View:
    """The approver: a time and a room (``reserve``: booking's answer, or its ``Conflict`` — then nothing is
    written and the request stays pending) or an address."""
    session = tx.session
    now = now or utcnow()
    visit = _get(session, visit_id, lock=True)
    step = _step(caller, visit, "approve", "disetujui")
    problems = rules.decision_problems(data["starts_at"], data["ends_at"], now)
    if problems:
        raise ValidationFailed(INVALID, problems)
    room = None
    if data.get("room_resource_id"):
        try:
            room = reserve(reference=reference(visit.id), resource_id=data["room_resource_id"],
                           starts_at=data["starts_at"], ends_at=data["ends_at"],
                           purpose=f"Kunjungan/audiensi: {visit.agency}"[:200],
                           contact_employee_id=caller.employee_id)
        except Conflict as exc:
            raise Conflict(f"Ruangan tidak tersedia pada waktu itu: {exc.message}",
                           {**exc.fields, "room_resource_id": exc.message}, exc.extra) from None
        except NotFound as exc:  # booking does not know the room: the visit itself is there (not a 404)
            raise ValidationFailed(INVALID, {"room_resource_id": exc.message or "Ruangan tidak dikenal."}) from None
    visit.status = step.target
    visit.starts_at, visit.ends_at = data["starts_at"], data["ends_at"]
    if room is not None:
        visit.room_resource_id = data["room_resource_id"]
        visit.room_name = room.get("resource_name") or room.get("name") or f"Ruangan #{data['room_resource_id']}"
        visit.room_booking_id = room.get("booking_id") or room.get("id")
        visit.address = None
    else:
        visit.room_resource_id = visit.room_name = visit.room_booking_id = None
        visit.address = data["address"]
    visit.decision_note = data.get("note")
    _decided(visit, caller, now)
    visit.pass_token_hash = _token_hash(secrets.token_urlsafe(24))  # replaced by each download of the pass
    session.flush()
    tx.emit(step.event, _event(step.event, visit))
    return view(session, caller, visit)


def _decided(visit: VisitRequest, caller: Caller, now: datetime) -> None:
    visit.decided_at = now
    visit.decided_by = caller.username
    visit.decided_by_employee_id = caller.employee_id
    visit.version += 1


def refuse(tx, caller: Caller, visit_id: int, reason: str, *, now: datetime | None = None) -> View:
    session = tx.session
    visit = _get(session, visit_id, lock=True)
    step = _step(caller, visit, "refuse", "ditolak")
    visit.status = step.target
    visit.reason = reason
    _decided(visit, caller, now or utcnow())
    session.flush()
    tx.emit(step.event, _event(step.event, visit))
    return view(session, caller, visit)


def cancel(tx, caller: Caller, visit_id: int, reason: str, release: Callable[..., object], *,
           now: datetime | None = None) -> View:
    """Protocol staff: cancel a pending or approved visit (its room released in booking first)."""
    session = tx.session
    visit = _get(session, visit_id, lock=True)
    step = _step(caller, visit, "cancel", "dibatalkan")
    if visit.room_booking_id is not None:
        release(reference=reference(visit.id), reason=f"Kunjungan dibatalkan: {reason}"[:500])
    visit.status = step.target
    visit.reason = reason
    visit.pass_token_hash = None
    _decided(visit, caller, now or utcnow())
    session.flush()
    tx.emit(step.event, _event(step.event, visit))
    return view(session, caller, visit)


# -- reception ------------------------------------------------------------------------------------

def _by_token(session: Session, token, *, lock: bool = False) -> VisitRequest | None:
    digest = _token_hash(token if isinstance(token, str) and len(token) <= 100 else secrets.token_hex(8))
    statement = select(VisitRequest).where(VisitRequest.pass_token_hash == digest)
    if lock:
        statement = statement.with_for_update()
    return session.scalar(statement)


def _pass_view(session: Session, caller: Caller, visit: VisitRequest | None, now: datetime) -> View:
    if visit is None:
        result = rules.check_pass(None, None, None, now)
        return View(valid=False, reason=result.reason, message=result.message, visit=None, allowed_actions=[])
    result = rules.check_pass(visit.status, visit.starts_at, visit.ends_at, now)
    actions = []
    if result.valid:
        actions = [a for a in view(session, caller, visit).allowed_actions if a == "check_in"]
    return View(valid=result.valid, reason=result.reason, message=result.message,
                visit=View(visit, place=place_of(visit)), allowed_actions=actions)


def check_pass(session: Session, caller: Caller, token, *, now: datetime | None = None) -> View:
    """Protocol staff at reception: is this pass valid now (``VisitPassCheckOut``)?"""
    caller.require_protocol_staff()
    return _pass_view(session, caller, _by_token(session, token), now or utcnow())


def check_in(tx, caller: Caller, token, *, now: datetime | None = None) -> View:
    """Protocol staff: record the arrival of a valid pass's visitors, once (409 the second time)."""
    caller.require_protocol_staff()
    session = tx.session
    now = now or utcnow()
    visit = _by_token(session, token, lock=True)
    result = rules.check_pass(visit.status if visit else None, visit.starts_at if visit else None,
                              visit.ends_at if visit else None, now)
    if not result.valid:
        raise Conflict(result.message, {"token": result.message})
    if visit.checked_in_at is not None:
        message = f"Kedatangan sudah dicatat pukul {hhmm(visit.checked_in_at)} WITA oleh {visit.checked_in_by}."
        raise Conflict(message, {"token": message})
    step = _step(caller, visit, "check_in", "dicatat kedatangannya")
    visit.checked_in_at = now
    visit.checked_in_by = caller.username
    session.flush()
    tx.emit(step.event, _event(step.event, visit, visit_day=wita_day(visit.starts_at)))
    return _pass_view(session, caller, visit, now)


# -- sample data ----------------------------------------------------------------------------------

DEMO_AGENCY = "Pemerintah Kabupaten Contoh (demo)"
#: A one-page PDF standing in for the letter of the sample request.
DEMO_LETTER = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
               b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n"
               b"%%EOF\n")


def demo(session: Session) -> dict:
    """``make run``: one pending audience request (its code is not kept: the staff's queue shows it)."""
    if session.scalar(select(VisitRequest.id).where(VisitRequest.agency == DEMO_AGENCY).limit(1)) is not None:
        return {"visit_requests": 0}
    today = wita_day()
    session.add(VisitRequest(
        code_hash=CODES.stored(CODES.new_code()), agency=DEMO_AGENCY,
        leader_wished="Sekretaris Daerah", purpose="Audiensi tentang koordinasi penyelenggaraan acara daerah.",
        visitor_count=4, visitor_names=["I Made Contoh", "Ni Luh Contoh"],
        wished_dates=[today + timedelta(days=7), today + timedelta(days=8)], contact_name="I Made Contoh",
        contact_phone="081200000000", contact_email="demo@example.invalid", letter_content=DEMO_LETTER,
        letter_type="application/pdf", letter_name="surat-permohonan.pdf", client_hash=client_key("demo",
                                                                                                CLIENT_PURPOSE),
        status="pending"))
    session.flush()
    return {"visit_requests": 1}
