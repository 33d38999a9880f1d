"""The standard leave form as a PDF: "FORMULIR PERMINTAAN DAN PEMBERIAN CUTI" (Anak Lampiran 1.b Peraturan BKN
Nomor 24 Tahun 2017 tentang Tata Cara Pemberian Cuti PNS), one A4 page, in its usual layout:

* top right "Denpasar, <date>" and "Kepada Yth. <the official's position> di Denpasar"; the title;
* I. DATA PEGAWAI, II. JENIS CUTI YANG DIAMBIL** (the chosen kind ticked), III. ALASAN CUTI, IV. LAMANYA CUTI,
  V. CATATAN CUTI*** (annual leave left for N-2, N-1, N; the days of the other kinds taken this year),
  VI. ALAMAT SELAMA MENJALANKAN CUTI (with the employee's signature), VII. PERTIMBANGAN ATASAN LANGSUNG**,
  VIII. KEPUTUSAN PEJABAT YANG BERWENANG MEMBERIKAN CUTI** (the four boxes, the given one ticked, the note and
  the signer), then the form's footnotes.

``render(view)`` draws the leave area's ``LeaveOut`` dump plus ``view["balance"]`` (``LeaveBalanceOut`` of the
leave's year), ``view["employee"]`` (``full_name, nip, position_name, unit_name, golongan, pangkat,
masa_kerja``) and ``view["supervisor"]`` / ``view["official"]`` (``full_name, nip, position_name`` or null).
What it reads of the leave (a missing key prints an empty box, never an error):

* ``kind`` / ``kind_name`` — matched to the form's six kinds by their words (tahunan, besar, sakit, melahirkan,
  alasan penting, luar tanggungan);
* ``reason``, ``start_date``, ``end_date``, ``days`` (may be .5), ``half_day``, ``address``, ``phone``;
* the supervisor's consideration ``considered_option`` with ``considered_note``; the official's decision
  ``decided_option`` with ``decided_note`` — each one of the leave workflow's options (``setuju``,
  ``perubahan``, ``ditangguhkan``, ``tidak_disetujui``; English synonyms accepted) or null (not given yet:
  empty boxes);
* the date at the top: ``created_at`` (the request), as a WITA day;
* the balance (``LeaveBalanceOut``): N-1 is ``carry`` (plus ``deferred``, named), N is ``remaining`` (the
  year's total less what was used, carry-over included); N-2 is only noted when ``carry_two_years``. A
  ``balance["rows"]`` list (``[{year, remaining, note}]``) replaces this when given; the days of each kind taken
  this year come from ``balance["used_by_kind"]`` (``{kind: days}``) when the view carries it.

Pure: no database, no clock — the same view always draws the same bytes (``invariant``).
"""
from __future__ import annotations

import io
import os
from datetime import date, datetime
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from situok_kit.clock import WITA
from situok_kit.letters.formatting import format_date_id, terbilang
from situok_kit.letters.layout import esc
from situok_kit.letters.styles import FONT, FONT_BOLD

CONTENT_TYPE = "application/pdf"
TITLE_TEXT = "FORMULIR PERMINTAAN DAN PEMBERIAN CUTI"
CITY = "Denpasar"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 1.6 * cm
MARGIN_Y = 1.2 * cm
WIDTH = PAGE_WIDTH - 2 * MARGIN_X

#: The form's six kinds, in its order: (printed name, words that recognise a leave's kind or kind name).
KINDS = (
    ("Cuti Tahunan", ("tahunan",)),
    ("Cuti Besar", ("besar",)),
    ("Cuti Sakit", ("sakit",)),
    ("Cuti Melahirkan", ("melahirkan",)),
    ("Cuti Karena Alasan Penting", ("penting",)),
    ("Cuti di Luar Tanggungan Negara", ("tanggungan", "cltn")),
)
#: The four answers of sections VII and VIII, in the form's order, and the values that mean each.
DECISIONS = (
    ("DISETUJUI", ("setuju", "approved", "approve", "disetujui")),
    ("PERUBAHAN****", ("change", "change_requested", "changed", "perubahan")),
    ("DITANGGUHKAN****", ("deferred", "defer", "ditangguhkan")),
    ("TIDAK DISETUJUI****", ("refused", "refuse", "rejected", "tidak_disetujui", "tidak disetujui")),
)
FOOTNOTES = (
    "*     Coret yang tidak perlu.",
    "**    Pilih salah satu dengan memberi tanda centang ({tick}).",
    "***   Diisi oleh pejabat yang menangani bidang kepegawaian sebelum PNS mengajukan cuti.",
    "****  Diberi tanda centang dan alasannya.",
)

