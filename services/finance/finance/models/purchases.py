"""purchases: tables come with their helper's migration."""
from __future__ import annotations

from .base import Base  # noqa: F401
