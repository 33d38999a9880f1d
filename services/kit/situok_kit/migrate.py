"""Alembic per service: create databases and run each service's migration history.

Each service keeps ``migrations/`` next to its package; its ``env.py`` is two
lines that call ``run_env(metadata)``. ``situok-admin migrate <service>`` runs
``upgrade head`` against that service's database.

The kit's tables of a service's first migration (``FIRST_KIT_TABLES``; the roster's shared ones with
``roster=True``) are created there by ``create_kit_tables(op)``, from the kit's own definitions, instead of
each migration spelling them out again. They are history once migrated: changing one means a new migration
in every service, and ``services/kit/tests/kit_tables.sql`` (what the first migrations create) says so by
failing.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import Table, create_engine, text
from sqlalchemy.engine import make_url

from .config import database_url
from .tables import add_kit_tables, service_metadata


def migrations_dir(service: str) -> Path:
    module = importlib.import_module(service)
    return Path(module.__file__).resolve().parent.parent / "migrations"


def alembic_config(service: str, url: str | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir(service)))
    cfg.set_main_option("sqlalchemy.url", (url or database_url(service)).replace("%", "%%"))
    cfg.attributes["service"] = service
    return cfg


def upgrade(service: str, url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(service, url), revision)


#: ``Index(..., info={COMPARED: False})``: an expression index (full-text search) whose expression PostgreSQL
#: stores rewritten (casts, parentheses), so autogenerate would always see a difference: its migration creates
#: it, the model only names it, and ``alembic check`` leaves it out.
COMPARED = "compared_by_autogenerate"


def _uncompared_indexes(metadata) -> frozenset[str]:
    return frozenset(index.name for table in metadata.tables.values() for index in table.indexes
                     if index.info.get(COMPARED) is False)


def model_differences(engine, metadata) -> list:
    """What ``alembic check`` would report between a migrated database and the models (``[]``: none) — the
    same comparison, the same indexes left out (a service's test that its migrations match its models)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    skipped = _uncompared_indexes(metadata)
    options = {"compare_type": True,
               "include_object": lambda obj, name, type_, reflected, compare_to: not (
                   type_ == "index" and name in skipped)}
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts=options), metadata)


def run_env(target_metadata) -> None:
    """Body of every service's ``migrations/env.py``."""
    from alembic import context

    skipped = _uncompared_indexes(target_metadata)

    def include_object(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "index" and name in skipped)

    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


#: The kit's tables every service's first migration created, and the roster copy's shared ones (travel,
#: attendance). A kit table added later is not one of them: it comes with a migration of its own in each
#: service (``rpc_requests``: ``situok_kit.replies.create_table``).
FIRST_KIT_TABLES = ("idempotency_keys", "outbox_events", "processed_events")
ROSTER_TABLES = ("roster_sync_runs", "roster_units")


def first_kit_tables(roster: bool = False) -> list[Table]:
    """``FIRST_KIT_TABLES`` (and with ``roster``, ``ROSTER_TABLES``) as the kit defines them, with their
    indexes: what ``create_kit_tables`` creates."""
    metadata = service_metadata()
    add_kit_tables(metadata)
    names = FIRST_KIT_TABLES
    if roster:
        from sqlalchemy.orm import registry

        from .roster import RosterSyncRunColumns, RosterUnitColumns

        models = registry(metadata=metadata)
        for columns in (RosterSyncRunColumns, RosterUnitColumns):
            models.mapped(type(columns.__name__, (columns,), {}))
        names += ROSTER_TABLES
    return [metadata.tables[name] for name in names]


def create_kit_tables(op, roster: bool = False) -> None:
    """In a service's first migration: create ``first_kit_tables(roster)`` with their indexes."""
    from alembic.operations import ops

    for table in first_kit_tables(roster):
        op.invoke(ops.CreateTableOp.from_table(table))
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            op.invoke(ops.CreateIndexOp.from_index(index))


def drop_kit_tables(op, roster: bool = False) -> None:
    """The first migration's downgrade: drop those tables (their indexes go with them)."""
    from alembic.operations import ops

    for table in reversed(first_kit_tables(roster)):
        op.invoke(ops.DropTableOp.from_table(table))


def create_database(url: str) -> bool:
    """Create the database named in ``url`` if missing; True if it was created."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": target.database}).scalar()
            if exists:
                return False
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
            return True
    finally:
        admin.dispose()


def drop_database(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    finally:
        admin.dispose()
