"""matching domain package (pure Python, no Django)."""
