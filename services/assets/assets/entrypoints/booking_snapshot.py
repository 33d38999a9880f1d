"""booking's pull of every bookable resource (``domain.resources.snapshot``): what booking's ``sync_resources``
and its start-up timer read, for the resources published before booking's queue existed. System only, like
personnel's ``employee_snapshot``."""
from __future__ import annotations

from situok_kit.identity import SYSTEM
from situok_kit.pagination import clamp_limit, decode_cursor, encode_cursor
from situok_kit.rpc import api

from ..domain import resources
from ..schemas.resources import ResourceSnapshotPage

_page = ResourceSnapshotPage()


class BookingSnapshotEntrypoints:
    """The snapshot RPC (mixed into ``AssetsService``)."""

    @api
    def booking_resource_snapshot(self, cursor=None, limit=200):
        """System only: every bookable building, room and lendable vehicle as ``assets.resource_published``
        carries it (``ResourceEvent``), by kind then id; ``{items, next_cursor}``."""
        ident = self.caller.require()
        self.caller.ensure(ident.account_id == SYSTEM.account_id and ident.username == SYSTEM.username,
                           "booking_resource_snapshot is for services only")
        found = resources.snapshot(self.db.session, decode_cursor(cursor, 2), clamp_limit(limit))
        return _page.dump({"items": found["items"],
                           "next_cursor": encode_cursor(found["next_cursor"]) if found["next_cursor"] else None})
