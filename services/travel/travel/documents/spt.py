"""Surat Perintah Tugas: Dasar, MEMERINTAHKAN, Kepada (per person), Untuk, signature, Tembusan."""
from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table
from situok_kit.letters.formatting import format_date_id, format_days, inclusive_days
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import PLAIN, build_pdf, keep, numbered, para, shown_number, signature, with_qr
from situok_kit.letters.styles import BODY, BOLD_CENTER, CENTER, CONTENT_WIDTH, LEFT, SMALL, TITLE

from travel.documents.data import SptData

TITLE_TEXT = "SURAT PERINTAH TUGAS"
_LABEL = 2.3 * cm  # "Dasar" / "Kepada" / "Untuk"
_COLON = 0.5 * cm
_BODY_WIDTH = CONTENT_WIDTH - _LABEL - _COLON
_PERSON_LABEL = 3.0 * cm


def title_block(title: str, number: str) -> list:
    return [para(f"<u>{title}</u>", TITLE, markup=True), para(f"Nomor: {shown_number(number)}", CENTER), Spacer(1, 14)]


_NUM = 18
_FIELD_COLON = 10
_WIDTHS = [_LABEL, _COLON, _NUM, _PERSON_LABEL, _FIELD_COLON, _BODY_WIDTH - _NUM - _PERSON_LABEL - _FIELD_COLON]


def _section(label: str, rows: list[list], gaps_after: tuple[int, ...] = ()) -> Table:
    """One "Label : 1. ..." section as a flat table, one row per line item, so a long list splits across pages.

    Each row is [number, text] (text spans to the right edge) or [number, field, value] (a person's field).
    """
    data, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for i, row in enumerate(rows):
        head = [para(label, BODY), para(":", BODY)] if i == 0 else ["", ""]
        if len(row) == 2:
            data.append([*head, para(row[0], BODY), para(row[1], BODY), "", ""])
            style.append(("SPAN", (3, i), (5, i)))
        else:
            data.append([*head, para(row[0], BODY), para(row[1], BODY), para(":", BODY), para(row[2], BODY)])
    start = 0
    for i in gaps_after:
        # A person's four lines stay on one page.
        style += [("BOTTOMPADDING", (0, i), (-1, i), 6), ("NOSPLIT", (0, start), (-1, i))]
        start = i + 1
    table = Table(data, colWidths=_WIDTHS, style=PLAIN, hAlign="LEFT")
    table.setStyle(style)
    return table


def _people(people) -> tuple[list[list], tuple[int, ...]]:
    rows, gaps = [], []
    for n, person in enumerate(people, 1):
        fields_ = [("Nama", person.name), ("NIP", person.nip or "-"), ("Pangkat/Gol.", person.rank or "-"),
                   ("Jabatan", person.position or "-")]
        rows += [[f"{n}." if k == 0 else "", label, value] for k, (label, value) in enumerate(fields_)]
        gaps.append(len(rows) - 1)
    return rows, tuple(gaps)


def _numbered(items) -> list[list]:
    return [[f"{n}.", item] for n, item in enumerate(items, 1)]


def trip_sentence(purpose: str, destination: str, start, end, days: int | None) -> str:
    days = days or inclusive_days(start, end)
    when = (f"pada tanggal {format_date_id(start)}" if start == end
            else f"dari tanggal {format_date_id(start)} s.d. {format_date_id(end)}")
    purpose = purpose.rstrip(". ")
    return f"{purpose} di {destination} selama {format_days(days)}, {when}."


def story(data: SptData) -> list:
    out: list = [KopFlowable(data.kop), *title_block(TITLE_TEXT, data.number)]

    if data.basis:
        out += [_section("Dasar", _numbered(data.basis)), Spacer(1, 8)]
    out += [para("MEMERINTAHKAN :", BOLD_CENTER), Spacer(1, 8)]
    rows, gaps = _people(data.assignees)
    out += [_section("Kepada", rows, gaps), Spacer(1, 4)]
    tasks = [trip_sentence(data.purpose, data.destination, data.start_date, data.end_date, data.days),
             *data.instructions]
    out += [_section("Untuk", _numbered(tasks)), Spacer(1, 10)]
    out.append(para("Demikian Surat Perintah Tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
                     BODY))
    out.append(Spacer(1, 14))
    sign = signature(data.signer, [f"{data.issued_place}, {format_date_id(data.issued_on)}"])
    out.append(with_qr(data.verify_url, sign))
    if data.copies_to:
        out.append(Spacer(1, 12))
        out.append(keep(para("Tembusan disampaikan kepada Yth.:", LEFT),
                        numbered(data.copies_to, SMALL, CONTENT_WIDTH * 0.7, num_width=14)))
    return out


def render(data: SptData) -> bytes:
    return build_pdf(story(data), title=f"{TITLE_TEXT} {data.number}", status=data.status)
