"""The SPJ's commands: drafting a small-purchase SPJ and every step of ``workflow.SPJ``.

Every step starts with ``take``: the SPJ locked and visible to the caller (else 404), and its step from the
table — or the 403 (no capacity, separation of duties), 409 (wrong status) or 422 (a guard: nothing to pay,
evidence missing) the table decides. ``move`` records the transition (who, when, from, to, note) and writes
the step's event to the outbox in the same transaction.

What steps do besides: ``submit`` numbers the SPJ (first submission); ``verify``/``endorse``/``approve`` record
who (the separation of duties reads them); ``endorse`` (the PPK-SKPD, above the approval threshold) commits
nothing; ``approve`` — the final approval: the PPK-SKPD's up to the threshold, the PA/KPA's of an endorsed SPJ
above it — commits the gross on the budget line (``ledger.commit``: 409 when it does not fit — the database's
CHECK holds even under racing approvals); ``pay`` moves it to realized and
posts the BKU (the gross as an expenditure, each tax withheld as a receipt); ``cancel`` of an approved SPJ
releases its commitment; ``close_paid`` closes the month's paid SPJ (the books' monthly closing);
``deposit_tax`` posts a tax deposit.
"""
from __future__ import annotations

from situok_contracts.events import Finance
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.workflow import Step
from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from ..models import BudgetLine, RosterEmployee, Spj, SpjPurchase, SpjTax, SpjTransition, utcnow
from ..schemas import spj as spj_schemas
from ..schemas.purchases import TaxDepositedEvent
from . import budget, ledger, postings, spj_access, spj_numbering, spj_purchases, spj_settings
from .access import Caller
from .spj_reading import View, spj_guards
from .workflow import SPJ, VERBS

NOT_YOUR_LINE = "Anda bukan PPTK sub kegiatan yang dibebani baris anggaran ini."
TRAVEL_EDIT = "SPJ perjalanan dinas disusun dari realisasi perjalanan dinas; rinciannya tidak diubah di sini."
DRAFTERS_ONLY = "Hanya PPTK yang dapat menyusun SPJ."


# -- steps --------------------------------------------------------------------------------------------------

def payload(event: str, spj: Spj, **facts) -> dict:
    return spj_schemas.EVENTS[event]().dump(View(spj, **{"from_status": None, "note": None, **facts}))


def record_transition(session: Session, caller: Caller, spj: Spj, action: str, from_status: str | None,
                      note: str | None) -> None:
    session.add(SpjTransition(spj_id=spj.id, action=action, from_status=from_status, to_status=spj.status,
                              actor_account_id=caller.account_id, actor_employee_id=caller.employee_id,
                              actor_username=caller.username, note=note, at=utcnow()))


def take(tx, caller: Caller, spj_id: int, action: str) -> tuple[Spj, Step]:
    """The SPJ (locked) and the step ``action`` takes from its status, or the table's 403/409/422."""
    session = tx.session
    spj = spj_access.load_visible(session, caller, spj_id, for_update=True)
    threshold = spj_settings.current(session).approval_threshold
    step = SPJ.check(action, spj.status, spj_access.capacities(caller, spj), spj_guards(session, spj, threshold),
                     verb=VERBS[action])
    return spj, step


def move(tx, caller: Caller, spj: Spj, step: Step, note: str | None = None, **facts) -> Spj:
    """Apply ``step``'s change of status, recording it with ``note``; its event carries the SPJ and ``facts``."""
    from_status = spj.status
    if step.target is not None:
        spj.status = step.target
    spj.updated_at = utcnow()
    record_transition(tx.session, caller, spj, step.action, from_status, note)
    tx.session.flush()
    tx.emit(step.event, payload(step.event, spj, from_status=from_status, note=note, **facts))
    return spj


# -- drafting -----------------------------------------------------------------------------------------------

def _charge(session: Session, caller: Caller, line_id: int) -> tuple[BudgetLine, int | None]:
    line = budget.line_for_charge(session, line_id)
    pptk = budget.pptk_of(session, line)
    if pptk is None or pptk != caller.employee_id:
        raise Forbidden(NOT_YOUR_LINE)
    return line, pptk


def create(tx, caller: Caller, data: dict) -> Spj:
    """A PPTK drafts a small-purchase SPJ on a budget line of their own sub-kegiatan."""
    session = tx.session
    caller.require(caller.is_pptk, DRAFTERS_ONLY)
    line, pptk = _charge(session, caller, data["budget_line_id"])
    employee = session.get(RosterEmployee, caller.employee_id)
    spj = Spj(kind="purchase", status="draft", fiscal_year=line.fiscal_year, budget_line_id=line.id,
              title=data["title"], description=data.get("description"), pptk_employee_id=pptk,
              unit_id=employee.unit_id if employee else None, created_by_account_id=caller.account_id,
              created_by_employee_id=caller.employee_id, gross=0, tax_withheld=0, net_payable=0)
    session.add(spj)
    session.flush()
    spj_purchases.store(session, spj, data.get("purchases") or [])
    record_transition(session, caller, spj, "create", None, None)
    session.flush()
    tx.emit(Finance.SPJ_DRAFTED, payload(Finance.SPJ_DRAFTED, spj))
    return spj


