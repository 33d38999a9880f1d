"""What the signed-in user may do in each service: its ``capabilities()`` RPC, asked once per session.

Each service answers for the calling identity by its own rules (``{"create_order": true, "decide": false, …}``);
the web keeps the names answered ``true``, per service, in the session cookie (a few hundred bytes at most),
so pages and the menu need no call after the first. A new token (login, refresh) drops them — the roles may
have changed — and they are asked again on the next page. A page that is about to refuse (403) asks the
service again first, and a page whose content depends on one (the check-in page: does attendance track this
employee yet?) asks it on every visit, so a change (a new supervisor, an employee just added to the roster)
never waits for the next token.

A service that does not answer (not running, broker or database away, too slow) is left out, not stored: its
area disappears from the menu for this request and it is asked again on the next. A page that needs one of its
capabilities answers 503 instead. Any other error is a bug and is raised.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from situok_kit.edge import is_outage
from situok_kit.errors import ServiceTimeout

from .sessions import WebSession

log = logging.getLogger("situok.web")


def granted_names(answer: dict) -> list[str]:
    """The capabilities an answer grants (``true``), sorted; other fields (``employee_id``) are not kept."""
    return sorted(name for name, value in (answer or {}).items() if value is True)


def ask(proxies, session: WebSession, service: str) -> frozenset[str] | None:
    """Ask ``service`` now and keep its answer in the session; None while it does not answer."""
    try:
        answer = getattr(proxies, service).capabilities()
    except Exception as exc:
        if not (isinstance(exc, ServiceTimeout) or is_outage(exc)):
            raise
        log.warning("capabilities of %s unavailable: %r", service, exc)
        return None
    names = granted_names(answer)
    session.keep_capabilities(service, names)
    return frozenset(names)


def load(proxies, session: WebSession, services: Iterable[str], asked: set[str]) -> dict[str, frozenset[str]]:
    """``service -> granted names`` for each of ``services`` that answered (now, or earlier this session);
    the services asked now are added to ``asked``.

    ``proxies`` has an RPC proxy per service as an attribute (the web service itself)."""
    found: dict[str, frozenset[str]] = {}
    for service in services:
        cached = session.capabilities.get(service)
        if cached is not None:
            found[service] = frozenset(cached)
            continue
        answer = ask(proxies, session, service)
        asked.add(service)
        if answer is not None:
            found[service] = answer
    return found
