"""The reports pages' forms: which items a label sheet is for, a KIB export's filters, a report's year and
format. Plain functions over a werkzeug ``MultiDict``: no service, no request, no session; a value that is not
what a field takes goes to assets as typed, and assets says why (422 per field)."""
from __future__ import annotations

from datetime import date

from .common import int_or_text, parse_year, text_of

FORMATS = ("pdf", "xlsx")
KIBS = ("A", "B", "C", "D", "E", "F")
CONDITIONS = ("B", "KB", "RB")
#: Fields of the label form (assets' names) and where their messages land.
LABEL_FIELDS = ("asset_ids", "room_id", "layout", "skip", "base_url")
KIB_FIELDS = ("kib", "format", "room_id", "condition", "year_from", "year_to")


def format_of(args, default: str = "pdf") -> str:
    fmt = text_of(args, "format")
    return fmt if fmt in FORMATS else default


def label_choice(form) -> dict:
    """The label form as ``label_sheet``'s arguments: the ticked items (``asset_id``, several) or, with
    ``target=room``, the room."""
    args: dict = {}
    if text_of(form, "target") == "room":
        args["room_id"] = int_or_text(text_of(form, "room_id")) or None
    else:
        args["asset_ids"] = [int_or_text(v) for v in form.getlist("asset_id") if (v or "").strip()]
    layout = text_of(form, "layout")
    if layout:
        args["layout"] = layout
    skip = text_of(form, "skip")
    if skip:
        args["skip"] = int_or_text(skip)
    return args


def label_search(args) -> dict:
    """The label page's search as ``list_assets`` filters."""
    filters = {}
    for name in ("q", "kib"):
        value = text_of(args, name)
        if value:
            filters[name] = value
    room = text_of(args, "room_id")
    if room.isdigit():
        filters["room_id"] = int(room)
    return filters


def kib_filters(args) -> dict:
    """A KIB export's query as ``kib_export``'s ``filters``."""
    filters: dict = {}
    for name in ("room_id", "year_from", "year_to"):
        value = text_of(args, name)
        if value:
            filters[name] = int_or_text(value)
    condition = text_of(args, "condition")
    if condition:
        filters["condition"] = condition
    return filters


def report_year(args, today: date) -> int:
    return parse_year(args.get("tahun"), today)


def kib_of(args) -> str | None:
    kib = text_of(args, "kib").upper()
    return kib if kib in KIBS else None
