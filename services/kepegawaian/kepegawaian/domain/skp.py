"""Performance plans and ratings (SKP, PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai ASN).

* ``seed``: the seven core values (``skp_rules.CORE_VALUES``) into ``skp_core_values`` (once each; an edited
  description is kept);
* ``create``/``update``: the employee's plan of a year (one per employee and year; the period from 1 January
  or from the start date given for someone who joined mid-year): the work results (``utama``/``tambahan``), each
  aligned to a result of the **direct supervisor's agreed plan of the same year** (required once that plan is
  agreed) or, without a supervisor, to a free-text organisational goal, each with its indicators and targets
  (``skp_rules.plan_problems``); the direct supervisor may set a specific expectation per core value
  (``set_expectations``, while the plan is not agreed);
* the workflow (``skp_workflow.PLAN``): ``submit`` (the employee), ``approve``/``return_plan`` (the direct
  supervisor — an agreed plan is revised only by being returned), ``record_progress`` (the employee: per period
  the realisation of each indicator with evidence — a PDF/JPEG/PNG judged by its content, or a link),
  ``give_feedback`` (the supervisor, per period), ``assess`` (the supervisor: results and behaviour — per core
  value and overall — give the predikat of the matrix, kept with who and when);
* reading: ``detail``, ``listing`` (keyset), ``history`` (an employee's years), ``inbox`` (the supervisor's:
  plans waiting, progress waiting for feedback, assessments due), ``unit_summary`` (counts per predikat), the
  evidence file, ``reference``.

Who: the employee writes; the direct supervisor (``Caller.supervises_directly``) agrees, gives feedback and
assesses — never their own; the supervisor chain, staff officers and the official read; others get 403.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from situok_kit import uploads
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import clamp_limit, decode_cursor, page
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, undefer

from ..models import RosterEmployee, SkpCoreValue, SkpIndicator, SkpPlan, SkpProgress, SkpResult
from . import roster
from . import skp_rules as rules
from . import skp_workflow as workflow
from .access import NOT_YOURS, Caller

NOT_FOUND = "SKP tidak ditemukan."
INVALID = "Rencana SKP belum benar."
EVIDENCE_KINDS = ("pdf", "jpeg", "png")
#: Plans whose results a subordinate may align to.
AGREED = ("approved", "assessed")


# -- reference data -------------------------------------------------------------------------------

def seed(session: Session) -> dict:
    """The seven core values (BerAKHLAK); existing rows are left as edited."""
    have = set(session.scalars(select(SkpCoreValue.code)))
    added = 0
    for position, (code, name, description) in enumerate(rules.CORE_VALUES, 1):
        if code not in have:
            session.add(SkpCoreValue(code=code, name=name, description=description, position=position))
            added += 1
    session.flush()
    return {"skp_core_values": added}


def core_values(session: Session) -> list[dict]:
    rows = list(session.scalars(select(SkpCoreValue).order_by(SkpCoreValue.position)))
    if rows:
        return [{"code": r.code, "name": r.name, "description": r.description} for r in rows]
    return [{"code": c, "name": n, "description": d} for c, n, d in rules.CORE_VALUES]


def reference(session: Session) -> dict:
    return {
        "core_values": core_values(session),
        "ratings": [{"code": c, "label": rules.RATING_LABELS[c]} for c in rules.RATINGS],
        "predikats": [{"code": c, "label": rules.PREDIKAT_LABELS[c]} for c in rules.PREDIKATS],
        "matrix": [{"results_rating": r, "behaviour_rating": b, "predikat": p,
                    "predikat_label": rules.PREDIKAT_LABELS[p]} for (r, b), p in rules.MATRIX.items()],
        "periods": [{"kind": k, "label": rules.PERIOD_LABELS[k], "count": len(v),
                     "default": k == rules.DEFAULT_PERIOD_KIND} for k, v in rules.PERIODS.items()],
        "result_kinds": list(rules.RESULT_KINDS), "aspects": list(rules.ASPECTS),
    }


# -- reading --------------------------------------------------------------------------------------

def _get(session: Session, plan_id: int, *, lock: bool = False) -> SkpPlan:
    statement = select(SkpPlan).where(SkpPlan.id == plan_id)
    if lock:
        statement = statement.with_for_update()
    plan = session.scalar(statement)
    if plan is None:
        raise NotFound(NOT_FOUND)
    return plan


def _capacities(caller: Caller, plan: SkpPlan) -> frozenset[str]:
    return workflow.capacities(caller.is_self(plan.employee_id), caller.supervises_directly(plan.employee_id))


def _guards(session: Session, plan: SkpPlan) -> dict:
    def complete():
        problems = _plan_problems(session, plan.employee_id, plan.year, _results_data(plan))
        if problems:
            field, message = next(iter(problems.items()))
            return field, message
        return None
    return {"complete": complete}


def _results_data(plan: SkpPlan) -> list[dict]:
    return [{"kind": r.kind, "text": r.text, "aligned_result_id": r.aligned_result_id,
             "aligned_goal": r.aligned_goal,
             "indicators": [{"text": i.text, "target_value": i.target_value, "target_unit": i.target_unit,
                             "aspect": i.aspect} for i in r.indicators]} for r in plan.results]


def _supervisor_id(session: Session, employee_id: int) -> int | None:
    return session.scalar(select(RosterEmployee.supervisor_id).where(RosterEmployee.id == employee_id))


def supervisor_plan(session: Session, employee_id: int, year: int) -> SkpPlan | None:
    """The direct supervisor's agreed plan of ``year`` (the results a subordinate aligns to), if any."""
    boss = _supervisor_id(session, employee_id)
    if boss is None:
        return None
    return session.scalar(select(SkpPlan).options(selectinload(SkpPlan.results))
                          .where(SkpPlan.employee_id == boss, SkpPlan.year == year, SkpPlan.status.in_(AGREED)))