def update(tx, caller: Caller, spj_id: int, data: dict) -> Spj:
    """The draft replaced whole (title, description, line, purchases); 422 with every problem, nothing half."""
    session = tx.session
    spj, _ = take(tx, caller, spj_id, "edit")
    if spj.kind != "purchase":
        raise Conflict(TRAVEL_EDIT, {"kind": TRAVEL_EDIT})
    if data["budget_line_id"] != spj.budget_line_id:
        line, pptk = _charge(session, caller, data["budget_line_id"])
        spj.budget_line_id, spj.fiscal_year, spj.pptk_employee_id = line.id, line.fiscal_year, pptk
    spj.title, spj.description = data["title"], data.get("description")
    spj_purchases.store(session, spj, data.get("purchases") or [])
    spj.updated_at = utcnow()
    session.flush()
    return spj


# -- the workflow -------------------------------------------------------------------------------------------

def submit(tx, caller: Caller, spj_id: int, note: str | None = None) -> Spj:
    spj, step = take(tx, caller, spj_id, "submit")
    if spj.number is None:
        template = spj_settings.current(tx.session).number_template
        spj.number, _ = spj_numbering.next_number(tx.session, template, spj.fiscal_year)
    return move(tx, caller, spj, step, note)


def return_(tx, caller: Caller, spj_id: int, notes: dict) -> Spj:
    """The bendahara sends the SPJ back to its PPTK with a note per purchase (``{purchase id: note}``; the key
    ``spj`` for a note on the whole SPJ, e.g. a travel SPJ)."""
    session = tx.session
    spj, step = take(tx, caller, spj_id, "return")
    purchases = {p.id: p for p in session.scalars(select(SpjPurchase).where(SpjPurchase.spj_id == spj.id))}
    if not notes:
        raise ValidationFailed("Isi catatan untuk sedikitnya satu pembelian.", {"notes": "Wajib diisi."})
    problems = {}
    chosen = {}
    general = notes.get("spj")
    for key, note in notes.items():
        if key == "spj":
            continue
        pid = int(key) if str(key).isdigit() else None
        if pid not in purchases:
            problems[f"notes.{key}"] = "Pembelian ini tidak ada pada SPJ."
        else:
            chosen[pid] = note
    if problems:
        raise ValidationFailed("Catatan tidak valid.", problems)
    for pid, purchase in purchases.items():
        purchase.return_note = chosen.get(pid)
    summary = "; ".join(([general] if general else []) + [
        f"pembelian ke-{purchases[pid].position + 1}: {note}" for pid, note in sorted(chosen.items())])
    shown = {str(k): v for k, v in chosen.items()}
    if general:
        shown["spj"] = general
    return move(tx, caller, spj, step, summary, notes=shown)


def verify(tx, caller: Caller, spj_id: int, note: str | None = None) -> Spj:
    spj, step = take(tx, caller, spj_id, "verify")
    spj.verified_by_account_id = caller.account_id
    for purchase in tx.session.scalars(select(SpjPurchase).where(SpjPurchase.spj_id == spj.id)):
        purchase.return_note = None
    return move(tx, caller, spj, step, note)


def endorse(tx, caller: Caller, spj_id: int, note: str | None = None) -> Spj:
    """The PPK-SKPD endorses a verified SPJ above the approval threshold for the PA/KPA (422 at or below it:
    the PPK approves those); nothing is committed yet."""
    spj, step = take(tx, caller, spj_id, "endorse")
    spj.endorsed_by_account_id = caller.account_id
    return move(tx, caller, spj, step, note)


def approve(tx, caller: Caller, spj_id: int, note: str | None = None) -> Spj:
    """The final approval (PPK-SKPD up to the threshold; PA/KPA of an endorsed SPJ above it) commits the gross
    on the budget line (409 naming what is left when it does not fit)."""
    spj, step = take(tx, caller, spj_id, "approve")
    ledger.commit(tx.session, spj.budget_line_id, spj.gross)
    spj.approved_by_account_id = caller.account_id
    return move(tx, caller, spj, step, note)


def reject(tx, caller: Caller, spj_id: int, reason: str) -> Spj:
    spj, step = take(tx, caller, spj_id, "reject")
    return move(tx, caller, spj, step, reason)


def revise(tx, caller: Caller, spj_id: int, note: str | None = None) -> Spj:
    """The PPTK takes a rejected SPJ back to draft (it keeps its number)."""
    spj, step = take(tx, caller, spj_id, "revise")
    spj.verified_by_account_id = None
    spj.endorsed_by_account_id = None
    spj.approved_by_account_id = None
    return move(tx, caller, spj, step, note)


