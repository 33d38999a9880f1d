"""(filled by the leave area)"""
from __future__ import annotations

__all__: list[str] = []
