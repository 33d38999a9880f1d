"""The HTTP edge: one entrypoint class for everything that answers people over HTTP (the gateway, the web app).

``EdgeHandler`` is Nameko's ``HttpRequestHandler`` (so it shares the service's one ``WebServer`` with the health
endpoints) doing what every edge must do the same way:

* **request id**: the caller's ``X-Request-Id`` if it is short and plain, else the Nameko call id; the caller's
  id heads the call-id stack, so every service the request reaches logs it (``origin_call_id``), and every
  response carries it;
* **answers**: the worker's result goes to ``respond`` (the subclass turns it into JSON or a page); an
  exception to ``failure``, which gets a ``Failure`` saying what to tell the user: the status, a message,
  the error's fields, ``Retry-After`` — an unexpected error is a 500 naming only the reference id (the
  traceback is in the log under it), never the exception itself;
* **degraded, not broken**: while the broker or a database is unreachable (connection errors, an RPC target
  nobody serves) the answer is a 503 with ``Retry-After``, not a 500; the same while the process is stopping;
* **size limits**: ``limit_body`` caps what is read of a request body (413, not read).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import partial

from eventlet.event import Event
from nameko.constants import CALL_ID_STACK_CONTEXT_KEY
from nameko.exceptions import ContainerBeingKilled, UnknownService
from nameko.web.handlers import HttpRequestHandler
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import DomainError, PayloadTooLarge, ServiceTimeout, ServiceUnavailable
from .outage import OUTAGE_ERRORS, REMOTE_OUTAGE_TYPES, is_outage  # noqa: F401 (re-exported for the edges)

log = logging.getLogger("situok.edge")

REQUEST_ID_HEADER = "X-Request-Id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
#: Seconds a client is asked to wait before retrying while a dependency is unreachable.
RETRY_AFTER_SECONDS = 5
UNAVAILABLE_MESSAGE = "Layanan sedang tidak tersedia. Coba lagi sebentar lagi."


def request_id_from(request) -> str | None:
    """The caller's ``X-Request-Id`` if it is short and plain (it ends up in logs and headers)."""
    value = request.headers.get(REQUEST_ID_HEADER)
    if value and _REQUEST_ID.match(value):
        return value
    return None


def limit_body(request, max_bytes: int) -> bytes:
    """The raw request body; a body over ``max_bytes`` is a 413 and is not read."""
    request.max_content_length = max_bytes
    try:
        return request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise PayloadTooLarge(f"Badan permintaan melebihi {size_text(max_bytes)}.", {"body": "Terlalu besar."})


def size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


@dataclass
class Failure:
    """What an edge tells the user about an error."""

    status: int
    code: str
    message: str
    fields: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    #: The reference id to show (500 only): the request id under which the traceback is logged.
    reference: str | None = None
    #: The domain error itself, when there was one (its ``extra`` may matter to the edge).
    error: DomainError | None = None


def failure_of(error: BaseException, request_id: str) -> Failure:
    """The ``Failure`` for ``error``: a domain error as it is; an outage a 503 with ``Retry-After``; a
    timeout a 504; anything else a 500 naming only ``request_id``."""
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if isinstance(error, ServiceTimeout):
        return Failure(error.status, error.code, error.message, error.fields, dict(retry), error=error)
    if is_outage(error):
        message = error.message if isinstance(error, ServiceUnavailable) else (
            f"Layanan {error} tidak tersedia." if isinstance(error, UnknownService) else UNAVAILABLE_MESSAGE)
        return Failure(503, "service_unavailable", message, headers=dict(retry),
                       error=error if isinstance(error, DomainError) else None)
    if isinstance(error, DomainError):
        return Failure(error.status, error.code, error.message, error.fields, error=error)
    return Failure(500, "internal_error", "Terjadi kesalahan pada server.", reference=request_id)


class EdgeHandler(HttpRequestHandler):
    """``@http`` entrypoint of an edge (see module doc). Subclasses answer with ``respond`` and ``render``."""

    def handle_request(self, request):
        request.shallow = False
        incoming = request_id_from(request)
        context_data = {CALL_ID_STACK_CONTEXT_KEY: [incoming]} if incoming else {}
        event = Event()
        try:
            self.container.spawn_worker(self, (request,), request.path_values, context_data=context_data,
                                        handle_result=partial(self._handle_result, event))
        except ContainerBeingKilled:
            failure = Failure(503, "service_unavailable", "Layanan sedang dihentikan; coba lagi.",
                              headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            return self._stamp(self.render(failure, request, incoming), incoming)
        result, exc_info, call_id = event.wait()
        request_id = incoming or call_id
        if exc_info is None:
            response = self.respond(result, request, request_id)
        else:
            response = self.fail(exc_info[1], request, request_id, call_id)
        return self._stamp(response, request_id)

    def respond(self, result, request, request_id: str):
        """The response for what the worker returned (a subclass may meet a returned error: ``fail``)."""
        return result

    def fail(self, error: BaseException, request, request_id: str, call_id: str):
        failure = failure_of(error, request_id)
        if failure.status == 500:
            # The traceback was logged by the container under this call id.
            log.error("unexpected error answering %s %s: %r (reference %s)", request.method, request.path,
                      error, request_id, extra={"request_id": request_id, "call_id": call_id})
        elif failure.status == 503 and not isinstance(error, DomainError):
            log.warning("answering 503 for %s %s: a dependency is unreachable (%r)", request.method, request.path,
                        error, extra={"request_id": request_id, "call_id": call_id})
        return self.render(failure, request, request_id)

    def render(self, failure: Failure, request, request_id: str | None):
        """The response telling the user about ``failure`` (problem+json, an error page …)."""
        raise TypeError(f"{type(self).__name__} must define render()")

    @staticmethod
    def _stamp(response, request_id: str | None):
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        return response

    def _handle_result(self, event, worker_ctx, result, exc_info):
        event.send((result, exc_info, worker_ctx.call_id))
        return result, exc_info
