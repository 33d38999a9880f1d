"""A small in-process cache of the public portal's answers, so a page asked again within its time-to-live is
served without any RPC (the portal's load goes to this dictionary, not to agenda).

Only answers that are the same for everyone are kept: the views put a page here only for a visitor who is not
signed in and has no message waiting (``web.views.agenda_public``); the key is the path, the query string and the
language. Entries live ``ttl`` seconds (30–60: a newly published item shows within a minute), at most ``size`` of
them (the oldest used goes first). One lock guards the dictionary: Nameko's workers are green threads
(eventlet patches ``threading``), and the same code is safe with OS threads.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

DEFAULT_TTL = 45.0
DEFAULT_SIZE = 512


@dataclass(frozen=True)
class Entry:
    body: bytes
    content_type: str
    etag: str
    expires: float


class PublicCache:
    def __init__(self, ttl: float = DEFAULT_TTL, size: int = DEFAULT_SIZE, clock=time.monotonic):
        if not 0 < ttl <= 60 or size < 1:
            raise ValueError("ttl must be in (0, 60] seconds and size at least 1")
        self.ttl, self.size, self.clock = ttl, size, clock
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Entry | None:
        """The fresh entry of ``key`` (an expired one is dropped)."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires <= now:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, body: bytes, content_type: str, etag: str) -> Entry:
        entry = Entry(body, content_type, etag, self.clock() + self.ttl)
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


#: The web's one cache of public pages.
CACHE = PublicCache()
