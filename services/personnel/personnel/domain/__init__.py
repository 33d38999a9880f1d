"""Personnel business rules as plain Python: no Nameko, no broker.

Commands take a ``tx`` (``situok_kit.db.Transaction``: ``tx.session`` plus
``tx.emit`` for outbox events) so a change and its events commit together;
queries take a SQLAlchemy ``Session``. Rules that need no database at all
(NIP, NIK, golongan, passwords) live in ``identifiers`` and ``passwords``.
"""