def cancel(tx, caller: Caller, spj_id: int, reason: str) -> Spj:
    """Cancel with a reason; an approved SPJ gives its commitment back to the budget line (an endorsed one has
    committed nothing)."""
    spj, step = take(tx, caller, spj_id, "cancel")
    if spj.status == "approved":
        ledger.release(tx.session, spj.budget_line_id, spj.gross)
    return move(tx, caller, spj, step, reason)


def pay(tx, caller: Caller, spj_id: int, data: dict) -> Spj:
    """The bendahara records the payment: realized on the budget line; the BKU gets the gross as an
    expenditure and each tax withheld as a receipt (on the payment date: 409 if that month is closed)."""
    session = tx.session
    spj, step = take(tx, caller, spj_id, "pay")
    paid_on, medium = data["paid_on"], data["medium"]
    if paid_on.year != spj.fiscal_year:
        message = f"Tanggal bayar harus pada tahun anggaran {spj.fiscal_year}."
        raise ValidationFailed(message, {"paid_on": message})
    ledger.realize(session, spj.budget_line_id, spj.gross)
    reference = spj.number or f"SPJ #{spj.id}"
    postings.post(session, posted_on=paid_on, kind="spj_payment", medium=medium, credit=spj.gross,
                  description=f"Pembayaran {reference}: {spj.title}"[:500], reference=reference,
                  budget_line_id=spj.budget_line_id, spj_id=spj.id, posted_by=caller.username)
    for entry in session.scalars(select(SpjTax).where(SpjTax.spj_id == spj.id).order_by(SpjTax.id)):
        postings.post(session, posted_on=paid_on, kind="tax_withheld", medium=medium, debit=entry.amount,
                      description=f"Penerimaan {entry.kind.upper()} {reference}", reference=reference,
                      budget_line_id=spj.budget_line_id, spj_id=spj.id, tax_kind=entry.kind,
                      posted_by=caller.username)
    spj.payment_medium, spj.paid_on = medium, paid_on
    return move(tx, caller, spj, step, None)


def deposit_tax(tx, caller: Caller, tax_id: int, data: dict) -> Spj:
    """Record a tax entry's deposit (billing code, NTPN, date): posted to the BKU as an expenditure."""
    session = tx.session
    entry = session.get(SpjTax, tax_id, with_for_update=True)
    if entry is None:
        raise NotFound("Setoran pajak tidak ditemukan.")
    spj, step = take(tx, caller, entry.spj_id, "deposit_tax")
    if entry.ntpn is not None:
        raise Conflict("Pajak ini sudah dicatat setorannya.", {"ntpn": f"Sudah disetor: NTPN {entry.ntpn}."})
    if data["deposited_on"] < spj.paid_on:
        raise ValidationFailed("Tanggal setor sebelum tanggal bayar.",
                               {"deposited_on": "Tidak boleh sebelum tanggal bayar."})
    if session.scalar(select(SpjTax.id).where(SpjTax.ntpn == data["ntpn"])) is not None:
        raise Conflict("NTPN sudah dipakai.", {"ntpn": "NTPN ini sudah tercatat pada setoran lain."})
    reference = spj.number or f"SPJ #{spj.id}"
    posting = postings.post(session, posted_on=data["deposited_on"], kind="tax_deposit",
                            medium=data.get("medium") or spj.payment_medium, credit=entry.amount,
                            description=f"Setoran {entry.kind.upper()} {reference}", reference=data["ntpn"],
                            budget_line_id=spj.budget_line_id, spj_id=spj.id, tax_kind=entry.kind,
                            posted_by=caller.username)
    entry.billing_code, entry.ntpn, entry.deposited_on = data["billing_code"], data["ntpn"], data["deposited_on"]
    entry.deposited_by, entry.posting_id = caller.username, posting.id
    session.flush()
    record_transition(session, caller, spj, step.action, spj.status, f"{entry.kind.upper()} NTPN {entry.ntpn}")
    session.flush()
    tx.emit(step.event, TaxDepositedEvent().dump(View(entry, spj_number=spj.number)))
    return spj


def close_paid(tx, caller: Caller, fiscal_year: int, month: int) -> int:
    """Close every SPJ paid in ``month`` of ``fiscal_year`` (the books' monthly closing): each goes to
    ``closed`` through the table with ``closed_month``. The number closed."""
    session = tx.session
    ids = list(session.scalars(select(Spj.id).where(
        Spj.status == "paid", extract("year", Spj.paid_on) == fiscal_year, extract("month", Spj.paid_on) == month)
        .order_by(Spj.id)))
    for spj_id in ids:
        spj, step = take(tx, caller, spj_id, "close")
        spj.closed_month = month
        move(tx, caller, spj, step, None)
    return len(ids)
