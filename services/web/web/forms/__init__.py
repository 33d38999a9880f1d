"""Forms <-> the services' data, one module per area: pure functions, unit-tested without a service."""