SIZE, LEADING = 8.5, 10.2
TEXT = ParagraphStyle("lf_text", fontName=FONT, fontSize=SIZE, leading=LEADING, alignment=TA_LEFT)
BOLD = ParagraphStyle("lf_bold", parent=TEXT, fontName=FONT_BOLD)
MID = ParagraphStyle("lf_mid", parent=TEXT, alignment=TA_CENTER)
MID_BOLD = ParagraphStyle("lf_mid_bold", parent=MID, fontName=FONT_BOLD)
TITLE = ParagraphStyle("lf_title", parent=MID_BOLD, fontSize=10.5, leading=13)
NOTE = ParagraphStyle("lf_note", parent=TEXT, fontSize=7.5, leading=9)


def _tick_font() -> tuple[str, str]:
    """The font and text of the form's check mark: ✓ (U+2713) in DejaVu Sans where the system has it (text
    extraction then reads ✓), else ZapfDingbats' ✔ (a20, one of the PDF's built-in fonts: needs no file)."""
    for path in _DEJAVU:
        if os.path.exists(path):
            try:
                if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont("DejaVuSans", path))
                return "DejaVuSans", "\u2713"
            except Exception:  # noqa: BLE001 - an unreadable font file: the built-in one will do
                continue
    return "ZapfDingbats", "4"


_DEJAVU = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
           "/usr/share/fonts/TTF/DejaVuSans.ttf")
TICK_FONT, TICK = _tick_font()
TICK_STYLE = ParagraphStyle("lf_tick", parent=MID, fontName=TICK_FONT, fontSize=10, leading=11)
SIGN_SPACE = 1.0 * cm

_BASE_STYLE = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


# -- values ------------------------------------------------------------------------------------------------

