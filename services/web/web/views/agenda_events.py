"""Agenda — the events pages (the events area fills this module)."""
from __future__ import annotations


class AgendaEventPages:
    pass
