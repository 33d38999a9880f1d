"""agenda's visits tables (the visits area fills this module and its migration)."""
from __future__ import annotations

__all__: list[str] = []
