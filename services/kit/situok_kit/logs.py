"""JSON logs carrying the Nameko call id, so one request can be followed across services."""
from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import UTC, datetime

from nameko.extensions import DependencyProvider

from .config import env

_local = threading.local()  # green-thread local once eventlet has monkey-patched threading

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def current_call_id() -> str | None:
    return getattr(_local, "call_id", None)


def current_origin_call_id() -> str | None:
    """The call id at the start of the chain (e.g. the gateway's request id): the same in every service."""
    return getattr(_local, "origin_call_id", None)


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str = ""):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        call_id = getattr(record, "call_id", None) or current_call_id()
        if call_id:
            doc["call_id"] = call_id
        origin = getattr(record, "origin_call_id", None) or current_origin_call_id()
        if origin:
            doc["origin_call_id"] = origin
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in doc and not key.startswith("_"):
                doc[key] = value
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, default=str, ensure_ascii=False)


def configure_logging(service: str, level: str | None = None, fmt: str | None = None) -> None:
    handler = logging.StreamHandler(sys.stdout)
    if (fmt or env("SITUOK_LOG_FORMAT")) == "json":
        handler.setFormatter(JsonFormatter(service))
    else:
        handler.setFormatter(logging.Formatter(f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel((level or env("SITUOK_LOG_LEVEL")).upper())
    for noisy in ("amqp", "kombu", "nameko.containers", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class CallIdLogging(DependencyProvider):
    """Puts the worker's call id into every log line it writes; logs slow or failed calls."""

    def worker_setup(self, worker_ctx):
        _local.call_id = worker_ctx.call_id
        # Each service's call id differs; the origin is shared by the whole chain.
        _local.origin_call_id = worker_ctx.origin_call_id or worker_ctx.call_id

    def worker_teardown(self, worker_ctx):
        _local.call_id = None
        _local.origin_call_id = None
