"""(filled by the career area)"""
from __future__ import annotations

__all__: list[str] = []
