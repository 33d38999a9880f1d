"""Peminjaman Gedung & Kendaraan — the feeds page: the caller's iCal feed token (make or replace it, revoke it),
the feed addresses shown once when it is made (``mine`` and one per resource) and how to add them to Google
Calendar or Outlook. booking keeps the token (only its hash); the feeds themselves are the gateway's public
``/api/v1/public/booking/feeds/<token>/...`` routes.
"""
from __future__ import annotations

from situok_kit.config import env

from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link

REQUEST = ("booking", "request")
BASE = "/peminjaman/kalender-saya"
FEEDS = "/api/v1/public/booking/feeds"

NAV = Area("peminjaman", service="booking", position=76, links=(
    Link(_("Kalender saya (iCal)"), BASE, REQUEST),
))


def feed_urls(root: str, token: str, resources: list[dict]) -> dict:
    """The feed addresses of ``token``: ``mine`` and ``resources`` (name, address) for each resource."""
    base = f"{root.rstrip('/')}{FEEDS}/{token}"
    return {"mine": f"{base}/mine.ics",
            "resources": [{"name": r["name"], "kind": r.get("kind"), "url": f"{base}/resources/{r['id']}.ics"}
                          for r in resources]}


class BookingFeedPages:
    def _feed_page(self, visit, state: dict, urls: dict | None = None):
        response = visit.render(Page("booking/feeds_token.html", {"state": state, "urls": urls, "base": BASE},
                                     title=visit._("Kalender saya (iCal)")))
        response.headers["Cache-Control"] = "no-store"
        return response

    @page("GET", BASE, needs=REQUEST)
    def booking_feed_token(self, visit):
        return self._feed_page(visit, self.booking.get_feed_token())

    @page("POST", BASE, needs=REQUEST)
    def booking_feed_token_create(self, visit):
        made = self.booking.create_feed_token()
        resources = self.booking.list_resources(limit=200)["items"]
        root = env("SITUOK_PUBLIC_URL") or visit.request.host_url
        state = {"active": True, "created_at": made["created_at"], "last_used_at": None}
        return self._feed_page(visit, state, feed_urls(root, made["token"], resources))

    @page("POST", f"{BASE}/cabut", needs=REQUEST)
    def booking_feed_token_revoke(self, visit):
        self.booking.revoke_feed_token()
        return visit.redirect(BASE, visit._("Token kalender dicabut; alamat umpan lama tidak berlaku lagi."))
