"""Text in exported files: never a spreadsheet formula, never PDF mark-up."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from situok_kit.exports import append_row, is_formula_like, pdf_text, safe_cell, safe_row

DANGEROUS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", '=HYPERLINK("http://x")']
HARMLESS = ["I Wayan Sudarma", "", "a=b", "1-2", "O'Brien"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_is_prefixed_for_csv(value):
    assert is_formula_like(value)
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS + [5, -3, 1.5, None])
def test_everything_else_passes_unchanged(value):
    assert safe_cell(value) == value


def test_a_csv_row_read_back_holds_no_formula():
    out = io.StringIO()
    csv.writer(out).writerow(safe_row([*DANGEROUS, "ok", 7]))
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert cells[-2:] == ["ok", "7"]


def test_xlsx_rows_reopen_as_text_never_formulas():
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    append_row(wb.active, [*DANGEROUS, *HARMLESS, 5, None])
    out = io.BytesIO()
    wb.save(out)
    sheet_xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    cells = list(load_workbook(io.BytesIO(out.getvalue())).active[1])
    texts = cells[:len(DANGEROUS) + len(HARMLESS)]
    # the value as written, as text (XML reads a carriage return back as a line feed)
    assert [c.value for c in texts[:len(DANGEROUS)]] == [v.replace("\r", "\n") for v in DANGEROUS]
    assert all(c.data_type == "s" for c in texts if c.value is not None)
    assert all(c.quotePrefix for c in texts[:len(DANGEROUS)])
    assert cells[len(texts)].value == 5 and cells[len(texts)].data_type == "n"


def test_plain_openpyxl_would_have_written_a_formula():
    # why ``append_row`` exists
    from openpyxl import Workbook

    ws = Workbook().active
    ws.append(["=1+1"])
    assert ws["A1"].data_type == "f"


def test_pdf_text_escapes_markup():
    assert pdf_text("<b>x</b> & <font size=40>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;font size=40&gt;"
    assert pdf_text(None) == "" and pdf_text(12) == "12"


def test_escaped_text_renders_as_written_in_a_reportlab_paragraph():
    from pypdf import PdfReader
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    name = "<b>x</b> & <font size=40>"
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph(pdf_text(name), getSampleStyleSheet()["Normal"])])
    text = " ".join(PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text().split())
    assert name in text
