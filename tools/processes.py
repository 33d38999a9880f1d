"""Child processes of the local stack: start one, show or log its output, stop them all.

Shared by tools/stack.py (the services and Traefik) and tools/local_servers.py (a
project-local RabbitMQ and PostgreSQL), so starting and stopping is written once.

Every child leads its own session (``start_new_session``): a Ctrl-C in the
terminal reaches only the supervisor, which then stops the children itself, and
a child's whole process group can be killed when its leader leaves helpers
behind. Only the standard library is used.
"""
from __future__ import annotations

import itertools
import os
import pwd
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: ANSI colours for process names on a terminal (honcho's habit: one colour per process).
_COLOURS = ("36", "33", "32", "35", "34", "96", "93", "92", "95", "94")


class Console:
    """Writes every line a child prints to our stdout, prefixed with the time and the child's name."""

    def __init__(self, stream=None, width: int = 12):
        self.stream = stream or sys.stdout
        self.width = width
        self._lock = threading.Lock()
        self._colour = itertools.cycle(_COLOURS)
        self._colours: dict[str, str] = {}
        self._readers: list[threading.Thread] = []
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def say(self, name: str, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        label = f"{name:<{self.width}}"
        if self._tty:
            colour = self._colours.setdefault(name, next(self._colour))
            label = f"\033[{colour}m{label}\033[0m"
        with self._lock:
            for line in text.splitlines() or [""]:
                self.stream.write(f"{stamp} {label} | {line}\n")
            self.stream.flush()

    def follow(self, proc: Proc) -> None:
        """Copy ``proc``'s output to the console until it closes (the process and its heirs exited)."""
        pipe = proc.popen.stdout

        def copy() -> None:
            with pipe:
                for raw in iter(pipe.readline, b""):
                    self.say(proc.name, raw.decode("utf-8", errors="replace").rstrip("\n"))

        reader = threading.Thread(target=copy, name=f"output-{proc.name}", daemon=True)
        reader.start()
        self._readers = [r for r in self._readers if r.is_alive()] + [reader]

    def drain(self, timeout: float = 2.0) -> None:
        """Wait (bounded) until the output of exited children is written."""
        deadline = time.monotonic() + timeout
        for reader in self._readers:
            reader.join(max(0.0, deadline - time.monotonic()))


@dataclass
class Proc:
    """One child process: what to run, where its output goes, how to stop it politely."""

    name: str
    argv: list[str]
    #: Answers 200 once the process is ready (services: /health/ready); None: no such URL.
    health_url: str | None = None
    #: Output appended to this file; None: to the console, line by line, prefixed with ``name``.
    log_path: Path | None = None
    #: System user to run as when we are root (PostgreSQL refuses to run as root); None: as ourselves.
    user: str | None = None
    #: Sent to the process (not its group) to ask it to stop; PostgreSQL's fast shutdown is SIGINT.
    stop_signal: int = signal.SIGTERM
    cwd: Path | None = None
    popen: subprocess.Popen | None = field(default=None, repr=False)
    started_at: float = 0.0

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def spawn(self, env: dict, console: Console | None = None) -> None:
        kwargs, env = as_user(self.user, env)
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "ab") as log:
                self.popen = subprocess.Popen(self.argv, env=env, cwd=self.cwd, stdin=subprocess.DEVNULL,
                                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                              **kwargs)
        else:
            self.popen = subprocess.Popen(self.argv, env=env, cwd=self.cwd, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                          **kwargs)
            (console or Console()).follow(self)
        self.started_at = time.monotonic()

    def kill_group(self, sig: int = signal.SIGKILL) -> None:
        """Signal the process and everything it started in its session (helpers included)."""
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def tail(self, lines: int = 40) -> str:
        return tail(self.log_path, lines)


def tail(path: Path | None, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file ('' when there is none)."""
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def run_logged(argv: list[str], log_path: Path, user: str | None = None, cwd: Path | None = None,
               timeout: float = 120.0) -> int:
    """Run a one-shot command to its end (as ``user`` when we are root), its output appended to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    kwargs, env = as_user(user, dict(os.environ))
    with open(log_path, "ab") as log:
        return subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                              timeout=timeout, **kwargs).returncode


def as_user(user: str | None, env: dict) -> tuple[dict, dict]:
    """Popen arguments and environment that run a child as ``user`` (only when we are root)."""
    if user is None or os.geteuid() != 0:
        return {}, env
    entry = pwd.getpwnam(user)
    return ({"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []},
            {**env, "HOME": entry.pw_dir, "USER": user, "LOGNAME": user})


def stop_all(procs: Iterable[Proc], grace: float = 10.0) -> None:
    """Ask every running process to stop, wait up to ``grace`` seconds, then SIGKILL what is left.

    Every process group is swept at the end, so no helper a child started outlives it.
    """
    procs = [p for p in procs if p.popen is not None]
    for proc in procs:
        if proc.running:
            try:
                proc.popen.send_signal(proc.stop_signal)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill_group(signal.SIGKILL)
            proc.popen.wait(timeout=10)
    for proc in procs:
        proc.kill_group(signal.SIGKILL)


def wait_until(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.1,
               proc: Proc | None = None, stop: threading.Event | None = None) -> None:
    """Poll ``condition`` until it is true; TimeoutError after ``timeout`` s.

    Fails at once when ``proc`` exits first (with its log's tail) or ``stop`` is set (InterruptedError).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stop is not None and stop.is_set():
            raise InterruptedError(f"stopped while waiting for {what}")
        if proc is not None and proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited with code {proc.popen.returncode} while waiting for {what}"
                               + (f":\n{proc.tail()}" if proc.tail() else ""))
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"{what}: not within {timeout:.0f}s" + (f":\n{proc.tail()}" if proc and proc.tail() else ""))


def url_answers(url: str, timeout: float = 2.0) -> bool:
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@dataclass(frozen=True)
class Backoff:
    """How long a supervisor waits before restarting a process that exited: doubling, capped.

    A process that stayed up ``stable_after`` seconds starts again from ``first``.
    """

    first: float = 1.0
    cap: float = 30.0
    stable_after: float = 30.0

    def delay(self, failures: int) -> float:
        return min(self.cap, self.first * 2 ** max(0, failures - 1))
