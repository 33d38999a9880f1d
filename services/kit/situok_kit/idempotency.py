"""Idempotency keys for creating commands: a retried request returns the first result.

The key, a hash of the request and the response are stored in the same
transaction as the effect; a concurrent duplicate waits on the primary key and
then reads the stored response. The same key with a different request is a 409.
"""
from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .errors import Conflict, ValidationFailed


def request_hash(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    key = str(key).strip()
    if not key or len(key) > 200:
        raise ValidationFailed("Idempotency-Key tidak valid.",
                               {"idempotency_key": "Harus 1-200 karakter."})
    return key


def run_idempotent(db, scope: str, key: str | None, payload, fn):
    """Run ``fn(tx) -> response`` once per (scope, key); later calls get the stored response.

    ``db`` is the worker's ``UnitOfWork``. Without a key, ``fn`` simply runs in a transaction.
    """
    key = check_key(key)
    if key is None:
        with db.transaction() as tx:
            return fn(tx)
    table = db._provider.tables.idempotency_keys
    digest = request_hash(payload)
    with db.transaction() as tx:
        # Claim the key first: a concurrent duplicate blocks here until we commit.
        claimed = tx.session.execute(
            pg_insert(table).values(scope=scope, key=key, request_hash=digest, response={})
            .on_conflict_do_nothing()
        ).rowcount == 1
        if claimed:
            response = fn(tx)
            tx.session.execute(table.update().where((table.c.scope == scope) & (table.c.key == key))
                               .values(response=response))
            return response
        row = tx.session.execute(
            select(table.c.request_hash, table.c.response)
            .where((table.c.scope == scope) & (table.c.key == key))
        ).one()
    if row.request_hash != digest:
        raise Conflict("Idempotency-Key sudah dipakai untuk permintaan lain.",
                       {"idempotency_key": "Kunci ini sudah dipakai dengan isi permintaan yang berbeda."})
    return row.response
