"""Agenda — the public pages (the public area fills this module)."""
from __future__ import annotations


class AgendaPublicPages:
    pass
