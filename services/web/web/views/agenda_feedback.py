"""Agenda — the feedback pages (the feedback area fills this module)."""
from __future__ import annotations


class AgendaFeedbackPages:
    pass
