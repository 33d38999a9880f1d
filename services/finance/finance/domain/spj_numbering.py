"""SPJ numbers, given at submission from the settings' template (``{seq}``, ``{year}``; e.g.
``900.1.2.3/{seq}/SPJ/{year}``): one sequence per fiscal year, no gaps, no duplicates, even under concurrent
submissions — travel's approach (``travel.domain.numbering``): the year's counter is a row locked
``FOR UPDATE`` in the submitting transaction, so concurrent submitters queue on it and a rolled-back
submission takes its increment with it. The unique constraint on ``spj.number`` catches anything that slips
past.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import SpjNumberCounter

PLACEHOLDERS = ("seq", "year")


def render(template: str, *, seq: int, year: int) -> str:
    return template.format(seq=seq, year=year)


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot number SPJ, else None."""
    if "{seq}" not in template:
        return "Templat harus memuat {seq}."
    try:
        render(template, seq=1, year=2026)
    except (KeyError, IndexError, ValueError):
        return "Templat hanya boleh memakai {seq} dan {year}."
    return None


def next_number(session: Session, template: str, fiscal_year: int) -> tuple[str, int]:
    """The next number of ``fiscal_year`` (call inside the submitting transaction): ``(number, seq)``."""
    scope = f"spj:{fiscal_year}"
    session.execute(pg_insert(SpjNumberCounter).values(scope=scope, last_seq=0).on_conflict_do_nothing())
    counter = session.scalar(select(SpjNumberCounter).where(SpjNumberCounter.scope == scope).with_for_update())
    counter.last_seq += 1
    session.flush()
    return render(template, seq=counter.last_seq, year=fiscal_year), counter.last_seq
