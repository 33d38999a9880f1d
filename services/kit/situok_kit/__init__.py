"""SITU OK shared service kit.

Everything every service needs and nothing domain-specific: configuration,
database access, the transactional outbox, event envelopes and idempotent
consumers, caller identity, domain errors, RPC with timeouts, logging, health.
"""
