"""Gap-free numbering of letters and records (Permendagri 83/2022 numbers: SPT/SPPD, SPJ, and next BAST …).

A scope's counter (``scope``, ``last_seq``: a service's ``*NumberCounter`` model) is a row locked ``FOR UPDATE``
in the numbering transaction: concurrent numberers queue on it, and a transaction that rolls back takes its
increment with it, so a sequence has no gaps. The service's unique constraint on the number catches anything
that slips past. A number's text comes from a template with ``{seq}`` and the placeholders the service offers.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session


def take_next(session: Session, counter_model, scope: str) -> int:
    """The next sequence number of ``scope`` (call inside the transaction that uses it)."""
    session.execute(pg_insert(counter_model).values(scope=scope, last_seq=0).on_conflict_do_nothing())
    counter = session.scalar(select(counter_model).where(counter_model.scope == scope).with_for_update())
    counter.last_seq += 1
    session.flush()
    return counter.last_seq


def template_problem(template: str, render, placeholders) -> str | None:
    """Why ``template`` cannot number (no ``{seq}``, or a placeholder other than ``placeholders``), else None;
    ``render(template)`` fills it with sample values."""
    if "{seq}" not in template:
        return "Templat harus memuat {seq}."
    try:
        render(template)
    except (KeyError, IndexError, ValueError):
        return f"Templat hanya boleh memakai {', '.join('{' + p + '}' for p in placeholders)}."
    return None
