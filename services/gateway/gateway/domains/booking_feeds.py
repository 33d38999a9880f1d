"""The booking API — iCal feeds: a calendar (RFC 5545) of the caller's own bookings and one per resource,
behind a per-user token a calendar app (Google Calendar, Outlook, Thunderbird) reads without signing in.

The token is shown once when made; making a new one replaces the old (which stops working), deleting revokes
it. The feed routes are public — holding the token is the proof — and answer ``text/calendar``.
"""
from __future__ import annotations

from ..http import Reply
from ..routes import NO_BODY, Route
from . import Domain, Tag

BOOKING_FEEDS = "Peminjaman: kalender iCal"
CALENDAR = "text/calendar"


def calendar_of(scope: str):
    """The feed of ``scope`` answered as the calendar itself."""

    def handler(service, request, token, resource_id=None):
        found = service.booking.feed_calendar(token=token, scope=scope, resource_id=resource_id)
        return Reply(found["calendar"], content_type=found["content_type"], headers={
            "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff",
            "Content-Disposition": f'inline; filename="{found["filename"]}"'})

    handler.__name__ = f"feed_{scope}"
    return handler


DOMAIN = Domain(
    service="booking",
    position=65,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_FEEDS, "Umpan kalender iCal (RFC 5545) peminjaman saya dan per sumber daya, di balik token "
                             "pribadi yang dapat diganti dan dicabut."),),
    routes=(
        Route("GET", "/booking/feed-token", "get_feed_token", "Token kalender saya", BOOKING_FEEDS,
              name="get_booking_feed_token", response="FeedTokenOut", errors=(401,),
              description="Ada tidaknya token dan tanggal dibuat/terakhir dibaca; tokennya sendiri tidak pernah "
                          "ditampilkan lagi."),
        Route("POST", "/booking/feed-token", "create_feed_token", "Buat atau ganti token kalender", BOOKING_FEEDS,
              name="create_booking_feed_token", response="FeedTokenCreatedOut", status=201, body=NO_BODY,
              errors=(403,), headers={"Cache-Control": "no-store"},
              description="Token baru ditampilkan sekali ini; token lama langsung tidak berlaku. Akun tanpa data "
                          "pegawai 403."),
        Route("DELETE", "/booking/feed-token", "revoke_feed_token", "Cabut token kalender", BOOKING_FEEDS,
              name="revoke_booking_feed_token", response="FeedTokenOut", errors=(401,),
              description="Umpan yang memakai token ini langsung menjawab 404."),
        Route("GET", "/public/booking/feeds/<token>/mine.ics", "feed_calendar", "Kalender peminjaman saya (iCal)",
              BOOKING_FEEDS, name="booking_feed_mine", public=True, content_type=CALENDAR, errors=(404,),
              handler=calendar_of("mine"),
              description="Tanpa autentikasi (token di alamat). Peminjaman pemilik token (dan perjalanan yang ia "
                          "kemudikan) 30 hari ke belakang sampai 365 hari ke depan; STATUS CONFIRMED/TENTATIVE/"
                          "CANCELLED. Token tidak dikenal atau dicabut 404."),
        Route("GET", "/public/booking/feeds/<token>/resources/<int:resource_id>.ics", "feed_calendar",
              "Kalender satu sumber daya (iCal)", BOOKING_FEEDS, name="booking_feed_resource", public=True,
              content_type=CALENDAR, errors=(404,), handler=calendar_of("resource"),
              description="Tanpa autentikasi (token di alamat). Peminjaman disetujui dan menunggu atas sumber daya "
                          "ini, keperluannya saja (tanpa data tamu). Token atau sumber daya tidak dikenal 404."),
    ),
)
