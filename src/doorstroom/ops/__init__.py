"""Operational helpers: throw-away servers and load generation for benchmarks and tests."""