def _plan_problems(session: Session, employee_id: int, year: int, results: list[dict]) -> dict:
    boss_plan = supervisor_plan(session, employee_id, year)
    ids = {r.id for r in boss_plan.results} if boss_plan is not None else None
    return rules.plan_problems(results, has_supervisor=_supervisor_id(session, employee_id) is not None,
                               supervisor_result_ids=ids)


def _progress_view(p: SkpProgress, kind: str) -> View:
    return View(p, period_label=rules.period_label(kind, p.period),
                has_evidence_file=p.evidence_name is not None and p.evidence_url is None)


def view(session: Session, caller: Caller, plan: SkpPlan) -> View:
    progress = list(session.scalars(select(SkpProgress).where(SkpProgress.plan_id == plan.id)
                                    .order_by(SkpProgress.period)))
    boss_plan = supervisor_plan(session, plan.employee_id, plan.year)
    actions = workflow.PLAN.allowed_actions(plan.status, _capacities(caller, plan), _guards(session, plan))
    return View(
        plan, status_label=workflow.STATUS_LABELS[plan.status],
        predikat_label=rules.PREDIKAT_LABELS.get(plan.predikat) if plan.predikat else None,
        period_count=rules.period_count(plan.period_kind),
        progress=[_progress_view(p, plan.period_kind) for p in progress],
        supervisor_results=[{"id": r.id, "text": r.text, "kind": r.kind} for r in boss_plan.results]
        if boss_plan is not None else [],
        alignment_required=boss_plan is not None,
        core_values=core_values(session), allowed_actions=actions)


def detail(session: Session, caller: Caller, plan_id: int) -> View:
    plan = _get(session, plan_id)
    caller.require_reader_of(plan.employee_id)
    return view(session, caller, plan)


def mine(session: Session, caller: Caller, year: int) -> dict:
    """The caller's plan of ``year`` (or none yet) and the direct supervisor's agreed results to align to."""
    caller.require_employee()
    plan = session.scalar(select(SkpPlan).where(SkpPlan.employee_id == caller.employee_id, SkpPlan.year == year))
    boss_plan = supervisor_plan(session, caller.employee_id, year)
    choices = [{"id": r.id, "text": r.text, "kind": r.kind} for r in boss_plan.results] if boss_plan else []
    return {"year": year, "plan": view(session, caller, plan) if plan is not None else None,
            "supervisor_results": choices}


