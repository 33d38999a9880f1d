"""The archive's integrity check: every stored file re-read and its sha256 compared with the register's.

* Each document of kind ``file`` is read from storage in pieces (``Storage.chunks``: memory bounded by a piece,
  whatever the file's size), documents taken from the database in batches (keyset on id).
* The result is recorded per document (``integrity``: ``ok``, ``mismatch``, ``missing``; ``checked_at``) and
  every bad document publishes ``finance.archive_mismatch_found`` (nothing is published when all match).
  Links are counted and left alone: their bytes are elsewhere.
* One check at a time across instances: a transaction-scoped PostgreSQL advisory lock. The on-demand check
  (``check_archive``) waits for a running one and then runs; the periodic one (a timer on every instance)
  skips when another holds the lock or when a check finished less than ``min_gap`` ago, so several instances
  firing the same day check the archive once.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from situok_contracts.events import Finance
from situok_kit.clock import utcnow
from situok_kit.db import advisory_lock
from sqlalchemy import func, select, text, update

from ..models import ArchiveDocument
from ..schemas.archive import ArchiveMismatchFoundEvent
from .storage import Storage, StorageMissing

LOCK_KEY = 7_340_007  # pg advisory lock: one integrity check at a time
BATCH = 200
#: Problems listed in the answer (all of them are recorded and published).
MAX_LISTED = 200

_mismatch_event = ArchiveMismatchFoundEvent()


def digest(storage: Storage, key: str) -> str | None:
    """The sha256 of what is stored under ``key``, read in pieces; None when nothing is there."""
    h = hashlib.sha256()
    try:
        for piece in storage.chunks(key):
            h.update(piece)
    except StorageMissing:
        return None
    return h.hexdigest()


def verdict(expected: str, actual: str | None) -> str:
    """``ok``, ``mismatch`` or ``missing`` of one file."""
    if actual is None:
        return "missing"
    return "ok" if actual == expected.lower() else "mismatch"


def _skipped() -> dict:
    return {"skipped": True, "checked": 0, "ok": 0, "mismatched": 0, "missing": 0, "links": 0, "problems": [],
            "checked_at": None}


def check_all(tx, storage: Storage, *, wait: bool = True, min_gap: timedelta | None = None,
              now: datetime | None = None) -> dict:
    """Check every stored file (see the module's docstring); the report ``ArchiveCheckOut`` reads."""
    session = tx.session
    if wait:
        advisory_lock(session, LOCK_KEY)
    elif not session.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": LOCK_KEY}):
        return _skipped()
    if min_gap is not None:
        last = session.scalar(select(func.max(ArchiveDocument.checked_at)))
        if last is not None and utcnow() - last < min_gap:
            return _skipped()
    now = now or utcnow()
    report = {"skipped": False, "checked": 0, "ok": 0, "mismatched": 0, "missing": 0, "problems": [],
              "checked_at": now}
    report["links"] = session.scalar(select(func.count()).where(ArchiveDocument.kind == "link"))
    columns = (ArchiveDocument.id, ArchiveDocument.number, ArchiveDocument.title,
               ArchiveDocument.classification_code, ArchiveDocument.storage_key, ArchiveDocument.sha256)
    after = 0
    while True:
        batch = session.execute(select(*columns).where(ArchiveDocument.kind == "file", ArchiveDocument.id > after)
                                .order_by(ArchiveDocument.id).limit(BATCH)).all()
        if not batch:
            break
        after = batch[-1].id
        by_state: dict[str, list[int]] = {"ok": [], "mismatch": [], "missing": []}
        for row in batch:
            actual = digest(storage, row.storage_key)
            state = verdict(row.sha256, actual)
            by_state[state].append(row.id)
            report["checked"] += 1
            if state == "ok":
                continue
            report["mismatched" if state == "mismatch" else "missing"] += 1
            problem = {"document_id": row.id, "number": row.number, "title": row.title,
                       "classification_code": row.classification_code, "storage_key": row.storage_key,
                       "state": state, "expected_sha256": row.sha256, "actual_sha256": actual, "checked_at": now}
            tx.emit(Finance.ARCHIVE_MISMATCH_FOUND, _mismatch_event.dump(problem))
            if len(report["problems"]) < MAX_LISTED:
                report["problems"].append(problem)
        report["ok"] += len(by_state["ok"])
        for state, ids in by_state.items():
            if ids:
                session.execute(update(ArchiveDocument).where(ArchiveDocument.id.in_(ids))
                                .values(integrity=state, checked_at=now)
                                .execution_options(synchronize_session=False))
    return report
