"""The reports area's entrypoints (labels, KIR, KIB exports, depreciation)."""
from __future__ import annotations


class ReportEntrypoints:
    """RPCs of the reports area (mixed into ``AssetsService``)."""
