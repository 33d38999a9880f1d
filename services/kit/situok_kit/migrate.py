"""Alembic per service: create databases and run each service's migration history.

Each service keeps ``migrations/`` next to its package; its ``env.py`` is two
lines that call ``run_env(metadata)``. ``situok-admin migrate <service>`` runs
``upgrade head`` against that service's database.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from .config import database_url


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


def run_env(target_metadata) -> None:
    """Body of every service's ``migrations/env.py``."""
    from alembic import context

    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


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
