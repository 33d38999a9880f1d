"""Travel business rules as plain Python: no Nameko, no broker.

Commands take a ``tx`` (``situok_kit.db.Transaction``: ``tx.session`` plus ``tx.emit``) so a change and its
events commit together; queries take a SQLAlchemy ``Session``; both take the ``access.Caller`` looked up once per
request. Pure rules (the workflow table, the caller's capacities, cost arithmetic, rate-file parsing, number
templates, level rules) need no database at all.
"""
