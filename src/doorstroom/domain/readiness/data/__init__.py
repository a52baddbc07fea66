"""The shipped self-assessment checklists (TOML)."""
