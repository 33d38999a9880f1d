"""(filled by the trips area)"""
from __future__ import annotations

__all__: list[str] = []
