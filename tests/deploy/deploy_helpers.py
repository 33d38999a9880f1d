"""Shared by the tests that run the real Traefik: a stand-in backend and a bounded poll."""
from __future__ import annotations

import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Backend:
    """A stand-in gateway or web instance answering health checks and a few of their paths."""

    def __init__(self, name: str, port: int = 0):
        backend = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.0: one request per connection, so a stopped backend refuses
            # the very next request instead of leaving a kept-alive socket behind.
            protocol_version = "HTTP/1.0"

            def _answer(self, status: int = 200) -> None:
                body = json.dumps({"backend": backend.name, "path": self.path}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802  (http.server's naming)
                self._answer(200 if self.path in ("/health/ready", "/health/live", "/api/v1/ping", "/", "/masuk")
                             else 404)

            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer(200 if self.path in ("/api/v1/auth/login", "/masuk") else 404)

            def log_message(self, *args):
                pass

        self.name = name
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()  # closes the listening socket: connections are refused
        self.thread.join(timeout=5)


def poll(predicate, timeout: float = 10.0, interval: float = 0.05):
    """Return predicate()'s first truthy value, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s: {predicate.__doc__ or predicate}")


def stop_process(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within ``grace`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
