"""The RPC half of the benchmark echo."""
