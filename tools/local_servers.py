"""A project-local RabbitMQ and PostgreSQL for ``make run``, ``make test`` and ``make bench``, when none answers.

``LocalServers(data_root).ensure(amqp_uri, database_url)`` looks where the configuration points:

* something listens there: it is used as it is (this machine's servers, CI's, a remote one);
* nothing listens and the host is this machine (127.0.0.1, localhost): a RabbitMQ and/or a PostgreSQL of our
  own starts on exactly that port, its data under ``data_root`` (make run: var/rabbitmq and var/postgresql,
  kept across runs) or, with no ``data_root``, in a temporary directory removed when they stop (make test).
  A missing Debian package (rabbitmq-server, postgresql) is installed first when we may, by
  tools/ensure_system_packages.sh;
* nothing listens elsewhere, or the server cannot be installed: ``ServerUnavailable`` says what to do.

Ours never disturb another server of the same kind on this machine: RabbitMQ runs as an Erlang node of its
own (``situok-<port>@localhost``, its own distribution port, its own configuration and environment files, no
plugins, so no management port), PostgreSQL as a cluster of its own without a Unix socket. Run by root, they
run as their system users (rabbitmq, postgres): PostgreSQL refuses root, and rabbitmqctl (which also runs as
the rabbitmq user) then shares the node's Erlang cookie.
"""
from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.processes import Proc, as_user, run_logged, stop_all, tail, wait_until  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ENSURE_PACKAGES = ROOT / "tools" / "ensure_system_packages.sh"
#: Debian keeps the real scripts here; /usr/sbin holds root-only wrappers that switch to the rabbitmq user.
RABBITMQ_SCRIPTS = Path("/usr/lib/rabbitmq/bin")
EPMD_PORT = 4369


class ServerUnavailable(RuntimeError):
    """A server neither answers nor can be started here; the message says what to do."""


@dataclass(frozen=True)
class Endpoint:
    kind: str          # RabbitMQ, PostgreSQL
    host: str
    port: int
    variable: str      # the setting that points there
    user: str = ""     # PostgreSQL: the role the URL logs in as

    @property
    def local(self) -> bool:
        return self.host in LOOPBACK

    @property
    def bind_address(self) -> str:
        return "::1" if self.host == "::1" else "127.0.0.1"

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def broker_endpoint(amqp_uri: str, variable: str = "SITUOK_AMQP_URI") -> Endpoint:
    parts = urlsplit(amqp_uri)
    return Endpoint("RabbitMQ", parts.hostname or "127.0.0.1", parts.port or 5672, variable)


def database_endpoint(url: str, variable: str = "SITUOK_DB_URL_TEMPLATE") -> Endpoint:
    parts = urlsplit(url)
    return Endpoint("PostgreSQL", parts.hostname or "127.0.0.1", parts.port or 5432, variable,
                    unquote(parts.username or "postgres"))


