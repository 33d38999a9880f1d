"""Unique values: check first for a precise message, let the database settle races.

The check before the insert gives the user the field that clashes; the unique
constraint catches the concurrent insert that slips between check and commit,
and is mapped back to the same field by constraint name.
"""
from __future__ import annotations

from situok_kit.errors import Conflict
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def ensure_free(session: Session, query, field: str, message: str) -> None:
    """Raise ``Conflict`` naming ``field`` if ``query`` finds a row (call before ``session.add``)."""
    if session.scalar(query) is not None:
        raise Conflict(message, {field: message})


def flush_or_conflict(session: Session, constraints: dict[str, tuple[str, str]]) -> None:
    """Flush; a violated unique constraint listed in ``constraints`` becomes ``Conflict`` on its field."""
    try:
        session.flush()
    except IntegrityError as exc:
        diag = getattr(exc.orig, "diag", None)
        name = getattr(diag, "constraint_name", None)
        if name in constraints:
            field, message = constraints[name]
            raise Conflict(message, {field: message}) from exc
        raise
