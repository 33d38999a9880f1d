"""handovers: the area's tables (filled by the area; see its migration)."""
from __future__ import annotations

__all__: list[str] = []
