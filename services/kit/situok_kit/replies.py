"""At-most-once effect for RPC writes: a redelivered request is answered from the record, not run again.

RabbitMQ redelivers an RPC request whose ack it never got: the service died, or lost the broker, after the
handler had run. For a read that is harmless; a write would be applied twice. So, for every service, once:

* a request's key is its message's correlation id (``RequestKey``, set on the worker by ``@api``, with the
  edge's request id for the trace);
* ``UnitOfWork.transaction()`` writes the key into ``rpc_requests`` in the same transaction as the write
  (a read writes nothing and leaves no row);
* after the handler returns, its answer is stored on that row, then the reply is published and the request
  acked;
* a request that arrives *redelivered* is looked up first: a row with an answer is answered with it
  (``situok_rpc_requests_replayed_total``); a row without one (killed between the commit and storing the
  answer) is answered 409 — the write happened, the caller should look at the record; no row: it runs.

This is the RPC twin of ``processed_events`` (events) and sits beside the gateway's ``Idempotency-Key``
(a client's deliberate retry, which arrives as a new message). Rows older than ``KEEP`` are pruned: a
redelivery comes within seconds or minutes, never days.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Column, DateTime, Index, MetaData, String, Table, func, insert, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import Conflict

log = logging.getLogger("situok.replies")

TABLE = "rpc_requests"
ALREADY_DONE = "Permintaan ini sudah diproses sebelumnya; muat ulang untuk melihat hasilnya."
KEEP = timedelta(days=1)
PRUNE_EVERY_SECONDS = 3600


@dataclass(frozen=True)
class RequestKey:
    correlation_id: str
    method: str
    request_id: str | None = None


@dataclass(frozen=True)
class Recorded:
    answered: bool
    answer: object = None


def rpc_requests_table(metadata: MetaData) -> Table:
    table = Table(
        TABLE, metadata,
        Column("correlation_id", String(64), primary_key=True),
        Column("method", String(200), nullable=False),
        Column("request_id", String(128)),
        Column("answer", JSONB),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    Index("ix_rpc_requests_created_at", table.c.created_at)
    return table


def create_table(op) -> None:
    """For a service's migration: the table exactly as ``rpc_requests_table`` declares it."""
    import sqlalchemy as sa

    op.create_table(
        TABLE,
        sa.Column("correlation_id", sa.String(64), nullable=False),
        sa.Column("method", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(128)),
        sa.Column("answer", JSONB),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("correlation_id", name="pk_rpc_requests"),
    )
    op.create_index("ix_rpc_requests_created_at", TABLE, ["created_at"])


def drop_table(op) -> None:
    op.drop_index("ix_rpc_requests_created_at", table_name=TABLE)
    op.drop_table(TABLE)


def upgrade() -> None:
    """A service's migration that adds the table is ``from situok_kit.replies import downgrade, upgrade``."""
    from alembic import op

    create_table(op)


def downgrade() -> None:
    from alembic import op

    drop_table(op)


def request_of(worker_ctx) -> RequestKey | None:
    """The RPC request this worker serves, if it serves one (``@api`` sets it)."""
    return getattr(worker_ctx, "situok_rpc", None) if worker_ctx is not None else None


def mark(session: Session, table: Table, key: RequestKey) -> None:
    """In the write's transaction: this request has had its effect. A plain insert on purpose: should the same
    request be running twice at once (redelivered to a second worker while the first was still at it), the
    second insert waits for the first transaction and then fails, rolling its whole write back."""
    try:
        with session.begin_nested():
            session.execute(insert(table).values(correlation_id=key.correlation_id, method=key.method,
                                                 request_id=key.request_id))
    except IntegrityError:
        raise Conflict(ALREADY_DONE) from None


def store_answer(engine: Engine, table: Table, key: RequestKey, answer) -> None:
    with engine.begin() as conn:
        conn.execute(update(table).where(table.c.correlation_id == key.correlation_id).values(answer=answer))


def recorded(engine: Engine, table: Table, correlation_id: str) -> Recorded | None:
    with engine.connect() as conn:
        row = conn.execute(select(table.c.answer).where(table.c.correlation_id == correlation_id)).first()
    if row is None:
        return None
    return Recorded(answered=row.answer is not None, answer=row.answer)


def prune(engine: Engine, table: Table) -> int:
    with engine.begin() as conn:
        return conn.execute(table.delete().where(table.c.created_at < func.now() - KEEP)).rowcount
