"""Rooms through booking: an internal event's room and an approved visit's room are booked in booking, as the
system, by an RPC that needs the answer now (is the room free?): ``booking.reserve_for_agenda`` and
``booking.release_for_agenda``.

* ``reserve`` books ``resource_id`` for ``[starts_at, ends_at)`` under ``reference`` (``agenda-event:12``,
  ``agenda-visit:34``) and answers booking's ``AgendaRoomOut`` (booking id, resource name, status). booking
  makes the booking and approves it in one transaction; a room already taken is a ``Conflict`` (409) naming
  the booking that holds the time, which agenda shows to the staff as it is. The same reference asked again
  (a retry after agenda's own transaction failed, a changed time) updates the one booking: no orphan, no
  double.
* ``release`` cancels the booking of ``reference`` (an event cancelled or moved elsewhere, a visit refused
  after all) — nothing when there is none.

The call is made before agenda's own commit; if that commit then fails, the booking stays under its
reference and the next attempt reuses it. ``SITUOK_RPC_TIMEOUT`` bounds the wait: booking away is a 503 for
the staff, nothing written in agenda.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.config import env_float
from situok_kit.identity import system_context
from situok_kit.rpc import cluster_proxy


def _booking(amqp_uri: str, timeout: float | None):
    timeout = env_float("SITUOK_RPC_TIMEOUT") if timeout is None else timeout
    return cluster_proxy(amqp_uri, timeout=timeout, context_data=system_context())


def reserve(amqp_uri: str, *, reference: str, resource_id: int, starts_at: datetime, ends_at: datetime,
            purpose: str, contact_employee_id: int | None = None, timeout: float | None = None) -> dict:
    proxy = _booking(amqp_uri, timeout)
    try:
        return proxy.start().booking.reserve_for_agenda(
            reference=reference, resource_id=resource_id, starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(), purpose=purpose, contact_employee_id=contact_employee_id)
    finally:
        proxy.stop()


def release(amqp_uri: str, *, reference: str, reason: str, timeout: float | None = None) -> dict | None:
    proxy = _booking(amqp_uri, timeout)
    try:
        return proxy.start().booking.release_for_agenda(reference=reference, reason=reason)
    finally:
        proxy.stop()
