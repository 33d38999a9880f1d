"""The travel SPJ: drafted from travel's ``travel.order_realized``, read as the travel part of an SPJ.

Rules:

* one live SPJ per travel order (the SPJ header's partial unique index on ``travel_order_id``, cancelled ones
  aside); a realization that arrives again for the same order replaces the draft's lines only while the SPJ is
  still ``draft`` — once submitted, what was submitted stays and the later realization is kept in the inbox row
  (``problem`` says so); after a cancellation it makes a new draft. (travel realizes an order once; a
  redelivery with another envelope id is what this guards against);
* the draft belongs to the PPTK of the charged sub-kegiatan (``budget.pptk_of``) and is charged to the budget
  line (sub-kegiatan code, account code) of the departure's fiscal year (``budget.find_line``, active version);
* when that line is not in finance's budget the realization waits in ``travel_spj_inbox`` (``waiting``, with
  the problem in words) — the bendahara sees it (``inbox``) and it is drafted by ``retry_waiting`` (called
  when a budget is loaded, or by the bendahara) once the line exists; nothing is lost, nothing is guessed;
* each line's kind: ``lump_sum`` for uang harian and representasi, ``at_cost`` for a cost with receipts,
  ``riil`` for a cost without one (the Daftar Pengeluaran Riil) — as travel sends it, derived the same way
  for an event that does not say;
* gross = the lines' total; no Rp10 juta cap (travel is not procurement); no tax withheld (per diem and
  reimbursed travel costs); the balance is total − advance paid: positive is paid to the travellers,
  negative is returned by them.

The split and the balance are pure functions (``split``, ``balance``, ``lines_from_payload``).
"""
from __future__ import annotations

from datetime import date

from situok_contracts.events import Finance
from situok_kit import pagination
from situok_kit.clock import wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.letters.data import STATUS_CANCELLED, STATUS_DRAFT, STATUS_ISSUED, Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents import travel_spj as printouts
from ..models import RosterEmployee, Spj, SpjTransition, TravelSpj, TravelSpjInbox, TravelSpjLine
from ..models.travel_spj import LINE_KINDS, TRAVEL_SPJ_DOCUMENTS
from . import access

#: travel's cost categories that are lump sums whatever their evidence.
LUMP_SUM_CATEGORIES = ("uang_harian", "representasi")
SIGNER_FIELDS = ("pa_kpa_employee_id", "ppk_employee_id", "pptk_employee_id", "bendahara_employee_id")
CATEGORY_LABELS = {"uang_harian": "Uang harian", "penginapan": "Biaya penginapan", "transport": "Biaya transport",
                   "representasi": "Uang representasi", "lainnya": "Biaya lain"}


# -- pure: kinds, the split, the balance -------------------------------------------------------------

def kind_of(category: str, receipt_count: int) -> str:
    """A line's kind when the event does not say: lump sums by category, otherwise at cost with a receipt and
    riil without one."""
    if category in LUMP_SUM_CATEGORIES:
        return "lump_sum"
    return "at_cost" if receipt_count else "riil"


def split(lines: list[dict]) -> dict[str, int]:
    """Totals by kind (``lump_sum``, ``at_cost``, ``riil``) and ``total`` of lines with ``kind`` and ``amount``."""
    totals = dict.fromkeys(LINE_KINDS, 0)
    for line in lines:
        totals[line["kind"]] += line["amount"]
    totals["total"] = sum(totals[k] for k in LINE_KINDS)
    return totals


def balance(total: int, advance_paid: int) -> int:
    """What is still to be paid to the travellers (positive) or returned by them (negative)."""
    return total - advance_paid


def lines_from_payload(data: dict) -> list[dict]:
    """The SPJ lines of a realization (travel's ``OrderRealizedEvent``): one per cost, with the traveller's
    name and NIP from the event's travellers, quantity × rate, the kind and the receipts."""
    people = {t["employee_id"]: t for t in data.get("travellers") or []}
    out = []
    for i, line in enumerate(data.get("lines") or []):
        receipts = [{"attachment_id": r["attachment_id"], "sha256": r["sha256"], "filename": r.get("filename")}
                    for r in line.get("receipts") or []]
        employee_id = line.get("employee_id")
        person = people.get(employee_id) or {}
        quantity = line.get("quantity") or 1
        rate = line.get("rate")
        if rate is None or quantity * rate != line["amount"]:
            quantity, rate = 1, line["amount"]
        kind = line.get("kind")
        if kind not in LINE_KINDS:
            kind = kind_of(line["category"], len(receipts) or line.get("receipt_count") or 0)
        out.append({
            "position": i + 1, "employee_id": employee_id, "name": person.get("name") or "",
            "nip": person.get("nip"), "kind": kind, "category": line["category"],
            "description": line["description"], "quantity": quantity, "rate": rate, "amount": line["amount"],
            "receipts": receipts,
        })
    return out


