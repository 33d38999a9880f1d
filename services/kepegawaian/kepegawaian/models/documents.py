"""(filled by the documents area)"""
from __future__ import annotations

__all__: list[str] = []
