"""SITU OK gateway: the JSON API for client apps (``/api/v1``)."""
