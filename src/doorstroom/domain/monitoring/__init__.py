"""monitoring domain package (pure Python, no Django)."""