def listening(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def amqp_answers(endpoint: Endpoint) -> bool:
    """The broker speaks AMQP 0-9-1: it answers the protocol header with a method frame (Connection.Start)."""
    try:
        with socket.create_connection((endpoint.host, endpoint.port), timeout=2) as sock:
            sock.settimeout(2)
            sock.sendall(b"AMQP\x00\x00\x09\x01")
            return sock.recv(1) == b"\x01"
    except OSError:
        return False


def postgres_answers(endpoint: Endpoint) -> bool:
    """PostgreSQL accepts a session (not only a connection: it refuses sessions while starting up)."""
    import psycopg2

    try:
        connection = psycopg2.connect(host=endpoint.host, port=endpoint.port, user=endpoint.user, dbname="postgres",
                                      connect_timeout=2)
    except psycopg2.OperationalError:
        return False
    connection.close()
    return True


def system_user(name: str) -> str | None:
    """``name`` when we are root and that user exists (the server runs as it); None: run as ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(name)
    except KeyError:
        return None
    return name


def reachable(path: Path, user: str | None) -> bool:
    """Can ``user`` (None: ourselves) enter ``path``? A server run as its system user needs every directory
    above its data open to it (a checkout under /root is not)."""
    if user is None:
        return True
    kwargs, env = as_user(user, {"PATH": os.defpath})
    return subprocess.run(["test", "-x", str(path)], env=env, capture_output=True, timeout=10,
                          **kwargs).returncode == 0


def give_to(user: str | None, *paths: Path) -> None:
    """Make ``paths`` belong to ``user`` (what the server writes itself is its own already); nothing when we
    run as ourselves."""
    if user is None:
        return
    for path in paths:
        shutil.chown(path, user, user)


class LocalRabbitMQ:
    kind = "RabbitMQ"
    name = "rabbitmq"  # its directory under the data root and its log's name
    package = "rabbitmq-server"
    runs_as = "rabbitmq"  # when we are root

    def __init__(self, endpoint: Endpoint, data_dir: Path, log_path: Path, throwaway: bool):
        self.endpoint, self.data_dir, self.log_path = endpoint, data_dir, log_path

    @property
    def node(self) -> str:
        return f"situok-{self.endpoint.port}@localhost"

    @staticmethod
    def program(name: str = "rabbitmq-server") -> str | None:
        packaged = RABBITMQ_SCRIPTS / name
        return str(packaged) if packaged.is_file() else shutil.which(name)

    @classmethod
    def installed(cls) -> bool:
        return cls.program() is not None

    def proc(self) -> tuple[Proc, dict]:
        """The server process and its environment, with its configuration files written."""
        from tools.traefik import free_port

        user = system_user(self.runs_as)
        data = self.data_dir
        data.mkdir(parents=True, exist_ok=True)
        (data / "rabbitmq.conf").write_text(
            f"listeners.tcp.local = {self.endpoint.bind_address}:{self.endpoint.port}\n"
            "loopback_users.guest = true\n")  # guest/guest, from this machine only (RabbitMQ's default)
        (data / "enabled_plugins").write_text("[].\n")
        # This machine's rabbitmq-env.conf names its own node and ports: ours reads an empty one.
        (data / "rabbitmq-env.conf").write_text("")
        give_to(user, data, *(data / name for name in ("rabbitmq.conf", "enabled_plugins", "rabbitmq-env.conf")))
        env = {
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": self.endpoint.bind_address,
            "RABBITMQ_NODE_PORT": str(self.endpoint.port),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_CONFIG_FILE": str(data / "rabbitmq.conf"),
            "RABBITMQ_CONF_ENV_FILE": str(data / "rabbitmq-env.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(data / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(data / "mnesia"),
            "RABBITMQ_LOG_BASE": str(data / "log"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }
        return Proc("rabbitmq", [self.program()], log_path=self.log_path, user=user, cwd=data), env

    def ready(self) -> bool:
        return amqp_answers(self.endpoint)


class LocalPostgres:
    kind = "PostgreSQL"
    name = "postgresql"
    package = "postgresql"
    runs_as = "postgres"

    def __init__(self, endpoint: Endpoint, data_dir: Path, log_path: Path, throwaway: bool):
        self.endpoint, self.data_dir, self.log_path, self.throwaway = endpoint, data_dir, log_path, throwaway

    @staticmethod
    def bindir() -> Path | None:
        """The newest Debian PostgreSQL (/usr/lib/postgresql/<version>/bin), else the one on PATH."""
        packaged = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/postgres") if p.parts[-3].isdigit()]
        if packaged:
            return max(packaged, key=lambda p: int(p.parts[-2]))
        found = shutil.which("postgres")
        return Path(found).parent if found else None

    @classmethod
    def installed(cls) -> bool:
        return cls.bindir() is not None

    def proc(self) -> tuple[Proc, dict]:
        """The server process, after creating its cluster on the first start."""
        user = system_user(self.runs_as)
        if os.geteuid() == 0 and user is None:
            raise ServerUnavailable("PostgreSQL refuses to run as root and there is no `postgres` system user to "
                                    f"run it as: install postgresql, or point {self.endpoint.variable} at a server.")
        bindir = self.bindir()
        if not (self.data_dir / "PG_VERSION").exists():
            self.initdb(bindir, user)
        argv = [str(bindir / "postgres"), "-D", str(self.data_dir), "-p", str(self.endpoint.port),
                "-c", f"listen_addresses={self.endpoint.host}", "-c", "unix_socket_directories="]
        if self.throwaway:  # nothing to keep: skip the work that makes data survive a crash
            argv += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        # SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
        return Proc("postgresql", argv, log_path=self.log_path, user=user, cwd=self.data_dir,
                    stop_signal=signal.SIGINT), {}

    def initdb(self, bindir: Path, user: str | None) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        give_to(user, self.data_dir)
        self.data_dir.chmod(0o700)
        argv = [str(bindir / "initdb"), "-D", str(self.data_dir), "-U", self.endpoint.user, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8"]
        if run_logged(argv, self.log_path, user=user, cwd=self.data_dir) != 0:
            raise ServerUnavailable(f"initdb failed for {self.data_dir}:\n{tail(self.log_path)}")

    def ready(self) -> bool:
        return postgres_answers(self.endpoint)


class LocalServers:
    """The servers this run started (none when both answered already); ``stop`` ends them.

    ``data_root`` holds their data (``rabbitmq/``, ``postgresql/``) and logs (``log/``); None: a temporary
    directory, removed by ``stop``.
    """

    def __init__(self, data_root: Path | None = None, log: Callable[[str], None] = print):
        self.data_root = data_root
        self.throwaway = data_root is None
        self.log = log
        self.procs: list[Proc] = []
        self.started: list[LocalRabbitMQ | LocalPostgres] = []
        self._epmd_started_here = False

    @property
    def rabbitmq_node(self) -> str | None:
        """The Erlang node of the RabbitMQ started here (``rabbitmqctl -n`` it), if one was."""
        return next((s.node for s in self.started if isinstance(s, LocalRabbitMQ)), None)

    def ensure(self, amqp_uri: str, database_url: str, timeout: float = 90.0,
               stop: threading.Event | None = None) -> LocalServers:
        """Make the broker at ``amqp_uri`` and the database server of ``database_url`` answer (module doc)."""
        wanted = []
        for server, endpoint in ((LocalRabbitMQ, broker_endpoint(amqp_uri)),
                                 (LocalPostgres, database_endpoint(database_url))):
            if listening(endpoint.host, endpoint.port):
                self.log(f"{endpoint.kind} answers at {endpoint}: using it")
            elif not endpoint.local:
                raise ServerUnavailable(f"{endpoint.kind} does not answer at {endpoint}: start it there, or point "
                                        f"{endpoint.variable} at a running server.")
            else:
                wanted.append((server, endpoint))
        if not wanted:
            return self
        self._install([(server, endpoint) for server, endpoint in wanted if not server.installed()])
        try:
            root = self._root([system_user(server.runs_as) for server, _ in wanted])
            waits = []
            for server_class, endpoint in wanted:
                name = server_class.name
                server = server_class(endpoint, root / name, root / "log" / f"{name}.log", self.throwaway)
                proc, env = server.proc()
                if server_class is LocalRabbitMQ:
                    self._epmd_started_here = not listening("127.0.0.1", EPMD_PORT)
                proc.spawn({**os.environ, **env})
                self.procs.append(proc)
                self.started.append(server)
                waits.append((server, proc))
                self.log(f"starting a local {endpoint.kind} on {endpoint} (data in {server.data_dir}, "
                         f"log {server.log_path})")
            for server, proc in waits:
                wait_until(server.ready, timeout, f"the local {server.kind} on {server.endpoint}", interval=0.2,
                           proc=proc, stop=stop)
                self.log(f"local {server.kind} answers on {server.endpoint}")
        except BaseException:
            self.stop()
            raise
        return self

    def _install(self, missing: list) -> None:
        if not missing:
            return
        packages = [server.package for server, _ in missing]
        subprocess.run(["bash", str(ENSURE_PACKAGES), *packages], check=False, timeout=900)
        still = [(server, endpoint) for server, endpoint in missing if not server.installed()]
        if still:
            names = " ".join(server.package for server, _ in still)
            raise ServerUnavailable(
                f"nothing answers at {', '.join(f'{e.kind} {e}' for _, e in still)} and {names} is not installed: "
                f"install it (sudo apt-get install {names}), or point "
                f"{' / '.join(e.variable for _, e in still)} at a running server.")

    def _root(self, users: list[str | None]) -> Path:
        """The data root, reachable by every user a server runs as (a throwaway one moves to /tmp if not)."""
        if self.data_root is None:
            self.data_root = Path(tempfile.mkdtemp(prefix="situok-servers-"))
            self.data_root.chmod(0o755)
            if not all(reachable(self.data_root, user) for user in users):
                self.data_root.rmdir()
                self.data_root = Path(tempfile.mkdtemp(prefix="situok-servers-", dir="/tmp"))
                self.data_root.chmod(0o755)
        self.data_root.mkdir(parents=True, exist_ok=True)
        for user in users:
            if not reachable(self.data_root, user):
                raise ServerUnavailable(
                    f"the {user} system user, which runs the local server, cannot reach {self.data_root}: a "
                    f"directory above it is private. Open it (chmod o+x on each), or point SITUOK_AMQP_URI / "
                    f"SITUOK_DB_URL_TEMPLATE at running servers.")
        return self.data_root

    def stop(self, grace: float = 30.0) -> None:
        """Stop the servers started here (never another one); remove their data when it was throwaway."""
        if self.procs:
            stop_all(self.procs, grace)
            for server in self.started:
                self.log(f"stopped the local {server.kind} on {server.endpoint}")
        if self._epmd_started_here:
            # Our RabbitMQ started the Erlang port mapper; it refuses to stop while another node uses it.
            epmd = shutil.which("epmd")
            if epmd:
                subprocess.run([epmd, "-kill"], capture_output=True, timeout=10)
            self._epmd_started_here = False
        if self.throwaway and self.data_root is not None and self.data_root.exists():
            shutil.rmtree(self.data_root)
        self.procs, self.started = [], []

    def __enter__(self) -> LocalServers:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def servers_for_tests(log: Callable[[str], None] = print) -> Iterator[dict]:
    """``make test`` and ``make bench``: the servers ``SITUOK_TEST_AMQP_URI`` / ``SITUOK_TEST_PG_URL`` name
    (default: this machine's), or throwaway local ones on those ports. Yields the environment the tests read."""
    from situok_kit import testing

    if testing.uses_containers():
        yield {}  # testcontainers starts its own
        return
    amqp = os.environ.get("SITUOK_TEST_AMQP_URI") or testing.DEFAULT_AMQP
    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    with LocalServers(None, log).ensure(amqp, pg, stop=None) as servers:
        env = {"SITUOK_TEST_AMQP_URI": amqp, "SITUOK_TEST_PG_URL": pg}
        if servers.rabbitmq_node:
            env["SITUOK_TEST_RABBITMQ_NODE"] = servers.rabbitmq_node
        yield env
