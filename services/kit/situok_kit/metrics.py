"""Prometheus metrics of a service process, served on its health port at ``/metrics`` (``HealthMixin``).

Counters for what an operator must see after a fault: RPC requests dropped because their caller had already
given up, replies that could not be delivered before the caller's deadline, redelivered requests answered
from the record instead of running again, and event handlers waiting out an outage. ``prometheus_client``
keeps them per process; several instances are summed by Prometheus.
"""
from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

RPC_EXPIRED = Counter(
    "situok_rpc_requests_expired_total", "RPC requests dropped unexecuted: the caller's deadline had passed.",
    ["service", "method"])
RPC_REPLIES_DROPPED = Counter(
    "situok_rpc_replies_dropped_total", "RPC replies not published before the caller's deadline (broker away).",
    ["service", "method"])
RPC_REPLY_RETRIES = Counter(
    "situok_rpc_reply_retries_total", "RPC reply publishes repeated because the broker was unreachable.",
    ["service", "method"])
RPC_REPLAYED = Counter(
    "situok_rpc_requests_replayed_total", "Redelivered RPC requests answered from the record, not run again.",
    ["service", "method"])
EVENTS_DUPLICATE = Counter(
    "situok_events_duplicate_total", "Events delivered again to a handler that had already applied them (skipped).",
    ["service", "handler"])
EVENT_OUTAGE_RETRIES = Counter(
    "situok_event_outage_retries_total", "Event handler attempts repeated because a dependency was unreachable.",
    ["service", "handler"])


def exposition() -> tuple[bytes, str]:
    """(body, content type) of ``/metrics``."""
    return generate_latest(), CONTENT_TYPE_LATEST
