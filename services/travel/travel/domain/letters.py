"""The printable letters of an order: build ``travel.documents`` records from the models and render them.

``render_document(session, order, kind, employee_id)`` -> a ``Document`` (``OrderDocumentOut``). Orders not
yet issued print as drafts (DRAF watermark, no number), cancelled ones with the DIBATALKAN watermark and
their number kept.

Who signs: the SPT, the approver (or, before approval, the roster's pimpinan). The SPPD's item 1 and its
signature, the PA/KPA or the PPK named in the letter settings (``settings.letters``: ``sppd_signer``) — not
whoever approved the SPT; the kuitansi, "Setuju dibayar" by the PA/KPA, "Mengetahui" by the PPTK, "Lunas
dibayar" by the bendahara pengeluaran. A realized order uses the signer ids recorded with its realization. A
role nobody was named for falls back to the roster (its pimpinan for PA/KPA, its "Bendahara…" for bendahara).
The SPPD's title and PERHATIAN text come from the settings too.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from situok_kit.errors import ValidationFailed
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import documents as docs
from ..models import Order, OrderTraveller, RealizationLine, RosterEmployee
from . import settings
from .common import PROVINCES, WITA, public_url, verify_url, wita_day

TRANSPORT_LABEL = {"dinas": "Kendaraan Dinas", "umum": "Kendaraan Umum", "pribadi": "Kendaraan Pribadi"}
UNIT_NAME = "Biro Umum dan Protokol Setda Provinsi Bali"
NEEDS_TRAVELLER = ("sppd1", "sppd2", "rincian", "kuitansi")
UNITS = {"uang_harian": "hari", "representasi": "hari", "penginapan": "malam"}
KIND_NOTES = {"lump_sum": "Lumpsum", "at_cost": "At cost (bukti terlampir)", "riil": "Daftar Pengeluaran Riil"}


def _status(order: Order) -> str:
    if order.status == "cancelled":
        return docs.STATUS_CANCELLED if order.number else docs.STATUS_DRAFT
    return docs.STATUS_ISSUED if order.number else docs.STATUS_DRAFT


def _rank(pangkat: str | None, golongan: str | None) -> str:
    if pangkat and golongan:
        return f"{pangkat} ({golongan})"
    return pangkat or golongan or "-"


def _person(t: OrderTraveller) -> docs.Person:
    return docs.Person(name=t.name, nip=t.nip, rank=_rank(t.pangkat, t.golongan), position=t.position_name or "",
                       unit=t.unit_name or UNIT_NAME, cost_level=t.cost_level)


def _signer_from(employee: RosterEmployee | None) -> docs.Signer:
    if employee is None:
        return docs.Signer(position="KEPALA BIRO UMUM DAN PROTOKOL\nSEKRETARIAT DAERAH PROVINSI BALI", name="-")
    return docs.Signer(position=(employee.position_name or "").upper() or "PIMPINAN", name=employee.full_name,
                       nip=employee.nip, rank=_rank(employee.pangkat, employee.golongan))


def _signer(session: Session, order: Order) -> tuple[docs.Signer, RosterEmployee | None]:
    employee = session.get(RosterEmployee, order.approver_employee_id) if order.approver_employee_id else None
    if employee is None:
        employee = session.scalar(select(RosterEmployee).where(RosterEmployee.rank == "pimpinan",
                                                               RosterEmployee.active).order_by(RosterEmployee.id))
    return _signer_from(employee), employee


ROLE_LABELS = {"pa_kpa": "Pengguna Anggaran/Kuasa Pengguna Anggaran", "ppk": "Pejabat Pembuat Komitmen"}


def _configured(session: Session, order: Order) -> dict:
    """The signer ids: those recorded when the order was realized, else the settings' current ones."""
    return order.signers if order.signers else settings.signers(session)


def _employee(session: Session, employee_id: int | None) -> RosterEmployee | None:
    return session.get(RosterEmployee, employee_id) if employee_id else None


def _pa_kpa(session: Session, order: Order) -> RosterEmployee | None:
    employee = _employee(session, _configured(session, order).get("pa_kpa_employee_id"))
    if employee is None:
        employee = session.scalar(select(RosterEmployee).where(RosterEmployee.rank == "pimpinan",
                                                               RosterEmployee.active).order_by(RosterEmployee.id))
    return employee


