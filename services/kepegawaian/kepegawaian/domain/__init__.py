"""kepegawaian's rules, one module per area; pure rules (no database, no clock) in the ``*_rules`` modules."""