def advances_of(data: dict) -> dict[int, int]:
    """The advance paid to each traveller (``{employee_id: amount}``)."""
    out: dict[int, int] = {}
    for a in data.get("advances") or []:
        out[a["employee_id"]] = out.get(a["employee_id"], 0) + a["amount"]
    return out


def per_traveller(lines: list[dict], advances: dict[int, int], travellers: list[dict]) -> list[dict]:
    """Each traveller's split, total, advance and balance, in the order of ``travellers``, then anyone else
    with a line."""
    order = [t["employee_id"] for t in travellers]
    order += [line["employee_id"] for line in lines if line["employee_id"] not in order]
    names = {t["employee_id"]: (t.get("name"), t.get("nip")) for t in travellers}
    out = []
    for employee_id in order:
        mine = [line for line in lines if line["employee_id"] == employee_id]
        advance = advances.get(employee_id, 0)
        if not mine and not advance:
            continue
        totals = split(mine)
        name, nip = names.get(employee_id) or (mine[0]["name"], mine[0]["nip"])
        out.append({"employee_id": employee_id, "name": name or "", "nip": nip, **totals,
                    "advance_paid": advance, "balance": balance(totals["total"], advance)})
    return out


def destination_text(destinations: list[dict]) -> str:
    return ", ".join(d.get("city") or "" for d in destinations or []) or "-"


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- the consumer ---------------------------------------------------------------------------------------

def _missing_line_problem(year: int, sub_activity_code: str | None, account_code: str | None) -> str:
    if not sub_activity_code or not account_code:
        return "Realisasi tidak menyebut sub-kegiatan dan kode rekening yang dibebani."
    return (f"Baris anggaran tahun {year} sub-kegiatan {sub_activity_code} rekening {account_code} tidak ada "
            "pada DPA aktif; SPJ disusun setelah anggaran dimuat.")


def receive_realization(tx, data: dict, event_id: str | None = None) -> TravelSpjInbox:
    """travel's ``order_realized``: a draft travel SPJ for the order, or the inbox row saying why not yet.
    Idempotent per order (a redelivery, or a second realization of the same order, changes a draft only)."""
    session = tx.session
    order_id = data["order_id"]
    row = session.scalar(select(TravelSpjInbox).where(TravelSpjInbox.travel_order_id == order_id)
                         .with_for_update())
    if row is None:
        row = TravelSpjInbox(travel_order_id=order_id, status="waiting")
        session.add(row)
    row.order_number = data.get("number")
    row.fiscal_year = data.get("fiscal_year") or _day(data["departure_date"]).year
    row.sub_activity_code, row.account_code = data.get("sub_activity_code"), data.get("account_code")
    row.total = data.get("realized_total") or 0
    row.payload, row.event_id = data, event_id
    session.flush()
    _draft(tx, row)
    return row