def _summary(plan: SkpPlan) -> View:
    return View(plan, status_label=workflow.STATUS_LABELS[plan.status],
                predikat_label=rules.PREDIKAT_LABELS.get(plan.predikat) if plan.predikat else None)


def listing(session: Session, caller: Caller, *, employee_id: int | None = None, unit_id: int | None = None,
            year: int | None = None, status: str | None = None, cursor: str | None = None, limit=50) -> dict:
    """Plans the caller may read, newest year first then id (keyset): their own, their chain's; staff
    officers and the official every one."""
    limit = clamp_limit(limit)
    after = decode_cursor(cursor, 2)
    statement = select(SkpPlan)
    if employee_id is not None:
        caller.require_reader_of(employee_id)
        statement = statement.where(SkpPlan.employee_id == employee_id)
    elif not (caller.is_staff_officer or caller.is_official):
        mine_ids = set(caller.all_staff) | ({caller.employee_id} if caller.employee_id else set())
        statement = statement.where(SkpPlan.employee_id.in_(mine_ids or {0}))
    if unit_id is not None:
        statement = statement.where(SkpPlan.unit_id.in_(roster.subunit_ids(session, unit_id) or {unit_id}))
    if year is not None:
        statement = statement.where(SkpPlan.year == year)
    if status:
        statement = statement.where(SkpPlan.status == status)
    if after:
        y, i = int(after[0]), int(after[1])
        statement = statement.where((SkpPlan.year < y) | ((SkpPlan.year == y) & (SkpPlan.id < i)))
    rows = list(session.scalars(statement.order_by(SkpPlan.year.desc(), SkpPlan.id.desc()).limit(limit + 1)))
    answer = page(rows, limit, key=lambda p: [p.year, p.id])
    answer["items"] = [_summary(p) for p in answer["items"]]
    return answer


def inbox(session: Session, caller: Caller, *, today: date | None = None) -> dict:
    """The direct supervisor's work: plans submitted, progress without feedback, agreed plans due for
    assessment (of their direct staff)."""
    caller.require_employee()
    today = today or wita_day()
    staff = caller.direct_staff or frozenset({0})
    waiting = list(session.scalars(select(SkpPlan).where(SkpPlan.employee_id.in_(staff),
                                                         SkpPlan.status == "submitted").order_by(SkpPlan.id)))
    agreed = list(session.scalars(select(SkpPlan).where(SkpPlan.employee_id.in_(staff),
                                                        SkpPlan.status == "approved").order_by(SkpPlan.id)))
    plans = {p.id: p for p in agreed}
    rows = list(session.scalars(select(SkpProgress).where(SkpProgress.plan_id.in_(plans or {0}),
                                                          SkpProgress.feedback_at.is_(None))
                                .order_by(SkpProgress.recorded_at)))
    feedback = [View(p, employee_id=plans[p.plan_id].employee_id, employee_name=plans[p.plan_id].employee_name,
                     year=plans[p.plan_id].year, period_label=rules.period_label(plans[p.plan_id].period_kind,
                                                                                 p.period)) for p in rows]
    due = [_summary(p) for p in agreed if rules.assessment_due(p.period_end, today)]
    return {"plans_waiting": [_summary(p) for p in waiting], "progress_waiting": feedback,
            "assessments_due": due}


def unit_summary(session: Session, caller: Caller, year: int, unit_id: int | None = None) -> dict:
    """Staff officers (and the official): how many assessed plans of ``year`` have each predikat, in a unit and
    its sub-units (or the whole bureau), with the plans not yet assessed."""
    if not (caller.is_staff_officer or caller.is_official):
        raise Forbidden("Hanya pengelola kepegawaian yang dapat melihat rekap SKP unit.")
    statement = select(SkpPlan.predikat, SkpPlan.status, func.count()).where(SkpPlan.year == year)
    if unit_id is not None:
        statement = statement.where(SkpPlan.unit_id.in_(roster.subunit_ids(session, unit_id) or {unit_id}))
    counts = dict.fromkeys(rules.PREDIKATS, 0)
    not_assessed = 0
    for predikat, status, n in session.execute(statement.group_by(SkpPlan.predikat, SkpPlan.status)):
        if status == "assessed" and predikat:
            counts[predikat] += n
        else:
            not_assessed += n
    return {"year": year, "unit_id": unit_id, "not_assessed": not_assessed,
            "counts": [{"predikat": p, "label": rules.PREDIKAT_LABELS[p], "count": counts[p]}
                       for p in rules.PREDIKATS], "assessed": sum(counts.values())}