def _role_signer(employee: RosterEmployee | None, role_title: str) -> docs.Signer:
    if employee is None:
        return docs.Signer(position=role_title, name="")
    position = (employee.position_name or "").upper()
    return docs.Signer(position=f"{role_title}\n{position}" if position else role_title, name=employee.full_name,
                       nip=employee.nip, rank=_rank(employee.pangkat, employee.golongan))


def _sppd_official(session: Session, order: Order) -> tuple[str, str, docs.Signer]:
    """Item 1's label, its text, and the signer of sheet I: the configured PA/KPA or PPK."""
    config = settings.letters(session)
    role = config.sppd_signer
    employee = (_employee(session, _configured(session, order).get("ppk_employee_id")) if role == "ppk"
                else _pa_kpa(session, order))
    label = ROLE_LABELS[role]
    if employee is None:
        return label, "-", docs.Signer(position=label, name="")
    official = f"{employee.full_name}\n{employee.position_name}" if employee.position_name else employee.full_name
    return label, official, _role_signer(employee, label)


def _treasurer(session: Session, order: Order) -> docs.Signer:
    employee = _employee(session, _configured(session, order).get("bendahara_employee_id"))
    if employee is None:
        employee = session.scalar(select(RosterEmployee).where(RosterEmployee.position_name.ilike("Bendahara%"),
                                                               RosterEmployee.active).order_by(RosterEmployee.id))
    if employee is None:
        return docs.Signer(position="Bendahara Pengeluaran", name="-")
    return docs.Signer(position="Bendahara Pengeluaran", name=employee.full_name, nip=employee.nip,
                       rank=_rank(employee.pangkat, employee.golongan))


def destination(order: Order) -> str:
    """The destinations as one line: "city, province; …"."""
    return "; ".join(f"{d['city']}, {PROVINCES.get(d['province_code'], d['province_code'])}"
                     for d in order.destinations)


def _letter(order: Order) -> dict:
    return {"number": order.number or "", "status": _status(order), "issued_place": "Denpasar",
            "issued_on": order.issued_date or wita_day(),
            "verify_url": verify_url(order.verify_token) or public_url()}


def _wita(moment: datetime) -> tuple[date, object]:
    local = moment.astimezone(WITA)
    return local.date(), local.time().replace(microsecond=0)


def _legs(order: Order, t: OrderTraveller) -> tuple[tuple, str | None, date | None]:
    """Sheet II rows from the recorded stops: row I leaves home; each arrival opens a row that the next
    departure closes; an arrival back at the origin is "Tiba kembali"."""
    origin = order.origin.casefold()
    rows: list[dict] = [{"depart_from": order.origin, "depart_date": order.departure_date}]
    returned_place = returned_date = None
    for leg in t.legs:
        day, clock = _wita(leg.recorded_at)
        if leg.kind == "departure":
            rows[-1].update(depart_from=leg.place, depart_date=day, depart_time=clock)
            continue
        if leg.place.casefold() == origin and len(rows) > 1:
            returned_place, returned_date = leg.place, day
            continue
        rows[-1].setdefault("depart_to", leg.place)
        rows.append({"arrive_place": leg.place, "arrive_date": day, "arrive_time": clock})
    rows[0].setdefault("depart_to", order.destinations[0]["city"])
    for i, row in enumerate(rows):
        if "depart_date" in row and "depart_to" not in row:
            row["depart_to"] = rows[i + 1]["arrive_place"] if i + 1 < len(rows) else order.origin
    return tuple(docs.Leg(**row) for row in rows[:4]), returned_place, returned_date


def _cost_lines(session: Session, order: Order, t: OrderTraveller) -> tuple:
    if order.status == "realized":
        lines = session.scalars(select(RealizationLine).where(RealizationLine.order_id == order.id,
                                                              RealizationLine.employee_id == t.employee_id)
                                .order_by(RealizationLine.id))
        out = tuple(docs.CostLine(label=line.description, amount=line.amount, quantity=line.quantity,
                                  unit=UNITS.get(line.category, "kali") if line.quantity else "",
                                  unit_amount=line.rate, note=KIND_NOTES.get(line.kind or "", ""))
                    for line in lines)
        if out:
            return out
    return tuple(docs.CostLine(label=line["label"], amount=line["amount"], quantity=line["quantity"],
                               unit=line["unit"] or "", unit_amount=line["unit_amount"])
                 for line in (t.estimate or {}).get("lines", []))