def _draft(tx, row: TravelSpjInbox) -> Spj | None:
    """Draft (or refresh the draft of) the SPJ of ``row``'s realization; None, with ``row.problem``, when it
    cannot be drafted. A new draft publishes ``finance.spj_drafted`` like a PPTK's."""
    from . import budget  # the budget area's helpers (find_line, pptk_of)
    from .spj import payload

    session = tx.session
    data = row.payload
    line = None
    if row.sub_activity_code and row.account_code:
        line = budget.find_line(session, row.fiscal_year, row.sub_activity_code, row.account_code)
    if line is None:
        row.status = "waiting" if row.spj_id is None else row.status
        row.problem = _missing_line_problem(row.fiscal_year, row.sub_activity_code, row.account_code)
        session.flush()
        return None
    spj = session.get(Spj, row.spj_id) if row.spj_id else session.scalar(
        select(Spj).where(Spj.travel_order_id == row.travel_order_id, Spj.status != "cancelled"))
    if spj is not None and spj.status == "cancelled":
        spj = None  # a cancelled SPJ keeps its record; the order gets a new draft
    if spj is not None and spj.status != "draft":
        row.status, row.spj_id = "drafted", spj.id
        row.problem = (f"SPJ sudah berstatus {spj.status}; realisasi yang datang kemudian tidak mengubahnya "
                       "(bendahara: tolak SPJ agar dapat disusun ulang).")
        session.flush()
        return spj
    lines = lines_from_payload(data)
    totals = split(lines)
    advances = advances_of(data)
    advance_total = sum(advances.values())
    signers = data.get("signers") or {}
    title = f"SPJ perjalanan dinas {data.get('number') or '#' + str(row.travel_order_id)}"
    created = spj is None
    if created:
        spj = Spj(kind="travel", status="draft", travel_order_id=row.travel_order_id)
        session.add(spj)
    spj.fiscal_year, spj.budget_line_id = row.fiscal_year, line.id
    spj.title, spj.description = title[:300], data.get("purpose")
    spj.pptk_employee_id = budget.pptk_of(session, line)
    spj.unit_id = data.get("unit_id")
    spj.travel_order_number = data.get("number")
    spj.gross, spj.tax_withheld, spj.net_payable = totals["total"], 0, totals["total"]
    session.flush()
    trip = session.get(TravelSpj, spj.id)
    if trip is None:
        trip = TravelSpj(spj_id=spj.id)
        session.add(trip)
    trip.travel_order_id, trip.order_number = row.travel_order_id, data.get("number")
    trip.purpose, trip.destination = data.get("purpose") or "", destination_text(data.get("destinations"))[:300]
    trip.departure_date, trip.return_date = _day(data["departure_date"]), _day(data["return_date"])
    trip.sub_activity_code, trip.account_code = row.sub_activity_code, row.account_code
    trip.lump_sum, trip.at_cost, trip.riil, trip.total = (totals["lump_sum"], totals["at_cost"], totals["riil"],
                                                          totals["total"])
    trip.advance_paid = advance_total
    trip.balance = balance(totals["total"], advance_total)
    trip.advances = {str(k): v for k, v in advances.items()}
    for name in SIGNER_FIELDS:
        setattr(trip, name, signers.get(name))
    trip.event_id = row.event_id
    trip.lines = [TravelSpjLine(**line_data) for line_data in lines]
    if created:
        session.add(SpjTransition(spj=spj, action="draft", from_status=None, to_status="draft",
                                  actor_username="travel.order_realized",
                                  note=f"Disusun dari realisasi perjalanan dinas {data.get('number') or ''}".strip()))
    row.status, row.spj_id, row.problem = "drafted", spj.id, None
    session.flush()
    if created:
        tx.emit(Finance.SPJ_DRAFTED, payload(Finance.SPJ_DRAFTED, spj))
    return spj


def require_keeper(caller: access.Caller) -> None:
    """Retrying the inbox is the bendahara's (or an admin's) work."""
    if not (caller.is_treasurer or caller.is_admin):
        raise Forbidden("Hanya bendahara pengeluaran atau admin yang menyusun ulang realisasi yang menunggu.")


def retry_waiting(tx, fiscal_year: int | None = None) -> dict:
    """Draft every waiting realization whose budget line now exists (after a budget is loaded)."""
    session = tx.session
    query = select(TravelSpjInbox).where(TravelSpjInbox.status == "waiting").order_by(TravelSpjInbox.id)
    if fiscal_year is not None:
        query = query.where(TravelSpjInbox.fiscal_year == fiscal_year)
    drafted = waiting = 0
    for row in session.scalars(query.with_for_update(skip_locked=True)):
        if _draft(tx, row) is None:
            waiting += 1
        else:
            drafted += 1
    return {"drafted": drafted, "waiting": waiting}


# -- reading -----------------------------------------------------------------------------------------------

def inbox(session: Session, caller: access.Caller, cursor: str | None = None,
          limit: int = pagination.DEFAULT_LIMIT) -> dict:
    """A keyset page (by id) of the realizations waiting for their budget line (the bendahara's, and whoever
    sees every SPJ)."""
    if not caller.sees_all:
        raise Forbidden("Hanya bendahara, PPK, PA/KPA atau admin yang melihat realisasi yang menunggu.")
    query = select(TravelSpjInbox).where(TravelSpjInbox.status == "waiting")
    after = pagination.decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(TravelSpjInbox.id > int(after[0]))
    rows = list(session.scalars(query.order_by(TravelSpjInbox.id).limit(limit + 1)))
    return pagination.page(rows, limit, lambda row: [row.id])


def _line_dict(line: TravelSpjLine) -> dict:
    return {k: getattr(line, k) for k in ("id", "employee_id", "name", "nip", "kind", "category", "description",
                                          "quantity", "rate", "amount", "receipts")}


def part(session: Session, spj: Spj) -> dict | None:
    """The travel part of ``spj`` (``TravelSpjPartOut``); None for a non-travel SPJ."""
    if spj.kind != "travel":
        return None
    found = session.get(TravelSpj, spj.id)
    if found is None:
        return None
    lines = [_line_dict(line) for line in found.lines]
    advances = {int(k): v for k, v in (found.advances or {}).items()}
    seen: dict[int, dict] = {}
    for line in lines:
        seen.setdefault(line["employee_id"], {"employee_id": line["employee_id"], "name": line["name"],
                                              "nip": line["nip"]})
    return {
        "travel_order_id": found.travel_order_id, "order_number": found.order_number, "purpose": found.purpose,
        "destination": found.destination, "departure_date": found.departure_date,
        "return_date": found.return_date, "sub_activity_code": found.sub_activity_code,
        "account_code": found.account_code, "lump_sum": found.lump_sum, "at_cost": found.at_cost,
        "riil": found.riil, "total": found.total, "advance_paid": found.advance_paid, "balance": found.balance,
        "signers": {name: getattr(found, name) for name in SIGNER_FIELDS},
        "travellers": per_traveller(lines, advances, list(seen.values())),
        "lines": lines, "realized_at": found.realized_at,
        "documents": [k for k in TRAVEL_SPJ_DOCUMENTS if k != "riil" or found.riil > 0],
    }


