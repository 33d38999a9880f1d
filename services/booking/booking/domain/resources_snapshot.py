"""booking's pull of assets' whole list of bookable resources (``assets.booking_resource_snapshot``, system
identity, a **standalone** proxy: booking keeps no ``RpcProxy`` dependency — tests/deploy/test_least_privilege.py),
for what assets published before booking's queue existed. At start (a timer, until one pull has worked) and on
``sync_resources`` (admin). When assets does not answer, booking carries on with what it has."""
from __future__ import annotations

import logging

from marshmallow import ValidationError
from situok_kit.config import env_float
from situok_kit.identity import system_context
from situok_kit.rpc import cluster_proxy

from ..schemas.resources import AssetsResourceIn
from . import resources

log = logging.getLogger(__name__)

PAGE = 200
_row_in = AssetsResourceIn()


def pull(amqp_uri: str, timeout: float | None = None) -> list[dict]:
    """Every page of assets' snapshot, each row as ``AssetsResourceIn`` loads it (a row booking cannot read is
    logged and left out)."""
    timeout = env_float("SITUOK_RPC_TIMEOUT") if timeout is None else timeout
    proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data=system_context())
    assets = proxy.start().assets
    rows: list[dict] = []
    try:
        cursor = None
        while True:
            answer = assets.booking_resource_snapshot(cursor=cursor, limit=PAGE)
            for item in answer["items"]:
                try:
                    rows.append(_row_in.load(item))
                except ValidationError as exc:
                    log.warning("assets snapshot row %s refused: %s", item.get("resource_key"), exc.messages)
            cursor = answer.get("next_cursor")
            if not cursor:
                return rows
    finally:
        proxy.stop()


def sync_with(db, amqp_uri: str, timeout: float | None = None) -> dict:
    """Pull, then store in one transaction (``db``: the worker's ``UnitOfWork``)."""
    rows = pull(amqp_uri, timeout)
    with db.transaction() as tx:
        return resources.apply_snapshot(tx, rows)
