"""The BAST (berita acara serah terima barang milik daerah) of a handover, return or move: kop surat, title
and number, the day written out ("Pada hari ini Senin tanggal tiga bulan Desember tahun dua ribu dua puluh
enam"), the two parties (name, NIP, position from the roster copy), the items (No, Kode Barang, Nomor
Register, Nama Barang, Merk/Type, Tahun, Kondisi, Jumlah, Keterangan), the closing sentence, the signatures of
Yang Menyerahkan and Yang Menerima, and "Mengetahui" the Kepala Biro (the head of the root unit on the roster
copy; left out when unknown). Built from plain data (``BastPrint``) with the kit's letter parts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle
from situok_kit.letters.data import STATUS_ISSUED, Kop, Signer
from situok_kit.letters.formatting import DAYS_ID, MONTHS_ID, terbilang
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, esc, fields, keep, para, signature_grid
from situok_kit.letters.styles import BODY, CELL, CENTER, CONTENT_WIDTH, FONT_BOLD, LEFT, TITLE
from sqlalchemy.orm import Session

from ..domain import settings as settings_area
from ..domain import signers as signing
from ..models import Room

TITLE_TEXT = "BERITA ACARA SERAH TERIMA BARANG MILIK DAERAH"
SUBTITLES = {"handover": None, "return": "(PENGEMBALIAN BARANG)", "move": "(PEMINDAHAN BARANG)"}
CONDITION_WORDS = {"B": "Baik", "KB": "Kurang Baik", "RB": "Rusak Berat"}
HEADERS = ("No", "Kode Barang", "Nomor Register", "Nama Barang", "Merk/Type", "Tahun", "Kondisi", "Jumlah",
           "Keterangan")
#: Column widths as shares of the content width (they add up to 1).
WIDTHS = (0.045, 0.2, 0.085, 0.185, 0.125, 0.065, 0.085, 0.08, 0.13)
#: The items table's text: smaller than a letter's cells, so a seven-segment code fits its column.
SMALL_CELL = ParagraphStyle("bast_cell", parent=CELL, fontSize=8, leading=10)
SMALL_CENTER = ParagraphStyle("bast_center", parent=SMALL_CELL, alignment=TA_CENTER)
SMALL_HEAD = ParagraphStyle("bast_head", parent=SMALL_CENTER, fontName=FONT_BOLD)


@dataclass(frozen=True)
class Party:
    name: str
    nip: str | None
    position: str


@dataclass(frozen=True)
class BastRow:
    code: str
    register_number: str
    name: str
    brand: str
    year: str
    condition: str
    quantity: str
    note: str


@dataclass(frozen=True)
class BastPrint:
    kind: str
    number: str
    day: date
    first: Party
    second: Party
    destination: str | None
    rows: tuple[BastRow, ...]
    head: Signer | None
    note: str | None


def spelled_day(on: date) -> str:
    """"Senin tanggal tiga bulan Desember tahun dua ribu dua puluh enam"."""
    return (f"{DAYS_ID[on.weekday()]} tanggal {terbilang(on.day)} bulan {MONTHS_ID[on.month - 1]} tahun "
            f"{terbilang(on.year)}")


def _party(shown: dict) -> Party:
    return Party(name=shown.get("name") or "", nip=shown.get("nip"), position=shown.get("position") or "")


def printable(session: Session, shown: dict) -> BastPrint:
    """The BAST of a handover as ``handovers.detail`` answers it."""
    head = signing.bureau_head_employee(session)
    bureau = settings_area.current(session).bureau_name
    destination = None
    if shown.get("to_room_id"):
        room = session.get(Room, shown["to_room_id"])
        destination = f"{room.name} ({room.code})" if room else shown.get("to_room_name")
    rows = tuple(BastRow(code=i["code"], register_number=f"{i['register_number']:04d}", name=i["name"],
                         brand=i.get("brand") or "-", year=str(i["acquisition_year"]),
                         condition=CONDITION_WORDS.get(i["condition"], i["condition"]), quantity=str(i["quantity"]),
                         note=i.get("note") or "") for i in shown["items"])
    signer = None
    if head is not None:
        signer = Signer(position=f"{(head.position_name or 'Kepala Biro').upper()}\n{bureau.upper()}"
                        if "biro" not in (head.position_name or "").lower() else (head.position_name or "").upper(),
                        name=head.name, nip=head.nip)
    return BastPrint(kind=shown["kind"], number=shown["number"], day=shown["handover_date"],
                     first=_party(shown["first_party"]), second=_party(shown["second_party"]),
                     destination=destination, rows=rows, head=signer, note=shown.get("note"))


def _party_rows(party: Party, label: str) -> list:
    return [fields([("Nama", party.name or "." * 40), ("NIP", party.nip or "-"), ("Jabatan", party.position or "-")],
                   LEFT, 2.2 * cm, CONTENT_WIDTH - 0.6 * cm),
            para(f"Selanjutnya disebut <b>{label}</b>.", LEFT, markup=True)]


def _items_table(rows: tuple[BastRow, ...]) -> Table:
    data = [[para(h, SMALL_HEAD) for h in HEADERS]]
    for n, row in enumerate(rows, 1):
        data.append([para(str(n), SMALL_CENTER), para(row.code, SMALL_CELL), para(row.register_number, SMALL_CENTER),
                     para(row.name, SMALL_CELL), para(row.brand, SMALL_CELL), para(row.year, SMALL_CENTER),
                     para(row.condition, SMALL_CENTER), para(row.quantity, SMALL_CENTER), para(row.note, SMALL_CELL)])
    total = sum(int(r.quantity) for r in rows)
    data.append(["", "", "", para("<b>Jumlah</b>", SMALL_CELL, markup=True), "", "", "",
                 para(f"<b>{total}</b>", SMALL_CENTER, markup=True), ""])
    table = Table(data, colWidths=[CONTENT_WIDTH * w for w in WIDTHS], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("SPAN", (0, -1), (2, -1)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def story(doc: BastPrint) -> list:
    out: list = [KopFlowable(Kop()), para(TITLE_TEXT, TITLE)]
    if SUBTITLES.get(doc.kind):
        out.append(para(SUBTITLES[doc.kind], TITLE))
    out += [para(f"Nomor: {esc(doc.number)}", CENTER), Spacer(1, 10),
            para(f"Pada hari ini {spelled_day(doc.day)}, yang bertanda tangan di bawah ini:", BODY), Spacer(1, 4)]
    out.append(Table([[para("1.", LEFT), _party_rows(doc.first, "PIHAK PERTAMA")],
                      [para("2.", LEFT), _party_rows(doc.second, "PIHAK KEDUA")]],
                     colWidths=[0.6 * cm, CONTENT_WIDTH - 0.6 * cm], hAlign="LEFT",
                     style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])))
    out.append(Spacer(1, 4))
    if doc.kind == "return":
        lead = ("PIHAK PERTAMA mengembalikan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima kembali dari PIHAK "
                "PERTAMA, barang milik daerah sebagai berikut")
    else:
        lead = ("PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK PERTAMA, barang "
                "milik daerah sebagai berikut")
    if doc.destination:
        lead += f", untuk ditempatkan di {esc(doc.destination)}"
    out += [para(lead + ":", BODY, markup=True), Spacer(1, 6), _items_table(doc.rows), Spacer(1, 8)]
    if doc.note:
        out += [para(f"Catatan: {esc(doc.note)}", BODY, markup=True), Spacer(1, 4)]
    closing = ("Barang tersebut di atas dalam keadaan sebagaimana tercantum pada kolom kondisi dan sejak "
               "penandatanganan berita acara ini menjadi tanggung jawab PIHAK KEDUA. Demikian berita acara serah "
               "terima ini dibuat dengan sebenarnya dalam rangkap 2 (dua) untuk dipergunakan sebagaimana mestinya.")
    out += [para(closing, BODY), Spacer(1, 6)]
    blocks = [(["PIHAK KEDUA", "Yang Menerima,"], Signer(position=doc.second.position, name=doc.second.name,
                                                         nip=doc.second.nip), None),
              (["PIHAK PERTAMA", "Yang Menyerahkan,"], Signer(position=doc.first.position, name=doc.first.name,
                                                              nip=doc.first.nip), None)]
    out.append(keep(para("", BODY), signature_grid(blocks, space=1.6 * cm)))
    if doc.head is not None:
        out.append(keep(Spacer(1, 10), Table([[None, signature_grid([(["Mengetahui,"], doc.head, None)],
                                                                    width=CONTENT_WIDTH * 0.5, space=1.6 * cm)]],
                                            colWidths=[CONTENT_WIDTH * 0.25, CONTENT_WIDTH * 0.75], hAlign="LEFT",
                                            style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))))
    return out


def render(doc: BastPrint) -> bytes:
    return build_pdf(story(doc), title=f"BAST {doc.number}", status=STATUS_ISSUED,
                     subject="Berita acara serah terima barang milik daerah")
