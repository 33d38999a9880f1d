"""booking's feeds contract: the caller's feed token (never the secret again), a new token shown once, and the
calendar a feed answers (RFC 5545 text; the edges serve it as ``text/calendar``)."""
from __future__ import annotations

from situok_kit.outputs import choice, flag, moment, text
from situok_kit.schema import ContractSchema

FEED_SCOPES = ("mine", "resource")


class FeedTokenOut(ContractSchema):
    """Whether the caller has a feed token, and since when (the token itself is never shown again)."""

    active = flag("Ada token kalender yang berlaku.")
    created_at = moment("Dibuat")
    last_used_at = moment("Terakhir dibaca oleh aplikasi kalender")


class FeedTokenCreatedOut(ContractSchema):
    """A new feed token: shown this once; the previous one stopped working."""

    token = text("Token umpan kalender (simpan; hanya ditampilkan sekali).")
    created_at = moment("Dibuat", nullable=False)


class FeedCalendarOut(ContractSchema):
    """A feed's calendar (iCalendar, RFC 5545)."""

    scope = choice("Cakupan: mine (peminjaman saya) atau resource (satu sumber daya).", FEED_SCOPES)
    filename = text("Nama berkas (.ics).")
    content_type = text("`text/calendar; charset=utf-8`.")
    calendar = text("Isi kalender (teks iCalendar).")


SCHEMAS = {
    "FeedTokenOut": FeedTokenOut,
    "FeedTokenCreatedOut": FeedTokenCreatedOut,
    "FeedCalendarOut": FeedCalendarOut,
}
EVENTS: dict = {}
