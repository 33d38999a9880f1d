"""Leave (cuti): the rules as data, balances, requests and their workflow.

* ``seed``: the rule rows per employment type and kind, each citing its source (``SEED_RULES``);
* ``annual_balance_of`` / ``balance``: a year's annual leave (``leave_rules.annual_balance`` over the system's own
  leave and the staff officer's opening balance);
* ``preview`` / ``request`` / ``update``: a request counted in days (working days against attendance's holidays:
  ``holidays`` is a ``domain.calendar.HolidaySource``), checked (``leave_rules.request_problems``, the overlap
  with another open request of the employee — also the database's exclusion constraint —, travel's approved
  trips: ``domain.trips.conflicts``);
* ``consider`` (the direct supervisor), ``decide`` (the official), ``cancel`` — through ``leave_workflow.LEAVE``;
* ``get``, ``listing``, ``inbox``, ``attachment``, ``set_opening``, ``update_rule``, ``recap_rows``.

Every step emits its ``LeaveEvent`` (``schemas.leave``) in the same transaction.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from psycopg2.extras import DateRange
from situok_kit import uploads
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from ..models import LeaveOpeningBalance, LeaveRequest, LeaveRule, RosterEmployee
from ..models.leave import OPEN_STATUSES
from . import leave_rules as rules
from . import leave_workflow as wf
from . import roster, settings, trips
from .access import Caller

INVALID = "Permohonan cuti belum benar."
NOT_FOUND = "Permohonan cuti tidak ditemukan."
ATTACHMENT_KINDS = ("pdf", "jpeg", "png")

_PP11 = "PP 11/2017 tentang Manajemen PNS sebagaimana diubah dengan PP 17/2020"
_BKN = "Peraturan BKN 24/2017 tentang Tata Cara Pemberian Cuti PNS sebagaimana diubah dengan Peraturan BKN 7/2021"
_PPPK = "PP 49/2018 tentang Manajemen PPPK, Pasal 70–71, dan Peraturan BKN tentang cuti PPPK (perlu diverifikasi)"
_BUREAU = "Ketentuan internal Biro (pegawai non-ASN), dapat diubah admin"

_TAHUNAN = dict(kind="tahunan", name="Cuti Tahunan", unit="working", min_days=1, entitlement_days=12,
                half_day_allowed=True, cuti_bersama_counts=False, min_service_years=1)
_SAKIT = dict(kind="sakit", name="Cuti Sakit", unit="calendar", max_months=18, document_after_days=1,
              gov_doctor_after_days=14, backdate_days=3)
_MELAHIRKAN = dict(kind="melahirkan", name="Cuti Melahirkan", unit="calendar", max_months=3, gender="P",
                   max_child=3)
_ALASAN = dict(kind="alasan_penting", name="Cuti karena Alasan Penting", unit="calendar", max_months=1,
               reason_required=True)

SEED_RULES: tuple[dict, ...] = (
    dict(_TAHUNAN, employment_type="pns", carry_max_days=6, carry_total_max=18, two_year_total_max=24,
         deferred_total_max=24,
         rule_text="12 hari kerja setahun bagi PNS/CPNS yang telah bekerja 1 tahun terus-menerus; paling sedikit "
                   "1 hari kerja. Sisa yang tidak digunakan dibawa ke tahun berikutnya paling banyak 6 hari (jumlah "
                   "18 hari termasuk tahun berjalan); tidak digunakan 2 tahun atau lebih berturut-turut: paling "
                   "banyak 24 hari termasuk tahun berjalan; yang ditangguhkan pejabat dibawa penuh, paling banyak "
                   "24 hari. Cuti bersama tidak mengurangi hak cuti tahunan.",
         source=f"{_PP11}, Pasal 310–315; {_BKN}"),
    dict(employment_type="pns", kind="besar", name="Cuti Besar", unit="calendar", max_months=3, min_service_years=5,
         takes_annual=True,
         rule_text="Paling lama 3 bulan bagi PNS yang telah bekerja paling singkat 5 tahun terus-menerus; PNS yang "
                   "mengambil cuti besar tidak berhak atas cuti tahunan pada tahun yang bersangkutan.",
         source=f"{_PP11}, Pasal 316–320; {_BKN}"),
    dict(_SAKIT, employment_type="pns",
         rule_text="1 hari: cukup pemberitahuan tertulis; lebih dari 1 hari sampai 14 hari: surat keterangan "
                   "dokter; lebih dari 14 hari: surat keterangan dokter pemerintah; paling lama 1 tahun dan dapat "
                   "ditambah paling lama 6 bulan. Dapat diajukan paling lambat 3 hari setelah mulai sakit.",
         source=f"{_PP11}, Pasal 321–324; {_BKN}"),
    dict(_MELAHIRKAN, employment_type="pns",
         rule_text="Paling lama 3 bulan untuk kelahiran anak pertama sampai ketiga; anak keempat dan seterusnya "
                   "diberikan cuti besar.",
         source=f"{_PP11}, Pasal 325–328; {_BKN}"),
    dict(_ALASAN, employment_type="pns",
         rule_text="Paling lama 1 bulan karena ibu, bapak, isteri/suami, anak, adik, kakak, mertua atau menantu "
                   "sakit keras atau meninggal dunia, melangsungkan perkawinan, isteri melahirkan/operasi caesar, "
                   "atau musibah kebakaran rumah/bencana alam.",
         source=f"{_PP11}, Pasal 329–331; {_BKN}"),
    dict(employment_type="pns", kind="cltn", name="Cuti di Luar Tanggungan Negara", unit="calendar", max_months=36,
         min_service_years=5,
         rule_text="Paling lama 3 tahun bagi PNS yang telah bekerja paling singkat 5 tahun terus-menerus karena "
                   "alasan pribadi dan mendesak (juga merupakan status kepegawaian: dicatat pada personnel).",
         source=f"{_PP11}, Pasal 332–341; {_BKN}"),
    dict(_TAHUNAN, employment_type="pppk", verify=True,
         rule_text="12 hari kerja setahun setelah bekerja 1 tahun secara terus-menerus dalam masa perjanjian kerja; "
                   "tidak dapat dibawa ke tahun berikutnya (kecuali aturan ini diubah). Cuti bersama tidak "
                   "mengurangi hak cuti tahunan.",
         source=_PPPK),
    dict(_SAKIT, employment_type="pppk", verify=True, rule_text="Sebagaimana PNS.", source=_PPPK),
    dict(_MELAHIRKAN, employment_type="pppk", verify=True, rule_text="Sebagaimana PNS.", source=_PPPK),
    dict(_ALASAN, employment_type="pppk", verify=True,
         rule_text="Sebagaimana PNS (perlu diverifikasi terhadap ketentuan PPPK).", source=_PPPK),
    dict(_TAHUNAN, employment_type="non_asn", min_service_years=0,
         rule_text="12 hari kerja setahun; tidak dapat dibawa ke tahun berikutnya.", source=_BUREAU),
    dict(_SAKIT, employment_type="non_asn", gov_doctor_after_days=None,
         rule_text="Lebih dari 1 hari: surat keterangan dokter.", source=_BUREAU),
)


def seed(session: Session) -> dict:
    """The rule rows (only those missing: an admin's edits stay)."""
    have = set(session.execute(select(LeaveRule.employment_type, LeaveRule.kind)).tuples())
    added = 0
    for values in SEED_RULES:
        if (values["employment_type"], values["kind"]) not in have:
            session.add(LeaveRule(**values))
            added += 1
    session.flush()
    return {"leave_rules": added}


# -- reading ----------------------------------------------------------------------------------------

def rules_of(session: Session, employment_type: str) -> dict[str, rules.Rule]:
    rows = session.scalars(select(LeaveRule).where(LeaveRule.employment_type == employment_type))
    return {row.kind: rules.Rule.of(row) for row in rows}


def _employee(session: Session, employee_id: int | None) -> RosterEmployee:
    employee = session.get(RosterEmployee, employee_id) if employee_id else None
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


def histories(session: Session, employee_ids, upto: int,
              exclude_id: int | None = None) -> dict[int, dict[int, rules.YearFacts]]:
    """employee → year → ``YearFacts`` of their leave in the system, up to ``upto`` (one grouped query)."""
    year = func.extract("year", LeaveRequest.start_date)
    statement = (select(LeaveRequest.employee_id, year, LeaveRequest.kind, LeaveRequest.status,
                        func.sum(LeaveRequest.days))
                 .where(LeaveRequest.employee_id.in_(list(employee_ids) or [-1]), year <= upto)
                 .group_by(LeaveRequest.employee_id, year, LeaveRequest.kind, LeaveRequest.status))
    if exclude_id is not None:
        statement = statement.where(LeaveRequest.id != exclude_id)
    found: dict[int, dict[int, dict]] = {}
    for employee_id, y, kind, status, days in session.execute(statement):
        facts = found.setdefault(employee_id, {}).setdefault(
            int(y), {"used": 0.0, "pending": 0.0, "deferred": 0.0, "took_besar": False})
        if kind == "besar" and status == "approved":
            facts["took_besar"] = True
        if kind != "tahunan":
            continue
        if status == "approved":
            facts["used"] += float(days)
        elif status in wf.UNDECIDED:
            facts["pending"] += float(days)
        elif status == "deferred":
            facts["deferred"] += float(days)
    return {e: {y: rules.YearFacts(**f) for y, f in years.items()} for e, years in found.items()}


def history(session: Session, employee_id: int, upto: int, exclude_id: int | None = None) -> dict[int, rules.YearFacts]:
    """year → ``YearFacts`` of the employee's leave in the system, up to ``upto``."""
    return histories(session, [employee_id], upto, exclude_id).get(employee_id, {})


def openings(session: Session, employee_ids, year: int) -> dict[int, rules.Opening]:
    """Each employee's latest opening balance of ``year`` or before (one query: ``DISTINCT ON``)."""
    rows = session.scalars(select(LeaveOpeningBalance)
                           .where(LeaveOpeningBalance.employee_id.in_(list(employee_ids) or [-1]),
                                  LeaveOpeningBalance.year <= year)
                           .order_by(LeaveOpeningBalance.employee_id, LeaveOpeningBalance.year.desc())
                           .distinct(LeaveOpeningBalance.employee_id))
    return {row.employee_id: rules.Opening(row.year, float(row.remaining_n1), float(row.remaining_n2),
                                           float(row.deferred_n1)) for row in rows}


def annual_balances(session: Session, employees, year: int,
                    exclude_id: int | None = None) -> dict[int, rules.Balance | None]:
    """employee id → the annual-leave balance of ``year`` (None: no annual-leave rule for their employment
    type), for many employees in a fixed number of queries (the recap)."""
    ids = [e.id for e in employees]
    rules_by_type = {kind: rules_of(session, kind).get("tahunan") for kind in {e.employment_type for e in employees}}
    found, opened = histories(session, ids, year, exclude_id), openings(session, ids, year)
    return {e.id: None if rules_by_type[e.employment_type] is None else rules.annual_balance(
                rules_by_type[e.employment_type], year, e.tmt_cpns, found.get(e.id, {}), opened.get(e.id))
            for e in employees}


def annual_balance_of(session: Session, employee: RosterEmployee, year: int,
                      exclude_id: int | None = None) -> rules.Balance | None:
    return annual_balances(session, [employee], year, exclude_id)[employee.id]


def balance(session: Session, caller: Caller, employee_id: int, year: int) -> View:
    caller.require_reader_of(employee_id)
    employee = _employee(session, employee_id)
    found = annual_balance_of(session, employee, year)
    if found is None:
        return View(year=year, employee_id=employee.id, employee_name=employee.full_name, eligible=False,
                    eligible_from=None, entitlement=0, carry=0, carry_two_years=False, deferred=0, total=0, used=0,
                    pending=0, remaining=0, available=0, from_opening=False, took_besar=False,
                    explanation=["Tidak ada aturan cuti tahunan untuk jenis kepegawaian ini."])
    return View(found, employee_id=employee.id, employee_name=employee.full_name)


def kinds(session: Session, caller: Caller, employee_id: int | None = None) -> list[View]:
    """The kinds the employee (the caller by default) may request, with the rule text."""
    employee = _employee(session, employee_id or caller.require_employee().employee_id)
    caller.require_reader_of(employee.id)
    half = settings.get_settings(session).half_days
    found = []
    for row in session.scalars(select(LeaveRule).where(LeaveRule.employment_type == employee.employment_type,
                                                      LeaveRule.active.is_(True)).order_by(LeaveRule.id)):
        if row.gender and employee.gender != row.gender:
            continue
        found.append(View(row, half_day_allowed=row.half_day_allowed and half))
    return found


def all_rules(session: Session) -> list[LeaveRule]:
    return list(session.scalars(select(LeaveRule).order_by(LeaveRule.employment_type, LeaveRule.id)))


# -- checking a request -----------------------------------------------------------------------------

def _attachment(data: dict) -> tuple[bytes, str, str] | None:
    content = data.get("attachment_b64")
    if not content:
        return None
    kind = uploads.require_kind(content, ATTACHMENT_KINDS, "attachment_b64")
    return content, uploads.CONTENT_TYPES[kind], uploads.safe_filename(data.get("attachment_name"), kind,
                                                                        "surat-dokter")


def _count(rule: rules.Rule, data: dict, holidays) -> float:
    cal = holidays(range(data["start_date"].year, data["end_date"].year + 1)) if rule.unit == "working" else {}
    return rules.count_days(rule, data["start_date"], data["end_date"], cal, data.get("half_day"))


def _overlap(session: Session, employee_id: int, start: date, end: date, exclude_id: int | None) -> LeaveRequest | None:
    statement = select(LeaveRequest).where(LeaveRequest.employee_id == employee_id,
                                           LeaveRequest.status.in_(OPEN_STATUSES),
                                           LeaveRequest.start_date <= end, LeaveRequest.end_date >= start)
    if exclude_id is not None:
        statement = statement.where(LeaveRequest.id != exclude_id)
    return session.scalar(statement.limit(1))


def check(session: Session, employee: RosterEmployee, data: dict, holidays, *, today: date,
          has_attachment: bool, exclude_id: int | None = None) -> tuple:
    """``(rule, days, problems, annual balance)`` of a request for ``employee``."""
    rule = rules_of(session, employee.employment_type).get(data["kind"])
    if rule is None or not rule.active:
        return None, 0, {"kind": "Jenis cuti ini tidak tersedia untuk jenis kepegawaian pegawai."}, None
    days = _count(rule, data, holidays) if data["end_date"] >= data["start_date"] else 0
    annual = None
    if rule.kind == "tahunan":
        annual = annual_balance_of(session, employee, data["start_date"].year, exclude_id)
    req = rules.Request(kind=rule.kind, start_date=data["start_date"], end_date=data["end_date"],
                        half_day=data.get("half_day"), reason=data.get("reason"),
                        reason_category=data.get("reason_category"), child_order=data.get("child_order"),
                        has_attachment=has_attachment, government_doctor=bool(data.get("government_doctor")))
    problems = rules.request_problems(rule, req, days=days, today=today, gender=employee.gender,
                                      service_start=employee.tmt_cpns,
                                      half_days_on=settings.get_settings(session).half_days,
                                      available=annual.available if annual else None)
    if "start_date" not in problems and data["end_date"] >= data["start_date"]:
        other = _overlap(session, employee.id, data["start_date"], data["end_date"], exclude_id)
        if other is not None:
            problems["start_date"] = (f"Tanggal bertumpang tindih dengan permohonan cuti lain ({other.kind_name} "
                                      f"{other.start_date:%d-%m-%Y} s.d. {other.end_date:%d-%m-%Y}, "
                                      f"{wf.STATUS_LABELS[other.status]}).")
        else:
            trip = _trip_problem(session, employee.id, data["start_date"], data["end_date"])
            if trip:
                problems["start_date"] = trip
    return rule, days, problems, annual


def _trip_problem(session: Session, employee_id: int, start: date, end: date) -> str | None:
    found = trips.conflicts(session, employee_id, start, end)
    if not found:
        return None
    return f"Tanggal bertumpang tindih dengan {trips.label(found[0])} yang telah disetujui."


def _target_employee(session: Session, caller: Caller, employee_id: int | None) -> RosterEmployee:
    if employee_id and not caller.is_self(employee_id):
        caller.require_staff_officer()
        return _employee(session, employee_id)
    return _employee(session, caller.require_employee().employee_id)


def preview(session: Session, caller: Caller, data: dict, holidays, *, today: date | None = None) -> View:
    """The days counted and the problems, nothing saved."""
    employee = _target_employee(session, caller, data.get("employee_id"))
    rule, days, problems, annual = check(session, employee, data, holidays, today=today or wita_day(utcnow()),
                                         has_attachment=bool(data.get("attachment_b64")),
                                         exclude_id=data.get("leave_id"))
    return View(kind=data["kind"], start_date=data["start_date"], end_date=data["end_date"], days=days,
                unit=rule.unit if rule else None, problems=problems, ok=not problems,
                balance=View(annual, employee_id=employee.id, employee_name=employee.full_name) if annual else None)


# -- views ------------------------------------------------------------------------------------------

def _capacities(caller: Caller, leave: LeaveRequest) -> set[str]:
    return wf.capacities(own=caller.is_self(leave.employee_id),
                         direct_supervisor=(leave.supervisor_id is not None
                                            and leave.supervisor_id == caller.employee_id),
                         official=caller.is_official, staff_officer=caller.is_staff_officer)


def _guards(leave: LeaveRequest, today: date) -> dict:
    return {"not_over": lambda: None if leave.end_date >= today else (
        "status", "Cuti yang sudah selesai tidak dapat dibatalkan.")}


def view(caller: Caller, leave: LeaveRequest, today: date | None = None) -> View:
    today = today or wita_day(utcnow())
    return View(leave, status_label=wf.STATUS_LABELS[leave.status], days=float(leave.days),
                has_attachment=leave.attachment_type is not None,
                allowed_actions=wf.LEAVE.allowed_actions(leave.status, _capacities(caller, leave),
                                                         _guards(leave, today)))


def _get(session: Session, leave_id: int, *, lock: bool = False) -> LeaveRequest:
    statement = select(LeaveRequest).where(LeaveRequest.id == leave_id)
    if lock:
        statement = statement.with_for_update()
    leave = session.scalar(statement)
    if leave is None:
        raise NotFound(NOT_FOUND)
    return leave


def _readable(caller: Caller, leave: LeaveRequest) -> bool:
    return caller.may_read(leave.employee_id) or leave.supervisor_id == caller.employee_id


def get(session: Session, caller: Caller, leave_id: int) -> View:
    leave = _get(session, leave_id)
    caller.require(_readable(caller, leave), "Anda tidak berwenang melihat permohonan cuti ini.")
    return view(caller, leave)


def attachment(session: Session, caller: Caller, leave_id: int) -> dict:
    leave = session.scalar(select(LeaveRequest).options(undefer(LeaveRequest.attachment))
                           .where(LeaveRequest.id == leave_id))
    if leave is None:
        raise NotFound(NOT_FOUND)
    caller.require(_readable(caller, leave), "Anda tidak berwenang melihat permohonan cuti ini.")
    if leave.attachment is None:
        raise NotFound("Permohonan ini tidak memiliki lampiran.")
    return {"filename": leave.attachment_name, "content_type": leave.attachment_type, "content": leave.attachment}


def listing(session: Session, caller: Caller, filters: dict, cursor: str | None = None, limit=50) -> dict:
    """The requests the caller may read, newest first: everyone's for staff officers and the official, else
    their own and their chain of staff's."""
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 1)
    statement = select(LeaveRequest)
    if not (caller.is_staff_officer or caller.is_official):
        mine = set(caller.all_staff) | ({caller.employee_id} if caller.employee_id else set())
        statement = statement.where(LeaveRequest.employee_id.in_(mine or {-1}))
    if filters.get("employee_id"):
        statement = statement.where(LeaveRequest.employee_id == filters["employee_id"])
    if filters.get("unit_id"):
        statement = statement.where(LeaveRequest.unit_id.in_(roster.subunit_ids(session, filters["unit_id"])))
    if filters.get("status"):
        statement = statement.where(LeaveRequest.status == filters["status"])
    if filters.get("kind"):
        statement = statement.where(LeaveRequest.kind == filters["kind"])
    if filters.get("year"):
        y = filters["year"]
        statement = statement.where(LeaveRequest.start_date <= date(y, 12, 31),
                                    LeaveRequest.end_date >= date(y, 1, 1))
    if after:
        statement = statement.where(LeaveRequest.id < int(after[0]))
    rows = list(session.scalars(statement.order_by(LeaveRequest.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda r: [r.id])
    today = wita_day(utcnow())
    answer["items"] = [view(caller, r, today) for r in answer["items"]]
    return answer


def inbox(session: Session, caller: Caller, cursor: str | None = None, limit=50) -> dict:
    """What waits for the caller: consideration (their direct staff's ``submitted``) and, for the official,
    decisions (``considered``, never their own)."""
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 1)
    waiting = []
    if caller.employee_id:
        waiting.append(and_(LeaveRequest.status == "submitted", LeaveRequest.supervisor_id == caller.employee_id))
    if caller.is_official:
        own = LeaveRequest.employee_id != caller.employee_id if caller.employee_id else True
        waiting.append(and_(LeaveRequest.status == "considered", own))
    if not waiting:
        return {"items": [], "next_cursor": None}
    statement = select(LeaveRequest).where(or_(*waiting))
    if after:
        statement = statement.where(LeaveRequest.id > int(after[0]))
    rows = list(session.scalars(statement.order_by(LeaveRequest.id).limit(limit + 1)))
    answer = page(rows, limit, key=lambda r: [r.id])
    today = wita_day(utcnow())
    answer["items"] = [view(caller, r, today) for r in answer["items"]]
    return answer


# -- writing ------------------------------------------------------------------------------------------

def event_payload(leave: LeaveRequest) -> dict:
    return {"id": leave.id, "employee_id": leave.employee_id, "employee_name": leave.employee_name,
            "nip": leave.nip if leave.employment_type != "non_asn" else None,
            "employment_type": leave.employment_type, "unit_id": leave.unit_id, "kind": leave.kind,
            "kind_name": leave.kind_name, "start_date": leave.start_date, "end_date": leave.end_date,
            "days": float(leave.days), "half_day": leave.half_day, "status": leave.status,
            "decided_at": leave.decided_at}


def _emit(tx, leave: LeaveRequest) -> None:
    from ..schemas.leave import LeaveEvent

    tx.emit(wf.EVENTS[leave.status], LeaveEvent().dump(event_payload(leave)))


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        if "leave_requests_no_overlap" in str(exc):
            raise ValidationFailed(INVALID, {"start_date": "Tanggal bertumpang tindih dengan permohonan cuti lain "
                                                           "pegawai ini."}) from None
        raise


def _apply(leave: LeaveRequest, data: dict, rule: rules.Rule, days: float, file) -> None:
    leave.kind = rule.kind
    leave.kind_name = rule.name
    leave.start_date = data["start_date"]
    leave.end_date = data["end_date"]
    leave.period = DateRange(data["start_date"], data["end_date"], "[]")
    leave.days = Decimal(str(days))
    leave.half_day = data.get("half_day")
    leave.reason = data.get("reason")
    leave.reason_category = data.get("reason_category") if rule.kind == "alasan_penting" else None
    leave.child_order = data.get("child_order") if rule.max_child else None
    leave.address = data.get("address")
    leave.phone = data.get("phone")
    leave.government_doctor = bool(data.get("government_doctor"))
    if file is not None:
        leave.attachment, leave.attachment_type, leave.attachment_name = file


def _first_status(session: Session, employee: RosterEmployee) -> tuple[str, int | None]:
    """``submitted`` to the active direct supervisor; no supervisor (the Kepala Biro) → ``considered``."""
    supervisor = session.get(RosterEmployee, employee.supervisor_id) if employee.supervisor_id else None
    if supervisor is None or not supervisor.active:
        return "considered", None
    return "submitted", supervisor.id


def request(tx, caller: Caller, data: dict, holidays, *, now: datetime | None = None) -> View:
    """A new request (the employee's own, or a staff officer's on an employee's behalf: ``employee_id``)."""
    session = tx.session
    now = now or utcnow()
    employee = _target_employee(session, caller, data.get("employee_id"))
    file = _attachment(data)
    rule, days, problems, _ = check(session, employee, data, holidays, today=wita_day(now),
                                    has_attachment=file is not None)
    if problems:
        raise ValidationFailed(INVALID, problems)
    status, supervisor_id = _first_status(session, employee)
    leave = LeaveRequest(employee_id=employee.id, employee_name=employee.full_name, nip=employee.nip,
                         employment_type=employee.employment_type, unit_id=employee.unit_id,
                         supervisor_id=supervisor_id, status=status, created_at=now, filed_by=caller.username,
                         filed_by_employee_id=caller.employee_id)
    _apply(leave, data, rule, days, file)
    session.add(leave)
    _flush(session)
    _emit(tx, leave)
    return view(caller, leave, wita_day(now))


def update(tx, caller: Caller, leave_id: int, data: dict, holidays, *, now: datetime | None = None) -> View:
    """The employee's changed request (``change_requested`` → back to the supervisor)."""
    session = tx.session
    now = now or utcnow()
    leave = _get(session, leave_id, lock=True)
    step = wf.LEAVE.check("update", leave.status, _capacities(caller, leave), verb="diubah")
    employee = _employee(session, leave.employee_id)
    data = dict(data, kind=data.get("kind") or leave.kind)
    file = _attachment(data)
    rule, days, problems, _ = check(session, employee, data, holidays, today=wita_day(now),
                                    has_attachment=file is not None or leave.attachment_type is not None,
                                    exclude_id=leave.id)
    if problems:
        raise ValidationFailed(INVALID, problems)
    _apply(leave, data, rule, days, file)
    status, supervisor_id = _first_status(session, employee)
    leave.status = status if step.target == "submitted" else step.target
    leave.supervisor_id = supervisor_id
    leave.considered_option = leave.considered_note = leave.considered_at = None
    leave.decided_option = leave.decided_note = leave.decided_at = None
    leave.version += 1
    _flush(session)
    _emit(tx, leave)
    return view(caller, leave, wita_day(now))


def _note(option: str, note: str | None) -> str | None:
    note = (note or "").strip() or None
    if option != "setuju" and not note:
        raise ValidationFailed(INVALID, {"note": f"Catatan wajib diisi untuk pilihan "
                                                 f"\"{wf.OPTIONS[option]}\"."})
    return note


def _recheck_trips(session: Session, leave: LeaveRequest) -> None:
    problem = _trip_problem(session, leave.employee_id, leave.start_date, leave.end_date)
    if problem:
        raise ValidationFailed("Cuti tidak dapat disetujui.", {"start_date": problem})


def consider(tx, caller: Caller, leave_id: int, option: str, note: str | None, *,
             now: datetime | None = None) -> View:
    """The direct supervisor's consideration; a supervisor who is also the official decides in the same step."""
    session = tx.session
    now = now or utcnow()
    leave = _get(session, leave_id, lock=True)
    wf.LEAVE.check("consider", leave.status, _capacities(caller, leave), verb="dipertimbangkan")
    note = _note(option, note)
    leave.considered_option, leave.considered_note, leave.considered_at = option, note, now
    leave.considered_by, leave.considered_by_employee_id = caller.username, caller.employee_id
    target = wf.OUTCOMES["consider"][option]
    if target == "considered" and caller.is_official and not caller.is_self(leave.employee_id):
        _recheck_trips(session, leave)
        target = "approved"
        _record_decision(leave, caller, option, note)
    return _move(tx, caller, leave, target, now)


def decide(tx, caller: Caller, leave_id: int, option: str, note: str | None, *,
           now: datetime | None = None) -> View:
    """The official's decision on a considered request (never their own)."""
    session = tx.session
    now = now or utcnow()
    leave = _get(session, leave_id, lock=True)
    wf.LEAVE.check("decide", leave.status, _capacities(caller, leave), verb="diputuskan")
    note = _note(option, note)
    target = wf.OUTCOMES["decide"][option]
    if target == "approved":
        _recheck_trips(session, leave)
    _record_decision(leave, caller, option, note)
    return _move(tx, caller, leave, target, now)


def _record_decision(leave: LeaveRequest, caller: Caller, option: str, note: str | None) -> None:
    leave.decided_option, leave.decided_note = option, note
    leave.decided_by, leave.decided_by_employee_id = caller.username, caller.employee_id


def _move(tx, caller: Caller, leave: LeaveRequest, target: str, now: datetime) -> View:
    """The request to ``target`` (decided now when that is final), saved and announced."""
    if target in wf.FINAL:
        leave.decided_at = now
    leave.status = target
    leave.version += 1
    _flush(tx.session)
    _emit(tx, leave)
    return view(caller, leave, wita_day(now))


def cancel(tx, caller: Caller, leave_id: int, reason: str | None, *, now: datetime | None = None) -> View:
    session = tx.session
    now = now or utcnow()
    leave = _get(session, leave_id, lock=True)
    reason = (reason or "").strip() or None
    if leave.status == "approved" and not reason:
        # the rights first (403 before 422)
        wf.LEAVE.check("cancel", leave.status, _capacities(caller, leave), _guards(leave, wita_day(now)),
                       verb="dibatalkan")
        raise ValidationFailed(INVALID, {"reason": "Alasan pembatalan wajib diisi."})
    wf.LEAVE.check("cancel", leave.status, _capacities(caller, leave), _guards(leave, wita_day(now)),
                   verb="dibatalkan")
    leave.status = "cancelled"
    leave.cancel_reason, leave.cancelled_at, leave.cancelled_by = reason, now, caller.username
    leave.version += 1
    _flush(session)
    _emit(tx, leave)
    return view(caller, leave, wita_day(now))


def set_opening(session: Session, caller: Caller, data: dict) -> LeaveOpeningBalance:
    caller.require_staff_officer()
    _employee(session, data["employee_id"])
    row = session.scalar(select(LeaveOpeningBalance).where(LeaveOpeningBalance.employee_id == data["employee_id"],
                                                          LeaveOpeningBalance.year == data["year"]))
    if row is None:
        row = LeaveOpeningBalance(employee_id=data["employee_id"], year=data["year"])
        session.add(row)
    for name in ("remaining_n1", "remaining_n2", "deferred_n1"):
        setattr(row, name, Decimal(str(data.get(name) or 0)))
    row.note = data.get("note")
    row.updated_at, row.updated_by = utcnow(), caller.username
    session.flush()
    return row


EDITABLE_RULE = ("name", "active", "min_days", "max_days", "max_months", "entitlement_days", "carry_max_days",
                 "carry_total_max", "two_year_total_max", "deferred_total_max", "min_service_years", "gender",
                 "document_after_days", "gov_doctor_after_days", "backdate_days", "half_day_allowed",
                 "cuti_bersama_counts", "max_child", "takes_annual", "reason_required", "verify", "rule_text",
                 "source")


def update_rule(session: Session, caller: Caller, rule_id: int, values: dict) -> LeaveRule:
    caller.require_admin()
    row = session.get(LeaveRule, rule_id)
    if row is None:
        raise NotFound("Aturan cuti tidak ditemukan.")
    for name in EDITABLE_RULE:
        if name in values:
            setattr(row, name, values[name])
    row.updated_at, row.updated_by = utcnow(), caller.username
    session.flush()
    return row


def form_view(session: Session, caller: Caller, leave_id: int, leave_out: dict, balance_out: dict) -> dict:
    """The view ``documents.leave_form.render`` takes (common brief): the leave, its year's balance, the
    employee, the supervisor and the official who acted."""
    leave = _get(session, leave_id)
    employee = session.get(RosterEmployee, leave.employee_id)

    def person(employee_id):
        found = session.get(RosterEmployee, employee_id) if employee_id else None
        return None if found is None else {"full_name": found.full_name, "nip": found.nip,
                                           "position_name": found.position_name}

    masa_kerja = None
    if employee is not None and employee.tmt_cpns:
        months = (leave.start_date.year - employee.tmt_cpns.year) * 12 + leave.start_date.month \
            - employee.tmt_cpns.month
        masa_kerja = f"{months // 12} tahun {months % 12} bulan"
    used = approved_days(session, [leave.employee_id], leave.start_date.year)
    balance = dict(balance_out, used_by_kind={kind: days for (_, kind), days in used.items()})
    return dict(leave_out, balance=balance, employee={
        "full_name": leave.employee_name, "nip": leave.nip,
        "position_name": employee.position_name if employee else None,
        "unit_name": employee.unit_name if employee else None,
        "golongan": employee.golongan if employee else None, "pangkat": employee.pangkat if employee else None,
        "masa_kerja": masa_kerja},
        supervisor=person(leave.considered_by_employee_id or leave.supervisor_id),
        official=person(leave.decided_by_employee_id))


def approved_days(session: Session, employee_ids, year: int) -> dict[tuple[int, str], float]:
    """``{(employee_id, kind): days}`` of the approved leave starting in ``year`` (one grouped query)."""
    year_col = func.extract("year", LeaveRequest.start_date)
    return {(employee_id, kind): float(days) for employee_id, kind, days in session.execute(
        select(LeaveRequest.employee_id, LeaveRequest.kind, func.sum(LeaveRequest.days))
        .where(LeaveRequest.status == "approved", year_col == year,
               LeaveRequest.employee_id.in_(list(employee_ids) or [-1]))
        .group_by(LeaveRequest.employee_id, LeaveRequest.kind))}


def recap_rows(session: Session, unit_ids: set[int] | None, year: int) -> list[dict]:
    """One row per active employee (of ``unit_ids``, or all): the approved days per kind in ``year`` (by start
    date) and the annual balance left (``tahunan_remaining``)."""
    statement = select(RosterEmployee).where(RosterEmployee.active.is_(True))
    if unit_ids is not None:
        statement = statement.where(RosterEmployee.unit_id.in_(unit_ids or {-1}))
    employees = list(session.scalars(statement.order_by(RosterEmployee.unit_name, RosterEmployee.full_name)))
    used = approved_days(session, [e.id for e in employees], year)
    balances = annual_balances(session, employees, year)
    from ..models.leave import LEAVE_KINDS

    rows = []
    for e in employees:
        row = {"employee_id": e.id, "full_name": e.full_name, "nip": e.nip, "unit_name": e.unit_name,
               "golongan": e.golongan}
        for kind in LEAVE_KINDS:
            row[kind] = used.get((e.id, kind), 0.0)
        annual = balances[e.id]
        row["tahunan_remaining"] = annual.remaining if annual else None
        rows.append(row)
    return rows


def has_leave(session: Session, employee_id: int) -> bool:
    return bool(session.scalar(select(exists().where(LeaveRequest.employee_id == employee_id))))
