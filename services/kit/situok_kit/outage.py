"""Which errors mean "a dependency is unreachable" rather than "this request is wrong".

The edges answer them 503 with ``Retry-After``; event consumers wait them out instead of dead-lettering the
event (the event is fine, the database or broker is away). Checked by class through the MRO, whichever
library raised them, and by name for errors that arrive from another service over RPC.
"""
from __future__ import annotations

import socket

from amqp.exceptions import RecoverableConnectionError
from kombu.exceptions import OperationalError as KombuOperationalError
from nameko.exceptions import RemoteError, UnknownService
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.exc import InterfaceError as DBInterfaceError
from sqlalchemy.exc import OperationalError as DBOperationalError

from .errors import ServiceUnavailable

#: Errors that mean "unreachable", whichever library raised them (checked by class, through the MRO).
OUTAGE_ERRORS = (ServiceUnavailable, UnknownService, ConnectionError, socket.error, TimeoutError,
                 KombuOperationalError, RecoverableConnectionError, DBOperationalError, DBInterfaceError,
                 DisconnectionError)
#: The same errors as they arrive from another service over RPC (``RemoteError.exc_type``).
REMOTE_OUTAGE_TYPES = frozenset({"OperationalError", "InterfaceError", "DisconnectionError", "ConnectionError",
                                 "RecoverableConnectionError", "ConnectionRefusedError", "ConnectionResetError"})


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` means a dependency is unreachable: the broker, a database (here or in the service
    that answered), or an RPC target nobody serves."""
    if isinstance(error, RemoteError):
        return error.exc_type in REMOTE_OUTAGE_TYPES
    return isinstance(error, OUTAGE_ERRORS)
