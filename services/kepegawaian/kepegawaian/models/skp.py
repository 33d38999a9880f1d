"""(filled by the skp area)"""
from __future__ import annotations

__all__: list[str] = []
