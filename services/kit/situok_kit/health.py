"""``/health/live``, ``/health/ready`` and ``/metrics`` for every service.

Services speak only AMQP to each other; this small HTTP port is for the
orchestrator's probes (and Traefik's, for the gateway) and for Prometheus. Mix
``HealthMixin`` into the service class. Liveness fails when the process is
wedged: its broker consumer loop has stopped (``broker.stalled_consumers``), not
merely when the broker is away. Readiness checks the database (if the service
has ``db``) and the broker, so a degraded instance is taken out of rotation
without being restarted.
"""
from __future__ import annotations

import json
import time

from kombu import Connection
from nameko.dependency_providers import Config
from nameko.web.handlers import http

from .broker import stalled_consumers
from .metrics import exposition


def _json(status: int, body: dict):
    return status, {"Content-Type": "application/json"}, json.dumps(body)


#: How long a broker check result is reused. Probes come every second from Traefik and the
#: orchestrator; opening an AMQP connection for each would load the broker and flood its log.
BROKER_CHECK_TTL = 5.0
_broker_checks: dict[str, tuple[float, bool]] = {}


def broker_ok(amqp_uri: str, now: float | None = None) -> bool:
    now = time.monotonic() if now is None else now
    cached = _broker_checks.get(amqp_uri)
    if cached is not None and now - cached[0] < BROKER_CHECK_TTL:
        return cached[1]
    try:
        with Connection(amqp_uri, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1)
        ok = True
    except Exception:
        ok = False
    _broker_checks[amqp_uri] = (now, ok)
    return ok


class HealthMixin:
    config = Config()

    @http("GET", "/health/live")
    def health_live(self, request):
        stalled = stalled_consumers()
        if stalled:
            return _json(503, {"status": "fail", "service": self.name, "stalled_consumers": stalled})
        return _json(200, {"status": "ok", "service": self.name})

    @http("GET", "/metrics")
    def health_metrics(self, request):
        body, content_type = exposition()
        return 200, {"Content-Type": content_type}, body.decode()

    @http("GET", "/health/ready")
    def health_ready(self, request):
        checks = {}
        db = getattr(self, "db", None)
        if db is not None:
            try:
                checks["database"] = "ok" if db.ping() else "fail"
            except Exception:
                checks["database"] = "fail"
        amqp_uri = self.config.get("AMQP_URI")
        if amqp_uri:
            checks["broker"] = "ok" if broker_ok(amqp_uri) else "fail"
        ready = all(v == "ok" for v in checks.values())
        return _json(200 if ready else 503, {"status": "ok" if ready else "fail", "service": self.name,
                                             "checks": checks})
