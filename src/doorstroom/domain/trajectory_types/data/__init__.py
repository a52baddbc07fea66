"""The shipped trajectory type files (TOML)."""
