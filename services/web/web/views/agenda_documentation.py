"""Agenda — the documentation pages (the documentation area fills this module)."""
from __future__ import annotations


class AgendaDocumentationPages:
    pass
