"""agenda's entrypoints, one mixin per area (``agenda.service`` lists them)."""
