"""Versioned parameters of the rules (``parameters.toml``)."""