def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return (value.astimezone(WITA) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if "T" in text or " " in text.strip():
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return (moment.astimezone(WITA) if moment.tzinfo else moment).date()
    return date.fromisoformat(text[:10])


def date_text(value) -> str:
    """"3 Desember 2026" (empty when unknown)."""
    day = _date(value)
    return format_date_id(day) if day else ""


def number_text(value) -> str:
    """12 -> "12", 1.5 -> "1,5" (Indonesian decimal comma), None -> ""."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")


def length_text(days, half_day: str | None = None) -> str:
    """"3 (tiga) hari", "½ hari (pagi)" — the form's "Selama … (hari/bulan/tahun)*"."""
    if days in (None, ""):
        return ""
    number = Decimal(str(days))
    if number == number.to_integral_value():
        text = f"{int(number)} ({terbilang(int(number))}) hari"
    else:
        text = f"{number_text(number)} hari"
    if half_day:
        text += f" (setengah hari, {half_day})"
    return text


def kind_index(view: dict) -> int | None:
    """Which of the form's six kinds (0–5) the leave is, by its kind name or code; None when none fits."""
    for source in (view.get("kind_name"), view.get("kind")):
        words = str(source or "").lower().replace("_", " ")
        if not words:
            continue
        for index, (_, keys) in enumerate(KINDS):
            if any(key in words for key in keys):
                return index
    return None


def decision_index(value) -> int | None:
    """Which of the four boxes (0–3) a consideration or decision ticks; None: not given yet."""
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    for index, (_, values) in enumerate(DECISIONS):
        if text in values:
            return index
    return None


def _first(view: dict, *keys):
    for key in keys:
        if view.get(key) not in (None, ""):
            return view[key]
    return None


def balance_rows(balance: dict | None, year: int | None) -> list[tuple[str, str, str]]:
    """The annual-leave record of section V: ``(year label, days left, note)`` for N-2, N-1 and N."""
    balance = balance or {}
    year = balance.get("year") or year
    given = balance.get("rows")
    if given:
        by_year = {int(r["year"]): r for r in given if r.get("year") is not None}
    else:
        by_year = {}
        if year and balance:
            carry = Decimal(str(balance.get("carry") or 0))
            deferred = Decimal(str(balance.get("deferred") or 0))
            notes = []
            if deferred:
                notes.append(f"termasuk {number_text(deferred)} hari ditangguhkan")
            by_year[year - 2] = {"remaining": None, "note": "2 tahun berturut-turut tidak digunakan"
                                 if balance.get("carry_two_years") else None}
            by_year[year - 1] = {"remaining": carry + deferred, "note": "; ".join(notes) or None}
            used = number_text(balance.get("used"))
            by_year[year] = {"remaining": balance.get("remaining"),
                             "note": f"hak {number_text(balance.get('total'))}, dipakai {used or 0}"
                             if balance.get("total") is not None else None}
    rows = []
    for offset, label in ((2, "N-2"), (1, "N-1"), (0, "N")):
        shown = f"{label} ({year - offset})" if year else label
        row = by_year.get(year - offset, {}) if year else {}
        remaining = number_text(row.get("remaining"))
        rows.append((shown, f"{remaining} hari" if remaining else "", str(row.get("note") or "")))
    return rows


def used_text(balance: dict | None, kind_position: int) -> str:
    """The days of the form's kind ``kind_position`` taken this year, when the balance says."""
    used = (balance or {}).get("used_by_kind") or {}
    keys = KINDS[kind_position][1]
    for kind, days in used.items():
        if any(key in str(kind).lower().replace("_", " ") for key in keys):
            shown = number_text(days)
            return f"{shown} hari" if shown else ""
    return ""


# -- drawing -----------------------------------------------------------------------------------------------

def _p(text, style=TEXT) -> Paragraph:
    return Paragraph(esc("" if text is None else text), style)


def _tick(on: bool) -> Paragraph:
    return Paragraph(TICK if on else "", TICK_STYLE)


def _section(title: str, rows: list[list], widths: list[float], extra: list | None = None,
             heights: list | None = None) -> Table:
    """A ruled section: its title across the first row, then ``rows`` (``heights``: of the rows after the
    title, None where the content decides)."""
    head = [_p(title, BOLD)] + [""] * (len(widths) - 1)
    style = _BASE_STYLE + [("SPAN", (0, 0), (-1, 0))] + (extra or [])
    row_heights = [None] + list(heights) if heights else None
    return Table([head] + rows, colWidths=widths, rowHeights=row_heights, style=TableStyle(style), hAlign="LEFT")


def _signer(lead: str | None, person: dict | None) -> list:
    """A signature block in a cell: the lead line (position or "Hormat saya,"), space, the name, the NIP."""
    person = person or {}
    nip = person.get("nip")
    return [_p(lead or "", MID), Spacer(1, SIGN_SPACE), _p(person.get("full_name") or "", MID_BOLD),
            _p(f"NIP. {nip}" if nip else "NIP.", MID)]


def _heading(view: dict) -> list:
    official = view.get("official") or {}
    when = date_text(_first(view, "created_at", "submitted_at"))
    lines = [f"{CITY}, {when}" if when else f"{CITY}, ....................", "Kepada",
             f"Yth. {official.get('position_name') or 'Pejabat yang Berwenang Memberikan Cuti'}", "di",
             f"      {CITY}"]
    block = Table([[""] + [_p(line)] for line in lines], colWidths=[WIDTH * 0.58, WIDTH * 0.42],
                  style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]), hAlign="LEFT")
    return [block, Spacer(1, 8), _p(TITLE_TEXT, TITLE), Spacer(1, 6)]


def _employee(view: dict) -> Table:
    e = view.get("employee") or {}
    golongan = " ".join(x for x in (e.get("pangkat"), f"({e['golongan']})" if e.get("golongan") else None) if x)
    widths = [w * WIDTH for w in (0.13, 0.45, 0.14, 0.28)]
    rows = [[_p("Nama"), _p(e.get("full_name")), _p("NIP"), _p(e.get("nip"))],
            [_p("Jabatan"), _p(e.get("position_name")), _p("Masa Kerja"), _p(e.get("masa_kerja"))],
            [_p("Unit Kerja"), _p(e.get("unit_name")), _p("Gol. Ruang"), _p(golongan)]]
    return _section("I. DATA PEGAWAI", rows, widths)


def _kind(view: dict) -> Table:
    chosen = kind_index(view)
    widths = [w * WIDTH for w in (0.40, 0.10, 0.40, 0.10)]
    rows = []
    for left in (0, 2, 4):
        right = left + 1
        rows.append([_p(f"{left + 1}. {KINDS[left][0]}"), _tick(chosen == left),
                     _p(f"{right + 1}. {KINDS[right][0]}"), _tick(chosen == right)])
    return _section("II. JENIS CUTI YANG DIAMBIL**", rows, widths)


def _reason(view: dict) -> Table:
    return _section("III. ALASAN CUTI", [[_p(view.get("reason"))]], [WIDTH],
                    [("TOPPADDING", (0, 1), (-1, 1), 3), ("BOTTOMPADDING", (0, 1), (-1, 1), 5)])


