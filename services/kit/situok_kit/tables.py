"""Tables the kit needs in every service's database (outbox, processed events, idempotency keys).

A service calls ``add_kit_tables(Base.metadata)`` in its models module so its
Alembic history creates them next to its own tables.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB

from . import replies
from .clock import utcnow  # noqa: F401  (models' ``default=utcnow``; the one clock is situok_kit.clock)

#: Constraint and index names every service's models and migrations share (stable across autogenerate).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """The ``MetaData`` of a service's ``DeclarativeBase``, with the shared naming convention."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def sql_in(column: str, values) -> str:
    """``column IN ('a', 'b')`` for a CheckConstraint over a fixed list of values."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"



@dataclass(frozen=True)
class KitTables:
    outbox: Table
    processed_events: Table
    idempotency_keys: Table
    rpc_requests: Table


def add_kit_tables(metadata: MetaData) -> KitTables:
    if "outbox_events" in metadata.tables:
        t = metadata.tables
        return KitTables(t["outbox_events"], t["processed_events"], t["idempotency_keys"], t[replies.TABLE])
    outbox = Table(
        "outbox_events", metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(120), nullable=False),
        Column("envelope", JSONB, nullable=False),
        Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text),
    )
    Index("ix_outbox_events_unpublished", outbox.c.id, postgresql_where=outbox.c.published_at.is_(None))
    processed = Table(
        "processed_events", metadata,
        Column("event_id", String(36), primary_key=True),
        Column("handler", String(200), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    idempotency = Table(
        "idempotency_keys", metadata,
        Column("scope", String(120), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("response", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    return KitTables(outbox, processed, idempotency, replies.rpc_requests_table(metadata))
