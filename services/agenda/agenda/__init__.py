"""SITU OK agenda service: the leaders' agenda, its documentation, the public portal's content, official visit
requests and public feedback (``agenda.service``)."""
