"""SITU OK kepegawaian: the daily administration of the bureau's civil servants (ASN) — see ``service``."""
