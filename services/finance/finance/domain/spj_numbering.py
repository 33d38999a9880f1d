"""SPJ numbers, given at submission from the settings' template (``{seq}``, ``{year}``; e.g.
``900.1.2.3/{seq}/SPJ/{year}``): one sequence per fiscal year, no gaps, no duplicates, even under concurrent
submissions (``situok_kit.numbering``: the year's counter row locked in the submitting transaction). The
unique constraint on ``spj.number`` catches anything that slips past.
"""
from __future__ import annotations

from situok_kit import numbering
from sqlalchemy.orm import Session

from ..models import SpjNumberCounter

PLACEHOLDERS = ("seq", "year")


def render(template: str, *, seq: int, year: int) -> str:
    return template.format(seq=seq, year=year)


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot number SPJ, else None."""
    return numbering.template_problem(template, lambda t: render(t, seq=1, year=2026), PLACEHOLDERS)


def next_number(session: Session, template: str, fiscal_year: int) -> tuple[str, int]:
    """The next number of ``fiscal_year`` (call inside the submitting transaction): ``(number, seq)``."""
    seq = numbering.take_next(session, SpjNumberCounter, f"spj:{fiscal_year}")
    return render(template, seq=seq, year=fiscal_year), seq
