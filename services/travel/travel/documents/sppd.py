"""Surat Perjalanan Dinas: sheet I (the ten numbered items) and sheet II (legs, return, PERHATIAN)."""
from __future__ import annotations

from datetime import date, time

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from situok_kit.letters.formatting import format_date_id, format_days, inclusive_days
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import PLAIN, build_pdf, esc, fields, para, shown_number, signature, with_qr
from situok_kit.letters.qr import qr_with_caption
from situok_kit.letters.styles import (
    CELL,
    CELL_CENTER,
    CONTENT_WIDTH,
    SIGN,
    TIGHT,
    TIGHT_BOLD,
    TIGHT_JUSTIFY,
    TITLE,
)

from travel.documents.data import SPPD_PERHATIAN, SPPD_TITLE, Leg, Signer, SppdData

TITLE_TEXT = SPPD_TITLE
BLANK = "." * 34

# Sheet I: the ten items as the form prints them. Each item is (number, [(label, value key), ...]); the
# first label of an item with sub-items a./b./c. is its heading when the heading has no value of its own.
ITEM_LABELS = (
    ("1.", ("Pejabat Pembuat Komitmen / Pengguna Anggaran",)),
    ("2.", ("Nama/NIP Pegawai yang melaksanakan perjalanan dinas",)),
    ("3.", ("a. Pangkat dan Golongan", "b. Jabatan/Instansi", "c. Tingkat Biaya Perjalanan Dinas")),
    ("4.", ("Maksud Perjalanan Dinas",)),
    ("5.", ("Alat angkutan yang dipergunakan",)),
    ("6.", ("a. Tempat berangkat", "b. Tempat Tujuan")),
    ("7.", ("a. Lamanya Perjalanan Dinas", "b. Tanggal berangkat", "c. Tanggal harus kembali")),
    ("8.", ("Pengikut: Nama",)),
    ("9.", ("Pembebanan Anggaran", "a. Instansi", "b. Akun")),
    ("10.", ("Keterangan lain-lain",)),
)
PERHATIAN = SPPD_PERHATIAN
TELAH_DIPERIKSA = ("Telah diperiksa dengan keterangan bahwa perjalanan tersebut atas perintahnya dan "
                   "semata-mata untuk kepentingan jabatan dalam waktu yang sesingkat-singkatnya.")

_NO = 0.9 * cm
_LABEL = 6.4 * cm
_VALUE = CONTENT_WIDTH - _NO - _LABEL
_NOTE = 3.2 * cm
_MIN_FOLLOWER_ROWS = 2


def _days(data: SppdData) -> int:
    return data.days or inclusive_days(data.depart_date, data.return_date)


def _item_values(data: SppdData) -> dict[str, tuple[str, ...]]:
    t = data.traveller
    position = t.position + (f" / {t.unit}" if t.unit else "")
    return {
        "1.": (data.commitment_official,),
        "2.": (f"{t.name}\nNIP. {t.nip}" if t.nip else f"{t.name}\nNIP. -",),
        "3.": (f"a. {t.rank or '-'}", f"b. {position or '-'}", f"c. {t.cost_level or '-'}"),
        "4.": (data.purpose,),
        "5.": (data.transport,),
        "6.": (f"a. {data.depart_place}", f"b. {data.destination}"),
        "7.": (f"a. {format_days(_days(data))}", f"b. {format_date_id(data.depart_date)}",
               f"c. {format_date_id(data.return_date)}"),
        "9.": ("", f"a. {data.budget_agency}", f"b. {data.budget_account}"),
        "10.": (data.notes or "-",),
    }


def _lines(text: str, style) -> Flowable:
    return para("<br/>".join(esc(line) for line in text.split("\n")), style, markup=True)


