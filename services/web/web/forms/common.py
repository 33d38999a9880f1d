"""What every page's forms share: reading a field, a year, a month, an amount, an id; where a service's per-field
messages land on a form (``field_errors``) and a refused file's problems as rows (``file_problems``).

Plain functions over a werkzeug ``MultiDict`` and dicts: no service, no request, no session.
"""
from __future__ import annotations

import re
from datetime import date

MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^20\d\d$")


def text_of(form, name: str) -> str:
    return (form.get(name) or "").strip()


def parse_month(text: str | None, today: date) -> tuple[int, int]:
    """``?bulan=YYYY-MM`` as (year, month); this month when missing or nonsense."""
    found = MONTH.match((text or "").strip())
    return (int(found.group(1)), int(found.group(2))) if found else (today.year, today.month)


def parse_year(text: str | None, today: date) -> int:
    """``?tahun=YYYY`` as a year; this year when missing or nonsense."""
    value = (text or "").strip()
    return int(value) if YEAR.match(value) else today.year


def shift_month(year: int, month: int, by: int) -> str:
    """The ``bulan`` value ``by`` months away (for the previous / next links)."""
    index = year * 12 + (month - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_amount(text: str):
    """``Rp1.250.000`` / ``1250000`` / ``1.250.000`` -> 1250000 (integer rupiah); anything else stays text
    (the service says why)."""
    cleaned = re.sub(r"[\s.]", "", (text or "").strip()).removeprefix("Rp").removeprefix("rp")
    return int(cleaned) if cleaned.isdigit() else (text or "").strip()


def int_or_text(value: str):
    value = (value or "").strip()
    return int(value) if value.isdigit() else value


def int_or_none(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def field_errors(fields: dict, known, translate, *, prefix: str = "",
                 aliases: dict | None = None) -> tuple[dict, list[str]]:
    """(messages by form field, messages the form has no field for) from a service's ``fields``: a dotted name
    (``attachment.content_b64``) belongs to its first part; ``aliases`` maps finance's names to the form's
    (``content_b64`` -> ``file``); several messages for one field are joined."""
    aliases = aliases or {}
    errors: dict[str, str] = {}
    other: list[str] = []
    for name, message in (fields or {}).items():
        text = translate(str(message))
        head = name.split(".")[0]
        head = aliases.get(head, head)
        if head in known or head in aliases.values():
            key = prefix + head
            errors[key] = f"{errors[key]} {text}" if key in errors and text not in errors[key] else text
        else:
            other.append(text)
    return errors, other


ROW_KEY = re.compile(r"^baris[_ ](\d+)(?:\.(.+))?$")


def file_problems(fields: dict, translate) -> list[dict]:
    """A refused file's problems (services name them ``baris_<n>.<kolom>`` or ``baris <n>.<kolom>``, ``berkas``
    for the whole file) as rows for a table: ``{"row", "column", "problem"}``, by row number."""
    found = []
    for name, message in (fields or {}).items():
        match = ROW_KEY.match(name)
        if match:
            found.append({"row": int(match.group(1)), "column": match.group(2), "problem": translate(str(message))})
        elif name.split(".")[0] == "berkas":
            column = name.partition(".")[2] or None
            found.append({"row": None, "column": column, "problem": translate(str(message))})
    return sorted(found, key=lambda p: (p["row"] is not None, p["row"] or 0))
