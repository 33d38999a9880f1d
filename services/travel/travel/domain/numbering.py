"""Letter numbers (Permendagri 83/2022): no gaps, no duplicates, even under concurrent issuing.

The counter of a scope (kind + year, or + unit, per ``number_templates.reset``) is a row locked
``FOR UPDATE`` in the issuing transaction: concurrent issuers queue on it, and a transaction that rolls back
takes its increment with it, so the sequence has no gaps. Unique constraints on the number and on
(scope, seq) catch anything that slips past.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from situok_kit.errors import ValidationFailed
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import NumberCounter, NumberTemplate

PLACEHOLDERS = ("seq", "unit", "unit_code", "year", "month")


@dataclass(frozen=True)
class Issued:
    number: str
    scope: str
    seq: int


def render(template: str, *, seq: int, unit: str, unit_code: str, day: date) -> str:
    return template.format(seq=seq, unit=unit, unit_code=unit_code, year=day.year, month=f"{day.month:02d}")


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot number letters, else None."""
    if "{seq}" not in template:
        return "Templat harus memuat {seq}."
    try:
        render(template, seq=1, unit="U", unit_code="C", day=date(2026, 1, 1))
    except (KeyError, IndexError, ValueError):
        return f"Templat hanya boleh memakai {', '.join('{' + p + '}' for p in PLACEHOLDERS)}."
    return None


def scope_of(kind: str, reset: str, unit_code: str, day: date) -> str:
    if reset == "never":
        return kind
    if reset == "unit_year":
        return f"{kind}:{unit_code}:{day.year}"
    return f"{kind}:{day.year}"


def next_number(session: Session, kind: str, unit_code: str, day: date) -> Issued:
    """Take the next number of ``kind`` (call inside the issuing transaction)."""
    template = session.get(NumberTemplate, kind)
    if template is None:
        raise ValidationFailed("Penomoran belum diatur.", {"kind": f"Templat nomor untuk {kind} belum ada."})
    scope = scope_of(kind, template.reset, unit_code, day)
    session.execute(pg_insert(NumberCounter).values(scope=scope, last_seq=0).on_conflict_do_nothing())
    counter = session.scalar(select(NumberCounter).where(NumberCounter.scope == scope).with_for_update())
    counter.last_seq += 1
    session.flush()
    number = render(template.template, seq=counter.last_seq, unit=template.unit_label, unit_code=unit_code, day=day)
    return Issued(number, scope, counter.last_seq)