# -- writing the plan -----------------------------------------------------------------------------

def _event(name: str, plan: SkpPlan, period: int | None = None) -> dict:
    from ..schemas.skp import EVENTS

    return EVENTS[name]().dump(View(plan, period=period))


def _set_results(session: Session, plan: SkpPlan, results: list[dict]) -> None:
    """The plan's results as given: a result (or indicator) with the ``id`` of one of this plan's is updated in
    place — so the subordinates' alignment to it and the realisations recorded against its indicators stay — the
    others are new, and the plan's results (indicators) not given are removed."""
    mine = {r.id: r for r in plan.results}
    problems = {}
    for n, data in enumerate(results):
        if data.get("id") is not None and data["id"] not in mine:
            problems[f"results.{n}.id"] = "Bukan hasil kerja SKP ini."
        own = {i.id for i in mine[data["id"]].indicators} if data.get("id") in mine else set()
        for m, indicator in enumerate(data.get("indicators") or []):
            if indicator.get("id") is not None and indicator["id"] not in own:
                problems[f"results.{n}.indicators.{m}.id"] = "Bukan indikator hasil kerja ini."
    if problems:
        raise ValidationFailed(INVALID, problems)
    kept = []
    for position, data in enumerate(results, 1):
        result = mine.get(data.get("id")) or SkpResult()
        result.position, result.kind, result.text = position, data["kind"], data["text"]
        result.aligned_result_id, result.aligned_goal = data.get("aligned_result_id"), data.get("aligned_goal")
        indicators = {i.id: i for i in result.indicators}
        fresh = []
        for j, item in enumerate(data.get("indicators") or [], 1):
            indicator = indicators.get(item.get("id")) or SkpIndicator()
            indicator.position, indicator.text, indicator.aspect = j, item["text"], item["aspect"]
            indicator.target_value, indicator.target_unit = Decimal(str(item["target_value"])), item["target_unit"]
            fresh.append(indicator)
        result.indicators = fresh
        kept.append(result)
    plan.results = kept


def _check(session: Session, employee_id: int, year: int, results: list[dict]) -> None:
    problems = _plan_problems(session, employee_id, year, results)
    if problems:
        raise ValidationFailed(INVALID, problems)


def create(tx, caller: Caller, data: dict) -> View:
    """The employee's plan for ``data["year"]`` (409 when that year has one)."""
    session = tx.session
    caller.require_employee()
    me = session.get(RosterEmployee, caller.employee_id)
    if me is None:
        raise Forbidden(NOT_YOURS)
    year = data["year"]
    if session.scalar(select(SkpPlan.id).where(SkpPlan.employee_id == me.id, SkpPlan.year == year)) is not None:
        raise Conflict(f"SKP tahun {year} sudah ada.", {"year": "Satu SKP per tahun."})
    start = data.get("start_date")
    if start is not None and start.year != year:
        raise ValidationFailed(INVALID, {"start_date": "Tanggal mulai harus pada tahun SKP."})
    _check(session, me.id, year, data["results"])
    first, last = rules.year_bounds(year, start)
    plan = SkpPlan(employee_id=me.id, employee_name=me.full_name, unit_id=me.unit_id,
                   supervisor_id=me.supervisor_id, year=year, period_start=first, period_end=last,
                   period_kind=data.get("period_kind") or rules.DEFAULT_PERIOD_KIND, status="draft",
                   behaviour_expectations={})
    session.add(plan)
    _set_results(session, plan, data["results"])
    session.flush()
    return view(session, caller, plan)


