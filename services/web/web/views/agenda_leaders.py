"""Agenda — the leaders and print pages (the leaders area fills this module)."""
from __future__ import annotations


class AgendaLeaderPages:
    pass
