"""Recaps: an employee's days of a month, the monthly recap of a unit (per employee and totals), the
supervisor's "today" view, and the unit recap as XLSX / PDF (A4 landscape, with the bureau's kop)."""
from __future__ import annotations

import base64
import io
from datetime import date

from situok_kit.errors import Forbidden, NotFound
from situok_kit.identity import Identity
from sqlalchemy.orm import Session

from . import access, clock, daily, roster, setup
from .status import CODES, LABELS, STATUSES, summarize

KOP = ("PEMERINTAH PROVINSI BALI", "SEKRETARIAT DAERAH", "BIRO UMUM DAN PROTOKOL")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def month_range(year: int, month: int) -> tuple[date, date]:
    from calendar import monthrange

    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def person_out(e) -> dict:
    return {"employee_id": e.id, "name": e.full_name, "nik": e.nik, "unit_id": e.unit_id, "unit_name": e.unit_name,
            "position_name": e.position_name}


def employee_month(session: Session, ident: Identity, employee_id: int | None, year: int, month: int) -> dict:
    view = access.viewer(session, ident)
    employee = access.visible_employee(session, view, employee_id or ident.employee_id or 0)
    start, end = month_range(year, month)
    rows = daily.compute(session, [employee], start, end)[employee.id]
    return {"employee": person_out(employee), "month": f"{year:04d}-{month:02d}", "days": [r.out() for r in rows],
            "summary": summarize([r.state for r in rows], setup.weights_map(session))}


def _scope(session: Session, ident: Identity, unit_id: int | None) -> tuple[list, bool]:
    """(employees, everyone?) a supervisor's view covers; 403 for a caller who supervises nobody."""
    view = access.viewer(session, ident)
    if not (view.sees_all or view.is_supervisor):
        raise Forbidden("Hanya atasan atau kepala unit yang dapat melihat rekap unit.")
    if unit_id and not view.sees_all and unit_id not in view.unit_ids:
        ids = access.scope_employee_ids(session, view, unit_id)
        if not ids:
            raise NotFound("Unit tidak ditemukan.")
    ids = access.scope_employee_ids(session, view, unit_id)
    people = roster.tracked(session, employee_ids=ids) if ids is not None else roster.tracked(session)
    return people, ids is None


def monthly_recap(session: Session, ident: Identity, year: int, month: int, unit_id: int | None = None) -> dict:
    people, everyone = _scope(session, ident, unit_id)
    start, end = month_range(year, month)
    weights = setup.weights_map(session)
    computed = daily.compute(session, people, start, end, all_tracked=everyone)
    rows = []
    for e in people:
        rows.append({**person_out(e), **summarize([r.state for r in computed[e.id]], weights)})
    totals = {"days": dict.fromkeys(STATUSES, 0), "codes": dict.fromkeys(CODES, 0), "late_minutes": 0,
              "early_minutes": 0, "deduction_bp": 0, "working_days": 0}
    for r in rows:
        for k in ("days", "codes"):
            for code, n in r[k].items():
                totals[k][code] += n
        for k in ("late_minutes", "early_minutes", "deduction_bp", "working_days"):
            totals[k] += r[k]
    return {"month": f"{year:04d}-{month:02d}", "unit_id": unit_id,
            "unit_name": roster.unit_name(session, unit_id) if unit_id else None,
            "until": min(end, clock.wita_day()).isoformat(), "weights": weights, "employees": rows, "totals": totals}


def today_view(session: Session, ident: Identity, unit_id: int | None = None) -> dict:
    people, everyone = _scope(session, ident, unit_id)
    today = clock.wita_day()
    computed = daily.compute(session, people, today, today, all_tracked=everyone)
    groups = {"in": [], "late": [], "absent": [], "on_duty": [], "leave": [], "off": []}
    where = {"hadir": "in", "pulang_cepat": "in", "tidak_absen_pulang": "in", "terlambat": "late",
             "belum_absen": "absent", "alpa": "absent", "dinas_luar": "on_duty", "izin": "leave", "sakit": "leave",
             "cuti": "leave", "libur": "off"}
    for e in people:
        rows = computed[e.id]
        if not rows:
            continue
        row = rows[0]
        groups[where[row.state.status]].append({**person_out(e), **row.out()})
    return {"day": today.isoformat(), "unit_id": unit_id, "counts": {k: len(v) for k, v in groups.items()},
            "total": len(people), **groups}


# -- exports -------------------------------------------------------------------------------------------

COLUMNS = [("hadir", "H"), ("terlambat", "TL"), ("pulang_cepat", "PC"), ("tidak_absen_pulang", "TAP"),
           ("izin", "I"), ("sakit", "S"), ("cuti", "C"), ("dinas_luar", "DL"), ("alpa", "A")]


def _title(recap: dict) -> str:
    year, month = (int(x) for x in recap["month"].split("-"))
    unit = recap.get("unit_name") or "Semua unit"
    return f"REKAPITULASI KEHADIRAN PEGAWAI NON-ASN — {MONTHS[month - 1].upper()} {year} — {unit.upper()}"


def _header() -> list[str]:
    return (["No", "Nama", "NIK", "Unit", "Hari kerja"] + [short for _, short in COLUMNS]
            + [c for c in CODES if c != "ALPA"] + ["Menit terlambat", "Potongan (%)"])


def _line(i: int, r: dict) -> list:
    return ([i, r["name"], r["nik"] or "", r["unit_name"] or "", r["working_days"]]
            + [r["days"][s] for s, _ in COLUMNS] + [r["codes"][c] for c in CODES if c != "ALPA"]
            + [r["late_minutes"], f"{r['deduction_bp'] / 100:.2f}".replace(".", ",")])


def export_xlsx(recap: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap " + recap["month"]
    for text in (*KOP, _title(recap)):
        ws.append([text])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([f"Sampai dengan {recap['until']}. Keterangan: "
               + ", ".join(f"{short} = {LABELS[s]}" for s, short in COLUMNS)])
    ws.append([])
    ws.append(_header())
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for i, r in enumerate(recap["employees"], start=1):
        ws.append(_line(i, r))
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 28
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_pdf(recap: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_title(recap))
    kop = ParagraphStyle("kop", fontName="Helvetica-Bold", fontSize=12, alignment=1, leading=15)
    small = ParagraphStyle("small", fontName="Helvetica", fontSize=7, leading=8.5)
    story = [Paragraph(line, kop) for line in KOP]
    story += [Spacer(1, 4 * mm), Paragraph(_title(recap), ParagraphStyle("t", parent=kop, fontSize=10)),
              Spacer(1, 3 * mm)]
    data = [_header()] + [[Paragraph(str(c), small) if j in (1, 3) else c for j, c in enumerate(_line(i, r))]
                          for i, r in enumerate(recap["employees"], start=1)]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Spacer(1, 3 * mm),
              Paragraph(f"Sampai dengan {recap['until']}. " + ", ".join(f"{short} = {LABELS[s]}"
                                                                         for s, short in COLUMNS), small)]
    doc.build(story)
    return buffer.getvalue()


def export(recap: dict, fmt: str) -> dict:
    slug = f"rekap-kehadiran-{recap['month']}" + (f"-unit{recap['unit_id']}" if recap.get("unit_id") else "")
    if fmt == "xlsx":
        content = export_xlsx(recap)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = export_pdf(recap)
        ctype = "application/pdf"
    return {"filename": f"{slug}.{fmt}", "content_type": ctype, "content_b64": base64.b64encode(content).decode()}
