"""Keyset (cursor) paging of the services' list calls, for the list pages and for pickers."""
from __future__ import annotations

import urllib.parse

from situok_kit.errors import ValidationFailed


def keyset_page(visit, fetch, path: str, query: dict | None = None) -> tuple[dict, dict]:
    """(the page ``fetch(cursor)`` answers for the request's ``?cursor=``, its pager links).

    A stale or edited cursor starts again from the first page. The links are ``next_url`` (``None`` on the last
    page) and ``first_url`` (``None`` on the first); they keep ``query`` (the list's filters, if it has any)."""
    cursor = visit.request.args.get("cursor") or None
    try:
        result = fetch(cursor)
    except ValidationFailed:
        result = fetch(None)
        cursor = None

    def url(extra: dict | None = None) -> str:
        if query is None and not extra:
            return path
        return path + "?" + urllib.parse.urlencode({**(query or {}), **(extra or {})})

    return result, {"next_url": url({"cursor": result["next_cursor"]}) if result.get("next_cursor") else None,
                    "first_url": url() if cursor else None}


def all_pages(fetch, max_pages: int) -> list[dict]:
    """Every item of a cursor-paged list call ``fetch(cursor)``, at most ``max_pages`` pages of it."""
    items, cursor = [], None
    for _ in range(max_pages):
        result = fetch(cursor)
        items += result["items"]
        cursor = result.get("next_cursor")
        if not cursor:
            break
    return items
