"""Text written into files people open elsewhere: spreadsheets (XLSX, CSV) and PDFs made with reportlab.

Spreadsheets (CSV/formula injection, OWASP ASVS 5.3.x): a cell of text that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is never read as a formula.

* CSV has no types: ``safe_cell`` prefixes such text with ``'`` (what spreadsheet programs show as text);
* XLSX has: ``append_row`` writes every ``str`` as a string cell (data type ``s``), so the value stays exactly
  what it was (a name stays a name) and no program evaluates it — openpyxl by itself would store a text
  starting with ``=`` as a formula; formula-like text also gets Excel's *quote prefix* (what typing a leading
  ``'`` does), so editing the cell keeps it text.

Numbers, dates and ``None`` pass unchanged: only text is an injection risk.

PDFs: reportlab's ``Paragraph`` reads its text as mark-up; ``pdf_text`` escapes ``&``, ``<`` and ``>`` so a name
like ``<b>x</b> & <font size=40>`` prints as written, neither breaking the document nor styling it.
"""
from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

#: What makes a spreadsheet program read a text cell as a formula (or DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: object) -> object:
    """A value to write into a CSV cell: formula-like text prefixed with ``'``; anything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def safe_row(values: Iterable[object]) -> list[object]:
    """``safe_cell`` of every value: a CSV row."""
    return [safe_cell(v) for v in values]


def append_row(worksheet, values: Iterable[object]) -> None:
    """Append ``values`` to an openpyxl worksheet as a row, every ``str`` a string cell, never a formula.

    The row's cells are reached by their own coordinates (``_current_row``: the row ``append`` just wrote), not
    through ``max_row``, which scans every cell written so far — a sheet of n rows took O(n²)."""
    values = list(values)
    worksheet.append(values)
    row = worksheet._current_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            cell = worksheet.cell(row=row, column=column)
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True


def pdf_text(value: object) -> str:
    """Text for reportlab's paragraph mark-up: ``&``, ``<``, ``>`` escaped (``None`` is "")."""
    return escape("" if value is None else str(value))
