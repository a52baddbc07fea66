"""rules domain package (pure Python, no Django)."""
