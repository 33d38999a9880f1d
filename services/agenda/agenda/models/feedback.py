"""agenda's feedback tables (the feedback area fills this module and its migration)."""
from __future__ import annotations

__all__: list[str] = []
