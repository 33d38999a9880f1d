"""SITU OK echo: the benchmark baseline (HTTP -> RPC -> JSON, nothing else)."""