def update(tx, caller: Caller, plan_id: int, data: dict) -> View:
    """The employee: replace the work results (and the period kind) of a draft or returned plan."""
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    caller.require_reader_of(plan.employee_id)
    workflow.PLAN.check("edit", plan.status, _capacities(caller, plan), verb="diubah")
    if "results" in data:
        _check(session, plan.employee_id, plan.year, data["results"])
        _set_results(session, plan, data["results"])
    if data.get("period_kind"):
        plan.period_kind = data["period_kind"]
    plan.updated_at = utcnow()
    session.flush()
    return view(session, caller, plan)


def set_expectations(tx, caller: Caller, plan_id: int, expectations: dict) -> View:
    """The direct supervisor: a specific expectation per core value (before the plan is agreed)."""
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    caller.require_reader_of(plan.employee_id)
    if not caller.supervises_directly(plan.employee_id) or caller.is_self(plan.employee_id):
        raise Forbidden(workflow.ONLY_SUPERVISOR)
    if plan.status not in ("draft", "submitted", "returned"):
        raise Conflict("Ekspektasi perilaku hanya dapat diubah sebelum SKP disetujui.")
    unknown = {f"expectations.{k}": "Nilai dasar tidak dikenal." for k in expectations
               if k not in rules.CORE_VALUE_CODES}
    if unknown:
        raise ValidationFailed(INVALID, unknown)
    plan.behaviour_expectations = {k: v for k, v in expectations.items() if v}
    session.flush()
    return view(session, caller, plan)


def _step(session: Session, caller: Caller, plan: SkpPlan, action: str, verb: str):
    caller.require_reader_of(plan.employee_id)
    return workflow.PLAN.check(action, plan.status, _capacities(caller, plan), _guards(session, plan), verb=verb)


def submit(tx, caller: Caller, plan_id: int, *, now: datetime | None = None) -> View:
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    step = _step(session, caller, plan, "submit", "diajukan")
    plan.status, plan.submitted_at, plan.return_note = step.target, now or utcnow(), None
    plan.supervisor_id = _supervisor_id(session, plan.employee_id)
    session.flush()
    tx.emit(step.event, _event(step.event, plan))
    return view(session, caller, plan)


def approve(tx, caller: Caller, plan_id: int, *, now: datetime | None = None) -> View:
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    step = _step(session, caller, plan, "approve", "disetujui")
    plan.status, plan.approved_at, plan.approved_by = step.target, now or utcnow(), caller.username
    session.flush()
    tx.emit(step.event, _event(step.event, plan))
    return view(session, caller, plan)


def return_plan(tx, caller: Caller, plan_id: int, note: str) -> View:
    """The direct supervisor: back to the employee with a note (also the only way to revise an agreed plan)."""
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    step = _step(session, caller, plan, "return", "dikembalikan")
    plan.status, plan.return_note = step.target, note
    plan.approved_at = plan.approved_by = None
    session.flush()
    return view(session, caller, plan)


# -- progress -------------------------------------------------------------------------------------

def _evidence(data: dict) -> tuple[bytes | None, str | None, str | None, str | None]:
    content, url = data.get("evidence_b64"), data.get("evidence_url")
    if content is None and not url:
        raise ValidationFailed(INVALID, {"evidence_b64": "Lampirkan bukti dukung (berkas atau tautan)."})
    if content is not None and url:
        raise ValidationFailed(INVALID, {"evidence_url": "Pilih berkas atau tautan, bukan keduanya."})
    if content is None:
        return None, None, None, url
    kind = uploads.require_kind(content, EVIDENCE_KINDS, "evidence_b64", data.get("evidence_type"),
                                refuse_mismatch=True)
    return (content, uploads.CONTENT_TYPES[kind],
            uploads.safe_filename(data.get("evidence_name"), kind, "bukti-dukung"), None)