def _items_table(data: SppdData) -> Table:
    values = _item_values(data)
    rows: list[list] = []
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("LINEAFTER", (0, 0), (1, -1), 0.5, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for number, labels in ITEM_LABELS:
        first = len(rows)
        if number == "8.":
            rows.append([para(number, CELL_CENTER), para(labels[0], CELL), para("Tanggal Lahir", CELL),
                         para("Keterangan", CELL)])
            followers = list(data.followers)
            for i in range(max(len(followers), _MIN_FOLLOWER_ROWS)):
                f = followers[i] if i < len(followers) else None
                rows.append(["", para(f"{i + 1}. {f.name if f else ''}", CELL),
                             para(format_date_id(f.birth_date) if f and f.birth_date else "", CELL),
                             para(f.note if f else "", CELL)])
            style.append(("LINEAFTER", (2, first), (2, len(rows) - 1), 0.5, colors.black))
            style.append(("LINEBELOW", (1, first), (-1, first), 0.3, colors.black))
        else:
            if number == "1.":
                labels = (data.commitment_label,)
            for label, value in zip(labels, values[number], strict=True):
                rows.append([para(number if len(rows) == first else "", CELL_CENTER), para(label, CELL),
                             _lines(value, CELL), ""])
                style.append(("SPAN", (2, len(rows) - 1), (3, len(rows) - 1)))
        last = len(rows) - 1
        if last > first:
            style.append(("SPAN", (0, first), (0, last)))
        style.append(("LINEBELOW", (0, last), (-1, last), 0.5, colors.black))
        # Space the items apart inside their own rules.
        style.append(("TOPPADDING", (0, first), (-1, first), 3))
        style.append(("BOTTOMPADDING", (0, last), (-1, last), 3))
    return Table(rows, colWidths=[_NO, _LABEL, _VALUE - _NOTE, _NOTE], style=TableStyle(style),
                 hAlign="LEFT", repeatRows=0)


def _sheet_one_header(data: SppdData) -> Table:
    block = fields([("Lembar ke", data.sheet_no), ("Kode No", data.code_no), ("Nomor", shown_number(data.number))],
                   CELL, 2.0 * cm, 7.2 * cm)
    block.hAlign = "RIGHT"
    return block


def sheet_one_story(data: SppdData) -> list:
    out: list = [KopFlowable(data.kop), _sheet_one_header(data), Spacer(1, 8)]
    out += [para(f"<u>{esc(data.title)}</u>", TITLE, markup=True), Spacer(1, 8), _items_table(data), Spacer(1, 10)]
    issued = fields([("Dikeluarkan di", data.issued_place), ("Tanggal", format_date_id(data.issued_on))], SIGN,
                    3.0 * cm, CONTENT_WIDTH * 0.5)
    out.append(with_qr(data.verify_url, [issued, Spacer(1, 4), *signature(data.signer)]))
    return out


# Sheet II ---------------------------------------------------------------------------------------------------

_HALF = CONTENT_WIDTH / 2
_PAD = 4
_INNER = _HALF - 2 * _PAD
_ROMAN = 0.75 * cm
_FIELD = 2.2 * cm
_COLON = 7
_INDENT = 1.7 * cm  # "Kepala" and the signature sit a little in from the cell's left edge
_SIGN_SPACE = 1.0 * cm


def _when(d: date | None, t: time | None) -> str | None:
    if d is None:
        return None
    return format_date_id(d) + (f" pkl. {t:%H.%M}" if t else "")


def _indented(flowables: list) -> Table:
    return Table([["", flowables]], colWidths=[_INDENT, _INNER - _INDENT], style=PLAIN, hAlign="LEFT")


def _stop(roman: str, rows: list[tuple[str, str | None]], head: Signer | None, head_label: str) -> list:
    """One half-row of sheet II: the numbered fields, then "Kepala ..." and room to sign and stamp."""
    grid = [[para(roman if i == 0 else "", TIGHT_BOLD), para(label, TIGHT), para(":", TIGHT),
             _lines(value or BLANK, TIGHT)] for i, (label, value) in enumerate(rows)]
    out: list = [Table(grid, colWidths=[_ROMAN, _FIELD, _COLON, _INNER - _ROMAN - _FIELD - _COLON], style=PLAIN,
                       hAlign="LEFT"), Spacer(1, 2)]
    if head is not None:
        out.append(_indented(signature(head, style=TIGHT, space=_SIGN_SPACE, rank=False)))
    else:
        out.append(_indented([para(head_label, TIGHT), Spacer(1, _SIGN_SPACE), para(f"( {BLANK} )", TIGHT),
                              para("NIP.", TIGHT)]))
    return out


def _leg(legs: tuple[Leg, ...], i: int) -> Leg:
    return legs[i] if i < len(legs) else Leg()


def _sheet_two_table(data: SppdData) -> Table:
    rows: list[list] = []
    head_label = "Kepala " + "." * 30
    for i, roman in enumerate(("I.", "II.", "III.", "IV.")):
        leg = _leg(data.legs, i)
        departure = [("Berangkat dari", leg.depart_from), ("Ke", leg.depart_to),
                     ("Pada tanggal", _when(leg.depart_date, leg.depart_time))]
        if i == 0:
            # Row I is the departure from the home station, certified by the issuing official; its left
            # half stays empty, as on the printed form.
            departure[0] = ("Berangkat dari", (leg.depart_from or data.depart_place) + "\n(Tempat Kedudukan)")
            rows.append(["", _stop(roman, departure, leg.depart_signer or data.signer, "")])
            continue
        arrival = [("Tiba di", leg.arrive_place), ("Pada tanggal", _when(leg.arrive_date, leg.arrive_time))]
        rows.append([_stop(roman, arrival, leg.arrive_signer, head_label),
                     _stop("", departure, leg.depart_signer, head_label)])
    returned = [("Tiba kembali di", (data.returned_place or data.depart_place) + "\n(Tempat Kedudukan)"),
                ("Pada tanggal", _when(data.returned_date, None))]
    rows.append([_stop("V.", returned, data.signer, ""),
                 [para(TELAH_DIPERIKSA, TIGHT), Spacer(1, 2),
                  _indented(signature(data.signer, style=TIGHT, space=_SIGN_SPACE, rank=False))]])
    rows.append([para("<b>VI.</b>&nbsp;&nbsp;&nbsp;Catatan Lain-lain", TIGHT, markup=True),
                 qr_with_caption(data.verify_url, size=1.9 * cm, align="RIGHT")])
    rows.append([[para("<b>VII.</b>&nbsp;&nbsp;PERHATIAN:", TIGHT, markup=True),
                  para(data.perhatian, TIGHT_JUSTIFY)], ""])
    n = len(rows)
    style = TableStyle([
        ("GRID", (0, 0), (-1, n - 3), 0.6, colors.black),
        ("BOX", (0, n - 2), (-1, -1), 0.6, colors.black),
        ("LINEABOVE", (0, n - 1), (-1, n - 1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, n - 1), (1, n - 1)),
        ("ALIGN", (1, n - 2), (1, n - 2), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
    ])
    return Table(rows, colWidths=[_HALF, _HALF], style=style, hAlign="LEFT")


def sheet_two_story(data: SppdData) -> list:
    # Sheet II is the back of sheet I: no kop, no title; the number and name identify it if printed apart.
    ident = fields([("Lembar II SPPD Nomor", shown_number(data.number)), ("Nama", data.traveller.name)], TIGHT,
                   3.4 * cm, _HALF + 1.0 * cm)
    ident.hAlign = "RIGHT"
    return [ident, Spacer(1, 8), _sheet_two_table(data)]


def render_sheet_one(data: SppdData) -> bytes:
    return build_pdf(sheet_one_story(data), title=f"{data.title} {data.number} lembar I", status=data.status)


def render_sheet_two(data: SppdData) -> bytes:
    return build_pdf(sheet_two_story(data), title=f"SPPD {data.number} lembar II", status=data.status)
