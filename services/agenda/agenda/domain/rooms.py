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
reference and the next attempt reuses it. ``SITUOK_RPC_TIMEOUT`` bounds the wait: booking away (no queue, no
answer in time, the broker unreachable) is ``ServiceUnavailable`` — a 503 for the staff, nothing written in
agenda. A request still queued when booking comes back is answered then: an event or visit saved later reuses
that booking under its reference; a new event whose save failed leaves it to be cancelled in booking.
"""
from __future__ import annotations

from datetime import datetime

from nameko.exceptions import RpcTimeout
from situok_kit.config import env_float
from situok_kit.errors import ServiceUnavailable
from situok_kit.identity import system_context
from situok_kit.outage import is_outage
from situok_kit.rpc import cluster_proxy

AWAY = "Layanan peminjaman ruangan sedang tidak tersedia; coba lagi sebentar lagi. Tidak ada yang disimpan."


def _call(amqp_uri: str, timeout: float | None, method: str, **kwargs):
    """booking's ``method`` as the system; booking away → ``ServiceUnavailable`` (its own errors pass as they
    are: a 409 for a taken room, a 422 for a room it does not know)."""
    timeout = env_float("SITUOK_RPC_TIMEOUT") if timeout is None else timeout
    proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data=system_context())
    try:
        return getattr(proxy.start().booking, method)(**kwargs)
    except RpcTimeout:
        raise ServiceUnavailable(AWAY) from None
    except Exception as exc:
        if is_outage(exc):
            raise ServiceUnavailable(AWAY) from None
        raise
    finally:
        proxy.stop()


def reserve(amqp_uri: str, *, reference: str, resource_id: int, starts_at: datetime, ends_at: datetime,
            purpose: str, contact_employee_id: int | None = None, timeout: float | None = None) -> dict:
    return _call(amqp_uri, timeout, "reserve_for_agenda", reference=reference, resource_id=resource_id,
                 starts_at=starts_at.isoformat(), ends_at=ends_at.isoformat(), purpose=purpose,
                 contact_employee_id=contact_employee_id)


def release(amqp_uri: str, *, reference: str, reason: str, timeout: float | None = None) -> dict | None:
    return _call(amqp_uri, timeout, "release_for_agenda", reference=reference, reason=reason)
