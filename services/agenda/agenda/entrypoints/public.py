"""The public area's entrypoints: what the portal shows (``domain.portal``; ``domain.publication`` decides).

Every RPC here is **public**: it takes no identity (the edges call them for anyone, like booking's
``guest_resources``) and answers only what the rule publishes, each answer with a ``version`` for the ETag.
"""
from __future__ import annotations

from situok_kit.rpc import api

from ..domain import portal
from ..schemas.public import (
    PublicEventOut,
    PublicEventPage,
    PublicFeedOut,
    PublicFileOut,
    PublicHomeOut,
    PublicMonthIndex,
    PublicSitemapOut,
)

_page_out = PublicEventPage()
_months_out = PublicMonthIndex()
_event_out = PublicEventOut()
_home_out = PublicHomeOut()
_feed_out = PublicFeedOut()
_sitemap_out = PublicSitemapOut()
_file_out = PublicFileOut()


class PublicEntrypoints:
    """RPCs of the public area (mixed into ``AgendaService``)."""

    @api
    def public_home(self):
        """Public: the portal home's agenda section (the next public events, the latest documentation)."""
        return portal.versioned(_home_out.dump(portal.home(self.db.session)))

    @api
    def public_upcoming(self, cursor=None, limit=20):
        """Public: public events from today (WITA) on, soonest first."""
        return portal.versioned(_page_out.dump(portal.upcoming(self.db.session, None, cursor, limit)))

    @api
    def public_months(self, documented=False):
        """Public: the archive's months (YYYY-MM, WITA) with counts; ``documented``: months with documentation."""
        return portal.versioned(_months_out.dump(portal.months(self.db.session, None, bool(documented))))

    @api
    def public_archive(self, month, documented=False, cursor=None, limit=50):
        """Public: one month's events, newest first (``documented``: only those with public documentation);
        422 for a month not ``YYYY-MM``."""
        answer = portal.archive(self.db.session, month, None, bool(documented), cursor, limit)
        return portal.versioned(_page_out.dump(answer))

    @api
    def public_search(self, q, cursor=None, limit=20):
        """Public: events whose title, public summary or public press release has every word (full text,
        ``simple``); 422 for a query under 2 or over 100 characters."""
        return portal.versioned(_page_out.dump(portal.search(self.db.session, q, None, cursor, limit)))

    @api
    def public_event(self, event_id):
        """Public: one event's page with its public documentation; 404 when the portal does not show it."""
        return portal.versioned(_event_out.dump(portal.event_page(self.db.session, event_id)))

    @api
    def public_photo(self, photo_id, variant="web"):
        """Public: a published photo's web copy or thumbnail (never the original); 404 otherwise."""
        return _file_out.dump(portal.photo(self.db.session, photo_id, variant))

    @api
    def public_attachment(self, attachment_id):
        """Public: a public attachment of published documentation; 404 otherwise."""
        return _file_out.dump(portal.attachment(self.db.session, attachment_id))

    @api
    def public_feed(self):
        """Public: the Atom feed's entries (documentation published, public events), newest first."""
        return portal.versioned(_feed_out.dump(portal.feed(self.db.session)))

    @api
    def public_sitemap(self):
        """Public: every event page the portal shows (with its last change) and the archive's months."""
        return portal.versioned(_sitemap_out.dump(portal.sitemap(self.db.session)))