def _length(view: dict) -> Table:
    widths = [w * WIDTH for w in (0.09, 0.29, 0.14, 0.22, 0.05, 0.21)]
    row = [_p("Selama"), _p(length_text(view.get("days"), view.get("half_day")) or "(hari/bulan/tahun)*"),
           _p("mulai tanggal"), _p(date_text(view.get("start_date"))), _p("s/d", MID),
           _p(date_text(view.get("end_date")))]
    return _section("IV. LAMANYA CUTI", [row], widths)


def _record(view: dict, year: int | None) -> Table:
    balance = view.get("balance") or {}
    widths = [w * WIDTH for w in (0.13, 0.12, 0.22, 0.38, 0.15)]
    annual = balance_rows(balance, year)
    rows = [[_p("1. CUTI TAHUNAN", BOLD), "", "", _p("2. CUTI BESAR", BOLD), _p(used_text(balance, 1), MID)],
            [_p("Tahun", MID_BOLD), _p("Sisa", MID_BOLD), _p("Keterangan", MID_BOLD), _p("3. CUTI SAKIT", BOLD),
             _p(used_text(balance, 2), MID)]]
    others = ("4. CUTI MELAHIRKAN", "5. CUTI KARENA ALASAN PENTING", "6. CUTI DI LUAR TANGGUNGAN NEGARA")
    for index, (label, left, note) in enumerate(annual):
        rows.append([_p(label, MID), _p(left, MID), _p(note), _p(others[index], BOLD),
                     _p(used_text(balance, 3 + index), MID)])
    return _section("V. CATATAN CUTI***", rows, widths, [("SPAN", (0, 1), (2, 1))])


def _address(view: dict) -> Table:
    widths = [w * WIDTH for w in (0.52, 0.10, 0.38)]
    employee = view.get("employee") or {}
    rows = [[_p(view.get("address")), _p("TELP"), _p(view.get("phone"))],
            ["", _signer("Hormat saya,", employee), ""]]
    return _section("VI. ALAMAT SELAMA MENJALANKAN CUTI", rows, widths,
                    [("SPAN", (0, 1), (0, 2)), ("VALIGN", (0, 1), (0, 2), "TOP"), ("SPAN", (1, 2), (2, 2))])


def _decision(title: str, given, note, lead: str | None, person: dict | None) -> Table:
    chosen = decision_index(given)
    widths = [WIDTH / 4] * 4
    rows = [[_p(label, MID) for label, _ in DECISIONS],
            [_tick(chosen == index) for index in range(4)],
            [_p(note or ""), "", _signer(lead, person), ""]]
    return _section(title, rows, widths, [("SPAN", (0, 3), (1, 3)), ("SPAN", (2, 3), (3, 3)),
                                          ("VALIGN", (0, 3), (1, 3), "TOP")], heights=[None, 14, None])


def _footnotes() -> list:
    """The form's footnotes (fixed mark-up: the check mark in its own font)."""
    tick = f'<font name="{TICK_FONT}">{TICK}</font>'
    lines = [Paragraph(line.replace("  ", "&nbsp; ").format(tick=tick), NOTE) for line in FOOTNOTES]
    return [_p("Catatan:", NOTE)] + lines


def story(view: dict) -> list:
    year = _date(view.get("start_date")).year if view.get("start_date") else None
    supervisor = view.get("supervisor") or {}
    official = view.get("official") or {}
    gap = Spacer(1, 4)
    parts = _heading(view)
    parts += [_employee(view), gap, _kind(view), gap, _reason(view), gap, _length(view), gap,
              _record(view, year), gap, _address(view), gap,
              _decision("VII. PERTIMBANGAN ATASAN LANGSUNG**", view.get("considered_option"),
                        view.get("considered_note"), supervisor.get("position_name"), supervisor), gap,
              _decision("VIII. KEPUTUSAN PEJABAT YANG BERWENANG MEMBERIKAN CUTI**",
                        view.get("decided_option"), view.get("decided_note"),
                        official.get("position_name"), official), Spacer(1, 5)]
    return parts + _footnotes()


def filename_of(view: dict) -> str:
    return f"formulir-cuti-{view.get('id') or 'baru'}.pdf"


def render(view: dict) -> bytes:
    """The leave form as one A4 page of PDF."""
    buffer = io.BytesIO()
    employee = (view.get("employee") or {}).get("full_name") or ""
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_Y,
                            bottomMargin=MARGIN_Y, title=f"Formulir Permintaan dan Pemberian Cuti — {employee}",
                            author="Biro Umum dan Protokol Setda Provinsi Bali", creator="SITU OK", invariant=1)
    doc.build(story(view))
    return buffer.getvalue()
