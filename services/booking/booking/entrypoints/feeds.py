"""The feeds area's entrypoints: iCal feeds and their tokens (``domain.feeds``).

The token RPCs are the signed-in caller's own; ``feed_calendar`` is **public** (a calendar app has no session):
holding the token is the proof.
"""
from __future__ import annotations

from situok_kit.rpc import api

from ..domain import feeds
from ..schemas.feeds import FeedCalendarOut, FeedTokenCreatedOut, FeedTokenOut

_token_out = FeedTokenOut()
_created_out = FeedTokenCreatedOut()
_calendar_out = FeedCalendarOut()


class FeedEntrypoints:
    """RPCs of the feeds area (mixed into ``BookingService``)."""

    @api
    def get_feed_token(self):
        """The caller's feed token: whether there is one and since when (never the token again)."""
        return _token_out.dump(feeds.current(self.db.session, self._caller()))

    @api
    def create_feed_token(self):
        """A new feed token, shown this once; the caller's previous token stops working."""
        caller = self._caller()
        with self.db.transaction() as tx:
            return _created_out.dump(feeds.create(tx.session, caller))

    @api
    def revoke_feed_token(self):
        """The caller's feed token stops working."""
        caller = self._caller()
        with self.db.transaction() as tx:
            return _token_out.dump(feeds.revoke(tx.session, caller))

    @api
    def feed_calendar(self, token, scope, resource_id=None):
        """Public: the iCalendar text of ``mine`` or of one ``resource``; 404 for an unknown or revoked token."""
        with self.db.transaction() as tx:
            return _calendar_out.dump(feeds.calendar(tx.session, token, scope, resource_id))