def record_progress(tx, caller: Caller, plan_id: int, data: dict, *, now: datetime | None = None) -> View:
    """The employee: a period's realisation per indicator with evidence (again for the same period replaces it
    while the supervisor has given no feedback)."""
    session = tx.session
    now = now or utcnow()
    plan = _get(session, plan_id, lock=True)
    step = _step(session, caller, plan, "record_progress", "dicatat realisasinya")
    problem = rules.period_problem(plan.period_kind, plan.year, data["period"], plan.period_start, wita_day(now))
    if problem:
        raise ValidationFailed(INVALID, {"period": problem})
    indicator_ids = {i.id for r in plan.results for i in r.indicators}
    realisations, problems = [], {}
    for n, item in enumerate(data["realisations"]):
        if item["indicator_id"] not in indicator_ids:
            problems[f"realisations.{n}.indicator_id"] = "Bukan indikator SKP ini."
        realisations.append({"indicator_id": item["indicator_id"], "value": str(item["value"]),
                             "note": item.get("note")})
    if problems:
        raise ValidationFailed(INVALID, problems)
    content, content_type, name, url = _evidence(data)
    row = session.scalar(select(SkpProgress).where(SkpProgress.plan_id == plan.id,
                                                   SkpProgress.period == data["period"]).with_for_update())
    if row is not None and row.feedback_at is not None:
        raise Conflict("Atasan sudah memberi umpan balik untuk periode ini.", {"period": "Sudah diberi umpan balik."})
    if row is None:
        row = SkpProgress(plan_id=plan.id, period=data["period"])
        session.add(row)
    row.realisations, row.recorded_at, row.recorded_by = realisations, now, caller.username
    row.evidence_content, row.evidence_type, row.evidence_name, row.evidence_url = content, content_type, name, url
    session.flush()
    tx.emit(step.event, _event(step.event, plan, data["period"]))
    return view(session, caller, plan)


def give_feedback(tx, caller: Caller, plan_id: int, period: int, feedback: str, *,
                  now: datetime | None = None) -> View:
    session = tx.session
    plan = _get(session, plan_id, lock=True)
    _step(session, caller, plan, "give_feedback", "diberi umpan balik")
    row = session.scalar(select(SkpProgress).where(SkpProgress.plan_id == plan.id, SkpProgress.period == period)
                         .with_for_update())
    if row is None:
        raise ValidationFailed(INVALID, {"period": "Belum ada realisasi untuk periode ini."})
    row.feedback, row.feedback_at, row.feedback_by = feedback, now or utcnow(), caller.username
    session.flush()
    return view(session, caller, plan)


def evidence(session: Session, caller: Caller, progress_id: int) -> dict:
    row = session.scalar(select(SkpProgress).options(undefer(SkpProgress.evidence_content))
                         .where(SkpProgress.id == progress_id))
    if row is None:
        raise NotFound("Realisasi SKP tidak ditemukan.")
    plan = _get(session, row.plan_id)
    caller.require_reader_of(plan.employee_id)
    if row.evidence_content is None:
        raise NotFound("Bukti dukung periode ini berupa tautan, bukan berkas.")
    return {"filename": row.evidence_name, "content_type": row.evidence_type, "content": row.evidence_content}


# -- the assessment -------------------------------------------------------------------------------

def assess(tx, caller: Caller, plan_id: int, data: dict, *, now: datetime | None = None) -> View:
    """The direct supervisor: the results rating, the behaviour rating per core value and overall → the
    predikat of the matrix, kept with who and when."""
    session = tx.session
    now = now or utcnow()
    plan = _get(session, plan_id, lock=True)
    step = _step(session, caller, plan, "assess", "dinilai")
    problems = rules.behaviour_problems(data["behaviour_ratings"])
    if problems:
        raise ValidationFailed("Penilaian SKP belum lengkap.", problems)
    plan.results_rating, plan.behaviour_rating = data["results_rating"], data["behaviour_rating"]
    plan.behaviour_ratings = dict(data["behaviour_ratings"])
    plan.predikat = rules.predikat(plan.results_rating, plan.behaviour_rating)
    plan.assessment_note = data.get("note")
    plan.assessed_by, plan.assessed_by_employee_id, plan.assessed_at = caller.username, caller.employee_id, now
    plan.status = step.target
    session.flush()
    tx.emit(step.event, _event(step.event, plan))
    return view(session, caller, plan)
