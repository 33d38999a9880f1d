"""booking's vehicles tables (built in their own revision)."""
from __future__ import annotations

__all__: list[str] = []
