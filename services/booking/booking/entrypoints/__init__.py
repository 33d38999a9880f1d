"""booking's RPC entrypoints, event consumers and timers, one mixin per area; ``booking.service.BookingService``
combines them. Each method checks who is calling (``self._caller()``), validates its input with the area's
``*In`` schemas (``situok_kit.schema.load_input``), calls the domain (no SQL here) and answers
``SomeOut().dump(...)``; writes run in ``self.db.transaction()`` with their outbox events."""