def visible_travel_spj(session: Session, caller: access.Caller, spj_id: int) -> Spj:
    """A travel SPJ the caller may read: whoever sees every SPJ, or the PPTK whose draft it is (404 otherwise:
    an unseen record does not exist to the caller)."""
    if not caller.uses_finance:
        raise Forbidden(access.NOT_FINANCE)
    spj = session.get(Spj, spj_id)
    if spj is None or spj.kind != "travel" or not (
            caller.sees_all or (caller.is_pptk and spj.pptk_employee_id == caller.employee_id)):
        raise NotFound("SPJ perjalanan dinas tidak ditemukan.")
    return spj


# -- printouts ---------------------------------------------------------------------------------------------

def _signer(session: Session, employee_id: int | None, position: str) -> Signer:
    employee = session.get(RosterEmployee, employee_id) if employee_id else None
    if employee is None:
        return Signer(position=position, name="")
    return Signer(position=position, name=employee.full_name, nip=employee.nip)


def print_record(session: Session, spj: Spj, employee_id: int | None = None) -> printouts.TravelSpjPrint:
    """What the printouts show of ``spj`` (only ``employee_id``'s part when given)."""
    found = session.get(TravelSpj, spj.id)
    people: dict[int, list[TravelSpjLine]] = {}
    for line in found.lines:
        if employee_id is None or line.employee_id == employee_id:
            people.setdefault(line.employee_id, []).append(line)
    if employee_id is not None and not people:
        raise ValidationFailed("Pelaksana tidak ada pada SPJ ini.", {"employee_id": "Bukan pelaksana SPJ ini."})
    advances = {int(k): v for k, v in (found.advances or {}).items()}
    travellers = []
    for person_id, lines in people.items():
        employee = session.get(RosterEmployee, person_id)
        travellers.append(printouts.PrintTraveller(
            name=lines[0].name, nip=lines[0].nip, position=(employee.position_name or "") if employee else "",
            advance_paid=advances.get(person_id, 0),
            lines=tuple(printouts.PrintLine(description=x.description, kind=x.kind, quantity=x.quantity,
                                            rate=x.rate, amount=x.amount,
                                            receipts=tuple(r["sha256"] for r in x.receipts or []))
                        for x in lines)))
    status = {"draft": STATUS_DRAFT, "cancelled": STATUS_CANCELLED, "rejected": STATUS_DRAFT}.get(
        spj.status, STATUS_ISSUED)
    return printouts.TravelSpjPrint(
        spj_number=spj.number or "", status=status, order_number=found.order_number or "",
        purpose=found.purpose, destination=found.destination, departure_date=found.departure_date,
        return_date=found.return_date, sub_activity_code=found.sub_activity_code, account_code=found.account_code,
        printed_on=spj.paid_on or wita_day(), travellers=tuple(travellers),
        pa_kpa=_signer(session, found.pa_kpa_employee_id, "Pengguna Anggaran/Kuasa Pengguna Anggaran"),
        pptk=_signer(session, found.pptk_employee_id or spj.pptk_employee_id, "Pejabat Pelaksana Teknis Kegiatan"),
        treasurer=_signer(session, found.bendahara_employee_id, "Bendahara Pengeluaran"),
        ppk=_signer(session, found.ppk_employee_id, "Pejabat Pembuat Komitmen") if found.ppk_employee_id else None)


def document(session: Session, caller: access.Caller, spj_id: int, kind: str,
             employee_id: int | None = None) -> dict:
    """A printout of a travel SPJ the caller may read (``TravelSpjDocumentOut``): ``rincian`` or ``riil`` (422
    when the SPJ has no cost without a receipt)."""
    spj = visible_travel_spj(session, caller, spj_id)
    record = print_record(session, spj, employee_id)
    if kind == "riil" and not any(p.riil for p in record.travellers):
        raise ValidationFailed("Tidak ada pengeluaran riil.", {
            "kind": "SPJ ini tidak memuat biaya tanpa bukti: tidak ada Daftar Pengeluaran Riil."})
    return {"filename": printouts.filename(kind, spj.number or "", spj.id), "content_type": "application/pdf",
            "content": printouts.render(kind, record)}
