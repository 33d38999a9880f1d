"""personnel_history pages (filled by its area)."""
from __future__ import annotations


class PersonnelHistoryPages:
    """Pages of the area (mixed into ``WebService``)."""
