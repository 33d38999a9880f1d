"""Hostile text in what travel writes out, without a database: every text field of every letter carries mark-up
and the PDF still renders, printing it as written (never styling); the rate table's CSV holds no formula."""
import csv
import dataclasses
import io
import re
from itertools import count

import pytest
from pypdf import PdfReader
from travel.documents import KINDS, render, samples
from travel.domain.rates import rows_to_csv

#: Not people's text: the status picks the stamp, the logo is a path, the URL goes into the QR code only.
_NOT_TEXT = {"status", "logo_path", "verify_url"}


def poisoned(value, serial):
    """``value`` with every text field replaced by ``<b>xN</b> & <font size=40>`` (N unique per field)."""
    if isinstance(value, str):
        return f"<b>x{next(serial)}</b> & <font size=40>"
    if isinstance(value, tuple):
        return tuple(poisoned(v, serial) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{
            f.name: poisoned(getattr(value, f.name), serial) for f in dataclasses.fields(value)
            if f.name not in _NOT_TEXT and getattr(value, f.name) is not None
            and not isinstance(getattr(value, f.name), int | float)})
    return value


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_markup_in_any_field_prints_as_written(kind):
    data = poisoned(samples.sample(kind), count(1))
    pdf = render(kind, data)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    markers = re.findall(r"(\S*)x(\d+)(\S*)", text)
    assert markers, "no field printed?"
    for before, _, after in markers:                        # each printed field shows its tags literally
        assert before.endswith("<b>") and after.startswith("</b>"), (before, after)
    assert text.count("& <font size=40>") >= len(markers)


def test_rate_table_csv_writes_formula_like_text_as_text():
    rows = [{"kind": "=HYPERLINK(\"http://x\")", "province_code": "+51", "category": "-x", "cost_level": "@A",
             "amount": 100}]
    cells = list(csv.reader(io.StringIO(rows_to_csv(rows))))[1]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+51", "'-x", "'@A", "100"]
