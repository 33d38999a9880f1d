"""The recap files with hostile text, without a database: in the XLSX no cell is a formula and names read back
as written; in the PDF a name with mark-up prints as written (neither breaking nor styling the document)."""
import io
import zipfile

from attendance.domain.exports import COLUMNS, export_pdf, export_xlsx
from attendance.domain.status import CODES

EVIL_NAME = "<b>x</b> & <font size=40>"
FORMULAS = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)"]


def employee(name: str, unit: str = "Bagian Umum", nik: str | None = "5171") -> dict:
    return {"name": name, "nik": nik, "unit_name": unit, "working_days": 20,
            "days": {status: 1 for status, _ in COLUMNS}, "codes": {code: 0 for code in CODES},
            "late_minutes": 5, "deduction_bp": 150}


def recap() -> dict:
    rows = [employee(EVIL_NAME, unit="<i>Unit</i> & Co")] + [employee(f, unit=f, nik=f) for f in FORMULAS]
    return {"month": "2026-06", "until": "2026-06-30", "unit_id": 7, "unit_name": "=cmd|' /C calc'!A0",
            "employees": rows}


def test_xlsx_text_is_never_a_formula():
    from openpyxl import load_workbook

    content = export_xlsx(recap())
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = load_workbook(io.BytesIO(content)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert EVIL_NAME in texts and set(FORMULAS) <= texts                # as written, and as text
    assert all(c.quotePrefix for c in cells if isinstance(c.value, str) and c.value in FORMULAS)


def test_pdf_prints_markup_in_names_as_written():
    from pypdf import PdfReader

    content = export_pdf(recap())
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    assert EVIL_NAME in text
    assert "<i>Unit</i> & Co" in text
    assert "=CMD|' /C CALC'!A0" in text                                 # the unit in the (upper-case) title
