"""Agenda — the visits pages (the visits area fills this module)."""
from __future__ import annotations


class AgendaVisitPages:
    pass
