"""The database dependency: a session per worker, all-or-nothing transactions.

Usage in a service::

    db = Database(Base.metadata)

    @rpc
    def create_thing(self, data):
        with self.db.transaction() as tx:
            tx.session.add(thing)
            tx.emit("things.thing_created", {...})   # outbox row in the same transaction
        return ...

``transaction()`` commits on success and rolls back on any exception, so a write
is never half-done. Engines use ``pool_pre_ping`` so a connection dropped by a
database restart is replaced on the next checkout instead of failing a request.
After a commit that wrote outbox rows the relay is nudged to publish at once.

Outside a worker: ``advisory_lock`` (one seed or sync at a time) and ``run_in_database`` (a command line's one
transaction) are here so each service does not write them again.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

from nameko.extensions import DependencyProvider
from sqlalchemy import MetaData, create_engine, event, insert, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from . import replies
from .config import database_url, env_int
from .envelope import Envelope
from .identity import identity_from_context
from .tables import KitTables, add_kit_tables

log = logging.getLogger(__name__)


def make_engine(url: str, pool_size: int | None = None, read_only: bool = False) -> Engine:
    """An engine with its own pool.

    Writes: ``pool_pre_ping`` replaces a connection the database dropped (a restart) before a
    transaction uses it. ``read_only``: autocommit connections the database itself keeps
    read-only, so a read costs no BEGIN/ROLLBACK round trip and cannot write; instead of a
    ping per checkout, ``ReadSession`` repeats a read once on a fresh connection when the one
    it used turns out dropped (a read is safe to repeat).
    """
    engine = create_engine(
        url,
        pool_pre_ping=not read_only,
        pool_size=pool_size or env_int("SITUOK_DB_POOL_SIZE"),
        max_overflow=10,
        pool_recycle=1800,
        **({"isolation_level": "AUTOCOMMIT"} if read_only else {}),
    )
    if read_only:
        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection, _record):
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
    return engine


def advisory_lock(session: Session, key: int) -> None:
    """One at a time: a transaction-scoped pg advisory lock on ``key``, held until ``session`` commits or rolls
    back. Seeds and roster syncs take one (a number of their own), so two started together run one after the
    other instead of inserting the same rows twice."""
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def run_in_database(service: str, work):
    """``work(session)`` in one committed transaction on ``service``'s database, through a short-lived
    one-connection engine; its result returned. For the command lines (seed, roster sync), which run once
    and exit, outside any Nameko worker."""
    engine = make_engine(database_url(service), pool_size=1)
    try:
        with Session(engine) as session:
            result = work(session)
            session.commit()
            return result
    finally:
        engine.dispose()


class ReadSession(Session):
    """The worker's read session, on the read-only autocommit pool (see ``make_engine``).
    Writes belong in ``transaction()``; flushing ORM changes here fails with that advice."""

    def flush(self, objects=None):
        if self.new or self.dirty or self.deleted:
            raise RuntimeError("db.session is read-only: write inside `with self.db.transaction() as tx:`")

    def _execute_internal(self, *args, **kwargs):
        try:
            return super()._execute_internal(*args, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            log.warning("read connection was dropped; repeating the read on a fresh one")
            self.rollback()  # let go of the dead connection; the pool has discarded its siblings
            return super()._execute_internal(*args, **kwargs)


class Transaction:
    """One unit of work: ``session`` plus ``emit`` for events committed with it."""

    def __init__(self, session: Session, tables: KitTables, headers: dict, actor: dict | None):
        self.session = session
        self._tables = tables
        self._headers = headers
        self._actor = actor
        self.emitted: list[Envelope] = []

    def emit(self, event_type: str, data: dict, actor: dict | None = None) -> Envelope:
        """Write an event to the outbox, in this transaction."""
        envelope = Envelope(type=event_type, data=data, actor=actor if actor is not None else self._actor)
        self.session.execute(insert(self._tables.outbox).values(
            event_id=envelope.id, event_type=event_type,
            envelope=envelope.to_dict(), headers=self._headers,
        ))
        self.emitted.append(envelope)
        return envelope


class UnitOfWork:
    """What ``self.db`` is inside a worker."""

    def __init__(self, provider: Database, worker_ctx=None):
        self._provider = provider
        self._worker_ctx = worker_ctx
        self._session: Session | None = None

    @property
    def engine(self) -> Engine:
        return self._provider.engine

    @property
    def session(self) -> Session:
        """A read-only session for this worker (autocommit; closed when the worker ends)."""
        if self._session is None:
            self._session = self._provider.read_sessionmaker()
        return self._session

    def _headers_and_actor(self) -> tuple[dict, dict | None]:
        if self._worker_ctx is None:
            return {}, None
        context = self._worker_ctx.context_data
        headers = {f"nameko.{k}": v for k, v in context.items() if v is not None}
        ident = identity_from_context(context)
        return headers, ident.actor() if ident else None

    @contextmanager
    def transaction(self):
        session = self._provider.sessionmaker()
        headers, actor = self._headers_and_actor()
        tx = Transaction(session, self._provider.tables, headers, actor)
        try:
            with session.begin():
                yield tx
                request = replies.request_of(self._worker_ctx)
                if request is not None and not getattr(self._worker_ctx, "situok_rpc_wrote", False):
                    # an RPC write: its effect and its record commit together
                    replies.mark(session, self._provider.tables.rpc_requests, request)
                    self._worker_ctx.situok_rpc_wrote = True
        finally:
            session.close()
        if tx.emitted:
            self._provider.nudge_relay()

    def run(self, fn, retries: int = 1):
        """Run ``fn(tx)`` in a transaction, once more if the connection was lost."""
        for attempt in range(retries + 1):
            try:
                with self.transaction() as tx:
                    return fn(tx)
            except DBAPIError as exc:
                if not exc.connection_invalidated or attempt == retries:
                    raise
                log.warning("database connection lost, retrying transaction")

    def ping(self) -> bool:
        with self._provider.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


class Database(DependencyProvider):
    """Nameko dependency: ``self.db`` (a ``UnitOfWork``) plus this service's outbox relay."""

    def __init__(self, metadata: MetaData, relay: bool = True):
        self.metadata = metadata
        self.tables = add_kit_tables(metadata)
        self.with_relay = relay
        self.engine: Engine | None = None
        self.sessionmaker = None
        self.read_engine: Engine | None = None
        self.read_sessionmaker = None
        self.relay = None

    def setup(self):
        url = self.container.config["DB_URL"]
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self.read_engine = make_engine(url, read_only=True)
        self.read_sessionmaker = sessionmaker(self.read_engine, class_=ReadSession, autoflush=False)
        if self.with_relay:
            from .outbox import OutboxRelay

            self.relay = OutboxRelay(self.engine, self.tables.outbox, self.container.config["AMQP_URI"])

    def start(self):
        if self.relay is not None:
            self.container.spawn_managed_thread(self.relay.run, identifier="outbox-relay")
        self.container.spawn_managed_thread(self._prune_rpc_requests, identifier="rpc-requests-prune")

    def _prune_rpc_requests(self):
        """Forget answered RPC requests older than ``replies.KEEP``, hourly; an outage only delays it."""
        import eventlet

        while True:
            try:
                replies.prune(self.engine, self.tables.rpc_requests)
            except Exception as exc:
                log.warning("could not prune %s (%s); trying again later", replies.TABLE, exc)
            eventlet.sleep(replies.PRUNE_EVERY_SECONDS)

    def recorded_request(self, correlation_id: str):
        return replies.recorded(self.engine, self.tables.rpc_requests, correlation_id)

    def store_answer(self, key, answer) -> None:
        replies.store_answer(self.engine, self.tables.rpc_requests, key, answer)

    def stop(self):
        if self.relay is not None:
            self.relay.stop()
        for engine in (self.engine, self.read_engine):
            if engine is not None:
                engine.dispose()

    def kill(self):
        self.stop()

    def nudge_relay(self) -> None:
        if self.relay is not None:
            self.relay.nudge()

    def get_dependency(self, worker_ctx):
        return UnitOfWork(self, worker_ctx)

    def worker_teardown(self, worker_ctx):
        dep = worker_ctx.service.__dict__.get(self.attr_name) if worker_ctx.service else None
        if isinstance(dep, UnitOfWork):
            dep.close()


def run_each(session, targets) -> dict:
    """Each ``module:function`` of ``targets`` called in order with ``session`` (a service's seeders, its sample
    data parts): ``{target: what it returned}`` — each returns counts of what it created."""
    import importlib

    report = {}
    for target in targets:
        module, _, function = target.partition(":")
        report[target] = getattr(importlib.import_module(module), function)(session)
    return report


def demo_when_ready(service: str, parts, ready, wait_seconds: float = 90.0, poll_seconds: float = 2.0) -> int:
    """``python -m <service>.demo`` of a ``Service.demo_after_start`` service: wait (at most ``wait_seconds``)
    until ``ready(session)`` says the running service holds what the sample data needs (its roster copy, another
    service's resources), then add ``parts`` (``run_each``) in one transaction and print what they created."""
    import time

    deadline = time.monotonic() + wait_seconds
    while not run_in_database(service, ready) and time.monotonic() < deadline:
        time.sleep(poll_seconds)  # the running service fills its copy; polled against a deadline
    report = run_in_database(service, lambda session: run_each(session, parts))
    print(f"{service} demo: " + (", ".join(f"{k}: {v}" for k, v in report.items()) or "nothing to add") + ".")
    return 0
