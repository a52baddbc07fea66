"""competences domain package (pure Python, no Django)."""
