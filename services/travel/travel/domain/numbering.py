"""Letter numbers (Permendagri 83/2022): no gaps, no duplicates, even under concurrent issuing
(``situok_kit.numbering``: the scope's counter row locked in the issuing transaction). A scope is the kind +
year, or + unit, per ``number_templates.reset``; unique constraints on the number and on (scope, seq) catch
anything that slips past.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from situok_kit import numbering
from situok_kit.errors import ValidationFailed
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
    return numbering.template_problem(
        template, lambda t: render(t, seq=1, unit="U", unit_code="C", day=date(2026, 1, 1)), PLACEHOLDERS)


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
    seq = numbering.take_next(session, NumberCounter, scope)
    number = render(template.template, seq=seq, unit=template.unit_label, unit_code=unit_code, day=day)
    return Issued(number, scope, seq)
