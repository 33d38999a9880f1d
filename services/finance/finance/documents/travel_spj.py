"""The travel SPJ's printouts (PDF, A4, with ``situok_kit.letters``):

* ``rincian`` — the rincian biaya of the SPJ per traveller: each cost with its kind (lumpsum / at cost / riil),
  quantity × rate, amount and the receipt's checksum, the traveller's total, advance and balance (kurang / lebih
  bayar), the SPJ's totals; signed "Setuju dibayar" by the PA/KPA, "Mengetahui" by the PPTK, "Telah dibayar" by
  the bendahara pengeluaran;
* ``riil`` — the Daftar Pengeluaran Riil: one page per traveller with costs that have no receipt, the statement
  that they were really spent and that an overpayment is returned to the Kas Daerah, signed by the traveller
  with the PPK's (or, when none is named, the PA/KPA's) "Mengetahui/Menyetujui".

``render(kind, record)`` takes a ``TravelSpjPrint`` (built by ``domain.travel_spj.print_record``); it reads no
database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle
from situok_kit.letters.data import STATUS_DRAFT, Kop, Signer
from situok_kit.letters.formatting import format_date_id, format_rupiah, terbilang_rupiah
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, esc, fields, para, signature_grid
from situok_kit.letters.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    CELL_CENTER,
    CELL_CENTER_BOLD,
    CELL_RIGHT,
    CELL_RIGHT_BOLD,
    CONTENT_WIDTH,
    LEFT,
    TITLE,
)

KIND_LABELS = {"lump_sum": "Lumpsum", "at_cost": "At cost", "riil": "Riil"}
RINCIAN_TITLE = "RINCIAN BIAYA PERJALANAN DINAS"
RIIL_TITLE = "DAFTAR PENGELUARAN RIIL"


@dataclass(frozen=True, kw_only=True)
class PrintLine:
    description: str
    kind: str
    quantity: int
    rate: int
    amount: int
    receipts: tuple[str, ...] = ()  # sha256 of each receipt


@dataclass(frozen=True, kw_only=True)
class PrintTraveller:
    name: str
    nip: str | None
    position: str = ""
    lines: tuple[PrintLine, ...]
    advance_paid: int = 0

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def balance(self) -> int:
        return self.total - self.advance_paid

    @property
    def riil(self) -> tuple[PrintLine, ...]:
        return tuple(line for line in self.lines if line.kind == "riil")


@dataclass(frozen=True, kw_only=True)
class TravelSpjPrint:
    spj_number: str
    status: str
    order_number: str
    purpose: str
    destination: str
    departure_date: date
    return_date: date
    sub_activity_code: str
    account_code: str
    printed_on: date
    place: str = "Denpasar"
    travellers: tuple[PrintTraveller, ...]
    pa_kpa: Signer
    pptk: Signer
    treasurer: Signer
    ppk: Signer | None = None
    kop: Kop = field(default_factory=Kop)


def _spelled(amount: int) -> str:
    words = terbilang_rupiah(amount)
    return words[0].upper() + words[1:]


def _balance_text(balance: int) -> str:
    if balance > 0:
        return f"{format_rupiah(balance)} (kurang bayar, dibayarkan)"
    if balance < 0:
        return f"{format_rupiah(-balance)} (lebih bayar, dikembalikan)"
    return "nihil"


def _head(data: TravelSpjPrint) -> list:
    return [fields([("Nomor SPJ", data.spj_number or "(draf)"), ("Nomor SPT", data.order_number or "-"),
                    ("Maksud", data.purpose), ("Tujuan", data.destination),
                    ("Tanggal", f"{format_date_id(data.departure_date)} s.d. {format_date_id(data.return_date)}"),
                    ("Sub Kegiatan", data.sub_activity_code), ("Kode Rekening", data.account_code)],
                   CELL, 3.2 * cm), Spacer(1, 8)]


def _traveller_table(person: PrintTraveller) -> Table:
    widths = [0.95 * cm, 4.75 * cm, 2.0 * cm, 3.3 * cm, 2.7 * cm, CONTENT_WIDTH - 13.7 * cm]
    rows: list[list] = [[para(h, CELL_CENTER_BOLD) for h in ("No", "Uraian", "Sifat", "Banyaknya × Tarif",
                                                             "Jumlah", "Bukti")]]
    for i, line in enumerate(person.lines, 1):
        proof = ", ".join(f"#{h[:8]}" for h in line.receipts) if line.receipts else (
            "DPR" if line.kind == "riil" else "-")
        rows.append([para(f"{i}.", CELL_CENTER), para(line.description, CELL),
                     para(KIND_LABELS.get(line.kind, line.kind), CELL),
                     para(f"{line.quantity} × {format_rupiah(line.rate)}", CELL_RIGHT),
                     para(format_rupiah(line.amount), CELL_RIGHT), para(proof, CELL)])
    rows.append([para("JUMLAH", CELL_RIGHT_BOLD), "", "", "", para(format_rupiah(person.total), CELL_RIGHT_BOLD), ""])
    rows.append([para("Uang muka", CELL_RIGHT), "", "", "", para(format_rupiah(person.advance_paid), CELL_RIGHT),
                 ""])
    rows.append([para("Sisa", CELL_RIGHT_BOLD), "", "", "", para(_balance_text(person.balance), CELL_BOLD), ""])
    n = len(rows)
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    for r in (n - 3, n - 2):
        style.append(("SPAN", (0, r), (3, r)))
    style += [("SPAN", (0, n - 1), (3, n - 1)), ("SPAN", (4, n - 1), (5, n - 1))]
    return Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, style=TableStyle(style))


def rincian_story(data: TravelSpjPrint) -> list:
    out: list = [KopFlowable(data.kop), para(f"<u>{RINCIAN_TITLE}</u>", TITLE, markup=True), Spacer(1, 10)]
    out += _head(data)
    for person in data.travellers:
        who = f"{person.name}" + (f" — NIP. {person.nip}" if person.nip else "")
        out += [para(f"<b>{esc(who)}</b>", LEFT, markup=True), Spacer(1, 3), _traveller_table(person),
                Spacer(1, 10)]
    total = sum(p.total for p in data.travellers)
    advance = sum(p.advance_paid for p in data.travellers)
    out += [fields([("Jumlah seluruhnya", format_rupiah(total)), ("Terbilang", _spelled(total)),
                    ("Uang muka", format_rupiah(advance)), ("Sisa", _balance_text(total - advance))],
                   CELL, 3.6 * cm), Spacer(1, 14)]
    place = f"{esc(data.place)}, {format_date_id(data.printed_on)}"
    out.append(signature_grid([(["", "Setuju dibayar,"], data.pa_kpa, None),
                               (["", "Mengetahui,"], data.pptk, None),
                               ([place, "Telah dibayar,"], data.treasurer, None)], style=CELL))
    return out


def _riil_page(data: TravelSpjPrint, person: PrintTraveller) -> list:
    out: list = [KopFlowable(data.kop), para(f"<u>{RIIL_TITLE}</u>", TITLE, markup=True), Spacer(1, 10),
                 para("Yang bertanda tangan di bawah ini:", BODY), Spacer(1, 4),
                 fields([("Nama", person.name), ("NIP", person.nip or "-"), ("Jabatan", person.position or "-")],
                        BODY, 3.0 * cm), Spacer(1, 4),
                 para(f"berdasarkan Surat Perintah Tugas Nomor {data.order_number or '-'} tanggal "
                      f"{format_date_id(data.departure_date)}, dengan ini kami menyatakan dengan sesungguhnya "
                      "bahwa:", BODY), Spacer(1, 4),
                 para("1. Biaya di bawah ini yang tidak dapat diperoleh bukti-bukti pengeluarannya, meliputi:", BODY),
                 Spacer(1, 4)]
    widths = [1.0 * cm, CONTENT_WIDTH - 5.0 * cm, 4.0 * cm]
    rows: list[list] = [[para(h, CELL_CENTER_BOLD) for h in ("No", "Uraian", "Jumlah")]]
    for i, line in enumerate(person.riil, 1):
        detail = f"{line.description} ({line.quantity} × {format_rupiah(line.rate)})"
        rows.append([para(f"{i}.", CELL_CENTER), para(detail, CELL), para(format_rupiah(line.amount), CELL_RIGHT)])
    amount = sum(line.amount for line in person.riil)
    rows.append([para("JUMLAH", CELL_RIGHT_BOLD), "", para(format_rupiah(amount), CELL_RIGHT_BOLD)])
    out += [Table(rows, colWidths=widths, hAlign="LEFT", style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)), ("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)),
    ])), Spacer(1, 6),
        para(f"Terbilang: {_spelled(amount)}.", BODY), Spacer(1, 4),
        para("2. Jumlah uang tersebut pada angka 1 di atas benar-benar dikeluarkan untuk pelaksanaan perjalanan "
             "dinas dimaksud dan apabila di kemudian hari terdapat kelebihan atas pembayaran, kami bersedia untuk "
             "menyetorkan kelebihan tersebut ke Kas Daerah.", BODY), Spacer(1, 4),
        para("Demikian pernyataan ini kami buat dengan sebenarnya, untuk dipergunakan sebagaimana mestinya.", BODY),
        Spacer(1, 14)]
    approver = data.ppk or data.pa_kpa
    place = f"{esc(data.place)}, {format_date_id(data.printed_on)}"
    out.append(signature_grid([(["", "Mengetahui/Menyetujui,"], approver, None),
                               ([place, "Pelaksana SPPD,"], Signer(position="", name=person.name, nip=person.nip),
                                None)], style=CELL))
    return out


def riil_story(data: TravelSpjPrint) -> list:
    people = [p for p in data.travellers if p.riil]
    out: list = []
    for i, person in enumerate(people):
        if i:
            out.append(PageBreak())
        out += _riil_page(data, person)
    return out


def render(kind: str, data: TravelSpjPrint) -> bytes:
    """``rincian`` or ``riil`` as PDF bytes. A draft SPJ prints with the DRAF watermark."""
    if kind == "rincian":
        return build_pdf(rincian_story(data), title=f"{RINCIAN_TITLE} {data.spj_number}", status=data.status)
    if kind == "riil":
        if not any(p.riil for p in data.travellers):
            raise ValueError("no riil costs to list")
        return build_pdf(riil_story(data), title=f"{RIIL_TITLE} {data.spj_number}", status=data.status)
    raise ValueError(f"unknown travel SPJ document {kind!r}")


def filename(kind: str, spj_number: str, spj_id: int) -> str:
    prefix = {"rincian": "Rincian-SPJ-Perjalanan", "riil": "Daftar-Pengeluaran-Riil"}[kind]
    safe = "".join(c if c.isalnum() or c in ".-" else "-" for c in (spj_number or f"draf-{spj_id}")).strip("-.")
    return f"{prefix}_{safe or spj_id}.pdf"


__all__ = ["PrintLine", "PrintTraveller", "TravelSpjPrint", "STATUS_DRAFT", "render", "filename"]
