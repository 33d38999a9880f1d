"""Attendance rules in plain Python (``status`` is pure: no database, no clock)."""