def _budget_account(order: Order) -> str:
    """SPPD item 9b: the free text, with the structured line when it is known."""
    if order.account_code and order.account_code not in order.budget_account:
        return f"{order.budget_account}\n{order.sub_activity_code or ''} {order.account_code}".rstrip()
    return order.budget_account


def build(session: Session, order: Order, kind: str, employee_id: int | None):
    signer, _ = _signer(session, order)
    base = _letter(order)
    if kind == "spt":
        return docs.SptData(**base, basis=tuple(order.basis), assignees=tuple(_person(t) for t in order.travellers),
                            purpose=order.purpose, destination=destination(order), start_date=order.departure_date,
                            end_date=order.return_date,
                            instructions=("Melaporkan hasil pelaksanaan tugas kepada pimpinan.",), signer=signer)
    if employee_id is None and len(order.travellers) == 1:
        employee_id = order.travellers[0].employee_id
    if employee_id is None:
        raise ValidationFailed("Pilih pelaksana.", {"traveller_id": "Wajib diisi untuk dokumen per pelaksana."})
    t = next((t for t in order.travellers if t.employee_id == employee_id), None)
    if t is None:
        raise ValidationFailed("Pelaksana tidak valid.", {"traveller_id": "Bukan pelaksana perjalanan dinas ini."})
    per_traveller = {**base, "number": t.sppd_number or ""} if kind in ("sppd1", "sppd2") else base
    if kind in ("sppd1", "sppd2"):
        legs, returned_place, returned_date = _legs(order, t)
        label, official, sppd_signer = _sppd_official(session, order)
        config = settings.letters(session)
        return docs.SppdData(
            **per_traveller, title=config.sppd_title, perhatian=config.perhatian, commitment_label=label,
            commitment_official=official, traveller=_person(t), purpose=order.purpose,
            transport=TRANSPORT_LABEL[order.transport], depart_place=order.origin, destination=destination(order),
            depart_date=order.departure_date, return_date=order.return_date,
            followers=tuple(docs.Follower(name=f["name"], birth_date=date.fromisoformat(f["birth_date"])
                                          if f.get("birth_date") else None, note=f.get("note") or "")
                            for f in t.followers or []),
            budget_agency=order.budget_agency, budget_account=_budget_account(order), notes=order.notes or "",
            signer=sppd_signer, legs=legs, returned_place=returned_place, returned_date=returned_date)
    lines = _cost_lines(session, order, t)
    pa_kpa = _role_signer(_pa_kpa(session, order), "Pengguna Anggaran/Kuasa Pengguna Anggaran")
    if kind == "rincian":
        return docs.CostBreakdownData(**base, sppd_number=t.sppd_number or "", sppd_date=base["issued_on"],
                                      traveller=_person(t), lines=lines, treasurer=_treasurer(session, order),
                                      approver=pa_kpa, advance_paid=t.advance_paid or None)
    pptk = _employee(session, _configured(session, order).get("pptk_employee_id"))
    return docs.ReceiptData(
        **base, payer=f"Bendahara Pengeluaran {UNIT_NAME}", recipient=_person(t),
        amount=sum(line.amount for line in lines),
        purpose=f"Biaya perjalanan dinas ke {destination(order)} dalam rangka {order.purpose}",
        budget_account=order.account_code or order.budget_account, activity=order.sub_activity_code or "",
        fiscal_year=order.departure_date.year, approver=pa_kpa,
        acknowledger=_role_signer(pptk, "Pejabat Pelaksana Teknis Kegiatan"), treasurer=_treasurer(session, order))


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    content_type: str = "application/pdf"


def render_document(session: Session, order: Order, kind: str, employee_id: int | None) -> Document:
    data = build(session, order, kind, employee_id)
    return Document(docs.filename(kind, data.number or f"draf-{order.id}"), docs.render(kind, data))
